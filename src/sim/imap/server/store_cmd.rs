//! Commands that change a selected mailbox: STORE (RFC 3501 §6.4.6, UNCHANGEDSINCE RFC 7162 §3.1.3),
//! EXPUNGE and UID EXPUNGE (§6.4.3, RFC 4315 §2.1), CLOSE (§6.4.2), COPY (§6.4.7, COPYUID RFC 4315 §3) and
//! MOVE (RFC 6851).

use super::mailboxes::{carried_flags, stored_flags};
use super::view::flags_fetch_with;
use super::{ImapServer, ImapState, Outcome};
use crate::sim::imap::sequence::{compact, resolve};
use crate::sim::imap::wire::mailbox_text;
use crate::sim::mail::{Flag, Flags, Store};
use crate::sim::time::SimTime;
use imap_codec::imap_types::command::StoreModifier;
use imap_codec::imap_types::flag::{Flag as WireFlag, StoreResponse, StoreType};
use imap_codec::imap_types::mailbox::Mailbox as WireMailbox;
use imap_codec::imap_types::sequence::SequenceSet;

impl ImapServer {
    fn read_only_refusal(&self) -> Option<Outcome> {
        self.selected
            .as_ref()
            .filter(|v| v.read_only)
            .map(|_| Outcome::No("[READ-ONLY] Mailbox is read-only (opened with EXAMINE)".into()))
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn store_flags(
        &mut self,
        store: &mut Store,
        set: &SequenceSet,
        kind: StoreType,
        response: StoreResponse,
        flags: &[WireFlag<'_>],
        by_uid: bool,
        modifiers: &[StoreModifier],
    ) -> Outcome {
        if let Some(refusal) = self.read_only_refusal() {
            return refusal;
        }
        // RFC 3501 §7.4.1: no EXPUNGE during STORE; UID STORE may report them.
        self.report_updates(store, by_uid);
        let unchanged_since = modifiers
            .iter()
            .map(|StoreModifier::UnchangedSince(v)| *v)
            .next();
        if unchanged_since.is_some() {
            self.reporting.condstore = true;
        }
        let login = self.login.clone().unwrap_or_default();
        let reporting = self.reporting;
        let Some(view) = self.selected.as_mut() else {
            return Outcome::Bad("No mailbox selected".into());
        };
        let indexes = match resolve(set, &view.uids, by_uid) {
            Ok(i) => i,
            Err(e) => return Outcome::Bad(format!("Error in IMAP command STORE: {e}")),
        };
        let Some(mailbox) = store
            .account_mut(&login)
            .and_then(|a| a.mailbox_mut(&view.mailbox))
        else {
            return Outcome::No("Mailbox no longer exists".into());
        };
        // RFC 3501 §2.3.2: +FLAGS and FLAGS may define a keyword (PERMANENTFLAGS has \*); -FLAGS only names one.
        let given = stored_flags(flags, mailbox, kind != StoreType::Remove);
        let mut lines = Vec::new();
        view.announce_keywords(mailbox, &mut lines);
        let mut modified = Vec::new();
        for i in indexes {
            let uid = view.uids[i];
            let Some(current) = mailbox.by_uid(uid).map(|m| (m.flags, m.modseq)) else {
                continue;
            };
            if unchanged_since.is_some_and(|since| current.1 > since) {
                // RFC 7162 §3.1.3: changed since the client looked; refuse this one and name it in MODIFIED.
                modified.push(if by_uid { uid } else { i as u32 + 1 });
                continue;
            }
            let new_flags = match kind {
                StoreType::Replace => given,
                StoreType::Add => current.0.union(given),
                StoreType::Remove => current.0.difference(given),
            };
            mailbox.set_flags(uid, new_flags);
            let Some(message) = mailbox.by_uid(uid) else {
                continue;
            };
            let known = &mut view.known[i];
            known.flags = message.flags;
            known.modseq = message.modseq;
            // RFC 3501 §6.4.6: .SILENT suppresses the untagged FETCH with the new flags.
            if response == StoreResponse::Answer {
                // RFC 3501 §6.4.8: UID STORE answers carry the UID; RFC 7162 §3.1.3: MODSEQ once CONDSTORE is on.
                let with_uid = by_uid || reporting.condstore;
                lines.push(flags_fetch_with(
                    i + 1,
                    uid,
                    known,
                    &mailbox.keywords,
                    with_uid,
                    reporting.condstore,
                ));
            }
        }
        view.highest_modseq = mailbox.highest_modseq;
        self.push_all(lines);
        if modified.is_empty() {
            Outcome::Ok("Store completed".into())
        } else {
            Outcome::Ok(format!(
                "[MODIFIED {}] Conditional STORE failed",
                compact(&modified)
            ))
        }
    }

    /// EXPUNGE removes every \Deleted message; UID EXPUNGE only those in its set (RFC 4315 §2.1).
    pub(super) fn expunge(&mut self, store: &mut Store, only: Option<SequenceSet>) -> Outcome {
        if let Some(refusal) = self.read_only_refusal() {
            return refusal;
        }
        self.report_updates(store, true);
        self.expunge_deleted(store, only.as_ref(), true);
        Outcome::Ok("Expunge completed".into())
    }

    /// Removes \Deleted messages (in `only`, if given) from the store and, when `report`, tells the client.
    fn expunge_deleted(&mut self, store: &mut Store, only: Option<&SequenceSet>, report: bool) {
        let login = self.login.clone().unwrap_or_default();
        let reporting = self.reporting;
        let Some(view) = self.selected.as_mut() else {
            return;
        };
        let Some(mailbox) = store
            .account_mut(&login)
            .and_then(|a| a.mailbox_mut(&view.mailbox))
        else {
            return;
        };
        let candidates: Vec<usize> = match only {
            Some(set) => resolve(set, &view.uids, true).unwrap_or_default(),
            None => (0..view.uids.len()).collect(),
        };
        let doomed: Vec<u32> = candidates
            .into_iter()
            .map(|i| view.uids[i])
            .filter(|uid| {
                mailbox
                    .by_uid(*uid)
                    .is_some_and(|m| m.flags.contains(Flag::Deleted))
            })
            .collect();
        let removed = mailbox.expunge_uids(&doomed);
        let mut lines = Vec::new();
        view.remove_expunged(&removed, reporting, &mut lines);
        view.highest_modseq = mailbox.highest_modseq;
        if report {
            self.push_all(lines);
        }
    }

    /// CLOSE expunges silently and deselects; in a read-only mailbox it only deselects (RFC 3501 §6.4.2).
    pub(super) fn close(&mut self, store: &mut Store) -> Outcome {
        if self.selected.as_ref().is_some_and(|v| !v.read_only) {
            self.expunge_deleted(store, None, false);
        }
        self.selected = None;
        self.state = ImapState::Authenticated;
        Outcome::Ok("Close completed".into())
    }

    pub(super) fn copy_or_move(
        &mut self,
        store: &mut Store,
        set: &SequenceSet,
        target: &WireMailbox<'_>,
        by_uid: bool,
        is_move: bool,
    ) -> Outcome {
        if is_move {
            if let Some(refusal) = self.read_only_refusal() {
                return refusal;
            }
        }
        // RFC 3501 §7.4.1, RFC 6851 §3.3: MOVE by sequence number uses the numbers the client knew when it sent
        // the command, so pending EXPUNGEs wait until the set is resolved; they follow the MOVE's own.
        self.report_updates(store, by_uid);
        let verb = if is_move { "MOVE" } else { "COPY" };
        let target = mailbox_text(target);
        let login = self.login.clone().unwrap_or_default();
        let Some(view) = self.selected.as_ref() else {
            return Outcome::Bad("No mailbox selected".into());
        };
        let indexes = match resolve(set, &view.uids, by_uid) {
            Ok(i) => i,
            Err(e) => return Outcome::Bad(format!("Error in IMAP command {verb}: {e}")),
        };
        let Some(account) = store.account(&login) else {
            return Outcome::No("No account".into());
        };
        let Some(source) = account.mailbox(&view.mailbox) else {
            return Outcome::No("Mailbox no longer exists".into());
        };
        // RFC 3501 §6.4.7: TRYCREATE tells the client that creating the target would help.
        if account.mailbox(&target).is_none() {
            return Outcome::No(format!("[TRYCREATE] Mailbox doesn't exist: {target}"));
        }
        let source_keywords = source.keywords.clone();
        let copies: Vec<(u32, String, Flags, SimTime)> = indexes
            .iter()
            .filter_map(|i| source.by_uid(view.uids[*i]))
            .map(|m| (m.uid, m.text.clone(), m.flags, m.internal_date))
            .collect();
        // A copy adds to the account; a move takes out what it puts in.
        if !is_move {
            let octets = copies.iter().map(|(_, text, _, _)| text.len()).sum();
            if let Some(refusal) = self.quota_refusal(store, octets) {
                return refusal;
            }
        }
        let Some(destination) = store
            .account_mut(&login)
            .and_then(|a| a.mailbox_mut(&target))
        else {
            return Outcome::No(format!("[TRYCREATE] Mailbox doesn't exist: {target}"));
        };
        let validity = destination.uid_validity;
        let mut source_uids = Vec::new();
        let mut new_uids = Vec::new();
        for (uid, text, flags, date) in copies {
            source_uids.push(uid);
            let flags = carried_flags(flags, &source_keywords, destination);
            new_uids.push(destination.append(text, flags, date));
        }
        // RFC 4315 §3: no COPYUID when nothing was copied.
        let code = if source_uids.is_empty() {
            String::new()
        } else {
            format!(
                "[COPYUID {validity} {} {}] ",
                compact(&source_uids),
                compact(&new_uids)
            )
        };
        if !is_move {
            self.report_updates(store, by_uid);
            return Outcome::Ok(format!("{code}Copy completed"));
        }
        // RFC 6851 §4.3: COPYUID comes untagged before the EXPUNGEs, since the tagged OK ends the command.
        if !code.is_empty() {
            self.push(format!("* OK {code}Moved UIDs."));
        }
        let reporting = self.reporting;
        let source_name = self
            .selected
            .as_ref()
            .map(|v| v.mailbox.clone())
            .unwrap_or_default();
        if let (Some(view), Some(mailbox)) = (
            self.selected.as_mut(),
            store
                .account_mut(&login)
                .and_then(|a| a.mailbox_mut(&source_name)),
        ) {
            let removed = mailbox.expunge_uids(&source_uids);
            let mut lines = Vec::new();
            view.remove_expunged(&removed, reporting, &mut lines);
            view.highest_modseq = mailbox.highest_modseq;
            self.output.extend(lines);
        }
        self.report_updates(store, true);
        Outcome::Ok("Move completed".into())
    }
}
