use super::*;
use Direction::{ClientToServer as C, ServerToClient as S};

/// Feeds lines to a tracker and returns, for each, whether it is content and its facts.
fn feed(
    protocol: WireProtocol,
    lines: &[(Direction, &str)],
) -> (ContentTracker, Vec<(bool, LineFacts)>) {
    let mut tracker = ContentTracker::default();
    let seen = lines
        .iter()
        .map(|&(direction, line)| {
            let content = tracker.classify(protocol, direction, line);
            (content, tracker.facts())
        })
        .collect();
    (tracker, seen)
}

#[test]
fn pop3_retr_body_is_content_until_the_dot() {
    let mut t = ContentTracker::default();
    let p = WireProtocol::Pop3;
    assert!(!t.classify(p, C, "RETR 1"));
    assert!(!t.classify(p, S, "+OK 120 octets"));
    assert!(t.classify(p, S, "Subject: hi"));
    assert!(t.classify(p, S, "..dot-stuffed"));
    assert!(!t.classify(p, S, "."));
    assert!(t.facts().ends_multiline);
    assert!(!t.classify(p, C, "DELE 1"));
    assert!(!t.classify(p, S, "+OK message 1 deleted"));
    assert_eq!(t.last_command.as_deref(), Some("DELE 1"));
}

#[test]
fn pop3_error_to_retr_starts_no_body() {
    let mut t = ContentTracker::default();
    t.classify(WireProtocol::Pop3, C, "RETR 9");
    assert!(!t.classify(WireProtocol::Pop3, S, "-ERR no such message"));
    assert!(!t.classify(WireProtocol::Pop3, C, "QUIT"));
}

#[test]
fn pop3_list_lines_are_a_list_not_message_content() {
    let (_, seen) = feed(
        WireProtocol::Pop3,
        &[(C, "UIDL"), (S, "+OK"), (S, "1 abc"), (S, ".")],
    );
    assert!(!seen[2].0, "a list line is not message content");
    assert!(seen[2].1.in_list);
    assert!(seen[3].1.ends_multiline && !seen[3].1.in_list);
}

#[test]
fn only_the_first_empty_line_of_a_message_separates_header_and_body() {
    let (_, seen) = feed(
        WireProtocol::Pop3,
        &[
            (C, "RETR 1"),
            (S, "+OK"),
            (S, "Subject: hi"),
            (S, ""),
            (S, "first paragraph"),
            (S, ""),
            (S, "."),
        ],
    );
    let in_body: Vec<bool> = seen.iter().map(|(_, facts)| facts.in_body).collect();
    assert_eq!(in_body, [false, false, false, false, true, true, false]);
}

#[test]
fn pop3_remembers_login_and_deletion_marks() {
    let (_, seen) = feed(
        WireProtocol::Pop3,
        &[
            (C, "USER alice"),
            (S, "+OK"),
            (C, "PASS secret"),
            (S, "+OK logged in"),
            (C, "DELE 1"),
            (S, "+OK"),
            (C, "DELE 9"),
            (S, "-ERR no such message"),
            (C, "QUIT"),
            (S, "+OK bye"),
        ],
    );
    assert!(!seen[3].1.logged_in, "the +OK to PASS is the login itself");
    assert!(seen[4].1.logged_in);
    assert_eq!(seen[9].1.marked_for_deletion, 1);
    let (_, reset) = feed(
        WireProtocol::Pop3,
        &[
            (C, "DELE 1"),
            (S, "+OK"),
            (C, "RSET"),
            (S, "+OK"),
            (C, "QUIT"),
            (S, "+OK"),
        ],
    );
    assert_eq!(reset[5].1.marked_for_deletion, 0);
}

#[test]
fn smtp_data_is_content_after_354_and_the_dot_ends_it() {
    let mut t = ContentTracker::default();
    let p = WireProtocol::Smtp;
    t.classify(p, C, "DATA");
    t.classify(p, S, "354 go ahead");
    assert!(
        t.classify(p, C, "QUIT"),
        "a body line that looks like a command"
    );
    assert!(!t.classify(p, C, "."));
    assert!(t.facts().ends_multiline);
    t.classify(p, S, "250 queued");
    assert_eq!(t.last_command.as_deref(), Some("."));
}

#[test]
fn smtp_lines_after_a_dash_continue_the_reply() {
    let (_, seen) = feed(
        WireProtocol::Smtp,
        &[
            (C, "EHLO x"),
            (S, "250-mail.example"),
            (S, "250-SIZE 100"),
            (S, "250 ENHANCEDSTATUSCODES"),
            (C, "NOOP"),
            (S, "250 OK"),
        ],
    );
    let continues: Vec<bool> = seen.iter().map(|(_, f)| f.continues_reply).collect();
    assert_eq!(continues, [false, false, true, true, false, false]);
}

#[test]
fn imap_literal_octets_are_content() {
    let mut t = ContentTracker::default();
    let p = WireProtocol::Imap;
    assert!(!t.classify(p, S, "* 1 FETCH (BODY[] {12}"));
    assert!(t.classify(p, S, "Subject: a"));
    assert!(!t.classify(p, S, ")"));
    assert_eq!(trailing_literal("a APPEND INBOX {310+}"), Some(310));
    assert_eq!(trailing_literal("{x}"), None);
}

