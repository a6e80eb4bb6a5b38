//! The POP3 client a simulated device runs, with the settings real clients offer (Thunderbird, Outlook) and
//! a per-device UIDL state like Thunderbird's popstate.dat. It reads status lines and writes commands one at a
//! time, so the transcript reads like RFC 1939's examples.

use super::codec::{apop_digest, greeting_timestamp, unstuff_line, Pop3Command, StatusLine};
use crate::sim::session::ClientSession;
use crate::sim::sorted::{SortedMap, SortedSet};
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// What the user chose in the account settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pop3Settings {
    /// Keep downloaded messages on the server; when false, every message is deleted after download.
    pub leave_on_server: bool,
    /// With `leave_on_server`: delete a message from the server this many days after it was first downloaded.
    pub delete_after_days: Option<u32>,
    /// With `leave_on_server`: delete a message from the server when the user deletes it on this device.
    pub delete_when_deleted_locally: bool,
    /// Download only headers and this many body lines with TOP instead of RETR; such messages are never
    /// deleted from the server by this client, since the device does not hold them whole.
    pub headers_only: Option<u32>,
    /// Log in with APOP (RFC 1939 §7) when the greeting offers a timestamp, instead of USER/PASS.
    pub use_apop: bool,
}

impl Default for Pop3Settings {
    /// Thunderbird's defaults: leave on server, keep for 14 days, delete when deleted locally.
    fn default() -> Self {
        Pop3Settings {
            leave_on_server: true,
            delete_after_days: Some(14),
            delete_when_deleted_locally: true,
            headers_only: None,
            use_apop: false,
        }
    }
}

/// What a device remembers between sessions: which UIDLs it has and what it wants deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pop3ClientState {
    /// Every UIDL this device has downloaded and that is still on the server, with when it first saw it.
    pub known: SortedMap<String, SimTime>,
    /// UIDLs the user deleted on the device, to DELE at the next session.
    pub deleted_locally: SortedSet<String>,
}

impl Pop3ClientState {
    /// The user deleted a downloaded message on the device.
    pub fn mark_deleted_locally(&mut self, uidl: &str) {
        self.deleted_locally.insert(uidl.to_string());
    }
}

/// The account's login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credentials {
    pub login: String,
    pub password: String,
}

/// What the client reports, in the order it happens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pop3ClientEvent {
    /// Logged in; the maildrop holds this many messages.
    MaildropOpened {
        messages: usize,
        octets: usize,
    },
    /// Wrong user name or password.
    AuthenticationFailed {
        reply: String,
    },
    /// Another POP3 session holds the maildrop lock (RFC 2449 §8.1.2 `[IN-USE]`).
    LockedOut {
        reply: String,
    },
    MessageDownloaded {
        uidl: String,
        text: String,
        headers_only: bool,
    },
    /// RETR or TOP was refused (another session removed the message meanwhile).
    MessageUnavailable {
        uidl: String,
        reply: String,
    },
    MessageMarkedForDeletion {
        uidl: String,
    },
    /// The server answered QUIT; marked messages are now gone from the server.
    SessionEnded {
        deleted_on_server: usize,
    },
    /// The server said something the client could not use.
    Failed {
        reason: String,
    },
}

/// A planned step after the UIDL listing.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Download { msg: u32, uidl: String },
    Delete { msg: u32, uidl: String },
}

/// What the client waits for; every state is named for the reply it expects.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Waiting {
    Greeting,
    UserReply,
    PassReply,
    ApopReply,
    StatReply,
    /// `started` once the `+OK` came; then lines until `.` (RFC 1939 §3).
    UidlListing {
        started: bool,
        listing: Vec<(u32, String)>,
    },
    Message {
        uidl: String,
        started: bool,
        lines: Vec<String>,
    },
    DeleReply {
        uidl: String,
    },
    QuitReply,
    /// The session is over.
    Nothing,
}

impl Waiting {
    /// What the client was waiting for, in words, for an error message.
    fn expected(&self) -> &'static str {
        match self {
            Waiting::Greeting => "the greeting",
            Waiting::UserReply => "the reply to USER",
            Waiting::PassReply => "the reply to PASS",
            Waiting::ApopReply => "the reply to APOP",
            Waiting::StatReply => "the reply to STAT",
            Waiting::UidlListing { .. } => "the UIDL listing",
            Waiting::Message { .. } => "a message",
            Waiting::DeleReply { .. } => "the reply to DELE",
            Waiting::QuitReply => "the reply to QUIT",
            Waiting::Nothing => "nothing",
        }
    }
}

/// One POP3 client session.
#[derive(Debug, Clone)]
pub struct Pop3Client {
    settings: Pop3Settings,
    state: Pop3ClientState,
    credentials: Credentials,
    waiting: Waiting,
    plan: VecDeque<Step>,
    /// UIDLs DELE'd this session: gone from the server once QUIT succeeds.
    marked: Vec<String>,
    outgoing: VecDeque<String>,
    events: VecDeque<Pop3ClientEvent>,
}

