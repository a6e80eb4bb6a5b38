//! Save and share: the share link (`data-action="share"` opens this, `data-testid="share-url"` holds the
//! link), a JSON file of the world to save or open, and the transcript as text.

use crate::sim::transcript;
use crate::ui::diagram;
use crate::ui::files;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::persist;
use crate::ui::state::{world_arrived, Action, Sim, WorldSource};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct SharePanelProps {
    pub lang: Lang,
    pub sim: Sim,
    pub share_url: Option<String>,
    pub autosave: bool,
    pub dispatch: Callback<Action>,
}

pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = props.lang;
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ToggledSharePanel))
    };
    let copy = {
        let url = props.share_url.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(url) = &url {
                // Refused without a user gesture or permission; the link stays selectable in the box.
                let _ = gloo::utils::window()
                    .navigator()
                    .clipboard()
                    .write_text(url);
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let export_world = {
        let sim = props.sim.clone();
        Callback::from(move |_: MouseEvent| {
            let json = sim.timeline().to_json();
            files::download("mailroom-world.json", "application/json", &json);
        })
    };
    let export_transcript = {
        let sim = props.sim.clone();
        Callback::from(move |_: MouseEvent| {
            let text = transcript::to_text(sim.timeline().world().transcript());
            files::download("mailroom-transcript.txt", "text/plain;charset=utf-8", &text);
        })
    };
    let export_svg = {
        let sim = props.sim.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = diagram::diagram_svg(sim.timeline().world(), lang);
            files::download("mailroom-diagram.svg", "image/svg+xml", &svg);
        })
    };
    let export_png = {
        let sim = props.sim.clone();
        Callback::from(move |_: MouseEvent| {
            let svg = diagram::diagram_svg(sim.timeline().world(), lang);
            files::download_png(
                "mailroom-diagram.png",
                &svg,
                diagram::WIDTH,
                diagram::HEIGHT,
            );
        })
    };
    let import = {
        let dispatch = props.dispatch.clone();
        let autosave = props.autosave;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match files::read_text(file).await {
                    Ok(json) => dispatch.emit(world_arrived(&json, WorldSource::File, || {
                        autosave && persist::keep_as_previous()
                    })),
                    Err(files::FileError::TooLarge(size)) => dispatch.emit(Action::WorldFailed {
                        source: WorldSource::File,
                        reason: format!("{size} bytes is more than a saved world may be"),
                    }),
                    Err(files::FileError::Unreadable) => dispatch.emit(Action::WorldFailed {
                        source: WorldSource::File,
                        reason: "the browser could not read it".to_string(),
                    }),
                }
            });
        })
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="share-title">
            <div class="dialog panel share-panel">
                <h2 id="share-title">{ tr(lang, Text::ShareTitle) }</h2>
                <p class="hint">{ tr(lang, Text::ShareHint) }</p>
                <div class="share-link">
                    if let Some(url) = &props.share_url {
                        <input type="text" readonly=true value={ url.clone() } data-testid="share-url" aria-label={ tr(lang, Text::Share) } onfocus={ select_all } />
                        <button type="button" class="primary" data-action="copy-link" onclick={ copy }>{ tr(lang, Text::CopyLink) }</button>
                    } else {
                        <span class="hint">{ tr(lang, Text::MakingLink) }</span>
                    }
                </div>
                <div class="share-files">
                    <button type="button" data-action="export-world" onclick={ export_world }>{ tr(lang, Text::ExportWorld) }</button>
                    <label class="file-button">
                        { tr(lang, Text::ImportWorld) }
                        <input type="file" accept=".json,application/json" data-testid="import-world" onchange={ import } />
                    </label>
                    <button type="button" data-action="export-transcript" onclick={ export_transcript }>{ tr(lang, Text::ExportTranscript) }</button>
                    <button type="button" data-action="export-svg" onclick={ export_svg }>{ tr(lang, Text::ExportSvg) }</button>
                    <button type="button" data-action="export-png" onclick={ export_png }>{ tr(lang, Text::ExportPng) }</button>
                </div>
                <button type="button" onclick={ close }>{ tr(lang, Text::Close) }</button>
            </div>
        </div>
    }
}
