//! POP3 server replies: `+OK` or `-ERR` with a text, the lines of a multi-line list, and message content.

use super::message;
use crate::i18n::en;
use crate::i18n::{capitalized, Tongue};
use crate::sim::explain::{
    dot_stuffed, fill, message_content, messages, number, plain, quoted, redacted, unrecognised,
    verb_and_rest, Explanation, LineContext, Template, WireProtocol,
};
use crate::sim::session::Direction;

/// The first two whole numbers in a reply text, as in "+OK 2 320" or "maildrop has 2 messages (320 octets)".
fn two_numbers(text: &str) -> (Option<u64>, Option<u64>) {
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|piece| !piece.is_empty())
        .filter_map(number);
    (numbers.next(), numbers.next())
}

const LIST_FOLLOWS: Template = Template {
    rfc: "RFC 1939 §5",
    en: "+OK: a list follows, one line per item, ending with a line holding only “.”.",
};

pub(super) fn reply(tongue: Tongue, line: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    let (answered_verb, answered_rest) = verb_and_rest(answered);
    let answered_first = answered_rest.split_whitespace().next().unwrap_or("");
    let carries_message = matches!(answered_verb.as_str(), "RETR" | "TOP");

    if line == "." {
        return end_of_list(tongue, &answered_verb, answered_first);
    }
    // Followed from the transcript, a line is content exactly when the tracker says so; on its own, a line
    // after RETR or TOP that is no status line is taken for content.
    let guessed_content = !context.facts.tracked
        && carries_message
        && !line.starts_with("+OK")
        && !line.starts_with("-ERR");
    if context.in_content || guessed_content {
        if line.starts_with("..") {
            return dot_stuffed(tongue, "RFC 1939 §3");
        }
        return message_content(tongue, line, context.facts.in_body);
    }
    if let Some(text) = line.strip_prefix("-ERR") {
        return failure(tongue, text.trim(), answered);
    }
    if line == "+" || line.starts_with("+ ") {
        return fill!(
                tongue,
            &Template {
                rfc: "RFC 5034 §4",
                en: "+: a login challenge. The server waits for the client's next step of the AUTH exchange, sent \
                     in base64 on one line (for PLAIN the challenge is empty).",
            },
        );
    }
    let Some(text) = line.strip_prefix("+OK").map(str::trim) else {
        return list_line(tongue, line, &answered_verb);
    };
    if context.greeting || (!context.facts.tracked && answered.is_empty() && text.contains('<')) {
        return greeting(tongue, text);
    }
    let (first, second) = two_numbers(text);
    let [first_shown, second_shown] = [first, second].map(|n| n.map(|n| n.to_string()));
    let both = first_shown.as_deref().zip(second_shown.as_deref());
    match answered_verb.as_str() {
        "USER" => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §7",
                en: "+OK: the server takes the name and waits for the password (PASS). This does not say the \
                     mailbox exists: a server may answer +OK to any name, and Mailroom does, because a -ERR here \
                     would tell attackers which names are valid (§13). Only PASS decides.",
            },
        ),
        "PASS" | "APOP" => {
            let holds = match (first, both) {
                (Some(count), Some((_, octets))) => tongue.fill(
                    " The mailbox holds {0}, {1} octets.",
                    &[&messages(tongue, count), octets],
                ),
                _ => String::new(),
            };
            fill!(
                tongue,
                &Template {
                    rfc: "RFC 1939 §4",
                    en: "+OK: logged in.{0} The server locks the mailbox for this session; the client is now in \
                         the TRANSACTION state and may read and mark messages.",
                },
                holds,
            )
        }
        "STAT" => match (first, both) {
            (Some(count), Some((count_shown, octets))) => fill!(
                tongue,
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK {1} {2}: the mailbox holds {0}, {2} octets (bytes) in total. Messages marked for \
                         deletion are not counted.",
                },
                messages(tongue, count),
                count_shown,
                octets,
            ),
            _ => ok_generic(tongue, &answered_verb),
        },
        "LIST" if !answered_first.is_empty() => match both {
            Some((message, octets)) => fill!(
                tongue,
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK: message {0} is {1} octets (bytes) long.",
                },
                message,
                octets,
            ),
            _ => ok_generic(tongue, &answered_verb),
        },
        "UIDL" if !answered_first.is_empty() => {
            let mut words = text.split_whitespace();
            let (message, id) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            unique_id(tongue, message, id, true)
        }
        "LIST" => fill!(tongue, &LIST_FOLLOWS),
        "UIDL" => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §7",
                ..LIST_FOLLOWS
            },
        ),
        "CAPA" => fill!(
                tongue,
            &Template {
                rfc: "RFC 2449 §5",
                ..LIST_FOLLOWS
            },
        ),
        "RETR" | "TOP" => {
            let size = match first_shown.as_deref() {
                Some(octets) if text.to_ascii_lowercase().contains("octet") => {
                    tongue.fill(" ({0} octets)", &[octets])
                }
                _ => String::new(),
            };
            // Two sentences, not a piece for "the headers and first lines of": a language may put what is
            // sent around the message ("第 1 封邮件的信头和正文开头", "第 1 封邮件的全文").
            let template = if answered_verb == "TOP" {
                &Template {
                    rfc: "RFC 1939 §7",
                    en: "+OK: here comes the headers and first lines of {0}{1}, line by line, until a line \
                         holding only “.”.",
                }
            } else {
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK: here comes {0}{1}, line by line, until a line holding only “.”.",
                }
            };
            fill!(tongue, template, message(tongue, answered_first), size)
        }
        "DELE" => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: {0} is marked for deletion. It disappears from listings now but is only deleted at \
                     QUIT; RSET would undo it.",
            },
            message(tongue, answered_first),
        ),
        "RSET" => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: all deletion marks are removed; every message is back.",
            },
        ),
        "NOOP" => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: the server is still there.",
            },
        ),
        "QUIT" => quit_ok(tongue, text, context),
        _ => ok_generic(tongue, &answered_verb),
    }
}

