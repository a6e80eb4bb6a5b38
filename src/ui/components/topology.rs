//! The stage: the server in the middle, the devices around it, the links that join them, the mail travelling
//! them as cards and changes as tokens, and the wire lines underneath, all drawn where sim time puts them
//! (RaftScope: position = (now − sent) / (arrives − sent)).

use super::device::{card_fingerprint, DeviceCardView};
use super::server::ServerPanel;
use super::tokens::{move_card, scene_tokens};
use crate::sim::session::Direction;
use crate::sim::story::{scene, LeavingRow, MoveCard, Scene};
use crate::sim::transcript::{Endpoint, TranscriptEntry};
use crate::ui::hooks::use_stage_shape::use_stage_shape;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::layout::{
    along, mirrored_link, mirrored_point, percent, terminal_link, Link, Shape, TERMINAL_NODE,
};
use crate::ui::sampling::Sample;
use crate::ui::state::{Action, Sim};
use yew::prelude::*;

/// How far back in the transcript to look for lines still on the wire (lines are sent in time order,
/// give or take one line's gap per direction).
const IN_FLIGHT_WINDOW: usize = 400;
/// Packet labels are cut to this many characters.
const LABEL_CHARS: usize = 26;
/// When in each flood sample the server's list redraws (the cards take turns around it, the transcript at 0).
const SERVER_PHASE: f64 = 0.5;
/// The most lines drawn on one wire at once (the newest): a pipelined reply is a stream of dots, not hundreds.
const MAX_PACKETS_PER_WIRE: usize = 6;

#[derive(Properties, PartialEq)]
pub struct TopologyProps {
    pub lang: Lang,
    pub sim: Sim,
    /// The flood's sample the mail lists show (`sampling`), if any.
    pub sample: Option<Sample>,
    pub reduced_motion: bool,
    /// Projector mode: a wide stage gets wider cards (`Shape::Projector`).
    pub projector: bool,
    /// `?speed=instant`: nothing travels, nothing fades.
    pub instant: bool,
    pub dispatch: Callback<Action>,
}

