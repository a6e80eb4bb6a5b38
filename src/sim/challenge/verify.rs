//! Checking a student's solution without accounts: replay the challenge's start and the student's actions
//! through the same checker the page ticks live, and say solved (against the par), unsolved (with what is
//! missing) or invalid (with why). Untrusted input never panics and never claims success.

use super::{Challenge, Move, StartError, Text};
use crate::sim::saved::{LoggedAction, SavedWorld, FORMAT_VERSION};
use crate::sim::time::SimTime;
use crate::sim::timeline::{LoadError, Timeline};
use crate::sim::world::{valid_device_id, SetupError};
use std::fmt;

/// Bounds on a challenge from a link, so a hostile one cannot swamp the page.
pub const MAX_GOAL_CONDITIONS: usize = 32;
pub const MAX_HINTS: usize = 10;
pub const MAX_SETUP_MOVES: usize = 100;
pub const MAX_SOLUTION_MOVES: usize = 200;
/// The most actions a student's solution may carry.
pub const MAX_STUDENT_ACTIONS: usize = 1_000;
/// The most a setup's (or a stored solution's) waits may add up to: every poll in them is replayed (eight
/// devices polling each minute for a day took 8 s in a debug build); "days later" is `WarpDays`, which sleeps.
pub const MAX_WAIT: SimTime = SimTime::from_minutes(120);
/// Generated messages a challenge's world may ask for (the checker reads every message).
pub const MAX_CHALLENGE_MESSAGES: u32 = 200;
const MAX_TITLE_CHARS: usize = 200;
/// A built-in template names at most the variant's five and a few more.
const MAX_FILLS: usize = 16;
const MAX_TEXT_CHARS: usize = 2_000;
const MAX_NAME_CHARS: usize = 200;

/// A student's solution: the challenge and the student's actions, logged as the timeline logs them (after
/// the setup's), with the moment and clock the student stopped at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    pub challenge: Challenge,
    pub actions: Vec<LoggedAction>,
    pub moment: usize,
    pub now: SimTime,
}

/// What verifying a solution found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every condition holds ("solved ✓ in 7 actions, par 5").
    Solved { actions: usize, par: usize },
    /// The replay ran, and these conditions do not hold.
    Unsolved {
        actions: usize,
        par: usize,
        missing: Vec<Text>,
    },
    /// The solution cannot be replayed: damaged, hostile, or from a newer Mailroom.
    Invalid(SolutionError),
}

impl Verdict {
    /// `solved`, `unsolved` or `invalid`: the hooks' `data-verdict`.
    pub fn id(&self) -> &'static str {
        match self {
            Verdict::Solved { .. } => "solved",
            Verdict::Unsolved { .. } => "unsolved",
            Verdict::Invalid(_) => "invalid",
        }
    }
}

/// Why a challenge or a solution is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SolutionError {
    /// The text is not a challenge or a solution (it names what is wrong where).
    Unreadable(String),
    /// A newer format than this Mailroom reads.
    NewerVersion(u64),
    /// No built-in challenge has this id.
    UnknownChallenge(String),
    /// The challenge breaks a bound or names something impossible.
    BadChallenge(String),
    BadSetup(SetupError),
    /// The challenge's own setup moves are refused by the world.
    Start(StartError),
    TooManyActions(usize),
    /// The student's actions begin before the challenge's world was ready.
    BeforeStart,
    /// The replay failed (out of order, refused action, moments past the end).
    Replay(LoadError),
}

impl fmt::Display for SolutionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SolutionError::Unreadable(why) => write!(f, "it is not a Mailroom challenge: {why}"),
            SolutionError::NewerVersion(v) => write!(
                f,
                "it was made by a newer Mailroom (format {v}; this one reads {})",
                super::codec::CHALLENGE_FORMAT_VERSION
            ),
            SolutionError::UnknownChallenge(id) => {
                write!(f, "there is no built-in challenge “{id}”")
            }
            SolutionError::BadChallenge(why) => write!(f, "the challenge is invalid: {why}"),
            SolutionError::BadSetup(e) => write!(f, "the challenge's world is invalid: {e}"),
            SolutionError::Start(e) => write!(f, "the challenge's world cannot be built: {e}"),
            SolutionError::TooManyActions(n) => write!(
                f,
                "{n} actions is more than the {MAX_STUDENT_ACTIONS} a solution may hold"
            ),
            SolutionError::BeforeStart => write!(
                f,
                "the actions begin before the challenge's world was ready: the solution was altered"
            ),
            SolutionError::Replay(e) => write!(f, "the solution cannot be replayed: {e}"),
        }
    }
}

impl std::error::Error for SolutionError {}

/// Replays a solution and checks the goal where the student stopped.
pub fn verify(solution: &Solution) -> Verdict {
    match replay(solution) {
        Ok(timeline) => {
            let checklist = solution.challenge.check(&timeline);
            let par = solution.challenge.par();
            if checklist.solved() {
                Verdict::Solved {
                    actions: checklist.actions,
                    par,
                }
            } else {
                Verdict::Unsolved {
                    actions: checklist.actions,
                    par,
                    missing: checklist.missing(),
                }
            }
        }
        Err(error) => Verdict::Invalid(error),
    }
}

