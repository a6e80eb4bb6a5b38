//! Fetches a chosen language's catalogue (`i18n/<code>.json`, next to the page) once, installs it, and tells
//! the reducer; the service worker caches the file like any other the page fetched, so it works offline after.

use crate::i18n::{Catalogue, Lang};
use crate::ui::i18n;
use crate::ui::state::Action;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;
use yew::prelude::*;

/// A catalogue is text of some hundred kilobytes; anything far larger is not one of ours.
const MAX_CATALOGUE_BYTES: usize = 2_000_000;

#[hook]
pub fn use_language(wanted: Option<Lang>, dispatch: Callback<Action>) {
    use_effect_with(wanted, move |wanted| {
        if let Some(lang) = *wanted {
            if i18n::is_loaded(lang) {
                dispatch.emit(Action::LoadedLanguage(lang));
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    dispatch.emit(match fetch_catalogue(lang).await {
                        Ok(catalogue) => {
                            i18n::install(lang, catalogue);
                            Action::LoadedLanguage(lang)
                        }
                        Err(reason) => Action::FailedLanguage { lang, reason },
                    });
                });
            }
        }
    });
}

async fn fetch_catalogue(lang: Lang) -> Result<Catalogue, String> {
    let window = web_sys::window().ok_or("no window")?;
    let url = format!("i18n/{}.json", lang.code());
    let response: Response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| "the network did not answer".to_string())?
        .dyn_into()
        .map_err(|_| "not a response".to_string())?;
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|_| "no text".to_string())?)
        .await
        .ok()
        .and_then(|text| text.as_string())
        .ok_or("the file is not text")?;
    if text.len() > MAX_CATALOGUE_BYTES {
        return Err("the file is too large".into());
    }
    Catalogue::parse(&text).map_err(|error| error.to_string())
}