#[function_component(Topology)]
pub fn topology(props: &TopologyProps) -> Html {
    let lang = props.lang;
    let shape = match use_stage_shape() {
        Shape::Wide if props.projector => Shape::Projector,
        shape => shape,
    };
    let stage_ref = use_node_ref();
    let rtl = lang.is_rtl();
    let timeline = props.sim.timeline();
    let world = timeline.world();
    let now = world.now();
    let devices = world.devices();
    let n = devices.len();
    let link_of = |endpoint: &Endpoint| -> Option<Link> {
        match endpoint {
            Endpoint::Sender => Some(shape.sender_link()),
            Endpoint::Terminal => Some(terminal_link()),
            Endpoint::Device(id) => devices
                .iter()
                .position(|d| d.id == *id)
                .map(|i| mirrored_link(shape.device_link(i, n), rtl)),
        }
    };
    let line = |((x1, y1), (x2, y2)): Link, class: Classes, key: String| {
        html! {
            <line {class} data-link={ key } x1={ percent(x1) } y1={ percent(y1) } x2={ percent(x2) } y2={ percent(y2) } vector-effect="non-scaling-stroke" />
        }
    };
    let links = devices.iter().enumerate().map(|(i, d)| {
        let class = classes!(
            "link",
            d.protocol().id(),
            (!d.online).then_some("down"),
            d.connection.is_some().then_some("active")
        );
        line(
            mirrored_link(shape.device_link(i, n), rtl),
            class,
            d.id.clone(),
        )
    });
    let transcript = world.transcript();
    let start = transcript.len().saturating_sub(IN_FLIGHT_WINDOW);
    let in_flight: Vec<(usize, &TranscriptEntry)> = transcript[start..]
        .iter()
        .enumerate()
        .filter(|(_, e)| e.in_flight(now))
        .map(|(i, e)| (start + i, e))
        .collect();
    // Lines are the proof underneath: small dots, and one label per wire (its newest line), so labels never pile.
    let mut labelled: Vec<&Endpoint> = Vec::new();
    let mut drawn: Vec<(&Endpoint, usize)> = Vec::new();
    let mut packets = Vec::new();
    for (i, e) in in_flight.iter().rev() {
        let Some(link) = link_of(&e.endpoint) else {
            continue;
        };
        match drawn
            .iter_mut()
            .find(|(endpoint, _)| *endpoint == &e.endpoint)
        {
            Some((_, count)) if *count >= MAX_PACKETS_PER_WIRE => continue,
            Some((_, count)) => *count += 1,
            None => drawn.push((&e.endpoint, 1)),
        }
        let label = !e.in_content && !labelled.contains(&&e.endpoint);
        if label {
            labelled.push(&e.endpoint);
        }
        packets.push(packet(*i, e, link, now, props.reduced_motion, label));
    }
    let scene = if props.instant {
        Scene::default()
    } else {
        scene(world)
    };
    // A moved message's card: from its row (or its list, when another folder is open) to its new folder's tab,
    // both as the browser last laid them out, so a right-to-left page is mirrored already.
    let stage = stage_ref.cast::<web_sys::Element>();
    let moves = scene.moves.iter().filter_map(|card| {
        let (from, to) = move_ends(stage.as_ref()?, card)?;
        let progress = if props.reduced_motion {
            1.0
        } else {
            card.progress
        };
        let at = (
            from.0 + (to.0 - from.0) * progress,
            from.1 + (to.1 - from.1) * progress,
        );
        Some(move_card(card, at))
    });
    let moves: Html = moves.collect();
    // The story's tokens name a wire's far end by its label (`sender` or a device id, docs/hooks.md).
    let tokens = scene_tokens(
        lang,
        &scene,
        props.reduced_motion,
        |label| {
            if label == Endpoint::Sender.label() {
                link_of(&Endpoint::Sender)
            } else {
                link_of(&Endpoint::Device(label.to_string()))
            }
        },
        moves,
    );
    // Folders still waiting for a moved card: their tabs count it when it lands.
    let landing: Vec<String> = scene.moves.iter().map(|m| m.to.clone()).collect();
    // Rows that left, without their fade (the panels redraw only when the set changes; CSS fades them).
    let still = |row: &LeavingRow| LeavingRow {
        fade: 0.0,
        ..row.clone()
    };
    let server_leaving: Vec<LeavingRow> = scene
        .leaving
        .iter()
        .filter(|r| r.device.is_none())
        .map(still)
        .collect();
    let sender_active = transcript[start..]
        .iter()
        .any(|e| e.endpoint == Endpoint::Sender && e.in_flight(now));
    let terminal_active = transcript.iter().any(|e| e.endpoint == Endpoint::Terminal);
    let cards = devices.iter().enumerate().map(|(i, d)| {
        let (x, y) = mirrored_point(shape.device_position(i, n), rtl);
        let leaving: Vec<LeavingRow> = scene
            .leaving
            .iter()
            .filter(|r| r.device.as_deref() == Some(d.id.as_str()))
            .map(still)
            .collect();
        let arriving: Vec<String> = scene
            .arriving
            .iter()
            .filter(|(device, _)| *device == d.id)
            .map(|(_, id)| id.clone())
            .collect();
        let shown = card_fingerprint(world, d);
        html! { <DeviceCardView key={ d.id.clone() } {lang} sim={ props.sim.clone() } id={ d.id.clone() } dispatch={ props.dispatch.clone() } {x} {y} max_height={ shape.card_max_height(i, n) } {leaving} {arriving} {shown} sample={ props.sample.map(|s| s.staggered(now, (i as f64 + 0.5) / n as f64)) } /> }
    });
    html! {
        <section ref={ stage_ref } class={ classes!("stage", shape.id()) } data-testid="stage">
            <svg class="links" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
                { for links }
                { line(shape.sender_link(), classes!("link", "smtp", sender_active.then_some("active")), "sender".into()) }
                if terminal_active { { line(terminal_link(), classes!("link", "terminal"), "terminal".into()) } }
            </svg>
            <div class="node sender-node" style={ format!("left:{}%;top:{}%", percent(shape.sender_node().0), percent(shape.sender_node().1)) }>
                { globe_icon() }{ tr(lang, Text::Sender) }
            </div>
            if terminal_active {
                <div class="node terminal-node" style={ format!("left:{}%;top:{}%", percent(TERMINAL_NODE.0), percent(TERMINAL_NODE.1)) }>
                    <span aria-hidden="true">{ ">_" }</span>{ " " }{ tr(lang, Text::Terminal) }
                </div>
            }
            <ServerPanel {lang} sim={ props.sim.clone() } leaving={ server_leaving } {landing} sample={ props.sample.map(|s| s.staggered(now, SERVER_PHASE)) } />
            { for cards }
            <div class="packets" aria-hidden="true">{ for packets }</div>
            { tokens }
        </section>
    }
}

