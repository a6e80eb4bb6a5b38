//! When the lists are redrawn. Normally on every frame that changed them; but while lines pour in faster than
//! anyone reads (eight devices syncing 500 messages send thousands a second), the transcript and the mail
//! lists are redrawn ten times a second of wall time instead, and what travels the wires still moves every
//! frame. A sample is a function of sim time and speed, so step, step back and pause show the exact world.

use crate::sim::time::SimTime;
use crate::sim::world::World;

/// More lines than this sent within `FLOOD_SPAN` of wall time begins a flood (sixty a second); fewer than
/// `FLOOD_ENDS` ends it. Wall time, because that is what a reader has: at 8× a single download pours out
/// lines eight times as fast. The gap keeps a flood's lulls from switching sampling on and off, and each
/// switch redraws every list.
const FLOOD_BEGINS: f64 = 240.0;
const FLOOD_ENDS: f64 = 80.0;
const FLOOD_SPAN: SimTime = SimTime::from_secs(4);
/// Wall milliseconds between two redraws of the lists during a flood.
const SAMPLE_WALL_MS: f64 = 100.0;

/// The sample of sim time the lists show during a flood: the sim time it began, and how long one lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    pub at: SimTime,
    span: u64,
}

impl Sample {
    /// The sample a panel redraws on when its turn comes `phase` (0 to 1) of the way into each sample: the
    /// panels take turns, so no frame redraws them all at once.
    pub fn staggered(&self, now: SimTime, phase: f64) -> u64 {
        let shifted = now.millis() + (phase.clamp(0.0, 1.0) * self.span as f64) as u64;
        shifted / self.span
    }
}

/// Whether a panel's props are unchanged: while both are sampled, when the sample is the same one; otherwise as
/// `unsampled` says.
pub fn unchanged(a: Option<u64>, b: Option<u64>, unsampled: impl FnOnce() -> bool) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => unsampled(),
    }
}

/// Whether the world is flooded now at `speed` (sim ms per wall ms), given whether it was at the last tick.
pub fn still_flooded(world: &World, speed: f64, was_flooded: bool) -> bool {
    let threshold = if was_flooded {
        FLOOD_ENDS
    } else {
        FLOOD_BEGINS
    };
    // Lines in `FLOOD_SPAN` of sim time, as a count in the same span of wall time; below 1× the sim-time count
    // stands, so a slowed world is sampled as it would be at 1×.
    recent_lines(world) as f64 * speed.max(1.0) > threshold
}

/// The sample the lists show now, or `None` when they follow every frame (no flood, paused, or stepping).
pub fn sample(world: &World, sampling: bool, sim_ms_per_wall_ms: Option<f64>) -> Option<Sample> {
    let speed = sim_ms_per_wall_ms?;
    if !sampling {
        return None;
    }
    let span = ((SAMPLE_WALL_MS * speed) as u64).max(1);
    Some(Sample {
        at: SimTime::from_millis(world.now().millis() / span * span),
        span,
    })
}

/// Lines the transcript gained within the last `FLOOD_SPAN` of sim time.
fn recent_lines(world: &World) -> usize {
    let now = world.now();
    sent_lines(world, now) - sent_lines(world, now.saturating_sub(FLOOD_SPAN))
}

/// Lines sent by `by` (the transcript panel's change key): now, or the flood's sample time.
/// The transcript is shown in the order lines were written, up to the first line not yet sent: so the panel
/// only ever grows at its end (a line queued behind a long reply waits a moment to appear, as it does on
/// the wire). Written order is not sent order: a long reply is written at once and sent over seconds.
pub fn sent_lines(world: &World, by: SimTime) -> usize {
    world
        .transcript()
        .iter()
        .take_while(|e| e.sent <= by)
        .count()
}
