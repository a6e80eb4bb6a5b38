#![cfg(not(target_arch = "wasm32"))]
//! What `examples/tcp_server.rs` serves, run in-process on port 0 through the same library call: POP3, IMAP
//! and SMTP answer real clients (Python's smtplib, imaplib and poplib, curl) over one store.

mod common;
use common::{curl, python, result, serve};

use mailroom::bridge::{Listening, OptionsError, ServeOptions};
use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Runs a Python client session as alice; returns its `[action, result]` pairs.
fn session(script: &str, port: u16, actions: &[&str]) -> Vec<(String, Value)> {
    let mut args = vec![
        port.to_string(),
        "alice".to_string(),
        "wonderland".to_string(),
    ];
    args.extend(actions.iter().map(|a| a.to_string()));
    let Value::Array(pairs) = python(script, &args) else {
        panic!("{script} printed no list");
    };
    pairs
        .into_iter()
        .map(|pair| {
            (
                pair[0].as_str().unwrap_or_default().to_string(),
                pair[1].clone(),
            )
        })
        .collect()
}

fn inbox_texts(listening: &Listening) -> Vec<(u32, String)> {
    listening.bridge.with_store(|s| {
        s.account("alice")
            .map(|a| {
                a.inbox()
                    .messages
                    .iter()
                    .map(|m| (m.uid, m.text.clone()))
                    .collect()
            })
            .unwrap_or_default()
    })
}

#[test]
fn the_ready_line_names_each_bound_address_in_the_documented_order() {
    let listening = serve(0);
    let line = listening.to_string();
    assert_eq!(
        line,
        format!(
            "listening pop3={} imap={} smtp={}",
            listening.pop3, listening.imap, listening.smtp
        )
    );
    let ports = [listening.pop3, listening.imap, listening.smtp].map(|a| a.port());
    assert!(
        ports.iter().all(|p| *p != 0) && ports[0] != ports[1] && ports[1] != ports[2],
        "{line}"
    );
}

#[test]
fn options_default_to_the_documented_ports_and_read_every_flag() {
    let defaults = ServeOptions::parse(Vec::new()).expect("no flags is fine");
    assert_eq!(
        (
            defaults.pop3.as_str(),
            defaults.imap.as_str(),
            defaults.smtp.as_str()
        ),
        ("127.0.0.1:1110", "127.0.0.1:1143", "127.0.0.1:1025")
    );
    assert_eq!(defaults.messages, 0);
    let args = [
        "--pop3",
        "127.0.0.1:2110",
        "--imap",
        "127.0.0.1:2143",
        "--smtp",
        "127.0.0.1:2025",
    ];
    let mut args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    args.extend(["--messages".to_string(), "7".to_string()]);
    let parsed = ServeOptions::parse(args).expect("valid flags");
    assert_eq!(
        parsed,
        ServeOptions {
            pop3: "127.0.0.1:2110".to_string(),
            imap: "127.0.0.1:2143".to_string(),
            smtp: "127.0.0.1:2025".to_string(),
            messages: 7,
        }
    );
    let parse = |args: &[&str]| ServeOptions::parse(args.iter().map(|a| a.to_string()));
    assert_eq!(
        parse(&["--messages", "many"]),
        Err(OptionsError::NotANumber {
            flag: "--messages".to_string(),
            value: "many".to_string()
        })
    );
    assert_eq!(
        parse(&["--imap"]),
        Err(OptionsError::MissingValue {
            flag: "--imap".to_string()
        })
    );
    assert_eq!(
        parse(&["--pop", "x"]),
        Err(OptionsError::UnknownFlag {
            flag: "--pop".to_string()
        })
    );
}

fn inbox_uid_validity(listening: &Listening) -> u32 {
    listening
        .bridge
        .with_store(|s| s.account("alice").map(|a| a.inbox().uid_validity))
        .expect("alice has an INBOX")
}

#[test]
fn every_start_takes_a_uidvalidity_from_the_clock_so_a_restart_reuses_no_uid_or_uidl() {
    // RFC 3501 §2.3.1.1: UIDs start again from 1, so UIDVALIDITY must grow; RFC 1939 §7: UIDLs follow it.
    let started = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let first = serve(0);
    let first_validity = inbox_uid_validity(&first);
    assert!(
        u64::from(first_validity) >= started,
        "UIDVALIDITY {first_validity} is older than the start at {started}"
    );
    let second = serve(0);
    let second_validity = inbox_uid_validity(&second);
    assert!(second_validity >= first_validity);
    let pop = session("pop3_session.py", second.pop3.port(), &["uidl", "quit"]);
    let uidls = &result(&pop, "uidl")[1];
    assert_eq!(uidls.as_array().map(Vec::len), Some(3), "{uidls}");
    for line in uidls.as_array().into_iter().flatten() {
        let text = line.as_str().unwrap_or_default();
        assert!(
            text.ends_with(&format!("{second_validity:08X}")),
            "{text} is not made of this run's UIDVALIDITY"
        );
    }
}

