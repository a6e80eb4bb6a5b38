#![cfg(not(target_arch = "wasm32"))]
//! Random interleavings of two IMAP sessions, SMTP-like deliveries and POP3-like deletions: nothing panics,
//! UIDs ascend and are never reused, and after a NOOP every session's view equals the store.

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::imap::ImapServer;
use mailroom::sim::mail::Store;
use mailroom::sim::session::ServerSession;
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Debug, Clone)]
enum Op {
    Command { session: usize, command: String },
    Deliver,
    Pop3Delete { pick: usize },
    Idle { session: usize },
}

fn op() -> impl Strategy<Value = Op> {
    let session = 0usize..2;
    let flag = prop_oneof![Just("\\Seen"), Just("\\Deleted"), Just("\\Flagged")];
    let command = prop_oneof![
        (
            1u32..6,
            flag.clone(),
            prop_oneof![Just("+"), Just("-"), Just("")]
        )
            .prop_map(|(n, f, op)| format!("STORE {n} {op}FLAGS ({f})")),
        (1u32..8, flag).prop_map(|(n, f)| format!("UID STORE {n}:* +FLAGS.SILENT ({f})")),
        Just("EXPUNGE".to_string()),
        (1u32..8).prop_map(|n| format!("UID EXPUNGE {n}")),
        Just("NOOP".to_string()),
        Just("FETCH 1:* (UID FLAGS)".to_string()),
        Just("SEARCH UNSEEN".to_string()),
        (1u32..8).prop_map(|n| format!("UID MOVE {n} Trash")),
        (1u32..4).prop_map(|n| format!("COPY {n} INBOX")),
        Just("CLOSE".to_string()),
        Just("SELECT INBOX".to_string()),
    ];
    prop_oneof![
        6 => (session.clone(), command).prop_map(|(session, command)| Op::Command { session, command }),
        2 => Just(Op::Deliver),
        1 => (0usize..10).prop_map(|pick| Op::Pop3Delete { pick }),
        1 => session.prop_map(|session| Op::Idle { session }),
    ]
}

/// What a client following the wire alone believes the mailbox's size is (RFC 3501 §7.3.1, §7.4.1).
#[derive(Default)]
struct WireModel {
    exists: usize,
}

impl WireModel {
    fn read(&mut self, lines: &[String]) {
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            match words.as_slice() {
                ["*", n, "EXISTS"] => self.exists = n.parse().expect("EXISTS count"),
                ["*", n, "EXPUNGE"] => {
                    let n: usize = n.parse().expect("EXPUNGE number");
                    assert!(
                        n >= 1 && n <= self.exists,
                        "EXPUNGE {n} of {} messages",
                        self.exists
                    );
                    self.exists -= 1;
                }
                _ => {}
            }
        }
    }
}

struct Session {
    server: ImapServer,
    model: WireModel,
    tag: u32,
    idling: bool,
}

impl Session {
    fn command(&mut self, store: &mut Store, command: &str) -> Vec<String> {
        if self.idling {
            let lines = send(&mut self.server, store, "DONE");
            self.model.read(&lines);
            self.idling = false;
        }
        self.tag += 1;
        let lines = send(&mut self.server, store, &format!("t{} {command}", self.tag));
        self.model.read(&lines);
        if self.server.view().is_none() {
            let lines = send(&mut self.server, store, "r SELECT INBOX");
            self.model.read(&lines);
        }
        lines
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn interleaved_sessions_keep_uids_and_views_consistent(ops in proptest::collection::vec(op(), 1..60)) {
        let mut store = Store::default_world();
        let mut sessions: Vec<Session> = (0..2)
            .map(|i| {
                let mut server = connect(i as u64 + 1);
                send(&mut server, &mut store, "l LOGIN alice wonderland");
                let mut model = WireModel::default();
                model.read(&send(&mut server, &mut store, "s SELECT INBOX"));
                Session { server, model, tag: 0, idling: false }
            })
            .collect();
        let mut ever_seen: BTreeSet<u32> = inbox_uids(&store).into_iter().collect();
        let mut gone: BTreeSet<u32> = BTreeSet::new();
        let mut next_text = 100;
        for op in ops {
            match op {
                Op::Command { session, command } => {
                    sessions[session].command(&mut store, &command);
                }
                Op::Deliver => {
                    next_text += 1;
                    store.deliver("alice@example.org", message_text(next_text), T0).expect("delivered");
                }
                Op::Pop3Delete { pick } => {
                    let uids = inbox_uids(&store);
                    if !uids.is_empty() {
                        let uid = uids[pick % uids.len()];
                        store.account_mut("alice").expect("alice").inbox_mut().expunge_uids(&[uid]);
                    }
                }
                Op::Idle { session } => {
                    let s = &mut sessions[session];
                    if !s.idling {
                        let lines = send(&mut s.server, &mut store, "i IDLE");
                        s.model.read(&lines);
                        s.idling = true;
                    }
                }
            }
            for s in sessions.iter_mut() {
                s.server.handle_store_changed(&mut store, T0);
                let lines = drain(&mut s.server);
                s.model.read(&lines);
            }
            let uids = inbox_uids(&store);
            prop_assert!(uids.windows(2).all(|w| w[0] < w[1]), "UIDs strictly ascend: {uids:?}");
            let max_before = ever_seen.iter().next_back().copied().unwrap_or(0);
            for uid in &uids {
                prop_assert!(!gone.contains(uid), "UID {uid} reused");
                if !ever_seen.contains(uid) {
                    prop_assert!(*uid > max_before, "new UID {uid} not above {max_before}");
                }
            }
            let now: BTreeSet<u32> = uids.iter().copied().collect();
            gone.extend(ever_seen.difference(&now).copied());
            ever_seen.extend(now);
            let uid_next = store.account("alice").map(|a| a.inbox().uid_next).unwrap_or(0);
            prop_assert!(uids.iter().all(|u| *u < uid_next));
        }
        for s in sessions.iter_mut() {
            s.command(&mut store, "NOOP");
            let view = s.server.view().expect("selected").clone();
            let inbox = store.account("alice").expect("alice").inbox();
            prop_assert_eq!(&view.uids, &inbox_uids(&store));
            let flags: Vec<_> = inbox.messages.iter().map(|m| m.flags).collect();
            let known: Vec<_> = view.known.iter().map(|k| k.flags).collect();
            prop_assert_eq!(known, flags);
            prop_assert_eq!(s.model.exists, inbox.exists(), "the wire told the client the right size");
        }
    }
}
