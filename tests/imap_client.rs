//! The IMAP client state machine against the real server session, over the in-memory pair.

mod common;

use common::*;
use mailroom::sim::harness::Pair;
use mailroom::sim::imap::client::{ClientCache, Connection, ImapEvent, REIDLE_AFTER};
use mailroom::sim::imap::{
    ClientSettings, DeleteModel, ImapClient, ImapServer, SyncMode, UserAction,
};
use mailroom::sim::mail::{Flag, Store};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;

type ImapPair = Pair<ImapClient, ImapServer>;

fn settings(mode: SyncMode) -> ClientSettings {
    ClientSettings::new("alice", "wonderland", mode)
}

/// Opens a connection for `client` and runs it until nothing moves.
fn connect_client(store: &mut Store, mut client: ImapClient, id: u64, now: SimTime) -> ImapPair {
    client.connect(now);
    let mut pair = Pair::new(client, ImapServer::new(id, now));
    pair.run_until_idle(store, now);
    pair
}

fn commands(pair: &ImapPair) -> Vec<String> {
    pair.transcript_text()
        .into_iter()
        .filter(|l| l.starts_with("C: "))
        .collect()
}

fn fetched(pair: &ImapPair) -> Vec<u32> {
    pair.events
        .iter()
        .filter_map(|e| match e {
            ImapEvent::MessageFetched { uid, .. } => Some(*uid),
            _ => None,
        })
        .collect()
}

