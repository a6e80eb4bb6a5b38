//! One test per POP3 server rule of docs/protocol.md (RFC 1939, RFC 2449), grouped by protocol state.

mod common;

use common::*;
use mailroom::sim::harness::{drain, exchange};
use mailroom::sim::mail::{Flag, Store};
use mailroom::sim::pop3::codec::apop_digest;
use mailroom::sim::pop3::{Pop3Server, Pop3ServerConfig, Pop3State};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;

fn lock_holder(store: &Store) -> Option<u64> {
    store.account("alice").and_then(|a| a.pop3_lock)
}

mod authorization {
    use super::*;

    #[test]
    fn greeting_is_ok_with_an_apop_timestamp() {
        let mut server = Pop3Server::new(Pop3ServerConfig::default(), 7, SimTime::from_secs(3));
        let greeting = drain(&mut server);
        assert_eq!(greeting.len(), 1);
        assert!(greeting[0].starts_with("+OK "));
        assert!(greeting[0].ends_with("<7.3000@mail.example.org>"));
        assert_eq!(server.timestamp(), "<7.3000@mail.example.org>");
        assert_eq!(server.state(), Pop3State::Authorization);
        assert_eq!(server.state().to_string(), "AUTHORIZATION");
    }

    #[test]
    fn user_and_pass_open_the_maildrop() {
        let mut store = Store::default_world();
        let server = logged_in(&mut store, 1);
        assert_eq!(server.state(), Pop3State::Transaction);
        assert_eq!(server.state().to_string(), "TRANSACTION");
        assert_eq!(server.login(), Some("alice"));
    }

