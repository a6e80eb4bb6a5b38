//! Pacing for people: sim time runs at the chosen speed while something happens, and a quiet stretch (a
//! 10-minute poll, IDLE's 29 minutes) is skipped, visibly, as a game skips waiting.

use crate::i18n::{en, Tongue};
use crate::sim::time::SimTime;
use crate::sim::world::World;

/// How long the world must have been quiet (no line on the wire, nothing happening) before the clock skips.
pub const QUIET_BEFORE_SKIP: SimTime = SimTime::from_millis(2_500);
/// A skip stops this far before the next happening, so the viewer sees it come.
pub const SKIP_LEAD: SimTime = SimTime::from_millis(500);

/// When the world last did anything: its latest event or the latest arrival of a line.
fn last_activity(world: &World) -> SimTime {
    let event = world.events().last().map_or(SimTime::ZERO, |e| e.at);
    let line = world
        .transcript()
        .last()
        .map_or(SimTime::ZERO, |e| e.arrives);
    event.max(line)
}

/// Where the clock should skip to, if the world has sat quiet long enough and the next happening is far off.
pub fn skip_target(world: &World) -> Option<SimTime> {
    let now = world.now();
    if now.saturating_sub(last_activity(world)) < QUIET_BEFORE_SKIP || world.lines_in_flight() {
        return None;
    }
    let target = world.next_event_time()?.saturating_sub(SKIP_LEAD);
    (target > now.saturating_add(QUIET_BEFORE_SKIP)).then_some(target)
}

/// "10 minutes", "2 hours", "3 days": how far a skip went, in the largest whole unit.
pub fn skipped_span(span: SimTime) -> (u64, SpanUnit) {
    // To the nearest unit: a skip stops just short of the happening it skips to.
    let seconds = (span.millis() + 500) / 1000;
    match seconds {
        s if s >= 2 * 86_400 => ((s + 43_200) / 86_400, SpanUnit::Days),
        s if s >= 2 * 3_600 => ((s + 1_800) / 3_600, SpanUnit::Hours),
        s if s >= 120 => ((s + 30) / 60, SpanUnit::Minutes),
        s => (s, SpanUnit::Seconds),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpanUnit {
    Seconds,
    Minutes,
    Hours,
    Days,
}

impl SpanUnit {
    /// "10 minutes later" in the tongue's language.
    pub fn later(self, n: u64, tongue: Tongue) -> String {
        let template = match self {
            SpanUnit::Seconds => en("{0} seconds later"),
            SpanUnit::Minutes => en("{0} minutes later"),
            SpanUnit::Hours => en("{0} hours later"),
            SpanUnit::Days => en("{0} days later"),
        };
        tongue.fill(template, &[&n.to_string()])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::world::{Action, WorldSetup};

    #[test]
    fn a_quiet_world_skips_to_just_before_the_tablets_next_poll() {
        let mut world = World::new(WorldSetup::default());
        let now = world.now();
        world
            .handle_action(
                Action::CheckMail {
                    device: "tablet".into(),
                },
                now,
            )
            .expect("accepted");
        world.run_until_idle();
        assert_eq!(skip_target(&world), None, "just finished: not quiet yet");
        let quiet = world.now().saturating_add(QUIET_BEFORE_SKIP);
        world.advance_to(quiet);
        let target = skip_target(&world).expect("the poll is ten minutes off");
        let next = world.next_event_time().expect("the poll");
        assert_eq!(target, next.saturating_sub(SKIP_LEAD));
        assert!(target.millis() - world.now().millis() > 9 * 60 * 1000);
    }

    #[test]
    fn spans_read_in_whole_units() {
        assert_eq!(
            skipped_span(SimTime::from_minutes(10)),
            (10, SpanUnit::Minutes)
        );
        assert_eq!(skipped_span(SimTime::from_minutes(29)).1, SpanUnit::Minutes);
        assert_eq!(
            skipped_span(SimTime::from_millis(30_000)).1,
            SpanUnit::Seconds
        );
        assert_eq!(
            SpanUnit::Minutes.later(10, Tongue::ENGLISH),
            "10 minutes later"
        );
        let just_short = SimTime::from_minutes(10).saturating_sub(SimTime::from_millis(3_000));
        assert_eq!(skipped_span(just_short), (10, SpanUnit::Minutes));
    }
}
