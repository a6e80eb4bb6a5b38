//! Lessons on POP3's download model.

use super::{ask, check_mail, counts, device_messages, narrate, server_inbox};
use crate::sim::lesson::{words, Lesson, Question};
use crate::sim::world::WorldSetup;

/// POP3 download-and-delete: one device gets everything, the next gets nothing.
pub fn download_and_delete() -> Lesson {
    Lesson {
        id: "pop3-download-and-delete",
        title: words("POP3: download and delete", "POP3：下载并删除"),
        summary: words(
            "One device takes all the mail home; the next finds the server empty.",
            "一台设备把邮件全部取走；下一台设备发现服务器上什么都没有了。",
        ),
        setup: WorldSetup::default(),
        steps: vec![
            narrate(words(
                "Alice has three messages waiting on the server. Her laptop reads mail with POP3 and is set to remove messages from the server once it has them, as POP3 clients did by default for years.",
                "服务器上有三封邮件在等 Alice。她的笔记本电脑用 POP3 收信，并设置为取到邮件后就从服务器上删除——多年来 POP3 客户端默认都是这样做的。",
            )),
            ask(
                words(
                    "The laptop checks mail: it lists the messages, downloads each with RETR, marks each with DELE and says QUIT.",
                    "笔记本电脑收信：先列出邮件，用 RETR 逐封下载，用 DELE 逐封标记删除，最后发送 QUIT。",
                ),
                vec![check_mail("laptop")],
                Question {
                    prompt: words(
                        "How many messages will be left on the server afterwards?",
                        "收信之后，服务器上还剩几封邮件？",
                    ),
                    measure: server_inbox(),
                    choices: counts(&[0, 1, 3]),
                    why: words(
                        "DELE only marks a message; the server removes the marked messages when the client says QUIT and the session enters the UPDATE state (RFC 1939 §6).",
                        "DELE 只是做标记；客户端发出 QUIT、会话进入 UPDATE 状态时，服务器才真正删除被标记的邮件（RFC 1939 §6）。",
                    ),
                },
            ),
            ask(
                words(
                    "Now Alice picks up her phone, which reads the same account with IMAP, and checks mail.",
                    "现在 Alice 拿起手机——它用 IMAP 读取同一个账户——开始收信。",
                ),
                vec![check_mail("phone")],
                Question {
                    prompt: words(
                        "How many messages will the phone show?",
                        "手机上会显示几封邮件？",
                    ),
                    measure: device_messages("phone"),
                    choices: counts(&[0, 3, 6]),
                    why: words(
                        "IMAP shows what is on the server, and the laptop took everything away: with download-and-delete, mail lives on one device only.",
                        "IMAP 显示的是服务器上的内容，而笔记本电脑已经把邮件全部取走：下载并删除模式下，邮件只存在于一台设备上。",
                    ),
                },
            ),
            narrate(words(
                "That is why POP3 suits one device and IMAP suits many. Open the laptop's settings and choose \"leave messages on the server\" to see the other way.",
                "所以 POP3 适合只用一台设备，IMAP 适合多台设备。打开笔记本电脑的设置，选择“在服务器上保留邮件”，看看另一种做法。",
            )),
        ],
    }
}
