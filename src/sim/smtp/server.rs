//! The SMTP server session (RFC 5321, the minimal set a receiving MTA needs), delivering into the shared store.

use super::command::{parse_command, SmtpCommand, SmtpSyntaxError};
use crate::sim::line_reader::{Incoming, LineReader};
use crate::sim::mail::{Store, StoreError};
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// RFC 5321 §4.5.3.1.4: a command line is at most 512 octets, CRLF included.
pub const MAX_COMMAND_OCTETS: usize = 512;
/// RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets, CRLF included.
pub const MAX_TEXT_LINE_OCTETS: usize = 1000;
/// RFC 5321 §4.5.3.1.8: at least 100 recipients must be accepted; we accept exactly that many.
pub const MAX_RECIPIENTS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpServerConfig {
    /// The name in the greeting, the EHLO reply and the Received header.
    pub hostname: String,
    /// The SIZE limit advertised in EHLO (RFC 1870); larger messages get 552.
    pub max_message_octets: usize,
}

impl Default for SmtpServerConfig {
    fn default() -> Self {
        SmtpServerConfig {
            hostname: "mail.example.org".to_string(),
            max_message_octets: 10_240_000,
        }
    }
}

/// The mail transaction being built (RFC 5321 §3.3).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Transaction {
    reverse_path: Option<String>,
    recipients: Vec<String>,
}

/// The message text being received after 354.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct IncomingData {
    text: String,
    too_big: bool,
    line_too_long: bool,
}

/// What the server reads next: command lines, or message text after DATA (RFC 5321 §4.1.1.4).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reading {
    Commands,
    MessageText(IncomingData),
}

/// One SMTP connection.
#[derive(Debug, Clone)]
pub struct SmtpServer {
    config: SmtpServerConfig,
    session_id: u64,
    /// The client's EHLO/HELO name; None until it introduces itself.
    client_name: Option<String>,
    extended: bool,
    transaction: Transaction,
    reading: Reading,
    reader: LineReader,
    output: VecDeque<String>,
    closed: bool,
}

impl SmtpServer {
    pub fn new(config: SmtpServerConfig, session_id: u64, _now: SimTime) -> Self {
        let greeting = format!("220 {} ESMTP Mailroom", config.hostname);
        SmtpServer {
            config,
            session_id,
            client_name: None,
            extended: false,
            transaction: Transaction::default(),
            reading: Reading::Commands,
            reader: LineReader::new(),
            output: VecDeque::from([greeting]),
            closed: false,
        }
    }

    pub fn session_id(&self) -> u64 {
        self.session_id
    }

    fn reply(&mut self, line: impl Into<String>) {
        self.output.push_back(line.into());
    }

    fn handle_command_line(&mut self, store: &mut Store, incoming: Incoming) {
        let parsed = match incoming {
            Incoming::Line(line) => parse_command(&line),
            Incoming::TooLong { .. } => Err(SmtpSyntaxError::LineTooLong),
        };
        match parsed {
            Ok(command) => self.handle_command(store, command),
            Err(error) => self.reply(format!("{} {}", error.reply_code(), error)),
        }
    }

