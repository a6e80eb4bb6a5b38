//! The transcript: every wire line with where it went, when it left and arrived, and what the explainer needs
//! to know about it. The view shows these lines exactly as sent.

use crate::sim::session::{Direction, WireProtocol};
use crate::sim::time::SimTime;

/// One line on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptEntry {
    pub connection: u64,
    /// The device id, `sender` for the outside SMTP sender, or `terminal`.
    pub endpoint: String,
    pub protocol: WireProtocol,
    pub direction: Direction,
    /// Exactly the bytes sent, without CRLF.
    pub text: String,
    pub sent: SimTime,
    pub arrives: SimTime,
    /// For a server line: the client command it answers.
    pub answering: Option<String>,
    /// Message content (RETR/TOP body, SMTP DATA, an IMAP literal) rather than protocol.
    pub in_content: bool,
    /// The first line of a connection.
    pub greeting: bool,
    /// The connection failed while the line was on the wire: it never arrived.
    pub lost: bool,
    /// The timeline moment during which the line was sent; the world right after it is moment + 1.
    pub moment: usize,
}

impl TranscriptEntry {
    /// On the wire at `now`: sent, not yet arrived.
    pub fn in_flight(&self, now: SimTime) -> bool {
        self.sent <= now && now < self.arrives
    }

    /// How far along its link the line is at `now`, from 0 (just sent) to 1 (arrived).
    pub fn progress(&self, now: SimTime) -> f64 {
        let span = self
            .arrives
            .millis()
            .saturating_sub(self.sent.millis())
            .max(1) as f64;
        (now.millis().saturating_sub(self.sent.millis()) as f64 / span).clamp(0.0, 1.0)
    }
}

/// Follows one connection's lines to tell protocol lines from message content.
#[derive(Debug, Clone, Default)]
pub struct ContentTracker {
    /// POP3 multi-line reply or SMTP DATA in progress, ended by a lone `.` (RFC 1939 §3, RFC 5321 §4.1.1.4).
    dot_terminated: Option<Direction>,
    /// Octets of an IMAP literal still to come in this direction (RFC 3501 §4.3).
    literal_left: [usize; 2],
    /// The last client command line, which server lines answer.
    pub last_command: Option<String>,
    /// POP3: the command waits for `+OK` before its multi-line body starts.
    pop3_multiline_pending: bool,
}

fn slot(direction: Direction) -> usize {
    match direction {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

impl ContentTracker {
    /// Classifies `line` and updates the tracker; returns whether the line is message content.
    pub fn classify(&mut self, protocol: WireProtocol, direction: Direction, line: &str) -> bool {
        let left = &mut self.literal_left[slot(direction)];
        if *left > 0 {
            *left = left.saturating_sub(line.len() + 2);
            return true;
        }
        if self.dot_terminated == Some(direction) {
            if line == "." {
                self.dot_terminated = None;
                return false;
            }
            return true;
        }
        match (protocol, direction) {
            (WireProtocol::Pop3, Direction::ClientToServer) => {
                let verb = line
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .to_ascii_uppercase();
                let args = line.split_whitespace().count();
                // RETR, TOP, CAPA, and LIST/UIDL without an argument answer in several lines (RFC 1939 §5, §7).
                self.pop3_multiline_pending = matches!(verb.as_str(), "RETR" | "TOP" | "CAPA")
                    || (matches!(verb.as_str(), "LIST" | "UIDL") && args == 1);
                self.last_command = Some(line.to_string());
            }
            (WireProtocol::Pop3, Direction::ServerToClient) => {
                if std::mem::take(&mut self.pop3_multiline_pending) && line.starts_with("+OK") {
                    self.dot_terminated = Some(direction);
                }
            }
            (WireProtocol::Smtp, Direction::ClientToServer) => {
                self.last_command = Some(line.to_string());
            }
            (WireProtocol::Smtp, Direction::ServerToClient) => {
                if line.starts_with("354") {
                    self.dot_terminated = Some(Direction::ClientToServer);
                }
            }
            (WireProtocol::Imap, _) => {
                if direction == Direction::ClientToServer {
                    self.last_command = Some(line.to_string());
                }
                if let Some(size) = trailing_literal(line) {
                    self.literal_left[slot(direction)] = size;
                }
            }
        }
        false
    }
}

/// `... {42}` or `... {42+}` at the end of a line announces a literal of 42 octets (RFC 3501 §4.3, RFC 7888).
fn trailing_literal(line: &str) -> Option<usize> {
    let inner = line.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    inner[open + 1..].trim_end_matches('+').parse().ok()
}

impl TranscriptEntry {
    /// What the line means, in English and Chinese, with its RFC section.
    pub fn explain(&self) -> crate::sim::explain::Explanation {
        let context = crate::sim::explain::LineContext {
            answering: self.answering.clone(),
            in_content: self.in_content,
            greeting: self.greeting,
        };
        crate::sim::explain::explain(self.protocol, self.direction, &self.text, &context)
    }
}

/// The transcript as plain text for a handout: one wire line per row, with when it was sent, who sent it
/// and over which protocol; `C:` client to server, `S:` server to client, as in the RFCs' examples.
pub fn to_text(entries: &[TranscriptEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        let arrow = match e.direction {
            Direction::ClientToServer => "C:",
            Direction::ServerToClient => "S:",
        };
        let lost = if e.lost {
            "  [lost: never arrived]"
        } else {
            ""
        };
        out.push_str(&format!(
            "{}  {:<8} {:<4} {arrow} {}{lost}\n",
            e.sent.clock(),
            e.endpoint,
            e.protocol.id().to_ascii_uppercase(),
            e.text
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{ClientToServer as C, ServerToClient as S};

    #[test]
    fn the_text_export_has_one_row_per_line_and_marks_lost_ones() {
        let entry = |direction, text: &str, lost| TranscriptEntry {
            connection: 1,
            endpoint: "laptop".into(),
            protocol: WireProtocol::Pop3,
            direction,
            text: text.into(),
            sent: crate::sim::time::SimTime::from_millis(1_200),
            arrives: crate::sim::time::SimTime::from_millis(1_800),
            answering: None,
            in_content: false,
            greeting: false,
            lost,
            moment: 0,
        };
        let text = to_text(&[entry(S, "+OK POP3 ready", false), entry(C, "QUIT", true)]);
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), 2);
        assert!(
            rows[0].ends_with("laptop   POP3 S: +OK POP3 ready"),
            "{}",
            rows[0]
        );
        assert!(
            rows[1].ends_with("C: QUIT  [lost: never arrived]"),
            "{}",
            rows[1]
        );
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
    fn smtp_data_is_content_after_354() {
        let mut t = ContentTracker::default();
        let p = WireProtocol::Smtp;
        t.classify(p, C, "DATA");
        t.classify(p, S, "354 go ahead");
        assert!(t.classify(p, C, "Subject: x"));
        assert!(!t.classify(p, C, "."));
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
}
