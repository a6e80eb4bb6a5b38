//! The built-in challenges, easy to hard. Each is a function of a [`Variant`], so a seed changes its names,
//! messages and counts, and its goal follows.

mod easy;
mod hard;
mod medium;

use super::variant::inbox_after;
use super::{Challenge, Condition, MessageRef, Move, Text, Variant};
use crate::sim::device::ClientSetup;
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::lesson::Words;
use crate::sim::mail::Flag;
use crate::sim::pop3::Pop3Settings;
use crate::sim::time::SimTime;
use crate::sim::world::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Easy,
    Medium,
    Hard,
}

impl Level {
    /// `easy`, `medium`, `hard`: for the DOM and the list's headings.
    pub fn id(self) -> &'static str {
        match self {
            Level::Easy => "easy",
            Level::Medium => "medium",
            Level::Hard => "hard",
        }
    }
}

/// A built-in challenge as the list shows it, and how to build it for a seed.
#[derive(Debug, Clone, Copy)]
pub struct BuiltIn {
    /// A slug: `?challenge=ID`.
    pub id: &'static str,
    pub level: Level,
    /// The canonical variant's title.
    pub title: Words,
    /// What it teaches, in a line.
    pub teaches: Words,
    pub build: fn(&Variant) -> Challenge,
}

/// Every built-in challenge, easy to hard.
pub fn catalogue() -> &'static [BuiltIn] {
    &CATALOGUE
}

static CATALOGUE: [BuiltIn; 12] = [
    easy::BOTH_SEE_ALL,
    easy::DROPPED_BEFORE_QUIT,
    easy::READ_HERE_SEEN_THERE,
    easy::KEEP_FOR_A_WEEK,
    medium::VANISHED_MAIL,
    medium::OFFLINE_DELETE,
    medium::FLAG_FOR_EVERYONE,
    medium::MAILBOX_FULL,
    hard::INSTANT_ON_TABLET,
    hard::POP3_DELETE_REACHES_SERVER,
    hard::DUPLICATES_AFTER_LOST_STATE,
    hard::DELETED_BUT_STILL_THERE,
];

/// The built-in challenge with this id, in the variant the seed makes (0: canonical).
pub fn builtin(id: &str, seed: u64) -> Option<Challenge> {
    let entry = CATALOGUE.iter().find(|b| b.id == id)?;
    Some((entry.build)(&Variant::new(seed)))
}

/// The pieces every built-in fills in; [`Parts::build`] makes the challenge, filling the variant's names.
struct Parts {
    id: &'static str,
    title: Words,
    task: Words,
    hints: Vec<Words>,
    why: Words,
    /// More `{key}` → value pairs for the texts, after the variant's own.
    fill: Vec<(&'static str, String)>,
}

impl Parts {
    fn build(
        self,
        v: &Variant,
        setup: crate::sim::world::WorldSetup,
        setup_moves: Vec<Move>,
        solution: Vec<Move>,
        goal: Vec<Condition>,
    ) -> Challenge {
        let more: Vec<(&str, &str)> = self.fill.iter().map(|(k, s)| (*k, s.as_str())).collect();
        let text = |words: Words| -> Text { v.fill(words, &more) };
        Challenge {
            id: self.id.to_string(),
            seed: v.seed,
            title: text(self.title),
            task: text(self.task),
            setup,
            setup_moves,
            hints: self.hints.iter().map(|h| text(*h)).collect(),
            solution,
            why: text(self.why),
            goal,
        }
    }
}

/// The message the variant picked, among the server's INBOX after the setup moves.
fn picked(v: &Variant, inbox: &[MessageRef]) -> MessageRef {
    inbox
        .get(v.pick.min(inbox.len().saturating_sub(1)))
        .cloned()
        .unwrap_or(MessageRef {
            id: String::new(),
            subject: String::new(),
        })
}

/// The newest message in the server's INBOX after the setup moves.
fn newest(setup: &crate::sim::world::WorldSetup, moves: &[Move]) -> MessageRef {
    inbox_after(setup, moves).pop().unwrap_or(MessageRef {
        id: String::new(),
        subject: String::new(),
    })
}

fn check_mail(device: &str) -> Move {
    Move::Do(Action::CheckMail {
        device: device.to_string(),
    })
}

fn toggle_online(device: &str) -> Move {
    Move::Do(Action::ToggleOnline {
        device: device.to_string(),
    })
}

fn configure(device: &str, client: ClientSetup) -> Move {
    Move::Do(Action::ConfigureDevice {
        device: device.to_string(),
        client,
    })
}

fn open(device: &str, message: &MessageRef) -> Move {
    Move::Do(Action::OpenMessage {
        device: device.to_string(),
        folder: "INBOX".to_string(),
        message_id: message.id.clone(),
    })
}

fn delete(device: &str, message: &MessageRef) -> Move {
    Move::Do(Action::DeleteMessage {
        device: device.to_string(),
        folder: "INBOX".to_string(),
        message_id: message.id.clone(),
    })
}

fn toggle_flag(device: &str, message: &MessageRef) -> Move {
    Move::Do(Action::ToggleFlag {
        device: device.to_string(),
        folder: "INBOX".to_string(),
        message_id: message.id.clone(),
    })
}

fn wait_minutes(minutes: u64) -> Move {
    Move::Wait(SimTime::from_minutes(minutes))
}

/// An IMAP client as the default world's phone has it, with a sync mode and a delete model.
fn imap(sync_mode: SyncMode, delete_model: DeleteModel) -> ClientSetup {
    ClientSetup::Imap {
        sync_mode,
        delete_model,
        use_qresync: true,
    }
}

fn pop3_keeping(delete_after_days: Option<u32>, delete_when_deleted_locally: bool) -> ClientSetup {
    ClientSetup::Pop3(Pop3Settings {
        leave_on_server: true,
        delete_after_days,
        delete_when_deleted_locally,
        headers_only: None,
        use_apop: false,
    })
}

fn shows(device: &str, message: &MessageRef) -> Condition {
    Condition::DeviceShows {
        device: device.to_string(),
        message: message.clone(),
        shown: true,
    }
}

fn device_flag(device: &str, message: &MessageRef, flag: Flag) -> Condition {
    Condition::DeviceFlag {
        device: device.to_string(),
        message: message.clone(),
        flag,
        set: true,
    }
}

fn server_flag(message: &MessageRef, flag: Flag) -> Condition {
    Condition::ServerFlag {
        message: message.clone(),
        flag,
        set: true,
    }
}

fn server_inbox_holds(count: usize) -> Condition {
    Condition::ServerFolderHolds {
        folder: "INBOX".to_string(),
        count,
    }
}