#[test]
fn a_fetched_text_section_starts_in_the_body() {
    assert!(literal_starts_in_body("* 1 FETCH (BODY[TEXT] {5}"));
    assert!(literal_starts_in_body("* 1 FETCH (BODY[1] {5}"));
    assert!(literal_starts_in_body("* 1 FETCH (BODY[TEXT]<0> {5}"));
    assert!(literal_starts_in_body("* 1 FETCH (RFC822.TEXT {5}"));
    assert!(!literal_starts_in_body("* 1 FETCH (BODY[] {5}"));
    assert!(!literal_starts_in_body("* 1 FETCH (BODY[HEADER] {5}"));
    assert!(!literal_starts_in_body(
        "* 1 FETCH (BODY[HEADER.FIELDS (FROM)] {5}"
    ));
    assert!(!literal_starts_in_body("* 1 FETCH (RFC822 {5}"));
}

#[test]
fn imap_tagged_replies_answer_their_own_command() {
    let (t, _) = feed(
        WireProtocol::Imap,
        &[
            (C, "a5 IDLE"),
            (S, "+ idling"),
            (S, "* 4 EXISTS"),
            (C, "DONE"),
            (S, "a5 OK IDLE terminated"),
        ],
    );
    assert_eq!(t.last_command.as_deref(), Some("a5 IDLE"));
    let mut t = ContentTracker::default();
    let p = WireProtocol::Imap;
    t.classify(p, C, "a6 APPEND Sent {12}");
    t.classify(p, S, "+ Ready for literal data");
    assert!(t.classify(p, C, "Subject: a"));
    t.classify(p, C, "");
    t.classify(p, S, "a6 OK APPEND completed");
    assert_eq!(t.last_command.as_deref(), Some("a6 APPEND Sent {12}"));
    t.classify(p, C, "a7 NOOP");
    t.classify(p, S, "* 2 EXISTS");
    assert_eq!(t.last_command.as_deref(), Some("a7 NOOP"));
}

#[test]
fn imap_knows_how_the_mailbox_was_opened_until_it_is_closed() {
    let (_, seen) = feed(
        WireProtocol::Imap,
        &[
            (C, "a1 SELECT INBOX"),
            (S, "a1 OK [READ-WRITE] done"),
            (C, "a2 CLOSE"),
            (S, "a2 OK CLOSE completed"),
            (C, "a3 EXAMINE INBOX"),
            (S, "a3 OK [READ-ONLY] done"),
            (C, "a4 CLOSE"),
            (S, "a4 OK CLOSE completed"),
            (C, "a5 NOOP"),
            (C, "a6 SELECT Missing"),
            (S, "a6 NO no such mailbox"),
            (C, "a7 CLOSE"),
        ],
    );
    assert_eq!(seen[3].1.selected, Some(MailboxAccess::ReadWrite));
    assert_eq!(seen[7].1.selected, Some(MailboxAccess::ReadOnly));
    assert_eq!(seen[8].1.selected, None);
    assert_eq!(seen[11].1.selected, None);
}

#[test]
fn a_sasl_answer_is_data_and_the_login_still_counts() {
    let (t, seen) = feed(
        WireProtocol::Pop3,
        &[
            (C, "AUTH PLAIN"),
            (S, "+ "),
            (C, "AGFsaWNlAHNlY3JldA=="),
            (S, "+OK logged in"),
            (C, "STAT"),
        ],
    );
    assert!(seen[2].1.answers_challenge);
    assert!(seen[4].1.logged_in);
    assert_eq!(t.last_command.as_deref(), Some("STAT"));
    let (t, seen) = feed(
        WireProtocol::Smtp,
        &[
            (C, "AUTH LOGIN"),
            (S, "334 VXNlcm5hbWU6"),
            (C, "YWxpY2U="),
            (S, "235 ok"),
        ],
    );
    assert!(seen[2].1.answers_challenge);
    assert_eq!(t.last_command.as_deref(), Some("AUTH LOGIN"));
    let (t, seen) = feed(
        WireProtocol::Imap,
        &[
            (C, "a1 AUTHENTICATE PLAIN"),
            (S, "+ "),
            (C, "AGFsaWNlAHNlY3JldA=="),
            (S, "a1 OK done"),
            (C, "a2 NOOP"),
        ],
    );
    assert!(seen[2].1.answers_challenge && seen[4].1.logged_in);
    assert_eq!(
        t.imap_pending,
        ["a2 NOOP"],
        "the answer was taken for no command"
    );
}

#[test]
fn imap_login_is_known_after_its_ok() {
    let (_, seen) = feed(
        WireProtocol::Imap,
        &[
            (C, "a1 LOGIN alice secret"),
            (S, "a1 OK done"),
            (C, "a2 NOOP"),
        ],
    );
    assert!(!seen[1].1.logged_in && seen[2].1.logged_in);
}
