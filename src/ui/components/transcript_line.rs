//! One transcript line: the wire text and what it means. A component of its own so that a line already shown
//! is neither explained nor diffed again when the next line arrives.

use crate::sim::session::Direction;
use crate::sim::transcript::Endpoint;
use crate::ui::components::transcript::endpoint_name;
use crate::ui::i18n::{tongue, tr, Lang, Text};
use crate::ui::state::{Action, Sim};
use yew::prelude::*;

#[derive(Properties)]
pub struct TranscriptLineProps {
    pub lang: Lang,
    pub sim: Sim,
    /// The line's place in the world's transcript.
    pub index: usize,
    pub lost: bool,
    pub dispatch: Callback<Action>,
}

/// A line written once stays as it is while time passes (but for being lost on the way); only a change by the
/// user (an action, a step back, a loaded world, a removed device) can put another line or another name at the
/// same place, and that changes `Sim::change_key`.
impl PartialEq for TranscriptLineProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.index == other.index
            && self.lost == other.lost
            && self.sim.change_key() == other.sim.change_key()
    }
}

/// What kind of endpoint a line belongs to, so that a device named `sender` is never taken for the sender.
fn endpoint_kind(endpoint: &Endpoint) -> &'static str {
    match endpoint {
        Endpoint::Device(_) => "device",
        Endpoint::Sender => "sender",
        Endpoint::Terminal => "terminal",
    }
}

#[function_component(TranscriptLine)]
pub fn transcript_line(props: &TranscriptLineProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let world = timeline.world();
    let Some(entry) = world.transcript().get(props.index) else {
        return Html::default();
    };
    let dir = match entry.direction {
        Direction::ClientToServer => "c",
        Direction::ServerToClient => "s",
    };
    let text = entry.explain(tongue(lang)).text;
    let moment = entry.moment + 1;
    let onclick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(Action::JumpedToMoment(moment)))
    };
    html! {
        <li class={ classes!("transcript-entry", dir, entry.protocol.id(), entry.in_content.then_some("content"), props.lost.then_some("lost")) }>
            <button type="button" class="line-button" {onclick} title={ format!("{} {}", tr(lang, Text::Moment), moment) }>
                <span class="who">{ endpoint_name(lang, world, &entry.endpoint) }</span>
                <code class="wire" data-testid="transcript-line" data-device={ entry.endpoint.label().to_string() } data-endpoint={ endpoint_kind(&entry.endpoint) } data-dir={ dir }>
                    <span class="prefix" aria-hidden="true">{ entry.direction.prefix() }{ ": " }</span>{ &entry.text }
                </code>
                if props.lost { <span class="lost-tag">{ tr(lang, Text::Lost) }</span> }
            </button>
            <p class="explanation">{ text }</p>
        </li>
    }
}
