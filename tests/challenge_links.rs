//! Challenges and solutions as JSON for links: they read back as written, a solution is verified by replaying
//! it through the same checker (solved against the par, or unsolved with what is missing), and a damaged,
//! hostile or newer one is invalid with a clear message, never a panic and never a claimed success.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::challenge::*;
use common::languages::tongue;
use mailroom::i18n::Lang;
use mailroom::sim::challenge::codec::{
    challenge_from_json, challenge_to_json, document_kind, solution_from_json, solution_to_json,
    verify_json, DocumentKind, CHALLENGE_FORMAT_VERSION,
};
use mailroom::sim::challenge::{
    builtin, gradebook_csv, verify, Challenge, Condition, MessageRef, Move, Solution,
    SolutionError, Text, Verdict,
};
use mailroom::sim::imap::{DeleteModel, SyncMode};
use mailroom::sim::mail::Flag;
use mailroom::sim::time::SimTime;
use mailroom::sim::timeline::LoadError;
use proptest::prelude::*;

/// The student's solution after these moves on the challenge's start.
fn solution(challenge: &Challenge, moves: &[Move]) -> Solution {
    challenge.solution_of(&play(challenge, moves))
}

/// A teacher's own challenge: the canonical both-see-all, renamed and retold, with one condition of every kind.
fn teachers_challenge() -> Challenge {
    let mut c = canonical("both-see-all");
    c.id = "alice-and-her-two-devices".into();
    c.title = Text {
        en: "Alice's \"two\" devices\n".into(),
        zh: "Alice 的两台设备 \u{1F4E7}".into(),
        fills: Vec::new(),
    };
    c.hints.push(Text {
        en: "Think of the server.".into(),
        zh: "想想服务器。".into(),
        fills: vec![("{server}".into(), "the server".into())],
    });
    c.setup_moves.push(Move::Wait(SimTime::from_minutes(1)));
    let m = MessageRef {
        id: "1.default@mailroom.example".into(),
        subject: "Lunch on Friday?".into(),
    };
    let device = || "phone".to_string();
    c.goal.extend([
        Condition::ServerFolderHolds {
            folder: "Trash".into(),
            count: 0,
        },
        Condition::ServerHolds {
            message: m.clone(),
            folder: None,
            held: true,
        },
        Condition::ServerFlag {
            message: m.clone(),
            flag: Flag::Seen,
            set: false,
        },
        Condition::DeviceHolds {
            device: device(),
            count: 3,
        },
        Condition::DeviceFlag {
            device: device(),
            message: m,
            flag: Flag::Flagged,
            set: false,
        },
        Condition::DeviceHoldsNoDuplicates { device: device() },
        Condition::NothingPending { device: device() },
        Condition::Pop3LeavesMailOnServer {
            device: "laptop".into(),
        },
        Condition::Pop3KeepsMailForDays {
            device: "laptop".into(),
            days: 30,
        },
        Condition::NeverDownloadedTwice { device: device() },
        Condition::ActedWhileOffline { device: device() },
        Condition::NeverCheckedMail { device: device() },
        Condition::NewMailShownWithin {
            device: device(),
            seconds: 60,
        },
        Condition::LastDeliveryAccepted,
    ]);
    c
}

#[test]
fn every_kind_of_condition_has_words_in_both_languages_from_its_parameters() {
    let c = teachers_challenge();
    let mut kinds: Vec<String> = Vec::new();
    for condition in &c.goal {
        let words = condition.words();
        assert!(!words.english().is_empty(), "{condition:?}");
        let chinese = words.in_tongue(tongue(Lang::Zh));
        assert!(
            chinese.chars().any(|ch| ch > '\u{2e80}') && !chinese.contains('{'),
            "{condition:?}: {chinese}"
        );
        let kind = format!("{condition:?}");
        kinds.push(
            kind.split([' ', '{'])
                .next()
                .unwrap_or_default()
                .to_string(),
        );
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds.len(), 17, "one of every kind: {kinds:?}");
    let days = Condition::Pop3KeepsMailForDays {
        device: "desktop".into(),
        days: 1,
    }
    .words();
    assert_eq!(
        days.english(),
        "The desktop's POP3 client leaves mail on the server and deletes it there after 1 day"
    );
    assert_eq!(
        days.in_tongue(tongue(Lang::Zh)),
        "台式电脑 的 POP3 客户端把邮件保留在服务器上，1 天后再从服务器删除"
    );
}

