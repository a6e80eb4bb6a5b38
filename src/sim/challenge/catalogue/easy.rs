//! Easy challenges: one idea each, in a world where nothing has gone wrong yet.

use super::{
    check_mail, configure, device_flag, imap, inbox_after, open, picked, pop3_keeping, server_flag,
    server_inbox_holds, shows, wait_minutes, BuiltIn, Level, Parts,
};
use crate::sim::challenge::{Challenge, Condition, Move, Variant};
use crate::sim::device::ClientSetup;
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::lesson::words;
use crate::sim::mail::Flag;
use crate::sim::world::{Action, Fault, WorldSetup};

/// The variant's default world: POP3 that downloads and deletes, an IDLE phone, a tablet polling every ten
/// minutes.
pub(super) fn default_world(v: &Variant) -> WorldSetup {
    v.world(
        ClientSetup::pop3_download_and_delete(),
        imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
        imap(SyncMode::PollEveryMinutes(10), DeleteModel::MoveToTrash),
    )
}

pub const BOTH_SEE_ALL: BuiltIn = BuiltIn {
    id: "both-see-all",
    level: Level::Easy,
    title: words("Two devices, one mailbox", "两台设备，一个邮箱"),
    teaches: words(
        "POP3 takes mail off the server unless told to leave it; IMAP shows what the server keeps.",
        "POP3 会把邮件从服务器上取走，除非设置为保留；IMAP 显示的是服务器上保存的邮件。",
    ),
    build: both_see_all,
};

