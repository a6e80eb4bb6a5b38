//! One test per IMAP server claim of docs/protocol.md about the Selected state (RFC 3501 §6.4), other sessions
//! (§7.4.1), IDLE (RFC 2177) and CONDSTORE/QRESYNC (RFC 7162).

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::imap::ImapState;
use mailroom::sim::mail::Store;
use mailroom::sim::session::ServerSession;

mod selected {
    use super::*;

    #[test]
    fn fetch_body_sets_seen_and_reports_the_new_flags() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(&mut s, &mut store, "a FETCH 1 BODY[]");
        let size = store
            .account("alice")
            .map(|a| a.inbox().messages[0].size())
            .unwrap_or(0);
        assert!(lines[0].starts_with(&format!("* 1 FETCH (BODY[] {{{size}}}\r\nFrom: Bob Baker")));
        assert!(
            lines[0].ends_with(" FLAGS (\\Seen \\Recent))"),
            "{}",
            lines[0]
        );
        assert_eq!(flags_of(&store, 1), "\\Seen");
    }

    #[test]
    fn fetch_body_peek_does_not_set_seen() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(
            &mut s,
            &mut store,
            "a FETCH 1 (BODY.PEEK[] BODY.PEEK[HEADER])",
        );
        assert!(!lines[0].contains("FLAGS"));
        assert!(lines[0].contains(" BODY[HEADER] {"));
        assert_eq!(flags_of(&store, 1), "");
    }

    #[test]
    fn fetch_reports_uid_flags_size_internaldate_and_envelope() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(
            &mut s,
            &mut store,
            "a FETCH 2 (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE)",
        );
        let size = store
            .account("alice")
            .map(|a| a.inbox().messages[1].size())
            .unwrap_or(0);
        assert!(lines[0].starts_with(&format!(
            "* 2 FETCH (UID 2 FLAGS (\\Recent) RFC822.SIZE {size} INTERNALDATE \"02-Mar-2026 09:07:00 +0000\" ENVELOPE (\"Mon, 02 Mar 2026 09:07:00 +0000\" \"Homework: network protocols\" ((\"Carol Chen\" NIL \"carol\" \"school.example\"))"
        )), "{}", lines[0]);
    }

    #[test]
    fn rfc822_sets_seen_and_rfc822_header_does_not() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a FETCH 1 RFC822.HEADER");
        assert_eq!(flags_of(&store, 1), "");
        let lines = send(&mut s, &mut store, "b FETCH 1 RFC822");
        assert!(lines[0].starts_with("* 1 FETCH (RFC822 {"));
        assert_eq!(flags_of(&store, 1), "\\Seen");
    }

    #[test]
    fn store_answers_with_the_new_flags_and_silent_sends_none() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(&mut s, &mut store, "a STORE 1 +FLAGS (\\Flagged)");
        assert_eq!(lines[0], "* 1 FETCH (FLAGS (\\Flagged \\Recent))");
        let lines = send(&mut s, &mut store, "b STORE 2 +FLAGS.SILENT (\\Seen)");
        assert_eq!(lines.len(), 1);
        tagged(&lines, "b", "OK");
        assert_eq!(flags_of(&store, 2), "\\Seen");
        let lines = send(&mut s, &mut store, "c STORE 1 FLAGS (\\Answered)");
        assert_eq!(lines[0], "* 1 FETCH (FLAGS (\\Answered \\Recent))");
        send(&mut s, &mut store, "d STORE 1 -FLAGS (\\Answered)");
        assert_eq!(flags_of(&store, 1), "");
    }

    #[test]
    fn uid_store_includes_the_uid() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(&mut s, &mut store, "a UID STORE 3 +FLAGS (\\Seen)");
        assert_eq!(lines[0], "* 3 FETCH (UID 3 FLAGS (\\Seen \\Recent))");
    }

    #[test]
    fn deleting_is_two_steps_store_deleted_then_expunge() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a STORE 2 +FLAGS.SILENT (\\Deleted)");
        assert_eq!(
            inbox_uids(&store),
            vec![1, 2, 3],
            "\\Deleted alone removes nothing"
        );
        let lines = send(&mut s, &mut store, "b EXPUNGE");
        assert_eq!(lines[0], "* 2 EXPUNGE");
        assert_eq!(inbox_uids(&store), vec![1, 3]);
    }

    #[test]
    fn sequence_numbers_renumber_after_expunge_but_uids_stay() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a STORE 1 +FLAGS.SILENT (\\Deleted)");
        send(&mut s, &mut store, "b EXPUNGE");
        let lines = send(&mut s, &mut store, "c FETCH 1 UID");
        assert_eq!(lines[0], "* 1 FETCH (UID 2)");
    }

    #[test]
    fn close_expunges_silently_and_returns_to_authenticated() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a STORE 1 +FLAGS.SILENT (\\Deleted)");
        let lines = send(&mut s, &mut store, "b CLOSE");
        assert_eq!(lines.len(), 1, "no EXPUNGE responses: {lines:?}");
        tagged(&lines, "b", "OK");
        assert_eq!(inbox_uids(&store), vec![2, 3]);
        assert_eq!(s.state(), ImapState::Authenticated);
    }

    #[test]
    fn unselect_and_logout_do_not_expunge() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a STORE 1 +FLAGS.SILENT (\\Deleted)");
        tagged(&send(&mut s, &mut store, "b UNSELECT"), "b", "OK");
        assert_eq!(s.state(), ImapState::Authenticated);
        tagged(&send(&mut s, &mut store, "c SELECT INBOX"), "c", "OK");
        send(&mut s, &mut store, "d LOGOUT");
        assert_eq!(inbox_uids(&store), vec![1, 2, 3]);
    }

    #[test]
    fn search_finds_by_flag_uid_and_header_substring() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(
            &mut s,
            &mut store,
            "a STORE 2 +FLAGS.SILENT (\\Seen \\Flagged)",
        );
        assert_eq!(
            send(&mut s, &mut store, "b SEARCH ALL")[0],
            "* SEARCH 1 2 3"
        );
        assert_eq!(
            send(&mut s, &mut store, "c SEARCH UNSEEN")[0],
            "* SEARCH 1 3"
        );
        assert_eq!(
            send(&mut s, &mut store, "d SEARCH SEEN FLAGGED")[0],
            "* SEARCH 2"
        );
        assert_eq!(
            send(&mut s, &mut store, "e SEARCH FROM carol")[0],
            "* SEARCH 2"
        );
        assert_eq!(
            send(&mut s, &mut store, "f SEARCH SUBJECT \"bike\"")[0],
            "* SEARCH 3"
        );
        assert_eq!(
            send(&mut s, &mut store, "g UID SEARCH UID 2:3 NOT DELETED")[0],
            "* SEARCH 2 3"
        );
        assert_eq!(
            send(&mut s, &mut store, "h SEARCH OR DELETED FROM bob")[0],
            "* SEARCH 1"
        );
    }

    #[test]
    fn copy_returns_copyuid_and_keeps_the_original() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let archive = store
            .account("alice")
            .and_then(|a| a.mailbox("Archive"))
            .map(|m| m.uid_validity)
            .unwrap_or(0);
        let lines = send(&mut s, &mut store, "a COPY 2:3 Archive");
        assert_eq!(
            significant(tagged(&lines, "a", "OK")),
            format!("a OK [COPYUID {archive} 2:3 1:2]")
        );
        assert_eq!(inbox_uids(&store), vec![1, 2, 3]);
        tagged(
            &send(&mut s, &mut store, "b COPY 1 Nowhere"),
            "b",
            "NO [TRYCREATE]",
        );
    }

    #[test]
    fn copy_past_the_quota_is_no_overquota_and_copies_nothing() {
        // RFC 9208 §4.3.1 (RFC 5530 §3): OVERQUOTA when the operation would take the user over quota.
        let mut store = Store::default_world();
        let used = store.account("alice").map(|a| a.used_bytes()).unwrap_or(0);
        if let Some(alice) = store.account_mut("alice") {
            alice.quota_bytes = Some(used + 10);
        }
        let mut s = selected(&mut store, 1);
        let lines = send(&mut s, &mut store, "a COPY 1 Archive");
        assert_eq!(significant(tagged(&lines, "a", "NO")), "a NO [OVERQUOTA]");
        assert_eq!(
            store
                .account("alice")
                .and_then(|a| a.mailbox("Archive"))
                .map(|m| m.exists()),
            Some(0)
        );
        // MOVE adds nothing to the account, so the quota does not stand in its way.
        tagged(&send(&mut s, &mut store, "b MOVE 1 Archive"), "b", "OK");
    }

    #[test]
    fn keywords_can_be_created_stored_searched_and_removed() {
        // RFC 3501 §2.3.2 and §7.1 (PERMANENTFLAGS \*): a client may store keywords such as $Junk; a new one is
        // announced in a FLAGS response (§7.2.6) and every session sees it on the message.
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let mut other = selected(&mut store, 2);
        let lines = send(&mut s, &mut store, "a STORE 1 +FLAGS ($Junk)");
        assert_eq!(
            lines,
            [
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk)",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Junk \\*)] Flags permitted.",
                "* 1 FETCH (FLAGS ($Junk \\Recent))",
                "a OK Store completed"
            ]
        );
        let lines = send(&mut other, &mut store, "b FETCH 1 FLAGS");
        assert!(
            lines.contains(&"* 1 FETCH (FLAGS ($Junk))".to_string()),
            "{lines:?}"
        );
        assert_eq!(
            send(&mut other, &mut store, "c SEARCH KEYWORD $junk")[0],
            "* SEARCH 1"
        );
        assert_eq!(
            send(&mut other, &mut store, "d SEARCH UNKEYWORD $Junk")[0],
            "* SEARCH 2 3"
        );
        let lines = send(&mut s, &mut store, "e STORE 1 -FLAGS ($Junk)");
        assert_eq!(lines[0], "* 1 FETCH (FLAGS (\\Recent))");
        // A copy keeps its keywords, under the destination's own numbering.
        send(
            &mut s,
            &mut store,
            "f STORE 2 +FLAGS.SILENT (\\Seen $NotJunk)",
        );
        tagged(&send(&mut s, &mut store, "g COPY 2 Archive"), "g", "OK");
        let archive = store
            .account("alice")
            .and_then(|a| a.mailbox("Archive"))
            .expect("Archive");
        let copied = &archive.messages[0];
        assert_eq!(
            archive.keyword_names(copied.flags).collect::<Vec<_>>(),
            ["$NotJunk"]
        );
        assert_eq!(copied.flags.to_imap_list(), "\\Seen");
    }

    #[test]
    fn check_answers_check_completed_and_needs_a_selected_mailbox() {
        // RFC 3501 §6.4.1: CHECK is a Selected-state command; its own completion, not NOOP's.
        let mut store = Store::default_world();
        let mut s = connect(1);
        send(&mut s, &mut store, "l LOGIN alice wonderland");
        tagged(&send(&mut s, &mut store, "a CHECK"), "a", "BAD");
        send(&mut s, &mut store, "s SELECT INBOX");
        assert_eq!(
            send(&mut s, &mut store, "b CHECK"),
            ["b OK CHECK completed"]
        );
    }

    #[test]
    fn uid_move_reports_copyuid_untagged_then_expunge() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let trash = store
            .account("alice")
            .and_then(|a| a.mailbox("Trash"))
            .map(|m| m.uid_validity)
            .unwrap_or(0);
        let lines = send(&mut s, &mut store, "a UID MOVE 2 Trash");
        let sig: Vec<String> = lines.iter().map(|l| significant(l)).collect();
        assert_eq!(
            sig,
            vec![
                format!("* OK [COPYUID {trash} 2 1]"),
                "* 2 EXPUNGE".into(),
                "* 2 RECENT".into(),
                "a OK".into()
            ]
        );
        assert_eq!(inbox_uids(&store), vec![1, 3]);
    }

    #[test]
    fn uid_expunge_removes_only_deleted_messages_in_its_set() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a STORE 1:3 +FLAGS.SILENT (\\Deleted)");
        let lines = send(&mut s, &mut store, "b UID EXPUNGE 2");
        assert_eq!(lines[0], "* 2 EXPUNGE");
        assert_eq!(inbox_uids(&store), vec![1, 3]);
    }

    #[test]
    fn uid_fetch_ignores_absent_uids_and_star_means_the_last() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        assert_eq!(send(&mut s, &mut store, "a UID FETCH 7:9 FLAGS").len(), 1);
        let lines = send(&mut s, &mut store, "b UID FETCH 10:* FLAGS");
        assert_eq!(lines[0], "* 3 FETCH (UID 3 FLAGS (\\Recent))");
        tagged(&send(&mut s, &mut store, "c FETCH 4 FLAGS"), "c", "BAD");
    }
}