#[test]
fn a_built_in_travels_by_id_and_seed_and_reads_back_the_same() {
    for seed in [0, 7, u64::MAX] {
        let c = builtin("offline-delete", seed).expect("built-in");
        let json = challenge_to_json(&c);
        assert!(json.contains("\"builtin\":\"offline-delete\""), "{json}");
        assert!(json.len() < 100, "{json}");
        assert_eq!(challenge_from_json(&json), Ok(c));
    }
}

#[test]
fn one_fragment_format_carries_worlds_challenges_and_solutions_told_apart() {
    let c = canonical("keep-for-a-week");
    let timeline = c.play_solution().expect("plays");
    assert_eq!(
        document_kind(&challenge_to_json(&c)),
        DocumentKind::Challenge
    );
    assert_eq!(
        document_kind(&challenge_to_json(&teachers_challenge())),
        DocumentKind::Challenge
    );
    let s = c.solution_of(&timeline);
    assert_eq!(document_kind(&solution_to_json(&s)), DocumentKind::Solution);
    assert_eq!(document_kind(&timeline.to_json()), DocumentKind::World);
    assert_eq!(document_kind("[1,2]"), DocumentKind::Unknown);
    assert_eq!(document_kind("{\"version\":1"), DocumentKind::Unknown);
    assert_eq!(c.progress_key(), "mailroom.challenge.keep-for-a-week.0");
}

#[test]
fn a_teachers_challenge_travels_whole_and_reads_back_the_same() {
    let c = teachers_challenge();
    assert_eq!(c.validate(), Ok(()));
    let json = challenge_to_json(&c);
    assert!(json.contains("\"custom\""));
    assert_eq!(challenge_from_json(&json), Ok(c.clone()));
    // Its stored solution still solves the conditions it shares with the built-in; the checker says which
    // of the added ones do not hold.
    let timeline = c.play_solution().expect("plays");
    let missing = c.check(&timeline).missing();
    assert!(!missing.is_empty());
    assert!(missing.iter().any(|t| t.english().contains("30 days")));
}

#[test]
fn a_changed_challenge_cannot_pass_for_a_built_in() {
    let mut c = canonical("mailbox-full");
    c.goal = vec![Condition::NothingLost];
    let error = c.validate().expect_err("refused");
    assert!(error
        .to_string()
        .contains("built-in challenge “mailbox-full”"));
    let sneaky = Solution {
        challenge: c,
        actions: Vec::new(),
        moment: 0,
        now: SimTime::ZERO,
    };
    let verdict = verify_json(&solution_to_json(&sneaky));
    assert!(
        matches!(verdict, Verdict::Invalid(SolutionError::BadChallenge(_))),
        "{verdict:?}"
    );
}

#[test]
fn a_solution_link_is_verified_by_replaying_it() {
    for id in [
        "both-see-all",
        "vanished-mail",
        "duplicates-after-lost-state",
    ] {
        let c = canonical(id);
        let s = c.solution_of(&c.play_solution().expect("plays"));
        assert_eq!(s.actions.len(), c.par());
        let json = solution_to_json(&s);
        assert_eq!(solution_from_json(&json), Ok(s.clone()));
        let verdict = verify_json(&json);
        assert_eq!(
            verdict,
            Verdict::Solved {
                actions: c.par(),
                par: c.par()
            }
        );
        assert_eq!(verdict.id(), "solved");
    }
    // Another correct way, one action over par.
    let c = canonical("read-here-seen-there");
    let m = goal_message(&c);
    let push = imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash);
    let moves = [
        configure("tablet", push),
        toggle_online("tablet"),
        toggle_online("tablet"),
        check("phone"),
        open("phone", &m),
    ];
    let verdict = verify_json(&solution_to_json(&solution(&c, &moves)));
    assert_eq!(verdict, Verdict::Solved { actions: 5, par: 2 });
}

#[test]
fn actions_undone_by_stepping_back_neither_count_nor_travel() {
    let c = canonical("read-here-seen-there");
    let mut timeline = c.play_solution().expect("plays");
    assert!(c.check(&timeline).solved());
    // Back to just before the student's last action (opening the message on the phone).
    let last = timeline.log().last().expect("an action").moment;
    timeline.jump_to(last);
    let checklist = c.check(&timeline);
    assert_eq!(checklist.actions, c.par() - 1);
    assert!(!checklist.solved());
    let s = c.solution_of(&timeline);
    assert_eq!(s.actions.len(), c.par() - 1);
    assert!(matches!(verify(&s), Verdict::Unsolved { .. }));
}

