//! IMAP FETCH and STORE: the commands that read a message's parts or change its flags, with or without UID.

use super::{flags_described, number_after, parenthesised, set_described, MAX_ITEMS};
use crate::sim::explain::{fill, phrase, quoted, spaced, verb_and_rest, Explanation, Template};

/// What "UID" in front of a command changes.
const UID_NOTE: [&str; 2] = [
    " UID prefix: these numbers are UIDs, which stay the same as long as the mailbox's UIDVALIDITY does \
     (RFC 3501 §2.3.1.1), not sequence numbers, which shift after EXPUNGE.",
    "带 UID 前缀：这些数字是 UID，只要邮箱的 UIDVALIDITY 不变，它们就不变（RFC 3501 §2.3.1.1）；而不是会在删除后移位的序号。",
];

/// The note when a command uses UIDs, else nothing.
fn uid_note(by_uid: bool) -> [&'static str; 2] {
    if by_uid {
        UID_NOTE
    } else {
        ["", ""]
    }
}

/// FETCH items that are one word, in plain words.
const FETCH_ITEMS: &[(&str, &str, &str)] = &[
    ("FLAGS", "flags (read, starred…)", "标记（已读、星标等）"),
    ("UID", "UID (unique number)", "UID（唯一编号）"),
    ("RFC822.SIZE", "size in octets", "大小（字节）"),
    (
        "ENVELOPE",
        "envelope (sender, subject, date)",
        "信封（发件人、主题、日期）",
    ),
    ("INTERNALDATE", "arrival time", "到达时间"),
    (
        "BODYSTRUCTURE",
        "MIME structure (parts, attachments)",
        "MIME 结构（各部分、附件）",
    ),
    (
        "BODY",
        "MIME structure (parts, attachments)",
        "MIME 结构（各部分、附件）",
    ),
    (
        "MODSEQ",
        "modification number (MODSEQ)",
        "修改序号（MODSEQ）",
    ),
    (
        "RFC822",
        "the whole message, which marks it \\Seen (read)",
        "整封邮件，这会把它标记为 \\Seen（已读）",
    ),
    ("RFC822.HEADER", "the headers", "信头"),
    (
        "ALL",
        "a standard summary (flags, date, size…)",
        "一组标准摘要（标记、日期、大小等）",
    ),
    (
        "FAST",
        "a standard summary (flags, date, size…)",
        "一组标准摘要（标记、日期、大小等）",
    ),
    (
        "FULL",
        "a standard summary (flags, date, size…)",
        "一组标准摘要（标记、日期、大小等）",
    ),
];

/// One requested FETCH item, described.
fn fetch_item(item: &str) -> Option<[String; 2]> {
    let upper = item.to_ascii_uppercase();
    let (peek, section) = if let Some(section) = upper.strip_prefix("BODY.PEEK[") {
        (true, section)
    } else if let Some(section) = upper.strip_prefix("BODY[") {
        (false, section)
    } else {
        let &(_, en, zh) = FETCH_ITEMS.iter().find(|(known, ..)| *known == upper)?;
        return Some([en.into(), zh.into()]);
    };
    let section = section.split(']').next().unwrap_or("");
    let [what_en, what_zh] = if section.is_empty() {
        ["the whole message".to_string(), "整封邮件".to_string()]
    } else if section.starts_with("HEADER") {
        ["the headers".to_string(), "信头".to_string()]
    } else {
        phrase("part {0}", "第{0}部分", &[&quoted(section)])
    };
    // BODY[] sets \Seen as a side effect; BODY.PEEK[] does not (RFC 3501 §6.4.5).
    let [en, zh] = if peek {
        [
            "{0} without marking it read (PEEK)",
            "{1}，但不标记为已读（PEEK）",
        ]
    } else {
        [
            "{0}, which marks it \\Seen (read)",
            "{1}，这会把它标记为 \\Seen（已读）",
        ]
    };
    Some(phrase(en, zh, &[&what_en, &what_zh]))
}