    #[test]
    fn apop_with_md5_of_timestamp_and_secret_opens_the_maildrop() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let digest = apop_digest(server.timestamp(), "wonderland");
        let reply = one(&mut server, &mut store, &format!("APOP alice {digest}"));
        assert!(
            reply.starts_with("+OK alice's maildrop has 3 messages"),
            "{reply}"
        );
        assert_eq!(server.state(), Pop3State::Transaction);
    }

    #[test]
    fn wrong_password_is_err_and_stays_in_authorization() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        one(&mut server, &mut store, "USER alice");
        let reply = one(&mut server, &mut store, "PASS WONDERLAND");
        assert_eq!(reply, "-ERR [AUTH] invalid user name or password");
        assert_eq!(server.state(), Pop3State::Authorization);
        assert_eq!(lock_holder(&store), None);
        // The session survives and a correct second attempt works.
        one(&mut server, &mut store, "USER alice");
        assert!(one(&mut server, &mut store, "PASS wonderland").starts_with("+OK"));
    }

    #[test]
    fn unknown_user_gets_the_same_answer_as_a_wrong_password() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        assert!(one(&mut server, &mut store, "USER mallory").starts_with("+OK"));
        assert_eq!(
            one(&mut server, &mut store, "PASS x"),
            "-ERR [AUTH] invalid user name or password"
        );
    }

    #[test]
    fn wrong_apop_digest_is_err_and_stays_in_authorization() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let digest = apop_digest("<other@host>", "wonderland");
        let reply = one(&mut server, &mut store, &format!("APOP alice {digest}"));
        assert!(reply.starts_with("-ERR [AUTH]"));
        assert_eq!(server.state(), Pop3State::Authorization);
    }

    #[test]
    fn capa_lists_sasl_plain_for_auth() {
        // RFC 5034 §6: the SASL capability names the mechanisms AUTH accepts.
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let capa = exchange(&mut server, &mut store, "CAPA", SimTime::ZERO);
        assert!(capa.iter().any(|l| l == "SASL PLAIN"), "{capa:?}");
    }

    #[test]
    fn auth_plain_with_an_initial_response_opens_the_maildrop() {
        // RFC 5034 §4 with the PLAIN mechanism of RFC 4616: "\0alice\0wonderland" in base64.
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let reply = one(
            &mut server,
            &mut store,
            "AUTH PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=",
        );
        assert!(
            reply.starts_with("+OK alice's maildrop has 3 messages"),
            "{reply}"
        );
        assert_eq!(server.state(), Pop3State::Transaction);
    }

    #[test]
    fn auth_plain_without_initial_response_sends_an_empty_challenge() {
        // RFC 5034 §4: "+ " then the client's base64 response line.
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        assert_eq!(one(&mut server, &mut store, "AUTH PLAIN"), "+ ");
        let reply = one(&mut server, &mut store, "AGFsaWNlAHdvbmRlcmxhbmQ=");
        assert!(reply.starts_with("+OK "), "{reply}");
        assert_eq!(server.state(), Pop3State::Transaction);
    }

    #[test]
    fn auth_plain_with_a_wrong_password_is_err_auth() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let reply = one(&mut server, &mut store, "AUTH PLAIN AGFsaWNlAHdyb25n");
        assert!(reply.starts_with("-ERR [AUTH] "), "{reply}");
        assert_eq!(server.state(), Pop3State::Authorization);
    }

    #[test]
    fn auth_cancelled_with_a_star_is_err_and_stays_in_authorization() {
        // RFC 5034 §4: a "*" response cancels the exchange; the server answers -ERR.
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        one(&mut server, &mut store, "AUTH PLAIN");
        assert!(one(&mut server, &mut store, "*").starts_with("-ERR "));
        assert_eq!(
            one(&mut server, &mut store, "NOOP").split(' ').next(),
            Some("-ERR")
        );
        assert_eq!(server.state(), Pop3State::Authorization);
    }

    #[test]
    fn auth_with_an_unsupported_mechanism_is_err() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        assert!(one(&mut server, &mut store, "AUTH CRAM-MD5").starts_with("-ERR "));
    }

    #[test]
    fn pass_without_user_is_err() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        assert!(one(&mut server, &mut store, "PASS wonderland").starts_with("-ERR"));
        assert_eq!(server.state(), Pop3State::Authorization);
    }

    #[test]
    fn second_pop3_session_gets_in_use() {
        let mut store = Store::default_world();
        let _first = logged_in(&mut store, 1);
        let mut second = pop3_session(2);
        one(&mut second, &mut store, "USER alice");
        let reply = one(&mut second, &mut store, "PASS wonderland");
        assert!(reply.starts_with("-ERR [IN-USE] "), "{reply}");
        assert_eq!(second.state(), Pop3State::Authorization);
        assert_eq!(lock_holder(&store), Some(1));
    }

    #[test]
    fn the_lock_does_not_shut_out_delivery_or_imap_style_changes() {
        let mut store = Store::default_world();
        let _pop3 = logged_in(&mut store, 1);
        // An IMAP session changes flags and expunges through the same store; nothing checks the POP3 lock.
        let uid = inbox_uids(&store)[0];
        let inbox = store.account_mut("alice").map(|a| a.inbox_mut());
        assert_eq!(
            inbox.map(|i| i.set_flags(uid, mailroom::sim::mail::Flags::EMPTY.with(Flag::Flagged))),
            Some(true)
        );
        assert!(store
            .deliver(ALICE, "Subject: new\r\n\r\nhi\r\n".into(), SimTime::ZERO)
            .is_ok());
        assert_eq!(inbox_uids(&store).len(), 4);
    }

    #[test]
    fn the_lock_is_released_by_quit() {
        let mut store = Store::default_world();
        let mut first = logged_in(&mut store, 1);
        one(&mut first, &mut store, "QUIT");
        assert_eq!(lock_holder(&store), None);
        let _second = logged_in(&mut store, 2);
        assert_eq!(lock_holder(&store), Some(2));
    }

    #[test]
    fn quit_in_authorization_enters_no_update_state() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let reply = one(&mut server, &mut store, "QUIT");
        assert!(reply.starts_with("+OK"));
        assert!(server.is_closed());
        assert_eq!(server.state(), Pop3State::Authorization);
    }

    #[test]
    fn capa_lists_the_required_capabilities_in_both_states() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        let before = exchange(&mut server, &mut store, "CAPA", SimTime::ZERO);
        for capability in [
            "TOP",
            "USER",
            "UIDL",
            "RESP-CODES",
            "PIPELINING",
            "IMPLEMENTATION Mailroom",
        ] {
            assert!(
                before.iter().any(|l| l == capability),
                "{capability} in {before:?}"
            );
        }
        assert!(before[0].starts_with("+OK"));
        assert_eq!(before.last().map(String::as_str), Some("."));
        one(&mut server, &mut store, "USER alice");
        one(&mut server, &mut store, "PASS wonderland");
        assert_eq!(
            exchange(&mut server, &mut store, "CAPA", SimTime::ZERO),
            before
        );
    }

    #[test]
    fn transaction_commands_are_refused_before_login() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        for command in [
            "STAT", "LIST", "RETR 1", "DELE 1", "UIDL", "TOP 1 0", "RSET", "NOOP",
        ] {
            let reply = one(&mut server, &mut store, command);
            assert!(
                reply.starts_with("-ERR ")
                    && reply.ends_with("not allowed in the AUTHORIZATION state"),
                "{command}: {reply}"
            );
        }
        assert_eq!(server.state(), Pop3State::Authorization);
    }

    #[test]
    fn commands_are_case_insensitive() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        one(&mut server, &mut store, "user alice");
        assert!(one(&mut server, &mut store, "pAsS wonderland").starts_with("+OK"));
        assert_eq!(one(&mut server, &mut store, "stat").get(..5), Some("+OK 3"));
    }
}

