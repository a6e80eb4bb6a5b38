//! A student's way through a challenge, for the page to sit on: the live checklist after every happening,
//! hints one at a time, "show solution" played move by move, reset, and the finish with the solution to share.

use super::{Challenge, Checklist, Move, Solution, StartError};
use crate::sim::timeline::Timeline;
use crate::sim::world::ActionError;

/// The first time every condition held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finish {
    pub actions: usize,
    pub par: usize,
    /// The student's solution, for the solution link.
    pub solution: Solution,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChallengeRun {
    pub challenge: Challenge,
    /// How many hints are revealed.
    pub hints_shown: usize,
    /// The checklist as of the last [`ChallengeRun::observe`].
    pub checklist: Checklist,
    /// Set the first time the goal is met by the student's own actions.
    pub finished: Option<Finish>,
    /// While the stored solution plays: the next of its moves to do.
    pub showing_solution: Option<usize>,
    /// The stored solution was shown since the last reset: a finish then is not the student's.
    pub solution_was_shown: bool,
}

impl ChallengeRun {
    /// Starts the challenge: the run and the timeline to play on.
    pub fn start(challenge: Challenge) -> Result<(ChallengeRun, Timeline), StartError> {
        let timeline = challenge.start()?;
        let checklist = challenge.check(&timeline);
        let run = ChallengeRun {
            challenge,
            hints_shown: 0,
            checklist,
            finished: None,
            showing_solution: None,
            solution_was_shown: false,
        };
        Ok((run, timeline))
    }

    /// Call after every happening and every action: ticks the checklist, and notes the finish.
    pub fn observe(&mut self, timeline: &Timeline) {
        self.checklist = self.challenge.check(timeline);
        if self.finished.is_none() && !self.solution_was_shown && self.checklist.solved() {
            self.finished = Some(Finish {
                actions: self.checklist.actions,
                par: self.challenge.par(),
                solution: self.challenge.solution_of(timeline),
            });
        }
    }

    /// Reveals one more hint, if any is left.
    pub fn reveal_hint(&mut self) {
        self.hints_shown = (self.hints_shown + 1).min(self.challenge.hints.len());
    }

    /// Starts again from the challenge's start world (hints stay revealed, a finish stays earned).
    pub fn reset(&mut self) -> Result<Timeline, StartError> {
        let timeline = self.challenge.start()?;
        self.showing_solution = None;
        self.solution_was_shown = false;
        self.observe(&timeline);
        Ok(timeline)
    }

    /// Starts playing the stored solution from the start world; [`ChallengeRun::drive_solution`] plays it.
    pub fn show_solution(&mut self) -> Result<Timeline, StartError> {
        let timeline = self.reset()?;
        self.showing_solution = Some(0);
        self.solution_was_shown = true;
        Ok(timeline)
    }

    /// Does the stored solution's next move once the wire is quiet; call it whenever time has passed. The
    /// last move done, it stops. A move the world refuses stops it too.
    pub fn drive_solution(&mut self, timeline: &mut Timeline) -> Result<(), ActionError> {
        let Some(next) = self.showing_solution else {
            return Ok(());
        };
        // Quiet, as `perform` has it: nothing on the wire and nothing due now.
        let world = timeline.world();
        let due_now = world.next_event_time().is_some_and(|t| t <= world.now());
        if world.lines_in_flight() || due_now {
            return Ok(());
        }
        let Some(step) = self.challenge.solution.get(next) else {
            self.showing_solution = None;
            return Ok(());
        };
        self.showing_solution = Some(next + 1);
        let now = timeline.world().now();
        let result = match step {
            Move::Do(action) => timeline.act(action.clone(), now),
            Move::Wait(duration) => {
                timeline.advance_to(now.saturating_add(*duration));
                Ok(())
            }
        };
        if result.is_err() {
            self.showing_solution = None;
        }
        self.observe(timeline);
        result
    }
}
