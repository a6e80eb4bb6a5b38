//! A goal's conditions: small typed predicates over the world and its history, each with its own words,
//! made from its parameters. They read STATE (the store, the devices, the events, the actions logged), never
//! which buttons were pressed in which order, so every correct solution passes. Their words are in
//! `condition_words.rs`.

use crate::sim::device::{DeviceClient, Protocol};
use crate::sim::mail::Flag;
use crate::sim::saved::LoggedAction;
use crate::sim::world::{Action, World, WorldEvent, LOGIN};
use std::collections::BTreeMap;

/// A message as a goal names it: its Message-ID (RFC 5322 §3.6.4, without `<>`) and its subject, for the words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRef {
    pub id: String,
    pub subject: String,
}

/// One thing the goal wants true. Every variant is checked by [`Condition::is_met`] and described by
/// [`Condition::words`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// A folder of alice's account on the server holds exactly `count` messages.
    ServerFolderHolds { folder: String, count: usize },
    /// The server holds (or no longer holds) the message: in `folder`, or in any folder when `None`.
    ServerHolds {
        message: MessageRef,
        folder: Option<String>,
        held: bool,
    },
    /// The server's copy of the message carries (or lacks) a flag (no copy: lacks).
    ServerFlag {
        message: MessageRef,
        flag: Flag,
        set: bool,
    },
    /// The device shows (or does not show) the message, in any of its folders; a removed device does neither.
    DeviceShows {
        device: String,
        message: MessageRef,
        shown: bool,
    },
    /// The device shows exactly `count` messages.
    DeviceHolds { device: String, count: usize },
    /// The device's copy of the message carries (or lacks) a flag (no copy: lacks; no device: neither).
    DeviceFlag {
        device: String,
        message: MessageRef,
        flag: Flag,
        set: bool,
    },
    /// The device shows no message twice.
    DeviceHoldsNoDuplicates { device: String },
    /// The device has nothing queued for the server (IMAP's offline queue, POP3's deletions to send).
    NothingPending { device: String },
    /// The device reads with POP3 and leaves mail on the server (for any time).
    Pop3LeavesMailOnServer { device: String },
    /// The device's POP3 client leaves mail on the server and deletes it there after exactly `days` days.
    Pop3KeepsMailForDays { device: String, days: u32 },
    /// Every message that was ever on the server is still on it or on a POP3 device, unless a user deleted it.
    NothingLost,
    /// The device never downloaded (POP3 RETR/TOP) or fetched (IMAP FETCH) the same message twice.
    NeverDownloadedTwice { device: String },
    /// An action was done on the device while it was offline, and it has since reached the server.
    ActedWhileOffline { device: String },
    /// No "Check mail" was pressed on the device.
    NeverCheckedMail { device: String },
    /// A message delivered after the student's first action reached the device within `seconds` of its
    /// delivery.
    NewMailShownWithin { device: String, seconds: u64 },
    /// The last message sent to alice was accepted by the server (and at least one was sent).
    LastDeliveryAccepted,
    /// The student used at most `max` actions.
    AtMostActions { max: usize },
}

/// What a condition is checked against: the live world, the whole action log (the setup's and the
/// student's), and how many of those actions are the student's.
#[derive(Clone, Copy)]
pub struct Attempt<'a> {
    pub world: &'a World,
    pub log: &'a [LoggedAction],
    pub student_actions: usize,
}

impl Attempt<'_> {
    fn student_log(&self) -> &[LoggedAction] {
        &self.log[self.log.len().saturating_sub(self.student_actions)..]
    }
}