mod transaction {
    use super::*;

    #[test]
    fn stat_counts_messages_and_octets_with_crlf_as_two() {
        let mut store = Store::default_world();
        let total: usize = store
            .account("alice")
            .map(|a| a.inbox().messages.iter().map(|m| m.text.len()).sum())
            .unwrap_or_default();
        let crlf = store
            .account("alice")
            .map(|a| a.inbox().messages[0].text.matches("\r\n").count())
            .unwrap_or_default();
        assert!(crlf > 3, "the texts use CRLF line ends");
        let mut server = logged_in(&mut store, 1);
        assert_eq!(
            one(&mut server, &mut store, "STAT"),
            format!("+OK 3 {total}")
        );
    }

    #[test]
    fn list_gives_every_message_or_one() {
        let mut store = Store::default_world();
        let sizes: Vec<usize> = store
            .account("alice")
            .map(|a| a.inbox().messages.iter().map(|m| m.size()).collect())
            .unwrap_or_default();
        let mut server = logged_in(&mut store, 1);
        let all = exchange(&mut server, &mut store, "LIST", SimTime::ZERO);
        assert_eq!(all.len(), 5);
        assert!(all[0].starts_with("+OK 3 messages"));
        for (i, size) in sizes.iter().enumerate() {
            assert_eq!(all[i + 1], format!("{} {size}", i + 1));
        }
        assert_eq!(all[4], ".");
        assert_eq!(
            one(&mut server, &mut store, "LIST 2"),
            format!("+OK 2 {}", sizes[1])
        );
        assert_eq!(
            one(&mut server, &mut store, "LIST 4"),
            "-ERR no such message, only 3 messages in maildrop"
        );
        assert!(one(&mut server, &mut store, "LIST 0").starts_with("-ERR no such message"));
    }

    #[test]
    fn retr_sends_the_message_dot_stuffed_and_ends_with_a_dot() {
        let mut store = Store::default_world();
        let text = store
            .account("alice")
            .map(|a| a.inbox().messages[2].text.clone())
            .unwrap_or_default();
        assert!(
            text.contains("\r\n.\r\n"),
            "the third default message has a dot line"
        );
        let mut server = logged_in(&mut store, 1);
        let reply = exchange(&mut server, &mut store, "RETR 3", SimTime::ZERO);
        assert_eq!(reply[0], format!("+OK {} octets", text.len()));
        assert_eq!(reply.last().map(String::as_str), Some("."));
        let content = &reply[1..reply.len() - 1];
        assert!(
            content.iter().any(|l| l == ".."),
            "a lone dot is sent as .."
        );
        let unstuffed: Vec<&str> = content
            .iter()
            .map(|l| l.strip_prefix('.').unwrap_or(l))
            .collect();
        assert_eq!(unstuffed.join("\r\n") + "\r\n", text);
    }

