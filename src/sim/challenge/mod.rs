//! Challenges: a start world, a task, and a goal the student makes true by acting on the world. The goal is a
//! list of typed conditions over the world's state and history ([`Condition`]), checked after every
//! happening, so any correct way passes. Built-in challenges vary with a seed ([`Variant`]); a teacher's own
//! challenge, and a student's solution, travel as versioned JSON ([`codec`]) and are verified by replaying
//! them through the same checker ([`verify`]).
//!
//! The page's side: [`ChallengeRun`] follows a student through one (checklist, hints, show solution, reset,
//! finish); underneath, [`catalogue`] lists the built-ins, [`builtin`] builds one for a seed, [`Challenge::start`]
//! gives the timeline to play on, [`Challenge::check`] the live checklist, [`Challenge::hints`] one at a time,
//! [`Challenge::play_solution`] / [`perform`] the stored solution, [`Challenge::solution_of`] the student's
//! solution, [`codec`] the JSON for links, [`verify`] the verdict, [`gradebook_csv`] the teacher's CSV, and
//! [`condition_menu`], [`moves_from_recording`] and [`Draft`] the teacher's builder.

mod builder;
mod catalogue;
pub mod codec;
mod codec_read;
mod condition;
mod condition_words;
mod gradebook;
mod run;
mod variant;
pub mod verify;

pub use builder::{condition_menu, moves_from_recording, Draft, DraftError};
pub use catalogue::{builtin, catalogue, BuiltIn, Level};
pub use condition::{Attempt, Condition, MessageRef};
pub use gradebook::gradebook_csv;
pub use run::{ChallengeRun, Finish};
pub use variant::Variant;
pub use verify::{replay, verify, Solution, SolutionError, Verdict};

use crate::i18n::{Lang, Tongue};
use crate::sim::lesson::Words;
use crate::sim::time::SimTime;
use crate::sim::timeline::Timeline;
use crate::sim::world::{Action, ActionError, WorldSetup};
use std::fmt;

/// A challenge's text, owned: a built-in's English template with a variant's names to put in after it is
/// translated, or a teacher's words as written (a link may carry their Chinese too).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub en: String,
    pub zh: String,
    /// Slots and what goes in them, `("{phone}", "phone")`: names and numbers, as written unless the catalogue
    /// knows the name (a well-known folder such as INBOX).
    pub fills: Vec<(String, String)>,
}

impl From<Words> for Text {
    fn from(words: Words) -> Self {
        Text::written(words.en)
    }
}

impl Text {
    /// A text as written, in one language.
    pub fn written(en: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ..Text::default()
        }
    }

    /// An English template and what goes in its slots.
    pub fn template(en: &str, fills: &[(&str, &str)]) -> Text {
        Text {
            en: en.to_string(),
            zh: String::new(),
            fills: fills
                .iter()
                .map(|(slot, value)| (slot.to_string(), value.to_string()))
                .collect(),
        }
    }

    /// The text in the tongue's language: translated where the catalogue knows it (a teacher's Chinese where
    /// they wrote one), then the slots filled.
    pub fn in_tongue(&self, tongue: Tongue) -> String {
        let base = if tongue.lang == Lang::Zh && !self.zh.is_empty() {
            self.zh.as_str()
        } else {
            tongue.word_or_as_written(&self.en)
        };
        self.fills
            .iter()
            .fold(base.to_string(), |text, (slot, value)| {
                text.replace(slot.as_str(), tongue.word_or_as_written(value))
            })
    }

    /// The text in English, slots filled.
    pub fn english(&self) -> String {
        self.in_tongue(Tongue::ENGLISH)
    }
}

/// One step of a setup or a stored solution, done once the wire is quiet after the step before (as a
/// lesson's actions are): a user's action, or time passing (polls and re-IDLEs fall due meanwhile).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Move {
    Do(Action),
    Wait(SimTime),
}

/// A challenge, built-in (with its variant's names) or a teacher's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// A slug: `?challenge=ID`. A teacher's own challenge has one too, for the progress key.
    pub id: String,
    /// The variant's seed (0: the canonical variant); carried so a link rebuilds the same variant.
    pub seed: u64,
    pub title: Text,
    pub task: Text,
    pub setup: WorldSetup,
    /// Done on the setup's world before the student starts (something already went wrong, say).
    pub setup_moves: Vec<Move>,
    /// Revealed one at a time.
    pub hints: Vec<Text>,
    /// The best known solution; its count of actions is the par.
    pub solution: Vec<Move>,
    /// Shown at the finish, citing the RFC rule that makes the solution work.
    pub why: Text,
    pub goal: Vec<Condition>,
}

/// One goal condition, ticked or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalItem {
    pub words: Text,
    pub met: bool,
}

/// The live checklist: what the page ticks, and the completion meter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checklist {
    pub items: Vec<GoalItem>,
    /// The student's actions so far (against the par).
    pub actions: usize,
}

