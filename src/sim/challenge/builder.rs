//! The teacher's builder, underneath the page: the goal conditions a world offers (its own devices, folders
//! and messages), a recorded play turned into a stored solution, and the challenge made from them, checked to
//! be solved by that solution before it is shared.

use super::{
    perform, start_timeline, Challenge, Checklist, Condition, MessageRef, Move, StartError, Text,
};
use crate::sim::mail::Flag;
use crate::sim::timeline::Timeline;
use crate::sim::world::{World, WorldSetup, LOGIN};

/// Every condition the builder's menu offers for this world, each as the world is now (counts as they
/// stand, flags as set), for the teacher to pick and adjust.
pub fn condition_menu(world: &World) -> Vec<Condition> {
    let mut menu = Vec::new();
    let account = world.store().account(LOGIN);
    let mut messages: Vec<MessageRef> = Vec::new();
    for mailbox in account.into_iter().flat_map(|a| a.mailboxes.iter()) {
        menu.push(Condition::ServerFolderHolds {
            folder: mailbox.name.clone(),
            count: mailbox.exists(),
        });
        for m in &mailbox.messages {
            if !messages.iter().any(|known| known.id == m.message_id) {
                messages.push(MessageRef {
                    id: m.message_id.clone(),
                    subject: m.subject(),
                });
            }
        }
    }
    // Messages only a device holds now (POP3 took them) can still be named.
    for device in world.devices() {
        for m in device.local_messages() {
            if !messages.iter().any(|known| known.id == m.message_id) {
                messages.push(MessageRef {
                    id: m.message_id,
                    subject: m.subject,
                });
            }
        }
    }
    for message in &messages {
        menu.push(Condition::ServerHolds {
            message: message.clone(),
            folder: None,
            held: true,
        });
        for flag in [Flag::Seen, Flag::Flagged] {
            menu.push(Condition::ServerFlag {
                message: message.clone(),
                flag,
                set: true,
            });
        }
    }
    for device in world.devices() {
        let id = || device.id.clone();
        menu.push(Condition::DeviceHolds {
            device: id(),
            count: device.local_message_count(),
        });
        for message in &messages {
            menu.push(Condition::DeviceShows {
                device: id(),
                message: message.clone(),
                shown: true,
            });
            for flag in [Flag::Seen, Flag::Flagged] {
                menu.push(Condition::DeviceFlag {
                    device: id(),
                    message: message.clone(),
                    flag,
                    set: true,
                });
            }
        }
        menu.extend([
            Condition::DeviceHoldsNoDuplicates { device: id() },
            Condition::NothingPending { device: id() },
            Condition::NeverDownloadedTwice { device: id() },
            Condition::ActedWhileOffline { device: id() },
            Condition::NeverCheckedMail { device: id() },
            Condition::NewMailShownWithin {
                device: id(),
                seconds: 60,
            },
            Condition::Pop3LeavesMailOnServer { device: id() },
            Condition::Pop3KeepsMailForDays {
                device: id(),
                days: 7,
            },
        ]);
    }
    menu.extend([
        Condition::NothingLost,
        Condition::LastDeliveryAccepted,
        Condition::AtMostActions { max: 5 },
    ]);
    menu
}

/// A recorded play as a stored solution: the actions the teacher did on the start world (`setup` with its
/// `setup_moves` done), each done once the wire is quiet, with a wait first where the recording let more time
/// pass than that, and a last wait for the time it let pass after them.
pub fn moves_from_recording(
    setup: &WorldSetup,
    setup_moves: &[Move],
    recorded: &Timeline,
) -> Result<Vec<Move>, StartError> {
    let mut replay = start_timeline(setup, setup_moves)?;
    let skip = replay.log().len();
    let moment = recorded.world().moments();
    let mut moves = Vec::new();
    let recorded_actions = recorded
        .log()
        .iter()
        .skip(skip)
        .filter(|a| a.moment < moment);
    for (index, logged) in recorded_actions.enumerate() {
        replay.run_until_idle();
        let gap = logged.at.saturating_sub(replay.world().now());
        let step = Move::Do(logged.action.clone());
        let steps = if gap.millis() > 0 {
            vec![Move::Wait(gap), step]
        } else {
            vec![step]
        };
        for step in steps {
            perform(&mut replay, &step).map_err(|error| StartError {
                index: setup_moves.len() + index,
                error,
            })?;
            moves.push(step);
        }
    }
    // Time the teacher let pass after the last action (a poll the goal waits for) is part of the solution.
    replay.run_until_idle();
    let rest = recorded.world().now().saturating_sub(replay.world().now());
    if rest.millis() > 0 {
        moves.push(Move::Wait(rest));
    }
    Ok(moves)
}

/// What a teacher writes and picks in the builder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub title: Text,
    pub task: Text,
    pub setup: WorldSetup,
    pub setup_moves: Vec<Move>,
    pub hints: Vec<Text>,
    pub solution: Vec<Move>,
    pub why: Text,
    pub goal: Vec<Condition>,
}

/// Why a draft cannot be shared yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    Invalid(super::SolutionError),
    Start(StartError),
    /// Its stored solution, replayed, leaves these conditions unmet.
    SolutionFallsShort(Checklist),
}

impl std::fmt::Display for DraftError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DraftError::Invalid(e) => write!(f, "{e}"),
            DraftError::Start(e) => write!(f, "{e}"),
            DraftError::SolutionFallsShort(checklist) => {
                let missing: Vec<String> = checklist
                    .missing()
                    .into_iter()
                    .map(|t| t.english())
                    .collect();
                write!(
                    f,
                    "the recorded solution, replayed, leaves unmet: {}",
                    missing.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for DraftError {}

impl Draft {
    /// The challenge, once it is valid and its stored solution solves it when replayed (so a shared challenge
    /// can always be shown solved).
    pub fn build(self) -> Result<Challenge, DraftError> {
        let challenge = Challenge {
            id: self.id,
            seed: 0,
            title: self.title,
            task: self.task,
            setup: self.setup,
            setup_moves: self.setup_moves,
            hints: self.hints,
            solution: self.solution,
            why: self.why,
            goal: self.goal,
        };
        challenge.validate().map_err(DraftError::Invalid)?;
        let played = challenge.play_solution().map_err(DraftError::Start)?;
        let checklist = challenge.check(&played);
        if !checklist.solved() {
            return Err(DraftError::SolutionFallsShort(checklist));
        }
        Ok(challenge)
    }

    /// A draft to edit again from a challenge (a built-in's copy needs a new id: `Draft::build` refuses a
    /// changed built-in under its own id).
    pub fn from_challenge(challenge: &Challenge) -> Draft {
        Draft {
            id: challenge.id.clone(),
            title: challenge.title.clone(),
            task: challenge.task.clone(),
            setup: challenge.setup.clone(),
            setup_moves: challenge.setup_moves.clone(),
            hints: challenge.hints.clone(),
            solution: challenge.solution.clone(),
            why: challenge.why.clone(),
            goal: challenge.goal.clone(),
        }
    }
}