/// Where a move card starts and ends, in percent of the stage: the centre of its leaving row (of the server's
/// list when that folder is not open) and the centre of its new folder's tab.
fn move_ends(stage: &web_sys::Element, card: &MoveCard) -> Option<((f64, f64), (f64, f64))> {
    let frame = stage.get_bounding_client_rect();
    if frame.width() <= 0.0 || frame.height() <= 0.0 {
        return None;
    }
    let centre = |e: &web_sys::Element| {
        let r = e.get_bounding_client_rect();
        (r.width() > 0.0).then(|| {
            (
                (r.x() + r.width() / 2.0 - frame.x()) * 100.0 / frame.width(),
                (r.y() + r.height() / 2.0 - frame.y()) * 100.0 / frame.height(),
            )
        })
    };
    let find = |selector: &str, matches: &dyn Fn(&web_sys::Element) -> bool| {
        let list = stage.query_selector_all(selector).ok()?;
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .find(|e| matches(e))
    };
    let attr = |e: &web_sys::Element, name: &str, value: &str| {
        e.get_attribute(name).as_deref() == Some(value)
    };
    let tab = find(".server .folder-tab", &|e| attr(e, "data-folder", &card.to))?;
    let row = find("[data-testid=server-message][data-state=leaving]", &|e| {
        attr(e, "data-message-id", &card.message_id) && attr(e, "data-folder", &card.from)
    });
    let start = row.as_ref().and_then(centre).or_else(|| {
        find(".server .list-scroll", &|_| true)
            .as_ref()
            .and_then(centre)
    })?;
    Some((start, centre(&tab)?))
}

pub fn globe_icon() -> Html {
    html! {
        <svg class="icon node-icon" viewBox="0 0 32 32" aria-hidden="true">
            <circle cx="16" cy="16" r="12" />
            <path d="M4 16 H28 M16 4 C10 10 10 22 16 28 M16 4 C22 10 22 22 16 28" />
        </svg>
    }
}

/// One line on the wire, placed along its link; only the newest line of a wire carries its text.
fn packet(
    index: usize,
    entry: &TranscriptEntry,
    link: Link,
    now: crate::sim::time::SimTime,
    reduced_motion: bool,
    labelled: bool,
) -> Html {
    // With reduced motion a packet waits at the middle of its link instead of travelling.
    let progress = if reduced_motion {
        0.5
    } else {
        entry.progress(now)
    };
    let (x, y) = along(link, entry.direction, progress);
    let dir = match entry.direction {
        Direction::ClientToServer => "c",
        Direction::ServerToClient => "s",
    };
    let label: String = if !labelled {
        String::new()
    } else {
        let mut label: String = entry.text.chars().take(LABEL_CHARS).collect();
        if entry.text.chars().count() > LABEL_CHARS {
            label.push('…');
        }
        label
    };
    html! {
        <span key={ index.to_string() } class={ classes!("packet", dir, entry.protocol.id(), (!labelled).then_some("content")) }
            data-testid="packet" data-dir={ dir } style={ format!("left:{}%;top:{}%", percent(x), percent(y)) }>
            { label }
        </span>
    }
}
