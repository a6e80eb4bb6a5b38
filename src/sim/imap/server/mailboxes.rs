//! Authenticated-state commands (RFC 3501 §6.3): SELECT, EXAMINE, CREATE, DELETE, RENAME, SUBSCRIBE, LIST,
//! LSUB, STATUS, APPEND; SELECT (QRESYNC ...) per RFC 7162 §3.2.5.

use super::view::{flag_definitions, flags_fetch, KnownMessage, SelectedView};
use super::{ImapServer, ImapState, Outcome};
use crate::sim::imap::sequence::{compact, contains};
use crate::sim::imap::wire::{mailbox_name, mailbox_text};
use crate::sim::mail::{Flag, Flags, Mailbox, Store};
use crate::sim::time::SimTime;
use imap_codec::imap_types::command::{CommandBody, SelectParameter};
use imap_codec::imap_types::extensions::binary::LiteralOrLiteral8;
use imap_codec::imap_types::flag::Flag as WireFlag;
use imap_codec::imap_types::mailbox::ListMailbox;
use imap_codec::imap_types::status::StatusDataItemName;

/// The hierarchy delimiter this server uses (RFC 3501 §5.1.1).
pub const DELIMITER: char = '/';

/// A command's flag list as the mailbox stores it: system flags, and keywords by their index in the mailbox's
/// table, defined there if `define` (STORE +FLAGS, APPEND; RFC 3501 §2.3.2). Flags of the form `\Other` are
/// not kept.
pub(crate) fn stored_flags(flags: &[WireFlag<'_>], mailbox: &mut Mailbox, define: bool) -> Flags {
    let mut stored = Flags::EMPTY;
    for flag in flags {
        let system = match flag {
            WireFlag::Seen => Flag::Seen,
            WireFlag::Answered => Flag::Answered,
            WireFlag::Flagged => Flag::Flagged,
            WireFlag::Deleted => Flag::Deleted,
            WireFlag::Draft => Flag::Draft,
            WireFlag::Keyword(atom) => {
                let index = if define {
                    mailbox.keyword_index(atom.inner())
                } else {
                    mailbox.find_keyword(atom.inner())
                };
                if let Some(i) = index {
                    stored = stored.with_keyword(i);
                }
                continue;
            }
            _ => continue,
        };
        stored.insert(system);
    }
    stored
}

/// `flags` of a message in `from` as the same flags in `to`, whose keyword table may number them otherwise.
pub(crate) fn carried_flags(flags: Flags, from: &[String], to: &mut Mailbox) -> Flags {
    flags
        .keywords()
        .filter_map(|i| from.get(i))
        .filter_map(|name| to.keyword_index(name))
        .fold(flags.system(), Flags::with_keyword)
}

/// The special use of a folder by its name (RFC 6154 §2), so clients know Sent, Trash and Archive for what they
/// are; Drafts and Junk only where an account has them.
fn special_use(name: &str) -> Option<&'static str> {
    Some(match name {
        "Sent" => "\\Sent",
        "Trash" => "\\Trash",
        "Archive" => "\\Archive",
        "Drafts" => "\\Drafts",
        "Junk" => "\\Junk",
        _ => return None,
    })
}

/// `*` matches anything, `%` anything but the delimiter (RFC 3501 §6.3.8). Dynamic programming over
/// (pattern, name) positions, so a pattern of many wildcards costs O(pattern × name), never exponential time.
fn wildcard_match(pattern: &[u8], name: &[u8]) -> bool {
    // matches[j]: the pattern so far matches name[..j].
    let mut matches = vec![false; name.len() + 1];
    matches[0] = true;
    for p in pattern {
        let mut next = vec![false; name.len() + 1];
        match p {
            b'*' | b'%' => {
                let mut reachable = false;
                for j in 0..=name.len() {
                    if j > 0 && *p == b'%' && name[j - 1] == DELIMITER as u8 {
                        reachable = false;
                    }
                    reachable |= matches[j];
                    next[j] = reachable;
                }
            }
            c => {
                for j in 1..=name.len() {
                    next[j] = matches[j - 1] && name[j - 1] == *c;
                }
            }
        }
        matches = next;
    }
    matches[name.len()]
}