mod other_sessions {
    use super::*;

    #[test]
    fn a_delivery_is_reported_as_exists_with_the_next_command() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        store
            .deliver("alice@example.org", message_text(4), T0)
            .expect("delivered");
        let lines = send(&mut s, &mut store, "a NOOP");
        assert_eq!(lines[0], "* 4 EXISTS");
    }

    #[test]
    fn a_flag_change_elsewhere_is_reported_as_fetch_flags() {
        let mut store = Store::default_world();
        let mut watcher = selected(&mut store, 1);
        let mut actor = selected(&mut store, 2);
        send(&mut actor, &mut store, "a STORE 2 +FLAGS (\\Answered)");
        let lines = send(&mut watcher, &mut store, "b NOOP");
        assert_eq!(lines[0], "* 2 FETCH (FLAGS (\\Answered \\Recent))");
    }

    #[test]
    fn an_expunge_elsewhere_is_reported_but_never_during_fetch_store_or_search() {
        let mut store = Store::default_world();
        let mut watcher = selected(&mut store, 1);
        let mut actor = selected(&mut store, 2);
        send(
            &mut actor,
            &mut store,
            "a STORE 1 +FLAGS.SILENT (\\Deleted)",
        );
        send(&mut actor, &mut store, "b EXPUNGE");
        for command in [
            "c FETCH 1:* FLAGS",
            "d STORE 3 +FLAGS (\\Seen)",
            "e SEARCH ALL",
        ] {
            let lines = send(&mut watcher, &mut store, command);
            assert!(
                !lines.iter().any(|l| l.ends_with("EXPUNGE")),
                "{command}: {lines:?}"
            );
        }
        assert_eq!(
            send(&mut watcher, &mut store, "f SEARCH ALL")[0],
            "* SEARCH 2 3",
            "old numbering kept"
        );
        let lines = send(&mut watcher, &mut store, "g NOOP");
        assert_eq!(lines[0], "* 1 EXPUNGE");
    }

    #[test]
    fn a_pop3_deletion_reaching_update_is_an_expunge_for_imap() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        // What a POP3 session's UPDATE state does to the shared store (RFC 1939 §6).
        store
            .account_mut("alice")
            .expect("alice")
            .inbox_mut()
            .expunge_uids(&[1, 3]);
        let lines = send(&mut s, &mut store, "a NOOP");
        assert_eq!(&lines[..2], ["* 1 EXPUNGE", "* 2 EXPUNGE"]);
    }

    #[test]
    fn move_by_sequence_number_moves_what_the_client_numbered_before_pending_expunges() {
        // RFC 3501 §7.4.1 and RFC 6851 §3.3: the set names messages by the numbers the client knew when it sent
        // MOVE; an expunge made elsewhere must not shift them first.
        let mut store = Store::default_world();
        let mut mover = selected(&mut store, 1);
        let mut other = selected(&mut store, 2);
        send(
            &mut other,
            &mut store,
            "a STORE 1 +FLAGS.SILENT (\\Deleted)",
        );
        send(&mut other, &mut store, "b EXPUNGE");
        let lines = send(&mut mover, &mut store, "c MOVE 2 Archive");
        tagged(&lines, "c", "OK");
        let archived: Vec<String> = store
            .account("alice")
            .and_then(|a| a.mailbox("Archive"))
            .map(|m| m.messages.iter().map(|m| m.message_id.clone()).collect())
            .unwrap_or_default();
        assert_eq!(archived, ["2.default@mailroom.example"], "{lines:?}");
        assert_eq!(inbox_uids(&store), vec![3]);
        let expunges: Vec<&str> = lines
            .iter()
            .map(String::as_str)
            .filter(|l| l.ends_with(" EXPUNGE"))
            .collect();
        assert_eq!(
            expunges,
            ["* 2 EXPUNGE", "* 1 EXPUNGE"],
            "the moved one first, by the old numbers"
        );
    }

    #[test]
    fn fetch_of_a_message_expunged_elsewhere_answers_from_what_is_left_until_the_expunge_is_reported(
    ) {
        // RFC 3501 §7.4.1: the client still numbers the message; as Dovecot does (RFC 2180 §4.1.1), FETCH answers
        // its UID and last flags, NIL for its content, with OK [EXPUNGEISSUED] (RFC 5530 §3).
        let mut store = Store::default_world();
        let mut watcher = selected(&mut store, 1);
        let mut actor = selected(&mut store, 2);
        send(
            &mut actor,
            &mut store,
            "a STORE 1 +FLAGS.SILENT (\\Deleted)",
        );
        send(&mut actor, &mut store, "b EXPUNGE");
        assert_eq!(
            send(&mut watcher, &mut store, "c FETCH 1:* (UID)"),
            [
                "* 1 FETCH (UID 1)",
                "* 2 FETCH (UID 2)",
                "* 3 FETCH (UID 3)",
                "* 1 FETCH (FLAGS (\\Deleted \\Recent))",
                "c OK Fetch completed"
            ]
        );
        let lines = send(
            &mut watcher,
            &mut store,
            "d FETCH 1 (FLAGS BODY.PEEK[HEADER])",
        );
        assert_eq!(
            lines[0],
            "* 1 FETCH (FLAGS (\\Deleted \\Recent) BODY[HEADER] NIL)"
        );
        assert_eq!(
            significant(tagged(&lines, "d", "OK")),
            "d OK [EXPUNGEISSUED]"
        );
        assert_eq!(send(&mut watcher, &mut store, "e NOOP")[0], "* 1 EXPUNGE");
    }

    #[test]
    fn uid_commands_may_report_expunges() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        store
            .account_mut("alice")
            .expect("alice")
            .inbox_mut()
            .expunge_uids(&[2]);
        // As Dovecot does, the changes follow the data, numbered as the client knew them.
        let lines = send(&mut s, &mut store, "a UID FETCH 1:* FLAGS");
        assert_eq!(lines[2], "* 3 FETCH (UID 3 FLAGS (\\Recent))");
        assert_eq!(&lines[3..5], ["* 2 EXPUNGE", "* 2 RECENT"]);
    }
}

