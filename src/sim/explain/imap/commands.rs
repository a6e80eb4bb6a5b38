//! IMAP client commands: each is a tag, a command name (perhaps after "UID") and its arguments.

use super::{literal_size, mailbox_name, message_commands, parenthesised, set_described};
use crate::sim::explain::{
    fill, phrase, quoted, sasl_answer, sasl_command, spaced, verb_and_rest, Explanation,
    LineContext, MailboxAccess, Template,
};

pub(super) fn command(line: &str, context: &LineContext) -> Explanation {
    if context.facts.answers_challenge {
        return sasl_answer("RFC 3501 §6.2.2");
    }
    let trimmed = line.trim();
    if trimmed.eq_ignore_ascii_case("DONE") {
        return fill!(
            &Template {
                rfc: "RFC 2177 §3",
                en: "DONE ends IDLE: the client wants to send commands again. The server answers with the tagged \
                     OK for IDLE.",
                zh: "DONE 结束 IDLE：客户端要重新发送命令了。服务器会用 IDLE 那条命令的带标签 OK 来回应。",
            },
        );
    }
    let Some((tag, rest)) = trimmed.split_once(char::is_whitespace) else {
        return fill!(
            &Template {
                rfc: "RFC 3501 §2.2.1",
                en: "A line with no command. Every IMAP command is a tag plus a command name, like “A1 NOOP”; a \
                     lone line like this only makes sense as data the server asked for with “+”.",
                zh: "这一行没有命令。每条 IMAP 命令都由标签加命令名组成，例如“A1 NOOP”；这样单独的一行，\
                     只有在服务器用“+”索要数据时才有意义。",
            },
        );
    };
    let (verb, arguments) = verb_and_rest(rest);
    let (by_uid, verb, arguments) = if verb == "UID" {
        let (verb, arguments) = verb_and_rest(arguments);
        (true, verb, arguments)
    } else {
        (false, verb, arguments)
    };
    let mut explanation = tagged_command(&verb, arguments, by_uid, context).unwrap_or_else(|| {
        fill!(
            &Template {
                rfc: "RFC 3501 §7.1.3",
                en: "{0} is not an IMAP command this server knows; it will answer “{1} BAD”.",
                zh: "{0}不是本服务器认识的 IMAP 命令；服务器会回复“{1} BAD”。",
            },
            quoted(&verb),
            tag,
        )
    });
    // Every tagged command shares the sentence about its tag, after the command's own reference.
    let [tag_en, tag_zh] = phrase(
        " The tag {0} lets the client match the server's reply to this command (RFC 3501 §2.2.1).",
        "标签{0}让客户端把服务器的回复和这条命令对上号（RFC 3501 §2.2.1）。",
        &[&quoted(tag)],
    );
    explanation.en.push_str(&tag_en);
    explanation.zh.push_str(&tag_zh);
    explanation
}

