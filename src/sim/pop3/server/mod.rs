//! The POP3 server session (RFC 1939, CAPA and response codes from RFC 2449), over the shared store.

mod auth;

use super::codec::{
    apop_digest, dot_stuff, dot_stuffed_lines, parse_command, top_lines, uidl_for, CommandError,
    Pop3Command, MAX_COMMAND_OCTETS,
};
use crate::sim::line_reader::{Incoming, LineReader};
use crate::sim::mail::{Flag, Store};
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::fmt;

/// How the server behaves: what a Dovecot administrator would set in its configuration.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pop3ServerConfig {
    /// The host name in the APOP timestamp and the sign-off line.
    pub hostname: String,
    /// Dovecot's `pop3_no_flag_updates`: when true, RETR leaves `\Seen` alone.
    pub no_flag_updates: bool,
}

impl Default for Pop3ServerConfig {
    fn default() -> Self {
        Pop3ServerConfig {
            hostname: "mail.example.org".to_string(),
            no_flag_updates: false,
        }
    }
}

/// The session states of RFC 1939 §3, printed as the RFC spells them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pop3State {
    Authorization,
    Transaction,
    Update,
}

impl fmt::Display for Pop3State {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Pop3State::Authorization => "AUTHORIZATION",
            Pop3State::Transaction => "TRANSACTION",
            Pop3State::Update => "UPDATE",
        })
    }
}

/// RFC 1939 §3: an idle session may be closed after an autologout timer of at least 10 minutes.
pub const AUTOLOGOUT: SimTime = SimTime::from_minutes(10);

/// The capabilities CAPA lists (RFC 2449 §5–§6; AUTH-RESP-CODE from RFC 3206; SASL PLAIN from RFC 5034 §6).
pub const CAPABILITIES: [&str; 8] = [
    "TOP",
    "USER",
    "SASL PLAIN",
    "UIDL",
    "RESP-CODES",
    "AUTH-RESP-CODE",
    "PIPELINING",
    "IMPLEMENTATION Mailroom",
];

/// One message of the maildrop as it was when the session opened it; numbers never shift (RFC 1939 §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct MaildropEntry {
    uid: u32,
    size: usize,
    deleted: bool,
}

/// The opened maildrop: INBOX as it was at login.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Maildrop {
    login: String,
    uid_validity: u32,
    entries: Vec<MaildropEntry>,
}

impl Maildrop {
    fn live(&self) -> impl Iterator<Item = (usize, &MaildropEntry)> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(_, e)| !e.deleted)
            .map(|(i, e)| (i + 1, e))
    }

    fn count_and_size(&self) -> (usize, usize) {
        self.live()
            .fold((0, 0), |(n, size), (_, e)| (n + 1, size + e.size))
    }
}

/// One POP3 connection, from greeting to QUIT.
#[derive(Debug, Clone)]
pub struct Pop3Server {
    config: Pop3ServerConfig,
    session_id: u64,
    /// The APOP timestamp of the greeting, `<id.time@host>` (RFC 1939 §7).
    timestamp: String,
    state: Pop3State,
    reader: LineReader,
    output: VecDeque<String>,
    /// The name given by USER, waiting for PASS.
    user: Option<String>,
    maildrop: Option<Maildrop>,
    /// AUTH PLAIN sent an empty challenge and waits for the client's response line (RFC 5034 §4).
    awaiting_sasl_response: bool,
    closed: bool,
    /// When the client last sent anything, for the autologout timer.
    last_activity: SimTime,
}

impl Pop3Server {
    /// A new connection: queues the greeting. The timestamp is built from the session id and the time, so
    /// it is unique per connection and reproducible.
    pub fn new(config: Pop3ServerConfig, session_id: u64, now: SimTime) -> Self {
        let timestamp = format!("<{}.{}@{}>", session_id, now.millis(), config.hostname);
        let mut output = VecDeque::new();
        output.push_back(format!("+OK Mailroom POP3 server ready {timestamp}"));
        Pop3Server {
            config,
            session_id,
            timestamp,
            state: Pop3State::Authorization,
            reader: LineReader::new(),
            output,
            user: None,
            maildrop: None,
            awaiting_sasl_response: false,
            closed: false,
            last_activity: now,
        }
    }

    /// When the autologout timer runs out if the client stays silent; `poll_timeout` asks for it, and
    /// `handle_timeout` then ends the session without an UPDATE state (RFC 1939 §3).
    pub fn autologout_at(&self) -> SimTime {
        self.last_activity.saturating_add(AUTOLOGOUT)
    }

