//! SMTP (RFC 5321): how a message reaches the server. Commands are words; replies start with a 3-digit code.

use super::{
    dot_stuffed, fill, message_content, phrase, quoted, redacted, sasl_answer, sasl_command,
    substitute, unrecognised, verb_and_rest, Explanation, LineContext, Template, WireProtocol,
};
use crate::sim::session::Direction;

pub(super) fn explain(direction: Direction, line: &str, context: &LineContext) -> Explanation {
    match direction {
        Direction::ClientToServer if context.facts.ends_multiline => end_of_data(),
        Direction::ClientToServer if context.facts.answers_challenge => sasl_answer("RFC 4954 §4"),
        Direction::ClientToServer if context.in_content => content(line, context.facts.in_body),
        Direction::ClientToServer => command(line),
        Direction::ServerToClient => reply(line, context),
    }
}

/// The lone "." after the mail data: the end of the message, not a command.
fn end_of_data() -> Explanation {
    fill!(
        &Template {
            rfc: "RFC 5321 §4.1.1.4",
            en: "A line holding only “.” ends the message data; it is no command. The server now processes the \
                 message and answers once: accepted or refused.",
            zh: "只有一个“.”的行表示邮件数据到此结束，它不是命令。服务器随即处理这封邮件，并回复一次：接收或拒绝。",
        },
    )
}

/// A line sent between DATA's 354 and the lone ".".
fn content(line: &str, in_body: bool) -> Explanation {
    if line == "." {
        return end_of_data();
    }
    if line.starts_with("..") {
        return dot_stuffed("RFC 5321 §4.5.2");
    }
    message_content(line, in_body)
}

/// The address between angle brackets, as in `FROM:<ann@example.com>`.
fn address(arguments: &str) -> Option<&str> {
    let start = arguments.find('<')? + 1;
    let length = arguments.get(start..)?.find('>')?;
    arguments.get(start..start + length)
}

/// Every client command's explanation; `{0}` is the command's argument (host name or address) quoted.
fn command_template(verb: &str, rest: &str) -> Option<&'static Template> {
    Some(match verb {
        "EHLO" => &Template {
            rfc: "RFC 5321 §4.1.1.1",
            en: "Says hello and names the sending computer, {0}. EHLO (“extended hello”) also asks which \
                 extensions the server supports.",
            zh: "打招呼，并报上发信计算机的名字{0}。EHLO（“扩展问候”）同时询问服务器支持哪些扩展功能。",
        },
        "HELO" => &Template {
            rfc: "RFC 5321 §4.1.1.1",
            en: "Says hello and names the sending computer, {0}. HELO is the old greeting: it does not ask about \
                 extensions.",
            zh: "打招呼，并报上发信计算机的名字{0}。HELO 是旧式问候，不询问扩展功能。",
        },
        "MAIL" if address(rest).is_none() => &Template {
            rfc: "RFC 5321 §4.1.1.2",
            en: "A MAIL command whose address is not written between angle brackets, as in \
                 FROM:<ann@example.com>. The server will refuse it with 501 (syntax error in the arguments).",
            zh: "MAIL 命令的地址没有写在尖括号里（应当像 FROM:<ann@example.com> 这样）。服务器会以 501（参数语法错误）拒绝。",
        },
        "RCPT" if address(rest).is_none() => &Template {
            rfc: "RFC 5321 §4.1.1.3",
            en: "A RCPT command whose address is not written between angle brackets, as in \
                 TO:<bob@example.com>. The server will refuse it with 501 (syntax error in the arguments).",
            zh: "RCPT 命令的地址没有写在尖括号里（应当像 TO:<bob@example.com> 这样）。服务器会以 501（参数语法错误）拒绝。",
        },
        "VRFY" if !rest.is_empty() => &Template {
            rfc: "RFC 5321 §4.1.1.6",
            en: "Asks whether {0} is a user or mailbox here. A server may decline to say: 252 means it cannot \
                 verify the address but will accept mail for it and attempt delivery (§3.5.3).",
            zh: "询问{0}是不是这里的用户或邮箱。服务器可以不回答：252 表示它无法核实这个地址，但会接收发给它的邮件并尝试投递（§3.5.3）。",
        },
        "MAIL" => match address(rest)? {
            "" => &Template {
                rfc: "RFC 5321 §4.5.5",
                en: "Starts a new message with an empty sender, <>. Bounce notices use it so that they can never \
                     bounce back themselves.",
                zh: "开始一封新邮件，发件人为空（<>）。退信通知使用空发件人，这样它本身就不会再被退回。",
            },
            _ => &Template {
                rfc: "RFC 5321 §4.1.1.2",
                en: "Starts a new message from {0}. If delivery fails, the bounce notice goes back to this \
                     address.",
                zh: "开始一封新邮件，发件人是{0}。如果投递失败，退信通知会寄回这个地址。",
            },
        },
        "RCPT" => {
            address(rest)?;
            &Template {
                rfc: "RFC 5321 §4.1.1.3",
                en: "Names one recipient, {0}. A message to several people needs one RCPT per recipient.",
                zh: "指定一位收件人{0}。发给多人时，每位收件人各发一条 RCPT。",
            }
        }
        "DATA" => &Template {
            rfc: "RFC 5321 §4.1.1.4",
            en: "Asks to send the message itself. Once the server agrees (354), every line is message content \
                 until a line holding only “.”.",
            zh: "请求发送邮件本身。服务器同意（354）后，接下来的每一行都是邮件内容，直到只有一个“.”的行为止。",
        },
        "RSET" => &Template {
            rfc: "RFC 5321 §4.1.1.5",
            en: "Abandons the message in progress: sender and recipients are forgotten, the connection stays \
                 open.",
            zh: "放弃正在发送的邮件：发件人和收件人都被清空，连接仍然保持。",
        },
        "NOOP" => &Template {
            rfc: "RFC 5321 §4.1.1.9",
            en: "Does nothing; the server answers 250 to show the connection is alive.",
            zh: "什么也不做；服务器回复 250，表示连接仍然正常。",
        },
        "QUIT" => &Template {
            rfc: "RFC 5321 §4.1.1.10",
            en: "Says goodbye. The server answers 221 and closes the connection.",
            zh: "告别。服务器回复 221 并关闭连接。",
        },
        _ => return None,
    })
}

