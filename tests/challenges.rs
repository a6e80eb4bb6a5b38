//! Challenges: every built-in is solved by its stored solution and not by doing nothing, a wrong attempt
//! reports exactly the condition it misses (one per kind of condition), different correct solutions pass,
//! variants differ and stay solvable, and a run follows the student. Start worlds and shortcuts are in
//! challenge_worlds.rs, links in challenge_links.rs, the builder in challenge_builder.rs.

mod common;

use common::challenge::*;
use mailroom::sim::challenge::{
    builtin, catalogue, perform, verify, ChallengeRun, Condition, Level, Move, Variant, Verdict,
};
use mailroom::sim::device::ClientSetup;
use mailroom::sim::imap::{DeleteModel, SyncMode};
use mailroom::sim::pop3::Pop3Settings;
use mailroom::sim::time::SimTime;
use mailroom::sim::timeline::Timeline;
use mailroom::sim::world::{Action, Fault};

#[test]
fn there_are_twelve_built_ins_from_easy_to_hard_with_unique_slugs() {
    let list = catalogue();
    assert!(list.len() >= 12);
    let mut ids: Vec<&str> = list.iter().map(|b| b.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), list.len(), "two challenges share an id");
    let levels: Vec<Level> = list.iter().map(|b| b.level).collect();
    assert!(
        levels.windows(2).all(|w| w[0] as u8 <= w[1] as u8),
        "{levels:?}"
    );
    assert!(levels.contains(&Level::Easy) && levels.contains(&Level::Hard));
    for entry in list {
        let challenge = canonical(entry.id);
        assert_eq!(challenge.id, entry.id);
        assert_eq!(challenge.validate(), Ok(()));
        assert!(!challenge.hints.is_empty() && challenge.par() > 0);
        assert!(challenge.why.english().contains("RFC"));
        assert!(
            !challenge.task.english().contains('{'),
            "{}: unfilled",
            entry.id
        );
    }
    assert!(builtin("no-such-challenge", 0).is_none());
}

#[test]
fn every_built_in_is_solved_by_its_stored_solution_in_par_actions() {
    for entry in catalogue() {
        let challenge = canonical(entry.id);
        let timeline = challenge.play_solution().expect("the solution plays");
        let checklist = challenge.check(&timeline);
        assert!(
            checklist.solved(),
            "{}: missing {:?}",
            entry.id,
            checklist.missing()
        );
        assert_eq!(checklist.actions, challenge.par(), "{}", entry.id);
        assert_eq!(checklist.done(), checklist.total());
    }
}

#[test]
fn no_built_in_is_solved_by_doing_nothing() {
    for entry in catalogue() {
        let challenge = canonical(entry.id);
        let timeline = play(&challenge, &[wait_minutes(30)]);
        let checklist = challenge.check(&timeline);
        assert!(!checklist.solved(), "{} is solved by waiting", entry.id);
        assert_eq!(checklist.actions, 0);
        assert!(checklist.done() < checklist.total());
    }
}