    pub fn state(&self) -> Pop3State {
        self.state
    }

    pub fn session_id(&self) -> u64 {
        self.session_id
    }

    /// The greeting's APOP timestamp, angle brackets included.
    pub fn timestamp(&self) -> &str {
        &self.timestamp
    }

    /// The account whose maildrop this session holds, once in TRANSACTION.
    pub fn login(&self) -> Option<&str> {
        self.maildrop.as_ref().map(|m| m.login.as_str())
    }

    fn reply(&mut self, line: impl Into<String>) {
        self.output.push_back(line.into());
    }

    fn handle_line(&mut self, store: &mut Store, incoming: Incoming) {
        if std::mem::take(&mut self.awaiting_sasl_response) {
            let credentials = match &incoming {
                Incoming::Line(line) => crate::sim::sasl::plain_from_response_line(line),
                Incoming::TooLong { .. } => Err(crate::sim::sasl::SaslError::Malformed),
            };
            self.finish_auth(store, credentials);
            return;
        }
        let parsed = match incoming {
            Incoming::Line(line) => parse_command(&line),
            Incoming::TooLong { .. } => Err(CommandError::TooLong),
        };
        match parsed {
            Ok(command) => self.handle_command(store, command),
            Err(error) => self.reply(format!(
                "-ERR {}",
                super::codec::capitalized(&error.to_string())
            )),
        }
    }

    fn handle_command(&mut self, store: &mut Store, command: Pop3Command) {
        match (self.state, command) {
            (_, Pop3Command::Capa) => {
                // CAPA is valid in every state (RFC 2449 §5).
                self.reply("+OK Capability list follows");
                for capability in CAPABILITIES {
                    self.reply(capability);
                }
                self.reply(".");
            }
            (Pop3State::Authorization, Pop3Command::Quit) => {
                // QUIT before login ends the session without an UPDATE state (RFC 1939 §4).
                self.reply(format!(
                    "+OK {} POP3 server signing off",
                    self.config.hostname
                ));
                self.close(store);
            }
            (Pop3State::Authorization, Pop3Command::User { name }) => {
                // Always +OK, as Dovecot does: USER must not reveal which mailboxes exist.
                self.reply(format!("+OK {name} accepted, send PASS"));
                self.user = Some(name);
            }
            (Pop3State::Authorization, Pop3Command::Pass { password }) => {
                let Some(name) = self.user.take() else {
                    self.reply("-ERR no user name given, send USER first");
                    return;
                };
                let authenticated = store.authenticate(&name, &password).is_some();
                self.open_maildrop(store, &name, authenticated);
            }
            (Pop3State::Authorization, Pop3Command::Apop { name, digest }) => {
                self.user = None;
                let authenticated = store.account(&name).is_some_and(|account| {
                    apop_digest(&self.timestamp, &account.password).eq_ignore_ascii_case(&digest)
                });
                self.open_maildrop(store, &name, authenticated);
            }
            (
                Pop3State::Authorization,
                Pop3Command::Auth {
                    mechanism,
                    initial_response,
                },
            ) => self.auth(store, &mechanism, initial_response.as_deref()),
            (Pop3State::Transaction, command) => self.handle_transaction(store, command),
            (state, command) => self.reply(format!(
                "-ERR {} not allowed in the {state} state",
                command.keyword()
            )),
        }
    }

    /// After valid credentials, takes the exclusive maildrop lock (RFC 1939 §4, §8) and enters TRANSACTION.
    fn open_maildrop(&mut self, store: &mut Store, name: &str, authenticated: bool) {
        if !authenticated {
            // RFC 3206 §4: [AUTH] says the credentials were wrong, not that the server failed.
            self.reply("-ERR [AUTH] invalid user name or password");
            return;
        }
        let session_id = self.session_id;
        let Some(account) = store.account_mut(name) else {
            self.reply("-ERR [AUTH] invalid user name or password");
            return;
        };
        if account.pop3_lock.is_some_and(|holder| holder != session_id) {
            // RFC 2449 §8.1.2: another POP3 session holds the maildrop.
            self.reply("-ERR [IN-USE] unable to lock maildrop: another POP3 session is using it");
            return;
        }
        account.pop3_lock = Some(session_id);
        let inbox = account.inbox();
        let maildrop = Maildrop {
            login: account.login.clone(),
            uid_validity: inbox.uid_validity,
            entries: inbox
                .messages
                .iter()
                .map(|m| MaildropEntry {
                    uid: m.uid,
                    size: m.size(),
                    deleted: false,
                })
                .collect(),
        };
        let (count, size) = maildrop.count_and_size();
        self.reply(format!(
            "+OK {}'s maildrop has {count} {} ({size} octets)",
            maildrop.login,
            plural(count, "message")
        ));
        self.maildrop = Some(maildrop);
        self.state = Pop3State::Transaction;
    }

