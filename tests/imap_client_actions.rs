//! The IMAP client state machine against the real server session, over the in-memory pair: user actions, delete models, the offline queue.

mod common;

use common::*;
use mailroom::sim::imap::client::{ClientCache, ImapEvent};
use mailroom::sim::imap::{ClientSettings, DeleteModel, ImapClient, SyncMode, UserAction};
use mailroom::sim::mail::{Flag, Store};

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
