//! Writing a mail of one's own for the outside sender to deliver by SMTP (`data-action="compose"` opens it),
//! so a teacher builds a scenario with the messages it needs. The core checks the limits and says what is
//! wrong; whatever is typed is shown as text, never as markup.

use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::Action;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComposeProps {
    pub lang: Lang,
    pub dispatch: Callback<Action>,
}

#[function_component(Compose)]
pub fn compose(props: &ComposeProps) -> Html {
    let lang = props.lang;
    let from = use_node_ref();
    let subject = use_node_ref();
    let body = use_node_ref();
    let send = {
        let (from, subject, body) = (from.clone(), subject.clone(), body.clone());
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = |node: &NodeRef| {
                node.cast::<HtmlInputElement>()
                    .map(|i| i.value())
                    .unwrap_or_default()
            };
            let text = body
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            dispatch.emit(Action::SentComposedMail {
                from: value(&from),
                subject: value(&subject),
                body: text,
            });
        })
    };
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::ToggledCompose))
    };
    html! {
        <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="compose-title">
            <form class="dialog panel compose" onsubmit={ send }>
                <h2 id="compose-title">{ tr(lang, Text::WriteMail) }</h2>
                <label>{ tr(lang, Text::MailFrom) }<input ref={ from } data-testid="compose-from" value="Bob Baker <bob@example.net>" /></label>
                <label>{ tr(lang, Text::MailSubject) }<input ref={ subject } data-testid="compose-subject" /></label>
                <label>{ tr(lang, Text::MailBody) }<textarea ref={ body } data-testid="compose-body" rows="5" /></label>
                <div class="compose-actions">
                    <button type="button" onclick={ close }>{ tr(lang, Text::Close) }</button>
                    <button type="submit" class="primary" data-action="compose-send">{ tr(lang, Text::SendIt) }</button>
                </div>
            </form>
        </div>
    }
}
