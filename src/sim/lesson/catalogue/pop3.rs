//! Lessons on POP3's download model.

use super::{
    ask, bob_writes, check_mail, device_messages, inject, laptop_deleting_after_a_week,
    laptop_leaving_mail_on_server, narrate, question, server_inbox, show, warp_days,
};
use crate::sim::lesson::{words, Answer::Count, Lesson, LessonFault, Question};
use crate::sim::world::WorldSetup;

/// POP3 download-and-delete: one device gets everything, the next gets nothing.
pub const DOWNLOAD_AND_DELETE: Lesson = Lesson {
        id: "pop3-download-and-delete",
        title: words("POP3: download and delete"),
        summary: words(
            "One device takes all the mail home; the next finds the server empty."),
        setup: WorldSetup::default,
        steps: &[
            narrate(words(
                "Alice has three messages waiting on the server. Her laptop reads mail with POP3 and is set to remove messages from the server once it has them, as POP3 clients did by default for years.")),
            ask(
                words(
                    "The laptop checks mail: it lists the messages, downloads each with RETR, marks each with DELE and says QUIT."),
                &[check_mail("laptop")],
                Question {
                    prompt: words(
                        "How many messages will be left on the server afterwards?"),
                    measure: server_inbox(),
                    choices: &[Count(0), Count(1), Count(3)],
                    why: words(
                        "DELE only marks a message; the server removes the marked messages when the client says QUIT and the session enters the UPDATE state (RFC 1939 §6)."),
                },
            ),
            ask(
                words(
                    "Now Alice picks up her phone, which reads the same account with IMAP, and checks mail."),
                &[check_mail("phone")],
                Question {
                    prompt: words(
                        "How many messages will the phone show?"),
                    measure: device_messages("phone"),
                    choices: &[Count(0), Count(3), Count(6)],
                    why: words(
                        "IMAP shows what is on the server: SELECT reports how many messages the mailbox holds (RFC 3501 §6.3.1). The laptop took everything away: with download-and-delete, mail lives on one device only."),
                },
            ),
            narrate(words(
                "That is why POP3 suits one device and IMAP suits many. Open the laptop's settings and choose \"leave messages on the server\" to see the other way.")),
        ],
};

/// POP3 leaving mail on the server: UIDL keeps the laptop from downloading twice, until it forgets.
pub const LEAVE_ON_SERVER: Lesson = Lesson {
        id: "pop3-leave-on-server",
        title: words("POP3: leave on server, and UIDL"),
        summary: words(
            "The laptop keeps a copy and leaves the mail on the server; UIDL stops it downloading the same mail twice."),
        setup: laptop_leaving_mail_on_server,
        steps: &[
            narrate(words(
                "This time the laptop is set to leave messages on the server. It still reads mail with POP3, but it never sends DELE.")),
            ask(
                words(
                    "The laptop checks mail: it asks for the list of unique ids with UIDL, then downloads each message with RETR."),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will be left on the server afterwards?"),
                    server_inbox(),
                    &[Count(0), Count(3), Count(6)],
                    words(
                        "RETR only copies a message; nothing is removed unless the client says DELE and then QUIT (RFC 1939 §5, §6). Leaving mail on the server means the client just never says DELE."),
                ),
            ),
            ask(
                words(
                    "Bob sends Alice a new message. Then the laptop checks mail again. The three old messages are still on the server."),
                &[bob_writes("Lunch on Friday?"), check_mail("laptop")],
                question(
                    words(
                        "How many messages will the laptop hold afterwards?"),
                    device_messages("laptop"),
                    &[Count(1), Count(4), Count(7)],
                    words(
                        "UIDL gives every message an id that persists across sessions, and the server should not reuse an id in the same maildrop for as long as the message that has it exists (RFC 1939 §7). The laptop remembers the ids it has, so it downloads only the one new message."),
                ),
            ),
            show(
                words(
                    "Now something goes wrong: the laptop loses the file where it keeps those ids (Thunderbird calls it popstate.dat). The mail it downloaded is still on the laptop."),
                &[inject(LessonFault::UidlStateLost { device: "laptop" })],
            ),
            ask(
                words(
                    "The laptop checks mail once more. The server still holds all four messages."),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will the laptop hold now?"),
                    device_messages("laptop"),
                    &[Count(4), Count(5), Count(8)],
                    words(
                        "A POP3 server keeps no record of what a client has downloaded; the client keeps the list of the UIDLs it has (the ids of RFC 1939 §7). Without that list every message looks new, so all four are downloaded again: duplicates."),
                ),
            ),
            narrate(words(
                "So leaving mail on the server lets other devices see it too, but each POP3 device must remember its own list of what it has seen.")),
        ],
};

/// POP3 "delete from server after N days": the client deletes, and only when it next connects.
pub const DELETE_AFTER_DAYS: Lesson = Lesson {
        id: "pop3-delete-after-days",
        title: words(
            "POP3: delete from server after 7 days"),
        summary: words(
            "The laptop leaves mail on the server for a week, then removes it. Who does the removing, and when?"),
        setup: laptop_deleting_after_a_week,
        steps: &[
            narrate(words(
                "The laptop reads mail with POP3. It leaves messages on the server, but deletes them from the server seven days after it first downloaded them.")),
            show(
                words(
                    "Today the laptop checks mail and downloads the three messages. It notes the day it first saw each one."),
                &[check_mail("laptop")],
            ),
            ask(
                words(
                    "Now we jump seven days ahead. During that week the laptop stays switched off: it does not check mail."),
                &[warp_days(7)],
                question(
                    words(
                        "How many messages will be on the server after those seven days?"),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "“Delete after N days” is a setting of the client, not of this server, which announces no EXPIRE policy (RFC 2449 §6.7): it deletes a message only when a client says DELE and then QUIT (RFC 1939 §6). Nobody said it yet."),
                ),
            ),
            ask(
                words(
                    "The laptop is switched on and checks mail. It sees that all three messages are seven days old."),
                &[check_mail("laptop")],
                question(
                    words(
                        "How many messages will be on the server now?"),
                    server_inbox(),
                    &[Count(0), Count(3)],
                    words(
                        "The client compares the day it first saw each UIDL with today, and sends DELE for the old ones; they go at QUIT (RFC 1939 §6, §7)."),
                ),
            ),
            ask(
                words(
                    "Look at the laptop itself."),
                &[],
                question(
                    words(
                        "How many messages does the laptop still hold?"),
                    device_messages("laptop"),
                    &[Count(0), Count(3)],
                    words(
                        "A message downloaded with RETR is the device's own copy. DELE removes the server's copy only (RFC 1939 §5); the laptop keeps its mail."),
                ),
            ),
            narrate(words(
                "A week on the server gives Alice's other devices time to see her mail; after that, the laptop alone has it.")),
        ],
};
