//! IMAP client commands: each is a tag, a command name (perhaps after "UID") and its arguments.

use super::{literal_size, mailbox_name, message_commands, parenthesised, set_described};
use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::explain::{
    fill, quoted, sasl_answer, sasl_command, verb_and_rest, Explanation, LineContext,
    MailboxAccess, Template,
};

pub(super) fn command(tongue: Tongue, line: &str, context: &LineContext) -> Explanation {
    if context.facts.answers_challenge {
        return sasl_answer(tongue, "RFC 3501 §6.2.2");
    }
    let trimmed = line.trim();
    if trimmed.eq_ignore_ascii_case("DONE") {
        return fill!(
                tongue,
            &Template {
                rfc: "RFC 2177 §3",
                en: "DONE ends IDLE: the client wants to send commands again. The server answers with the tagged \
                     OK for IDLE.",
            },
        );
    }
    let Some((tag, rest)) = trimmed.split_once(char::is_whitespace) else {
        return fill!(
                tongue,
            &Template {
                rfc: "RFC 3501 §2.2.1",
                en: "A line with no command. Every IMAP command is a tag plus a command name, like “A1 NOOP”; a \
                     lone line like this only makes sense as data the server asked for with “+”.",
            },
        );
    };
    let (verb, arguments) = verb_and_rest(rest);
    let (by_uid, verb, arguments) = if verb == "UID" {
        let (verb, arguments) = verb_and_rest(arguments);
        (true, verb, arguments)
    } else {
        (false, verb, arguments)
    };
    let mut explanation =
        tagged_command(tongue, &verb, arguments, by_uid, context).unwrap_or_else(|| {
            fill!(
                tongue,
                &Template {
                    rfc: "RFC 3501 §7.1.3",
                    en: "{0} is not an IMAP command this server knows; it will answer “{1} BAD”.",
                },
                quoted(tongue, &verb),
                tag,
            )
        });
    // Every tagged command shares the sentence about its tag, after the command's own reference.
    explanation.text.push_str(&tongue.fill(
        " The tag {0} lets the client match the server's reply to this command (RFC 3501 §2.2.1).",
        &[&quoted(tongue, tag)],
    ));
    explanation
}

