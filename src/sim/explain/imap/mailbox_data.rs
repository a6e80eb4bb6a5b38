//! IMAP data about the open mailbox and its messages: `* n EXISTS`, `* n FETCH (…)`, `* LIST`, `* STATUS`.

use super::{
    after_item, answered_verb, flags_described, literal_size, mailbox_name, number_after,
    parenthesised, MAX_ITEMS,
};
use crate::sim::explain::{
    fill, messages, number, phrase, quoted, unrecognised, verb_and_rest, Explanation, Template,
    WireProtocol,
};
use crate::sim::session::Direction;

/// `* n EXISTS`, `* n RECENT`, `* n EXPUNGE`, `* n FETCH (…)`.
pub(super) fn numbered(n: u64, tail: &str, answered: &str) -> Explanation {
    let (kind, data) = verb_and_rest(tail);
    let (answered_verb, _) = answered_verb(answered);
    let opening = matches!(answered_verb.as_str(), "SELECT" | "EXAMINE");
    // Slots: {0} the count in words, {1} the number, {2} the number after it.
    let template = match kind.as_str() {
        "EXISTS" if opening && n == 0 => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox is empty: it holds no messages.",
            zh: "邮箱是空的：里面没有邮件。",
        },
        "EXISTS" if opening && n == 1 => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox holds 1 message, number 1.",
            zh: "邮箱里有 1 封邮件，编号为 1。",
        },
        "EXISTS" if opening => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox holds {0}, numbered 1 to {1}.",
            zh: "邮箱里有 {1} 封邮件，编号从 1 到 {1}。",
        },
        "EXISTS" => &Template {
            rfc: "RFC 3501 §7.3.1",
            en: "The mailbox now holds {0}; if that is more than before, new mail has arrived. The server says so \
                 without being asked.",
            zh: "邮箱现在有 {1} 封邮件；如果比之前多，就说明有新邮件到了。这是服务器主动告知的。",
        },
        "RECENT" => &Template {
            rfc: "RFC 3501 §7.3.2",
            en: "Number of “recent” messages, those with the \\Recent flag: {1}. \\Recent means this session is \
                 the first to be told of the message (§2.3.2); if the session has the mailbox open read-write, \
                 later sessions will not see it as recent.",
            zh: "“新到”邮件（带 \\Recent 标记）的数量：{1}。\\Recent 表示本会话是第一个得知这封邮件的会话（§2.3.2）；\
                 如果本会话以读写方式打开邮箱，之后的会话就不会再把它看作新到邮件。",
        },
        "EXPUNGE" => &Template {
            rfc: "RFC 3501 §7.4.1",
            en: "Message {1} has been removed for good. Every message after it moves down by one (message {2} is \
                 now {1}), which is why clients rely on UIDs.",
            zh: "第 {1} 封邮件已被永久删除。它后面的每封邮件序号都减一（原第 {2} 封变成第 {1} 封），\
                 所以客户端要靠 UID 来识别邮件。",
        },
        "FETCH" => return fetch_response(n, data, &answered_verb),
        _ => return unrecognised(WireProtocol::Imap, Direction::ServerToClient, tail),
    };
    fill!(
        template,
        messages(n),
        n.to_string(),
        n.saturating_add(1).to_string()
    )
}

fn fetch_response(n: u64, data: &str, answered_verb: &str) -> Explanation {
    let flags = after_item(data, "FLAGS")
        .and_then(parenthesised)
        .map(|(inner, _)| inner);
    let twice = |value: Option<u64>| value.map(|value| [value.to_string(), value.to_string()]);
    // An empty list reads "no flags" / "没有任何标记" on its own, not "flags no flags".
    let no_flags = flags.is_some_and(|list| list.trim().is_empty());
    let (flags_en, flags_zh) = if no_flags {
        ("{0}", "{1}")
    } else {
        ("flags {0}", "标记为 {1}")
    };
    // Each item found, with how it reads: {0} its value in English, {1} in Chinese.
    let found = [
        (flags.map(flags_described), flags_en, flags_zh),
        (twice(number_after(data, "UID")), "UID {0}", "UID 为 {1}"),
        (
            twice(number_after(data, "RFC822.SIZE")),
            "size {0} octets",
            "大小 {1} 字节",
        ),
        (
            twice(number_after(data, "MODSEQ")),
            "modification number {0}",
            "修改序号 {1}",
        ),
        (
            twice(literal_size(data)),
            "its content follows as a literal of {0} octets",
            "邮件内容随后以 {1} 字节的字面量发送",
        ),
    ];
    let mut parts_en = Vec::new();
    let mut parts_zh = Vec::new();
    for (value, en, zh) in found {
        if let Some([value_en, value_zh]) = value {
            let [part_en, part_zh] = phrase(en, zh, &[&value_en, &value_zh]);
            parts_en.push(part_en);
            parts_zh.push(part_zh);
        }
    }
    let [listed_en, listed_zh] = if parts_en.is_empty() {
        [quoted(data), quoted(data)]
    } else {
        [parts_en.join(", "), parts_zh.join("，")]
    };
    // Slots: {0} the message number, {1} and {2} what the response lists.
    let template = match answered_verb {
        "FETCH" => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "Message {0}: {1}.",
            zh: "第 {0} 封邮件：{2}。",
        },
        "STORE" => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "After the STORE, message {0} has {1}.",
            zh: "STORE 之后，第 {0} 封邮件：{2}。",
        },
        _ if flags.is_some() => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "Message {0} now has {1}: another device or session changed them, and the server reports it \
                 without being asked, as RFC 3501 §5.2 says it should. This keeps the devices in step.",
            zh: "第 {0} 封邮件现在{2}：是别的设备或会话改动的，服务器不等询问就主动报告（RFC 3501 §5.2 建议这样做），\
                 让各设备保持一致。",
        },
        _ => &Template {
            rfc: "RFC 3501 §7.4.2",
            en: "News about message {0}: {1}.",
            zh: "关于第 {0} 封邮件的新消息：{2}。",
        },
    };
    fill!(template, n.to_string(), listed_en, listed_zh)
}

