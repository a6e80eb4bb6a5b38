//! IMAP server responses: untagged `*` data, `+` continuations, and the tagged result of each command.

use super::response_codes::response_code;
use super::{
    answered_verb, capabilities_described, flags_described, literal_size, mailbox_data,
    parenthesised,
};
use crate::sim::explain::{
    fill, number, phrase, quoted, redacted, unrecognised, verb_and_rest, Explanation, LineContext,
    MailboxAccess, Template, WireProtocol,
};
use crate::sim::session::Direction;

/// The two texts of a finished sentence as a template, to give them a reference.
const AS_IS: Template = Template {
    rfc: "",
    en: "{0}",
    zh: "{1}",
};

pub(super) fn response(line: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    if let Some(rest) = line.strip_prefix('*') {
        // A line explained on its own may be taken for a greeting by its look; a followed one never is.
        let greeting_by_look = !context.facts.tracked && answered.is_empty();
        return untagged(
            rest.trim_start(),
            answered,
            context.greeting,
            greeting_by_look,
        );
    }
    if let Some(rest) = line.strip_prefix('+') {
        return continuation(rest.trim(), answered);
    }
    if line.trim_start().starts_with(')') {
        return fill!(&Template {
            rfc: "RFC 3501 §7.4.2",
            en: "Closes the FETCH response whose message data came just before.",
            zh: "结束前面那条带邮件数据的 FETCH 响应。",
        },);
    }
    let mut words = line.splitn(3, ' ');
    let (tag, status, text) = (
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
        words.next().unwrap_or(""),
    );
    match status.to_ascii_uppercase().as_str() {
        "OK" | "NO" | "BAD" if !tag.is_empty() => {
            tagged(tag, &status.to_ascii_uppercase(), text, context)
        }
        _ => unrecognised(WireProtocol::Imap, Direction::ServerToClient, line),
    }
}

