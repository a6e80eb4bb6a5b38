//! Every language's catalogue against the English the code can say. The English texts are found in the source
//! the way they are written for translation: `en("…")`, a template's `en: "…"`, `words("…")`, and the first
//! argument of `word`, `fill`, `sentence`, `say`, `said` or `Text::template`, after a leading `tongue` (both
//! texts of `count`).
//! `i18n/en.json` lists them (regenerate with `UPDATE_CATALOGUES=1 cargo test --test catalogues`); every other
//! `i18n/<code>.json` must translate exactly those, with the same placeholders.

use mailroom::i18n::{placeholders, Catalogue, Lang};
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Calls whose first argument is an English text to translate.
const MARKERS: [&str; 8] = [
    "en(",
    "words(",
    "word(",
    "fill(",
    "sentence(",
    "say(",
    "said(",
    "template(",
];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code without its `#[cfg(test)]` items: their literals are test data, not the page's words.
fn without_tests(source: &str) -> String {
    let mut kept = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("#[cfg(test)]") {
        kept.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[item_end(rest)..];
    }
    kept.push_str(rest);
    kept
}

/// Where the item starting at the top of `source` ends: after its `;` or its balanced `{…}` (braces inside
/// string and character literals do not count).
fn item_end(source: &str) -> usize {
    let bytes = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                i = literal(source, i).map_or(i + 1, |(_, end)| end);
                continue;
            }
            b'r' if bytes.get(i + 1).is_some_and(|b| *b == b'"' || *b == b'#')
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) =>
            {
                if let Some((_, end)) = literal(source, i) {
                    i = end;
                    continue;
                }
            }
            // A character literal such as '{' or '\'' (a lifetime has no closing quote two or three on).
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'\'' if bytes.get(i + 1) == Some(&b'\\') && bytes.get(i + 3) == Some(&b'\'') => i += 3,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            b';' if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    source.len()
}

/// A Rust string literal starting at `at` (plain or raw), unescaped, and where it ends.
fn literal(source: &str, at: usize) -> Option<(String, usize)> {
    let bytes = source.as_bytes();
    if bytes.get(at) == Some(&b'r') {
        let hashes = source[at + 1..].bytes().take_while(|b| *b == b'#').count();
        let open = at + 1 + hashes;
        if bytes.get(open) != Some(&b'"') {
            return None;
        }
        let close = format!("\"{}", "#".repeat(hashes));
        let end = source[open + 1..].find(&close)? + open + 1;
        return Some((source[open + 1..end].to_string(), end + close.len()));
    }
    if bytes.get(at) != Some(&b'"') {
        return None;
    }
    let mut text = String::new();
    let mut chars = source[at + 1..].char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((text, at + 1 + i + 1)),
            '\\' => match chars.next()?.1 {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                'r' => text.push('\r'),
                '0' => text.push('\0'),
                '\\' => text.push('\\'),
                '"' => text.push('"'),
                '\'' => text.push('\''),
                // A line continuation: the newline and the next line's indent are not in the text.
                '\n' => {
                    let rest = &source[at + 1 + i + 2..];
                    let skip = rest.len() - rest.trim_start().len();
                    for _ in 0..rest[..skip].chars().count() {
                        chars.next();
                    }
                }
                'u' => {
                    let rest = &source[at + 1 + i + 2..];
                    let close = rest.find('}')?;
                    text.push(char::from_u32(
                        u32::from_str_radix(&rest[1..close], 16).ok()?,
                    )?);
                    for _ in 0..=close {
                        chars.next();
                    }
                }
                _ => return None,
            },
            c => text.push(c),
        }
    }
    None
}

/// Past a leading `tongue, ` or `self.tongue, ` argument (`sentence(tongue, "…")`), where the text comes second.
fn after_tongue(source: &str, at: usize) -> usize {
    ["tongue,", "self.tongue,"]
        .iter()
        .find(|argument| source[at..].starts_with(*argument))
        .map_or(at, |argument| skip_space(source, at + argument.len()))
}

fn skip_space(source: &str, at: usize) -> usize {
    at + (source[at..].len() - source[at..].trim_start().len())
}