fn cached_uids(client: &ImapClient) -> Vec<u32> {
    client
        .cache
        .folders
        .get("INBOX")
        .map(|f| f.messages.keys().copied().collect())
        .unwrap_or_default()
}

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
    pair.server.handle_store_changed(&store, T0);
    pair.run_until_idle(&mut store, T0);
    let tail: Vec<String> = pair.transcript_text()[before..]
        .iter()
        .filter(|l| !l.contains("\r\n"))
        .cloned()
        .collect();
    assert_eq!(
        &tail[..3],
        ["S: * 4 EXISTS", "C: DONE", "S: a7 OK IDLE terminated"]
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
    pair.server.handle_store_changed(&store, T0);
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

fn delete_with(model: DeleteModel) -> (ImapPair, Store) {
    let mut store = Store::default_world();
    let mut s = settings(SyncMode::PushWithIdle);
    s.delete_model = model;
    let mut pair = connect_client(
        &mut store,
        ImapClient::new(s, ClientCache::default()),
        1,
        T0,
    );
    pair.client.apply(
        UserAction::Delete {
            folder: "INBOX".into(),
            uid: 2,
        },
        T0,
    );
    pair.run_until_idle(&mut store, T0);
    (pair, store)
}

#[test]
fn delete_by_moving_to_trash_sends_uid_move() {
    let (pair, store) = delete_with(DeleteModel::MoveToTrash);
    assert!(commands(&pair).contains(&"C: a8 UID MOVE 2 Trash".to_string()));
    assert_eq!(inbox_uids(&store), [1, 3]);
    assert_eq!(
        store
            .account("alice")
            .and_then(|a| a.mailbox("Trash"))
            .map(|m| m.exists()),
        Some(1)
    );
    assert_eq!(cached_uids(&pair.client), [1, 3]);
}

#[test]
fn delete_by_marking_keeps_the_message_flagged_deleted() {
    let (pair, store) = delete_with(DeleteModel::MarkAsDeleted);
    assert!(commands(&pair).contains(&"C: a8 UID STORE 2 +FLAGS.SILENT (\\Deleted)".to_string()));
    assert_eq!(inbox_uids(&store), [1, 2, 3]);
    assert!(pair.client.cache.folders["INBOX"].messages[&2]
        .flags
        .contains(Flag::Deleted));
}

#[test]
fn delete_immediately_stores_deleted_and_uid_expunges_only_that_message() {
    let (pair, store) = delete_with(DeleteModel::RemoveImmediately);
    let cmds = commands(&pair);
    assert!(
        cmds.contains(&"C: a8 UID STORE 2 +FLAGS.SILENT (\\Deleted)".to_string()),
        "{cmds:#?}"
    );
    assert!(
        cmds.contains(&"C: a9 UID EXPUNGE 2".to_string()),
        "{cmds:#?}"
    );
    assert_eq!(inbox_uids(&store), [1, 3]);
}

#[test]
fn offline_actions_apply_to_the_cache_at_once_and_replay_in_order_on_reconnect() {
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
    let mut client = first.client;
    client.disconnect(T0);
    client.apply(
        UserAction::MarkRead {
            folder: "INBOX".into(),
            uid: 1,
        },
        T0,
    );
    client.apply(
        UserAction::Flag {
            folder: "INBOX".into(),
            uid: 3,
        },
        T0,
    );
    client.apply(
        UserAction::MoveTo {
            folder: "INBOX".into(),
            uid: 2,
            to: "Archive".into(),
        },
        T0,
    );
    assert!(
        client.cache.folders["INBOX"].messages[&1]
            .flags
            .contains(Flag::Seen),
        "readable and changed offline"
    );
    assert_eq!(cached_uids(&client), [1, 3]);
    assert_eq!(client.cache.queue.len(), 3);

    let second = connect_client(&mut store, client, 2, T0);
    let cmds = commands(&second);
    let replay: Vec<&String> = cmds
        .iter()
        .filter(|c| c.contains("UID STORE") || c.contains("UID MOVE"))
        .collect();
    assert_eq!(
        replay,
        [
            "C: a5 UID STORE 1 +FLAGS.SILENT (\\Seen)",
            "C: a6 UID STORE 3 +FLAGS.SILENT (\\Flagged)",
            "C: a7 UID MOVE 2 Archive"
        ]
    );
    assert_eq!(
        second
            .events
            .iter()
            .filter(|e| matches!(e, ImapEvent::QueuedActionReplayed { .. }))
            .count(),
        3
    );
    assert!(second.client.cache.queue.is_empty());
    assert_eq!(inbox_uids(&store), [1, 3]);
    assert!(store
        .account("alice")
        .is_some_and(|a| a.inbox().messages[0].flags.contains(Flag::Seen)));
    assert!(
        second.client.cache.folders["INBOX"].messages[&1]
            .flags
            .contains(Flag::Seen),
        "sync did not undo the offline read"
    );
}

#[test]
fn a_queued_action_for_a_message_that_vanished_meanwhile_is_dropped() {
    for use_qresync in [true, false] {
        let mut store = Store::default_world();
        let mut s = settings(SyncMode::PollEveryMinutes(10));
        s.use_qresync = use_qresync;
        let first = connect_client(
            &mut store,
            ImapClient::new(s, ClientCache::default()),
            1,
            T0,
        );
        let mut client = first.client;
        client.apply(
            UserAction::Flag {
                folder: "INBOX".into(),
                uid: 2,
            },
            T0,
        );
        store
            .account_mut("alice")
            .expect("alice")
            .inbox_mut()
            .expunge_uids(&[2]);
        let second = connect_client(&mut store, client, 2, T0);
        assert!(
            second.events.iter().any(|e| matches!(
                e,
                ImapEvent::QueuedActionDropped {
                    action: UserAction::Flag { uid: 2, .. },
                    ..
                }
            )),
            "qresync={use_qresync}: {:#?}",
            second.events
        );
        assert!(!commands(&second).iter().any(|c| c.contains("UID STORE")));
        assert!(second.client.cache.queue.is_empty());
    }
}

#[test]
fn wrong_password_reports_failure_and_logs_out() {
    let mut store = Store::default_world();
    let client = ImapClient::new(
        ClientSettings::new("alice", "nope", SyncMode::PushWithIdle),
        ClientCache::default(),
    );
    let pair = connect_client(&mut store, client, 1, T0);
    assert!(pair
        .events
        .iter()
        .any(|e| matches!(e, ImapEvent::Failed { reason } if reason.contains("login failed"))));
    assert_eq!(
        commands(&pair).last().map(String::as_str),
        Some("C: a2 LOGOUT")
    );
}

#[test]
fn settings_and_cache_survive_serialization() {
    let mut store = Store::default_world();
    let pair = connect_client(
        &mut store,
        ImapClient::new(settings(SyncMode::PushWithIdle), ClientCache::default()),
        1,
        T0,
    );
    let json =
        serde_json::to_string(&(&pair.client.settings, &pair.client.cache)).expect("serializes");
    let (settings, cache): (ClientSettings, ClientCache) =
        serde_json::from_str(&json).expect("deserializes");
    assert_eq!(settings, pair.client.settings);
    assert_eq!(cache, pair.client.cache);
}
