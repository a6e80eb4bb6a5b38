//! One test per IMAP server claim of docs/protocol.md about any state, Not Authenticated and Authenticated
//! (RFC 3501 §6.1–6.3); the Selected state is in imap_server_selected.rs.

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::imap::{ImapServer, ImapState, CAPABILITIES};
use mailroom::sim::mail::{Flag, Store};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;

mod any_state {
    use super::*;

    #[test]
    fn states_print_their_rfc3501_spelling() {
        let names: Vec<String> = [
            ImapState::NotAuthenticated,
            ImapState::Authenticated,
            ImapState::Selected,
            ImapState::Logout,
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        assert_eq!(
            names,
            ["Not Authenticated", "Authenticated", "Selected", "Logout"]
        );
    }

    #[test]
    fn greeting_is_ok_with_a_capability_code() {
        let mut s = ImapServer::new(1, T0);
        let greeting = drain(&mut s);
        assert_eq!(greeting.len(), 1);
        assert!(greeting[0].starts_with(&format!("* OK [CAPABILITY {CAPABILITIES}] ")));
        assert_eq!(s.state(), ImapState::NotAuthenticated);
    }

    #[test]
    fn capability_lists_imap4rev1_and_every_extension_served() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        let lines = send(&mut s, &mut store, "c1 CAPABILITY");
        for served in [
            "IMAP4rev1",
            "LITERAL+",
            "IDLE",
            "MOVE",
            "UIDPLUS",
            "UNSELECT",
            "ENABLE",
            "CONDSTORE",
            "QRESYNC",
        ] {
            assert!(
                lines[0].split(' ').any(|w| w == served),
                "{served}: {lines:?}"
            );
        }
        assert_eq!(lines[0], format!("* CAPABILITY {CAPABILITIES}"));
        tagged(&lines, "c1", "OK");
    }

    #[test]
    fn noop_succeeds_in_every_state() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        tagged(&send(&mut s, &mut store, "n1 NOOP"), "n1", "OK");
        tagged(
            &send(&mut s, &mut store, "l LOGIN alice wonderland"),
            "l",
            "OK",
        );
        tagged(&send(&mut s, &mut store, "n2 NOOP"), "n2", "OK");
        tagged(&send(&mut s, &mut store, "s SELECT INBOX"), "s", "OK");
        tagged(&send(&mut s, &mut store, "n3 NOOP"), "n3", "OK");
    }

    #[test]
    fn logout_sends_bye_then_ok_and_closes() {
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        let lines = send(&mut s, &mut store, "z LOGOUT");
        assert!(lines[0].starts_with("* BYE "));
        tagged(&lines, "z", "OK");
        assert_eq!(s.state(), ImapState::Logout);
        assert!(s.is_closed());
    }

    #[test]
    fn an_inactive_session_is_told_bye_after_thirty_minutes_but_not_while_idling() {
        // RFC 3501 §5.4: an autologout timer of at least 30 minutes; as Dovecot, IDLE keeps a session (RFC 2177 §3).
        let mut store = Store::default_world();
        let mut s = selected(&mut store, 1);
        assert_eq!(s.poll_timeout(), Some(SimTime::from_minutes(30)));
        s.handle_input(&mut store, b"i IDLE\r\n", SimTime::from_minutes(5));
        drain(&mut s);
        assert_eq!(s.poll_timeout(), None, "idling");
        s.handle_input(&mut store, b"DONE\r\n", SimTime::from_minutes(40));
        drain(&mut s);
        assert_eq!(s.poll_timeout(), Some(SimTime::from_minutes(70)));
        s.handle_timeout(&mut store, SimTime::from_minutes(69));
        assert!(drain(&mut s).is_empty(), "not yet due");
        s.handle_timeout(&mut store, SimTime::from_minutes(70));
        let lines = drain(&mut s);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with("* BYE "), "{lines:?}");
        assert!(s.is_closed());
    }

    #[test]
    fn id_is_answered_with_the_server_name_in_any_state() {
        // RFC 2971 §3.1: the server answers ID with its own parameter list, before login too.
        let mut store = Store::default_world();
        let mut s = connect(1);
        let lines = send(&mut s, &mut store, "a ID (\"name\" \"mbsync\")");
        assert_eq!(lines[0], "* ID (\"name\" \"Mailroom\")");
        tagged(&lines, "a", "OK");
        let lines = send(&mut s, &mut store, "b ID NIL");
        tagged(&lines, "b", "OK");
        let caps = send(&mut s, &mut store, "c CAPABILITY");
        assert!(caps[0].split(' ').any(|w| w == "ID"), "{caps:?}");
    }

    #[test]
    fn commands_are_case_insensitive() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        tagged(
            &send(&mut s, &mut store, "a login alice wonderland"),
            "a",
            "OK",
        );
        let lines = send(&mut s, &mut store, "b sElEcT inbox");
        tagged(&lines, "b", "OK [READ-WRITE]");
        tagged(
            &send(&mut s, &mut store, "c uid fetch 1:* (flags)"),
            "c",
            "OK",
        );
    }
}

