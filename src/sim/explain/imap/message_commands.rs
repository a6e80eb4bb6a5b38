//! IMAP FETCH and STORE: the commands that read a message's parts or change its flags, with or without UID.

use super::{flags_described, number_after, parenthesised, set_described, MAX_ITEMS};
use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::explain::{fill, quoted, verb_and_rest, Explanation, Template};

/// The note when a command uses UIDs, else nothing.
fn uid_note(tongue: Tongue, by_uid: bool) -> &'static str {
    if by_uid {
        tongue.word(
            " UID prefix: these numbers are UIDs, which stay the same as long as the mailbox's UIDVALIDITY does \
             (RFC 3501 §2.3.1.1), not sequence numbers, which shift after EXPUNGE.",
        )
    } else {
        ""
    }
}

/// FETCH items that are one word, in plain words.
const FETCH_ITEMS: &[(&str, &str)] = &[
    ("FLAGS", en("flags (read, starred…)")),
    ("UID", en("UID (unique number)")),
    ("RFC822.SIZE", en("size in octets")),
    ("ENVELOPE", en("envelope (sender, subject, date)")),
    ("INTERNALDATE", en("arrival time")),
    ("BODYSTRUCTURE", en("MIME structure (parts, attachments)")),
    ("BODY", en("MIME structure (parts, attachments)")),
    ("MODSEQ", en("modification number (MODSEQ)")),
    (
        "RFC822",
        en("the whole message, which marks it \\Seen (read)"),
    ),
    ("RFC822.HEADER", "the headers"),
    ("ALL", en("a standard summary (flags, date, size…)")),
    ("FAST", en("a standard summary (flags, date, size…)")),
    ("FULL", en("a standard summary (flags, date, size…)")),
];

/// One requested FETCH item, described.
fn fetch_item(tongue: Tongue, item: &str) -> Option<String> {
    let upper = item.to_ascii_uppercase();
    let (peek, section) = if let Some(section) = upper.strip_prefix("BODY.PEEK[") {
        (true, section)
    } else if let Some(section) = upper.strip_prefix("BODY[") {
        (false, section)
    } else {
        let &(_, meaning) = FETCH_ITEMS.iter().find(|(known, _)| *known == upper)?;
        return Some(tongue.word(meaning).to_string());
    };
    let section = section.split(']').next().unwrap_or("");
    let what = if section.is_empty() {
        tongue.word("the whole message").to_string()
    } else if section.starts_with("HEADER") {
        tongue.word("the headers").to_string()
    } else {
        tongue.fill("part {0}", &[&quoted(tongue, section)])
    };
    // BODY[] sets \Seen as a side effect; BODY.PEEK[] does not (RFC 3501 §6.4.5).
    let template = if peek {
        en("{0} without marking it read (PEEK)")
    } else {
        en("{0}, which marks it \\Seen (read)")
    };
    Some(tongue.fill(template, &[&what]))
}

/// FETCH; `read_only` when the transcript shows the mailbox was opened read-only, where no fetch sets \Seen.
pub(super) fn fetch(tongue: Tongue, arguments: &str, by_uid: bool, read_only: bool) -> Explanation {
    let (set, items) = arguments
        .split_once(char::is_whitespace)
        .unwrap_or((arguments, ""));
    let (items, modifiers) = parenthesised(items).unwrap_or((items, ""));
    let mut described: Vec<String> = Vec::new();
    // Items are words, except that "BODY[HEADER.FIELDS (FROM)]" holds spaces and parentheses of its own.
    let mut sets_seen = false;
    for word in items.split_whitespace().take(MAX_ITEMS) {
        let upper = word.to_ascii_uppercase();
        sets_seen |= upper.starts_with("BODY[") || upper == "RFC822" || upper == "RFC822.TEXT";
        if let Some(item) = fetch_item(tongue, word) {
            if !described.contains(&item) {
                described.push(item);
            }
        }
    }
    let described = described
        .into_iter()
        .reduce(|list, item| tongue.fill("{0}; {1}", &[&list, &item]))
        .unwrap_or_else(|| quoted(tongue, items));
    let changed_since = number_after(modifiers, "CHANGEDSINCE");
    let since = match changed_since {
        Some(modseq) => tongue.fill(
            " Only messages changed since modification number {0} are returned (CONDSTORE), so the client gets \
             just what is new.",
            &[&modseq.to_string()],
        ),
        None => String::new(),
    };
    // EXAMINE permits no change, \Seen included (RFC 3501 §6.3.2).
    let read_only_note = if sets_seen && read_only {
        tongue.word(" The mailbox is open read-only (EXAMINE), so \\Seen is not set.")
    } else {
        ""
    };
    fill!(
        tongue,
        &Template {
            rfc: match (changed_since, by_uid) {
                (Some(_), _) => "RFC 7162 §3.1.4.1",
                (None, true) => "RFC 3501 §6.4.8",
                (None, false) => "RFC 3501 §6.4.5",
            },
            en: "Fetches {0}: {1}.{2}{3}{4}",
        },
        set_described(tongue, set, by_uid),
        described,
        read_only_note,
        since,
        uid_note(tongue, by_uid),
    )
}

pub(super) fn store(tongue: Tongue, arguments: &str, by_uid: bool) -> Explanation {
    let (set, rest) = arguments
        .split_once(char::is_whitespace)
        .unwrap_or((arguments, ""));
    // An optional "(UNCHANGEDSINCE n)" modifier comes before the operation.
    let rest = parenthesised(rest).map_or(rest, |(_, after)| after);
    let (operation, flags) = verb_and_rest(rest);
    let flags = parenthesised(flags).map_or(flags, |(inner, _)| inner);
    let silent = operation.ends_with(".SILENT");
    // Slots: {0} the flags, {1} the messages, {2} the operation quoted.
    let no_flags = flags.trim().is_empty();
    let action = match operation.trim_end_matches(".SILENT") {
        "+FLAGS" | "-FLAGS" if no_flags => {
            en("Names no flags for {1}: an empty list changes nothing.")
        }
        "FLAGS" if no_flags => en("Removes every flag of {1}: the new list is empty."),
        "+FLAGS" => en("Adds {0} to {1}."),
        "-FLAGS" => en("Removes {0} from {1}."),
        "FLAGS" => en("Replaces the flags of {1} with {0}."),
        _ => en("Changes the flags of {1} ({2})."),
    };
    let action = tongue.fill(
        action,
        &[
            &flags_described(tongue, flags),
            &set_described(tongue, set, by_uid),
            &quoted(tongue, rest),
        ],
    );
    let deleting = operation.starts_with('+') && flags.to_ascii_lowercase().contains("\\deleted");
    let deleted_note = if deleting {
        tongue.word(" \\Deleted only marks: EXPUNGE or CLOSE removes the message later.")
    } else {
        ""
    };
    let reply_note = tongue.word(if silent {
        en(" .SILENT: the server does not send the new flags back.")
    } else {
        en(" The server answers with the new flags (* n FETCH).")
    });
    fill!(
        tongue,
        &Template {
            rfc: if by_uid {
                "RFC 3501 §6.4.8"
            } else {
                "RFC 3501 §6.4.6"
            },
            en: "{0}{1} Flags live on the server, so every device sees the change.{2}{3}",
        },
        action,
        deleted_note,
        reply_note,
        uid_note(tongue, by_uid),
    )
}
