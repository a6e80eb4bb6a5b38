//! Inline SVG icons (no external files, so the page works offline and under a strict CSP).

use crate::sim::device::DeviceKind;
use yew::prelude::*;

/// The outline picture of a device kind.
pub fn device_icon(kind: DeviceKind) -> Html {
    let body = match kind {
        DeviceKind::Laptop => html! {
            <>
                <rect x="5" y="5" width="22" height="15" rx="2" />
                <path d="M2 25 H30 L28 22 H4 Z" />
            </>
        },
        DeviceKind::Phone => html! {
            <>
                <rect x="10" y="3" width="12" height="26" rx="2.5" />
                <path d="M14.5 25.5 H17.5" />
            </>
        },
        DeviceKind::Tablet => html! {
            <>
                <rect x="6" y="4" width="20" height="24" rx="2.5" />
                <path d="M14.5 24.5 H17.5" />
            </>
        },
        DeviceKind::Desktop => html! {
            <>
                <rect x="3" y="4" width="26" height="17" rx="2" />
                <path d="M12 28 H20 M16 21 V28" />
            </>
        },
    };
    html! {
        <svg class="icon device-icon" viewBox="0 0 32 32" aria-hidden="true">{ body }</svg>
    }
}

pub fn server_icon() -> Html {
    html! {
        <svg class="icon server-icon" viewBox="0 0 32 32" aria-hidden="true">
            <rect x="5" y="4" width="22" height="7" rx="1.5" />
            <rect x="5" y="13" width="22" height="7" rx="1.5" />
            <rect x="5" y="22" width="22" height="7" rx="1.5" />
            <path d="M9 7.5 H11 M9 16.5 H11 M9 25.5 H11" />
        </svg>
    }
}

/// The control bar's glyphs, drawn rather than taken from a font (not every font has ⏮ and ⏭).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ControlGlyph {
    Play,
    Pause,
    Step,
    StepBack,
}

pub fn control_icon(glyph: ControlGlyph) -> Html {
    let body = match glyph {
        ControlGlyph::Play => html! { <path class="solid" d="M9 6 L25 16 L9 26 Z" /> },
        ControlGlyph::Pause => {
            html! { <path class="solid" d="M8 6 H13 V26 H8 Z M19 6 H24 V26 H19 Z" /> }
        }
        ControlGlyph::Step => {
            html! { <path class="solid" d="M7 6 L20 16 L7 26 Z M22 6 H26 V26 H22 Z" /> }
        }
        ControlGlyph::StepBack => {
            html! { <path class="solid" d="M25 6 L12 16 L25 26 Z M6 6 H10 V26 H6 Z" /> }
        }
    };
    html! { <svg class="icon control-icon" viewBox="0 0 32 32" aria-hidden="true">{ body }</svg> }
}
