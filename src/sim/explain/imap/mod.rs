//! IMAP (RFC 3501 and extensions): mail stays on the server, organised in mailboxes, with flags every device
//! shares. Each command carries a tag; the server answers with untagged `*` lines and one tagged result.
//! Client commands are explained in `commands` (FETCH and STORE in `message_commands`), server responses in
//! `responses` and, for the data about a mailbox and its messages, `mailbox_data`; this file holds the parsers
//! and descriptions they share.

mod commands;
mod mailbox_data;
mod message_commands;
mod response_codes;
mod responses;
#[cfg(test)]
mod tests;

use super::{message_content, number, quoted, Explanation, LineContext};
use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::session::Direction;

/// How many list items (flags, capabilities, fetch items) are described before the rest is left out.
const MAX_ITEMS: usize = 12;

pub(super) fn explain(
    tongue: Tongue,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explanation {
    if context.in_content {
        return literal_content(tongue, line, context.facts.in_body);
    }
    match direction {
        Direction::ClientToServer => commands::command(tongue, line, context),
        Direction::ServerToClient => responses::response(tongue, line, context),
    }
}

fn literal_content(tongue: Tongue, line: &str, in_body: bool) -> Explanation {
    if line.is_empty() {
        return message_content(tongue, line, in_body);
    }
    // Message content is no protocol element, so no RFC defines it.
    Explanation {
        text: tongue
            .word(
                "A line of the message, carried in a literal: its size was announced with {n}, so it is read \
                 as data, never as a command.",
            )
            .to_string(),
        rfc: "",
    }
}

// ---- Small parsers. All slicing is at ASCII delimiters found in the same string, so never mid-character. ----

/// Text inside the parentheses that open `text`, and what follows the matching `)`.
fn parenthesised(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if !text.starts_with('(') {
        return None;
    }
    let mut depth = 0usize;
    for (index, byte) in text.bytes().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((text.get(1..index)?, text.get(index + 1..)?));
                }
            }
            _ => {}
        }
    }
    None
}

/// A mailbox name (quoted or bare) and what follows it.
fn mailbox_name(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('"') {
        if let Some(end) = inner.find('"') {
            return (
                inner.get(..end).unwrap_or(""),
                inner.get(end + 1..).unwrap_or(""),
            );
        }
    }
    text.split_once(char::is_whitespace).unwrap_or((text, ""))
}

/// The text right after `keyword` where it appears as a whole item (after a space or "(", before a space).
fn after_item<'a>(text: &'a str, keyword: &str) -> Option<&'a str> {
    let upper = text.to_ascii_uppercase();
    upper
        .match_indices(keyword)
        .find(|(at, _)| {
            let before = at.checked_sub(1).and_then(|i| upper.as_bytes().get(i));
            let after = upper.as_bytes().get(at + keyword.len());
            matches!(before, None | Some(b' ' | b'(')) && matches!(after, Some(b' '))
        })
        .and_then(|(at, _)| text.get(at + keyword.len()..))
}

/// The number right after `keyword`, as in "UID 17" or "MODSEQ (624)".
fn number_after(text: &str, keyword: &str) -> Option<u64> {
    let rest = after_item(text, keyword)?
        .trim_start()
        .trim_start_matches('(');
    number(rest.split(|c: char| !c.is_ascii_digit()).next()?)
}

/// The size in a literal announcement such as `{342}` or `{342+}` at the end of a line.
fn literal_size(text: &str) -> Option<u64> {
    let inner = text.trim_end().strip_suffix('}')?;
    let start = inner.rfind('{')? + 1;
    number(inner.get(start..)?.trim_end_matches('+'))
}

/// The system flags (RFC 3501 §2.3.2) in plain words.
const FLAG_MEANINGS: &[(&str, &str)] = &[
    ("\\seen", en("read")),
    ("\\answered", en("replied")),
    ("\\flagged", en("starred")),
    ("\\deleted", "marked for deletion"),
    ("\\draft", en("draft")),
    ("\\recent", en("recently arrived")),
    ("\\*", en("any new keyword")),
];

/// What a few well-known capabilities are for, so a capability list reads as more than jargon.
const CAPABILITY_MEANINGS: &[(&str, &str)] = &[
    ("IDLE", en("push")),
    ("MOVE", en("move in one step")),
    ("UIDPLUS", en("reports new UIDs")),
    ("CONDSTORE", en("change tracking")),
    ("QRESYNC", en("quick resync")),
    ("ENABLE", en("switch extensions on")),
    ("UNSELECT", en("close without expunging")),
    ("LITERAL+", en("literals without waiting")),
    ("SASL-IR", en("login in one line")),
    ("AUTH=PLAIN", en("login with PLAIN")),
    ("SPECIAL-USE", en("marks Sent, Trash…")),
    ("NAMESPACE", en("where mailboxes live")),
    ("ID", en("client and server names")),
];

