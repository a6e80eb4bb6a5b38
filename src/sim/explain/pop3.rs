//! POP3 (RFC 1939, extensions RFC 2449): download mail, then usually delete it from the server. Replies start
//! with `+OK` or `-ERR`; lists and messages end with a line holding only ".".

use super::{
    cited, dot_stuffed, message_content, messages, number, plain, quoted, redacted, unrecognised,
    verb_and_rest, Explanation, LineContext, WireProtocol,
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
    match number(argument) {
        Some(n) => format!("message {n}"),
        None => format!("message {}", quoted(argument)),
    }
}

fn message_zh(argument: &str) -> String {
    match number(argument) {
        Some(n) => format!("第 {n} 封邮件"),
        None => format!("邮件{}", quoted(argument)),
    }
}

fn command(line: &str) -> Explanation {
    let (verb, rest) = verb_and_rest(line);
    let first = rest.split_whitespace().next().unwrap_or("");
    match verb.as_str() {
        "USER" => cited(
            "RFC 1939 §7",
            format!("Logs in, step 1: names the mailbox to open, user {}. The password follows with PASS.", quoted(first)),
            format!("登录第一步：说明要打开哪个邮箱，用户名是{}。接下来用 PASS 发送密码。", quoted(first)),
        ),
        "PASS" => cited(
            "RFC 1939 §7",
            "Logs in, step 2: sends the password (hidden here). It crosses the network as plain text, which is \
             why real servers insist on an encrypted connection.",
            "登录第二步：发送密码（此处隐藏）。密码以明文在网络上传输，所以真实的服务器都要求先加密连接。",
        ),
        "APOP" => cited(
            "RFC 1939 §7",
            format!(
                "Logs in as {} without sending the password: the hex string is an MD5 digest of the greeting's \
                 <timestamp> plus the password.",
                quoted(first)
            ),
            format!(
                "以{}的身份登录而不发送密码：那串十六进制数是问候语中的 <时间戳> 加上密码算出的 MD5 摘要。",
                quoted(first)
            ),
        ),
        "CAPA" => cited(
            "RFC 2449 §5",
            "Asks which optional features this server supports. The answer is a list that ends with a line \
             holding only “.”.",
            "询问服务器支持哪些可选功能。回复是一份清单，以只有一个“.”的行结束。",
        ),
        "STAT" => cited(
            "RFC 1939 §5",
            "Asks how many messages are in the mailbox and how big they are altogether.",
            "询问邮箱里有多少封邮件、总共有多大。",
        ),
        "LIST" if rest.is_empty() => cited(
            "RFC 1939 §5",
            "Asks for the size of every message, one line each, ending with “.”.",
            "请求列出每封邮件的大小，每封一行，以“.”结束。",
        ),
        "LIST" => cited(
            "RFC 1939 §5",
            format!("Asks for the size of {} only.", message_en(first)),
            format!("只询问{}的大小。", message_zh(first)),
        ),
        "UIDL" if rest.is_empty() => cited(
            "RFC 1939 §7",
            "Asks for the unique ID of every message. Unlike message numbers, an ID stays the same across \
             sessions, so the client can tell which messages it has already downloaded.",
            "请求列出每封邮件的唯一标识（ID）。与邮件编号不同，ID 在不同会话之间保持不变，客户端借此判断哪些邮件已经下载过。",
        ),
        "UIDL" => cited(
            "RFC 1939 §7",
            format!("Asks for the unique ID of {}, an ID that stays the same across sessions.", message_en(first)),
            format!("询问{}的唯一标识（ID），这个 ID 在不同会话之间保持不变。", message_zh(first)),
        ),
        "RETR" => cited(
            "RFC 1939 §5",
            format!(
                "Downloads {} in full. It stays on the server unless the client also deletes it with DELE.",
                message_en(first)
            ),
            format!("完整下载{}。除非客户端再用 DELE 删除，它会一直留在服务器上。", message_zh(first)),
        ),
        "TOP" => {
            let lines = rest.split_whitespace().nth(1).unwrap_or("");
            let (body_en, body_zh) = if number(lines) == Some(0) {
                ("only its headers".to_string(), "只取信头".to_string())
            } else {
                (
                    format!("its headers plus the first {} lines of its body", plain(lines)),
                    format!("只取信头和正文的前 {} 行", plain(lines)),
                )
            };
            cited(
                "RFC 1939 §7",
                format!("Previews {}: {body_en}, without downloading it all.", message_en(first)),
                format!("预览{}：{body_zh}，不必整封下载。", message_zh(first)),
            )
        }
        "DELE" => cited(
            "RFC 1939 §6",
            format!(
                "Marks {} for deletion. Nothing is deleted yet: the server removes it only when the session ends \
                 with QUIT.",
                message_en(first)
            ),
            format!(
                "将{}标记为删除。此时并未真正删除：只有会话以 QUIT 结束时，服务器才会删除它。",
                message_zh(first)
            ),
        ),
        "RSET" => cited(
            "RFC 1939 §5",
            "Takes back every deletion mark made in this session: nothing will be deleted at QUIT.",
            "撤销本次会话中所有的删除标记：QUIT 时不会删除任何邮件。",
        ),
        "NOOP" => cited(
            "RFC 1939 §5",
            "Does nothing; the server just answers +OK. It keeps the connection from timing out.",
            "什么也不做，服务器只回复 +OK。作用是防止连接超时断开。",
        ),
        "QUIT" => cited(
            "RFC 1939 §6",
            "Ends the session. If the client has logged in, the server now enters the UPDATE state and really \
             deletes the messages marked with DELE; before login, it just says goodbye.",
            "结束会话。如果客户端已经登录，服务器随即进入 UPDATE（更新）状态，真正删除用 DELE 标记过的邮件；\
             如果还没登录，就只是道别。",
        ),
        _ => unrecognised(WireProtocol::Pop3, Direction::ClientToServer, line),
    }
}