impl ImapServer {
    pub(super) fn mailbox_command(
        &mut self,
        store: &mut Store,
        body: CommandBody<'_>,
        now: SimTime,
    ) -> Outcome {
        use CommandBody as C;
        let login = self.login.clone().unwrap_or_default();
        match body {
            C::Select {
                mailbox,
                parameters,
            } => self.select(store, &mailbox_text(&mailbox), false, &parameters),
            C::Examine {
                mailbox,
                parameters,
            } => self.select(store, &mailbox_text(&mailbox), true, &parameters),
            C::Create { mailbox } => {
                let name = mailbox_text(&mailbox);
                let name = name.trim_end_matches(DELIMITER);
                match store.create_mailbox(&login, name) {
                    Ok(()) => {
                        // RFC 3501 §6.3.3: CREATE does not subscribe; a client SUBSCRIBEs if it wants to.
                        if let Some(created) = self.mailbox_mut(store, name) {
                            created.subscribed = false;
                        }
                        Outcome::Ok("Create completed".into())
                    }
                    Err(e) => Outcome::No(format!("[ALREADYEXISTS] {e}")),
                }
            }
            C::Delete { mailbox } => {
                let name = mailbox_text(&mailbox);
                match store.delete_mailbox(&login, &name) {
                    Ok(()) => Outcome::Ok("Delete completed".into()),
                    Err(e) => Outcome::No(format!("[NONEXISTENT] {e}")),
                }
            }
            C::Rename { from, to } => {
                match store.rename_mailbox(&login, &mailbox_text(&from), &mailbox_text(&to)) {
                    Ok(()) => Outcome::Ok("Rename completed".into()),
                    Err(e) => Outcome::No(e.to_string()),
                }
            }
            C::Subscribe { mailbox } => self.subscribe(store, &mailbox_text(&mailbox), true),
            C::Unsubscribe { mailbox } => self.subscribe(store, &mailbox_text(&mailbox), false),
            C::List {
                reference,
                mailbox_wildcard,
            } => self.list(store, &mailbox_text(&reference), &mailbox_wildcard, "LIST"),
            C::Lsub {
                reference,
                mailbox_wildcard,
            } => self.list(store, &mailbox_text(&reference), &mailbox_wildcard, "LSUB"),
            C::Status {
                mailbox,
                item_names,
            } => self.status(store, &mailbox_text(&mailbox), &item_names),
            C::Append {
                mailbox,
                flags,
                date,
                message,
            } => {
                let bytes: &[u8] = match &message {
                    LiteralOrLiteral8::Literal(l) => l.as_ref(),
                    LiteralOrLiteral8::Literal8(l) => &l.data,
                };
                let text = String::from_utf8_lossy(bytes).into_owned();
                // RFC 3501 §6.3.11: the date argument sets INTERNALDATE; without it the server's time is used.
                let internal_date = date
                    .map(|d| {
                        let secs = d.as_ref().timestamp() - SimTime::EPOCH_UNIX_SECS;
                        SimTime::from_secs(secs.max(0) as u64)
                    })
                    .unwrap_or(now);
                let name = mailbox_text(&mailbox);
                if let Some(refusal) = self.quota_refusal(store, text.len()) {
                    return refusal;
                }
                let Some(target) = self.mailbox_mut(store, &name) else {
                    return Outcome::No(format!("[TRYCREATE] Mailbox doesn't exist: {name}"));
                };
                let flags = stored_flags(&flags, target, true);
                let uid = target.append(text, flags, internal_date);
                let validity = target.uid_validity;
                self.report_updates(store, true);
                Outcome::Ok(format!("[APPENDUID {validity} {uid}] Append completed"))
            }
            _ => Outcome::Bad("Unknown command".into()),
        }
    }

