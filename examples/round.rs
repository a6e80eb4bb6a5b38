//! Times one round of checks with 8 devices and N messages (`cargo run --release --example round -- N`), and
//! prints how large the saved world is: a quick look at the world's cost outside criterion.

use mailroom::sim::timeline::Timeline;
use mailroom::sim::world::{Action, WorldSetup};
use std::time::Instant;

fn main() {
    let n: u32 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    let setup = WorldSetup::crowded(8, n);
    let mut timeline = Timeline::new(setup);
    let started = Instant::now();
    let ids: Vec<String> = timeline
        .world()
        .devices()
        .iter()
        .map(|d| d.id.clone())
        .collect();
    for id in ids {
        let now = timeline.world().now();
        timeline
            .act(Action::CheckMail { device: id }, now)
            .expect("online");
    }
    timeline.run_until_idle();
    let elapsed = started.elapsed();
    let world = timeline.world();
    println!(
        "{n} messages, 8 devices: {} moments, {} lines, {elapsed:?}; saved world (setup + log): {} bytes of JSON",
        world.moments(),
        world.transcript().len(),
        timeline.to_json().len()
    );
}
