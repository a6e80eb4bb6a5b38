//! Calls back on every animation frame while `active`, with the wall milliseconds since the previous frame;
//! requests nothing while inactive (a paused page costs no CPU).

use gloo::render::{request_animation_frame, AnimationFrame};
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Frames longer than this (a background tab, a breakpoint) count as this long, so sim time never leaps.
const MAX_FRAME_MS: f64 = 100.0;

#[hook]
pub fn use_animation_frames(active: bool, on_frame: Callback<f64>) {
    use_effect_with(active, move |active| {
        let handle: Rc<RefCell<Option<AnimationFrame>>> = Rc::new(RefCell::new(None));
        if *active {
            schedule(handle.clone(), on_frame, None);
        }
        // Dropping the pending AnimationFrame cancels it.
        move || {
            handle.borrow_mut().take();
        }
    });
}

fn schedule(
    handle: Rc<RefCell<Option<AnimationFrame>>>,
    on_frame: Callback<f64>,
    last: Option<f64>,
) {
    let next = handle.clone();
    let frame = request_animation_frame(move |timestamp| {
        if let Some(last) = last {
            on_frame.emit((timestamp - last).clamp(0.0, MAX_FRAME_MS));
        }
        schedule(next, on_frame, Some(timestamp));
    });
    *handle.borrow_mut() = Some(frame);
}
