//! Lessons on POP3's download model.

use super::{
    ask, bob_writes, check_mail, device_messages, inject, laptop_deleting_after_a_week,
    laptop_leaving_mail_on_server, narrate, question, server_inbox, show, warp_days,
};
use crate::sim::lesson::{words, Answer::Count, Lesson, LessonFault, Question};
use crate::sim::world::WorldSetup;

/// POP3 download-and-delete: one device gets everything, the next gets nothing.
pub const DOWNLOAD_AND_DELETE: Lesson = Lesson {
        id: "pop3-download-and-delete",
        title: words("POP3: download and delete", "POP3：下载并删除"),
        summary: words(
            "One device takes all the mail home; the next finds the server empty.",
            "一台设备把邮件全部取走；下一台设备发现服务器上什么都没有了。",
        ),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "Alice has three messages waiting on the server. Her laptop reads mail with POP3 and is set to remove messages from the server once it has them, as POP3 clients did by default for years.",
                "服务器上有三封邮件在等 Alice。她的笔记本电脑用 POP3 收信，并设置为取到邮件后就从服务器上删除——多年来 POP3 客户端默认都是这样做的。",
            )),
            ask(
                words(
                    "The laptop checks mail: it lists the messages, downloads each with RETR, marks each with DELE and says QUIT.",
                    "笔记本电脑收信：先列出邮件，用 RETR 逐封下载，用 DELE 逐封标记删除，最后发送 QUIT。",
                ),
                &[check_mail("laptop")],
                Question {
                    prompt: words(
                        "How many messages will be left on the server afterwards?",
                        "收信之后，服务器上还剩几封邮件？",
                    ),
                    measure: server_inbox(),
                    choices: &[Count(0), Count(1), Count(3)],
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
                &[check_mail("phone")],
                Question {
                    prompt: words(
                        "How many messages will the phone show?",
                        "手机上会显示几封邮件？",
                    ),
                    measure: device_messages("phone"),
                    choices: &[Count(0), Count(3), Count(6)],
                    why: words(
                        "IMAP shows what is on the server: SELECT reports how many messages the mailbox holds (RFC 3501 §6.3.1). The laptop took everything away: with download-and-delete, mail lives on one device only.",
                        "IMAP 显示的是服务器上的内容：SELECT 会报告邮箱里有几封邮件（RFC 3501 §6.3.1）。笔记本电脑已经把邮件全部取走：下载并删除模式下，邮件只存在于一台设备上。",
                    ),
                },
            ),
            narrate(words(
                "That is why POP3 suits one device and IMAP suits many. Open the laptop's settings and choose \"leave messages on the server\" to see the other way.",
                "所以 POP3 适合只用一台设备，IMAP 适合多台设备。打开笔记本电脑的设置，选择“在服务器上保留邮件”，看看另一种做法。",
            )),
        ],
};

/// POP3 leaving mail on the server: UIDL keeps the laptop from downloading twice, until it forgets.
pub const LEAVE_ON_SERVER: Lesson = Lesson {
        id: "pop3-leave-on-server",
        title: words("POP3: leave on server, and UIDL", "POP3：在服务器上保留邮件与 UIDL"),
        summary: words(
            "The laptop keeps a copy and leaves the mail on the server; UIDL stops it downloading the same mail twice.",
            "笔记本电脑留一份副本，邮件仍留在服务器上；UIDL 让它不会重复下载同一封邮件。",
        ),
        setup: laptop_leaving_mail_on_server,
        steps: &[
            narrate(words(
                "This time the laptop is set to leave messages on the server. It still reads mail with POP3, but it never sends DELE.",
                "这次笔记本电脑设置为“在服务器上保留邮件”。它仍然用 POP3 收信，但不会发送 DELE。",
            )),
            ask(
                words(
                    "The laptop checks mail: it asks for the list of unique ids with UIDL, then downloads each message with RETR.",
                    "笔记本电脑收信：先用 UIDL 取得每封邮件的唯一编号，再用 RETR 逐封下载。",
                ),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will be left on the server afterwards?",
                        "收信之后，服务器上还剩几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(3), Count(6)],
                    words(
                        "RETR only copies a message; nothing is removed unless the client says DELE and then QUIT (RFC 1939 §5, §6). Leaving mail on the server means the client just never says DELE.",
                        "RETR 只是复制一份；只有客户端发出 DELE 再发出 QUIT，邮件才会被删除（RFC 1939 §5、§6）。“保留在服务器上”就是客户端从不发送 DELE。",
                    ),
                ),
            ),
            ask(
                words(
                    "Bob sends Alice a new message. Then the laptop checks mail again. The three old messages are still on the server.",
                    "Bob 给 Alice 发来一封新邮件。然后笔记本电脑再次收信。那三封旧邮件仍在服务器上。",
                ),
                &[bob_writes("Lunch on Friday?"), check_mail("laptop")],
                question(
                    words(
                        "How many messages will the laptop hold afterwards?",
                        "这次收信之后，笔记本电脑上共有几封邮件？",
                    ),
                    device_messages("laptop"),
                    &[Count(1), Count(4), Count(7)],
                    words(
                        "UIDL gives every message an id that persists across sessions, and the server should not reuse an id in the same maildrop for as long as the message that has it exists (RFC 1939 §7). The laptop remembers the ids it has, so it downloads only the one new message.",
                        "UIDL 给每封邮件一个跨会话保持不变的编号，而且只要拥有这个编号的邮件还在，服务器就不应在同一个邮箱里重复使用它（RFC 1939 §7）。笔记本电脑记住已经下载过的编号，所以只下载那一封新邮件。",
                    ),
                ),
            ),
            show(
                words(
                    "Now something goes wrong: the laptop loses the file where it keeps those ids (Thunderbird calls it popstate.dat). The mail it downloaded is still on the laptop.",
                    "现在出了点问题：笔记本电脑丢失了记录这些编号的文件（Thunderbird 里叫 popstate.dat）。已经下载的邮件还在笔记本电脑上。",
                ),
                &[inject(LessonFault::UidlStateLost { device: "laptop" })],
            ),
            ask(
                words(
                    "The laptop checks mail once more. The server still holds all four messages.",
                    "笔记本电脑再次收信。服务器上仍然有这四封邮件。",
                ),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will the laptop hold now?",
                        "现在笔记本电脑上共有几封邮件？",
                    ),
                    device_messages("laptop"),
                    &[Count(4), Count(5), Count(8)],
                    words(
                        "A POP3 server keeps no record of what a client has downloaded; the client keeps the list of the UIDLs it has (the ids of RFC 1939 §7). Without that list every message looks new, so all four are downloaded again: duplicates.",
                        "POP3 服务器不记录客户端下载过什么；是客户端自己保存已有邮件的 UIDL 列表（即 RFC 1939 §7 中的编号）。列表丢了，每封邮件看起来都是新的，于是四封全部重新下载：出现重复邮件。",
                    ),
                ),
            ),
            narrate(words(
                "So leaving mail on the server lets other devices see it too, but each POP3 device must remember its own list of what it has seen.",
                "所以，把邮件保留在服务器上，其他设备也能看到它；但每台 POP3 设备都必须自己记住已经收过哪些邮件。",
            )),
        ],
};

