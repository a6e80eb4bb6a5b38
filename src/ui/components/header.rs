//! The title bar: name, the lessons strip, and the tools: lessons menu, challenges, save and share, compare, language,
//! projector mode.

use super::lesson_strip::{lesson_strip, LessonStripProps};
use crate::ui::challenge_mode::ChallengeAction;
use crate::ui::challenge_words::{says, Says};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    pub projector: bool,
    /// Compare mode is on.
    pub compare: bool,
    /// The lesson being followed.
    pub lesson: Option<&'static str>,
    pub dispatch: Callback<Action>,
    /// Opens the save-and-share panel and makes the link.
    pub on_share: Callback<()>,
}

pub fn header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let choose = |target: Lang| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ChoseLanguage(target)))
    };
    let open_lessons = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ToggledLessons))
    };
    let open_challenges = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| {
            dispatch.emit(Action::Challenge(ChallengeAction::ToggledChallenges))
        })
    };
    let share = props.on_share.reform(|_: MouseEvent| ());
    let toggle_projector = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ToggledProjector))
    };
    let toggle_compare = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ToggledCompare))
    };
    html! {
        <header class="app-header">
            <div class="brand">
                <svg class="brand-mark" viewBox="0 0 64 64" aria-hidden="true">
                    <rect x="4" y="12" width="56" height="40" rx="6" />
                    <path d="M8 18 L32 36 L56 18" />
                </svg>
                <div>
                    <h1 title={ tr(lang, Text::Tagline) }>{ "Mailroom" }</h1>
                    { lesson_strip(&LessonStripProps { lang, current: props.lesson, dispatch: props.dispatch.clone() }) }
                </div>
            </div>
            <div class="header-tools">
                <button type="button" class="primary" data-action="lessons" onclick={ open_lessons }>{ tr(lang, Text::Lessons) }</button>
                <button type="button" class="primary" data-action="challenges" onclick={ open_challenges }>{ says(lang, Says::Challenges) }</button>
                <button type="button" data-action="share" onclick={ share }>{ tr(lang, Text::SaveAndShare) }</button>
                <button type="button" class="toggle" data-action="compare" aria-pressed={ props.compare.to_string() } onclick={ toggle_compare }>{ tr(lang, Text::Compare) }</button>
                <div class="segmented" role="group" aria-label={ tr(lang, Text::Language) }>
                    <button type="button" aria-pressed={ (lang == Lang::En).to_string() } onclick={ choose(Lang::En) }>{ "English" }</button>
                    <button type="button" aria-pressed={ (lang == Lang::Zh).to_string() } onclick={ choose(Lang::Zh) }>{ "简体中文" }</button>
                </div>
                <button type="button" class="toggle" aria-pressed={ props.projector.to_string() } onclick={ toggle_projector }>
                    { tr(lang, Text::Projector) }
                </button>
            </div>
        </header>
    }
}
