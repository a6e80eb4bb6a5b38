//! The world watches its own wires, as a network tap would, and tells the mail's story in past-tense events:
//! a message's text put on a wire, a change asked for or announced, POP3 deletion marks, and what each command
//! changed in the store. Nothing here steers a session; it only reads lines and compares the store.

use super::events::{ChangeKind, RemovalCause};
use super::{World, WorldEvent, LOGIN};
use crate::sim::device::DeviceClient;
use crate::sim::mail::{Flag, Flags, Message};
use crate::sim::session::Direction;
use crate::sim::session::WireProtocol;

/// A message's text being put on the wire, line by line.
#[derive(Debug, Clone, Default)]
struct CardInProgress {
    first_line: usize,
    message_id: String,
    from: String,
    subject: String,
    /// The blank line ending the header section has passed (RFC 5322 §2.1).
    past_headers: bool,
}

/// What the tap remembers of one connection.
#[derive(Debug, Clone, Default)]
pub(super) struct Tap {
    /// A message text in progress, per direction: [client→server, server→client].
    cards: [Option<CardInProgress>; 2],
    /// The latest line per direction, which opens a message text (`+OK`, `* 1 FETCH (... {n}`, `DATA`).
    last_line: [Option<usize>; 2],
    /// POP3: INBOX as the session opened it, (UID, Message-ID) per message number (RFC 1939 §5).
    maildrop: Option<Vec<(u32, String)>>,
    /// POP3: messages this session marked with DELE.
    pub(super) marked: Vec<(u32, String)>,
    /// IMAP: the folder the client last selected.
    selected: Option<String>,
}

fn slot(direction: Direction) -> usize {
    match direction {
        Direction::ClientToServer => 0,
        Direction::ServerToClient => 1,
    }
}

/// A header line's value if it is the field `name` (case-insensitive).
fn field<'a>(line: &'a str, name: &str) -> Option<&'a str> {
    let (field, value) = line.split_once(':')?;
    field.eq_ignore_ascii_case(name).then(|| value.trim())
}

impl Tap {
    /// Follows one line as it is put on the wire; returns a message text the line completes.
    pub(super) fn on_line(
        &mut self,
        direction: Direction,
        text: &str,
        index: usize,
        in_content: bool,
    ) -> Option<CardDone> {
        let s = slot(direction);
        let previous = self.last_line[s].replace(index);
        if in_content {
            let card = self.cards[s].get_or_insert_with(|| CardInProgress {
                first_line: previous.unwrap_or(index),
                ..CardInProgress::default()
            });
            if text.is_empty() {
                card.past_headers = true;
            } else if !card.past_headers {
                if let Some(id) = field(text, "Message-ID") {
                    card.message_id = id.trim_matches(['<', '>']).to_string();
                } else if let Some(from) = field(text, "From") {
                    card.from = from.to_string();
                } else if let Some(subject) = field(text, "Subject") {
                    card.subject = subject.to_string();
                }
            }
            return None;
        }
        let card = self.cards[s].take()?;
        // A listing (LIST, UIDL, CAPA) is content too, but carries no message.
        (!card.message_id.is_empty()).then_some(CardDone {
            first_line: card.first_line,
            last_line: index,
            message_id: card.message_id,
            from: card.from,
            subject: card.subject,
        })
    }
}

/// A message text that has been put on the wire in full.
pub(super) struct CardDone {
    first_line: usize,
    last_line: usize,
    message_id: String,
    from: String,
    subject: String,
}

/// The change a client command asks for: POP3 DELE; IMAP STORE, EXPUNGE, MOVE (RFC 1939 §5, RFC 3501 §6.4,
/// RFC 4315 §2.1, RFC 6851 §3).
pub fn requested_change(protocol: WireProtocol, line: &str) -> Option<ChangeKind> {
    let mut words = line.split_whitespace();
    match protocol {
        WireProtocol::Pop3 => words
            .next()
            .filter(|verb| verb.eq_ignore_ascii_case("DELE"))
            .map(|_| ChangeKind::Deleted),
        WireProtocol::Imap => {
            let _tag = words.next()?;
            let mut verb = words.next()?;
            if verb.eq_ignore_ascii_case("UID") {
                verb = words.next()?;
            }
            match verb.to_ascii_uppercase().as_str() {
                "EXPUNGE" => Some(ChangeKind::Expunge),
                "MOVE" => Some(ChangeKind::Move),
                "STORE" => {
                    let flags = flags_in(line);
                    kind_of(flags)
                }
                _ => None,
            }
        }
        WireProtocol::Smtp => None,
    }
}

