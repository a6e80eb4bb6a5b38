//! A solution link checked (`data-testid="solution-verdict"`, `data-verdict="solved|unsolved|invalid"`): the
//! student's actions replayed by the same checker, on the stage beside it; what is missing, or why the link
//! cannot be checked. It never says solved unless the replay met every condition.

use crate::sim::challenge::{Text as ChallengeText, Verdict};
use crate::ui::challenge_mode::ChallengeAction;
use crate::ui::challenge_words::{actions_text, says, text_in, Says};
use crate::ui::i18n::Lang;
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct SolutionVerdictProps {
    pub lang: Lang,
    pub verdict: Verdict,
    /// The checked challenge's title, when the link could be read that far.
    pub title: Option<ChallengeText>,
    pub dispatch: Callback<Action>,
}

// A plain view function, not a component: it is small or seldom shown, and each component costs the bundle
// its own copy of Yew's lifecycle code.
pub fn solution_verdict(props: &SolutionVerdictProps) -> Html {
    let lang = props.lang;
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Challenge(ChallengeAction::ClosedVerdict))
        })
    };
    let fill = |says_what: Says, actions: usize, par: usize| {
        says(lang, says_what)
            .replace("{n}", &actions_text(lang, actions))
            .replace("{par}", &par.to_string())
    };
    let body = match &props.verdict {
        Verdict::Solved { actions, par } => {
            html! { <p class="verdict-line">{ fill(Says::VerdictSolved, *actions, *par) }</p> }
        }
        Verdict::Unsolved {
            actions,
            par,
            missing,
        } => html! {
            <>
                <p class="verdict-line">{ fill(Says::VerdictUnsolved, *actions, *par) }</p>
                <ul class="goal-list">
                    { for missing.iter().map(|m| html! { <li data-testid="goal-item" data-met="false" class="goal-item"><span class="tick" aria-hidden="true">{ "○" }</span><span>{ text_in(lang, m) }</span></li> }) }
                </ul>
            </>
        },
        Verdict::Invalid(error) => html! {
            <p class="verdict-line">{ says(lang, Says::VerdictInvalid) }{ " " }{ error.to_string() }</p>
        },
    };
    html! {
        <section class={ classes!("verdict-panel", "panel", props.verdict.id()) } data-testid="solution-verdict" data-verdict={ props.verdict.id() } role="status" aria-labelledby="verdict-title">
            <header class="panel-header">
                <h2 id="verdict-title">{ says(lang, Says::VerdictTitle) }</h2>
                <button type="button" class="icon-button" onclick={ close } aria-label={ says(lang, Says::Close) } title={ says(lang, Says::Close) }>{ "✕" }</button>
            </header>
            if let Some(title) = &props.title {
                <p class="verdict-challenge"><strong>{ text_in(lang, title) }</strong></p>
            }
            { body }
        </section>
    }
}