    #[test]
    fn retr_sets_seen_but_top_does_not() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        let seen = |store: &Store, i: usize| {
            store
                .account("alice")
                .is_some_and(|a| a.inbox().messages[i].flags.contains(Flag::Seen))
        };
        exchange(&mut server, &mut store, "TOP 1 0", SimTime::ZERO);
        assert!(!seen(&store, 0));
        exchange(&mut server, &mut store, "RETR 1", SimTime::ZERO);
        assert!(seen(&store, 0));
    }

    #[test]
    fn retr_leaves_seen_alone_with_no_flag_updates() {
        let mut store = Store::default_world();
        let config = Pop3ServerConfig {
            no_flag_updates: true,
            ..Pop3ServerConfig::default()
        };
        let mut server = Pop3Server::new(config, 1, SimTime::ZERO);
        drain(&mut server);
        one(&mut server, &mut store, "USER alice");
        one(&mut server, &mut store, "PASS wonderland");
        exchange(&mut server, &mut store, "RETR 1", SimTime::ZERO);
        assert!(store
            .account("alice")
            .is_some_and(|a| a.inbox().messages[0].flags.is_empty()));
    }

    #[test]
    fn top_sends_the_headers_the_empty_line_and_n_body_lines() {
        let mut store = Store::default_world();
        let text = store
            .account("alice")
            .map(|a| a.inbox().messages[0].text.clone())
            .unwrap_or_default();
        let header_lines = text
            .split("\r\n\r\n")
            .next()
            .map(|h| h.split("\r\n").count());
        let mut server = logged_in(&mut store, 1);
        let zero = exchange(&mut server, &mut store, "TOP 1 0", SimTime::ZERO);
        assert_eq!(Some(zero.len()), header_lines.map(|h| h + 3));
        assert!(zero[0].starts_with("+OK"));
        assert_eq!(zero[zero.len() - 2], "");
        let two = exchange(&mut server, &mut store, "TOP 1 2", SimTime::ZERO);
        assert_eq!(two.len(), zero.len() + 2);
        assert_eq!(two[two.len() - 3], "Hi Alice,");
        assert!(one(&mut server, &mut store, "TOP 1").starts_with("-ERR"));
    }

    #[test]
    fn dele_only_marks_until_quit() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        assert_eq!(
            one(&mut server, &mut store, "DELE 1"),
            "+OK message 1 deleted"
        );
        assert_eq!(
            inbox_uids(&store).len(),
            3,
            "still in the store during TRANSACTION"
        );
    }

    #[test]
    fn marked_messages_vanish_from_stat_list_and_uidl() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        let size2 = one(&mut server, &mut store, "LIST 2");
        one(&mut server, &mut store, "DELE 2");
        let stat = one(&mut server, &mut store, "STAT");
        assert!(stat.starts_with("+OK 2 "));
        let list = exchange(&mut server, &mut store, "LIST", SimTime::ZERO);
        assert!(
            !list.iter().any(|l| l.starts_with("2 ")),
            "{list:?} {size2}"
        );
        assert_eq!(list.len(), 4);
        let uidl = exchange(&mut server, &mut store, "UIDL", SimTime::ZERO);
        assert_eq!(
            uidl.iter()
                .filter_map(|l| l.split(' ').next())
                .collect::<Vec<_>>(),
            ["+OK", "1", "3", "."]
        );
    }

    #[test]
    fn later_references_to_a_marked_message_are_err() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        one(&mut server, &mut store, "DELE 1");
        for command in ["RETR 1", "DELE 1", "LIST 1", "UIDL 1", "TOP 1 0"] {
            assert_eq!(
                one(&mut server, &mut store, command),
                "-ERR message 1 already deleted",
                "{command}"
            );
        }
    }

    #[test]
    fn message_numbers_stay_fixed_after_dele() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        let before = one(&mut server, &mut store, "UIDL 3");
        one(&mut server, &mut store, "DELE 1");
        assert_eq!(one(&mut server, &mut store, "UIDL 3"), before);
    }

    #[test]
    fn rset_unmarks_every_message() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        let stat = one(&mut server, &mut store, "STAT");
        one(&mut server, &mut store, "DELE 1");
        one(&mut server, &mut store, "DELE 3");
        let reply = one(&mut server, &mut store, "RSET");
        assert!(reply.starts_with("+OK maildrop has 3 messages"), "{reply}");
        assert_eq!(one(&mut server, &mut store, "STAT"), stat);
        one(&mut server, &mut store, "QUIT");
        assert_eq!(inbox_uids(&store).len(), 3);
    }

    #[test]
    fn the_session_sees_the_inbox_as_it_was_at_login() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        store
            .deliver(ALICE, "Subject: late\r\n\r\nhi\r\n".into(), SimTime::ZERO)
            .expect("delivered");
        assert!(one(&mut server, &mut store, "STAT").starts_with("+OK 3 "));
        assert!(one(&mut server, &mut store, "RETR 4").starts_with("-ERR no such message"));
    }

    #[test]
    fn retr_of_a_message_another_session_expunged_is_err() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        let uid = inbox_uids(&store)[0];
        store
            .account_mut("alice")
            .map(|a| a.inbox_mut().expunge_uids(&[uid]));
        assert!(one(&mut server, &mut store, "RETR 1").starts_with("-ERR"));
        assert!(one(&mut server, &mut store, "NOOP").starts_with("+OK"));
    }

    #[test]
    fn uidl_ids_are_1_to_70_printable_characters() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        let listing = exchange(&mut server, &mut store, "UIDL", SimTime::ZERO);
        for line in &listing[1..listing.len() - 1] {
            let id = line.split_once(' ').map(|(_, id)| id).unwrap_or_default();
            assert!((1..=70).contains(&id.len()), "{id}");
            assert!(id.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{id}");
        }
    }

    #[test]
    fn uidls_are_stable_across_sessions_and_never_reused() {
        let mut store = Store::default_world();
        let mut first = logged_in(&mut store, 1);
        let before = exchange(&mut first, &mut store, "UIDL", SimTime::ZERO);
        one(&mut first, &mut store, "DELE 3");
        one(&mut first, &mut store, "QUIT");
        store
            .deliver(ALICE, "Subject: new\r\n\r\nhi\r\n".into(), SimTime::ZERO)
            .expect("delivered");
        let mut second = logged_in(&mut store, 2);
        let after = exchange(&mut second, &mut store, "UIDL", SimTime::ZERO);
        assert_eq!(
            after[1..3],
            before[1..3],
            "ids of surviving messages unchanged"
        );
        let old_third = before[3].split(' ').nth(1);
        let new_third = after[3].split(' ').nth(1);
        assert_ne!(
            old_third, new_third,
            "the new message does not reuse the deleted id"
        );
    }

    #[test]
    fn noop_answers_ok() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        assert_eq!(one(&mut server, &mut store, "NOOP"), "+OK");
    }

    #[test]
    fn pipelined_commands_are_answered_in_order() {
        let mut store = Store::default_world();
        let mut server = pop3_session(1);
        server.handle_input(
            &mut store,
            b"USER alice\r\nPASS wonderland\r\nSTAT\r\nLIST 1\r\nQUIT\r\n",
            SimTime::ZERO,
        );
        let replies = drain(&mut server);
        assert_eq!(replies.len(), 5, "{replies:?}");
        assert!(replies[2].starts_with("+OK 3 "));
        assert!(replies[3].starts_with("+OK 1 "));
        assert!(replies[4].contains("signing off"));
    }
}

