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

/// Small pictures drawn in place of symbol characters (✉ ✎ ⚙ ⚑ ✕): a cold browser searched its fonts for each
/// symbol at the first layout, about 11 ms before the page could answer a tap.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Glyph {
    Mail,
    Write,
    Settings,
    Flag,
    Delete,
}

/// A glyph as tall as the text around it; its meaning comes from the button's accessible name.
pub fn glyph_icon(glyph: Glyph) -> Html {
    let body = match glyph {
        Glyph::Mail => html! {
            <>
                <rect x="1.5" y="3.5" width="13" height="9" rx="1.5" />
                <path d="M2 4.5 L8 9 L14 4.5" />
            </>
        },
        Glyph::Write => {
            html! { <path d="M3 13 L3.7 10.3 L10.8 3.2 L12.8 5.2 L5.7 12.3 Z M9.6 4.4 L11.6 6.4" /> }
        }
        Glyph::Settings => html! {
            <>
                <circle cx="8" cy="8" r="2" />
                <circle cx="8" cy="8" r="4.5" />
                <path d="M8 1.5 V3.5 M8 12.5 V14.5 M1.5 8 H3.5 M12.5 8 H14.5 M3.4 3.4 L4.8 4.8 M11.2 11.2 L12.6 12.6 M3.4 12.6 L4.8 11.2 M11.2 4.8 L12.6 3.4" />
            </>
        },
        Glyph::Flag => html! { <path d="M4 14.5 V2 M4 2.5 H12.5 L10.5 5.5 L12.5 8.5 H4" /> },
        Glyph::Delete => html! { <path d="M4 4 L12 12 M12 4 L4 12" /> },
    };
    html! { <svg class="icon glyph" viewBox="0 0 16 16" aria-hidden="true">{ body }</svg> }
}
