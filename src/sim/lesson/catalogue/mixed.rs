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
        title: words("Offline: a copy, a cache and a queue"),
        summary: words(
            "On a train with no network: what can each device still show, and what happens to a delete?"),
        setup: laptop_leaving_mail_on_server,
        steps: &[
            narrate(words(
                "The laptop reads mail with POP3 and leaves it on the server. The phone reads the same mail with IMAP.")),
            show(
                words(
                    "Both check mail. The laptop downloads its copies; the phone keeps a cache of what it saw."),
                &[check_mail("laptop"), check_mail("phone")],
            ),
            ask(
                words(
                    "Alice gets on a train. Both devices lose the network."),
                &[toggle_online("laptop"), toggle_online("phone")],
                question(
                    words(
                        "How many messages can the laptop still show?"),
                    device_messages("laptop"),
                    &[Count(0), Count(3)],
                    words(
                        "POP3 is built for downloading mail to the device (RFC 1939 §1), so it can be read offline. The downloaded messages are the laptop's own copies."),
                ),
            ),
            ask(
                words("And the phone, with no network?"),
                &[],
                question(
                    words(
                        "How many messages can the phone still show?"),
                    device_messages("phone"),
                    &[Count(0), Count(3)],
                    words(
                        "An IMAP client may keep a cache of what it fetched and show it while offline: the \"disconnected\" way of using IMAP (RFC 1733), whose resynchronisation RFC 4549 describes. The UIDs keep the cache valid while UIDVALIDITY stays the same (RFC 3501 §2.3.1.1)."),
                ),
            ),
            ask(
                words(
                    "Still on the train, Alice deletes the first message on the phone. The phone cannot reach the server, so it puts the delete in a queue."),
                &[delete("phone", 1)],
                question(
                    words(
                        "How many messages will INBOX on the server hold?"),
                    server_inbox(),
                    &[Count(2), Count(3)],
                    words(
                        "Every IMAP change is a command sent to the server, such as UID MOVE (RFC 6851 §3). With no connection nothing is sent, so the server has not changed."),
                ),
            ),
            ask(
                words(
                    "The train arrives. The phone has the network again: it connects, syncs, and replays its queue."),
                &[toggle_online("phone")],
                question(
                    words(
                        "How many messages will INBOX on the server hold now?"),
                    server_inbox(),
                    &[Count(2), Count(3)],
                    words(
                        "The queued delete is sent as UID MOVE to Trash (RFC 6851 §3). UIDs do not change while UIDVALIDITY stays the same (RFC 3501 §2.3.1.1), so a command written offline still finds the right message."),
                ),
            ),
            narrate(words(
                "Both work offline, differently: POP3 reads copies that are its own; IMAP reads a cache of the server and later tells the server what the user did.")),
        ],
};

/// The network fails before QUIT: RFC 1939 §6 says nothing is deleted.
pub const DROPPED_CONNECTION: Lesson = Lesson {
        id: "dropped-connection",
        title: words(
            "A connection drops before QUIT"),
        summary: words(
            "The laptop downloads and deletes, but the network fails before it can say QUIT."),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "The laptop reads mail with POP3 and deletes it from the server once downloaded. This time its network will fail just before it says QUIT.")),
            ask(
                words(
                    "The laptop checks mail: UIDL, RETR and DELE for each message, and then the connection drops."),
                &[
                    inject(LessonFault::DropBeforeQuit { device: "laptop" }),
                    check_mail("laptop"),
                ],
                question(
                    words(
                        "How many messages will be left on the server?"),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "DELE only marks. Messages are removed in the UPDATE state, which only QUIT starts; if the session ends any other way, nothing is deleted (RFC 1939 §6)."),
                ),
            ),
            ask(
                words(
                    "The network is back and the laptop checks mail again. It already has all three messages."),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will the laptop hold afterwards?"),
                    device_messages("laptop"),
                    &[Count(3), Count(6)],
                    words(
                        "The laptop remembers the UIDLs it downloaded, and a message's UIDL persists across sessions (RFC 1939 §7). It sees them still on the server, so it does not download them again."),
                ),
            ),
            ask(
                words("Now look at the server."),
                &[],
                question(
                    words(
                        "How many messages are left on the server now?"),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "This time the laptop sent DELE for the three known messages and reached QUIT, so the server removed them in UPDATE (RFC 1939 §6)."),
                ),
            ),
            narrate(words(
                "Two things keep this safe. The protocol's rule (RFC 1939 §6): a session that ends without QUIT deletes nothing, so no mail is lost when the network fails. The client's list of UIDLs: it keeps the laptop from downloading the same mail twice when the network comes back.")),
        ],
};

