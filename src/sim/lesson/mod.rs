//! Guided lessons as data: a world to start from, narrated steps that act on it, and predict-then-reveal
//! questions. A question holds no answer: it names what to measure, and the reveal reads that from the
//! world after the step's actions have really run.

mod catalogue;
mod key;
mod run;

pub use catalogue::catalogue;
pub use key::answer_key;
pub use run::{LessonRun, Phase, Reveal};

use crate::sim::mail::Flag;
use crate::sim::time::SimTime;
use crate::sim::world::{Action, Fault, World, WorldEvent, WorldSetup, LOGIN};

/// A text of the lesson data, written in English; other languages translate it from their catalogue
/// (`crate::i18n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Words {
    pub en: &'static str,
}

/// Shorthand for lesson data: `words("…")`.
pub const fn words(en: &'static str) -> Words {
    Words { en }
}

impl Words {
    pub fn in_tongue(self, tongue: crate::i18n::Tongue) -> &'static str {
        tongue.word(self.en)
    }
}

/// A lesson is static data, built at compile time: the page carries its words and steps, not code that builds
/// them.
#[derive(Debug, Clone, Copy)]
pub struct Lesson {
    /// A short slug, usable as `?lesson=ID`.
    pub id: &'static str,
    pub title: Words,
    pub summary: Words,
    /// The world the lesson starts from.
    pub setup: fn() -> WorldSetup,
    pub steps: &'static [Step],
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub narration: Words,
    /// Done in order when the learner runs the step, each once the wire is quiet after the one before.
    pub actions: &'static [LessonAction],
    /// Asked before the actions run, answered from the world after they have.
    pub question: Option<Question>,
}

/// Something a lesson does: what a user could do in the page, or time passing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonAction {
    CheckMail {
        device: &'static str,
    },
    /// The user opens (reads) a message on a device.
    OpenMessage {
        device: &'static str,
        message_id: &'static str,
    },
    /// The user deletes a message on a device, as its delete setting says.
    DeleteMessage {
        device: &'static str,
        message_id: &'static str,
    },
    ToggleOnline {
        device: &'static str,
    },
    /// Bob mails Alice from outside, by SMTP.
    BobWrites {
        subject: &'static str,
    },
    WarpDays {
        days: u32,
    },
    Fault(LessonFault),
    /// Time passes (the clock jumps ahead, processing whatever falls due: polls, re-IDLEs).
    Wait(SimTime),
}

/// The faults lessons inject (see [`Fault`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LessonFault {
    DropBeforeQuit { device: &'static str },
    UidlStateLost { device: &'static str },
    MailboxOverQuota,
}

impl LessonAction {
    /// The world's action this is; `None` for time passing.
    pub fn world_action(&self) -> Option<Action> {
        let owned = |text: &str| text.to_string();
        Some(match *self {
            LessonAction::CheckMail { device } => Action::CheckMail {
                device: owned(device),
            },
            LessonAction::OpenMessage { device, message_id } => Action::OpenMessage {
                device: owned(device),
                folder: owned("INBOX"),
                message_id: owned(message_id),
            },
            LessonAction::DeleteMessage { device, message_id } => Action::DeleteMessage {
                device: owned(device),
                folder: owned("INBOX"),
                message_id: owned(message_id),
            },
            LessonAction::ToggleOnline { device } => Action::ToggleOnline {
                device: owned(device),
            },
            LessonAction::BobWrites { subject } => Action::SendMail {
                from: owned("Bob <bob@example.net>"),
                subject: owned(subject),
                body: owned("Hi Alice!"),
            },
            LessonAction::WarpDays { days } => Action::WarpDays { days },
            LessonAction::Fault(fault) => Action::InjectFault {
                fault: match fault {
                    LessonFault::DropBeforeQuit { device } => Fault::DropBeforeQuit {
                        device: owned(device),
                    },
                    LessonFault::UidlStateLost { device } => Fault::UidlStateLost {
                        device: owned(device),
                    },
                    LessonFault::MailboxOverQuota => Fault::MailboxOverQuota,
                },
            },
            LessonAction::Wait(_) => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub prompt: Words,
    /// What the reveal reads from the world.
    pub measure: Measure,
    /// The answers offered; the reveal marks the one the world shows.
    pub choices: &'static [Answer],
    pub why: Words,
}

/// Something the world can be asked after a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// How many messages a folder of alice's account holds on the server.
    ServerMessages { folder: &'static str },
    /// How many messages a device holds, in all its folders.
    DeviceMessages { device: &'static str },
    /// Whether a device's copy of a message carries a flag (no copy: no).
    DeviceFlag {
        device: &'static str,
        message_id: &'static str,
        flag: Flag,
    },
    /// Whether the server's copy of a message, in any folder, carries a flag (no copy: no).
    ServerFlag {
        message_id: &'static str,
        flag: Flag,
    },
    /// Whether the server still holds a message, in any folder.
    ServerHolds { message_id: &'static str },
    /// Whether the last mail sent to alice was refused by the server.
    LastDeliveryRefused,
}

/// An answer a question can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Count(usize),
    Yes,
    No,
}

impl Answer {
    fn from_bool(b: bool) -> Answer {
        if b {
            Answer::Yes
        } else {
            Answer::No
        }
    }
}

impl Measure {
    /// Reads the answer from the world as it is now.
    pub fn read(&self, world: &World) -> Answer {
        let account = world.store().account(LOGIN);
        let server_copies = |message_id: &str| {
            account
                .into_iter()
                .flat_map(|a| a.mailboxes.iter())
                .flat_map(|m| m.messages.iter())
                .filter(move |m| {
                    // The header holds `<id>`; questions name the id bare, as devices do (RFC 5322 §3.6.4).
                    m.header("Message-ID")
                        .as_deref()
                        .map(|v| v.trim().trim_start_matches('<').trim_end_matches('>'))
                        == Some(message_id)
                })
                .map(|m| m.flags)
                .collect::<Vec<_>>()
        };
        match self {
            Measure::ServerMessages { folder } => Answer::Count(
                account
                    .and_then(|a| a.mailbox(folder))
                    .map_or(0, |m| m.exists()),
            ),
            Measure::DeviceMessages { device } => {
                Answer::Count(world.device(device).map_or(0, |d| d.local_message_count()))
            }
            Measure::DeviceFlag {
                device,
                message_id,
                flag,
            } => Answer::from_bool(world.device(device).is_some_and(|d| {
                d.local_messages()
                    .iter()
                    .any(|m| &m.message_id == message_id && m.flags.contains(*flag))
            })),
            Measure::ServerFlag { message_id, flag } => Answer::from_bool(
                server_copies(message_id)
                    .iter()
                    .any(|flags| flags.contains(*flag)),
            ),
            Measure::ServerHolds { message_id } => {
                Answer::from_bool(!server_copies(message_id).is_empty())
            }
            Measure::LastDeliveryRefused => Answer::from_bool(
                world
                    .events()
                    .iter()
                    .rev()
                    .find_map(|e| match e.event {
                        WorldEvent::MessageDelivered { .. } => Some(false),
                        WorldEvent::DeliveryRefused { .. } => Some(true),
                        _ => None,
                    })
                    .unwrap_or(false),
            ),
        }
    }
}

/// The lesson with this id.
pub fn find(id: &str) -> Option<&'static Lesson> {
    catalogue().iter().find(|l| l.id == id)
}
