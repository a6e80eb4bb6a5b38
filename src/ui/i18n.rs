//! Every word of the interface, written in English (the key of its translations), and the catalogues of the
//! other languages fetched so far.

pub use crate::i18n::Lang;
use crate::i18n::{en, Catalogue, Tongue};
use std::cell::RefCell;

thread_local! {
    /// The catalogues fetched so far, each once per page: kept for the page's life, so their texts are
    /// `'static` like English's.
    static LOADED: RefCell<Vec<(Lang, &'static Catalogue)>> = const { RefCell::new(Vec::new()) };
}

/// Keeps a fetched catalogue for the rest of the page's life.
pub fn install(lang: Lang, catalogue: Catalogue) {
    let kept: &'static Catalogue = Box::leak(Box::new(catalogue));
    LOADED.with_borrow_mut(|loaded| {
        loaded.retain(|(l, _)| *l != lang);
        loaded.push((lang, kept));
    });
}

/// Whether the language can be shown now: English always, others once their catalogue is in.
pub fn is_loaded(lang: Lang) -> bool {
    lang == Lang::En || LOADED.with_borrow(|loaded| loaded.iter().any(|(l, _)| *l == lang))
}

/// The language with its catalogue; English words until the catalogue is in.
pub fn tongue(lang: Lang) -> Tongue {
    LOADED.with_borrow(|loaded| {
        loaded
            .iter()
            .find(|(l, _)| *l == lang)
            .map_or(Tongue::ENGLISH, |(l, catalogue)| Tongue::new(*l, catalogue))
    })
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
    LanguageNotLoaded,
    // Table view
    TableView,
    TableFolder,
    TableFlags,
    TableActions,
    TableNoFlags,
    TableSeen,
    TableAnswered,
    TableFlagged,
    TableDeleted,
    TableDraft,
    TableOnDevice,
    TableMessageOnDevice,
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
    crate::sim::story::messages(tongue(lang), n)
}

/// The folders every mail client knows by name, shown in the reader's language.
const WELL_KNOWN_FOLDERS: [&str; 6] = [
    en("INBOX"),
    en("Sent"),
    en("Trash"),
    en("Archive"),
    en("Drafts"),
    en("Junk"),
];

/// A folder's name as the interface shows it: the well-known folders in the reader's language, any other name
/// as written. Wire text (the transcript, data attributes) keeps the server's names, INBOX included.
pub fn folder_name(lang: Lang, name: &str) -> String {
    // INBOX is the one name matched in any case (RFC 3501 §5.1); the others only as written.
    let known = |known: &&&str| {
        **known == name || (**known == "INBOX" && name.eq_ignore_ascii_case("INBOX"))
    };
    WELL_KNOWN_FOLDERS.iter().find(known).map_or_else(
        || name.to_string(),
        |known| tongue(lang).word(known).to_string(),
    )
}

/// The simulation clock in the reader's language: `Mon 09:00:05` or `周一 09:00:05`.
pub fn clock(lang: Lang, now: crate::sim::time::SimTime) -> String {
    const WEEKDAYS: [&str; 7] = [
        en("Mon"),
        en("Tue"),
        en("Wed"),
        en("Thu"),
        en("Fri"),
        en("Sat"),
        en("Sun"),
    ];
    let english = now.clock();
    // The English clock is the weekday, a space and the time of day; only the weekday changes.
    let time_of_day = english.split_once(' ').map_or("", |(_, time)| time);
    let weekday = WEEKDAYS.get(now.weekday()).copied().unwrap_or("");
    format!("{} {time_of_day}", tongue(lang).word(weekday))
}

/// A lesson's text in the given language.
pub fn words(lang: Lang, words: crate::sim::lesson::Words) -> &'static str {
    words.in_tongue(tongue(lang))
}

/// The text in the given language.
pub fn tr(lang: Lang, text: Text) -> &'static str {
    tongue(lang).word(english(text))
}

