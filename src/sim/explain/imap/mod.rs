//! IMAP (RFC 3501 and extensions): mail stays on the server, organised in mailboxes, with flags every device
//! shares. Each command carries a tag; the server answers with untagged `*` lines and one tagged result.
//! Client commands are explained in `commands` (FETCH and STORE in `message_commands`), server responses in
//! `responses` and, for the data about a mailbox and its messages, `mailbox_data`; this file holds the parsers
//! and descriptions they share.

mod commands;
mod mailbox_data;
mod message_commands;
mod response_codes;
mod responses;
#[cfg(test)]
mod tests;

use super::{message_content, number, phrase, quoted, Explanation, LineContext};
use crate::sim::session::Direction;

/// How many list items (flags, capabilities, fetch items) are described before the rest is left out.
const MAX_ITEMS: usize = 12;

pub(super) fn explain(direction: Direction, line: &str, context: &LineContext) -> Explanation {
    if context.in_content {
        return literal_content(line, context.facts.in_body);
    }
    match direction {
        Direction::ClientToServer => commands::command(line, context),
        Direction::ServerToClient => responses::response(line, context),
    }
}

fn literal_content(line: &str, in_body: bool) -> Explanation {
    if line.is_empty() {
        return message_content(line, in_body);
    }
    Explanation {
        en: "A line of the message, carried in a literal: its size was announced with {n}, so it is read as data, \
             never as a command."
            .into(),
        zh: "邮件的一行，装在“字面量”里传送：长度已由前面的 {n} 预告，所以只会被当作数据，绝不会被当成命令。"
            .into(),
        rfc: "",
    }
}

// ---- Small parsers. All slicing is at ASCII delimiters found in the same string, so never mid-character. ----

/// Text inside the parentheses that open `text`, and what follows the matching `)`.
fn parenthesised(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    if !text.starts_with('(') {
        return None;
    }
    let mut depth = 0usize;
    for (index, byte) in text.bytes().enumerate() {
        match byte {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some((text.get(1..index)?, text.get(index + 1..)?));
                }
            }
            _ => {}
        }
    }
    None
}

/// A mailbox name (quoted or bare) and what follows it.
fn mailbox_name(text: &str) -> (&str, &str) {
    let text = text.trim_start();
    if let Some(inner) = text.strip_prefix('"') {
        if let Some(end) = inner.find('"') {
            return (
                inner.get(..end).unwrap_or(""),
                inner.get(end + 1..).unwrap_or(""),
            );
        }
    }
    text.split_once(char::is_whitespace).unwrap_or((text, ""))
}

/// The text right after `keyword` where it appears as a whole item (after a space or "(", before a space).
fn after_item<'a>(text: &'a str, keyword: &str) -> Option<&'a str> {
    let upper = text.to_ascii_uppercase();
    upper
        .match_indices(keyword)
        .find(|(at, _)| {
            let before = at.checked_sub(1).and_then(|i| upper.as_bytes().get(i));
            let after = upper.as_bytes().get(at + keyword.len());
            matches!(before, None | Some(b' ' | b'(')) && matches!(after, Some(b' '))
        })
        .and_then(|(at, _)| text.get(at + keyword.len()..))
}

/// The number right after `keyword`, as in "UID 17" or "MODSEQ (624)".
fn number_after(text: &str, keyword: &str) -> Option<u64> {
    let rest = after_item(text, keyword)?
        .trim_start()
        .trim_start_matches('(');
    number(rest.split(|c: char| !c.is_ascii_digit()).next()?)
}

/// The size in a literal announcement such as `{342}` or `{342+}` at the end of a line.
fn literal_size(text: &str) -> Option<u64> {
    let inner = text.trim_end().strip_suffix('}')?;
    let start = inner.rfind('{')? + 1;
    number(inner.get(start..)?.trim_end_matches('+'))
}

/// The system flags (RFC 3501 §2.3.2) in plain words.
const FLAG_MEANINGS: &[(&str, &str, &str)] = &[
    ("\\seen", "read", "已读"),
    ("\\answered", "replied", "已回复"),
    ("\\flagged", "starred", "加星标"),
    ("\\deleted", "marked for deletion", "标记删除"),
    ("\\draft", "draft", "草稿"),
    ("\\recent", "recently arrived", "新到"),
    ("\\*", "any new keyword", "可自创关键字"),
];

