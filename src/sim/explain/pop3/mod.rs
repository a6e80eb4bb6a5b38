//! POP3 (RFC 1939, extensions RFC 2449): download mail, then usually delete it from the server. Replies start
//! with `+OK` or `-ERR`; lists and messages end with a line holding only ".". Client commands are explained
//! here, server replies in `replies`.

mod replies;
#[cfg(test)]
mod tests;

use super::{
    fill, number, plain, quoted, sasl_answer, sasl_command, substitute, unrecognised,
    verb_and_rest, Explanation, LineContext, Template, WireProtocol,
};
use crate::sim::session::Direction;

pub(super) fn explain(direction: Direction, line: &str, context: &LineContext) -> Explanation {
    match direction {
        Direction::ClientToServer if context.facts.answers_challenge => sasl_answer("RFC 5034 §4"),
        Direction::ClientToServer => command(line),
        Direction::ServerToClient => replies::reply(line, context),
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
                 is why many servers require an encrypted connection first.",
            zh: "登录第二步：发送密码（此处隐藏）。密码以明文在网络上传输，所以很多服务器要求先加密连接。",
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
            rfc: "RFC 1939 §5",
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
            en: "Does nothing; the server just answers +OK. Like any command, it shows the server the client is \
                 still there, so an inactivity timer (RFC 1939 §3) starts again.",
            zh: "什么也不做，服务器只回复 +OK。和任何命令一样，它让服务器知道客户端还在，闲置计时器（RFC 1939 §3）重新开始计时。",
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
    let mut words = rest.split_whitespace();
    if let ("AUTH", Some(mechanism)) = (verb.as_str(), words.next()) {
        return sasl_command("RFC 5034 §4", mechanism, words.next().is_some(), "“+”");
    }
    let Some(template) = command_template(&verb, rest) else {
        return unrecognised(WireProtocol::Pop3, Direction::ClientToServer, line);
    };
    let mut words = rest.split_whitespace();
    let first = words.next().unwrap_or("");
    let lines = words.next().unwrap_or("");
    fill!(
        template,
        quoted(first),
        message_en(first),
        message_zh(first),
        plain(lines)
    )
}
