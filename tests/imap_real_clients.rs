#![cfg(not(target_arch = "wasm32"))]
//! Real clients (Python's imaplib, curl) against the IMAP server on the in-process loopback bridge.

mod common;
use common::{curl, serve};

use mailroom::bridge::Listening;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Command;

#[test]
fn python_imaplib_completes_a_full_session() {
    let Listening {
        bridge, imap: addr, ..
    } = serve(0);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/clients/imap_imaplib.py");
    let uid_validity = bridge.with_store(|s| s.account("alice").map(|a| a.inbox().uid_validity));
    let out = Command::new("python3")
        .arg(script)
        .arg(addr.port().to_string())
        .arg(uid_validity.unwrap_or_default().to_string())
        .output()
        .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "imaplib failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("all checks passed"));
    let (inbox, trash, sent) = bridge.with_store(|s| {
        let a = s.account("alice").expect("alice");
        (
            a.inbox().exists(),
            a.mailbox("Trash").map(|m| m.exists()),
            a.mailbox("Sent").map(|m| m.exists()),
        )
    });
    assert_eq!((inbox, trash, sent), (1, Some(1), Some(1)));
}

/// curl as alice, which must succeed; returns what it printed.
fn curl_as_alice(args: &[&str]) -> String {
    let (code, text) = curl(&[&["-u", "alice:wonderland"], args].concat());
    assert_eq!(code, 0, "curl {args:?} failed: {text}");
    text
}

#[test]
fn curl_lists_mailboxes_fetches_a_message_and_searches() {
    let Listening {
        bridge, imap: addr, ..
    } = serve(0);
    let base = format!("imap://127.0.0.1:{}", addr.port());
    let list = curl_as_alice(&[&format!("{base}/")]);
    assert!(
        list.contains("* LIST (\\HasNoChildren) \"/\" INBOX"),
        "{list}"
    );
    assert!(list.contains("\"/\" Trash"), "{list}");
    let message = curl_as_alice(&[&format!("{base}/INBOX;UID=2")]);
    let expected = bridge.with_store(|s| {
        s.account("alice").expect("alice").inbox().messages[1]
            .text
            .clone()
    });
    assert_eq!(message, expected);
    let search = curl_as_alice(&[&format!("{base}/INBOX?UNSEEN")]);
    assert!(
        search.contains("* SEARCH 1 3"),
        "curl's UID FETCH read the message, so it is \\Seen: {search}"
    );
    let examine = curl_as_alice(&["-X", "EXAMINE INBOX", &format!("{base}/")]);
    assert!(examine.contains("* 3 EXISTS"), "{examine}");
}

/// Reads lines until one starts with `prefix`; returns them all.
fn read_until(reader: &mut BufReader<TcpStream>, prefix: &str) -> Vec<String> {
    let mut lines = Vec::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).expect("read");
        assert!(
            n > 0,
            "connection closed while waiting for {prefix:?}; got {lines:?}"
        );
        let line = line.trim_end().to_string();
        let done = line.starts_with(prefix);
        lines.push(line);
        if done {
            return lines;
        }
    }
}

#[test]
fn an_idling_tcp_client_hears_of_an_append_by_another_connection_at_once() {
    let Listening {
        bridge: _bridge,
        imap: addr,
        ..
    } = serve(0);
    let watcher = TcpStream::connect(addr).expect("connect");
    let mut w = watcher.try_clone().expect("clone");
    let mut wr = BufReader::new(watcher);
    read_until(&mut wr, "* OK");
    w.write_all(b"a LOGIN alice wonderland\r\nb SELECT INBOX\r\nc IDLE\r\n")
        .expect("write");
    read_until(&mut wr, "+ ");

    let actor = TcpStream::connect(addr).expect("connect");
    let mut a = actor.try_clone().expect("clone");
    let mut ar = BufReader::new(actor);
    read_until(&mut ar, "* OK");
    a.write_all(b"x LOGIN alice wonderland\r\ny APPEND INBOX {14+}\r\nSubject: x\r\n\r\n\r\n")
        .expect("write");
    let appended = read_until(&mut ar, "y ");
    assert!(
        appended
            .last()
            .is_some_and(|l| l.starts_with("y OK [APPENDUID ")),
        "{appended:?}"
    );

    let pushed = read_until(&mut wr, "* 4 EXISTS");
    assert_eq!(pushed, ["* 4 EXISTS"]);
    w.write_all(b"DONE\r\nz LOGOUT\r\n").expect("write");
    let rest = read_until(&mut wr, "z ");
    assert!(
        rest.contains(&"c OK IDLE terminated".to_string()),
        "{rest:?}"
    );
    let mut tail = Vec::new();
    let _ = wr.read_to_end(&mut tail);
}
