//! POP3 server replies: `+OK` or `-ERR` with a text, the lines of a multi-line list, and message content.

use super::{message_en, message_zh};
use crate::sim::explain::{
    dot_stuffed, fill, message_content, messages, number, phrase, plain, quoted, redacted,
    substitute, unrecognised, verb_and_rest, Explanation, LineContext, Template, WireProtocol,
};
use crate::sim::session::Direction;

/// The first two whole numbers in a reply text, as in "+OK 2 320" or "maildrop has 2 messages (320 octets)".
fn two_numbers(text: &str) -> (Option<u64>, Option<u64>) {
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|piece| !piece.is_empty())
        .filter_map(number);
    (numbers.next(), numbers.next())
}

const LIST_FOLLOWS: Template = Template {
    rfc: "RFC 1939 §5",
    en: "+OK: a list follows, one line per item, ending with a line holding only “.”.",
    zh: "+OK：下面是一份清单，每项一行，以只有一个“.”的行结束。",
};

pub(super) fn reply(line: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    let (answered_verb, answered_rest) = verb_and_rest(answered);
    let answered_first = answered_rest.split_whitespace().next().unwrap_or("");
    let carries_message = matches!(answered_verb.as_str(), "RETR" | "TOP");

    if line == "." {
        return end_of_list(&answered_verb, answered_first);
    }
    // Followed from the transcript, a line is content exactly when the tracker says so; on its own, a line
    // after RETR or TOP that is no status line is taken for content.
    let guessed_content = !context.facts.tracked
        && carries_message
        && !line.starts_with("+OK")
        && !line.starts_with("-ERR");
    if context.in_content || guessed_content {
        if line.starts_with("..") {
            return dot_stuffed("RFC 1939 §3");
        }
        return message_content(line, context.facts.in_body);
    }
    if let Some(text) = line.strip_prefix("-ERR") {
        return failure(text.trim(), answered);
    }
    if line == "+" || line.starts_with("+ ") {
        return fill!(
            &Template {
                rfc: "RFC 5034 §4",
                en: "+: a login challenge. The server waits for the client's next step of the AUTH exchange, sent \
                     in base64 on one line (for PLAIN the challenge is empty).",
                zh: "+：登录询问。服务器在等客户端发送 AUTH 交换的下一步，用 base64 写成一行（PLAIN 方式的询问是空的）。",
            },
        );
    }
    let Some(text) = line.strip_prefix("+OK").map(str::trim) else {
        return list_line(line, &answered_verb);
    };
    if context.greeting || (!context.facts.tracked && answered.is_empty() && text.contains('<')) {
        return greeting(text);
    }
    let (first, second) = two_numbers(text);
    let [first_shown, second_shown] = [first, second].map(|n| n.map(|n| n.to_string()));
    let both = first_shown.as_deref().zip(second_shown.as_deref());
    match answered_verb.as_str() {
        "USER" => fill!(
            &Template {
                rfc: "RFC 1939 §7",
                en: "+OK: the server takes the name and waits for the password (PASS). This does not say the \
                     mailbox exists: a server may answer +OK to any name, and Mailroom does, because a -ERR here \
                     would tell attackers which names are valid (§13). Only PASS decides.",
                zh: "+OK：服务器收下这个名字，等待密码（PASS）。这并不表示邮箱存在：服务器可以对任何名字都回复 +OK，\
                     Mailroom 就是这样做的，因为在这里回复 -ERR 会让攻击者知道哪些名字有效（§13）。能否登录要看 PASS。",
            },
        ),
        "PASS" | "APOP" => {
            let [count_en, count_zh] = match (first, both) {
                (Some(count), Some((count_shown, octets))) => phrase(
                    " The mailbox holds {0}, {2} octets.",
                    "邮箱里有 {1} 封邮件，共 {2} 字节。",
                    &[&messages(count), count_shown, octets],
                ),
                _ => Default::default(),
            };
            fill!(
                &Template {
                    rfc: "RFC 1939 §4",
                    en: "+OK: logged in.{0} The server locks the mailbox for this session; the client is now in \
                         the TRANSACTION state and may read and mark messages.",
                    zh: "+OK：登录成功。{1}服务器在本次会话期间锁定这个邮箱；客户端进入 TRANSACTION（事务）状态，\
                         可以读取和标记邮件。",
                },
                count_en,
                count_zh,
            )
        }
        "STAT" => match (first, both) {
            (Some(count), Some((count_shown, octets))) => fill!(
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK {1} {2}: the mailbox holds {0}, {2} octets (bytes) in total. Messages marked for \
                         deletion are not counted.",
                    zh: "+OK {1} {2}：邮箱里有 {1} 封邮件，总共 {2} 字节。已标记删除的邮件不计算在内。",
                },
                messages(count),
                count_shown,
                octets,
            ),
            _ => ok_generic(&answered_verb),
        },
        "LIST" if !answered_first.is_empty() => match both {
            Some((message, octets)) => fill!(
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK: message {0} is {1} octets (bytes) long.",
                    zh: "+OK：第 {0} 封邮件大小为 {1} 字节。",
                },
                message,
                octets,
            ),
            _ => ok_generic(&answered_verb),
        },
        "UIDL" if !answered_first.is_empty() => {
            let mut words = text.split_whitespace();
            let (message, id) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            unique_id(message, id, "+OK: ", "+OK：")
        }
        "LIST" => fill!(&LIST_FOLLOWS),
        "UIDL" => fill!(
            &Template {
                rfc: "RFC 1939 §7",
                ..LIST_FOLLOWS
            },
        ),
        "CAPA" => fill!(
            &Template {
                rfc: "RFC 2449 §5",
                ..LIST_FOLLOWS
            },
        ),
        "RETR" | "TOP" => {
            let [size_en, size_zh] = match first_shown.as_deref() {
                Some(octets) if text.to_ascii_lowercase().contains("octet") => {
                    phrase(" ({0} octets)", "（{0} 字节）", &[octets])
                }
                _ => Default::default(),
            };
            let message = message_en(answered_first);
            let (what_en, what_zh, rfc) = if answered_verb == "TOP" {
                (
                    substitute("the headers and first lines of {0}", &[&message]),
                    "信头和正文开头",
                    "RFC 1939 §7",
                )
            } else {
                (message, "全文", "RFC 1939 §5")
            };
            fill!(
                &Template {
                    rfc,
                    en: "+OK: here comes {0}{1}, line by line, until a line holding only “.”.",
                    zh: "+OK：接下来逐行发送{2}的{3}{4}，直到只有一个“.”的行为止。",
                },
                what_en,
                size_en,
                message_zh(answered_first),
                what_zh,
                size_zh,
            )
        }
        "DELE" => fill!(
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: {0} is marked for deletion. It disappears from listings now but is only deleted at \
                     QUIT; RSET would undo it.",
                zh: "+OK：{1}已标记为删除。它现在不再出现在列表中，但要到 QUIT 时才真正删除；用 RSET 还能撤销。",
            },
            message_en(answered_first),
            message_zh(answered_first),
        ),
        "RSET" => fill!(
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: all deletion marks are removed; every message is back.",
                zh: "+OK：所有删除标记都已撤销，邮件全部恢复。",
            },
        ),
        "NOOP" => fill!(
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: the server is still there.",
                zh: "+OK：服务器仍在线。",
            },
        ),
        "QUIT" => quit_ok(text, context),
        _ => ok_generic(&answered_verb),
    }
}

