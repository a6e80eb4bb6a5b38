//! A selected session's own view of its mailbox (RFC 3501 §2.3.1.2, §7.4.1): the UIDs in its sequence order
//! and the flags it last reported. Comparing the view with the store yields the untagged EXPUNGE (or VANISHED),
//! FETCH (FLAGS) and EXISTS responses that tell this session what other sessions, POP3 and SMTP changed.

use crate::sim::imap::sequence::compact;
use crate::sim::imap::wire::flag_list;
use crate::sim::mail::{Flags, Mailbox, MAX_KEYWORDS};

/// What the session last told its client about one message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownMessage {
    pub flags: Flags,
    pub modseq: u64,
    /// \Recent belongs to this session alone (RFC 3501 §2.3.2).
    pub recent: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectedView {
    pub mailbox: String,
    pub uid_validity: u32,
    /// EXAMINE: nothing this session does changes the mailbox (RFC 3501 §6.3.2).
    pub read_only: bool,
    /// UIDs in sequence-number order: index + 1 is the sequence number this client knows.
    pub uids: Vec<u32>,
    pub known: Vec<KnownMessage>,
    /// The highest MODSEQ this session has reported (RFC 7162 §3.1.2.1).
    pub highest_modseq: u64,
    /// The RECENT count last reported; a new one is sent only when it changes (as Dovecot does).
    pub reported_recent: usize,
    /// Every message changed after this MODSEQ has yet to be compared with what the client knows; set only
    /// by `report_changes`, so a session's own STORE cannot hide another session's change.
    pub checked_modseq: u64,
    /// How many of the mailbox's keywords the client has been told of in a FLAGS response (RFC 3501 §7.2.6).
    pub keywords_announced: usize,
}

/// How to report a change: the extensions the client enabled change the wording (RFC 7162 §3.2.10, §3.1.4).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reporting {
    pub condstore: bool,
    pub qresync: bool,
}

impl SelectedView {
    /// The view a SELECT or EXAMINE starts with: messages no session has claimed yet are \Recent here.
    /// EXAMINE shows them as \Recent too but must not take the flag from others (RFC 3501 §6.3.2); the caller
    /// moves the mailbox's mark only for SELECT.
    pub fn open(mailbox: &Mailbox, read_only: bool) -> Self {
        let mut view = SelectedView {
            mailbox: mailbox.name.clone(),
            uid_validity: mailbox.uid_validity,
            read_only,
            uids: mailbox.messages.iter().map(|m| m.uid).collect(),
            known: mailbox
                .messages
                .iter()
                .map(|m| KnownMessage {
                    flags: m.flags,
                    modseq: m.modseq,
                    recent: m.uid >= mailbox.first_recent_uid,
                })
                .collect(),
            highest_modseq: mailbox.highest_modseq,
            reported_recent: 0,
            checked_modseq: mailbox.highest_modseq,
            keywords_announced: mailbox.keywords.len(),
        };
        view.reported_recent = view.recent();
        view
    }

    /// `* FLAGS (...)` and, if writable, `* OK [PERMANENTFLAGS (...)]` once a keyword was defined since the client
    /// was last told (RFC 3501 §7.2.6: the FLAGS response follows the mailbox's defined flags).
    pub fn announce_keywords(&mut self, mailbox: &Mailbox, out: &mut Vec<String>) {
        if mailbox.keywords.len() == self.keywords_announced {
            return;
        }
        self.keywords_announced = mailbox.keywords.len();
        out.extend(flag_definitions(mailbox, self.read_only));
    }

    /// `* n RECENT` if the count changed since last reported (RFC 3501 §7.3.2).
    fn report_recent(&mut self, out: &mut Vec<String>) {
        let recent = self.recent();
        if recent != self.reported_recent {
            self.reported_recent = recent;
            out.push(format!("* {recent} RECENT"));
        }
    }

    pub fn exists(&self) -> usize {
        self.uids.len()
    }

    pub fn recent(&self) -> usize {
        self.known.iter().filter(|k| k.recent).count()
    }

    pub fn index_of_uid(&self, uid: u32) -> Option<usize> {
        self.uids.binary_search(&uid).ok()
    }

    /// Forgets messages this session itself expunged, reporting each as the client must hear it.
    pub fn remove_expunged(
        &mut self,
        removed: &[u32],
        reporting: Reporting,
        out: &mut Vec<String>,
    ) {
        if reporting.qresync {
            let gone: Vec<u32> = removed
                .iter()
                .copied()
                .filter(|u| self.index_of_uid(*u).is_some())
                .collect();
            if !gone.is_empty() {
                out.push(format!("* VANISHED {}", compact(&gone)));
            }
        }
        // RFC 3501 §6.4.3: each EXPUNGE renumbers the rest, so ascending UIDs yield e.g. 3, 3, 5, 8.
        let mut i = 0;
        while i < self.uids.len() {
            if removed.binary_search(&self.uids[i]).is_ok() {
                if !reporting.qresync {
                    out.push(format!("* {} EXPUNGE", i + 1));
                }
                self.uids.remove(i);
                self.known.remove(i);
            } else {
                i += 1;
            }
        }
        self.report_recent(out);
    }