/// The commands explained by a template alone. Slots: {0} the first argument quoted, {1} the mailbox quoted,
/// {2} the name after the mailbox (a new name, a pattern) quoted, {3} STATUS's items quoted, {4} all arguments
/// quoted, {5} and {6} what SEARCH answers with, {7} and {8} the message set, {9} the target mailbox quoted.
const TAGGED_COMMANDS: &[(&str, Template)] = &[
    (
        "CAPABILITY",
        Template {
            rfc: "RFC 3501 §6.1.1",
            en: "Asks what this server can do: its IMAP version and extensions such as IDLE or MOVE.",
            zh: "询问服务器的能力：IMAP 版本以及 IDLE、MOVE 等扩展。",
        },
    ),
    (
        "NOOP",
        Template {
            rfc: "RFC 3501 §6.1.2",
            en: "Does nothing, but gives the server a chance to report changes: new mail, or flags changed on \
                 another device.",
            zh: "什么也不做，但给服务器一个报告变化的机会：新邮件，或其他设备改动过的标记。",
        },
    ),
    (
        "LOGOUT",
        Template {
            rfc: "RFC 3501 §6.1.3",
            en: "Ends the session: the server says BYE and closes the connection. Unlike POP3's QUIT, nothing is \
                 deleted now; the mail stays on the server.",
            zh: "结束会话：服务器说 BYE 并关闭连接。与 POP3 的 QUIT 不同，此时不会删除任何东西，邮件仍留在服务器上。",
        },
    ),
    (
        "LOGIN",
        Template {
            rfc: "RFC 3501 §6.2.3",
            en: "Logs in as user {0} (the password is hidden here). It travels as plain text, so many servers \
                 refuse LOGIN until the connection is encrypted.",
            zh: "以用户{0}的身份登录（此处隐藏密码）。密码以明文传输，所以很多服务器在连接加密之前拒绝 LOGIN。",
        },
    ),
    (
        "CREATE",
        Template {
            rfc: "RFC 3501 §6.3.3",
            en: "Creates a new mailbox (folder) named {1} on the server.",
            zh: "在服务器上新建一个名为{1}的邮箱（文件夹）。",
        },
    ),
    (
        "DELETE",
        Template {
            rfc: "RFC 3501 §6.3.4",
            en: "Deletes the mailbox {1} and every message in it, for every device.",
            zh: "删除邮箱{1}及其中的全部邮件，所有设备上都会消失。",
        },
    ),
    (
        "RENAME",
        Template {
            rfc: "RFC 3501 §6.3.5",
            en: "Renames the mailbox {1} to {2}.",
            zh: "把邮箱{1}改名为{2}。",
        },
    ),
    (
        "LIST",
        Template {
            rfc: "RFC 3501 §6.3.8",
            en: "Asks for the mailboxes whose names match {2} (“*” matches anything, “%” one level).",
            zh: "询问名字符合{2}的邮箱（“*”匹配任意内容，“%”只匹配一层）。",
        },
    ),
    (
        "STATUS",
        Template {
            rfc: "RFC 3501 §6.3.10",
            en: "Asks about {1} without opening it: {3}.",
            zh: "不打开邮箱，直接询问{1}的情况：{3}。",
        },
    ),
    (
        "UNSELECT",
        Template {
            rfc: "RFC 3691 §2",
            en: "Closes the mailbox without removing anything: unlike CLOSE, messages marked \\Deleted stay.",
            zh: "关闭邮箱但不删除任何邮件：与 CLOSE 不同，标记为 \\Deleted 的邮件会保留。",
        },
    ),
    (
        "UID EXPUNGE",
        Template {
            rfc: "RFC 4315 §2.1",
            en: "Permanently removes {7}, if marked \\Deleted; other deleted messages stay.",
            zh: "永久删除{8}（仅限标记为 \\Deleted 的）；其他标记删除的邮件保留。",
        },
    ),
    (
        "EXPUNGE",
        Template {
            rfc: "RFC 3501 §6.4.3",
            en: "Permanently removes every message marked \\Deleted in this mailbox. The server reports each one \
                 with “* n EXPUNGE” (or, once QRESYNC is on, with “* VANISHED”).",
            zh: "永久删除本邮箱中所有标记为 \\Deleted 的邮件。服务器会为每一封发送“* n EXPUNGE”（启用 QRESYNC 后改用\
                 “* VANISHED”）。",
        },
    ),
    (
        "SEARCH",
        Template {
            rfc: "RFC 3501 §6.4.4",
            en: "Asks which messages match {4}. The server searches, so nothing is downloaded; it answers with \
                 their {5}.",
            zh: "查找符合{4}的邮件。搜索在服务器上进行，无需下载；服务器回复它们的{6}。",
        },
    ),
    (
        "COPY",
        Template {
            rfc: "RFC 3501 §6.4.7",
            en: "Copies {7} into the mailbox {9}; the originals stay here.",
            zh: "把{8}复制到邮箱{9}；原邮件留在这里。",
        },
    ),
    (
        "MOVE",
        Template {
            rfc: "RFC 6851 §3",
            en: "Moves {7} to the mailbox {9} in one step: copied there, then removed here (the server reports \
                 “* n EXPUNGE”, or “* VANISHED” once QRESYNC is on).",
            zh: "一步把{8}移到邮箱{9}：先复制过去，再从这里删除（服务器会报告“* n EXPUNGE”，启用 QRESYNC 后改为“* VANISHED”）。",
        },
    ),
    (
        "CHECK",
        Template {
            rfc: "RFC 3501 §6.4.1",
            en: "Asks for a checkpoint: any housekeeping the server does for the open mailbox. A server with none \
                 to do treats it as NOOP. To look for new mail, clients should use NOOP, not CHECK.",
            zh: "请求一次“检查点”：服务器为打开的邮箱做的内部整理工作。没有这类工作的服务器就把它当作 NOOP。\
                 要查看有没有新邮件，客户端应当用 NOOP，而不是 CHECK。",
        },
    ),
    (
        "SUBSCRIBE",
        Template {
            rfc: "RFC 3501 §6.3.6",
            en: "Adds {1} to the server's list of subscribed mailboxes, the ones LSUB returns; many clients show \
                 only those.",
            zh: "把{1}加入服务器上的订阅邮箱列表（LSUB 返回的那些）；很多客户端只显示已订阅的邮箱。",
        },
    ),
    (
        "UNSUBSCRIBE",
        Template {
            rfc: "RFC 3501 §6.3.7",
            en: "Removes {1} from the list of subscribed mailboxes. The mailbox itself and its mail stay.",
            zh: "把{1}从订阅邮箱列表中去掉。邮箱本身和其中的邮件都不受影响。",
        },
    ),
    (
        "NAMESPACE",
        Template {
            rfc: "RFC 2342 §5",
            en: "Asks where mailboxes live: the prefix and hierarchy delimiter of the user's own mailboxes, of \
                 other users' and of shared ones.",
            zh: "询问邮箱的位置：用户自己的邮箱、其他用户的邮箱以及共享邮箱各自的前缀和层级分隔符。",
        },
    ),
    (
        "ID",
        Template {
            rfc: "RFC 2971 §3.1",
            en: "Tells the server the client's name and version (or NIL) and asks for the server's. It is meant \
                 for statistics and bug reports, not to change how either side behaves.",
            zh: "把客户端的名称和版本（或 NIL）告诉服务器，并询问服务器的。它用于统计和报告问题，而不是改变任何一方的行为。",
        },
    ),
    (
        "IDLE",
        Template {
            rfc: "RFC 2177 §3",
            en: "Tells the server the client is ready for updates (new mail, deletions, flag changes) at any \
                 time, so the server can send them as they happen instead of the client asking again and again. \
                 The client ends it with DONE.",
            zh: "告诉服务器客户端随时准备接收更新（新邮件、删除、标记变化），这样服务器可以在变化发生时就发过来，\
                 而不必让客户端一遍遍地询问。客户端用 DONE 结束。",
        },
    ),
];

