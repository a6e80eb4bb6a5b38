//! The page's languages: English is built into the code (every text is written in English where it is used,
//! and that English is the key), every other language is a catalogue file `i18n/<code>.json` mapping each
//! English text to its translation, fetched when chosen. Pure: a [`Tongue`] is handed to whatever writes
//! words, so the simulation's texts stay functions of their inputs.

mod catalogue;
mod fill;

use std::cell::RefCell;

pub use catalogue::{Catalogue, CatalogueError};
pub use fill::{capitalized, fill, placeholders};

/// A language the page speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
    Es,
    Fr,
    De,
    PtBr,
    Ja,
    Ar,
}

impl Lang {
    /// In the order the header offers them.
    pub const ALL: [Lang; 8] = [
        Lang::En,
        Lang::Zh,
        Lang::Es,
        Lang::Fr,
        Lang::De,
        Lang::PtBr,
        Lang::Ja,
        Lang::Ar,
    ];

    /// Reads `?lang=` values leniently: `en`, `zh` (and `zh-CN`, `zh-Hans`), `es`, `fr`, `de`, `pt-BR` (and
    /// `pt`), `ja`, `ar`, in any letter case.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        let primary = code.split(['-', '_']).next().unwrap_or("");
        Some(match primary {
            "en" => Lang::En,
            "zh" => Lang::Zh,
            "es" => Lang::Es,
            "fr" => Lang::Fr,
            "de" => Lang::De,
            "pt" => Lang::PtBr,
            "ja" => Lang::Ja,
            "ar" => Lang::Ar,
            _ => return None,
        })
    }

    /// The `?lang=` code, which also names the catalogue file.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::PtBr => "pt-BR",
            Lang::Ja => "ja",
            Lang::Ar => "ar",
        }
    }

    /// The BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-Hans",
            other => other.code(),
        }
    }

    /// Arabic is written right to left; the page mirrors its layout for it.
    pub fn is_rtl(self) -> bool {
        self == Lang::Ar
    }

    /// German writes every noun with a capital, in mid-sentence too ("auf dem Laptop").
    pub fn capitalises_nouns(self) -> bool {
        self == Lang::De
    }

    /// The language's own name, as the header offers it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
            Lang::Es => "Español",
            Lang::Fr => "Français",
            Lang::De => "Deutsch",
            Lang::PtBr => "Português (Brasil)",
            Lang::Ja => "日本語",
            Lang::Ar => "العربية",
        }
    }
}

/// A language with its catalogue: what every text-writing function takes. English has no catalogue (its words
/// are the keys); a language whose catalogue lacks a key says that key in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tongue {
    pub lang: Lang,
    catalogue: Option<&'static Catalogue>,
}

impl Tongue {
    pub const ENGLISH: Tongue = Tongue {
        lang: Lang::En,
        catalogue: None,
    };

    /// A language speaking from its loaded catalogue (loaded once per page and kept, hence `'static`).
    pub fn new(lang: Lang, catalogue: &'static Catalogue) -> Tongue {
        Tongue {
            lang,
            catalogue: (lang != Lang::En).then_some(catalogue),
        }
    }

    /// The text for this English one, or the English itself where the catalogue has none (noted, and in a
    /// development build marked "‹en›" on the page, so a missing translation shows where it is).
    pub fn word(self, english: &'static str) -> &'static str {
        match self.catalogue {
            // An empty piece (a slot left blank) is no text to translate.
            _ if english.is_empty() => english,
            None => english,
            Some(catalogue) => catalogue
                .get(english)
                .unwrap_or_else(|| untranslated(english)),
        }
    }

    /// Like [`Tongue::word`] for a text made at run time (a teacher's words): kept as written where the
    /// catalogue has no translation.
    pub fn word_or_as_written(self, text: &str) -> &str {
        self.catalogue.and_then(|c| c.get(text)).unwrap_or(text)
    }

    /// The template in this language with `{0}`, `{1}`… filled in.
    pub fn fill(self, english_template: &'static str, pieces: &[&str]) -> String {
        fill(self.word(english_template), pieces)
    }

    /// "1 message" or "3 messages" (and their translations): the count goes into `{0}` of the plural text.
    pub fn count(self, n: usize, one: &'static str, many: &'static str) -> String {
        if n == 1 {
            self.word(one).to_string()
        } else {
            self.fill(many, &[&n.to_string()])
        }
    }

    /// Whether this language has a translation of the text (English always has).
    pub fn has(self, english: &str) -> bool {
        self.lang == Lang::En || self.catalogue.is_some_and(|c| c.get(english).is_some())
    }
}

thread_local! {
    /// The English texts asked for in another language whose catalogue lacks them, each once.
    static UNTRANSLATED: RefCell<Vec<(&'static str, &'static str)>> = const { RefCell::new(Vec::new()) };
}

/// Notes a text missing from a catalogue; what to show instead: the English, marked in a development build.
fn untranslated(english: &'static str) -> &'static str {
    UNTRANSLATED.with_borrow_mut(|missing| {
        if let Some((_, shown)) = missing.iter().find(|(key, _)| *key == english) {
            return *shown;
        }
        let shown: &'static str = if cfg!(debug_assertions) {
            // Kept once per missing text for the page's life, like the catalogues themselves.
            Box::leak(format!("‹en› {english}").into_boxed_str())
        } else {
            english
        };
        missing.push((english, shown));
        shown
    })
}

/// How many texts were shown in English because a catalogue lacked them (the page's `data-untranslated`).
pub fn untranslated_count() -> usize {
    UNTRANSLATED.with_borrow(Vec::len)
}

/// Marks an English text for the catalogues where nothing else does (a bare literal picked by a `match`):
/// the text is its own key, and `tests/catalogues.rs` finds every one by this name.
pub const fn en(english: &'static str) -> &'static str {
    english
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_translation_falls_back_to_english_key_by_key_and_is_noted() {
        let catalogue: &'static Catalogue = Box::leak(Box::new(
            Catalogue::parse(r#"{"Play": "Reproducir"}"#).unwrap(),
        ));
        let spanish = Tongue::new(Lang::Es, catalogue);
        assert_eq!(spanish.word("Play"), "Reproducir");
        let before = untranslated_count();
        let pause = spanish.word("Pause");
        assert!(pause.ends_with("Pause"));
        // Development builds (the tests) mark it; a release build shows the plain English.
        assert_eq!(pause, "‹en› Pause");
        assert_eq!(spanish.word("Pause"), pause);
        assert_eq!(untranslated_count(), before + 1);
        assert_eq!(Tongue::ENGLISH.word("Pause"), "Pause");
    }

    #[test]
    fn counts_fill_the_plural_text() {
        let catalogue: &'static Catalogue = Box::leak(Box::new(
            Catalogue::parse(r#"{"1 message": "1 封邮件", "{0} messages": "{0} 封邮件"}"#).unwrap(),
        ));
        let chinese = Tongue::new(Lang::Zh, catalogue);
        assert_eq!(chinese.count(1, "1 message", "{0} messages"), "1 封邮件");
        assert_eq!(chinese.count(3, "1 message", "{0} messages"), "3 封邮件");
        assert_eq!(
            Tongue::ENGLISH.count(0, "1 message", "{0} messages"),
            "0 messages"
        );
    }

    #[test]
    fn every_language_reads_its_own_code_back() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(Lang::from_code(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_code("pt"), Some(Lang::PtBr));
        assert!(Lang::Ar.is_rtl() && !Lang::Ja.is_rtl());
    }
}
