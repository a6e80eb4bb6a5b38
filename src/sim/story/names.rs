//! How captions name devices, people and messages.

use crate::i18n::{en, Tongue};
use crate::sim::device::{id_number, DeviceKind};
use crate::sim::world::World;

/// "the laptop" / "笔记本电脑"; a numbered id (`phone-2`) keeps its number: "the phone 2"; a name of its own
/// (`slate`) is "the slate".
pub fn device_name(world: &World, id: &str, tongue: Tongue) -> String {
    let Some(kind) = world.device(id).map(|d| d.kind) else {
        return id.to_string();
    };
    let (alone, numbered) = match kind {
        DeviceKind::Laptop => (en("the laptop"), en("the laptop {0}")),
        DeviceKind::Phone => (en("the phone"), en("the phone {0}")),
        DeviceKind::Tablet => (en("the tablet"), en("the tablet {0}")),
        DeviceKind::Desktop => (en("the desktop"), en("the desktop {0}")),
    };
    // A name of its own (a challenge's "slate") is kept, as the challenge's text and the card say it.
    if let Some(own) = kind.own_name(id) {
        return tongue.fill("the {0}", &[&own]);
    }
    match id_number(id) {
        Some(n) => tongue.fill(numbered, &[n]),
        None => tongue.word(alone).to_string(),
    }
}

/// "1 message", "3 messages", in the tongue's language.
pub fn messages(tongue: Tongue, n: usize) -> String {
    tongue.count(n, "1 message", "{0} messages")
}

/// A subject in quotation marks, cut to a readable length.
pub fn quoted(subject: &str) -> String {
    const MAX: usize = 48;
    let mut text: String = subject.chars().take(MAX).collect();
    if subject.chars().count() > MAX {
        text.push('…');
    }
    format!("“{text}”")
}

/// `Bob Baker <bob@example.net>` → `Bob Baker`.
pub fn display_name(from: &str) -> String {
    match from.split_once('<') {
        Some((name, _)) if !name.trim().is_empty() => name.trim().trim_matches('"').to_string(),
        _ => from.trim_matches(['<', '>', ' ']).to_string(),
    }
}