fn command(line: &str) -> Explanation {
    let (verb, rest) = verb_and_rest(line);
    let mut words = rest.split_whitespace();
    if let ("AUTH", Some(mechanism)) = (verb.as_str(), words.next()) {
        return sasl_command("RFC 4954 §4", mechanism, words.next().is_some(), "334");
    }
    let argument = match verb.as_str() {
        "MAIL" | "RCPT" => address(rest).unwrap_or(rest),
        _ => rest,
    };
    match command_template(&verb, rest) {
        Some(template) => fill!(template, quoted(argument)),
        None => unrecognised(WireProtocol::Smtp, Direction::ClientToServer, line),
    }
}

/// A reply line split into its code, whether more lines follow (`250-`), and its text.
fn parse_reply(line: &str) -> Option<(u16, bool, &str)> {
    let code = line.get(..3)?;
    if !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let more = match line.as_bytes().get(3) {
        None | Some(b' ') => false,
        Some(b'-') => true,
        Some(_) => return None,
    };
    Some((code.parse().ok()?, more, line.get(4..).unwrap_or("").trim()))
}

/// What an EHLO reply line advertises, in a few words, and where that extension is defined.
const EXTENSIONS: &[(&str, &str, &str, &str)] = &[
    (
        "SIZE",
        "the largest message it accepts, in octets (bytes)",
        "可接收的最大邮件字节数",
        "RFC 1870 §3",
    ),
    (
        "8BITMIME",
        "it accepts 8-bit text, not only 7-bit ASCII",
        "可接收 8 位文本，不限于 7 位 ASCII",
        "RFC 6152 §2",
    ),
    (
        "PIPELINING",
        "the client may send several commands without waiting",
        "客户端可以连发多条命令而不必逐条等待",
        "RFC 2920 §3",
    ),
    (
        "SMTPUTF8",
        "addresses may contain non-ASCII characters, like 中文",
        "地址中可以包含中文等非 ASCII 字符",
        "RFC 6531 §3.1",
    ),
    (
        "STARTTLS",
        "the connection can be switched to encryption",
        "连接可以切换为加密",
        "RFC 3207 §2",
    ),
    (
        "AUTH",
        "clients can log in with these methods",
        "客户端可以用这些方式登录",
        "RFC 4954 §3",
    ),
    (
        "ENHANCEDSTATUSCODES",
        "its 2xx, 4xx and 5xx replies, except the greeting and the answer to HELO or EHLO, carry a detailed \
         status code such as 2.1.0 after the 3-digit code",
        "除了问候和对 HELO、EHLO 的回复以外，它的 2xx、4xx 和 5xx 回复在三位数代码之后还带有更细的状态码，例如 2.1.0",
        "RFC 2034 §3",
    ),
    (
        "DSN",
        "the sender can ask for delivery status notifications",
        "发件方可以要求投递状态通知",
        "RFC 3461 §4",
    ),
];

