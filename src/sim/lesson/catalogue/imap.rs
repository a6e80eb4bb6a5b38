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
            "IMAP: read on the laptop, read on the phone"),
        summary: words(
            "With IMAP, \"read\" is a flag kept on the server, so every device can learn of it."),
        setup: all_on_imap,
        steps: &[
            narrate(words(
                "Now all of Alice's devices use IMAP. The laptop and the phone stay connected and wait in IDLE; the tablet connects every ten minutes.")),
            show(
                words(
                    "All three devices check mail. Each now shows the three messages as unread."),
                &[check_mail("laptop"), check_mail("phone"), check_mail("tablet")],
            ),
            ask(
                words(
                    "Alice opens the first message on her laptop. The laptop tells the server: set the \\Seen flag on it."),
                &[open("laptop", 1)],
                question(
                    words(
                        "Will the phone show the first message as read, without Alice touching it?"),
                    device_seen("phone", 1),
                    YES_NO,
                    words(
                        "Flags such as \\Seen live on the server with the message (RFC 3501 §2.3.2). The phone is in IDLE, so the server tells it at once with an untagged FETCH (RFC 2177, RFC 3501 §7.4.2)."),
                ),
            ),
            ask(
                words(
                    "Look at the tablet. It is not connected right now; it will look again at its next ten-minute check."),
                &[],
                question(
                    words(
                        "Does the tablet show the first message as read yet?"),
                    device_seen("tablet", 1),
                    YES_NO,
                    words(
                        "A server can only tell a client that is connected (RFC 3501 §7). Until the tablet connects again, its cache shows what it saw last time."),
                ),
            ),
            ask(
                words(
                    "Ten minutes pass. The tablet connects, checks the flags of the messages it knows, and logs out."),
                &[wait_minutes(10)],
                question(
                    words(
                        "Does the tablet show the first message as read now?"),
                    device_seen("tablet", 1),
                    YES_NO,
                    words(
                        "On each sync the client fetches the flags of the messages it has (FETCH FLAGS, RFC 3501 §6.4.5), or only the changes since last time with CONDSTORE/QRESYNC (RFC 7162). So every device ends up agreeing."),
                ),
            ),
            narrate(words(
                "POP3 has no flags at all (RFC 1939): each POP3 device keeps its own idea of what is read. IMAP keeps it on the server, shared by all.")),
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
            "IMAP delete: Trash, \\Deleted and EXPUNGE"),
        summary: words(
            "Three devices, three settings for \"delete\": each does something different on the server."),
        setup: three_delete_models,
        steps: &[
            narrate(words(
                "Three IMAP devices, each set up differently for what \"delete\" does: the phone moves to Trash, the tablet only marks as deleted, the desktop removes at once.")),
            show(
                words(
                    "All three check mail, and each shows the three messages in INBOX."),
                &[check_mail("phone"), check_mail("tablet"), check_mail("desktop")],
            ),
            ask(
                words(
                    "On the phone, Alice deletes the first message. The phone sends UID MOVE to Trash."),
                &[delete("phone", 1)],
                question(
                    words(
                        "How many messages will the Trash folder on the server hold?"),
                    server_folder("Trash"),
                    &[Count(0), Count(1)],
                    words(
                        "MOVE takes the message out of INBOX and puts it into Trash, still on the server (RFC 6851 §3). \"Deleted\" mail is not gone yet: it can be taken back from Trash."),
                ),
            ),
            ask(
                words(
                    "On the tablet, Alice deletes the second message. The tablet only sets the \\Deleted flag on it."),
                &[delete("tablet", 2)],
                question(
                    words(
                        "How many messages will INBOX on the server hold?"),
                    server_inbox(),
                    &[Count(1), Count(2)],
                    words(
                        "\\Deleted is only a mark (RFC 3501 §2.3.2): the message stays in the mailbox until someone sends EXPUNGE, or CLOSE with the mailbox open read-write (§6.4.3, §6.4.2). Many clients show it crossed out."),
                ),
            ),
            ask(
                words(
                    "On the desktop, Alice deletes the third message. The desktop sets \\Deleted and at once expunges it with UID EXPUNGE. Remember: the second message is still marked \\Deleted too."),
                &[delete("desktop", 3)],
                question(
                    words(
                        "How many messages will INBOX on the server hold now?"),
                    server_inbox(),
                    &[Count(0), Count(1), Count(2)],
                    words(
                        "A plain EXPUNGE removes every message marked \\Deleted (RFC 3501 §6.4.3). UID EXPUNGE removes only the UIDs it names (RFC 4315 §2.1), so the tablet's marked message is still there."),
                ),
            ),
            ask(
                words(
                    "Check the second message on the server once more."),
                &[],
                question(
                    words(
                        "Does the server's copy of the second message carry the \\Deleted flag?"),
                    server_flag(2, Flag::Deleted),
                    YES_NO,
                    words(
                        "It is marked but kept: any device can still unmark it with STORE -FLAGS (\\Deleted) until an EXPUNGE removes it for good (RFC 3501 §6.4.6)."),
                ),
            ),
        ],
};

/// New mail: the IDLE phone hears at once, the polling tablet at its next poll.
pub const IDLE_VS_POLLING: Lesson = Lesson {
        id: "imap-idle-vs-polling",
        title: words(
            "IMAP: push with IDLE, or polling"),
        summary: words(
            "A new message arrives. The phone in IDLE has it at once; the tablet finds it only when it next looks."),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "The phone and the tablet both read mail with IMAP. The phone stays connected and waits in IDLE. The tablet connects, syncs, logs out, and comes back every ten minutes.")),
            show(
                words(
                    "Both check mail now. Each shows the three messages."),
                &[check_mail("phone"), check_mail("tablet")],
            ),
            ask(
                words(
                    "Bob sends Alice a new message. The server takes it by SMTP and puts it into INBOX."),
                &[bob_writes("Are you coming tonight?")],
                question(
                    words(
                        "How many messages will the phone show, a moment later?"),
                    device_messages("phone"),
                    &[Count(3), Count(4)],
                    words(
                        "While a client is in IDLE, the server is free to send it untagged EXISTS at any time (RFC 2177 §3), and this one does as soon as mail arrives; the phone then fetches the new message."),
                ),
            ),
            ask(
                words(
                    "Now look at the tablet. It logged out after its last check."),
                &[],
                question(
                    words(
                        "How many messages does the tablet show right now?"),
                    device_messages("tablet"),
                    &[Count(3), Count(4)],
                    words(
                        "The server can only send updates over an open connection (RFC 3501 §7). A polling client learns of new mail only when it connects again."),
                ),
            ),
            ask(
                words(
                    "Ten minutes pass. The tablet's timer fires: it connects and syncs."),
                &[wait_minutes(10)],
                question(
                    words(
                        "How many messages will the tablet show now?"),
                    device_messages("tablet"),
                    &[Count(3), Count(4)],
                    words(
                        "On connecting, SELECT reports EXISTS and UIDNEXT (RFC 3501 §6.3.1), so the tablet sees a UID it does not know and fetches it. Polling gets there, but up to ten minutes late."),
                ),
            ),
            narrate(words(
                "IDLE keeps one connection open for each device, and news comes at once. Polling connects only now and then, and news waits for the next poll.")),
        ],
};
