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
        Text::UnexpectedError => (
            "Something went wrong inside Mailroom. Reload the page to start again.",
            "Mailroom 内部出错了。请刷新页面重新开始。",
        ),
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
}