mod idle {
    use super::*;

    #[test]
    fn idle_answers_with_a_continuation_and_done_ends_it() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        assert_eq!(send(&mut s, &mut store, "a IDLE"), vec!["+ idling"]);
        assert!(s.is_idling());
        tagged(&send(&mut s, &mut store, "DONE"), "a", "OK");
        assert!(!s.is_idling());
    }

    #[test]
    fn updates_arrive_while_idling_without_any_command() {
        let mut store = Store::default_world();
        let mut watcher = selected(&mut store, 1);
        let mut actor = selected(&mut store, 2);
        send(&mut watcher, &mut store, "a IDLE");
        send(
            &mut actor,
            &mut store,
            "b STORE 1 +FLAGS.SILENT (\\Deleted)",
        );
        watcher.handle_store_changed(&mut store, T0);
        assert_eq!(
            drain(&mut watcher),
            vec!["* 1 FETCH (FLAGS (\\Deleted \\Recent))"]
        );
        send(&mut actor, &mut store, "c EXPUNGE");
        store
            .deliver("alice@example.org", message_text(5), T0)
            .expect("delivered");
        watcher.handle_store_changed(&mut store, T0);
        assert_eq!(
            drain(&mut watcher),
            vec!["* 1 EXPUNGE", "* 2 RECENT", "* 3 EXISTS", "* 3 RECENT"]
        );
    }

    #[test]
    fn a_session_in_idle_claims_recent_for_the_mail_it_is_told_of() {
        // RFC 3501 §2.3.2: \Recent goes to the first session told of a message; the idling one is told first.
        let mut store = Store::default_world();
        let mut phone = selected(&mut store, 1);
        send(&mut phone, &mut store, "a IDLE");
        store
            .deliver("alice@example.org", message_text(4), T0)
            .expect("delivered");
        phone.handle_store_changed(&mut store, T0);
        assert_eq!(drain(&mut phone), vec!["* 4 EXISTS", "* 4 RECENT"]);
        let mut laptop = connect(2);
        send(&mut laptop, &mut store, "l LOGIN alice wonderland");
        let select = send(&mut laptop, &mut store, "s SELECT INBOX");
        assert!(select.contains(&"* 0 RECENT".to_string()), "{select:?}");
    }

    #[test]
    fn anything_but_done_ends_idle_with_bad() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a IDLE");
        tagged(&send(&mut s, &mut store, "b NOOP"), "a", "BAD");
        tagged(&send(&mut s, &mut store, "c NOOP"), "c", "OK");
    }
}

