//! The IMAP client state machine against the real server session, over the in-memory pair: syncing.

mod common;

use common::*;
use mailroom::sim::imap::client::{ClientCache, Connection, ImapEvent, REIDLE_AFTER};
use mailroom::sim::imap::{ImapClient, SyncMode};
use mailroom::sim::mail::{Flag, Store};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;

#[test]
fn first_connection_logs_in_lists_selects_fetches_everything_and_idles() {
    let mut store = Store::default_world();
    let pair = connect_client(
        &mut store,
        ImapClient::new(settings(SyncMode::PushWithIdle), ClientCache::default()),
        1,
        T0,
    );
    assert_eq!(
        commands(&pair),
        [
            "C: a1 LOGIN \"alice\" \"wonderland\"",
            "C: a2 ENABLE QRESYNC",
            "C: a3 LIST \"\" \"*\"",
            "C: a4 SELECT INBOX",
            "C: a5 UID FETCH 1:* (FLAGS)",
            "C: a6 UID FETCH 1:* (UID FLAGS BODY.PEEK[])",
            "C: a7 IDLE",
        ]
    );
    assert_eq!(fetched(&pair), [1, 2, 3]);
    assert!(pair.events.contains(&ImapEvent::MessageFetched {
        folder: "INBOX".into(),
        uid: 2,
        message_id: "2.default@mailroom.example".into()
    }));
    assert_eq!(pair.client.connection(), Connection::Idling);
    let folders: Vec<&String> = pair.client.cache.folders.keys().collect();
    assert_eq!(
        folders,
        ["Archive", "INBOX", "Sent", "Trash"],
        "local folders mirror LIST"
    );
    assert_eq!(
        store.account("alice").map(|a| a.inbox().unseen()),
        Some(3),
        "BODY.PEEK[] leaves \\Seen alone"
    );
}

#[test]
fn polling_client_logs_out_and_wants_to_connect_again_after_n_minutes() {
    let mut store = Store::default_world();
    let mut pair = connect_client(
        &mut store,
        ImapClient::new(
            settings(SyncMode::PollEveryMinutes(10)),
            ClientCache::default(),
        ),
        1,
        T0,
    );
    assert_eq!(
        commands(&pair).last().map(String::as_str),
        Some("C: a7 LOGOUT")
    );
    assert!(pair.events.contains(&ImapEvent::LoggedOut));
    assert!(pair.server.is_closed());
    assert_eq!(pair.client.poll_timeout(), Some(SimTime::from_minutes(10)));
    assert!(!pair.client.handle_timeout(SimTime::from_minutes(9)));
    assert!(pair.client.handle_timeout(SimTime::from_minutes(10)));
}

#[test]
fn reconnecting_with_qresync_fetches_only_what_changed() {
    let mut store = Store::default_world();
    let first = connect_client(
        &mut store,
        ImapClient::new(
            settings(SyncMode::PollEveryMinutes(10)),
            ClientCache::default(),
        ),
        1,
        T0,
    );
    let mut other = selected(&mut store, 9);
    send(
        &mut other,
        &mut store,
        "a STORE 1 +FLAGS.SILENT (\\Flagged)",
    );
    send(
        &mut other,
        &mut store,
        "b STORE 2 +FLAGS.SILENT (\\Deleted)",
    );
    send(&mut other, &mut store, "c EXPUNGE");
    store
        .deliver("alice@example.org", message_text(4), T0)
        .expect("delivered");

    let second = connect_client(&mut store, first.client, 2, T0);
    let cmds = commands(&second);
    assert!(
        cmds.iter()
            .any(|c| c.starts_with("C: a4 SELECT INBOX (QRESYNC (1772442000 ")),
        "{cmds:#?}"
    );
    assert!(
        cmds.contains(&"C: a5 UID FETCH 4:* (UID FLAGS BODY.PEEK[])".to_string()),
        "{cmds:#?}"
    );
    assert!(
        !cmds.iter().any(|c| c.contains("1:* (FLAGS)")),
        "no full flag sweep under QRESYNC"
    );
    assert_eq!(fetched(&second), [4]);
    assert!(second.events.contains(&ImapEvent::MessageVanished {
        folder: "INBOX".into(),
        uid: 2,
        message_id: "2.default@mailroom.example".into()
    }));
    assert!(second.events.iter().any(|e| matches!(e, ImapEvent::FlagsChanged { uid: 1, flags, .. } if flags.contains(Flag::Flagged))));
    assert_eq!(cached_uids(&second.client), [1, 3, 4]);
}

#[test]
fn reconnecting_without_qresync_sweeps_flags_and_drops_vanished_uids() {
    let mut store = Store::default_world();
    let mut s = settings(SyncMode::PollEveryMinutes(10));
    s.use_qresync = false;
    let first = connect_client(
        &mut store,
        ImapClient::new(s, ClientCache::default()),
        1,
        T0,
    );
    store
        .account_mut("alice")
        .expect("alice")
        .inbox_mut()
        .expunge_uids(&[3]);
    let second = connect_client(&mut store, first.client, 2, T0);
    let cmds = commands(&second);
    assert!(
        cmds.contains(&"C: a3 SELECT INBOX".to_string()),
        "{cmds:#?}"
    );
    assert!(
        cmds.contains(&"C: a4 UID FETCH 1:* (FLAGS)".to_string()),
        "{cmds:#?}"
    );
    assert_eq!(cached_uids(&second.client), [1, 2]);
    assert!(fetched(&second).is_empty());
}

