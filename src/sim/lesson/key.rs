//! A lesson's answer key: each question answered by really running the lesson's steps in a fresh world, as the
//! learner's reveal does, never written down by hand.

use super::{Answer, Lesson, LessonRun, Phase};
use crate::sim::timeline::Timeline;
use crate::sim::world::ActionError;

/// The answer of each step's question, in step order (`None` for a step that asks nothing). The steps run as
/// at `?speed=instant`, each to its end; an action the world refuses ends the key with that error.
pub fn answer_key(lesson: &'static Lesson) -> Result<Vec<Option<Answer>>, ActionError> {
    let mut timeline = Timeline::new((lesson.setup)());
    let mut run = LessonRun::new(lesson);
    let mut answers = Vec::with_capacity(lesson.steps.len());
    for index in 0..lesson.steps.len() {
        if index > 0 {
            run.next_step();
        }
        // The prediction only unlocks the run: the reveal's answer is read from the world, whatever was picked.
        run.predict(0);
        run.run();
        run.drive_to_end(&mut timeline)?;
        answers.push(match &run.phase {
            Phase::Done { reveal } => reveal.as_ref().map(|r| r.actual),
            _ => None,
        });
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::lesson::{catalogue, find};

    #[test]
    fn download_and_delete_empties_the_server_for_the_phone() {
        let lesson = find("pop3-download-and-delete").expect("the lesson exists");
        let key = answer_key(lesson).expect("the lesson runs");
        let asked: Vec<Answer> = key.iter().flatten().copied().collect();
        assert_eq!(asked[..2], [Answer::Count(0), Answer::Count(0)]);
    }

    #[test]
    fn every_lesson_gives_an_answer_among_its_choices_for_every_question() {
        for lesson in catalogue() {
            let key = answer_key(lesson).unwrap_or_else(|e| panic!("{}: {e}", lesson.id));
            assert_eq!(key.len(), lesson.steps.len(), "{}", lesson.id);
            for (step, answer) in lesson.steps.iter().zip(&key) {
                match (&step.question, answer) {
                    (Some(q), Some(a)) => assert!(q.choices.contains(a), "{}: {a:?}", lesson.id),
                    (None, None) => {}
                    (q, a) => panic!("{}: question {q:?} with answer {a:?}", lesson.id),
                }
            }
        }
    }
}