#[test]
fn a_solution_whose_replay_misses_the_goal_is_unsolved_with_what_is_missing() {
    let c = canonical("dropped-before-quit");
    let s = solution(&c, &[check("laptop")]);
    let verdict = verify(&s);
    let Verdict::Unsolved {
        actions,
        par,
        missing,
    } = &verdict
    else {
        panic!("{verdict:?}");
    };
    assert_eq!((*actions, *par), (1, 2));
    let en: Vec<String> = missing.iter().map(Text::english).collect();
    assert_eq!(en, ["The server's INBOX holds 0 messages"]);
    assert_eq!(
        missing[0].in_tongue(tongue(Lang::Zh)),
        "服务器的收件箱里有 0 封邮件"
    );
    assert_eq!(verdict.id(), "unsolved");
    // Cutting the stored solution's last action off misses the goal too.
    let full = c.solution_of(&c.play_solution().expect("plays"));
    let mut cut = full.clone();
    cut.actions.pop();
    assert!(matches!(verify(&cut), Verdict::Unsolved { .. }));
    // An empty solution has nothing to show.
    let empty = solution(&c, &[]);
    assert!(matches!(
        verify(&empty),
        Verdict::Unsolved { actions: 0, .. }
    ));
}

/// A valid solution's JSON to tamper with.
fn good_solution_json() -> String {
    let c = canonical("offline-delete");
    solution_to_json(&c.solution_of(&c.play_solution().expect("plays")))
}

fn invalid(json: &str) -> SolutionError {
    match verify_json(json) {
        Verdict::Invalid(error) => error,
        other => panic!("accepted: {other:?}\n{json}"),
    }
}

