//! Lessons across both protocols: offline work, a dropped connection, mixed devices, server storage.

use super::{
    ask, bob_writes, check_mail, delete, device_messages, inject, laptop_leaving_mail_on_server,
    narrate, question, server_folder, server_inbox, show, toggle_online, wait_minutes, YES_NO,
};
use crate::sim::lesson::{words, Answer::Count, Lesson, LessonFault, Measure};
use crate::sim::world::WorldSetup;

/// Offline: POP3 reads its own copy, IMAP reads its cache and queues what the user does.
pub const OFFLINE: Lesson = Lesson {
        id: "offline",
        title: words("Offline: a copy, a cache and a queue", "离线：副本、缓存与队列"),
        summary: words(
            "On a train with no network: what can each device still show, and what happens to a delete?",
            "在没有网络的火车上：每台设备还能显示什么？离线时的删除又会怎样？",
        ),
        setup: laptop_leaving_mail_on_server,
        steps: &[
            narrate(words(
                "The laptop reads mail with POP3 and leaves it on the server. The phone reads the same mail with IMAP.",
                "笔记本电脑用 POP3 收信，并把邮件保留在服务器上。手机用 IMAP 读取同样的邮件。",
            )),
            show(
                words(
                    "Both check mail. The laptop downloads its copies; the phone keeps a cache of what it saw.",
                    "两台设备都收一次信。笔记本电脑下载了自己的副本；手机把看到的邮件存进缓存。",
                ),
                &[check_mail("laptop"), check_mail("phone")],
            ),
            ask(
                words(
                    "Alice gets on a train. Both devices lose the network.",
                    "Alice 上了火车。两台设备都断开了网络。",
                ),
                &[toggle_online("laptop"), toggle_online("phone")],
                question(
                    words(
                        "How many messages can the laptop still show?",
                        "笔记本电脑还能显示几封邮件？",
                    ),
                    device_messages("laptop"),
                    &[Count(0), Count(3)],
                    words(
                        "POP3 is built for downloading mail to the device (RFC 1939 §1), so it can be read offline. The downloaded messages are the laptop's own copies.",
                        "POP3 本来就是为把邮件下载到设备上而设计的（RFC 1939 §1），所以可以离线阅读。下载的邮件就是笔记本电脑自己的副本。",
                    ),
                ),
            ),
            ask(
                words("And the phone, with no network?", "那么没有网络的手机呢？"),
                &[],
                question(
                    words(
                        "How many messages can the phone still show?",
                        "手机还能显示几封邮件？",
                    ),
                    device_messages("phone"),
                    &[Count(0), Count(3)],
                    words(
                        "An IMAP client may keep a cache of what it fetched and show it while offline: the \"disconnected\" way of using IMAP (RFC 1733), whose resynchronisation RFC 4549 describes. The UIDs keep the cache valid while UIDVALIDITY stays the same (RFC 3501 §2.3.1.1).",
                        "IMAP 客户端可以缓存已取回的邮件，离线时照样显示：这就是 IMAP 的“断开连接”用法（RFC 1733），重新同步的做法见 RFC 4549。只要 UIDVALIDITY 不变，UID 就能保证缓存有效（RFC 3501 §2.3.1.1）。",
                    ),
                ),
            ),
            ask(
                words(
                    "Still on the train, Alice deletes the first message on the phone. The phone cannot reach the server, so it puts the delete in a queue.",
                    "还在火车上，Alice 在手机上删除第一封邮件。手机连不上服务器，于是把这次删除放进队列。",
                ),
                &[delete("phone", 1)],
                question(
                    words(
                        "How many messages will INBOX on the server hold?",
                        "服务器上的收件箱里有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(2), Count(3)],
                    words(
                        "Every IMAP change is a command sent to the server, such as UID MOVE (RFC 6851 §3). With no connection nothing is sent, so the server has not changed.",
                        "IMAP 的每一次修改都是发给服务器的一条命令，比如 UID MOVE（RFC 6851 §3）。没有连接，就什么也发不出去，服务器也就没有变化。",
                    ),
                ),
            ),
            ask(
                words(
                    "The train arrives. The phone has the network again: it connects, syncs, and replays its queue.",
                    "火车到站了。手机重新连上网络：它连接服务器，进行同步，并重放队列里的操作。",
                ),
                &[toggle_online("phone")],
                question(
                    words(
                        "How many messages will INBOX on the server hold now?",
                        "现在服务器上的收件箱里有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(2), Count(3)],
                    words(
                        "The queued delete is sent as UID MOVE to Trash (RFC 6851 §3). UIDs do not change while UIDVALIDITY stays the same (RFC 3501 §2.3.1.1), so a command written offline still finds the right message.",
                        "队列里的删除以 UID MOVE 的形式发往废纸篓（RFC 6851 §3）。只要 UIDVALIDITY 不变，UID 就不会变（RFC 3501 §2.3.1.1），所以离线时记下的命令仍能找到正确的邮件。",
                    ),
                ),
            ),
            narrate(words(
                "Both work offline, differently: POP3 reads copies that are its own; IMAP reads a cache of the server and later tells the server what the user did.",
                "两者都能离线工作，但方式不同：POP3 读的是属于自己的副本；IMAP 读的是服务器内容的缓存，事后再把用户的操作告诉服务器。",
            )),
        ],
};

/// The network fails before QUIT: RFC 1939 §6 says nothing is deleted.
pub const DROPPED_CONNECTION: Lesson = Lesson {
        id: "dropped-connection",
        title: words(
            "A connection drops before QUIT",
            "连接在 QUIT 之前断开",
        ),
        summary: words(
            "The laptop downloads and deletes, but the network fails before it can say QUIT.",
            "笔记本电脑下载并删除邮件，但在发出 QUIT 之前网络断了。",
        ),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "The laptop reads mail with POP3 and deletes it from the server once downloaded. This time its network will fail just before it says QUIT.",
                "笔记本电脑用 POP3 收信，下载后就从服务器上删除。这一次，它的网络会在发出 QUIT 之前断开。",
            )),
            ask(
                words(
                    "The laptop checks mail: UIDL, RETR and DELE for each message, and then the connection drops.",
                    "笔记本电脑收信：UIDL，然后对每封邮件 RETR 和 DELE，接着连接断开。",
                ),
                &[
                    inject(LessonFault::DropBeforeQuit { device: "laptop" }),
                    check_mail("laptop"),
                ],
                question(
                    words(
                        "How many messages will be left on the server?",
                        "服务器上还剩几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "DELE only marks. Messages are removed in the UPDATE state, which only QUIT starts; if the session ends any other way, nothing is deleted (RFC 1939 §6).",
                        "DELE 只是做标记。邮件在 UPDATE 状态中才被删除，而只有 QUIT 才会进入这个状态；会话以其他方式结束时，什么都不会删除（RFC 1939 §6）。",
                    ),
                ),
            ),
            ask(
                words(
                    "The network is back and the laptop checks mail again. It already has all three messages.",
                    "网络恢复了，笔记本电脑再次收信。这三封邮件它都已经有了。",
                ),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will the laptop hold afterwards?",
                        "这次收信之后，笔记本电脑上有几封邮件？",
                    ),
                    device_messages("laptop"),
                    &[Count(3), Count(6)],
                    words(
                        "The laptop remembers the UIDLs it downloaded, and a message's UIDL persists across sessions (RFC 1939 §7). It sees them still on the server, so it does not download them again.",
                        "笔记本电脑记得已经下载过的 UIDL，而邮件的 UIDL 跨会话保持不变（RFC 1939 §7）。它发现这些邮件还在服务器上，所以不再重复下载。",
                    ),
                ),
            ),
            ask(
                words("Now look at the server.", "现在看看服务器。"),
                &[],
                question(
                    words(
                        "How many messages are left on the server now?",
                        "现在服务器上还剩几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "This time the laptop sent DELE for the three known messages and reached QUIT, so the server removed them in UPDATE (RFC 1939 §6).",
                        "这一次笔记本电脑对三封已知邮件发送了 DELE，并顺利发出 QUIT，服务器就在 UPDATE 状态中删除了它们（RFC 1939 §6）。",
                    ),
                ),
            ),
            narrate(words(
                "Two things keep this safe. The protocol's rule (RFC 1939 §6): a session that ends without QUIT deletes nothing, so no mail is lost when the network fails. The client's list of UIDLs: it keeps the laptop from downloading the same mail twice when the network comes back.",
                "有两样东西保证了安全。协议的规则（RFC 1939 §6）：没有以 QUIT 结束的会话什么都不删除，所以网络出故障时邮件不会丢失。客户端的 UIDL 列表：网络恢复后，它让笔记本电脑不会重复下载同样的邮件。",
            )),
        ],
};

