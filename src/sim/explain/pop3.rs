//! POP3 (RFC 1939, extensions RFC 2449): download mail, then usually delete it from the server. Replies start
//! with `+OK` or `-ERR`; lists and messages end with a line holding only ".".

use super::{
    dot_stuffed, fill, message_content, messages, number, phrase, plain, quoted, redacted,
    substitute, unrecognised, verb_and_rest, Explanation, LineContext, Template, WireProtocol,
};
use crate::sim::session::Direction;

pub(super) fn explain(direction: Direction, line: &str, context: &LineContext) -> Explanation {
    match direction {
        Direction::ClientToServer => command(line),
        Direction::ServerToClient => reply(line, context),
    }
}

/// "message 2" for a number, or the argument quoted when it is not one.
fn message_en(argument: &str) -> String {
    substitute("message {0}", &[&plain(argument)])
}

fn message_zh(argument: &str) -> String {
    let template = if number(argument).is_some() {
        "第 {0} 封邮件"
    } else {
        "邮件{0}"
    };
    substitute(template, &[&plain(argument)])
}

/// The commands whose explanation needs no more than the argument and the message it names: `{0}` is the
/// argument quoted, `{1}` and `{2}` the message in English and Chinese, `{3}` TOP's line count.
fn command_template(verb: &str, rest: &str) -> Option<&'static Template> {
    Some(match verb {
        "USER" => &Template {
            rfc: "RFC 1939 §7",
            en: "Logs in, step 1: names the mailbox to open, user {0}. The password follows with PASS.",
            zh: "登录第一步：说明要打开哪个邮箱，用户名是{0}。接下来用 PASS 发送密码。",
        },
        "PASS" => &Template {
            rfc: "RFC 1939 §7",
            en: "Logs in, step 2: sends the password (hidden here). It crosses the network as plain text, which \
                 is why real servers insist on an encrypted connection.",
            zh: "登录第二步：发送密码（此处隐藏）。密码以明文在网络上传输，所以真实的服务器都要求先加密连接。",
        },
        "APOP" => &Template {
            rfc: "RFC 1939 §7",
            en: "Logs in as {0} without sending the password: the hex string is an MD5 digest of the greeting's \
                 <timestamp> plus the password.",
            zh: "以{0}的身份登录而不发送密码：那串十六进制数是问候语中的 <时间戳> 加上密码算出的 MD5 摘要。",
        },
        "CAPA" => &Template {
            rfc: "RFC 2449 §5",
            en: "Asks which optional features this server supports. The answer is a list that ends with a line \
                 holding only “.”.",
            zh: "询问服务器支持哪些可选功能。回复是一份清单，以只有一个“.”的行结束。",
        },
        "STAT" => &Template {
            rfc: "RFC 1939 §5",
            en: "Asks how many messages are in the mailbox and how big they are altogether.",
            zh: "询问邮箱里有多少封邮件、总共有多大。",
        },
        "LIST" if rest.is_empty() => &Template {
            rfc: "RFC 1939 §5",
            en: "Asks for the size of every message, one line each, ending with “.”.",
            zh: "请求列出每封邮件的大小，每封一行，以“.”结束。",
        },
        "LIST" => &Template {
            rfc: "RFC 1939 §5",
            en: "Asks for the size of {1} only.",
            zh: "只询问{2}的大小。",
        },
        "UIDL" if rest.is_empty() => &Template {
            rfc: "RFC 1939 §7",
            en: "Asks for the unique ID of every message. Unlike message numbers, an ID stays the same across \
                 sessions, so the client can tell which messages it has already downloaded.",
            zh: "请求列出每封邮件的唯一标识（ID）。与邮件编号不同，ID 在不同会话之间保持不变，客户端借此判断哪些邮件已经下载过。",
        },
        "UIDL" => &Template {
            rfc: "RFC 1939 §7",
            en: "Asks for the unique ID of {1}, an ID that stays the same across sessions.",
            zh: "询问{2}的唯一标识（ID），这个 ID 在不同会话之间保持不变。",
        },
        "RETR" => &Template {
            rfc: "RFC 1939 §5",
            en: "Downloads {1} in full. It stays on the server unless the client also deletes it with DELE.",
            zh: "完整下载{2}。除非客户端再用 DELE 删除，它会一直留在服务器上。",
        },
        "TOP" if number(rest.split_whitespace().nth(1).unwrap_or("")) == Some(0) => &Template {
            rfc: "RFC 1939 §7",
            en: "Previews {1}: only its headers, without downloading it all.",
            zh: "预览{2}：只取信头，不必整封下载。",
        },
        "TOP" => &Template {
            rfc: "RFC 1939 §7",
            en: "Previews {1}: its headers plus the first {3} lines of its body, without downloading it all.",
            zh: "预览{2}：只取信头和正文的前 {3} 行，不必整封下载。",
        },
        "DELE" => &Template {
            rfc: "RFC 1939 §6",
            en: "Marks {1} for deletion. Nothing is deleted yet: the server removes it only when the session \
                 ends with QUIT.",
            zh: "将{2}标记为删除。此时并未真正删除：只有会话以 QUIT 结束时，服务器才会删除它。",
        },
        "RSET" => &Template {
            rfc: "RFC 1939 §5",
            en: "Takes back every deletion mark made in this session: nothing will be deleted at QUIT.",
            zh: "撤销本次会话中所有的删除标记：QUIT 时不会删除任何邮件。",
        },
        "NOOP" => &Template {
            rfc: "RFC 1939 §5",
            en: "Does nothing; the server just answers +OK. It keeps the connection from timing out.",
            zh: "什么也不做，服务器只回复 +OK。作用是防止连接超时断开。",
        },
        "QUIT" => &Template {
            rfc: "RFC 1939 §6",
            en: "Ends the session. If the client has logged in, the server now enters the UPDATE state and \
                 really deletes the messages marked with DELE; before login, it just says goodbye.",
            zh: "结束会话。如果客户端已经登录，服务器随即进入 UPDATE（更新）状态，真正删除用 DELE 标记过的邮件；\
                 如果还没登录，就只是道别。",
        },
        _ => return None,
    })
}

