//! A device card: what it is, how its client is set up, whether it is online, and the mail it holds.

use super::device_settings::device_settings;
use super::icons::{device_icon, glyph_icon, Glyph};
use super::server::{display_name, flag_class};
use super::tokens::kind_face;
use crate::sim::device::{id_number, Device, DeviceClient, DeviceKind};
use crate::sim::imap::client::UserAction;
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::mail::Flag;
use crate::sim::story::LeavingRow;
use crate::sim::world::{Action as SimAction, ChangeKind, World};
use crate::ui::i18n::{folder_name, messages_text, tr, Lang, Text};
use crate::ui::layout::percent;
use crate::ui::sampling;
use crate::ui::state::{Action, Sim};
use yew::prelude::*;

#[derive(Properties)]
pub struct DeviceCardProps {
    pub lang: Lang,
    pub sim: Sim,
    pub id: String,
    pub dispatch: Callback<Action>,
    /// Where the card sits on the stage, in percent of its width and height.
    pub x: f64,
    pub y: f64,
    /// The most it may grow, in percent of the stage's height, so it never covers its neighbour.
    pub max_height: f64,
    /// Rows that just left the device and fade out.
    #[prop_or_default]
    pub leaving: Vec<LeavingRow>,
    /// Message-IDs that just arrived (`data-state="arriving"`).
    #[prop_or_default]
    pub arriving: Vec<String>,
    /// [`card_fingerprint`] of the device now: the card re-renders when it changes.
    pub shown: u64,
    /// During a flood (`sampling`), the sample shown: the card re-renders when the next one begins.
    pub sample: Option<u64>,
}

/// Re-renders only when something this device shows changed: not on every animation frame, nor when another
/// device got mail. A change by the user (settings, a step back) changes `Sim::change_key`.
impl PartialEq for DeviceCardProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.id == other.id
            && self.x == other.x
            && self.y == other.y
            && self.max_height == other.max_height
            && self.sim.change_key() == other.sim.change_key()
            && sampling::unchanged(self.sample, other.sample, || {
                self.shown == other.shown
                    && self.leaving == other.leaving
                    && self.arriving == other.arriving
            })
    }
}

/// The most messages a card renders (the newest; more than the tallest card shows, the rest are counted).
const MAX_CARD_MESSAGES: usize = 16;
/// While sampled (`sampling`), mail pours in faster than anyone reads: a card renders the newest few.
const SAMPLED_CARD_MESSAGES: usize = 6;

/// What a card shows of its device as time passes, as one number: its status, its waiting changes, and where,
/// which and how marked its newest messages are. Names and settings change only with `Sim::change_key`.
pub fn card_fingerprint(world: &World, d: &Device) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (d.online, d.connection.is_some(), world.is_idling(&d.id)).hash(&mut hasher);
    d.local_message_count().hash(&mut hasher);
    d.newest_local_marks(MAX_CARD_MESSAGES).hash(&mut hasher);
    for change in queued_changes(d) {
        change.id().hash(&mut hasher);
    }
    hasher.finish()
}

/// A device's name for people: `laptop-2` → "Laptop 2".
pub fn device_name(lang: Lang, kind: DeviceKind, id: &str) -> String {
    // A device with a name of its own (a challenge's "slate") is called by it, as the challenge's text calls it.
    if let Some(own) = kind.own_name(id) {
        return crate::i18n::capitalized(&own);
    }
    let base = tr(lang, kind_text(kind));
    match id_number(id) {
        Some(n) => format!("{base} {n}"),
        None => base.to_string(),
    }
}

/// What each waiting action will change on the server, oldest first: a POP3 deletion waits for the next
/// session's DELE (RFC 1939 §6), an IMAP change for the connection that replays it (RFC 4549 §4.2).
pub(crate) fn queued_changes(device: &Device) -> Vec<ChangeKind> {
    match &device.client {
        DeviceClient::Pop3 { state, .. } => vec![ChangeKind::Deleted; state.deleted_locally.len()],
        DeviceClient::Imap(client) => client
            .cache
            .queue
            .iter()
            .map(|action| match action {
                UserAction::MarkRead { .. } | UserAction::MarkUnread { .. } => ChangeKind::Seen,
                UserAction::Flag { .. } | UserAction::Unflag { .. } => ChangeKind::Flagged,
                UserAction::Delete { .. } => ChangeKind::Deleted,
                UserAction::MoveTo { .. } => ChangeKind::Move,
            })
            .collect(),
    }
}