/// `+OK` to QUIT: what the server did depends on whether the client had logged in and marked messages.
fn quit_ok(tongue: Tongue, text: &str, context: &LineContext) -> Explanation {
    let facts = context.facts;
    let template = if !facts.tracked {
        // Without the transcript's facts (a line explained on its own), say what either state would do.
        &Template {
            rfc: "RFC 1939 §6",
            en: "+OK: goodbye ({0}). After a login, this is the UPDATE state: the messages marked with DELE \
                 are removed and the mailbox lock is released; before a login, nothing changes.",
        }
    } else if !facts.logged_in {
        &Template {
            rfc: "RFC 1939 §4",
            en: "+OK: goodbye ({0}). The client never logged in, so the session ends without the UPDATE \
                 state: nothing in the mailbox changes.",
        }
    } else if facts.marked_for_deletion == 0 {
        &Template {
            rfc: "RFC 1939 §6",
            en: "+OK: goodbye ({0}). This is the UPDATE state, but no message was marked with DELE, so none is \
                 removed; the mailbox lock is released.",
        }
    } else {
        &Template {
            rfc: "RFC 1939 §6",
            en: "+OK: goodbye ({0}). This is the UPDATE state: {1} now removed, and +OK says that worked; the \
                 mailbox lock is released.",
        }
    };
    let marked = tongue.count(
        usize::try_from(facts.marked_for_deletion).unwrap_or(usize::MAX),
        "the message marked with DELE in this session is",
        "the {0} messages marked with DELE in this session are",
    );
    fill!(tongue, template, quoted(tongue, text), marked)
}

fn ok_generic(tongue: Tongue, answered_verb: &str) -> Explanation {
    let template = if answered_verb.is_empty() {
        &Template {
            rfc: "RFC 1939 §3",
            en: "+OK: the command succeeded.",
        }
    } else {
        &Template {
            rfc: "RFC 1939 §3",
            en: "+OK: the {0} command succeeded.",
        }
    };
    fill!(tongue, template, quoted(tongue, answered_verb))
}

fn greeting(tongue: Tongue, text: &str) -> Explanation {
    let timestamp = text
        .find('<')
        .and_then(|start| Some((start, text.get(start..)?.find('>')? + start)))
        .and_then(|(start, end)| text.get(start..=end));
    match timestamp {
        Some(timestamp) => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §7",
                en: "+OK: the server is ready. {0} is a one-time timestamp: APOP logs in by hashing it with the \
                     password, so the password never crosses the wire.",
            },
            quoted(tongue, timestamp),
        ),
        None => fill!(
                tongue,
            &Template {
                rfc: "RFC 1939 §4",
                en: "+OK: the server is ready and waits for the client to log in (the AUTHORIZATION state).",
            },
        ),
    }
}

fn failure(tongue: Tongue, text: &str, answered: &str) -> Explanation {
    let code = text
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .map(|(code, _)| code.to_ascii_uppercase())
        .unwrap_or_default();
    let template = match code.as_str() {
        "IN-USE" => &Template {
            rfc: "RFC 2449 §8.1.2",
            en: "-ERR [IN-USE]: the mailbox is locked, usually because another session has it open. POP3 locks a \
                 mailbox for a session (RFC 1939 §4) so that no one else changes it meanwhile. Try again later.",
        },
        "AUTH" => &Template {
            rfc: "RFC 3206 §5",
            en: "-ERR [AUTH]: login refused because of a problem with the credentials (a wrong password or an \
                 unknown user name, for example), not because of a server fault.",
        },
        _ if verb_and_rest(answered).0 == "QUIT" => &Template {
            rfc: "RFC 1939 §6",
            en: "-ERR to QUIT: in the UPDATE state the server could not remove all the messages marked for \
                 deletion ({0}). The session ends anyway and the mailbox lock is released.",
        },
        _ if answered.trim().is_empty() => &Template {
            rfc: "RFC 1939 §3",
            en: "-ERR: something failed ({0}). The session goes on.",
        },
        _ => &Template {
            rfc: "RFC 1939 §3",
            en: "-ERR: the command {1} failed ({0}). Nothing changed; the session goes on.",
        },
    };
    fill!(
        tongue,
        template,
        quoted(tongue, text),
        redacted(tongue, answered)
    )
}