/// `+OK` to QUIT: what the server did depends on whether the client had logged in and marked messages.
fn quit_ok(text: &str, context: &LineContext) -> Explanation {
    let facts = context.facts;
    let template = if !facts.tracked {
        // Without the transcript's facts (a line explained on its own), say what either state would do.
        &Template {
            rfc: "RFC 1939 §6",
            en: "+OK: goodbye ({0}). After a login, this is the UPDATE state: the messages marked with DELE \
                 are removed and the mailbox lock is released; before a login, nothing changes.",
            zh: "+OK：再见（{0}）。如果之前已登录，这就是 UPDATE（更新）状态：用 DELE 标记的邮件被删除，\
                 邮箱锁随之解除；如果还没登录，什么都不会改变。",
        }
    } else if !facts.logged_in {
        &Template {
            rfc: "RFC 1939 §4",
            en: "+OK: goodbye ({0}). The client never logged in, so the session ends without the UPDATE \
                 state: nothing in the mailbox changes.",
            zh: "+OK：再见（{0}）。客户端没有登录过，所以会话直接结束，不进入 UPDATE（更新）状态：邮箱里什么都不会改变。",
        }
    } else if facts.marked_for_deletion == 0 {
        &Template {
            rfc: "RFC 1939 §6",
            en: "+OK: goodbye ({0}). This is the UPDATE state, but no message was marked with DELE, so none is \
                 removed; the mailbox lock is released.",
            zh: "+OK：再见（{0}）。这是 UPDATE（更新）状态，但没有邮件用 DELE 标记过，所以一封也不删除；邮箱锁随之解除。",
        }
    } else {
        &Template {
            rfc: "RFC 1939 §6",
            en: "+OK: goodbye ({0}). This is the UPDATE state: {1} now removed, and +OK says that worked; the \
                 mailbox lock is released.",
            zh: "+OK：再见（{0}）。这是 UPDATE（更新）状态：本次会话中用 DELE 标记的 {2} 封邮件此刻被删除，+OK \
                 表示删除成功；邮箱锁随之解除。",
        }
    };
    let count = u64::from(facts.marked_for_deletion);
    let count_en = if count == 1 {
        "the message marked with DELE in this session is".to_string()
    } else {
        substitute(
            "the {0} messages marked with DELE in this session are",
            &[&count.to_string()],
        )
    };
    fill!(template, quoted(text), count_en, count.to_string())
}