/// One line on how the client behaves, e.g. "download and delete", "checks every 10 minutes".
pub(crate) fn mode_text(lang: Lang, device: &Device) -> String {
    match &device.client {
        DeviceClient::Pop3 { settings, .. } if !settings.leave_on_server => {
            tr(lang, Text::DownloadAndDelete).into()
        }
        DeviceClient::Pop3 { settings, .. } => match settings.delete_after_days {
            Some(n) => tr(lang, Text::LeaveOnServerDays).replace("{n}", &n.to_string()),
            None => tr(lang, Text::LeaveOnServer).into(),
        },
        DeviceClient::Imap(c) => {
            let sync = match c.settings.sync_mode {
                SyncMode::PushWithIdle => tr(lang, Text::PushWithIdle).to_string(),
                SyncMode::PollEveryMinutes(n) => {
                    tr(lang, Text::PollEveryMinutes).replace("{n}", &n.to_string())
                }
            };
            let delete = tr(
                lang,
                match c.settings.delete_model {
                    DeleteModel::MoveToTrash => Text::DeleteMoveToTrash,
                    DeleteModel::MarkAsDeleted => Text::DeleteMarkDeleted,
                    DeleteModel::RemoveImmediately => Text::DeleteRemoveNow,
                },
            );
            format!("{sync} · {delete}")
        }
    }
}

