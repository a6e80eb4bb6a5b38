//! One side's small stage in compare mode: its server, its devices, the wires between them, and the mail and
//! changes travelling them where the side's sim time puts them, in the main stage's wide geometry.

use super::device::device_name;
use super::icons::{device_icon, glyph_icon, server_icon, Glyph};
use super::tokens::scene_tokens;
use super::topology::globe_icon;
use crate::sim::compare::{Side, SideSummary};
use crate::sim::story::Scene;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::layout::{mirrored_link, mirrored_point, percent, Link, Shape};
use yew::prelude::*;

/// Always the wide shape: a side is wider than tall even on a phone, and its devices are names, not cards.
const SHAPE: Shape = Shape::Wide;

/// A plain view function, rebuilt on every frame with its side's scene; the cells beside it are kept per change.
pub fn compare_stage(
    lang: Lang,
    side: Side,
    summary: &SideSummary,
    scene: &Scene,
    reduced_motion: bool,
) -> Html {
    let rtl = lang.is_rtl();
    let n = summary.devices.len();
    let sender = SHAPE.sender_link();
    let link_of = |end: &str| -> Option<Link> {
        if end == "sender" {
            return Some(sender);
        }
        let i = summary.devices.iter().position(|d| d.id == end)?;
        Some(mirrored_link(SHAPE.device_link(i, n), rtl))
    };
    let line = |((x1, y1), (x2, y2)): Link, class: Classes, device: Option<String>| {
        html! {
            <line {class} data-testid={ device.is_some().then_some("compare-link") } data-device={ device }
                x1={ percent(x1) } y1={ percent(y1) } x2={ percent(x2) } y2={ percent(y2) } vector-effect="non-scaling-stroke" />
        }
    };
    let protocol = side.protocol().id();
    let wires = summary.devices.iter().enumerate().map(|(i, d)| {
        let class = classes!(
            "link",
            protocol,
            (!d.online).then_some("down"),
            d.connected.then_some("active")
        );
        line(
            mirrored_link(SHAPE.device_link(i, n), rtl),
            class,
            Some(d.id.clone()),
        )
    });
    let sending = scene.mail.iter().any(|t| t.from == "sender");
    let nodes = summary.devices.iter().enumerate().map(|(i, d)| {
        let (x, y) = mirrored_point(SHAPE.device_position(i, n), rtl);
        html! {
            <div key={ d.id.clone() } class={ classes!("compare-node", (!d.online).then_some("offline"), d.connected.then_some("connected")) }
                data-device={ d.id.clone() } style={ format!("left:{}%;top:{}%", percent(x), percent(y)) }>
                { device_icon(d.kind) }<span>{ device_name(lang, d.kind, &d.id) }</span>
            </div>
        }
    });
    let (sx, sy) = SHAPE.sender_node();
    html! {
        <div class="compare-stage" data-testid="compare-stage" data-protocol={ protocol }>
            <svg class="links" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">
                { for wires }
                { line(sender, classes!("link", "smtp", sending.then_some("active")), None) }
            </svg>
            <div class="node sender-node" style={ format!("left:{}%;top:{}%", percent(sx), percent(sy)) }>
                { globe_icon() }{ tr(lang, Text::Sender) }
            </div>
            <div class="compare-stage-server">
                { server_icon() }<span>{ tr(lang, Text::Server) }</span>
                <b>{ glyph_icon(Glyph::Mail) }{ " " }{ summary.server.messages }</b>
            </div>
            { for nodes }
            { scene_tokens(lang, scene, reduced_motion, link_of, Html::default()) }
        </div>
    }
}
