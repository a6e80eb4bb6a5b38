//! The URL parameters of docs/hooks.md: `?speed=instant`, `?lang=en|zh`, `?lesson=ID`, `?challenge=ID` (with
//! `&seed=N`), `?fresh`, `?devices=N`, `?messages=N`.

use super::i18n::Lang;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UrlOptions {
    pub lang: Option<Lang>,
    /// No animation: after each action the simulation runs until idle before the next render.
    pub instant: bool,
    /// Ignore saved state and start from the default world (saved state is left untouched).
    pub fresh: bool,
    pub lesson: Option<String>,
    /// A built-in challenge, in the variant `seed` makes (0 or none: the canonical one).
    pub challenge: Option<String>,
    pub seed: Option<u64>,
    /// A larger world for load tests: this many devices (1 to 8) ...
    pub devices: Option<usize>,
    /// ... and this many extra messages in INBOX (up to 10,000).
    pub messages: Option<u32>,
}

impl UrlOptions {
    /// Parses a query string such as `?lang=zh&speed=instant&fresh`; unknown or malformed parts are ignored.
    pub fn parse(search: &str) -> Self {
        let mut options = UrlOptions::default();
        for pair in search
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
        {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key {
                "lang" => options.lang = Lang::from_code(value),
                "speed" => options.instant = value == "instant",
                "fresh" => options.fresh = true,
                // Lesson ids are short slugs; anything else is not a lesson we could have.
                "lesson" if !value.is_empty() && value.len() <= 64 => {
                    options.lesson = Some(
                        value
                            .chars()
                            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                            .collect(),
                    )
                }
                "challenge" if crate::sim::challenge::verify::is_slug(value) => {
                    options.challenge = Some(value.to_string())
                }
                "seed" => options.seed = value.parse().ok(),
                "devices" => options.devices = value.parse().ok().filter(|n| (1..=8).contains(n)),
                "messages" => options.messages = value.parse().ok().filter(|n| *n <= 10_000),
                _ => {}
            }
        }
        options
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_test_hook_parameter() {
        let o = UrlOptions::parse("?lang=zh&speed=instant&fresh&lesson=pop3-download-and-delete");
        assert_eq!(o.lang, Some(Lang::Zh));
        assert!(o.instant && o.fresh);
        assert_eq!(o.lesson.as_deref(), Some("pop3-download-and-delete"));
    }

    #[test]
    fn load_parameters_are_bounded() {
        let o = UrlOptions::parse("?devices=8&messages=500");
        assert_eq!((o.devices, o.messages), (Some(8), Some(500)));
        let o = UrlOptions::parse("?devices=99&messages=99999999999");
        assert_eq!((o.devices, o.messages), (None, None));
    }

    #[test]
    fn ignores_what_it_does_not_know() {
        assert_eq!(
            UrlOptions::parse("?lang=xx&speed=fast&&=&lesson="),
            UrlOptions::default()
        );
        assert_eq!(UrlOptions::parse(""), UrlOptions::default());
    }
}