fn continuation(text: &str, answered: &str) -> Explanation {
    let (verb, _) = answered_verb(answered);
    let size = literal_size(answered);
    let template = if verb == "AUTHENTICATE" {
        &Template {
            rfc: "RFC 3501 §6.2.2",
            en: "+: a login challenge. The server waits for the client's next step of AUTHENTICATE, in base64 on \
                 one line (for PLAIN the challenge is empty).",
            zh: "+：登录询问。服务器在等客户端用 base64 写成一行，发送 AUTHENTICATE 的下一步（PLAIN 方式的询问是空的）。",
        }
    } else if verb == "IDLE" {
        &Template {
            rfc: "RFC 2177 §3",
            en: "+: the server confirms IDLE. Until the client sends DONE, the server is free to send updates \
                 (new mail, deletions, flag changes) at any time, as they happen.",
            zh: "+：服务器确认进入 IDLE。在客户端发送 DONE 之前，服务器可以随时把更新（新邮件、删除、标记变化）一发生就发过来。",
        }
    } else if size.is_some() {
        &Template {
            rfc: "RFC 3501 §7.5",
            en: "+: go ahead. The server is ready for the {1} octets the client announced with {{1}}.",
            zh: "+：请继续。服务器已准备好接收客户端用 {{1}} 预告的 {1} 字节数据。",
        }
    } else {
        &Template {
            rfc: "RFC 3501 §7.5",
            en: "+: the server waits for the client to continue the command ({0}).",
            zh: "+：服务器在等客户端把命令继续发完（{0}）。",
        }
    };
    let size = size.map_or_else(String::new, |size| size.to_string());
    fill!(template, quoted(text), size)
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

fn untagged(rest: &str, answered: &str, greeting: bool, greeting_by_look: bool) -> Explanation {
    let (first, tail) = verb_and_rest(rest);
    if let Some(n) = number(&first) {
        return mailbox_data::numbered(n, tail, answered);
    }
    let (answered_verb, answered_by_uid) = answered_verb(answered);
    // Slots: {0} and {1} the data described, {2} the data quoted.
    let ([described_en, described_zh], template) = match first.as_str() {
        "OK" | "NO" | "BAD" | "PREAUTH" | "BYE" => {
            let (code, text) = split_code(tail);
            let is_greeting = greeting
                || (greeting_by_look
                    && code.is_some_and(|c| c.to_ascii_uppercase().starts_with("CAPABILITY")));
            return untagged_status(&first, code, text, is_greeting, &answered_verb);
        }
        "LIST" => return mailbox_data::list_response(tail, "RFC 3501 §7.2.2"),
        "LSUB" => return mailbox_data::list_response(tail, "RFC 3501 §7.2.3"),
        "STATUS" => return mailbox_data::status_response(tail),
        "FLAGS" => (
            flags_described(parenthesised(tail).map_or(tail, |(inner, _)| inner)),
            Template {
                rfc: "RFC 3501 §7.2.6",
                en: "The flags used in this mailbox: {0}.",
                zh: "这个邮箱使用的标记：{1}。",
            },
        ),
        "SEARCH" if tail.split_whitespace().next().is_none() => (
            Default::default(),
            Template {
                rfc: "RFC 3501 §7.2.5",
                en: "No message matches the search.",
                zh: "没有邮件符合搜索条件。",
            },
        ),
        "SEARCH" => {
            let [what_en, what_zh] = if answered_by_uid {
                ["UIDs", "UID"]
            } else {
                ["messages", "邮件"]
            };
            let numbers = tail.split_whitespace().collect::<Vec<_>>().join(" ");
            return fill!(
                &Template {
                    rfc: "RFC 3501 §7.2.5",
                    en: "The {0} matching the search: {2}.",
                    zh: "符合搜索条件的{1}：{2}。",
                },
                what_en,
                what_zh,
                quoted(&numbers),
            );
        }
        "CAPABILITY" => (
            capabilities_described(tail),
            Template {
                rfc: "RFC 3501 §7.2.1",
                en: "The server lists what it can do: {0}.",
                zh: "服务器列出它的能力：{1}。",
            },
        ),
        "VANISHED" => {
            let earlier = tail
                .get(..9)
                .is_some_and(|head| head.eq_ignore_ascii_case("(EARLIER)"));
            let uids = if earlier {
                tail.get(9..).unwrap_or("").trim()
            } else {
                tail
            };
            let template = if earlier {
                Template {
                    rfc: "RFC 7162 §3.2.10",
                    en: "VANISHED (EARLIER): the messages with UIDs {2} were removed before now, not just now (for \
                         example while the client was away); it should drop them from its copy.",
                    zh: "VANISHED (EARLIER)：UID 为{2}的邮件是在此之前被删除的，而不是刚刚（例如在客户端离开期间）；\
                         客户端应从本地副本中删掉它们。",
                }
            } else {
                Template {
                    rfc: "RFC 7162 §3.2.10",
                    en: "The messages with UIDs {2} were just removed, like EXPUNGE but named by UID.",
                    zh: "UID 为{2}的邮件刚刚被删除，作用和 EXPUNGE 一样，只是用 UID 指明。",
                }
            };
            return fill!(&template, "", "", quoted(uids));
        }
        "NAMESPACE" => (
            Default::default(),
            Template {
                rfc: "RFC 2342 §5",
                en: "The server's namespaces, in order: the user's own mailboxes, other users', shared ones (NIL \
                     where there are none), each with its prefix and hierarchy delimiter: {2}.",
                zh: "服务器的命名空间，依次为：用户自己的邮箱、其他用户的邮箱、共享邮箱（没有的写作 NIL），\
                     各自带有前缀和层级分隔符：{2}。",
            },
        ),
        "ID" => (
            Default::default(),
            Template {
                rfc: "RFC 2971 §3.2",
                en: "The server's name, version and the like, or NIL: {2}. Only for statistics and bug reports.",
                zh: "服务器的名称、版本等信息，或 NIL：{2}。仅用于统计和报告问题。",
            },
        ),
        "ENABLED" => (
            Default::default(),
            Template {
                rfc: "RFC 5161 §3.2",
                en: "The server confirms these extensions are now on: {2}.",
                zh: "服务器确认这些扩展已开启：{2}。",
            },
        ),
        _ => return unrecognised(WireProtocol::Imap, Direction::ServerToClient, rest),
    };
    fill!(&template, described_en, described_zh, quoted(tail))
}

fn untagged_status(
    status: &str,
    code: Option<&str>,
    text: &str,
    greeting: bool,
    answered_verb: &str,
) -> Explanation {
    let explained_code = code.and_then(response_code);
    if !greeting {
        if let Some(([en, zh], rfc)) = explained_code {
            return fill!(&Template { rfc, ..AS_IS }, en, zh);
        }
    }
    // Slots: {0} the server's text quoted, {1} and {2} a greeting's code explained.
    let template = match status {
        "PREAUTH" if greeting => &Template {
            rfc: "RFC 3501 §7.1.4",
            en: "The server greets the client and has already logged it in (PREAUTH).",
            zh: "服务器向客户端问好，并且已经让它处于登录状态（PREAUTH）。",
        },
        "BYE" if greeting => &Template {
            rfc: "RFC 3501 §7.1.5",
            en: "The server refuses the connection ({0}).",
            zh: "服务器拒绝了这次连接（{0}）。",
        },
        _ if greeting => &Template {
            rfc: "RFC 3501 §7.1.1",
            en: "The server greets the client and is ready for it to log in.{1}",
            zh: "服务器向客户端问好，已准备好让它登录。{2}",
        },
        "BYE" if answered_verb == "LOGOUT" => &Template {
            rfc: "RFC 3501 §7.1.5",
            en: "BYE: the server says goodbye because the client logged out; the connection closes.",
            zh: "BYE：客户端已注销，服务器道别，连接随即关闭。",
        },
        "BYE" => &Template {
            rfc: "RFC 3501 §7.1.5",
            en: "BYE: the server is closing the connection ({0}), perhaps shutting down or idle too long.",
            zh: "BYE：服务器正在关闭连接（{0}），可能是要停机，或空闲太久。",
        },
        "NO" => &Template {
            rfc: "RFC 3501 §7.1.2",
            en: "A warning from the server: {0}.",
            zh: "服务器发出的警告：{0}。",
        },
        "BAD" => &Template {
            rfc: "RFC 3501 §7.1.3",
            en: "The server reports a problem it cannot tie to one command: {0}.",
            zh: "服务器报告了一个无法归到某条命令的问题：{0}。",
        },
        _ => &Template {
            rfc: "RFC 3501 §7.1.1",
            en: "A note from the server: {0}.",
            zh: "服务器的通知：{0}。",
        },
    };
    let [code_en, code_zh] = match explained_code {
        Some(([en, zh], _)) => [" ".to_string() + &en, zh],
        None => Default::default(),
    };
    fill!(template, quoted(text), code_en, code_zh)
}

/// What a successful command leaves behind, for the commands that change the session's state.
const AFTER_OK: &[(&str, &str, &str)] = &[
    (
        "LOGIN",
        "The client is logged in and can open mailboxes.",
        "客户端已登录，可以打开邮箱了。",
    ),
    (
        "AUTHENTICATE",
        "The client is logged in and can open mailboxes.",
        "客户端已登录，可以打开邮箱了。",
    ),
    ("SELECT", "The mailbox is now open.", "邮箱现已打开。"),
    ("EXAMINE", "The mailbox is now open.", "邮箱现已打开。"),
    ("LOGOUT", "The connection now closes.", "连接随即关闭。"),
    (
        "IDLE",
        "IDLE is over; the client may send commands again.",
        "IDLE 已结束，客户端可以再发命令了。",
    ),
    (
        "EXPUNGE",
        "Every message marked \\Deleted is gone.",
        "所有标记为 \\Deleted 的邮件都已删除。",
    ),
];

/// What an OK to CLOSE leaves: \Deleted messages removed only if the mailbox was open read-write (RFC 3501
/// §6.4.2), which the transcript tells.
fn after_close(context: &LineContext) -> [&'static str; 2] {
    match (context.facts.tracked, context.facts.selected) {
        (true, Some(MailboxAccess::ReadWrite)) => [
            "The mailbox was open read-write, so the messages marked \\Deleted in it were removed, without \
             EXPUNGE responses. No mailbox is selected now.",
            "邮箱是以读写方式打开的，所以其中标记为 \\Deleted 的邮件已被删除，且没有发送 EXPUNGE 响应。现在没有选中的邮箱。",
        ],
        (true, Some(MailboxAccess::ReadOnly)) => [
            "The mailbox was open read-only (EXAMINE), so nothing was removed. No mailbox is selected now.",
            "邮箱是以只读方式（EXAMINE）打开的，所以没有删除任何邮件。现在没有选中的邮箱。",
        ],
        _ => [
            "No mailbox is selected now. If it was open read-write, its messages marked \\Deleted were removed \
             without EXPUNGE responses; after EXAMINE nothing was removed.",
            "现在没有选中的邮箱。如果邮箱是以读写方式打开的，其中标记为 \\Deleted 的邮件已被删除，且没有发送 EXPUNGE \
             响应；如果是 EXAMINE 打开的，则没有删除任何邮件。",
        ],
    }
}

fn tagged(tag: &str, status: &str, text: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    let (code, text) = split_code(text);
    let (verb, by_uid) = answered_verb(answered);
    let [command_en, command_zh] = if answered.trim().is_empty() {
        ["its command".to_string(), "对应的命令".to_string()]
    } else {
        phrase("the command {0}", "命令{0}", &[&redacted(answered)])
    };
    let [after_en, after_zh] = if verb == "CLOSE" {
        after_close(context)
    } else if verb == "EXPUNGE" && by_uid {
        [
            "The messages it named that were marked \\Deleted are gone; others stay.",
            "它指定的、标记为 \\Deleted 的邮件已删除，其他邮件保留。",
        ]
    } else {
        AFTER_OK
            .iter()
            .find(|(known, ..)| *known == verb)
            .map_or(["", ""], |&(_, en, zh)| [en, zh])
    };
    // Slots: {0} the tag quoted, {1} and {2} the command, {3} and {4} what success leaves, {5} the text quoted.
    let template = match status {
        "OK" if verb == "CLOSE" => Template {
            rfc: "RFC 3501 §6.4.2",
            en: "The reply tagged {0} says {1} succeeded. {3}",
            zh: "带标签{0}的回复表示{2}执行成功。{4}",
        },
        "OK" if verb == "EXPUNGE" && by_uid => Template {
            rfc: "RFC 4315 §2.1",
            en: "The reply tagged {0} says {1} succeeded. {3}",
            zh: "带标签{0}的回复表示{2}执行成功。{4}",
        },
        "OK" => Template {
            rfc: "RFC 3501 §7.1.1",
            en: "The reply tagged {0} says {1} succeeded. {3}",
            zh: "带标签{0}的回复表示{2}执行成功。{4}",
        },
        "NO" => Template {
            rfc: "RFC 3501 §7.1.2",
            en: "The reply tagged {0} says {1} failed: {5}. The server understood it but could not do it.",
            zh: "带标签{0}的回复表示{2}失败：{5}。服务器理解这条命令，但无法执行。",
        },
        _ => Template {
            rfc: "RFC 3501 §7.1.3",
            en: "The reply tagged {0} rejects {1}: a syntax error, an unknown command, or one not allowed right \
                 now ({5}).",
            zh: "带标签{0}的回复拒绝了{2}：语法错误、未知命令，或当前不允许使用（{5}）。",
        },
    };
    let [en, zh] = phrase(
        template.en,
        template.zh,
        &[
            &quoted(tag),
            &command_en,
            &command_zh,
            after_en,
            after_zh,
            &quoted(text),
        ],
    );
    // A response code explains more precisely than the status, so its reference is the one cited.
    match code.and_then(response_code) {
        Some(([code_en, code_zh], rfc)) => fill!(
            &Template {
                rfc,
                en: "{0} {1}",
                zh: "{2}{3}",
            },
            en,
            code_en,
            zh,
            code_zh,
        ),
        None => fill!(
            &Template {
                rfc: template.rfc,
                ..AS_IS
            },
            en,
            zh,
        ),
    }
}