impl Checklist {
    pub fn done(&self) -> usize {
        self.items.iter().filter(|i| i.met).count()
    }
    pub fn total(&self) -> usize {
        self.items.len()
    }
    /// Every condition holds (a goal with no condition is never solved: it would claim success for nothing).
    pub fn solved(&self) -> bool {
        !self.items.is_empty() && self.done() == self.total()
    }
    /// The conditions not met yet, in the goal's order.
    pub fn missing(&self) -> Vec<Text> {
        self.items
            .iter()
            .filter(|i| !i.met)
            .map(|i| i.words.clone())
            .collect()
    }
}

/// Why a challenge's start world could not be built (a teacher's setup move was refused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartError {
    pub index: usize,
    pub error: ActionError,
}

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "setup step {} cannot be done: {}",
            self.index + 1,
            self.error
        )
    }
}

impl std::error::Error for StartError {}

/// Does one move on the timeline once the wire is quiet: the action at the current clock, or time passing.
pub fn perform(timeline: &mut Timeline, step: &Move) -> Result<(), ActionError> {
    timeline.run_until_idle();
    let now = timeline.world().now();
    match step {
        Move::Do(action) => timeline.act(action.clone(), now)?,
        Move::Wait(duration) => timeline.advance_to(now.saturating_add(*duration)),
    }
    timeline.run_until_idle();
    Ok(())
}

impl Challenge {
    /// The best known solution's count of actions (time passing is not an action).
    pub fn par(&self) -> usize {
        count_actions(&self.solution)
    }

    /// How many actions of a timeline's log the setup made (the student's come after them).
    pub fn setup_actions(&self) -> usize {
        count_actions(&self.setup_moves)
    }

    /// The world the student starts from: the setup, with its moves done and the wire quiet.
    pub fn start(&self) -> Result<Timeline, StartError> {
        start_timeline(&self.setup, &self.setup_moves)
    }

    /// The start world with the stored solution played to its end ("show solution" at instant speed).
    pub fn play_solution(&self) -> Result<Timeline, StartError> {
        let mut timeline = self.start()?;
        let offset = self.setup_moves.len();
        for (i, step) in self.solution.iter().enumerate() {
            perform(&mut timeline, step).map_err(|error| StartError {
                index: offset + i,
                error,
            })?;
        }
        Ok(timeline)
    }

    /// The checklist for a timeline started by [`Challenge::start`]: call it after every happening.
    pub fn check(&self, timeline: &Timeline) -> Checklist {
        let log = done_so_far(timeline);
        let student_actions = log.len().saturating_sub(self.setup_actions());
        let attempt = Attempt {
            world: timeline.world(),
            log,
            student_actions,
        };
        Checklist {
            items: self
                .goal
                .iter()
                .map(|condition| GoalItem {
                    words: condition.words(),
                    met: condition.is_met(&attempt),
                })
                .collect(),
            actions: student_actions,
        }
    }

    /// Where the page keeps this challenge's progress in the browser's storage (`mailroom.…`, as the saved
    /// world's `mailroom.world`).
    pub fn progress_key(&self) -> String {
        format!("mailroom.challenge.{}.{}", self.id, self.seed)
    }

    /// The first `revealed` hints (the page reveals one more at a time).
    pub fn hints(&self, revealed: usize) -> &[Text] {
        &self.hints[..revealed.min(self.hints.len())]
    }

    /// The student's solution as it stands on a timeline started by [`Challenge::start`]: the challenge and
    /// the student's actions (the log after the setup's), to be verified by replaying.
    pub fn solution_of(&self, timeline: &Timeline) -> Solution {
        Solution {
            challenge: self.clone(),
            actions: done_so_far(timeline)
                .iter()
                .skip(self.setup_actions())
                .cloned()
                .collect(),
            moment: timeline.world().moments(),
            now: timeline.world().now(),
        }
    }
}

/// A setup with its moves done, each once the wire is quiet: a challenge's start world.
pub fn start_timeline(setup: &WorldSetup, moves: &[Move]) -> Result<Timeline, StartError> {
    let mut timeline = Timeline::new(setup.clone());
    for (index, step) in moves.iter().enumerate() {
        perform(&mut timeline, step).map_err(|error| StartError { index, error })?;
    }
    Ok(timeline)
}

/// The logged actions before the timeline's current moment: after a step back, the ones undone (kept for redo
/// until a new action) have not happened.
fn done_so_far(timeline: &Timeline) -> &[crate::sim::saved::LoggedAction] {
    let moment = timeline.world().moments();
    let log = timeline.log();
    &log[..log.partition_point(|a| a.moment < moment)]
}

fn count_actions(moves: &[Move]) -> usize {
    moves.iter().filter(|m| matches!(m, Move::Do(_))).count()
}
