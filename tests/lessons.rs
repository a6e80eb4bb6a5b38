//! Every lesson runs to its end in the real simulation, and each reveal shows what the lesson teaches.

use mailroom::sim::lesson::{catalogue, find, Answer, Lesson, LessonRun, Phase};
use mailroom::sim::timeline::Timeline;

/// Runs a lesson step by step, predicting the first choice, and returns every reveal's actual answer.
fn run_through(lesson: Lesson) -> Vec<Answer> {
    let mut timeline = Timeline::new(lesson.setup.clone());
    let mut run = LessonRun::new(lesson);
    let mut answers = Vec::new();
    loop {
        run.predict(0);
        run.run();
        run.drive_to_end(&mut timeline)
            .unwrap_or_else(|e| panic!("{} step {}: {e}", run.lesson.id, run.step + 1));
        if let Phase::Done {
            reveal: Some(reveal),
        } = &run.phase
        {
            answers.push(reveal.actual);
        }
        if run.is_last_step() {
            return answers;
        }
        let step = run.step;
        run.next_step();
        assert_eq!(
            run.step,
            step + 1,
            "{} is stuck at step {}",
            run.lesson.id,
            step + 1
        );
    }
}

#[test]
fn there_are_at_least_ten_lessons_with_unique_slugs() {
    let lessons = catalogue();
    assert!(lessons.len() >= 10, "only {} lessons", lessons.len());
    let mut ids: Vec<&str> = lessons.iter().map(|l| l.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), lessons.len(), "two lessons share an id");
    for id in ids {
        assert!(
            !id.is_empty()
                && id.len() <= 64
                && id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{id} is not a slug ?lesson= can carry"
        );
        assert!(find(id).is_some());
    }
}

#[test]
fn every_lesson_is_complete_in_both_languages() {
    for lesson in catalogue() {
        assert!(lesson.setup.validate().is_ok(), "{}: bad setup", lesson.id);
        assert!(lesson.steps.len() >= 2, "{}: too short", lesson.id);
        let mut texts = vec![lesson.title, lesson.summary];
        for step in &lesson.steps {
            texts.push(step.narration);
            if let Some(q) = &step.question {
                texts.extend([q.prompt, q.why]);
                assert!(
                    q.choices.len() >= 2,
                    "{}: a question needs choices",
                    lesson.id
                );
            }
        }
        assert!(
            lesson.steps.iter().any(|s| s.question.is_some()),
            "{}: no predict-then-reveal question",
            lesson.id
        );
        for words in texts {
            assert!(
                !words.en.trim().is_empty() && !words.zh.trim().is_empty(),
                "{}: empty text",
                lesson.id
            );
            assert!(
                words
                    .zh
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}: “{}” is not Chinese",
                lesson.id,
                words.zh
            );
        }
    }
}

#[test]
fn every_reveal_is_one_of_the_offered_answers() {
    for lesson in catalogue() {
        let questions: Vec<Vec<Answer>> = lesson
            .steps
            .iter()
            .filter_map(|s| s.question.as_ref().map(|q| q.choices.clone()))
            .collect();
        let id = lesson.id;
        let answers = run_through(lesson);
        assert_eq!(
            answers.len(),
            questions.len(),
            "{id}: a question was not revealed"
        );
        for (i, (answer, choices)) in answers.iter().zip(&questions).enumerate() {
            assert!(
                choices.contains(answer),
                "{id} question {}: the world shows {answer:?}, not among {choices:?}",
                i + 1
            );
        }
    }
}

#[test]
fn pop3_download_and_delete_empties_the_server_and_the_phone_finds_nothing() {
    let lesson = find("pop3-download-and-delete").expect("the lesson exists");
    assert_eq!(run_through(lesson), [Answer::Count(0), Answer::Count(0)]);
}

#[test]
fn a_question_waits_for_a_prediction_and_an_unknown_choice_is_ignored() {
    let lesson = find("pop3-download-and-delete").expect("the lesson exists");
    let mut run = LessonRun::new(lesson);
    run.next_step();
    assert_eq!(run.step, 1, "a narration step is done when read");
    assert!(!run.can_run());
    run.predict(99);
    assert_eq!(run.prediction, None);
    run.run();
    assert_eq!(run.phase, Phase::Reading);
    run.predict(2);
    assert!(run.can_run());
}

#[test]
fn the_reveal_compares_the_prediction_with_the_world() {
    let lesson = find("pop3-download-and-delete").expect("the lesson exists");
    let mut timeline = Timeline::new(lesson.setup.clone());
    let mut run = LessonRun::new(lesson);
    run.next_step();
    run.predict(2);
    run.run();
    run.drive_to_end(&mut timeline).expect("the step runs");
    let Phase::Done {
        reveal: Some(reveal),
    } = run.phase.clone()
    else {
        panic!("no reveal: {:?}", run.phase)
    };
    assert_eq!(reveal.predicted, Some(Answer::Count(3)));
    assert_eq!(reveal.actual, Answer::Count(0));
    assert!(!reveal.predicted_right());
    assert!(
        !timeline.world().lines_in_flight(),
        "revealed before the wire was quiet"
    );
}
