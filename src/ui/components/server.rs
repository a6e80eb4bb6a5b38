//! The server panel: the account's folders, the messages in the open folder with their flags, storage used.

use super::icons::server_icon;
use crate::sim::mail::{Flag, Message};
pub use crate::sim::story::display_name;
use crate::sim::story::LeavingRow;
use crate::ui::i18n::{folder_name, messages_text, tr, Lang, Text};
use crate::ui::sampling;
use crate::ui::state::Sim;
use yew::prelude::*;

/// The most messages of one folder the panel renders (the newest).
const MAX_FOLDER_MESSAGES: usize = 100;

#[derive(Properties)]
pub struct ServerPanelProps {
    pub lang: Lang,
    pub sim: Sim,
    /// Rows that just left the store and fade out (`data-state="leaving"`).
    #[prop_or_default]
    pub leaving: Vec<LeavingRow>,
    /// The new folder of each moved message still on its way there: its tab counts it once it lands.
    #[prop_or_default]
    pub landing: Vec<String>,
    /// During a flood (`sampling`), the sample shown: the panel re-renders when the next one begins.
    #[prop_or_default]
    pub sample: Option<u64>,
}

/// Re-renders only when something happened, not on every animation frame.
impl PartialEq for ServerPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.landing == other.landing
            && self.sim.change_key() == other.sim.change_key()
            && sampling::unchanged(self.sample, other.sample, || {
                self.sim.moment_key() == other.sim.moment_key() && self.leaving == other.leaving
            })
    }
}

/// One row of a folder: a message in the store, or one that just left it.
enum Row<'a> {
    Present(&'a Message),
    Leaving(&'a LeavingRow),
}

impl Row<'_> {
    fn uid(&self) -> u32 {
        match self {
            Row::Present(m) => m.uid,
            Row::Leaving(r) => r.uid,
        }
    }
}

