//! The lessons Mailroom offers, in teaching order. Each is a world, steps and questions; none holds an answer.

mod imap;
mod mixed;
mod pop3;

use super::{Answer, Lesson, LessonAction, LessonFault, Measure, Question, Step, Words};
use crate::sim::device::{ClientSetup, DeviceKind, DeviceSetup};
use crate::sim::mail::Flag;
use crate::sim::time::SimTime;
use crate::sim::world::{WorldSetup, DEFAULT_LATENCY};

/// Every lesson, in the order the page lists them.
pub fn catalogue() -> &'static [Lesson] {
    &CATALOGUE
}

static CATALOGUE: [Lesson; 10] = [
    pop3::DOWNLOAD_AND_DELETE,
    pop3::LEAVE_ON_SERVER,
    pop3::DELETE_AFTER_DAYS,
    imap::SEEN_SYNC,
    imap::DELETE_MODELS,
    imap::IDLE_VS_POLLING,
    mixed::OFFLINE,
    mixed::DROPPED_CONNECTION,
    mixed::MIXED_DEVICES,
    mixed::SERVER_STORAGE,
];

/// The Message-IDs of the default world's three messages, as devices and measures name them (the store
/// writes them as `N.default@mailroom.example`).
const DEFAULT_MESSAGES: [&str; 3] = [
    "1.default@mailroom.example",
    "2.default@mailroom.example",
    "3.default@mailroom.example",
];

/// The Message-ID of the default world's message `n` (1 to 3); any other number fails the build.
const fn default_message(n: usize) -> &'static str {
    DEFAULT_MESSAGES[n - 1]
}

/// The default world with one device's client set up differently.
fn default_world_with(device: &str, client: ClientSetup) -> WorldSetup {
    let mut setup = WorldSetup::default();
    for d in setup.devices.iter_mut().filter(|d| d.id == device) {
        d.client = client.clone();
    }
    setup
}

/// The default world with the laptop's POP3 client leaving mail on the server.
fn laptop_leaving_mail_on_server() -> WorldSetup {
    default_world_with("laptop", ClientSetup::pop3_leave_on_server(None))
}

/// The default world with the laptop's POP3 client leaving mail on the server for a week.
fn laptop_deleting_after_a_week() -> WorldSetup {
    default_world_with("laptop", ClientSetup::pop3_leave_on_server(Some(7)))
}

/// A device of the given kind, named after it, with the default latency.
fn device(kind: DeviceKind, client: ClientSetup) -> DeviceSetup {
    DeviceSetup {
        id: kind.id().to_string(),
        kind,
        client,
        latency: DEFAULT_LATENCY,
    }
}

const fn check_mail(device: &'static str) -> LessonAction {
    LessonAction::CheckMail { device }
}

/// The user opens (reads) one of the default messages on a device.
const fn open(device: &'static str, message: usize) -> LessonAction {
    LessonAction::OpenMessage {
        device,
        message_id: default_message(message),
    }
}

/// The user deletes one of the default messages on a device, as its delete setting says.
const fn delete(device: &'static str, message: usize) -> LessonAction {
    LessonAction::DeleteMessage {
        device,
        message_id: default_message(message),
    }
}

const fn toggle_online(device: &'static str) -> LessonAction {
    LessonAction::ToggleOnline { device }
}

const fn inject(fault: LessonFault) -> LessonAction {
    LessonAction::Fault(fault)
}

/// Bob mails Alice from outside, by SMTP.
const fn bob_writes(subject: &'static str) -> LessonAction {
    LessonAction::BobWrites { subject }
}

const fn warp_days(days: u32) -> LessonAction {
    LessonAction::WarpDays { days }
}

const fn wait_minutes(minutes: u64) -> LessonAction {
    LessonAction::Wait(SimTime::from_minutes(minutes))
}

/// A step that only tells.
const fn narrate(narration: Words) -> Step {
    Step {
        narration,
        actions: &[],
        question: None,
    }
}

/// A step that does something without asking.
const fn show(narration: Words, actions: &'static [LessonAction]) -> Step {
    Step {
        narration,
        actions,
        question: None,
    }
}

/// A step that does something and asks first what the learner expects.
const fn ask(narration: Words, actions: &'static [LessonAction], question: Question) -> Step {
    Step {
        narration,
        actions,
        question: Some(question),
    }
}

/// A question: what it asks, what the reveal measures, the answers offered, and why.
const fn question(
    prompt: Words,
    measure: Measure,
    choices: &'static [Answer],
    why: Words,
) -> Question {
    Question {
        prompt,
        measure,
        choices,
        why,
    }
}

const YES_NO: &[Answer] = &[Answer::Yes, Answer::No];

const fn server_folder(folder: &'static str) -> Measure {
    Measure::ServerMessages { folder }
}

const fn server_inbox() -> Measure {
    server_folder("INBOX")
}

const fn device_messages(device: &'static str) -> Measure {
    Measure::DeviceMessages { device }
}

/// Whether a device shows one of the default messages as read.
const fn device_seen(device: &'static str, message: usize) -> Measure {
    Measure::DeviceFlag {
        device,
        message_id: default_message(message),
        flag: Flag::Seen,
    }
}

/// Whether the server's copy of one of the default messages carries a flag.
const fn server_flag(message: usize, flag: Flag) -> Measure {
    Measure::ServerFlag {
        message_id: default_message(message),
        flag,
    }
}
