//! SMTP (RFC 5321): how a message reaches the server. Commands are words; replies start with a 3-digit code.

use super::{
    dot_stuffed, fill, message_content, quoted, redacted, sasl_answer, sasl_command, unrecognised,
    verb_and_rest, Explanation, LineContext, Template, WireProtocol,
};
use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::session::Direction;

pub(super) fn explain(
    tongue: Tongue,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explanation {
    match direction {
        Direction::ClientToServer if context.facts.ends_multiline => end_of_data(tongue),
        Direction::ClientToServer if context.facts.answers_challenge => {
            sasl_answer(tongue, "RFC 4954 §4")
        }
        Direction::ClientToServer if context.in_content => {
            content(tongue, line, context.facts.in_body)
        }
        Direction::ClientToServer => command(tongue, line),
        Direction::ServerToClient => reply(tongue, line, context),
    }
}

/// The lone "." after the mail data: the end of the message, not a command.
fn end_of_data(tongue: Tongue) -> Explanation {
    fill!(
        tongue,
        &Template {
            rfc: "RFC 5321 §4.1.1.4",
            en: "A line holding only “.” ends the message data; it is no command. The server now processes the \
                 message and answers once: accepted or refused.",
        },
    )
}

/// A line sent between DATA's 354 and the lone ".".
fn content(tongue: Tongue, line: &str, in_body: bool) -> Explanation {
    if line == "." {
        return end_of_data(tongue);
    }
    if line.starts_with("..") {
        return dot_stuffed(tongue, "RFC 5321 §4.5.2");
    }
    message_content(tongue, line, in_body)
}

/// The address between angle brackets, as in `FROM:<ann@example.com>`.
fn address(arguments: &str) -> Option<&str> {
    let start = arguments.find('<')? + 1;
    let length = arguments.get(start..)?.find('>')?;
    arguments.get(start..start + length)
}

/// Every client command's explanation; `{0}` is the command's argument (host name or address) quoted.
fn command_template(verb: &str, rest: &str) -> Option<&'static Template> {
    Some(match verb {
        "EHLO" => &Template {
            rfc: "RFC 5321 §4.1.1.1",
            en: "Says hello and names the sending computer, {0}. EHLO (“extended hello”) also asks which \
                 extensions the server supports.",
        },
        "HELO" => &Template {
            rfc: "RFC 5321 §4.1.1.1",
            en: "Says hello and names the sending computer, {0}. HELO is the old greeting: it does not ask about \
                 extensions.",
        },
        "MAIL" if address(rest).is_none() => &Template {
            rfc: "RFC 5321 §4.1.1.2",
            en: "A MAIL command whose address is not written between angle brackets, as in \
                 FROM:<ann@example.com>. The server will refuse it with 501 (syntax error in the arguments).",
        },
        "RCPT" if address(rest).is_none() => &Template {
            rfc: "RFC 5321 §4.1.1.3",
            en: "A RCPT command whose address is not written between angle brackets, as in \
                 TO:<bob@example.com>. The server will refuse it with 501 (syntax error in the arguments).",
        },
        "VRFY" if !rest.is_empty() => &Template {
            rfc: "RFC 5321 §4.1.1.6",
            en: "Asks whether {0} is a user or mailbox here. A server may decline to say: 252 means it cannot \
                 verify the address but will accept mail for it and attempt delivery (§3.5.3).",
        },
        "MAIL" => match address(rest)? {
            "" => &Template {
                rfc: "RFC 5321 §4.5.5",
                en: "Starts a new message with an empty sender, <>. Bounce notices use it so that they can never \
                     bounce back themselves.",
            },
            _ => &Template {
                rfc: "RFC 5321 §4.1.1.2",
                en: "Starts a new message from {0}. If delivery fails, the bounce notice goes back to this \
                     address.",
            },
        },
        "RCPT" => {
            address(rest)?;
            &Template {
                rfc: "RFC 5321 §4.1.1.3",
                en: "Names one recipient, {0}. A message to several people needs one RCPT per recipient.",
            }
        }
        "DATA" => &Template {
            rfc: "RFC 5321 §4.1.1.4",
            en: "Asks to send the message itself. Once the server agrees (354), every line is message content \
                 until a line holding only “.”.",
        },
        "RSET" => &Template {
            rfc: "RFC 5321 §4.1.1.5",
            en: "Abandons the message in progress: sender and recipients are forgotten, the connection stays \
                 open.",
        },
        "NOOP" => &Template {
            rfc: "RFC 5321 §4.1.1.9",
            en: "Does nothing; the server answers 250 to show the connection is alive.",
        },
        "QUIT" => &Template {
            rfc: "RFC 5321 §4.1.1.10",
            en: "Says goodbye. The server answers 221 and closes the connection.",
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
            "RFC 4954 §4",
            mechanism,
            words.next().is_some(),
            "334",
        );
    }
    let argument = match verb.as_str() {
        "MAIL" | "RCPT" => address(rest).unwrap_or(rest),
        _ => rest,
    };
    match command_template(&verb, rest) {
        Some(template) => fill!(tongue, template, quoted(tongue, argument)),
        None => unrecognised(tongue, WireProtocol::Smtp, Direction::ClientToServer, line),
    }
}

/// A reply line split into its code, whether more lines follow (`250-`), and its text.
fn parse_reply(line: &str) -> Option<(u16, bool, &str)> {
    let code = line.get(..3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let more = match line.as_bytes().get(3) {
        None | Some(b' ') => false,
        Some(b'-') => true,
        Some(_) => return None,
    };
    Some((code.parse().ok()?, more, line.get(4..).unwrap_or("").trim()))
}

/// What an EHLO reply line advertises, in a few words, and where that extension is defined.
const EXTENSIONS: &[(&str, &str, &str)] = &[
    (
        "SIZE",
        en("the largest message it accepts, in octets (bytes)"),
        "RFC 1870 §3",
    ),
    (
        "8BITMIME",
        en("it accepts 8-bit text, not only 7-bit ASCII"),
        "RFC 6152 §2",
    ),
    (
        "PIPELINING",
        en("the client may send several commands without waiting"),
        "RFC 2920 §3",
    ),
    (
        "SMTPUTF8",
        en("addresses may contain non-ASCII characters, like 中文"),
        "RFC 6531 §3.1",
    ),
    (
        "STARTTLS",
        en("the connection can be switched to encryption"),
        "RFC 3207 §2",
    ),
    (
        "AUTH",
        en("clients can log in with these methods"),
        "RFC 4954 §3",
    ),
    (
        "ENHANCEDSTATUSCODES",
        en("its 2xx, 4xx and 5xx replies, except the greeting and the answer to HELO or EHLO, carry a detailed \
         status code such as 2.1.0 after the 3-digit code"),
        "RFC 2034 §3",
    ),
    (
        "DSN",
        en("the sender can ask for delivery status notifications"),
        "RFC 3461 §4",
    ),
];

/// The replies whose explanation depends on the code alone; `{0}` is the server's text quoted, `{1}` the code.
fn reply_template(code: u16) -> &'static Template {
    match code {
        220 => &Template {
            rfc: "RFC 5321 §3.1",
            en: "The server answers the connection: 220 means it is ready. {0} names the server.",
        },
        221 => &Template {
            rfc: "RFC 5321 §4.1.1.10",
            en: "221: the server says goodbye and closes the connection.",
        },
        252 => &Template {
            rfc: "RFC 5321 §3.5.3",
            en: "252: the server will not confirm whether the address exists, but it will accept a message for it \
                 and attempt delivery ({0}).",
        },
        354 => &Template {
            rfc: "RFC 5321 §4.1.1.4",
            en: "354: go ahead. The server waits for the message and treats every line as content until a line \
                 holding only “.”.",
        },
        421 => &Template {
            rfc: "RFC 5321 §4.2.3",
            en: "421: the service is not available right now and the server is closing the connection ({0}). \
                 Try later.",
        },
        200..=299 => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "{1} (2xx): done, the request succeeded ({0}).",
        },
        300..=399 => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "{1} (3xx): so far so good; the server waits for more from the client.",
        },
        _ => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "{1} (4xx): a temporary failure ({0}). The request was not carried out, but the same request may \
                 succeed later, so the client should try again.",
        },
    }
}

