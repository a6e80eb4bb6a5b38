//! A language's catalogue: a JSON object from each English text to its translation, read with the page's own
//! bounded JSON reader (the file is fetched, so it is checked like anything from outside).

use crate::sim::saved::json::{self, Value};
use std::fmt;

/// Translations sorted by their English, for lookup by binary search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    entries: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CatalogueError {
    Json(json::JsonError),
    NotAnObject,
    /// The member's English text.
    NotText(String),
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueError::Json(e) => write!(f, "the language file is not JSON: {e}"),
            CatalogueError::NotAnObject => f.write_str("the language file is not a JSON object"),
            CatalogueError::NotText(key) => {
                write!(f, "the language file's entry for “{key}” is not text")
            }
        }
    }
}

impl Catalogue {
    /// Reads `{"English": "translation", …}`. Members whose name starts with `@` are notes for translators.
    pub fn parse(text: &str) -> Result<Catalogue, CatalogueError> {
        let Value::Object(members) = json::parse(text).map_err(CatalogueError::Json)? else {
            return Err(CatalogueError::NotAnObject);
        };
        let mut entries = Vec::with_capacity(members.len());
        for (english, value) in members {
            if english.starts_with('@') {
                continue;
            }
            match value {
                Value::String(translation) => entries.push((english, translation)),
                _ => return Err(CatalogueError::NotText(english)),
            }
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Ok(Catalogue { entries })
    }

    pub fn get(&self, english: &str) -> Option<&str> {
        self.entries
            .binary_search_by(|(key, _)| key.as_str().cmp(english))
            .ok()
            .and_then(|i| self.entries.get(i))
            .map(|(_, translation)| translation.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The English keys, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(key, _)| key.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_translations_and_skips_notes() {
        let c =
            Catalogue::parse(r#"{"@note": "x", "Play": "Reproducir", "Pause": "Pausa"}"#).unwrap();
        assert_eq!(c.get("Play"), Some("Reproducir"));
        assert_eq!(c.get("@note"), None);
        assert_eq!(c.len(), 2);
    }

    #[test]
    fn refuses_what_is_not_a_catalogue() {
        assert!(matches!(
            Catalogue::parse("[1]"),
            Err(CatalogueError::NotAnObject)
        ));
        assert!(matches!(
            Catalogue::parse(r#"{"a": 1}"#),
            Err(CatalogueError::NotText(_))
        ));
        assert!(Catalogue::parse("{").is_err());
    }
}
