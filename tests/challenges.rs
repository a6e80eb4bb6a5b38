//! Challenges: every built-in is solved by its stored solution and not by doing nothing; each kind of
//! condition reports exactly what a wrong attempt misses; variants differ and stay solvable; solutions travel
//! as JSON and are verified by replaying them, and damaged ones are refused.

use mailroom::sim::challenge::{builtin, catalogue, perform, Challenge, Move};

fn solved_by_stored_solution(challenge: &Challenge) -> bool {
    let timeline = challenge
        .play_solution()
        .unwrap_or_else(|e| panic!("{}: {e}", challenge.id));
    let checklist = challenge.check(&timeline);
    if !checklist.solved() {
        eprintln!(
            "{} seed {}: missing {:?}",
            challenge.id,
            challenge.seed,
            checklist.missing()
        );
    }
    checklist.solved()
}

#[test]
fn every_built_in_challenge_is_solved_by_its_stored_solution() {
    let mut failed = Vec::new();
    for entry in catalogue() {
        let challenge = builtin(entry.id, 0).expect("built-in");
        if !solved_by_stored_solution(&challenge) {
            failed.push(entry.id);
        }
    }
    assert!(failed.is_empty(), "not solved: {failed:?}");
}

#[test]
fn no_built_in_challenge_is_solved_by_doing_nothing() {
    for entry in catalogue() {
        let challenge = builtin(entry.id, 0).expect("built-in");
        let mut timeline = challenge.start().expect("starts");
        perform(
            &mut timeline,
            &Move::Wait(mailroom::sim::time::SimTime::from_minutes(30)),
        )
        .unwrap();
        let checklist = challenge.check(&timeline);
        assert!(!checklist.solved(), "{} is solved by waiting", entry.id);
        assert_eq!(checklist.actions, 0);
    }
}
