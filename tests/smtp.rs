//! One test per SMTP rule of docs/protocol.md (RFC 5321, minimal), server and the outside sender's client.

mod common;

use common::*;
use mailroom::sim::harness::{drain, exchange, Pair};
use mailroom::sim::mail::{MessageDraft, Store};
use mailroom::sim::session::ServerSession;
use mailroom::sim::smtp::{Envelope, SmtpClient, SmtpClientEvent, SmtpServer, SmtpServerConfig};
use mailroom::sim::time::SimTime;

fn session() -> SmtpServer {
    let mut server = SmtpServer::new(SmtpServerConfig::default(), 9, SimTime::ZERO);
    assert_eq!(drain(&mut server), ["220 mail.example.org ESMTP Mailroom"]);
    server
}

fn say(server: &mut SmtpServer, store: &mut Store, line: &str) -> Vec<String> {
    exchange(server, store, line, SimTime::from_minutes(30))
}

fn code(server: &mut SmtpServer, store: &mut Store, line: &str) -> String {
    let reply = say(server, store, line);
    assert_eq!(reply.len(), 1, "{line}: {reply:?}");
    reply[0].get(..3).unwrap_or_default().to_string()
}

/// EHLO, MAIL FROM, RCPT TO alice: ready for DATA.
fn in_transaction(store: &mut Store) -> SmtpServer {
    let mut server = session();
    say(&mut server, store, "EHLO client.example");
    assert_eq!(
        code(&mut server, store, "MAIL FROM:<bob@example.net>"),
        "250"
    );
    assert_eq!(
        code(&mut server, store, "RCPT TO:<alice@example.org>"),
        "250"
    );
    server
}

fn inbox_len(store: &Store) -> usize {
    inbox_uids(store).len()
}

mod commands {
    use super::*;

    #[test]
    fn greeting_is_220() {
        let _ = session();
    }

    #[test]
    fn ehlo_answers_multiline_250_with_extensions() {
        let mut store = Store::default_world();
        let mut server = session();
        let reply = say(&mut server, &mut store, "EHLO client.example");
        assert_eq!(reply[0], "250-mail.example.org greets client.example");
        assert!(reply[1..reply.len() - 1]
            .iter()
            .all(|l| l.starts_with("250-")));
        assert!(reply.last().is_some_and(|l| l.starts_with("250 ")));
        for extension in ["PIPELINING", "SIZE 10240000", "8BITMIME"] {
            assert!(reply.iter().any(|l| &l[4..] == extension), "{extension}");
        }
    }

