//! The page's keyboard shortcuts (listed in the help overlay): they act only when no text field has focus.

use crate::ui::state::Action;
use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// The shortcuts, for the help overlay: (keys, what they do as a text key).
pub const SHORTCUTS: [(&str, crate::ui::i18n::Text); 9] = {
    use crate::ui::i18n::Text;
    [
        ("Space", Text::ShortcutPlayPause),
        ("→", Text::Step),
        ("←", Text::StepBack),
        ("+ / −", Text::ShortcutSpeed),
        ("R", Text::Reset),
        ("P", Text::Projector),
        ("L", Text::Language),
        ("T", Text::TableView),
        ("?", Text::ShortcutHelp),
    ]
};

/// What a key press means, if anything.
pub fn action_for_key(key: &str, playing: bool) -> Option<Action> {
    Some(match key {
        " " | "Spacebar" if playing => Action::PressedPause,
        " " | "Spacebar" => Action::PressedPlay,
        "ArrowRight" => Action::PressedStep,
        "ArrowLeft" => Action::PressedStepBack,
        "+" | "=" => Action::ChangedSpeedBy(1),
        "-" | "_" => Action::ChangedSpeedBy(-1),
        "r" | "R" => Action::PressedReset,
        "p" | "P" => Action::ToggledProjector,
        "l" | "L" => Action::SwitchedLanguage,
        "t" | "T" => Action::ToggledTableView,
        "?" => Action::ToggledHelp,
        "Escape" => Action::PressedEscape,
        _ => return None,
    })
}

#[hook]
pub fn use_keyboard_shortcuts(playing: bool, dispatch: Callback<Action>) {
    use_effect_with(playing, move |playing| {
        let playing = *playing;
        // Not passive: a handled key's default (Space scrolling the page) is prevented.
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            options,
            move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let key = event.key();
                // A focused button takes Space itself; fields take every key.
                let focused = focused_tag();
                let field_has_it = matches!(focused.as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || (focused == "BUTTON" && key == " ");
                if event.ctrl_key() || event.meta_key() || event.alt_key() || field_has_it {
                    return;
                }
                if let Some(action) = action_for_key(&key, playing) {
                    event.prevent_default();
                    dispatch.emit(action);
                }
            },
        );
        move || drop(listener)
    });
}

/// The tag name of the focused element (`INPUT`, `BUTTON`, ...), empty when nothing has focus.
fn focused_tag() -> String {
    gloo::utils::document()
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        .map(|e| e.tag_name())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::state::tests::reduce;
    use crate::ui::state::State;
    use crate::ui::url::UrlOptions;

    #[test]
    fn t_switches_the_table_view_on_and_off() {
        let state = State::initial(&UrlOptions::parse("?speed=instant"));
        assert!(!state.table_view);
        let key = action_for_key("t", false);
        assert_eq!(key, Some(Action::ToggledTableView));
        assert_eq!(action_for_key("T", true), key);
        let on = reduce(state, Action::ToggledTableView);
        assert!(on.table_view);
        assert!(!reduce(on, Action::ToggledTableView).table_view);
    }
}
