//! Property tests: whatever a student does, at whatever pace, the checker never panics, and the teacher's
//! verification of the solution link (a replay) says exactly what the student's page said live.
#![cfg(not(target_arch = "wasm32"))]

use mailroom::sim::challenge::{builtin, catalogue, verify, Verdict};
use mailroom::sim::time::SimTime;
use mailroom::sim::world::{Action, Fault};
use proptest::prelude::*;

/// A student's move, with indexes resolved against the world when it is made.
#[derive(Debug, Clone)]
enum Step {
    Check(usize),
    Toggle(usize),
    Open(usize, usize),
    Flag(usize, usize),
    Delete(usize, usize),
    Send,
    Warp,
    DropBeforeQuit(usize),
}

fn steps() -> impl Strategy<Value = Vec<(Step, u64)>> {
    let device = 0..3usize;
    let message = 0..6usize;
    let one = prop_oneof![
        4 => device.clone().prop_map(Step::Check),
        2 => device.clone().prop_map(Step::Toggle),
        2 => (device.clone(), message.clone()).prop_map(|(d, m)| Step::Open(d, m)),
        1 => (device.clone(), message.clone()).prop_map(|(d, m)| Step::Flag(d, m)),
        2 => (device.clone(), message).prop_map(|(d, m)| Step::Delete(d, m)),
        1 => Just(Step::Send),
        1 => Just(Step::Warp),
        1 => device.prop_map(Step::DropBeforeQuit),
    ];
    // Each move some milliseconds to minutes after the one before: the student does not wait for quiet.
    proptest::collection::vec((one, 0..700_000u64), 0..12)
}

fn action(world: &mailroom::sim::world::World, step: &Step) -> Action {
    let devices = world.devices();
    let device = |i: usize| devices[i % devices.len()].id.clone();
    let on_message = |d: usize, m: usize| {
        let held = devices[d % devices.len()].local_messages();
        let id = held
            .get(m % held.len().max(1))
            .map_or_else(|| "none@nowhere".to_string(), |x| x.message_id.clone());
        (device(d), "INBOX".to_string(), id)
    };
    match *step {
        Step::Check(d) => Action::CheckMail { device: device(d) },
        Step::Toggle(d) => Action::ToggleOnline { device: device(d) },
        Step::Open(d, m) => {
            let (device, folder, message_id) = on_message(d, m);
            Action::OpenMessage {
                device,
                folder,
                message_id,
            }
        }
        Step::Flag(d, m) => {
            let (device, folder, message_id) = on_message(d, m);
            Action::ToggleFlag {
                device,
                folder,
                message_id,
            }
        }
        Step::Delete(d, m) => {
            let (device, folder, message_id) = on_message(d, m);
            Action::DeleteMessage {
                device,
                folder,
                message_id,
            }
        }
        Step::Send => Action::SendMail {
            from: "Bob <bob@example.net>".into(),
            subject: "Hello".into(),
            body: "Hi".into(),
        },
        Step::Warp => Action::WarpDays { days: 1 },
        Step::DropBeforeQuit(d) => Action::InjectFault {
            fault: Fault::DropBeforeQuit { device: device(d) },
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_replayed_verdict_is_what_the_page_showed_live(
        which in 0..12usize,
        seed in 0..6u64,
        moves in steps(),
        stop_after in 0..120_000u64,
    ) {
        let entry = &catalogue()[which % catalogue().len()];
        let challenge = builtin(entry.id, seed).expect("built-in");
        let mut timeline = challenge.start().expect("starts");
        for (step, delay) in &moves {
            let at = timeline.world().now().saturating_add(SimTime::from_millis(*delay));
            let action = action(timeline.world(), step);
            // A refused action (an offline device's check) changes nothing, as on the page.
            let _ = timeline.act(action, at);
        }
        let end = timeline.world().now().saturating_add(SimTime::from_millis(stop_after));
        timeline.advance_to(end);
        let live = challenge.check(&timeline);
        let verdict = verify(&challenge.solution_of(&timeline));
        match verdict {
            Verdict::Solved { actions, par } => {
                prop_assert!(live.solved());
                prop_assert_eq!(actions, live.actions);
                prop_assert_eq!(par, challenge.par());
            }
            Verdict::Unsolved { actions, missing, .. } => {
                prop_assert!(!live.solved());
                prop_assert_eq!(actions, live.actions);
                prop_assert_eq!(missing, live.missing());
            }
            Verdict::Invalid(error) => prop_assert!(false, "{}: {}", entry.id, error),
        }
    }
}
