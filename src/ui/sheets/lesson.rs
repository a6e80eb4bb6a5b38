//! A lesson's printed sheet: the scenario, the starting world, and each step's narration with its question.
//! The worksheet offers the choices to tick and lines for why; the answer key marks the answer the simulation
//! gave when the steps really ran (`sim::lesson::answer_key`), with the lesson's why.

use super::Markup;
use crate::sim::lesson::{Answer, Lesson};
use crate::sim::world::{ActionError, World};
use crate::ui::components::lesson_panel::answer_text;
use crate::ui::i18n::{tr, words, Lang, Text};

/// `answers`: the key's answers (`None` writes the worksheet).
pub(super) fn write(
    out: &mut Markup,
    lang: Lang,
    lesson: &Lesson,
    start: &World,
    answers: Option<&Result<Vec<Option<Answer>>, ActionError>>,
) {
    let key = answers.is_some();
    out.element("h1", "", words(lang, lesson.title));
    out.element("p", "class=\"scenario\"", words(lang, lesson.summary));
    out.start_diagram(lang, start);
    if let Some(Err(error)) = answers {
        out.element(
            "p",
            "class=\"sheet-answer\"",
            &tr(lang, Text::AnswerUnknown).replace("{reason}", &error.to_string()),
        );
    }
    let answer_of = |step: usize| {
        answers
            .and_then(|a| a.as_ref().ok())
            .and_then(|a| a.get(step).copied().flatten())
    };
    out.open("ol", "class=\"sheet-steps\"");
    for (i, step) in lesson.steps.iter().enumerate() {
        let n = (i + 1).to_string();
        out.open("li", "class=\"sheet-step\"");
        out.element("h3", "", &tr(lang, Text::SheetStep).replace("{n}", &n));
        out.element("p", "", words(lang, step.narration));
        if let Some(q) = &step.question {
            let actual = answer_of(i);
            out.open(
                "div",
                &format!(
                    "class=\"sheet-question\" data-testid=\"sheet-question\" data-step=\"{n}\""
                ),
            );
            out.element("p", "class=\"prompt\"", words(lang, q.prompt));
            out.open("ul", "class=\"sheet-choices\"");
            for &choice in q.choices {
                let (label, value) = answer_text(lang, choice);
                let right = actual == Some(choice);
                out.open(
                    "li",
                    &format!(
                        "class=\"sheet-choice{}\" data-testid=\"sheet-choice\" data-answer=\"{value}\"",
                        if right { " right" } else { "" }
                    ),
                );
                out.element("span", "class=\"box\"", if right { "☒" } else { "☐" });
                out.text(" ");
                out.text(&label);
                out.close("li");
            }
            out.close("ul");
            if let Some(actual) = actual {
                let (label, value) = answer_text(lang, actual);
                out.open(
                    "p",
                    &format!("class=\"sheet-answer\" data-testid=\"sheet-answer\" data-answer=\"{value}\""),
                );
                out.element(
                    "strong",
                    "",
                    &format!("{} {label}", tr(lang, Text::TheAnswer)),
                );
                out.close("p");
                out.element("p", "class=\"sheet-why\"", words(lang, q.why));
            } else if !key {
                out.element("p", "class=\"sheet-hint\"", tr(lang, Text::ExplainWhy));
                out.lines(3);
            }
            out.close("div");
        }
        out.close("li");
    }
    out.close("ol");
    if !key {
        out.open("div", "class=\"notes-box\"");
        out.element("h2", "", tr(lang, Text::SheetNotes));
        out.close("div");
    }
}
