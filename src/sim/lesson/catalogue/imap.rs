//! Lessons on IMAP: state kept on the server, the ways to delete, and push against polling.

use super::{
    ask, bob_writes, check_mail, delete, device, device_messages, device_seen, narrate, open,
    question, server_flag, server_folder, server_inbox, show, wait_minutes, YES_NO,
};
use crate::sim::device::{ClientSetup, DeviceKind};
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::lesson::{words, Answer::Count, Lesson};
use crate::sim::mail::Flag;
use crate::sim::world::WorldSetup;

/// An IMAP client with IDLE push and the given delete model.
fn imap_push(delete_model: DeleteModel) -> ClientSetup {
    ClientSetup::Imap {
        sync_mode: SyncMode::PushWithIdle,
        delete_model,
        use_qresync: true,
    }
}

/// The default world with the laptop on IMAP too, pushed by IDLE.
fn all_on_imap() -> WorldSetup {
    let mut setup = WorldSetup::default();
    setup.devices[0] = device(DeviceKind::Laptop, imap_push(DeleteModel::MoveToTrash));
    setup
}

/// IMAP keeps \Seen on the server: read on one device, read on all.
pub const SEEN_SYNC: Lesson = Lesson {
        id: "imap-seen-sync",
        title: words(
            "IMAP: read on the laptop, read on the phone",
            "IMAP：在电脑上读过，手机上也显示已读",
        ),
        summary: words(
            "With IMAP, \"read\" is a flag kept on the server, so every device can learn of it.",
            "在 IMAP 中，“已读”是保存在服务器上的标记，所以每台设备都能知道。",
        ),
        setup: all_on_imap,
        steps: &[
            narrate(words(
                "Now all of Alice's devices use IMAP. The laptop and the phone stay connected and wait in IDLE; the tablet connects every ten minutes.",
                "现在 Alice 的设备全部使用 IMAP。笔记本电脑和手机保持连接，在 IDLE 状态中等待；平板电脑每十分钟连接一次。",
            )),
            show(
                words(
                    "All three devices check mail. Each now shows the three messages as unread.",
                    "三台设备都收一次信。现在每台设备上都显示三封未读邮件。",
                ),
                &[check_mail("laptop"), check_mail("phone"), check_mail("tablet")],
            ),
            ask(
                words(
                    "Alice opens the first message on her laptop. The laptop tells the server: set the \\Seen flag on it.",
                    "Alice 在笔记本电脑上打开第一封邮件。笔记本电脑告诉服务器：给这封邮件加上 \\Seen 标记。",
                ),
                &[open("laptop", 1)],
                question(
                    words(
                        "Will the phone show the first message as read, without Alice touching it?",
                        "Alice 没有碰手机，手机上第一封邮件会显示为已读吗？",
                    ),
                    device_seen("phone", 1),
                    YES_NO,
                    words(
                        "Flags such as \\Seen live on the server with the message (RFC 3501 §2.3.2). The phone is in IDLE, so the server tells it at once with an untagged FETCH (RFC 2177, RFC 3501 §7.4.2).",
                        "\\Seen 这类标记和邮件一起保存在服务器上（RFC 3501 §2.3.2）。手机处于 IDLE 状态，服务器立即用一条未标记的 FETCH 响应通知它（RFC 2177，RFC 3501 §7.4.2）。",
                    ),
                ),
            ),
            ask(
                words(
                    "Look at the tablet. It is not connected right now; it will look again at its next ten-minute check.",
                    "看看平板电脑。它现在没有连接，要等下一次十分钟检查时才会再看。",
                ),
                &[],
                question(
                    words(
                        "Does the tablet show the first message as read yet?",
                        "平板电脑上第一封邮件现在显示为已读了吗？",
                    ),
                    device_seen("tablet", 1),
                    YES_NO,
                    words(
                        "A server can only tell a client that is connected (RFC 3501 §7). Until the tablet connects again, its cache shows what it saw last time.",
                        "服务器只能通知正在连接的客户端（RFC 3501 §7）。在平板电脑再次连接之前，它的缓存显示的还是上次看到的内容。",
                    ),
                ),
            ),
            ask(
                words(
                    "Ten minutes pass. The tablet connects, checks the flags of the messages it knows, and logs out.",
                    "十分钟过去了。平板电脑连接服务器，检查已知邮件的标记，然后退出登录。",
                ),
                &[wait_minutes(10)],
                question(
                    words(
                        "Does the tablet show the first message as read now?",
                        "现在平板电脑上第一封邮件显示为已读了吗？",
                    ),
                    device_seen("tablet", 1),
                    YES_NO,
                    words(
                        "On each sync the client fetches the flags of the messages it has (FETCH FLAGS, RFC 3501 §6.4.5), or only the changes since last time with CONDSTORE/QRESYNC (RFC 7162). So every device ends up agreeing.",
                        "每次同步时，客户端都会取回已有邮件的标记（FETCH FLAGS，RFC 3501 §6.4.5），或者用 CONDSTORE/QRESYNC 只取上次以来的变化（RFC 7162）。所以所有设备最终一致。",
                    ),
                ),
            ),
            narrate(words(
                "POP3 has no flags at all (RFC 1939): each POP3 device keeps its own idea of what is read. IMAP keeps it on the server, shared by all.",
                "POP3 根本没有标记（RFC 1939）：每台 POP3 设备各自记录哪些邮件已读。IMAP 把它保存在服务器上，所有设备共享。",
            )),
        ],
};