/// A line inside a multi-line reply to LIST, UIDL or CAPA.
fn list_line(tongue: Tongue, line: &str, answered_verb: &str) -> Explanation {
    let mut words = line.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    match answered_verb {
        "LIST" if number(first).is_some() && number(second).is_some() => fill!(
            tongue,
            &Template {
                rfc: "RFC 1939 §5",
                en: "Message {0} is {1} octets (bytes) long.",
            },
            plain(tongue, first),
            plain(tongue, second),
        ),
        "UIDL" if number(first).is_some() && !second.is_empty() => {
            unique_id(tongue, first, second, false)
        }
        "CAPA" => capability(tongue, line),
        _ => unrecognised(tongue, WireProtocol::Pop3, Direction::ServerToClient, line),
    }
}

/// A message's unique ID, in a +OK to UIDL for one message (`ok`) or a line of UIDL's list.
fn unique_id(tongue: Tongue, message_number: &str, id: &str, ok: bool) -> Explanation {
    let template = if ok {
        &Template {
            rfc: "RFC 1939 §7",
            en: "+OK: {0} has the unique ID {1}. A message number holds for this session only; the ID persists \
                 across sessions, so the client can recognise the message next time.",
        }
    } else {
        &Template {
            rfc: "RFC 1939 §7",
            en: "{0} has the unique ID {1}. A message number holds for this session only; the ID persists \
                 across sessions, so the client can recognise the message next time.",
        }
    };
    // The message starts the sentence after "+OK: " too, as the reply's own text would.
    fill!(
        tongue,
        template,
        capitalized(&message(tongue, message_number)),
        quoted(tongue, id),
    )
}

/// Each CAPA line a lesson meets: its name, what it tells the client, and where it is defined.
const CAPABILITIES: &[(&str, &str, &str)] = &[
    (
        "TOP",
        en("the TOP command (preview a message) works"),
        "RFC 2449 §6.1",
    ),
    (
        "USER",
        en("login with USER and PASS works"),
        "RFC 2449 §6.2",
    ),
    (
        "SASL",
        en("logging in with AUTH works, using these methods"),
        "RFC 2449 §6.3",
    ),
    (
        "RESP-CODES",
        en("errors carry codes in brackets, like [IN-USE]"),
        "RFC 2449 §6.4",
    ),
    (
        "LOGIN-DELAY",
        en("the minimum wait between logins, in seconds"),
        "RFC 2449 §6.5",
    ),
    (
        "PIPELINING",
        en("the client may send several commands without waiting"),
        "RFC 2449 §6.6",
    ),
    (
        "EXPIRE",
        en("how many days the server keeps a message after a client has downloaded it (NEVER: it does not delete them)"),
        "RFC 2449 §6.7",
    ),
    (
        "UIDL",
        en("the UIDL command (message IDs that persist across sessions) works"),
        "RFC 2449 §6.8",
    ),
    (
        "IMPLEMENTATION",
        en("the name of the server software"),
        "RFC 2449 §6.9",
    ),
    (
        "STLS",
        en("the connection can be switched to encryption"),
        "RFC 2595 §4",
    ),
    (
        "AUTH-RESP-CODE",
        en("a login refused because of the credentials says so with [AUTH]"),
        "RFC 3206 §6",
    ),
];

/// One line of the CAPA list.
fn capability(tongue: Tongue, line: &str) -> Explanation {
    let (name, argument) = verb_and_rest(line);
    let Some(&(_, meaning, rfc)) = CAPABILITIES.iter().find(|(known, ..)| *known == name) else {
        return fill!(
            tongue,
            &Template {
                rfc: "RFC 2449 §5",
                en: "The server supports {0}, an extension this explanation does not cover.",
            },
            quoted(tongue, line),
        );
    };
    // The argument follows the name as on the wire, after a space.
    let shown_argument = if argument.is_empty() {
        String::new()
    } else {
        " ".to_string() + &quoted(tongue, argument)
    };
    fill!(
        tongue,
        &Template {
            rfc,
            en: "Capability {0}{1}: {2}.",
        },
        name,
        shown_argument,
        tongue.word(meaning),
    )
}

/// The lone "." that ends a multi-line reply.
fn end_of_list(tongue: Tongue, answered_verb: &str, answered_first: &str) -> Explanation {
    match answered_verb {
        "RETR" | "TOP" => fill!(
            tongue,
            &Template {
                rfc: "RFC 1939 §3",
                en: "A line holding only “.”: the end of {0}.",
            },
            message(tongue, answered_first),
        ),
        _ => fill!(
            tongue,
            &Template {
                rfc: "RFC 1939 §3",
                en: "A line holding only “.”: the end of this multi-line reply.",
            },
        ),
    }
}