fn both_see_all(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let setup_moves = v.mail_moves();
    let inbox = inbox_after(&setup, &setup_moves);
    let mut goal: Vec<Condition> = Vec::new();
    goal.extend(inbox.iter().map(|m| shows(&v.pop3, m)));
    goal.extend(inbox.iter().map(|m| shows(&v.phone, m)));
    goal.push(Condition::NothingLost);
    goal.push(Condition::AtMostActions { max: 5 });
    let solution = vec![
        configure(&v.pop3, pop3_keeping(None, true)),
        check_mail(&v.pop3),
        check_mail(&v.phone),
    ];
    Parts {
        id: "both-see-all",
        title: BOTH_SEE_ALL.title,
        task: words(
            "Alice reads mail on her {pop3} (POP3) and on her {phone} (IMAP). Make both show all {n} messages, in at most 5 actions.",
            "Alice 在 {pop3}（POP3）和 {phone}（IMAP）上收信。最多用 5 步，让两台设备都显示全部 {n} 封邮件。",
        ),
        hints: vec![
            words(
                "Look at the {pop3}'s POP3 settings: what does it do with a message once it has downloaded it?",
                "看看 {pop3} 的 POP3 设置：下载一封邮件之后，它会怎样处理服务器上的这封邮件？",
            ),
            words(
                "A POP3 client can leave the messages on the server after downloading them.",
                "POP3 客户端可以在下载之后把邮件保留在服务器上。",
            ),
            words(
                "Change the {pop3}'s setting before it checks mail; then check mail on both devices.",
                "先在 {pop3} 收信之前修改设置，然后在两台设备上都收一次信。",
            ),
        ],
        why: words(
            "POP3 downloads and, unless told otherwise, sends DELE for each message; the server removes them when the session ends with QUIT (RFC 1939 §6), for every device. Left on the server, the messages stay in the one mailbox the phone's IMAP client shows (RFC 3501 §6.3.1), and the POP3 client knows by their UIDLs which it already has (RFC 1939 §7).",
            "POP3 下载邮件后，如果没有另外设置，就会对每封邮件发送 DELE；会话以 QUIT 结束时服务器删除它们（RFC 1939 §6），对所有设备都生效。保留在服务器上的邮件仍在同一个邮箱里，手机的 IMAP 客户端显示的正是这个邮箱（RFC 3501 §6.3.1）；POP3 客户端则根据 UIDL 知道哪些邮件已经下载过（RFC 1939 §7）。",
        ),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const DROPPED_BEFORE_QUIT: BuiltIn = BuiltIn {
    id: "dropped-before-quit",
    level: Level::Easy,
    title: words("Survive a dropped connection", "挺过一次断线"),
    teaches: words(
        "POP3 deletes nothing unless QUIT is reached, and UIDLs stop a second download.",
        "POP3 只有发出 QUIT 才会删除邮件，UIDL 能防止重复下载。",
    ),
    build: dropped_before_quit,
};

fn dropped_before_quit(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let mut setup_moves = v.mail_moves();
    setup_moves.push(Move::Do(Action::InjectFault {
        fault: Fault::DropBeforeQuit {
            device: v.pop3.clone(),
        },
    }));
    let n = v.message_count();
    let goal = vec![
        Condition::DeviceHolds {
            device: v.pop3.clone(),
            count: n,
        },
        server_inbox_holds(0),
        Condition::NeverDownloadedTwice {
            device: v.pop3.clone(),
        },
        Condition::NothingLost,
    ];
    let solution = vec![check_mail(&v.pop3), check_mail(&v.pop3)];
    Parts {
        id: "dropped-before-quit",
        title: DROPPED_BEFORE_QUIT.title,
        task: words(
            "The {pop3}'s network will fail just before its next QUIT. Move all {n} messages from the server to the {pop3}: none lost, none downloaded twice.",
            "{pop3} 的网络会在下一次 QUIT 之前断开。把全部 {n} 封邮件从服务器移到 {pop3} 上：一封不丢，也不重复下载。",
        ),
        hints: vec![
            words(
                "Check mail on the {pop3} and watch the server's INBOX when the connection drops.",
                "在 {pop3} 上收信，注意连接断开时服务器收件箱的变化。",
            ),
            words(
                "Nothing was deleted. What does the {pop3} remember about the messages it already has?",
                "什么都没有被删除。{pop3} 记得自己已经有了哪些邮件吗？",
            ),
            words("Check mail on the {pop3} once more.", "在 {pop3} 上再收一次信。"),
        ],
        why: words(
            "DELE only marks a message; the server removes marked messages in the UPDATE state, which only QUIT starts, so a dropped session deletes nothing (RFC 1939 §6). A UIDL persists across sessions, even one that never reached UPDATE (RFC 1939 §7): the second session knows which messages the {pop3} already has, deletes them without downloading them again, and reaches QUIT.",
            "DELE 只是给邮件做标记；服务器在 UPDATE 状态中才删除做了标记的邮件，而只有 QUIT 才会进入这个状态，所以断开的会话什么都不会删除（RFC 1939 §6）。UIDL 在会话之间保持不变，即使会话没有进入 UPDATE 也一样（RFC 1939 §7）：第二次会话知道 {pop3} 已经有哪些邮件，不再重复下载就删除它们，并顺利发出 QUIT。",
        ),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const READ_HERE_SEEN_THERE: BuiltIn = BuiltIn {
    id: "read-here-seen-there",
    level: Level::Easy,
    title: words(
        "Read on the phone, read on the tablet",
        "手机上已读，平板电脑上也已读",
    ),
    teaches: words(
        "IMAP keeps \\Seen on the server, so every IMAP device learns it when it syncs.",
        "IMAP 把 \\Seen 标志保存在服务器上，每台 IMAP 设备同步时都会知道。",
    ),
    build: read_here_seen_there,
};

fn read_here_seen_there(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let mut setup_moves = v.mail_moves();
    setup_moves.push(check_mail(&v.tablet));
    let inbox = inbox_after(&setup, &setup_moves);
    let message = picked(v, &inbox);
    let goal = vec![
        device_flag(&v.phone, &message, Flag::Seen),
        server_flag(&message, Flag::Seen),
        device_flag(&v.tablet, &message, Flag::Seen),
        Condition::NeverCheckedMail {
            device: v.tablet.clone(),
        },
    ];
    let solution = vec![
        check_mail(&v.phone),
        open(&v.phone, &message),
        wait_minutes(10),
    ];
    Parts {
        id: "read-here-seen-there",
        title: READ_HERE_SEEN_THERE.title,
        task: words(
            "Read “{subject}” on the {phone} so that the {tablet} shows it as read, without pressing Check mail on the {tablet}.",
            "在 {phone} 上阅读“{subject}”，让 {tablet} 也显示它为已读，但不要在 {tablet} 上点击“收取邮件”。",
        ),
        hints: vec![
            words(
                "Where does the {phone} keep the fact that a message was read?",
                "{phone} 把“已读”这件事记在哪里？",
            ),
            words(
                "The {tablet} checks the server on its own every ten minutes.",
                "{tablet} 每十分钟会自己去服务器检查一次。",
            ),
            words(
                "Open the message on the {phone}, then let time pass.",
                "在 {phone} 上打开这封邮件，然后让时间流逝。",
            ),
        ],
        why: words(
            "Opening the message makes the {phone} set \\Seen on the server's copy with STORE (RFC 3501 §6.4.6). Flags belong to the message in the server's mailbox (RFC 3501 §2.3.2), so the {tablet} reads \\Seen at its next poll (or at once, were it in IDLE: RFC 2177 §3).",
            "打开邮件时，{phone} 用 STORE 给服务器上的这封邮件加上 \\Seen 标志（RFC 3501 §6.4.6）。标志属于服务器邮箱里的这封邮件（RFC 3501 §2.3.2），所以 {tablet} 下一次轮询时就会读到 \\Seen（如果它处于 IDLE，则会立即知道：RFC 2177 §3）。",
        ),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const KEEP_FOR_A_WEEK: BuiltIn = BuiltIn {
    id: "keep-for-a-week",
    level: Level::Easy,
    title: words(
        "Keep mail on the server for a week",
        "把邮件在服务器上保留一周",
    ),
    teaches: words(
        "A POP3 client decides when mail leaves the server; it remembers each message by its UIDL.",
        "什么时候从服务器删除邮件由 POP3 客户端决定；它凭 UIDL 记住每一封邮件。",
    ),
    build: keep_for_a_week,
};

fn keep_for_a_week(v: &Variant) -> Challenge {
    let setup = default_world(v);
    let setup_moves = v.mail_moves();
    let n = v.message_count();
    let goal = vec![
        Condition::Pop3KeepsMailForDays {
            device: v.pop3.clone(),
            days: 7,
        },
        Condition::DeviceHolds {
            device: v.pop3.clone(),
            count: n,
        },
        server_inbox_holds(n),
    ];
    let solution = vec![
        configure(&v.pop3, pop3_keeping(Some(7), true)),
        check_mail(&v.pop3),
    ];
    Parts {
        id: "keep-for-a-week",
        title: KEEP_FOR_A_WEEK.title,
        task: words(
            "Make the server keep each message for exactly a week after the {pop3} downloads it; then download all {n} messages to the {pop3}.",
            "让服务器在 {pop3} 下载每封邮件后正好保留一周；然后把全部 {n} 封邮件下载到 {pop3}。",
        ),
        hints: vec![
            words(
                "The server has no such setting: the {pop3}'s POP3 client decides.",
                "服务器没有这样的设置：由 {pop3} 的 POP3 客户端决定。",
            ),
            words(
                "Leave messages on the server, and delete them there after 7 days.",
                "把邮件保留在服务器上，7 天后再从服务器删除。",
            ),
        ],
        why: words(
            "This server deletes nothing by age (it announces no EXPIRE policy, RFC 2449 §6.7): the client deletes with DELE and the server removes the messages at QUIT (RFC 1939 §6). A client that leaves mail on the server remembers each message by its UIDL, which persists across sessions (RFC 1939 §7), with the day it first downloaded it, and sends DELE once seven days have passed.",
            "这台服务器不会按时间删除邮件（它没有声明 EXPIRE 策略，RFC 2449 §6.7）：客户端用 DELE 删除，服务器在 QUIT 时移除邮件（RFC 1939 §6）。把邮件保留在服务器上的客户端凭 UIDL 记住每封邮件（UIDL 在会话之间保持不变，RFC 1939 §7），也记住第一次下载的日期，满七天后才发送 DELE。",
        ),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}
