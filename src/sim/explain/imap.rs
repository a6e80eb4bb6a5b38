//! IMAP (RFC 3501 and extensions): mail stays on the server, organised in mailboxes, with flags every device
//! shares. Each command carries a tag; the server answers with untagged `*` lines and one tagged result.

use super::{
    cited, message_content, messages, number, plain, quoted, redacted, spaced, unrecognised,
    verb_and_rest, Explanation, LineContext, WireProtocol,
};
use crate::sim::session::Direction;

/// How many list items (flags, capabilities, fetch items) are described before the rest is left out.
const MAX_ITEMS: usize = 12;

pub(super) fn explain(direction: Direction, line: &str, context: &LineContext) -> Explanation {
    if context.in_content {
        return literal_content(line);
    }
    match direction {
        Direction::ClientToServer => command(line),
        Direction::ServerToClient => response(line, context),
    }
}

fn literal_content(line: &str) -> Explanation {
    if line.is_empty() {
        return message_content(line);
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

fn flag_meaning(flag: &str) -> Option<(&'static str, &'static str)> {
    Some(match flag.to_ascii_lowercase().as_str() {
        "\\seen" => ("read", "已读"),
        "\\answered" => ("replied", "已回复"),
        "\\flagged" => ("starred", "加星标"),
        "\\deleted" => ("marked for deletion", "标记删除"),
        "\\draft" => ("draft", "草稿"),
        "\\recent" => ("new", "新到"),
        "\\*" => ("any new keyword", "可自创关键字"),
        _ => return None,
    })
}

/// Flags with their meanings: "\Seen (read), \Flagged (starred)".
fn flags_described(list: &str) -> (String, String) {
    let flags: Vec<&str> = list.split_whitespace().take(MAX_ITEMS).collect();
    if flags.is_empty() {
        return ("no flags".into(), "没有任何标记".into());
    }
    let describe = |chinese: bool| {
        flags
            .iter()
            .map(|flag| {
                let shown: String = flag.chars().take(24).collect();
                match flag_meaning(flag) {
                    Some((_, zh)) if chinese => format!("{shown}（{zh}）"),
                    Some((en, _)) => format!("{shown} ({en})"),
                    None => shown,
                }
            })
            .collect::<Vec<_>>()
            .join(if chinese { "、" } else { ", " })
    };
    (describe(false), describe(true))
}

/// Which messages a sequence set names, e.g. "messages 2 to 5" or "the message with UID 17".
fn set_described(set: &str, by_uid: bool) -> (String, String) {
    let bounds = set.split_once(':').map(|(low, high)| (number(low), high));
    match (number(set), bounds) {
        _ if set == "1:*" => (
            if by_uid {
                "all messages (by UID)"
            } else {
                "all messages"
            }
            .into(),
            "全部邮件".into(),
        ),
        (Some(n), _) if by_uid => (
            format!("the message with UID {n}"),
            format!("UID 为 {n} 的邮件"),
        ),
        (Some(n), _) => (format!("message {n}"), format!("第 {n} 封邮件")),
        (None, Some((Some(low), "*"))) if by_uid => (
            format!("messages with UID {low} and up"),
            format!("UID 从 {low} 起的邮件"),
        ),
        (None, Some((Some(low), "*"))) => (
            format!("messages {low} to the last"),
            format!("第 {low} 封到最后一封邮件"),
        ),
        (None, Some((Some(low), high))) if number(high).is_some() => {
            let high = number(high).unwrap_or(low);
            if by_uid {
                (
                    format!("messages with UIDs {low} to {high}"),
                    format!("UID 从 {low} 到 {high} 的邮件"),
                )
            } else {
                (
                    format!("messages {low} to {high}"),
                    format!("第 {low} 至 {high} 封邮件"),
                )
            }
        }
        _ if by_uid => (
            format!("the messages with UIDs {}", quoted(set)),
            format!("UID 为{}的邮件", quoted(set)),
        ),
        _ => (
            format!("messages {}", quoted(set)),
            format!("邮件{}", quoted(set)),
        ),
    }
}

/// What "UID" in front of a command changes.
const UID_NOTE_EN: &str =
    " UID prefix: these numbers are UIDs, which never change, not sequence numbers, which shift after EXPUNGE.";
const UID_NOTE_ZH: &str = "带 UID 前缀：这些数字是永不改变的 UID，而不是会在删除后移位的序号。";

// ---- Client commands ----

fn command(line: &str) -> Explanation {
    let trimmed = line.trim();
    if trimmed.eq_ignore_ascii_case("DONE") {
        return cited(
            "RFC 2177 §3",
            "DONE ends IDLE: the client wants to send commands again. The server answers with the tagged OK for \
             IDLE.",
            "DONE 结束 IDLE：客户端要重新发送命令了。服务器会用 IDLE 那条命令的带标签 OK 来回应。",
        );
    }
    let Some((tag, rest)) = trimmed.split_once(char::is_whitespace) else {
        return cited(
            "RFC 3501 §2.2.1",
            "A line with no command. Every IMAP command is a tag plus a command name, like “A1 NOOP”; a lone line \
             like this only makes sense as data the server asked for with “+”.",
            "这一行没有命令。每条 IMAP 命令都由标签加命令名组成，例如“A1 NOOP”；这样单独的一行，\
             只有在服务器用“+”索要数据时才有意义。",
        );
    };
    let (verb, arguments) = verb_and_rest(rest);
    let (by_uid, verb, arguments) = if verb == "UID" {
        let (verb, arguments) = verb_and_rest(arguments);
        (true, verb, arguments)
    } else {
        (false, verb, arguments)
    };
    let explanation = tagged_command(&verb, arguments, by_uid).unwrap_or_else(|| {
        cited(
            "RFC 3501 §7.1.3",
            format!(
                "{} is not an IMAP command this server knows; it will answer “{} BAD”.",
                quoted(&verb),
                tag
            ),
            format!(
                "{}不是本服务器认识的 IMAP 命令；服务器会回复“{} BAD”。",
                quoted(&verb),
                tag
            ),
        )
    });
    with_tag(explanation, tag)
}

/// Adds the sentence about tags that every tagged command shares.
fn with_tag(mut explanation: Explanation, tag: &str) -> Explanation {
    let tag = quoted(tag);
    explanation.en.push_str(&format!(
        " The tag {tag} lets the client match the server's reply to this command (RFC 3501 §2.2.1)."
    ));
    explanation.zh.push_str(&format!(
        "标签{tag}让客户端把服务器的回复和这条命令对上号（RFC 3501 §2.2.1）。"
    ));
    explanation
}

fn tagged_command(verb: &str, arguments: &str, by_uid: bool) -> Option<Explanation> {
    let first = arguments.split_whitespace().next().unwrap_or("");
    let (box_name, after_box) = mailbox_name(arguments);
    let mailbox = quoted(box_name);
    Some(match verb {
        "CAPABILITY" => cited(
            "RFC 3501 §6.1.1",
            "Asks what this server can do: its IMAP version and extensions such as IDLE or MOVE.",
            "询问服务器的能力：IMAP 版本以及 IDLE、MOVE 等扩展。",
        ),
        "NOOP" => cited(
            "RFC 3501 §6.1.2",
            "Does nothing, but gives the server a chance to report changes: new mail, or flags changed on \
             another device.",
            "什么也不做，但给服务器一个报告变化的机会：新邮件，或其他设备改动过的标记。",
        ),
        "LOGOUT" => cited(
            "RFC 3501 §6.1.3",
            "Ends the session: the server says BYE and closes the connection. Unlike POP3's QUIT, nothing is \
             deleted now; the mail stays on the server.",
            "结束会话：服务器说 BYE 并关闭连接。与 POP3 的 QUIT 不同，此时不会删除任何东西，邮件仍留在服务器上。",
        ),
        "LOGIN" => cited(
            "RFC 3501 §6.2.3",
            format!(
                "Logs in as user {} (the password is hidden here). It travels as plain text, so real servers \
                 require an encrypted connection first.",
                quoted(first)
            ),
            format!("以用户{}的身份登录（此处隐藏密码）。密码以明文传输，所以真实的服务器要求先加密连接。", quoted(first)),
        ),
        "AUTHENTICATE" => cited(
            "RFC 3501 §6.2.2",
            format!("Starts logging in with the {} method; the credentials follow after a “+”.", quoted(first)),
            format!("开始用{}方式登录；凭据会在服务器回复“+”之后发送。", quoted(first)),
        ),
        "SELECT" | "EXAMINE" => select(verb, &mailbox, arguments),
        "CREATE" => cited(
            "RFC 3501 §6.3.3",
            format!("Creates a new mailbox (folder) named {mailbox} on the server."),
            format!("在服务器上新建一个名为{mailbox}的邮箱（文件夹）。"),
        ),
        "DELETE" => cited(
            "RFC 3501 §6.3.4",
            format!("Deletes the mailbox {mailbox} and every message in it, for every device."),
            format!("删除邮箱{mailbox}及其中的全部邮件，所有设备上都会消失。"),
        ),
        "RENAME" => {
            let (new_name, _) = mailbox_name(after_box);
            cited(
                "RFC 3501 §6.3.5",
                format!("Renames the mailbox {mailbox} to {}.", quoted(new_name)),
                format!("把邮箱{mailbox}改名为{}。", quoted(new_name)),
            )
        }
        "LIST" | "LSUB" => {
            let (pattern, _) = mailbox_name(after_box);
            cited(
                if verb == "LIST" { "RFC 3501 §6.3.8" } else { "RFC 3501 §6.3.9" },
                format!(
                    "Asks for the mailboxes whose names match {} (“*” matches anything, “%” one level).",
                    quoted(pattern)
                ),
                format!("询问名字符合{}的邮箱（“*”匹配任意内容，“%”只匹配一层）。", quoted(pattern)),
            )
        }
        "STATUS" => {
            let items = parenthesised(after_box).map_or(after_box, |(inner, _)| inner);
            cited(
                "RFC 3501 §6.3.10",
                format!("Asks about {mailbox} without opening it: {}.", quoted(items)),
                format!("不打开邮箱，直接询问{mailbox}的情况：{}。", quoted(items)),
            )
        }
        "APPEND" => {
            let (size_en, size_zh) = match literal_size(arguments) {
                Some(size) => (
                    format!(" {{{size}}} announces {size} octets of message data; the client sends them after the server's “+”."),
                    format!("{{{size}}} 预告接下来有 {size} 字节的邮件数据；客户端等服务器回复“+”后再发送。"),
                ),
                None => (String::new(), String::new()),
            };
            cited(
                "RFC 3501 §6.3.11",
                format!("Uploads a message into {mailbox}, for example a copy of mail just sent.{size_en}"),
                format!("把一封邮件上传到{mailbox}，例如刚发出邮件的副本。{size_zh}"),
            )
        }
        "CLOSE" => cited(
            "RFC 3501 §6.4.2",
            "Closes the mailbox and silently removes every message marked \\Deleted: no EXPUNGE responses are sent.",
            "关闭邮箱，并悄悄删除所有标记为 \\Deleted 的邮件：不会发送 EXPUNGE 响应。",
        ),
        "UNSELECT" => cited(
            "RFC 3691 §2",
            "Closes the mailbox without removing anything: unlike CLOSE, messages marked \\Deleted stay.",
            "关闭邮箱但不删除任何邮件：与 CLOSE 不同，标记为 \\Deleted 的邮件会保留。",
        ),
        "EXPUNGE" if by_uid => {
            let (set_en, set_zh) = set_described(first, true);
            cited(
                "RFC 4315 §2.1",
                format!("Permanently removes {set_en}, if marked \\Deleted; other deleted messages stay."),
                format!("永久删除{}（仅限标记为 \\Deleted 的）；其他标记删除的邮件保留。", spaced(&set_zh)),
            )
        }
        "EXPUNGE" => cited(
            "RFC 3501 §6.4.3",
            "Permanently removes every message marked \\Deleted in this mailbox. The server reports each one with \
             “* n EXPUNGE”.",
            "永久删除本邮箱中所有标记为 \\Deleted 的邮件。服务器会为每一封发送“* n EXPUNGE”。",
        ),
        "SEARCH" => {
            let (what_en, what_zh) = if by_uid { ("UIDs", "UID") } else { ("message numbers", "邮件序号") };
            cited(
                if by_uid { "RFC 3501 §6.4.8" } else { "RFC 3501 §6.4.4" },
                format!(
                    "Asks which messages match {}. The server searches, so nothing is downloaded; it answers with \
                     their {what_en}.",
                    quoted(arguments)
                ),
                format!("查找符合{}的邮件。搜索在服务器上进行，无需下载；服务器回复它们的{what_zh}。", quoted(arguments)),
            )
        }
        "FETCH" => fetch(arguments, by_uid),
        "STORE" => store(arguments, by_uid),
        "COPY" | "MOVE" => {
            let rest = arguments.get(first.len()..).unwrap_or("");
            let (target, _) = mailbox_name(rest);
            let (set_en, set_zh) = set_described(first, by_uid);
            let target = quoted(target);
            if verb == "COPY" {
                cited(
                    if by_uid { "RFC 3501 §6.4.8" } else { "RFC 3501 §6.4.7" },
                    format!("Copies {set_en} into the mailbox {target}; the originals stay here."),
                    format!("把{}复制到邮箱{target}；原邮件留在这里。", spaced(&set_zh)),
                )
            } else {
                cited(
                    "RFC 6851 §3",
                    format!(
                        "Moves {set_en} to the mailbox {target} in one step: copied there, then removed here (the \
                         server reports “* n EXPUNGE”)."
                    ),
                    format!(
                        "一步把{}移到邮箱{target}：先复制过去，再从这里删除（服务器会报告“* n EXPUNGE”）。",
                        spaced(&set_zh)
                    ),
                )
            }
        }
        "IDLE" => cited(
            "RFC 2177 §3",
            "Asks the server to push changes (new mail, deletions, flag changes) the moment they happen, instead \
             of the client asking again and again. The client ends it with DONE.",
            "请服务器在变化发生的那一刻就主动推送（新邮件、删除、标记变化），而不是让客户端一遍遍地询问。\
             客户端用 DONE 结束。",
        ),
        "ENABLE" => {
            let (extra_en, extra_zh) = if arguments.to_ascii_uppercase().contains("QRESYNC") {
                (
                    " With QRESYNC the server reports removed messages by UID (* VANISHED) and a returning client \
                     can catch up quickly on its next SELECT.",
                    "启用 QRESYNC 后，服务器按 UID 报告已删除的邮件（* VANISHED），客户端下次 SELECT 时能快速同步。",
                )
            } else {
                ("", "")
            };
            cited(
                "RFC 5161 §3.1",
                format!("Switches on the extension {}.{extra_en}", quoted(arguments)),
                format!("开启扩展{}。{extra_zh}", quoted(arguments)),
            )
        }
        _ => return None,
    })
}

fn select(verb: &str, mailbox: &str, arguments: &str) -> Explanation {
    let resync = arguments.to_ascii_uppercase().contains("QRESYNC");
    let (mode_en, mode_zh) = if verb == "SELECT" {
        ("for reading and changing", "可读可改")
    } else {
        (
            "read-only: nothing in it will change, not even \\Seen",
            "只读：其中任何东西都不会改变，连 \\Seen 也不会",
        )
    };
    let (resync_en, resync_zh) = if resync {
        (
            " The QRESYNC part gives what the client remembers, so the server sends only what changed since.",
            "QRESYNC 部分告诉服务器客户端记得的状态，服务器只发送此后的变化。",
        )
    } else {
        ("", "")
    };
    cited(
        match (resync, verb) {
            (true, _) => "RFC 7162 §3.2.5",
            (false, "SELECT") => "RFC 3501 §6.3.1",
            _ => "RFC 3501 §6.3.2",
        },
        format!(
            "Opens the mailbox {mailbox}, {mode_en}. The server replies with its message count, flags and \
             UIDVALIDITY.{resync_en}"
        ),
        format!("打开邮箱{mailbox}（{mode_zh}）。服务器会回复邮件数量、标记和 UIDVALIDITY。{resync_zh}"),
    )
}

/// One requested FETCH item, described.
fn fetch_item(item: &str) -> Option<(String, String)> {
    let upper = item.to_ascii_uppercase();
    let (peek, section) = if let Some(section) = upper.strip_prefix("BODY.PEEK[") {
        (true, section)
    } else if let Some(section) = upper.strip_prefix("BODY[") {
        (false, section)
    } else {
        let (en, zh) = match upper.as_str() {
            "FLAGS" => ("flags (read, starred…)", "标记（已读、星标等）"),
            "UID" => ("UID (permanent number)", "UID（永久编号）"),
            "RFC822.SIZE" => ("size in octets", "大小（字节）"),
            "ENVELOPE" => (
                "envelope (sender, subject, date)",
                "信封（发件人、主题、日期）",
            ),
            "INTERNALDATE" => ("arrival time", "到达时间"),
            "BODYSTRUCTURE" | "BODY" => (
                "MIME structure (parts, attachments)",
                "MIME 结构（各部分、附件）",
            ),
            "MODSEQ" => ("modification number (MODSEQ)", "修改序号（MODSEQ）"),
            "RFC822" => (
                "the whole message, which marks it \\Seen (read)",
                "整封邮件，这会把它标记为 \\Seen（已读）",
            ),
            "RFC822.HEADER" => ("the headers", "信头"),
            "ALL" | "FAST" | "FULL" => (
                "a standard summary (flags, date, size…)",
                "一组标准摘要（标记、日期、大小等）",
            ),
            _ => return None,
        };
        return Some((en.into(), zh.into()));
    };
    let section = section.split(']').next().unwrap_or("");
    let (what_en, what_zh) = if section.is_empty() {
        ("the whole message".to_string(), "整封邮件".to_string())
    } else if section.starts_with("HEADER") {
        ("the headers".to_string(), "信头".to_string())
    } else {
        (
            format!("part {}", quoted(section)),
            format!("第{}部分", quoted(section)),
        )
    };
    Some(if peek {
        (
            format!("{what_en} without marking it read (PEEK)"),
            format!("{what_zh}，但不标记为已读（PEEK）"),
        )
    } else {
        (
            format!("{what_en}, which marks it \\Seen (read)"),
            format!("{what_zh}，这会把它标记为 \\Seen（已读）"),
        )
    })
}

fn fetch(arguments: &str, by_uid: bool) -> Explanation {
    let (set, items) = arguments
        .split_once(char::is_whitespace)
        .unwrap_or((arguments, ""));
    let (set_en, set_zh) = set_described(set, by_uid);
    let (items, modifiers) = parenthesised(items).unwrap_or((items, ""));
    let mut described_en = Vec::new();
    let mut described_zh = Vec::new();
    // Items are words, except that "BODY[HEADER.FIELDS (FROM)]" holds spaces and parentheses of its own.
    for word in items.split_whitespace().take(MAX_ITEMS) {
        if let Some((en, zh)) = fetch_item(word) {
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
    let (since_en, since_zh) = match changed_since {
        Some(modseq) => (
            format!(" Only messages changed since modification number {modseq} are returned (CONDSTORE), so the client gets just what is new."),
            format!("只返回修改序号 {modseq} 之后有变化的邮件（CONDSTORE），客户端只拿到新的变化。"),
        ),
        None => (String::new(), String::new()),
    };
    let (uid_en, uid_zh) = if by_uid {
        (UID_NOTE_EN, UID_NOTE_ZH)
    } else {
        ("", "")
    };
    cited(
        match (changed_since, by_uid) {
            (Some(_), _) => "RFC 7162 §3.1.4.1",
            (None, true) => "RFC 3501 §6.4.8",
            (None, false) => "RFC 3501 §6.4.5",
        },
        format!(
            "Fetches {set_en}: {}.{since_en}{uid_en}",
            described_en.join("; ")
        ),
        format!(
            "获取{}：{}。{since_zh}{uid_zh}",
            spaced(&set_zh),
            described_zh.join("；")
        ),
    )
}

fn store(arguments: &str, by_uid: bool) -> Explanation {
    let (set, rest) = arguments
        .split_once(char::is_whitespace)
        .unwrap_or((arguments, ""));
    // An optional "(UNCHANGEDSINCE n)" modifier comes before the operation.
    let rest = parenthesised(rest).map_or(rest, |(_, after)| after);
    let (operation, flags) = verb_and_rest(rest);
    let flags = parenthesised(flags).map_or(flags, |(inner, _)| inner);
    let (set_en, set_zh) = set_described(set, by_uid);
    let (flags_en, flags_zh) = flags_described(flags);
    let silent = operation.ends_with(".SILENT");
    let (action_en, action_zh) = match operation.trim_end_matches(".SILENT") {
        "+FLAGS" => (
            format!("Adds {flags_en} to {set_en}."),
            format!("给{}加上标记 {flags_zh}。", spaced(&set_zh)),
        ),
        "-FLAGS" => (
            format!("Removes {flags_en} from {set_en}."),
            format!("去掉{}的标记 {flags_zh}。", spaced(&set_zh)),
        ),
        "FLAGS" => (
            format!("Replaces the flags of {set_en} with {flags_en}."),
            format!("把{}的标记整体替换为 {flags_zh}。", spaced(&set_zh)),
        ),
        _ => (
            format!("Changes the flags of {set_en} ({}).", quoted(rest)),
            format!("修改{}的标记（{}）。", spaced(&set_zh), quoted(rest)),
        ),
    };
    let deleting = operation.starts_with('+') && flags.to_ascii_lowercase().contains("\\deleted");
    let (deleted_en, deleted_zh) = if deleting {
        (
            " \\Deleted only marks: EXPUNGE or CLOSE removes the message later.",
            "\\Deleted 只是标记：之后 EXPUNGE 或 CLOSE 才会真正删除。",
        )
    } else {
        ("", "")
    };
    let (reply_en, reply_zh) = if silent {
        (
            " .SILENT: the server does not send the new flags back.",
            ".SILENT 表示服务器不必回报新的标记。",
        )
    } else {
        (
            " The server answers with the new flags (* n FETCH).",
            "服务器会回报新的标记（* n FETCH）。",
        )
    };
    let (uid_en, uid_zh) = if by_uid {
        (UID_NOTE_EN, UID_NOTE_ZH)
    } else {
        ("", "")
    };
    cited(
        if by_uid { "RFC 3501 §6.4.8" } else { "RFC 3501 §6.4.6" },
        format!(
            "{action_en}{deleted_en} Flags live on the server, so every device sees the change.{reply_en}{uid_en}"
        ),
        format!("{action_zh}{deleted_zh}标记保存在服务器上，所以每台设备都会看到这个变化。{reply_zh}{uid_zh}"),
    )
}

// ---- Server responses ----

fn response(line: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    if let Some(rest) = line.strip_prefix('*') {
        return untagged(rest.trim_start(), answered, context.greeting);
    }
    if let Some(rest) = line.strip_prefix('+') {
        return continuation(rest.trim(), answered);
    }
    if line.trim_start().starts_with(')') {
        return cited(
            "RFC 3501 §7.4.2",
            "Closes the FETCH response whose message data came just before.",
            "结束前面那条带邮件数据的 FETCH 响应。",
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
            tagged(tag, &status.to_ascii_uppercase(), text, answered)
        }
        _ => unrecognised(WireProtocol::Imap, Direction::ServerToClient, line),
    }
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

fn continuation(text: &str, answered: &str) -> Explanation {
    let (verb, _) = answered_verb(answered);
    if verb == "IDLE" {
        return cited(
            "RFC 2177 §3",
            "+: the server confirms IDLE. From now on it pushes every change (new mail, deletions, flags) as it \
             happens, until the client sends DONE.",
            "+：服务器确认进入 IDLE。从现在起，每个变化（新邮件、删除、标记）一发生就会推送过来，直到客户端发送 DONE。",
        );
    }
    if let Some(size) = literal_size(answered) {
        return cited(
            "RFC 3501 §7.5",
            format!("+: go ahead. The server is ready for the {size} octets the client announced with {{{size}}}."),
            format!("+：请继续。服务器已准备好接收客户端用 {{{size}}} 预告的 {size} 字节数据。"),
        );
    }
    cited(
        "RFC 3501 §7.5",
        format!(
            "+: the server waits for the client to continue the command ({}).",
            quoted(text)
        ),
        format!("+：服务器在等客户端把命令继续发完（{}）。", quoted(text)),
    )
}

/// A status response code in brackets, such as `[UIDVALIDITY 3857529045]`: the code's own explanation.
fn response_code(code: &str) -> Option<(String, String, &'static str)> {
    let (name, arguments) = verb_and_rest(code);
    let first = arguments.split_whitespace().next().unwrap_or("");
    let n = || plain(first);
    Some(match name.as_str() {
        "UNSEEN" => (
            format!("Message {} is the first unread one.", n()),
            format!("第 {} 封是第一封未读邮件。", n()),
            "RFC 3501 §7.1",
        ),
        "PERMANENTFLAGS" => {
            let (en, zh) = flags_described(parenthesised(arguments).map_or(arguments, |(inner, _)| inner));
            (
                format!("Flags the client may change and that are saved for good: {en}."),
                format!("客户端可以修改并会被永久保存的标记：{zh}。"),
                "RFC 3501 §7.1",
            )
        }
        "UIDNEXT" => (
            format!("The next message to arrive will get UID {} or higher; a client that remembers this spots new mail quickly.", n()),
            format!("下一封到达的邮件的 UID 将是 {} 或更大；客户端记住它就能很快发现新邮件。", n()),
            "RFC 3501 §2.3.1.1",
        ),
        "UIDVALIDITY" => (
            format!(
                "This mailbox's UIDVALIDITY is {}. While it stays the same, UIDs the client remembers stay valid; if \
                 it ever changes, all cached UIDs are void and the client must start over.",
                n()
            ),
            format!(
                "这个邮箱的 UIDVALIDITY 是 {}。只要它不变，客户端记住的 UID 就一直有效；一旦改变，缓存的 UID 全部作废，\
                 客户端必须从头同步。",
                n()
            ),
            "RFC 3501 §2.3.1.1",
        ),
        "HIGHESTMODSEQ" => (
            format!(
                "Every change here gets a rising modification number; the highest so far is {}. Next time the client \
                 can ask only for changes after it.",
                n()
            ),
            format!("这里的每次改动都有一个递增的修改序号，目前最高为 {}。下次客户端只需询问此后的变化。", n()),
            "RFC 7162 §3.1.2.1",
        ),
        "CAPABILITY" => {
            let (en, zh) = capabilities_described(arguments);
            (format!("The server lists what it supports: {en}."), format!("服务器列出它支持的功能：{zh}。"), "RFC 3501 §7.1")
        }
        "READ-WRITE" => (
            "[READ-WRITE]: the mailbox is open for reading and changing flags or removing messages.".into(),
            "[READ-WRITE]：邮箱已以可读写方式打开，可以修改标记或删除邮件。".into(),
            "RFC 3501 §7.1",
        ),
        "READ-ONLY" => (
            "[READ-ONLY]: the mailbox is open read-only; nothing changes, not even \\Seen.".into(),
            "[READ-ONLY]：邮箱以只读方式打开，什么都不会改变，连 \\Seen 也不会。".into(),
            "RFC 3501 §7.1",
        ),
        "TRYCREATE" => (
            "[TRYCREATE]: the target mailbox does not exist; the client may CREATE it and try again.".into(),
            "[TRYCREATE]：目标邮箱不存在；客户端可以先 CREATE 再重试。".into(),
            "RFC 3501 §7.1",
        ),
        "ALERT" => (
            "[ALERT]: the server wants this text shown to the user.".into(),
            "[ALERT]：服务器要求把这段文字显示给用户看。".into(),
            "RFC 3501 §7.1",
        ),
        "APPENDUID" => {
            let mut words = arguments.split_whitespace();
            let (validity, uid) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            (
                format!("[APPENDUID]: the uploaded message got UID {} (UIDVALIDITY {}).", plain(uid), plain(validity)),
                format!("[APPENDUID]：上传的邮件得到的 UID 是 {}（UIDVALIDITY 为 {}）。", plain(uid), plain(validity)),
                "RFC 4315 §3",
            )
        }
        "COPYUID" => {
            let mut words = arguments.split_whitespace();
            let (validity, from, to) =
                (words.next().unwrap_or(""), words.next().unwrap_or(""), words.next().unwrap_or(""));
            (
                format!(
                    "[COPYUID]: in the target mailbox (UIDVALIDITY {}), the messages with UIDs {} got the new UIDs {}.",
                    plain(validity),
                    quoted(from),
                    quoted(to)
                ),
                format!(
                    "[COPYUID]：在目标邮箱（UIDVALIDITY 为 {}）中，UID 为{}的邮件得到了新的 UID{}。",
                    plain(validity),
                    quoted(from),
                    quoted(to)
                ),
                "RFC 4315 §3",
            )
        }
        _ => return None,
    })
}

/// What a few well-known capabilities are for, so a capability list reads as more than jargon.
fn capabilities_described(list: &str) -> (String, String) {
    let mut en = Vec::new();
    let mut zh = Vec::new();
    for capability in list.split_whitespace().take(MAX_ITEMS * 2) {
        let meaning = match capability.to_ascii_uppercase().as_str() {
            "IDLE" => Some(("push", "推送")),
            "MOVE" => Some(("move in one step", "一步移动")),
            "UIDPLUS" => Some(("reports new UIDs", "报告新 UID")),
            "CONDSTORE" => Some(("change tracking", "变化追踪")),
            "QRESYNC" => Some(("quick resync", "快速同步")),
            "ENABLE" => Some(("switch extensions on", "开启扩展")),
            "UNSELECT" => Some(("close without expunging", "关闭而不删除")),
            _ => None,
        };
        let shown: String = capability.chars().take(24).collect();
        match meaning {
            Some((meaning_en, meaning_zh)) => {
                en.push(format!("{shown} ({meaning_en})"));
                zh.push(format!("{shown}（{meaning_zh}）"));
            }
            None => {
                en.push(shown.clone());
                zh.push(shown);
            }
        }
    }
    if en.is_empty() {
        return ("nothing listed".into(), "未列出任何功能".into());
    }
    (en.join(", "), zh.join("、"))
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

fn untagged(rest: &str, answered: &str, greeting: bool) -> Explanation {
    let (first, tail) = verb_and_rest(rest);
    if let Some(n) = number(&first) {
        return numbered(n, tail, answered);
    }
    let (answered_verb, answered_by_uid) = answered_verb(answered);
    match first.as_str() {
        "OK" | "NO" | "BAD" | "PREAUTH" | "BYE" => {
            let (code, text) = split_code(tail);
            let is_greeting = greeting
                || (answered.is_empty()
                    && code.is_some_and(|c| c.to_ascii_uppercase().starts_with("CAPABILITY")));
            untagged_status(&first, code, text, is_greeting, &answered_verb)
        }
        "FLAGS" => {
            let (en, zh) = flags_described(parenthesised(tail).map_or(tail, |(inner, _)| inner));
            cited(
                "RFC 3501 §7.2.6",
                format!("The flags used in this mailbox: {en}."),
                format!("这个邮箱使用的标记：{zh}。"),
            )
        }
        "LIST" | "LSUB" => list_response(tail),
        "STATUS" => status_response(tail),
        "SEARCH" => {
            let numbers: Vec<&str> = tail.split_whitespace().collect();
            let (what_en, what_zh) = if answered_by_uid {
                ("UIDs", "UID")
            } else {
                ("messages", "邮件")
            };
            if numbers.is_empty() {
                return cited(
                    "RFC 3501 §7.2.5",
                    "No message matches the search.",
                    "没有邮件符合搜索条件。",
                );
            }
            let shown = quoted(&numbers.join(" "));
            cited(
                "RFC 3501 §7.2.5",
                format!("The {what_en} matching the search: {shown}."),
                format!("符合搜索条件的{what_zh}：{shown}。"),
            )
        }
        "CAPABILITY" => {
            let (en, zh) = capabilities_described(tail);
            cited(
                "RFC 3501 §7.2.1",
                format!("The server lists what it can do: {en}."),
                format!("服务器列出它的能力：{zh}。"),
            )
        }
        "VANISHED" => {
            let (earlier, uids) = match tail.get(..9) {
                Some(head) if head.eq_ignore_ascii_case("(EARLIER)") => {
                    (true, tail.get(9..).unwrap_or("").trim())
                }
                _ => (false, tail),
            };
            let uids = quoted(uids);
            if earlier {
                cited(
                    "RFC 7162 §3.2.10",
                    format!(
                        "VANISHED (EARLIER): the messages with UIDs {uids} were removed while the client was away; it \
                         should drop them from its copy."
                    ),
                    format!("VANISHED (EARLIER)：UID 为{uids}的邮件在客户端离开期间已被删除；客户端应从本地副本中删掉它们。"),
                )
            } else {
                cited(
                    "RFC 7162 §3.2.10",
                    format!("The messages with UIDs {uids} were just removed, like EXPUNGE but named by UID."),
                    format!("UID 为{uids}的邮件刚刚被删除，作用和 EXPUNGE 一样，只是用 UID 指明。"),
                )
            }
        }
        "ENABLED" => cited(
            "RFC 5161 §3.2",
            format!(
                "The server confirms these extensions are now on: {}.",
                quoted(tail)
            ),
            format!("服务器确认这些扩展已开启：{}。", quoted(tail)),
        ),
        _ => unrecognised(WireProtocol::Imap, Direction::ServerToClient, rest),
    }
}

fn untagged_status(
    status: &str,
    code: Option<&str>,
    text: &str,
    greeting: bool,
    answered_verb: &str,
) -> Explanation {
    if greeting {
        let (capabilities_en, capabilities_zh) = match code.and_then(response_code) {
            Some((en, zh, _)) => (format!(" {en}"), zh),
            None => (String::new(), String::new()),
        };
        return match status {
            "PREAUTH" => cited(
                "RFC 3501 §7.1.4",
                "The server greets the client and has already logged it in (PREAUTH).",
                "服务器向客户端问好，并且已经让它处于登录状态（PREAUTH）。",
            ),
            "BYE" => cited(
                "RFC 3501 §7.1.5",
                format!("The server refuses the connection ({}).", quoted(text)),
                format!("服务器拒绝了这次连接（{}）。", quoted(text)),
            ),
            _ => cited(
                "RFC 3501 §7.1.1",
                format!(
                    "The server greets the client and is ready for it to log in.{capabilities_en}"
                ),
                format!("服务器向客户端问好，已准备好让它登录。{capabilities_zh}"),
            ),
        };
    }
    if let Some((en, zh, rfc)) = code.and_then(response_code) {
        return cited(rfc, en, zh);
    }
    match status {
        "BYE" if answered_verb == "LOGOUT" => cited(
            "RFC 3501 §7.1.5",
            "BYE: the server says goodbye because the client logged out; the connection closes.",
            "BYE：客户端已注销，服务器道别，连接随即关闭。",
        ),
        "BYE" => cited(
            "RFC 3501 §7.1.5",
            format!("BYE: the server is closing the connection ({}), perhaps shutting down or idle too long.", quoted(text)),
            format!("BYE：服务器正在关闭连接（{}），可能是要停机，或空闲太久。", quoted(text)),
        ),
        "NO" => cited(
            "RFC 3501 §7.1.2",
            format!("A warning from the server: {}.", quoted(text)),
            format!("服务器发出的警告：{}。", quoted(text)),
        ),
        "BAD" => cited(
            "RFC 3501 §7.1.3",
            format!("The server reports a problem it cannot tie to one command: {}.", quoted(text)),
            format!("服务器报告了一个无法归到某条命令的问题：{}。", quoted(text)),
        ),
        _ => cited(
            "RFC 3501 §7.1.1",
            format!("A note from the server: {}.", quoted(text)),
            format!("服务器的通知：{}。", quoted(text)),
        ),
    }
}

/// `* n EXISTS`, `* n RECENT`, `* n EXPUNGE`, `* n FETCH (…)`.
fn numbered(n: u64, tail: &str, answered: &str) -> Explanation {
    let (kind, data) = verb_and_rest(tail);
    let (answered_verb, _) = answered_verb(answered);
    match kind.as_str() {
        "EXISTS" if matches!(answered_verb.as_str(), "SELECT" | "EXAMINE") => cited(
            "RFC 3501 §7.3.1",
            format!("The mailbox holds {}, numbered 1 to {n}.", messages(n)),
            format!("邮箱里有 {n} 封邮件，编号从 1 到 {n}。"),
        ),
        "EXISTS" => cited(
            "RFC 3501 §7.3.1",
            format!(
                "The mailbox now holds {}; if that is more than before, new mail has arrived. The server says so \
                 without being asked.",
                messages(n)
            ),
            format!("邮箱现在有 {n} 封邮件；如果比之前多，就说明有新邮件到了。这是服务器主动告知的。"),
        ),
        "RECENT" => cited(
            "RFC 3501 §7.3.2",
            format!("Number of “recent” messages: {n}. They arrived since a client last opened this mailbox."),
            format!("有 {n} 封“新到”邮件：它们是在上次有客户端打开这个邮箱之后到达的。"),
        ),
        "EXPUNGE" => {
            let next = n.saturating_add(1);
            cited(
                "RFC 3501 §7.4.1",
                format!(
                    "Message {n} has been removed for good. Every message after it moves down by one (message {next} \
                     is now {n}), which is why clients rely on UIDs."
                ),
                format!(
                    "第 {n} 封邮件已被永久删除。它后面的每封邮件序号都减一（原第 {next} 封变成第 {n} 封），\
                     所以客户端要靠 UID 来识别邮件。"
                ),
            )
        }
        "FETCH" => fetch_response(n, data, &answered_verb),
        _ => unrecognised(WireProtocol::Imap, Direction::ServerToClient, tail),
    }
}

fn fetch_response(n: u64, data: &str, answered_verb: &str) -> Explanation {
    let mut parts_en = Vec::new();
    let mut parts_zh = Vec::new();
    let flags = after_item(data, "FLAGS")
        .and_then(parenthesised)
        .map(|(inner, _)| inner);
    if let Some(flags) = flags {
        let (en, zh) = flags_described(flags);
        parts_en.push(format!("flags {en}"));
        parts_zh.push(format!("标记为 {zh}"));
    }
    if let Some(uid) = number_after(data, "UID") {
        parts_en.push(format!("UID {uid}"));
        parts_zh.push(format!("UID 为 {uid}"));
    }
    if let Some(size) = number_after(data, "RFC822.SIZE") {
        parts_en.push(format!("size {size} octets"));
        parts_zh.push(format!("大小 {size} 字节"));
    }
    if let Some(modseq) = number_after(data, "MODSEQ") {
        parts_en.push(format!("modification number {modseq}"));
        parts_zh.push(format!("修改序号 {modseq}"));
    }
    if let Some(size) = literal_size(data) {
        parts_en.push(format!("its content follows as a literal of {size} octets"));
        parts_zh.push(format!("邮件内容随后以 {size} 字节的字面量发送"));
    }
    let listed_en = if parts_en.is_empty() {
        quoted(data)
    } else {
        parts_en.join(", ")
    };
    let listed_zh = if parts_zh.is_empty() {
        quoted(data)
    } else {
        parts_zh.join("，")
    };
    let (en, zh) = match answered_verb {
        "FETCH" => (format!("Message {n}: {listed_en}."), format!("第 {n} 封邮件：{listed_zh}。")),
        "STORE" => (
            format!("After the STORE, message {n} has {listed_en}."),
            format!("STORE 之后，第 {n} 封邮件的{listed_zh}。"),
        ),
        _ if flags.is_some() => (
            format!(
                "Message {n} now has {listed_en}: another device or session changed them, and the server tells \
                 every client with this mailbox open. This keeps all devices in step."
            ),
            format!(
                "第 {n} 封邮件现在{listed_zh}：是别的设备或会话改动的，服务器会通知所有打开这个邮箱的客户端，\
                 让各设备保持一致。"
            ),
        ),
        _ => (format!("News about message {n}: {listed_en}."), format!("关于第 {n} 封邮件的新消息：{listed_zh}。")),
    };
    cited("RFC 3501 §7.4.2", en, zh)
}

fn list_response(tail: &str) -> Explanation {
    let (attributes, rest) = parenthesised(tail).unwrap_or(("", tail));
    let (delimiter, rest) = mailbox_name(rest);
    let (name, _) = mailbox_name(rest);
    let no_select = attributes.to_ascii_lowercase().contains("\\noselect");
    let (attributes_en, attributes_zh) = if attributes.trim().is_empty() {
        (String::new(), String::new())
    } else {
        (
            format!(" ({})", quoted(attributes)),
            format!("（{}）", quoted(attributes)),
        )
    };
    let (select_en, select_zh) = if no_select {
        (
            " It cannot be opened; it only holds other mailboxes.",
            "它不能打开，只用来容纳其他邮箱。",
        )
    } else {
        ("", "")
    };
    let (delimiter_en, delimiter_zh) =
        if delimiter.eq_ignore_ascii_case("NIL") || delimiter.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!(
                    " {} separates levels, as in “Work{delimiter}2024”.",
                    quoted(delimiter)
                ),
                format!(
                    "{}用来分隔层级，例如“Work{delimiter}2024”。",
                    quoted(delimiter)
                ),
            )
        };
    cited(
        "RFC 3501 §7.2.2",
        format!(
            "One mailbox: {}{attributes_en}.{select_en}{delimiter_en}",
            quoted(name)
        ),
        format!(
            "一个邮箱：{}{attributes_zh}。{select_zh}{delimiter_zh}",
            quoted(name)
        ),
    )
}

fn status_response(tail: &str) -> Explanation {
    let (name, rest) = mailbox_name(tail);
    let items = parenthesised(rest).map_or(rest, |(inner, _)| inner);
    let words: Vec<&str> = items.split_whitespace().take(MAX_ITEMS * 2).collect();
    let mut en = Vec::new();
    let mut zh = Vec::new();
    for pair in words.chunks(2) {
        let (item, value) = (
            pair[0].to_ascii_uppercase(),
            pair.get(1).copied().unwrap_or(""),
        );
        let value: String = value.chars().take(24).collect();
        let (item_en, item_zh) = match item.as_str() {
            "MESSAGES" => (
                number(&value).map_or(format!("{value} messages"), messages),
                format!("{value} 封邮件"),
            ),
            "UNSEEN" => (format!("{value} unread"), format!("{value} 封未读")),
            "RECENT" => (format!("{value} recent"), format!("{value} 封新到")),
            "UIDNEXT" => (
                format!("next UID {value}"),
                format!("下一个 UID 为 {value}"),
            ),
            "UIDVALIDITY" => (
                format!("UIDVALIDITY {value}"),
                format!("UIDVALIDITY 为 {value}"),
            ),
            "HIGHESTMODSEQ" => (
                format!("highest modification number {value}"),
                format!("最高修改序号 {value}"),
            ),
            _ => (
                format!("{} {value}", quoted(&item)),
                format!("{} {value}", quoted(&item)),
            ),
        };
        en.push(item_en);
        zh.push(item_zh);
    }
    cited(
        "RFC 3501 §7.2.4",
        format!(
            "Mailbox {}, without opening it: {}.",
            quoted(name),
            en.join(", ")
        ),
        format!("邮箱{}（未打开）：{}。", quoted(name), zh.join("，")),
    )
}

fn tagged(tag: &str, status: &str, text: &str, answered: &str) -> Explanation {
    let (code, text) = split_code(text);
    let (verb, _) = answered_verb(answered);
    let tag = quoted(tag);
    let (command, command_zh) = if answered.trim().is_empty() {
        ("its command".to_string(), "对应的命令".to_string())
    } else {
        (
            format!("the command {}", redacted(answered)),
            format!("命令{}", redacted(answered)),
        )
    };
    let (en, zh, rfc) = match status {
        "OK" => {
            let (after_en, after_zh) = match verb.as_str() {
                "LOGIN" | "AUTHENTICATE" => ("The client is logged in and can open mailboxes.", "客户端已登录，可以打开邮箱了。"),
                "SELECT" | "EXAMINE" => ("The mailbox is now open.", "邮箱现已打开。"),
                "LOGOUT" => ("The connection now closes.", "连接随即关闭。"),
                "IDLE" => ("IDLE is over; the client may send commands again.", "IDLE 已结束，客户端可以再发命令了。"),
                "CLOSE" => ("Messages marked \\Deleted were removed silently; no mailbox is open now.", "标记为 \\Deleted 的邮件已被悄悄删除；现在没有打开的邮箱。"),
                "EXPUNGE" => ("Every message marked \\Deleted is gone.", "所有标记为 \\Deleted 的邮件都已删除。"),
                _ => ("", ""),
            };
            (
                format!("The reply tagged {tag} says {command} succeeded. {after_en}"),
                format!("带标签{tag}的回复表示{command_zh}执行成功。{after_zh}"),
                "RFC 3501 §7.1.1",
            )
        }
        "NO" => (
            format!(
                "The reply tagged {tag} says {command} failed: {}. The server understood it but could not do it.",
                quoted(text)
            ),
            format!("带标签{tag}的回复表示{command_zh}失败：{}。服务器理解这条命令，但无法执行。", quoted(text)),
            "RFC 3501 §7.1.2",
        ),
        _ => (
            format!(
                "The reply tagged {tag} rejects {command}: a syntax error, an unknown command, or one not allowed \
                 right now ({}).",
                quoted(text)
            ),
            format!("带标签{tag}的回复拒绝了{command_zh}：语法错误、未知命令，或当前不允许使用（{}）。", quoted(text)),
            "RFC 3501 §7.1.3",
        ),
    };
    match code.and_then(response_code) {
        Some((code_en, code_zh, code_rfc)) => cited(
            code_rfc,
            format!("{en} {code_en}"),
            format!("{zh}{code_zh}"),
        ),
        None => cited(rfc, en, zh),
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::explain::{answering, explained, Explanation, LineContext, WireProtocol};
    use crate::sim::session::Direction::{ClientToServer as C, ServerToClient as S};

    fn client(line: &str) -> Explanation {
        explained(WireProtocol::Imap, C, line, &LineContext::default())
    }

    fn server(line: &str, command: &str) -> Explanation {
        explained(WireProtocol::Imap, S, line, &answering(command))
    }

    #[test]
    fn greeting_lists_capabilities() {
        let context = LineContext {
            greeting: true,
            ..LineContext::default()
        };
        let greeting = explained(
            WireProtocol::Imap,
            S,
            "* OK [CAPABILITY IMAP4rev1 IDLE MOVE] Mailroom ready",
            &context,
        );
        assert!(greeting.en.contains("IDLE (push)") && greeting.en.contains("MOVE"));
        assert_eq!(greeting.rfc, "RFC 3501 §7.1.1");
        let capability = server("* CAPABILITY IMAP4rev1 UIDPLUS QRESYNC", "A1 CAPABILITY");
        assert!(capability.en.contains("UIDPLUS") && capability.zh.contains("快速同步"));
        assert_eq!(capability.rfc, "RFC 3501 §7.2.1");
    }

    #[test]
    fn every_tagged_command_explains_its_tag() {
        let noop = client("A7 NOOP");
        assert!(
            noop.en.contains("“A7”") && noop.en.contains("match") && noop.zh.contains("标签“A7”")
        );
        assert!(client("A1 CAPABILITY").en.contains("RFC 3501 §6.1.1"));
        assert!(client("a2 foo bar").en.contains("“a2 BAD”"));
        assert!(client("hello").en.contains("tag"));
    }

    #[test]
    fn login_never_shows_the_password() {
        let login = client("A1 LOGIN alice hunter2");
        assert!(
            login.en.contains("alice")
                && !login.en.contains("hunter2")
                && !login.zh.contains("hunter2")
        );
        assert_eq!(login.rfc, "RFC 3501 §6.2.3");
        for reply in [
            "A1 OK LOGIN completed",
            "A1 NO [AUTHENTICATIONFAILED] nope",
            "A1 BAD what",
        ] {
            let explanation = server(reply, "A1 LOGIN alice hunter2");
            assert!(
                !explanation.en.contains("hunter2") && !explanation.zh.contains("hunter2"),
                "{reply}"
            );
        }
        assert!(server("A1 OK done", "A1 LOGIN alice hunter2")
            .en
            .contains("logged in"));
    }

    #[test]
    fn select_and_its_untagged_data() {
        let select = client("A2 SELECT INBOX");
        assert!(select.en.contains("INBOX") && select.en.contains("RFC 3501 §6.3.1"));
        assert!(client("A2 EXAMINE Archive").en.contains("read-only"));
        assert!(server("* 3 EXISTS", "A2 SELECT INBOX")
            .en
            .contains("3 messages, numbered 1 to 3"));
        assert!(server("* 1 RECENT", "A2 SELECT INBOX")
            .en
            .contains("“recent” messages: 1"));
        let flags = server(
            "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
            "A2 SELECT INBOX",
        );
        assert!(flags.en.contains("\\Flagged (starred)") && flags.zh.contains("已读"));
        assert!(server("* OK [UNSEEN 2] first unseen", "A2 SELECT INBOX")
            .en
            .contains("Message 2 is the first unread"));
        let permanent = server(
            "* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] ok",
            "A2 SELECT INBOX",
        );
        assert!(permanent.en.contains("\\Deleted (marked for deletion)"));
        let next = server("* OK [UIDNEXT 5] predicted", "A2 SELECT INBOX");
        assert!(next.en.contains("UID 5"));
        let validity = server(
            "* OK [UIDVALIDITY 3857529045] UIDs valid",
            "A2 SELECT INBOX",
        );
        assert!(validity.en.contains("3857529045") && validity.en.contains("void"));
        assert_eq!(validity.rfc, "RFC 3501 §2.3.1.1");
        let modseq = server(
            "* OK [HIGHESTMODSEQ 715194045007] ok",
            "A2 SELECT INBOX (CONDSTORE)",
        );
        assert!(modseq.en.contains("715194045007"));
        assert_eq!(modseq.rfc, "RFC 7162 §3.1.2.1");
        let done = server("A2 OK [READ-WRITE] SELECT completed", "A2 SELECT INBOX");
        assert!(done.en.contains("reading and changing") && done.en.contains("“A2 SELECT INBOX”"));
        assert!(server("A3 OK [READ-ONLY] done", "A3 EXAMINE Archive")
            .en
            .contains("read-only"));
    }

    #[test]
    fn mailbox_management() {
        assert!(client("A1 LIST \"\" \"*\"").en.contains("“*”"));
        let list = server(
            "* LIST (\\HasNoChildren) \"/\" \"Work/2024\"",
            "A1 LIST \"\" *",
        );
        assert!(list.en.contains("“Work/2024”") && list.en.contains("separates levels"));
        assert_eq!(list.rfc, "RFC 3501 §7.2.2");
        assert!(server("* LIST (\\Noselect) \"/\" Work", "A1 LIST \"\" *")
            .en
            .contains("cannot be opened"));
        assert!(client("A2 STATUS INBOX (MESSAGES UNSEEN)")
            .en
            .contains("MESSAGES UNSEEN"));
        let status = server(
            "* STATUS INBOX (MESSAGES 3 UNSEEN 1 UIDNEXT 9)",
            "A2 STATUS INBOX (MESSAGES UNSEEN)",
        );
        assert!(
            status.en.contains("3 messages")
                && status.en.contains("1 unread")
                && status.en.contains("next UID 9")
        );
        assert!(status.zh.contains("3 封邮件"));
        assert!(client("A3 CREATE Archive").en.contains("“Archive”"));
        assert!(client("A4 DELETE Old").en.contains("“Old”"));
        let rename = client("A5 RENAME Old \"Older Stuff\"");
        assert!(rename.en.contains("“Old”") && rename.en.contains("“Older Stuff”"));
    }

    #[test]
    fn append_and_its_literal() {
        let append = client("A6 APPEND Sent (\\Seen) {310}");
        assert!(append.en.contains("“Sent”") && append.en.contains("310 octets"));
        assert_eq!(append.rfc, "RFC 3501 §6.3.11");
        let go_ahead = server("+ Ready for literal data", "A6 APPEND Sent (\\Seen) {310}");
        assert!(go_ahead.en.contains("310 octets"));
        assert_eq!(go_ahead.rfc, "RFC 3501 §7.5");
        let context = LineContext {
            in_content: true,
            ..LineContext::default()
        };
        let content = explained(WireProtocol::Imap, C, "Subject: hello", &context);
        assert!(content.en.contains("literal") && content.rfc.is_empty());
        let appended = server(
            "A6 OK [APPENDUID 38505 3955] APPEND completed",
            "A6 APPEND Sent {310}",
        );
        assert!(appended.en.contains("UID 3955") && appended.en.contains("38505"));
        assert_eq!(appended.rfc, "RFC 4315 §3");
    }

    #[test]
    fn fetch_peek_and_seen() {
        let body = client("A7 FETCH 2 (BODY[])");
        assert!(body.en.contains("message 2") && body.en.contains("\\Seen"));
        assert_eq!(body.rfc, "RFC 3501 §6.4.5");
        let peek = client("A7 FETCH 2 (BODY.PEEK[])");
        assert!(peek.en.contains("without marking it read"));
        let summary = client("A8 FETCH 1:* (FLAGS UID RFC822.SIZE)");
        assert!(
            summary.en.contains("all messages")
                && summary.en.contains("size in octets")
                && summary.en.contains("UID")
        );
        let headers = client("A8 FETCH 3:5 (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])");
        assert!(headers.en.contains("messages 3 to 5") && headers.en.contains("headers"));
        let changed = client("A9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)");
        assert!(changed.en.contains("12345") && changed.en.contains("UIDs"));
        assert_eq!(changed.rfc, "RFC 7162 §3.1.4.1");
        let by_uid = client("A9 UID FETCH 17 (FLAGS)");
        assert!(by_uid.en.contains("UID 17") && by_uid.en.contains("never change"));
        assert_eq!(by_uid.rfc, "RFC 3501 §6.4.8");
    }

    #[test]
    fn fetch_responses_and_flag_changes_from_elsewhere() {
        let answer = server(
            "* 2 FETCH (FLAGS (\\Seen) UID 17 RFC822.SIZE 342)",
            "A7 FETCH 2 (FLAGS UID RFC822.SIZE)",
        );
        assert!(
            answer.en.contains("Message 2")
                && answer.en.contains("UID 17")
                && answer.en.contains("342 octets")
        );
        let literal = server("* 2 FETCH (UID 17 BODY[] {342}", "A7 UID FETCH 17 (BODY[])");
        assert!(literal.en.contains("342 octets"));
        assert!(server(")", "A7 FETCH 2 (BODY[])").en.contains("Closes"));
        let pushed = server("* 4 FETCH (FLAGS (\\Seen \\Flagged))", "");
        assert!(
            pushed.en.contains("Message 4")
                && pushed.en.contains("another device")
                && pushed.en.contains("\\Flagged (starred)")
        );
        assert_eq!(pushed.rfc, "RFC 3501 §7.4.2");
        let stored = server(
            "* 4 FETCH (FLAGS (\\Deleted))",
            "A9 STORE 4 +FLAGS (\\Deleted)",
        );
        assert!(stored.en.contains("After the STORE"));
    }

    #[test]
    fn store_flags() {
        let delete = client("A9 STORE 4 +FLAGS (\\Deleted)");
        assert!(
            delete.en.contains("Adds \\Deleted")
                && delete.en.contains("message 4")
                && delete.en.contains("EXPUNGE")
        );
        assert_eq!(delete.rfc, "RFC 3501 §6.4.6");
        let unread = client("A9 STORE 2:3 -FLAGS.SILENT (\\Seen)");
        assert!(
            unread
                .en
                .contains("Removes \\Seen (read) from messages 2 to 3")
                && unread.en.contains(".SILENT")
        );
        let replace = client("A9 UID STORE 17 FLAGS (\\Flagged)");
        assert!(replace.en.contains("Replaces") && replace.en.contains("UID 17"));
        assert_eq!(replace.rfc, "RFC 3501 §6.4.8");
        assert!(client("A9 STORE 1 +FLAGS (\\Seen)")
            .zh
            .contains("第 1 封邮件"));
    }

    #[test]
    fn copy_move_and_uidplus() {
        let copy = client("A10 COPY 2 Archive");
        assert!(
            copy.en.contains("message 2")
                && copy.en.contains("“Archive”")
                && copy.en.contains("originals stay")
        );
        let moved = client("A11 UID MOVE 17 Trash");
        assert!(moved.en.contains("UID 17") && moved.en.contains("“Trash”"));
        assert_eq!(moved.rfc, "RFC 6851 §3");
        let copied = server("A10 OK [COPYUID 38505 304 3956] done", "A10 COPY 2 Archive");
        assert!(copied.en.contains("304") && copied.en.contains("3956"));
        let missing = server("A10 NO [TRYCREATE] no such mailbox", "A10 COPY 2 Nowhere");
        assert!(missing.en.contains("CREATE"));
    }

    #[test]
    fn expunge_close_and_unselect() {
        assert!(client("A12 EXPUNGE").en.contains("\\Deleted"));
        let expunged = server("* 3 EXPUNGE", "A12 EXPUNGE");
        assert!(expunged.en.contains("Message 3") && expunged.en.contains("message 4 is now 3"));
        assert_eq!(expunged.rfc, "RFC 3501 §7.4.1");
        assert!(client("A13 CLOSE").en.contains("silently"));
        assert_eq!(client("A13 UNSELECT").rfc, "RFC 3691 §2");
        assert_eq!(client("A14 UID EXPUNGE 3:5").rfc, "RFC 4315 §2.1");
    }

    #[test]
    fn search() {
        let search = client("A15 SEARCH UNSEEN");
        assert!(search.en.contains("UNSEEN") && search.en.contains("message numbers"));
        let found = server("* SEARCH 2 5 7", "A15 SEARCH UNSEEN");
        assert!(found.en.contains("2 5 7"));
        assert!(server("* SEARCH 17 19", "A16 UID SEARCH UNSEEN")
            .en
            .contains("UIDs"));
        assert!(server("* SEARCH", "A15 SEARCH UNSEEN")
            .en
            .contains("No message"));
    }

    #[test]
    fn idle_pushes_changes_until_done() {
        let idle = client("A17 IDLE");
        assert!(idle.en.contains("push") && idle.en.contains("DONE"));
        assert_eq!(idle.rfc, "RFC 2177 §3");
        assert!(server("+ idling", "A17 IDLE").en.contains("confirms IDLE"));
        assert!(server("* 4 EXISTS", "A17 IDLE").en.contains("new mail"));
        assert_eq!(client("DONE").rfc, "RFC 2177 §3");
        assert!(server("A17 OK IDLE terminated", "A17 IDLE")
            .en
            .contains("IDLE is over"));
    }

    #[test]
    fn qresync_enable_and_vanished() {
        let enable = client("A18 ENABLE QRESYNC");
        assert!(enable.en.contains("VANISHED"));
        assert_eq!(enable.rfc, "RFC 5161 §3.1");
        assert!(server("* ENABLED QRESYNC", "A18 ENABLE QRESYNC")
            .en
            .contains("QRESYNC"));
        let earlier = server(
            "* VANISHED (EARLIER) 300:310,405",
            "A19 SELECT INBOX (QRESYNC (67890007 90060115205545))",
        );
        assert!(
            earlier.en.contains("300:310,405") && earlier.en.contains("while the client was away")
        );
        assert_eq!(earlier.rfc, "RFC 7162 §3.2.10");
        assert!(server("* VANISHED 405", "").en.contains("just removed"));
        assert!(
            client("A19 SELECT INBOX (QRESYNC (67890007 90060115205545))")
                .en
                .contains("QRESYNC")
        );
    }

    #[test]
    fn logout_bye_and_failures() {
        let logout = client("A20 LOGOUT");
        assert!(logout.en.contains("BYE") && logout.en.contains("POP3"));
        assert!(server("* BYE logging out", "A20 LOGOUT")
            .en
            .contains("logged out"));
        assert!(server("* BYE idle too long", "").en.contains("closing"));
        let no = server("A21 NO no such mailbox", "A21 SELECT Nowhere");
        assert!(no.en.contains("failed") && no.en.contains("no such mailbox"));
        assert_eq!(no.rfc, "RFC 3501 §7.1.2");
        assert_eq!(
            server("A22 BAD parse error", "A22 FROB").rfc,
            "RFC 3501 §7.1.3"
        );
    }
}
