//! Keeps the world in localStorage: after every change the user makes, and when the page is hidden or
//! closed (time may have passed since the last change).

use crate::ui::persist;
use crate::ui::state::Sim;
use gloo::events::EventListener;
use yew::prelude::*;

#[hook]
pub fn use_autosave(sim: &Sim, enabled: bool) {
    let key = sim.change_key();
    {
        let sim = sim.clone();
        use_effect_with((key, enabled), move |(_, enabled)| {
            if *enabled {
                persist::save_world(&sim.timeline().to_json());
            }
        });
    }
    let sim = sim.clone();
    use_effect_with((key.0, enabled), move |(_, enabled)| {
        // Every clone of a Sim shares its timeline, so this one saves the world as it is at that time.
        let listener = enabled.then(|| {
            EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                persist::save_world(&sim.timeline().to_json());
            })
        });
        move || drop(listener)
    });
}