/// The first two whole numbers in a reply text, as in "+OK 2 320" or "maildrop has 2 messages (320 octets)".
fn two_numbers(text: &str) -> (Option<u64>, Option<u64>) {
    let mut numbers = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|piece| !piece.is_empty())
        .filter_map(number);
    (numbers.next(), numbers.next())
}

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
    match answered_verb.as_str() {
        "USER" => cited(
            "RFC 1939 §7",
            "+OK: the server knows this user name and now waits for the password.",
            "+OK：服务器认得这个用户名，现在等待密码。",
        ),
        "PASS" | "APOP" => {
            let (count_en, count_zh) = match (first, second) {
                (Some(count), Some(octets)) => (
                    format!(" The mailbox holds {}, {octets} octets.", messages(count)),
                    format!("邮箱里有 {count} 封邮件，共 {octets} 字节。"),
                ),
                _ => (String::new(), String::new()),
            };
            cited(
                "RFC 1939 §4",
                format!(
                    "+OK: logged in.{count_en} The server locks the mailbox for this session; the client is now in \
                     the TRANSACTION state and may read and mark messages."
                ),
                format!(
                    "+OK：登录成功。{count_zh}服务器在本次会话期间锁定这个邮箱；客户端进入 TRANSACTION（事务）状态，\
                     可以读取和标记邮件。"
                ),
            )
        }
        "STAT" => match (first, second) {
            (Some(count), Some(octets)) => cited(
                "RFC 1939 §5",
                format!(
                    "+OK {count} {octets}: the mailbox holds {}, {octets} octets (bytes) in total. Messages \
                     marked for deletion are not counted.",
                    messages(count)
                ),
                format!(
                    "+OK {count} {octets}：邮箱里有 {count} 封邮件，总共 {octets} 字节。已标记删除的邮件不计算在内。"
                ),
            ),
            _ => ok_generic(&answered_verb),
        },
        "LIST" if !answered_first.is_empty() => match (first, second) {
            (Some(message), Some(octets)) => cited(
                "RFC 1939 §5",
                format!("+OK: message {message} is {octets} octets (bytes) long."),
                format!("+OK：第 {message} 封邮件大小为 {octets} 字节。"),
            ),
            _ => ok_generic(&answered_verb),
        },
        "UIDL" if !answered_first.is_empty() => {
            let mut words = text.split_whitespace();
            let (message, id) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
            unique_id(message, id, "+OK: ", "+OK：")
        }
        "LIST" | "UIDL" | "CAPA" => cited(
            if answered_verb == "CAPA" { "RFC 2449 §5" } else { "RFC 1939 §5" },
            "+OK: a list follows, one line per item, ending with a line holding only “.”.",
            "+OK：下面是一份清单，每项一行，以只有一个“.”的行结束。",
        ),
        "RETR" | "TOP" => {
            let (size_en, size_zh) = match first {
                Some(octets) if text.to_ascii_lowercase().contains("octet") => {
                    (format!(" ({octets} octets)"), format!("（{octets} 字节）"))
                }
                _ => (String::new(), String::new()),
            };
            let (what_en, what_zh, rfc) = if answered_verb == "TOP" {
                (format!("the headers and first lines of {}", message_en(answered_first)), "信头和正文开头", "RFC 1939 §7")
            } else {
                (message_en(answered_first), "全文", "RFC 1939 §5")
            };
            cited(
                rfc,
                format!("+OK: here comes {what_en}{size_en}, line by line, until a line holding only “.”."),
                format!("+OK：接下来逐行发送{}的{what_zh}{size_zh}，直到只有一个“.”的行为止。", message_zh(answered_first)),
            )
        }
        "DELE" => cited(
            "RFC 1939 §6",
            format!(
                "+OK: {} is marked for deletion. It disappears from listings now but is only deleted at QUIT; \
                 RSET would undo it.",
                message_en(answered_first)
            ),
            format!(
                "+OK：{}已标记为删除。它现在不再出现在列表中，但要到 QUIT 时才真正删除；用 RSET 还能撤销。",
                message_zh(answered_first)
            ),
        ),
        "RSET" => cited(
            "RFC 1939 §5",
            "+OK: all deletion marks are removed; every message is back.",
            "+OK：所有删除标记都已撤销，邮件全部恢复。",
        ),
        "NOOP" => cited("RFC 1939 §5", "+OK: the server is still there.", "+OK：服务器仍在线。"),
        "QUIT" => cited(
            "RFC 1939 §6",
            format!(
                "+OK: goodbye ({}). After a login, this is the UPDATE state: messages marked with DELE are now \
                 deleted for good and the mailbox lock is released.",
                quoted(text)
            ),
            format!(
                "+OK：再见（{}）。如果之前已登录，这就是 UPDATE（更新）状态：用 DELE 标记的邮件此刻被永久删除，邮箱锁也随之解除。",
                quoted(text)
            ),
        ),
        _ => ok_generic(&answered_verb),
    }
}

