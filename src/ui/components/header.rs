//! The title bar: name, the lessons strip, and the tools: lessons menu, challenges, save and share, compare, table
//! view, language, projector mode.

use super::lesson_strip::{lesson_strip, LessonStripProps};
use crate::ui::challenge_mode::ChallengeAction;
use crate::ui::challenge_words::{says, Says};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::Action;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct HeaderProps {
    pub lang: Lang,
    /// A language chosen whose words are still being fetched.
    pub wanted_lang: Option<Lang>,
    pub projector: bool,
    /// Compare mode is on.
    pub compare: bool,
    /// The table view is on.
    pub table_view: bool,
    /// The lesson being followed.
    pub lesson: Option<&'static str>,
    pub dispatch: Callback<Action>,
    /// Opens the save-and-share panel and makes the link.
    pub on_share: Callback<()>,
}

// A plain view function, not a component: its few props are cheap to compare but it is cheaper still to draw,
// and each component costs the bundle its own copy of Yew's lifecycle code.
pub fn header(props: &HeaderProps) -> Html {
    let lang = props.lang;
    let choose = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let chosen = e
                .target_dyn_into::<HtmlSelectElement>()
                .and_then(|select| Lang::from_code(&select.value()));
            if let Some(lang) = chosen {
                dispatch.emit(Action::ChoseLanguage(lang));
            }
        })
    };
    // While a language's words are on their way, the menu already names it.
    let selected = props.wanted_lang.unwrap_or(lang);
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
    let toggle_table_view = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::ToggledTableView))
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
                <button type="button" class="toggle" data-action="table-view" aria-pressed={ props.table_view.to_string() } aria-keyshortcuts="t" onclick={ toggle_table_view }>{ tr(lang, Text::TableView) }</button>
                <select class="language" data-action="language" aria-label={ tr(lang, Text::Language) }
                    aria-busy={ props.wanted_lang.is_some().to_string() } onchange={ choose }>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={ l.code() } lang={ l.tag() } selected={ *l == selected }>{ l.own_name() }</option>
                    }) }
                </select>
                <button type="button" class="toggle" aria-pressed={ props.projector.to_string() } onclick={ toggle_projector }>
                    { tr(lang, Text::Projector) }
                </button>
            </div>
        </header>
    }
}
