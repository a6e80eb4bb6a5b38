#![cfg(not(target_arch = "wasm32"))]
//! Property tests: random POP3 command sequences (valid and garbage) against the server, and random client
//! settings over many sessions and deliveries.

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::{
    Pop3ClientEvent, Pop3ClientState, Pop3Server, Pop3ServerConfig, Pop3Settings, Pop3State,
};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn command_line() -> impl Strategy<Value = Vec<u8>> {
    let n = 0u32..6;
    prop_oneof![
        3 => Just("USER alice".to_string()),
        3 => Just("PASS wonderland".to_string()),
        1 => Just("PASS wrong".to_string()),
        2 => Just("STAT".to_string()),
        2 => Just("LIST".to_string()),
        2 => n.clone().prop_map(|n| format!("LIST {n}")),
        3 => n.clone().prop_map(|n| format!("RETR {n}")),
        6 => n.clone().prop_map(|n| format!("dele {n}")),
        2 => (n.clone(), 0u32..4).prop_map(|(n, l)| format!("TOP {n} {l}")),
        2 => Just("UIDL".to_string()),
        2 => n.prop_map(|n| format!("UIDL {n}")),
        1 => Just("NOOP".to_string()),
        2 => Just("RSET".to_string()),
        1 => Just("CAPA".to_string()),
        1 => Just("QUIT".to_string()),
        3 => "[ -~]{0,30}".prop_map(|s| s),
    ]
    .prop_map(String::into_bytes)
    .boxed()
    .prop_union(
        // Arbitrary bytes, line ends removed so one generated item is one line.
        prop::collection::vec(any::<u8>(), 0..300)
            .prop_map(|bytes| bytes.into_iter().filter(|b| *b != b'\n').collect())
            .boxed(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// No input panics; every line gets an answer; DELE takes effect only at QUIT, and then exactly.
    #[test]
    fn random_commands_never_panic_and_dele_applies_only_after_quit(
        lines in prop::collection::vec(command_line(), 0..60)
    ) {
        let mut store = Store::default_world();
        let original = inbox_uids(&store);
        let mut server = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
        drain(&mut server);
        let mut marked: BTreeSet<u32> = BTreeSet::new();
        for line in lines {
            let text = String::from_utf8_lossy(&line).to_string();
            let state_before = server.state();
            let mut input = line.clone();
            input.extend_from_slice(b"\r\n");
            server.handle_input(&mut store, &input, SimTime::ZERO);
            let replies = drain(&mut server);
            let first = replies.first().cloned().unwrap_or_default();
            prop_assert!(first.starts_with("+OK") || first.starts_with("-ERR"), "{text:?} -> {replies:?}");
            if server.is_closed() {
                if state_before == Pop3State::Transaction {
                    let expected: Vec<u32> = original.iter().copied().filter(|u| !marked.contains(u)).collect();
                    prop_assert_eq!(inbox_uids(&store), expected);
                } else {
                    prop_assert_eq!(inbox_uids(&store), original.clone());
                }
                return Ok(());
            }
            prop_assert_eq!(inbox_uids(&store), original.clone(), "nothing changes before QUIT");
            let upper = text.to_ascii_uppercase();
            if first.starts_with("+OK message ") && first.ends_with(" deleted") {
                let n: Option<usize> = upper.split_whitespace().nth(1).and_then(|n| n.parse().ok());
                let uid = n.and_then(|n| n.checked_sub(1)).and_then(|i| original.get(i));
                prop_assert!(uid.is_some(), "DELE accepted for no message: {text:?}");
                marked.extend(uid.copied());
            }
            if upper == "RSET" && first.starts_with("+OK") {
                marked.clear();
            }
        }
        server.handle_disconnect(&mut store, SimTime::ZERO);
        prop_assert_eq!(inbox_uids(&store), original, "a drop deletes nothing");
    }

    /// The same message always has the same UIDL, and no UIDL ever names two messages.
    #[test]
    fn uidls_are_stable_across_sessions_and_never_reused(
        rounds in prop::collection::vec((0usize..3, prop::collection::vec(any::<bool>(), 0..8), any::<bool>()), 1..12)
    ) {
        let mut store = Store::default_world();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let mut delivered = 0;
        for (session, (deliveries, deletes, quit)) in rounds.into_iter().enumerate() {
            for _ in 0..deliveries {
                delivered += 1;
                let text = format!("Message-ID: <{delivered}@prop>\r\n\r\nx\r\n");
                store.deliver(ALICE, text, SimTime::ZERO).expect("delivered");
            }
            let message_ids: Vec<String> = store
                .account("alice")
                .map(|a| a.inbox().messages.iter().map(|m| m.message_id.clone()).collect())
                .unwrap_or_default();
            let mut server = logged_in(&mut store, session as u64 + 1);
            let listing = mailroom::sim::harness::exchange(&mut server, &mut store, "UIDL", SimTime::ZERO);
            for line in &listing[1..listing.len() - 1] {
                let (n, id) = line.split_once(' ').expect("n id");
                let n: usize = n.parse().expect("number");
                let message_id = &message_ids[n - 1];
                let known = seen.entry(id.to_string()).or_insert_with(|| message_id.clone());
                prop_assert_eq!(&*known, message_id, "UIDL {} reused", id);
            }
            for (i, delete) in deletes.iter().enumerate() {
                if *delete && i < message_ids.len() {
                    mailroom::sim::harness::exchange(&mut server, &mut store, &format!("DELE {}", i + 1), SimTime::ZERO);
                }
            }
            if quit {
                mailroom::sim::harness::exchange(&mut server, &mut store, "QUIT", SimTime::ZERO);
            } else {
                server.handle_disconnect(&mut store, SimTime::ZERO);
            }
        }
    }
}

fn settings() -> impl Strategy<Value = Pop3Settings> {
    (
        any::<bool>(),
        prop::option::of(0u32..4),
        any::<bool>(),
        prop::option::of(0u32..3),
        any::<bool>(),
    )
        .prop_map(
            |(
                leave_on_server,
                delete_after_days,
                delete_when_deleted_locally,
                headers_only,
                use_apop,
            )| Pop3Settings {
                leave_on_server,
                delete_after_days,
                delete_when_deleted_locally,
                headers_only,
                use_apop,
            },
        )
}

#[derive(Debug, Clone)]
enum Action {
    Deliver,
    CheckMail { device: usize },
    DeleteLocally { device: usize, pick: usize },
    LoseState { device: usize },
    WaitDays(u64),
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => Just(Action::Deliver),
        4 => (0usize..2).prop_map(|device| Action::CheckMail { device }),
        2 => (0usize..2, 0usize..8).prop_map(|(device, pick)| Action::DeleteLocally { device, pick }),
        1 => (0usize..2).prop_map(|device| Action::LoseState { device }),
        2 => (0u64..3).prop_map(Action::WaitDays),
    ]
}

/// A device as the world will model it: its settings, its UIDL state and the copies it holds.
struct Device {
    settings: Pop3Settings,
    state: Pop3ClientState,
    copies: Vec<String>,
    state_lost: bool,
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Over any mix of deliveries, checks, local deletes and days passing, a device never holds two copies of
    /// one UIDL unless its UIDL state was lost.
    #[test]
    fn a_device_never_keeps_two_copies_unless_its_state_was_lost(
        device_settings in prop::collection::vec(settings(), 2),
        actions in prop::collection::vec(action(), 1..40),
    ) {
        let mut store = Store::default_world();
        let mut devices: Vec<Device> = device_settings
            .into_iter()
            .map(|settings| Device { settings, state: Pop3ClientState::default(), copies: Vec::new(), state_lost: false })
            .collect();
        let mut now = SimTime::ZERO;
        let mut session = 0;
        let mut delivered = 0;
        for action in actions {
            match action {
                Action::Deliver => {
                    delivered += 1;
                    store.deliver(ALICE, format!("Message-ID: <{delivered}@prop>\r\n\r\nx\r\n"), now).expect("delivered");
                }
                Action::WaitDays(days) => now = now.saturating_add(SimTime::from_days(days)),
                Action::LoseState { device } => {
                    devices[device].state = Pop3ClientState::default();
                    devices[device].state_lost = true;
                }
                Action::DeleteLocally { device, pick } => {
                    let d = &mut devices[device];
                    if !d.copies.is_empty() {
                        let uidl = d.copies.remove(pick % d.copies.len());
                        d.state.mark_deleted_locally(&uidl);
                    }
                }
                Action::CheckMail { device } => {
                    session += 1;
                    let d = &mut devices[device];
                    let (events, transcript, state) =
                        check_mail(&mut store, &d.settings, std::mem::take(&mut d.state), session, now);
                    d.state = state;
                    prop_assert!(!events.iter().any(|e| matches!(e, Pop3ClientEvent::Failed { .. })), "{transcript:#?}");
                    d.copies.extend(downloaded(&events));
                    if !d.state_lost {
                        let unique: BTreeSet<&String> = d.copies.iter().collect();
                        prop_assert_eq!(unique.len(), d.copies.len(), "duplicates on a device that never lost its state: {:?}", d.copies);
                    }
                }
            }
        }
    }
}