    fn select(
        &mut self,
        store: &mut Store,
        name: &str,
        read_only: bool,
        parameters: &[SelectParameter],
    ) -> Outcome {
        // RFC 3501 §6.3.1: a SELECT while selected first deselects, without expunging.
        if self.selected.take().is_some() {
            // RFC 7162 §3.2.11: a server offering QRESYNC marks where the old mailbox's responses end.
            self.push("* OK [CLOSED] Previous mailbox closed.".into());
        }
        self.state = ImapState::Authenticated;
        let mut qresync = None;
        for p in parameters {
            match p {
                SelectParameter::CondStore => self.reporting.condstore = true,
                SelectParameter::QResync {
                    uid_validity,
                    mod_sequence_value,
                    known_uids,
                    ..
                } => {
                    if !self.reporting.qresync {
                        return Outcome::Bad(
                            "QRESYNC must be ENABLEd first (RFC 7162 §3.2.5)".into(),
                        );
                    }
                    qresync = Some((
                        uid_validity.get(),
                        mod_sequence_value.get(),
                        known_uids.clone(),
                    ));
                }
            }
        }
        let Some(mailbox) = self.mailbox(store, name) else {
            return Outcome::No(format!("Mailbox doesn't exist: {name}"));
        };
        let view = SelectedView::open(mailbox, read_only);
        let first_unseen = mailbox
            .messages
            .iter()
            .position(|m| !m.flags.contains(Flag::Seen));
        let mut lines = Vec::from(flag_definitions(mailbox, read_only));
        lines.extend([
            format!("* {} EXISTS", view.exists()),
            format!("* {} RECENT", view.recent()),
        ]);
        if let Some(i) = first_unseen {
            lines.push(format!("* OK [UNSEEN {}] First unseen.", i + 1));
        }
        lines.push(format!(
            "* OK [UIDVALIDITY {}] UIDs valid",
            mailbox.uid_validity
        ));
        lines.push(format!(
            "* OK [UIDNEXT {}] Predicted next UID",
            mailbox.uid_next
        ));
        lines.push(format!(
            "* OK [HIGHESTMODSEQ {}] Highest",
            mailbox.highest_modseq
        ));
        // RFC 7162 §3.2.5.2: a client that knew this UIDVALIDITY hears only what changed since its MODSEQ.
        if let Some((_, since, known)) = qresync.filter(|(v, _, _)| *v == mailbox.uid_validity) {
            let star = mailbox.uid_next.saturating_sub(1);
            let vanished: Vec<u32> = mailbox
                .vanished
                .iter()
                .filter(|v| {
                    v.modseq > since && known.as_ref().is_none_or(|k| contains(k, v.uid, star))
                })
                .map(|v| v.uid)
                .collect();
            if !vanished.is_empty() {
                lines.push(format!("* VANISHED (EARLIER) {}", compact(&vanished)));
            }
            for (i, m) in mailbox.messages.iter().enumerate() {
                if m.modseq > since {
                    let known = KnownMessage {
                        flags: m.flags,
                        modseq: m.modseq,
                        recent: view.known[i].recent,
                    };
                    lines.push(flags_fetch(
                        i + 1,
                        m.uid,
                        &known,
                        &mailbox.keywords,
                        self.reporting,
                    ));
                }
            }
        }
        let claimed = !read_only && view.recent() > 0;
        self.push_all(lines);
        self.selected = Some(view);
        self.state = ImapState::Selected;
        if claimed {
            if let Some(mailbox) = self.mailbox_mut(store, name) {
                mailbox.first_recent_uid = mailbox.uid_next;
            }
        }
        Outcome::Ok(if read_only {
            "[READ-ONLY] Examine completed".into()
        } else {
            "[READ-WRITE] Select completed".into()
        })
    }

    /// SUBSCRIBE and UNSUBSCRIBE mark the mailboxes LSUB lists (RFC 3501 §6.3.6, §6.3.7).
    fn subscribe(&mut self, store: &mut Store, name: &str, subscribed: bool) -> Outcome {
        match self.mailbox_mut(store, name) {
            Some(mailbox) => {
                mailbox.subscribed = subscribed;
                Outcome::Ok(
                    if subscribed {
                        "Subscribe completed"
                    } else {
                        "Unsubscribe completed"
                    }
                    .into(),
                )
            }
            None => Outcome::No(format!("Mailbox doesn't exist: {name}")),
        }
    }

