//! Every word of the interface in English and Simplified Chinese.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// Reads `?lang=` values: `en`, `zh` (and `zh-CN`, `zh-Hans`).
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.to_ascii_lowercase();
        if code == "en" || code.starts_with("en-") {
            Some(Lang::En)
        } else if code == "zh" || code.starts_with("zh-") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }
}

/// A piece of interface text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    Tagline,
    Server,
    Storage,
    NoMessages,
    Devices,
    CheckMail,
    GoOffline,
    GoOnline,
    Online,
    Offline,
    NoMailYet,
    Transcript,
    AllDevices,
    TranscriptEmpty,
    Play,
    Pause,
    Step,
    StepBack,
    Speed,
    Instant,
    Reset,
    SendMail,
    AddDevice,
    Language,
    Projector,
    Laptop,
    Phone,
    Tablet,
    Desktop,
    DownloadAndDelete,
    LeaveOnServer,
    PushWithIdle,
    PollEvery10Minutes,
    Open,
    Delete,
    Flag,
    SimTime,
    Controls,
    Octets,
    Messages,
    Share,
    UnexpectedError,
    ActionsPendingError,
    ShortcutPlayPause,
    ShortcutSpeed,
    ShortcutHelp,
    Help,
    Close,
    Connected,
    Idling,
    ActionsQueued,
    Settings,
    Remove,
    WarpDay,
    WarpWeek,
    Fault,
    FaultDropBeforeQuit,
    FaultMaildropLocked,
    FaultUidValidityReset,
    FaultUidlStateLost,
    FaultOverQuota,
    FaultRandom,
    Terminal,
    TerminalHint,
    Protocol,
    LeaveOnServerDays,
    PollEveryMinutes,
    DeleteMoveToTrash,
    DeleteMarkDeleted,
    DeleteRemoveNow,
    HeadersOnly,
    Reader,
    Sender,
    Lost,
    Explanation,
    EarlierLinesHidden,
    InFlight,
    Moment,
    Dismiss,
    NoSuchDevice,
    NoSuchMessage,
    DeviceOfflineError,
    TooManyDevices,
    LastDevice,
    InvalidInput,
    NotForProtocol,
    Pop3Kind,
    ImapIdle,
    ImapPoll,
    Pop3Delete,
    Pop3Keep,
    Pop3Keep7,
    Lessons,
    StepOf,
    YourPrediction,
    RunStep,
    RunAndReveal,
    WatchTheWire,
    NextStep,
    LessonEnd,
    CloseLesson,
    SimulationShows,
    PredictedRight,
    PredictedWrong,
    Yes,
    No,
    NoSuchLesson,
    NoSuchChallenge,
    ActionQueued,
    StageView,
    Views,
    DeleteOnServerToo,
    ChallengeRefused,
    BadLink,
    BadFile,
    UnreadableSave,
    BadPrevious,
    OpenedLink,
    OpenedFile,
    RestoredPrevious,
    KeptPrevious,
    RestorePrevious,
    ShareTitle,
    ShareHint,
    MakingLink,
    CopyLink,
    ExportWorld,
    ImportWorld,
    ExportTranscript,
    SaveAndShare,
    ExportSvg,
    WriteMail,
    MailFrom,
    MailSubject,
    MailBody,
    SendIt,
    ExportPng,
    Compare,
    CompareCheckBoth,
    ComparePop3Title,
    ComparePop3Model,
    CompareImapTitle,
    CompareImapModel,
    CompareDiffers,
    CompareRefused,
    TokenExpunge,
    TokenMove,
    MarkedForDeletion,
    MovedTo,
    Story,
    StoryEmpty,
    LaterBy,
    // Worksheets
    PrintWorksheet,
    PrintKey,
    PrintTranscript,
    Worksheet,
    AnswerKey,
    SheetName,
    SheetDate,
    StartingWorld,
    SheetStep,
    ExplainWhy,
    SheetNotes,
    TheAnswer,
    AnswerUnknown,
    GoalChecklist,
    YourPlan,
    SolutionMoves,
    TheRule,
    ParIs,
    MoveCheckMail,
    MoveOpen,
    MoveDelete,
    MoveFlag,
    MoveToFolder,
    MoveOffline,
    MoveOnline,
    MoveSendMail,
    MoveAddDevice,
    MoveRemoveDevice,
    MoveConfigure,
    MoveWarp,
    MoveFault,
    MoveTerminal,
    MoveWait,
    PrintShort,
}