/// Items joined as a list: "\Seen, \Flagged" (in Chinese with the enumeration comma, "\Seen、\Flagged").
fn listed(tongue: Tongue, items: impl IntoIterator<Item = String>) -> String {
    items
        .into_iter()
        .reduce(|list, item| tongue.fill("{0}, {1}", &[&list, &item]))
        .unwrap_or_default()
}

/// The parts of one description joined as clauses: "UID 5, size 120 octets" (in Chinese with the comma between
/// clauses, "UID 为 5，大小 120 字节", not the enumeration comma of [`listed`] that may join items inside a part).
fn clauses(tongue: Tongue, parts: &[String]) -> String {
    parts.join(tongue.word(", "))
}

/// Items of a list, each shortened and followed by its meaning when `meanings` knows it (the key compared
/// after `normalised`): "\Seen (read), \Flagged (starred)" and "\Seen（已读）、\Flagged（加星标）".
fn items_described(
    tongue: Tongue,
    items: &[&str],
    meanings: &[(&str, &'static str)],
    normalised: fn(&str) -> String,
) -> String {
    listed(
        tongue,
        items.iter().map(|item| {
            let shown: String = item.chars().take(24).collect();
            let key = normalised(item);
            match meanings.iter().find(|(known, _)| *known == key) {
                Some(&(_, meaning)) => tongue.fill("{0} ({1})", &[&shown, tongue.word(meaning)]),
                None => shown,
            }
        }),
    )
}

/// Flags with their meanings: "\Seen (read), \Flagged (starred)".
fn flags_described(tongue: Tongue, list: &str) -> String {
    let flags: Vec<&str> = list.split_whitespace().take(MAX_ITEMS).collect();
    if flags.is_empty() {
        return tongue.word("no flags").to_string();
    }
    items_described(tongue, &flags, FLAG_MEANINGS, str::to_ascii_lowercase)
}

/// Capabilities with what the well-known ones are for.
fn capabilities_described(tongue: Tongue, list: &str) -> String {
    let capabilities: Vec<&str> = list.split_whitespace().take(MAX_ITEMS * 2).collect();
    if capabilities.is_empty() {
        return tongue.word("nothing listed").to_string();
    }
    items_described(
        tongue,
        &capabilities,
        CAPABILITY_MEANINGS,
        str::to_ascii_uppercase,
    )
}

/// Which messages a sequence set names, e.g. "messages 2 to 5" or "the message with UID 17".
fn set_described(tongue: Tongue, set: &str, by_uid: bool) -> String {
    let (low, high) = set.split_once(':').unwrap_or(("", ""));
    let has_range = set.contains(':') && number(low).is_some();
    // Slots: {0} the single number, {1} and {2} a range's ends, {3} the set quoted. The description always
    // follows a word of the sentence without a space of its own ("获取{0}"), so a language that sets a Latin
    // word apart from its script begins such a translation with the space (" UID 为 {0} 的邮件").
    let template = match (number(set).is_some(), has_range, high) {
        _ if set == "1:*" && by_uid => en("all messages (by UID)"),
        _ if set == "1:*" => en("all messages"),
        (true, ..) if by_uid => en("the message with UID {0}"),
        (true, ..) => en("message {0}"),
        (false, true, "*") if by_uid => en("messages with UID {1} and up"),
        (false, true, "*") => en("messages {1} to the last"),
        (false, true, _) if number(high).is_some() && by_uid => en("messages with UIDs {1} to {2}"),
        (false, true, _) if number(high).is_some() => en("messages {1} to {2}"),
        _ if by_uid => en("the messages with UIDs {3}"),
        _ => en("messages {3}"),
    };
    let shown = |text: &str| number(text).map_or_else(String::new, |n| n.to_string());
    tongue.fill(
        template,
        &[&shown(set), &shown(low), &shown(high), &quoted(tongue, set)],
    )
}

/// The command a reply answers: its verb (after any tag and UID prefix) and whether it used UIDs.
fn answered_verb(answered: &str) -> (String, bool) {
    let mut words = answered
        .split_whitespace()
        .skip(1)
        .map(str::to_ascii_uppercase);
    match words.next() {
        Some(word) if word == "UID" => (words.next().unwrap_or_default(), true),
        Some(word) => (word, false),
        None => (String::new(), false),
    }
}
