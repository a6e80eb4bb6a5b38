//! The IMAP client of a simulated device: a state machine that syncs its cache on connect (LOGIN, LIST,
//! SELECT with or without QRESYNC, replays queued actions, fetches what is new), then IDLEs or logs out.

mod cache;
mod parse;
mod responses;

pub use cache::{
    message_id_of, CachedMessage, ClientCache, ClientSettings, DeleteModel, FolderCache, SyncMode,
    UserAction,
};

use crate::sim::mail::Flags;
use crate::sim::session::ClientSession;
use crate::sim::sorted::SortedSet;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;

/// RFC 2177 §3: servers may drop an idle client after 30 minutes, so the client re-IDLEs before that.
pub const REIDLE_AFTER: SimTime = SimTime::from_minutes(29);

/// What the client reports, in the past tense.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImapEvent {
    LoggedIn,
    FoldersListed {
        folders: Vec<String>,
    },
    FolderSelected {
        folder: String,
        exists: u32,
        uid_validity: u32,
    },
    /// The server's UIDVALIDITY differs from the cached one: the folder's cache was dropped (RFC 3501 §2.3.1.1).
    UidValidityChanged {
        folder: String,
        old: u32,
        new: u32,
    },
    MessageFetched {
        folder: String,
        uid: u32,
        message_id: String,
    },
    FlagsChanged {
        folder: String,
        uid: u32,
        flags: Flags,
    },
    MessageVanished {
        folder: String,
        uid: u32,
        message_id: String,
    },
    QueuedActionReplayed {
        action: UserAction,
    },
    /// The action's message vanished from the server meanwhile; there is nothing left to apply it to.
    QueuedActionDropped {
        action: UserAction,
        reason: String,
    },
    FolderSynced {
        folder: String,
    },
    IdleStarted {
        folder: String,
    },
    LoggedOut,
    Disconnected,
    Failed {
        reason: String,
    },
}

/// One thing the client will do next on the connection; named for what it achieves.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Login,
    EnableQresync,
    ListFolders,
    Select(String),
    /// Without QRESYNC: `UID FETCH 1:* (FLAGS)` learns flags, sequence numbers and which UIDs vanished.
    SyncFlags(String),
    Replay(String),
    FetchNew(String),
    Idle,
    Logout,
}

/// Where the connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connection {
    Offline,
    /// Connected, waiting for the server's greeting.
    WaitingForGreeting,
    /// A command is in flight or about to be sent.
    Busy,
    /// `IDLE` was acknowledged with `+`; the server may push (RFC 2177 §3).
    Idling,
    /// `DONE` was sent; waiting for the IDLE command's tagged OK.
    EndingIdle,
    /// The sync is done and the client logged out (polling) or the login failed.
    Finished,
}

/// What the client knows about the selected folder on this connection.
#[derive(Debug, Clone, Default)]
struct Selection {
    folder: String,
    uid_validity: u32,
    uid_next: u32,
    highest_modseq: u64,
    exists: u32,
    /// UID per sequence number (index + 1); 0 where not yet known. Not needed under QRESYNC.
    seq_uids: Vec<u32>,
    /// UIDs the current `UID FETCH 1:* (FLAGS)` reported.
    seen_in_flag_sync: SortedSet<u32>,
    /// EXISTS grew while idling: fetch after DONE.
    new_mail: bool,
    /// SELECT carried QRESYNC: vanished UIDs and changed flags came with it.
    used_qresync: bool,
    /// UIDs the server reported as vanished on this selection.
    vanished: SortedSet<u32>,
}

pub struct ImapClient {
    pub settings: ClientSettings,
    pub cache: ClientCache,
    connection: Connection,
    steps: VecDeque<Step>,
    /// The in-flight command's tag and step.
    in_flight: Option<(String, Step)>,
    /// Replay commands still to send for the current Replay step: (action, command).
    replay_lines: VecDeque<(UserAction, String, bool)>,
    next_tag: u32,
    outgoing: VecDeque<String>,
    events: VecDeque<ImapEvent>,
    buffer: Vec<u8>,
    capabilities: Vec<String>,
    qresync_enabled: bool,
    selection: Selection,
    idle_since: Option<SimTime>,
    last_sync: Option<SimTime>,
    /// Folder names from the LIST in flight.
    listed: Vec<String>,
    /// The time of the latest input, for timestamps the client records.
    clock: SimTime,
}