/// The template of a command explained by a template alone, with its reference for UID or LSUB.
fn command_template(verb: &str, by_uid: bool) -> Option<Template> {
    let name = match verb {
        "EXPUNGE" if by_uid => "UID EXPUNGE",
        "LSUB" => "LIST",
        _ => verb,
    };
    let &(_, mut template) = TAGGED_COMMANDS.iter().find(|(known, _)| *known == name)?;
    template.rfc = match verb {
        "LSUB" => "RFC 3501 §6.3.9",
        // With UID in front, SEARCH and COPY are defined by RFC 3501 §6.4.8.
        "SEARCH" | "COPY" if by_uid => "RFC 3501 §6.4.8",
        _ => template.rfc,
    };
    Some(template)
}

fn tagged_command(
    verb: &str,
    arguments: &str,
    by_uid: bool,
    context: &LineContext,
) -> Option<Explanation> {
    let first = arguments.split_whitespace().next().unwrap_or("");
    let (box_name, after_box) = mailbox_name(arguments);
    let mailbox = quoted(box_name);
    Some(match verb {
        "CLOSE" => close(context),
        "AUTHENTICATE" => {
            let initial_response = arguments.split_whitespace().nth(1).is_some();
            // The initial response on the command line is SASL-IR (RFC 4959 §3).
            let rfc = if initial_response {
                "RFC 4959 §3"
            } else {
                "RFC 3501 §6.2.2"
            };
            sasl_command(rfc, first, initial_response, "“+”")
        }
        "SELECT" | "EXAMINE" => select(verb, &mailbox, arguments),
        "APPEND" => {
            let non_synchronizing = arguments.trim_end().ends_with("+}");
            let [size_en, size_zh] = match literal_size(arguments) {
                // A "+" inside the braces is LITERAL+: the data follows at once (RFC 7888 §3).
                Some(size) if non_synchronizing => phrase(
                    " {{0}+} announces {0} octets of message data, sent at once without waiting for the \
                     server's “+” (LITERAL+).",
                    "{{0}+} 预告接下来有 {0} 字节的邮件数据，不等服务器回复“+”就直接发送（LITERAL+）。",
                    &[&size.to_string()],
                ),
                Some(size) => phrase(
                    " {{0}} announces {0} octets of message data; the client sends them after the server's “+”.",
                    "{{0}} 预告接下来有 {0} 字节的邮件数据；客户端等服务器回复“+”后再发送。",
                    &[&size.to_string()],
                ),
                None => Default::default(),
            };
            fill!(
                &Template {
                    rfc: "RFC 3501 §6.3.11",
                    en: "Uploads a message into {0}, for example a copy of mail just sent.{1}",
                    zh: "把一封邮件上传到{0}，例如刚发出邮件的副本。{2}",
                },
                mailbox,
                size_en,
                size_zh,
            )
        }
        "FETCH" => message_commands::fetch(
            arguments,
            by_uid,
            context.facts.selected == Some(MailboxAccess::ReadOnly),
        ),
        "STORE" => message_commands::store(arguments, by_uid),
        "ENABLE" => {
            let [extra_en, extra_zh] = if arguments.to_ascii_uppercase().contains("QRESYNC") {
                [
                    " With QRESYNC the server reports removed messages by UID (* VANISHED) and a returning \
                     client can catch up quickly on its next SELECT.",
                    "启用 QRESYNC 后，服务器按 UID 报告已删除的邮件（* VANISHED），客户端下次 SELECT 时能快速同步。",
                ]
            } else {
                ["", ""]
            };
            fill!(
                &Template {
                    rfc: "RFC 5161 §3.1",
                    en: "Switches on the extension {0}.{1}",
                    zh: "开启扩展{0}。{2}",
                },
                quoted(arguments),
                extra_en,
                extra_zh,
            )
        }
        _ => {
            let template = command_template(verb, by_uid)?;
            let items = parenthesised(after_box).map_or(after_box, |(inner, _)| inner);
            let [set_en, set_zh] = set_described(first, by_uid);
            let (target, _) = mailbox_name(arguments.get(first.len()..).unwrap_or(""));
            let [answer_en, answer_zh] = if by_uid {
                ["UIDs", "UID"]
            } else {
                ["message numbers", "邮件序号"]
            };
            fill!(
                &template,
                quoted(first),
                mailbox,
                quoted(mailbox_name(after_box).0),
                quoted(items),
                quoted(arguments),
                answer_en,
                answer_zh,
                set_en,
                spaced(&set_zh),
                quoted(target),
            )
        }
    })
}

