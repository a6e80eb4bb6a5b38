//! A learner's way through a lesson: read a step, predict, run it, see what the world did.

use super::{Answer, Lesson, LessonAction, Step};
use crate::sim::time::SimTime;
use crate::sim::timeline::Timeline;
use crate::sim::world::ActionError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Phase {
    /// The step is shown; a question waits for a prediction.
    Reading,
    /// The step's actions are being done; `next` is the first not yet done.
    Running { next: usize },
    /// The step's actions are done and the wire is quiet.
    Done { reveal: Option<Reveal> },
}

/// What the world showed, against what the learner predicted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reveal {
    pub actual: Answer,
    pub predicted: Option<Answer>,
}

impl Reveal {
    pub fn predicted_right(&self) -> bool {
        self.predicted == Some(self.actual)
    }
}

#[derive(Debug, Clone)]
pub struct LessonRun {
    pub lesson: &'static Lesson,
    pub step: usize,
    /// The index of the chosen answer of the step's question.
    pub prediction: Option<usize>,
    pub phase: Phase,
    /// The end of a `Wait` under way: the clock moves to each happening before it in turn, so a poll that
    /// falls due plays at the page's speed instead of being over before anyone sees it.
    wait_until: Option<SimTime>,
}

/// A lesson is known by its id (the catalogue builds each the same way), so comparing two runs, as the view
/// does on every render, never walks the lessons' steps.
impl PartialEq for LessonRun {
    fn eq(&self, other: &Self) -> bool {
        self.lesson.id == other.lesson.id
            && self.step == other.step
            && self.prediction == other.prediction
            && self.phase == other.phase
            && self.wait_until == other.wait_until
    }
}

impl Eq for LessonRun {}

impl LessonRun {
    /// Starts at the first step; the caller starts the world from `lesson.setup`.
    pub fn new(lesson: &'static Lesson) -> Self {
        LessonRun {
            lesson,
            step: 0,
            prediction: None,
            phase: Phase::Reading,
            wait_until: None,
        }
    }

    pub fn current(&self) -> Option<&Step> {
        self.lesson.steps.get(self.step)
    }

    pub fn is_last_step(&self) -> bool {
        self.step + 1 >= self.lesson.steps.len()
    }

    pub fn is_running(&self) -> bool {
        matches!(self.phase, Phase::Running { .. })
    }

    /// Picks an answer of the current question, before it is revealed.
    pub fn predict(&mut self, choice: usize) {
        let choices = self
            .current()
            .and_then(|s| s.question.as_ref())
            .map_or(0, |q| q.choices.len());
        if self.phase == Phase::Reading && choice < choices {
            self.prediction = Some(choice);
        }
    }

    /// Whether the current step can be run now: a question needs a prediction first.
    pub fn can_run(&self) -> bool {
        self.phase == Phase::Reading
            && self
                .current()
                .is_some_and(|s| s.question.is_none() || self.prediction.is_some())
    }

    /// Begins doing the current step's actions; [`LessonRun::drive`] does them.
    pub fn run(&mut self) {
        if self.can_run() {
            self.phase = Phase::Running { next: 0 };
        }
    }

    /// Does the next action once the wire is quiet, and reveals the answer when all are done and the wire
    /// is quiet again. Call it whenever time has passed. An action the world refuses ends the step.
    pub fn drive(&mut self, timeline: &mut Timeline) -> Result<(), ActionError> {
        let Phase::Running { next } = self.phase else {
            return Ok(());
        };
        if timeline.world().lines_in_flight() {
            return Ok(());
        }
        let Some(step) = self.lesson.steps.get(self.step) else {
            self.phase = Phase::Done { reveal: None };
            return Ok(());
        };
        match step.actions.get(next) {
            Some(action) => {
                self.phase = Phase::Running { next: next + 1 };
                let now = timeline.world().now();
                match action.world_action() {
                    Some(action) => {
                        if let Err(error) = timeline.act(action, now) {
                            self.phase = Phase::Done { reveal: None };
                            return Err(error);
                        }
                    }
                    None => {
                        if let LessonAction::Wait(duration) = action {
                            let until =
                                *self.wait_until.get_or_insert(now.saturating_add(*duration));
                            match timeline.world().next_event_time() {
                                Some(at) if at < until => {
                                    timeline.advance_to(at);
                                    self.phase = Phase::Running { next };
                                }
                                _ => {
                                    timeline.advance_to(until);
                                    self.wait_until = None;
                                }
                            }
                        }
                    }
                }
            }
            None => {
                let reveal = step.question.as_ref().map(|q| Reveal {
                    actual: q.measure.read(timeline.world()),
                    predicted: self.prediction.and_then(|i| q.choices.get(i).copied()),
                });
                self.phase = Phase::Done { reveal };
            }
        }
        Ok(())
    }

    /// Runs the current step to its end at once (`?speed=instant`).
    pub fn drive_to_end(&mut self, timeline: &mut Timeline) -> Result<(), ActionError> {
        while self.is_running() {
            timeline.run_until_idle();
            self.drive(timeline)?;
        }
        Ok(())
    }

    /// Goes on to the next step once this one is done (a step with nothing to do is done when read).
    pub fn next_step(&mut self) {
        let finished = match self.phase {
            Phase::Done { .. } => true,
            Phase::Reading => self
                .current()
                .is_some_and(|s| s.actions.is_empty() && s.question.is_none()),
            Phase::Running { .. } => false,
        };
        if finished && !self.is_last_step() {
            self.step += 1;
            self.prediction = None;
            self.phase = Phase::Reading;
        }
    }
}