impl ImapClient {
    pub fn new(settings: ClientSettings, cache: ClientCache) -> Self {
        ImapClient {
            settings,
            cache,
            connection: Connection::Offline,
            steps: VecDeque::new(),
            in_flight: None,
            replay_lines: VecDeque::new(),
            next_tag: 1,
            outgoing: VecDeque::new(),
            events: VecDeque::new(),
            buffer: Vec::new(),
            capabilities: Vec::new(),
            qresync_enabled: false,
            selection: Selection::default(),
            idle_since: None,
            last_sync: None,
            listed: Vec::new(),
            clock: SimTime::ZERO,
        }
    }

    pub fn connection(&self) -> Connection {
        self.connection
    }

    /// A new connection opened; the server's greeting comes next.
    pub fn connect(&mut self, now: SimTime) {
        self.clock = now;
        self.connection = Connection::WaitingForGreeting;
        self.steps.clear();
        self.in_flight = None;
        self.replay_lines.clear();
        self.next_tag = 1;
        self.outgoing.clear();
        self.buffer.clear();
        self.capabilities.clear();
        self.qresync_enabled = false;
        self.selection = Selection::default();
        self.idle_since = None;
    }

    /// The connection dropped: queued actions stay queued, the cache stays readable.
    pub fn disconnect(&mut self, _now: SimTime) {
        if self.connection != Connection::Offline {
            self.events.push_back(ImapEvent::Disconnected);
        }
        self.connection = Connection::Offline;
        self.in_flight = None;
        self.steps.clear();
        self.replay_lines.clear();
        self.outgoing.clear();
        self.idle_since = None;
    }

    /// When the client wants [`ImapClient::handle_timeout`] called: to re-IDLE, or to poll again.
    pub fn poll_timeout(&self) -> Option<SimTime> {
        match (self.connection, self.settings.sync_mode) {
            (Connection::Idling, _) => self.idle_since.map(|t| t.saturating_add(REIDLE_AFTER)),
            (Connection::Offline | Connection::Finished, SyncMode::PollEveryMinutes(m)) => Some(
                self.last_sync
                    .unwrap_or(SimTime::ZERO)
                    .saturating_add(SimTime::from_minutes(m.into())),
            ),
            _ => None,
        }
    }

    /// Time passed. Returns true when the client wants a new connection (a poll is due); the world then
    /// opens one and calls [`ImapClient::connect`].
    pub fn handle_timeout(&mut self, now: SimTime) -> bool {
        match self.connection {
            Connection::Idling
                if self
                    .idle_since
                    .is_some_and(|t| now >= t.saturating_add(REIDLE_AFTER)) =>
            {
                self.clock = now;
                self.end_idle();
                false
            }
            Connection::Offline | Connection::Finished => {
                self.poll_timeout().is_some_and(|t| now >= t)
            }
            _ => false,
        }
    }