/// The English texts written for translation in one file.
fn texts_in(source: &str, found: &mut BTreeSet<String>) {
    let source = without_tests(source);
    let source = source.as_str();
    for (at, _) in source.match_indices('(') {
        let before = &source[..at + 1];
        let called = |name: &str| {
            before.ends_with(name)
                && !before[..before.len() - name.len()]
                    .ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
        };
        let is_marker = MARKERS.iter().any(|m| called(m));
        let is_count = called("count(");
        if is_marker {
            if let Some((text, _)) =
                literal(source, after_tongue(source, skip_space(source, at + 1)))
            {
                found.insert(text);
            }
        } else if is_count {
            // `count(n, "1 message", "{0} messages")`: the two texts after the number.
            let Some(comma) = source[at..].find(',') else {
                continue;
            };
            let first = skip_space(source, at + comma + 1);
            if let Some((one, end)) = literal(source, first) {
                found.insert(one);
                let next = skip_space(source, end);
                if source[next..].starts_with(',') {
                    if let Some((many, _)) = literal(source, skip_space(source, next + 1)) {
                        found.insert(many);
                    }
                }
            }
        }
    }
    for (at, _) in source.match_indices("en:") {
        let boundary = !source[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
        if boundary {
            if let Some((text, _)) = literal(source, skip_space(source, at + 3)) {
                found.insert(text);
            }
        }
    }
}

fn english_texts() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&Path::new(ROOT).join("src"), &mut files);
    let mut found = BTreeSet::new();
    for file in files {
        // The catalogue machinery's own examples are not the page's words.
        if file.starts_with(Path::new(ROOT).join("src/i18n")) {
            continue;
        }
        // A module's tests in their own file (`#[cfg(test)] mod tests;`).
        if file.file_name().is_some_and(|name| name == "tests.rs") {
            continue;
        }
        texts_in(
            &fs::read_to_string(&file).expect("source is readable"),
            &mut found,
        );
    }
    found
}

fn catalogue_path(lang: Lang) -> PathBuf {
    Path::new(ROOT)
        .join("i18n")
        .join(format!("{}.json", lang.code()))
}

fn json_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn the_english_list_is_what_the_code_says() {
    let texts = english_texts();
    assert!(
        texts.len() > 500,
        "only {} English texts found",
        texts.len()
    );
    let mut listed = String::from("{\n");
    for (i, text) in texts.iter().enumerate() {
        let comma = if i + 1 == texts.len() { "" } else { "," };
        listed.push_str(&format!(
            " {}: {}{comma}\n",
            json_string(text),
            json_string(text)
        ));
    }
    listed.push_str("}\n");
    let path = catalogue_path(Lang::En);
    if std::env::var_os("UPDATE_CATALOGUES").is_some() {
        fs::write(&path, &listed).expect("i18n/en.json is writable");
    }
    let written = fs::read_to_string(&path).unwrap_or_default();
    assert!(
        written == listed,
        "i18n/en.json is not the English the code says: run UPDATE_CATALOGUES=1 cargo test --test catalogues"
    );
}

#[test]
fn every_catalogue_translates_every_text_with_its_placeholders() {
    let texts = english_texts();
    let mut problems = Vec::new();
    for lang in Lang::ALL.into_iter().filter(|l| *l != Lang::En) {
        let path = catalogue_path(lang);
        let Ok(file) = fs::read_to_string(&path) else {
            problems.push(format!("{}: missing", path.display()));
            continue;
        };
        let catalogue = match Catalogue::parse(&file) {
            Ok(catalogue) => catalogue,
            Err(error) => {
                problems.push(format!("{}: {error}", lang.code()));
                continue;
            }
        };
        for text in &texts {
            match catalogue.get(text) {
                None => problems.push(format!("{}: no translation of {text:?}", lang.code())),
                Some(translation) if placeholders(translation) != placeholders(text) => problems
                    .push(format!(
                        "{}: the translation of {text:?} has placeholders {:?}, not {:?}",
                        lang.code(),
                        placeholders(translation),
                        placeholders(text)
                    )),
                Some(translation) if translation.trim().is_empty() => problems.push(format!(
                    "{}: the translation of {text:?} is empty",
                    lang.code()
                )),
                Some(_) => {}
            }
        }
        for key in catalogue.keys() {
            if !texts.contains(key) {
                problems.push(format!(
                    "{}: {key:?} is no longer said by the code",
                    lang.code()
                ));
            }
        }
    }
    let shown: Vec<&String> = problems.iter().take(40).collect();
    assert!(
        problems.is_empty(),
        "{} problems, the first:\n{shown:#?}",
        problems.len()
    );
}