fn command(line: &str) -> Explanation {
    let (verb, rest) = verb_and_rest(line);
    let Some(template) = command_template(&verb, rest) else {
        return unrecognised(WireProtocol::Pop3, Direction::ClientToServer, line);
    };
    let mut words = rest.split_whitespace();
    let first = words.next().unwrap_or("");
    let lines = words.next().unwrap_or("");
    fill(
        template,
        &[
            &quoted(first),
            &message_en(first),
            &message_zh(first),
            &plain(lines),
        ],
    )
}

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

fn reply(line: &str, context: &LineContext) -> Explanation {
    let answered = context.answering.as_deref().unwrap_or("");
    let (answered_verb, answered_rest) = verb_and_rest(answered);
    let answered_first = answered_rest.split_whitespace().next().unwrap_or("");
    let carries_message = matches!(answered_verb.as_str(), "RETR" | "TOP");

    if line == "." {
        return end_of_list(&answered_verb, answered_first);
    }
    if context.in_content
        || (carries_message && !line.starts_with("+OK") && !line.starts_with("-ERR"))
    {
        if line.starts_with("..") {
            return dot_stuffed("RFC 1939 §3");
        }
        return message_content(line);
    }
    if let Some(text) = line.strip_prefix("-ERR") {
        return failure(text.trim(), answered);
    }
    let Some(text) = line.strip_prefix("+OK").map(str::trim) else {
        return list_line(line, &answered_verb);
    };
    if context.greeting || (answered.is_empty() && text.contains('<')) {
        return greeting(text);
    }
    let (first, second) = two_numbers(text);
    let [first_shown, second_shown] = [first, second].map(|n| n.map(|n| n.to_string()));
    let both = first_shown.as_deref().zip(second_shown.as_deref());
    match answered_verb.as_str() {
        "USER" => fill(
            &Template {
                rfc: "RFC 1939 §7",
                en: "+OK: the server knows this user name and now waits for the password.",
                zh: "+OK：服务器认得这个用户名，现在等待密码。",
            },
            &[],
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
            fill(
                &Template {
                    rfc: "RFC 1939 §4",
                    en: "+OK: logged in.{0} The server locks the mailbox for this session; the client is now in \
                         the TRANSACTION state and may read and mark messages.",
                    zh: "+OK：登录成功。{1}服务器在本次会话期间锁定这个邮箱；客户端进入 TRANSACTION（事务）状态，\
                         可以读取和标记邮件。",
                },
                &[&count_en, &count_zh],
            )
        }
        "STAT" => match (first, both) {
            (Some(count), Some((count_shown, octets))) => fill(
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK {1} {2}: the mailbox holds {0}, {2} octets (bytes) in total. Messages marked for \
                         deletion are not counted.",
                    zh: "+OK {1} {2}：邮箱里有 {1} 封邮件，总共 {2} 字节。已标记删除的邮件不计算在内。",
                },
                &[&messages(count), count_shown, octets],
            ),
            _ => ok_generic(&answered_verb),
        },
        "LIST" if !answered_first.is_empty() => match both {
            Some((message, octets)) => fill(
                &Template {
                    rfc: "RFC 1939 §5",
                    en: "+OK: message {0} is {1} octets (bytes) long.",
                    zh: "+OK：第 {0} 封邮件大小为 {1} 字节。",
                },
                &[message, octets],
            ),
            _ => ok_generic(&answered_verb),
        },
        "UIDL" if !answered_first.is_empty() => {
            let mut words = text.split_whitespace();
            let (message, id) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            unique_id(message, id, "+OK: ", "+OK：")
        }
        "LIST" | "UIDL" => fill(&LIST_FOLLOWS, &[]),
        "CAPA" => fill(
            &Template {
                rfc: "RFC 2449 §5",
                ..LIST_FOLLOWS
            },
            &[],
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
            fill(
                &Template {
                    rfc,
                    en: "+OK: here comes {0}{1}, line by line, until a line holding only “.”.",
                    zh: "+OK：接下来逐行发送{2}的{3}{4}，直到只有一个“.”的行为止。",
                },
                &[
                    &what_en,
                    &size_en,
                    &message_zh(answered_first),
                    what_zh,
                    &size_zh,
                ],
            )
        }
        "DELE" => fill(
            &Template {
                rfc: "RFC 1939 §6",
                en: "+OK: {0} is marked for deletion. It disappears from listings now but is only deleted at \
                     QUIT; RSET would undo it.",
                zh: "+OK：{1}已标记为删除。它现在不再出现在列表中，但要到 QUIT 时才真正删除；用 RSET 还能撤销。",
            },
            &[&message_en(answered_first), &message_zh(answered_first)],
        ),
        "RSET" => fill(
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: all deletion marks are removed; every message is back.",
                zh: "+OK：所有删除标记都已撤销，邮件全部恢复。",
            },
            &[],
        ),
        "NOOP" => fill(
            &Template {
                rfc: "RFC 1939 §5",
                en: "+OK: the server is still there.",
                zh: "+OK：服务器仍在线。",
            },
            &[],
        ),
        "QUIT" => fill(
            &Template {
                rfc: "RFC 1939 §6",
                en: "+OK: goodbye ({0}). After a login, this is the UPDATE state: messages marked with DELE are \
                     now deleted for good and the mailbox lock is released.",
                zh: "+OK：再见（{0}）。如果之前已登录，这就是 UPDATE（更新）状态：用 DELE 标记的邮件此刻被永久删除，\
                     邮箱锁也随之解除。",
            },
            &[&quoted(text)],
        ),
        _ => ok_generic(&answered_verb),
    }
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
    fill(template, &[&quoted(answered_verb)])
}