/// The token a set of changed flags travels as: the weightiest flag first.
fn kind_of(flags: Flags) -> Option<ChangeKind> {
    if flags.contains(Flag::Deleted) {
        Some(ChangeKind::Deleted)
    } else if flags.contains(Flag::Flagged) {
        Some(ChangeKind::Flagged)
    } else if flags.contains(Flag::Seen) {
        Some(ChangeKind::Seen)
    } else {
        None
    }
}

/// Every system flag named anywhere in the line.
fn flags_in(line: &str) -> Flags {
    line.split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter_map(Flag::from_imap_name)
        .fold(Flags::EMPTY, |flags, f| flags.with(f))
}

/// What an untagged IMAP server line announces about a message (RFC 3501 §7.4, RFC 7162 §3.2.10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Announcement {
    Flags {
        seq: u32,
        uid: Option<u32>,
        flags: Flags,
    },
    Expunge {
        seq: u32,
    },
    Vanished {
        uids: Vec<u32>,
    },
}

/// Reads `* 3 FETCH (UID 7 FLAGS (\Seen))`, `* 3 EXPUNGE`, `* VANISHED 7:9`; a FETCH carrying a literal
/// (message text) is a download, not an announcement.
pub fn announcement(line: &str) -> Option<Announcement> {
    let rest = line.strip_prefix("* ")?;
    let (first, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    if first.eq_ignore_ascii_case("VANISHED") {
        let set = rest.trim_start_matches("(EARLIER)").trim();
        return Some(Announcement::Vanished { uids: uid_set(set) });
    }
    let seq: u32 = first.parse().ok()?;
    let (verb, data) = rest.split_once(' ').unwrap_or((rest, ""));
    if verb.eq_ignore_ascii_case("EXPUNGE") {
        return Some(Announcement::Expunge { seq });
    }
    if !verb.eq_ignore_ascii_case("FETCH") || line.ends_with('}') {
        return None;
    }
    let upper = data.to_ascii_uppercase();
    let flags_at = upper.find("FLAGS (")?;
    let flags_end = data[flags_at..].find(')')? + flags_at;
    let flags = flags_in(&data[flags_at + 7..flags_end]);
    let uid = upper.find("UID ").and_then(|at| {
        data[at + 4..]
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse()
            .ok()
    });
    Some(Announcement::Flags { seq, uid, flags })
}

/// `7:9,12` → 7, 8, 9, 12 (at most a thousand, so a hostile range cannot exhaust memory).
fn uid_set(set: &str) -> Vec<u32> {
    let mut uids = Vec::new();
    for part in set.split(',') {
        let (a, b) = part.split_once(':').unwrap_or((part, part));
        let (Ok(a), Ok(b)) = (a.trim().parse::<u32>(), b.trim().parse::<u32>()) else {
            continue;
        };
        for uid in a.min(b)..=a.max(b) {
            if uids.len() == 1000 {
                return uids;
            }
            uids.push(uid);
        }
    }
    uids
}

/// True for commands that may change the store, so the tap compares it before and after (the others leave it
/// as it was, and comparing after every line would cost the page its frames).
pub fn may_change_store(protocol: WireProtocol, line: &str) -> bool {
    let mut words = line.split_whitespace();
    match protocol {
        WireProtocol::Pop3 => words.next().is_some_and(|v| v.eq_ignore_ascii_case("QUIT")),
        WireProtocol::Imap => {
            let _tag = words.next();
            let Some(mut verb) = words.next() else {
                return false;
            };
            if verb.eq_ignore_ascii_case("UID") {
                verb = words.next().unwrap_or("");
            }
            let upper = line.to_ascii_uppercase();
            match verb.to_ascii_uppercase().as_str() {
                "STORE" | "EXPUNGE" | "MOVE" | "COPY" | "CLOSE" | "APPEND" => true,
                // A FETCH of the body without PEEK sets \Seen (RFC 3501 §6.4.5).
                "FETCH" => {
                    (upper.contains("BODY[") || upper.contains("RFC822"))
                        && !upper.contains("BODY.PEEK")
                }
                _ => false,
            }
        }
        WireProtocol::Smtp => false,
    }
}

/// `a3 SELECT INBOX` or `a3 EXAMINE "Sent Items" (QRESYNC ...)` → the folder's name.
fn selected_folder(line: &str) -> Option<String> {
    let mut words = line.splitn(3, ' ');
    let _tag = words.next()?;
    let verb = words.next()?;
    if !(verb.eq_ignore_ascii_case("SELECT") || verb.eq_ignore_ascii_case("EXAMINE")) {
        return None;
    }
    let rest = words.next()?.trim();
    let name = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split(' ').next()?,
    };
    Some(name.to_string())
}

