//! The server panel: the account's folders, the messages in the open folder with their flags, storage used.

use super::icons::server_icon;
use crate::sim::mail::Flag;
use crate::ui::i18n::{folder_name, tr, Lang, Text};
use crate::ui::state::Sim;
use yew::prelude::*;

/// The most messages of one folder the panel renders (the newest).
const MAX_FOLDER_MESSAGES: usize = 100;

#[derive(Properties)]
pub struct ServerPanelProps {
    pub lang: Lang,
    pub sim: Sim,
}

/// Re-renders only when something happened, not on every animation frame.
impl PartialEq for ServerPanelProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang && self.sim.moment_key() == other.sim.moment_key()
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
        let onclick = {
            let open_folder = open_folder.clone();
            Callback::from(move |_| open_folder.set(name.clone()))
        };
        html! {
            <button type="button" role="tab" class="folder-tab" aria-selected={ selected.to_string() } title={ mb.name.clone() } {onclick}>
                { folder_name(lang, &mb.name) }
                if mb.exists() > 0 { <span class="count">{ mb.exists() }</span> }
            </button>
        }
    });
    // Every folder's messages are in the DOM (the test hooks list all server messages); only the open one shows.
    let messages = account.mailboxes.iter().flat_map(|mb| {
        let hidden = *open_folder != mb.name;
        // The newest messages of each folder; a large mailbox counts the rest below.
        let skip = mb.messages.len().saturating_sub(MAX_FOLDER_MESSAGES);
        mb.messages.iter().skip(skip).map(move |m| {
            let flags = m.flags.to_imap_list();
            html! {
                <li key={ format!("{}/{}/{}", mb.name, mb.uid_validity, m.uid) }
                    class={ classes!("message-row", m.flags.contains(Flag::Seen).then_some("seen"), m.flags.contains(Flag::Deleted).then_some("deleted")) }
                    data-testid="server-message" data-uid={ m.uid.to_string() } data-folder={ mb.name.clone() }
                    data-flags={ flags.clone() } data-message-id={ m.message_id.clone() } {hidden}>
                    <span class="uid" title="UID">{ m.uid }</span>
                    <span class="from">{ display_name(&m.from()) }</span>
                    <span class="subject">{ m.subject() }</span>
                    // Keyed by the flags, so a change re-creates the chips and their pulse shows it.
                    <span class="flags" key={ flags.clone() }>{ for m.flags.iter().map(|f| html! { <span class={ classes!("flag", flag_class(f)) }>{ f.imap_name() }</span> }) }</span>
                </li>
            }
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
        <section class={ classes!("server", "panel", over.then_some("full")) } data-testid="server" aria-label={ tr(lang, Text::Server) }>
            <header class="panel-header">
                { server_icon() }
                <div>
                    <h2>{ tr(lang, Text::Server) }{ " " }<span class="protocol-badges"><span class="badge smtp">{ "SMTP" }</span><span class="badge pop3">{ "POP3" }</span><span class="badge imap">{ "IMAP" }</span></span></h2>
                    <p class="subtle">{ "mail.example.org · " }{ &account.address }</p>
                </div>
            </header>
            <div class="folder-tabs" role="tablist">{ for folders }</div>
            <ul class="message-list">{ for messages }</ul>
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

/// `Bob Baker <bob@example.net>` → `Bob Baker`.
pub fn display_name(from: &str) -> String {
    match from.split_once('<') {
        Some((name, _)) if !name.trim().is_empty() => name.trim().trim_matches('"').to_string(),
        _ => from.trim_matches(['<', '>', ' ']).to_string(),
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
