//! The page's error area (`data-testid="error"`): why an action was refused, in the reader's language.

use crate::sim::world::ActionError;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, PageError, WorldSource};
use yew::prelude::*;

#[derive(PartialEq)]
pub struct ErrorBannerProps {
    pub lang: Lang,
    pub error: PageError,
    pub dispatch: Callback<Action>,
}

/// The error in the reader's language.
pub fn error_text(lang: Lang, error: &PageError) -> String {
    match error {
        PageError::Refused(e) => match e {
            ActionError::NoSuchDevice(_) => tr(lang, Text::NoSuchDevice).to_string(),
            ActionError::NoSuchMessage { .. } => tr(lang, Text::NoSuchMessage).to_string(),
            ActionError::DeviceOffline(_) => tr(lang, Text::DeviceOfflineError).to_string(),
            ActionError::TooManyDevices => tr(lang, Text::TooManyDevices).to_string(),
            ActionError::LastDevice => tr(lang, Text::LastDevice).to_string(),
            ActionError::NotForThisProtocol => tr(lang, Text::NotForProtocol).to_string(),
            ActionError::ActionsPending(_) => tr(lang, Text::ActionsPendingError).to_string(),
            // The rest name a limit or a field; the core's own sentence says which.
            other => format!("{}: {other}", tr(lang, Text::InvalidInput)),
        },
        PageError::NoSuchLesson(_) => tr(lang, Text::NoSuchLesson).to_string(),
        PageError::NoSuchChallenge(id) => tr(lang, Text::NoSuchChallenge).replace("{id}", id),
        PageError::ChallengeRefused(reason) => {
            tr(lang, Text::ChallengeRefused).replace("{reason}", reason)
        }
        PageError::LanguageNotLoaded {
            lang: wanted,
            reason,
        } => tr(lang, Text::LanguageNotLoaded)
            .replace("{lang}", wanted.own_name())
            .replace("{reason}", reason),
        PageError::WorldNotLoaded { source, reason } => {
            let text = match source {
                WorldSource::Link => Text::BadLink,
                WorldSource::File => Text::BadFile,
                WorldSource::Saved => Text::UnreadableSave,
                WorldSource::Previous => Text::BadPrevious,
            };
            tr(lang, text).replace("{reason}", reason)
        }
    }
}

// A plain view function, not a component: it is small or seldom shown, and each component costs the bundle
// its own copy of Yew's lifecycle code.
pub fn error_banner(props: &ErrorBannerProps) -> Html {
    let dismiss = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::DismissedError))
    };
    html! {
        <div class="error-banner" role="alert" data-testid="error">
            <span>{ error_text(props.lang, &props.error) }</span>
            <button type="button" onclick={ dismiss } aria-label={ tr(props.lang, Text::Dismiss) }>{ "✕" }</button>
        </div>
    }
}
