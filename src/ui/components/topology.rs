//! The stage: the server in the middle, the devices around it, the links that join them, and every line on
//! the wire drawn where sim time puts it (RaftScope: position = (now − sent) / (arrives − sent)).

use super::device::DeviceCardView;
use super::server::ServerPanel;
use crate::sim::session::Direction;
use crate::sim::transcript::{Endpoint, TranscriptEntry};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::layout::{
    along, device_link, device_position, percent, sender_link, terminal_link, Link, SENDER_NODE,
    TERMINAL_NODE,
};
use crate::ui::state::{Action, Sim};
use yew::prelude::*;

/// How far back in the transcript to look for lines still on the wire (lines are sent in time order,
/// give or take one line's gap per direction).
const IN_FLIGHT_WINDOW: usize = 400;
/// Packet labels are cut to this many characters.
const LABEL_CHARS: usize = 26;

#[derive(Properties, PartialEq)]
pub struct TopologyProps {
    pub lang: Lang,
    pub sim: Sim,
    pub reduced_motion: bool,
    pub dispatch: Callback<Action>,
}

#[function_component(Topology)]
pub fn topology(props: &TopologyProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let world = timeline.world();
    let now = world.now();
    let devices = world.devices();
    let n = devices.len();
    let link_of = |endpoint: &Endpoint| -> Option<Link> {
        match endpoint {
            Endpoint::Sender => Some(sender_link()),
            Endpoint::Terminal => Some(terminal_link()),
            Endpoint::Device(id) => devices
                .iter()
                .position(|d| d.id == *id)
                .map(|i| device_link(i, n)),
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
        line(device_link(i, n), class, d.id.clone())
    });
    let transcript = world.transcript();
    let start = transcript.len().saturating_sub(IN_FLIGHT_WINDOW);
    let packets = transcript[start..]
        .iter()
        .enumerate()
        .filter(|(_, e)| e.in_flight(now))
        .filter_map(|(i, e)| {
            link_of(&e.endpoint).map(|link| packet(start + i, e, link, now, props.reduced_motion))
        });
    let sender_active = transcript[start..]
        .iter()
        .any(|e| e.endpoint == Endpoint::Sender && e.in_flight(now));
    let terminal_active = transcript.iter().any(|e| e.endpoint == Endpoint::Terminal);
    let cards = devices.iter().enumerate().map(|(i, d)| {
        let (x, y) = device_position(i, n);
        html! { <DeviceCardView key={ d.id.clone() } {lang} sim={ props.sim.clone() } id={ d.id.clone() } dispatch={ props.dispatch.clone() } {x} {y} /> }
    });
    html! {
        <section class="stage" data-testid="stage">
            <svg class="links" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
                { for links }
                { line(sender_link(), classes!("link", "smtp", sender_active.then_some("active")), "sender".into()) }
                if terminal_active { { line(terminal_link(), classes!("link", "terminal"), "terminal".into()) } }
            </svg>
            <div class="node sender-node" style={ format!("left:{}%;top:{}%", percent(SENDER_NODE.0), percent(SENDER_NODE.1)) }>
                { globe_icon() }{ tr(lang, Text::Sender) }
            </div>
            if terminal_active {
                <div class="node terminal-node" style={ format!("left:{}%;top:{}%", percent(TERMINAL_NODE.0), percent(TERMINAL_NODE.1)) }>
                    <span aria-hidden="true">{ ">_" }</span>{ " " }{ tr(lang, Text::Terminal) }
                </div>
            }
            <ServerPanel {lang} sim={ props.sim.clone() } />
            { for cards }
            <div class="packets" aria-hidden="true">{ for packets }</div>
        </section>
    }
}

fn globe_icon() -> Html {
    html! {
        <svg class="icon node-icon" viewBox="0 0 32 32" aria-hidden="true">
            <circle cx="16" cy="16" r="12" />
            <path d="M4 16 H28 M16 4 C10 10 10 22 16 28 M16 4 C22 10 22 22 16 28" />
        </svg>
    }
}

/// One line on the wire, placed along its link.
fn packet(
    index: usize,
    entry: &TranscriptEntry,
    link: Link,
    now: crate::sim::time::SimTime,
    reduced_motion: bool,
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
    let label: String = if entry.in_content {
        String::new()
    } else {
        let mut label: String = entry.text.chars().take(LABEL_CHARS).collect();
        if entry.text.chars().count() > LABEL_CHARS {
            label.push('…');
        }
        label
    };
    html! {
        <span key={ index.to_string() } class={ classes!("packet", dir, entry.protocol.id(), entry.in_content.then_some("content")) }
            data-testid="packet" data-dir={ dir } style={ format!("left:{}%;top:{}%", percent(x), percent(y)) }>
            { label }
        </span>
    }
}
