//! Compare mode's stage: the all-POP3 world beside the all-IMAP world, each with its small stage of mail
//! travelling and every cell that differs between them marked, and one "check mail" button per device that
//! acts on both.

use super::captions::caption_list;
use super::compare_stage::compare_stage;
use super::device::device_name;
use super::error_banner::error_text;
use super::icons::device_icon;
use crate::sim::compare::{Acted, Cell, Divergence, Side};
use crate::sim::story::{Caption, Scene};
use crate::sim::world::Action as SimAction;
use crate::ui::i18n::{folder_name, tr, Lang, Text};
use crate::ui::state::{Action, PageError};
use std::rc::Rc;
use yew::prelude::*;

/// The most subjects a device cell lists (the newest); the rest are counted.
const MAX_SUBJECTS: usize = 6;

pub struct CompareViewProps {
    pub lang: Lang,
    pub divergence: Rc<Divergence>,
    /// Each side's cells ([`compare_cells`]), built once per change.
    pub cells: [Html; 2],
    /// Each side's latest captions (POP3, IMAP).
    pub captions: Rc<[Vec<Caption>; 2]>,
    /// What travels each side's wires now (empty at instant speed).
    pub scenes: [Scene; 2],
    pub reduced_motion: bool,
    pub dispatch: Callback<Action>,
}

/// What the cells are drawn from: equal while the same change is shown (the divergence by identity), so the
/// page builds them once per change and only the small stages on every frame.
#[derive(Clone)]
pub struct CellsKey {
    pub lang: Lang,
    pub divergence: Rc<Divergence>,
    pub acted: Option<Acted>,
}

impl PartialEq for CellsKey {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Rc::ptr_eq(&self.divergence, &other.divergence)
            && self.acted == other.acted
    }
}

/// Each side's figures, folders and devices (POP3, IMAP).
pub fn compare_cells(key: &CellsKey) -> [Html; 2] {
    Side::BOTH.map(|side| side_cells(key.lang, &key.divergence, side, key.acted.as_ref()))
}

// A plain view function, not a component: compare mode is seldom on, its divergence and captions are worked
// out once per change (`CompareMode`), and each component costs the bundle its own copy of Yew's lifecycle code.
pub fn compare_view(props: &CompareViewProps) -> Html {
    let lang = props.lang;
    let divergence = &props.divergence;
    let check_buttons = divergence.pop3.devices.iter().map(|d| {
        let onclick = {
            let dispatch = props.dispatch.clone();
            let device = d.id.clone();
            Callback::from(move |_: MouseEvent| {
                dispatch.emit(Action::Simulated(SimAction::CheckMail {
                    device: device.clone(),
                }))
            })
        };
        html! {
            <button type="button" class="primary" data-action="check-mail" data-device={ d.id.clone() } {onclick}>
                { device_icon(d.kind) }{ device_name(lang, d.kind, &d.id) }
            </button>
        }
    });
    html! {
        <section class="compare" data-testid="compare">
            <div class="compare-both" role="group" aria-label={ tr(lang, Text::CompareCheckBoth) }>
                <span>{ tr(lang, Text::CompareCheckBoth) }</span>
                { for check_buttons }
                <span class="compare-legend"><span class="diverged-mark">{ "≠" }</span>{ tr(lang, Text::CompareDiffers) }</span>
            </div>
            <div class="compare-sides">
                { for Side::BOTH.into_iter().enumerate().map(|(i, side)| side_view(props, side, &props.captions[i], &props.scenes[i], props.cells[i].clone())) }
            </div>
        </section>
    }
}