fn ok_generic(answered_verb: &str) -> Explanation {
    if answered_verb.is_empty() {
        return cited(
            "RFC 1939 §3",
            "+OK: the command succeeded.",
            "+OK：命令执行成功。",
        );
    }
    cited(
        "RFC 1939 §3",
        format!("+OK: the {} command succeeded.", quoted(answered_verb)),
        format!("+OK：{}命令执行成功。", quoted(answered_verb)),
    )
}

fn greeting(text: &str) -> Explanation {
    let timestamp = text
        .find('<')
        .and_then(|start| Some((start, text.get(start..)?.find('>')? + start)))
        .and_then(|(start, end)| text.get(start..=end));
    match timestamp {
        Some(timestamp) => cited(
            "RFC 1939 §4",
            format!(
                "+OK: the server is ready. {} is a one-time timestamp: APOP logs in by hashing it with the \
                 password, so the password never crosses the wire.",
                quoted(timestamp)
            ),
            format!(
                "+OK：服务器已就绪。{}是一次性的时间戳：APOP 登录时把它和密码一起算成摘要，密码本身从不在网络上传输。",
                quoted(timestamp)
            ),
        ),
        None => cited(
            "RFC 1939 §4",
            "+OK: the server is ready and waits for the client to log in (the AUTHORIZATION state).",
            "+OK：服务器已就绪，等待客户端登录（AUTHORIZATION，即认证状态）。",
        ),
    }
}