fn ok_generic(answered_verb: &str) -> Explanation {
    let template = if answered_verb.is_empty() {
        &Template {
            rfc: "RFC 1939 §3",
            en: "+OK: the command succeeded.",
            zh: "+OK：命令执行成功。",
        }
    } else {
        &Template {
            rfc: "RFC 1939 §3",
            en: "+OK: the {0} command succeeded.",
            zh: "+OK：{0}命令执行成功。",
        }
    };
    fill!(template, quoted(answered_verb))
}

fn greeting(text: &str) -> Explanation {
    let timestamp = text
        .find('<')
        .and_then(|start| Some((start, text.get(start..)?.find('>')? + start)))
        .and_then(|(start, end)| text.get(start..=end));
    match timestamp {
        Some(timestamp) => fill!(
            &Template {
                rfc: "RFC 1939 §7",
                en: "+OK: the server is ready. {0} is a one-time timestamp: APOP logs in by hashing it with the \
                     password, so the password never crosses the wire.",
                zh: "+OK：服务器已就绪。{0}是一次性的时间戳：APOP 登录时把它和密码一起算成摘要，密码本身从不在网络上传输。",
            },
            quoted(timestamp),
        ),
        None => fill!(
            &Template {
                rfc: "RFC 1939 §4",
                en: "+OK: the server is ready and waits for the client to log in (the AUTHORIZATION state).",
                zh: "+OK：服务器已就绪，等待客户端登录（AUTHORIZATION，即认证状态）。",
            },
        ),
    }
}

fn failure(text: &str, answered: &str) -> Explanation {
    let code = text
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .map(|(code, _)| code.to_ascii_uppercase())
        .unwrap_or_default();
    let template = match code.as_str() {
        "IN-USE" => &Template {
            rfc: "RFC 2449 §8.1.2",
            en: "-ERR [IN-USE]: the mailbox is locked, usually because another session has it open. POP3 locks a \
                 mailbox for a session (RFC 1939 §4) so that no one else changes it meanwhile. Try again later.",
            zh: "-ERR [IN-USE]：邮箱已被锁定，通常是因为另一个会话正打开着它。POP3 在会话期间锁定邮箱（RFC 1939 §4），\
                 以免别人同时改动它。请稍后再试。",
        },
        "AUTH" => &Template {
            rfc: "RFC 3206 §5",
            en: "-ERR [AUTH]: login refused because of a problem with the credentials (a wrong password or an \
                 unknown user name, for example), not because of a server fault.",
            zh: "-ERR [AUTH]：登录被拒绝，原因是凭据有问题（例如密码错误或用户名不存在），而不是服务器故障。",
        },
        _ if verb_and_rest(answered).0 == "QUIT" => &Template {
            rfc: "RFC 1939 §6",
            en: "-ERR to QUIT: in the UPDATE state the server could not remove all the messages marked for \
                 deletion ({0}). The session ends anyway and the mailbox lock is released.",
            zh: "对 QUIT 回复 -ERR：在 UPDATE 状态中，服务器没能删除所有标记为删除的邮件（{0}）。会话照样结束，邮箱锁随之解除。",
        },
        _ if answered.trim().is_empty() => &Template {
            rfc: "RFC 1939 §3",
            en: "-ERR: something failed ({0}). The session goes on.",
            zh: "-ERR：操作失败（{0}）。会话继续。",
        },
        _ => &Template {
            rfc: "RFC 1939 §3",
            en: "-ERR: the command {1} failed ({0}). Nothing changed; the session goes on.",
            zh: "-ERR：命令{1}失败（{0}）。什么都没有改变，会话继续。",
        },
    };
    fill!(template, quoted(text), redacted(answered))
}

/// A line inside a multi-line reply to LIST, UIDL or CAPA.
fn list_line(line: &str, answered_verb: &str) -> Explanation {
    let mut words = line.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    match answered_verb {
        "LIST" if number(first).is_some() && number(second).is_some() => fill!(
            &Template {
                rfc: "RFC 1939 §5",
                en: "Message {0} is {1} octets (bytes) long.",
                zh: "第 {0} 封邮件大小为 {1} 字节。",
            },
            plain(first),
            plain(second),
        ),
        "UIDL" if number(first).is_some() && !second.is_empty() => unique_id(first, second, "", ""),
        "CAPA" => capability(line),
        _ => unrecognised(WireProtocol::Pop3, Direction::ServerToClient, line),
    }
}