    fn list(
        &mut self,
        store: &mut Store,
        reference: &str,
        pattern: &ListMailbox<'_>,
        verb: &str,
    ) -> Outcome {
        let pattern: &[u8] = match pattern {
            ListMailbox::Token(t) => t.as_ref(),
            ListMailbox::String(s) => s.as_ref(),
        };
        let pattern = String::from_utf8_lossy(pattern).into_owned();
        if pattern.is_empty() {
            // RFC 3501 §6.3.8: an empty pattern asks for the delimiter and root.
            self.push(format!("* {verb} (\\Noselect) \"{DELIMITER}\" \"\""));
            return Outcome::Ok(format!("{verb} completed"));
        }
        let full = format!("{reference}{pattern}");
        let names: Vec<String> = store
            .account(self.login.as_deref().unwrap_or(""))
            .map(|a| {
                a.mailboxes
                    .iter()
                    .filter(|m| verb == "LIST" || m.subscribed)
                    .map(|m| m.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        for name in names {
            let matches = wildcard_match(full.as_bytes(), name.as_bytes())
                || (name == "INBOX"
                    && wildcard_match(full.to_ascii_uppercase().as_bytes(), b"INBOX"));
            if matches {
                let prefix = format!("{name}{DELIMITER}");
                let children = store
                    .account(self.login.as_deref().unwrap_or(""))
                    .is_some_and(|a| a.mailboxes.iter().any(|m| m.name.starts_with(&prefix)));
                let mut attrs = String::from(if children {
                    "\\HasChildren"
                } else {
                    "\\HasNoChildren"
                });
                if let Some(special) = special_use(&name).filter(|_| verb == "LIST") {
                    attrs.push(' ');
                    attrs.push_str(special);
                }
                self.push(format!(
                    "* {verb} ({attrs}) \"{DELIMITER}\" {}",
                    mailbox_name(&name)
                ));
            }
        }
        self.after_any_command(store);
        Outcome::Ok(format!("{verb} completed"))
    }

    fn status(&mut self, store: &mut Store, name: &str, items: &[StatusDataItemName]) -> Outcome {
        let Some(mailbox) = self.mailbox(store, name) else {
            return Outcome::No(format!("Mailbox doesn't exist: {name}"));
        };
        let mut parts = Vec::new();
        for item in items {
            let (key, value) = match item {
                StatusDataItemName::Messages => ("MESSAGES", mailbox.exists() as u64),
                StatusDataItemName::Recent => (
                    "RECENT",
                    mailbox
                        .messages
                        .iter()
                        .filter(|m| m.uid >= mailbox.first_recent_uid)
                        .count() as u64,
                ),
                StatusDataItemName::UidNext => ("UIDNEXT", mailbox.uid_next as u64),
                StatusDataItemName::UidValidity => ("UIDVALIDITY", mailbox.uid_validity as u64),
                StatusDataItemName::Unseen => ("UNSEEN", mailbox.unseen() as u64),
                StatusDataItemName::Deleted => (
                    "DELETED",
                    mailbox
                        .messages
                        .iter()
                        .filter(|m| m.flags.contains(Flag::Deleted))
                        .count() as u64,
                ),
                StatusDataItemName::HighestModSeq => ("HIGHESTMODSEQ", mailbox.highest_modseq),
                _ => return Outcome::Bad("Unsupported STATUS item".into()),
            };
            parts.push(format!("{key} {value}"));
        }
        let line = format!(
            "* STATUS {} ({})",
            mailbox_name(&mailbox.name),
            parts.join(" ")
        );
        self.push(line);
        self.after_any_command(store);
        Outcome::Ok("Status completed".into())
    }
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn percent_stops_at_the_delimiter_and_star_does_not() {
        assert!(wildcard_match(b"*", b"Work/2026"));
        assert!(!wildcard_match(b"%", b"Work/2026"));
        assert!(wildcard_match(b"Work/%", b"Work/2026"));
        assert!(wildcard_match(b"IN%", b"INBOX"));
        assert!(!wildcard_match(b"%/x", b"Work/2026"));
        assert!(wildcard_match(b"W*6", b"Work/2026"));
    }

    #[test]
    fn a_pattern_of_many_wildcards_is_answered_quickly() {
        let pattern = [b'*'; 10_000];
        assert!(!wildcard_match(
            &[&pattern[..], b"z"].concat(),
            b"Archive/2026/March/Receipts"
        ));
    }
}
