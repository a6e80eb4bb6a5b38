//! The printed worksheets and answer keys as HTML text, as `diagram.rs` makes SVG: a printout in, markup out.
//! Text, not Yew nodes: a sheet is printed once and never updated, and building it as nodes cost about 9 KB of
//! the page's wasm. Every text from a world, a lesson or a challenge is escaped; the markup around it is ours.

mod challenge;
mod lesson;

use super::diagram::{diagram_svg, escaped};
use super::i18n::{tr, Lang, Text};
use super::print_mode::{Printout, Sheet};
use crate::sim::world::World;

/// HTML being written.
#[derive(Default)]
pub struct Markup(String);

impl Markup {
    /// An opening tag; `attributes` are written as given, so they must be our own or escaped.
    fn open(&mut self, tag: &str, attributes: &str) {
        self.0.push('<');
        self.0.push_str(tag);
        if !attributes.is_empty() {
            self.0.push(' ');
            self.0.push_str(attributes);
        }
        self.0.push('>');
    }

    fn close(&mut self, tag: &str) {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
    }

    /// Text, escaped.
    fn text(&mut self, text: &str) {
        self.0.push_str(&escaped(text));
    }

    /// An element holding only text.
    fn element(&mut self, tag: &str, attributes: &str, text: &str) {
        self.open(tag, attributes);
        self.text(text);
        self.close(tag);
    }

    /// The world a sheet starts from, drawn as the "Export SVG" diagram.
    fn start_diagram(&mut self, lang: Lang, world: &World) {
        self.open("figure", "class=\"sheet-diagram\"");
        self.element("figcaption", "", tr(lang, Text::StartingWorld));
        // Without its <style>: the page's CSP refuses inline styles, so style.css styles the printed drawing.
        let svg = diagram_svg(world, lang);
        match (svg.find("<style>"), svg.find("</style>")) {
            (Some(from), Some(to)) => {
                self.0.push_str(&svg[..from]);
                self.0.push_str(&svg[to + "</style>".len()..]);
            }
            _ => self.0.push_str(&svg),
        }
        self.close("figure");
    }

    /// Ruled lines to write on.
    fn lines(&mut self, count: usize) {
        self.open("div", "class=\"lines\"");
        for _ in 0..count {
            self.0.push_str("<span class=\"line\"></span>");
        }
        self.close("div");
    }
}

/// Where a printout sits in the page (`data-testid="printout"` and its values, docs/hooks.md) and what it holds.
pub struct PrintedSheet {
    pub kind: &'static str,
    pub id: String,
    pub html: String,
}

pub fn printed_sheet(lang: Lang, printout: &Printout) -> PrintedSheet {
    let key = printout.key;
    let mut out = Markup::default();
    let kind = tr(
        lang,
        if key {
            Text::AnswerKey
        } else {
            Text::Worksheet
        },
    );
    out.element("p", "class=\"sheet-kind\"", kind);
    if !key {
        out.open("p", "class=\"sheet-name\"");
        out.element("span", "", tr(lang, Text::SheetName));
        out.0.push_str("<span class=\"fill\"></span>");
        out.element("span", "", tr(lang, Text::SheetDate));
        out.0.push_str("<span class=\"fill short\"></span>");
        out.close("p");
    }
    let (kind, id) = match &*printout.sheet {
        Sheet::Lesson {
            lesson,
            start,
            answers,
        } => {
            lesson::write(&mut out, lang, lesson, start.world(), answers.as_ref());
            ("lesson", lesson.id.to_string())
        }
        Sheet::Challenge {
            challenge,
            start,
            moves,
        } => {
            let moves = key.then_some(moves);
            challenge::write(
                &mut out,
                lang,
                challenge,
                start.as_ref().map(|t| t.world()),
                moves,
            );
            ("challenge", challenge.id.clone())
        }
    };
    PrintedSheet {
        kind,
        id,
        html: out.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::lesson::{answer_key, find};
    use crate::sim::timeline::Timeline;
    use std::rc::Rc;

    fn lesson_printout(key: bool) -> Printout {
        let lesson = find("pop3-download-and-delete").expect("exists");
        Printout {
            request: 1,
            key,
            sheet: Rc::new(Sheet::Lesson {
                lesson,
                start: Timeline::new((lesson.setup)()),
                answers: key.then(|| answer_key(lesson)),
            }),
        }
    }

    #[test]
    fn the_worksheet_asks_and_the_key_answers() {
        let sheet = printed_sheet(Lang::En, &lesson_printout(false));
        assert_eq!(sheet.kind, "lesson");
        assert!(sheet
            .html
            .contains("How many messages will be left on the server afterwards?"));
        assert!(
            !sheet.html.contains("sheet-answer"),
            "no answer on the worksheet"
        );
        assert!(!sheet.html.contains("RFC 1939"), "no why on the worksheet");
        let key = printed_sheet(Lang::En, &lesson_printout(true)).html;
        assert!(
            key.contains("data-testid=\"sheet-answer\" data-answer=\"0\""),
            "{key}"
        );
        assert!(key.contains("RFC 1939 §6"));
    }
}
