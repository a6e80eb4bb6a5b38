//! The terminal: type raw commands to the simulated server's POP3, IMAP or SMTP port, as with telnet. The
//! replies, and their effects on the diagram, show as they happen.

use crate::sim::session::Direction;
use crate::sim::session::WireProtocol;
use crate::sim::transcript::Endpoint;
use crate::sim::world::Action as SimAction;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, Sim};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// Lines of the terminal's screen kept in the DOM.
const SCREEN_LINES: usize = 60;

#[derive(Properties)]
pub struct TerminalProps {
    pub lang: Lang,
    pub sim: Sim,
    pub protocol: WireProtocol,
    /// How many lines have left their sender by now: the screen changes when this does.
    pub sent_lines: usize,
    pub dispatch: Callback<Action>,
}

/// Re-renders when a line is sent or something happens, not on every animation frame.
impl PartialEq for TerminalProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.protocol == other.protocol
            && self.sent_lines == other.sent_lines
            && self.sim.moment_key() == other.sim.moment_key()
    }
}

#[function_component(Terminal)]
pub fn terminal(props: &TerminalProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let world = timeline.world();
    let now = world.now();
    let protocol = props.protocol;
    let on_protocol = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let protocol = match select.value().as_str() {
                "imap" => WireProtocol::Imap,
                "smtp" => WireProtocol::Smtp,
                _ => WireProtocol::Pop3,
            };
            dispatch.emit(Action::ChoseTerminalProtocol(protocol));
        })
    };
    let on_key = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            let input: HtmlInputElement = e.target_unchecked_into();
            let line = input.value();
            input.set_value("");
            dispatch.emit(Action::Simulated(SimAction::TypeTerminalLine {
                protocol,
                line,
            }));
        })
    };
    let screen: Vec<_> = world
        .transcript()
        .iter()
        .filter(|e| e.endpoint == Endpoint::Terminal && e.protocol == protocol)
        // The terminal shows what it typed once sent, and what the server said once it arrived.
        .filter(|e| match e.direction {
            Direction::ClientToServer => e.sent <= now,
            Direction::ServerToClient => e.arrives <= now,
        })
        .collect();
    let skip = screen.len().saturating_sub(SCREEN_LINES);
    html! {
        <section class="terminal panel" data-testid="terminal" aria-label={ tr(lang, Text::Terminal) }>
            <header class="panel-header">
                <h2>{ ">_ " }{ tr(lang, Text::Terminal) }</h2>
                <select data-testid="terminal-protocol" onchange={ on_protocol } aria-label={ tr(lang, Text::Protocol) }>
                    <option value="pop3" selected={ protocol == WireProtocol::Pop3 }>{ "POP3 :110" }</option>
                    <option value="imap" selected={ protocol == WireProtocol::Imap }>{ "IMAP :143" }</option>
                    <option value="smtp" selected={ protocol == WireProtocol::Smtp }>{ "SMTP :25" }</option>
                </select>
            </header>
            <pre class="screen" aria-live="polite">
                if screen.is_empty() { <span class="hint">{ tr(lang, Text::TerminalHint) }</span> }
                { for screen[skip..].iter().map(|e| html! {
                    <span class={ classes!("screen-line", e.direction.prefix().to_ascii_lowercase(), "shown") }>
                        { e.direction.prefix() }{ ": " }{ &e.text }{ "\n" }
                    </span>
                }) }
            </pre>
            <input class="terminal-input" data-testid="terminal-input" type="text" spellcheck="false" autocomplete="off"
                maxlength="1000" aria-label={ tr(lang, Text::TerminalHint) } placeholder={ match protocol { WireProtocol::Pop3 => "USER alice", WireProtocol::Imap => "a1 LOGIN alice wonderland", WireProtocol::Smtp => "EHLO me.example" } }
                onkeydown={ on_key } />
        </section>
    }
}