/// "1 message", "3 messages", "3 封邮件".
pub fn messages_text(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::En, 1) => "1 message".to_string(),
        _ => format!("{n} {}", tr(lang, Text::Messages)),
    }
}

/// A folder's name as the interface shows it: the well-known folders in the reader's language, any other name
/// as written. Wire text (the transcript, data attributes) keeps the server's names, INBOX included.
pub fn folder_name(lang: Lang, name: &str) -> String {
    let translated = match lang {
        Lang::En => None,
        Lang::Zh => match name {
            _ if name.eq_ignore_ascii_case("INBOX") => Some("收件箱"),
            "Sent" => Some("已发送"),
            "Trash" => Some("废纸篓"),
            "Archive" => Some("归档"),
            "Drafts" => Some("草稿"),
            "Junk" => Some("垃圾邮件"),
            _ => None,
        },
    };
    translated.map_or_else(|| name.to_string(), str::to_string)
}

/// The simulation clock in the reader's language: `Mon 09:00:05` or `周一 09:00:05`.
pub fn clock(lang: Lang, now: crate::sim::time::SimTime) -> String {
    const ZH_WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let english = now.clock();
    match lang {
        Lang::En => english,
        // The English clock is the weekday, a space and the time of day; only the weekday changes.
        Lang::Zh => {
            let time_of_day = english.split_once(' ').map_or("", |(_, time)| time);
            let weekday = ZH_WEEKDAYS.get(now.weekday()).copied().unwrap_or("");
            format!("{weekday} {time_of_day}")
        }
    }
}

/// A lesson's text in the given language.
pub fn words(lang: Lang, words: crate::sim::lesson::Words) -> &'static str {
    match lang {
        Lang::En => words.en,
        Lang::Zh => words.zh,
    }
}