    /// Everything that changed in `mailbox` since this session last reported, as untagged responses.
    /// `allow_expunge` is false during FETCH, STORE and SEARCH (RFC 3501 §7.4.1). With `claim_recent`,
    /// new messages no other session has seen become \Recent here; the caller then moves the mailbox's mark.
    pub fn report_changes(
        &mut self,
        mailbox: &Mailbox,
        allow_expunge: bool,
        claim_recent: bool,
        reporting: Reporting,
        out: &mut Vec<String>,
    ) {
        self.announce_keywords(mailbox, out);
        let last_known = self.uids.last().copied().unwrap_or(0);
        // Every message up to the last known UID was known to this view (UIDs only grow), so if as many are
        // still there as the view holds, nothing was expunged and the per-UID check can be skipped.
        let still_there = mailbox.messages.partition_point(|m| m.uid <= last_known);
        if allow_expunge && still_there != self.uids.len() {
            let gone: Vec<u32> = self
                .uids
                .iter()
                .copied()
                .filter(|u| mailbox.index_of_uid(*u).is_none())
                .collect();
            if !gone.is_empty() {
                self.remove_expunged(&gone, reporting, out);
            }
        }
        if !allow_expunge {
            // An expunged message the client still numbers may have changed flags before it went; the client
            // hears the last ones, as from Dovecot (RFC 3501 §7.4.1 lets the EXPUNGE itself wait).
            // Oldest expunge first, so the unchecked ones are a tail.
            let unchecked = mailbox
                .vanished
                .partition_point(|v| v.modseq <= self.checked_modseq);
            for gone in &mailbox.vanished[unchecked..] {
                let Ok(i) = self.uids.binary_search(&gone.uid) else {
                    continue;
                };
                let known = &mut self.known[i];
                if known.flags != gone.flags {
                    known.flags = gone.flags;
                    known.modseq = gone.modseq;
                    out.push(flags_fetch(
                        i + 1,
                        gone.uid,
                        known,
                        &mailbox.keywords,
                        reporting,
                    ));
                }
            }
        }
        // Only messages changed since the last check can differ from what the client knows (RFC 7162 §3.1).
        for message in mailbox
            .messages
            .iter()
            .filter(|m| m.modseq > self.checked_modseq)
        {
            let Ok(i) = self.uids.binary_search(&message.uid) else {
                continue;
            };
            let uid = &message.uid;
            let known = &mut self.known[i];
            if known.flags != message.flags
                || (reporting.condstore && known.modseq != message.modseq)
            {
                known.flags = message.flags;
                known.modseq = message.modseq;
                out.push(flags_fetch(
                    i + 1,
                    *uid,
                    known,
                    &mailbox.keywords,
                    reporting,
                ));
            }
        }
        let last_known = self.uids.last().copied().unwrap_or(0);
        let start = mailbox.messages.partition_point(|m| m.uid <= last_known);
        self.checked_modseq = mailbox.highest_modseq;
        let new = &mailbox.messages[start..];
        if !new.is_empty() {
            for m in new {
                self.uids.push(m.uid);
                self.known.push(KnownMessage {
                    flags: m.flags,
                    modseq: m.modseq,
                    recent: claim_recent && m.uid >= mailbox.first_recent_uid,
                });
            }
            out.push(format!("* {} EXISTS", self.exists()));
            self.report_recent(out);
        }
        self.highest_modseq = self.highest_modseq.max(mailbox.highest_modseq);
    }
}

/// `* 3 FETCH (FLAGS (\Seen))`, with UID and MODSEQ once CONDSTORE is on (RFC 7162 §3.2.4, §3.2.10).
pub fn flags_fetch(
    seq: usize,
    uid: u32,
    known: &KnownMessage,
    keywords: &[String],
    reporting: Reporting,
) -> String {
    flags_fetch_with(
        seq,
        uid,
        known,
        keywords,
        reporting.condstore,
        reporting.condstore,
    )
}

/// `* 3 FETCH (UID 7 FLAGS (\Seen) MODSEQ (12))`, each of UID and MODSEQ only when asked for.
pub fn flags_fetch_with(
    seq: usize,
    uid: u32,
    known: &KnownMessage,
    keywords: &[String],
    with_uid: bool,
    with_modseq: bool,
) -> String {
    let mut items = Vec::with_capacity(3);
    if with_uid {
        items.push(format!("UID {uid}"));
    }
    items.push(format!(
        "FLAGS {}",
        flag_list(known.flags, keywords, known.recent)
    ));
    if with_modseq {
        items.push(format!("MODSEQ ({})", known.modseq));
    }
    format!("* {seq} FETCH ({})", items.join(" "))
}

/// The system flags every mailbox has (RFC 3501 §7.2.6).
const SYSTEM_FLAGS: &str = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

/// `* FLAGS (...)` with the keywords defined in the mailbox, and `* OK [PERMANENTFLAGS (...)]`: in a writable
/// mailbox the same flags and `\*`, new keywords allowed while the table has room (RFC 3501 §7.1); in a
/// read-only one none.
pub fn flag_definitions(mailbox: &Mailbox, read_only: bool) -> [String; 2] {
    let mut defined = String::from(SYSTEM_FLAGS);
    for keyword in &mailbox.keywords {
        defined.push(' ');
        defined.push_str(keyword);
    }
    let permanent = if read_only {
        "* OK [PERMANENTFLAGS ()] Read-only mailbox.".to_string()
    } else if mailbox.keywords.len() < MAX_KEYWORDS {
        format!("* OK [PERMANENTFLAGS ({defined} \\*)] Flags permitted.")
    } else {
        format!("* OK [PERMANENTFLAGS ({defined})] Flags permitted.")
    };
    [format!("* FLAGS ({defined})"), permanent]
}