#[test]
fn a_wrong_attempt_reports_exactly_the_conditions_it_misses() {
    // DeviceShows: the laptop checks first and takes the mail from the phone.
    let c = canonical("both-see-all");
    let w = play(&c, &[check("laptop"), check("phone")]);
    let phone_shows = words_of(
        &c,
        |c| matches!(c, Condition::DeviceShows { device, .. } if device == "phone"),
    );
    assert_eq!(missing(&c, &w), phone_shows);

    // AtMostActions: the right moves, with detours.
    let detours = [toggle_online("tablet"), toggle_online("tablet")];
    let mut moves = detours.to_vec();
    moves.extend(c.solution.iter().cloned());
    moves.push(check("laptop"));
    let w = play(&c, &moves);
    assert_eq!(
        missing(&c, &w),
        words_of(&c, |c| matches!(c, Condition::AtMostActions { .. }))
    );

    // NothingLost: the laptop switched to IMAP throws away the copies only it held.
    let c = canonical("vanished-mail");
    let w = play(
        &c,
        &[
            configure(
                "laptop",
                imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
            ),
            check("laptop"),
        ],
    );
    assert_eq!(missing(&c, &w), ["No message that nobody deleted was lost"]);

    // ServerFolderHolds: one check, the connection drops before QUIT, nothing is deleted.
    let c = canonical("dropped-before-quit");
    let w = play(&c, &[check("laptop")]);
    assert_eq!(missing(&c, &w), ["The server's INBOX holds 0 messages"]);

    // NeverDownloadedTwice: the laptop forgets its UIDLs, downloads all again, and the duplicates are deleted.
    let forget = act(Action::InjectFault {
        fault: Fault::UidlStateLost {
            device: "laptop".into(),
        },
    });
    let mut moves = vec![check("laptop"), forget, check("laptop")];
    let inbox: Vec<String> = device_ids(&play(&c, &[]), "laptop");
    assert!(inbox.is_empty());
    for message in goal_messages_of_start(&c) {
        moves.push(delete("laptop", &message));
    }
    let w = play(&c, &moves);
    assert_eq!(
        missing(&c, &w),
        ["The laptop never downloaded a message twice"]
    );

    // NeverCheckedMail: the tablet shows it read only because Check mail was pressed on it.
    let c = canonical("read-here-seen-there");
    let m = goal_message(&c);
    let w = play(&c, &[check("phone"), open("phone", &m), check("tablet")]);
    assert_eq!(
        missing(&c, &w),
        ["“Check mail” was never pressed on the tablet"]
    );

    // DeviceFlag / ServerFlag: flagged with POP3, the flag stays on the laptop.
    let c = canonical("flag-for-everyone");
    let m = goal_message(&c);
    let w = play(&c, &[flag("laptop", &m)]);
    let expected = [
        format!("The phone shows “{}” with \\Flagged", m.subject),
        format!("“{}” has \\Flagged on the server", m.subject),
    ];
    assert_eq!(missing(&c, &w), expected);

    // ActedWhileOffline: deleted for good, but online.
    let c = canonical("offline-delete");
    let m = goal_message(&c);
    let remove_at_once = imap(
        SyncMode::PollEveryMinutes(10),
        DeleteModel::RemoveImmediately,
    );
    let w = play(
        &c,
        &[
            toggle_online("tablet"),
            configure("tablet", remove_at_once),
            delete("tablet", &m),
        ],
    );
    assert_eq!(
        missing(&c, &w),
        words_of(&c, |c| matches!(c, Condition::ActedWhileOffline { .. }))
    );

    // ServerHolds (any folder): deleted offline, but moved to Trash.
    let w = play(&c, &[delete("tablet", &m), toggle_online("tablet")]);
    assert_eq!(
        missing(&c, &w),
        [format!(
            "“{}” is gone from the server, from every folder",
            m.subject
        )]
    );
    assert!(server_folder(&w, "Trash").iter().any(|(id, _)| *id == m.id));

    // NothingPending: duplicates deleted while the laptop deletes on the server what is deleted on it.
    let c = canonical("duplicates-after-lost-state");
    let moves: Vec<Move> = goal_messages_of_start(&c)
        .iter()
        .map(|m| delete("laptop", m))
        .collect();
    let w = play(&c, &moves);
    assert_eq!(
        missing(&c, &w),
        ["The laptop has nothing waiting to be sent to the server"]
    );

    // Pop3KeepsMailForDays and DeviceHolds.
    let c = canonical("keep-for-a-week");
    let fortnight = ClientSetup::Pop3(Pop3Settings::default());
    let w = play(&c, &[configure("laptop", fortnight), check("laptop")]);
    assert_eq!(
        missing(&c, &w),
        ["The laptop's POP3 client leaves mail on the server and deletes it there after 7 days"]
    );
    let week = c.solution[0].clone();
    let w = play(&c, &[week]);
    assert_eq!(missing(&c, &w), ["The laptop shows 3 messages"]);

    // LastDeliveryAccepted: a delete on the IMAP phone only moves the message to Trash, still on the server.
    let c = canonical("mailbox-full");
    let first = goal_messages_of_start(&c).remove(0);
    let w = play(&c, &[delete("phone", &first), send_mail()]);
    assert_eq!(
        missing(&c, &w),
        ["The server accepted the last message sent to Alice"]
    );

    // DeviceShows (not shown) is not met by removing the device.
    let c = canonical("deleted-but-still-there");
    let m = goal_message(&c);
    let remove = |device: &str| {
        act(Action::RemoveDevice {
            device: device.into(),
        })
    };
    let w = play(&c, &[remove("phone")]);
    assert!(missing(&c, &w).contains(&format!("The phone no longer shows “{}”", m.subject)));

    // DeviceShows (not shown): deleted on the POP3 laptop only, it stays on the server and the phone.
    let c = canonical("pop3-delete-reaches-server");
    let m = goal_message(&c);
    let w = play(&c, &[delete("laptop", &m), check("laptop")]);
    assert_eq!(
        missing(&c, &w),
        [
            format!("“{}” is gone from the server, from every folder", m.subject),
            format!("The phone no longer shows “{}”", m.subject),
        ]
    );
}

#[test]
fn different_correct_solutions_pass_because_the_checker_reads_state() {
    // The laptop reads with IMAP instead of leaving POP3 mail on the server.
    let c = canonical("both-see-all");
    let w = play(
        &c,
        &[
            configure(
                "laptop",
                imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
            ),
            check("laptop"),
            check("phone"),
        ],
    );
    assert!(c.check(&w).solved(), "{:?}", missing(&c, &w));
    assert_ne!(
        c.solution[0],
        configure("laptop", ClientSetup::imap(SyncMode::PushWithIdle))
    );

    // The tablet is set to push and brought back online, so the flag arrives by IDLE, without waiting.
    let c = canonical("read-here-seen-there");
    let m = goal_message(&c);
    let push = imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash);
    let w = play(
        &c,
        &[
            configure("tablet", push),
            toggle_online("tablet"),
            toggle_online("tablet"),
            check("phone"),
            open("phone", &m),
        ],
    );
    assert!(c.check(&w).solved(), "{:?}", missing(&c, &w));

    // Flag on the phone, then the laptop reads with IMAP.
    let c = canonical("flag-for-everyone");
    let m = goal_message(&c);
    let w = play(
        &c,
        &[
            flag("phone", &m),
            configure(
                "laptop",
                imap(SyncMode::PushWithIdle, DeleteModel::MoveToTrash),
            ),
            check("laptop"),
        ],
    );
    assert!(c.check(&w).solved(), "{:?}", missing(&c, &w));
}

