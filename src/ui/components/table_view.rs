//! The table view: the stage's world as tables a screen reader can walk (the story so far, the server's
//! folders, each device's state and mail with its actions as buttons) and a live region that announces each new
//! caption. Like the stage it is a function of the world and its clock, so it follows play and step back.

use super::captions::TOLD_SINCE;
use super::device::{device_name, mode_text, queued_changes, status_text};
use super::device_settings::device_settings;
use super::server::display_name;
use super::tokens::kind_face;
use crate::sim::device::Device;
use crate::sim::mail::{Flag, Flags};
use crate::sim::story::captions;
use crate::sim::world::{Action as SimAction, World};
use crate::ui::i18n::{folder_name, messages_text, tongue, tr, Lang, Text};
use crate::ui::state::Action;
use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

/// The most rows one table renders (the newest), as the stage's panels do; its caption counts them all.
const MAX_ROWS: usize = 100;
/// How many of the latest captions the story lists.
const STORY: usize = 6;
/// The root's heading, which takes the focus when the view opens (`App`).
pub const TITLE_ID: &str = "table-view-title";

// A plain view function, not a component: it keeps no state, and each component costs the bundle its own copy
// of Yew's lifecycle code. Every table is drawn by one `table` below, which keeps the view small too.
pub fn table_view(lang: Lang, world: &World, dispatch: &Callback<Action>) -> Html {
    let mut story: Vec<String> = captions(
        world,
        world.now().saturating_sub(TOLD_SINCE),
        STORY,
        tongue(lang),
    )
    .into_iter()
    .map(|c| c.text)
    .collect();
    // Only the newest caption is live, so a screen reader hears each new sentence once, not the page again.
    let newest = story.last().cloned();
    if story.is_empty() {
        story.push(tr(lang, Text::StoryEmpty).into());
    }
    let onclick = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(action) = clicked(&e) {
                dispatch.emit(action);
            }
        })
    };
    html! {
        <section class="table-view panel" data-testid="table-view" aria-labelledby={ TITLE_ID } {onclick}>
            <h2 id={ TITLE_ID } tabindex="-1">{ tr(lang, Text::TableView) }</h2>
            <p class="visually-hidden" aria-live="polite" data-testid="table-view-announcer">{ newest }</p>
            <h3>{ tr(lang, Text::Story) }</h3>
            <ol>{ for story.into_iter().map(|line| html! { <li>{ line }</li> }) }</ol>
            <h3>{ tr(lang, Text::Server) }</h3>
            { server_tables(lang, world) }
            { for world.devices().iter().map(|d| device_section(lang, world, d, dispatch)) }
        </section>
    }
}

fn server_tables(lang: Lang, world: &World) -> Html {
    let Some(account) = world.store().accounts.first() else {
        return Html::default();
    };
    // RFC 1939 §6: DELE only marks a message; the server removes it when the session ends in UPDATE.
    let marked: Vec<u32> = world.marked_for_deletion().map(|(uid, _)| *uid).collect();
    let columns = [
        tr(lang, Text::MailSubject),
        tr(lang, Text::MailFrom),
        tr(lang, Text::TableFlags),
        "UID",
    ];
    account
        .mailboxes
        .iter()
        .map(|mb| {
            let inbox = mb.name == "INBOX";
            let skip = mb.messages.len().saturating_sub(MAX_ROWS);
            let rows = mb.messages.iter().skip(skip).map(|m| Row {
                key: m.uid.to_string(),
                message_id: m.message_id.clone(),
                folder: None,
                cells: vec![
                    m.subject().into(),
                    display_name(&m.from()).into(),
                    flag_words(lang, m.flags, inbox && marked.contains(&m.uid)).into(),
                    m.uid.to_string().into(),
                ],
            });
            let caption = format!(
                "{}: {}",
                folder_name(lang, &mb.name),
                messages_text(lang, mb.exists())
            );
            table(caption, Some(mb.name.clone()), &columns, rows.collect())
        })
        .collect()
}

