//! The teacher's builder: the world as it is becomes the start; the teacher writes the task, records a solution
//! by playing it (`data-action="record-solution"`), picks goal conditions from a menu filled from the world's
//! own devices, folders and messages (`data-action="add-goal"`), adds hints, and shares
//! (`data-action="share-challenge"`, the link in `data-testid="challenge-link"`).

use crate::sim::challenge::codec::challenge_to_json;
use crate::sim::challenge::condition_menu;
use crate::ui::challenge_mode::ChallengeAction;
use crate::ui::challenge_mode::{action_count, Builder, DraftField};
use crate::ui::challenge_words::{says, text_in, Says};
use crate::ui::i18n::Lang;
use crate::ui::share;
use crate::ui::state::{Action, Sim};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChallengeBuilderProps {
    pub lang: Lang,
    pub builder: Builder,
    pub sim: Sim,
    pub dispatch: Callback<Action>,
}

#[function_component(ChallengeBuilder)]
pub fn challenge_builder(props: &ChallengeBuilderProps) -> Html {
    let lang = props.lang;
    let builder = &props.builder;
    let draft = &builder.draft;
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let edit_input = |field: DraftField| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.emit(Action::Challenge(ChallengeAction::EditedDraft(
                field,
                input.value(),
            )));
        })
    };
    let edit_area = |field: DraftField| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.emit(Action::Challenge(ChallengeAction::EditedDraft(
                field,
                area.value(),
            )));
        })
    };
    // The shared challenge's link, made once per share.
    {
        let dispatch = props.dispatch.clone();
        use_effect_with(builder.shared.clone(), move |shared| {
            if let Some(challenge) = shared {
                let json = challenge_to_json(challenge);
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(fragment) = share::fragment_for(&json).await {
                        dispatch.emit(Action::Challenge(ChallengeAction::MadeChallengeLink(
                            share::page_url(&fragment),
                        )));
                    }
                });
            }
        });
    }
    let menu = condition_menu(props.sim.timeline().world());
    let chosen = use_node_ref();
    let add_goal = {
        let (chosen, dispatch, menu) = (chosen.clone(), props.dispatch.clone(), menu.clone());
        Callback::from(move |_: MouseEvent| {
            let index = chosen
                .cast::<HtmlSelectElement>()
                .and_then(|s| s.value().parse::<usize>().ok());
            if let Some(condition) = index.and_then(|i| menu.get(i)) {
                dispatch.emit(Action::Challenge(ChallengeAction::AddedGoal(
                    condition.clone(),
                )));
            }
        })
    };
    let hint = use_node_ref();
    let add_hint = {
        let (hint, dispatch) = (hint.clone(), props.dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = hint.cast::<HtmlInputElement>() {
                dispatch.emit(Action::Challenge(ChallengeAction::AddedHint(input.value())));
                input.set_value("");
            }
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let recorded = action_count(&draft.solution);
    html! {
        <section class="builder-panel panel" data-testid="challenge-builder" aria-labelledby="builder-title">
            <header class="panel-header">
                <h2 id="builder-title">{ says(lang, Says::Builder) }</h2>
                <button type="button" class="icon-button" onclick={ send(Action::Challenge(ChallengeAction::ClosedBuilder)) } aria-label={ says(lang, Says::Close) } title={ says(lang, Says::Close) }>{ "✕" }</button>
            </header>
            <p class="subtle">{ says(lang, Says::BuilderHelp) }</p>
            <label class="field">
                <span>{ says(lang, Says::Title) }</span>
                <input type="text" data-testid="draft-title" maxlength="200" value={ text_in(lang, &draft.title).to_string() } oninput={ edit_input(DraftField::Title) } />
            </label>
            <label class="field">
                <span>{ says(lang, Says::Task) }</span>
                <textarea data-testid="draft-task" rows="2" maxlength="2000" value={ text_in(lang, &draft.task).to_string() } oninput={ edit_area(DraftField::Task) } />
            </label>
            <div class="builder-row">
                <button type="button" class={ classes!(builder.recording.then_some("recording")) } data-action="record-solution" aria-pressed={ builder.recording.to_string() } onclick={ send(Action::Challenge(ChallengeAction::PressedRecordSolution)) }>
                    { says(lang, if builder.recording { Says::StopRecording } else { Says::RecordSolution }) }
                </button>
                <span class="subtle" data-testid="recorded-actions" data-count={ recorded.to_string() }>
                    { if draft.solution.is_empty() { says(lang, Says::NotRecorded).to_string() } else { says(lang, Says::Recorded).replace("{n}", &recorded.to_string()) } }
                </span>
            </div>
            <h3>{ says(lang, Says::GoalConditions) }</h3>
            <div class="builder-row">
                <select ref={ chosen } data-testid="goal-menu" aria-label={ says(lang, Says::GoalConditions) }>
                    { for menu.iter().enumerate().map(|(i, c)| html! { <option value={ i.to_string() }>{ text_in(lang, &c.words()).to_string() }</option> }) }
                </select>
                <button type="button" data-action="add-goal" onclick={ add_goal }>{ says(lang, Says::AddGoal) }</button>
            </div>
            <ul class="goal-list">
                { for draft.goal.iter().enumerate().map(|(i, c)| html! {
                    <li class="goal-item" data-testid="draft-goal">
                        <span>{ text_in(lang, &c.words()).to_string() }</span>
                        <button type="button" class="icon-button" onclick={ send(Action::Challenge(ChallengeAction::RemovedGoal(i))) } aria-label={ says(lang, Says::Remove) } title={ says(lang, Says::Remove) }>{ "✕" }</button>
                    </li>
                }) }
            </ul>
            <h3>{ says(lang, Says::Hints) }</h3>
            <div class="builder-row">
                <input type="text" ref={ hint } data-testid="draft-hint" maxlength="2000" aria-label={ says(lang, Says::Hints) } />
                <button type="button" data-action="add-hint" onclick={ add_hint }>{ says(lang, Says::AddHint) }</button>
            </div>
            <ol class="hint-list">
                { for draft.hints.iter().enumerate().map(|(i, h)| html! {
                    <li>
                        <span>{ text_in(lang, h).to_string() }</span>
                        <button type="button" class="icon-button" onclick={ send(Action::Challenge(ChallengeAction::RemovedHint(i))) } aria-label={ says(lang, Says::Remove) } title={ says(lang, Says::Remove) }>{ "✕" }</button>
                    </li>
                }) }
            </ol>
            <label class="field">
                <span>{ says(lang, Says::Why) }</span>
                <textarea data-testid="draft-why" rows="2" maxlength="2000" value={ text_in(lang, &draft.why).to_string() } oninput={ edit_area(DraftField::Why) } />
            </label>
            <button type="button" class="primary" data-action="share-challenge" disabled={ builder.recording } onclick={ send(Action::Challenge(ChallengeAction::PressedShareChallenge)) }>{ says(lang, Says::ShareChallenge) }</button>
            if let Some(problem) = &builder.problem {
                <p class="builder-problem" data-testid="builder-problem" role="alert">{ says(lang, Says::CannotShare) }{ ": " }{ problem }</p>
            }
            if let Some(url) = &builder.link {
                <label class="share-url">
                    <span>{ says(lang, Says::ChallengeLink) }</span>
                    <input type="text" readonly=true data-testid="challenge-link" value={ url.clone() } onfocus={ select_all } />
                </label>
            }
        </section>
    }
}
