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
        "Yesterday's mail vanished"),
    teaches: words(
        "One POP3 device that deletes empties the mailbox for every device; switching it to IMAP would lose its copies."),
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
            "The {phone} says yesterday's mail vanished. Find the device that took it and fix its setting, so that today's message from {sender}, “{subject}”, ends up on both the {phone} and that device, and stays on the server — without losing any mail."),
        hints: vec![
            words(
                "Which device still shows yesterday's messages?"),
            words(
                "The {pop3} reads with POP3 and deletes from the server what it downloads — for every device."),
            words(
                "Set the {pop3} to leave messages on the server before it checks mail again. Switching it to IMAP would throw away the copies only it holds."),
        ],
        why: words(
            "The {pop3}'s DELE and QUIT removed yesterday's messages from the one mailbox every device reads (RFC 1939 §6), and the server told the idling {phone} with EXPUNGE (RFC 3501 §7.4.1). Left on the server, today's message stays for the {phone}, while the {pop3} keeps the copies only it holds; its UIDLs tell it what it already has (RFC 1939 §7)."),
        fill: vec![("{subject}", today.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const OFFLINE_DELETE: BuiltIn = BuiltIn {
    id: "offline-delete",
    level: Level::Medium,
    title: words(
        "Delete on an offline tablet"),
    teaches: words(
        "An offline IMAP client queues the delete and replays it; only EXPUNGE, not a move to Trash, removes mail."),
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
            "The {tablet} is offline. Delete “{subject}” on it so that, when the {tablet} comes back online, the message is gone from the server for good — not just moved to Trash."),
        hints: vec![
            words(
                "What does the {tablet}'s delete setting do on the server?"),
            words(
                "Moving to Trash keeps the message on the server. Choose to remove it at once (EXPUNGE)."),
            words(
                "Change the setting before you delete: a device with changes waiting for the network cannot be reconfigured."),
        ],
        why: words(
            "Offline, the {tablet} deletes from its cache and queues the command; back online it replays the queue (RFC 4549 §4.2), and the UID still names the right message while UIDVALIDITY is unchanged (RFC 3501 §2.3.1.1). A move to Trash keeps the message on the server (RFC 6851 §3); setting \\Deleted and then EXPUNGE removes it for good (RFC 3501 §6.4.3)."),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const FLAG_FOR_EVERYONE: BuiltIn = BuiltIn {
    id: "flag-for-everyone",
    level: Level::Medium,
    title: words("A flag the server keeps"),
    teaches: words(
        "POP3 can only read and delete on the server; IMAP keeps flags with the message.",
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
            "Alice wants “{subject}” flagged on her {pop3}, on her {phone}, and on the server, where any IMAP device she adds later will find the flag."),
        hints: vec![
            words(
                "Flag it on the {pop3} and look at the server: did anything change there?"),
            words(
                "POP3 has no command to set a flag on the server. IMAP has STORE."),
            words(
                "The {pop3} leaves its mail on the server, so it can switch to IMAP without losing any."),
        ],
        why: words(
            "In POP3's TRANSACTION state a client can list, read and mark for deletion, nothing more (RFC 1939 §5): a flag set on the {pop3} with POP3 stays on the {pop3}. IMAP stores flags with the message on the server (STORE, RFC 3501 §6.4.6; flags, §2.3.2), and the server tells the idling {phone} at once with an untagged FETCH (RFC 3501 §7.4.2, RFC 2177 §3)."),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const MAILBOX_FULL: BuiltIn = BuiltIn {
    id: "mailbox-full",
    level: Level::Medium,
    title: words("The mailbox is full"),
    teaches: words(
        "POP3 frees the server's space by taking mail home; an IMAP move to Trash does not.",
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
            "Alice's mailbox on the server is full, and {sender}'s message bounced. Make room, then have {sender} send it again (Send a mail) so that the server accepts it — without losing any mail."),
        hints: vec![
            words(
                "Delete a message on the {phone} and try again. Did it help? Look at the server's Trash."),
            words(
                "Which device takes mail off the server and keeps it itself?"),
        ],
        why: words(
            "A server with no room answers 552 and keeps nothing (RFC 5321 §4.2.2). An IMAP delete that moves to Trash keeps the message on the server (RFC 6851 §3), where it still counts; the {pop3}'s POP3 session downloads the INBOX and removes it from the server at QUIT (RFC 1939 §6), freeing the space while the {pop3} keeps the copies."),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}