/// A folder's messages as they were before a command: (UID, flags) and the messages themselves.
pub(super) struct StoreSnapshot {
    folders: Vec<(String, u32, Vec<Message>)>,
}

impl World {
    /// The tap's view of a line just put on the wire: a completed message text, a change asked for, a change
    /// announced to a device.
    pub(super) fn tap_line(
        &mut self,
        id: u64,
        direction: Direction,
        text: &str,
        index: usize,
        in_content: bool,
    ) {
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        let endpoint = conn.endpoint.label().to_string();
        let protocol = conn.protocol;
        let done = conn.tap.on_line(direction, text, index, in_content);
        if direction == Direction::ClientToServer && protocol == WireProtocol::Imap {
            if let Some(folder) = selected_folder(text) {
                conn.tap.selected = Some(folder);
            }
        }
        let selected = conn.tap.selected.clone();
        if let Some(card) = done {
            self.emit(WorldEvent::MessageSent {
                endpoint: endpoint.clone(),
                direction,
                message_id: card.message_id,
                from: card.from,
                subject: card.subject,
                first_line: card.first_line,
                last_line: card.last_line,
            });
        }
        if in_content {
            return;
        }
        match direction {
            Direction::ClientToServer => {
                if let Some(kind) = requested_change(protocol, text) {
                    self.emit(WorldEvent::ChangeRequested {
                        endpoint,
                        kind,
                        line: index,
                    });
                }
            }
            Direction::ServerToClient if protocol == WireProtocol::Imap => {
                let folder = selected.unwrap_or_else(|| "INBOX".to_string());
                if let Some(news) = announcement(text) {
                    self.announce(&endpoint, &folder, news, index);
                }
            }
            Direction::ServerToClient => {}
        }
    }

    /// An announcement is news to the device only if its cache holds something else.
    fn announce(&mut self, device: &str, folder: &str, news: Announcement, line: usize) {
        let Some(DeviceClient::Imap(client)) = self.device(device).map(|d| &d.client) else {
            return;
        };
        let Some(cache) = client.cache.folders.get(folder) else {
            return;
        };
        let by_seq = |seq: u32| cache.messages.values().nth(seq.checked_sub(1)? as usize);
        let (kind, message_id) = match news {
            Announcement::Flags { seq, uid, flags } => {
                let cached = match uid {
                    Some(uid) => cache.messages.get(&uid),
                    None => by_seq(seq),
                };
                let Some(cached) = cached else {
                    return;
                };
                let changed = Flags::EMPTY
                    .union(flags.difference(cached.flags))
                    .union(cached.flags.difference(flags));
                let Some(kind) = kind_of(changed) else {
                    return;
                };
                (kind, Some(cached.message_id.clone()))
            }
            Announcement::Expunge { seq } => {
                let Some(cached) = by_seq(seq) else {
                    return;
                };
                (ChangeKind::Expunge, Some(cached.message_id.clone()))
            }
            Announcement::Vanished { uids } => {
                let mut held = uids.iter().filter_map(|uid| cache.messages.get(uid));
                let Some(first) = held.next() else {
                    return;
                };
                (ChangeKind::Expunge, Some(first.message_id.clone()))
            }
        };
        self.emit(WorldEvent::ChangeAnnounced {
            device: device.to_string(),
            kind,
            message_id,
            line,
        });
    }

    /// Before the server handles a client line: the store as it is, if the line may change it.
    pub(super) fn tap_before(&self, id: u64, text: &str) -> Option<StoreSnapshot> {
        let conn = self.connections.get(&id)?;
        if !may_change_store(conn.protocol, text) {
            return None;
        }
        let account = self.store.account(LOGIN)?;
        Some(StoreSnapshot {
            folders: account
                .mailboxes
                .iter()
                .map(|mb| (mb.name.clone(), mb.uid_validity, mb.messages.clone()))
                .collect(),
        })
    }

