//! Filling a translated template's numbered slots.

/// The template with `{0}`…`{9}` replaced by the pieces; a slot without a piece, or any other brace, stays as
/// written (a translation that misnumbers a slot shows it instead of panicking).
pub fn fill(template: &str, pieces: &[&str]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let (before, from_brace) = rest.split_at(open);
        out.push_str(before);
        let bytes = from_brace.as_bytes();
        let piece = match (bytes.get(1), bytes.get(2)) {
            (Some(digit @ b'0'..=b'9'), Some(b'}')) => pieces.get(usize::from(digit - b'0')),
            _ => None,
        };
        match piece {
            Some(piece) => {
                out.push_str(piece);
                rest = from_brace.get(3..).unwrap_or("");
            }
            None => {
                out.push('{');
                rest = from_brace.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The slots a text uses, `{0}` or named like `{phone}`, sorted and without repeats: a translation must use
/// the same ones as its English.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut found: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let from_brace = rest.get(open..).unwrap_or("");
        match from_brace.find('}') {
            Some(close)
                if close > 1
                    && from_brace.get(1..close).is_some_and(|name| {
                        name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    }) =>
            {
                found.push(from_brace.get(..=close).unwrap_or(""));
                rest = from_brace.get(close + 1..).unwrap_or("");
            }
            _ => rest = from_brace.get(1..).unwrap_or(""),
        }
    }
    found.sort_unstable();
    found.dedup();
    found
}

/// The text with its first letter in capitals, for a sentence that starts with a name ("the laptop …");
/// scripts without capitals are unchanged.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_and_strangers_kept() {
        assert_eq!(fill("{1} then {0}", &["a", "b"]), "b then a");
        assert_eq!(fill("{3} {x} {", &["a"]), "{3} {x} {");
        assert_eq!(fill("第 {0} 封", &["2"]), "第 2 封");
    }

    #[test]
    fn placeholders_are_listed_once() {
        assert_eq!(
            placeholders("{1} {0} {1} {phone} {"),
            vec!["{0}", "{1}", "{phone}"]
        );
        assert_eq!(placeholders("no slots {}"), Vec::<&str>::new());
    }
}
