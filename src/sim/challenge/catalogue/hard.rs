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
    title: words("New mail on the tablet within a minute"),
    teaches: words(
        "In IDLE the server pushes new mail at once; a polling client waits for its next poll.",
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
            "The {tablet} shows new mail up to ten minutes late. Make a new message from {sender} reach the {tablet} within 60 seconds of arriving on the server, without pressing Check mail on the {tablet}. Then have {sender} write (Send a mail)."),
        hints: vec![
            words(
                "How does the {phone} learn of new mail so fast?"),
            words(
                "Set the {tablet} to push (IDLE). A device set to push connects as soon as it comes online."),
        ],
        why: words(
            "A client in IDLE keeps its connection open, and the server is then free to send EXISTS at any time (RFC 2177 §3, RFC 3501 §7.3.1); this one does as soon as new mail arrives, and the client fetches it at once. A polling client learns of new mail only when it next connects and selects INBOX (RFC 3501 §6.3.1), up to a whole interval later."),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const POP3_DELETE_REACHES_SERVER: BuiltIn = BuiltIn {
    id: "pop3-delete-reaches-server",
    level: Level::Hard,
    title: words(
        "A POP3 delete that reaches the server"),
    teaches: words(
        "A POP3 client deletes on the server only with DELE at its next session, and only if told to."),
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
            "Alice deletes mail on her {pop3} (POP3, leaving mail on the server), but it stays on her {phone}. Delete “{subject}” so that it is gone from the {pop3}, from the server (every folder, Trash too) and from the {phone}, with nothing left waiting on the {pop3}."),
        hints: vec![
            words(
                "Delete it on the {pop3} and look at the server. Why is it still there?"),
            words(
                "The {pop3}'s client can delete from the server what is deleted on the {pop3} — if told to."),
            words(
                "A POP3 client only talks to the server when it checks mail."),
        ],
        why: words(
            "A POP3 client removes a message from the server only with DELE in a session that ends with QUIT (RFC 1939 §6). Set to delete on the server what is deleted on the device, it finds the message by its UIDL at the next session (RFC 1939 §7) and sends DELE; the server then tells the idling {phone} with EXPUNGE (RFC 3501 §7.4.1)."),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const DUPLICATES_AFTER_LOST_STATE: BuiltIn = BuiltIn {
    id: "duplicates-after-lost-state",
    level: Level::Hard,
    title: words(
        "Every message twice"),
    teaches: words(
        "A POP3 client knows what it has only by stored UIDLs; deleting a duplicate may delete the server's copy."),
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
            "The {pop3} lost its record of downloaded messages and now shows each of the {n} messages twice. Remove the duplicates from the {pop3}, which keeps reading with POP3 and leaving mail on the server, while the server and the {phone} keep all {n}, and nothing waits on the {pop3} to be deleted from the server."),
        hints: vec![
            words(
                "Why did the {pop3} download everything again?"),
            words(
                "Both copies on the {pop3} have the same UIDL. What will the {pop3} do on the server when you delete one?"),
            words(
                "Stop the {pop3} from deleting on the server what is deleted on the {pop3}, then delete the duplicates."),
        ],
        why: words(
            "A POP3 client recognises mail it already has only by the UIDLs it stored (RFC 1939 §7); without them every message on the server looks new. Set to delete on the server what is deleted on the device, it would turn the deleted duplicate into a DELE at its next session and the server would remove the message for every device at QUIT (RFC 1939 §6)."),
        fill: Vec::new(),
    }
    .build(v, setup, setup_moves, solution, goal)
}

pub const DELETED_BUT_STILL_THERE: BuiltIn = BuiltIn {
    id: "deleted-but-still-there",
    level: Level::Hard,
    title: words("Deleted, yet still there"),
    teaches: words("\\Deleted only marks a message; EXPUNGE removes it."),
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
            "Alice deleted “{subject}” on her {tablet}, yet the {phone} and the {tablet} still show it. Find out why, and make it leave the server for good (from every folder) and both devices."),
        hints: vec![
            words(
                "Look at the message's flags on the server."),
            words(
                "The {tablet} only marks deleted messages with \\Deleted. Which command really removes them?"),
            words(
                "Deleting on the {phone} moves the message to Trash, which is still on the server."),
        ],
        why: words(
            "\\Deleted is only a flag: the message stays in the mailbox, for every client to see, until EXPUNGE removes it (RFC 3501 §2.3.2, §6.4.3). Set to remove at once, the {tablet} sends UID EXPUNGE (RFC 4315 §2.1), and the server tells the idling {phone} with EXPUNGE (RFC 3501 §7.4.1)."),
        fill: vec![("{subject}", message.subject.clone())],
    }
    .build(v, setup, setup_moves, solution, goal)
}
