//! How the client reads the server's responses (see `parse`) and folds them into its cache.

use super::parse::{parse_response, Code, Data, FetchItem, ParseError, Response, StatusKind};
use super::{message_id_of, CachedMessage, Connection, ImapClient, ImapEvent, Step};
use crate::sim::mail::{Flag, Flags};
use crate::sim::time::SimTime;

/// The most messages a mailbox may hold for this client to map sequence numbers to UIDs: a server claiming more
/// (EXISTS, or a FETCH past it) is broken, and mapping its claim would take gigabytes. The page's worlds hold at
/// most about 10,000.
const MAX_TRACKED_MESSAGES: u32 = 1_000_000;

/// Longest response the client buffers while waiting for its end (a message literal included).
const MAX_RESPONSE_OCTETS: usize = 8 * 1024 * 1024;

/// The system flags among a FLAGS item's names; keywords and `\Recent` are not cached.
fn flags_of(names: &[String]) -> Flags {
    names
        .iter()
        .filter_map(|name| Flag::from_imap_name(name))
        .collect()
}

fn upper_case(capabilities: Vec<String>) -> Vec<String> {
    capabilities
        .into_iter()
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

impl ImapClient {
    pub(super) fn process_buffer(&mut self, now: SimTime) {
        loop {
            if self.buffer.is_empty() {
                return;
            }
            let (response, consumed) = match parse_response(&self.buffer) {
                Ok(parsed) => parsed,
                Err(ParseError::Incomplete) => {
                    if self.buffer.len() > MAX_RESPONSE_OCTETS {
                        self.buffer.clear();
                        self.emit(ImapEvent::Failed {
                            reason: "response too large".into(),
                        });
                    }
                    return;
                }
                Err(ParseError::Invalid) => {
                    let end = self
                        .buffer
                        .windows(2)
                        .position(|w| w == b"\r\n")
                        .map(|i| i + 2)
                        .unwrap_or(self.buffer.len());
                    let line: Vec<u8> = self.buffer.drain(..end).collect();
                    self.emit(ImapEvent::Failed {
                        reason: format!(
                            "unparseable response: {}",
                            String::from_utf8_lossy(&line).trim_end()
                        ),
                    });
                    continue;
                }
            };
            self.buffer.drain(..consumed);
            self.handle_response(response, now);
        }
    }

    fn handle_response(&mut self, response: Response, now: SimTime) {
        match response {
            Response::Continue(_) => {
                if self
                    .in_flight
                    .as_ref()
                    .is_some_and(|(_, s)| *s == Step::Idle)
                {
                    self.connection = Connection::Idling;
                    self.idle_since = Some(now);
                    let folder = self.selection.folder.clone();
                    self.emit(ImapEvent::IdleStarted { folder });
                    // Changes queued while the IDLE was on its way are acted on at once.
                    if !self.steps.is_empty() || self.selection.new_mail {
                        self.end_idle_for_work();
                    }
                }
            }
            Response::Data(data) => self.handle_data(data),
            Response::Status(status) if status.kind == StatusKind::Bye => {
                if self
                    .in_flight
                    .as_ref()
                    .is_none_or(|(_, s)| *s != Step::Logout)
                {
                    self.emit(ImapEvent::Failed {
                        reason: "server closed the connection (BYE)".into(),
                    });
                }
            }
            Response::Status(status) => match status.tag {
                None => {
                    if let Some(code) = status.code {
                        self.handle_code(code);
                    }
                    if self.connection == Connection::WaitingForGreeting {
                        if status.kind == StatusKind::Ok {
                            self.connection = Connection::Busy;
                            self.plan_sync();
                        } else {
                            self.connection = Connection::Finished;
                            self.emit(ImapEvent::Failed {
                                reason: format!("server refused: {}", status.text),
                            });
                        }
                    }
                }
                Some(answered) => {
                    let Some((tag, step)) = self.in_flight.take() else {
                        return;
                    };
                    if answered != tag {
                        self.in_flight = Some((tag, step));
                        return;
                    }
                    if let Some(code) = status.code {
                        self.handle_code(code);
                    }
                    let ok = status.kind == StatusKind::Ok;
                    self.complete(step, ok, status.text);
                }
            },
        }
    }

    fn end_idle_for_work(&mut self) {
        self.outgoing.push_back("DONE".into());
        self.connection = Connection::EndingIdle;
    }

    fn handle_code(&mut self, code: Code) {
        match code {
            Code::Capability(caps) => self.capabilities = upper_case(caps),
            Code::UidValidity(v) => self.selection.uid_validity = v,
            Code::UidNext(v) => self.selection.uid_next = v,
            Code::HighestModSeq(v) => self.selection.highest_modseq = v,
            _ => {}
        }
    }

    fn handle_data(&mut self, data: Data) {
        let folder = self.selection.folder.clone();
        match data {
            Data::Capability(caps) => self.capabilities = upper_case(caps),
            Data::Enabled(capabilities)
                if capabilities
                    .iter()
                    .any(|c| c.eq_ignore_ascii_case("QRESYNC")) =>
            {
                self.qresync_enabled = true;
            }
            Data::List(listed) => {
                self.cache.folder_mut(&listed.name);
                self.listed.push(listed.name);
            }
            Data::Exists(n) => {
                let grew = n > self.selection.exists;
                self.selection.exists = n;
                if (n as usize) > self.selection.seq_uids.len() && n <= MAX_TRACKED_MESSAGES {
                    self.selection.seq_uids.resize(n as usize, 0);
                }
                if grew && matches!(self.connection, Connection::Idling | Connection::EndingIdle) {
                    self.selection.new_mail = true;
                }
                if self.connection == Connection::Idling && self.selection.new_mail {
                    // RFC 2177 §3: no command may be sent while idling, so DONE first, then fetch.
                    self.end_idle_for_work();
                }
            }
            Data::Expunge(seq) => {
                let i = seq as usize - 1;
                if i < self.selection.seq_uids.len() {
                    let uid = self.selection.seq_uids.remove(i);
                    self.selection.exists = self.selection.exists.saturating_sub(1);
                    self.forget(&folder, uid);
                }
            }
            Data::Vanished { earlier, uids } => {
                let star = self.selection.uid_next.saturating_sub(1);
                if !earlier {
                    // RFC 7162 §3.2.10: a VANISHED without EARLIER is an expunge, so the message count drops by
                    // as many UIDs as it names (the server names only UIDs the session knew).
                    let gone: u32 = uids
                        .ranges(star.max(1))
                        .into_iter()
                        .map(|(lo, hi)| hi.saturating_sub(lo).saturating_add(1))
                        .sum();
                    self.selection.exists = self.selection.exists.saturating_sub(gone);
                }
                for (lo, hi) in uids.ranges(star) {
                    self.forget_where(&folder, &|uid| (lo..=hi).contains(&uid));
                    self.selection.seq_uids.retain(|u| !(lo..=hi).contains(u));
                    // Remember the vanished range for dropping queued actions (bounded by the cache's UIDs).
                    for uid in self
                        .cache
                        .queue
                        .iter()
                        .map(|a| a.uid())
                        .filter(|u| (lo..=hi).contains(u))
                        .collect::<Vec<_>>()
                    {
                        self.selection.vanished.insert(uid);
                    }
                }
            }
            Data::Fetch { seq, items } => self.handle_fetch(&folder, seq, items),
            _ => {}
        }
    }

    /// The cached messages `gone` picks left the server: drop them in one pass (the cache is a sorted `Vec`, so
    /// removing them one by one would shift it once per message), in ascending UID order as `forget` would.
    fn forget_where(&mut self, folder: &str, gone: &dyn Fn(u32) -> bool) {
        let Some(cache) = self.cache.folders.get_mut(folder) else {
            return;
        };
        let mut forgotten = Vec::new();
        cache.messages.retain(|uid, m| {
            let keep = !gone(*uid);
            if !keep {
                forgotten.push((*uid, std::mem::take(&mut m.message_id)));
            }
            keep
        });
        for (uid, message_id) in forgotten {
            self.selection.vanished.insert(uid);
            self.emit(ImapEvent::MessageVanished {
                folder: folder.to_string(),
                uid,
                message_id,
            });
        }
    }

    /// A message left the server: drop it from the cache.
    fn forget(&mut self, folder: &str, uid: u32) {
        self.selection.vanished.insert(uid);
        if let Some(m) = self.cache.folder_mut(folder).messages.remove(&uid) {
            self.emit(ImapEvent::MessageVanished {
                folder: folder.to_string(),
                uid,
                message_id: m.message_id,
            });
        }
    }

    fn handle_fetch(&mut self, folder: &str, seq: u32, items: Vec<FetchItem>) {
        let mut uid = None;
        let mut flags = None;
        let mut text = None;
        for item in items {
            match item {
                FetchItem::Uid(u) => uid = Some(u),
                FetchItem::Flags(f) => flags = Some(flags_of(&f)),
                FetchItem::Text(t) => text = t,
                _ => {}
            }
        }
        // Sequence numbers run from 1 (RFC 3501 §2.3.1.2); a broken server's 0 or a number past what the
        // client tracks names no message it can hold.
        if seq == 0 || seq > MAX_TRACKED_MESSAGES {
            return;
        }
        let i = seq as usize - 1;
        if let Some(uid) = uid {
            if self.selection.seq_uids.len() <= i {
                self.selection.seq_uids.resize(i + 1, 0);
            }
            self.selection.seq_uids[i] = uid;
        }
        let Some(uid) = uid.or_else(|| self.selection.seq_uids.get(i).copied().filter(|u| *u != 0))
        else {
            return;
        };
        self.selection.seen_in_flag_sync.insert(uid);
        let model = self.settings.delete_model;
        let overlaid = flags.map(|f| self.cache.overlay(folder, uid, f, model));
        let cache = self.cache.folder_mut(folder);
        if let Some(text) = text {
            if uid > cache.last_seen_uid {
                let message_id = message_id_of(&text);
                cache.last_seen_uid = cache.last_seen_uid.max(uid);
                cache.messages.insert(
                    uid,
                    CachedMessage {
                        uid,
                        flags: overlaid.unwrap_or_default(),
                        message_id: message_id.clone(),
                        text,
                    },
                );
                self.emit(ImapEvent::MessageFetched {
                    folder: folder.to_string(),
                    uid,
                    message_id,
                });
            }
            return;
        }
        if let (Some(flags), Some(m)) = (overlaid, cache.messages.get_mut(&uid)) {
            if m.flags != flags {
                m.flags = flags;
                self.emit(ImapEvent::FlagsChanged {
                    folder: folder.to_string(),
                    uid,
                    flags,
                });
            }
        }
    }

    /// A command finished: act on its result and plan what follows.
    fn complete(&mut self, step: Step, ok: bool, text: String) {
        match step {
            Step::Login if !ok => {
                self.emit(ImapEvent::Failed {
                    reason: format!("login failed: {text}"),
                });
                self.steps.clear();
                self.steps.push_back(Step::Logout);
            }
            Step::Login => {
                self.emit(ImapEvent::LoggedIn);
            }
            Step::ListFolders => {
                let folders = std::mem::take(&mut self.listed);
                if ok {
                    // Local folders mirror the server's: one deleted there goes here too.
                    self.cache.folders.retain(|name, _| folders.contains(name));
                }
                self.emit(ImapEvent::FoldersListed { folders });
            }
            Step::Select(folder) if !ok => {
                self.emit(ImapEvent::Failed {
                    reason: format!("cannot select {folder}: {text}"),
                });
                while matches!(
                    self.steps.front(),
                    Some(Step::SyncFlags(_) | Step::Replay(_) | Step::FetchNew(_))
                ) {
                    self.steps.pop_front();
                }
            }
            Step::Select(folder) => self.selected(folder),
            Step::SyncFlags(folder) => {
                let seen = std::mem::take(&mut self.selection.seen_in_flag_sync);
                self.forget_where(&folder, &|uid| !seen.contains(&uid));
            }
            Step::Replay(_) => {
                if !ok {
                    self.emit(ImapEvent::Failed {
                        reason: format!("replay refused: {text}"),
                    });
                }
            }
            Step::FetchNew(_) => {
                self.selection.new_mail = false;
                self.finish_folder_sync();
            }
            Step::Idle => {
                self.connection = Connection::Busy;
                self.idle_since = None;
                if self.selection.new_mail {
                    self.steps
                        .push_front(Step::FetchNew(self.selection.folder.clone()));
                }
                if self.settings.sync_mode == super::SyncMode::PushWithIdle
                    && !self.steps.contains(&Step::Idle)
                {
                    self.steps.push_back(Step::Idle);
                }
            }
            Step::Logout => {
                self.connection = Connection::Finished;
                self.last_sync = Some(self.clock);
                self.emit(ImapEvent::LoggedOut);
            }
            Step::EnableQresync => {}
        }
        if self.connection == Connection::Finished {
            return;
        }
        self.advance();
        if self.in_flight.is_none()
            && self.outgoing.is_empty()
            && self.connection == Connection::Busy
        {
            // Nothing left to do on this connection (polling ends with LOGOUT, push ends in IDLE).
            self.connection = Connection::Finished;
        }
    }

    /// SELECT completed: check UIDVALIDITY against the cache (RFC 3501 §2.3.1.1).
    fn selected(&mut self, folder: String) {
        let server = self.selection.uid_validity;
        let cached = self.cache.folder_mut(&folder).uid_validity;
        if cached != 0 && cached != server {
            self.cache
                .folders
                .insert(folder.clone(), Default::default());
            let stale: Vec<_> = self
                .cache
                .queue
                .iter()
                .filter(|a| a.folder() == folder)
                .cloned()
                .collect();
            self.cache.queue.retain(|a| a.folder() != folder);
            for action in stale {
                self.emit(ImapEvent::QueuedActionDropped {
                    action,
                    reason: "UIDVALIDITY changed".into(),
                });
            }
            self.selection.used_qresync = false;
            self.emit(ImapEvent::UidValidityChanged {
                folder: folder.clone(),
                old: cached,
                new: server,
            });
        }
        self.cache.folder_mut(&folder).uid_validity = server;
        if self.selection.exists == 0 {
            self.forget_where(&folder, &|_| true);
        }
        let exists = self.selection.exists;
        self.emit(ImapEvent::FolderSelected {
            folder,
            exists,
            uid_validity: server,
        });
    }
}