/// FETCH; `read_only` when the transcript shows the mailbox was opened read-only, where no fetch sets \Seen.
pub(super) fn fetch(arguments: &str, by_uid: bool, read_only: bool) -> Explanation {
    let (set, items) = arguments
        .split_once(char::is_whitespace)
        .unwrap_or((arguments, ""));
    let [set_en, set_zh] = set_described(set, by_uid);
    let (items, modifiers) = parenthesised(items).unwrap_or((items, ""));
    let mut described_en = Vec::new();
    let mut described_zh = Vec::new();
    // Items are words, except that "BODY[HEADER.FIELDS (FROM)]" holds spaces and parentheses of its own.
    let mut sets_seen = false;
    for word in items.split_whitespace().take(MAX_ITEMS) {
        let upper = word.to_ascii_uppercase();
        sets_seen |= upper.starts_with("BODY[") || upper == "RFC822" || upper == "RFC822.TEXT";
        if let Some([en, zh]) = fetch_item(word) {
            if !described_en.contains(&en) {
                described_en.push(en);
                described_zh.push(zh);
            }
        }
    }
    if described_en.is_empty() {
        described_en.push(quoted(items));
        described_zh.push(quoted(items));
    }
    let changed_since = number_after(modifiers, "CHANGEDSINCE");
    let [since_en, since_zh] = match changed_since {
        Some(modseq) => phrase(
            " Only messages changed since modification number {0} are returned (CONDSTORE), so the client gets \
             just what is new.",
            "只返回修改序号 {0} 之后有变化的邮件（CONDSTORE），客户端只拿到新的变化。",
            &[&modseq.to_string()],
        ),
        None => Default::default(),
    };
    let [uid_en, uid_zh] = uid_note(by_uid);
    // EXAMINE permits no change, \Seen included (RFC 3501 §6.3.2).
    let [read_only_en, read_only_zh] = if sets_seen && read_only {
        [
            " The mailbox is open read-only (EXAMINE), so \\Seen is not set.",
            "邮箱以只读方式（EXAMINE）打开，所以不会设置 \\Seen。",
        ]
    } else {
        ["", ""]
    };
    fill!(
        &Template {
            rfc: match (changed_since, by_uid) {
                (Some(_), _) => "RFC 7162 §3.1.4.1",
                (None, true) => "RFC 3501 §6.4.8",
                (None, false) => "RFC 3501 §6.4.5",
            },
            en: "Fetches {0}: {2}.{8}{4}{6}",
            zh: "获取{1}：{3}。{9}{5}{7}",
        },
        set_en,
        spaced(&set_zh),
        described_en.join("; "),
        described_zh.join("；"),
        since_en,
        since_zh,
        uid_en,
        uid_zh,
        read_only_en,
        read_only_zh,
    )
}

pub(super) fn store(arguments: &str, by_uid: bool) -> Explanation {
    let (set, rest) = arguments
        .split_once(char::is_whitespace)
        .unwrap_or((arguments, ""));
    // An optional "(UNCHANGEDSINCE n)" modifier comes before the operation.
    let rest = parenthesised(rest).map_or(rest, |(_, after)| after);
    let (operation, flags) = verb_and_rest(rest);
    let flags = parenthesised(flags).map_or(flags, |(inner, _)| inner);
    let [set_en, set_zh] = set_described(set, by_uid);
    let [flags_en, flags_zh] = flags_described(flags);
    let silent = operation.ends_with(".SILENT");
    // Slots: {0} the flags, {1} the messages, {2} and {3} the same in Chinese, {4} the operation quoted.
    let no_flags = flags.trim().is_empty();
    let [action_en, action_zh] = match operation.trim_end_matches(".SILENT") {
        "+FLAGS" | "-FLAGS" if no_flags => [
            "Names no flags for {1}: an empty list changes nothing.",
            "没有为{3}指定任何标记：空列表什么也不改变。",
        ],
        "FLAGS" if no_flags => [
            "Removes every flag of {1}: the new list is empty.",
            "清除{3}的所有标记：新的标记列表是空的。",
        ],
        "+FLAGS" => ["Adds {0} to {1}.", "给{3}加上标记 {2}。"],
        "-FLAGS" => ["Removes {0} from {1}.", "去掉{3}的标记 {2}。"],
        "FLAGS" => [
            "Replaces the flags of {1} with {0}.",
            "把{3}的标记整体替换为 {2}。",
        ],
        _ => ["Changes the flags of {1} ({4}).", "修改{3}的标记（{4}）。"],
    };
    let [action_en, action_zh] = phrase(
        action_en,
        action_zh,
        &[
            &flags_en,
            &set_en,
            &flags_zh,
            &spaced(&set_zh),
            &quoted(rest),
        ],
    );
    let deleting = operation.starts_with('+') && flags.to_ascii_lowercase().contains("\\deleted");
    let [deleted_en, deleted_zh] = if deleting {
        [
            " \\Deleted only marks: EXPUNGE or CLOSE removes the message later.",
            "\\Deleted 只是标记：之后 EXPUNGE 或 CLOSE 才会真正删除。",
        ]
    } else {
        ["", ""]
    };
    let [reply_en, reply_zh] = if silent {
        [
            " .SILENT: the server does not send the new flags back.",
            ".SILENT 表示服务器不必回报新的标记。",
        ]
    } else {
        [
            " The server answers with the new flags (* n FETCH).",
            "服务器会回报新的标记（* n FETCH）。",
        ]
    };
    let [uid_en, uid_zh] = uid_note(by_uid);
    fill!(
        &Template {
            rfc: if by_uid {
                "RFC 3501 §6.4.8"
            } else {
                "RFC 3501 §6.4.6"
            },
            en: "{0}{2} Flags live on the server, so every device sees the change.{4}{6}",
            zh: "{1}{3}标记保存在服务器上，所以每台设备都会看到这个变化。{5}{7}",
        },
        action_en,
        action_zh,
        deleted_en,
        deleted_zh,
        reply_en,
        reply_zh,
        uid_en,
        uid_zh,
    )
}
