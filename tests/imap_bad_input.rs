//! Malformed input, unknown tags, huge and lying literals, wrong-state commands: every one is answered and the
//! session survives (RFC 3501 §7.1.3 BAD; RFC 7888 §4 for literals).

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::mail::Store;
use mailroom::sim::session::ServerSession;

/// After whatever came before, the session still answers a plain NOOP.
fn still_alive(s: &mut mailroom::sim::imap::ImapServer, store: &mut Store) {
    let lines = send(s, store, "alive NOOP");
    tagged(&lines, "alive", "OK");
}

#[test]
fn a_line_without_a_tag_gets_an_untagged_bad() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    for line in ["", "   ", "(", "*", "+ hello"] {
        let lines = send(&mut s, &mut store, line);
        assert_eq!(lines.len(), 1, "{line:?} → {lines:?}");
        assert!(lines[0].starts_with("* BAD "), "{line:?} → {lines:?}");
    }
    still_alive(&mut s, &mut store);
}

#[test]
fn an_unknown_command_gets_a_tagged_bad() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    let lines = send(&mut s, &mut store, "x1 FROBNICATE now");
    assert_eq!(lines.len(), 1);
    tagged(&lines, "x1", "BAD");
    still_alive(&mut s, &mut store);
}

#[test]
fn malformed_arguments_get_a_tagged_bad() {
    let mut store = Store::default_world();
    let mut s = selected(&mut store, 1);
    for (tag, line) in [
        ("m1", "m1 FETCH"),
        ("m2", "m2 FETCH 1:x FLAGS"),
        ("m3", "m3 STORE 1 +FLAGS (\\Seen"),
        ("m4", "m4 SELECT"),
        ("m5", "m5 LOGIN"),
        ("m6", "m6 SEARCH FROM"),
        ("m7", "m7 FETCH 0 FLAGS"),
        ("m8", "m8 UID BOGUS 1"),
    ] {
        let lines = send(&mut s, &mut store, line);
        tagged(&lines, tag, "BAD");
    }
    still_alive(&mut s, &mut store);
}

#[test]
fn commands_in_the_wrong_state_are_refused_with_a_reason() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    for (tag, line) in [
        ("w1", "w1 FETCH 1 FLAGS"),
        ("w2", "w2 LIST \"\" *"),
        ("w3", "w3 EXPUNGE"),
        ("w4", "w4 IDLE"),
    ] {
        let reply = tagged(&send(&mut s, &mut store, line), tag, "BAD").to_string();
        assert!(reply.contains("Not logged in"), "{reply}");
    }
    tagged(
        &send(&mut s, &mut store, "l LOGIN alice wonderland"),
        "l",
        "OK",
    );
    tagged(
        &send(&mut s, &mut store, "w5 LOGIN alice wonderland"),
        "w5",
        "BAD",
    );
    let reply = tagged(
        &send(&mut s, &mut store, "w6 STORE 1 +FLAGS (\\Seen)"),
        "w6",
        "BAD",
    )
    .to_string();
    assert!(reply.contains("No mailbox selected"), "{reply}");
    still_alive(&mut s, &mut store);
}

#[test]
fn a_huge_synchronizing_literal_is_refused_without_waiting_for_it() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    let lines = send(&mut s, &mut store, "h1 APPEND INBOX {4294967295}");
    assert_eq!(lines.len(), 1);
    tagged(&lines, "h1", "BAD");
    still_alive(&mut s, &mut store);
}

#[test]
fn a_huge_non_synchronizing_literal_is_refused_and_its_octets_skipped() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    tagged(
        &send(&mut s, &mut store, "l LOGIN alice wonderland"),
        "l",
        "OK",
    );
    let size = 5 * 1024 * 1024;
    s.handle_input(
        &mut store,
        format!("h2 APPEND INBOX {{{size}+}}\r\n").as_bytes(),
        T0,
    );
    tagged(&drain(&mut s), "h2", "BAD");
    let chunk = vec![b'a'; 64 * 1024];
    for _ in 0..size / chunk.len() {
        s.handle_input(&mut store, &chunk, T0);
    }
    s.handle_input(&mut store, b"\r\n", T0);
    assert_eq!(drain(&mut s), Vec::<String>::new());
    still_alive(&mut s, &mut store);
    assert_eq!(inbox_uids(&store), vec![1, 2, 3]);
}

#[test]
fn a_lying_literal_that_never_completes_holds_no_more_than_what_arrived() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    tagged(
        &send(&mut s, &mut store, "l LOGIN alice wonderland"),
        "l",
        "OK",
    );
    let lines = send(&mut s, &mut store, "h3 APPEND INBOX {1000000}");
    assert_eq!(lines, vec!["+ Ready for literal data"]);
    s.handle_input(&mut store, b"only a few octets", T0);
    assert_eq!(
        drain(&mut s),
        Vec::<String>::new(),
        "still waiting for the rest of the literal"
    );
    s.handle_disconnect(&mut store, T0);
    assert_eq!(inbox_uids(&store), vec![1, 2, 3]);
}

#[test]
fn an_endless_line_is_refused_and_the_session_survives() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    s.handle_input(&mut store, b"long NOOP ", T0);
    for _ in 0..20 {
        s.handle_input(&mut store, &[b'x'; 8192], T0);
    }
    let lines = drain(&mut s);
    assert_eq!(lines.len(), 1);
    tagged(&lines, "long", "BAD");
    s.handle_input(&mut store, b"xxx\r\n", T0);
    assert_eq!(
        drain(&mut s),
        Vec::<String>::new(),
        "the rest of the refused line is skipped"
    );
    still_alive(&mut s, &mut store);
}

#[test]
fn arbitrary_bytes_never_panic_and_the_session_still_answers() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    let junk: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    s.handle_input(&mut store, &junk, T0);
    s.handle_input(&mut store, b"\r\n", T0);
    let _ = drain(&mut s);
    still_alive(&mut s, &mut store);
}

#[test]
fn a_command_split_across_many_reads_is_understood() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    for b in b"a LOGIN alice wonderland\r\n" {
        s.handle_input(&mut store, &[*b], T0);
    }
    tagged(&drain(&mut s), "a", "OK");
}

#[test]
fn pipelined_commands_in_one_read_are_answered_in_order() {
    let mut store = Store::default_world();
    let mut s = connect(1);
    s.handle_input(
        &mut store,
        b"a LOGIN alice wonderland\r\nb SELECT INBOX\r\nc NOOP\r\n",
        T0,
    );
    let lines = drain(&mut s);
    let tags: Vec<&str> = lines
        .iter()
        .filter(|l| !l.starts_with('*'))
        .map(|l| &l[..1])
        .collect();
    assert_eq!(tags, ["a", "b", "c"]);
}