/// One row of a table: its key, the message it shows, and its cells, the row's header first.
struct Row {
    key: String,
    message_id: String,
    /// A device's row says its folder (a server table says it once).
    folder: Option<String>,
    cells: Vec<Html>,
}

/// A table of messages with its caption; `folder` names a server folder (`data-folder`). The first cell of each
/// row, the subject, is the row's header.
fn table(caption: String, folder: Option<String>, columns: &[&str], rows: Vec<Row>) -> Html {
    html! {
        <table data-folder={ folder }>
            <caption>{ caption }</caption>
            <thead><tr>{ for columns.iter().map(|c| html! { <th scope="col">{ *c }</th> }) }</tr></thead>
            <tbody>{ for rows.into_iter().map(|row| html! {
                <tr key={ row.key } data-message-id={ row.message_id } data-folder={ row.folder }>
                    { for row.cells.into_iter().enumerate().map(|(i, cell)| if i == 0 { html! { <th scope="row">{ cell }</th> } } else { html! { <td>{ cell }</td> } }) }
                </tr>
            }) }</tbody>
        </table>
    }
}

fn device_section(lang: Lang, world: &World, d: &Device, dispatch: &Callback<Action>) -> Html {
    let name = device_name(lang, d.kind, &d.id);
    // Buttons name their device (and message), so each is clear when a screen reader lists them all.
    // In mid-sentence a device is a common noun ("on the phone"), in lower case except where the language writes
    // nouns with a capital (German).
    let lower = if lang.capitalises_nouns() {
        name.clone()
    } else {
        name.to_lowercase()
    };
    let mut state = format!(
        "{} · {} · {}",
        d.protocol(),
        tr(lang, status_text(world, d)),
        mode_text(lang, d)
    );
    let queued = queued_changes(d);
    if !queued.is_empty() {
        let kinds: Vec<&str> = queued.into_iter().map(|k| kind_face(lang, k).1).collect();
        let text = if kinds.len() == 1 {
            Text::ActionQueued
        } else {
            Text::ActionsQueued
        };
        state += &format!(
            " · {} {}: {}",
            kinds.len(),
            tr(lang, text),
            kinds.join(", ")
        );
    }
    let messages = d.newest_local_messages(MAX_ROWS);
    let rows = messages.iter().enumerate().map(|(i, m)| {
        // Keyed as the card keys them: a POP3 device that lost its UIDL state holds copies of one message.
        let copy = messages[..i]
            .iter()
            .filter(|o| o.folder == m.folder && o.message_id == m.message_id)
            .count();
        let label = |text: Text| {
            tr(lang, Text::TableMessageOnDevice)
                .replace("{action}", tr(lang, text))
                .replace("{subject}", &m.subject)
                .replace("{device}", &lower)
        };
        Row {
            key: format!("{}/{}/{copy}", m.folder, m.message_id),
            message_id: m.message_id.clone(),
            folder: Some(m.folder.clone()),
            cells: vec![
                m.subject.clone().into(),
                display_name(&m.from).into(),
                folder_name(lang, &m.folder).into(),
                flag_words(lang, m.flags, false).into(),
                html! { <>
                    { button("open", lang, Text::Open, label(Text::Open), None, false) }
                    { button("flag", lang, Text::Flag, label(Text::Flag), Some(m.flags.contains(Flag::Flagged)), false) }
                    { button("delete", lang, Text::Delete, label(Text::Delete), None, false) }
                </> },
            ],
        }
    });
    let rows = rows.collect();
    let online = if d.online {
        Text::GoOffline
    } else {
        Text::GoOnline
    };
    let on = |text: Text| {
        tr(lang, Text::TableOnDevice)
            .replace("{action}", tr(lang, text))
            .replace("{device}", &lower)
    };
    let columns = [
        tr(lang, Text::MailSubject),
        tr(lang, Text::MailFrom),
        tr(lang, Text::TableFolder),
        tr(lang, Text::TableFlags),
        tr(lang, Text::TableActions),
    ];
    let caption = format!("{name}: {}", messages_text(lang, d.local_message_count()));
    let heading = heading_id(&d.id);
    html! {
        <section key={ d.id.clone() } data-device={ d.id.clone() } aria-labelledby={ heading.clone() }>
            <h3 id={ heading } tabindex="-1">{ name }</h3>
            <p>
                { state }{ " " }
                { button("check-mail", lang, Text::CheckMail, on(Text::CheckMail), None, !d.online) }
                { button("toggle-online", lang, online, on(online), None, false) }
            </p>
            { device_settings(lang, d, on(Text::Settings), dispatch) }
            { table(caption, None, &columns, rows) }
        </section>
    }
}