    /// The user did something: the cache changes at once; the server hears of it now or on the next connection.
    pub fn apply(&mut self, action: UserAction, _now: SimTime) {
        let model = self.settings.delete_model;
        let folder = self.cache.folder_mut(action.folder());
        if !folder.messages.contains_key(&action.uid()) {
            self.events.push_back(ImapEvent::Failed {
                reason: format!("no message {} in {}", action.uid(), action.folder()),
            });
            return;
        }
        if action.removes(model) {
            folder.messages.remove(&action.uid());
        } else if let Some((flag, set)) = action.flag_change(model) {
            if let Some(m) = folder.messages.get_mut(&action.uid()) {
                if set {
                    m.flags.insert(flag);
                } else {
                    m.flags.remove(flag);
                }
            }
        }
        let folder_name = action.folder().to_string();
        self.cache.queue.push(action);
        let selected_here = self.selection.folder == folder_name;
        match self.connection {
            Connection::Idling if selected_here => {
                self.end_idle();
                self.steps.push_back(Step::Replay(folder_name));
            }
            Connection::EndingIdle | Connection::Busy
                if selected_here && !self.steps.contains(&Step::Replay(folder_name.clone())) =>
            {
                let at = self
                    .steps
                    .iter()
                    .position(|s| matches!(s, Step::Idle | Step::Logout))
                    .unwrap_or(self.steps.len());
                self.steps.insert(at, Step::Replay(folder_name));
                self.advance();
            }
            _ => {}
        }
    }

    fn end_idle(&mut self) {
        self.outgoing.push_back("DONE".into());
        self.connection = Connection::EndingIdle;
    }

    fn emit(&mut self, event: ImapEvent) {
        self.events.push_back(event);
    }

    fn tag(&mut self) -> String {
        let tag = format!("a{}", self.next_tag);
        self.next_tag += 1;
        tag
    }

    fn send(&mut self, step: Step, command: String) {
        let tag = self.tag();
        self.outgoing.push_back(format!("{tag} {command}"));
        self.in_flight = Some((tag, step));
    }

    /// The plan for a fresh connection (after the greeting).
    fn plan_sync(&mut self) {
        self.steps.push_back(Step::Login);
        if self.settings.use_qresync && self.capabilities.iter().any(|c| c == "QRESYNC") {
            self.steps.push_back(Step::EnableQresync);
        }
        self.steps.push_back(Step::ListFolders);
        let mut folders = self.settings.sync_folders.clone();
        folders.sort_by_key(|f| f.eq_ignore_ascii_case("INBOX"));
        for folder in folders {
            self.steps.push_back(Step::Select(folder.clone()));
            self.steps.push_back(Step::SyncFlags(folder.clone()));
            self.steps.push_back(Step::Replay(folder.clone()));
            self.steps.push_back(Step::FetchNew(folder));
        }
        self.steps.push_back(match self.settings.sync_mode {
            SyncMode::PushWithIdle => Step::Idle,
            SyncMode::PollEveryMinutes(_) => Step::Logout,
        });
    }

    /// Sends the next command if none is in flight.
    fn advance(&mut self) {
        if self.in_flight.is_some() || !matches!(self.connection, Connection::Busy) {
            return;
        }
        if let Some((action, line, last)) = self.replay_lines.pop_front() {
            let folder = action.folder().to_string();
            self.send(Step::Replay(folder), line);
            if last {
                self.emit(ImapEvent::QueuedActionReplayed { action });
            }
            return;
        }
        while let Some(step) = self.steps.pop_front() {
            if let Some(command) = self.command_for(&step) {
                self.send(step, command);
                return;
            }
        }
    }

