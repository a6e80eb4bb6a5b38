//! Hard challenges: push against polling, deletions that must travel, a POP3 client that forgot, and a
//! delete that never happened on the server.

use super::easy::default_world;
use super::{
    check_mail, configure, delete, imap, inbox_after, picked, pop3_keeping, server_inbox_holds,
    toggle_online, BuiltIn, Level, Parts,
};
use crate::sim::challenge::{Challenge, Condition, MessageRef, Move, Variant};
use crate::sim::device::ClientSetup;
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::lesson::words;
use crate::sim::world::{Action, Fault};

fn hidden(device: &str, message: &MessageRef) -> Condition {
    Condition::DeviceShows {
        device: device.to_string(),
        message: message.clone(),
        shown: false,
    }
}

pub const INSTANT_ON_TABLET: BuiltIn = BuiltIn {
    id: "instant-on-tablet",
    level: Level::Hard,
    title: words(
        "New mail on the tablet within a minute",
        "一分钟内让新邮件出现在平板电脑上",
    ),
    teaches: words(
        "In IDLE the server pushes new mail at once; a polling client waits for its next poll.",
        "在 IDLE 中服务器立即推送新邮件；轮询的客户端要等到下一次轮询。",
    ),
    build: instant_on_tablet,
};

fn instant_on_tablet(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let mut setup_moves = v.mail_moves();
    setup_moves.push(check_mail(&v.tablet));
    let goal = vec![
        Condition::NewMailShownWithin {
            device: v.tablet.clone(),
            seconds: 60,
        },
        Condition::NeverCheckedMail {
            device: v.tablet.clone(),
        },
    ];
    let solution = vec![
        configure(
            &v.tablet,
            imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        ),
        toggle_online(&v.tablet),
        toggle_online(&v.tablet),
        v.writes("Quick question"),
    ];
    Parts {
        id: "instant-on-tablet",
        title: INSTANT_ON_TABLET.title,
        task: words(
            "The {tablet} shows new mail up to ten minutes late. Make a new message from {sender} reach the {tablet} within 60 seconds of arriving on the server, without pressing Check mail on the {tablet}. Then have {sender} write (Send a mail).",
            "{tablet} 上的新邮件最多要晚十分钟才出现。让 {sender} 的新邮件在到达服务器后 60 秒内就出现在 {tablet} 上，但不要在 {tablet} 上点击“收取邮件”。然后让 {sender} 写一封信（发送邮件）。",
        ),
        hints: vec![
            words(
                "How does the {phone} learn of new mail so fast?",
                "{phone} 为什么能这么快知道有新邮件？",
            ),
            words(
                "Set the {tablet} to push (IDLE). A device set to push connects as soon as it comes online.",
                "把 {tablet} 设置为推送（IDLE）。设置为推送的设备一联网就会连接服务器。",
            ),
        ],
        why: words(
            "A client in IDLE keeps its connection open, and the server is then free to send EXISTS at any time (RFC 2177 §3, RFC 3501 §7.3.1); this one does as soon as new mail arrives, and the client fetches it at once. A polling client learns of new mail only when it next connects and selects INBOX (RFC 3501 §6.3.1), up to a whole interval later.",
            "处于 IDLE 的客户端保持连接，服务器随时都可以发送 EXISTS（RFC 2177 §3，RFC 3501 §7.3.1）；这台服务器在新邮件一到就发送，客户端立即取回。轮询的客户端只有在下一次连接并选择收件箱时才知道有新邮件（RFC 3501 §6.3.1），最多要晚一整个间隔。",
        ),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const POP3_DELETE_REACHES_SERVER: BuiltIn = BuiltIn {
    id: "pop3-delete-reaches-server",
    level: Level::Hard,
    title: words(
        "A POP3 delete that reaches the server",
        "让 POP3 的删除到达服务器",
    ),
    teaches: words(
        "A POP3 client deletes on the server only with DELE at its next session, and only if told to.",
        "POP3 客户端只有在下一次会话中发送 DELE 才会删除服务器上的邮件，而且要设置为这样做。",
    ),
    build: pop3_delete_reaches_server,
};

fn pop3_delete_reaches_server(v: &Variant) -> Challenge {
    let setup = v.world(
        pop3_keeping(None, false),
        imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        imap(SyncMode::PollEveryMinutes(10), DeleteModel::MoveToTrash),
    );
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([check_mail(&v.pop3), check_mail(&v.phone)]);
    let inbox = inbox_after(&setup, &setup_moves);
    let message = picked(v, &inbox);
    let goal = vec![
        hidden(&v.pop3, &message),
        Condition::ServerHolds {
            message: message.clone(),
            folder: None,
            held: false,
        },
        hidden(&v.phone, &message),
        Condition::NothingPending {
            device: v.pop3.clone(),
        },
        Condition::NothingLost,
    ];
    let solution = vec![
        configure(&v.pop3, pop3_keeping(None, true)),
        Move::Do(Action::DeleteMessage {
            device: v.pop3.clone(),
            folder: "INBOX".to_string(),
            message_id: message.id.clone(),
        }),
        check_mail(&v.pop3),
    ];
    Parts {
        id: "pop3-delete-reaches-server",
        title: POP3_DELETE_REACHES_SERVER.title,
        task: words(
            "Alice deletes mail on her {pop3} (POP3, leaving mail on the server), but it stays on her {phone}. Delete “{subject}” so that it is gone from the {pop3}, from the server (every folder, Trash too) and from the {phone}, with nothing left waiting on the {pop3}.",
            "Alice 在 {pop3}（POP3，邮件保留在服务器上）上删除的邮件，在 {phone} 上依然存在。删除“{subject}”，让它从 {pop3}、服务器（所有文件夹，包括废纸篓）和 {phone} 上都消失，并且 {pop3} 上没有留下等待执行的操作。",
        ),
        hints: vec![
            words(
                "Delete it on the {pop3} and look at the server. Why is it still there?",
                "在 {pop3} 上删除它，再看看服务器。为什么它还在？",
            ),
            words(
                "The {pop3}'s client can delete from the server what is deleted on the {pop3} — if told to.",
                "{pop3} 的客户端可以把在本机删除的邮件也从服务器上删除——前提是这样设置。",
            ),
            words(
                "A POP3 client only talks to the server when it checks mail.",
                "POP3 客户端只有在收信时才和服务器通信。",
            ),
        ],
        why: words(
            "A POP3 client removes a message from the server only with DELE in a session that ends with QUIT (RFC 1939 §6). Set to delete on the server what is deleted on the device, it finds the message by its UIDL at the next session (RFC 1939 §7) and sends DELE; the server then tells the idling {phone} with EXPUNGE (RFC 3501 §7.4.1).",
            "POP3 客户端只有在以 QUIT 结束的会话中发送 DELE，才能把邮件从服务器上删除（RFC 1939 §6）。设置为“本机删除时也从服务器删除”后，它会在下一次会话中凭 UIDL 找到这封邮件（RFC 1939 §7）并发送 DELE；服务器随后用 EXPUNGE 通知处于 IDLE 的 {phone}（RFC 3501 §7.4.1）。",
        ),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const DUPLICATES_AFTER_LOST_STATE: BuiltIn = BuiltIn {
    id: "duplicates-after-lost-state",
    level: Level::Hard,
    title: words(
        "Every message twice",
        "每封邮件都出现了两次",
    ),
    teaches: words(
        "A POP3 client knows what it has only by stored UIDLs; deleting a duplicate may delete the server's copy.",
        "POP3 客户端只能凭保存的 UIDL 知道自己有哪些邮件；删除重复邮件可能会删掉服务器上的那一份。",
    ),
    build: duplicates_after_lost_state,
};

fn duplicates_after_lost_state(v: &Variant) -> Challenge {
    let setup = v.world(
        pop3_keeping(None, true),
        imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        imap(SyncMode::PollEveryMinutes(10), DeleteModel::MoveToTrash),
    );
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([
        check_mail(&v.phone),
        check_mail(&v.pop3),
        Move::Do(Action::InjectFault {
            fault: Fault::UidlStateLost {
                device: v.pop3.clone(),
            },
        }),
        check_mail(&v.pop3),
    ]);
    let inbox = inbox_after(&setup, &setup_moves);
    let n = inbox.len();
    let goal = vec![
        Condition::DeviceHoldsNoDuplicates {
            device: v.pop3.clone(),
        },
        Condition::Pop3LeavesMailOnServer {
            device: v.pop3.clone(),
        },
        Condition::DeviceHolds {
            device: v.pop3.clone(),
            count: n,
        },
        server_inbox_holds(n),
        Condition::DeviceHolds {
            device: v.phone.clone(),
            count: n,
        },
        Condition::NothingPending {
            device: v.pop3.clone(),
        },
    ];
    let mut solution = vec![configure(&v.pop3, pop3_keeping(None, false))];
    solution.extend(inbox.iter().map(|m| delete(&v.pop3, m)));
    Parts {
        id: "duplicates-after-lost-state",
        title: DUPLICATES_AFTER_LOST_STATE.title,
        task: words(
            "The {pop3} lost its record of downloaded messages and now shows each of the {n} messages twice. Remove the duplicates from the {pop3}, which keeps reading with POP3 and leaving mail on the server, while the server and the {phone} keep all {n}, and nothing waits on the {pop3} to be deleted from the server.",
            "{pop3} 丢失了已下载邮件的记录，现在 {n} 封邮件每封都显示两次。删除 {pop3} 上的重复邮件——它仍用 POP3 收信并把邮件保留在服务器上——同时服务器和 {phone} 上仍保留全部 {n} 封，{pop3} 上也没有等待从服务器删除的操作。",
        ),
        hints: vec![
            words(
                "Why did the {pop3} download everything again?",
                "{pop3} 为什么又把所有邮件下载了一遍？",
            ),
            words(
                "Both copies on the {pop3} have the same UIDL. What will the {pop3} do on the server when you delete one?",
                "{pop3} 上的两份副本 UIDL 相同。删除其中一份时，{pop3} 会对服务器做什么？",
            ),
            words(
                "Stop the {pop3} from deleting on the server what is deleted on the {pop3}, then delete the duplicates.",
                "先让 {pop3} 不再把本机删除的邮件从服务器上删除，再删掉重复的邮件。",
            ),
        ],
        why: words(
            "A POP3 client recognises mail it already has only by the UIDLs it stored (RFC 1939 §7); without them every message on the server looks new. Set to delete on the server what is deleted on the device, it would turn the deleted duplicate into a DELE at its next session and the server would remove the message for every device at QUIT (RFC 1939 §6).",
            "POP3 客户端只能凭保存的 UIDL 认出已经下载过的邮件（RFC 1939 §7）；没有了它们，服务器上的每封邮件看起来都是新的。如果设置为“本机删除时也从服务器删除”，它会在下一次会话中把删掉的重复邮件变成一条 DELE，服务器在 QUIT 时就会为所有设备删除这封邮件（RFC 1939 §6）。",
        ),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const DELETED_BUT_STILL_THERE: BuiltIn = BuiltIn {
    id: "deleted-but-still-there",
    level: Level::Hard,
    title: words("Deleted, yet still there", "删除了，却还在"),
    teaches: words(
        "\\Deleted only marks a message; EXPUNGE removes it.",
        "\\Deleted 只是标记；EXPUNGE 才会删除邮件。",
    ),
    build: deleted_but_still_there,
};

fn deleted_but_still_there(v: &Variant) -> Challenge {
    let marking_tablet = imap(SyncMode::PollEveryMinutes(10), DeleteModel::MarkAsDeleted);
    let setup = v.world(
        ClientSetup::pop3_download_and_delete(),
        imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        marking_tablet,
    );
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([check_mail(&v.phone), check_mail(&v.tablet)]);
    let inbox = inbox_after(&setup, &setup_moves);
    let message = picked(v, &inbox);
    setup_moves.push(delete(&v.tablet, &message));
    let goal = vec![
        Condition::ServerHolds {
            message: message.clone(),
            folder: None,
            held: false,
        },
        hidden(&v.phone, &message),
        hidden(&v.tablet, &message),
        server_inbox_holds(inbox.len().saturating_sub(1)),
        Condition::NothingLost,
    ];
    let solution = vec![
        configure(
            &v.tablet,
            imap(
                SyncMode::PollEveryMinutes(10),
                DeleteModel::RemoveImmediately,
            ),
        ),
        delete(&v.tablet, &message),
    ];
    Parts {
        id: "deleted-but-still-there",
        title: DELETED_BUT_STILL_THERE.title,
        task: words(
            "Alice deleted “{subject}” on her {tablet}, yet the {phone} and the {tablet} still show it. Find out why, and make it leave the server for good (from every folder) and both devices.",
            "Alice 在 {tablet} 上删除了“{subject}”，可 {phone} 和 {tablet} 上还显示着它。找出原因，让它从服务器（所有文件夹）和两台设备上彻底消失。",
        ),
        hints: vec![
            words(
                "Look at the message's flags on the server.",
                "看看服务器上这封邮件的标志。",
            ),
            words(
                "The {tablet} only marks deleted messages with \\Deleted. Which command really removes them?",
                "{tablet} 只给删除的邮件加上 \\Deleted 标志。哪条命令才会真正删除它们？",
            ),
            words(
                "Deleting on the {phone} moves the message to Trash, which is still on the server.",
                "在 {phone} 上删除只会把邮件移到废纸篓，而废纸篓仍在服务器上。",
            ),
        ],
        why: words(
            "\\Deleted is only a flag: the message stays in the mailbox, for every client to see, until EXPUNGE removes it (RFC 3501 §2.3.2, §6.4.3). Set to remove at once, the {tablet} sends UID EXPUNGE (RFC 4315 §2.1), and the server tells the idling {phone} with EXPUNGE (RFC 3501 §7.4.1).",
            "\\Deleted 只是一个标志：邮件仍在邮箱里，所有客户端都看得到，直到 EXPUNGE 把它删除（RFC 3501 §2.3.2、§6.4.3）。设置为立即删除后，{tablet} 发送 UID EXPUNGE（RFC 4315 §2.1），服务器再用 EXPUNGE 通知处于 IDLE 的 {phone}（RFC 3501 §7.4.1）。",
        ),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}