    #[test]
    fn helo_is_accepted() {
        let mut store = Store::default_world();
        let mut server = session();
        assert_eq!(
            say(&mut server, &mut store, "HELO client.example"),
            ["250 mail.example.org"]
        );
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<bob@example.net>"),
            "250"
        );
    }

    #[test]
    fn data_delivers_to_inbox_with_the_next_uid() {
        let mut store = Store::default_world();
        let uid_next = store.account("alice").map(|a| a.inbox().uid_next);
        let mut server = in_transaction(&mut store);
        assert_eq!(
            say(&mut server, &mut store, "DATA"),
            ["354 End data with <CR><LF>.<CR><LF>"]
        );
        assert!(say(&mut server, &mut store, "Subject: hi").is_empty());
        assert!(say(&mut server, &mut store, "").is_empty());
        assert!(say(&mut server, &mut store, "hello").is_empty());
        assert_eq!(
            say(&mut server, &mut store, "."),
            ["250 2.0.0 Ok: delivered to 1 mailbox"]
        );
        let inbox = store.account("alice").map(|a| a.inbox().clone());
        let last = inbox.as_ref().and_then(|i| i.messages.last());
        assert_eq!(last.map(|m| Some(m.uid)), Some(uid_next));
        assert!(last.is_some_and(|m| m.text.ends_with("Subject: hi\r\n\r\nhello\r\n")));
    }

    #[test]
    fn delivery_adds_return_path_and_received() {
        let mut store = Store::default_world();
        let mut server = in_transaction(&mut store);
        server.handle_input(
            &mut store,
            b"DATA\r\nSubject: t\r\n\r\nx\r\n.\r\n",
            SimTime::ZERO,
        );
        let text = store
            .account("alice")
            .and_then(|a| a.inbox().messages.last().map(|m| m.text.clone()))
            .unwrap_or_default();
        assert!(text.starts_with("Return-Path: <bob@example.net>\r\nReceived: from client.example by mail.example.org with ESMTP"));
    }

    #[test]
    fn data_is_dot_unstuffed_and_ends_at_a_lone_dot() {
        let mut store = Store::default_world();
        let mut server = in_transaction(&mut store);
        server.handle_input(
            &mut store,
            b"DATA\r\nSubject: dots\r\n\r\n..\r\n...two\r\n. not the end\r\n.\r\nNOOP\r\n",
            SimTime::ZERO,
        );
        let replies = drain(&mut server);
        assert_eq!(replies.len(), 3, "{replies:?}");
        assert!(replies[1].starts_with("250 2.0.0"));
        assert_eq!(
            replies[2], "250 2.0.0 Ok",
            "the line after the dot is a command again"
        );
        let text = store
            .account("alice")
            .and_then(|a| a.inbox().messages.last().map(|m| m.text.clone()))
            .unwrap_or_default();
        assert!(
            text.ends_with("Subject: dots\r\n\r\n.\r\n..two\r\n not the end\r\n"),
            "{text:?}"
        );
    }

    #[test]
    fn a_recipient_named_twice_gets_one_copy() {
        let mut store = Store::default_world();
        let before = inbox_len(&store);
        let mut server = in_transaction(&mut store);
        assert_eq!(
            code(&mut server, &mut store, "RCPT TO:<ALICE@example.org>"),
            "250"
        );
        say(&mut server, &mut store, "DATA");
        say(&mut server, &mut store, "Subject: twice");
        assert_eq!(
            say(&mut server, &mut store, "."),
            ["250 2.0.0 Ok: delivered to 1 mailbox"]
        );
        assert_eq!(inbox_len(&store), before + 1);
    }

    #[test]
    fn rset_clears_the_transaction() {
        let mut store = Store::default_world();
        let mut server = in_transaction(&mut store);
        assert_eq!(say(&mut server, &mut store, "RSET"), ["250 2.0.0 Ok"]);
        assert_eq!(code(&mut server, &mut store, "DATA"), "503");
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<carol@school.example>"),
            "250"
        );
    }

    #[test]
    fn noop_is_250() {
        let mut store = Store::default_world();
        let mut server = session();
        assert_eq!(code(&mut server, &mut store, "NOOP"), "250");
        assert_eq!(code(&mut server, &mut store, "NOOP anything"), "250");
    }

    #[test]
    fn quit_is_221_and_closes() {
        let mut store = Store::default_world();
        let mut server = session();
        assert_eq!(say(&mut server, &mut store, "QUIT"), ["221 2.0.0 Bye"]);
        assert!(server.is_closed());
    }

    #[test]
    fn commands_out_of_order_are_503() {
        let mut store = Store::default_world();
        let mut server = session();
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<bob@example.net>"),
            "503"
        );
        say(&mut server, &mut store, "EHLO c");
        assert_eq!(
            code(&mut server, &mut store, "RCPT TO:<alice@example.org>"),
            "503"
        );
        assert_eq!(code(&mut server, &mut store, "DATA"), "503");
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<bob@example.net>"),
            "250"
        );
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<bob@example.net>"),
            "503"
        );
    }

    #[test]
    fn data_without_an_accepted_recipient_is_refused() {
        let mut store = Store::default_world();
        let mut server = session();
        say(&mut server, &mut store, "EHLO c");
        code(&mut server, &mut store, "MAIL FROM:<bob@example.net>");
        assert_eq!(
            code(&mut server, &mut store, "RCPT TO:<nobody@example.org>"),
            "550"
        );
        assert_eq!(code(&mut server, &mut store, "DATA"), "554");
    }

    #[test]
    fn unknown_local_recipient_is_550_and_foreign_domain_is_relay_denied() {
        let mut store = Store::default_world();
        let mut server = session();
        say(&mut server, &mut store, "EHLO c");
        code(&mut server, &mut store, "MAIL FROM:<bob@example.net>");
        let reply = say(&mut server, &mut store, "RCPT TO:<nobody@example.org>");
        assert!(
            reply[0].starts_with("550 5.1.1 <nobody@example.org>"),
            "{reply:?}"
        );
        let reply = say(
            &mut server,
            &mut store,
            "RCPT TO:<someone@elsewhere.example>",
        );
        assert!(reply[0].starts_with("554 5.7.1"), "{reply:?}");
        assert_eq!(
            code(&mut server, &mut store, "RCPT TO:<ALICE@Example.ORG>"),
            "250"
        );
    }

    #[test]
    fn over_quota_is_552_and_delivers_nothing() {
        let mut store = Store::default_world();
        if let Some(a) = store.account_mut("alice") {
            a.quota_bytes = Some(a.used_bytes() + 10);
        }
        let mut server = in_transaction(&mut store);
        server.handle_input(
            &mut store,
            b"DATA\r\nSubject: big\r\n\r\nlong text\r\n.\r\n",
            SimTime::ZERO,
        );
        let replies = drain(&mut server);
        assert!(replies[1].starts_with("552 5.2.2"), "{replies:?}");
        assert_eq!(inbox_len(&store), 3);
        assert_eq!(
            code(&mut server, &mut store, "NOOP"),
            "250",
            "the session survives"
        );
    }

    #[test]
    fn a_message_over_the_size_limit_is_552() {
        let mut store = Store::default_world();
        let config = SmtpServerConfig {
            max_message_octets: 100,
            ..SmtpServerConfig::default()
        };
        let mut server = SmtpServer::new(config, 1, SimTime::ZERO);
        drain(&mut server);
        say(&mut server, &mut store, "EHLO c");
        assert_eq!(
            code(
                &mut server,
                &mut store,
                "MAIL FROM:<b@example.net> SIZE=101"
            ),
            "552"
        );
        code(&mut server, &mut store, "MAIL FROM:<b@example.net>");
        code(&mut server, &mut store, "RCPT TO:<alice@example.org>");
        code(&mut server, &mut store, "DATA");
        for _ in 0..10 {
            assert!(say(&mut server, &mut store, &"y".repeat(50)).is_empty());
        }
        assert_eq!(code(&mut server, &mut store, "."), "552");
        assert_eq!(inbox_len(&store), 3);
    }

    #[test]
    fn a_dropped_connection_mid_data_delivers_nothing() {
        let mut store = Store::default_world();
        let mut server = in_transaction(&mut store);
        server.handle_input(
            &mut store,
            b"DATA\r\nSubject: cut\r\n\r\nhalf",
            SimTime::ZERO,
        );
        server.handle_disconnect(&mut store, SimTime::ZERO);
        assert_eq!(inbox_len(&store), 3);
    }
}

