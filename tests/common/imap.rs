//! Helpers shared by the IMAP integration tests.
#![allow(dead_code)]

use mailroom::sim::harness::{drain, exchange};
use mailroom::sim::imap::ImapServer;
use mailroom::sim::mail::{Flags, MessageDraft, Store};
use mailroom::sim::time::SimTime;

pub const T0: SimTime = SimTime::ZERO;

/// A server session past its greeting.
pub fn connect(id: u64) -> ImapServer {
    let mut server = ImapServer::new(id, T0);
    let greeting = drain(&mut server);
    assert_eq!(greeting.len(), 1);
    assert!(
        greeting[0].starts_with("* OK [CAPABILITY IMAP4rev1 "),
        "{greeting:?}"
    );
    server
}

/// Sends one command line and returns every line the server answered.
pub fn send(server: &mut ImapServer, store: &mut Store, line: &str) -> Vec<String> {
    exchange(server, store, line, T0)
}

/// The last line must be the tagged completion `tag STATUS ...`; returns it.
pub fn tagged<'a>(lines: &'a [String], tag: &str, status: &str) -> &'a str {
    let last = lines.last().map(String::as_str).unwrap_or("");
    assert!(
        last.starts_with(&format!("{tag} {status}")),
        "expected `{tag} {status}` last, got {lines:#?}"
    );
    last
}

/// Logged in as alice with INBOX selected; returns the session.
pub fn selected(store: &mut Store, id: u64) -> ImapServer {
    let mut s = connect(id);
    tagged(&send(&mut s, store, "l LOGIN alice wonderland"), "l", "OK");
    tagged(&send(&mut s, store, "s SELECT INBOX"), "s", "OK");
    s
}

pub fn message_text(n: u32) -> String {
    MessageDraft {
        from: format!("Sender {n} <sender{n}@example.net>"),
        to: "alice@example.org".into(),
        subject: format!("Message {n}"),
        body: format!("Body of message {n}.\n"),
        message_id: format!("{n}@test.example"),
    }
    .to_rfc5322(T0)
}

/// The default world plus `extra` more messages in INBOX.
pub fn world_with(extra: u32) -> Store {
    let mut store = Store::default_world();
    for n in 0..extra {
        store
            .account_mut("alice")
            .expect("alice")
            .inbox_mut()
            .append(message_text(n + 10), Flags::EMPTY, T0);
    }
    store
}

/// A status line without its free text: `* OK [UIDNEXT 4] Predicted` → `* OK [UIDNEXT 4]`, `a OK done` → `a OK`
/// (RFC 3501 §7.1: the human-readable text may differ between servers).
pub fn significant(line: &str) -> String {
    let mut words = line.splitn(3, ' ');
    let (Some(tag), Some(status)) = (words.next(), words.next()) else {
        return line.to_string();
    };
    if !["OK", "NO", "BAD", "BYE", "PREAUTH"].contains(&status.to_ascii_uppercase().as_str()) {
        return line.to_string();
    }
    let rest = words.next().unwrap_or("");
    match rest
        .strip_prefix('[')
        .and_then(|r| r.find(']').map(|i| &r[..i]))
    {
        Some(code) => format!("{tag} {status} [{code}]"),
        None => format!("{tag} {status}"),
    }
}

/// The flags of INBOX's message with this UID, as IMAP lists them.
pub fn flags_of(store: &Store, uid: u32) -> String {
    store
        .account("alice")
        .and_then(|a| a.inbox().by_uid(uid))
        .map(|m| m.flags.to_imap_list())
        .unwrap_or_default()
}
