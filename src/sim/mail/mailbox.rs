//! One mailbox: messages in UID order, with the counters IMAP needs (RFC 3501 §2.3.1.1, RFC 7162 §3.1).

use super::{message::header_value, Flags, Message, MAX_KEYWORDS};
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mailbox {
    pub name: String,
    /// Changes only when UIDs can no longer be trusted; clients must then resync fully (RFC 3501 §2.3.1.1).
    pub uid_validity: u32,
    /// The UID the next message will get; never decreases.
    pub uid_next: u32,
    /// The highest MODSEQ of any change in this mailbox, expunges included (RFC 7162 §3.1.1).
    pub highest_modseq: u64,
    /// Messages in strictly ascending UID order; the index + 1 is the IMAP sequence number.
    pub messages: Vec<Message>,
    /// Expunged messages, oldest expunge first, for QRESYNC's VANISHED (RFC 7162 §3.2.10) and for sessions not
    /// yet told of the expunge (RFC 3501 §7.4.1).
    pub vanished: Vec<Vanished>,
    pub subscribed: bool,
    /// UIDs from here up are \Recent to the next IMAP session that sees them; \Recent is a session's, not the
    /// store's, so exactly one session claims each message (RFC 3501 §2.3.2).
    #[serde(default = "first_uid")]
    pub first_recent_uid: u32,
    /// The keywords defined in this mailbox (RFC 3501 §2.3.2); a message's flags name them by index.
    #[serde(default)]
    pub keywords: Vec<String>,
}

/// What stays of an expunged message: its UID, the MODSEQ of its expunge, and its flags at that moment. A session
/// that has not yet reported the expunge still numbers the message and answers FETCH for it from this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vanished {
    pub uid: u32,
    pub modseq: u64,
    pub flags: Flags,
}

fn first_uid() -> u32 {
    1
}

impl Mailbox {
    pub fn new(name: &str, uid_validity: u32) -> Self {
        Mailbox {
            name: name.to_string(),
            uid_validity,
            uid_next: 1,
            highest_modseq: 1,
            messages: Vec::new(),
            vanished: Vec::new(),
            subscribed: true,
            first_recent_uid: 1,
            keywords: Vec::new(),
        }
    }

    /// The index of a keyword, defining it if need be; None once the table is full. Flag names are
    /// case-insensitive (RFC 3501 §9 `flag-keyword` is an atom; §2.3.2).
    pub fn keyword_index(&mut self, name: &str) -> Option<usize> {
        if let Some(i) = self.find_keyword(name) {
            return Some(i);
        }
        if self.keywords.len() >= MAX_KEYWORDS {
            return None;
        }
        self.keywords.push(name.to_string());
        Some(self.keywords.len() - 1)
    }

    /// The index of a keyword already defined here.
    pub fn find_keyword(&self, name: &str) -> Option<usize> {
        self.keywords
            .iter()
            .position(|k| k.eq_ignore_ascii_case(name))
    }

    /// The names of the keywords set in `flags`.
    pub fn keyword_names(&self, flags: Flags) -> impl Iterator<Item = &str> {
        flags
            .keywords()
            .filter_map(|i| self.keywords.get(i).map(String::as_str))
    }

    fn next_modseq(&mut self) -> u64 {
        self.highest_modseq += 1;
        self.highest_modseq
    }

