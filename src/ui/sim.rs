//! The simulation as the view holds it: one timeline shared by every clone, with versions that tell
//! components when to re-render.

use crate::sim::timeline::Timeline;
use std::cell::{Ref, RefCell};
use std::rc::Rc;

/// The simulation, shared with the view. Equality is by version, so a change re-renders.
#[derive(Clone)]
pub struct Sim {
    timeline: Rc<RefCell<Timeline>>,
    version: u64,
    /// Changes with everything but the passing of time; see [`Sim::moment_key`].
    discrete_version: u64,
    /// The world's moments after this clone's last update.
    moments: usize,
}

/// As actions print: which timeline and which version, not the whole world.
impl std::fmt::Debug for Sim {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sim")
            .field("moment_key", &self.moment_key())
            .field("version", &self.version)
            .finish()
    }
}

impl PartialEq for Sim {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline) && self.version == other.version
    }
}

impl Sim {
    pub fn new(timeline: Timeline) -> Self {
        let moments = timeline.world().moments();
        Sim {
            timeline: Rc::new(RefCell::new(timeline)),
            version: 0,
            discrete_version: 0,
            moments,
        }
    }

    /// What panels of mail (server, devices) depend on: they change only when something happens, not while
    /// sim time merely passes, so they skip most animation frames. The moments are the count as of this
    /// clone's last update: every clone shares the timeline, so reading it live would compare equal.
    pub fn moment_key(&self) -> (usize, u64, usize) {
        (
            Rc::as_ptr(&self.timeline) as usize,
            self.discrete_version,
            self.moments,
        )
    }

    /// Lets sim time pass: only packets and the clock move, unless something falls due.
    pub(super) fn tick<R>(&mut self, f: impl FnOnce(&mut Timeline) -> R) -> R {
        self.version += 1;
        let result = f(&mut self.timeline.borrow_mut());
        self.moments = self.timeline.borrow().world().moments();
        result
    }

    /// Changes when the user changes the world (not while time merely passes): when to save it.
    pub fn change_key(&self) -> (usize, u64) {
        (Rc::as_ptr(&self.timeline) as usize, self.discrete_version)
    }

    pub fn timeline(&self) -> Ref<'_, Timeline> {
        self.timeline.borrow()
    }

    pub(super) fn change<R>(&mut self, f: impl FnOnce(&mut Timeline) -> R) -> R {
        self.discrete_version += 1;
        self.tick(f)
    }
}