fn failure(text: &str, answered: &str) -> Explanation {
    let code = text
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .map(|(code, _)| code.to_ascii_uppercase())
        .unwrap_or_default();
    match code.as_str() {
        "IN-USE" => cited(
            "RFC 2449 §8.1.2",
            "-ERR [IN-USE]: another session already has this mailbox open. POP3 locks a mailbox during a session \
             (RFC 1939 §4) so two clients cannot delete messages at the same time. Try again later.",
            "-ERR [IN-USE]：另一个会话已经打开了这个邮箱。POP3 在会话期间锁定邮箱（RFC 1939 §4），\
             防止两个客户端同时删除邮件。请稍后再试。",
        ),
        "AUTH" => cited(
            "RFC 3206 §5",
            "-ERR [AUTH]: login refused because the user name or password is wrong, not because of a server fault.",
            "-ERR [AUTH]：登录被拒绝，原因是用户名或密码错误，而不是服务器故障。",
        ),
        _ if answered.trim().is_empty() => cited(
            "RFC 1939 §3",
            format!("-ERR: something failed ({}). The session goes on.", quoted(text)),
            format!("-ERR：操作失败（{}）。会话继续。", quoted(text)),
        ),
        _ => cited(
            "RFC 1939 §3",
            format!("-ERR: the command {} failed ({}). Nothing changed; the session goes on.", redacted(answered), quoted(text)),
            format!("-ERR：命令{}失败（{}）。什么都没有改变，会话继续。", redacted(answered), quoted(text)),
        ),
    }
}

/// A line inside a multi-line reply to LIST, UIDL or CAPA.
fn list_line(line: &str, answered_verb: &str) -> Explanation {
    let mut words = line.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    match answered_verb {
        "LIST" => match (number(first), number(second)) {
            (Some(message), Some(octets)) => cited(
                "RFC 1939 §5",
                format!("Message {message} is {octets} octets (bytes) long."),
                format!("第 {message} 封邮件大小为 {octets} 字节。"),
            ),
            _ => unrecognised(WireProtocol::Pop3, Direction::ServerToClient, line),
        },
        "UIDL" if number(first).is_some() && !second.is_empty() => unique_id(first, second, "", ""),
        "CAPA" => capability(line),
        _ => unrecognised(WireProtocol::Pop3, Direction::ServerToClient, line),
    }
}

fn unique_id(message: &str, id: &str, prefix_en: &str, prefix_zh: &str) -> Explanation {
    cited(
        "RFC 1939 §7",
        format!(
            "{prefix_en}{} has the unique ID {}. Message numbers change between sessions; this ID stays the same.",
            crate::sim::pop3::codec::capitalized(&message_en(message)),
            quoted(id)
        ),
        format!("{prefix_zh}{}的唯一标识是{}。邮件编号在不同会话间会变化，而这个 ID 始终不变。", message_zh(message), quoted(id)),
    )
}

/// One line of the CAPA list.
fn capability(line: &str) -> Explanation {
    let (name, argument) = verb_and_rest(line);
    let (en, zh, rfc) = match name.as_str() {
        "TOP" => (
            "the TOP command (preview a message) works",
            "支持 TOP 命令（预览邮件）",
            "RFC 2449 §6.1",
        ),
        "USER" => (
            "login with USER and PASS works",
            "支持用 USER 和 PASS 登录",
            "RFC 2449 §6.2",
        ),
        "SASL" => (
            "logging in with AUTH works, using these methods",
            "支持用 AUTH 命令及这些方式登录",
            "RFC 2449 §6.3",
        ),
        "RESP-CODES" => (
            "errors carry codes in brackets, like [IN-USE]",
            "错误信息会带方括号代码，如 [IN-USE]",
            "RFC 2449 §6.4",
        ),
        "LOGIN-DELAY" => (
            "the minimum wait between logins, in seconds",
            "两次登录之间至少要等待的秒数",
            "RFC 2449 §6.5",
        ),
        "PIPELINING" => (
            "the client may send several commands without waiting",
            "客户端可以连发多条命令而不必等待",
            "RFC 2449 §6.6",
        ),
        "EXPIRE" => (
            "how many days the server keeps messages (NEVER: forever)",
            "服务器保留邮件的天数（NEVER 表示永久）",
            "RFC 2449 §6.7",
        ),
        "UIDL" => (
            "the UIDL command (permanent message IDs) works",
            "支持 UIDL 命令（永久不变的邮件 ID）",
            "RFC 2449 §6.8",
        ),
        "IMPLEMENTATION" => (
            "the name of the server software",
            "服务器软件的名称",
            "RFC 2449 §6.9",
        ),
        "STLS" => (
            "the connection can be switched to encryption",
            "连接可以切换为加密",
            "RFC 2595 §4",
        ),
        _ => {
            return cited(
                "RFC 2449 §5",
                format!(
                    "The server supports {}, an extension this lesson does not cover.",
                    quoted(line)
                ),
                format!("服务器支持{}，本课不涉及这项扩展。", quoted(line)),
            )
        }
    };
    let shown_argument = if argument.is_empty() {
        String::new()
    } else {
        format!(" {}", quoted(argument))
    };
    cited(
        rfc,
        format!("Capability {name}{shown_argument}: {en}."),
        format!("功能 {name}{shown_argument}：{zh}。"),
    )
}