#[function_component(DeviceCardView)]
pub fn device_card(props: &DeviceCardProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let world = timeline.world();
    let Some(d) = world.device(&props.id) else {
        return html! {};
    };
    let sim = |action: SimAction| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::Simulated(action.clone())))
    };
    let id = d.id.clone();
    let status = tr(lang, status_text(world, d));
    let pending = d.pending_actions();
    // A card has room for a few dozen; the newest are shown, the rest counted.
    let rows = if props.sample.is_some() {
        SAMPLED_CARD_MESSAGES
    } else {
        MAX_CARD_MESSAGES
    };
    let messages = d.newest_local_messages(rows);
    let hidden = d.local_message_count() - messages.len();
    let name = device_name(lang, d.kind, &d.id);
    // One flat list of keyed rows: an `if` with no `else` among them leaves an unkeyed empty node, and yew then
    // diffs the rows by position, re-creating each row (and restarting its arrival highlight) on every arrival.
    let mut rows: Vec<Html> = Vec::new();
    if messages.is_empty() && props.leaving.is_empty() {
        rows.push(html! { <li key="empty" class="empty">{ tr(lang, Text::NoMailYet) }</li> });
    }
    if hidden > 0 {
        rows.push(html! { <li key="hidden" class="empty more">{ format!("+{hidden} …") }</li> });
    }
    rows.extend(messages.iter().enumerate().map(|(i, m)| {
        // Keys must not shift when older messages scroll out: folder and Message-ID, plus how many
        // earlier copies there are (a POP3 device that lost its UIDL state holds duplicates).
        let copy = messages[..i].iter().filter(|o| o.folder == m.folder && o.message_id == m.message_id).count();
        let open = {
            let dispatch = props.dispatch.clone();
            let (device, folder, message_id) = (id.clone(), m.folder.clone(), m.message_id.clone());
            Callback::from(move |_: MouseEvent| dispatch.emit(Action::OpenedReader { device: device.clone(), folder: folder.clone(), message_id: message_id.clone() }))
        };
        let flag = sim(SimAction::ToggleFlag { device: id.clone(), folder: m.folder.clone(), message_id: m.message_id.clone() });
        let delete = sim(SimAction::DeleteMessage { device: id.clone(), folder: m.folder.clone(), message_id: m.message_id.clone() });
        let arriving = props.arriving.contains(&m.message_id);
        html! {
            <li key={ format!("{}/{}/{copy}", m.folder, m.message_id) }
                class={ classes!("local-message", m.flags.contains(Flag::Seen).then_some("seen"), m.flags.contains(Flag::Deleted).then_some("deleted"), arriving.then_some("arriving")) }
                data-testid="device-message" data-message-id={ m.message_id.clone() } data-flags={ m.flags.to_imap_list() } data-folder={ m.folder.clone() }
                data-state={ if arriving { "arriving" } else { "present" } }>
                <button type="button" class="message-open" data-action="open" onclick={ open } title={ tr(lang, Text::Open) }>
                    <span class="from">{ display_name(&m.from) }</span>
                    <span class="subject">{ &m.subject }</span>
                </button>
                <span class="local-meta">
                    if m.folder != "INBOX" { <span class="folder-chip" title={ m.folder.clone() }>{ folder_name(lang, &m.folder) }</span> }
                    { for m.flags.iter().filter(|f| *f != Flag::Seen).map(|f| html! { <span class={ classes!("flag", flag_class(f)) }>{ f.imap_name() }</span> }) }
                    <button type="button" class="icon-button" data-action="flag" aria-pressed={ m.flags.contains(Flag::Flagged).to_string() } onclick={ flag } title={ tr(lang, Text::Flag) } aria-label={ tr(lang, Text::Flag) }>{ glyph_icon(Glyph::Flag) }</button>
                    <button type="button" class="icon-button" data-action="delete" onclick={ delete } title={ tr(lang, Text::Delete) } aria-label={ tr(lang, Text::Delete) }>{ glyph_icon(Glyph::Delete) }</button>
                </span>
            </li>
        }
    }));
    rows.extend(props.leaving.iter().map(|r| html! {
        <li key={ format!("gone/{}/{}", r.folder, r.message_id) } class="local-message leaving"
            data-testid="device-message" data-message-id={ r.message_id.clone() } data-flags="" data-folder={ r.folder.clone() } data-state="leaving">
            <span class="message-open">
                <span class="from">{ display_name(&r.sender) }</span>
                <span class="subject">{ &r.subject }</span>
            </span>
        </li>
    }));
    html! {
        <article class={ classes!("device", "panel", d.protocol().id(), (!d.online).then_some("is-offline"), d.connection.is_some().then_some("is-connected"), props.sample.is_some().then_some("sampled")) }
            data-testid="device" data-device={ d.id.clone() } data-protocol={ d.protocol().id() } data-online={ d.online.to_string() }
            style={ format!("left:{}%;top:{}%;max-height:{}%", percent(props.x), percent(props.y), percent(props.max_height)) } aria-label={ format!("{name} ({})", d.protocol()) }>
            <header class="device-header">
                { device_icon(d.kind) }
                <div class="device-title">
                    <h3>{ &name }</h3>
                    <p class="subtle mode" title={ mode_text(lang, d) }>{ mode_text(lang, d) }</p>
                </div>
                <span class={ classes!("badge", d.protocol().id()) }>{ d.protocol().to_string() }</span>
            </header>
            <div class="device-bar">
                <p class="status">
                    <span class={ classes!("dot", d.online.then_some("on"), d.connection.is_some().then_some("busy")) } aria-hidden="true"></span>
                    <span title={ status }>{ status }</span>
                </p>
                // On the status line, so the list below keeps the room for rows.
                <p class="message-count" data-testid="message-count" data-count={ d.local_message_count().to_string() }>{ messages_text(lang, d.local_message_count()) }</p>
                if pending > 0 { <span class="pending" data-testid="pending-actions">{ format!("{pending} {}", tr(lang, if pending == 1 { Text::ActionQueued } else { Text::ActionsQueued })) }</span> }
            </div>
            // The waiting changes as the tokens they will become: they leave as the device reaches the server.
            if pending > 0 {
                <ul class="queued-changes" aria-label={ tr(lang, Text::ActionsQueued) }>
                    { for queued_changes(d).into_iter().map(|kind| {
                        let (glyph, word) = kind_face(lang, kind);
                        html! { <li class={ classes!("change-token", "queued-change", kind.id()) } data-testid="queued-change" data-kind={ kind.id() }><span aria-hidden="true">{ glyph }</span>{ " " }{ word }</li> }
                    }) }
                </ul>
            }
            <div class="device-actions">
                <button type="button" class="primary" data-action="check-mail" disabled={ !d.online } onclick={ sim(SimAction::CheckMail { device: id.clone() }) }>{ tr(lang, Text::CheckMail) }</button>
                <button type="button" data-action="toggle-online" aria-pressed={ (!d.online).to_string() } onclick={ sim(SimAction::ToggleOnline { device: id.clone() }) }>
                    { tr(lang, if d.online { Text::GoOffline } else { Text::GoOnline }) }
                </button>
                { device_settings(lang, d, tr(lang, Text::Settings).into(), &props.dispatch) }
            </div>
            // Stacked bottom-up, so the list stays scrolled to the newest arrival without script.
            <div class="list-scroll" tabindex="0" aria-label={ format!("{name}: {}", tr(lang, Text::Messages)) }>
            <ul class="local-messages">
                { for rows }
            </ul>
            </div>
        </article>
    }
}

/// Offline, online, connected, or connected and idling: what the card and the table view say of a device.
pub(crate) fn status_text(world: &World, d: &Device) -> Text {
    if !d.online {
        Text::Offline
    } else if world.is_idling(&d.id) {
        Text::Idling
    } else if d.connection.is_some() {
        Text::Connected
    } else {
        Text::Online
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