#[test]
fn variants_differ_by_seed_and_each_is_solvable() {
    let seeds: Vec<u64> = (1..=12).collect();
    let variants: Vec<Variant> = seeds.iter().map(|s| Variant::new(*s)).collect();
    assert!(variants.iter().any(|v| v.pop3 != "laptop"));
    assert!(variants.iter().any(|v| v.extra_messages > 0));
    assert!(variants.windows(2).any(|w| w[0].pick != w[1].pick));
    for entry in catalogue() {
        let canonical = canonical(entry.id);
        let mut distinct = 0;
        for &seed in &seeds {
            let challenge = builtin(entry.id, seed).expect("built-in");
            assert_eq!(
                Some(&challenge),
                builtin(entry.id, seed).as_ref(),
                "not deterministic"
            );
            assert_eq!(challenge.validate(), Ok(()));
            if challenge != canonical {
                distinct += 1;
            }
            let timeline = challenge.play_solution().expect("the solution plays");
            let checklist = challenge.check(&timeline);
            assert!(
                checklist.solved(),
                "{} seed {seed}: missing {:?}",
                entry.id,
                checklist.missing()
            );
            let nothing = play(&challenge, &[]);
            assert!(
                !challenge.check(&nothing).solved(),
                "{} seed {seed}",
                entry.id
            );
        }
        assert!(distinct >= seeds.len() / 2, "{} hardly varies", entry.id);
    }
}

#[test]
fn the_goal_follows_the_variant() {
    let seed = (1..100)
        .find(|s| {
            let v = Variant::new(*s);
            v.extra_messages == 2 && v.pop3 != "laptop"
        })
        .expect("some seed has two extra messages");
    let v = Variant::new(seed);
    let c = builtin("dropped-before-quit", seed).expect("built-in");
    assert!(c.goal.contains(&Condition::DeviceHolds {
        device: v.pop3.clone(),
        count: 5
    }));
    let task = c.task.english();
    assert!(task.contains("all 5 messages") && task.contains(&v.pop3));
    let c = builtin("both-see-all", seed).expect("built-in");
    assert_eq!(c.goal.len(), 2 * 5 + 2);
    let c = builtin("duplicates-after-lost-state", seed).expect("built-in");
    assert_eq!(c.par(), 1 + 5);
}

/// What the page does while time plays: a little time passes, then the run is driven and observes.
fn play_on_the_page(run: &mut ChallengeRun, timeline: &mut Timeline) {
    for _ in 0..100_000 {
        if run.showing_solution.is_none() {
            return;
        }
        run.drive_solution(timeline)
            .expect("the stored solution plays");
        let now = timeline.world().now();
        timeline.advance_to(now.saturating_add(SimTime::from_millis(250)));
        run.observe(timeline);
    }
    panic!("{}: the solution never ends", run.challenge.id);
}

#[test]
fn a_run_ticks_live_reveals_hints_one_by_one_and_shows_the_solution_without_crediting_it() {
    for entry in catalogue() {
        let (mut run, start) = ChallengeRun::start(canonical(entry.id)).expect("starts");
        assert_eq!(
            start.world().moments(),
            run.challenge.start().expect("starts").world().moments()
        );
        assert!(!run.checklist.solved());
        run.reveal_hint();
        assert_eq!(run.challenge.hints(run.hints_shown).len(), 1);
        for _ in 0..20 {
            run.reveal_hint();
        }
        assert_eq!(run.hints_shown, run.challenge.hints.len());

        // "Show solution" plays the stored moves at the page's pace: solved, but not the student's finish.
        let mut timeline = run.show_solution().expect("restarts");
        play_on_the_page(&mut run, &mut timeline);
        assert!(
            run.checklist.solved(),
            "{}: {:?}",
            entry.id,
            run.checklist.missing()
        );
        assert_eq!(run.finished, None);

        // After a reset the student does it: the finish carries the solution to share.
        timeline = run.reset().expect("restarts");
        assert!(!run.checklist.solved());
        for step in &run.challenge.solution.clone() {
            perform(&mut timeline, step).expect("plays");
            run.observe(&timeline);
        }
        let finish = run.finished.clone().expect("finished");
        assert_eq!(
            (finish.actions, finish.par),
            (run.challenge.par(), run.challenge.par())
        );
        assert_eq!(
            verify(&finish.solution),
            Verdict::Solved {
                actions: finish.par,
                par: finish.par
            }
        );
    }
}