fn reply(tongue: Tongue, line: &str, context: &LineContext) -> Explanation {
    let Some((code, more, text)) = parse_reply(line) else {
        return unrecognised(tongue, WireProtocol::Smtp, Direction::ServerToClient, line);
    };
    let answered = context.answering.as_deref().unwrap_or("");
    let (answered_verb, answered_rest) = verb_and_rest(answered);
    match code {
        250 if more || context.facts.continues_reply || answered_verb == "EHLO" => {
            ehlo_line(tongue, more, context.facts.continues_reply, text)
        }
        250 => accepted(tongue, &answered_verb, answered_rest, text),
        334 if answered_verb == "AUTH" => fill!(
        tongue,
            &Template {
                rfc: "RFC 4954 §4",
                en: "334: a login challenge ({0}, base64). The server waits for the client's next step of the AUTH \
                     exchange, in base64 on one line.",
            },
            quoted(tongue, text),
        ),
        235 => fill!(
        tongue,
            &Template {
                rfc: "RFC 4954 §6",
                en: "235: authentication succeeded; the client is logged in for this session.",
            },
        ),
        200..=499 => fill!(
            tongue,
            reply_template(code),
            quoted(tongue, text),
            code.to_string()
        ),
        500..=599 => refusal(tongue, code, text, answered),
        _ => unrecognised(tongue, WireProtocol::Smtp, Direction::ServerToClient, line),
    }
}