/// One POP3 device among IMAP devices takes the mail away from all of them.
pub const MIXED_DEVICES: Lesson = Lesson {
        id: "mixed-devices",
        title: words(
            "Mixed devices: POP3 takes what IMAP wanted",
            "混用设备：POP3 取走了 IMAP 要看的邮件",
        ),
        summary: words(
            "The phone and the tablet read with IMAP, the laptop downloads and deletes with POP3. Who still sees the mail?",
            "手机和平板电脑用 IMAP，笔记本电脑用 POP3 下载并删除。谁还能看到邮件？",
        ),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "The phone (IMAP, IDLE) and the tablet (IMAP, every ten minutes) share the account with the laptop, which reads with POP3 and deletes from the server.",
                "手机（IMAP，IDLE）和平板电脑（IMAP，每十分钟一次）与笔记本电脑共用这个账户，而笔记本电脑用 POP3 收信并从服务器上删除。",
            )),
            show(
                words(
                    "The phone and the tablet check mail. Each shows the three messages.",
                    "手机和平板电脑都收一次信，都显示三封邮件。",
                ),
                &[check_mail("phone"), check_mail("tablet")],
            ),
            ask(
                words(
                    "Now the laptop checks mail: it downloads the three messages, deletes them and says QUIT.",
                    "现在笔记本电脑收信：下载三封邮件，删除它们，并发出 QUIT。",
                ),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will the phone show afterwards?",
                        "之后手机上显示几封邮件？",
                    ),
                    device_messages("phone"),
                    &[Count(0), Count(3)],
                    words(
                        "POP3 and IMAP read the same mailbox. The laptop's deletes remove the messages for everyone (RFC 1939 §6), and the server tells the idling phone at once: with EXPUNGE (RFC 3501 §7.4.1), or, as the phone has QRESYNC on, with VANISHED (RFC 7162 §3.2.10).",
                        "POP3 和 IMAP 读的是同一个邮箱。笔记本电脑的删除对所有人都生效（RFC 1939 §6），服务器立即通知处于 IDLE 的手机：用 EXPUNGE（RFC 3501 §7.4.1），或者像这台开启了 QRESYNC 的手机一样，用 VANISHED（RFC 7162 §3.2.10）。",
                    ),
                ),
            ),
            ask(
                words(
                    "Look at the tablet, which is not connected right now.",
                    "看看平板电脑，它现在没有连接。",
                ),
                &[],
                question(
                    words(
                        "How many messages does the tablet show right now?",
                        "平板电脑现在显示几封邮件？",
                    ),
                    device_messages("tablet"),
                    &[Count(0), Count(3)],
                    words(
                        "The tablet only learns of changes when it connects (RFC 3501 §7). Until then its cache shows mail that is no longer on the server.",
                        "平板电脑只有连接时才知道发生了什么变化（RFC 3501 §7）。在那之前，它的缓存里显示的是服务器上已经没有的邮件。",
                    ),
                ),
            ),
            ask(
                words(
                    "Ten minutes pass, and the tablet syncs.",
                    "十分钟过去了，平板电脑开始同步。",
                ),
                &[wait_minutes(10)],
                question(
                    words(
                        "How many messages will the tablet show now?",
                        "现在平板电脑上显示几封邮件？",
                    ),
                    device_messages("tablet"),
                    &[Count(0), Count(3)],
                    words(
                        "On sync the client drops from its cache every UID the server no longer has (RFC 4549 describes such a resynchronisation; with QRESYNC the server lists them as VANISHED, RFC 7162 §3.2.10).",
                        "同步时，客户端会把服务器上已经不存在的 UID 从缓存中删掉（RFC 4549 描述了这种重新同步；使用 QRESYNC 时服务器用 VANISHED 列出它们，RFC 7162 §3.2.10）。",
                    ),
                ),
            ),
            narrate(words(
                "One POP3 device set to delete empties the mailbox for everyone. If Alice mixes devices, POP3 should leave mail on the server.",
                "只要有一台 POP3 设备设置为删除，邮箱就会被清空，所有人都看不到。如果 Alice 混用设备，POP3 应该把邮件保留在服务器上。",
            )),
        ],
};