impl Pop3Client {
    pub fn new(settings: Pop3Settings, state: Pop3ClientState, credentials: Credentials) -> Self {
        Pop3Client {
            settings,
            state,
            credentials,
            waiting: Waiting::Greeting,
            plan: VecDeque::new(),
            marked: Vec::new(),
            outgoing: VecDeque::new(),
            events: VecDeque::new(),
        }
    }

    /// The UIDL state as it stands; store it when the session is finished.
    pub fn state(&self) -> &Pop3ClientState {
        &self.state
    }

    pub fn into_state(self) -> Pop3ClientState {
        self.state
    }

    pub fn settings(&self) -> &Pop3Settings {
        &self.settings
    }

    fn send(&mut self, command: Pop3Command) {
        self.outgoing.push_back(command.to_string());
    }

    fn quit(&mut self) {
        self.send(Pop3Command::Quit);
        self.waiting = Waiting::QuitReply;
    }

    fn fail(&mut self, reason: String) {
        self.events.push_back(Pop3ClientEvent::Failed { reason });
        self.quit();
    }

    /// Sends the next planned command, or QUIT when the plan is done.
    fn next_step(&mut self) {
        match self.plan.pop_front() {
            Some(Step::Download { msg, uidl }) => {
                self.send(match self.settings.headers_only {
                    Some(lines) => Pop3Command::Top { msg, lines },
                    None => Pop3Command::Retr { msg },
                });
                self.waiting = Waiting::Message {
                    uidl,
                    started: false,
                    lines: Vec::new(),
                };
            }
            Some(Step::Delete { msg, uidl }) => {
                self.send(Pop3Command::Dele { msg });
                self.waiting = Waiting::DeleReply { uidl };
            }
            None => self.quit(),
        }
    }

    /// After UIDL: download every unknown id, then delete what the settings say (Thunderbird's rules).
    fn plan_after_listing(&mut self, listing: Vec<(u32, String)>, now: SimTime) {
        let on_server: SortedSet<&str> = listing.iter().map(|(_, u)| u.as_str()).collect();
        // Ids no longer on the server can be forgotten: a UIDL is never reused (RFC 1939 §7).
        self.state
            .known
            .retain(|u, _| on_server.contains(u.as_str()));
        self.state
            .deleted_locally
            .retain(|u| on_server.contains(u.as_str()));
        let download_and_delete =
            !self.settings.leave_on_server && self.settings.headers_only.is_none();
        let mut deletes = Vec::new();
        for (msg, uidl) in listing {
            match self.state.known.get(uidl.as_str()) {
                None => {
                    self.plan.push_back(Step::Download {
                        msg,
                        uidl: uidl.clone(),
                    });
                    if download_and_delete {
                        self.plan.push_back(Step::Delete { msg, uidl });
                    }
                }
                Some(first_seen) => {
                    let expired = self.settings.leave_on_server
                        && self
                            .settings
                            .delete_after_days
                            .is_some_and(|days| now.days_since(*first_seen) >= u64::from(days));
                    let deleted_here = self.settings.delete_when_deleted_locally
                        && self.state.deleted_locally.contains(uidl.as_str());
                    // A known message still on the server after download-and-delete: the last session
                    // dropped before QUIT, so its DELE never reached UPDATE (RFC 1939 §6). Delete, don't refetch.
                    if download_and_delete || expired || deleted_here {
                        deletes.push(Step::Delete { msg, uidl });
                    }
                }
            }
        }
        self.plan.extend(deletes);
        self.next_step();
    }

    fn finish_message(&mut self, uidl: String, lines: Vec<String>, now: SimTime) {
        let mut text = lines.join("\r\n");
        if !lines.is_empty() {
            text.push_str("\r\n");
        }
        self.state.known.get_or_insert_with(uidl.clone(), || now);
        self.events.push_back(Pop3ClientEvent::MessageDownloaded {
            uidl,
            text,
            headers_only: self.settings.headers_only.is_some(),
        });
        self.next_step();
    }

