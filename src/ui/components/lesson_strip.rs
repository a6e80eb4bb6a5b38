//! Every lesson one click away, under the title: numbered buttons (`data-testid="lesson"`, `data-lesson` = the
//! id `?lesson=` takes), titled with the lesson's name; the Lessons menu describes each at length.

use crate::sim::lesson::catalogue;
use crate::ui::i18n::{tr, words, Lang, Text};
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct LessonStripProps {
    pub lang: Lang,
    /// The lesson being followed.
    pub current: Option<&'static str>,
    pub dispatch: Callback<Action>,
}

// A plain view function: it renders only when the header does, and each component costs the bundle its own
// copy of Yew's lifecycle code.
pub fn lesson_strip(props: &LessonStripProps) -> Html {
    let lang = props.lang;
    let lessons = catalogue();
    html! {
        <nav class="lesson-strip" aria-label={ tr(lang, Text::Lessons) }>
            <span class="lesson-strip-label">{ tr(lang, Text::Lessons) }</span>
            { for lessons.iter().enumerate().map(|(i, lesson)| {
                let dispatch = props.dispatch.clone();
                let id = lesson.id;
                let open = Callback::from(move |_: MouseEvent| dispatch.emit(Action::OpenedLesson(id.to_string())));
                let title = words(lang, lesson.title);
                // The accessible name starts with the visible number (WCAG 2.5.3, label in name).
                let name = format!("{} {title}", i + 1);
                html! {
                    <button type="button" data-testid="lesson" data-lesson={ id } title={ title } aria-label={ name }
                        aria-current={ (props.current == Some(id)).then_some("step") } onclick={ open }>{ i + 1 }</button>
                }
            }) }
        </nav>
    }
}