impl Condition {
    /// Whether the condition holds now.
    pub fn is_met(&self, attempt: &Attempt) -> bool {
        let world = attempt.world;
        let account = world.store().account(LOGIN);
        let server_copies = |id: &str, folder: Option<&str>| {
            account
                .into_iter()
                .flat_map(|a| a.mailboxes.iter())
                .filter(move |m| folder.is_none_or(|f| m.name.eq_ignore_ascii_case(f)))
                .flat_map(|m| m.messages.iter())
                .filter(move |m| m.message_id == id)
                .map(|m| m.flags)
                .collect::<Vec<_>>()
        };
        // A device that is not there (removed) shows nothing and lacks nothing: its conditions fail.
        let device_copies = |device: &str, id: &str| {
            world.device(device).map(|d| {
                d.local_messages()
                    .into_iter()
                    .filter(|m| m.message_id == id)
                    .map(|m| m.flags)
                    .collect::<Vec<_>>()
            })
        };
        match self {
            Condition::ServerFolderHolds { folder, count } => {
                account
                    .and_then(|a| a.mailbox(folder))
                    .map_or(0, |m| m.exists())
                    == *count
            }
            Condition::ServerHolds {
                message,
                folder,
                held,
            } => server_copies(&message.id, folder.as_deref()).is_empty() != *held,
            Condition::ServerFlag { message, flag, set } => {
                server_copies(&message.id, None)
                    .iter()
                    .any(|f| f.contains(*flag))
                    == *set
            }
            Condition::DeviceShows {
                device,
                message,
                shown,
            } => device_copies(device, &message.id).is_some_and(|c| c.is_empty() != *shown),
            Condition::DeviceHolds { device, count } => world
                .device(device)
                .is_some_and(|d| d.local_message_count() == *count),
            Condition::DeviceFlag {
                device,
                message,
                flag,
                set,
            } => device_copies(device, &message.id)
                .is_some_and(|c| c.iter().any(|f| f.contains(*flag)) == *set),
            Condition::DeviceHoldsNoDuplicates { device } => {
                world.device(device).is_some_and(|d| {
                    let mut ids: Vec<String> = d
                        .local_messages()
                        .into_iter()
                        .map(|m| format!("{}\n{}", m.folder, m.message_id))
                        .collect();
                    let all = ids.len();
                    ids.sort();
                    ids.dedup();
                    ids.len() == all
                })
            }
            Condition::NothingPending { device } => world
                .device(device)
                .is_some_and(|d| d.pending_actions() == 0),
            Condition::Pop3LeavesMailOnServer { device } => {
                world.device(device).is_some_and(|d| match &d.client {
                    DeviceClient::Pop3 { settings, .. } => settings.leave_on_server,
                    DeviceClient::Imap(_) => false,
                })
            }
            Condition::Pop3KeepsMailForDays { device, days } => {
                world.device(device).is_some_and(|d| match &d.client {
                    DeviceClient::Pop3 { settings, .. } => {
                        settings.leave_on_server && settings.delete_after_days == Some(*days)
                    }
                    DeviceClient::Imap(_) => false,
                })
            }
            Condition::NothingLost => nothing_lost(attempt),
            Condition::NeverDownloadedTwice { device } => {
                let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
                for e in world.events() {
                    if let WorldEvent::MessageDownloaded {
                        device: d,
                        message_id,
                    }
                    | WorldEvent::MessageFetched {
                        device: d,
                        message_id,
                    } = &e.event
                    {
                        if d == device {
                            *seen.entry(message_id.as_str()).or_default() += 1;
                        }
                    }
                }
                seen.values().all(|n| *n <= 1)
            }
            Condition::ActedWhileOffline { device } => acted_while_offline(world, device),
            Condition::NeverCheckedMail { device } => !attempt
                .student_log()
                .iter()
                .any(|a| matches!(&a.action, Action::CheckMail { device: d } if d == device)),
            Condition::NewMailShownWithin { device, seconds } => {
                // New: delivered once the student had begun, not mail the setup brought.
                let Some(began) = attempt.student_log().first().map(|a| a.at) else {
                    return false;
                };
                let limit = seconds.saturating_mul(1000);
                let events = world.events();
                events.iter().any(|delivered| {
                    let WorldEvent::MessageDelivered { message_id } = &delivered.event else {
                        return false;
                    };
                    if delivered.at < began {
                        return false;
                    }
                    events.iter().any(|shown| match &shown.event {
                        WorldEvent::MessageFetched {
                            device: d,
                            message_id: m,
                        }
                        | WorldEvent::MessageDownloaded {
                            device: d,
                            message_id: m,
                        } => {
                            d == device
                                && m == message_id
                                && shown.at >= delivered.at
                                && shown.at.saturating_sub(delivered.at).millis() <= limit
                        }
                        _ => false,
                    })
                })
            }
            Condition::LastDeliveryAccepted => world
                .events()
                .iter()
                .rev()
                .find_map(|e| match e.event {
                    WorldEvent::MessageDelivered { .. } => Some(true),
                    WorldEvent::DeliveryRefused { .. } => Some(false),
                    _ => None,
                })
                .unwrap_or(false),
            Condition::AtMostActions { max } => attempt.student_actions <= *max,
        }
    }
}

