//! Helpers for the challenge tests: playing moves on a challenge's start, and reading what the checker says.

use mailroom::sim::challenge::{builtin, perform, Challenge, Condition, MessageRef, Move};
use mailroom::sim::device::ClientSetup;
use mailroom::sim::imap::{DeleteModel, SyncMode};
use mailroom::sim::mail::Flag;
use mailroom::sim::time::SimTime;
use mailroom::sim::timeline::Timeline;
use mailroom::sim::world::{Action, LOGIN};

/// The challenge's start with these moves done, each once the wire is quiet.
pub fn play(challenge: &Challenge, moves: &[Move]) -> Timeline {
    let mut timeline = challenge
        .start()
        .unwrap_or_else(|e| panic!("{}: {e}", challenge.id));
    for step in moves {
        perform(&mut timeline, step).unwrap_or_else(|e| panic!("{}: {e}", challenge.id));
    }
    timeline
}

/// The English words of the conditions a timeline does not meet.
pub fn missing(challenge: &Challenge, timeline: &Timeline) -> Vec<String> {
    challenge
        .check(timeline)
        .missing()
        .into_iter()
        .map(|t| t.english())
        .collect()
}

/// The English words of the goal's conditions that match.
pub fn words_of(challenge: &Challenge, pick: impl Fn(&Condition) -> bool) -> Vec<String> {
    let found: Vec<String> = challenge
        .goal
        .iter()
        .filter(|c| pick(c))
        .map(|c| c.words().english())
        .collect();
    assert!(!found.is_empty(), "{} has no such condition", challenge.id);
    found
}

/// The message a challenge's goal is about (its first condition naming one).
pub fn goal_message(challenge: &Challenge) -> MessageRef {
    challenge
        .goal
        .iter()
        .find_map(|c| match c {
            Condition::ServerHolds { message, .. }
            | Condition::ServerFlag { message, .. }
            | Condition::DeviceShows { message, .. }
            | Condition::DeviceFlag { message, .. } => Some(message.clone()),
            _ => None,
        })
        .expect("the goal names a message")
}

pub fn canonical(id: &str) -> Challenge {
    builtin(id, 0).unwrap_or_else(|| panic!("no built-in {id}"))
}

pub fn act(action: Action) -> Move {
    Move::Do(action)
}

pub fn check(device: &str) -> Move {
    act(Action::CheckMail {
        device: device.into(),
    })
}

pub fn toggle_online(device: &str) -> Move {
    act(Action::ToggleOnline {
        device: device.into(),
    })
}

pub fn configure(device: &str, client: ClientSetup) -> Move {
    act(Action::ConfigureDevice {
        device: device.into(),
        client,
    })
}

pub fn on_message(device: &str, message: &MessageRef) -> (String, String, String) {
    (device.into(), "INBOX".into(), message.id.clone())
}

pub fn delete(device: &str, message: &MessageRef) -> Move {
    let (device, folder, message_id) = on_message(device, message);
    act(Action::DeleteMessage {
        device,
        folder,
        message_id,
    })
}

pub fn open(device: &str, message: &MessageRef) -> Move {
    let (device, folder, message_id) = on_message(device, message);
    act(Action::OpenMessage {
        device,
        folder,
        message_id,
    })
}

pub fn flag(device: &str, message: &MessageRef) -> Move {
    let (device, folder, message_id) = on_message(device, message);
    act(Action::ToggleFlag {
        device,
        folder,
        message_id,
    })
}

pub fn send_mail() -> Move {
    act(Action::SendMail {
        from: "Bob <bob@example.net>".into(),
        subject: "Again".into(),
        body: "Hi".into(),
    })
}

pub fn wait_minutes(minutes: u64) -> Move {
    Move::Wait(SimTime::from_minutes(minutes))
}

pub fn imap(sync_mode: SyncMode, delete_model: DeleteModel) -> ClientSetup {
    ClientSetup::Imap {
        sync_mode,
        delete_model,
        use_qresync: true,
    }
}

pub fn server_folder(timeline: &Timeline, folder: &str) -> Vec<(String, bool)> {
    timeline
        .world()
        .store()
        .account(LOGIN)
        .and_then(|a| a.mailbox(folder))
        .map(|m| {
            m.messages
                .iter()
                .map(|m| (m.message_id.clone(), m.flags.contains(Flag::Deleted)))
                .collect()
        })
        .unwrap_or_default()
}

pub fn device_ids(timeline: &Timeline, device: &str) -> Vec<String> {
    timeline
        .world()
        .device(device)
        .map(|d| {
            d.local_messages()
                .into_iter()
                .map(|m| m.message_id)
                .collect()
        })
        .unwrap_or_default()
}

/// The distinct messages in the server's INBOX when the challenge starts.
pub fn goal_messages_of_start(challenge: &Challenge) -> Vec<MessageRef> {
    let timeline = play(challenge, &[]);
    let account = timeline.world().store().account(LOGIN).expect("alice");
    let inbox = account.mailbox("INBOX").expect("INBOX");
    let mut seen = Vec::new();
    for m in &inbox.messages {
        if !seen.iter().any(|s: &MessageRef| s.id == m.message_id) {
            seen.push(MessageRef {
                id: m.message_id.clone(),
                subject: m.subject(),
            });
        }
    }
    seen
}