#[function_component(ServerPanel)]
pub fn server_panel(props: &ServerPanelProps) -> Html {
    let lang = props.lang;
    let open_folder = use_state(|| "INBOX".to_string());
    let timeline = props.sim.timeline();
    let Some(account) = timeline.world().store().accounts.first() else {
        return html! { <section class="server panel" data-testid="server"></section> };
    };
    let used = account.used_bytes();
    let quota = account.quota_bytes;
    let folders = account.mailboxes.iter().map(|mb| {
        let name = mb.name.clone();
        let selected = *open_folder == mb.name;
        let on_the_way = props.landing.iter().filter(|f| **f == mb.name).count();
        let count = mb.exists().saturating_sub(on_the_way);
        let onclick = {
            let open_folder = open_folder.clone();
            Callback::from(move |_| open_folder.set(name.clone()))
        };
        html! {
            <button type="button" role="tab" class="folder-tab" aria-selected={ selected.to_string() } title={ mb.name.clone() }
                data-folder={ mb.name.clone() } data-count={ count.to_string() } {onclick}>
                { folder_name(lang, &mb.name) }
                // Keyed by the number, so a change re-creates the badge and its pulse shows it.
                if count > 0 { <span class="count" key={ count.to_string() }>{ count }</span> }
            </button>
        }
    });
    let marked: Vec<u32> = timeline
        .world()
        .marked_for_deletion()
        .map(|(uid, _)| *uid)
        .collect();
    // Every folder's messages are in the DOM (the test hooks list all server messages); only the open one shows.
    let messages = account.mailboxes.iter().flat_map(|mb| {
        let hidden = *open_folder != mb.name;
        // The newest messages of each folder; a large mailbox counts the rest below.
        let skip = mb.messages.len().saturating_sub(MAX_FOLDER_MESSAGES);
        let mut rows: Vec<Row> = mb.messages.iter().skip(skip).map(Row::Present).collect();
        rows.extend(
            props
                .leaving
                .iter()
                .filter(|r| r.folder == mb.name)
                .map(Row::Leaving),
        );
        rows.sort_by_key(Row::uid);
        let newest = mb.messages.last().map(|m| m.uid);
        let inbox = mb.name == "INBOX";
        let marked = &marked;
        rows.into_iter().map(move |row| match row {
            Row::Present(m) => {
                let flags = m.flags.to_imap_list();
                // RFC 1939 §6: DELE only marks; IMAP's \Deleted stays until EXPUNGE (RFC 3501 §6.4.3).
                let is_marked = (inbox && marked.contains(&m.uid)) || m.flags.contains(Flag::Deleted);
                let state = if is_marked { "marked-deleted" } else { "present" };
                html! {
                    <li key={ format!("{}/{}/{}", mb.name, mb.uid_validity, m.uid) }
                        class={ classes!("message-row", m.flags.contains(Flag::Seen).then_some("seen"), is_marked.then_some("marked"), (Some(m.uid) == newest).then_some("newest")) }
                        data-testid="server-message" data-uid={ m.uid.to_string() } data-folder={ mb.name.clone() }
                        data-flags={ flags.clone() } data-message-id={ m.message_id.clone() } data-state={ state } {hidden}>
                        <span class="uid" title="UID">{ m.uid }</span>
                        <span class="from">{ display_name(&m.from()) }</span>
                        <span class="subject">{ m.subject() }</span>
                        // Keyed by the flags, so a change re-creates the chips and their pulse shows it.
                        <span class="flags" key={ flags.clone() }>
                            if inbox && marked.contains(&m.uid) { <span class="flag mark-badge">{ tr(lang, Text::MarkedForDeletion) }</span> }
                            { for m.flags.iter().map(|f| html! { <span class={ classes!("flag", flag_class(f)) }>{ f.imap_name() }</span> }) }
                        </span>
                    </li>
                }
            }
            Row::Leaving(r) => html! {
                <li key={ format!("{}/gone/{}/{}", mb.name, r.uid, r.message_id) } class="message-row leaving"
                    data-testid="server-message" data-uid={ r.uid.to_string() } data-folder={ mb.name.clone() }
                    data-flags="" data-message-id={ r.message_id.clone() } data-state="leaving" {hidden}>
                    <span class="uid" title="UID">{ r.uid }</span>
                    <span class="from">{ display_name(&r.sender) }</span>
                    <span class="subject">{ &r.subject }</span>
                    <span class="flags">
                        if let Some(to) = &r.moved_to { <span class="flag">{ tr(lang, Text::MovedTo) }{ " " }{ to }</span> }
                    </span>
                </li>
            },
        })
    });
    let open_exists = account
        .mailbox(&open_folder)
        .map(|mb| mb.exists())
        .unwrap_or(0);
    let open_is_empty = open_exists == 0;
    let open_not_shown = open_exists.saturating_sub(MAX_FOLDER_MESSAGES);
    let (meter_max, over) = match quota {
        Some(q) => (q.max(1), used >= q),
        None => ((used * 2).max(16 * 1024), false),
    };
    html! {
        <section class={ classes!("server", "panel", over.then_some("full"), props.sample.is_some().then_some("sampled")) } data-testid="server" aria-label={ tr(lang, Text::Server) }>
            <header class="panel-header">
                { server_icon() }
                <div>
                    <h2>{ tr(lang, Text::Server) }{ " " }<span class="protocol-badges"><span class="badge smtp">{ "SMTP" }</span><span class="badge pop3">{ "POP3" }</span><span class="badge imap">{ "IMAP" }</span></span></h2>
                    <p class="subtle">{ "mail.example.org · " }{ &account.address }</p>
                </div>
            </header>
            <div class="folder-tabs" role="tablist">{ for folders }</div>
            <p class="message-count" data-testid="message-count" data-count={ open_exists.to_string() }>{ messages_text(lang, open_exists) }{ " · " }{ &*open_folder }</p>
            // The room the list may take, measured by CSS so the list shows whole rows (projector mode).
            <div class="list-room">
                // Stacked bottom-up, so the list stays scrolled to the newest message without script.
                <div class="list-scroll" tabindex="0" aria-label={ tr(lang, Text::Server) }>
                    <ul class="message-list">{ for messages }</ul>
                </div>
            </div>
            if open_is_empty { <p class="empty">{ tr(lang, Text::NoMessages) }</p> }
            if open_not_shown > 0 { <p class="empty">{ format!("+{open_not_shown} {}", tr(lang, Text::Messages)) }</p> }
            <footer class="storage" data-testid="server-storage" data-used={ used.to_string() }>
                <span>{ tr(lang, Text::Storage) }</span>
                <meter min="0" max={ meter_max.to_string() } value={ used.to_string() } high={ (meter_max * 9 / 10).to_string() }></meter>
                <span class="subtle">{ format!("{used} {}", tr(lang, Text::Octets)) }{ quota.map(|q| format!(" / {q}")).unwrap_or_default() }</span>
            </footer>
        </section>
    }
}

pub fn flag_class(flag: Flag) -> &'static str {
    match flag {
        Flag::Seen => "flag-seen",
        Flag::Answered => "flag-answered",
        Flag::Flagged => "flag-flagged",
        Flag::Deleted => "flag-deleted",
        Flag::Draft => "flag-draft",
    }
}