    fn handle_transaction(&mut self, store: &mut Store, command: Pop3Command) {
        let Some(maildrop) = self.maildrop.as_mut() else {
            return;
        };
        match command {
            Pop3Command::Noop => self.reply("+OK"),
            Pop3Command::Stat => {
                let (count, size) = maildrop.count_and_size();
                self.reply(format!("+OK {count} {size}"));
            }
            Pop3Command::List { msg: None } => {
                let (count, size) = maildrop.count_and_size();
                let mut lines = vec![format!(
                    "+OK {count} {} ({size} octets)",
                    plural(count, "message")
                )];
                lines.extend(maildrop.live().map(|(n, e)| format!("{n} {}", e.size)));
                lines.push(".".to_string());
                self.output.extend(lines);
            }
            Pop3Command::Uidl { msg: None } => {
                let validity = maildrop.uid_validity;
                let mut lines = vec!["+OK".to_string()];
                lines.extend(
                    maildrop
                        .live()
                        .map(|(n, e)| format!("{n} {}", uidl_for(validity, e.uid))),
                );
                lines.push(".".to_string());
                self.output.extend(lines);
            }
            Pop3Command::List { msg: Some(n) } => {
                if let Some(entry) = self.live_entry(n) {
                    self.reply(format!("+OK {n} {}", entry.size));
                }
            }
            Pop3Command::Uidl { msg: Some(n) } => {
                let validity = maildrop.uid_validity;
                if let Some(entry) = self.live_entry(n) {
                    let id = uidl_for(validity, entry.uid);
                    self.reply(format!("+OK {n} {id}"));
                }
            }
            Pop3Command::Retr { msg } => self.send_message(store, msg, None),
            Pop3Command::Top { msg, lines } => self.send_message(store, msg, Some(lines)),
            Pop3Command::Dele { msg } => {
                if self.live_entry(msg).is_some() {
                    if let Some(entry) = self.entry_mut(msg) {
                        entry.deleted = true;
                    }
                    self.reply(format!("+OK message {msg} deleted"));
                }
            }
            Pop3Command::Rset => {
                for entry in &mut maildrop.entries {
                    entry.deleted = false;
                }
                let (count, size) = maildrop.count_and_size();
                self.reply(format!(
                    "+OK maildrop has {count} {} ({size} octets)",
                    plural(count, "message")
                ));
            }
            Pop3Command::Quit => self.update(store),
            other => self.reply(format!(
                "-ERR {} not allowed in the TRANSACTION state",
                other.keyword()
            )),
        }
    }

    /// The entry for message number `n` if it exists and is not marked deleted; otherwise replies `-ERR`.
    fn live_entry(&mut self, n: u32) -> Option<MaildropEntry> {
        let maildrop = self.maildrop.as_ref()?;
        let count = maildrop.entries.len();
        let found = (n as usize)
            .checked_sub(1)
            .and_then(|i| maildrop.entries.get(i))
            .copied();
        match found {
            None => self.reply(format!(
                "-ERR no such message, only {count} {} in maildrop",
                plural(count, "message")
            )),
            // RFC 1939 §5: a message marked as deleted may not be referred to again.
            Some(entry) if entry.deleted => self.reply(format!("-ERR message {n} already deleted")),
            Some(entry) => return Some(entry),
        }
        None
    }

    fn entry_mut(&mut self, n: u32) -> Option<&mut MaildropEntry> {
        let index = (n as usize).checked_sub(1)?;
        self.maildrop.as_mut()?.entries.get_mut(index)
    }

