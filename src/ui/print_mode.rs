//! The reducer's share for printing: the printout the page renders for `@media print` (the open lesson's or
//! challenge's worksheet, or its answer key), made once when its button is pressed so the view never reruns a
//! lesson. With no printout, the page prints its transcript as a log.

use super::move_words::solution_words;
use super::state::State;
use crate::sim::challenge::Challenge;
use crate::sim::lesson::{answer_key, Answer, Lesson};
use crate::sim::timeline::Timeline;
use crate::sim::world::ActionError;
use std::rc::Rc;

/// What a print button asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintChoice {
    Worksheet,
    AnswerKey,
    Transcript,
}

/// A worksheet or answer key ready to print.
#[derive(Clone)]
pub struct Printout {
    /// The press that made it: two printouts are the same one exactly when this is (no deep comparison per frame).
    pub request: u32,
    pub key: bool,
    pub sheet: Rc<Sheet>,
}

impl PartialEq for Printout {
    fn eq(&self, other: &Self) -> bool {
        self.request == other.request
    }
}

pub enum Sheet {
    Lesson {
        lesson: &'static Lesson,
        /// The world the lesson starts from, for the diagram.
        start: Timeline,
        /// Each step's answer, from running the steps (key only).
        answers: Option<Result<Vec<Option<Answer>>, ActionError>>,
    },
    Challenge {
        /// Boxed: a challenge is large beside a lesson's reference.
        challenge: Box<Challenge>,
        /// The start world, for the diagram; `None` when a teacher's setup cannot be built.
        start: Option<Timeline>,
        /// The stored solution in words (key only).
        moves: Vec<String>,
    },
}

impl State {
    /// Makes the printout a print button asks for and asks the page to print (the hook calls `window.print()`).
    pub(super) fn print(&mut self, choice: PrintChoice) {
        self.print_requests = self.print_requests.wrapping_add(1);
        let key = choice == PrintChoice::AnswerKey;
        let sheet = match choice {
            PrintChoice::Transcript => None,
            _ => self.sheet(key),
        };
        self.printout = sheet.map(|sheet| Printout {
            request: self.print_requests,
            key,
            sheet: Rc::new(sheet),
        });
    }

    /// The sheet of what is open: the lesson, else the challenge; none prints the transcript.
    fn sheet(&self, key: bool) -> Option<Sheet> {
        if let Some(run) = &self.lesson {
            let lesson = run.lesson;
            return Some(Sheet::Lesson {
                lesson,
                start: Timeline::new((lesson.setup)()),
                answers: key.then(|| answer_key(lesson)),
            });
        }
        let challenge = &self.challenge.as_ref()?.challenge;
        Some(Sheet::Challenge {
            challenge: Box::new(challenge.clone()),
            start: challenge.start().ok(),
            moves: if key {
                solution_words(challenge, self.lang)
            } else {
                Vec::new()
            },
        })
    }
}
