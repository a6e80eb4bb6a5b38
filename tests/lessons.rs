//! Every lesson runs to its end in the real simulation, and each reveal shows what the lesson teaches.

mod common;

use common::languages::tongue;
use mailroom::i18n::Lang;
use mailroom::sim::lesson::{catalogue, find, Answer, Lesson, LessonRun, Measure, Phase};
use mailroom::sim::mail::Flag;
use mailroom::sim::timeline::Timeline;
use mailroom::sim::world::{World, WorldSetup};

/// Runs a lesson step by step, predicting the first choice, and returns every reveal's actual answer.
fn run_through(lesson: &'static Lesson) -> Vec<Answer> {
    let mut timeline = Timeline::new((lesson.setup)());
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
fn every_lesson_is_complete_in_every_language() {
    for lesson in catalogue() {
        assert!(
            (lesson.setup)().validate().is_ok(),
            "{}: bad setup",
            lesson.id
        );
        assert!(lesson.steps.len() >= 2, "{}: too short", lesson.id);
        let mut texts = vec![lesson.title, lesson.summary];
        for step in lesson.steps {
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
        let zh = tongue(Lang::Zh);
        for words in texts {
            assert!(!words.en.trim().is_empty(), "{}: empty text", lesson.id);
            for lang in Lang::ALL {
                assert!(
                    tongue(lang).has(words.en),
                    "{} ({}): {:?} has no translation",
                    lesson.id,
                    lang.code(),
                    words.en
                );
            }
            let chinese = words.in_tongue(zh);
            assert!(
                chinese
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{}: “{chinese}” is not Chinese",
                lesson.id,
            );
        }
    }
}

#[test]
fn every_reveal_is_one_of_the_offered_answers() {
    for lesson in catalogue() {
        let questions: Vec<&[Answer]> = lesson
            .steps
            .iter()
            .filter_map(|s| s.question.as_ref().map(|q| q.choices))
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

/// The revealed answers of the lesson with this id, in order.
fn answers_of(id: &str) -> Vec<Answer> {
    run_through(find(id).unwrap_or_else(|| panic!("there is no lesson {id}")))
}

#[test]
fn the_lessons_come_in_teaching_order() {
    let ids: Vec<&str> = catalogue().iter().map(|l| l.id).collect();
    assert_eq!(
        ids[..10],
        [
            "pop3-download-and-delete",
            "pop3-leave-on-server",
            "pop3-delete-after-days",
            "imap-seen-sync",
            "imap-delete-models",
            "imap-idle-vs-polling",
            "offline",
            "dropped-connection",
            "mixed-devices",
            "server-storage",
        ]
    );
}

#[test]
fn pop3_leave_on_server_keeps_mail_uidl_prevents_duplicates_until_its_state_is_lost() {
    use Answer::Count;
    // Three stay on the server; a second check takes only the new one; a lost UIDL list takes all four again.
    assert_eq!(
        answers_of("pop3-leave-on-server"),
        [Count(3), Count(4), Count(8)]
    );
}

#[test]
fn pop3_delete_after_days_deletes_only_when_the_client_next_connects_and_keeps_its_copies() {
    use Answer::Count;
    // A week passes and nothing changes; the laptop's next check deletes all three; its own copies stay.
    assert_eq!(
        answers_of("pop3-delete-after-days"),
        [Count(3), Count(0), Count(3)]
    );
}

#[test]
fn imap_seen_reaches_the_idling_phone_at_once_and_the_polling_tablet_at_its_poll() {
    use Answer::{No, Yes};
    assert_eq!(answers_of("imap-seen-sync"), [Yes, No, Yes]);
}

#[test]
fn imap_delete_models_trash_keeps_a_copy_deleted_only_marks_uid_expunge_removes_one() {
    use Answer::{Count, Yes};
    // Trash holds one; INBOX keeps the marked message; UID EXPUNGE removes only the desktop's message, so
    // the tablet's marked one is still there, with \Deleted.
    assert_eq!(
        answers_of("imap-delete-models"),
        [Count(1), Count(2), Count(1), Yes]
    );
}

#[test]
fn imap_idle_gets_new_mail_at_once_and_polling_only_after_its_interval() {
    use Answer::Count;
    assert_eq!(
        answers_of("imap-idle-vs-polling"),
        [Count(4), Count(3), Count(4)]
    );
}

#[test]
fn offline_both_read_their_mail_and_the_imap_delete_waits_for_the_network() {
    use Answer::Count;
    // The laptop's copies, the phone's cache, the server untouched while offline, then the replayed delete.
    assert_eq!(
        answers_of("offline"),
        [Count(3), Count(3), Count(3), Count(2)]
    );
}

#[test]
fn a_connection_dropped_before_quit_deletes_nothing_and_the_next_session_finishes_without_duplicates(
) {
    use Answer::Count;
    assert_eq!(
        answers_of("dropped-connection"),
        [Count(3), Count(3), Count(0)]
    );
}

#[test]
fn a_pop3_device_empties_the_mailbox_for_the_imap_devices_the_poller_learns_late() {
    use Answer::Count;
    assert_eq!(answers_of("mixed-devices"), [Count(0), Count(3), Count(0)]);
}

#[test]
fn over_quota_imap_trash_frees_nothing_pop3_frees_the_inbox() {
    use Answer::{Count, No, Yes};
    // Refused; still refused after the phone's move to Trash; the laptop empties INBOX; accepted; Trash keeps one.
    assert_eq!(
        answers_of("server-storage"),
        [Yes, Yes, Count(0), No, Count(1)]
    );
}

#[test]
fn server_measures_find_messages_by_their_bare_message_id() {
    let world = World::new(WorldSetup::default());
    let id = "1.default@mailroom.example";
    assert_eq!(
        Measure::ServerHolds { message_id: id }.read(&world),
        Answer::Yes
    );
    assert_eq!(
        Measure::ServerFlag {
            message_id: id,
            flag: Flag::Seen
        }
        .read(&world),
        Answer::No
    );
    assert_eq!(
        Measure::ServerHolds {
            message_id: "9.default@mailroom.example"
        }
        .read(&world),
        Answer::No
    );
}

#[test]
fn every_question_cites_an_rfc_in_every_language() {
    for lang in Lang::ALL {
        let tongue = tongue(lang);
        for lesson in catalogue() {
            for q in lesson.steps.iter().filter_map(|s| s.question.as_ref()) {
                let why = q.why.in_tongue(tongue);
                assert!(
                    why.contains("RFC "),
                    "{} ({}): “{why}” cites no RFC",
                    lesson.id,
                    lang.code()
                );
            }
        }
    }
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
    let mut timeline = Timeline::new((lesson.setup)());
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
