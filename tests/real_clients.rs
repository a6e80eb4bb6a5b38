#![cfg(not(target_arch = "wasm32"))]
//! Real clients against the core over loopback TCP: Python 3's poplib and smtplib (scripts in
//! `tests/clients/`) and curl's pop3:// and smtp://. Each test starts its own bridge on port 0.

mod common;
use common::{curl, python, result, serve, wait_until};

use mailroom::bridge::{Bridge, Listening};
use mailroom::sim::pop3::codec::uidl_for;
use serde_json::Value;
use std::net::SocketAddr;
use std::time::Duration;

struct Server {
    bridge: Bridge,
    pop3: SocketAddr,
    smtp: SocketAddr,
}

fn start() -> Server {
    let Listening {
        bridge, pop3, smtp, ..
    } = serve(0);
    Server { bridge, pop3, smtp }
}

impl Server {
    fn texts(&self) -> Vec<String> {
        self.bridge.with_store(|s| {
            s.account("alice")
                .map(|a| a.inbox().messages.iter().map(|m| m.text.clone()).collect())
                .unwrap_or_default()
        })
    }

    fn uidls(&self) -> Vec<String> {
        self.bridge.with_store(|s| {
            s.account("alice")
                .map(|a| {
                    let inbox = a.inbox();
                    inbox
                        .messages
                        .iter()
                        .map(|m| uidl_for(inbox.uid_validity, m.uid))
                        .collect()
                })
                .unwrap_or_default()
        })
    }

    fn lock_is_free(&self) -> bool {
        self.bridge
            .with_store(|s| s.account("alice").is_some_and(|a| a.pop3_lock.is_none()))
    }

    /// Runs `tests/clients/pop3_session.py` with these actions; returns `[action, result]` pairs by action.
    fn poplib(&self, actions: &[&str]) -> Vec<(String, Value)> {
        let mut args = vec![
            self.pop3.port().to_string(),
            "alice".to_string(),
            "wonderland".to_string(),
        ];
        args.extend(actions.iter().map(|a| a.to_string()));
        let output = python("pop3_session.py", &args);
        match output {
            Value::Array(pairs) => pairs
                .into_iter()
                .filter_map(|pair| match pair {
                    Value::Array(mut kv) if kv.len() == 2 => {
                        let value = kv.pop()?;
                        let key = kv.pop()?.as_str()?.to_string();
                        Some((key, value))
                    }
                    _ => None,
                })
                .collect(),
            other => panic!("unexpected poplib output {other}"),
        }
    }
}

