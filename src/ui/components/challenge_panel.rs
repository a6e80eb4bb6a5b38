//! The challenge being played (`data-testid="challenge"`): the task, the goal ticked live (`goal-item`,
//! `data-met`), the completion meter (`challenge-progress`), hints one at a time, the stored solution played
//! on the stage, start again, and the finish (`challenge-complete`) with why it works and the solution link.

use crate::sim::challenge::codec::solution_to_json;
use crate::sim::challenge::ChallengeRun;
use crate::ui::challenge_mode::ChallengeAction;
use crate::ui::challenge_words::{actions_text, says, text_in, Says};
use crate::ui::i18n::Lang;
use crate::ui::i18n::{tr, Text};
use crate::ui::persist;
use crate::ui::print_mode::PrintChoice;
use crate::ui::share;
use crate::ui::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChallengePanelProps {
    pub lang: Lang,
    pub run: ChallengeRun,
    /// The page keeps state in this browser (not with `?fresh`): the finish is remembered.
    pub keep_progress: bool,
    pub dispatch: Callback<Action>,
}

#[function_component(ChallengePanel)]
pub fn challenge_panel(props: &ChallengePanelProps) -> Html {
    let lang = props.lang;
    let run = &props.run;
    let challenge = &run.challenge;
    let checklist = &run.checklist;
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    // The finish is kept in this browser and turned into a solution link, once per finish.
    let link = use_state(|| None::<String>);
    {
        let link = link.clone();
        let finish = run.finished.clone();
        let key = challenge.progress_key();
        let keep = props.keep_progress;
        use_effect_with(finish, move |finish| {
            link.set(None);
            if let Some(finish) = finish.clone() {
                if keep {
                    persist::save_challenge_progress(
                        &key,
                        &format!("solved in {} actions, par {}", finish.actions, finish.par),
                    );
                }
                let json = solution_to_json(&finish.solution);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(fragment) = share::fragment_for(&json).await {
                        link.set(Some(share::page_url(&fragment)));
                    }
                });
            }
        });
    }
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let percent = if checklist.total() == 0 {
        0
    } else {
        checklist.done() * 100 / checklist.total()
    };
    let hints = challenge.hints(run.hints_shown);
    let more_hints = run.hints_shown < challenge.hints.len();
    html! {
        <section class="challenge-panel panel" data-testid="challenge" data-challenge={ challenge.id.clone() } data-seed={ challenge.seed.to_string() } aria-labelledby="challenge-title">
            <header class="panel-header">
                <h2 id="challenge-title">{ text_in(lang, &challenge.title) }</h2>
                <button type="button" class="icon-button" onclick={ send(Action::Challenge(ChallengeAction::ClosedChallenge)) } aria-label={ says(lang, Says::Close) } title={ says(lang, Says::Close) }>{ "✕" }</button>
            </header>
            // The finish comes first, where the student looks, above the task it completes.
            if let Some(finish) = &run.finished {
                <div class="challenge-complete" data-testid="challenge-complete" data-actions={ finish.actions.to_string() } data-par={ finish.par.to_string() } role="status">
                    <h3>{ says(lang, Says::Complete) }</h3>
                    <p>{ says(lang, Says::VerdictSolved).replace("{n}", &actions_text(lang, finish.actions)).replace("{par}", &finish.par.to_string()) }</p>
                    <h4>{ says(lang, Says::WhyItWorks) }</h4>
                    <p>{ text_in(lang, &challenge.why) }</p>
                    <label class="share-url">
                        <span>{ says(lang, Says::SolutionLink) }</span>
                        if let Some(url) = (*link).clone() {
                            <input type="text" readonly=true data-testid="solution-link" value={ url } onfocus={ select_all } />
                        } else {
                            <span class="subtle">{ says(lang, Says::MakingLink) }</span>
                        }
                    </label>
                    <p class="subtle">{ says(lang, Says::SolutionLinkHelp) }</p>
                </div>
            }
            <p class="challenge-task">{ text_in(lang, &challenge.task) }</p>
            <div class="challenge-progress" data-testid="challenge-progress" data-done={ checklist.done().to_string() } data-total={ checklist.total().to_string() }>
                <meter min="0" max={ checklist.total().to_string() } value={ checklist.done().to_string() } aria-label={ says(lang, Says::Goal) }></meter>
                <span>{ format!("{} / {} · {} {} · {} {}", checklist.done(), checklist.total(), says(lang, Says::ActionsUsed), checklist.actions, says(lang, Says::Par), challenge.par()) }</span>
                <span class="visually-hidden">{ format!("{percent}%") }</span>
            </div>
            <h3>{ says(lang, Says::Goal) }</h3>
            <ul class="goal-list">
                { for checklist.items.iter().map(|item| html! {
                    <li data-testid="goal-item" data-met={ item.met.to_string() } class={ classes!("goal-item", item.met.then_some("met")) }>
                        <span class="tick" aria-hidden="true">{ if item.met { "✓" } else { "○" } }</span>
                        <span>{ text_in(lang, &item.words) }</span>
                    </li>
                }) }
            </ul>
            if !hints.is_empty() {
                <ol class="hint-list">
                    { for hints.iter().map(|hint| html! { <li data-testid="challenge-hint-text">{ text_in(lang, hint) }</li> }) }
                </ol>
            }
            if run.showing_solution.is_some() {
                <p class="subtle" role="status">{ says(lang, Says::ShowingSolution) }</p>
            } else if run.solution_was_shown && run.finished.is_none() {
                <p class="subtle">{ says(lang, Says::ShownSolutionNote) }</p>
            }
            <div class="challenge-actions">
                <button type="button" data-action="challenge-hint" disabled={ !more_hints } onclick={ send(Action::Challenge(ChallengeAction::PressedChallengeHint)) }>
                    { if more_hints { says(lang, Says::Hint) } else { says(lang, Says::NoMoreHints) } }
                </button>
                <button type="button" data-action="challenge-solution" onclick={ send(Action::Challenge(ChallengeAction::PressedShowSolution)) }>{ says(lang, Says::ShowSolution) }</button>
                <button type="button" data-action="challenge-reset" onclick={ send(Action::Challenge(ChallengeAction::PressedChallengeReset)) }>{ says(lang, Says::StartAgain) }</button>
                <button type="button" data-action="edit-challenge" onclick={ send(Action::Challenge(ChallengeAction::PressedEditChallenge)) }>{ says(lang, Says::EditChallenge) }</button>
                <button type="button" class="print-button" data-action="print" onclick={ send(Action::PressedPrint(PrintChoice::Worksheet)) }>{ tr(lang, Text::PrintWorksheet) }</button>
                <button type="button" class="print-button" data-action="print-key" onclick={ send(Action::PressedPrint(PrintChoice::AnswerKey)) }>{ tr(lang, Text::PrintKey) }</button>
            </div>
        </section>
    }
}
