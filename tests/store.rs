//! The store rules of docs/protocol.md: what every message and mailbox carries, and that POP3, SMTP and IMAP
//! share it.

mod common;

use common::*;
use mailroom::sim::harness::exchange;
use mailroom::sim::mail::{Flag, Store, DEFAULT_FOLDERS};
use mailroom::sim::time::SimTime;

#[test]
fn every_account_starts_with_inbox_sent_trash_and_archive_each_with_its_own_uidvalidity() {
    let store = Store::default_world();
    let alice = store.account("alice").expect("alice");
    let mut validities: Vec<u32> = DEFAULT_FOLDERS
        .iter()
        .map(|name| alice.mailbox(name).map(|m| m.uid_validity).unwrap_or(0))
        .collect();
    assert!(validities.iter().all(|v| *v != 0));
    validities.dedup();
    assert_eq!(validities.len(), 4);
}

#[test]
fn a_message_carries_uid_flags_date_size_modseq_message_id_and_text() {
    let store = Store::default_world();
    let message = &store.account("alice").expect("alice").inbox().messages[1];
    assert_eq!(message.uid, 2);
    assert!(message.flags.is_empty());
    assert_eq!(message.internal_date, SimTime::from_minutes(7));
    assert!(message.modseq > 1);
    assert_eq!(message.message_id, "2.default@mailroom.example");
    assert_eq!(message.size(), message.text.len());
}

#[test]
fn size_counts_crlf_as_two_octets() {
    let mut store = Store::new();
    store.add_account("u", "p", "u@example.org");
    store
        .deliver("u@example.org", "A: b\r\n\r\nc\r\n".into(), SimTime::ZERO)
        .expect("delivered");
    assert_eq!(
        store.account("u").map(|a| a.inbox().messages[0].size()),
        Some(11)
    );
}

#[test]
fn delivery_appends_to_inbox_with_the_next_uid() {
    let mut store = Store::default_world();
    let uid = store
        .deliver(ALICE, "Subject: x\r\n\r\ny\r\n".into(), SimTime::ZERO)
        .expect("delivered");
    assert_eq!(uid, 4);
    assert_eq!(store.account("alice").map(|a| a.inbox().uid_next), Some(5));
}

#[test]
fn a_pop3_dele_that_reaches_update_is_an_expunge_for_imap() {
    let mut store = Store::default_world();
    let modseq_before = store.account("alice").map(|a| a.inbox().highest_modseq);
    let mut pop3 = logged_in(&mut store, 1);
    exchange(&mut pop3, &mut store, "DELE 2", SimTime::ZERO);
    exchange(&mut pop3, &mut store, "QUIT", SimTime::ZERO);
    let inbox = store
        .account("alice")
        .map(|a| a.inbox().clone())
        .expect("inbox");
    assert_eq!(
        inbox.messages.iter().map(|m| m.uid).collect::<Vec<_>>(),
        [1, 3]
    );
    assert_eq!(
        inbox.vanished.iter().map(|v| v.uid).collect::<Vec<_>>(),
        [2]
    );
    assert!(Some(inbox.highest_modseq) > modseq_before);
}

#[test]
fn a_pop3_retr_sets_seen_for_imap() {
    let mut store = Store::default_world();
    let mut pop3 = logged_in(&mut store, 1);
    exchange(&mut pop3, &mut store, "RETR 2", SimTime::ZERO);
    let flags = store.account("alice").map(|a| a.inbox().messages[1].flags);
    assert_eq!(flags.map(|f| f.contains(Flag::Seen)), Some(true));
}

#[test]
fn seeding_adds_messages_with_distinct_message_ids() {
    let mut store = Store::default_world();
    store
        .seed_generated(ALICE, 20, SimTime::from_days(1))
        .expect("seeded");
    let inbox = store
        .account("alice")
        .map(|a| a.inbox().clone())
        .expect("inbox");
    let mut ids: Vec<&str> = inbox
        .messages
        .iter()
        .map(|m| m.message_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 23);
}
