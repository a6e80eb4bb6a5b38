//! The page's languages as the tests speak them: a catalogue read from `i18n/<code>.json`, as the page fetches it.

use mailroom::i18n::{Catalogue, Lang, Tongue};

/// The language with its catalogue from the repository (English needs none).
pub fn tongue(lang: Lang) -> Tongue {
    if lang == Lang::En {
        return Tongue::ENGLISH;
    }
    let path = format!("{}/i18n/{}.json", env!("CARGO_MANIFEST_DIR"), lang.code());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let catalogue = Catalogue::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    Tongue::new(lang, Box::leak(Box::new(catalogue)))
}