/// The interface text in English, the key of its translations.
fn english(text: Text) -> &'static str {
    match text {
        Text::Tagline => en("POP3 and IMAP, running line by line"),
        Text::Server => en("Mail server"),
        Text::Storage => en("Storage used"),
        Text::NoMessages => en("No messages"),
        Text::Devices => en("Devices"),
        Text::CheckMail => en("Check mail"),
        Text::GoOffline => en("Go offline"),
        Text::GoOnline => en("Go online"),
        Text::Online => en("online"),
        Text::Offline => en("offline"),
        Text::NoMailYet => en("No mail on this device yet"),
        Text::Transcript => en("Transcript"),
        Text::AllDevices => en("All devices"),
        Text::TranscriptEmpty => en("Nothing on the wire yet. Press “Check mail” on a device to watch its client talk to the server."),
        Text::Play => en("Play"),
        Text::Pause => en("Pause"),
        Text::Step => en("Step"),
        Text::StepBack => en("Step back"),
        Text::Speed => en("Speed"),
        Text::Instant => en("instant"),
        Text::Reset => en("Reset"),
        Text::SendMail => en("Send a mail"),
        Text::AddDevice => en("Add device"),
        Text::Language => en("Language"),
        Text::Projector => en("Projector"),
        Text::Laptop => en("Laptop"),
        Text::Phone => en("Phone"),
        Text::Tablet => en("Tablet"),
        Text::Desktop => en("Desktop"),
        Text::DownloadAndDelete => en("download and delete"),
        Text::LeaveOnServer => en("leave on server"),
        Text::PushWithIdle => en("push with IDLE"),
        Text::PollEvery10Minutes => en("checks every 10 minutes"),
        Text::Open => en("Open"),
        Text::Delete => en("Delete"),
        Text::Flag => en("Flag"),
        Text::SimTime => en("Simulated time"),
        Text::Controls => en("Simulation controls"),
        Text::Octets => en("octets"),
        Text::Messages => en("messages"),
        Text::Share => en("Share"),
        Text::ActionsPendingError => en("This device has actions waiting for the network: bring it online before changing its settings."),
        Text::UnexpectedError => en("Something went wrong inside Mailroom. Reload the page to start again."),
        Text::ShortcutPlayPause => en("Play or pause"),
        Text::ShortcutSpeed => en("Faster or slower"),
        Text::ShortcutHelp => en("Show or hide this help"),
        Text::Help => en("Keyboard shortcuts"),
        Text::Close => en("Close"),
        Text::Connected => en("connected"),
        Text::Idling => en("connected · waiting in IDLE"),
        Text::ActionsQueued => en("actions waiting for the network"),
        Text::ActionQueued => en("action waiting for the network"),
        Text::Settings => en("Settings"),
        Text::Remove => en("Remove"),
        Text::WarpDay => en("+1 day"),
        Text::WarpWeek => en("+7 days"),
        Text::Fault => en("Inject a fault"),
        Text::FaultDropBeforeQuit => en("Drop the laptop's next connection before QUIT"),
        Text::FaultMaildropLocked => en("Another POP3 client holds the mailbox lock"),
        Text::FaultUidValidityReset => en("Server resets UIDVALIDITY"),
        Text::FaultUidlStateLost => en("Laptop loses its UIDL list"),
        Text::FaultOverQuota => en("Mailbox is full"),
        Text::FaultRandom => en("Random fault"),
        Text::Terminal => en("Terminal"),
        Text::TerminalHint => en("Type a command and press Enter, as with telnet. Try USER alice, then PASS wonderland, then LIST."),
        Text::Protocol => en("Protocol"),
        Text::LeaveOnServerDays => en("leave on server, delete after {n} days"),
        Text::PollEveryMinutes => en("checks every {n} minutes"),
        Text::DeleteMoveToTrash => en("delete moves to Trash"),
        Text::DeleteMarkDeleted => en("delete marks \\Deleted"),
        Text::DeleteRemoveNow => en("delete removes at once"),
        Text::HeadersOnly => en("headers only"),
        Text::Reader => en("Message"),
        Text::Sender => en("Sender on the Internet"),
        Text::Lost => en("lost"),
        Text::Explanation => en("What this line means"),
        Text::EarlierLinesHidden => en("earlier lines are hidden"),
        Text::InFlight => en("on the wire"),
        Text::Moment => en("Moment"),
        Text::Dismiss => en("Dismiss"),
        Text::NoSuchDevice => en("There is no such device."),
        Text::NoSuchMessage => en("That message is no longer on this device."),
        Text::DeviceOfflineError => en("This device is offline: bring it online first."),
        Text::TooManyDevices => en("A world holds at most 8 devices."),
        Text::LastDevice => en("The last device cannot be removed."),
        Text::InvalidInput => en("That input is not valid"),
        Text::NotForProtocol => en("That does not apply to this device's protocol."),
        Text::Pop3Kind => en("POP3"),
        Text::ImapIdle => en("IMAP, push with IDLE"),
        Text::ImapPoll => en("IMAP, check every 10 minutes"),
        Text::Pop3Delete => en("POP3, download and delete"),
        Text::Pop3Keep => en("POP3, leave on server"),
        Text::Pop3Keep7 => en("POP3, leave on server, delete after 7 days"),
        Text::Lessons => en("Lessons"),
        Text::StepOf => en("Step {n} of {m}"),
        Text::YourPrediction => en("Your prediction"),
        Text::RunStep => en("Run this step"),
        Text::RunAndReveal => en("Run it and see"),
        Text::WatchTheWire => en("Running: watch the wire…"),
        Text::NextStep => en("Next step"),
        Text::LessonEnd => en("End of the lesson. Keep exploring, or pick another lesson."),
        Text::CloseLesson => en("Leave the lesson"),
        Text::SimulationShows => en("The simulation shows:"),
        Text::PredictedRight => en("just as you predicted."),
        Text::PredictedWrong => en("not what you predicted. Read the transcript to see why."),
        Text::Yes => en("yes"),
        Text::No => en("no"),
        Text::BadLink => en("This share link could not be opened: {reason}. The world you had is still running."),
        Text::BadFile => en("This file could not be opened: {reason}. The world you had is still running."),
        Text::UnreadableSave => en("The world saved in this browser could not be read: {reason}. It was kept aside under mailroom.world.unreadable, and the default world is running."),
        Text::BadPrevious => en("The previous world could not be restored: {reason}."),
        Text::OpenedLink => en("Opened the shared world, paused where it was shared."),
        Text::OpenedFile => en("Opened the world from the file, paused where it was saved."),
        Text::RestoredPrevious => en("Restored your previous world."),
        Text::KeptPrevious => en("Your own saved world was kept."),
        Text::RestorePrevious => en("Restore it"),
        Text::ShareTitle => en("Save and share this world"),
        Text::ShareHint => en("The link holds the whole world (devices, settings, mail and every action so far) in its fragment, which never reaches a server. Anyone who opens it sees exactly this moment."),
        Text::MakingLink => en("Making the link…"),
        Text::CopyLink => en("Copy"),
        Text::ExportWorld => en("Save as a file (JSON)"),
        Text::ImportWorld => en("Open a file…"),
        Text::ExportTranscript => en("Transcript as text"),
        Text::SaveAndShare => en("Save & share"),
        Text::ExportSvg => en("Diagram as SVG"),
        Text::WriteMail => en("Write a mail from outside"),
        Text::MailFrom => en("From"),
        Text::MailSubject => en("Subject"),
        Text::MailBody => en("Message text"),
        Text::SendIt => en("Send by SMTP"),
        Text::ExportPng => en("Diagram as PNG"),
        Text::NoSuchLesson => en("There is no such lesson; here is the default world."),
        Text::DeleteOnServerToo => en("Deleting here deletes on the server too"),
        Text::StageView => en("Stage"),
        Text::Views => en("View"),
        Text::NoSuchChallenge => en("There is no challenge “{id}”: the world is as it was. Open Challenges to pick one."),
        Text::ChallengeRefused => en("This challenge cannot be opened: {reason}. The world is as it was."),
        Text::Compare => en("Compare POP3 · IMAP"),
        Text::CompareCheckBoth => en("Check mail on both sides:"),
        Text::ComparePop3Title => en("Every device uses POP3"),
        Text::ComparePop3Model => en("Download and delete: each mail leaves the server for the first device that checks."),
        Text::CompareImapTitle => en("Every device uses IMAP"),
        Text::CompareImapModel => en("Mail stays on the server; every device keeps a synchronised copy."),
        Text::CompareDiffers => en("differs from the other side"),
        Text::CompareRefused => en("Refused on this side"),
        Text::TokenExpunge => en("expunge"),
        Text::TokenMove => en("move"),
        Text::MarkedForDeletion => en("marked for deletion"),
        Text::MovedTo => en("moved to"),
        Text::Story => en("What happened"),
        Text::StoryEmpty => en("Check mail on a device, or send a mail, and the story of the mail appears here."),
        Text::LaterBy => en("later"),
        Text::LanguageNotLoaded => {
            en("The words for {lang} could not be loaded ({reason}); the page stays in the language it shows.")
        }
        // Table view
        Text::TableView => en("Table view"),
        Text::TableFolder => en("Folder"),
        Text::TableFlags => en("Flags"),
        Text::TableActions => en("Actions"),
        Text::TableNoFlags => en("none"),
        Text::TableSeen => en("Seen"),
        Text::TableAnswered => en("Answered"),
        Text::TableFlagged => en("Flagged"),
        Text::TableDeleted => en("Deleted (waits for EXPUNGE)"),
        Text::TableDraft => en("Draft"),
        Text::TableOnDevice => en("{action} on the {device}"),
        Text::TableMessageOnDevice => en("{action} “{subject}” on the {device}"),
        // Worksheets
        Text::PrintWorksheet => en("Print worksheet"),
        Text::PrintKey => en("Print answer key"),
        Text::PrintTranscript => en("Print the transcript"),
        Text::Worksheet => en("Worksheet"),
        Text::AnswerKey => en("Answer key"),
        Text::SheetName => en("Name"),
        Text::SheetDate => en("Date"),
        Text::StartingWorld => en("The world at the start"),
        Text::SheetStep => en("Step {n}"),
        Text::ExplainWhy => en("Why? Explain in your own words:"),
        Text::SheetNotes => en("Notes"),
        Text::TheAnswer => en("Answer:"),
        Text::AnswerUnknown => en("The simulation could not run this step: {reason}"),
        Text::GoalChecklist => en("Goal: tick each condition once it holds"),
        Text::YourPlan => en("Your plan: the actions, in order"),
        Text::SolutionMoves => en("A solution, move by move"),
        Text::TheRule => en("The rule"),
        Text::ParIs => en("Par: {n}"),
        Text::MoveCheckMail => en("Check mail on the {device}."),
        Text::MoveOpen => en("Open “{subject}” on the {device}."),
        Text::MoveDelete => en("Delete “{subject}” on the {device}."),
        Text::MoveFlag => en("Flag or unflag “{subject}” on the {device}."),
        Text::MoveToFolder => en("Move “{subject}” to {folder} on the {device}."),
        Text::MoveOffline => en("Take the {device} offline."),
        Text::MoveOnline => en("Bring the {device} back online."),
        Text::MoveSendMail => en("Send a mail “{subject}” from outside."),
        Text::MoveAddDevice => en("Add a device: {device}."),
        Text::MoveRemoveDevice => en("Remove the {device}."),
        Text::MoveConfigure => en("Set the {device} to: {mode}."),
        Text::MoveWarp => en("Let {n} days pass."),
        Text::MoveFault => en("Inject a fault: {fault}."),
        Text::MoveTerminal => en("Type {line} in the terminal ({protocol})."),
        Text::MoveWait => en("Wait {n} minutes."),
        Text::PrintShort => en("Print"),
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
        assert_eq!(Lang::from_code("pt-br"), Some(Lang::PtBr));
        assert_eq!(Lang::from_code("ar"), Some(Lang::Ar));
        assert_eq!(Lang::from_code("xx"), None);
    }

    #[test]
    fn folder_names_and_weekdays_read_in_chinese() {
        let zh = Catalogue::parse(include_str!("../../i18n/zh.json"))
            .expect("the Chinese catalogue reads");
        install(Lang::Zh, zh);
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
