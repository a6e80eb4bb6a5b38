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
    title: words("Two devices, one mailbox"),
    teaches: words(
        "POP3 takes mail off the server unless told to leave it; IMAP shows what the server keeps.",
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
            "Alice reads mail on her {pop3} (POP3) and on her {phone} (IMAP). Make both show all {n} messages, in at most 5 actions."),
        hints: vec![
            words(
                "Look at the {pop3}'s POP3 settings: what does it do with a message once it has downloaded it?"),
            words(
                "A POP3 client can leave the messages on the server after downloading them."),
            words(
                "Change the {pop3}'s setting before it checks mail; then check mail on both devices."),
        ],
        why: words(
            "POP3 downloads and, unless told otherwise, sends DELE for each message; the server removes them when the session ends with QUIT (RFC 1939 §6), for every device. Left on the server, the messages stay in the one mailbox the phone's IMAP client shows (RFC 3501 §6.3.1), and the POP3 client knows by their UIDLs which it already has (RFC 1939 §7)."),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const DROPPED_BEFORE_QUIT: BuiltIn = BuiltIn {
    id: "dropped-before-quit",
    level: Level::Easy,
    title: words("Survive a dropped connection"),
    teaches: words(
        "POP3 deletes nothing unless QUIT is reached, and UIDLs stop a second download.",
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
            "The {pop3}'s network will fail just before its next QUIT. Move all {n} messages from the server to the {pop3}: none lost, none downloaded twice."),
        hints: vec![
            words(
                "Check mail on the {pop3} and watch the server's INBOX when the connection drops."),
            words(
                "Nothing was deleted. What does the {pop3} remember about the messages it already has?"),
            words("Check mail on the {pop3} once more."),
        ],
        why: words(
            "DELE only marks a message; the server removes marked messages in the UPDATE state, which only QUIT starts, so a dropped session deletes nothing (RFC 1939 §6). A UIDL persists across sessions, even one that never reached UPDATE (RFC 1939 §7): the second session knows which messages the {pop3} already has, deletes them without downloading them again, and reaches QUIT."),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const READ_HERE_SEEN_THERE: BuiltIn = BuiltIn {
    id: "read-here-seen-there",
    level: Level::Easy,
    title: words("Read on the phone, read on the tablet"),
    teaches: words(
        "IMAP keeps \\Seen on the server, so every IMAP device learns it when it syncs.",
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
            "Read “{subject}” on the {phone} so that the {tablet} shows it as read, without pressing Check mail on the {tablet}."),
        hints: vec![
            words(
                "Where does the {phone} keep the fact that a message was read?"),
            words(
                "The {tablet} checks the server on its own every ten minutes."),
            words(
                "Open the message on the {phone}, then let time pass."),
        ],
        why: words(
            "Opening the message makes the {phone} set \\Seen on the server's copy with STORE (RFC 3501 §6.4.6). Flags belong to the message in the server's mailbox (RFC 3501 §2.3.2), so the {tablet} reads \\Seen at its next poll (or at once, were it in IDLE: RFC 2177 §3)."),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const KEEP_FOR_A_WEEK: BuiltIn = BuiltIn {
    id: "keep-for-a-week",
    level: Level::Easy,
    title: words("Keep mail on the server for a week"),
    teaches: words(
        "A POP3 client decides when mail leaves the server; it remembers each message by its UIDL.",
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
            "Make the server keep each message for exactly a week after the {pop3} downloads it; then download all {n} messages to the {pop3}."),
        hints: vec![
            words(
                "The server has no such setting: the {pop3}'s POP3 client decides."),
            words(
                "Leave messages on the server, and delete them there after 7 days."),
        ],
        why: words(
            "This server deletes nothing by age (it announces no EXPIRE policy, RFC 2449 §6.7): the client deletes with DELE and the server removes the messages at QUIT (RFC 1939 §6). A client that leaves mail on the server remembers each message by its UIDL, which persists across sessions (RFC 1939 §7), with the day it first downloaded it, and sends DELE once seven days have passed."),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}
