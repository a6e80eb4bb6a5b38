//! IMAP status response codes in brackets, such as `[UIDVALIDITY 3857529045]` (RFC 3501 §7.1 and extensions),
//! each with its own explanation.

use super::{capabilities_described, flags_described, parenthesised};
use crate::i18n::Tongue;
use crate::sim::explain::{plain, quoted, verb_and_rest, Template};

/// Status response codes in brackets, such as `[UIDVALIDITY 3857529045]`. Slots: {0} the first argument as a
/// number, {1} the listed flags or capabilities described, {2} the second argument as a number, {3} and {4} the
/// second and third arguments quoted.
const RESPONSE_CODES: &[(&str, Template)] = &[
    (
        "UNSEEN",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "Message {0} is the first unread one.",
        },
    ),
    (
        "PERMANENTFLAGS",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "Flags the client may change and that are saved for good: {1}.",
        },
    ),
    (
        "UIDNEXT",
        Template {
            rfc: "RFC 3501 §2.3.1.1",
            en: "Messages arriving from now on will get UID {0} or higher. This value changes whenever mail \
                 arrives, so a client that compares it with the one it saw last time can tell whether any came.",
        },
    ),
    (
        "UIDVALIDITY",
        Template {
            rfc: "RFC 3501 §2.3.1.1",
            en: "This mailbox's UIDVALIDITY is {0}. While it stays the same, UIDs the client remembers stay \
                 valid; if it ever changes, all cached UIDs are void and the client must start over.",
        },
    ),
    (
        "HIGHESTMODSEQ",
        Template {
            rfc: "RFC 7162 §3.1.2.1",
            en: "Every change here gets a rising modification number; the highest so far is {0}. Next time the \
                 client can ask only for changes after it.",
        },
    ),
    (
        "CAPABILITY",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "The server lists what it supports: {1}.",
        },
    ),
    (
        "READ-WRITE",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[READ-WRITE]: the mailbox is open for reading and changing flags or removing messages.",
        },
    ),
    (
        "READ-ONLY",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[READ-ONLY]: the mailbox is open read-only: this session cannot remove messages or change \
                 their flags for everyone. After EXAMINE not even \\Seen changes (§6.3.2); a read-only SELECT may \
                 still keep per-user state such as \\Seen (§6.3.1).",
        },
    ),
    (
        "TRYCREATE",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[TRYCREATE]: the target mailbox does not exist; the client may CREATE it and try again.",
        },
    ),
    (
        "CLOSED",
        Template {
            rfc: "RFC 7162 §3.2.11",
            en: "[CLOSED]: the mailbox selected before is now closed; the responses after this one are about \
                 the newly selected mailbox.",
        },
    ),
    (
        "OVERQUOTA",
        Template {
            rfc: "RFC 9208 §4.3.1",
            en: "[OVERQUOTA]: adding the message(s) would put the target mailbox over one of its quota limits.",
        },
    ),
    (
        "ALERT",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[ALERT]: the server wants this text shown to the user.",
        },
    ),
    (
        "APPENDUID",
        Template {
            rfc: "RFC 4315 §3",
            en: "[APPENDUID]: the uploaded message got UID {2} (UIDVALIDITY {0}).",
        },
    ),
    (
        "COPYUID",
        Template {
            rfc: "RFC 4315 §3",
            en: "[COPYUID]: in the target mailbox (UIDVALIDITY {0}), the messages with UIDs {3} got the new UIDs \
                 {4}.",
        },
    ),
];

/// The template of a status response code, if it is one a lesson meets.
fn response_code_template(name: &str) -> Option<Template> {
    RESPONSE_CODES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|&(_, template)| template)
}

/// A status response code's own explanation, in the tongue's language, and where it is defined.
pub(super) fn response_code(tongue: Tongue, code: &str) -> Option<(String, &'static str)> {
    let (name, arguments) = verb_and_rest(code);
    let template = response_code_template(&name)?;
    let mut words = arguments.split_whitespace();
    let [first, second, third] = [(); 3].map(|()| words.next().unwrap_or(""));
    let listed = match name.as_str() {
        "PERMANENTFLAGS" => flags_described(
            tongue,
            parenthesised(arguments).map_or(arguments, |(inner, _)| inner),
        ),
        "CAPABILITY" => capabilities_described(tongue, arguments),
        _ => String::new(),
    };
    let text = tongue.fill(
        template.en,
        &[
            &plain(tongue, first),
            &listed,
            &plain(tongue, second),
            &quoted(tongue, second),
            &quoted(tongue, third),
        ],
    );
    Some((text, template.rfc))
}
