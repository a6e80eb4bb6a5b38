//! IMAP status response codes in brackets, such as `[UIDVALIDITY 3857529045]` (RFC 3501 §7.1 and extensions),
//! each with its own explanation.

use super::{capabilities_described, flags_described, parenthesised};
use crate::sim::explain::{phrase, plain, quoted, verb_and_rest, Template};

/// Status response codes in brackets, such as `[UIDVALIDITY 3857529045]`. Slots: {0} the first argument as a
/// number, {1} and {2} the listed flags or capabilities described, {3} the second argument as a number, {4} and
/// {5} the second and third arguments quoted.
const RESPONSE_CODES: &[(&str, Template)] = &[
    (
        "UNSEEN",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "Message {0} is the first unread one.",
            zh: "第 {0} 封是第一封未读邮件。",
        },
    ),
    (
        "PERMANENTFLAGS",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "Flags the client may change and that are saved for good: {1}.",
            zh: "客户端可以修改并会被永久保存的标记：{2}。",
        },
    ),
    (
        "UIDNEXT",
        Template {
            rfc: "RFC 3501 §2.3.1.1",
            en: "Messages arriving from now on will get UID {0} or higher. This value changes whenever mail \
                 arrives, so a client that compares it with the one it saw last time can tell whether any came.",
            zh: "此后到达的邮件的 UID 将是 {0} 或更大。每当有邮件到达，这个值就会改变，所以客户端把它和上次看到的值比较，\
                 就能知道有没有新邮件。",
        },
    ),
    (
        "UIDVALIDITY",
        Template {
            rfc: "RFC 3501 §2.3.1.1",
            en: "This mailbox's UIDVALIDITY is {0}. While it stays the same, UIDs the client remembers stay \
                 valid; if it ever changes, all cached UIDs are void and the client must start over.",
            zh: "这个邮箱的 UIDVALIDITY 是 {0}。只要它不变，客户端记住的 UID 就一直有效；一旦改变，缓存的 UID 全部作废，\
                 客户端必须从头同步。",
        },
    ),
    (
        "HIGHESTMODSEQ",
        Template {
            rfc: "RFC 7162 §3.1.2.1",
            en: "Every change here gets a rising modification number; the highest so far is {0}. Next time the \
                 client can ask only for changes after it.",
            zh: "这里的每次改动都有一个递增的修改序号，目前最高为 {0}。下次客户端只需询问此后的变化。",
        },
    ),
    (
        "CAPABILITY",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "The server lists what it supports: {1}.",
            zh: "服务器列出它支持的功能：{2}。",
        },
    ),
    (
        "READ-WRITE",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[READ-WRITE]: the mailbox is open for reading and changing flags or removing messages.",
            zh: "[READ-WRITE]：邮箱已以可读写方式打开，可以修改标记或删除邮件。",
        },
    ),
    (
        "READ-ONLY",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[READ-ONLY]: the mailbox is open read-only: this session cannot remove messages or change \
                 their flags for everyone. After EXAMINE not even \\Seen changes (§6.3.2); a read-only SELECT may \
                 still keep per-user state such as \\Seen (§6.3.1).",
            zh: "[READ-ONLY]：邮箱以只读方式打开：本会话不能删除邮件，也不能为所有人修改标记。用 EXAMINE 打开时连 \\Seen \
                 也不会改变（§6.3.2）；只读的 SELECT 仍可能保存 \\Seen 这类每个用户自己的状态（§6.3.1）。",
        },
    ),
    (
        "TRYCREATE",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[TRYCREATE]: the target mailbox does not exist; the client may CREATE it and try again.",
            zh: "[TRYCREATE]：目标邮箱不存在；客户端可以先 CREATE 再重试。",
        },
    ),
    (
        "CLOSED",
        Template {
            rfc: "RFC 7162 §3.2.11",
            en: "[CLOSED]: the mailbox selected before is now closed; the responses after this one are about \
                 the newly selected mailbox.",
            zh: "[CLOSED]：之前选中的邮箱现已关闭；此后的响应说的是新选中的邮箱。",
        },
    ),
    (
        "OVERQUOTA",
        Template {
            rfc: "RFC 9208 §4.3.1",
            en: "[OVERQUOTA]: adding the message(s) would put the target mailbox over one of its quota limits.",
            zh: "[OVERQUOTA]：添加邮件会让目标邮箱超出它的某项配额限制。",
        },
    ),
    (
        "ALERT",
        Template {
            rfc: "RFC 3501 §7.1",
            en: "[ALERT]: the server wants this text shown to the user.",
            zh: "[ALERT]：服务器要求把这段文字显示给用户看。",
        },
    ),
    (
        "APPENDUID",
        Template {
            rfc: "RFC 4315 §3",
            en: "[APPENDUID]: the uploaded message got UID {3} (UIDVALIDITY {0}).",
            zh: "[APPENDUID]：上传的邮件得到的 UID 是 {3}（UIDVALIDITY 为 {0}）。",
        },
    ),
    (
        "COPYUID",
        Template {
            rfc: "RFC 4315 §3",
            en: "[COPYUID]: in the target mailbox (UIDVALIDITY {0}), the messages with UIDs {4} got the new UIDs \
                 {5}.",
            zh: "[COPYUID]：在目标邮箱（UIDVALIDITY 为 {0}）中，UID 为{4}的邮件得到了新的 UID{5}。",
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

/// A status response code's own explanation, in English and Chinese, and where it is defined.
pub(super) fn response_code(code: &str) -> Option<([String; 2], &'static str)> {
    let (name, arguments) = verb_and_rest(code);
    let template = response_code_template(&name)?;
    let mut words = arguments.split_whitespace();
    let [first, second, third] = [(); 3].map(|()| words.next().unwrap_or(""));
    let [listed_en, listed_zh] = match name.as_str() {
        "PERMANENTFLAGS" => {
            flags_described(parenthesised(arguments).map_or(arguments, |(inner, _)| inner))
        }
        "CAPABILITY" => capabilities_described(arguments),
        _ => Default::default(),
    };
    let texts = phrase(
        template.en,
        template.zh,
        &[
            &plain(first),
            &listed_en,
            &listed_zh,
            &plain(second),
            &quoted(second),
            &quoted(third),
        ],
    );
    Some((texts, template.rfc))
}
