//! Medium challenges: a diagnosis, an offline device, flags POP3 cannot carry, a full mailbox.

use super::easy::default_world;
use super::{
    check_mail, configure, delete, device_flag, imap, inbox_after, newest, picked, pop3_keeping,
    server_flag, server_inbox_holds, shows, toggle_flag, toggle_online, BuiltIn, Level, Parts,
};
use crate::sim::challenge::{Challenge, Condition, Move, Variant};
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::lesson::words;
use crate::sim::mail::Flag;
use crate::sim::world::{Action, Fault};

pub const VANISHED_MAIL: BuiltIn = BuiltIn {
    id: "vanished-mail",
    level: Level::Medium,
    title: words(
        "Yesterday's mail vanished",
        "昨天的邮件不见了",
    ),
    teaches: words(
        "One POP3 device that deletes empties the mailbox for every device; switching it to IMAP would lose its copies.",
        "一台设置为删除的 POP3 设备会让所有设备都看不到邮件；把它改成 IMAP 又会丢掉它保存的副本。",
    ),
    build: vanished_mail,
};

fn vanished_mail(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([
        check_mail(&v.phone),
        check_mail(&v.pop3),
        Move::Do(Action::WarpDays { days: 1 }),
        v.writes("Are you coming tonight?"),
    ]);
    let today = newest(&setup, &setup_moves);
    let goal = vec![
        shows(&v.phone, &today),
        shows(&v.pop3, &today),
        Condition::ServerHolds {
            message: today.clone(),
            folder: Some("INBOX".to_string()),
            held: true,
        },
        Condition::NothingLost,
    ];
    let solution = vec![
        configure(&v.pop3, pop3_keeping(None, true)),
        check_mail(&v.pop3),
    ];
    Parts {
        id: "vanished-mail",
        title: VANISHED_MAIL.title,
        task: words(
            "The {phone} says yesterday's mail vanished. Find the device that took it and fix its setting, so that today's message from {sender}, “{subject}”, ends up on both the {phone} and that device, and stays on the server — without losing any mail.",
            "{phone} 上昨天的邮件不见了。找出是哪台设备取走了它们并修改它的设置，让 {sender} 今天发来的“{subject}”同时出现在 {phone} 和那台设备上，并且保留在服务器上——一封邮件也不能丢。",
        ),
        hints: vec![
            words(
                "Which device still shows yesterday's messages?",
                "哪台设备上还能看到昨天的邮件？",
            ),
            words(
                "The {pop3} reads with POP3 and deletes from the server what it downloads — for every device.",
                "{pop3} 用 POP3 收信，并把下载过的邮件从服务器上删除——对所有设备都是如此。",
            ),
            words(
                "Set the {pop3} to leave messages on the server before it checks mail again. Switching it to IMAP would throw away the copies only it holds.",
                "在 {pop3} 再次收信之前，把它设置为在服务器上保留邮件。如果把它改成 IMAP，只有它保存的那些副本就会被丢掉。",
            ),
        ],
        why: words(
            "The {pop3}'s DELE and QUIT removed yesterday's messages from the one mailbox every device reads (RFC 1939 §6), and the server told the idling {phone} with EXPUNGE (RFC 3501 §7.4.1). Left on the server, today's message stays for the {phone}, while the {pop3} keeps the copies only it holds; its UIDLs tell it what it already has (RFC 1939 §7).",
            "{pop3} 的 DELE 和 QUIT 把昨天的邮件从所有设备共用的邮箱里删除了（RFC 1939 §6），服务器随即用 EXPUNGE 通知处于 IDLE 的 {phone}（RFC 3501 §7.4.1）。保留在服务器上，今天的邮件就还能留给 {phone}，而 {pop3} 保住了只有它才有的副本；它靠 UIDL 知道自己已经有哪些邮件（RFC 1939 §7）。",
        ),
        fill: vec![("{subject}", today.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const OFFLINE_DELETE: BuiltIn = BuiltIn {
    id: "offline-delete",
    level: Level::Medium,
    title: words(
        "Delete on an offline tablet",
        "在离线的平板电脑上删除",
    ),
    teaches: words(
        "An offline IMAP client queues the delete and replays it; only EXPUNGE, not a move to Trash, removes mail.",
        "离线的 IMAP 客户端把删除放进队列，联网后重放；只有 EXPUNGE 才会真正删除邮件，移到废纸篓不算。",
    ),
    build: offline_delete,
};

fn offline_delete(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([check_mail(&v.tablet), toggle_online(&v.tablet)]);
    let inbox = inbox_after(&setup, &setup_moves);
    let message = picked(v, &inbox);
    let goal = vec![
        Condition::ActedWhileOffline {
            device: v.tablet.clone(),
        },
        Condition::ServerHolds {
            message: message.clone(),
            folder: None,
            held: false,
        },
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
        toggle_online(&v.tablet),
    ];
    Parts {
        id: "offline-delete",
        title: OFFLINE_DELETE.title,
        task: words(
            "The {tablet} is offline. Delete “{subject}” on it so that, when the {tablet} comes back online, the message is gone from the server for good — not just moved to Trash.",
            "{tablet} 现在离线。在它上面删除“{subject}”，让 {tablet} 重新联网后，这封邮件从服务器上彻底消失——而不只是移到废纸篓。",
        ),
        hints: vec![
            words(
                "What does the {tablet}'s delete setting do on the server?",
                "{tablet} 的删除设置在服务器上会做什么？",
            ),
            words(
                "Moving to Trash keeps the message on the server. Choose to remove it at once (EXPUNGE).",
                "移到废纸篓，邮件仍在服务器上。改成立即删除（EXPUNGE）。",
            ),
            words(
                "Change the setting before you delete: a device with changes waiting for the network cannot be reconfigured.",
                "先改设置再删除：有操作在等待网络的设备不能修改设置。",
            ),
        ],
        why: words(
            "Offline, the {tablet} deletes from its cache and queues the command; back online it replays the queue (RFC 4549 §4.2), and the UID still names the right message while UIDVALIDITY is unchanged (RFC 3501 §2.3.1.1). A move to Trash keeps the message on the server (RFC 6851 §3); setting \\Deleted and then EXPUNGE removes it for good (RFC 3501 §6.4.3).",
            "离线时，{tablet} 从缓存中删除邮件并把命令放进队列；重新联网后重放队列（RFC 4549 §4.2），只要 UIDVALIDITY 不变，UID 仍然指向同一封邮件（RFC 3501 §2.3.1.1）。移到废纸篓的邮件仍在服务器上（RFC 6851 §3）；加上 \\Deleted 再执行 EXPUNGE 才会彻底删除（RFC 3501 §6.4.3）。",
        ),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const FLAG_FOR_EVERYONE: BuiltIn = BuiltIn {
    id: "flag-for-everyone",
    level: Level::Medium,
    title: words("A flag the server keeps", "服务器保存的旗标"),
    teaches: words(
        "POP3 can only read and delete on the server; IMAP keeps flags with the message.",
        "POP3 在服务器上只能读取和删除；IMAP 把旗标和邮件一起保存在服务器上。",
    ),
    build: flag_for_everyone,
};

fn flag_for_everyone(v: &Variant) -> Challenge {
    let setup = v.world(
        pop3_keeping(None, true),
        imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        imap(SyncMode::PollEveryMinutes(10), DeleteModel::MoveToTrash),
    );
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([check_mail(&v.pop3), check_mail(&v.phone)]);
    let inbox = inbox_after(&setup, &setup_moves);
    let message = picked(v, &inbox);
    let goal = vec![
        device_flag(&v.pop3, &message, Flag::Flagged),
        device_flag(&v.phone, &message, Flag::Flagged),
        server_flag(&message, Flag::Flagged),
        Condition::NothingLost,
    ];
    let solution = vec![
        configure(
            &v.pop3,
            imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        ),
        check_mail(&v.pop3),
        toggle_flag(&v.pop3, &message),
    ];
    Parts {
        id: "flag-for-everyone",
        title: FLAG_FOR_EVERYONE.title,
        task: words(
            "Alice wants “{subject}” flagged on her {pop3}, on her {phone}, and on the server, where any IMAP device she adds later will find the flag.",
            "Alice 希望“{subject}”在 {pop3}、{phone} 以及服务器上都带有旗标，这样她以后添加的任何 IMAP 设备都能在服务器上找到这个旗标。",
        ),
        hints: vec![
            words(
                "Flag it on the {pop3} and look at the server: did anything change there?",
                "在 {pop3} 上加旗标，再看看服务器：那里有变化吗？",
            ),
            words(
                "POP3 has no command to set a flag on the server. IMAP has STORE.",
                "POP3 没有在服务器上设置旗标的命令。IMAP 有 STORE。",
            ),
            words(
                "The {pop3} leaves its mail on the server, so it can switch to IMAP without losing any.",
                "{pop3} 把邮件保留在服务器上，所以改用 IMAP 不会丢失任何邮件。",
            ),
        ],
        why: words(
            "In POP3's TRANSACTION state a client can list, read and mark for deletion, nothing more (RFC 1939 §5): a flag set on the {pop3} with POP3 stays on the {pop3}. IMAP stores flags with the message on the server (STORE, RFC 3501 §6.4.6; flags, §2.3.2), and the server tells the idling {phone} at once with an untagged FETCH (RFC 3501 §7.4.2, RFC 2177 §3).",
            "在 POP3 的 TRANSACTION 状态中，客户端只能列出、读取和标记删除邮件（RFC 1939 §5）：用 POP3 在 {pop3} 上设的旗标只留在 {pop3} 上。IMAP 把旗标和邮件一起保存在服务器上（STORE，RFC 3501 §6.4.6；旗标，§2.3.2），服务器还会立即用未标记的 FETCH 响应通知处于 IDLE 的 {phone}（RFC 3501 §7.4.2，RFC 2177 §3）。",
        ),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const MAILBOX_FULL: BuiltIn = BuiltIn {
    id: "mailbox-full",
    level: Level::Medium,
    title: words("The mailbox is full", "邮箱满了"),
    teaches: words(
        "POP3 frees the server's space by taking mail home; an IMAP move to Trash does not.",
        "POP3 把邮件取回本地，从而释放服务器空间；IMAP 移到废纸篓则不会。",
    ),
    build: mailbox_full,
};

fn mailbox_full(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let mut setup_moves = v.mail_moves();
    setup_moves.extend([
        check_mail(&v.phone),
        Move::Do(Action::InjectFault {
            fault: Fault::MailboxOverQuota,
        }),
        v.writes("Concert tickets"),
    ]);
    let goal = vec![Condition::LastDeliveryAccepted, Condition::NothingLost];
    let solution = vec![check_mail(&v.pop3), v.writes("Concert tickets")];
    Parts {
        id: "mailbox-full",
        title: MAILBOX_FULL.title,
        task: words(
            "Alice's mailbox on the server is full, and {sender}'s message bounced. Make room, then have {sender} send it again (Send a mail) so that the server accepts it — without losing any mail.",
            "Alice 在服务器上的邮箱满了，{sender} 的邮件被退了回来。腾出空间，然后让 {sender} 再发一次（发送邮件），使服务器接收它——一封邮件也不能丢。",
        ),
        hints: vec![
            words(
                "Delete a message on the {phone} and try again. Did it help? Look at the server's Trash.",
                "在 {phone} 上删除一封邮件再试试。有用吗？看看服务器上的废纸篓。",
            ),
            words(
                "Which device takes mail off the server and keeps it itself?",
                "哪台设备会把邮件从服务器上取走并自己保存？",
            ),
        ],
        why: words(
            "A server with no room answers 552 and keeps nothing (RFC 5321 §4.2.2). An IMAP delete that moves to Trash keeps the message on the server (RFC 6851 §3), where it still counts; the {pop3}'s POP3 session downloads the INBOX and removes it from the server at QUIT (RFC 1939 §6), freeing the space while the {pop3} keeps the copies.",
            "服务器没有空间时回复 552，什么也不保存（RFC 5321 §4.2.2）。IMAP 删除时移到废纸篓，邮件仍在服务器上（RFC 6851 §3），照样占用空间；{pop3} 的 POP3 会话下载收件箱，并在 QUIT 时把邮件从服务器上删除（RFC 1939 §6），空间腾出来了，副本留在 {pop3} 上。",
        ),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}
