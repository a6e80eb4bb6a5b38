//! A challenge's stored solution in words, for the printed answer key: each move said as a student would do it
//! ("Check mail on the Laptop."), with the names and subjects the world had just before it.

use super::components::device::{device_name, kind_text, mode_text};
use super::i18n::{folder_name, tr, Lang, Text};
use crate::sim::challenge::{perform, Challenge, Move};
use crate::sim::world::{Action, Fault, World, LOGIN};

/// The device's name as the page shows it (its id when the world has no such device).
fn device(lang: Lang, world: &World, id: &str) -> String {
    world
        .device(id)
        .map_or_else(|| id.to_string(), |d| device_name(lang, d.kind, id))
}

/// A message's subject, from the device's copy or else the server's; its Message-ID when neither has it.
fn subject(world: &World, device: &str, message_id: &str) -> String {
    let on_device = world.device(device).and_then(|d| {
        d.local_messages()
            .into_iter()
            .find(|m| m.message_id == message_id)
            .map(|m| m.subject)
    });
    let on_server = || {
        let account = world.store().account(LOGIN)?;
        account
            .mailboxes
            .iter()
            .flat_map(|m| m.messages.iter())
            .find(|m| {
                m.header("Message-ID").as_deref().map(|v| {
                    v.trim()
                        .trim_start_matches('<')
                        .trim_end_matches('>')
                        .to_string()
                }) == Some(message_id.to_string())
            })
            .map(|m| m.subject())
    };
    on_device
        .or_else(on_server)
        .unwrap_or_else(|| message_id.to_string())
}

fn fault_text(fault: &Fault) -> Text {
    match fault {
        Fault::DropBeforeQuit { .. } => Text::FaultDropBeforeQuit,
        Fault::MaildropLocked => Text::FaultMaildropLocked,
        Fault::UidValidityReset => Text::FaultUidValidityReset,
        Fault::UidlStateLost { .. } => Text::FaultUidlStateLost,
        Fault::MailboxOverQuota => Text::FaultOverQuota,
    }
}

/// One move in words, read against the world just before it (`{mode}` is left for the world after it).
fn before_words(lang: Lang, world: &World, step: &Move) -> String {
    let action = match step {
        Move::Wait(span) => {
            let minutes = span.millis() / 60_000;
            return tr(lang, Text::MoveWait).replace("{n}", &minutes.to_string());
        }
        Move::Do(action) => action,
    };
    let on = |text: Text, id: &str| tr(lang, text).replace("{device}", &device(lang, world, id));
    let about = |text: Text, id: &str, message_id: &str| {
        on(text, id).replace("{subject}", &subject(world, id, message_id))
    };
    match action {
        Action::CheckMail { device } => on(Text::MoveCheckMail, device),
        Action::OpenMessage {
            device, message_id, ..
        } => about(Text::MoveOpen, device, message_id),
        Action::DeleteMessage {
            device, message_id, ..
        } => about(Text::MoveDelete, device, message_id),
        Action::ToggleFlag {
            device, message_id, ..
        } => about(Text::MoveFlag, device, message_id),
        Action::MoveMessage {
            device,
            message_id,
            to,
            ..
        } => about(Text::MoveToFolder, device, message_id)
            .replace("{folder}", &folder_name(lang, to)),
        Action::ToggleOnline { device } => {
            let online = world.device(device).is_some_and(|d| d.online);
            on(
                if online {
                    Text::MoveOffline
                } else {
                    Text::MoveOnline
                },
                device,
            )
        }
        Action::SendMail { subject, .. } => {
            tr(lang, Text::MoveSendMail).replace("{subject}", subject)
        }
        Action::AddDevice { kind, .. } => {
            tr(lang, Text::MoveAddDevice).replace("{device}", tr(lang, kind_text(*kind)))
        }
        Action::RemoveDevice { device } => on(Text::MoveRemoveDevice, device),
        Action::ConfigureDevice { device, .. } => on(Text::MoveConfigure, device),
        Action::WarpDays { days } => tr(lang, Text::MoveWarp).replace("{n}", &days.to_string()),
        Action::InjectFault { fault } => {
            tr(lang, Text::MoveFault).replace("{fault}", tr(lang, fault_text(fault)))
        }
        Action::InjectRandomFault => {
            tr(lang, Text::MoveFault).replace("{fault}", tr(lang, Text::FaultRandom))
        }
        Action::TypeTerminalLine { protocol, line } => tr(lang, Text::MoveTerminal)
            .replace("{line}", line)
            .replace("{protocol}", &protocol.id().to_ascii_uppercase()),
    }
}

/// The stored solution's moves in words, in English and Chinese, played from the challenge's start world so each
/// names what the world held then. A move the world refuses ends the list there (the key then shows fewer).
pub fn solution_words(challenge: &Challenge, lang: Lang) -> Vec<String> {
    let Ok(mut timeline) = challenge.start() else {
        return Vec::new();
    };
    let mut said = Vec::with_capacity(challenge.solution.len());
    for step in &challenge.solution {
        // Quiet first, as `perform` does, so the world read is the one the move meets.
        timeline.run_until_idle();
        let said_before = before_words(lang, timeline.world(), step);
        if perform(&mut timeline, step).is_err() {
            break;
        }
        // A new setting is said as the device's card says it, once it is applied.
        let mode = match step {
            Move::Do(Action::ConfigureDevice { device, .. }) => timeline
                .world()
                .device(device)
                .map(|d| mode_text(lang, d))
                .unwrap_or_default(),
            _ => String::new(),
        };
        said.push(said_before.replace("{mode}", &mode));
    }
    said
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::challenge::builtin;

    #[test]
    fn every_built_in_solution_is_said_move_by_move() {
        for built_in in crate::sim::challenge::catalogue() {
            let challenge = builtin(built_in.id, 0).expect("a built-in builds");
            let said = solution_words(&challenge, Lang::En);
            assert_eq!(said.len(), challenge.solution.len(), "{}", challenge.id);
            for words in &said {
                assert!(!words.contains('{'), "{words:?}");
            }
        }
    }

    #[test]
    fn both_see_all_changes_the_laptop_then_checks_both() {
        let challenge = builtin("both-see-all", 0).expect("builds");
        let said: Vec<String> = solution_words(&challenge, Lang::En);
        assert!(
            said[0].starts_with("Set the Laptop to: leave on server"),
            "{said:?}"
        );
        assert_eq!(said[1], "Check mail on the Laptop.");
        assert_eq!(said[2], "Check mail on the Phone.");
    }
}
