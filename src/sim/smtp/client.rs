//! The SMTP client of the outside sender: hands one message to the server and reports how it went.

use crate::sim::mail::MessageDraft;
use crate::sim::pop3::codec::text_lines;
use crate::sim::session::ClientSession;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// Who the message is from and to, as SMTP carries it apart from the headers (RFC 5321 §2.3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmtpClientEvent {
    /// The server took responsibility for the message (the 250 after the final `.`).
    MessageAccepted {
        accepted: Vec<String>,
        rejected: Vec<String>,
        reply: String,
    },
    /// The server refused at some step; nothing was delivered.
    MessageRejected {
        command: String,
        reply: String,
    },
    /// The server closed the session (221).
    SessionEnded,
    Failed {
        reason: String,
    },
}

/// One SMTP reply, possibly multi-line (RFC 5321 §4.2.1: `250-` continues, `250 ` ends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub code: u16,
    pub lines: Vec<String>,
}

/// What the client waits for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Waiting {
    Greeting,
    EhloReply,
    HeloReply,
    MailReply,
    RcptReply { index: usize },
    DataReply,
    MessageReply,
    QuitReply,
    Nothing,
}

/// One SMTP client session sending one message.
#[derive(Debug, Clone)]
pub struct SmtpClient {
    client_name: String,
    envelope: Envelope,
    text: String,
    waiting: Waiting,
    /// Lines of a multi-line reply read so far.
    partial: Vec<String>,
    accepted: Vec<String>,
    rejected: Vec<String>,
    outgoing: VecDeque<String>,
    events: VecDeque<SmtpClientEvent>,
}

impl SmtpClient {
    /// `text` is the RFC 5322 message with CRLF line ends; `client_name` goes into EHLO.
    pub fn new(client_name: &str, envelope: Envelope, text: String) -> Self {
        SmtpClient {
            client_name: client_name.to_string(),
            envelope,
            text,
            waiting: Waiting::Greeting,
            partial: Vec::new(),
            accepted: Vec::new(),
            rejected: Vec::new(),
            outgoing: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The client for the outside sender's "send mail": envelope from the draft's From and To addresses.
    pub fn for_draft(client_name: &str, draft: &MessageDraft, now: SimTime) -> Self {
        let envelope = Envelope {
            mail_from: address_of(&draft.from),
            rcpt_to: vec![address_of(&draft.to)],
        };
        SmtpClient::new(client_name, envelope, draft.to_rfc5322(now))
    }

    fn send(&mut self, line: String, waiting: Waiting) {
        self.outgoing.push_back(line);
        self.waiting = waiting;
    }

    fn quit(&mut self) {
        self.send("QUIT".to_string(), Waiting::QuitReply);
    }

    fn rejected_at(&mut self, command: &str, reply: &Reply) {
        self.events.push_back(SmtpClientEvent::MessageRejected {
            command: command.to_string(),
            reply: reply.lines.join("\n"),
        });
        self.quit();
    }

    fn send_rcpt(&mut self, index: usize) {
        match self.envelope.rcpt_to.get(index) {
            Some(rcpt) => {
                let line = format!("RCPT TO:<{rcpt}>");
                self.send(line, Waiting::RcptReply { index });
            }
            None if self.accepted.is_empty() => {
                self.events.push_back(SmtpClientEvent::MessageRejected {
                    command: "RCPT".to_string(),
                    reply: "no recipient was accepted".to_string(),
                });
                self.quit();
            }
            None => self.send("DATA".to_string(), Waiting::DataReply),
        }
    }

    fn handle_reply(&mut self, reply: Reply) {
        let positive = (200..400).contains(&reply.code);
        match std::mem::replace(&mut self.waiting, Waiting::Nothing) {
            Waiting::Greeting if reply.code == 220 => {
                let line = format!("EHLO {}", self.client_name);
                self.send(line, Waiting::EhloReply);
            }
            Waiting::EhloReply if !positive && reply.code >= 500 => {
                // RFC 5321 §4.1.4: a server that does not know EHLO gets HELO.
                let line = format!("HELO {}", self.client_name);
                self.send(line, Waiting::HeloReply);
            }
            Waiting::EhloReply | Waiting::HeloReply if reply.code == 250 => {
                let line = format!("MAIL FROM:<{}>", self.envelope.mail_from);
                self.send(line, Waiting::MailReply);
            }
            Waiting::MailReply if reply.code == 250 => self.send_rcpt(0),
            Waiting::RcptReply { index } => {
                let rcpt = self
                    .envelope
                    .rcpt_to
                    .get(index)
                    .cloned()
                    .unwrap_or_default();
                if positive {
                    self.accepted.push(rcpt);
                } else {
                    self.rejected.push(rcpt);
                }
                self.send_rcpt(index + 1);
            }
            Waiting::DataReply if reply.code == 354 => {
                // RFC 5321 §4.5.2: a line that starts with a dot gets another one.
                let mut block: Vec<String> = text_lines(&self.text)
                    .map(crate::sim::pop3::codec::dot_stuff)
                    .collect();
                block.push(".".to_string());
                self.send(block.join("\r\n"), Waiting::MessageReply);
            }
            Waiting::MessageReply if reply.code == 250 => {
                self.events.push_back(SmtpClientEvent::MessageAccepted {
                    accepted: std::mem::take(&mut self.accepted),
                    rejected: std::mem::take(&mut self.rejected),
                    reply: reply.lines.join("\n"),
                });
                self.quit();
            }
            Waiting::QuitReply => self.events.push_back(SmtpClientEvent::SessionEnded),
            Waiting::Nothing => {}
            Waiting::Greeting => {
                self.events.push_back(SmtpClientEvent::Failed {
                    reason: format!("server refused the connection: {}", reply.lines.join("\n")),
                });
                self.quit();
            }
            Waiting::EhloReply | Waiting::HeloReply => self.rejected_at("EHLO", &reply),
            Waiting::MailReply => self.rejected_at("MAIL", &reply),
            Waiting::DataReply => self.rejected_at("DATA", &reply),
            Waiting::MessageReply => self.rejected_at("DATA", &reply),
        }
    }
}

/// The address in `Name <addr>` or a bare `addr` (RFC 5322 §3.4).
pub fn address_of(mailbox: &str) -> String {
    match (mailbox.rfind('<'), mailbox.rfind('>')) {
        (Some(open), Some(close)) if open < close => mailbox[open + 1..close].trim().to_string(),
        _ => mailbox.trim().to_string(),
    }
}

impl ClientSession for SmtpClient {
    type Event = SmtpClientEvent;

    fn handle_line(&mut self, line: &str, _now: SimTime) {
        let code = line.get(..3).and_then(|c| c.parse::<u16>().ok());
        let Some(code) = code.filter(|c| (200..600).contains(c)) else {
            self.events.push_back(SmtpClientEvent::Failed {
                reason: format!("not an SMTP reply: {line}"),
            });
            self.quit();
            return;
        };
        self.partial.push(line.to_string());
        if line.as_bytes().get(3) == Some(&b'-') {
            return;
        }
        let lines = std::mem::take(&mut self.partial);
        self.handle_reply(Reply { code, lines });
    }

    fn poll_transmit(&mut self) -> Option<String> {
        self.outgoing.pop_front()
    }

    fn poll_event(&mut self) -> Option<SmtpClientEvent> {
        self.events.pop_front()
    }

    fn is_finished(&self) -> bool {
        self.waiting == Waiting::Nothing && self.outgoing.is_empty()
    }
}
