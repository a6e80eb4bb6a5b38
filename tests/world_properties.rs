//! Property tests over random action sequences on the default world: no panic, no message lost unless a user
//! deleted it, IMAP devices converge to the server after a sync, determinism, and step back then forward.
#![cfg(not(target_arch = "wasm32"))]

use mailroom::sim::device::{ClientSetup, DeviceKind};
use mailroom::sim::imap::{DeleteModel, SyncMode};
use mailroom::sim::time::SimTime;
use mailroom::sim::timeline::Timeline;
use mailroom::sim::world::{Action, Fault, World, WorldEvent, WorldSetup};
use proptest::prelude::*;
use std::collections::BTreeSet;

const DEVICES: [&str; 3] = ["laptop", "phone", "tablet"];

/// A user's move, with indexes resolved against the world when it is applied.
#[derive(Debug, Clone)]
enum Move {
    Check(usize),
    Toggle(usize),
    Open(usize, usize),
    Flag(usize, usize),
    Delete(usize, usize),
    Send,
    Warp,
    Wait(u64),
    Fault(u8, usize),
    Reconfigure(usize, u8),
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let device = 0..DEVICES.len();
    let one = prop_oneof![
        4 => device.clone().prop_map(Move::Check),
        2 => device.clone().prop_map(Move::Toggle),
        2 => (device.clone(), 0..6usize).prop_map(|(d, m)| Move::Open(d, m)),
        1 => (device.clone(), 0..6usize).prop_map(|(d, m)| Move::Flag(d, m)),
        2 => (device.clone(), 0..6usize).prop_map(|(d, m)| Move::Delete(d, m)),
        2 => Just(Move::Send),
        1 => Just(Move::Warp),
        2 => (0..900_000u64).prop_map(Move::Wait),
        1 => (0..5u8, device.clone()).prop_map(|(f, d)| Move::Fault(f, d)),
        1 => (device, 0..5u8).prop_map(|(d, c)| Move::Reconfigure(d, c)),
    ];
    proptest::collection::vec(one, 1..12)
}

fn client(choice: u8) -> ClientSetup {
    match choice {
        0 => ClientSetup::pop3_download_and_delete(),
        1 => ClientSetup::pop3_leave_on_server(Some(7)),
        2 => ClientSetup::imap(SyncMode::PushWithIdle),
        3 => ClientSetup::Imap {
            sync_mode: SyncMode::PollEveryMinutes(10),
            delete_model: DeleteModel::MarkAsDeleted,
            use_qresync: false,
        },
        _ => ClientSetup::Imap {
            sync_mode: SyncMode::PushWithIdle,
            delete_model: DeleteModel::RemoveImmediately,
            use_qresync: true,
        },
    }
}

/// Turns a move into an action against the world as it is (messages are picked by position).
fn action(world: &World, m: &Move) -> Option<Action> {
    let device = |i: usize| DEVICES[i].to_string();
    let message = |d: usize, i: usize| {
        let messages = world.device(DEVICES[d])?.local_messages();
        let m = messages.get(i % messages.len().max(1))?.clone();
        Some((m.folder, m.message_id))
    };
    Some(match m {
        Move::Check(d) => Action::CheckMail { device: device(*d) },
        Move::Toggle(d) => Action::ToggleOnline { device: device(*d) },
        Move::Open(d, i) => {
            let (folder, message_id) = message(*d, *i)?;
            Action::OpenMessage {
                device: device(*d),
                folder,
                message_id,
            }
        }
        Move::Flag(d, i) => {
            let (folder, message_id) = message(*d, *i)?;
            Action::ToggleFlag {
                device: device(*d),
                folder,
                message_id,
            }
        }
        Move::Delete(d, i) => {
            let (folder, message_id) = message(*d, *i)?;
            Action::DeleteMessage {
                device: device(*d),
                folder,
                message_id,
            }
        }
        Move::Send => Action::SendMail {
            from: "bob@example.net".into(),
            subject: "hi".into(),
            body: "x".into(),
        },
        Move::Warp => Action::WarpDays { days: 1 },
        Move::Wait(_) => return None,
        Move::Fault(f, d) => Action::InjectFault {
            fault: match f {
                0 => Fault::DropBeforeQuit { device: device(*d) },
                1 => Fault::MaildropLocked,
                2 => Fault::UidValidityReset,
                3 => Fault::UidlStateLost {
                    device: "laptop".into(),
                },
                _ => Fault::MailboxOverQuota,
            },
        },
        Move::Reconfigure(d, c) => Action::ConfigureDevice {
            device: device(*d),
            client: client(*c),
        },
    })
}

