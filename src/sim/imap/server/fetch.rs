//! FETCH and UID FETCH (RFC 3501 §6.4.5, §7.4.2), with CHANGEDSINCE and VANISHED (RFC 7162 §3.1.4, §3.2.6).

use super::{ImapServer, Outcome};
use crate::sim::imap::sequence::{compact, contains, resolve};
use crate::sim::imap::wire::{astring, flag_list, literal, nstring};
use crate::sim::mail::{Flag, Message, Store, Vanished};
use crate::sim::time::SimTime;
use imap_codec::imap_types::command::FetchModifier;
use imap_codec::imap_types::fetch::{MacroOrMessageDataItemNames, MessageDataItemName, Section};
use imap_codec::imap_types::sequence::SequenceSet;

impl ImapServer {
    pub(super) fn fetch(
        &mut self,
        store: &mut Store,
        set: &SequenceSet,
        names: MacroOrMessageDataItemNames<'_>,
        by_uid: bool,
        modifiers: &[FetchModifier],
    ) -> Outcome {
        let mut items = match names {
            MacroOrMessageDataItemNames::Macro(m) => m
                .expand()
                .into_iter()
                .map(|i| i.into_static_name())
                .collect(),
            MacroOrMessageDataItemNames::MessageDataItemNames(items) => items,
        };
        let mut changed_since = None;
        let mut want_vanished = false;
        for m in modifiers {
            match m {
                FetchModifier::ChangedSince(v) => changed_since = Some(v.get()),
                FetchModifier::Vanished => want_vanished = true,
            }
        }
        if want_vanished && (!by_uid || !self.reporting.qresync || changed_since.is_none()) {
            // RFC 7162 §3.2.6: VANISHED needs UID FETCH, CHANGEDSINCE and an enabled QRESYNC.
            return Outcome::Bad(
                "VANISHED needs UID FETCH with CHANGEDSINCE after ENABLE QRESYNC".into(),
            );
        }
        if changed_since.is_some() || items.contains(&MessageDataItemName::ModSeq) {
            // RFC 7162 §3.1: a CONDSTORE-aware command enables CONDSTORE for the session.
            self.reporting.condstore = true;
            if !items.contains(&MessageDataItemName::ModSeq) {
                items.push(MessageDataItemName::ModSeq);
            }
        }
        if by_uid && !items.contains(&MessageDataItemName::Uid) {
            // RFC 3501 §6.4.8: UID FETCH responses always carry the UID.
            items.insert(0, MessageDataItemName::Uid);
        }
        let Some(view) = self.selected.as_ref() else {
            return Outcome::Bad("No mailbox selected".into());
        };
        let indexes = match resolve(set, &view.uids, by_uid) {
            Ok(i) => i,
            Err(e) => return Outcome::Bad(format!("Error in IMAP command FETCH: {e}")),
        };
        let read_only = view.read_only;
        let name = view.mailbox.clone();
        let login = self.login.clone().unwrap_or_default();
        let sets_seen = !read_only && items.iter().any(sets_seen_flag);
        let mut lines = Vec::with_capacity(indexes.len() + 1);
        if want_vanished {
            let since = changed_since.unwrap_or(0);
            if let Some(mailbox) = store.account(&login).and_then(|a| a.mailbox(&name)) {
                let star = mailbox.uid_next.saturating_sub(1);
                let vanished: Vec<u32> = mailbox
                    .vanished
                    .iter()
                    .filter(|v| v.modseq > since && contains(set, v.uid, star))
                    .map(|v| v.uid)
                    .collect();
                if !vanished.is_empty() {
                    lines.push(format!("* VANISHED (EARLIER) {}", compact(&vanished)));
                }
            }
        }
        let Some(mailbox) = store.account_mut(&login).and_then(|a| a.mailbox_mut(&name)) else {
            return Outcome::No("Mailbox no longer exists".into());
        };
        let Some(view) = self.selected.as_mut() else {
            return Outcome::Bad("No mailbox selected".into());
        };
        let mut expunge_issued = false;
        for i in indexes {
            let uid = view.uids[i];
            let Some(before) = mailbox.by_uid(uid).map(|m| (m.flags, m.modseq)) else {
                // Expunged elsewhere, not yet reported: the client still numbers it, so it is answered from what
                // is left of it, as Dovecot does (RFC 2180 §4.1.1); its content is gone (RFC 5530 EXPUNGEISSUED).
                if let Some(gone) = mailbox.vanished_uid(uid) {
                    if changed_since.is_none_or(|since| gone.modseq > since) {
                        let known = &mut view.known[i];
                        if items.contains(&MessageDataItemName::Flags) {
                            known.flags = gone.flags;
                        }
                        let recent = known.recent;
                        let parts: Vec<String> = items
                            .iter()
                            .filter_map(|item| {
                                render_expunged_item(item, gone, &mailbox.keywords, recent)
                            })
                            .collect();
                        expunge_issued |= items.iter().any(needs_content);
                        lines.push(format!("* {} FETCH ({})", i + 1, parts.join(" ")));
                    }
                }
                continue;
            };
            if changed_since.is_some_and(|since| before.1 <= since) {
                continue;
            }
            // RFC 3501 §6.4.5: BODY[] (not BODY.PEEK[]) sets \Seen; the new flags go out with the data.
            let seen_now = sets_seen
                && !before.0.contains(Flag::Seen)
                && mailbox.set_flags(uid, before.0.with(Flag::Seen));
            let Some(message) = mailbox.by_uid(uid) else {
                continue;
            };
            let known = &mut view.known[i];
            known.flags = message.flags;
            known.modseq = message.modseq;
            let recent = known.recent;
            let mut parts: Vec<String> = items
                .iter()
                .filter_map(|item| render_item(item, message, &mailbox.keywords, recent))
                .collect();
            if seen_now && !items.contains(&MessageDataItemName::Flags) {
                parts.push(format!(
                    "FLAGS {}",
                    flag_list(message.flags, &mailbox.keywords, recent)
                ));
            }
            lines.push(format!("* {} FETCH ({})", i + 1, parts.join(" ")));
        }
        self.push_all(lines);
        // Changes made elsewhere follow the data, as Dovecot sends them; RFC 3501 §7.4.1: no EXPUNGE during
        // FETCH, since sequence numbers would shift under the client; UID FETCH may carry them.
        self.report_updates(store, by_uid);
        if expunge_issued {
            Outcome::Ok("[EXPUNGEISSUED] Some messages were already expunged".into())
        } else {
            Outcome::Ok("Fetch completed".into())
        }
    }
}