#[test]
fn messages_flag_seeds_the_inbox_that_every_protocol_serves() {
    let listening = serve(5);
    let texts = inbox_texts(&listening);
    assert_eq!(texts.len(), 8, "the default world's 3 and 5 generated");
    let pop = session("pop3_session.py", listening.pop3.port(), &["stat", "quit"]);
    assert_eq!(result(&pop, "stat")[0], 8);
    let imap = session(
        "imap_session.py",
        listening.imap.port(),
        &["select:INBOX", "logout"],
    );
    assert_eq!(result(&imap, "select:INBOX"), &json!(["OK", ["8"]]));
}

#[test]
fn mail_sent_with_smtplib_is_read_by_imaplib_poplib_and_curl() {
    let listening = serve(0);
    let message = b"From: Bob <bob@example.net>\r\nTo: alice@example.org\r\nSubject: three ways\r\nMessage-ID: <tcp.1@example.net>\r\n\r\nhello\r\n.dot\r\n";
    let file = std::env::temp_dir().join(format!("mailroom-{}-tcp.eml", std::process::id()));
    std::fs::write(&file, message).expect("temp file written");
    let sent = python(
        "smtp_send.py",
        &[
            listening.smtp.port().to_string(),
            "bob@example.net".to_string(),
            "alice@example.org".to_string(),
            file.to_string_lossy().into_owned(),
        ],
    );
    assert_eq!(sent["refused"], json!({}), "{sent}");
    let texts = inbox_texts(&listening);
    assert_eq!(texts.len(), 4);
    let (uid, stored) = texts[3].clone();
    assert!(stored.ends_with(std::str::from_utf8(message).unwrap_or_default()));

    let imap = session(
        "imap_session.py",
        listening.imap.port(),
        &[
            "select:INBOX",
            "search:HEADER Message-ID tcp.1@example.net",
            "fetch:4:(BODY.PEEK[])",
            "logout",
        ],
    );
    assert_eq!(result(&imap, "select:INBOX"), &json!(["OK", ["4"]]));
    assert_eq!(
        result(&imap, "search:HEADER Message-ID tcp.1@example.net"),
        &json!(["OK", ["4"]])
    );
    let fetched = result(&imap, "fetch:4:(BODY.PEEK[])");
    assert_eq!(fetched[1][0][1], json!(stored), "{fetched}");

    let pop = session(
        "pop3_session.py",
        listening.pop3.port(),
        &["retr:4", "quit"],
    );
    assert_eq!(result(&pop, "retr:4")[1], json!(stored));

    let (code, body) = curl(&[
        "-u",
        "alice:wonderland",
        &format!("imap://{}/INBOX;UID={uid}", listening.imap),
    ]);
    assert_eq!((code, body.as_str()), (0, stored.as_str()));
    let (code, body) = curl(&[
        "-u",
        "alice:wonderland",
        &format!("pop3://{}/4", listening.pop3),
    ]);
    assert_eq!((code, body.as_str()), (0, stored.as_str()));
}

#[test]
fn a_pop3_dele_and_quit_is_pushed_as_expunge_to_an_idling_imap_session() {
    let listening = serve(0);
    let stream = TcpStream::connect(listening.imap).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout set");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut writer = stream;
    let mut read_until = |prefix: &str| -> Vec<String> {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            let n = reader.read_line(&mut line).expect("a line arrives");
            assert!(n > 0, "the server closed early after {lines:?}");
            let line = line.trim_end().to_string();
            let done = line.starts_with(prefix);
            lines.push(line);
            if done {
                return lines;
            }
        }
    };
    read_until("* OK");
    writer
        .write_all(b"a1 LOGIN alice wonderland\r\na2 SELECT INBOX\r\n")
        .expect("sent");
    let selected = read_until("a2 ");
    assert!(selected.contains(&"* 3 EXISTS".to_string()), "{selected:?}");
    writer.write_all(b"a3 IDLE\r\n").expect("sent");
    read_until("+ ");

    let pop = session(
        "pop3_session.py",
        listening.pop3.port(),
        &["dele:1", "quit"],
    );
    assert!(result(&pop, "quit")
        .as_str()
        .is_some_and(|q| q.starts_with("+OK")));
    assert_eq!(read_until("* "), ["* 1 EXPUNGE"], "pushed during IDLE");

    writer
        .write_all(b"DONE\r\na4 SEARCH ALL\r\n")
        .expect("sent");
    // The IDLE's OK may follow untagged updates (a new RECENT count, as Dovecot sends).
    let idle_end = read_until("a3 ");
    assert!(
        idle_end.last().is_some_and(|l| l.starts_with("a3 OK")),
        "{idle_end:?}"
    );
    let search = read_until("a4 ");
    assert_eq!(search[0], "* SEARCH 1 2", "two messages left");
    let (code, listing) = curl(&[
        "-u",
        "alice:wonderland",
        &format!("imap://{}/INBOX?ALL", listening.imap),
    ]);
    assert_eq!((code, listing.trim_end()), (0, "* SEARCH 1 2"));
}