/// The text in the given language.
pub fn tr(lang: Lang, text: Text) -> &'static str {
    let (en, zh) = match text {
        Text::Tagline => ("POP3 and IMAP, running line by line", "逐行运行的 POP3 与 IMAP"),
        Text::Server => ("Mail server", "邮件服务器"),
        Text::Storage => ("Storage used", "已用存储"),
        Text::NoMessages => ("No messages", "没有邮件"),
        Text::Devices => ("Devices", "设备"),
        Text::CheckMail => ("Check mail", "收取邮件"),
        Text::GoOffline => ("Go offline", "断开网络"),
        Text::GoOnline => ("Go online", "连接网络"),
        Text::Online => ("online", "在线"),
        Text::Offline => ("offline", "离线"),
        Text::NoMailYet => ("No mail on this device yet", "此设备上还没有邮件"),
        Text::Transcript => ("Transcript", "通信记录"),
        Text::AllDevices => ("All devices", "所有设备"),
        Text::TranscriptEmpty => (
            "Nothing on the wire yet. Press “Check mail” on a device to watch its client talk to the server.",
            "线路上还没有数据。点击设备上的“收取邮件”，观看客户端与服务器的对话。",
        ),
        Text::Play => ("Play", "播放"),
        Text::Pause => ("Pause", "暂停"),
        Text::Step => ("Step", "单步"),
        Text::StepBack => ("Step back", "后退一步"),
        Text::Speed => ("Speed", "速度"),
        Text::Instant => ("instant", "即时"),
        Text::Reset => ("Reset", "重置"),
        Text::SendMail => ("Send a mail", "发送邮件"),
        Text::AddDevice => ("Add device", "添加设备"),
        Text::Language => ("Language", "语言"),
        Text::Projector => ("Projector", "投影模式"),
        Text::Laptop => ("Laptop", "笔记本电脑"),
        Text::Phone => ("Phone", "手机"),
        Text::Tablet => ("Tablet", "平板电脑"),
        Text::Desktop => ("Desktop", "台式电脑"),
        Text::DownloadAndDelete => ("download and delete", "下载后删除"),
        Text::LeaveOnServer => ("leave on server", "在服务器上保留"),
        Text::PushWithIdle => ("push with IDLE", "IDLE 推送"),
        Text::PollEvery10Minutes => ("checks every 10 minutes", "每 10 分钟检查一次"),
        Text::Open => ("Open", "打开"),
        Text::Delete => ("Delete", "删除"),
        Text::Flag => ("Flag", "标记"),
        Text::SimTime => ("Simulated time", "模拟时间"),
        Text::Controls => ("Simulation controls", "模拟控制"),
        Text::Octets => ("octets", "字节"),
        Text::Messages => ("messages", "封邮件"),
        Text::Share => ("Share", "分享"),
        Text::ActionsPendingError => (
            "This device has actions waiting for the network: bring it online before changing its settings.",
            "此设备有操作正在等待联网：请先连接网络，再更改设置。",
        ),
        Text::UnexpectedError => (
            "Something went wrong inside Mailroom. Reload the page to start again.",
            "Mailroom 内部出错了。请刷新页面重新开始。",
        ),
        Text::ShortcutPlayPause => ("Play or pause", "播放或暂停"),
        Text::ShortcutSpeed => ("Faster or slower", "加速或减速"),
        Text::ShortcutHelp => ("Show or hide this help", "显示或隐藏帮助"),
        Text::Help => ("Keyboard shortcuts", "键盘快捷键"),
        Text::Close => ("Close", "关闭"),
        Text::Connected => ("connected", "已连接"),
        Text::Idling => ("connected · waiting in IDLE", "已连接 · IDLE 等待中"),
        Text::ActionsQueued => ("actions waiting for the network", "个操作等待联网"),
        Text::ActionQueued => ("action waiting for the network", "个操作等待联网"),
        Text::Settings => ("Settings", "设置"),
        Text::Remove => ("Remove", "移除"),
        Text::WarpDay => ("+1 day", "+1 天"),
        Text::WarpWeek => ("+7 days", "+7 天"),
        Text::Fault => ("Inject a fault", "注入故障"),
        Text::FaultDropBeforeQuit => ("Drop the laptop's next connection before QUIT", "让笔记本电脑的下次连接在 QUIT 前断开"),
        Text::FaultMaildropLocked => ("Another POP3 client holds the mailbox lock", "另一个 POP3 客户端占用邮箱锁"),
        Text::FaultUidValidityReset => ("Server resets UIDVALIDITY", "服务器重置 UIDVALIDITY"),
        Text::FaultUidlStateLost => ("Laptop loses its UIDL list", "笔记本电脑丢失 UIDL 记录"),
        Text::FaultOverQuota => ("Mailbox is full", "邮箱已满"),
        Text::FaultRandom => ("Random fault", "随机故障"),
        Text::Terminal => ("Terminal", "终端"),
        Text::TerminalHint => ("Type a command and press Enter, as with telnet. Try USER alice, then PASS wonderland, then LIST.", "输入命令并按回车，就像使用 telnet。试试 USER alice，然后 PASS wonderland，再输入 LIST。"),
        Text::Protocol => ("Protocol", "协议"),
        Text::LeaveOnServerDays => ("leave on server, delete after {n} days", "在服务器上保留，{n} 天后删除"),
        Text::PollEveryMinutes => ("checks every {n} minutes", "每 {n} 分钟检查一次"),
        Text::DeleteMoveToTrash => ("delete moves to Trash", "删除时移到废纸篓"),
        Text::DeleteMarkDeleted => ("delete marks \\Deleted", "删除时标记 \\Deleted"),
        Text::DeleteRemoveNow => ("delete removes at once", "删除时立即清除"),
        Text::HeadersOnly => ("headers only", "仅下载邮件头"),
        Text::Reader => ("Message", "邮件"),
        Text::Sender => ("Sender on the Internet", "互联网上的发件人"),
        Text::Lost => ("lost", "丢失"),
        Text::Explanation => ("What this line means", "这一行的含义"),
        Text::EarlierLinesHidden => ("earlier lines are hidden", "更早的行已隐藏"),
        Text::InFlight => ("on the wire", "传输中"),
        Text::Moment => ("Moment", "时刻"),
        Text::Dismiss => ("Dismiss", "关闭"),
        Text::NoSuchDevice => ("There is no such device.", "没有这个设备。"),
        Text::NoSuchMessage => ("That message is no longer on this device.", "这封邮件已不在此设备上。"),
        Text::DeviceOfflineError => ("This device is offline: bring it online first.", "此设备处于离线状态：请先连接网络。"),
        Text::TooManyDevices => ("A world holds at most 8 devices.", "最多只能有 8 台设备。"),
        Text::LastDevice => ("The last device cannot be removed.", "不能移除最后一台设备。"),
        Text::InvalidInput => ("That input is not valid", "输入无效"),
        Text::NotForProtocol => ("That does not apply to this device's protocol.", "这不适用于此设备的协议。"),
        Text::Pop3Kind => ("POP3", "POP3"),
        Text::ImapIdle => ("IMAP, push with IDLE", "IMAP，IDLE 推送"),
        Text::ImapPoll => ("IMAP, check every 10 minutes", "IMAP，每 10 分钟检查"),
        Text::Pop3Delete => ("POP3, download and delete", "POP3，下载后删除"),
        Text::Pop3Keep => ("POP3, leave on server", "POP3，在服务器上保留"),
        Text::Pop3Keep7 => ("POP3, leave on server, delete after 7 days", "POP3，保留 7 天后删除"),
        Text::Lessons => ("Lessons", "课程"),
        Text::StepOf => ("Step {n} of {m}", "第 {n} 步，共 {m} 步"),
        Text::YourPrediction => ("Your prediction", "你的预测"),
        Text::RunStep => ("Run this step", "运行这一步"),
        Text::RunAndReveal => ("Run it and see", "运行并揭晓"),
        Text::WatchTheWire => ("Running: watch the wire…", "运行中：请观察线路……"),
        Text::NextStep => ("Next step", "下一步"),
        Text::LessonEnd => ("End of the lesson. Keep exploring, or pick another lesson.", "本课结束。可以继续探索，或选择另一节课。"),
        Text::CloseLesson => ("Leave the lesson", "退出课程"),
        Text::SimulationShows => ("The simulation shows:", "模拟结果："),
        Text::PredictedRight => ("just as you predicted.", "和你的预测一致。"),
        Text::PredictedWrong => ("not what you predicted. Read the transcript to see why.", "和你的预测不同。看看通信记录，找出原因。"),
        Text::Yes => ("yes", "是"),
        Text::No => ("no", "否"),
        Text::BadLink => (
            "This share link could not be opened: {reason}. The world you had is still running.",
            "无法打开这个分享链接：{reason}。原来的场景仍在运行。",
        ),
        Text::BadFile => (
            "This file could not be opened: {reason}. The world you had is still running.",
            "无法打开这个文件：{reason}。原来的场景仍在运行。",
        ),
        Text::UnreadableSave => (
            "The world saved in this browser could not be read: {reason}. It was kept aside under mailroom.world.unreadable, and the default world is running.",
            "无法读取保存在此浏览器中的场景：{reason}。它已另存为 mailroom.world.unreadable，现在运行的是默认场景。",
        ),
        Text::BadPrevious => (
            "The previous world could not be restored: {reason}.",
            "无法恢复之前的场景：{reason}。",
        ),
        Text::OpenedLink => ("Opened the shared world, paused where it was shared.", "已打开分享的场景，停在分享时的位置。"),
        Text::OpenedFile => ("Opened the world from the file, paused where it was saved.", "已从文件打开场景，停在保存时的位置。"),
        Text::RestoredPrevious => ("Restored your previous world.", "已恢复你之前的场景。"),
        Text::KeptPrevious => ("Your own saved world was kept.", "你自己保存的场景仍然保留着。"),
        Text::RestorePrevious => ("Restore it", "恢复它"),
        Text::ShareTitle => ("Save and share this world", "保存与分享这个场景"),
        Text::ShareHint => (
            "The link holds the whole world (devices, settings, mail and every action so far) in its fragment, which never reaches a server. Anyone who opens it sees exactly this moment.",
            "链接的片段部分包含整个场景（设备、设置、邮件和到目前为止的每个操作），不会发送到任何服务器。任何人打开它，都会看到此刻完全相同的场景。",
        ),
        Text::MakingLink => ("Making the link…", "正在生成链接……"),
        Text::CopyLink => ("Copy", "复制"),
        Text::ExportWorld => ("Save as a file (JSON)", "另存为文件（JSON）"),
        Text::ImportWorld => ("Open a file…", "打开文件……"),
        Text::ExportTranscript => ("Transcript as text", "通信记录导出为文本"),
        Text::SaveAndShare => ("Save & share", "保存与分享"),
        Text::ExportSvg => ("Diagram as SVG", "示意图导出为 SVG"),
        Text::WriteMail => ("Write a mail from outside", "从外部写一封邮件"),
        Text::MailFrom => ("From", "发件人"),
        Text::MailSubject => ("Subject", "主题"),
        Text::MailBody => ("Message", "正文"),
        Text::SendIt => ("Send by SMTP", "通过 SMTP 发送"),
        Text::ExportPng => ("Diagram as PNG", "示意图导出为 PNG"),
        Text::NoSuchLesson => ("There is no such lesson; here is the default world.", "没有这节课；现在显示的是默认场景。"),
        Text::DeleteOnServerToo => (
            "Deleting here deletes on the server too",
            "在此删除时也从服务器删除",
        ),
        Text::StageView => ("Stage", "示意图"),
        Text::Views => ("View", "视图"),
        Text::NoSuchChallenge => (
            "There is no challenge “{id}”: the world is as it was. Open Challenges to pick one.",
            "没有名为“{id}”的挑战：世界保持原样。打开“挑战”选择一个。",
        ),
        Text::ChallengeRefused => (
            "This challenge cannot be opened: {reason}. The world is as it was.",
            "无法打开此挑战：{reason}。世界保持原样。",
        ),
        Text::Compare => ("Compare POP3 · IMAP", "对比 POP3 · IMAP"),
        Text::CompareCheckBoth => ("Check mail on both sides:", "两边同时收取邮件："),
        Text::ComparePop3Title => ("Every device uses POP3", "所有设备都用 POP3"),
        Text::ComparePop3Model => ("Download and delete: each mail leaves the server for the first device that checks.", "下载后删除：每封邮件离开服务器，只到达第一个收信的设备。"),
        Text::CompareImapTitle => ("Every device uses IMAP", "所有设备都用 IMAP"),
        Text::CompareImapModel => ("Mail stays on the server; every device keeps a synchronised copy.", "邮件留在服务器上；每台设备都保存一份同步的副本。"),
        Text::CompareDiffers => ("differs from the other side", "与另一边不同"),
        Text::CompareRefused => ("Refused on this side", "这一边拒绝了此操作"),
        Text::TokenExpunge => ("expunge", "永久删除"),
        Text::TokenMove => ("move", "移动"),
        Text::MarkedForDeletion => ("marked for deletion", "已标记删除"),
        Text::MovedTo => ("moved to", "移到"),
        Text::Story => ("What happened", "发生了什么"),
        Text::StoryEmpty => ("Check mail on a device, or send a mail, and the story of the mail appears here.", "在设备上收信或发送一封邮件，邮件的经过就会显示在这里。"),
        Text::LaterBy => ("later", "之后"),
        // Worksheets
        Text::PrintWorksheet => ("Print worksheet", "打印练习单"),
        Text::PrintKey => ("Print answer key", "打印答案"),
        Text::PrintTranscript => ("Print the transcript", "打印通信记录"),
        Text::Worksheet => ("Worksheet", "练习单"),
        Text::AnswerKey => ("Answer key", "答案"),
        Text::SheetName => ("Name", "姓名"),
        Text::SheetDate => ("Date", "日期"),
        Text::StartingWorld => ("The world at the start", "开始时的场景"),
        Text::SheetStep => ("Step {n}", "第 {n} 步"),
        Text::ExplainWhy => ("Why? Explain in your own words:", "为什么？用自己的话解释："),
        Text::SheetNotes => ("Notes", "笔记"),
        Text::TheAnswer => ("Answer:", "答案："),
        Text::AnswerUnknown => ("The simulation could not run this step: {reason}", "模拟无法运行这一步：{reason}"),
        Text::GoalChecklist => ("Goal: tick each condition once it holds", "目标：每满足一个条件就打勾"),
        Text::YourPlan => ("Your plan: the actions, in order", "你的计划：按顺序写下操作"),
        Text::SolutionMoves => ("A solution, move by move", "参考答案，逐步操作"),
        Text::TheRule => ("The rule", "依据的规则"),
        Text::ParIs => ("Par: {n}", "标准：{n}"),
        Text::MoveCheckMail => ("Check mail on the {device}.", "在{device}上收取邮件。"),
        Text::MoveOpen => ("Open “{subject}” on the {device}.", "在{device}上打开“{subject}”。"),
        Text::MoveDelete => ("Delete “{subject}” on the {device}.", "在{device}上删除“{subject}”。"),
        Text::MoveFlag => ("Flag or unflag “{subject}” on the {device}.", "在{device}上标记或取消标记“{subject}”。"),
        Text::MoveToFolder => ("Move “{subject}” to {folder} on the {device}.", "在{device}上把“{subject}”移到{folder}。"),
        Text::MoveOffline => ("Take the {device} offline.", "让{device}断开网络。"),
        Text::MoveOnline => ("Bring the {device} back online.", "让{device}重新连接网络。"),
        Text::MoveSendMail => ("Send a mail “{subject}” from outside.", "从外部发送一封邮件“{subject}”。"),
        Text::MoveAddDevice => ("Add a device: {device}.", "添加一台设备：{device}。"),
        Text::MoveRemoveDevice => ("Remove the {device}.", "移除{device}。"),
        Text::MoveConfigure => ("Set the {device} to: {mode}.", "把{device}设置为：{mode}。"),
        Text::MoveWarp => ("Let {n} days pass.", "让 {n} 天过去。"),
        Text::MoveFault => ("Inject a fault: {fault}.", "注入故障：{fault}。"),
        Text::MoveTerminal => ("Type {line} in the terminal ({protocol}).", "在终端（{protocol}）中输入 {line}。"),
        Text::MoveWait => ("Wait {n} minutes.", "等待 {n} 分钟。"),
        Text::PrintShort => ("Print", "打印"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_codes_are_read_leniently() {
        assert_eq!(Lang::from_code("zh"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
    }

    #[test]
    fn folder_names_and_weekdays_read_in_chinese() {
        assert_eq!(folder_name(Lang::Zh, "INBOX"), "收件箱");
        assert_eq!(folder_name(Lang::Zh, "Trash"), "废纸篓");
        assert_eq!(folder_name(Lang::Zh, "Work/2024"), "Work/2024");
        assert_eq!(folder_name(Lang::En, "INBOX"), "INBOX");
        let monday = crate::sim::time::SimTime::ZERO;
        assert_eq!(clock(Lang::Zh, monday), "周一 09:00:00");
        assert_eq!(clock(Lang::En, monday), "Mon 09:00:00");
        let sunday = crate::sim::time::SimTime::from_millis(6 * 86_400_000);
        assert!(clock(Lang::Zh, sunday).starts_with("周日 "));
    }
}