/// The lone "." that ends a multi-line reply.
fn end_of_list(answered_verb: &str, answered_first: &str) -> Explanation {
    match answered_verb {
        "RETR" | "TOP" => cited(
            "RFC 1939 §3",
            format!(
                "A line holding only “.”: the end of {}.",
                message_en(answered_first)
            ),
            format!("只有一个“.”的行：{}到此结束。", message_zh(answered_first)),
        ),
        _ => cited(
            "RFC 1939 §3",
            "A line holding only “.”: the end of this multi-line reply.",
            "只有一个“.”的行：这个多行回复到此结束。",
        ),
    }
}

#[cfg(test)]
mod tests {
    use crate::sim::explain::{answering, explained, Explanation, LineContext, WireProtocol};
    use crate::sim::session::Direction::{ClientToServer as C, ServerToClient as S};

    fn client(line: &str) -> Explanation {
        explained(WireProtocol::Pop3, C, line, &LineContext::default())
    }

    fn server(line: &str, command: &str) -> Explanation {
        explained(WireProtocol::Pop3, S, line, &answering(command))
    }

    #[test]
    fn greeting_mentions_the_apop_timestamp() {
        let context = LineContext {
            greeting: true,
            ..LineContext::default()
        };
        let greeting = explained(
            WireProtocol::Pop3,
            S,
            "+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>",
            &context,
        );
        assert!(
            greeting.en.contains("<1896.697170952@dbc.mtview.ca.us>")
                && greeting.en.contains("APOP")
        );
        assert_eq!(greeting.rfc, "RFC 1939 §4");
        let plain = explained(WireProtocol::Pop3, S, "+OK POP3 ready", &context);
        assert!(plain.en.contains("log in"));
    }

    #[test]
    fn login_never_shows_the_password() {
        let user = client("USER alice");
        assert!(user.en.contains("alice") && user.zh.contains("alice"));
        let pass = client("PASS hunter2");
        assert!(!pass.en.contains("hunter2") && !pass.zh.contains("hunter2"));
        assert_eq!(pass.rfc, "RFC 1939 §7");
        let logged_in = server("+OK maildrop has 2 messages (320 octets)", "PASS hunter2");
        assert!(
            logged_in.en.contains("2 messages")
                && logged_in.en.contains("320")
                && logged_in.en.contains("locks")
        );
        let refused = server("-ERR invalid password", "PASS hunter2");
        assert!(!refused.en.contains("hunter2") && !refused.zh.contains("hunter2"));
        let apop = client("APOP mrose c4c9334bac560ecc979e58001b3e22fb");
        assert!(apop.en.contains("mrose") && apop.en.contains("MD5"));
        assert!(server("+OK", "USER alice").en.contains("password"));
    }

    #[test]
    fn capa_and_its_list() {
        assert_eq!(client("CAPA").rfc, "RFC 2449 §5");
        assert!(server("+OK Capability list follows", "CAPA")
            .en
            .contains("list follows"));
        let top = server("TOP", "CAPA");
        assert_eq!(top.rfc, "RFC 2449 §6.1");
        let expire = server("EXPIRE NEVER", "CAPA");
        assert!(expire.en.contains("NEVER"));
        assert_eq!(server("UIDL", "CAPA").rfc, "RFC 2449 §6.8");
        assert!(server("X-SHINY", "CAPA").en.contains("X-SHINY"));
    }

    #[test]
    fn stat_uses_the_numbers() {
        assert_eq!(client("STAT").rfc, "RFC 1939 §5");
        let stat = server("+OK 2 320", "STAT");
        assert!(stat.en.contains("2 messages") && stat.en.contains("320 octets"));
        assert!(stat.zh.contains("2 封") && stat.zh.contains("320 字节"));
    }