fn unique_id(message: &str, id: &str, prefix_en: &str, prefix_zh: &str) -> Explanation {
    fill!(
        &Template {
            rfc: "RFC 1939 §7",
            en: "{0}{1} has the unique ID {2}. A message number holds for this session only; the ID persists \
                 across sessions, so the client can recognise the message next time.",
            zh: "{3}{4}的唯一标识是{2}。邮件编号只在本次会话内有效；这个 ID 跨会话保持不变，客户端下次还能认出这封邮件。",
        },
        prefix_en,
        crate::sim::pop3::codec::capitalized(&message_en(message)),
        quoted(id),
        prefix_zh,
        message_zh(message),
    )
}

/// Each CAPA line a lesson meets: its name, what it tells the client, and where it is defined.
const CAPABILITIES: &[(&str, &str, &str, &str)] = &[
    (
        "TOP",
        "the TOP command (preview a message) works",
        "支持 TOP 命令（预览邮件）",
        "RFC 2449 §6.1",
    ),
    (
        "USER",
        "login with USER and PASS works",
        "支持用 USER 和 PASS 登录",
        "RFC 2449 §6.2",
    ),
    (
        "SASL",
        "logging in with AUTH works, using these methods",
        "支持用 AUTH 命令及这些方式登录",
        "RFC 2449 §6.3",
    ),
    (
        "RESP-CODES",
        "errors carry codes in brackets, like [IN-USE]",
        "错误信息会带方括号代码，如 [IN-USE]",
        "RFC 2449 §6.4",
    ),
    (
        "LOGIN-DELAY",
        "the minimum wait between logins, in seconds",
        "两次登录之间至少要等待的秒数",
        "RFC 2449 §6.5",
    ),
    (
        "PIPELINING",
        "the client may send several commands without waiting",
        "客户端可以连发多条命令而不必等待",
        "RFC 2449 §6.6",
    ),
    (
        "EXPIRE",
        "how many days the server keeps a message after a client has downloaded it (NEVER: it does not delete them)",
        "客户端下载邮件后服务器保留它的天数（NEVER 表示服务器不删除）",
        "RFC 2449 §6.7",
    ),
    (
        "UIDL",
        "the UIDL command (message IDs that persist across sessions) works",
        "支持 UIDL 命令（跨会话保持不变的邮件 ID）",
        "RFC 2449 §6.8",
    ),
    (
        "IMPLEMENTATION",
        "the name of the server software",
        "服务器软件的名称",
        "RFC 2449 §6.9",
    ),
    (
        "STLS",
        "the connection can be switched to encryption",
        "连接可以切换为加密",
        "RFC 2595 §4",
    ),
    (
        "AUTH-RESP-CODE",
        "a login refused because of the credentials says so with [AUTH]",
        "因凭据问题被拒绝的登录会用 [AUTH] 标明",
        "RFC 3206 §6",
    ),
];

/// One line of the CAPA list.
fn capability(line: &str) -> Explanation {
    let (name, argument) = verb_and_rest(line);
    let Some(&(_, en, zh, rfc)) = CAPABILITIES.iter().find(|(known, ..)| *known == name) else {
        return fill!(
            &Template {
                rfc: "RFC 2449 §5",
                en: "The server supports {0}, an extension this explanation does not cover.",
                zh: "服务器支持{0}，这里不介绍这项扩展。",
            },
            quoted(line),
        );
    };
    let shown_argument = if argument.is_empty() {
        String::new()
    } else {
        substitute(" {0}", &[&quoted(argument)])
    };
    fill!(
        &Template {
            rfc,
            en: "Capability {0}{1}: {2}.",
            zh: "功能 {0}{1}：{3}。",
        },
        name,
        shown_argument,
        en,
        zh,
    )
}

/// The lone "." that ends a multi-line reply.
fn end_of_list(answered_verb: &str, answered_first: &str) -> Explanation {
    match answered_verb {
        "RETR" | "TOP" => fill!(
            &Template {
                rfc: "RFC 1939 §3",
                en: "A line holding only “.”: the end of {0}.",
                zh: "只有一个“.”的行：{1}到此结束。",
            },
            message_en(answered_first),
            message_zh(answered_first),
        ),
        _ => fill!(&Template {
            rfc: "RFC 1939 §3",
            en: "A line holding only “.”: the end of this multi-line reply.",
            zh: "只有一个“.”的行：这个多行回复到此结束。",
        },),
    }
}