/// The replies whose explanation depends on the code alone; `{0}` is the server's text quoted, `{1}` the code.
fn reply_template(code: u16) -> &'static Template {
    match code {
        220 => &Template {
            rfc: "RFC 5321 §3.1",
            en: "The server answers the connection: 220 means it is ready. {0} names the server.",
            zh: "服务器接听了连接：220 表示已准备就绪。{0}是服务器的自我介绍。",
        },
        221 => &Template {
            rfc: "RFC 5321 §4.1.1.10",
            en: "221: the server says goodbye and closes the connection.",
            zh: "221：服务器道别并关闭连接。",
        },
        252 => &Template {
            rfc: "RFC 5321 §3.5.3",
            en: "252: the server will not confirm whether the address exists, but it will accept a message for it \
                 and attempt delivery ({0}).",
            zh: "252：服务器不确认这个地址是否存在，但会接收发给它的邮件并尝试投递（{0}）。",
        },
        354 => &Template {
            rfc: "RFC 5321 §4.1.1.4",
            en: "354: go ahead. The server waits for the message and treats every line as content until a line \
                 holding only “.”.",
            zh: "354：请开始。服务器等待邮件内容，把每一行都当作内容，直到只有一个“.”的行为止。",
        },
        421 => &Template {
            rfc: "RFC 5321 §4.2.3",
            en: "421: the service is not available right now and the server is closing the connection ({0}). \
                 Try later.",
            zh: "421：服务暂时不可用，服务器正在关闭连接（{0}）。请稍后再试。",
        },
        200..=299 => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "{1} (2xx): done, the request succeeded ({0}).",
            zh: "{1}（2xx）：完成，请求已成功（{0}）。",
        },
        300..=399 => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "{1} (3xx): so far so good; the server waits for more from the client.",
            zh: "{1}（3xx）：到目前为止一切正常；服务器在等客户端继续发送。",
        },
        _ => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "{1} (4xx): a temporary failure ({0}). The request was not carried out, but the same request may \
                 succeed later, so the client should try again.",
            zh: "{1}（4xx）：暂时性失败（{0}）。请求没有执行，但同样的请求稍后可能成功，所以客户端应当稍后重试。",
        },
    }
}

fn reply(line: &str, context: &LineContext) -> Explanation {
    let Some((code, more, text)) = parse_reply(line) else {
        return unrecognised(WireProtocol::Smtp, Direction::ServerToClient, line);
    };
    let answered = context.answering.as_deref().unwrap_or("");
    let (answered_verb, answered_rest) = verb_and_rest(answered);
    match code {
        250 if more || context.facts.continues_reply || answered_verb == "EHLO" => {
            ehlo_line(more, context.facts.continues_reply, text)
        }
        250 => accepted(&answered_verb, answered_rest, text),
        334 if answered_verb == "AUTH" => fill!(
            &Template {
                rfc: "RFC 4954 §4",
                en: "334: a login challenge ({0}, base64). The server waits for the client's next step of the AUTH \
                     exchange, in base64 on one line.",
                zh: "334：登录询问（{0}，base64 编码）。服务器在等客户端用 base64 写成一行，发送 AUTH 交换的下一步。",
            },
            quoted(text),
        ),
        235 => fill!(
            &Template {
                rfc: "RFC 4954 §6",
                en: "235: authentication succeeded; the client is logged in for this session.",
                zh: "235：认证成功；客户端在本次会话中已登录。",
            },
        ),
        200..=499 => fill!(reply_template(code), quoted(text), code.to_string()),
        500..=599 => refusal(code, text, answered),
        _ => unrecognised(WireProtocol::Smtp, Direction::ServerToClient, line),
    }
}