mod bad_input {
    use super::*;

    #[test]
    fn unknown_commands_are_500() {
        let mut store = Store::default_world();
        let mut server = session();
        assert_eq!(
            say(&mut server, &mut store, "FROB"),
            ["500 5.5.2 Error: command not recognized: FROB"]
        );
        assert_eq!(code(&mut server, &mut store, ""), "500");
    }

    #[test]
    fn malformed_arguments_are_501() {
        let mut store = Store::default_world();
        let mut server = session();
        assert_eq!(code(&mut server, &mut store, "HELO"), "501");
        say(&mut server, &mut store, "EHLO c");
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:bob@example.net"),
            "501"
        );
        assert_eq!(
            code(&mut server, &mut store, "MAIL TO:<bob@example.net>"),
            "501"
        );
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<not an address>"),
            "501"
        );
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<b@example.net> SIZE=x"),
            "501"
        );
        assert_eq!(code(&mut server, &mut store, "DATA now"), "501");
        assert_eq!(
            code(&mut server, &mut store, "MAIL FROM:<b@example.net> FOO=1"),
            "555"
        );
    }

    #[test]
    fn binary_bytes_are_500() {
        let mut store = Store::default_world();
        let mut server = session();
        server.handle_input(&mut store, b"EH\x00LO x\r\n\xff\xfe\r\n", SimTime::ZERO);
        let replies = drain(&mut server);
        assert_eq!(replies.len(), 2);
        assert!(replies.iter().all(|r| r.starts_with("500 ")), "{replies:?}");
        assert_eq!(code(&mut server, &mut store, "HELO c"), "250");
    }

    #[test]
    fn a_command_line_over_512_octets_is_500() {
        let mut store = Store::default_world();
        let mut server = session();
        let line = format!("EHLO {}", "a".repeat(505));
        assert_eq!(line.len() + 2, 512);
        assert_eq!(
            say(&mut server, &mut store, &line).len(),
            5,
            "512 octets is allowed"
        );
        let line = format!("EHLO {}", "a".repeat(506));
        assert_eq!(
            say(&mut server, &mut store, &line),
            ["500 5.5.2 Error: line too long"]
        );
    }

    #[test]
    fn a_100_kilobyte_line_is_500_and_not_buffered() {
        let mut store = Store::default_world();
        let mut server = session();
        for _ in 0..100 {
            server.handle_input(&mut store, &[b'A'; 1024], SimTime::ZERO);
        }
        assert!(drain(&mut server).is_empty());
        assert_eq!(code(&mut server, &mut store, ""), "500");
        assert_eq!(code(&mut server, &mut store, "NOOP"), "250");
    }

    #[test]
    fn a_text_line_over_1000_octets_refuses_the_message() {
        let mut store = Store::default_world();
        let mut server = in_transaction(&mut store);
        code(&mut server, &mut store, "DATA");
        assert!(
            say(&mut server, &mut store, &"z".repeat(998)).is_empty(),
            "1000 with CRLF is fine"
        );
        assert!(say(&mut server, &mut store, &"z".repeat(999)).is_empty());
        assert_eq!(code(&mut server, &mut store, "."), "554");
        assert_eq!(inbox_len(&store), 3);
    }
}