/// Every message the server ever held (the start world's and each delivery) must still be on the server or on
/// a POP3 device (an IMAP cache only mirrors the server), unless a user deleted it: by a Delete on a device,
/// or by a deleting command typed in the terminal (DELE, RFC 1939 §6; \Deleted and EXPUNGE, RFC 3501 §6.4.3).
fn nothing_lost(attempt: &Attempt) -> bool {
    let world = attempt.world;
    let start = World::new(world.setup().clone());
    let mut ever: Vec<String> = start
        .store()
        .account(LOGIN)
        .into_iter()
        .flat_map(|a| a.mailboxes.iter())
        .flat_map(|m| m.messages.iter())
        .map(|m| m.message_id.clone())
        .collect();
    ever.extend(world.events().iter().filter_map(|e| match &e.event {
        WorldEvent::MessageDelivered { message_id } => Some(message_id.clone()),
        _ => None,
    }));
    let typed_a_delete = attempt.log.iter().any(|a| match &a.action {
        Action::TypeTerminalLine { line, .. } => {
            let line = line.to_ascii_uppercase();
            ["DELE", "EXPUNGE", "DELETED", "MOVE"]
                .iter()
                .any(|word| line.contains(word))
        }
        _ => false,
    });
    if typed_a_delete {
        return true;
    }
    let deleted_by_user = |id: &str| {
        attempt.log.iter().any(
            |a| matches!(&a.action, Action::DeleteMessage { message_id, .. } if message_id == id),
        )
    };
    let account = world.store().account(LOGIN);
    let on_server = |id: &str| {
        account
            .into_iter()
            .flat_map(|a| a.mailboxes.iter())
            .flat_map(|m| m.messages.iter())
            .any(|m| m.message_id == id)
    };
    let on_a_pop3_device = |id: &str| {
        world.devices().iter().any(|d| match &d.client {
            DeviceClient::Pop3 { messages, .. } => messages.iter().any(|m| m.message_id == id),
            DeviceClient::Imap(_) => false,
        })
    };
    ever.iter()
        .all(|id| on_server(id) || on_a_pop3_device(id) || deleted_by_user(id))
}

/// An action queued on the device while it was offline (ActionQueued between its going offline and coming
/// back) and replayed to the server afterwards (IMAP's offline queue, RFC 4549 §4).
fn acted_while_offline(world: &World, device: &str) -> bool {
    let mut offline = false;
    let mut queued_offline = false;
    for e in world.events() {
        match &e.event {
            WorldEvent::DeviceWentOffline { device: d } if d == device => offline = true,
            WorldEvent::DeviceWentOnline { device: d } if d == device => offline = false,
            WorldEvent::ActionQueued { device: d } if d == device && offline => {
                queued_offline = true
            }
            WorldEvent::ActionReplayed { device: d } if d == device && queued_offline => {
                return true
            }
            _ => {}
        }
    }
    // POP3 sends its queued deletions at the next session; nothing reports them one by one, so a POP3
    // device counts once it is online with nothing left queued.
    queued_offline
        && !offline
        && world
            .device(device)
            .is_some_and(|d| d.protocol() == Protocol::Pop3 && d.pending_actions() == 0)
}
