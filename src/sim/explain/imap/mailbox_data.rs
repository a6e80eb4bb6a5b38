//! IMAP data about the open mailbox and its messages: `* n EXISTS`, `* n FETCH (…)`, `* LIST`, `* STATUS`.

use super::{
    after_item, answered_verb, clauses, flags_described, literal_size, mailbox_name, number_after,
    parenthesised, MAX_ITEMS,
};
use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::explain::{
    fill, messages, number, quoted, unrecognised, verb_and_rest, Explanation, Template,
    WireProtocol,
};
use crate::sim::session::Direction;

/// `* n EXISTS`, `* n RECENT`, `* n EXPUNGE`, `* n FETCH (…)`.
pub(super) fn numbered(tongue: Tongue, n: u64, tail: &str, answered: &str) -> Explanation {
    let (kind, data) = verb_and_rest(tail);
    let (answered_verb, _) = answered_verb(answered);
    let opening = matches!(answered_verb.as_str(), "SELECT" | "EXAMINE");
    // Slots: {0} the count in words, {1} the number, {2} the number after it.
    let template = match kind.as_str() {
        "EXISTS" if opening && n == 0 => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox is empty: it holds no messages.",
        },
        "EXISTS" if opening && n == 1 => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox holds 1 message, number 1.",
        },
        "EXISTS" if opening => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox holds {0}, numbered 1 to {1}.",
        },
        "EXISTS" => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox now holds {0}; if that is more than before, new mail has arrived. The server says so \
                 without being asked.",
        },
        "RECENT" => &Template {
            rfc: "RFC 3501 §7.3.2",
            en: "Number of “recent” messages, those with the \\Recent flag: {1}. \\Recent means this session is \
                 the first to be told of the message (§2.3.2); if the session has the mailbox open read-write, \
                 later sessions will not see it as recent.",
        },
        "EXPUNGE" => &Template {
            rfc: "RFC 3501 §7.4.1",
            en: "Message {1} has been removed for good. Every message after it moves down by one (message {2} is \
                 now {1}), which is why clients rely on UIDs.",
        },
        "FETCH" => return fetch_response(tongue, n, data, &answered_verb),
        _ => return unrecognised(tongue, WireProtocol::Imap, Direction::ServerToClient, tail),
    };
    fill!(
        tongue,
        template,
        messages(tongue, n),
        n.to_string(),
        n.saturating_add(1).to_string()
    )
}

fn fetch_response(tongue: Tongue, n: u64, data: &str, answered_verb: &str) -> Explanation {
    let flags = after_item(data, "FLAGS")
        .and_then(parenthesised)
        .map(|(inner, _)| inner);
    let number_in = |template: &'static str, value: Option<u64>| {
        value.map(|value| tongue.fill(template, &[&value.to_string()]))
    };
    // An empty list reads "no flags" on its own, not "flags no flags".
    let flags = flags.map(|list| {
        let described = flags_described(tongue, list);
        if list.trim().is_empty() {
            described
        } else {
            tongue.fill("flags {0}", &[&described])
        }
    });
    let found = [
        flags,
        number_in(en("UID {0}"), number_after(data, "UID")),
        number_in(en("size {0} octets"), number_after(data, "RFC822.SIZE")),
        number_in(en("modification number {0}"), number_after(data, "MODSEQ")),
        number_in(
            en("its content follows as a literal of {0} octets"),
            literal_size(data),
        ),
    ];
    let has_flags = found[0].is_some();
    let parts: Vec<String> = found.into_iter().flatten().collect();
    let listed = if parts.is_empty() {
        quoted(tongue, data)
    } else {
        clauses(tongue, &parts)
    };
    // Slots: {0} the message number, {1} what the response lists.
    let template = match answered_verb {
        "FETCH" => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "Message {0}: {1}.",
        },
        "STORE" => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "After the STORE, message {0} has {1}.",
        },
        _ if has_flags => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "Message {0} now has {1}: another device or session changed them, and the server reports it \
                 without being asked, as RFC 3501 §5.2 says it should. This keeps the devices in step.",
        },
        _ => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "News about message {0}: {1}.",
        },
    };
    fill!(tongue, template, n.to_string(), listed)
}

