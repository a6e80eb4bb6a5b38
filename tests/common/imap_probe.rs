//! A plain IMAP session of the test's own, to look at (and change) the bridge's INBOX around a client's run.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// A plain IMAP session of the test's own, to look at the server's state after a client ran.
pub struct ImapProbe {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
    tag: u32,
}

impl ImapProbe {
    /// Logs in as alice and selects INBOX.
    pub fn inbox(imap: SocketAddr) -> ImapProbe {
        ImapProbe::mailbox(imap, "INBOX")
    }

    /// Logs in as alice and selects this mailbox.
    pub fn mailbox(imap: SocketAddr, mailbox: &str) -> ImapProbe {
        let stream = TcpStream::connect(imap).expect("IMAP connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout set");
        let mut probe = ImapProbe {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
            tag: 0,
        };
        let greeting = probe.line();
        assert!(greeting.starts_with("* OK"), "{greeting}");
        probe.ok("LOGIN alice wonderland");
        probe.ok(&format!("SELECT {mailbox}"));
        probe
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        let n = self.reader.read_line(&mut line).expect("an IMAP line");
        assert!(n > 0, "the IMAP server closed the probe's connection");
        // A literal's octets follow its line and belong to the same response (RFC 3501 §4.3).
        while let Some(size) = literal_size(&line) {
            let mut octets = vec![0; size];
            self.reader.read_exact(&mut octets).expect("literal read");
            line.push_str(&String::from_utf8_lossy(&octets));
            self.reader
                .read_line(&mut line)
                .expect("the rest of the line");
        }
        line.trim_end().to_string()
    }

    /// Sends `command`; returns the untagged lines, panicking unless it completes with OK.
    pub fn ok(&mut self, command: &str) -> Vec<String> {
        self.tag += 1;
        let tag = format!("p{}", self.tag);
        self.writer
            .write_all(format!("{tag} {command}\r\n").as_bytes())
            .expect("IMAP sent");
        let mut lines = Vec::new();
        loop {
            let line = self.line();
            if let Some(status) = line.strip_prefix(&format!("{tag} ")) {
                assert!(
                    status.starts_with("OK"),
                    "{command}: {status} after {lines:?}"
                );
                return lines;
            }
            lines.push(line);
        }
    }

    /// Each INBOX message as (UID, flags, Subject), in order.
    pub fn messages(&mut self) -> Vec<(u32, Vec<String>, String)> {
        self.ok("UID FETCH 1:* (FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            .iter()
            // Another session's flag changes may come as unsolicited FETCH responses without the header.
            .filter(|line| line.contains(" FETCH (") && line.contains("BODY[HEADER.FIELDS"))
            .map(|line| {
                let uid = after(line, "UID ")
                    .split(|c: char| !c.is_ascii_digit())
                    .next()
                    .and_then(|n| n.parse().ok())
                    .unwrap_or_else(|| panic!("no UID in {line}"));
                let flags = after(line, "FLAGS (")
                    .split(')')
                    .next()
                    .unwrap_or_default()
                    .split_whitespace()
                    .filter(|f| *f != "\\Recent")
                    .map(str::to_string)
                    .collect();
                let subject = after(line, "Subject: ")
                    .split("\r\n")
                    .next()
                    .unwrap_or_default()
                    .to_string();
                (uid, flags, subject)
            })
            .collect()
    }
}

impl Drop for ImapProbe {
    fn drop(&mut self) {
        let _ = self.writer.write_all(b"z LOGOUT\r\n");
    }
}

fn after<'a>(line: &'a str, marker: &str) -> &'a str {
    line.find(marker)
        .map(|at| &line[at + marker.len()..])
        .unwrap_or_default()
}

/// `{123}` at the end of a line: the size of the literal that follows it.
fn literal_size(line: &str) -> Option<usize> {
    let line = line.trim_end();
    let open = line.rfind('{')?;
    line.strip_suffix('}')?[open + 1..]
        .trim_end_matches('+')
        .parse()
        .ok()
}

/// The server's INBOX as (Subject, flags without \Recent), sorted by Subject.
pub fn server_inbox(imap: SocketAddr) -> Vec<(String, Vec<String>)> {
    let mut messages: Vec<(String, Vec<String>)> = ImapProbe::inbox(imap)
        .messages()
        .into_iter()
        .map(|(_, mut flags, subject)| {
            flags.sort();
            (subject, flags)
        })
        .collect();
    messages.sort();
    messages
}

pub fn server_subjects(imap: SocketAddr) -> Vec<String> {
    server_inbox(imap).into_iter().map(|(s, _)| s).collect()
}

pub fn server_flags(imap: SocketAddr, subject: &str) -> Vec<String> {
    let inbox = server_inbox(imap);
    inbox
        .iter()
        .find(|(s, _)| s == subject)
        .map(|(_, flags)| flags.clone())
        .unwrap_or_else(|| panic!("no message {subject:?} on the server: {inbox:?}"))
}

/// The UID of the INBOX message with this Subject.
pub fn server_uid(imap: SocketAddr, subject: &str) -> u32 {
    ImapProbe::inbox(imap)
        .messages()
        .into_iter()
        .find(|(_, _, s)| s == subject)
        .map(|(uid, _, _)| uid)
        .unwrap_or_else(|| panic!("no message {subject:?} on the server"))
}

/// Runs these commands in INBOX, each of which must succeed, as another client would.
pub fn on_server(imap: SocketAddr, commands: &[&str]) {
    let mut probe = ImapProbe::inbox(imap);
    for command in commands {
        probe.ok(command);
    }
}

/// Appends a message from bob to INBOX, as mail arrives on a server without the bridge's SMTP (LITERAL+,
/// RFC 7888).
pub fn append_to_inbox(imap: SocketAddr, subject: &str, body: &str) {
    let text = format!(
        "From: Bob <bob@example.net>\r\nTo: Alice <alice@example.org>\r\nSubject: {subject}\r\n\r\n{body}\r\n"
    );
    ImapProbe::inbox(imap).ok(&format!("APPEND INBOX {{{}+}}\r\n{text}", text.len()));
}
