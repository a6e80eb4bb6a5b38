//! POP3 (RFC 1939, extensions RFC 2449): download mail, then usually delete it from the server. Replies start
//! with `+OK` or `-ERR`; lists and messages end with a line holding only ".". Client commands are explained
//! here, server replies in `replies`.

mod replies;
#[cfg(test)]
mod tests;

use super::{
    fill, number, plain, quoted, sasl_answer, sasl_command, shortened, unrecognised, verb_and_rest,
    Explanation, LineContext, Template, WireProtocol,
};
use crate::i18n::Tongue;
use crate::sim::session::Direction;

pub(super) fn explain(
    tongue: Tongue,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explanation {
    match direction {
        Direction::ClientToServer if context.facts.answers_challenge => {
            sasl_answer(tongue, "RFC 5034 §4")
        }
        Direction::ClientToServer => command(tongue, line),
        Direction::ServerToClient => replies::reply(tongue, line, context),
    }
}

/// "message 2" for a number, or "message “x”" with the argument quoted when it is not one: two texts, as a
/// language may name a numbered message unlike one it cannot count ("第 2 封邮件", "邮件“x”").
fn message(tongue: Tongue, argument: &str) -> String {
    match number(argument) {
        Some(n) => tongue.fill("message {0}", &[&n.to_string()]),
        None => tongue.fill("message “{0}”", &[&shortened(argument)]),
    }
}

/// The commands whose explanation needs no more than the argument and the message it names: `{0}` is the
/// argument quoted, `{1}` the message, `{2}` TOP's line count.
fn command_template(verb: &str, rest: &str) -> Option<&'static Template> {
    Some(match verb {
        "USER" => &Template {
            rfc: "RFC 1939 §7",
            en: "Logs in, step 1: names the mailbox to open, user {0}. The password follows with PASS.",
        },
        "PASS" => &Template {
            rfc: "RFC 1939 §7",
            en: "Logs in, step 2: sends the password (hidden here). It crosses the network as plain text, which \
                 is why many servers require an encrypted connection first.",
        },
        "APOP" => &Template {
            rfc: "RFC 1939 §7",
            en: "Logs in as {0} without sending the password: the hex string is an MD5 digest of the greeting's \
                 <timestamp> plus the password.",
        },
        "CAPA" => &Template {
            rfc: "RFC 2449 §5",
            en: "Asks which optional features this server supports. The answer is a list that ends with a line \
                 holding only “.”.",
        },
        "STAT" => &Template {
            rfc: "RFC 1939 §5",
            en: "Asks how many messages are in the mailbox and how big they are altogether.",
        },
        "LIST" if rest.is_empty() => &Template {
            rfc: "RFC 1939 §5",
            en: "Asks for the size of every message, one line each, ending with “.”.",
        },
        "LIST" => &Template {
            rfc: "RFC 1939 §5",
            en: "Asks for the size of {1} only.",
        },
        "UIDL" if rest.is_empty() => &Template {
            rfc: "RFC 1939 §7",
            en: "Asks for the unique ID of every message. Unlike message numbers, an ID stays the same across \
                 sessions, so the client can tell which messages it has already downloaded.",
        },
        "UIDL" => &Template {
            rfc: "RFC 1939 §7",
            en: "Asks for the unique ID of {1}, an ID that stays the same across sessions.",
        },
        "RETR" => &Template {
            rfc: "RFC 1939 §5",
            en: "Downloads {1} in full. It stays on the server unless the client also deletes it with DELE.",
        },
        "TOP" if number(rest.split_whitespace().nth(1).unwrap_or("")) == Some(0) => &Template {
            rfc: "RFC 1939 §7",
            en: "Previews {1}: only its headers, without downloading it all.",
        },
        "TOP" => &Template {
            rfc: "RFC 1939 §7",
            en: "Previews {1}: its headers plus the first {2} lines of its body, without downloading it all.",
        },
        "DELE" => &Template {
            rfc: "RFC 1939 §5",
            en: "Marks {1} for deletion. Nothing is deleted yet: the server removes it only when the session \
                 ends with QUIT.",
        },
        "RSET" => &Template {
            rfc: "RFC 1939 §5",
            en: "Takes back every deletion mark made in this session: nothing will be deleted at QUIT.",
        },
        "NOOP" => &Template {
            rfc: "RFC 1939 §5",
            en: "Does nothing; the server just answers +OK. Like any command, it shows the server the client is \
                 still there, so an inactivity timer (RFC 1939 §3) starts again.",
        },
        "QUIT" => &Template {
            rfc: "RFC 1939 §6",
            en: "Ends the session. If the client has logged in, the server now enters the UPDATE state and \
                 really deletes the messages marked with DELE; before login, it just says goodbye.",
        },
        _ => return None,
    })
}

fn command(tongue: Tongue, line: &str) -> Explanation {
    let (verb, rest) = verb_and_rest(line);
    let mut words = rest.split_whitespace();
    if let ("AUTH", Some(mechanism)) = (verb.as_str(), words.next()) {
        return sasl_command(
            tongue,
            "RFC 5034 §4",
            mechanism,
            words.next().is_some(),
            "“+”",
        );
    }
    let Some(template) = command_template(&verb, rest) else {
        return unrecognised(tongue, WireProtocol::Pop3, Direction::ClientToServer, line);
    };
    let mut words = rest.split_whitespace();
    let first = words.next().unwrap_or("");
    let lines = words.next().unwrap_or("");
    fill!(
        tongue,
        template,
        quoted(tongue, first),
        message(tongue, first),
        plain(tongue, lines)
    )
}