/// Plays the moves on a timeline; returns the Message-IDs a user deleted (or reconfigured away).
fn play(timeline: &mut Timeline, moves: &[Move], instant: bool) -> BTreeSet<String> {
    let mut deleted = BTreeSet::new();
    for m in moves {
        if let Move::Wait(ms) = m {
            let to = timeline
                .world()
                .now()
                .saturating_add(SimTime::from_millis(*ms));
            timeline.advance_to(to);
            continue;
        }
        let Some(action) = action(timeline.world(), m) else {
            continue;
        };
        match &action {
            Action::DeleteMessage { message_id, .. } => {
                deleted.insert(message_id.clone());
            }
            // A device that changes protocol starts empty; whatever only it held is gone with it.
            Action::ConfigureDevice { device, .. } => {
                if let Some(d) = timeline.world().device(device) {
                    deleted.extend(d.local_messages().into_iter().map(|m| m.message_id));
                }
            }
            _ => {}
        }
        let now = timeline.world().now();
        let _ = timeline.act(action, now);
        if instant {
            timeline.run_until_idle();
        }
    }
    deleted
}

fn everywhere(world: &World) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = world
        .store()
        .accounts
        .iter()
        .flat_map(|a| {
            a.mailboxes
                .iter()
                .flat_map(|mb| mb.messages.iter().map(|m| m.message_id.clone()))
        })
        .collect();
    for d in world.devices() {
        ids.extend(d.local_messages().into_iter().map(|m| m.message_id));
    }
    ids
}

/// The default three and every message the SMTP server accepted.
fn delivered(world: &World) -> BTreeSet<String> {
    let mut ids: BTreeSet<String> = (1..=3)
        .map(|n| format!("{n}.default@mailroom.example"))
        .collect();
    ids.extend(world.events().iter().filter_map(|e| match &e.event {
        WorldEvent::MessageDelivered { message_id } => Some(message_id.clone()),
        _ => None,
    }));
    ids
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// One random sequence, four claims: nothing is lost unless a user deleted it; IMAP devices converge to the
    /// server after a sync; the same moves give the same transcript; step back then forward returns the same
    /// world.
    #[test]
    fn random_action_sequences_keep_every_claim(moves in moves()) {
        let mut first = Timeline::new(WorldSetup::default());
        let deleted = play(&mut first, &moves, true);
        let present = everywhere(first.world());
        for id in delivered(first.world()) {
            prop_assert!(present.contains(&id) || deleted.contains(&id), "{id} vanished");
        }

        let mut second = Timeline::new(WorldSetup::default());
        play(&mut second, &moves, true);
        prop_assert_eq!(first.world().transcript(), second.world().transcript());

        let end = first.world().moments();
        first.jump_to(end * 2 / 3);
        while first.world().moments() < end {
            prop_assert!(first.step());
        }
        prop_assert_eq!(first.world().transcript(), second.world().transcript());
        prop_assert_eq!(first.world().store(), second.world().store());

        converge(&mut first)?;
    }
}

/// Brings every device online, then syncs each IMAP device and compares its INBOX with the server's.
fn converge(timeline: &mut Timeline) -> Result<(), TestCaseError> {
    for device in DEVICES {
        if timeline.world().device(device).is_some_and(|d| !d.online) {
            let now = timeline.world().now();
            timeline
                .act(
                    Action::ToggleOnline {
                        device: device.into(),
                    },
                    now,
                )
                .expect("online");
            timeline.run_until_idle();
        }
    }
    for device in DEVICES {
        let is_imap = timeline
            .world()
            .device(device)
            .is_some_and(|d| d.protocol().id() == "imap");
        if !is_imap {
            continue;
        }
        let now = timeline.world().now();
        let _ = timeline.act(
            Action::CheckMail {
                device: device.into(),
            },
            now,
        );
        timeline.run_until_idle();
        let world = timeline.world();
        let server: BTreeSet<(String, String)> = world
            .store()
            .account("alice")
            .expect("alice")
            .inbox()
            .messages
            .iter()
            .map(|m| (m.message_id.clone(), m.flags.to_imap_list()))
            .collect();
        let local: BTreeSet<(String, String)> = world
            .device(device)
            .expect("device")
            .local_messages()
            .into_iter()
            .filter(|m| m.folder == "INBOX")
            .map(|m| (m.message_id, m.flags.to_imap_list()))
            .collect();
        prop_assert_eq!(local, server, "{} after its sync", device);
    }
    Ok(())
}

/// 10,000 sequences by default (PROPTEST_CASES overrides, as proptest documents).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000)
}

#[test]
fn the_default_device_kinds_are_the_ones_the_moves_name() {
    let world = World::new(WorldSetup::default());
    let kinds: Vec<DeviceKind> = world.devices().iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        [DeviceKind::Laptop, DeviceKind::Phone, DeviceKind::Tablet]
    );
}
