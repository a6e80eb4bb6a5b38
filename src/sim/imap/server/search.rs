//! SEARCH and UID SEARCH (RFC 3501 §6.4.4): flags, sequence and UID sets, size, header substrings, NOT/OR,
//! and MODSEQ (RFC 7162 §3.1.5). Dates are not searched in this simulation.

use super::view::SelectedView;
use super::{ImapServer, Outcome};
use crate::sim::imap::sequence::contains;
use crate::sim::mail::{Flag, Message, Store};
use imap_codec::imap_types::search::SearchKey;

/// Why a search key cannot be evaluated.
#[derive(Debug)]
struct Unsupported(&'static str);

struct Candidate<'m> {
    seq: u32,
    message: &'m Message,
    recent: bool,
    /// The mailbox's keyword table, which the message's flags index.
    keywords: &'m [String],
}

impl Candidate<'_> {
    /// RFC 3501 §6.4.4 KEYWORD: flag names compare case-insensitively.
    fn has_keyword(&self, name: &[u8]) -> bool {
        let name = String::from_utf8_lossy(name);
        self.message.flags.keywords().any(|i| {
            self.keywords
                .get(i)
                .is_some_and(|k| k.eq_ignore_ascii_case(&name))
        })
    }
}

impl ImapServer {
    pub(super) fn search(
        &mut self,
        store: &mut Store,
        criteria: &[SearchKey<'_>],
        by_uid: bool,
    ) -> Outcome {
        // RFC 3501 §7.4.1: SEARCH results are sequence numbers, so no EXPUNGE may come first; UID SEARCH may.
        self.report_updates(store, by_uid);
        let Some(view) = self.selected.as_ref() else {
            return Outcome::Bad("No mailbox selected".into());
        };
        let Some(mailbox) = self.mailbox(store, &view.mailbox) else {
            return Outcome::No("Mailbox no longer exists".into());
        };
        let mut hits = Vec::new();
        let mut highest = 0;
        for (i, uid) in view.uids.iter().enumerate() {
            let Some(message) = mailbox.by_uid(*uid) else {
                continue;
            };
            let candidate = Candidate {
                seq: i as u32 + 1,
                message,
                recent: view.known[i].recent,
                keywords: &mailbox.keywords,
            };
            let mut all = true;
            for key in criteria {
                match matches(key, &candidate, view) {
                    Ok(true) => {}
                    Ok(false) => {
                        all = false;
                        break;
                    }
                    Err(Unsupported(what)) => {
                        return Outcome::Bad(format!(
                            "Error in IMAP command SEARCH: {what} is not supported here"
                        ))
                    }
                }
            }
            if all {
                hits.push(if by_uid { *uid } else { i as u32 + 1 });
                highest = highest.max(message.modseq);
            }
        }
        let uses_modseq = criteria
            .iter()
            .any(|k| matches!(k, SearchKey::ModSequence { .. }));
        let mut line = String::from("* SEARCH");
        for hit in &hits {
            line.push(' ');
            line.push_str(&hit.to_string());
        }
        // RFC 7162 §3.1.5: a MODSEQ search reports the highest MODSEQ of the hits.
        if uses_modseq && !hits.is_empty() {
            line.push_str(&format!(" (MODSEQ {highest})"));
        }
        self.push(line);
        Outcome::Ok("Search completed".into())
    }
}

/// Case-insensitive substring match with the i;ascii-casemap comparator, IMAP's default (RFC 4790 §9.2,
/// RFC 3501 §6.4.4); it also keeps Unicode case tables out of the page.
fn contains_ci(haystack: &str, needle: &[u8]) -> bool {
    let needle = String::from_utf8_lossy(needle).to_ascii_lowercase();
    haystack.to_ascii_lowercase().contains(&needle)
}

fn matches(
    key: &SearchKey<'_>,
    c: &Candidate<'_>,
    view: &SelectedView,
) -> Result<bool, Unsupported> {
    use SearchKey as K;
    let flags = c.message.flags;
    Ok(match key {
        K::All => true,
        K::And(keys) => {
            for k in keys.as_ref() {
                if !matches(k, c, view)? {
                    return Ok(false);
                }
            }
            true
        }
        K::Not(k) => !matches(k, c, view)?,
        K::Or(a, b) => matches(a, c, view)? || matches(b, c, view)?,
        K::SequenceSet(set) => contains(set, c.seq, view.exists() as u32),
        K::Uid(set) => contains(set, c.message.uid, view.uids.last().copied().unwrap_or(0)),
        K::Seen => flags.contains(Flag::Seen),
        K::Unseen => !flags.contains(Flag::Seen),
        K::Deleted => flags.contains(Flag::Deleted),
        K::Undeleted => !flags.contains(Flag::Deleted),
        K::Flagged => flags.contains(Flag::Flagged),
        K::Unflagged => !flags.contains(Flag::Flagged),
        K::Answered => flags.contains(Flag::Answered),
        K::Unanswered => !flags.contains(Flag::Answered),
        K::Draft => flags.contains(Flag::Draft),
        K::Undraft => !flags.contains(Flag::Draft),
        K::Recent => c.recent,
        K::New => c.recent && !flags.contains(Flag::Seen),
        K::Old => !c.recent,
        K::Keyword(k) => c.has_keyword(k.inner().as_ref()),
        K::Unkeyword(k) => !c.has_keyword(k.inner().as_ref()),
        K::Larger(n) => c.message.size() > *n as usize,
        K::Smaller(n) => c.message.size() < *n as usize,
        K::From(s) => contains_ci(&c.message.header("From").unwrap_or_default(), s.as_ref()),
        K::To(s) => contains_ci(&c.message.header("To").unwrap_or_default(), s.as_ref()),
        K::Cc(s) => contains_ci(&c.message.header("Cc").unwrap_or_default(), s.as_ref()),
        K::Bcc(s) => contains_ci(&c.message.header("Bcc").unwrap_or_default(), s.as_ref()),
        K::Subject(s) => contains_ci(&c.message.header("Subject").unwrap_or_default(), s.as_ref()),
        K::Body(s) => contains_ci(c.message.body(), s.as_ref()),
        K::Text(s) => contains_ci(&c.message.text, s.as_ref()),
        K::Header(field, value) => {
            let field = String::from_utf8_lossy(field.as_ref()).into_owned();
            c.message
                .header(&field)
                .is_some_and(|v| contains_ci(&v, value.as_ref()))
        }
        K::ModSequence { modseq, .. } => c.message.modseq >= *modseq,
        _ => return Err(Unsupported("this date search key")),
    })
}
