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
