//! Follows one connection's lines as they are sent, to tell what each line is in its context: which command a
//! reply answers, whether it is message content and where in the message, and what the session had done before
//! it. The explainer reads these facts instead of guessing them from a line's text.

use crate::sim::session::Direction;
use crate::sim::session::WireProtocol;

/// How the IMAP session's selected mailbox was opened: SELECT (RFC 3501 §6.3.1) or EXAMINE (§6.3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailboxAccess {
    ReadWrite,
    ReadOnly,
}

/// What the connection had shown before a line, where the line's meaning depends on it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineFacts {
    /// The facts come from following the connection; false for a line explained on its own, whose facts are
    /// then unknown rather than "no".
    pub tracked: bool,
    /// The lone "." that ends SMTP DATA or a POP3 multi-line reply (RFC 5321 §4.1.1.4, RFC 1939 §3).
    pub ends_multiline: bool,
    /// A line of a POP3 multi-line list (LIST, UIDL, CAPA), between the `+OK` and the ".".
    pub in_list: bool,
    /// Message content after the message's first empty line, which ends the header (RFC 5322 §2.1).
    pub in_body: bool,
    /// A server line after one that said more lines of the same reply follow: SMTP "250-" (RFC 5321 §4.2.1).
    pub continues_reply: bool,
    /// A client line answering the server's challenge in a SASL login (POP3 "+ ", SMTP 334, IMAP "+"): data,
    /// not a command (RFC 5034 §4, RFC 4954 §4, RFC 3501 §6.2.2).
    pub answers_challenge: bool,
    /// The client had logged in: POP3 `+OK` to PASS, APOP or AUTH; IMAP OK to LOGIN or AUTHENTICATE, or PREAUTH.
    pub logged_in: bool,
    /// POP3: messages marked with DELE, and not unmarked by RSET, in this session (RFC 1939 §5, §6).
    pub marked_for_deletion: u32,
    /// IMAP: the mailbox selected when the line was sent, and how it was opened.
    pub selected: Option<MailboxAccess>,
}

/// IMAP commands remembered until their tagged reply; more than this are a client gone wrong, not a session.
const MAX_PENDING: usize = 64;

/// A dot-terminated run of lines: POP3 multi-line replies and SMTP DATA.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct DotTerminated {
    direction: Direction,
    /// A message (RETR, TOP, DATA) rather than a list (LIST, UIDL, CAPA).
    message: bool,
}

/// Follows one connection's lines to tell protocol lines from message content, and what each line answers.
#[derive(Debug, Clone, Default)]
pub struct ContentTracker {
    /// A POP3 multi-line reply or SMTP DATA in progress, ended by a lone `.` (RFC 1939 §3, RFC 5321 §4.1.1.4).
    dot_terminated: Option<DotTerminated>,
    /// Octets of an IMAP literal still to come in this direction (RFC 3501 §4.3).
    literal_left: [usize; 2],
    /// The content being carried in this direction has passed its first empty line, into the body.
    in_body: [bool; 2],
    /// For a server line: the client command it answers.
    pub last_command: Option<String>,
    /// POP3: the command waits for `+OK` before its multi-line reply starts; whether that reply is a message.
    pop3_multiline_pending: Option<bool>,
    /// POP3: the command just sent logs in, if the server says `+OK`.
    pop3_login_pending: bool,
    /// POP3: the command just sent is DELE (marks one more) or RSET (unmarks all), if the server says `+OK`.
    pop3_marking_pending: Option<bool>,
    /// SMTP: the last server line said more lines of its reply follow.
    reply_continues: bool,
    logged_in: bool,
    marked_for_deletion: u32,
    /// IMAP: the selected mailbox.
    selected: Option<MailboxAccess>,
    /// IMAP: commands sent and not yet answered by a tagged line, oldest first.
    imap_pending: Vec<String>,
    /// IMAP: the server asked for the rest of a command with "+", so the next client line continues it.
    continuation_requested: bool,
    /// The server sent a SASL challenge: the next client line is the client's answer to it.
    challenge_pending: bool,
    /// The facts of the line classified last.
    facts: LineFacts,
}