/// `data-diverged` and the like, without the formatting machinery (the view is kept small for the bundle).
fn yes_no(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// A side: its title, its captions, its small stage, then its cells.
fn side_view(
    props: &CompareViewProps,
    side: Side,
    told: &[Caption],
    scene: &Scene,
    cells: Html,
) -> Html {
    let lang = props.lang;
    let (title, model, side_class, badge_class, badge) = match side {
        Side::Pop3 => (
            Text::ComparePop3Title,
            Text::ComparePop3Model,
            "compare-side panel pop3",
            "badge pop3",
            "POP3",
        ),
        Side::Imap => (
            Text::CompareImapTitle,
            Text::CompareImapModel,
            "compare-side panel imap",
            "badge imap",
            "IMAP",
        ),
    };
    html! {
        <div class={ side_class } data-testid="compare-side" data-protocol={ side.protocol().id() }>
            <header class="compare-side-header">
                <span class={ badge_class }>{ badge }</span>
                <div>
                    <h2>{ tr(lang, title) }</h2>
                    <p class="subtle">{ tr(lang, model) }</p>
                </div>
            </header>
            { caption_list(lang, told) }
            { compare_stage(lang, side, props.divergence.side(side), scene, props.reduced_motion) }
            { cells }
        </div>
    }
}

/// A side's server figures, folder chips, devices and refusal note.
fn side_cells(lang: Lang, divergence: &Divergence, side: Side, acted: Option<&Acted>) -> Html {
    let summary = divergence.side(side);
    let figure_class = |diverged| {
        if diverged {
            "compare-figure diverged"
        } else {
            "compare-figure"
        }
    };
    let refused = acted.and_then(|a| a.on(side).clone().err());
    let server = &summary.server;
    let messages_differ = divergence.differs(&Cell::ServerMessages);
    let octets_differ = divergence.differs(&Cell::ServerOctets);
    let folders = server.folders.iter().map(|(name, count)| {
        let diverged = divergence.differs(&Cell::Folder(name.clone()));
        html! {
            <span class={ if diverged { "compare-folder diverged" } else { "compare-folder" } } data-folder={ name.clone() } data-count={ count.to_string() } data-diverged={ yes_no(diverged) }>
                { folder_name(lang, name) }{ " " }<b>{ count }</b>
            </span>
        }
    });
    let devices = summary.devices.iter().map(|d| {
        let diverged = divergence.differs(&Cell::Device(d.id.clone()));
        let count = d.messages.len();
        let shown = d.messages.iter().rev().take(MAX_SUBJECTS);
        html! {
            <li class={ if diverged { "compare-device diverged" } else { "compare-device" } } data-testid="compare-device" data-device={ d.id.clone() }
                data-count={ count.to_string() } data-diverged={ yes_no(diverged) }>
                <header>
                    { device_icon(d.kind) }
                    <h3>{ device_name(lang, d.kind, &d.id) }</h3>
                    <span class={ match (d.online, d.connected) { (false, _) => "dot", (true, false) => "dot on", (true, true) => "dot on busy" } } aria-hidden="true"></span>
                </header>
                <p class="compare-count"><strong data-testid="compare-count">{ count }</strong>{ " " }{ tr(lang, Text::Messages) }</p>
                <ul class="compare-subjects">
                    { for shown.map(|(id, subject)| html! { <li data-message-id={ id.clone() }>{ subject }</li> }) }
                    if count > MAX_SUBJECTS { <li class="empty">{ format!("+{} …", count - MAX_SUBJECTS) }</li> }
                    if count == 0 { <li class="empty">{ tr(lang, Text::NoMailYet) }</li> }
                </ul>
            </li>
        }
    });
    html! {
        <>
            <div class="compare-server" data-testid="compare-server" data-messages={ server.messages.to_string() } data-octets={ server.octets.to_string() }>
                <h3>{ tr(lang, Text::Server) }</h3>
                <p class={ figure_class(messages_differ) } data-cell="messages" data-diverged={ yes_no(messages_differ) }>
                    <strong>{ server.messages }</strong>{ " " }{ tr(lang, Text::Messages) }
                </p>
                <p class={ figure_class(octets_differ) } data-cell="octets" data-diverged={ yes_no(octets_differ) }>
                    <strong>{ server.octets }</strong>{ " " }{ tr(lang, Text::Octets) }
                </p>
                <p class="compare-folders">{ for folders }</p>
            </div>
            <ul class="compare-devices">{ for devices }</ul>
            if let Some(error) = refused {
                <p class="compare-refused" role="status" data-testid="compare-refused">
                    { "⚠ " }{ tr(lang, Text::CompareRefused) }{ ": " }{ error_text(lang, &PageError::Refused(error)) }
                </p>
            }
        </>
    }
}
