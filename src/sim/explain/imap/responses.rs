//! IMAP server responses: untagged `*` data, `+` continuations, and the tagged result of each command.

use super::response_codes::response_code;
use super::{
    answered_verb, capabilities_described, flags_described, literal_size, mailbox_data,
    parenthesised,
};
use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::explain::{
    fill, number, quoted, redacted, referenced, unrecognised, verb_and_rest, Explanation,
    LineContext, MailboxAccess, Template, WireProtocol,
};
use crate::sim::session::Direction;

pub(super) fn response(tongue: Tongue, line: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    if let Some(rest) = line.strip_prefix('*') {
        // A line explained on its own may be taken for a greeting by its look; a followed one never is.
        let greeting_by_look = !context.facts.tracked && answered.is_empty();
        return untagged(
            tongue,
            rest.trim_start(),
            answered,
            context.greeting,
            greeting_by_look,
        );
    }
    if let Some(rest) = line.strip_prefix('+') {
        return continuation(tongue, rest.trim(), answered);
    }
    if line.trim_start().starts_with(')') {
        return fill!(
            tongue,
            &Template {
                rfc: "RFC 3501 §7.4.2",
                en: "Closes the FETCH response whose message data came just before.",
            },
        );
    }
    let mut words = line.splitn(3, ' ');
    let (tag, status, text) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
    );
    match status.to_ascii_uppercase().as_str() {
        "OK" | "NO" | "BAD" if !tag.is_empty() => {
            tagged(tongue, tag, &status.to_ascii_uppercase(), text, context)
        }
        _ => unrecognised(tongue, WireProtocol::Imap, Direction::ServerToClient, line),
    }
}

fn continuation(tongue: Tongue, text: &str, answered: &str) -> Explanation {
    let (verb, _) = answered_verb(answered);
    let size = literal_size(answered);
    let template = if verb == "AUTHENTICATE" {
        &Template {
            rfc: "RFC 3501 §6.2.2",
            en: "+: a login challenge. The server waits for the client's next step of AUTHENTICATE, in base64 on \
                 one line (for PLAIN the challenge is empty).",
        }
    } else if verb == "IDLE" {
        &Template {
            rfc: "RFC 2177 §3",
            en: "+: the server confirms IDLE. Until the client sends DONE, the server is free to send updates \
                 (new mail, deletions, flag changes) at any time, as they happen.",
        }
    } else if size.is_some() {
        &Template {
            rfc: "RFC 3501 §7.5",
            en: "+: go ahead. The server is ready for the {1} octets the client announced with {{1}}.",
        }
    } else {
        &Template {
            rfc: "RFC 3501 §7.5",
            en: "+: the server waits for the client to continue the command ({0}).",
        }
    };
    let size = size.map_or_else(String::new, |size| size.to_string());
    fill!(tongue, template, quoted(tongue, text), size)
}

/// `[CODE …] text` split into the code and the human text.
fn split_code(text: &str) -> (Option<&str>, &str) {
    match text
        .trim_start()
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
    {
        Some((code, rest)) => (Some(code), rest.trim()),
        None => (None, text.trim()),
    }
}