#[test]
fn a_tampered_solution_is_invalid_with_a_clear_message() {
    let json = good_solution_json();
    // An action on a device that is not there.
    let tampered = json.replacen("\"device\":\"tablet\"", "\"device\":\"fridge\"", 1);
    let error = invalid(&tampered);
    assert!(
        matches!(
            error,
            SolutionError::Replay(LoadError::RefusedAction { index: _, .. })
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("there is no device “fridge”"),
        "{error}"
    );
    // An action moved back into the challenge's own setup.
    let first_moment = json.find("\"actions\":[{\"moment\":").expect("actions") + 21;
    let end = first_moment + json[first_moment..].find(',').expect("comma");
    let early = format!("{}0{}", &json[..first_moment], &json[end..]);
    assert_eq!(invalid(&early), SolutionError::BeforeStart);
    assert!(SolutionError::BeforeStart.to_string().contains("altered"));
    // Not JSON, the wrong shape, an unknown challenge, an unknown condition.
    assert!(matches!(
        invalid("{\"version\":1,"),
        SolutionError::Unreadable(_)
    ));
    let error = invalid("{\"version\":1,\"challenge\":{\"version\":1}}");
    assert!(
        error.to_string().contains("custom should be present"),
        "{error}"
    );
    let unknown = json.replacen("offline-delete", "no-such-thing", 1);
    assert_eq!(
        invalid(&unknown),
        SolutionError::UnknownChallenge("no-such-thing".into())
    );
}

#[test]
fn a_truncated_solution_is_never_solved() {
    let json = good_solution_json();
    assert!(matches!(verify_json(&json), Verdict::Solved { .. }));
    for cut in (0..json.len()).filter(|i| json.is_char_boundary(*i)) {
        let verdict = verify_json(&json[..cut]);
        assert!(matches!(verdict, Verdict::Invalid(_)), "{cut}: {verdict:?}");
    }
}

#[test]
fn a_newer_version_is_refused_by_name() {
    let json = good_solution_json();
    let newer = json.replacen(
        &format!("{{\"version\":{CHALLENGE_FORMAT_VERSION}"),
        "{\"version\":2",
        1,
    );
    let error = invalid(&newer);
    assert_eq!(error, SolutionError::NewerVersion(2));
    assert!(error.to_string().contains("newer Mailroom"), "{error}");
    // The challenge inside may be the newer one.
    let inner = json.replacen(
        "\"challenge\":{\"version\":1",
        "\"challenge\":{\"version\":9",
        1,
    );
    assert_eq!(invalid(&inner), SolutionError::NewerVersion(9));
    let challenge = "{\"version\":3,\"anything\":[]}";
    assert_eq!(
        challenge_from_json(challenge),
        Err(SolutionError::NewerVersion(3))
    );
}

#[test]
fn hostile_challenges_are_refused_within_bounds() {
    let refused = |c: &Challenge| {
        let json = challenge_to_json(c);
        challenge_from_json(&json).expect_err("refused")
    };
    let mut c = teachers_challenge();
    c.goal = vec![Condition::NothingLost; 33];
    assert!(refused(&c).to_string().contains("33 goal conditions"));
    c.goal.clear();
    assert!(refused(&c).to_string().contains("no condition"));
    let mut c = teachers_challenge();
    c.setup_moves = vec![Move::Wait(SimTime::from_days(365))];
    assert!(refused(&c).to_string().contains("more than two hours"));
    let mut c = teachers_challenge();
    c.setup.generated_messages = 10_000;
    assert!(refused(&c).to_string().contains("10000 generated messages"));
    let mut c = teachers_challenge();
    c.goal.push(Condition::NeverCheckedMail {
        device: "<script>".into(),
    });
    assert!(refused(&c).to_string().contains("cannot exist"));
    let mut c = teachers_challenge();
    c.task.en = "x".repeat(5_000);
    assert!(refused(&c).to_string().contains("longer than"));
    let mut c = teachers_challenge();
    c.id = "Not A Slug".into();
    assert!(refused(&c).to_string().contains("lower-case"));
    // Too many actions, and too much text, are refused before anything replays.
    let mut s = solution(&canonical("both-see-all"), &[check("phone")]);
    s.actions = vec![s.actions[0].clone(); 1_001];
    assert_eq!(
        invalid(&solution_to_json(&s)),
        SolutionError::TooManyActions(1_001)
    );
    let huge = format!("{{\"version\":1,\"pad\":\"{}\"}}", "x".repeat(300_000));
    assert!(invalid(&huge).to_string().contains("bytes is more than"));
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(matches!(invalid(&deep), SolutionError::Unreadable(_)));
}

#[test]
fn pasted_solutions_become_a_gradebook_csv() {
    let c = canonical("dropped-before-quit");
    let solved = solution_to_json(&c.solution_of(&c.play_solution().expect("plays")));
    let unsolved = solution_to_json(&solution(&c, &[check("laptop")]));
    let mut odd = teachers_challenge();
    odd.goal = vec![Condition::ServerFolderHolds {
        folder: "Work, \"old\"".into(),
        count: 1,
    }];
    let quoted = solution_to_json(&solution(&odd, &[]));
    let csv = gradebook_csv(&[&solved, &unsolved, &quoted, "{\"version\":1,"]);
    let rows: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(rows[0], "row,challenge,seed,verdict,actions,par,details");
    assert_eq!(rows[1], "1,dropped-before-quit,0,solved,2,2,");
    assert_eq!(
        rows[2],
        "2,dropped-before-quit,0,unsolved,1,2,The server's INBOX holds 0 messages"
    );
    // A comma or a quote in a field: quoted, quotes doubled (RFC 4180 §2).
    assert_eq!(
        rows[3],
        "3,alice-and-her-two-devices,0,unsolved,0,3,\"The server's Work, \"\"old\"\" holds 1 message\""
    );
    assert!(
        rows[4].starts_with("4,,,invalid,,,it is not a Mailroom challenge: not JSON"),
        "{}",
        rows[4]
    );
    assert_eq!(
        rows.len(),
        6,
        "one line per solution and a final line break"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn decoding_arbitrary_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = challenge_from_json(&text);
        let _ = solution_from_json(&text);
        let verdict = verify_json(&text);
        let solved = matches!(verdict, Verdict::Solved { .. });
        prop_assert!(!solved, "arbitrary bytes were solved");
    }

    #[test]
    fn a_damaged_solution_never_panics(at in 0usize..2_000, byte in any::<u8>()) {
        let json = good_solution_json();
        let mut bytes = json.into_bytes();
        let at = at % bytes.len();
        bytes[at] = byte;
        let _ = verify_json(&String::from_utf8_lossy(&bytes));
    }
}
