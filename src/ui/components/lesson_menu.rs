//! The lessons described, one entry each (`data-testid="lesson-entry"`, `data-lesson`); the header's strip
//! holds the `data-testid="lesson"` buttons.

use crate::sim::lesson::catalogue;
use crate::ui::i18n::{tr, words, Lang, Text};
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct LessonMenuProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

// A plain view function, not a component: it is small or seldom shown, and each component costs the bundle
// its own copy of Yew's lifecycle code.
pub fn lesson_menu(props: &LessonMenuProps) -> Html {
    let lang = props.lang;
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ToggledLessons))
    };
    let lessons = catalogue();
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="lessons-title">
            <div class="dialog panel lesson-menu">
                <h2 id="lessons-title">{ tr(lang, Text::Lessons) }</h2>
                <ol class="lesson-list">
                    { for lessons.iter().map(|lesson| {
                        let dispatch = props.dispatch.clone();
                        let id = lesson.id;
                        let open = Callback::from(move |_: MouseEvent| dispatch.emit(Action::OpenedLesson(id.to_string())));
                        html! {
                            <li>
                                <button type="button" data-testid="lesson-entry" data-lesson={ id } onclick={ open }>
                                    <strong>{ words(lang, lesson.title) }</strong>
                                    <span>{ words(lang, lesson.summary) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ol>
                <button type="button" onclick={ close }>{ tr(lang, Text::Close) }</button>
            </div>
        </div>
    }
}
