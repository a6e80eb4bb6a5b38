//! The message reader: the text of a message as the device holds it, headers and body, shown as text. It sits
//! beside the stage, above the transcript, never over it: opening a message sends its \Seen across the wire,
//! and that is what the viewer should see.

use crate::sim::world::World;
use crate::ui::components::device::device_name;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::Action;
use yew::prelude::*;

pub struct ReaderProps<'a> {
    pub lang: Lang,
    pub world: &'a World,
    pub device: &'a str,
    pub folder: &'a str,
    pub message_id: &'a str,
    pub dispatch: &'a Callback<Action>,
}

// A plain view function, not a component: it is seldom shown, and each component costs the bundle its own copy
// of Yew's lifecycle code.
pub fn reader(props: &ReaderProps) -> Html {
    let lang = props.lang;
    let device = props.world.device(props.device);
    let text = device.and_then(|d| d.message_text(props.folder, props.message_id));
    let name = device
        .map(|d| device_name(lang, d.kind, &d.id))
        .unwrap_or_else(|| props.device.to_string());
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
