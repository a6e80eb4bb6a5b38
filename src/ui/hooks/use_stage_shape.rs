//! The stage's shape from the viewport: tall on a phone held upright, wide otherwise; follows resizes.

use crate::ui::layout::Shape;
use gloo::events::EventListener;
use yew::prelude::*;

/// Narrower than this, the stage stands tall (a phone in portrait).
const TALL_BELOW_PX: f64 = 700.0;

fn current() -> Shape {
    let width = gloo::utils::window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1280.0);
    if width < TALL_BELOW_PX {
        Shape::Tall
    } else {
        Shape::Wide
    }
}

#[hook]
pub fn use_stage_shape() -> Shape {
    let shape = use_state_eq(current);
    {
        let shape = shape.clone();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                shape.set(current())
            });
            move || drop(listener)
        });
    }
    *shape
}