/// One line of the reply to EHLO: the first names the server, each line after it one extension (RFC 5321
/// §4.1.1.1). Without the transcript's word on which line this is, a known extension keyword decides.
fn ehlo_line(more: bool, continues: bool, text: &str) -> Explanation {
    let (keyword, parameters) = verb_and_rest(text);
    let known = EXTENSIONS.iter().find(|(known, ..)| *known == keyword);
    let [dash_en, dash_zh] = if more {
        [
            "The dash in “250-” means more lines follow.",
            "“250-”中的连字符表示后面还有更多行。",
        ]
    } else {
        [
            "A space after 250, not a dash: this is the last line of the reply.",
            "250 后面是空格而不是连字符：这是这个回复的最后一行。",
        ]
    };
    // 0 declares that no fixed limit is in force; no number says nothing about a limit (RFC 1870 §3).
    if keyword == "SIZE" && parameters == "0" {
        return fill!(
            &Template {
                rfc: "RFC 1870 §3",
                en: "The server supports SIZE and declares, with 0, that no fixed maximum message size is in \
                     force. {0}",
                zh: "服务器支持 SIZE，并用 0 声明没有固定的邮件大小上限。{1}",
            },
            dash_en,
            dash_zh,
        );
    }
    if keyword == "SIZE" && parameters.is_empty() {
        return fill!(
            &Template {
                rfc: "RFC 1870 §3",
                en: "The server supports SIZE but gives no number, so it says nothing about a fixed maximum \
                     message size. {0}",
                zh: "服务器支持 SIZE，但没有给出数字，因此没有说明是否有固定的邮件大小上限。{1}",
            },
            dash_en,
            dash_zh,
        );
    }
    match known {
        None if continues => fill!(
            &Template {
                rfc: "RFC 5321 §4.1.1.1",
                en: "The server supports the extension {0}, one this explanation does not cover. {2}",
                zh: "服务器支持扩展{0}，这里不作介绍。{3}",
            },
            quoted(text),
            "",
            dash_en,
            dash_zh,
        ),
        Some(&(_, en, zh, rfc)) => {
            let shown_parameters = if parameters.is_empty() {
                String::new()
            } else {
                substitute(" {0}", &[&quoted(parameters)])
            };
            fill!(
                &Template {
                    rfc,
                    en: "The server supports {0}{1}: {2}. {4}",
                    zh: "服务器支持 {0}{1}：{3}。{5}",
                },
                keyword,
                shown_parameters,
                en,
                zh,
                dash_en,
                dash_zh,
            )
        }
        None if more => fill!(
            &Template {
                rfc: "RFC 5321 §4.1.1.1",
                en: "The server accepts the greeting and names itself ({0}). Each line after this one names an \
                     extension it supports. {1}",
                zh: "服务器接受了问候并报上自己的名字（{0}）。此后每一行列出一项它支持的扩展。{2}",
            },
            quoted(text),
            dash_en,
            dash_zh,
        ),
        None => fill!(
            &Template {
                rfc: "RFC 5321 §4.1.1.1",
                en: "The server accepts the greeting and names itself ({0}). This one-line reply lists no \
                     extensions.",
                zh: "服务器接受了问候并报上自己的名字（{0}）。这个只有一行的回复没有列出任何扩展。",
            },
            quoted(text),
        ),
    }
}