/// The commands explained by a template alone. Slots: {0} the first argument quoted, {1} the mailbox quoted,
/// {2} the name after the mailbox (a new name, a pattern) quoted, {3} STATUS's items quoted, {4} all arguments
/// quoted, {5} what SEARCH answers with, {6} the message set, {7} the target mailbox quoted.
const TAGGED_COMMANDS: &[(&str, Template)] = &[
    (
        "CAPABILITY",
        Template {
            rfc: "RFC 3501 §6.1.1",
            en: "Asks what this server can do: its IMAP version and extensions such as IDLE or MOVE.",
        },
    ),
    (
        "NOOP",
        Template {
            rfc: "RFC 3501 §6.1.2",
            en: "Does nothing, but gives the server a chance to report changes: new mail, or flags changed on \
                 another device.",
        },
    ),
    (
        "LOGOUT",
        Template {
            rfc: "RFC 3501 §6.1.3",
            en: "Ends the session: the server says BYE and closes the connection. Unlike POP3's QUIT, nothing is \
                 deleted now; the mail stays on the server.",
        },
    ),
    (
        "LOGIN",
        Template {
            rfc: "RFC 3501 §6.2.3",
            en: "Logs in as user {0} (the password is hidden here). It travels as plain text, so many servers \
                 refuse LOGIN until the connection is encrypted.",
        },
    ),
    (
        "CREATE",
        Template {
            rfc: "RFC 3501 §6.3.3",
            en: "Creates a new mailbox (folder) named {1} on the server.",
        },
    ),
    (
        "DELETE",
        Template {
            rfc: "RFC 3501 §6.3.4",
            en: "Deletes the mailbox {1} and every message in it, for every device.",
        },
    ),
    (
        "RENAME",
        Template {
            rfc: "RFC 3501 §6.3.5",
            en: "Renames the mailbox {1} to {2}.",
        },
    ),
    (
        "LIST",
        Template {
            rfc: "RFC 3501 §6.3.8",
            en: "Asks for the mailboxes whose names match {2} (“*” matches anything, “%” one level).",
        },
    ),
    (
        "STATUS",
        Template {
            rfc: "RFC 3501 §6.3.10",
            en: "Asks about {1} without opening it: {3}.",
        },
    ),
    (
        "UNSELECT",
        Template {
            rfc: "RFC 3691 §2",
            en: "Closes the mailbox without removing anything: unlike CLOSE, messages marked \\Deleted stay.",
        },
    ),
    (
        "UID EXPUNGE",
        Template {
            rfc: "RFC 4315 §2.1",
            en: "Permanently removes {6}, if marked \\Deleted; other deleted messages stay.",
        },
    ),
    (
        "EXPUNGE",
        Template {
            rfc: "RFC 3501 §6.4.3",
            en: "Permanently removes every message marked \\Deleted in this mailbox. The server reports each one \
                 with “* n EXPUNGE” (or, once QRESYNC is on, with “* VANISHED”).",
        },
    ),
    (
        "SEARCH",
        Template {
            rfc: "RFC 3501 §6.4.4",
            en: "Asks which messages match {4}. The server searches, so nothing is downloaded; it answers with \
                 their {5}.",
        },
    ),
    (
        "COPY",
        Template {
            rfc: "RFC 3501 §6.4.7",
            en: "Copies {6} into the mailbox {7}; the originals stay here.",
        },
    ),
    (
        "MOVE",
        Template {
            rfc: "RFC 6851 §3",
            en: "Moves {6} to the mailbox {7} in one step: copied there, then removed here (the server reports \
                 “* n EXPUNGE”, or “* VANISHED” once QRESYNC is on).",
        },
    ),
    (
        "CHECK",
        Template {
            rfc: "RFC 3501 §6.4.1",
            en: "Asks for a checkpoint: any housekeeping the server does for the open mailbox. A server with none \
                 to do treats it as NOOP. To look for new mail, clients should use NOOP, not CHECK.",
        },
    ),
    (
        "SUBSCRIBE",
        Template {
            rfc: "RFC 3501 §6.3.6",
            en: "Adds {1} to the server's list of subscribed mailboxes, the ones LSUB returns; many clients show \
                 only those.",
        },
    ),
    (
        "UNSUBSCRIBE",
        Template {
            rfc: "RFC 3501 §6.3.7",
            en: "Removes {1} from the list of subscribed mailboxes. The mailbox itself and its mail stay.",
        },
    ),
    (
        "NAMESPACE",
        Template {
            rfc: "RFC 2342 §5",
            en: "Asks where mailboxes live: the prefix and hierarchy delimiter of the user's own mailboxes, of \
                 other users' and of shared ones.",
        },
    ),
    (
        "ID",
        Template {
            rfc: "RFC 2971 §3.1",
            en: "Tells the server the client's name and version (or NIL) and asks for the server's. It is meant \
                 for statistics and bug reports, not to change how either side behaves.",
        },
    ),
    (
        "IDLE",
        Template {
            rfc: "RFC 2177 §3",
            en: "Tells the server the client is ready for updates (new mail, deletions, flag changes) at any \
                 time, so the server can send them as they happen instead of the client asking again and again. \
                 The client ends it with DONE.",
        },
    ),
];

/// The template of a command explained by a template alone, with its reference for UID or LSUB.
fn command_template(verb: &str, by_uid: bool) -> Option<Template> {
    let name = match verb {
        "EXPUNGE" if by_uid => "UID EXPUNGE",
        "LSUB" => "LIST",
        _ => verb,
    };
    let &(_, mut template) = TAGGED_COMMANDS.iter().find(|(known, _)| *known == name)?;
    template.rfc = match verb {
        "LSUB" => "RFC 3501 §6.3.9",
        // With UID in front, SEARCH and COPY are defined by RFC 3501 §6.4.8.
        "SEARCH" | "COPY" if by_uid => "RFC 3501 §6.4.8",
        _ => template.rfc,
    };
    Some(template)
}