/// Whether a data item needs the message's content, which an expunged message no longer has.
fn needs_content(item: &MessageDataItemName<'_>) -> bool {
    !matches!(
        item,
        MessageDataItemName::Uid | MessageDataItemName::Flags | MessageDataItemName::ModSeq
    )
}

/// One data item for a message expunged but not yet reported: UID, last flags and MODSEQ are known; the content
/// is NIL or empty, as Dovecot answers (RFC 2180 §4.1.1).
fn render_expunged_item(
    item: &MessageDataItemName<'_>,
    gone: &Vanished,
    keywords: &[String],
    recent: bool,
) -> Option<String> {
    use MessageDataItemName as N;
    let empty = Message {
        uid: gone.uid,
        flags: gone.flags,
        internal_date: SimTime::ZERO,
        modseq: gone.modseq,
        message_id: String::new(),
        text: String::new(),
    };
    Some(match item {
        N::InternalDate => "INTERNALDATE \"01-Jan-1970 00:00:00 +0000\"".to_string(),
        N::Rfc822 => "RFC822 NIL".to_string(),
        N::Rfc822Header => "RFC822.HEADER NIL".to_string(),
        N::Rfc822Text => "RFC822.TEXT NIL".to_string(),
        N::BodyExt {
            section, partial, ..
        } => {
            let (label, _) = section_content(section.as_ref(), &empty);
            match partial {
                Some((origin, _)) => format!("BODY[{label}]<{origin}> NIL"),
                None => format!("BODY[{label}] NIL"),
            }
        }
        other => return render_item(other, &empty, keywords, recent),
    })
}

fn sets_seen_flag(item: &MessageDataItemName<'_>) -> bool {
    matches!(
        item,
        MessageDataItemName::BodyExt { peek: false, .. }
            | MessageDataItemName::Rfc822
            | MessageDataItemName::Rfc822Text
    )
}

/// Gives `MessageDataItemName` from a macro the same lifetime as parsed ones.
trait IntoStaticName {
    fn into_static_name(self) -> MessageDataItemName<'static>;
}

impl IntoStaticName for MessageDataItemName<'_> {
    fn into_static_name(self) -> MessageDataItemName<'static> {
        match self {
            MessageDataItemName::Flags => MessageDataItemName::Flags,
            MessageDataItemName::InternalDate => MessageDataItemName::InternalDate,
            MessageDataItemName::Rfc822Size => MessageDataItemName::Rfc822Size,
            MessageDataItemName::Envelope => MessageDataItemName::Envelope,
            _ => MessageDataItemName::Body,
        }
    }
}

/// One data item of a FETCH response, e.g. `RFC822.SIZE 342` (RFC 3501 §7.4.2).
fn render_item(
    item: &MessageDataItemName<'_>,
    m: &Message,
    keywords: &[String],
    recent: bool,
) -> Option<String> {
    use MessageDataItemName as N;
    Some(match item {
        N::Uid => format!("UID {}", m.uid),
        N::Flags => format!("FLAGS {}", flag_list(m.flags, keywords, recent)),
        N::Rfc822Size => format!("RFC822.SIZE {}", m.size()),
        N::InternalDate => format!("INTERNALDATE \"{}\"", m.internal_date.imap_date_time()),
        N::ModSeq => format!("MODSEQ ({})", m.modseq),
        N::Envelope => format!("ENVELOPE {}", envelope(m)),
        N::Body | N::BodyStructure => {
            let name = if matches!(item, N::Body) {
                "BODY"
            } else {
                "BODYSTRUCTURE"
            };
            format!("{name} {}", body_structure(m))
        }
        N::Rfc822 => format!("RFC822 {}", literal(&m.text)),
        N::Rfc822Header => format!("RFC822.HEADER {}", literal(header_with_blank_line(&m.text))),
        N::Rfc822Text => format!("RFC822.TEXT {}", literal(m.body())),
        N::BodyExt {
            section, partial, ..
        } => {
            let (label, content) = section_content(section.as_ref(), m);
            match partial {
                // RFC 3501 §6.4.5: a partial fetch answers with its origin only, e.g. BODY[]<0>.
                Some((origin, count)) => {
                    let start = (*origin as usize).min(content.len());
                    let end = start
                        .saturating_add(count.get() as usize)
                        .min(content.len());
                    let slice = content.get(start..end).unwrap_or("");
                    format!("BODY[{label}]<{origin}> {}", literal(slice))
                }
                None => format!("BODY[{label}] {}", literal(&content)),
            }
        }
        N::Binary { .. } | N::BinarySize { .. } => return None,
    })
}