/// One line of the reply to EHLO: the first names the server, each line after it one extension (RFC 5321
/// §4.1.1.1). Without the transcript's word on which line this is, a known extension keyword decides.
fn ehlo_line(tongue: Tongue, more: bool, continues: bool, text: &str) -> Explanation {
    let (keyword, parameters) = verb_and_rest(text);
    let known = EXTENSIONS.iter().find(|(known, ..)| *known == keyword);
    let dash = tongue.word(if more {
        en("The dash in “250-” means more lines follow.")
    } else {
        en("A space after 250, not a dash: this is the last line of the reply.")
    });
    // 0 declares that no fixed limit is in force; no number says nothing about a limit (RFC 1870 §3).
    if keyword == "SIZE" && parameters == "0" {
        return fill!(
        tongue,
            &Template {
                rfc: "RFC 1870 §3",
                en: "The server supports SIZE and declares, with 0, that no fixed maximum message size is in \
                     force. {0}",
            },
            dash,
        );
    }
    if keyword == "SIZE" && parameters.is_empty() {
        return fill!(
        tongue,
            &Template {
                rfc: "RFC 1870 §3",
                en: "The server supports SIZE but gives no number, so it says nothing about a fixed maximum \
                     message size. {0}",
            },
            dash,
        );
    }
    match known {
        None if continues => fill!(
        tongue,
            &Template {
                rfc: "RFC 5321 §4.1.1.1",
                en: "The server supports the extension {0}, one this explanation does not cover. {1}",
            },
            quoted(tongue, text),
            dash,
        ),
        Some(&(_, meaning, rfc)) => {
            // The parameters follow the keyword as on the wire, after a space.
            let shown_parameters = if parameters.is_empty() {
                String::new()
            } else {
                " ".to_string() + &quoted(tongue, parameters)
            };
            fill!(
        tongue,
                &Template {
                    rfc,
                    en: "The server supports {0}{1}: {2}. {3}",
                },
                keyword,
                shown_parameters,
                tongue.word(meaning),
                dash,
            )
        }
        None if more => fill!(
        tongue,
            &Template {
                rfc: "RFC 5321 §4.1.1.1",
                en: "The server accepts the greeting and names itself ({0}). Each line after this one names an \
                     extension it supports. {1}",
            },
            quoted(tongue, text),
            dash,
        ),
        None => fill!(
        tongue,
            &Template {
                rfc: "RFC 5321 §4.1.1.1",
                en: "The server accepts the greeting and names itself ({0}). This one-line reply lists no \
                     extensions.",
            },
            quoted(tongue, text),
        ),
    }
}