fn slot(direction: Direction) -> usize {
    match direction {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

/// The first word, upper-cased.
fn verb(line: &str) -> String {
    line.split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_uppercase()
}

impl ContentTracker {
    /// The facts of the line [`ContentTracker::classify`] saw last.
    pub fn facts(&self) -> LineFacts {
        self.facts
    }

    /// Classifies `line` and updates the tracker; returns whether the line is message content.
    pub fn classify(&mut self, protocol: WireProtocol, direction: Direction, line: &str) -> bool {
        self.facts = LineFacts {
            tracked: true,
            logged_in: self.logged_in,
            marked_for_deletion: self.marked_for_deletion,
            selected: self.selected,
            ..LineFacts::default()
        };
        let side = slot(direction);
        if self.literal_left[side] > 0 {
            self.literal_left[side] = self.literal_left[side].saturating_sub(line.len() + 2);
            self.content_line(side, line);
            // The client's literal answers the server's "+"; the line after it finishes the same command.
            if direction == Direction::ClientToServer {
                self.continuation_requested = self.literal_left[side] == 0;
            }
            return true;
        }
        if let Some(run) = self.dot_terminated.filter(|run| run.direction == direction) {
            if line == "." {
                self.dot_terminated = None;
                self.facts.ends_multiline = true;
                // The reply that follows the end of DATA answers the whole message (RFC 5321 §4.1.1.4).
                if protocol == WireProtocol::Smtp {
                    self.last_command = Some(line.to_string());
                }
                return false;
            }
            if !run.message {
                self.facts.in_list = true;
                return false;
            }
            self.content_line(side, line);
            return true;
        }
        if direction == Direction::ClientToServer && std::mem::take(&mut self.challenge_pending) {
            // The answer belongs to the AUTH command; the reply after it still answers that command.
            self.facts.answers_challenge = true;
            self.continuation_requested = false;
            return false;
        }
        match (protocol, direction) {
            (WireProtocol::Pop3, Direction::ClientToServer) => self.pop3_command(line),
            (WireProtocol::Pop3, Direction::ServerToClient) => self.pop3_reply(line),
            (WireProtocol::Smtp, Direction::ClientToServer) => {
                self.last_command = Some(line.to_string());
            }
            (WireProtocol::Smtp, Direction::ServerToClient) => {
                self.facts.continues_reply = self.reply_continues;
                self.reply_continues = line.len() >= 4
                    && line.as_bytes().get(3) == Some(&b'-')
                    && line.bytes().take(3).all(|b| b.is_ascii_digit());
                if line.starts_with("354") {
                    self.start_content(Direction::ClientToServer, true);
                }
                self.challenge_pending = line.starts_with("334");
            }
            (WireProtocol::Imap, Direction::ClientToServer) => self.imap_command(line),
            (WireProtocol::Imap, Direction::ServerToClient) => self.imap_response(line),
        }
        false
    }

    /// One line of message content: in the body once the message's first empty line has passed.
    fn content_line(&mut self, side: usize, line: &str) {
        self.facts.in_body = self.in_body[side];
        if line.is_empty() {
            self.in_body[side] = true;
        }
    }

    fn start_content(&mut self, direction: Direction, message: bool) {
        self.dot_terminated = Some(DotTerminated { direction, message });
        self.in_body[slot(direction)] = false;
    }

    fn pop3_command(&mut self, line: &str) {
        let verb = verb(line);
        let args = line.split_whitespace().count();
        // RETR and TOP answer with a message, CAPA and LIST/UIDL without an argument with a list (RFC 1939 §5, §7).
        self.pop3_multiline_pending = match verb.as_str() {
            "RETR" | "TOP" => Some(true),
            "CAPA" => Some(false),
            "LIST" | "UIDL" if args == 1 => Some(false),
            _ => None,
        };
        self.pop3_login_pending = matches!(verb.as_str(), "PASS" | "APOP" | "AUTH");
        self.pop3_marking_pending = match verb.as_str() {
            "DELE" => Some(true),
            "RSET" => Some(false),
            _ => None,
        };
        self.last_command = Some(line.to_string());
    }

    fn pop3_reply(&mut self, line: &str) {
        // "+ " asks for the next step of an AUTH exchange; the command's outcome comes later (RFC 5034 §4).
        if line == "+" || line.starts_with("+ ") {
            self.challenge_pending = true;
            return;
        }
        let ok = line.starts_with("+OK");
        if let Some(message) = self.pop3_multiline_pending.take() {
            if ok {
                self.start_content(Direction::ServerToClient, message);
            }
        }
        if std::mem::take(&mut self.pop3_login_pending) && ok {
            self.logged_in = true;
        }
        match self.pop3_marking_pending.take() {
            Some(true) if ok => {
                self.marked_for_deletion = self.marked_for_deletion.saturating_add(1)
            }
            Some(false) if ok => self.marked_for_deletion = 0,
            _ => {}
        }
    }

    fn imap_command(&mut self, line: &str) {
        if let Some(size) = trailing_literal(line) {
            self.literal_left[0] = size;
            self.in_body[0] = false;
        }
        // A line the server asked for with "+" (literal data, DONE, an AUTHENTICATE response) is no new command.
        if std::mem::take(&mut self.continuation_requested) {
            return;
        }
        if self.imap_pending.len() < MAX_PENDING {
            self.imap_pending.push(line.to_string());
        }
        self.last_command = Some(line.to_string());
    }

    fn imap_response(&mut self, line: &str) {
        if let Some(size) = trailing_literal(line) {
            self.literal_left[1] = size;
            self.in_body[1] = literal_starts_in_body(line);
        }
        let mut words = line.split_whitespace();
        let (tag, status) = (words.next().unwrap_or(""), verb(words.next().unwrap_or("")));
        match tag {
            "+" => {
                self.continuation_requested = true;
                self.last_command = self.imap_pending.last().cloned();
                let authenticating = self.last_command.as_deref().is_some_and(|command| {
                    command
                        .split_whitespace()
                        .nth(1)
                        .is_some_and(|verb| verb.eq_ignore_ascii_case("AUTHENTICATE"))
                });
                self.challenge_pending = authenticating;
            }
            "*" => {
                if status == "PREAUTH" {
                    self.logged_in = true;
                }
                // A long reply is thousands of untagged lines answering one command: copy it once.
                if self.last_command.as_ref() != self.imap_pending.last() {
                    self.last_command = self.imap_pending.last().cloned();
                }
            }
            _ => {
                let answered = self
                    .imap_pending
                    .iter()
                    .position(|command| command.split_whitespace().next() == Some(tag))
                    .map(|index| self.imap_pending.remove(index));
                if let Some(command) = &answered {
                    self.imap_completed(command, &status, line);
                }
                self.last_command = answered.or_else(|| self.imap_pending.last().cloned());
            }
        }
    }

    /// A tagged reply ends `command`: what it changes in the session (RFC 3501 §6.2, §6.3.1, §6.3.2, §6.4.2).
    fn imap_completed(&mut self, command: &str, status: &str, reply: &str) {
        let mut words = command
            .split_whitespace()
            .skip(1)
            .map(str::to_ascii_uppercase);
        let verb = words.next().unwrap_or_default();
        let ok = status == "OK";
        match verb.as_str() {
            "LOGIN" | "AUTHENTICATE" if ok => self.logged_in = true,
            // SELECT and EXAMINE deselect first, so one that fails leaves no mailbox selected (§6.3.1).
            "SELECT" | "EXAMINE" => {
                let read_only =
                    verb == "EXAMINE" || reply.to_ascii_uppercase().contains("[READ-ONLY]");
                self.selected = ok.then_some(if read_only {
                    MailboxAccess::ReadOnly
                } else {
                    MailboxAccess::ReadWrite
                });
            }
            "CLOSE" | "UNSELECT" if ok => self.selected = None,
            _ => {}
        }
    }
}

/// `... {42}` or `... {42+}` at the end of a line announces a literal of 42 octets (RFC 3501 §4.3, RFC 7888).
fn trailing_literal(line: &str) -> Option<usize> {
    let inner = line.strip_suffix('}')?;
    let open = inner.rfind('{')?;
    inner[open + 1..].trim_end_matches('+').parse().ok()
}

/// Whether a FETCH literal holds only a body: BODY[TEXT], RFC822.TEXT or a MIME part such as BODY[1], rather
/// than a whole message or a header, which start with header lines (RFC 3501 §6.4.5).
fn literal_starts_in_body(line: &str) -> bool {
    let upper = line.to_ascii_uppercase();
    let before = upper
        .rsplit_once('{')
        .map_or("", |(before, _)| before)
        .trim_end();
    // A partial fetch names its first octet after the section: BODY[TEXT]<0>.
    let before = before
        .strip_suffix('>')
        .and_then(|head| head.rsplit_once('<'))
        .map_or(before, |(head, _)| head);
    if before.ends_with("RFC822.TEXT") {
        return true;
    }
    let Some(section) = before
        .strip_suffix(']')
        .and_then(|head| head.rsplit_once('['))
        .map(|(_, section)| section)
    else {
        return false;
    };
    let section = section.split(['<', ' ']).next().unwrap_or("");
    !(section.is_empty()
        || section.contains("HEADER")
        || section.ends_with("MIME")
        || section.ends_with(".MIME"))
}

#[cfg(test)]
mod tests;
