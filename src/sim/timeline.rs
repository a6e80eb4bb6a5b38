//! Time travel: the world is a pure function of its setup and the actions applied at given moments, so any
//! earlier moment is rebuilt by replaying the log (RaftScope's habit: the view follows sim time). The same
//! setup and log, as versioned JSON, are what a share link or a saved file carries.

use crate::sim::saved::{LoggedAction, SavedWorld, FORMAT_VERSION};
use crate::sim::time::SimTime;
use crate::sim::world::{Action, ActionError, SetupError, World, WorldSetup};
use std::fmt;

/// The most actions a saved world may carry, so a hostile file cannot make the replay run for ever.
pub const MAX_LOGGED_ACTIONS: usize = 5_000;
/// The most moments a saved world may ask to replay to: a 45-minute class makes a few thousand, and a
/// hostile link must not keep the page busy replaying (200,000 moments take about a second).
pub const MAX_MOMENTS: usize = 200_000;
/// The most happenings replayed to catch up from the last moment to the saved clock: a saved world's clock
/// is at most one poll interval past its last moment, a few hundred happenings with eight devices.
pub const MAX_CATCH_UP_MOMENTS: usize = 10_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    NotJson(String),
    NewerVersion(u32),
    BadSetup(SetupError),
    TooManyActions(usize),
    /// The log is out of order or names a moment past the end.
    BadLog(String),
    /// An action in the log was refused when replayed.
    RefusedAction {
        index: usize,
        error: ActionError,
    },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotJson(e) => write!(f, "{e}"),
            LoadError::NewerVersion(v) => {
                write!(f, "this world was saved by a newer Mailroom (format {v}; this one reads {FORMAT_VERSION})")
            }
            LoadError::BadSetup(e) => write!(f, "the world's setup is invalid: {e}"),
            LoadError::TooManyActions(n) => write!(
                f,
                "{n} actions is more than the {MAX_LOGGED_ACTIONS} allowed"
            ),
            LoadError::BadLog(why) => write!(f, "the action log is damaged: {why}"),
            LoadError::RefusedAction { index, error } => {
                write!(f, "action {} cannot be replayed: {error}", index + 1)
            }
        }
    }
}

impl std::error::Error for LoadError {}

/// A world with its history: step back, step forward, jump to any moment.
pub struct Timeline {
    world: World,
    log: Vec<LoggedAction>,
}