fn heading_id(device: &str) -> String {
    format!("table-view-{device}")
}

/// What a click on one of the view's buttons asks for, read from the button's `data-action` and the device and
/// message it sits in. One listener for every button keeps the view small (the first load has a ceiling).
fn clicked(event: &MouseEvent) -> Option<Action> {
    let button = event
        .target_dyn_into::<Element>()?
        .closest("button")
        .ok()??;
    let around = |name: &str| {
        button
            .closest(&format!("[{name}]"))
            .ok()?
            .and_then(|e| e.get_attribute(name))
    };
    let device = around("data-device")?;
    let message = around("data-folder").zip(around("data-message-id"));
    let action = match (button.get_attribute("data-action")?.as_str(), message) {
        ("check-mail", _) => SimAction::CheckMail { device },
        ("toggle-online", _) => SimAction::ToggleOnline { device },
        ("open", Some((folder, message_id))) => {
            return Some(Action::OpenedReader {
                device,
                folder,
                message_id,
            })
        }
        ("flag", Some((folder, message_id))) => SimAction::ToggleFlag {
            device,
            folder,
            message_id,
        },
        ("delete", Some((folder, message_id))) => {
            // The deleted row takes its focused button with it: the device's heading keeps the focus instead.
            focus(&heading_id(&device));
            SimAction::DeleteMessage {
                device,
                folder,
                message_id,
            }
        }
        _ => return None,
    };
    Some(Action::Simulated(action))
}

/// A button whose visible word is `text` and whose accessible name says what and where (`label`).
fn button(
    hook: &'static str,
    lang: Lang,
    text: Text,
    label: String,
    pressed: Option<bool>,
    disabled: bool,
) -> Html {
    html! {
        <button type="button" data-action={ hook } aria-label={ label } aria-pressed={ pressed.map(|p| p.to_string()) } {disabled}>
            { tr(lang, text) }
        </button>
    }
}

/// Flags as words ("Seen, Flagged"); a POP3 deletion mark is said too, and no flag is said as "none".
fn flag_words(lang: Lang, flags: Flags, marked: bool) -> String {
    let mut words: Vec<&str> = flags
        .iter()
        .map(|f| {
            tr(
                lang,
                match f {
                    Flag::Seen => Text::TableSeen,
                    Flag::Answered => Text::TableAnswered,
                    Flag::Flagged => Text::TableFlagged,
                    Flag::Deleted => Text::TableDeleted,
                    Flag::Draft => Text::TableDraft,
                },
            )
        })
        .collect();
    if marked {
        words.push(tr(lang, Text::MarkedForDeletion));
    }
    if words.is_empty() {
        words.push(tr(lang, Text::TableNoFlags));
    }
    // Items of a list are joined as the language joins them ("、" in Chinese).
    let tongue = tongue(lang);
    words
        .into_iter()
        .map(str::to_string)
        .reduce(|list, item| tongue.fill("{0}, {1}", &[&list, &item]))
        .unwrap_or_default()
}

/// Moves the keyboard focus to the element with this id, if it is there.
pub fn focus(id: &str) {
    if let Some(element) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
