//! The message reader: the text of a message as the device holds it, headers and body, shown as text.

use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, Sim};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ReaderProps {
    pub lang: Lang,
    pub sim: Sim,
    pub device: String,
    pub folder: String,
    pub message_id: String,
    pub dispatch: Callback<Action>,
}

#[function_component(Reader)]
pub fn reader(props: &ReaderProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let text = timeline
        .world()
        .device(&props.device)
        .and_then(|d| d.message_text(&props.folder, &props.message_id));
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::PressedEscape))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="reader-title" data-testid="reader">
            <div class="dialog panel reader">
                <h2 id="reader-title">{ tr(lang, Text::Reader) }{ " · " }{ &props.device }</h2>
                <pre class="message-text">{ text.unwrap_or_else(|| tr(lang, Text::NoSuchMessage).to_string()) }</pre>
                <button type="button" class="primary" onclick={ close }>{ tr(lang, Text::Close) }</button>
            </div>
        </div>
    }
}