    /// RETR (`top` None) or TOP: the message as a dot-stuffed multi-line reply (RFC 1939 §3, §5, §7).
    fn send_message(&mut self, store: &mut Store, msg: u32, top: Option<u32>) {
        let Some(entry) = self.live_entry(msg) else {
            return;
        };
        let (uid, size) = (entry.uid, entry.size);
        let Some(maildrop) = self.maildrop.as_ref() else {
            return;
        };
        let (login, uid_validity) = (maildrop.login.clone(), maildrop.uid_validity);
        let lines: Option<Vec<String>> = store.account(&login).and_then(|account| {
            let inbox = account.inbox();
            if inbox.uid_validity != uid_validity {
                return None;
            }
            let text = &inbox.by_uid(uid)?.text;
            Some(match top {
                None => dot_stuffed_lines(text).collect(),
                Some(n) => top_lines(text, n).map(dot_stuff).collect(),
            })
        });
        let Some(lines) = lines else {
            // An IMAP session expunged it after this session opened the maildrop.
            self.reply(format!("-ERR message {msg} was removed by another session"));
            return;
        };
        self.reply(match top {
            None => format!("+OK {size} octets"),
            Some(_) => "+OK top of message follows".to_string(),
        });
        self.output.extend(lines);
        self.reply(".");
        if top.is_none() && !self.config.no_flag_updates {
            if let Some(inbox) = store.account_mut(&login).map(|a| a.inbox_mut()) {
                let flags = inbox.by_uid(uid).map(|m| m.flags.with(Flag::Seen));
                if let Some(flags) = flags {
                    inbox.set_flags(uid, flags);
                }
            }
        }
    }

    /// QUIT in TRANSACTION: the UPDATE state removes every marked message, then the lock is released (RFC 1939 §6).
    fn update(&mut self, store: &mut Store) {
        self.state = Pop3State::Update;
        let Some(maildrop) = self.maildrop.as_ref() else {
            return;
        };
        let marked: Vec<u32> = maildrop
            .entries
            .iter()
            .filter(|e| e.deleted)
            .map(|e| e.uid)
            .collect();
        let (left, _) = maildrop.count_and_size();
        let login = maildrop.login.clone();
        let uid_validity = maildrop.uid_validity;
        let mut removed = true;
        if let Some(inbox) = store.account_mut(&login).map(|a| a.inbox_mut()) {
            if inbox.uid_validity != uid_validity {
                // The UIDs this session holds now name other messages: removing none is the only safe choice.
                removed = marked.is_empty();
            } else if !marked.is_empty() {
                inbox.expunge_uids(&marked);
            }
        }
        if !removed {
            // RFC 1939 §6: the server says so when UPDATE could not remove every marked message.
            self.reply(format!(
                "-ERR some deleted messages not removed ({} POP3 server signing off)",
                self.config.hostname
            ));
            self.close(store);
            return;
        }
        let left_text = if left == 0 {
            "maildrop empty".to_string()
        } else {
            format!("{left} {} left", plural(left, "message"))
        };
        self.reply(format!(
            "+OK {} POP3 server signing off ({left_text})",
            self.config.hostname
        ));
        self.close(store);
    }

    /// Ends the session and releases the maildrop lock if this session holds it.
    fn close(&mut self, store: &mut Store) {
        self.closed = true;
        if let Some(maildrop) = self.maildrop.take() {
            let session_id = self.session_id;
            if let Some(account) = store.account_mut(&maildrop.login) {
                if account.pop3_lock == Some(session_id) {
                    account.pop3_lock = None;
                }
            }
        }
    }
}

impl ServerSession for Pop3Server {
    fn handle_input(&mut self, store: &mut Store, input: &[u8], now: SimTime) {
        if self.closed {
            return;
        }
        self.last_activity = now;
        self.reader.push(input);
        while let Some(incoming) = self.reader.next_line(MAX_COMMAND_OCTETS) {
            self.handle_line(store, incoming);
            if self.closed {
                return;
            }
        }
    }

    /// A drop without QUIT: no UPDATE state, nothing is deleted; the lock is released (RFC 1939 §6).
    fn handle_disconnect(&mut self, store: &mut Store, _now: SimTime) {
        self.close(store);
    }

    fn poll_timeout(&self) -> Option<SimTime> {
        (!self.closed).then(|| self.autologout_at())
    }

    /// RFC 1939 §3: when the autologout timer expires the session enters no UPDATE state; the server closes the
    /// connection without removing any message or sending any response, and the maildrop lock goes.
    fn handle_timeout(&mut self, store: &mut Store, now: SimTime) {
        if !self.closed && now >= self.autologout_at() {
            self.close(store);
        }
    }

    fn poll_output(&mut self) -> Option<String> {
        self.output.pop_front()
    }

    fn is_closed(&self) -> bool {
        self.closed
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}