/// What a few well-known capabilities are for, so a capability list reads as more than jargon.
const CAPABILITY_MEANINGS: &[(&str, &str, &str)] = &[
    ("IDLE", "push", "推送"),
    ("MOVE", "move in one step", "一步移动"),
    ("UIDPLUS", "reports new UIDs", "报告新 UID"),
    ("CONDSTORE", "change tracking", "变化追踪"),
    ("QRESYNC", "quick resync", "快速同步"),
    ("ENABLE", "switch extensions on", "开启扩展"),
    ("UNSELECT", "close without expunging", "关闭而不删除"),
    ("LITERAL+", "literals without waiting", "不必等待的字面量"),
    ("SASL-IR", "login in one line", "一行完成登录"),
    ("AUTH=PLAIN", "login with PLAIN", "用 PLAIN 登录"),
    ("SPECIAL-USE", "marks Sent, Trash…", "标出已发送、废纸篓等"),
    ("NAMESPACE", "where mailboxes live", "邮箱位置"),
    ("ID", "client and server names", "客户端与服务器名称"),
];

/// Items of a list, each shortened and followed by its meaning when `meanings` knows it (the key compared
/// after `normalised`): "\Seen (read), \Flagged (starred)" and "\Seen（已读）、\Flagged（加星标）".
fn items_described(
    items: &[&str],
    meanings: &[(&str, &'static str, &'static str)],
    normalised: fn(&str) -> String,
) -> [String; 2] {
    let mut described = [String::new(), String::new()];
    for (index, item) in items.iter().enumerate() {
        let shown: String = item.chars().take(24).collect();
        let key = normalised(item);
        let meaning = meanings.iter().find(|(known, ..)| *known == key);
        let pieces = match meaning {
            Some(&(_, en, zh)) => phrase("{0} ({1})", "{0}（{2}）", &[&shown, en, zh]),
            None => [shown.clone(), shown],
        };
        for ((text, piece), separator) in described.iter_mut().zip(pieces).zip([", ", "、"]) {
            if index > 0 {
                text.push_str(separator);
            }
            text.push_str(&piece);
        }
    }
    described
}

/// Flags with their meanings: "\Seen (read), \Flagged (starred)".
fn flags_described(list: &str) -> [String; 2] {
    let flags: Vec<&str> = list.split_whitespace().take(MAX_ITEMS).collect();
    if flags.is_empty() {
        return ["no flags".into(), "没有任何标记".into()];
    }
    items_described(&flags, FLAG_MEANINGS, str::to_ascii_lowercase)
}

/// Capabilities with what the well-known ones are for.
fn capabilities_described(list: &str) -> [String; 2] {
    let capabilities: Vec<&str> = list.split_whitespace().take(MAX_ITEMS * 2).collect();
    if capabilities.is_empty() {
        return ["nothing listed".into(), "未列出任何功能".into()];
    }
    items_described(&capabilities, CAPABILITY_MEANINGS, str::to_ascii_uppercase)
}

/// Which messages a sequence set names, e.g. "messages 2 to 5" or "the message with UID 17".
fn set_described(set: &str, by_uid: bool) -> [String; 2] {
    let (low, high) = set.split_once(':').unwrap_or(("", ""));
    let has_range = set.contains(':') && number(low).is_some();
    // Slots: {0} the single number, {1} and {2} a range's ends, {3} the set quoted.
    let [en, zh] = match (number(set).is_some(), has_range, high) {
        _ if set == "1:*" => [
            if by_uid {
                "all messages (by UID)"
            } else {
                "all messages"
            },
            "全部邮件",
        ],
        (true, ..) if by_uid => ["the message with UID {0}", "UID 为 {0} 的邮件"],
        (true, ..) => ["message {0}", "第 {0} 封邮件"],
        (false, true, "*") if by_uid => ["messages with UID {1} and up", "UID 从 {1} 起的邮件"],
        (false, true, "*") => ["messages {1} to the last", "第 {1} 封到最后一封邮件"],
        (false, true, _) if number(high).is_some() && by_uid => {
            ["messages with UIDs {1} to {2}", "UID 从 {1} 到 {2} 的邮件"]
        }
        (false, true, _) if number(high).is_some() => {
            ["messages {1} to {2}", "第 {1} 至 {2} 封邮件"]
        }
        _ if by_uid => ["the messages with UIDs {3}", "UID 为{3}的邮件"],
        _ => ["messages {3}", "邮件{3}"],
    };
    let shown = |text: &str| number(text).map_or_else(String::new, |n| n.to_string());
    phrase(
        en,
        zh,
        &[&shown(set), &shown(low), &shown(high), &quoted(set)],
    )
}

/// The command a reply answers: its verb (after any tag and UID prefix) and whether it used UIDs.
fn answered_verb(answered: &str) -> (String, bool) {
    let mut words = answered
        .split_whitespace()
        .skip(1)
        .map(str::to_ascii_uppercase);
    match words.next() {
        Some(word) if word == "UID" => (words.next().unwrap_or_default(), true),
        Some(word) => (word, false),
        None => (String::new(), false),
    }
}
