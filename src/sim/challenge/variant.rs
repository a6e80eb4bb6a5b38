//! A built-in challenge's variant: from a seed, the devices' names, who writes to Alice, how many messages
//! there are and which one the task is about, so two students do not share one answer. Seed 0 is the
//! canonical variant (the default world's names); nothing else is random.

use super::{perform, MessageRef, Move, Text};
use crate::sim::device::{spoken, ClientSetup, DeviceKind, DeviceSetup};
use crate::sim::lesson::Words;
use crate::sim::timeline::Timeline;
use crate::sim::world::{Action, WorldSetup, DEFAULT_LATENCY, LOGIN};

const POP3_DEVICES: [(&str, DeviceKind); 3] = [
    ("laptop", DeviceKind::Laptop),
    ("desktop", DeviceKind::Desktop),
    ("work-laptop", DeviceKind::Laptop),
];
const PHONES: [&str; 3] = ["phone", "mobile", "cell"];
const TABLETS: [&str; 3] = ["tablet", "slate", "reader"];
const SENDERS: [(&str, &str); 4] = [
    ("Bob", "Bob <bob@example.net>"),
    ("Erin", "Erin Evans <erin@example.com>"),
    ("Dmitri", "Dmitri Ivanov <dmitri@example.net>"),
    ("Mei", "Mei Lin <mei@school.example>"),
];
/// Subjects of the extra messages a variant has Alice receive before the task starts.
const EXTRA_SUBJECTS: [&str; 4] = [
    "Tickets for Saturday",
    "Photos from the trip",
    "Library book due",
    "Band practice moved",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub seed: u64,
    /// The device that reads mail with POP3.
    pub pop3: String,
    pub pop3_kind: DeviceKind,
    pub phone: String,
    pub tablet: String,
    /// Who writes to Alice: a first name for the words, an address for the mail.
    pub sender_name: &'static str,
    pub sender: &'static str,
    /// Messages Alice receives besides the default three, before the task starts (0 to 2).
    pub extra_messages: usize,
    /// Which message the task is about, counted from the oldest.
    pub pick: usize,
}

impl Variant {
    pub fn new(seed: u64) -> Variant {
        if seed == 0 {
            return Variant {
                seed,
                pop3: POP3_DEVICES[0].0.to_string(),
                pop3_kind: POP3_DEVICES[0].1,
                phone: PHONES[0].to_string(),
                tablet: TABLETS[0].to_string(),
                sender_name: SENDERS[0].0,
                sender: SENDERS[0].1,
                extra_messages: 0,
                pick: 0,
            };
        }
        let mut state = seed;
        let mut next = |n: usize| (split_mix(&mut state) % n as u64) as usize;
        let (pop3, pop3_kind) = POP3_DEVICES[next(POP3_DEVICES.len())];
        let phone = PHONES[next(PHONES.len())];
        let tablet = TABLETS[next(TABLETS.len())];
        let (sender_name, sender) = SENDERS[next(SENDERS.len())];
        let extra_messages = next(3);
        let pick = next(3 + extra_messages);
        Variant {
            seed,
            pop3: pop3.to_string(),
            pop3_kind,
            phone: phone.to_string(),
            tablet: tablet.to_string(),
            sender_name,
            sender,
            extra_messages,
            pick,
        }
    }

    /// How many messages the server holds when the variant's mail has arrived.
    pub fn message_count(&self) -> usize {
        3 + self.extra_messages
    }

    /// The world: the POP3 device, the phone and the tablet, with the clients given.
    pub fn world(&self, pop3: ClientSetup, phone: ClientSetup, tablet: ClientSetup) -> WorldSetup {
        let device = |id: &str, kind, client| DeviceSetup {
            id: id.to_string(),
            kind,
            client,
            latency: DEFAULT_LATENCY,
        };
        WorldSetup {
            seed: self.seed.max(1),
            devices: vec![
                device(&self.pop3, self.pop3_kind, pop3),
                device(&self.phone, DeviceKind::Phone, phone),
                device(&self.tablet, DeviceKind::Tablet, tablet),
            ],
            generated_messages: 0,
            quota_bytes: None,
        }
    }

    /// The sender writes to Alice by SMTP.
    pub fn writes(&self, subject: &str) -> Move {
        Move::Do(Action::SendMail {
            from: self.sender.to_string(),
            subject: subject.to_string(),
            body: format!("Hi Alice!\n\n{}\n", self.sender_name),
        })
    }

    /// The setup moves that deliver the variant's extra messages.
    pub fn mail_moves(&self) -> Vec<Move> {
        EXTRA_SUBJECTS
            .iter()
            .take(self.extra_messages)
            .map(|subject| self.writes(subject))
            .collect()
    }

    /// A template with `{pop3}`, `{phone}`, `{tablet}`, `{sender}` and `{n}` (the message count) filled in,
    /// and the `more` pairs after them.
    pub fn fill(&self, words: Words, more: &[(&str, &str)]) -> Text {
        let n = self.message_count().to_string();
        // Devices are called as their cards call a name of their own: "work laptop", not the id "work-laptop".
        let [pop3, phone, tablet] = [&self.pop3, &self.phone, &self.tablet].map(|id| spoken(id));
        let mut pairs: Vec<(&str, &str)> = vec![
            ("{pop3}", &pop3),
            ("{phone}", &phone),
            ("{tablet}", &tablet),
            ("{sender}", self.sender_name),
            ("{n}", &n),
        ];
        pairs.extend_from_slice(more);
        Text::template(words.en, &pairs)
    }
}

/// The messages in the server's INBOX once the setup's moves are done, oldest first: the names a goal
/// uses. A move the world refuses ends the list where it stands (the built-ins' tests catch that).
pub fn inbox_after(setup: &WorldSetup, moves: &[Move]) -> Vec<MessageRef> {
    let mut timeline = Timeline::new(setup.clone());
    for step in moves {
        if perform(&mut timeline, step).is_err() {
            break;
        }
    }
    timeline
        .world()
        .store()
        .account(LOGIN)
        .and_then(|a| a.mailbox("INBOX"))
        .map(|inbox| {
            inbox
                .messages
                .iter()
                .map(|m| MessageRef {
                    id: m.message_id.clone(),
                    subject: m.subject(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// SplitMix64: the variant's only source of variety, fed by the seed.
fn split_mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}