    fn handle_status(&mut self, line: &str) {
        let Some(status) = StatusLine::parse(line) else {
            self.fail(format!("not a POP3 status line: {line}"));
            return;
        };
        match std::mem::replace(&mut self.waiting, Waiting::Nothing) {
            Waiting::Greeting if status.ok => {
                let name = self.credentials.login.clone();
                match greeting_timestamp(line).filter(|_| self.settings.use_apop) {
                    Some(timestamp) => {
                        let digest = apop_digest(timestamp, &self.credentials.password);
                        self.send(Pop3Command::Apop { name, digest });
                        self.waiting = Waiting::ApopReply;
                    }
                    None => {
                        self.send(Pop3Command::User { name });
                        self.waiting = Waiting::UserReply;
                    }
                }
            }
            Waiting::UserReply if status.ok => {
                let password = self.credentials.password.clone();
                self.send(Pop3Command::Pass { password });
                self.waiting = Waiting::PassReply;
            }
            Waiting::PassReply | Waiting::ApopReply if status.ok => {
                self.send(Pop3Command::Stat);
                self.waiting = Waiting::StatReply;
            }
            Waiting::UserReply | Waiting::PassReply | Waiting::ApopReply => {
                let reply = line.to_string();
                // RFC 2449 §8.1.2: [IN-USE] means the credentials were fine but another session holds the lock.
                self.events
                    .push_back(if status.code.as_deref() == Some("IN-USE") {
                        Pop3ClientEvent::LockedOut { reply }
                    } else {
                        Pop3ClientEvent::AuthenticationFailed { reply }
                    });
                self.quit();
            }
            Waiting::StatReply if status.ok => {
                let mut numbers = status.text.split_whitespace().map(str::parse::<usize>);
                match (numbers.next(), numbers.next()) {
                    (Some(Ok(messages)), Some(Ok(octets))) => {
                        self.events
                            .push_back(Pop3ClientEvent::MaildropOpened { messages, octets });
                        self.send(Pop3Command::Uidl { msg: None });
                        self.waiting = Waiting::UidlListing {
                            started: false,
                            listing: Vec::new(),
                        };
                    }
                    _ => self.fail(format!("unreadable STAT reply: {line}")),
                }
            }
            Waiting::UidlListing {
                started: false,
                listing,
            } if status.ok => {
                self.waiting = Waiting::UidlListing {
                    started: true,
                    listing,
                };
            }
            Waiting::Message {
                uidl,
                started: false,
                lines,
            } => {
                if status.ok {
                    self.waiting = Waiting::Message {
                        uidl,
                        started: true,
                        lines,
                    };
                } else {
                    // Never delete what could not be downloaded.
                    self.plan
                        .retain(|s| !matches!(s, Step::Delete { uidl: u, .. } if *u == uidl));
                    self.events.push_back(Pop3ClientEvent::MessageUnavailable {
                        uidl,
                        reply: line.to_string(),
                    });
                    self.next_step();
                }
            }
            Waiting::DeleReply { uidl } => {
                if status.ok {
                    self.events
                        .push_back(Pop3ClientEvent::MessageMarkedForDeletion {
                            uidl: uidl.clone(),
                        });
                    self.marked.push(uidl);
                }
                self.next_step();
            }
            Waiting::QuitReply => {
                let deleted_on_server = if status.ok {
                    // UPDATE ran (RFC 1939 §6): the marked messages are gone from the server. One pass each, as
                    // a session may delete thousands and each `remove` would shift the sorted state.
                    let marked = std::mem::take(&mut self.marked);
                    let gone: SortedSet<&str> = marked.iter().map(String::as_str).collect();
                    self.state.known.retain(|u, _| !gone.contains(u.as_str()));
                    self.state
                        .deleted_locally
                        .retain(|u| !gone.contains(u.as_str()));
                    marked.len()
                } else {
                    0
                };
                self.events
                    .push_back(Pop3ClientEvent::SessionEnded { deleted_on_server });
            }
            Waiting::Nothing => {}
            waiting => {
                self.fail(format!(
                    "unexpected reply while waiting for {}: {line}",
                    waiting.expected()
                ));
            }
        }
    }
}

impl ClientSession for Pop3Client {
    type Event = Pop3ClientEvent;

    fn handle_line(&mut self, line: &str, now: SimTime) {
        match &mut self.waiting {
            Waiting::UidlListing {
                started: true,
                listing,
            } => {
                match unstuff_line(line) {
                    Some(content) => {
                        let mut words = content.split_whitespace();
                        match (words.next().map(str::parse::<u32>), words.next()) {
                            (Some(Ok(msg)), Some(uidl)) => listing.push((msg, uidl.to_string())),
                            _ => self.fail(format!("unreadable UIDL line: {line}")),
                        }
                    }
                    None => {
                        let listing = std::mem::take(listing);
                        self.waiting = Waiting::Nothing;
                        self.plan_after_listing(listing, now);
                    }
                }
                return;
            }
            Waiting::Message {
                started: true,
                lines,
                uidl,
            } => {
                match unstuff_line(line) {
                    Some(content) => lines.push(content.to_string()),
                    None => {
                        let (uidl, lines) = (std::mem::take(uidl), std::mem::take(lines));
                        self.waiting = Waiting::Nothing;
                        self.finish_message(uidl, lines, now);
                    }
                }
                return;
            }
            _ => {}
        }
        self.handle_status(line);
    }

    fn poll_transmit(&mut self) -> Option<String> {
        self.outgoing.pop_front()
    }

    fn poll_event(&mut self) -> Option<Pop3ClientEvent> {
        self.events.pop_front()
    }

    fn is_finished(&self) -> bool {
        self.waiting == Waiting::Nothing && self.outgoing.is_empty()
    }
}