/// Three IMAP devices, one per delete model.
fn three_delete_models() -> WorldSetup {
    WorldSetup {
        devices: vec![
            device(DeviceKind::Phone, imap_push(DeleteModel::MoveToTrash)),
            device(DeviceKind::Tablet, imap_push(DeleteModel::MarkAsDeleted)),
            device(
                DeviceKind::Desktop,
                imap_push(DeleteModel::RemoveImmediately),
            ),
        ],
        ..WorldSetup::default()
    }
}

/// The three ways an IMAP client deletes: move to Trash, mark \Deleted, or mark and expunge at once.
pub const DELETE_MODELS: Lesson = Lesson {
        id: "imap-delete-models",
        title: words(
            "IMAP delete: Trash, \\Deleted and EXPUNGE",
            "IMAP 删除：废纸篓、\\Deleted 与 EXPUNGE",
        ),
        summary: words(
            "Three devices, three settings for \"delete\": each does something different on the server.",
            "三台设备，“删除”的三种设置：每一种在服务器上的效果都不一样。",
        ),
        setup: three_delete_models,
        steps: &[
            narrate(words(
                "Three IMAP devices, each set up differently for what \"delete\" does: the phone moves to Trash, the tablet only marks as deleted, the desktop removes at once.",
                "三台 IMAP 设备，“删除”的设置各不相同：手机移到废纸篓，平板电脑只标记为已删除，台式电脑立即彻底删除。",
            )),
            show(
                words(
                    "All three check mail, and each shows the three messages in INBOX.",
                    "三台设备都收一次信，每台都在收件箱里显示三封邮件。",
                ),
                &[check_mail("phone"), check_mail("tablet"), check_mail("desktop")],
            ),
            ask(
                words(
                    "On the phone, Alice deletes the first message. The phone sends UID MOVE to Trash.",
                    "Alice 在手机上删除第一封邮件。手机发送 UID MOVE，把它移到废纸篓（Trash）。",
                ),
                &[delete("phone", 1)],
                question(
                    words(
                        "How many messages will the Trash folder on the server hold?",
                        "服务器上的废纸篓里会有几封邮件？",
                    ),
                    server_folder("Trash"),
                    &[Count(0), Count(1)],
                    words(
                        "MOVE takes the message out of INBOX and puts it into Trash, still on the server (RFC 6851 §3). \"Deleted\" mail is not gone yet: it can be taken back from Trash.",
                        "MOVE 把邮件从收件箱移到废纸篓，邮件仍在服务器上（RFC 6851 §3）。“删除”的邮件其实还没消失，还能从废纸篓里找回来。",
                    ),
                ),
            ),
            ask(
                words(
                    "On the tablet, Alice deletes the second message. The tablet only sets the \\Deleted flag on it.",
                    "Alice 在平板电脑上删除第二封邮件。平板电脑只给它加上 \\Deleted 标记。",
                ),
                &[delete("tablet", 2)],
                question(
                    words(
                        "How many messages will INBOX on the server hold?",
                        "服务器上的收件箱里会有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(1), Count(2)],
                    words(
                        "\\Deleted is only a mark (RFC 3501 §2.3.2): the message stays in the mailbox until someone sends EXPUNGE, or CLOSE with the mailbox open read-write (§6.4.3, §6.4.2). Many clients show it crossed out.",
                        "\\Deleted 只是一个标记（RFC 3501 §2.3.2）：在有人发送 EXPUNGE，或在以读写方式打开邮箱时发送 CLOSE 之前，邮件仍留在邮箱里（§6.4.3、§6.4.2）。很多客户端会把它显示为划掉的样子。",
                    ),
                ),
            ),
            ask(
                words(
                    "On the desktop, Alice deletes the third message. The desktop sets \\Deleted and at once expunges it with UID EXPUNGE. Remember: the second message is still marked \\Deleted too.",
                    "Alice 在台式电脑上删除第三封邮件。台式电脑加上 \\Deleted 标记，并立即用 UID EXPUNGE 清除它。注意：第二封邮件也还带着 \\Deleted 标记。",
                ),
                &[delete("desktop", 3)],
                question(
                    words(
                        "How many messages will INBOX on the server hold now?",
                        "现在服务器上的收件箱里还有几封邮件？",
                    ),
                    server_inbox(),
                    &[Count(0), Count(1), Count(2)],
                    words(
                        "A plain EXPUNGE removes every message marked \\Deleted (RFC 3501 §6.4.3). UID EXPUNGE removes only the UIDs it names (RFC 4315 §2.1), so the tablet's marked message is still there.",
                        "普通的 EXPUNGE 会清除所有带 \\Deleted 标记的邮件（RFC 3501 §6.4.3）。UID EXPUNGE 只清除它指定的 UID（RFC 4315 §2.1），所以平板电脑标记的那封邮件还在。",
                    ),
                ),
            ),
            ask(
                words(
                    "Check the second message on the server once more.",
                    "再看一下服务器上的第二封邮件。",
                ),
                &[],
                question(
                    words(
                        "Does the server's copy of the second message carry the \\Deleted flag?",
                        "服务器上第二封邮件带有 \\Deleted 标记吗？",
                    ),
                    server_flag(2, Flag::Deleted),
                    YES_NO,
                    words(
                        "It is marked but kept: any device can still unmark it with STORE -FLAGS (\\Deleted) until an EXPUNGE removes it for good (RFC 3501 §6.4.6).",
                        "它被标记了，但还保留着：在 EXPUNGE 把它永久删除之前，任何设备都可以用 STORE -FLAGS (\\Deleted) 取消标记（RFC 3501 §6.4.6）。",
                    ),
                ),
            ),
        ],
};

/// New mail: the IDLE phone hears at once, the polling tablet at its next poll.
pub const IDLE_VS_POLLING: Lesson = Lesson {
        id: "imap-idle-vs-polling",
        title: words(
            "IMAP: push with IDLE, or polling",
            "IMAP：用 IDLE 推送，还是定时轮询",
        ),
        summary: words(
            "A new message arrives. The phone in IDLE has it at once; the tablet finds it only when it next looks.",
            "来了一封新邮件。处于 IDLE 的手机立刻收到；平板电脑要等下一次查看时才发现。",
        ),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "The phone and the tablet both read mail with IMAP. The phone stays connected and waits in IDLE. The tablet connects, syncs, logs out, and comes back every ten minutes.",
                "手机和平板电脑都用 IMAP 收信。手机保持连接，在 IDLE 状态中等待。平板电脑连接、同步、退出，每十分钟再来一次。",
            )),
            show(
                words(
                    "Both check mail now. Each shows the three messages.",
                    "两台设备现在都收一次信，都显示三封邮件。",
                ),
                &[check_mail("phone"), check_mail("tablet")],
            ),
            ask(
                words(
                    "Bob sends Alice a new message. The server takes it by SMTP and puts it into INBOX.",
                    "Bob 给 Alice 发来一封新邮件。服务器通过 SMTP 收下，放进收件箱。",
                ),
                &[bob_writes("Are you coming tonight?")],
                question(
                    words(
                        "How many messages will the phone show, a moment later?",
                        "片刻之后，手机上显示几封邮件？",
                    ),
                    device_messages("phone"),
                    &[Count(3), Count(4)],
                    words(
                        "While a client is in IDLE, the server is free to send it untagged EXISTS at any time (RFC 2177 §3), and this one does as soon as mail arrives; the phone then fetches the new message.",
                        "客户端处于 IDLE 状态时，服务器可以随时发送未标记的 EXISTS 响应（RFC 2177 §3），这台服务器在新邮件一到时就发送；手机随即取回这封新邮件。",
                    ),
                ),
            ),
            ask(
                words(
                    "Now look at the tablet. It logged out after its last check.",
                    "现在看看平板电脑。它上次检查完就退出登录了。",
                ),
                &[],
                question(
                    words(
                        "How many messages does the tablet show right now?",
                        "平板电脑现在显示几封邮件？",
                    ),
                    device_messages("tablet"),
                    &[Count(3), Count(4)],
                    words(
                        "The server can only send updates over an open connection (RFC 3501 §7). A polling client learns of new mail only when it connects again.",
                        "服务器只能通过已打开的连接发送更新（RFC 3501 §7）。轮询的客户端只有在再次连接时才知道有新邮件。",
                    ),
                ),
            ),
            ask(
                words(
                    "Ten minutes pass. The tablet's timer fires: it connects and syncs.",
                    "十分钟过去了。平板电脑的定时器到点：它连接服务器并同步。",
                ),
                &[wait_minutes(10)],
                question(
                    words(
                        "How many messages will the tablet show now?",
                        "现在平板电脑显示几封邮件？",
                    ),
                    device_messages("tablet"),
                    &[Count(3), Count(4)],
                    words(
                        "On connecting, SELECT reports EXISTS and UIDNEXT (RFC 3501 §6.3.1), so the tablet sees a UID it does not know and fetches it. Polling gets there, but up to ten minutes late.",
                        "连接时，SELECT 会返回 EXISTS 和 UIDNEXT（RFC 3501 §6.3.1），平板电脑发现一个不认识的 UID，就把它取回。轮询也能收到，只是最多晚十分钟。",
                    ),
                ),
            ),
            narrate(words(
                "IDLE keeps one connection open for each device, and news comes at once. Polling connects only now and then, and news waits for the next poll.",
                "IDLE 让每台设备都保持一条连接，新消息马上就到。轮询只是隔一段时间连接一次，新消息要等到下一次轮询。",
            )),
        ],
};
