//! What the SMTP explanations must say about each command and reply.

use crate::sim::explain::{answering, explained, Explained, LineContext, LineFacts, WireProtocol};
use crate::sim::session::Direction::{ClientToServer as C, ServerToClient as S};

fn client(line: &str) -> crate::sim::explain::Explained {
    explained(WireProtocol::Smtp, C, line, &LineContext::default())
}

fn server(line: &str, command: &str) -> crate::sim::explain::Explained {
    explained(WireProtocol::Smtp, S, line, &answering(command))
}

fn content(line: &str) -> crate::sim::explain::Explained {
    let context = LineContext {
        in_content: true,
        ..LineContext::default()
    };
    explained(WireProtocol::Smtp, C, line, &context)
}

#[test]
fn greeting_and_goodbye() {
    let context = LineContext {
        greeting: true,
        ..LineContext::default()
    };
    let greeting = explained(
        WireProtocol::Smtp,
        S,
        "220 mail.example ESMTP ready",
        &context,
    );
    assert!(greeting.en.contains("220") && greeting.en.contains("mail.example"));
    assert_eq!(greeting.rfc, "RFC 5321 §3.1");
    assert_eq!(client("QUIT").rfc, "RFC 5321 §4.1.1.10");
    assert!(server("221 bye", "QUIT").en.contains("221"));
}

#[test]
fn ehlo_and_its_multi_line_reply() {
    let hello = client("EHLO laptop.example");
    assert!(hello.en.contains("laptop.example") && hello.en.contains("extensions"));
    assert_eq!(hello.rfc, "RFC 5321 §4.1.1.1");
    let first = server(
        "250-mail.example greets laptop.example",
        "EHLO laptop.example",
    );
    assert!(first.en.contains("more lines follow"));
    let size = server("250-SIZE 10240000", "EHLO laptop.example");
    assert!(size.en.contains("10240000") && size.en.contains("SIZE"));
    assert_eq!(size.rfc, "RFC 1870 §3");
    let last = server("250 SMTPUTF8", "EHLO laptop.example");
    assert!(last.en.contains("last line"));
    assert!(client("HELO old.example").en.contains("old.example"));
}

#[test]
fn envelope_commands_name_their_addresses() {
    let from = client("MAIL FROM:<ann@example.com>");
    assert!(from.en.contains("ann@example.com"));
    assert_eq!(from.rfc, "RFC 5321 §4.1.1.2");
    assert!(client("MAIL FROM:<>").en.contains("<>"));
    let to = client("RCPT TO:<bob@example.com>");
    assert!(to.en.contains("bob@example.com") && to.zh.contains("bob@example.com"));
    assert_eq!(to.rfc, "RFC 5321 §4.1.1.3");
    assert!(server("250 OK", "RCPT TO:<bob@example.com>")
        .en
        .contains("bob@example.com"));
    assert!(server("250 OK", "MAIL FROM:<ann@example.com>")
        .en
        .contains("sender accepted"));
}

#[test]
fn data_content_and_the_end_of_the_message() {
    assert_eq!(client("DATA").rfc, "RFC 5321 §4.1.1.4");
    assert!(server("354 End data with <CR><LF>.<CR><LF>", "DATA")
        .en
        .contains("354"));
    assert_eq!(content("Subject: hi").rfc, "");
    assert_eq!(content("").rfc, "RFC 5322 §2.1");
    assert_eq!(content(".").rfc, "RFC 5321 §4.1.1.4");
    assert_eq!(content("..and so on").rfc, "RFC 5321 §4.5.2");
    let queued = server("250 2.0.0 Ok: queued as 7", ".");
    assert!(queued.en.contains("queued as 7") && queued.en.contains("responsible"));
    assert_eq!(queued.rfc, "RFC 5321 §6.1");
}

#[test]
fn reset_noop_and_errors() {
    assert_eq!(client("RSET").rfc, "RFC 5321 §4.1.1.5");
    assert_eq!(client("NOOP").rfc, "RFC 5321 §4.1.1.9");
    assert!(server("500 what?", "FOO").en.contains("500"));
    assert!(server("501 bad address", "MAIL FROM:<x").en.contains("501"));
    let sequence = server("503 need MAIL first", "RCPT TO:<bob@example.com>");
    assert_eq!(sequence.rfc, "RFC 5321 §4.1.4");
    assert!(server("550 no such user", "RCPT TO:<zed@example.com>")
        .en
        .contains("no such user"));
    let full = server("552 5.2.2 Mailbox full", ".");
    assert!(full.en.contains("mailbox is full") && full.zh.contains("邮箱已满"));
    assert!(full.en.contains("at the end of the message data") && !full.en.contains("larger"));
    let temporary = server("451 try again", ".");
    assert!(temporary.en.contains("451") && temporary.en.contains("temporary"));
}

/// A line with the facts the transcript gives it.
fn tracked(direction: crate::sim::session::Direction, line: &str, facts: LineFacts) -> Explained {
    let context = LineContext {
        in_content: direction == C && !facts.ends_multiline && facts.in_body,
        answering: (direction == S).then(|| "EHLO sender.example".to_string()),
        facts: LineFacts {
            tracked: true,
            ..facts
        },
        ..LineContext::default()
    };
    explained(WireProtocol::Smtp, direction, line, &context)
}

