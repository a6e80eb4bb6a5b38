//! The teacher's builder, underneath the page: a teacher starts from a world, records a solution by playing
//! it, picks goal conditions from the world's own menu, and shares the challenge; a fresh page solves it
//! another way, and the teacher's page verifies the student's solution link.

mod common;

use common::challenge::canonical;
use mailroom::sim::challenge::codec::{
    challenge_from_json, challenge_to_json, solution_to_json, verify_json,
};
use mailroom::sim::challenge::{
    condition_menu, moves_from_recording, start_timeline, ChallengeRun, Condition, Draft,
    DraftError, MessageRef, Move, SolutionError, Text, Verdict,
};
use mailroom::sim::mail::Flag;
use mailroom::sim::time::SimTime;
use mailroom::sim::timeline::Timeline;
use mailroom::sim::world::{Action, WorldSetup};

fn text(en: &str, zh: &str) -> Text {
    Text {
        en: en.into(),
        zh: zh.into(),
        fills: Vec::new(),
    }
}

fn open(device: &str, message_id: &str) -> Action {
    Action::OpenMessage {
        device: device.into(),
        folder: "INBOX".into(),
        message_id: message_id.into(),
    }
}

fn check(device: &str) -> Action {
    Action::CheckMail {
        device: device.into(),
    }
}

/// The teacher plays at the page's pace: each action a few seconds after the one before, not when the wire is
/// quiet, and ten minutes at the end for the tablet's poll.
fn teacher_records() -> Timeline {
    let mut timeline = start_timeline(&WorldSetup::default(), &[]).expect("starts");
    let at = |s: u64| SimTime::from_secs(s);
    timeline.act(check("phone"), at(0)).expect("checks");
    timeline
        .act(open("phone", "2.default@mailroom.example"), at(20))
        .expect("opens");
    timeline.advance_to(SimTime::from_minutes(11));
    timeline
}

fn draft(goal: Vec<Condition>, solution: Vec<Move>) -> Draft {
    Draft {
        id: "seen-everywhere".into(),
        title: text("Seen everywhere", "处处已读"),
        task: text(
            "Read the homework on the phone so the tablet shows it read.",
            "在手机上阅读作业邮件，让平板电脑显示它已读。",
        ),
        setup: WorldSetup::default(),
        setup_moves: Vec::new(),
        hints: vec![text("Flags live on the server.", "标志保存在服务器上。")],
        solution,
        why: text(
            "\\Seen is stored with the message on the server (RFC 3501 §2.3.2).",
            "\\Seen 和邮件一起保存在服务器上（RFC 3501 §2.3.2）。",
        ),
        goal,
    }
}

#[test]
fn a_teacher_builds_and_shares_a_challenge_a_fresh_page_solves_and_the_teacher_verifies() {
    let recorded = teacher_records();
    let menu = condition_menu(recorded.world());
    let homework = MessageRef {
        id: "2.default@mailroom.example".into(),
        subject: "Homework: network protocols".into(),
    };
    // The menu offers the world's own devices and messages, as they stand.
    let seen_on = |device: &str| Condition::DeviceFlag {
        device: device.into(),
        message: homework.clone(),
        flag: Flag::Seen,
        set: true,
    };
    let on_server = Condition::ServerFlag {
        message: homework.clone(),
        flag: Flag::Seen,
        set: true,
    };
    for wanted in [&seen_on("tablet"), &seen_on("phone"), &on_server] {
        assert!(menu.contains(wanted), "{wanted:?} is not offered");
    }
    assert!(menu.contains(&Condition::DeviceHolds {
        device: "laptop".into(),
        count: 0
    }));
    assert!(menu.contains(&Condition::ServerFolderHolds {
        folder: "INBOX".into(),
        count: 3
    }));

    // The recording becomes the stored solution: two actions, and waits where the teacher let time pass.
    let solution = moves_from_recording(&WorldSetup::default(), &[], &recorded).expect("replays");
    let actions = solution.iter().filter(|m| matches!(m, Move::Do(_))).count();
    assert_eq!(actions, 2);
    assert!(solution.iter().any(|m| matches!(m, Move::Wait(_))));
    let goal = vec![seen_on("tablet"), on_server];
    let challenge = draft(goal.clone(), solution.clone())
        .build()
        .expect("the recording solves it");
    assert_eq!(challenge.par(), 2);

    // Shared as JSON; a fresh page reads it and the student solves it another way.
    let link = challenge_to_json(&challenge);
    let received = challenge_from_json(&link).expect("reads");
    assert_eq!(received, challenge);
    let (mut run, mut timeline) = ChallengeRun::start(received).expect("starts");
    for action in [check("phone"), open("phone", &homework.id), check("tablet")] {
        timeline.run_until_idle();
        let now = timeline.world().now();
        timeline.act(action, now).expect("acts");
        run.observe(&timeline);
    }
    timeline.run_until_idle();
    run.observe(&timeline);
    let finish = run.finished.clone().expect("solved");
    assert_eq!((finish.actions, finish.par), (3, 2));

    // The teacher's page verifies the solution link.
    let solution_link = solution_to_json(&finish.solution);
    assert_eq!(
        verify_json(&solution_link),
        Verdict::Solved { actions: 3, par: 2 }
    );
    // Editing it again starts from the same pieces.
    let again = Draft::from_challenge(&challenge);
    assert_eq!(again.build(), Ok(challenge));
}

#[test]
fn a_draft_whose_recorded_solution_falls_short_is_not_shared() {
    let recorded = teacher_records();
    let solution = moves_from_recording(&WorldSetup::default(), &[], &recorded).expect("replays");
    let unmet = Condition::DeviceHolds {
        device: "laptop".into(),
        count: 3,
    };
    let error = draft(vec![unmet], solution.clone())
        .build()
        .expect_err("falls short");
    assert!(matches!(error, DraftError::SolutionFallsShort(_)));
    assert!(
        error.to_string().contains("The laptop shows 3 messages"),
        "{error}"
    );
    let error = draft(Vec::new(), solution).build().expect_err("no goal");
    assert!(matches!(
        error,
        DraftError::Invalid(SolutionError::BadChallenge(_))
    ));
    // A built-in edited under its own id would pass for the original: the builder wants a new id.
    let mut edited = Draft::from_challenge(&canonical("mailbox-full"));
    edited.goal.push(Condition::NothingLost);
    assert!(matches!(edited.build(), Err(DraftError::Invalid(_))));
}