fn untagged(
    tongue: Tongue,
    rest: &str,
    answered: &str,
    greeting: bool,
    greeting_by_look: bool,
) -> Explanation {
    let (first, tail) = verb_and_rest(rest);
    if let Some(n) = number(&first) {
        return mailbox_data::numbered(tongue, n, tail, answered);
    }
    let (answered_verb, answered_by_uid) = answered_verb(answered);
    // Slots: {0} the data described, {1} the data quoted.
    let (described, template) = match first.as_str() {
        "OK" | "NO" | "BAD" | "PREAUTH" | "BYE" => {
            let (code, text) = split_code(tail);
            let is_greeting = greeting
                || (greeting_by_look
                    && code.is_some_and(|c| c.to_ascii_uppercase().starts_with("CAPABILITY")));
            return untagged_status(tongue, &first, code, text, is_greeting, &answered_verb);
        }
        "LIST" => return mailbox_data::list_response(tongue, tail, "RFC 3501 §7.2.2"),
        "LSUB" => return mailbox_data::list_response(tongue, tail, "RFC 3501 §7.2.3"),
        "STATUS" => return mailbox_data::status_response(tongue, tail),
        "FLAGS" => (
            flags_described(tongue, parenthesised(tail).map_or(tail, |(inner, _)| inner)),
            Template {
                rfc: "RFC 3501 §7.2.6",
                en: "The flags used in this mailbox: {0}.",
            },
        ),
        "SEARCH" if tail.split_whitespace().next().is_none() => (
            String::new(),
            Template {
                rfc: "RFC 3501 §7.2.5",
                en: "No message matches the search.",
            },
        ),
        "SEARCH" => {
            let what = tongue.word(if answered_by_uid { en("UIDs") } else { en("message numbers") });
            let numbers = tail.split_whitespace().collect::<Vec<_>>().join(" ");
            return fill!(
                tongue,
                &Template {
                    rfc: "RFC 3501 §7.2.5",
                    en: "The {0} matching the search: {1}.",
                },
                what,
                quoted(tongue, &numbers),
            );
        }
        "CAPABILITY" => (
            capabilities_described(tongue, tail),
            Template {
                rfc: "RFC 3501 §7.2.1",
                en: "The server lists what it can do: {0}.",
            },
        ),
        "VANISHED" => {
            let earlier = tail
                .get(..9)
                .is_some_and(|head| head.eq_ignore_ascii_case("(EARLIER)"));
            let uids = if earlier {
                tail.get(9..).unwrap_or("").trim()
            } else {
                tail
            };
            let template = if earlier {
                Template {
                    rfc: "RFC 7162 §3.2.10",
                    en: "VANISHED (EARLIER): the messages with UIDs {0} were removed before now, not just now (for \
                         example while the client was away); it should drop them from its copy.",
                }
            } else {
                Template {
                    rfc: "RFC 7162 §3.2.10",
                    en: "The messages with UIDs {0} were just removed, like EXPUNGE but named by UID.",
                }
            };
            return fill!(tongue, &template, quoted(tongue, uids));
        }
        "NAMESPACE" => (
            String::new(),
            Template {
                rfc: "RFC 2342 §5",
                en: "The server's namespaces, in order: the user's own mailboxes, other users', shared ones (NIL \
                     where there are none), each with its prefix and hierarchy delimiter: {1}.",
            },
        ),
        "ID" => (
            String::new(),
            Template {
                rfc: "RFC 2971 §3.2",
                en: "The server's name, version and the like, or NIL: {1}. Only for statistics and bug reports.",
            },
        ),
        "ENABLED" => (
            String::new(),
            Template {
                rfc: "RFC 5161 §3.2",
                en: "The server confirms these extensions are now on: {1}.",
            },
        ),
        _ => return unrecognised(tongue, WireProtocol::Imap, Direction::ServerToClient, rest),
    };
    fill!(tongue, &template, described, quoted(tongue, tail))
}

fn untagged_status(
    tongue: Tongue,
    status: &str,
    code: Option<&str>,
    text: &str,
    greeting: bool,
    answered_verb: &str,
) -> Explanation {
    let explained_code = code.and_then(|code| response_code(tongue, code));
    if !greeting {
        if let Some((text, rfc)) = explained_code {
            return referenced(tongue, text, rfc);
        }
    }
    // Slots: {0} the server's text quoted, {1} a greeting's code explained.
    let template = match status {
        "PREAUTH" if greeting => &Template {
            rfc: "RFC 3501 §7.1.4",
            en: "The server greets the client and has already logged it in (PREAUTH).",
        },
        "BYE" if greeting => &Template {
            rfc: "RFC 3501 §7.1.5",
            en: "The server refuses the connection ({0}).",
        },
        _ if greeting => &Template {
            rfc: "RFC 3501 §7.1.1",
            // Without a code the space is trimmed from the end.
            en: "The server greets the client and is ready for it to log in. {1}",
        },
        "BYE" if answered_verb == "LOGOUT" => &Template {
            rfc: "RFC 3501 §7.1.5",
            en: "BYE: the server says goodbye because the client logged out; the connection closes.",
        },
        "BYE" => &Template {
            rfc: "RFC 3501 §7.1.5",
            en: "BYE: the server is closing the connection ({0}), perhaps shutting down or idle too long.",
        },
        "NO" => &Template {
            rfc: "RFC 3501 §7.1.2",
            en: "A warning from the server: {0}.",
        },
        "BAD" => &Template {
            rfc: "RFC 3501 §7.1.3",
            en: "The server reports a problem it cannot tie to one command: {0}.",
        },
        _ => &Template {
            rfc: "RFC 3501 §7.1.1",
            en: "A note from the server: {0}.",
        },
    };
    let code = explained_code.map_or_else(String::new, |(text, _)| text);
    fill!(tongue, template, quoted(tongue, text), code)
}