    fn handle_command(&mut self, store: &mut Store, command: SmtpCommand) {
        match command {
            SmtpCommand::Ehlo { domain } => {
                self.greeted(domain.clone(), true);
                let size = self.config.max_message_octets;
                self.reply(format!("250-{} greets {domain}", self.config.hostname));
                self.reply("250-PIPELINING");
                self.reply(format!("250-SIZE {size}"));
                self.reply("250-8BITMIME");
                self.reply("250 ENHANCEDSTATUSCODES");
            }
            SmtpCommand::Helo { domain } => {
                self.greeted(domain, false);
                self.reply(format!("250 {}", self.config.hostname));
            }
            SmtpCommand::Mail { .. } | SmtpCommand::Rcpt { .. } | SmtpCommand::Data
                if self.client_name.is_none() =>
            {
                // RFC 5321 §4.1.4: a session must start with EHLO or HELO.
                self.reply("503 5.5.1 Error: send HELO/EHLO first");
            }
            SmtpCommand::Mail { reverse_path, size } => {
                if self.transaction.reverse_path.is_some() {
                    self.reply("503 5.5.1 Error: nested MAIL command");
                } else if size.is_some_and(|s| s > self.config.max_message_octets) {
                    // RFC 1870 §6.2: a declared size over the limit is refused at MAIL.
                    self.reply("552 5.3.4 Message size exceeds fixed limit");
                } else {
                    self.transaction.reverse_path = Some(reverse_path);
                    self.reply("250 2.1.0 Ok");
                }
            }
            SmtpCommand::Rcpt { forward_path } => self.handle_rcpt(store, forward_path),
            SmtpCommand::Data => {
                if self.transaction.reverse_path.is_none() {
                    self.reply("503 5.5.1 Error: need MAIL command");
                } else if self.transaction.recipients.is_empty() {
                    // RFC 5321 §3.3: DATA without an accepted recipient is refused.
                    self.reply("554 5.5.1 Error: no valid recipients");
                } else {
                    self.reading = Reading::MessageText(IncomingData::default());
                    self.reply("354 End data with <CR><LF>.<CR><LF>");
                }
            }
            SmtpCommand::Rset => {
                self.transaction = Transaction::default();
                self.reply("250 2.0.0 Ok");
            }
            SmtpCommand::Noop => self.reply("250 2.0.0 Ok"),
            SmtpCommand::Vrfy => {
                // RFC 5321 §3.5.3: 252 says "cannot verify, but will accept and try to deliver".
                self.reply(
                    "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery",
                )
            }
            SmtpCommand::Quit => {
                self.reply("221 2.0.0 Bye");
                self.closed = true;
            }
        }
    }

    /// EHLO or HELO resets any transaction (RFC 5321 §4.1.4).
    fn greeted(&mut self, domain: String, extended: bool) {
        self.client_name = Some(domain);
        self.extended = extended;
        self.transaction = Transaction::default();
    }

    fn handle_rcpt(&mut self, store: &Store, forward_path: String) {
        if self.transaction.reverse_path.is_none() {
            self.reply("503 5.5.1 Error: need MAIL command");
            return;
        }
        if self.transaction.recipients.len() >= MAX_RECIPIENTS {
            self.reply("452 4.5.3 Error: too many recipients");
            return;
        }
        if let Some(account) = store.account_for_address(&forward_path) {
            // One copy per mailbox however often it is named, as Postfix's duplicate filter does.
            let named_before = self.transaction.recipients.iter().any(|earlier| {
                store
                    .account_for_address(earlier)
                    .is_some_and(|a| a.login == account.login)
            });
            if !named_before {
                self.transaction.recipients.push(forward_path);
            }
            self.reply("250 2.1.5 Ok");
            return;
        }
        let domain = forward_path.rsplit_once('@').map(|(_, d)| d).unwrap_or("");
        let local_domain = store.accounts.iter().any(|a| {
            a.address
                .rsplit_once('@')
                .is_some_and(|(_, d)| d.eq_ignore_ascii_case(domain))
        });
        if local_domain {
            // RFC 5321 §3.6.2 / §4.2.2: 550 for a mailbox that does not exist here.
            self.reply(format!(
                "550 5.1.1 <{forward_path}>: Recipient address rejected: User unknown in local recipient table"
            ));
        } else {
            // This server is no open relay (RFC 5321 §3.6.2).
            self.reply(format!("554 5.7.1 <{forward_path}>: Relay access denied"));
        }
    }