    /// The command line (without tag) a step needs, or None if the step has nothing to do.
    fn command_for(&mut self, step: &Step) -> Option<String> {
        match step {
            Step::Login => Some(format!(
                "LOGIN {} {}",
                crate::sim::imap::wire::astring(&self.settings.login),
                crate::sim::imap::wire::astring(&self.settings.password)
            )),
            Step::EnableQresync => Some("ENABLE QRESYNC".into()),
            Step::ListFolders => Some("LIST \"\" \"*\"".into()),
            Step::Select(folder) => {
                self.selection = Selection {
                    folder: folder.clone(),
                    ..Selection::default()
                };
                let name = crate::sim::imap::wire::mailbox_name(folder);
                let cached = self
                    .cache
                    .folders
                    .get(folder.as_str())
                    .cloned()
                    .unwrap_or_default();
                if self.qresync_enabled && cached.uid_validity != 0 && cached.highest_modseq != 0 {
                    // RFC 7162 §3.2.5: one round trip tells what vanished and which flags changed.
                    self.selection.used_qresync = true;
                    Some(format!(
                        "SELECT {name} (QRESYNC ({} {}))",
                        cached.uid_validity, cached.highest_modseq
                    ))
                } else {
                    Some(format!("SELECT {name}"))
                }
            }
            Step::SyncFlags(_) => {
                if self.selection.used_qresync || self.selection.exists == 0 {
                    return None;
                }
                self.selection.seen_in_flag_sync.clear();
                Some("UID FETCH 1:* (FLAGS)".into())
            }
            Step::Replay(folder) => {
                self.prepare_replay(folder);
                let (action, line, last) = self.replay_lines.pop_front()?;
                if last {
                    self.emit(ImapEvent::QueuedActionReplayed {
                        action: action.clone(),
                    });
                }
                Some(line)
            }
            Step::FetchNew(folder) => {
                let last_seen = self
                    .cache
                    .folders
                    .get(folder.as_str())
                    .map(|f| f.last_seen_uid)
                    .unwrap_or(0);
                let new_exist = self.selection.new_mail
                    || self.selection.uid_next == 0
                    || self.selection.uid_next > last_seen + 1;
                if self.selection.exists == 0 || !new_exist {
                    self.finish_folder_sync();
                    return None;
                }
                Some(format!(
                    "UID FETCH {}:* (UID FLAGS BODY.PEEK[])",
                    last_seen + 1
                ))
            }
            Step::Idle => {
                self.selection.new_mail = false;
                Some("IDLE".into())
            }
            Step::Logout => Some("LOGOUT".into()),
        }
    }

    /// Takes this folder's queued actions off the queue, dropping those whose message vanished.
    fn prepare_replay(&mut self, folder: &str) {
        let model = self.settings.delete_model;
        let queue = std::mem::take(&mut self.cache.queue);
        let (mine, others): (Vec<UserAction>, Vec<UserAction>) =
            queue.into_iter().partition(|a| a.folder() == folder);
        self.cache.queue = others;
        let on_server: Option<SortedSet<u32>> = (!self.selection.used_qresync)
            .then(|| self.selection.seq_uids.iter().copied().collect());
        for action in mine {
            let gone = match &on_server {
                Some(uids) => !uids.contains(&action.uid()),
                None => self.vanished_under_qresync(folder, action.uid()),
            };
            if gone {
                self.emit(ImapEvent::QueuedActionDropped {
                    action,
                    reason: "the message is no longer on the server".into(),
                });
                continue;
            }
            let lines = action.commands(model);
            let n = lines.len();
            for (i, line) in lines.into_iter().enumerate() {
                self.replay_lines
                    .push_back((action.clone(), line, i + 1 == n));
            }
        }
    }

    /// Under QRESYNC the client learns vanished UIDs from VANISHED and records them.
    fn vanished_under_qresync(&self, _folder: &str, uid: u32) -> bool {
        self.selection.vanished.contains(&uid)
    }

    fn finish_folder_sync(&mut self) {
        let folder = self.selection.folder.clone();
        let highest = self.selection.highest_modseq;
        let f = self.cache.folder_mut(&folder);
        f.highest_modseq = f.highest_modseq.max(highest);
        self.emit(ImapEvent::FolderSynced { folder });
    }
}

impl ClientSession for ImapClient {
    type Event = ImapEvent;

    fn handle_line(&mut self, line: &str, now: SimTime) {
        self.clock = now;
        self.buffer.extend_from_slice(line.as_bytes());
        self.buffer.extend_from_slice(b"\r\n");
        self.process_buffer(now);
        self.advance();
    }

    fn poll_transmit(&mut self) -> Option<String> {
        self.outgoing.pop_front()
    }

    fn poll_event(&mut self) -> Option<ImapEvent> {
        self.events.pop_front()
    }

    fn is_finished(&self) -> bool {
        matches!(
            self.connection,
            Connection::Finished | Connection::Offline | Connection::Idling
        ) && self.outgoing.is_empty()
    }
}