fn greeting(text: &str) -> Explanation {
    let timestamp = text
        .find('<')
        .and_then(|start| Some((start, text.get(start..)?.find('>')? + start)))
        .and_then(|(start, end)| text.get(start..=end));
    match timestamp {
        Some(timestamp) => fill(
            &Template {
                rfc: "RFC 1939 §4",
                en: "+OK: the server is ready. {0} is a one-time timestamp: APOP logs in by hashing it with the \
                     password, so the password never crosses the wire.",
                zh: "+OK：服务器已就绪。{0}是一次性的时间戳：APOP 登录时把它和密码一起算成摘要，密码本身从不在网络上传输。",
            },
            &[&quoted(timestamp)],
        ),
        None => fill(
            &Template {
                rfc: "RFC 1939 §4",
                en: "+OK: the server is ready and waits for the client to log in (the AUTHORIZATION state).",
                zh: "+OK：服务器已就绪，等待客户端登录（AUTHORIZATION，即认证状态）。",
            },
            &[],
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
            en: "-ERR [IN-USE]: another session already has this mailbox open. POP3 locks a mailbox during a \
                 session (RFC 1939 §4) so two clients cannot delete messages at the same time. Try again later.",
            zh: "-ERR [IN-USE]：另一个会话已经打开了这个邮箱。POP3 在会话期间锁定邮箱（RFC 1939 §4），\
                 防止两个客户端同时删除邮件。请稍后再试。",
        },
        "AUTH" => &Template {
            rfc: "RFC 3206 §5",
            en: "-ERR [AUTH]: login refused because the user name or password is wrong, not because of a server \
                 fault.",
            zh: "-ERR [AUTH]：登录被拒绝，原因是用户名或密码错误，而不是服务器故障。",
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
    fill(template, &[&quoted(text), &redacted(answered)])
}

/// A line inside a multi-line reply to LIST, UIDL or CAPA.
fn list_line(line: &str, answered_verb: &str) -> Explanation {
    let mut words = line.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    match answered_verb {
        "LIST" if number(first).is_some() && number(second).is_some() => fill(
            &Template {
                rfc: "RFC 1939 §5",
                en: "Message {0} is {1} octets (bytes) long.",
                zh: "第 {0} 封邮件大小为 {1} 字节。",
            },
            &[&plain(first), &plain(second)],
        ),
        "UIDL" if number(first).is_some() && !second.is_empty() => unique_id(first, second, "", ""),
        "CAPA" => capability(line),
        _ => unrecognised(WireProtocol::Pop3, Direction::ServerToClient, line),
    }
}

fn unique_id(message: &str, id: &str, prefix_en: &str, prefix_zh: &str) -> Explanation {
    fill(
        &Template {
            rfc: "RFC 1939 §7",
            en: "{0}{1} has the unique ID {2}. Message numbers change between sessions; this ID stays the same.",
            zh: "{3}{4}的唯一标识是{2}。邮件编号在不同会话间会变化，而这个 ID 始终不变。",
        },
        &[
            prefix_en,
            &crate::sim::pop3::codec::capitalized(&message_en(message)),
            &quoted(id),
            prefix_zh,
            &message_zh(message),
        ],
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
        "how many days the server keeps messages (NEVER: forever)",
        "服务器保留邮件的天数（NEVER 表示永久）",
        "RFC 2449 §6.7",
    ),
    (
        "UIDL",
        "the UIDL command (permanent message IDs) works",
        "支持 UIDL 命令（永久不变的邮件 ID）",
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
];

/// One line of the CAPA list.
fn capability(line: &str) -> Explanation {
    let (name, argument) = verb_and_rest(line);
    let Some(&(_, en, zh, rfc)) = CAPABILITIES.iter().find(|(known, ..)| *known == name) else {
        return fill(
            &Template {
                rfc: "RFC 2449 §5",
                en: "The server supports {0}, an extension this lesson does not cover.",
                zh: "服务器支持{0}，本课不涉及这项扩展。",
            },
            &[&quoted(line)],
        );
    };
    let shown_argument = if argument.is_empty() {
        String::new()
    } else {
        substitute(" {0}", &[&quoted(argument)])
    };
    fill(
        &Template {
            rfc,
            en: "Capability {0}{1}: {2}.",
            zh: "功能 {0}{1}：{3}。",
        },
        &[&name, &shown_argument, en, zh],
    )
}

/// The lone "." that ends a multi-line reply.
fn end_of_list(answered_verb: &str, answered_first: &str) -> Explanation {
    match answered_verb {
        "RETR" | "TOP" => fill(
            &Template {
                rfc: "RFC 1939 §3",
                en: "A line holding only “.”: the end of {0}.",
                zh: "只有一个“.”的行：{1}到此结束。",
            },
            &[&message_en(answered_first), &message_zh(answered_first)],
        ),
        _ => fill(
            &Template {
                rfc: "RFC 1939 §3",
                en: "A line holding only “.”: the end of this multi-line reply.",
                zh: "只有一个“.”的行：这个多行回复到此结束。",
            },
            &[],
        ),
    }
}