mod not_authenticated {
    use super::*;

    #[test]
    fn login_with_right_credentials_enters_authenticated() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        tagged(
            &send(&mut s, &mut store, "a LOGIN alice wonderland"),
            "a",
            "OK",
        );
        assert_eq!(s.state(), ImapState::Authenticated);
    }

    #[test]
    fn login_with_wrong_password_is_no_and_stays_not_authenticated() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        let lines = send(&mut s, &mut store, "a LOGIN alice WONDERLAND");
        assert_eq!(
            significant(tagged(&lines, "a", "NO")),
            "a NO [AUTHENTICATIONFAILED]"
        );
        assert_eq!(s.state(), ImapState::NotAuthenticated);
    }

    #[test]
    fn select_before_login_is_refused_with_a_reason() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        let line = tagged(&send(&mut s, &mut store, "a SELECT INBOX"), "a", "BAD").to_string();
        assert!(line.contains("Not logged in"), "{line}");
    }

    /// RFC 4616 §2 message `\0alice\0wonderland`, base64 (RFC 4648 §4).
    const ALICE_PLAIN: &str = "AGFsaWNlAHdvbmRlcmxhbmQ=";

    #[test]
    fn capability_offers_auth_plain_and_sasl_ir() {
        // RFC 3501 §6.2.2 (AUTH=PLAIN must be offered), RFC 4959 §7 (SASL-IR).
        let mut store = Store::default_world();
        let mut s = connect(1);
        let lines = send(&mut s, &mut store, "c CAPABILITY");
        let words: Vec<&str> = lines[0].split(' ').collect();
        assert!(words.contains(&"AUTH=PLAIN"), "{lines:?}");
        assert!(words.contains(&"SASL-IR"), "{lines:?}");
    }

    #[test]
    fn authenticate_plain_with_an_initial_response_logs_in() {
        // RFC 4959 §3: the initial response rides on the command; RFC 4616: PLAIN.
        let mut store = Store::default_world();
        let mut s = connect(1);
        let lines = send(
            &mut s,
            &mut store,
            &format!("a AUTHENTICATE PLAIN {ALICE_PLAIN}"),
        );
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert!(tagged(&lines, "a", "OK").contains("Logged in"));
        assert_eq!(s.state(), ImapState::Authenticated);
    }

    #[test]
    fn authenticate_plain_without_initial_response_asks_with_an_empty_continuation() {
        // RFC 3501 §6.2.2: the server sends "+ " and reads the base64 response line.
        let mut store = Store::default_world();
        let mut s = connect(1);
        assert_eq!(send(&mut s, &mut store, "a AUTHENTICATE PLAIN"), vec!["+ "]);
        tagged(&send(&mut s, &mut store, ALICE_PLAIN), "a", "OK");
        assert_eq!(s.state(), ImapState::Authenticated);
    }

    #[test]
    fn authenticate_with_a_wrong_password_is_no_authenticationfailed() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        // "\0alice\0wrong"
        let lines = send(&mut s, &mut store, "a AUTHENTICATE PLAIN AGFsaWNlAHdyb25n");
        assert_eq!(
            significant(tagged(&lines, "a", "NO")),
            "a NO [AUTHENTICATIONFAILED]"
        );
        assert_eq!(s.state(), ImapState::NotAuthenticated);
    }

    #[test]
    fn authenticate_cancelled_with_a_star_is_bad() {
        // RFC 3501 §6.2.2: "*" cancels, and the server MUST answer a tagged BAD.
        let mut store = Store::default_world();
        let mut s = connect(1);
        send(&mut s, &mut store, "a AUTHENTICATE PLAIN");
        tagged(&send(&mut s, &mut store, "*"), "a", "BAD");
        tagged(&send(&mut s, &mut store, "b NOOP"), "b", "OK");
        assert_eq!(s.state(), ImapState::NotAuthenticated);
    }

    #[test]
    fn authenticate_with_an_unsupported_mechanism_is_no() {
        // RFC 3501 §6.2.2: NO - unsupported authentication mechanism.
        let mut store = Store::default_world();
        let mut s = connect(1);
        tagged(
            &send(&mut s, &mut store, "a AUTHENTICATE CRAM-MD5"),
            "a",
            "NO",
        );
    }

    #[test]
    fn login_with_quoted_strings_and_literals_works() {
        let mut store = Store::default_world();
        let mut s = connect(1);
        s.handle_input(&mut store, b"a LOGIN {5}\r\n", T0);
        assert_eq!(drain(&mut s), vec!["+ Ready for literal data"]);
        s.handle_input(&mut store, b"alice \"wonderland\"\r\n", T0);
        tagged(&drain(&mut s), "a", "OK");
    }
}