/// A single-line 250 reply, read in the light of the command it answers; `{0}` is the server's text quoted,
/// `{1}` the recipient quoted.
fn accepted(tongue: Tongue, answered_verb: &str, answered_rest: &str, text: &str) -> Explanation {
    let template = match answered_verb {
        "MAIL" => &Template {
            rfc: "RFC 5321 §4.1.1.2",
            en: "250: sender accepted. Next the client names the recipients with RCPT TO.",
        },
        "RCPT" => &Template {
            rfc: "RFC 5321 §4.1.1.3",
            en: "250: recipient {1} accepted. More RCPT commands may follow, then DATA; the message is not yet \
                 sent, so nothing is delivered until the data is accepted.",
        },
        "RSET" => &Template {
            rfc: "RFC 5321 §4.1.1.5",
            en: "250: the message in progress is forgotten; the client can start again.",
        },
        "NOOP" => &Template {
            rfc: "RFC 5321 §4.1.1.9",
            en: "250: the connection is alive.",
        },
        "HELO" => &Template {
            rfc: "RFC 5321 §4.1.1.1",
            en: "250: the server accepts the greeting ({0}).",
        },
        "." | "DATA" => {
            // Accepting the data is accepting responsibility for delivery (RFC 5321 §6.1).
            &Template {
                rfc: "RFC 5321 §6.1",
                en: "250: the message is accepted ({0}). From now on the server is responsible for delivering \
                     it.",
            }
        }
        _ => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "250: done, the request succeeded ({0}).",
        },
    };
    let recipient = address(answered_rest).unwrap_or(answered_rest);
    fill!(
        tongue,
        template,
        quoted(tongue, text),
        quoted(tongue, recipient)
    )
}

/// What each 5xx code means, in a few words.
const REFUSALS: &[(u16, &str)] = &[
    (
        500,
        en("syntax error: the server does not recognise this command"),
    ),
    (
        501,
        en("syntax error in the arguments, such as a malformed address"),
    ),
    (
        502,
        en("this command is not implemented here"),
    ),
    (
        503,
        en("bad sequence of commands: not allowed yet (RCPT needs MAIL first; DATA needs an accepted recipient)"),
    ),
    (
        550,
        en("refused: mailbox unavailable, for example no such user here"),
    ),
    (
        552,
        en("refused: the mailbox is full (the action would exceed its storage allocation)"),
    ),
    (554, en("the transaction failed"),),
    (
        535,
        en("the login failed: the credentials are not valid"),
    ),
];

/// A 5xx reply: permanent, so repeating the same command will not help.
fn refusal(tongue: Tongue, code: u16, text: &str, answered: &str) -> Explanation {
    let meaning = REFUSALS
        .iter()
        .find(|(known, _)| *known == code)
        .map_or(en("a permanent failure"), |&(_, meaning)| meaning);
    let answering = if answered.trim().is_empty() {
        String::new()
    } else if answered == "." {
        tongue.word(" at the end of the message data").to_string()
    } else {
        tongue.fill(" in reply to {0}", &[&redacted(tongue, answered)])
    };
    // 503 is about the order of commands, which RFC 5321 §4.1.4 sets; 535 belongs to AUTH (RFC 4954 §6).
    let rfc = match code {
        503 => "RFC 5321 §4.1.4",
        535 => "RFC 4954 §6",
        _ => "RFC 5321 §4.2.3",
    };
    fill!(
        tongue,
        &Template {
            rfc,
            en: "{0}{1}: {2}. The server's words: {3}. A 5xx reply is permanent: the request was not carried out, \
                 and the client should not send the same request again unchanged.",
        },
        code.to_string(),
        answering,
        tongue.word(meaning),
        quoted(tongue, text),
    )
}

#[cfg(test)]
mod tests;