fn tagged_command(
    tongue: Tongue,
    verb: &str,
    arguments: &str,
    by_uid: bool,
    context: &LineContext,
) -> Option<Explanation> {
    let first = arguments.split_whitespace().next().unwrap_or("");
    let (box_name, after_box) = mailbox_name(arguments);
    let mailbox = quoted(tongue, box_name);
    Some(match verb {
        "CLOSE" => close(tongue, context),
        "AUTHENTICATE" => {
            let initial_response = arguments.split_whitespace().nth(1).is_some();
            // The initial response on the command line is SASL-IR (RFC 4959 §3).
            let rfc = if initial_response {
                "RFC 4959 §3"
            } else {
                "RFC 3501 §6.2.2"
            };
            sasl_command(tongue, rfc, first, initial_response, "“+”")
        }
        "SELECT" | "EXAMINE" => select(tongue, verb, &mailbox, arguments),
        "APPEND" => {
            let non_synchronizing = arguments.trim_end().ends_with("+}");
            let size = match literal_size(arguments) {
                // A "+" inside the braces is LITERAL+: the data follows at once (RFC 7888 §3).
                Some(size) if non_synchronizing => tongue.fill(
                    " {{0}+} announces {0} octets of message data, sent at once without waiting for the \
                     server's “+” (LITERAL+).",
                    &[&size.to_string()],
                ),
                Some(size) => tongue.fill(
                    " {{0}} announces {0} octets of message data; the client sends them after the server's “+”.",
                    &[&size.to_string()],
                ),
                None => String::new(),
            };
            fill!(
                tongue,
                &Template {
                    rfc: "RFC 3501 §6.3.11",
                    en: "Uploads a message into {0}, for example a copy of mail just sent.{1}",
                },
                mailbox,
                size,
            )
        }
        "FETCH" => message_commands::fetch(
            tongue,
            arguments,
            by_uid,
            context.facts.selected == Some(MailboxAccess::ReadOnly),
        ),
        "STORE" => message_commands::store(tongue, arguments, by_uid),
        "ENABLE" => {
            let extra = if arguments.to_ascii_uppercase().contains("QRESYNC") {
                tongue.word(
                    " With QRESYNC the server reports removed messages by UID (* VANISHED) and a returning \
                     client can catch up quickly on its next SELECT.",
                )
            } else {
                ""
            };
            fill!(
                tongue,
                &Template {
                    rfc: "RFC 5161 §3.1",
                    en: "Switches on the extension {0}.{1}",
                },
                quoted(tongue, arguments),
                extra,
            )
        }
        _ => {
            let template = command_template(verb, by_uid)?;
            let items = parenthesised(after_box).map_or(after_box, |(inner, _)| inner);
            let (target, _) = mailbox_name(arguments.get(first.len()..).unwrap_or(""));
            let answer = tongue.word(if by_uid {
                en("UIDs")
            } else {
                en("message numbers")
            });
            fill!(
                tongue,
                &template,
                quoted(tongue, first),
                mailbox,
                quoted(tongue, mailbox_name(after_box).0),
                quoted(tongue, items),
                quoted(tongue, arguments),
                answer,
                set_described(tongue, first, by_uid),
                quoted(tongue, target),
            )
        }
    })
}

/// CLOSE removes \Deleted messages only from a mailbox opened read-write; the transcript tells which it was.
fn close(tongue: Tongue, context: &LineContext) -> Explanation {
    let facts = context.facts;
    let template = match (facts.tracked, facts.selected) {
        (true, Some(MailboxAccess::ReadWrite)) => &Template {
            rfc: "RFC 3501 §6.4.2",
            en: "Closes the mailbox, which this session opened read-write, and removes every message marked \
                 \\Deleted without sending EXPUNGE responses.",
        },
        (true, Some(MailboxAccess::ReadOnly)) => &Template {
            rfc: "RFC 3501 §6.4.2",
            en: "Closes the mailbox. This session opened it read-only (EXAMINE), so no message is removed, even \
                 one marked \\Deleted.",
        },
        _ => &Template {
            rfc: "RFC 3501 §6.4.2",
            en: "Closes the mailbox. If it was opened read-write (SELECT), every message marked \\Deleted is \
                 removed without EXPUNGE responses; after EXAMINE nothing is removed.",
        },
    };
    fill!(tongue, template)
}

fn select(tongue: Tongue, verb: &str, mailbox: &str, arguments: &str) -> Explanation {
    let resync = arguments.to_ascii_uppercase().contains("QRESYNC");
    let mode = tongue.word(if verb == "SELECT" {
        en("for reading and changing")
    } else {
        en("read-only: this session changes nothing in it, not even \\Seen")
    });
    let resync_note = if resync {
        tongue.word(
            " The QRESYNC part gives what the client remembers, so the server sends only what changed since.",
        )
    } else {
        ""
    };
    fill!(
        tongue,
        &Template {
            rfc: match (resync, verb) {
                (true, _) => "RFC 7162 §3.2.5",
                (false, "SELECT") => "RFC 3501 §6.3.1",
                _ => "RFC 3501 §6.3.2",
            },
            en: "Opens the mailbox {0}, {1}. The server replies with its message count, flags and \
                 UIDVALIDITY.{2}",
        },
        mailbox,
        mode,
        resync_note,
    )
}
