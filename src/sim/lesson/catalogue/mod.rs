//! The lessons Mailroom offers, in teaching order. Each is a world, steps and questions; none holds an answer.

mod imap;
mod mixed;
mod pop3;

use super::{Answer, Lesson, LessonAction, Measure, Question, Step, Words};
use crate::sim::device::{ClientSetup, DeviceKind, DeviceSetup};
use crate::sim::mail::Flag;
use crate::sim::time::SimTime;
use crate::sim::world::{Action, Fault, WorldSetup, DEFAULT_LATENCY};

/// Every lesson, in the order the page lists them.
pub fn catalogue() -> Vec<Lesson> {
    vec![
        pop3::download_and_delete(),
        pop3::leave_on_server(),
        pop3::delete_after_days(),
        imap::seen_sync(),
        imap::delete_models(),
        imap::idle_vs_polling(),
        mixed::offline(),
        mixed::dropped_connection(),
        mixed::mixed_devices(),
        mixed::server_storage(),
    ]
}

/// The Message-ID of the default world's message `n` (1 to 3), as devices and measures name it.
fn default_message(n: u32) -> String {
    format!("{n}.default@mailroom.example")
}

/// The default world with one device's client set up differently.
fn default_world_with(device: &str, client: ClientSetup) -> WorldSetup {
    let mut setup = WorldSetup::default();
    for d in setup.devices.iter_mut().filter(|d| d.id == device) {
        d.client = client.clone();
    }
    setup
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

fn check_mail(device: &str) -> LessonAction {
    LessonAction::Do(Action::CheckMail {
        device: device.to_string(),
    })
}

/// The user opens (reads) one of the default messages on a device.
fn open(device: &str, message: u32) -> LessonAction {
    LessonAction::Do(Action::OpenMessage {
        device: device.to_string(),
        folder: "INBOX".to_string(),
        message_id: default_message(message),
    })
}

/// The user deletes one of the default messages on a device, as its delete setting says.
fn delete(device: &str, message: u32) -> LessonAction {
    LessonAction::Do(Action::DeleteMessage {
        device: device.to_string(),
        folder: "INBOX".to_string(),
        message_id: default_message(message),
    })
}

fn toggle_online(device: &str) -> LessonAction {
    LessonAction::Do(Action::ToggleOnline {
        device: device.to_string(),
    })
}

fn inject(fault: Fault) -> LessonAction {
    LessonAction::Do(Action::InjectFault { fault })
}

/// Bob mails Alice from outside, by SMTP.
fn bob_writes(subject: &str) -> LessonAction {
    LessonAction::Do(Action::SendMail {
        from: "Bob <bob@example.net>".to_string(),
        subject: subject.to_string(),
        body: "Hi Alice!".to_string(),
    })
}

fn warp_days(days: u32) -> LessonAction {
    LessonAction::Do(Action::WarpDays { days })
}

fn wait_minutes(minutes: u64) -> LessonAction {
    LessonAction::Wait(SimTime::from_minutes(minutes))
}

/// A step that only tells.
fn narrate(narration: Words) -> Step {
    Step {
        narration,
        actions: Vec::new(),
        question: None,
    }
}

/// A step that does something without asking.
fn show(narration: Words, actions: Vec<LessonAction>) -> Step {
    Step {
        narration,
        actions,
        question: None,
    }
}

/// A step that does something and asks first what the learner expects.
fn ask(narration: Words, actions: Vec<LessonAction>, question: Question) -> Step {
    Step {
        narration,
        actions,
        question: Some(question),
    }
}

/// A question: what it asks, what the reveal measures, the answers offered, and why.
fn question(prompt: Words, measure: Measure, choices: Vec<Answer>, why: Words) -> Question {
    Question {
        prompt,
        measure,
        choices,
        why,
    }
}

fn counts(choices: &[usize]) -> Vec<Answer> {
    choices.iter().map(|&n| Answer::Count(n)).collect()
}

fn yes_no() -> Vec<Answer> {
    vec![Answer::Yes, Answer::No]
}

fn server_folder(folder: &str) -> Measure {
    Measure::ServerMessages {
        folder: folder.to_string(),
    }
}

fn server_inbox() -> Measure {
    server_folder("INBOX")
}

fn device_messages(device: &str) -> Measure {
    Measure::DeviceMessages {
        device: device.to_string(),
    }
}

/// Whether a device shows one of the default messages as read.
fn device_seen(device: &str, message: u32) -> Measure {
    Measure::DeviceFlag {
        device: device.to_string(),
        message_id: default_message(message),
        flag: Flag::Seen,
    }
}

/// Whether the server's copy of one of the default messages carries a flag.
fn server_flag(message: u32, flag: Flag) -> Measure {
    Measure::ServerFlag {
        message_id: default_message(message),
        flag,
    }
}