impl Timeline {
    pub fn new(setup: WorldSetup) -> Self {
        Timeline {
            world: World::new(setup),
            log: Vec::new(),
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn log(&self) -> &[LoggedAction] {
        &self.log
    }

    /// Applies a user action at `now` and logs it; anything logged after the current moment (undone by
    /// stepping back) is forgotten, as an editor forgets redo after a new edit.
    pub fn act(&mut self, action: Action, now: SimTime) -> Result<(), ActionError> {
        self.world.advance_to(now);
        let moment = self.world.moments();
        // The action happens at the clock as it stands now, not as the action leaves it (a time warp moves it).
        let at = self.world.now();
        self.log.retain(|a| a.moment < moment);
        self.world.handle_action(action.clone(), at)?;
        self.log.push(LoggedAction { moment, at, action });
        Ok(())
    }

    /// Lets sim time pass to `t`, processing what falls due.
    pub fn advance_to(&mut self, t: SimTime) {
        self.forget_redo();
        self.world.advance_to(t);
    }

    /// [`Timeline::advance_to`] within a budget of work (see [`World::advance_within`]); true if it reached `t`.
    pub fn advance_within(&mut self, t: SimTime, budget: usize) -> bool {
        self.forget_redo();
        self.world.advance_within(t, budget)
    }

    /// One moment forward: the next logged action if one was undone, else the next happening.
    pub fn step(&mut self) -> bool {
        let moment = self.world.moments();
        if let Some(logged) = self.log.iter().find(|a| a.moment == moment).cloned() {
            return self.world.handle_action(logged.action, logged.at).is_ok();
        }
        self.world.step()
    }

    /// One moment back. False at the start.
    pub fn step_back(&mut self) -> bool {
        let moment = self.world.moments();
        if moment == 0 {
            return false;
        }
        self.jump_to(moment - 1);
        true
    }

    /// Rebuilds the world at `moment` (clamped to what the log and the queue can reach).
    pub fn jump_to(&mut self, moment: usize) {
        self.world = replay(self.world.setup().clone(), &self.log, moment, None).0;
    }

    /// Runs until nothing is on the wire (`?speed=instant`).
    pub fn run_until_idle(&mut self) {
        self.forget_redo();
        self.world.run_until_idle();
    }

    /// At most `max_steps` toward [`Timeline::run_until_idle`]; true once nothing is on the wire.
    pub fn run_toward_idle(&mut self, max_steps: usize) -> bool {
        self.forget_redo();
        self.world.run_toward_idle(max_steps)
    }

    /// Starts again from the setup, forgetting the history.
    pub fn reset(&mut self) {
        *self = Timeline::new(self.world.setup().clone());
    }

    fn forget_redo(&mut self) {
        let moment = self.world.moments();
        self.log.retain(|a| a.moment < moment);
    }

    pub fn save(&self) -> SavedWorld {
        SavedWorld {
            version: FORMAT_VERSION,
            setup: self.world.setup().clone(),
            log: self.log.clone(),
            moment: self.world.moments(),
            now: self.world.now(),
        }
    }

    pub fn to_json(&self) -> String {
        crate::sim::saved::to_json(&self.save())
    }

    /// Rebuilds a saved world, checking everything first: untrusted input gets an error, never a panic.
    pub fn load(saved: SavedWorld) -> Result<Self, LoadError> {
        if saved.version > FORMAT_VERSION {
            return Err(LoadError::NewerVersion(saved.version));
        }
        saved.setup.validate().map_err(LoadError::BadSetup)?;
        if saved.log.len() > MAX_LOGGED_ACTIONS {
            return Err(LoadError::TooManyActions(saved.log.len()));
        }
        if saved.moment > MAX_MOMENTS {
            return Err(LoadError::BadLog(format!(
                "moment {} is too far",
                saved.moment
            )));
        }
        for pair in saved.log.windows(2) {
            if pair[1].moment <= pair[0].moment || pair[1].at < pair[0].at {
                return Err(LoadError::BadLog("actions are out of order".into()));
            }
        }
        let mut refused = None;
        let (mut world, applied) =
            replay(saved.setup, &saved.log, saved.moment, Some(&mut refused));
        if let Some((index, error)) = refused {
            return Err(LoadError::RefusedAction { index, error });
        }
        if world.moments() < saved.moment {
            return Err(LoadError::BadLog(format!(
                "moment {} is past the end",
                saved.moment
            )));
        }
        // Only a later clock is caught up with: at the same time, lines still due at that very millisecond were
        // not processed when the world was saved (a step handles one at a time), and must stay so.
        if saved.now > world.now() {
            // Bounded: a clock far past the last moment would otherwise replay months of polling.
            let mut caught_up = 0;
            while world.next_event_time().is_some_and(|at| at <= saved.now) {
                if caught_up == MAX_CATCH_UP_MOMENTS {
                    return Err(LoadError::BadLog(
                        "its clock is further ahead than its moments".into(),
                    ));
                }
                world.step();
                caught_up += 1;
            }
            world.advance_to(saved.now);
        }
        // Only what was replayed stays logged: actions past the saved moment (undone ones) would otherwise be
        // logged at moments that time, passing here, filled with other happenings; and an action whose time
        // carried the world past the saved moment ends the replay before the actions logged after it.
        let log = saved.log.into_iter().take(applied).collect();
        Ok(Timeline { world, log })
    }

    pub fn from_json(json: &str) -> Result<Self, LoadError> {
        let saved = crate::sim::saved::from_json(json).map_err(|e| match e {
            crate::sim::saved::ReadError::NewerVersion(v) => {
                LoadError::NewerVersion(u32::try_from(v).unwrap_or(u32::MAX))
            }
            other => LoadError::NotJson(other.to_string()),
        })?;
        Timeline::load(saved)
    }
}

/// The world at `target` moments: actions applied at their logged moments, happenings in between; and how
/// many of the logged actions were applied.
fn replay(
    setup: WorldSetup,
    log: &[LoggedAction],
    target: usize,
    mut refused: Option<&mut Option<(usize, ActionError)>>,
) -> (World, usize) {
    let mut world = World::new(setup);
    let mut next = 0;
    while world.moments() < target {
        if let Some(logged) = log.get(next).filter(|a| a.moment <= world.moments()) {
            if let Err(error) = world.handle_action(logged.action.clone(), logged.at) {
                if let Some(slot) = refused.as_deref_mut() {
                    *slot = Some((next, error));
                }
                break;
            }
            next += 1;
        } else if !world.step() {
            break;
        }
    }
    (world, next)
}

impl fmt::Debug for Timeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Timeline")
            .field("moment", &self.world.moments())
            .field("now", &self.world.now())
            .field("actions", &self.log.len())
            .finish()
    }
}
