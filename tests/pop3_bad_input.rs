//! POP3 server against bad input (docs/protocol.md: "Unknown or malformed commands: -ERR with a reason; the
//! session survives"): unknown commands, missing or non-numeric arguments, wrong state, binary bytes, a
//! 100 KB line.

mod common;

use common::*;
use mailroom::sim::harness::{drain, exchange};
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::Pop3Server;
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;

fn survives(server: &mut Pop3Server, store: &mut Store) {
    assert!(!server.is_closed());
    assert!(one(server, store, "NOOP").starts_with("+OK"));
}

#[test]
fn unknown_command_is_err_and_the_session_survives() {
    let mut store = Store::default_world();
    let mut server = logged_in(&mut store, 1);
    assert_eq!(
        one(&mut server, &mut store, "XYZZY 1"),
        "-ERR Unknown command: XYZZY"
    );
    survives(&mut server, &mut store);
}

#[test]
fn missing_arguments_are_err() {
    let mut store = Store::default_world();
    let mut server = logged_in(&mut store, 1);
    for command in ["RETR", "DELE", "TOP", "TOP 1"] {
        let reply = one(&mut server, &mut store, command);
        assert!(
            reply.starts_with("-ERR") && reply.contains("missing argument"),
            "{reply}"
        );
    }
    assert_eq!(
        one(&mut server, &mut store, "STAT 1"),
        "-ERR STAT: too many arguments"
    );
    survives(&mut server, &mut store);
}

#[test]
fn non_numeric_arguments_are_err() {
    let mut store = Store::default_world();
    let mut server = logged_in(&mut store, 1);
    assert_eq!(
        one(&mut server, &mut store, "RETR one"),
        "-ERR Invalid message number: one"
    );
    for command in [
        "LIST -1",
        "TOP 1 x",
        "DELE 1.5",
        "UIDL 99999999999999999999",
        "RETR é",
    ] {
        assert!(one(&mut server, &mut store, command).starts_with("-ERR Invalid message number"));
    }
    survives(&mut server, &mut store);
}

#[test]
fn commands_in_the_wrong_state_are_err() {
    let mut store = Store::default_world();
    let mut server = logged_in(&mut store, 1);
    for command in ["USER alice", "PASS wonderland", "APOP alice 0123"] {
        let reply = one(&mut server, &mut store, command);
        assert!(
            reply.ends_with("not allowed in the TRANSACTION state"),
            "{reply}"
        );
    }
    survives(&mut server, &mut store);
}

#[test]
fn binary_bytes_are_err() {
    let mut store = Store::default_world();
    let mut server = logged_in(&mut store, 1);
    server.handle_input(
        &mut store,
        b"ST\x00AT\r\n\xff\xfe\xfd\r\nRETR \x80\r\n",
        SimTime::ZERO,
    );
    let replies = drain(&mut server);
    assert_eq!(replies.len(), 3, "{replies:?}");
    assert!(
        replies.iter().all(|r| r.starts_with("-ERR ")),
        "{replies:?}"
    );
    survives(&mut server, &mut store);
}

#[test]
fn a_100_kilobyte_line_is_err_and_is_not_buffered() {
    let mut store = Store::default_world();
    let mut server = logged_in(&mut store, 1);
    let mut line = b"LIST ".to_vec();
    line.extend(std::iter::repeat_n(b'1', 100 * 1024));
    for chunk in line.chunks(16 * 1024) {
        server.handle_input(&mut store, chunk, SimTime::ZERO);
        assert!(
            drain(&mut server).is_empty(),
            "no answer before the line ends"
        );
    }
    let reply = exchange(&mut server, &mut store, "", SimTime::ZERO);
    assert_eq!(reply, ["-ERR Line too long"]);
    survives(&mut server, &mut store);
}

#[test]
fn an_empty_line_is_err() {
    let mut store = Store::default_world();
    let mut server = pop3_session(1);
    assert_eq!(one(&mut server, &mut store, ""), "-ERR Empty command");
    assert_eq!(one(&mut server, &mut store, "   "), "-ERR Empty command");
    survives_in_authorization(&mut server, &mut store);
}

fn survives_in_authorization(server: &mut Pop3Server, store: &mut Store) {
    assert!(one(server, store, "USER alice").starts_with("+OK"));
}