    /// Appends a message with the next UID and returns that UID. A missing Message-ID is derived from the UID.
    pub fn append(&mut self, text: String, flags: Flags, internal_date: SimTime) -> u32 {
        let uid = self.uid_next;
        self.uid_next += 1;
        let modseq = self.next_modseq();
        let message_id = header_value(&text, "Message-ID")
            .map(|v| {
                v.trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| {
                format!(
                    "{}.{}.{}@mailroom.invalid",
                    self.name, self.uid_validity, uid
                )
            });
        self.messages.push(Message {
            uid,
            flags,
            internal_date,
            modseq,
            message_id,
            text,
        });
        uid
    }

    pub fn exists(&self) -> usize {
        self.messages.len()
    }

    /// Index (sequence number − 1) of the message with this UID.
    pub fn index_of_uid(&self, uid: u32) -> Option<usize> {
        self.messages.binary_search_by_key(&uid, |m| m.uid).ok()
    }

    pub fn by_uid(&self, uid: u32) -> Option<&Message> {
        self.index_of_uid(uid).map(|i| &self.messages[i])
    }

    /// Replaces a message's flags; returns true (and bumps MODSEQ) only if they changed.
    pub fn set_flags(&mut self, uid: u32, flags: Flags) -> bool {
        let Some(i) = self.index_of_uid(uid) else {
            return false;
        };
        if self.messages[i].flags == flags {
            return false;
        }
        let modseq = self.next_modseq();
        let m = &mut self.messages[i];
        m.flags = flags;
        m.modseq = modseq;
        true
    }

    /// Removes these UIDs (those present), recording each as vanished; returns the removed UIDs ascending.
    pub fn expunge_uids(&mut self, uids: &[u32]) -> Vec<u32> {
        let mut removed: Vec<u32> = uids
            .iter()
            .copied()
            .filter(|u| self.index_of_uid(*u).is_some())
            .collect();
        removed.sort_unstable();
        removed.dedup();
        if removed.is_empty() {
            return removed;
        }
        let modseq = self.next_modseq();
        let mut vanished = Vec::with_capacity(removed.len());
        self.messages.retain(|m| {
            let gone = removed.binary_search(&m.uid).is_ok();
            if gone {
                vanished.push(Vanished {
                    uid: m.uid,
                    modseq,
                    flags: m.flags,
                });
            }
            !gone
        });
        self.vanished.extend(vanished);
        removed
    }

    /// The record of an expunged message, if this UID was expunged in the current UIDVALIDITY.
    pub fn vanished_uid(&self, uid: u32) -> Option<&Vanished> {
        self.vanished.iter().rev().find(|v| v.uid == uid)
    }

    /// Starts a new UIDVALIDITY epoch: every message gets a fresh UID, and every client must resync fully.
    pub fn reset_uid_validity(&mut self, uid_validity: u32) {
        self.uid_validity = uid_validity;
        self.vanished.clear();
        self.uid_next = 1;
        self.first_recent_uid = 1;
        for m in &mut self.messages {
            m.uid = self.uid_next;
            self.uid_next += 1;
        }
        self.highest_modseq += 1;
    }

    pub fn total_size(&self) -> usize {
        self.messages.iter().map(Message::size).sum()
    }

    pub fn unseen(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| !m.flags.contains(super::Flag::Seen))
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::mail::Flag;

    fn text(n: u32) -> String {
        format!("Subject: {n}\r\nMessage-ID: <{n}@t>\r\n\r\nbody\r\n")
    }

    #[test]
    fn uids_ascend_and_are_never_reused_after_expunge() {
        let mut mb = Mailbox::new("INBOX", 7);
        let a = mb.append(text(1), Flags::EMPTY, SimTime::ZERO);
        let b = mb.append(text(2), Flags::EMPTY, SimTime::ZERO);
        assert_eq!(mb.expunge_uids(&[b]), vec![b]);
        let c = mb.append(text(3), Flags::EMPTY, SimTime::ZERO);
        assert!(a < b && b < c);
        assert_eq!(
            mb.messages.iter().map(|m| m.uid).collect::<Vec<_>>(),
            vec![a, c]
        );
        assert_eq!(mb.by_uid(c).map(|m| m.message_id.as_str()), Some("3@t"));
    }

    #[test]
    fn modseq_rises_with_every_flag_change_and_expunge() {
        let mut mb = Mailbox::new("INBOX", 7);
        let uid = mb.append(text(1), Flags::EMPTY, SimTime::ZERO);
        let before = mb.highest_modseq;
        assert!(mb.set_flags(uid, Flags::EMPTY.with(Flag::Seen)));
        assert!(
            !mb.set_flags(uid, Flags::EMPTY.with(Flag::Seen)),
            "no change, no new MODSEQ"
        );
        assert_eq!(mb.highest_modseq, before + 1);
        assert_eq!(mb.by_uid(uid).map(|m| m.modseq), Some(before + 1));
        mb.expunge_uids(&[uid]);
        assert_eq!(
            mb.vanished,
            vec![Vanished {
                uid,
                modseq: before + 2,
                flags: Flags::EMPTY.with(Flag::Seen)
            }]
        );
    }

    #[test]
    fn message_without_message_id_gets_one() {
        let mut mb = Mailbox::new("INBOX", 7);
        let uid = mb.append(
            "Subject: x\r\n\r\nhi\r\n".into(),
            Flags::EMPTY,
            SimTime::ZERO,
        );
        assert_eq!(
            mb.by_uid(uid).map(|m| m.message_id.clone()),
            Some("INBOX.7.1@mailroom.invalid".into())
        );
    }
}
