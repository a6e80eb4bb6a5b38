//! Tells what just happened when nothing went wrong (`data-testid="notice"`): a world opened from a link
//! or a file, and whether the saved world it replaced was kept.

use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::persist;
use crate::ui::state::{world_arrived, Action, Notice, WorldSource};
use yew::prelude::*;

#[derive(PartialEq)]
pub struct NoticeBannerProps {
    pub lang: Lang,
    pub notice: Notice,
    pub dispatch: Callback<Action>,
}

// A plain view function, not a component: it is small or seldom shown, and each component costs the bundle
// its own copy of Yew's lifecycle code.
pub fn notice_banner(props: &NoticeBannerProps) -> Html {
    let lang = props.lang;
    let Notice::OpenedWorld {
        source,
        kept_previous,
    } = props.notice.clone();
    let said = match source {
        WorldSource::Link => Text::OpenedLink,
        WorldSource::File => Text::OpenedFile,
        WorldSource::Saved | WorldSource::Previous => Text::RestoredPrevious,
    };
    let dismiss = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::DismissedNotice))
    };
    // Restoring swaps: the world shown now becomes the previous one, so nothing is lost either way.
    let restore = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(json) = persist::previous_world() {
                dispatch.emit(world_arrived(&json, WorldSource::Previous, || {
                    persist::keep_as_previous();
                    true
                }));
            }
        })
    };
    html! {
        <div class="notice-banner" role="status" data-testid="notice">
            <span>{ tr(lang, said) }</span>
            if kept_previous && source != WorldSource::Previous {
                <span>{ " " }{ tr(lang, Text::KeptPrevious) }</span>
                <button type="button" data-action="restore-previous" onclick={ restore }>{ tr(lang, Text::RestorePrevious) }</button>
            }
            <button type="button" onclick={ dismiss } aria-label={ tr(lang, Text::Dismiss) }>{ "✕" }</button>
        </div>
    }
}