/// POP3 "delete from server after N days": the client deletes, and only when it next connects.
pub const DELETE_AFTER_DAYS: Lesson = Lesson {
        id: "pop3-delete-after-days",
        title: words(
            "POP3: delete from server after 7 days",
            "POP3：7 天后从服务器上删除",
        ),
        summary: words(
            "The laptop leaves mail on the server for a week, then removes it. Who does the removing, and when?",
            "笔记本电脑把邮件在服务器上保留一周，然后删除。是谁删除的？什么时候删除？",
        ),
        setup: laptop_deleting_after_a_week,
        steps: &[
            narrate(words(
                "The laptop reads mail with POP3. It leaves messages on the server, but deletes them from the server seven days after it first downloaded them.",
                "笔记本电脑用 POP3 收信。它把邮件保留在服务器上，但在第一次下载七天之后，就从服务器上删除。",
            )),
            show(
                words(
                    "Today the laptop checks mail and downloads the three messages. It notes the day it first saw each one.",
                    "今天笔记本电脑收信，下载了这三封邮件。它记下每封邮件第一次出现的日子。",
                ),
                &[check_mail("laptop")],
            ),
            ask(
                words(
                    "Now we jump seven days ahead. During that week the laptop stays switched off: it does not check mail.",
                    "现在时间快进七天。这一周里笔记本电脑一直关着，没有收信。",
                ),
                &[warp_days(7)],
                question(
                    words(
                        "How many messages will be on the server after those seven days?",
                        "七天过后，服务器上还有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "“Delete after N days” is a setting of the client, not of this server, which announces no EXPIRE policy (RFC 2449 §6.7): it deletes a message only when a client says DELE and then QUIT (RFC 1939 §6). Nobody said it yet.",
                        "“N 天后删除”是客户端的设置，而不是这台服务器的功能，它没有声明 EXPIRE 策略（RFC 2449 §6.7）：它只有在客户端发出 DELE 再发出 QUIT 时才删除邮件（RFC 1939 §6）。到现在还没有人这样做。",
                    ),
                ),
            ),
            ask(
                words(
                    "The laptop is switched on and checks mail. It sees that all three messages are seven days old.",
                    "笔记本电脑开机并收信。它发现这三封邮件都已经七天了。",
                ),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will be on the server now?",
                        "现在服务器上还有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "The client compares the day it first saw each UIDL with today, and sends DELE for the old ones; they go at QUIT (RFC 1939 §6, §7).",
                        "客户端把每个 UIDL 第一次出现的日子和今天比较，对过期的邮件发送 DELE；发出 QUIT 后它们就被删除（RFC 1939 §6、§7）。",
                    ),
                ),
            ),
            ask(
                words(
                    "Look at the laptop itself.",
                    "再看看笔记本电脑本身。",
                ),
                &[],
                question(
                    words(
                        "How many messages does the laptop still hold?",
                        "笔记本电脑上还有几封邮件？",
                    ),
                    device_messages("laptop"),
                    &[Count(0), Count(3)],
                    words(
                        "A message downloaded with RETR is the device's own copy. DELE removes the server's copy only (RFC 1939 §5); the laptop keeps its mail.",
                        "用 RETR 下载的邮件是设备自己的副本。DELE 只删除服务器上的那一份（RFC 1939 §5），笔记本电脑上的邮件还在。",
                    ),
                ),
            ),
            narrate(words(
                "A week on the server gives Alice's other devices time to see her mail; after that, the laptop alone has it.",
                "邮件在服务器上保留一周，Alice 的其他设备就有时间看到它；一周之后，只有笔记本电脑上还有。",
            )),
        ],
};