/// The timeline a solution leads to, checked all the way: the challenge, its start, the actions' bounds and
/// order, then the replay itself (`Timeline::load`'s checks).
pub fn replay(solution: &Solution) -> Result<Timeline, SolutionError> {
    let challenge = &solution.challenge;
    challenge.validate()?;
    if solution.actions.len() > MAX_STUDENT_ACTIONS {
        return Err(SolutionError::TooManyActions(solution.actions.len()));
    }
    let start = challenge.start().map_err(SolutionError::Start)?;
    let (ready_moment, ready_at) = (start.world().moments(), start.world().now());
    let begins_too_early = solution
        .actions
        .first()
        .is_some_and(|a| a.moment < ready_moment || a.at < ready_at);
    if begins_too_early || solution.moment < ready_moment {
        return Err(SolutionError::BeforeStart);
    }
    let mut log = start.log().to_vec();
    log.extend(solution.actions.iter().cloned());
    Timeline::load(SavedWorld {
        version: FORMAT_VERSION,
        setup: challenge.setup.clone(),
        log,
        moment: solution.moment,
        now: solution.now.max(ready_at),
    })
    .map_err(SolutionError::Replay)
}

impl Challenge {
    /// Checks a challenge that may come from an untrusted link: ids, texts, counts and waits within bounds.
    pub fn validate(&self) -> Result<(), SolutionError> {
        let bad = |why: String| Err(SolutionError::BadChallenge(why));
        if !is_slug(&self.id) {
            return bad(format!(
                "its id “{}” must be 1 to 64 lower-case letters, digits or '-'",
                self.id
            ));
        }
        // A built-in's id names the built-in: a changed copy under that id would pass for the original.
        if super::catalogue().iter().any(|b| b.id == self.id)
            && super::builtin(&self.id, self.seed).as_ref() != Some(self)
        {
            return bad(format!(
                "it calls itself the built-in challenge “{}” but differs from it",
                self.id
            ));
        }
        self.setup.validate().map_err(SolutionError::BadSetup)?;
        if self.setup.generated_messages > MAX_CHALLENGE_MESSAGES {
            return bad(format!(
                "{} generated messages is more than {MAX_CHALLENGE_MESSAGES}",
                self.setup.generated_messages
            ));
        }
        let texts = [("title", &self.title, MAX_TITLE_CHARS)]
            .into_iter()
            .chain([
                ("task", &self.task, MAX_TEXT_CHARS),
                ("why", &self.why, MAX_TEXT_CHARS),
            ])
            .chain(self.hints.iter().map(|h| ("hint", h, MAX_TEXT_CHARS)));
        for (what, text, limit) in texts {
            if text.en.chars().count() > limit || text.zh.chars().count() > limit {
                return bad(format!("a {what} is longer than {limit} characters"));
            }
            if text.fills.len() > MAX_FILLS
                || text.fills.iter().any(|(slot, value)| {
                    slot.chars().count() > MAX_TITLE_CHARS
                        || value.chars().count() > MAX_TITLE_CHARS
                })
            {
                return bad(format!(
                    "a {what} has too many or too long names to fill in"
                ));
            }
        }
        let counts = [
            ("goal conditions", self.goal.len(), MAX_GOAL_CONDITIONS),
            ("hints", self.hints.len(), MAX_HINTS),
            ("setup steps", self.setup_moves.len(), MAX_SETUP_MOVES),
            ("solution steps", self.solution.len(), MAX_SOLUTION_MOVES),
        ];
        for (what, n, limit) in counts {
            if n > limit {
                return bad(format!("{n} {what} is more than {limit}"));
            }
        }
        if self.goal.is_empty() {
            return bad("its goal has no condition".to_string());
        }
        // Waiting replays every poll that falls due: two hours of them at most, in the setup and in the solution.
        for moves in [&self.setup_moves, &self.solution] {
            let waited = moves.iter().fold(SimTime::ZERO, |sum, m| match m {
                Move::Wait(t) => sum.saturating_add(*t),
                Move::Do(_) => sum,
            });
            if waited > MAX_WAIT {
                return bad(
                    "its waits add up to more than two hours (use days later for more)".to_string(),
                );
            }
        }
        for condition in &self.goal {
            condition.validate().map_err(SolutionError::BadChallenge)?;
        }
        Ok(())
    }
}

impl super::Condition {
    /// Its names and numbers within bounds.
    fn validate(&self) -> Result<(), String> {
        use super::Condition::*;
        let device_ok = |d: &str| {
            if valid_device_id(d) {
                Ok(())
            } else {
                Err(format!("a goal names the device “{d}”, which cannot exist"))
            }
        };
        let name_ok = |s: &str| {
            if s.chars().count() <= MAX_NAME_CHARS {
                Ok(())
            } else {
                Err(format!(
                    "a goal names something longer than {MAX_NAME_CHARS} characters"
                ))
            }
        };
        let message_ok = |m: &super::MessageRef| name_ok(&m.id).and(name_ok(&m.subject));
        match self {
            ServerFolderHolds { folder, .. } => name_ok(folder),
            ServerHolds {
                message, folder, ..
            } => message_ok(message).and(name_ok(folder.as_deref().unwrap_or(""))),
            ServerFlag { message, .. } => message_ok(message),
            DeviceShows {
                device, message, ..
            }
            | DeviceFlag {
                device, message, ..
            } => device_ok(device).and(message_ok(message)),
            DeviceHolds { device, .. }
            | DeviceHoldsNoDuplicates { device }
            | NothingPending { device }
            | NeverDownloadedTwice { device }
            | ActedWhileOffline { device }
            | NeverCheckedMail { device }
            | NewMailShownWithin { device, .. }
            | Pop3LeavesMailOnServer { device }
            | Pop3KeepsMailForDays { device, .. } => device_ok(device),
            NothingLost | LastDeliveryAccepted | AtMostActions { .. } => Ok(()),
        }
    }
}

/// A slug fit for `?challenge=` and a storage key.
pub fn is_slug(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}