mod update {
    use super::*;

    #[test]
    fn quit_in_transaction_removes_the_marked_messages() {
        let mut store = Store::default_world();
        let uids = inbox_uids(&store);
        let mut server = logged_in(&mut store, 1);
        one(&mut server, &mut store, "DELE 1");
        one(&mut server, &mut store, "DELE 2");
        let reply = one(&mut server, &mut store, "QUIT");
        assert!(
            reply.ends_with("POP3 server signing off (1 message left)"),
            "{reply}"
        );
        assert_eq!(server.state(), Pop3State::Update);
        assert_eq!(server.state().to_string(), "UPDATE");
        assert!(server.is_closed());
        assert_eq!(inbox_uids(&store), [uids[2]]);
    }

    #[test]
    fn deletion_in_update_is_an_expunge_imap_sessions_see() {
        let mut store = Store::default_world();
        let uid = inbox_uids(&store)[0];
        let mut server = logged_in(&mut store, 1);
        one(&mut server, &mut store, "DELE 1");
        one(&mut server, &mut store, "QUIT");
        let vanished = store
            .account("alice")
            .map(|a| a.inbox().vanished.clone())
            .unwrap_or_default();
        assert_eq!(vanished.iter().map(|v| v.uid).collect::<Vec<_>>(), [uid]);
    }