/// One POP3 device among IMAP devices takes the mail away from all of them.
pub const MIXED_DEVICES: Lesson = Lesson {
        id: "mixed-devices",
        title: words(
            "Mixed devices: POP3 takes what IMAP wanted"),
        summary: words(
            "The phone and the tablet read with IMAP, the laptop downloads and deletes with POP3. Who still sees the mail?"),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "The phone (IMAP, IDLE) and the tablet (IMAP, every ten minutes) share the account with the laptop, which reads with POP3 and deletes from the server.")),
            show(
                words(
                    "The phone and the tablet check mail. Each shows the three messages."),
                &[check_mail("phone"), check_mail("tablet")],
            ),
            ask(
                words(
                    "Now the laptop checks mail: it downloads the three messages, deletes them and says QUIT."),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will the phone show afterwards?"),
                    device_messages("phone"),
                    &[Count(0), Count(3)],
                    words(
                        "POP3 and IMAP read the same mailbox. The laptop's deletes remove the messages for everyone (RFC 1939 §6), and the server tells the idling phone at once: with EXPUNGE (RFC 3501 §7.4.1), or, as the phone has QRESYNC on, with VANISHED (RFC 7162 §3.2.10)."),
                ),
            ),
            ask(
                words(
                    "Look at the tablet, which is not connected right now."),
                &[],
                question(
                    words(
                        "How many messages does the tablet show right now?"),
                    device_messages("tablet"),
                    &[Count(0), Count(3)],
                    words(
                        "The tablet only learns of changes when it connects (RFC 3501 §7). Until then its cache shows mail that is no longer on the server."),
                ),
            ),
            ask(
                words(
                    "Ten minutes pass, and the tablet syncs."),
                &[wait_minutes(10)],
                question(
                    words(
                        "How many messages will the tablet show now?"),
                    device_messages("tablet"),
                    &[Count(0), Count(3)],
                    words(
                        "On sync the client drops from its cache every UID the server no longer has (RFC 4549 describes such a resynchronisation; with QRESYNC the server lists them as VANISHED, RFC 7162 §3.2.10)."),
                ),
            ),
            narrate(words(
                "One POP3 device set to delete empties the mailbox for everyone. If Alice mixes devices, POP3 should leave mail on the server.")),
        ],
};

/// A full mailbox: POP3 frees the server's storage, IMAP (even its Trash) keeps it.
pub const SERVER_STORAGE: Lesson = Lesson {
        id: "server-storage",
        title: words(
            "Server storage: POP3 frees it, IMAP keeps it"),
        summary: words(
            "Alice's mailbox is full. New mail bounces. What frees space: deleting on the phone, or the laptop's POP3?"),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "A mail server gives each account a quota: so many bytes, in all its folders together.")),
            ask(
                words(
                    "Alice's mailbox is now full. Bob sends her a message."),
                &[inject(LessonFault::MailboxOverQuota), bob_writes("Photos")],
                question(
                    words(
                        "Will the server refuse Bob's message?"),
                    Measure::LastDeliveryRefused,
                    YES_NO,
                    words(
                        "A server with no room answers 552 and does not take the message (RFC 5321 §4.2.2); Bob's server then tells Bob it bounced."),
                ),
            ),
            show(
                words(
                    "To make room, Alice opens her mail on the phone (IMAP) and deletes the first message. The phone moves it to Trash."),
                &[check_mail("phone"), delete("phone", 1)],
            ),
            ask(
                words("Bob tries again."),
                &[bob_writes("Photos")],
                question(
                    words(
                        "Will the server refuse Bob's message this time?"),
                    Measure::LastDeliveryRefused,
                    YES_NO,
                    words(
                        "Trash is a folder on the server like any other (MOVE only moves the message, RFC 6851 §3), and here every folder counts against the quota. Only removing the message for good frees the space; in IMAP that is setting \\Deleted and then EXPUNGE (RFC 3501 §6.4.3)."),
                ),
            ),
            ask(
                words(
                    "Now the laptop checks mail with POP3: it downloads what is in INBOX and deletes it from the server."),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will INBOX on the server hold afterwards?"),
                    server_inbox(),
                    &[Count(0), Count(2), Count(3)],
                    words(
                        "POP3 knows no folders: it reads one maildrop (RFC 1939 §1), which on this server is the INBOX. The laptop downloaded both messages and, at QUIT, the server removed them (RFC 1939 §6). Trash was never seen by POP3."),
                ),
            ),
            ask(
                words("Bob tries once more."),
                &[bob_writes("Photos")],
                question(
                    words(
                        "Will the server refuse Bob's message now?"),
                    Measure::LastDeliveryRefused,
                    YES_NO,
                    words(
                        "The laptop's POP3 session freed the space of the messages it took home, so the server has room again and answers 250 (RFC 5321 §4.2.2)."),
                ),
            ),
            ask(
                words(
                    "And the Trash the phone filled? Look at the server."),
                &[],
                question(
                    words(
                        "How many messages does the server's Trash hold?"),
                    server_folder("Trash"),
                    &[Count(0), Count(1)],
                    words(
                        "IMAP keeps mail on the server, in every folder, until a client expunges it (RFC 3501 §6.4.3). That is why IMAP users must empty the Trash now and then."),
                ),
            ),
        ],
};