    /// After the server handled a client line (and put its reply on the wire from `reply_from`): POP3 marks,
    /// and what changed in the store.
    pub(super) fn tap_after(
        &mut self,
        id: u64,
        text: &str,
        reply_from: usize,
        before: Option<StoreSnapshot>,
    ) {
        let Some(conn) = self.connections.get(&id) else {
            return;
        };
        let endpoint = conn.endpoint.label().to_string();
        if conn.protocol == WireProtocol::Pop3 {
            self.tap_pop3(id, &endpoint, text, reply_from);
        }
        if let Some(before) = before {
            self.compare_store(&endpoint, before);
        }
    }

    fn tap_pop3(&mut self, id: u64, endpoint: &str, text: &str, reply_from: usize) {
        let ok = self.transcript[reply_from.min(self.transcript.len())..]
            .iter()
            .find(|e| e.connection == id && e.direction == Direction::ServerToClient)
            .is_some_and(|e| e.text.starts_with("+OK"));
        let inbox: Option<Vec<(u32, String)>> = self
            .store
            .account(LOGIN)
            .filter(|a| a.pop3_lock == Some(id))
            .map(|a| {
                a.inbox()
                    .messages
                    .iter()
                    .map(|m| (m.uid, m.message_id.clone()))
                    .collect()
            });
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        let tap = &mut conn.tap;
        // The maildrop is INBOX as it was when the session locked it (RFC 1939 §4).
        if tap.maildrop.is_none() {
            tap.maildrop = inbox;
        }
        let mut words = text.split_whitespace();
        let verb = words.next().unwrap_or("").to_ascii_uppercase();
        let event = match verb.as_str() {
            "DELE" if ok => {
                let number: Option<usize> = words.next().and_then(|n| n.parse().ok());
                let entry = number
                    .and_then(|n| tap.maildrop.as_ref()?.get(n.checked_sub(1)?))
                    .cloned();
                entry.map(|(uid, message_id)| {
                    tap.marked.push((uid, message_id.clone()));
                    WorldEvent::MarkedForDeletion {
                        endpoint: endpoint.to_string(),
                        uid,
                        message_id,
                    }
                })
            }
            "RSET" if ok && !tap.marked.is_empty() => Some(WorldEvent::DeletionMarksCleared {
                endpoint: endpoint.to_string(),
                message_ids: std::mem::take(&mut tap.marked)
                    .into_iter()
                    .map(|(_, id)| id)
                    .collect(),
                by_rset: true,
            }),
            // UPDATE removed them; the store comparison tells which (RFC 1939 §6).
            "QUIT" => {
                tap.marked.clear();
                None
            }
            _ => None,
        };
        if let Some(event) = event {
            self.emit(event);
        }
    }

    /// A session ended without QUIT: its marks are undone, nothing was deleted (RFC 1939 §6).
    pub(super) fn tap_dropped(&mut self, id: u64) {
        let Some(conn) = self.connections.get_mut(&id) else {
            return;
        };
        if conn.tap.marked.is_empty() {
            return;
        }
        let endpoint = conn.endpoint.label().to_string();
        let message_ids = std::mem::take(&mut conn.tap.marked)
            .into_iter()
            .map(|(_, id)| id)
            .collect();
        self.emit(WorldEvent::DeletionMarksCleared {
            endpoint,
            message_ids,
            by_rset: false,
        });
    }

    /// Compares the store with how it was: flags stored, messages expunged, moved or removed at UPDATE.
    fn compare_store(&mut self, endpoint: &str, before: StoreSnapshot) {
        let Some(account) = self.store.account(LOGIN) else {
            return;
        };
        let pop3 = self
            .connections
            .values()
            .any(|c| c.endpoint.label() == endpoint && c.protocol == WireProtocol::Pop3);
        let mut events = Vec::new();
        for (name, uid_validity, messages) in &before.folders {
            let Some(now) = account
                .mailbox(name)
                .filter(|mb| mb.uid_validity == *uid_validity)
            else {
                continue;
            };
            for old in messages {
                match now.by_uid(old.uid) {
                    Some(new) if new.flags != old.flags => events.push(WorldEvent::FlagsStored {
                        endpoint: endpoint.to_string(),
                        folder: name.clone(),
                        message_id: old.message_id.clone(),
                        added: new.flags.difference(old.flags),
                        removed: old.flags.difference(new.flags),
                    }),
                    Some(_) => {}
                    None => {
                        // Moved: the same message turned up in a folder it was not in before.
                        let moved_to = account.mailboxes.iter().find(|mb| {
                            mb.name != *name
                                && mb.messages.iter().any(|m| m.message_id == old.message_id)
                                && !before.folders.iter().any(|(n, _, ms)| {
                                    *n == mb.name
                                        && ms.iter().any(|m| m.message_id == old.message_id)
                                })
                        });
                        let cause = match moved_to {
                            Some(mb) => RemovalCause::MovedTo(mb.name.clone()),
                            None if pop3 => RemovalCause::Pop3Update,
                            None => RemovalCause::Expunged,
                        };
                        events.push(WorldEvent::MessageRemoved {
                            endpoint: endpoint.to_string(),
                            folder: name.clone(),
                            uid: old.uid,
                            message_id: old.message_id.clone(),
                            from: old.from(),
                            subject: old.subject(),
                            cause,
                        });
                    }
                }
            }
        }
        for event in events {
            self.emit(event);
        }
    }