    fn handle_text_line(&mut self, store: &mut Store, incoming: Incoming, now: SimTime) {
        let max = self.config.max_message_octets;
        let Reading::MessageText(data) = &mut self.reading else {
            return;
        };
        match incoming {
            Incoming::TooLong { .. } => data.line_too_long = true,
            Incoming::Line(line) if line == b"." => {
                let data = std::mem::take(data);
                self.reading = Reading::Commands;
                self.finish_data(store, data, now);
            }
            Incoming::Line(line) => {
                // RFC 5321 §4.5.2: a leading dot added by the client is removed.
                let line = line.strip_prefix(b".").unwrap_or(&line);
                if data.text.len() + line.len() + 2 > max {
                    data.too_big = true;
                } else if !data.too_big {
                    data.text.push_str(&String::from_utf8_lossy(line));
                    data.text.push_str("\r\n");
                }
            }
        }
    }

    /// The `.` arrived: deliver to every recipient, or to none (RFC 5321 §4.1.1.4).
    fn finish_data(&mut self, store: &mut Store, data: IncomingData, now: SimTime) {
        let transaction = std::mem::take(&mut self.transaction);
        if data.too_big {
            self.reply("552 5.3.4 Message size exceeds fixed limit");
            return;
        }
        if data.line_too_long {
            self.reply("554 5.6.0 Message has a line longer than 1000 octets");
            return;
        }
        let reverse_path = transaction.reverse_path.unwrap_or_default();
        let client_name = self.client_name.clone().unwrap_or_default();
        let protocol = if self.extended { "ESMTP" } else { "SMTP" };
        let texts: Vec<(String, String)> = transaction
            .recipients
            .iter()
            .map(|rcpt| {
                // RFC 5321 §4.4: the receiving server adds a Received line; final delivery adds Return-Path.
                let trace = format!(
                    "Return-Path: <{reverse_path}>\r\nReceived: from {client_name} by {host} with {protocol} id {id}\r\n\tfor <{rcpt}>; {date}\r\n",
                    host = self.config.hostname,
                    id = self.session_id,
                    date = now.rfc5322(),
                );
                (rcpt.clone(), trace + &data.text)
            })
            .collect();
        for (rcpt, text) in &texts {
            if let Err(error) = store.check_delivery(rcpt, text.len()) {
                self.reply(match error {
                    StoreError::OverQuota { .. } => {
                        format!("552 5.2.2 <{rcpt}>: Mailbox full")
                    }
                    other => format!("554 5.0.0 <{rcpt}>: {other}"),
                });
                return;
            }
        }
        let mut uids = Vec::new();
        for (rcpt, text) in texts {
            match store.deliver(&rcpt, text, now) {
                Ok(uid) => uids.push(uid),
                Err(error) => {
                    self.reply(format!("451 4.3.0 <{rcpt}>: {error}"));
                    return;
                }
            }
        }
        self.reply(format!(
            "250 2.0.0 Ok: delivered to {} {}",
            uids.len(),
            if uids.len() == 1 {
                "mailbox"
            } else {
                "mailboxes"
            }
        ));
    }
}

impl ServerSession for SmtpServer {
    fn handle_input(&mut self, store: &mut Store, input: &[u8], now: SimTime) {
        if self.closed {
            return;
        }
        self.reader.push(input);
        loop {
            let max = match self.reading {
                Reading::Commands => MAX_COMMAND_OCTETS,
                Reading::MessageText(_) => MAX_TEXT_LINE_OCTETS,
            };
            let Some(incoming) = self.reader.next_line(max) else {
                return;
            };
            match self.reading {
                Reading::Commands => self.handle_command_line(store, incoming),
                Reading::MessageText(_) => self.handle_text_line(store, incoming, now),
            }
            if self.closed {
                return;
            }
        }
    }

    /// A drop mid-transaction delivers nothing (RFC 5321 §3.8: only the final `.` commits).
    fn handle_disconnect(&mut self, _store: &mut Store, _now: SimTime) {
        self.closed = true;
        self.transaction = Transaction::default();
        self.reading = Reading::Commands;
    }

    fn poll_output(&mut self) -> Option<String> {
        self.output.pop_front()
    }

    fn is_closed(&self) -> bool {
        self.closed
    }
}