/// CLOSE removes \Deleted messages only from a mailbox opened read-write; the transcript tells which it was.
fn close(context: &LineContext) -> Explanation {
    let facts = context.facts;
    let template = match (facts.tracked, facts.selected) {
        (true, Some(MailboxAccess::ReadWrite)) => &Template {
            rfc: "RFC 3501 §6.4.2",
            en: "Closes the mailbox, which this session opened read-write, and removes every message marked \
                 \\Deleted without sending EXPUNGE responses.",
            zh: "关闭邮箱（本会话以读写方式打开了它），并删除所有标记为 \\Deleted 的邮件，不发送 EXPUNGE 响应。",
        },
        (true, Some(MailboxAccess::ReadOnly)) => &Template {
            rfc: "RFC 3501 §6.4.2",
            en: "Closes the mailbox. This session opened it read-only (EXAMINE), so no message is removed, even \
                 one marked \\Deleted.",
            zh: "关闭邮箱。本会话是以只读方式（EXAMINE）打开的，所以不会删除任何邮件，即使带有 \\Deleted 标记。",
        },
        _ => &Template {
            rfc: "RFC 3501 §6.4.2",
            en: "Closes the mailbox. If it was opened read-write (SELECT), every message marked \\Deleted is \
                 removed without EXPUNGE responses; after EXAMINE nothing is removed.",
            zh: "关闭邮箱。如果它是以读写方式（SELECT）打开的，所有标记为 \\Deleted 的邮件都会被删除，且不发送 EXPUNGE \
                 响应；如果是 EXAMINE 打开的，什么都不会删除。",
        },
    };
    fill!(template)
}

fn select(verb: &str, mailbox: &str, arguments: &str) -> Explanation {
    let resync = arguments.to_ascii_uppercase().contains("QRESYNC");
    let [mode_en, mode_zh] = if verb == "SELECT" {
        ["for reading and changing", "可读可改"]
    } else {
        [
            "read-only: this session changes nothing in it, not even \\Seen",
            "只读：本会话不会改动其中任何东西，连 \\Seen 也不会",
        ]
    };
    let [resync_en, resync_zh] = if resync {
        [
            " The QRESYNC part gives what the client remembers, so the server sends only what changed since.",
            "QRESYNC 部分告诉服务器客户端记得的状态，服务器只发送此后的变化。",
        ]
    } else {
        ["", ""]
    };
    fill!(
        &Template {
            rfc: match (resync, verb) {
                (true, _) => "RFC 7162 §3.2.5",
                (false, "SELECT") => "RFC 3501 §6.3.1",
                _ => "RFC 3501 §6.3.2",
            },
            en: "Opens the mailbox {0}, {1}. The server replies with its message count, flags and \
                 UIDVALIDITY.{3}",
            zh: "打开邮箱{0}（{2}）。服务器会回复邮件数量、标记和 UIDVALIDITY。{4}",
        },
        mailbox,
        mode_en,
        mode_zh,
        resync_en,
        resync_zh,
    )
}