mod authenticated {
    use super::*;

    fn logged_in(store: &mut Store) -> ImapServer {
        let mut s = connect(1);
        tagged(&send(&mut s, store, "l LOGIN alice wonderland"), "l", "OK");
        s
    }

    #[test]
    fn select_returns_flags_exists_recent_unseen_permanentflags_uidnext_uidvalidity_and_read_write()
    {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let lines = send(&mut s, &mut store, "s SELECT INBOX");
        let sig: Vec<String> = lines.iter().map(|l| significant(l)).collect();
        assert_eq!(
            sig,
            vec![
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)]",
                "* 3 EXISTS",
                "* 3 RECENT",
                "* OK [UNSEEN 1]",
                "* OK [UIDVALIDITY 1772442000]",
                "* OK [UIDNEXT 4]",
                "* OK [HIGHESTMODSEQ 4]",
                "s OK [READ-WRITE]",
            ]
        );
        assert_eq!(s.state(), ImapState::Selected);
    }

    #[test]
    fn recent_belongs_to_the_first_session_that_selects() {
        let mut store = Store::default_world();
        let mut first = logged_in(&mut store);
        assert!(send(&mut first, &mut store, "s SELECT INBOX").contains(&"* 3 RECENT".to_string()));
        let mut second = logged_in(&mut store);
        assert!(send(&mut second, &mut store, "s SELECT INBOX").contains(&"* 0 RECENT".to_string()));
    }

    #[test]
    fn examine_is_read_only_and_changes_nothing() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let lines = send(&mut s, &mut store, "e EXAMINE INBOX");
        assert_eq!(significant(tagged(&lines, "e", "OK")), "e OK [READ-ONLY]");
        send(&mut s, &mut store, "f FETCH 1 BODY[]");
        assert_eq!(
            flags_of(&store, 1),
            "",
            "FETCH BODY[] in a read-only mailbox sets no \\Seen"
        );
        tagged(
            &send(&mut s, &mut store, "g STORE 1 +FLAGS (\\Flagged)"),
            "g",
            "NO",
        );
    }

    #[test]
    fn select_of_a_missing_mailbox_is_no() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        tagged(&send(&mut s, &mut store, "s SELECT Nowhere"), "s", "NO");
        assert_eq!(s.state(), ImapState::Authenticated);
    }

    #[test]
    fn create_rename_delete_change_the_mailbox_list() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        tagged(&send(&mut s, &mut store, "a CREATE Projects"), "a", "OK");
        tagged(&send(&mut s, &mut store, "b CREATE Projects"), "b", "NO");
        tagged(
            &send(&mut s, &mut store, "c RENAME Projects Work"),
            "c",
            "OK",
        );
        let list = send(&mut s, &mut store, "d LIST \"\" *");
        assert!(
            list.contains(&"* LIST (\\HasNoChildren) \"/\" Work".to_string()),
            "{list:?}"
        );
        assert!(!list.iter().any(|l| l.ends_with(" Projects")));
        tagged(&send(&mut s, &mut store, "e DELETE Work"), "e", "OK");
        tagged(&send(&mut s, &mut store, "f DELETE INBOX"), "f", "NO");
    }

    #[test]
    fn list_matches_wildcards_and_an_empty_pattern_gives_the_delimiter() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let all = send(&mut s, &mut store, "a LIST \"\" *");
        assert_eq!(all.len(), 5);
        let t = send(&mut s, &mut store, "b LIST \"\" T%");
        assert_eq!(t[0], "* LIST (\\HasNoChildren \\Trash) \"/\" Trash");
        assert_eq!(t.len(), 2);
        let root = send(&mut s, &mut store, "c LIST \"\" \"\"");
        assert_eq!(root[0], "* LIST (\\Noselect) \"/\" \"\"");
    }

    #[test]
    fn list_marks_the_special_use_folders() {
        // RFC 6154 §2: \Sent, \Trash, \Archive, and \Drafts or \Junk only where such a folder exists.
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let lines = send(&mut s, &mut store, "a LIST \"\" *");
        for expected in [
            "* LIST (\\HasNoChildren) \"/\" INBOX",
            "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
            "* LIST (\\HasNoChildren \\Trash) \"/\" Trash",
            "* LIST (\\HasNoChildren \\Archive) \"/\" Archive",
        ] {
            assert!(
                lines.contains(&expected.to_string()),
                "{expected} in {lines:?}"
            );
        }
        assert!(!lines
            .iter()
            .any(|l| l.contains("\\Drafts") || l.contains("\\Junk")));
        send(&mut s, &mut store, "b CREATE Junk");
        let junk = send(&mut s, &mut store, "c LIST \"\" Junk");
        assert_eq!(junk[0], "* LIST (\\HasNoChildren \\Junk) \"/\" Junk");
        let caps = send(&mut s, &mut store, "d CAPABILITY");
        assert!(caps[0].split(' ').any(|w| w == "SPECIAL-USE"), "{caps:?}");
    }

    #[test]
    fn namespace_names_one_personal_namespace() {
        // RFC 2342 §5: personal namespaces, other users' and shared ones; here only the personal "" with "/".
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let lines = send(&mut s, &mut store, "a NAMESPACE");
        assert_eq!(lines[0], "* NAMESPACE ((\"\" \"/\")) NIL NIL");
        tagged(&lines, "a", "OK");
        let caps = send(&mut s, &mut store, "b CAPABILITY");
        assert!(caps[0].split(' ').any(|w| w == "NAMESPACE"), "{caps:?}");
    }

    #[test]
    fn status_answers_the_items_asked_in_order() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let lines = send(
            &mut s,
            &mut store,
            "a STATUS INBOX (UIDNEXT MESSAGES UNSEEN UIDVALIDITY)",
        );
        assert_eq!(
            lines[0],
            "* STATUS INBOX (UIDNEXT 4 MESSAGES 3 UNSEEN 3 UIDVALIDITY 1772442000)"
        );
    }

    #[test]
    fn append_with_a_literal_waits_for_the_continuation_and_returns_appenduid() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let text = "Subject: hi\r\nMessage-ID: <a@b>\r\n\r\nhello\r\n";
        let lines = send(
            &mut s,
            &mut store,
            &format!("a APPEND Sent (\\Seen) {{{}}}", text.len()),
        );
        assert_eq!(lines, vec!["+ Ready for literal data"]);
        let lines = send(&mut s, &mut store, text.trim_end_matches("\r\n"));
        assert_eq!(
            lines,
            Vec::<String>::new(),
            "the literal's own CRLF is not the end of the command"
        );
        let lines = send(&mut s, &mut store, "");
        let sent = store
            .account("alice")
            .and_then(|a| a.mailbox("Sent"))
            .expect("Sent");
        assert_eq!(
            significant(tagged(&lines, "a", "OK")),
            format!("a OK [APPENDUID {} 1]", sent.uid_validity)
        );
        assert_eq!(sent.messages[0].text, text);
        assert!(sent.messages[0].flags.contains(Flag::Seen));
    }

    #[test]
    fn append_with_literal_plus_needs_no_continuation() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        s.handle_input(&mut store, b"a APPEND INBOX {8+}\r\nx: y\r\n\r\n\r\n", T0);
        let lines = drain(&mut s);
        assert_eq!(
            significant(tagged(&lines, "a", "OK")),
            "a OK [APPENDUID 1772442000 4]"
        );
        assert!(!lines.iter().any(|l| l.starts_with('+')));
    }

    #[test]
    fn append_to_a_missing_mailbox_says_trycreate() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        s.handle_input(&mut store, b"a APPEND Nowhere {3+}\r\nx\r\n\r\n", T0);
        assert_eq!(
            significant(tagged(&drain(&mut s), "a", "NO")),
            "a NO [TRYCREATE]"
        );
    }

    #[test]
    fn append_past_the_quota_is_no_overquota_and_stores_nothing() {
        // RFC 9208 §4.3.1 (RFC 5530 §3): OVERQUOTA when the operation would take the user over quota.
        let mut store = Store::default_world();
        let used = store.account("alice").map(|a| a.used_bytes()).unwrap_or(0);
        if let Some(alice) = store.account_mut("alice") {
            alice.quota_bytes = Some(used + 10);
        }
        let mut s = logged_in(&mut store);
        s.handle_input(
            &mut store,
            b"a APPEND Sent {21+}\r\nSubject: x\r\n\r\nhello\r\n\r\n",
            T0,
        );
        assert_eq!(
            significant(tagged(&drain(&mut s), "a", "NO")),
            "a NO [OVERQUOTA]"
        );
        assert_eq!(
            store
                .account("alice")
                .and_then(|a| a.mailbox("Sent"))
                .map(|m| m.exists()),
            Some(0)
        );
    }

    #[test]
    fn fetch_without_a_selected_mailbox_is_refused() {
        let mut store = Store::default_world();
        let mut s = logged_in(&mut store);
        let line = tagged(&send(&mut s, &mut store, "a FETCH 1 FLAGS"), "a", "BAD").to_string();
        assert!(line.contains("No mailbox selected"), "{line}");
    }
}
