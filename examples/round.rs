//! Times one round of checks with 8 devices and N messages (`cargo run --release --example round -- N`):
//! a quick look at the world's cost outside criterion.

use mailroom::sim::world::{Action, World, WorldSetup};
use std::time::Instant;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let mut setup = WorldSetup::default();
    let template = setup.devices.clone();
    setup.devices = (0..8)
        .map(|i| {
            let mut d = template[i % 3].clone();
            if i >= 3 {
                d.id = format!("{}-{}", d.kind.id(), i / 3 + 1);
            }
            d
        })
        .collect();
    setup.generated_messages = n;
    let mut world = World::new(setup);
    let started = Instant::now();
    let ids: Vec<String> = world.devices().iter().map(|d| d.id.clone()).collect();
    for id in ids {
        let now = world.now();
        world
            .handle_action(Action::CheckMail { device: id }, now)
            .expect("online");
    }
    let steps = world.run_until_idle();
    println!(
        "{n} messages, 8 devices: {steps} steps, {} lines, {:?}",
        world.transcript().len(),
        started.elapsed()
    );
}