/// What a successful command leaves behind, for the commands that change the session's state.
const AFTER_OK: &[(&str, &str)] = &[
    (
        "LOGIN",
        en("The client is logged in and can open mailboxes."),
    ),
    (
        "AUTHENTICATE",
        en("The client is logged in and can open mailboxes."),
    ),
    ("SELECT", en("The mailbox is now open.")),
    ("EXAMINE", en("The mailbox is now open.")),
    ("LOGOUT", en("The connection now closes.")),
    (
        "IDLE",
        en("IDLE is over; the client may send commands again."),
    ),
    ("EXPUNGE", en("Every message marked \\Deleted is gone.")),
];

/// What an OK to CLOSE leaves: \\Deleted messages removed only if the mailbox was open read-write (RFC 3501
/// §6.4.2), which the transcript tells.
fn after_close(context: &LineContext) -> &'static str {
    match (context.facts.tracked, context.facts.selected) {
        (true, Some(MailboxAccess::ReadWrite)) => {
            en("The mailbox was open read-write, so the messages marked \\Deleted in it were removed, without \
             EXPUNGE responses. No mailbox is selected now.")
        }
        (true, Some(MailboxAccess::ReadOnly)) => {
            en("The mailbox was open read-only (EXAMINE), so nothing was removed. No mailbox is selected now.")
        }
        _ => {
            en("No mailbox is selected now. If it was open read-write, its messages marked \\Deleted were removed \
             without EXPUNGE responses; after EXAMINE nothing was removed.")
        }
    }
}

fn tagged(
    tongue: Tongue,
    tag: &str,
    status: &str,
    text: &str,
    context: &LineContext,
) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    let (code, text) = split_code(text);
    let (verb, by_uid) = answered_verb(answered);
    let command = if answered.trim().is_empty() {
        tongue.word("its command").to_string()
    } else {
        tongue.fill("the command {0}", &[&redacted(tongue, answered)])
    };
    let after = if verb == "CLOSE" {
        after_close(context)
    } else if verb == "EXPUNGE" && by_uid {
        en("The messages it named that were marked \\Deleted are gone; others stay.")
    } else {
        AFTER_OK
            .iter()
            .find(|(known, _)| *known == verb)
            .map_or("", |&(_, after)| after)
    };
    // Slots: {0} the tag quoted, {1} the command, {2} what success leaves, {3} the text quoted.
    let template = match status {
        "OK" if verb == "CLOSE" => Template {
            rfc: "RFC 3501 §6.4.2",
            en: "The reply tagged {0} says {1} succeeded. {2}",
        },
        "OK" if verb == "EXPUNGE" && by_uid => Template {
            rfc: "RFC 4315 §2.1",
            en: "The reply tagged {0} says {1} succeeded. {2}",
        },
        "OK" => Template {
            rfc: "RFC 3501 §7.1.1",
            en: "The reply tagged {0} says {1} succeeded. {2}",
        },
        "NO" => Template {
            rfc: "RFC 3501 §7.1.2",
            en: "The reply tagged {0} says {1} failed: {3}. The server understood it but could not do it.",
        },
        _ => Template {
            rfc: "RFC 3501 §7.1.3",
            en: "The reply tagged {0} rejects {1}: a syntax error, an unknown command, or one not allowed right \
                 now ({3}).",
        },
    };
    let said = tongue.fill(
        template.en,
        &[
            &quoted(tongue, tag),
            &command,
            tongue.word(after),
            &quoted(tongue, text),
        ],
    );
    // A response code explains more precisely than the status, so its reference is the one cited.
    match code.and_then(|code| response_code(tongue, code)) {
        Some((code_said, rfc)) => {
            referenced(tongue, tongue.fill("{0} {1}", &[&said, &code_said]), rfc)
        }
        None => referenced(tongue, said, template.rfc),
    }
}
