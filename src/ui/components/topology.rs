//! The stage: the server in the middle, the devices around it, and the links that join them.

use super::device::DeviceCardView;
use super::server::ServerPanel;
use crate::ui::layout::{device_position, SERVER};
use crate::ui::state::{Action, State};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TopologyProps {
    pub state: UseReducerHandle<State>,
    pub dispatch: Callback<Action>,
}

#[function_component(Topology)]
pub fn topology(props: &TopologyProps) -> Html {
    let state = &props.state;
    let n = state.devices.len();
    let links = state.devices.iter().enumerate().map(|(i, d)| {
        let (x, y) = device_position(i, n);
        html! {
            <line class={ classes!("link", d.protocol.id(), (!d.online).then_some("down")) } data-link={ d.id.clone() }
                x1={ x.to_string() } y1={ y.to_string() } x2={ SERVER.0.to_string() } y2={ SERVER.1.to_string() }
                vector-effect="non-scaling-stroke" />
        }
    });
    let cards = state.devices.iter().enumerate().map(|(i, d)| {
        let (x, y) = device_position(i, n);
        html! { <DeviceCardView key={ d.id.clone() } lang={ state.lang } device={ d.clone() } dispatch={ props.dispatch.clone() } {x} {y} /> }
    });
    html! {
        <section class="stage">
            <svg class="links" viewBox="0 0 100 100" preserveAspectRatio="none" aria-hidden="true">{ for links }</svg>
            <ServerPanel lang={ state.lang } store={ state.store.clone() } />
            { for cards }
        </section>
    }
}