#[test]
fn a_new_uidvalidity_drops_the_folder_cache_and_refetches() {
    let mut store = Store::default_world();
    let first = connect_client(
        &mut store,
        ImapClient::new(
            settings(SyncMode::PollEveryMinutes(10)),
            ClientCache::default(),
        ),
        1,
        T0,
    );
    let new = store.reset_uid_validity("alice", "INBOX").expect("reset");
    let second = connect_client(&mut store, first.client, 2, T0);
    assert!(second.events.contains(&ImapEvent::UidValidityChanged {
        folder: "INBOX".into(),
        old: 1772442000,
        new
    }));
    assert_eq!(fetched(&second), [1, 2, 3]);
    assert_eq!(second.client.cache.folders["INBOX"].uid_validity, new);
}

#[test]
fn while_idling_a_delivery_makes_the_client_end_idle_fetch_and_idle_again() {
    let mut store = Store::default_world();
    let mut pair = connect_client(
        &mut store,
        ImapClient::new(settings(SyncMode::PushWithIdle), ClientCache::default()),
        1,
        T0,
    );
    let before = pair.transcript.len();
    store
        .deliver("alice@example.org", message_text(4), T0)
        .expect("delivered");
    pair.server.handle_store_changed(&mut store, T0);
    pair.run_until_idle(&mut store, T0);
    let tail: Vec<String> = pair.transcript_text()[before..]
        .iter()
        .filter(|l| !l.contains("\r\n"))
        .cloned()
        .collect();
    // The idling session is the first told of the message, so it is \Recent there (RFC 3501 §2.3.2).
    assert_eq!(
        &tail[..4],
        [
            "S: * 4 EXISTS",
            "S: * 4 RECENT",
            "C: DONE",
            "S: a7 OK IDLE terminated"
        ]
    );
    assert!(
        tail.contains(&"C: a8 UID FETCH 4:* (UID FLAGS BODY.PEEK[])".to_string()),
        "{tail:#?}"
    );
    assert!(tail.contains(&"C: a9 IDLE".to_string()));
    assert_eq!(fetched(&pair), [1, 2, 3, 4]);
    assert_eq!(pair.client.connection(), Connection::Idling);
}

#[test]
fn while_idling_an_expunge_and_a_flag_change_reach_the_cache_at_once() {
    let mut store = Store::default_world();
    let mut s = settings(SyncMode::PushWithIdle);
    s.use_qresync = false;
    let mut pair = connect_client(
        &mut store,
        ImapClient::new(s, ClientCache::default()),
        1,
        T0,
    );
    let mut other = selected(&mut store, 9);
    send(&mut other, &mut store, "a STORE 3 +FLAGS.SILENT (\\Seen)");
    send(
        &mut other,
        &mut store,
        "b STORE 1 +FLAGS.SILENT (\\Deleted)",
    );
    send(&mut other, &mut store, "c EXPUNGE");
    pair.server.handle_store_changed(&mut store, T0);
    pair.run_until_idle(&mut store, T0);
    assert!(pair.events.contains(&ImapEvent::MessageVanished {
        folder: "INBOX".into(),
        uid: 1,
        message_id: "1.default@mailroom.example".into()
    }));
    assert!(pair.events.iter().any(
        |e| matches!(e, ImapEvent::FlagsChanged { uid: 3, flags, .. } if flags.contains(Flag::Seen))
    ));
    assert_eq!(cached_uids(&pair.client), [2, 3]);
    assert_eq!(pair.client.connection(), Connection::Idling);
}

#[test]
fn the_client_re_idles_before_29_minutes_pass() {
    let mut store = Store::default_world();
    let mut pair = connect_client(
        &mut store,
        ImapClient::new(settings(SyncMode::PushWithIdle), ClientCache::default()),
        1,
        T0,
    );
    assert_eq!(pair.client.poll_timeout(), Some(REIDLE_AFTER));
    assert!(
        REIDLE_AFTER < SimTime::from_minutes(30),
        "RFC 2177 §3: servers may drop idlers after 30 minutes"
    );
    pair.client.handle_timeout(REIDLE_AFTER);
    pair.run_until_idle(&mut store, REIDLE_AFTER);
    let tail: Vec<String> = pair.transcript_text().into_iter().rev().take(4).collect();
    assert_eq!(
        tail,
        [
            "S: + idling",
            "C: a8 IDLE",
            "S: a7 OK IDLE terminated",
            "C: DONE"
        ]
    );
    assert_eq!(
        pair.client.poll_timeout(),
        Some(REIDLE_AFTER.saturating_add(REIDLE_AFTER))
    );
}

#[test]
fn a_folder_deleted_on_the_server_disappears_from_the_device() {
    let mut store = Store::default_world();
    let first = connect_client(
        &mut store,
        ImapClient::new(
            settings(SyncMode::PollEveryMinutes(10)),
            ClientCache::default(),
        ),
        1,
        T0,
    );
    assert!(first.client.cache.folders.contains_key("Archive"));
    store.delete_mailbox("alice", "Archive").expect("deleted");
    store.create_mailbox("alice", "Receipts").expect("created");
    let second = connect_client(&mut store, first.client, 2, T0);
    let folders: Vec<&String> = second.client.cache.folders.keys().collect();
    assert_eq!(folders, ["INBOX", "Receipts", "Sent", "Trash"]);
}
