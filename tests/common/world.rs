//! Driving a whole world in tests: an action applied now, then the world run until nothing is on the wire.

use mailroom::sim::world::{Action, World};

/// Applies an action now and lets the world run until nothing is on the wire.
pub fn act(world: &mut World, action: Action) {
    let now = world.now();
    world
        .handle_action(action, now)
        .expect("the action is accepted");
    world.run_until_idle();
}

/// The device checks mail, and the world runs until its session is quiet.
pub fn check(world: &mut World, device: &str) {
    act(
        world,
        Action::CheckMail {
            device: device.into(),
        },
    );
}