    #[test]
    fn list_and_scan_lines() {
        assert!(client("LIST").en.contains("every message"));
        assert!(client("LIST 3").en.contains("message 3"));
        assert!(server("+OK 3 120", "LIST 3")
            .en
            .contains("message 3 is 120 octets"));
        let scan = server("1 120", "LIST");
        assert!(scan.en.contains("Message 1 is 120 octets"));
        assert!(scan.zh.contains("第 1 封") && scan.zh.contains("120 字节"));
        assert!(server(".", "LIST")
            .en
            .contains("end of this multi-line reply"));
    }

    #[test]
    fn uidl_ids_survive_sessions() {
        let all = client("UIDL");
        assert_eq!(all.rfc, "RFC 1939 §7");
        let line = server("2 QhdPYR:00WBw1Ph7x7", "UIDL");
        assert!(
            line.en.contains("Message 2")
                && line.en.contains("QhdPYR:00WBw1Ph7x7")
                && line.en.contains("stays the same")
        );
        assert_eq!(line.rfc, "RFC 1939 §7");
        assert!(server("+OK 2 QhdPYR:00WBw1Ph7x7", "UIDL 2")
            .en
            .contains("QhdPYR:00WBw1Ph7x7"));
    }

    #[test]
    fn retr_and_top_carry_content_until_the_dot() {
        assert!(client("RETR 1").en.contains("message 1"));
        let ok = server("+OK 120 octets", "RETR 1");
        assert!(ok.en.contains("message 1") && ok.en.contains("120 octets"));
        let body = server("Subject: lunch", "RETR 1");
        assert_eq!(body.rfc, "");
        let context = LineContext {
            in_content: true,
            ..answering("RETR 1")
        };
        assert_eq!(
            explained(WireProtocol::Pop3, S, "..hidden dot", &context).rfc,
            "RFC 1939 §3"
        );
        let end = server(".", "RETR 1");
        assert!(end.en.contains("end of message 1"));
        let top = client("TOP 1 10");
        assert!(top.en.contains("message 1") && top.en.contains("10"));
        assert_eq!(top.rfc, "RFC 1939 §7");
        assert!(client("TOP 3 0").en.contains("message 3: only its headers"));
        assert!(server("+OK", "TOP 1 10").en.contains("headers"));
    }

    #[test]
    fn dele_only_marks_and_rset_unmarks() {
        let dele = client("DELE 2");
        assert!(
            dele.en.contains("message 2")
                && dele.en.contains("QUIT")
                && dele.en.ends_with("(RFC 1939 §6).")
        );
        assert!(dele.zh.contains("第 2 封") && dele.zh.ends_with("（RFC 1939 §6）。"));
        assert!(server("+OK message 2 deleted", "DELE 2")
            .en
            .contains("only deleted at QUIT"));
        assert!(client("RSET").en.contains("deletion mark"));
        assert!(server("+OK", "RSET").en.contains("removed"));
        assert_eq!(client("NOOP").rfc, "RFC 1939 §5");
        assert!(server("+OK", "NOOP").en.contains("still there"));
    }

    #[test]
    fn quit_explains_the_update_state() {
        let quit = client("QUIT");
        assert!(quit.en.contains("UPDATE") && quit.en.contains("before login"));
        assert_eq!(quit.rfc, "RFC 1939 §6");
        let bye = server("+OK dewey POP3 server signing off", "QUIT");
        assert!(bye.en.contains("deleted for good"));
    }

    #[test]
    fn errors_and_response_codes() {
        let in_use = server("-ERR [IN-USE] mailbox locked", "PASS hunter2");
        assert!(in_use.en.contains("locks") && in_use.en.contains("RFC 1939 §4"));
        assert_eq!(in_use.rfc, "RFC 2449 §8.1.2");
        assert_eq!(
            server("-ERR [AUTH] bad password", "PASS x").rfc,
            "RFC 3206 §5"
        );
        let missing = server("-ERR no such message", "RETR 9");
        assert!(missing.en.contains("RETR 9") && missing.en.contains("no such message"));
        assert!(server("+OK", "").en.contains("succeeded"));
    }
}
