//! The lessons Mailroom offers, in teaching order. Each is a world, steps and questions; none holds an answer.

mod pop3;

use super::{words, Answer, Lesson, LessonAction, Measure, Question, Step, Words};
use crate::sim::world::Action;

/// Every lesson, in the order the page lists them.
pub fn catalogue() -> Vec<Lesson> {
    vec![pop3::download_and_delete()]
}

fn check_mail(device: &str) -> LessonAction {
    LessonAction::Do(Action::CheckMail {
        device: device.to_string(),
    })
}

/// A step that only tells.
fn narrate(narration: Words) -> Step {
    Step {
        narration,
        actions: Vec::new(),
        question: None,
    }
}

/// A step that does something and asks first what the learner expects.
fn ask(narration: Words, actions: Vec<LessonAction>, question: Question) -> Step {
    Step {
        narration,
        actions,
        question: Some(question),
    }
}

fn counts(choices: &[usize]) -> Vec<Answer> {
    choices.iter().map(|&n| Answer::Count(n)).collect()
}

fn server_inbox() -> Measure {
    Measure::ServerMessages {
        folder: "INBOX".to_string(),
    }
}

fn device_messages(device: &str) -> Measure {
    Measure::DeviceMessages {
        device: device.to_string(),
    }
}

#[allow(dead_code)]
fn yes_no() -> Vec<Answer> {
    vec![Answer::Yes, Answer::No]
}

#[allow(dead_code)]
fn say(en: &'static str, zh: &'static str) -> Words {
    words(en, zh)
}
