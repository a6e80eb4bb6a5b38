//! A challenge's printed sheet: the task, the starting world, and the goal as a checklist. The worksheet leaves
//! numbered lines for the plan; the answer key gives the stored solution move by move, the par, why it works
//! and the RFC rules that why cites.

use super::Markup;
use crate::sim::challenge::Challenge;
use crate::sim::world::World;
use crate::ui::challenge_words::{says, text_in, Says};
use crate::ui::i18n::{tr, Lang, Text};

/// The RFC sections a text cites ("RFC 1939 §6"), each once, in the order cited.
pub fn cited_rules(text: &str) -> Vec<String> {
    let mut rules: Vec<String> = Vec::new();
    for (at, _) in text.match_indices("RFC ") {
        let rest = &text[at + 4..];
        let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if number.is_empty() {
            continue;
        }
        let after = &rest[number.len()..];
        let section: String = after
            .strip_prefix(" §")
            .map(|s| {
                s.chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.')
                    .collect::<String>()
            })
            .unwrap_or_default();
        // A sentence's full stop is not part of the section number.
        let section = section.trim_end_matches('.');
        let rule = if section.is_empty() {
            format!("RFC {number}")
        } else {
            format!("RFC {number} §{section}")
        };
        if !rules.contains(&rule) {
            rules.push(rule);
        }
    }
    rules
}

/// `moves`: the stored solution in words (`None` writes the worksheet).
pub(super) fn write(
    out: &mut Markup,
    lang: Lang,
    challenge: &Challenge,
    start: Option<&World>,
    moves: Option<&Vec<String>>,
) {
    out.element("h1", "", &text_in(lang, &challenge.title));
    out.element("p", "class=\"scenario\"", &text_in(lang, &challenge.task));
    if let Some(world) = start {
        out.start_diagram(lang, world);
    }
    out.open("section", "class=\"sheet-block\"");
    out.element("h2", "", tr(lang, Text::GoalChecklist));
    out.open("ul", "class=\"sheet-goals\"");
    for condition in &challenge.goal {
        out.open("li", "data-testid=\"sheet-goal\"");
        out.element("span", "class=\"box\"", "☐");
        out.text(" ");
        out.text(&text_in(lang, &condition.words()));
        out.close("li");
    }
    out.close("ul");
    out.close("section");
    let Some(moves) = moves else {
        out.open("section", "class=\"sheet-block sheet-plan\"");
        out.element("h2", "", tr(lang, Text::YourPlan));
        out.open("ol", "class=\"plan-lines\"");
        for _ in 0..challenge.par().max(3) + 2 {
            out.open("li", "");
            out.lines(1);
            out.close("li");
        }
        out.close("ol");
        out.close("section");
        return;
    };
    out.open("section", "class=\"sheet-block\"");
    out.element("h2", "", tr(lang, Text::SolutionMoves));
    out.open("ol", "class=\"sheet-moves\"");
    for words in moves {
        out.element("li", "data-testid=\"sheet-move\"", words);
    }
    out.close("ol");
    out.element(
        "p",
        "",
        &tr(lang, Text::ParIs).replace("{n}", &challenge.par().to_string()),
    );
    out.close("section");
    out.open("section", "class=\"sheet-block\"");
    out.element("h2", "", says(lang, Says::WhyItWorks));
    out.element("p", "class=\"sheet-why\"", &text_in(lang, &challenge.why));
    out.element("h2", "", tr(lang, Text::TheRule));
    out.open("ul", "class=\"sheet-rules\"");
    for rule in cited_rules(&challenge.why.en) {
        out.element("li", "data-testid=\"sheet-rule\"", &rule);
    }
    out.close("ul");
    out.close("section");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rules_cited_are_listed_once_each_without_full_stops() {
        let why = "DELE marks (RFC 1939 §6). A UIDL persists (RFC 1939 §7); see RFC 1939 §6 and RFC 2177.";
        assert_eq!(cited_rules(why), ["RFC 1939 §6", "RFC 1939 §7", "RFC 2177"]);
        assert!(cited_rules("no rule here, nor in RFCs").is_empty());
    }
}
