//! A phone upright shows one view at a time, chosen in a tab bar at the bottom of the screen: the stage (with
//! the lesson or challenge under it), the transcript, or the terminal (`data-action="phone-view"`,
//! `data-view`). Wider screens hide the bar and show them side by side.

use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, PhoneView};
use yew::prelude::*;

#[derive(PartialEq)]
pub struct PhoneViewsProps {
    pub lang: Lang,
    pub view: PhoneView,
    /// The terminal is not offered while a lesson or challenge takes its place.
    pub terminal: bool,
    pub dispatch: Callback<Action>,
}

// A plain view function, not a component: it is small or seldom shown, and each component costs the bundle
// its own copy of Yew's lifecycle code.
pub fn phone_views(props: &PhoneViewsProps) -> Html {
    let lang = props.lang;
    let mut views = vec![
        (PhoneView::Stage, Text::StageView),
        (PhoneView::Transcript, Text::Transcript),
    ];
    if props.terminal {
        views.push((PhoneView::Terminal, Text::Terminal));
    }
    html! {
        <nav class="phone-views" aria-label={ tr(lang, Text::Views) }>
            { for views.into_iter().map(|(view, text)| {
                let dispatch = props.dispatch.clone();
                let choose = Callback::from(move |_: MouseEvent| {
                    dispatch.emit(Action::ChosePhoneView(view));
                    // The chosen view starts at its top, as a new screen would.
                    gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
                });
                html! {
                    <button type="button" data-action="phone-view" data-view={ view.id() } aria-pressed={ (props.view == view).to_string() } onclick={ choose }>
                        { tr(lang, text) }
                    </button>
                }
            }) }
        </nav>
    }
}