/// A full mailbox: POP3 frees the server's storage, IMAP (even its Trash) keeps it.
pub const SERVER_STORAGE: Lesson = Lesson {
        id: "server-storage",
        title: words(
            "Server storage: POP3 frees it, IMAP keeps it",
            "服务器空间：POP3 释放空间，IMAP 占用空间",
        ),
        summary: words(
            "Alice's mailbox is full. New mail bounces. What frees space: deleting on the phone, or the laptop's POP3?",
            "Alice 的邮箱满了，新邮件被退回。哪种做法能腾出空间：在手机上删除，还是让笔记本电脑用 POP3 收信？",
        ),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "A mail server gives each account a quota: so many bytes, in all its folders together.",
                "邮件服务器给每个账户一个配额：所有文件夹加起来最多能存多少字节。",
            )),
            ask(
                words(
                    "Alice's mailbox is now full. Bob sends her a message.",
                    "Alice 的邮箱现在满了。Bob 给她发来一封邮件。",
                ),
                &[inject(LessonFault::MailboxOverQuota), bob_writes("Photos")],
                question(
                    words(
                        "Will the server refuse Bob's message?",
                        "服务器会拒收 Bob 的邮件吗？",
                    ),
                    Measure::LastDeliveryRefused,
                    YES_NO,
                    words(
                        "A server with no room answers 552 and does not take the message (RFC 5321 §4.2.2); Bob's server then tells Bob it bounced.",
                        "服务器没有空间时回复 552，不接收这封邮件（RFC 5321 §4.2.2）；Bob 的服务器随后告诉 Bob 邮件被退回了。",
                    ),
                ),
            ),
            show(
                words(
                    "To make room, Alice opens her mail on the phone (IMAP) and deletes the first message. The phone moves it to Trash.",
                    "为了腾出空间，Alice 在手机（IMAP）上打开邮件，删除第一封。手机把它移到废纸篓。",
                ),
                &[check_mail("phone"), delete("phone", 1)],
            ),
            ask(
                words("Bob tries again.", "Bob 再发一次。"),
                &[bob_writes("Photos")],
                question(
                    words(
                        "Will the server refuse Bob's message this time?",
                        "这一次服务器会拒收 Bob 的邮件吗？",
                    ),
                    Measure::LastDeliveryRefused,
                    YES_NO,
                    words(
                        "Trash is a folder on the server like any other (MOVE only moves the message, RFC 6851 §3), and here every folder counts against the quota. Only removing the message for good frees the space; in IMAP that is setting \\Deleted and then EXPUNGE (RFC 3501 §6.4.3).",
                        "废纸篓和其他文件夹一样在服务器上（MOVE 只是移动邮件，RFC 6851 §3），而这里每个文件夹都计入配额。只有把邮件彻底删除才能释放空间；在 IMAP 中，就是先加上 \\Deleted 再执行 EXPUNGE（RFC 3501 §6.4.3）。",
                    ),
                ),
            ),
            ask(
                words(
                    "Now the laptop checks mail with POP3: it downloads what is in INBOX and deletes it from the server.",
                    "现在笔记本电脑用 POP3 收信：下载收件箱里的邮件，并从服务器上删除。",
                ),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will INBOX on the server hold afterwards?",
                        "之后服务器上的收件箱里有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(2), Count(3)],
                    words(
                        "POP3 knows no folders: it reads one maildrop (RFC 1939 §1), which on this server is the INBOX. The laptop downloaded both messages and, at QUIT, the server removed them (RFC 1939 §6). Trash was never seen by POP3.",
                        "POP3 没有文件夹的概念：它只读取一个邮件投递箱（RFC 1939 §1），在这台服务器上就是收件箱。笔记本电脑下载了两封邮件，发出 QUIT 后服务器删除了它们（RFC 1939 §6）。POP3 根本看不到废纸篓。",
                    ),
                ),
            ),
            ask(
                words("Bob tries once more.", "Bob 又发了一次。"),
                &[bob_writes("Photos")],
                question(
                    words(
                        "Will the server refuse Bob's message now?",
                        "现在服务器会拒收 Bob 的邮件吗？",
                    ),
                    Measure::LastDeliveryRefused,
                    YES_NO,
                    words(
                        "The laptop's POP3 session freed the space of the messages it took home, so the server has room again and answers 250 (RFC 5321 §4.2.2).",
                        "笔记本电脑的 POP3 会话把取走的邮件所占的空间腾了出来，服务器又有空间了，回复 250（RFC 5321 §4.2.2）。",
                    ),
                ),
            ),
            ask(
                words(
                    "And the Trash the phone filled? Look at the server.",
                    "那么手机放进废纸篓的邮件呢？看看服务器。",
                ),
                &[],
                question(
                    words(
                        "How many messages does the server's Trash hold?",
                        "服务器上的废纸篓里有几封邮件？",
                    ),
                    server_folder("Trash"),
                    &[Count(0), Count(1)],
                    words(
                        "IMAP keeps mail on the server, in every folder, until a client expunges it (RFC 3501 §6.4.3). That is why IMAP users must empty the Trash now and then.",
                        "IMAP 把邮件保存在服务器上的各个文件夹里，直到客户端执行 EXPUNGE（RFC 3501 §6.4.3）。所以 IMAP 用户需要时常清空废纸篓。",
                    ),
                ),
            ),
        ],
};