    /// Messages POP3 sessions have marked for deletion and not yet removed: (UID in INBOX, Message-ID).
    pub fn marked_for_deletion(&self) -> impl Iterator<Item = &(u32, String)> {
        self.connections.values().flat_map(|c| c.tap.marked.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_commands_that_change_a_message_travel_as_their_kind() {
        let pop3 = WireProtocol::Pop3;
        let imap = WireProtocol::Imap;
        assert_eq!(requested_change(pop3, "DELE 2"), Some(ChangeKind::Deleted));
        assert_eq!(requested_change(pop3, "RETR 2"), None);
        assert_eq!(
            requested_change(imap, "a5 UID STORE 3 +FLAGS.SILENT (\\Seen)"),
            Some(ChangeKind::Seen)
        );
        assert_eq!(
            requested_change(imap, "a5 STORE 1 -FLAGS (\\Flagged)"),
            Some(ChangeKind::Flagged)
        );
        assert_eq!(
            requested_change(imap, "a6 UID MOVE 3 Trash"),
            Some(ChangeKind::Move)
        );
        assert_eq!(
            requested_change(imap, "a7 UID EXPUNGE 3"),
            Some(ChangeKind::Expunge)
        );
        assert_eq!(requested_change(imap, "a8 UID FETCH 1:* (FLAGS)"), None);
    }

    #[test]
    fn untagged_fetch_flags_expunge_and_vanished_are_announcements() {
        assert_eq!(
            announcement("* 2 FETCH (UID 7 FLAGS (\\Seen) MODSEQ (12))"),
            Some(Announcement::Flags {
                seq: 2,
                uid: Some(7),
                flags: Flags::EMPTY.with(Flag::Seen)
            })
        );
        assert_eq!(
            announcement("* 1 FETCH (FLAGS ())"),
            Some(Announcement::Flags {
                seq: 1,
                uid: None,
                flags: Flags::EMPTY
            })
        );
        assert_eq!(
            announcement("* 3 EXPUNGE"),
            Some(Announcement::Expunge { seq: 3 })
        );
        assert_eq!(
            announcement("* VANISHED (EARLIER) 4:5,9"),
            Some(Announcement::Vanished {
                uids: vec![4, 5, 9]
            })
        );
        assert_eq!(
            announcement("* 1 FETCH (UID 5 FLAGS () BODY[] {120}"),
            None,
            "a message text is a download"
        );
        assert_eq!(announcement("* 4 EXISTS"), None);
        assert_eq!(
            announcement("* VANISHED 1:4294967295").map(|_| ()),
            Some(())
        );
    }

    #[test]
    fn only_commands_that_may_change_the_store_are_compared() {
        let imap = WireProtocol::Imap;
        assert!(may_change_store(WireProtocol::Pop3, "QUIT"));
        assert!(!may_change_store(WireProtocol::Pop3, "DELE 1"));
        assert!(may_change_store(imap, "a1 UID STORE 1 +FLAGS (\\Seen)"));
        assert!(may_change_store(imap, "a1 FETCH 1 BODY[]"));
        assert!(!may_change_store(
            imap,
            "a1 UID FETCH 1:* (UID FLAGS BODY.PEEK[])"
        ));
        assert!(!may_change_store(imap, "a1 SELECT INBOX"));
    }

    #[test]
    fn the_selected_folder_is_read_quoted_or_not() {
        assert_eq!(selected_folder("a3 SELECT INBOX"), Some("INBOX".into()));
        assert_eq!(
            selected_folder("a3 EXAMINE \"Sent Items\" (QRESYNC (1 2))"),
            Some("Sent Items".into())
        );
        assert_eq!(selected_folder("a3 LIST \"\" *"), None);
    }
}
