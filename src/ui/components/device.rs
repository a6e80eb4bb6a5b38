//! A device card: what it is, how its client is set up, whether it is online, and the mail it holds.

use super::icons::device_icon;
use crate::sim::device::{DeviceKind, Protocol};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, DeviceCard};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DeviceCardProps {
    pub lang: Lang,
    pub device: DeviceCard,
    pub dispatch: Callback<Action>,
    /// Where the card sits on the stage, in percent of its width and height.
    pub x: f64,
    pub y: f64,
}

#[function_component(DeviceCardView)]
pub fn device_card(props: &DeviceCardProps) -> Html {
    let lang = props.lang;
    let d = &props.device;
    let kind_name = tr(lang, kind_text(d.kind));
    let mode = match (d.protocol, d.id.as_str()) {
        (Protocol::Pop3, _) => tr(lang, Text::DownloadAndDelete),
        (Protocol::Imap, "tablet") => tr(lang, Text::PollEvery10Minutes),
        (Protocol::Imap, _) => tr(lang, Text::PushWithIdle),
    };
    let toggle_online = {
        let dispatch = props.dispatch.clone();
        let id = d.id.clone();
        Callback::from(move |_| dispatch.emit(Action::ToggledOnline(id.clone())))
    };
    let check_mail = {
        let dispatch = props.dispatch.clone();
        let id = d.id.clone();
        Callback::from(move |_| dispatch.emit(Action::PressedCheckMail(id.clone())))
    };
    html! {
        <article class={ classes!("device", "panel", d.protocol.id(), (!d.online).then_some("is-offline")) }
            data-testid="device" data-device={ d.id.clone() } data-protocol={ d.protocol.id() } data-online={ d.online.to_string() }
            style={ format!("left:{:.2}%;top:{:.2}%", props.x, props.y) } aria-label={ format!("{kind_name} ({})", d.protocol) }>
            <header class="device-header">
                { device_icon(d.kind) }
                <div class="device-title">
                    <h3>{ kind_name }</h3>
                    <p class="subtle">{ mode }</p>
                </div>
                <span class={ classes!("badge", d.protocol.id()) }>{ d.protocol.to_string() }</span>
            </header>
            <p class="status">
                <span class={ classes!("dot", d.online.then_some("on")) } aria-hidden="true"></span>
                { tr(lang, if d.online { Text::Online } else { Text::Offline }) }
            </p>
            <div class="device-actions">
                <button type="button" class="primary" data-action="check-mail" disabled={ !d.online } onclick={ check_mail }>{ tr(lang, Text::CheckMail) }</button>
                <button type="button" data-action="toggle-online" aria-pressed={ (!d.online).to_string() } onclick={ toggle_online }>
                    { tr(lang, if d.online { Text::GoOffline } else { Text::GoOnline }) }
                </button>
            </div>
            <ul class="local-messages">
                <li class="empty">{ tr(lang, Text::NoMailYet) }</li>
            </ul>
        </article>
    }
}

pub fn kind_text(kind: DeviceKind) -> Text {
    match kind {
        DeviceKind::Laptop => Text::Laptop,
        DeviceKind::Phone => Text::Phone,
        DeviceKind::Tablet => Text::Tablet,
        DeviceKind::Desktop => Text::Desktop,
    }
}