mod condstore_qresync {
    use super::*;

    #[test]
    fn fetch_modseq_and_changedsince_report_only_changed_messages() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(&mut s, &mut store, "a FETCH 1:* (MODSEQ)");
        assert_eq!(lines[0], "* 1 FETCH (MODSEQ (2))");
        send(&mut s, &mut store, "b STORE 2 +FLAGS.SILENT (\\Seen)");
        let lines = send(
            &mut s,
            &mut store,
            "c UID FETCH 1:* (FLAGS) (CHANGEDSINCE 4)",
        );
        assert_eq!(
            lines[0],
            "* 2 FETCH (UID 2 FLAGS (\\Seen \\Recent) MODSEQ (5))"
        );
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn store_unchangedsince_refuses_messages_changed_since_and_names_them_modified() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        send(&mut s, &mut store, "a STORE 2 +FLAGS.SILENT (\\Seen)");
        let lines = send(
            &mut s,
            &mut store,
            "b STORE 1:3 (UNCHANGEDSINCE 4) +FLAGS.SILENT (\\Flagged)",
        );
        assert_eq!(significant(tagged(&lines, "b", "OK")), "b OK [MODIFIED 2]");
        assert_eq!(flags_of(&store, 1), "\\Flagged");
        assert_eq!(flags_of(&store, 2), "\\Seen");
    }

    #[test]
    fn qresync_select_reports_vanished_earlier_and_changed_flags() {
        let mut store = Store::default_world();
        let before = store
            .account("alice")
            .map(|a| a.inbox().highest_modseq)
            .unwrap_or(0);
        let mut actor = selected(&mut store, 2);
        send(
            &mut actor,
            &mut store,
            "a STORE 3 +FLAGS.SILENT (\\Flagged)",
        );
        send(
            &mut actor,
            &mut store,
            "b STORE 1 +FLAGS.SILENT (\\Deleted)",
        );
        send(&mut actor, &mut store, "c EXPUNGE");
        let mut s = connect(1);
        send(&mut s, &mut store, "l LOGIN alice wonderland");
        assert_eq!(
            send(&mut s, &mut store, "e ENABLE QRESYNC")[0],
            "* ENABLED QRESYNC"
        );
        let lines = send(
            &mut s,
            &mut store,
            &format!("s SELECT INBOX (QRESYNC (1772442000 {before}))"),
        );
        assert!(
            lines.contains(&"* VANISHED (EARLIER) 1".to_string()),
            "{lines:#?}"
        );
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("* 2 FETCH (UID 3 FLAGS (\\Flagged")
                    && l.contains("MODSEQ (")),
            "{lines:#?}"
        );
        assert!(
            !lines.iter().any(|l| l.contains("UID 2 ")),
            "unchanged messages are not reported"
        );
    }

    #[test]
    fn after_enable_qresync_expunges_are_reported_as_vanished() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        send(&mut s, &mut store, "l LOGIN alice wonderland");
        send(&mut s, &mut store, "e ENABLE QRESYNC");
        send(&mut s, &mut store, "s SELECT INBOX");
        send(&mut s, &mut store, "a STORE 2:3 +FLAGS.SILENT (\\Deleted)");
        assert_eq!(send(&mut s, &mut store, "b EXPUNGE")[0], "* VANISHED 2:3");
    }

    #[test]
    fn qresync_select_without_enable_is_bad() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        send(&mut s, &mut store, "l LOGIN alice wonderland");
        tagged(
            &send(
                &mut s,
                &mut store,
                "s SELECT INBOX (QRESYNC (1772442000 1))",
            ),
            "s",
            "BAD",
        );
    }

    #[test]
    fn uid_fetch_vanished_lists_expunged_uids_in_the_set() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        send(&mut s, &mut store, "l LOGIN alice wonderland");
        send(&mut s, &mut store, "e ENABLE QRESYNC");
        send(&mut s, &mut store, "s SELECT INBOX");
        send(&mut s, &mut store, "a STORE 1 +FLAGS.SILENT (\\Deleted)");
        send(&mut s, &mut store, "b EXPUNGE");
        let lines = send(
            &mut s,
            &mut store,
            "c UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)",
        );
        assert_eq!(lines[0], "* VANISHED (EARLIER) 1");
    }
}
