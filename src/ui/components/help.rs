//! The help overlay: the keyboard shortcuts.

use crate::ui::hooks::use_keyboard_shortcuts::SHORTCUTS;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct HelpProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

pub fn help_overlay(props: &HelpProps) -> Html {
    let lang = props.lang;
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ToggledHelp))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="help-title" data-testid="help">
            <div class="dialog panel">
                <h2 id="help-title">{ tr(lang, Text::Help) }</h2>
                <dl class="shortcuts">
                    { for SHORTCUTS.iter().map(|(keys, text)| html! {
                        <><dt><kbd>{ *keys }</kbd></dt><dd>{ tr(lang, *text) }</dd></>
                    }) }
                </dl>
                <button type="button" class="primary" onclick={ close }>{ tr(lang, Text::Close) }</button>
            </div>
        </div>
    }
}
