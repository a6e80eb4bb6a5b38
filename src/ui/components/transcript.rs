//! The transcript: every wire line, `C:` and `S:`, for all devices or one.

use crate::ui::components::device::kind_text;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, DeviceCard};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TranscriptProps {
    pub lang: Lang,
    pub devices: Rc<Vec<DeviceCard>>,
    pub filter: Option<String>,
    pub dispatch: Callback<Action>,
}

#[function_component(TranscriptPanel)]
pub fn transcript_panel(props: &TranscriptProps) -> Html {
    let lang = props.lang;
    let on_filter = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            dispatch.emit(Action::FilteredTranscript(
                (!value.is_empty()).then_some(value),
            ));
        })
    };
    html! {
        <aside class="transcript panel" data-testid="transcript" aria-label={ tr(lang, Text::Transcript) }>
            <header class="panel-header">
                <h2>{ tr(lang, Text::Transcript) }</h2>
                <select onchange={ on_filter } aria-label={ tr(lang, Text::Devices) }>
                    <option value="" selected={ props.filter.is_none() }>{ tr(lang, Text::AllDevices) }</option>
                    { for props.devices.iter().map(|d| html! {
                        <option value={ d.id.clone() } selected={ props.filter.as_deref() == Some(d.id.as_str()) }>
                            { tr(lang, kind_text(d.kind)) }{ " · " }{ d.protocol.to_string() }
                        </option>
                    }) }
                </select>
            </header>
            <ol class="transcript-lines" role="log" aria-live="polite">
                <li class="empty">{ tr(lang, Text::TranscriptEmpty) }</li>
            </ol>
        </aside>
    }
}