    #[test]
    fn quit_that_cannot_remove_the_marked_messages_says_err() {
        // RFC 1939 §6: "-ERR some deleted messages not removed" when UPDATE cannot remove them; here the INBOX
        // got a new UIDVALIDITY, so the marked messages can no longer be told apart.
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        one(&mut server, &mut store, "DELE 1");
        store
            .reset_uid_validity("alice", "INBOX")
            .expect("alice has an INBOX");
        let reply = one(&mut server, &mut store, "QUIT");
        assert!(
            reply.starts_with("-ERR some deleted messages not removed"),
            "{reply}"
        );
        assert_eq!(inbox_uids(&store).len(), 3);
        assert_eq!(lock_holder(&store), None);
        assert!(server.is_closed());
    }

    #[test]
    fn dropped_connection_deletes_nothing() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        one(&mut server, &mut store, "DELE 1");
        one(&mut server, &mut store, "DELE 2");
        server.handle_disconnect(&mut store, SimTime::ZERO);
        assert!(server.is_closed());
        assert_eq!(
            server.state(),
            Pop3State::Transaction,
            "never entered UPDATE"
        );
        assert_eq!(inbox_uids(&store).len(), 3);
    }

    #[test]
    fn dropped_connection_releases_the_lock() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        server.handle_disconnect(&mut store, SimTime::ZERO);
        assert_eq!(lock_holder(&store), None);
        let _next = logged_in(&mut store, 2);
    }

    #[test]
    fn nothing_is_answered_after_quit() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        one(&mut server, &mut store, "QUIT");
        assert!(exchange(&mut server, &mut store, "STAT", SimTime::ZERO).is_empty());
    }

    #[test]
    fn a_session_that_times_out_deletes_nothing() {
        let mut store = Store::default_world();
        let mut server = logged_in(&mut store, 1);
        exchange(&mut server, &mut store, "DELE 1", SimTime::from_minutes(3));
        // RFC 1939 §3: the autologout timer is at least 10 minutes from the last command.
        assert_eq!(server.poll_timeout(), Some(SimTime::from_minutes(13)));
        server.handle_timeout(&mut store, SimTime::from_minutes(12));
        assert!(!server.is_closed(), "not yet due");
        server.handle_timeout(&mut store, SimTime::from_minutes(13));
        // No UPDATE state, no response; the connection closes and the lock goes.
        assert!(server.is_closed());
        assert_eq!(drain(&mut server), Vec::<String>::new());
        assert_eq!(inbox_uids(&store).len(), 3);
        assert_eq!(lock_holder(&store), None);
        assert_eq!(server.poll_timeout(), None);
    }
}
