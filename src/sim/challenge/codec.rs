//! Challenges and solutions as JSON, in the saved world's style (the same small bounded codec, the same
//! shapes for setups and actions), so the page can carry them in a link fragment as it carries worlds.
//!
//! A challenge document is `{"version":1,"builtin":ID,"seed":N}` for a built-in as it is, or
//! `{"version":1,"custom":{…}}` for a teacher's own. A solution is
//! `{"version":1,"challenge":<challenge document>,"actions":[…],"moment":N,"now":MS}`. Reading is in
//! `codec_read.rs`; a newer version is refused before anything else is read.

use super::{builtin, Challenge, Condition, MessageRef, Move, Solution, Text};
use crate::sim::mail::Flag;
use crate::sim::saved::json::Value;
use crate::sim::saved::world::{action_to_value, number, object, setup_to_value, tagged, text};

/// The format version of challenge and solution documents; a newer one is refused with a clear message.
pub const CHALLENGE_FORMAT_VERSION: u32 = 1;
/// The most JSON a challenge or a solution may be (a link fragment holds at most 64 KB).
pub const MAX_CHALLENGE_JSON: usize = 256 * 1024;

/// What a JSON document from a link or a file is, by its members, so one fragment format can carry worlds,
/// challenges and solutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A saved world (`setup` and `log`): `Timeline::from_json` reads it.
    World,
    /// A challenge (`builtin` or `custom`): [`challenge_from_json`] reads it.
    Challenge,
    /// A student's solution (`challenge` and `actions`): [`solution_from_json`] or [`verify_json`] reads it.
    Solution,
    /// Not JSON, or none of these.
    Unknown,
}

/// Tells a saved world, a challenge and a solution apart without reading further.
pub fn document_kind(text: &str) -> DocumentKind {
    if text.len() > MAX_CHALLENGE_JSON.max(crate::sim::saved::MAX_JSON_BYTES) {
        return DocumentKind::Unknown;
    }
    let Ok(Value::Object(members)) = crate::sim::saved::json::parse(text) else {
        return DocumentKind::Unknown;
    };
    let has = |name: &str| members.iter().any(|(n, _)| n == name);
    if has("challenge") && has("actions") {
        DocumentKind::Solution
    } else if has("builtin") || has("custom") {
        DocumentKind::Challenge
    } else if has("setup") && has("log") {
        DocumentKind::World
    } else {
        DocumentKind::Unknown
    }
}

pub(super) const FLAGS: [(&str, Flag); 5] = [
    ("Seen", Flag::Seen),
    ("Answered", Flag::Answered),
    ("Flagged", Flag::Flagged),
    ("Deleted", Flag::Deleted),
    ("Draft", Flag::Draft),
];

/// The challenge as a JSON document: by id and seed when it is a built-in as built, else in full.
pub fn challenge_to_json(challenge: &Challenge) -> String {
    challenge_to_value(challenge).to_json()
}