fn temp_file(name: &str, contents: &[u8]) -> String {
    let path = std::env::temp_dir().join(format!("mailroom-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("temp file written");
    path.to_string_lossy().into_owned()
}

mod poplib {
    use super::*;

    #[test]
    fn poplib_reads_counts_sizes_ids_and_text_as_the_store_holds_them() {
        let server = start();
        let texts = server.texts();
        let results = server.poplib(&["stat", "list", "uidl", "capa", "retr:3", "top:1:0", "quit"]);
        let total: usize = texts.iter().map(String::len).sum();
        assert_eq!(result(&results, "stat"), &serde_json::json!([3, total]));
        let list: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{} {}", i + 1, t.len()))
            .collect();
        assert_eq!(result(&results, "list")[1], serde_json::json!(list));
        let uidl: Vec<String> = server
            .uidls()
            .iter()
            .enumerate()
            .map(|(i, id)| format!("{} {id}", i + 1))
            .collect();
        assert_eq!(result(&results, "uidl")[1], serde_json::json!(uidl));
        let capa = result(&results, "capa").to_string();
        for capability in [
            "TOP",
            "USER",
            "UIDL",
            "RESP-CODES",
            "PIPELINING",
            "IMPLEMENTATION",
        ] {
            assert!(
                capa.contains(&format!("\"{capability}\"")),
                "{capability} in {capa}"
            );
        }
        let retr = result(&results, "retr:3");
        assert_eq!(retr[0], format!("+OK {} octets", texts[2].len()));
        assert_eq!(
            retr[1],
            texts[2].as_str(),
            "poplib un-stuffs the dot line back"
        );
        let top = result(&results, "top:1:0");
        let headers = texts[0].split("\r\n\r\n").next().unwrap_or_default();
        assert_eq!(top[1], format!("{headers}\r\n\r\n"));
    }

    #[test]
    fn poplib_deletes_only_after_quit_and_a_dropped_session_deletes_nothing() {
        let server = start();
        let ids = server.uidls();
        let dropped = server.poplib(&["dele:1", "stat", "drop"]);
        assert_eq!(
            result(&dropped, "stat")[0],
            2,
            "marked message gone from STAT"
        );
        wait_until("the bridge has seen the drop", || server.lock_is_free());
        assert_eq!(server.texts().len(), 3, "no UPDATE without QUIT");

        let quitted = server.poplib(&["dele:1", "quit"]);
        assert!(result(&quitted, "quit")
            .as_str()
            .is_some_and(|q| q.starts_with("+OK")));
        assert_eq!(server.uidls(), ids[1..]);

        let next = server.poplib(&["stat", "uidl", "retr:1", "quit"]);
        assert_eq!(result(&next, "stat")[0], 2);
        assert_eq!(
            result(&next, "uidl")[1],
            serde_json::json!([format!("1 {}", ids[1]), format!("2 {}", ids[2])]),
            "the survivors keep their ids; numbers start at 1 again"
        );
    }

    #[test]
    fn poplib_apop_logs_in() {
        let server = start();
        let results = server.poplib(&["apop", "stat", "quit"]);
        assert!(result(&results, "apop")
            .as_str()
            .is_some_and(|r| r.starts_with("+OK alice's maildrop")));
        assert_eq!(result(&results, "stat")[0], 3);
    }

    #[test]
    fn poplib_second_session_is_told_in_use() {
        let server = start();
        let results = server.poplib(&["second_login", "quit"]);
        assert!(
            result(&results, "second_login")
                .as_str()
                .is_some_and(|r| r.starts_with("-ERR [IN-USE]")),
            "{results:?}"
        );
    }

    #[test]
    fn poplib_errors_on_a_deleted_message_and_rset_restores_it() {
        let server = start();
        let results = server.poplib(&["dele:2", "retr:2", "rset", "list", "quit"]);
        assert_eq!(
            result(&results, "retr:2"),
            &serde_json::json!({"error": "-ERR message 2 already deleted"})
        );
        assert_eq!(
            result(&results, "list")[1].as_array().map(Vec::len),
            Some(3)
        );
        assert_eq!(server.texts().len(), 3);
    }
}

mod smtplib {
    use super::*;

    #[test]
    fn smtplib_delivers_and_poplib_reads_the_same_text_back() {
        let server = start();
        let message = b"From: Bob <bob@example.net>\r\nTo: alice@example.org\r\nSubject: dots\r\nMessage-ID: <py.1@example.net>\r\n\r\nfirst\r\n.second\r\n.\r\nlast\r\n";
        let file = temp_file("smtplib.eml", message);
        let outcome = python(
            "smtp_send.py",
            &[
                server.smtp.port().to_string(),
                "bob@example.net".into(),
                "alice@example.org".into(),
                file,
            ],
        );
        assert_eq!(outcome["ehlo"], 250);
        assert_eq!(outcome["refused"], serde_json::json!({}));
        assert_eq!(outcome["quit"], 221);
        let features = outcome["features"].to_string();
        assert!(features.contains("\"size\"") && features.contains("\"pipelining\""));
        let results = server.poplib(&["retr:4", "quit"]);
        let text = result(&results, "retr:4")[1]
            .as_str()
            .unwrap_or_default()
            .to_string();
        assert!(
            text.ends_with(std::str::from_utf8(message).unwrap_or_default()),
            "{text}"
        );
        assert!(text.starts_with("Return-Path: <bob@example.net>\r\nReceived: from python.example"));
    }

    #[test]
    fn smtplib_is_refused_an_unknown_recipient() {
        let server = start();
        let file = temp_file("refused.eml", b"Subject: x\r\n\r\ny\r\n");
        let outcome = python(
            "smtp_send.py",
            &[
                server.smtp.port().to_string(),
                "bob@example.net".into(),
                "nobody@example.org".into(),
                file,
            ],
        );
        assert_eq!(outcome["recipients_refused"]["nobody@example.org"][0], 550);
        assert_eq!(server.texts().len(), 3);
    }
}

mod curl {
    use super::*;

    #[test]
    fn curl_lists_and_retrieves_with_exact_sizes_and_text() {
        let server = start();
        let texts = server.texts();
        let base = format!("pop3://{}", server.pop3);
        let (code, listing) = curl(&[&format!("{base}/"), "-u", "alice:wonderland"]);
        assert_eq!(code, 0);
        let expected: String = texts
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{} {}\r\n", i + 1, t.len()))
            .collect();
        assert_eq!(listing, expected);
        let (code, body) = curl(&[&format!("{base}/3"), "-u", "alice:wonderland"]);
        assert_eq!(code, 0);
        assert_eq!(body, texts[2]);
    }

    #[test]
    fn curl_dele_removes_the_message_for_the_next_session() {
        let server = start();
        let ids = server.uidls();
        let base = format!("pop3://{}", server.pop3);
        let (code, _) = curl(&[
            "-X",
            "DELE",
            "-I",
            &format!("{base}/1"),
            "-u",
            "alice:wonderland",
        ]);
        assert_eq!(code, 0);
        assert_eq!(server.uidls(), ids[1..]);
        let (code, _) = curl(&[&format!("{base}/"), "-u", "alice:wrong"]);
        assert_eq!(code, 67, "curl's login-denied exit code");
    }

    #[test]
    fn curl_smtp_upload_is_delivered_and_an_unknown_recipient_is_refused() {
        let server = start();
        let message =
            b"Subject: via curl\r\nMessage-ID: <curl.1@example.net>\r\n\r\nhello\r\n.dot line\r\n";
        let file = temp_file("curl.eml", message);
        let url = format!("smtp://{}", server.smtp);
        let (code, _) = curl(&[
            &url,
            "--mail-from",
            "bob@example.net",
            "--mail-rcpt",
            "alice@example.org",
            "-T",
            &file,
        ]);
        assert_eq!(code, 0);
        let texts = server.texts();
        assert_eq!(texts.len(), 4);
        assert!(texts[3].ends_with(std::str::from_utf8(message).unwrap_or_default()));
        let (code, _) = curl(&[
            &url,
            "--mail-from",
            "bob@example.net",
            "--mail-rcpt",
            "nobody@example.org",
            "-T",
            &file,
        ]);
        assert_eq!(code, 55, "curl's send-failed exit code");
        assert_eq!(server.texts().len(), 4);
    }
}

mod raw_tcp {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpStream;

    #[test]
    fn a_100_kilobyte_line_over_tcp_gets_err_and_the_session_survives() {
        let server = start();
        let stream = TcpStream::connect(server.pop3).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout set");
        let mut reader = BufReader::new(stream.try_clone().expect("clone"));
        let mut writer = stream;
        let mut line = String::new();
        reader.read_line(&mut line).expect("greeting");
        assert!(line.starts_with("+OK "));
        let mut long = vec![b'X'; 100 * 1024];
        long.extend_from_slice(b"\r\nNOOP\r\nQUIT\r\n");
        writer.write_all(&long).expect("sent");
        let replies: Vec<String> = reader.lines().map_while(Result::ok).collect();
        assert_eq!(replies.len(), 3, "{replies:?}");
        assert_eq!(replies[0], "-ERR Line too long");
        assert!(replies[1].starts_with("-ERR NOOP not allowed"));
        assert!(replies[2].contains("signing off"));
    }
}
