//! The challenges listed easy to hard (`data-testid="challenge-entry"`, `data-challenge`), each marked when
//! solved in this browser; the builder's door (`data-action="build-challenge"`); and the teacher's gradebook:
//! solution links pasted in, verdicts exported as CSV.

use crate::sim::challenge::{builtin, catalogue, gradebook_csv, Level};
use crate::ui::challenge_mode::ChallengeAction;
use crate::ui::challenge_words::{says, Says};
use crate::ui::files;
use crate::ui::i18n::{words, Lang};
use crate::ui::persist;
use crate::ui::share;
use crate::ui::state::Action;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChallengeMenuProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

fn level_words(level: Level) -> Says {
    match level {
        Level::Easy => Says::Easy,
        Level::Medium => Says::Medium,
        Level::Hard => Says::Hard,
    }
}

/// The solution documents in pasted text: each line's link fragment unpacked (a line that is not a link is
/// passed on as it is, and the gradebook reports it as unreadable).
async fn solutions_in(text: String) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let fragment = line.split_once('#').map_or(line, |(_, f)| f);
        out.push(
            share::json_from(fragment)
                .await
                .unwrap_or_else(|_| line.to_string()),
        );
    }
    out
}

#[function_component(ChallengeMenu)]
pub fn challenge_menu(props: &ChallengeMenuProps) -> Html {
    let lang = props.lang;
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Challenge(ChallengeAction::ToggledChallenges))
        })
    };
    let build = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Challenge(ChallengeAction::PressedBuildChallenge))
        })
    };
    let pasted = use_node_ref();
    let export = {
        let pasted = pasted.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = pasted.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            wasm_bindgen_futures::spawn_local(async move {
                let documents = solutions_in(text).await;
                let documents: Vec<&str> = documents.iter().map(String::as_str).collect();
                let csv = gradebook_csv(&documents);
                files::download("mailroom-gradebook.csv", "text/csv;charset=utf-8", &csv);
            });
        })
    };
    let levels = [Level::Easy, Level::Medium, Level::Hard];
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="challenges-title">
            <div class="dialog panel challenge-menu">
                <h2 id="challenges-title">{ says(lang, Says::Challenges) }</h2>
                { for levels.iter().map(|level| html! {
                    <section class="challenge-level">
                        <h3>{ says(lang, level_words(*level)) }</h3>
                        <ol class="challenge-list">
                            { for catalogue().iter().filter(|c| c.level == *level).map(|entry| {
                                let dispatch = props.dispatch.clone();
                                let id = entry.id;
                                let open = Callback::from(move |_: MouseEvent| dispatch.emit(Action::Challenge(ChallengeAction::OpenedChallenge { id: id.to_string(), seed: 0 })));
                                let solved = builtin(id, 0).and_then(|c| persist::challenge_progress(&c.progress_key())).is_some();
                                html! {
                                    <li>
                                        <button type="button" data-testid="challenge-entry" data-challenge={ id } data-solved={ solved.to_string() } onclick={ open }>
                                            <strong>{ words(lang, entry.title) }{ if solved { " ✓" } else { "" } }</strong>
                                            <span>{ words(lang, entry.teaches) }</span>
                                        </button>
                                    </li>
                                }
                            }) }
                        </ol>
                    </section>
                }) }
                <section class="challenge-teacher">
                    <button type="button" data-action="build-challenge" onclick={ build }>{ says(lang, Says::BuildChallenge) }</button>
                    <h3>{ says(lang, Says::Gradebook) }</h3>
                    <label>
                        <span>{ says(lang, Says::GradebookHelp) }</span>
                        <textarea ref={ pasted } data-testid="gradebook-input" rows="3" />
                    </label>
                    <button type="button" data-action="export-gradebook" onclick={ export }>{ says(lang, Says::ExportCsv) }</button>
                </section>
                <button type="button" onclick={ close }>{ says(lang, Says::Close) }</button>
            </div>
        </div>
    }
}