/// The solution as a JSON document, its challenge inside.
pub fn solution_to_json(solution: &Solution) -> String {
    object(vec![
        ("version", number(CHALLENGE_FORMAT_VERSION)),
        ("challenge", challenge_to_value(&solution.challenge)),
        (
            "actions",
            Value::Array(
                solution
                    .actions
                    .iter()
                    .map(|a| {
                        object(vec![
                            ("moment", number(a.moment as u64)),
                            ("at", number(a.at.millis())),
                            ("action", action_to_value(&a.action)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("moment", number(solution.moment as u64)),
        ("now", number(solution.now.millis())),
    ])
    .to_json()
}

pub(super) fn challenge_to_value(challenge: &Challenge) -> Value {
    let version = ("version", number(CHALLENGE_FORMAT_VERSION));
    if builtin(&challenge.id, challenge.seed).as_ref() == Some(challenge) {
        return object(vec![
            version,
            ("builtin", text(&challenge.id)),
            ("seed", number(challenge.seed)),
        ]);
    }
    let texts = |list: &[Text]| Value::Array(list.iter().map(text_value).collect());
    let moves = |list: &[Move]| Value::Array(list.iter().map(move_value).collect());
    object(vec![
        version,
        (
            "custom",
            object(vec![
                ("id", text(&challenge.id)),
                ("seed", number(challenge.seed)),
                ("title", text_value(&challenge.title)),
                ("task", text_value(&challenge.task)),
                ("setup", setup_to_value(&challenge.setup)),
                ("setup_moves", moves(&challenge.setup_moves)),
                ("hints", texts(&challenge.hints)),
                ("solution", moves(&challenge.solution)),
                ("why", text_value(&challenge.why)),
                (
                    "goal",
                    Value::Array(challenge.goal.iter().map(condition_value).collect()),
                ),
            ]),
        ),
    ])
}

fn text_value(t: &Text) -> Value {
    let mut members = vec![("en", text(&t.en)), ("zh", text(&t.zh))];
    // A built-in's template keeps its slots apart, so the link's reader sees it in their own language.
    if !t.fills.is_empty() {
        let fills = t
            .fills
            .iter()
            .map(|(slot, value)| Value::Array(vec![text(slot), text(value)]))
            .collect();
        members.push(("fills", Value::Array(fills)));
    }
    object(members)
}

fn move_value(m: &Move) -> Value {
    match m {
        Move::Do(action) => tagged("Do", action_to_value(action)),
        Move::Wait(t) => tagged("Wait", number(t.millis())),
    }
}

fn message_value(m: &MessageRef) -> Value {
    object(vec![("id", text(&m.id)), ("subject", text(&m.subject))])
}

fn flag_value(flag: Flag) -> Value {
    text(
        FLAGS
            .iter()
            .find(|(_, f)| *f == flag)
            .map_or("", |(n, _)| n),
    )
}

fn condition_value(c: &Condition) -> Value {
    let device = |d: &str| ("device", text(d));
    let count = |n: usize| ("count", number(n as u64));
    match c {
        Condition::ServerFolderHolds { folder, count: n } => tagged(
            "ServerFolderHolds",
            object(vec![("folder", text(folder)), count(*n)]),
        ),
        Condition::ServerHolds {
            message,
            folder,
            held,
        } => tagged(
            "ServerHolds",
            object(vec![
                ("message", message_value(message)),
                ("folder", folder.as_deref().map_or(Value::Null, text)),
                ("held", Value::Bool(*held)),
            ]),
        ),
        Condition::ServerFlag { message, flag, set } => tagged(
            "ServerFlag",
            object(vec![
                ("message", message_value(message)),
                ("flag", flag_value(*flag)),
                ("set", Value::Bool(*set)),
            ]),
        ),
        Condition::DeviceShows {
            device: d,
            message,
            shown,
        } => tagged(
            "DeviceShows",
            object(vec![
                device(d),
                ("message", message_value(message)),
                ("shown", Value::Bool(*shown)),
            ]),
        ),
        Condition::DeviceHolds {
            device: d,
            count: n,
        } => tagged("DeviceHolds", object(vec![device(d), count(*n)])),
        Condition::DeviceFlag {
            device: d,
            message,
            flag,
            set,
        } => tagged(
            "DeviceFlag",
            object(vec![
                device(d),
                ("message", message_value(message)),
                ("flag", flag_value(*flag)),
                ("set", Value::Bool(*set)),
            ]),
        ),
        Condition::DeviceHoldsNoDuplicates { device: d } => {
            tagged("DeviceHoldsNoDuplicates", object(vec![device(d)]))
        }
        Condition::NothingPending { device: d } => {
            tagged("NothingPending", object(vec![device(d)]))
        }
        Condition::Pop3LeavesMailOnServer { device: d } => {
            tagged("Pop3LeavesMailOnServer", object(vec![device(d)]))
        }
        Condition::Pop3KeepsMailForDays { device: d, days } => tagged(
            "Pop3KeepsMailForDays",
            object(vec![device(d), ("days", number(*days))]),
        ),
        Condition::NothingLost => text("NothingLost"),
        Condition::NeverDownloadedTwice { device: d } => {
            tagged("NeverDownloadedTwice", object(vec![device(d)]))
        }
        Condition::ActedWhileOffline { device: d } => {
            tagged("ActedWhileOffline", object(vec![device(d)]))
        }
        Condition::NeverCheckedMail { device: d } => {
            tagged("NeverCheckedMail", object(vec![device(d)]))
        }
        Condition::NewMailShownWithin { device: d, seconds } => tagged(
            "NewMailShownWithin",
            object(vec![device(d), ("seconds", number(*seconds))]),
        ),
        Condition::LastDeliveryAccepted => text("LastDeliveryAccepted"),
        Condition::AtMostActions { max } => {
            tagged("AtMostActions", object(vec![("max", number(*max as u64))]))
        }
    }
}

pub use super::codec_read::{challenge_from_json, solution_from_json, verify_json};