/// The special-use attributes of RFC 6154 §2, which say what a mailbox is for, whatever its name.
const SPECIAL_USES: &[(&str, &str)] = &[
    ("\\sent", en("sent mail")),
    ("\\trash", en("deleted mail")),
    ("\\archive", en("archived mail")),
    ("\\drafts", en("drafts")),
    ("\\junk", en("junk mail")),
    ("\\all", en("every message")),
    ("\\flagged", en("starred messages")),
];

/// A sentence on what the mailbox is for, when its attributes say (RFC 6154 §2), else nothing.
fn special_use(tongue: Tongue, attributes: &str) -> String {
    let lowered = attributes.to_ascii_lowercase();
    SPECIAL_USES
        .iter()
        .find(|(attribute, _)| lowered.split_whitespace().any(|word| word == *attribute))
        .map_or_else(String::new, |&(_, purpose)| {
            tongue.fill(
                " Clients use it for {0}, whatever its name (RFC 6154 §2).",
                &[tongue.word(purpose)],
            )
        })
}

/// `* LIST` or `* LSUB` (`rfc` the section of the one it is).
pub(super) fn list_response(tongue: Tongue, tail: &str, rfc: &'static str) -> Explanation {
    let (attributes, rest) = parenthesised(tail).unwrap_or(("", tail));
    let (delimiter, rest) = mailbox_name(rest);
    let (name, _) = mailbox_name(rest);
    let no_select = attributes.to_ascii_lowercase().contains("\\noselect");
    let attributes_shown = if attributes.trim().is_empty() {
        String::new()
    } else {
        tongue.fill(" ({0})", &[&quoted(tongue, attributes)])
    };
    let purpose = if no_select {
        tongue
            .word(" It cannot be opened; it only holds other mailboxes.")
            .to_string()
    } else {
        special_use(tongue, attributes)
    };
    let levels = if delimiter.eq_ignore_ascii_case("NIL") || delimiter.is_empty() {
        String::new()
    } else {
        tongue.fill(
            " {0} separates levels, as in “Work{1}2024”.",
            &[&quoted(tongue, delimiter), delimiter],
        )
    };
    fill!(
        tongue,
        &Template {
            rfc,
            en: "One mailbox: {0}{1}.{2}{3}",
        },
        quoted(tongue, name),
        attributes_shown,
        purpose,
        levels,
    )
}

/// The items a STATUS response reports, in plain words: {0} is the value.
const STATUS_ITEMS: &[(&str, &str)] = &[
    ("MESSAGES", "{0} messages"),
    ("UNSEEN", en("{0} unread")),
    ("RECENT", en("{0} recent")),
    ("UIDNEXT", en("next UID {0}")),
    ("UIDVALIDITY", en("UIDVALIDITY {0}")),
    ("HIGHESTMODSEQ", en("highest modification number {0}")),
];

pub(super) fn status_response(tongue: Tongue, tail: &str) -> Explanation {
    let (name, rest) = mailbox_name(tail);
    let items = parenthesised(rest).map_or(rest, |(inner, _)| inner);
    let words: Vec<&str> = items.split_whitespace().take(MAX_ITEMS * 2).collect();
    let mut reported = Vec::new();
    for pair in words.chunks(2) {
        let item = pair.first().copied().unwrap_or("").to_ascii_uppercase();
        let value: String = pair
            .get(1)
            .copied()
            .unwrap_or("")
            .chars()
            .take(24)
            .collect();
        let known = STATUS_ITEMS.iter().find(|(known, _)| *known == item);
        reported.push(match (known, number(&value)) {
            // A count reads "1 message", not "1 messages".
            (Some(_), Some(count)) if item == "MESSAGES" => messages(tongue, count),
            (Some(&(_, reads)), _) => tongue.fill(reads, &[&value]),
            // Unknown items are shown as they came, the name quoted: no words to translate.
            (None, _) => quoted(tongue, &item) + " " + &value,
        });
    }
    fill!(
        tongue,
        &Template {
            rfc: "RFC 3501 §7.2.4",
            en: "Mailbox {0}, without opening it: {1}.",
        },
        quoted(tongue, name),
        clauses(tongue, &reported),
    )
}