#[test]
fn the_dot_that_ends_data_is_no_command() {
    let end = tracked(
        C,
        ".",
        LineFacts {
            ends_multiline: true,
            ..LineFacts::default()
        },
    );
    assert!(end.en.contains("ends the message data") && !end.en.contains("500"));
    assert_eq!(end.rfc, "RFC 5321 §4.1.1.4");
    // The same line outside DATA is what a person might type: the server will refuse it.
    assert!(client(".").en.contains("500"));
}

#[test]
fn a_body_line_that_looks_like_a_command_is_content() {
    let in_body = LineFacts {
        in_body: true,
        ..LineFacts::default()
    };
    let quit = tracked(C, "QUIT", in_body);
    assert!(quit.en.contains("body") && quit.rfc.is_empty());
    let blank = tracked(C, "", in_body);
    assert!(blank.en.contains("in the body") && !blank.en.contains("separates"));
    assert!(!blank.zh.contains("信头"));
    assert_eq!(content("").rfc, "RFC 5322 §2.1");
}

#[test]
fn the_last_line_of_the_ehlo_reply_lists_an_extension() {
    let continuing = LineFacts {
        continues_reply: true,
        ..LineFacts::default()
    };
    let last = tracked(S, "250 ENHANCEDSTATUSCODES", continuing);
    assert!(last.en.contains("ENHANCEDSTATUSCODES") && last.en.contains("last line"));
    // RFC 2034 §3: the greeting and the replies to HELO and EHLO carry no enhanced code.
    assert!(last
        .en
        .contains("except the greeting and the answer to HELO or EHLO"));
    assert!(!last.en.contains("accepts the greeting"));
    assert_eq!(last.rfc, "RFC 2034 §3");
    let unknown = tracked(S, "250 X-SHINY", continuing);
    assert!(unknown.en.contains("extension") && !unknown.en.contains("greeting"));
    let first = tracked(
        S,
        "250-mail.example greets sender.example",
        LineFacts::default(),
    );
    assert!(first.en.contains("accepts the greeting") && first.en.contains("names itself"));
}

#[test]
fn commands_the_server_knows_are_not_called_unknown() {
    let vrfy = client("VRFY bob");
    assert!(vrfy.en.contains("“bob”") && vrfy.rfc == "RFC 5321 §4.1.1.6");
    let cannot = server("252 2.0.0 Cannot VRFY user", "VRFY bob");
    assert!(cannot.en.contains("attempt delivery") && cannot.rfc == "RFC 5321 §3.5.3");
    let malformed = client("MAIL FROM:ann@example.com");
    assert!(malformed.en.contains("501") && !malformed.en.contains("not a command"));
}

#[test]
fn size_zero_declares_no_fixed_limit() {
    let size = server("250-SIZE 0", "EHLO laptop.example");
    assert!(
        size.en
            .contains("no fixed maximum message size is in force")
            && size.rfc == "RFC 1870 §3"
    );
}

#[test]
fn size_without_a_number_says_nothing_about_a_limit() {
    // RFC 1870 §3: "If the parameter is omitted no information is conveyed about the server's fixed maximum
    // message size".
    let size = server("250-SIZE", "EHLO laptop.example");
    assert!(size.en.contains("says nothing") && !size.en.contains("declares"));
    assert_eq!(size.rfc, "RFC 1870 §3");
}

#[test]
fn a_reply_is_read_against_its_command() {
    assert!(server("250 2.1.0 Ok", "MAIL FROM:<ann@example.com>")
        .en
        .contains("sender accepted"));
    let recipient = server("250 2.1.5 Ok", "RCPT TO:<bob@example.com>");
    // RFC 5321 §4.1.1.3 accepts a recipient; delivery is promised only by the 250 after the data (§6.1).
    assert!(recipient.en.contains("recipient") && !recipient.en.contains("will deliver"));
    assert!(server("250 2.0.0 Ok", ".")
        .en
        .contains("message is accepted"));
}

#[test]
fn an_auth_exchange_is_explained_as_such() {
    let challenge = server("334 VXNlcm5hbWU6", "AUTH LOGIN");
    assert!(challenge.en.contains("login challenge") && challenge.rfc == "RFC 4954 §4");
    let answer = tracked(
        C,
        "YWxpY2U=",
        LineFacts {
            answers_challenge: true,
            ..LineFacts::default()
        },
    );
    assert!(answer.en.contains("answer to the server's login challenge"));
    assert!(!answer.en.contains("YWxpY2U") && !answer.en.contains("500"));
    assert_eq!(server("235 2.7.0 ok", "AUTH PLAIN x").rfc, "RFC 4954 §6");
    assert_eq!(server("535 5.7.8 no", "AUTH PLAIN x").rfc, "RFC 4954 §6");
}

#[test]
fn auth_never_shows_credentials() {
    let auth = client("AUTH PLAIN AGFubgBodW50ZXIy");
    assert!(!auth.en.contains("AGFubgBodW50ZXIy") && !auth.zh.contains("AGFubgBodW50ZXIy"));
    let refused = server("535 bad credentials", "AUTH PLAIN AGFubgBodW50ZXIy");
    assert!(!refused.en.contains("AGFubgBodW50ZXIy"));
}
