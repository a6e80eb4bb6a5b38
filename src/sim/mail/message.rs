//! A stored message: its RFC 5322 text and the metadata the servers keep beside it.

use super::Flags;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};

/// A message in a mailbox of the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Unique within its mailbox and UIDVALIDITY, strictly ascending, never reused (RFC 3501 §2.3.1.1).
    pub uid: u32,
    pub flags: Flags,
    /// When the server received it (RFC 3501 §2.3.3).
    pub internal_date: SimTime,
    /// The MODSEQ of its last change (RFC 7162 §3.1).
    pub modseq: u64,
    /// The Message-ID header without angle brackets: the same on the server and on every device.
    pub message_id: String,
    /// The full RFC 5322 text with CRLF line ends.
    pub text: String,
}

impl Message {
    /// Size in octets, CRLF counting as two (RFC 1939 §11, RFC 3501 RFC822.SIZE).
    pub fn size(&self) -> usize {
        self.text.len()
    }

    /// The header section, up to but excluding the empty line.
    pub fn header_section(&self) -> &str {
        header_section(&self.text)
    }

    /// The body, after the empty line that ends the header section.
    pub fn body(&self) -> &str {
        match self.text.find("\r\n\r\n") {
            Some(i) => &self.text[i + 4..],
            None => "",
        }
    }

    /// The unfolded value of the first header field of that name, e.g. `header("Subject")`.
    pub fn header(&self, name: &str) -> Option<String> {
        header_value(&self.text, name)
    }

    pub fn subject(&self) -> String {
        self.header("Subject").unwrap_or_default()
    }

    pub fn from(&self) -> String {
        self.header("From").unwrap_or_default()
    }
}

/// The header section of an RFC 5322 text.
pub fn header_section(text: &str) -> &str {
    match text.find("\r\n\r\n") {
        Some(i) => &text[..i],
        None => text,
    }
}

/// The first header field called `name` (case-insensitive), unfolded (RFC 5322 §2.2.3).
pub fn header_value(text: &str, name: &str) -> Option<String> {
    let mut value: Option<String> = None;
    for line in header_section(text).split("\r\n") {
        if let Some(v) = value.as_mut() {
            if line.starts_with([' ', '\t']) {
                v.push(' ');
                v.push_str(line.trim());
                continue;
            }
            break;
        }
        if let Some((field, rest)) = line.split_once(':') {
            if field.eq_ignore_ascii_case(name) {
                value = Some(rest.trim().to_string());
            }
        }
    }
    value
}

/// What a sender writes: turned into RFC 5322 text by [`MessageDraft::to_rfc5322`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageDraft {
    pub from: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Without angle brackets, e.g. `1.abc@example.net`.
    pub message_id: String,
}

impl MessageDraft {
    /// RFC 5322 text with CRLF line ends; any bare LF or CR in the body becomes CRLF (RFC 5322 §2.3).
    pub fn to_rfc5322(&self, date: SimTime) -> String {
        let mut text = String::new();
        for (field, value) in [
            ("From", self.from.as_str()),
            ("To", self.to.as_str()),
            ("Subject", self.subject.as_str()),
        ] {
            text.push_str(field);
            text.push_str(": ");
            text.push_str(&single_line(value));
            text.push_str("\r\n");
        }
        text.push_str(&format!("Date: {}\r\n", date.rfc5322()));
        text.push_str(&format!(
            "Message-ID: <{}>\r\n",
            single_line(&self.message_id)
        ));
        text.push_str("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n");
        text.push_str(&normalize_crlf(&self.body));
        if !text.ends_with("\r\n") {
            text.push_str("\r\n");
        }
        text
    }
}

/// Header values may not carry line breaks; a pasted newline becomes a space.
fn single_line(value: &str) -> String {
    value.replace(['\r', '\n'], " ")
}

/// Turns LF, CR and CRLF line ends into CRLF.
pub fn normalize_crlf(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\r\n");
            }
            '\n' => out.push_str("\r\n"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> MessageDraft {
        MessageDraft {
            from: "Bob <bob@example.net>".into(),
            to: "alice@example.org".into(),
            subject: "Lunch\non Friday?".into(),
            body: "Hi Alice,\nlunch?\n.\nBob".into(),
            message_id: "1@example.net".into(),
        }
    }

    #[test]
    fn draft_becomes_crlf_text_with_required_headers() {
        let text = draft().to_rfc5322(SimTime::ZERO);
        assert!(text.starts_with("From: Bob <bob@example.net>\r\nTo: alice@example.org\r\n"));
        assert!(text.contains("Subject: Lunch on Friday?\r\n"));
        assert!(text.contains("Date: Mon, 02 Mar 2026 09:00:00 +0000\r\n"));
        assert!(text.ends_with("\r\n\r\nHi Alice,\r\nlunch?\r\n.\r\nBob\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
    }

    #[test]
    fn headers_are_read_case_insensitively_and_unfolded() {
        let m = Message {
            uid: 1,
            flags: Flags::EMPTY,
            internal_date: SimTime::ZERO,
            modseq: 1,
            message_id: "x".into(),
            text: "SUBJECT: a\r\n  folded line\r\nFrom: z\r\n\r\nbody\r\n".into(),
        };
        assert_eq!(m.subject(), "a folded line");
        assert_eq!(m.from(), "z");
        assert_eq!(m.body(), "body\r\n");
        assert_eq!(m.size(), m.text.len());
    }
}