/// A single-line 250 reply, read in the light of the command it answers; `{0}` is the server's text quoted,
/// `{1}` the recipient quoted.
fn accepted(answered_verb: &str, answered_rest: &str, text: &str) -> Explanation {
    let template = match answered_verb {
        "MAIL" => &Template {
            rfc: "RFC 5321 §4.1.1.2",
            en: "250: sender accepted. Next the client names the recipients with RCPT TO.",
            zh: "250：发件人已接受。接下来客户端用 RCPT TO 指定收件人。",
        },
        "RCPT" => &Template {
            rfc: "RFC 5321 §4.1.1.3",
            en: "250: recipient {1} accepted. More RCPT commands may follow, then DATA; the message is not yet \
                 sent, so nothing is delivered until the data is accepted.",
            zh: "250：收件人{1}已接受。后面还可以有更多 RCPT 命令，然后是 DATA；邮件本身还没有发送，在数据被接收之前什么都不会投递。",
        },
        "RSET" => &Template {
            rfc: "RFC 5321 §4.1.1.5",
            en: "250: the message in progress is forgotten; the client can start again.",
            zh: "250：正在发送的邮件已清空，客户端可以重新开始。",
        },
        "NOOP" => &Template {
            rfc: "RFC 5321 §4.1.1.9",
            en: "250: the connection is alive.",
            zh: "250：连接正常。",
        },
        "HELO" => &Template {
            rfc: "RFC 5321 §4.1.1.1",
            en: "250: the server accepts the greeting ({0}).",
            zh: "250：服务器接受了问候（{0}）。",
        },
        "." | "DATA" => {
            // Accepting the data is accepting responsibility for delivery (RFC 5321 §6.1).
            &Template {
                rfc: "RFC 5321 §6.1",
                en: "250: the message is accepted ({0}). From now on the server is responsible for delivering \
                     it.",
                zh: "250：邮件已接收（{0}）。从现在起，投递这封邮件由服务器负责。",
            }
        }
        _ => &Template {
            rfc: "RFC 5321 §4.2.1",
            en: "250: done, the request succeeded ({0}).",
            zh: "250：完成，请求已成功（{0}）。",
        },
    };
    let recipient = address(answered_rest).unwrap_or(answered_rest);
    fill!(template, quoted(text), quoted(recipient))
}

/// What each 5xx code means, in a few words.
const REFUSALS: &[(u16, &str, &str)] = &[
    (
        500,
        "syntax error: the server does not recognise this command",
        "语法错误：服务器不认识这条命令",
    ),
    (
        501,
        "syntax error in the arguments, such as a malformed address",
        "参数语法错误，比如地址格式不对",
    ),
    (
        502,
        "this command is not implemented here",
        "本服务器没有实现这条命令",
    ),
    (
        503,
        "bad sequence of commands: not allowed yet (RCPT needs MAIL first; DATA needs an accepted recipient)",
        "命令顺序不对：现在还不能用（RCPT 之前要先有 MAIL，DATA 之前要有已接受的收件人）",
    ),
    (
        550,
        "refused: mailbox unavailable, for example no such user here",
        "拒绝：邮箱不可用，例如这里没有这个用户",
    ),
    (
        552,
        "refused: the mailbox is full (the action would exceed its storage allocation)",
        "拒绝：邮箱已满（超出了存储配额）",
    ),
    (554, "the transaction failed", "事务失败"),
    (
        535,
        "the login failed: the credentials are not valid",
        "登录失败：凭据无效",
    ),
];

/// A 5xx reply: permanent, so repeating the same command will not help.
fn refusal(code: u16, text: &str, answered: &str) -> Explanation {
    let (en, zh) = REFUSALS.iter().find(|(known, ..)| *known == code).map_or(
        ("a permanent failure", "永久性失败"),
        |&(_, en, zh)| (en, zh),
    );
    let [answering_en, answering_zh] = if answered.trim().is_empty() {
        Default::default()
    } else if answered == "." {
        [
            " at the end of the message data".to_string(),
            "在邮件数据结束后".to_string(),
        ]
    } else {
        phrase(" in reply to {0}", "对{0}的", &[&redacted(answered)])
    };
    // 503 is about the order of commands, which RFC 5321 §4.1.4 sets; 535 belongs to AUTH (RFC 4954 §6).
    let rfc = match code {
        503 => "RFC 5321 §4.1.4",
        535 => "RFC 4954 §6",
        _ => "RFC 5321 §4.2.3",
    };
    fill!(
        &Template {
            rfc,
            en: "{0}{1}: {3}. The server's words: {5}. A 5xx reply is permanent: the request was not carried out, \
                 and the client should not send the same request again unchanged.",
            zh: "{2}回复 {0}：{4}。服务器原话：{5}。5xx 表示永久性错误：请求没有执行，客户端不应原样再发一次。",
        },
        code.to_string(),
        answering_en,
        answering_zh,
        en,
        zh,
        quoted(text),
    )
}

#[cfg(test)]
mod tests;
