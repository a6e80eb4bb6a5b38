//! A device's settings, behind its gear: the client's set-up, the IMAP delete model, whether a POP3 deletion
//! reaches the server, and removing the device. The card and the table view show the same controls.

use super::icons::{glyph_icon, Glyph};
use crate::sim::device::{ClientSetup, Device, DeviceClient};
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::world::Action as SimAction;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::Action;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The client set-ups a card offers, as (option value, label, set-up).
fn presets() -> [(&'static str, Text, ClientSetup); 5] {
    [
        (
            "pop3-delete",
            Text::Pop3Delete,
            ClientSetup::pop3_download_and_delete(),
        ),
        (
            "pop3-keep",
            Text::Pop3Keep,
            ClientSetup::pop3_leave_on_server(None),
        ),
        (
            "pop3-keep-7",
            Text::Pop3Keep7,
            ClientSetup::pop3_leave_on_server(Some(7)),
        ),
        (
            "imap-idle",
            Text::ImapIdle,
            ClientSetup::imap(SyncMode::PushWithIdle),
        ),
        (
            "imap-poll",
            Text::ImapPoll,
            ClientSetup::imap(SyncMode::PollEveryMinutes(10)),
        ),
    ]
}

/// Which preset a device's client is closest to.
fn preset_of(device: &Device) -> &'static str {
    match &device.client {
        DeviceClient::Pop3 { settings, .. } if !settings.leave_on_server => "pop3-delete",
        DeviceClient::Pop3 { settings, .. } if settings.delete_after_days.is_some() => {
            "pop3-keep-7"
        }
        DeviceClient::Pop3 { .. } => "pop3-keep",
        DeviceClient::Imap(c) if c.settings.sync_mode == SyncMode::PushWithIdle => "imap-idle",
        DeviceClient::Imap(_) => "imap-poll",
    }
}

/// The settings of device `d`; `label` is the gear's accessible name.
pub fn device_settings(lang: Lang, d: &Device, label: String, dispatch: &Callback<Action>) -> Html {
    let id = d.id.clone();
    let on_preset = {
        let dispatch = dispatch.clone();
        let id = id.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, _, client)) = presets()
                .into_iter()
                .find(|(key, _, _)| *key == select.value())
            {
                dispatch.emit(Action::Simulated(SimAction::ConfigureDevice {
                    device: id.clone(),
                    client,
                }));
            }
        })
    };
    let on_delete_model = {
        let dispatch = dispatch.clone();
        let id = id.clone();
        let current = match &d.client {
            DeviceClient::Imap(c) => Some(c.settings.clone()),
            DeviceClient::Pop3 { .. } => None,
        };
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let model = match select.value().as_str() {
                "mark" => DeleteModel::MarkAsDeleted,
                "remove" => DeleteModel::RemoveImmediately,
                _ => DeleteModel::MoveToTrash,
            };
            if let Some(settings) = &current {
                let client = ClientSetup::Imap {
                    sync_mode: settings.sync_mode,
                    delete_model: model,
                    use_qresync: settings.use_qresync,
                };
                dispatch.emit(Action::Simulated(SimAction::ConfigureDevice {
                    device: id.clone(),
                    client,
                }));
            }
        })
    };
    // RFC 1939 §6: a POP3 client removes a message from the server only by DELE; whether deleting it here
    // sends one is the client's setting (Thunderbird's "until I delete them").
    let pop3_settings = match &d.client {
        DeviceClient::Pop3 { settings, .. } => Some(settings.clone()),
        DeviceClient::Imap(_) => None,
    };
    let on_delete_locally = {
        let dispatch = dispatch.clone();
        let id = id.clone();
        let current = pop3_settings.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(settings) = &current {
                let mut settings = settings.clone();
                settings.delete_when_deleted_locally = input.checked();
                dispatch.emit(Action::Simulated(SimAction::ConfigureDevice {
                    device: id.clone(),
                    client: ClientSetup::Pop3(settings),
                }));
            }
        })
    };
    let preset = preset_of(d);
    let delete_model = match &d.client {
        DeviceClient::Imap(c) => Some(c.settings.delete_model),
        DeviceClient::Pop3 { .. } => None,
    };
    let remove = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::Simulated(SimAction::RemoveDevice {
                device: id.clone(),
            }))
        })
    };
    html! {
        <details class="device-settings">
            <summary title={ tr(lang, Text::Settings) } aria-label={ label }>{ glyph_icon(Glyph::Settings) }</summary>
            <div class="settings-popover panel">
                <label>
                    <span>{ tr(lang, Text::Protocol) }</span>
                    <select data-testid="device-preset" onchange={ on_preset }>
                        { for presets().iter().map(|(key, text, _)| html! { <option value={ *key } selected={ *key == preset }>{ tr(lang, *text) }</option> }) }
                    </select>
                </label>
                if let Some(model) = delete_model {
                    <label>
                        <span>{ tr(lang, Text::Delete) }</span>
                        <select data-testid="device-delete-model" onchange={ on_delete_model }>
                            <option value="trash" selected={ model == DeleteModel::MoveToTrash }>{ tr(lang, Text::DeleteMoveToTrash) }</option>
                            <option value="mark" selected={ model == DeleteModel::MarkAsDeleted }>{ tr(lang, Text::DeleteMarkDeleted) }</option>
                            <option value="remove" selected={ model == DeleteModel::RemoveImmediately }>{ tr(lang, Text::DeleteRemoveNow) }</option>
                        </select>
                    </label>
                }
                if let Some(settings) = &pop3_settings {
                    <label class="check">
                        <input type="checkbox" data-testid="device-delete-locally" checked={ settings.delete_when_deleted_locally } disabled={ !settings.leave_on_server } onchange={ on_delete_locally } />
                        <span>{ tr(lang, Text::DeleteOnServerToo) }</span>
                    </label>
                }
                <button type="button" class="danger" data-action="remove-device" onclick={ remove }>{ tr(lang, Text::Remove) }</button>
            </div>
        </details>
    }
}
