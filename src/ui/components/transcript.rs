//! The transcript: every wire line, `C:` and `S:`, for all devices or one, each with what it means and the
//! RFC section behind it. Clicking a line moves the timeline to just after it was sent.

use crate::sim::transcript::Endpoint;
use crate::sim::world::World;
use crate::ui::components::device::device_name;
use crate::ui::components::transcript_line::TranscriptLine;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::print_mode::PrintChoice;
use crate::ui::state::{Action, Sim};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The panel renders the newest lines in pages: the first line shown moves on a whole page at a time, so a
/// new line only appends (no re-rendering of a sliding window). Earlier lines stay in the world and exports.
const PAGE: usize = 100;
const MIN_SHOWN: usize = 150;
/// While sampled (`sampling`) the panel keeps only the newest lines, so a redraw builds a screenful of lines
/// instead of a few hundred. Paging resumes once the flow slows.
const FLOOD_SHOWN: usize = 24;

#[derive(Properties)]
pub struct TranscriptProps {
    pub lang: Lang,
    pub sim: Sim,
    pub filter: Option<Endpoint>,
    /// How many lines have left their sender by now: the panel changes when this does.
    pub sent_lines: usize,
    /// Lines pour in faster than anyone reads, and the panel shows a sample of them (`sampling`).
    pub sampled: bool,
    pub dispatch: Callback<Action>,
}

/// Re-renders when a line is sent or something happens, not on every animation frame.
impl PartialEq for TranscriptProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && self.filter == other.filter
            && self.sent_lines == other.sent_lines
            && self.sampled == other.sampled
            && if self.sampled {
                self.sim.change_key() == other.sim.change_key()
            } else {
                self.sim.moment_key() == other.sim.moment_key()
            }
    }
}

/// The name a transcript line's endpoint goes by (`Laptop`, `Sender`, `Terminal`).
pub fn endpoint_name(lang: Lang, world: &World, endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Sender => tr(lang, Text::Sender).to_string(),
        Endpoint::Terminal => tr(lang, Text::Terminal).to_string(),
        Endpoint::Device(id) => world
            .device(id)
            .map(|d| device_name(lang, d.kind, id))
            .unwrap_or_else(|| id.to_string()),
    }
}

/// The filter's option value: a device's id, or a name no device id can have (`@` is not allowed in one).
fn filter_value(endpoint: &Endpoint) -> String {
    match endpoint {
        Endpoint::Device(id) => id.clone(),
        Endpoint::Sender => "@sender".to_string(),
        Endpoint::Terminal => "@terminal".to_string(),
    }
}

fn endpoint_of_filter_value(value: String) -> Option<Endpoint> {
    match value.as_str() {
        "" => None,
        "@sender" => Some(Endpoint::Sender),
        "@terminal" => Some(Endpoint::Terminal),
        _ => Some(Endpoint::Device(value)),
    }
}

#[function_component(TranscriptPanel)]
pub fn transcript_panel(props: &TranscriptProps) -> Html {
    let lang = props.lang;
    let timeline = props.sim.timeline();
    let world = timeline.world();
    let on_filter = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            dispatch.emit(Action::FilteredTranscript(endpoint_of_filter_value(value)));
        })
    };
    let on_print = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(Action::PressedPrint(PrintChoice::Transcript))
        })
    };
    let sent: Vec<(usize, &crate::sim::transcript::TranscriptEntry)> = world.transcript()
        [..props.sent_lines]
        .iter()
        .enumerate()
        .filter(|(_, e)| props.filter.as_ref().is_none_or(|f| e.endpoint == *f))
        .collect();
    let hidden = if props.sampled {
        sent.len().saturating_sub(FLOOD_SHOWN)
    } else {
        sent.len().saturating_sub(MIN_SHOWN) / PAGE * PAGE
    };
    let mut endpoints: Vec<Endpoint> = world
        .devices()
        .iter()
        .map(|d| Endpoint::Device(d.id.clone()))
        .collect();
    for extra in [Endpoint::Sender, Endpoint::Terminal] {
        if world.transcript().iter().any(|e| e.endpoint == extra) {
            endpoints.push(extra);
        }
    }
    let lines = sent[hidden..].iter().map(|(i, e)| {
        html! {
            <TranscriptLine key={ *i } {lang} sim={ props.sim.clone() } index={ *i } lost={ e.lost } dispatch={ props.dispatch.clone() } />
        }
    });
    html! {
        <aside class="transcript panel" data-testid="transcript" aria-label={ tr(lang, Text::Transcript) }>
            <header class="panel-header">
                <h2>{ tr(lang, Text::Transcript) }</h2>
                <select onchange={ on_filter } aria-label={ tr(lang, Text::Devices) } data-testid="transcript-filter">
                    <option value="" selected={ props.filter.is_none() }>{ tr(lang, Text::AllDevices) }</option>
                    { for endpoints.iter().map(|endpoint| html! {
                        <option value={ filter_value(endpoint) } selected={ props.filter.as_ref() == Some(endpoint) }>{ endpoint_name(lang, world, endpoint) }</option>
                    }) }
                </select>
                <button type="button" class="print-button" data-action="print-transcript" title={ tr(lang, Text::PrintTranscript) } aria-label={ tr(lang, Text::PrintTranscript) } onclick={ on_print }>{ tr(lang, Text::PrintShort) }</button>
            </header>
            // The scroll box stacks its one child bottom-up (style.css), so it stays scrolled to the newest line
            // without script: setting scrollTop after each line forced a layout, 15% of the page's time under load.
            <div class="transcript-scroll" tabindex="0" aria-label={ tr(lang, Text::Transcript) }>
                <div class="transcript-content">
                    if sent.is_empty() { <p class="empty">{ tr(lang, Text::TranscriptEmpty) }</p> }
                    if hidden > 0 { <p class="empty" data-testid="transcript-hidden" data-count={ hidden.to_string() }>{ format!("{hidden} {}", tr(lang, Text::EarlierLinesHidden)) }</p> }
                    // Only keyed lines in this list: it grows at its end, so an update appends and moves nothing.
                    // The log role sits on a wrapper: on the list itself it would hide the list from assistive technology.
                    <div role="log" aria-live="polite"><ol class="transcript-lines">{ for lines }</ol></div>
                </div>
            </div>
        </aside>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::device::{ClientSetup, DeviceKind, DeviceSetup};
    use crate::sim::world::{WorldSetup, DEFAULT_LATENCY};

    #[test]
    fn a_device_named_sender_is_named_and_filtered_as_a_device() {
        let world = World::new(WorldSetup {
            devices: vec![DeviceSetup {
                id: "sender".into(),
                kind: DeviceKind::Laptop,
                client: ClientSetup::pop3_download_and_delete(),
                latency: DEFAULT_LATENCY,
            }],
            ..WorldSetup::default()
        });
        let device = Endpoint::Device("sender".into());
        // A device with a name of its own is called by it, never by the outside sender's name.
        assert_eq!(endpoint_name(Lang::En, &world, &device), "Sender");
        assert_ne!(
            endpoint_name(Lang::En, &world, &device),
            tr(Lang::En, Text::Sender)
        );
        assert_eq!(
            endpoint_name(Lang::En, &world, &Endpoint::Sender),
            tr(Lang::En, Text::Sender)
        );
        for endpoint in [device, Endpoint::Sender, Endpoint::Terminal] {
            assert_eq!(
                endpoint_of_filter_value(filter_value(&endpoint)),
                Some(endpoint)
            );
        }
    }
}