/// The special-use attributes of RFC 6154 §2, which say what a mailbox is for, whatever its name.
const SPECIAL_USES: &[(&str, &str, &str)] = &[
    ("\\sent", "sent mail", "已发送的邮件"),
    ("\\trash", "deleted mail", "删除的邮件"),
    ("\\archive", "archived mail", "归档的邮件"),
    ("\\drafts", "drafts", "草稿"),
    ("\\junk", "junk mail", "垃圾邮件"),
    ("\\all", "every message", "全部邮件"),
    ("\\flagged", "starred messages", "加星标的邮件"),
];

/// A sentence on what the mailbox is for, when its attributes say (RFC 6154 §2), else nothing.
fn special_use(attributes: &str) -> [String; 2] {
    let lowered = attributes.to_ascii_lowercase();
    SPECIAL_USES
        .iter()
        .find(|(attribute, ..)| lowered.split_whitespace().any(|word| word == *attribute))
        .map_or_else(Default::default, |&(_, en, zh)| {
            phrase(
                " Clients use it for {0}, whatever its name (RFC 6154 §2).",
                "客户端把它用于{1}，不论它叫什么名字（RFC 6154 §2）。",
                &[en, zh],
            )
        })
}

/// `* LIST` or `* LSUB` (`rfc` the section of the one it is).
pub(super) fn list_response(tail: &str, rfc: &'static str) -> Explanation {
    let (attributes, rest) = parenthesised(tail).unwrap_or(("", tail));
    let (delimiter, rest) = mailbox_name(rest);
    let (name, _) = mailbox_name(rest);
    let no_select = attributes.to_ascii_lowercase().contains("\\noselect");
    let [attributes_en, attributes_zh] = if attributes.trim().is_empty() {
        Default::default()
    } else {
        phrase(" ({0})", "（{0}）", &[&quoted(attributes)])
    };
    let [select_en, select_zh] = if no_select {
        [
            " It cannot be opened; it only holds other mailboxes.".to_string(),
            "它不能打开，只用来容纳其他邮箱。".to_string(),
        ]
    } else {
        special_use(attributes)
    };
    let [delimiter_en, delimiter_zh] =
        if delimiter.eq_ignore_ascii_case("NIL") || delimiter.is_empty() {
            Default::default()
        } else {
            phrase(
                " {0} separates levels, as in “Work{1}2024”.",
                "{0}用来分隔层级，例如“Work{1}2024”。",
                &[&quoted(delimiter), delimiter],
            )
        };
    fill!(
        &Template {
            rfc,
            en: "One mailbox: {0}{1}.{3}{5}",
            zh: "一个邮箱：{0}{2}。{4}{6}",
        },
        quoted(name),
        attributes_en,
        attributes_zh,
        select_en,
        select_zh,
        delimiter_en,
        delimiter_zh,
    )
}

/// The items a STATUS response reports, in plain words: {0} is the value.
const STATUS_ITEMS: &[(&str, &str, &str)] = &[
    ("MESSAGES", "{0} messages", "{0} 封邮件"),
    ("UNSEEN", "{0} unread", "{0} 封未读"),
    ("RECENT", "{0} recent", "{0} 封新到"),
    ("UIDNEXT", "next UID {0}", "下一个 UID 为 {0}"),
    ("UIDVALIDITY", "UIDVALIDITY {0}", "UIDVALIDITY 为 {0}"),
    (
        "HIGHESTMODSEQ",
        "highest modification number {0}",
        "最高修改序号 {0}",
    ),
];

pub(super) fn status_response(tail: &str) -> Explanation {
    let (name, rest) = mailbox_name(tail);
    let items = parenthesised(rest).map_or(rest, |(inner, _)| inner);
    let words: Vec<&str> = items.split_whitespace().take(MAX_ITEMS * 2).collect();
    let mut en = Vec::new();
    let mut zh = Vec::new();
    for pair in words.chunks(2) {
        let item = pair.first().copied().unwrap_or("").to_ascii_uppercase();
        let value: String = pair
            .get(1)
            .copied()
            .unwrap_or("")
            .chars()
            .take(24)
            .collect();
        // Unknown items are shown as they came: {1} is the item's name quoted.
        let (_, item_en, item_zh) = STATUS_ITEMS
            .iter()
            .find(|(known, ..)| *known == item)
            .copied()
            .unwrap_or(("", "{1} {0}", "{1} {0}"));
        let [item_en, item_zh] = phrase(item_en, item_zh, &[&value, &quoted(&item)]);
        // A count reads "1 message", not "1 messages".
        en.push(match number(&value) {
            Some(count) if item == "MESSAGES" => messages(count),
            _ => item_en,
        });
        zh.push(item_zh);
    }
    fill!(
        &Template {
            rfc: "RFC 3501 §7.2.4",
            en: "Mailbox {0}, without opening it: {1}.",
            zh: "邮箱{0}（未打开）：{2}。",
        },
        quoted(name),
        en.join(", "),
        zh.join("，"),
    )
}