mod client {
    use super::*;

    fn draft() -> MessageDraft {
        MessageDraft {
            from: "Bob <bob@example.net>".into(),
            to: "Alice <alice@example.org>".into(),
            subject: "Dots".into(),
            body: "first\n.second starts with a dot\n.\nlast\n".into(),
            message_id: "dots.1@example.net".into(),
        }
    }

    fn send(store: &mut Store, rcpt_to: &[&str]) -> (Vec<SmtpClientEvent>, Vec<String>, String) {
        let text = draft().to_rfc5322(SimTime::ZERO);
        let envelope = Envelope {
            mail_from: "bob@example.net".into(),
            rcpt_to: rcpt_to.iter().map(|s| s.to_string()).collect(),
        };
        let client = SmtpClient::new("client.example", envelope, text.clone());
        let server = SmtpServer::new(SmtpServerConfig::default(), 3, SimTime::ZERO);
        let mut pair = Pair::new(client, server);
        pair.run_until_idle(store, SimTime::ZERO);
        use mailroom::sim::session::ClientSession;
        assert!(pair.client.is_finished());
        assert!(pair.server.is_closed());
        (pair.events.clone(), pair.transcript_text(), text)
    }

    #[test]
    fn the_client_delivers_a_message_whole_through_the_server() {
        let mut store = Store::default_world();
        let (events, transcript, text) = send(&mut store, &["alice@example.org"]);
        assert!(
            matches!(&events[0], SmtpClientEvent::MessageAccepted { accepted, rejected, .. }
            if accepted == &["alice@example.org"] && rejected.is_empty())
        );
        assert_eq!(events[1], SmtpClientEvent::SessionEnded);
        let stored = store
            .account("alice")
            .and_then(|a| a.inbox().messages.last().cloned())
            .expect("delivered");
        assert!(
            stored.text.ends_with(&text),
            "same text after the trace headers"
        );
        assert_eq!(stored.message_id, "dots.1@example.net");
        for expected in [
            "C: EHLO client.example",
            "C: MAIL FROM:<bob@example.net>",
            "C: DATA",
            "C: ..second starts with a dot",
            "C: ..",
            "C: .",
            "C: QUIT",
            "S: 221 2.0.0 Bye",
        ] {
            assert!(
                transcript.iter().any(|l| l == expected),
                "{expected} in {transcript:#?}"
            );
        }
    }

    #[test]
    fn the_client_reports_a_refused_recipient() {
        let mut store = Store::default_world();
        let (events, _, _) = send(&mut store, &["nobody@example.org"]);
        assert!(
            matches!(&events[0], SmtpClientEvent::MessageRejected { command, .. } if command == "RCPT")
        );
        assert_eq!(inbox_len(&store), 3);
    }

    #[test]
    fn the_client_delivers_to_the_recipients_that_were_accepted() {
        let mut store = Store::default_world();
        let (events, _, _) = send(&mut store, &["nobody@example.org", "alice@example.org"]);
        assert!(
            matches!(&events[0], SmtpClientEvent::MessageAccepted { accepted, rejected, .. }
            if accepted == &["alice@example.org"] && rejected == &["nobody@example.org"])
        );
        assert_eq!(inbox_len(&store), 4);
    }

    #[test]
    fn the_client_reports_a_full_mailbox() {
        let mut store = Store::default_world();
        if let Some(a) = store.account_mut("alice") {
            a.quota_bytes = Some(a.used_bytes());
        }
        let (events, _, _) = send(&mut store, &["alice@example.org"]);
        assert!(
            matches!(&events[0], SmtpClientEvent::MessageRejected { reply, .. } if reply.starts_with("552")),
            "{events:?}"
        );
    }

    #[test]
    fn a_draft_is_sent_with_the_envelope_taken_from_its_addresses() {
        let mut store = Store::default_world();
        let client = SmtpClient::for_draft("outside.example", &draft(), SimTime::from_minutes(5));
        let server = SmtpServer::new(SmtpServerConfig::default(), 4, SimTime::ZERO);
        let mut pair = Pair::new(client, server);
        pair.run_until_idle(&mut store, SimTime::from_minutes(5));
        let transcript = pair.transcript_text();
        assert!(transcript
            .iter()
            .any(|l| l == "C: MAIL FROM:<bob@example.net>"));
        assert!(transcript
            .iter()
            .any(|l| l == "C: RCPT TO:<alice@example.org>"));
        assert_eq!(inbox_len(&store), 4);
        assert_eq!(
            mailroom::sim::smtp::address_of("alice@example.org"),
            "alice@example.org"
        );
    }
}
