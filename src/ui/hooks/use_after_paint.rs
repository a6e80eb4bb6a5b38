//! Calls back once per change of a key, in a task of its own after the render that changed it has been painted:
//! the page's first render comes in parts this way (docs/architecture.md), so no part makes one long task.

use gloo::render::{request_animation_frame, AnimationFrame};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// The pending frame request, then the pending timeout; dropping either cancels it.
#[derive(Default)]
struct Pending {
    frame: Option<AnimationFrame>,
    timeout: Option<Timeout>,
}

#[hook]
pub fn use_after_paint<K: PartialEq + Clone + 'static>(key: K, callback: Callback<K>) {
    use_effect_with(key, move |key| {
        let key = key.clone();
        let pending = Rc::new(RefCell::new(Pending::default()));
        let later = pending.clone();
        // A frame callback runs before that frame paints; the timeout it sets runs after the paint.
        let frame = request_animation_frame(move |_| {
            later.borrow_mut().timeout = Some(Timeout::new(0, move || callback.emit(key)));
        });
        pending.borrow_mut().frame = Some(frame);
        move || drop(pending.take())
    });
}
