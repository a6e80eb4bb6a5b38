//! The transcript: every wire line with where it went, when it left and arrived, and what the explainer needs
//! to know about it. The view shows these lines exactly as sent.

use crate::sim::session::{Direction, WireProtocol};
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};

pub use crate::sim::line_tracker::{ContentTracker, LineFacts, MailboxAccess};

/// Who is at the client end of a connection. A device may be called anything a setup allows, `sender` too;
/// it is still a device, never the outside sender or the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Endpoint {
    Device(String),
    /// The outside sender, handing mail to the server by SMTP.
    Sender,
    /// The raw-command terminal: a person typing, as with telnet.
    Terminal,
}

impl Endpoint {
    /// The name the transcript export and the DOM use (`laptop`, `sender`, `terminal`): for showing, never for
    /// telling endpoints apart.
    pub fn label(&self) -> &str {
        match self {
            Endpoint::Device(id) => id,
            Endpoint::Sender => "sender",
            Endpoint::Terminal => "terminal",
        }
    }

    /// The device's id, if a device is at this end.
    pub fn device(&self) -> Option<&str> {
        match self {
            Endpoint::Device(id) => Some(id),
            Endpoint::Sender | Endpoint::Terminal => None,
        }
    }
}

/// One line on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptEntry {
    pub connection: u64,
    pub endpoint: Endpoint,
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
    /// What the connection had shown before the line, where its meaning depends on it.
    pub facts: LineFacts,
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

impl TranscriptEntry {
    /// What the line means, in the tongue's language, with its RFC section.
    pub fn explain(&self, tongue: crate::i18n::Tongue) -> crate::sim::explain::Explanation {
        let context = crate::sim::explain::LineContext {
            answering: self.answering.clone(),
            in_content: self.in_content,
            greeting: self.greeting,
            facts: self.facts,
        };
        crate::sim::explain::explain(self.protocol, self.direction, &self.text, &context, tongue)
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
            e.endpoint.label(),
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
            endpoint: Endpoint::Device("laptop".into()),
            protocol: WireProtocol::Pop3,
            direction,
            text: text.into(),
            sent: crate::sim::time::SimTime::from_millis(1_200),
            arrives: crate::sim::time::SimTime::from_millis(1_800),
            answering: None,
            in_content: false,
            greeting: false,
            facts: LineFacts::default(),
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
}
