//! The message reader: the text of a message as the device holds it, headers and body, shown as text. It sits
//! beside the stage, above the transcript, never over it: opening a message sends its \Seen across the wire,
//! and that is what the viewer should see.

use crate::ui::components::device::device_name;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, Sim};
use yew::prelude::*;

#[derive(PartialEq)]
pub struct ReaderProps {
    pub lang: Lang,
    pub sim: Sim,
    pub device: String,
    pub folder: String,
    pub message_id: String,
    pub dispatch: Callback<Action>,
}

pub fn reader(props: &ReaderProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let text = timeline
        .world()
        .device(&props.device)
        .and_then(|d| d.message_text(&props.folder, &props.message_id));
    let name = timeline
        .world()
        .device(&props.device)
        .map(|d| device_name(lang, d.kind, &d.id))
        .unwrap_or_else(|| props.device.clone());
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::PressedEscape))
    };
    html! {
        <section class="panel reader" aria-labelledby="reader-title" data-testid="reader">
            <header class="panel-header">
                <h2 id="reader-title">{ tr(lang, Text::Reader) }{ " · " }{ name }</h2>
                <button type="button" class="icon-button" onclick={ close } aria-label={ tr(lang, Text::Close) } title={ tr(lang, Text::Close) }>{ "✕" }</button>
            </header>
            <pre class="message-text" tabindex="0">{ text.unwrap_or_else(|| tr(lang, Text::NoSuchMessage).to_string()) }</pre>
        </section>
    }
}
