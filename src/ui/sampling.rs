//! When the lists are redrawn. Normally on every frame that changed them; but while lines pour in faster than
//! anyone reads (eight devices syncing 500 messages send thousands a second), the transcript and the mail
//! lists are redrawn ten times a second of wall time instead, and what travels the wires still moves every
//! frame. A sample is a function of sim time and speed, so step, step back and pause show the exact world.

use crate::sim::time::SimTime;
use crate::sim::world::World;

/// More lines than this sent within `FLOOD_SPAN` of sim time is a flood: sixty a second, over four seconds so
/// that a flood's bursts and lulls do not switch sampling on and off (each switch redraws every list).
const FLOOD_LINES: usize = 240;
const FLOOD_SPAN: SimTime = SimTime::from_secs(4);
/// Wall milliseconds between two redraws of the lists during a flood.
const SAMPLE_WALL_MS: f64 = 100.0;

/// Which sample of sim time the lists show during a flood, and the sim time it began.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub index: u64,
    pub at: SimTime,
}

/// The sample the lists show now, or `None` when they follow every frame (no flood, paused, or stepping).
pub fn sample(world: &World, playing: bool, sim_ms_per_wall_ms: Option<f64>) -> Option<Sample> {
    let speed = sim_ms_per_wall_ms?;
    if !playing || recent_lines(world) <= FLOOD_LINES {
        return None;
    }
    let span = ((SAMPLE_WALL_MS * speed) as u64).max(1);
    let index = world.now().millis() / span;
    Some(Sample {
        index,
        at: SimTime::from_millis(index * span),
    })
}

/// Lines sent within the last `FLOOD_SPAN` of sim time, counted back from the newest (up to one more than a
/// flood).
fn recent_lines(world: &World) -> usize {
    let now = world.now();
    let since = now.saturating_sub(FLOOD_SPAN);
    world
        .transcript()
        .iter()
        .rev()
        .skip_while(|e| e.sent > now)
        .take(FLOOD_LINES + 1)
        .take_while(|e| e.sent > since)
        .count()
}
