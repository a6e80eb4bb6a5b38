//! The root component: one reducer, the header, the control bar, the stage and the transcript.

use super::components::controls::Controls;
use super::components::header::Header;
use super::components::topology::Topology;
use super::components::transcript::TranscriptPanel;
use super::i18n::{tr, Lang, Text};
use super::state::State;
use super::url::UrlOptions;
use crate::sim::time::SimTime;
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The page's query string; `None` reads `window.location.search`.
    #[prop_or_default]
    pub search: Option<String>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| {
        let search = props.search.clone().unwrap_or_else(location_search);
        State::initial(&UrlOptions::parse(&search))
    });
    let dispatch = {
        let state = state.clone();
        Callback::from(move |action| state.dispatch(action))
    };
    // The document's language follows the interface's (screen readers, CJK fonts); projector mode scales
    // the root font size, so every rem grows with it.
    use_effect_with((state.lang, state.projector), |(lang, projector)| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
            let _ = root.class_list().toggle_with_force("projector", *projector);
        }
    });
    html! {
        <div class={ classes!("app", state.projector.then_some("projector")) }>
            <Header lang={ state.lang } projector={ state.projector } dispatch={ dispatch.clone() } />
            <Controls lang={ state.lang } playing={ state.playing } speed={ state.speed } now={ SimTime::ZERO } dispatch={ dispatch.clone() } />
            <main class="workspace">
                <Topology state={ state.clone() } dispatch={ dispatch.clone() } />
                <TranscriptPanel lang={ state.lang } devices={ state.devices.clone() } filter={ state.transcript_device.clone() } dispatch={ dispatch } />
            </main>
        </div>
    }
}

fn location_search() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

/// Shows a visible error instead of a dead page when anything panics (the message goes to the console too).
pub fn install_panic_hook() {
    yew::set_custom_panic_hook(Box::new(|info| {
        gloo::console::error!(info.to_string());
        let document = gloo::utils::document();
        let lang = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|tag| Lang::from_code(&tag))
            .unwrap_or_default();
        if let Ok(banner) = document.create_element("div") {
            banner.set_class_name("fatal-error");
            let _ = banner.set_attribute("data-testid", "error");
            let _ = banner.set_attribute("role", "alert");
            banner.set_text_content(Some(tr(lang, Text::UnexpectedError)));
            if let Some(body) = document.body() {
                let _ = body.append_child(&banner);
            }
        }
    }));
}