/// The header section including the blank line that ends it (RFC 3501 §6.4.5 HEADER).
fn header_with_blank_line(text: &str) -> &str {
    match text.find("\r\n\r\n") {
        Some(i) => &text[..i + 4],
        None => text,
    }
}

fn section_content(section: Option<&Section<'_>>, m: &Message) -> (String, String) {
    match section {
        None => (String::new(), m.text.clone()),
        Some(Section::Header(None)) => {
            ("HEADER".into(), header_with_blank_line(&m.text).to_string())
        }
        Some(Section::Text(None)) => ("TEXT".into(), m.body().to_string()),
        // A single-part message's part 1 is its body (RFC 3501 §6.4.5).
        Some(Section::Part(p)) if p.0.as_ref().len() == 1 && p.0.as_ref()[0].get() == 1 => {
            ("1".into(), m.body().to_string())
        }
        Some(Section::HeaderFields(None, fields))
        | Some(Section::HeaderFieldsNot(None, fields)) => {
            let not = matches!(section, Some(Section::HeaderFieldsNot(..)));
            let names: Vec<String> = fields
                .as_ref()
                .iter()
                .map(|f| String::from_utf8_lossy(f.as_ref()).to_ascii_uppercase())
                .collect();
            let mut out = String::new();
            let mut keep = false;
            for line in m.header_section().split("\r\n") {
                if !line.starts_with([' ', '\t']) {
                    let field = line
                        .split(':')
                        .next()
                        .unwrap_or("")
                        .trim()
                        .to_ascii_uppercase();
                    keep = names.contains(&field) != not;
                }
                if keep {
                    out.push_str(line);
                    out.push_str("\r\n");
                }
            }
            out.push_str("\r\n");
            let label = format!(
                "HEADER.FIELDS{} ({})",
                if not { ".NOT" } else { "" },
                names.join(" ")
            );
            (label, out)
        }
        Some(_) => ("TEXT".into(), String::new()),
    }
}

/// A text/plain single-part structure (RFC 3501 §7.4.2 BODYSTRUCTURE): every message here is one.
fn body_structure(m: &Message) -> String {
    let body = m.body();
    let lines = body.matches("\r\n").count();
    format!(
        "(\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" {} {})",
        body.len(),
        lines
    )
}

/// RFC 3501 §7.4.2 ENVELOPE: date, subject, from, sender, reply-to, to, cc, bcc, in-reply-to, message-id.
fn envelope(m: &Message) -> String {
    let from = addresses(m.header("From"));
    let sender = m
        .header("Sender")
        .map(|s| addresses(Some(s)))
        .unwrap_or_else(|| from.clone());
    let reply_to = m
        .header("Reply-To")
        .map(|s| addresses(Some(s)))
        .unwrap_or_else(|| from.clone());
    format!(
        "({} {} {} {} {} {} {} {} {} {})",
        nstring(m.header("Date").as_deref()),
        nstring(m.header("Subject").as_deref()),
        from,
        sender,
        reply_to,
        addresses(m.header("To")),
        addresses(m.header("Cc")),
        addresses(m.header("Bcc")),
        nstring(m.header("In-Reply-To").as_deref()),
        nstring(m.header("Message-ID").as_deref()),
    )
}

/// `(("Bob" NIL "bob" "example.net"))` from `Bob <bob@example.net>`; NIL when absent (RFC 3501 §7.4.2).
fn addresses(value: Option<String>) -> String {
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return "NIL".into();
    };
    let list: Vec<String> = value
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            let (name, addr) = match (a.rfind('<'), a.rfind('>')) {
                (Some(open), Some(close)) if open < close => {
                    let name = a[..open].trim().trim_matches('"').trim();
                    (
                        if name.is_empty() { None } else { Some(name) },
                        &a[open + 1..close],
                    )
                }
                _ => (None, a),
            };
            let (mailbox, host) = addr.split_once('@').unwrap_or((addr, ""));
            format!(
                "({} NIL {} {})",
                nstring(name),
                astring(mailbox),
                if host.is_empty() {
                    "NIL".to_string()
                } else {
                    astring(host)
                }
            )
        })
        .collect();
    if list.is_empty() {
        "NIL".into()
    } else {
        format!("({})", list.join(""))
    }
}
