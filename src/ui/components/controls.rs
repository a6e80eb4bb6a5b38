//! The control bar: time (play, pause, step, step back, speed, reset, time warp), the world (send mail, add
//! device) and faults.

use super::icons::{control_icon, glyph_icon, ControlGlyph, Glyph};
use crate::sim::story::skipped_span;
use crate::sim::time::SimTime;
use crate::sim::world::{Action as SimAction, Fault};
use crate::ui::i18n::{clock, tongue, tr, Lang, Text};
use crate::ui::state::{Action, Speed};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct ControlsProps {
    pub lang: Lang,
    pub playing: bool,
    pub speed: Speed,
    pub now: SimTime,
    /// How far the clock just skipped a quiet stretch, while the page says so.
    pub skipped: Option<SimTime>,
    /// The first POP3 device, which the POP3 faults act on.
    pub pop3_device: Option<String>,
    pub dispatch: Callback<Action>,
}

/// The fault menu: (option value, label).
const FAULTS: [(&str, Text); 6] = [
    ("drop-before-quit", Text::FaultDropBeforeQuit),
    ("maildrop-locked", Text::FaultMaildropLocked),
    ("uidvalidity-reset", Text::FaultUidValidityReset),
    ("uidl-state-lost", Text::FaultUidlStateLost),
    ("over-quota", Text::FaultOverQuota),
    ("random", Text::FaultRandom),
];

/// "» 10 minutes later".
fn skip_text(lang: Lang, span: SimTime) -> String {
    let (n, unit) = skipped_span(span);
    format!("» {}", unit.later(n, tongue(lang)))
}

// A plain view function, not a component: its clock changes on every animation frame, so a component would
// re-render as often, and each component costs the bundle its own copy of Yew's lifecycle code.
pub fn controls(props: &ControlsProps) -> Html {
    let lang = props.lang;
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let on_speed = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some(speed) = Speed::from_key(&select.value()) {
                dispatch.emit(Action::ChoseSpeed(speed));
            }
        })
    };
    let on_fault = {
        let dispatch = props.dispatch.clone();
        let pop3_device = props.pop3_device.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let device = pop3_device.clone().unwrap_or_else(|| "laptop".into());
            let action = match select.value().as_str() {
                "drop-before-quit" => SimAction::InjectFault {
                    fault: Fault::DropBeforeQuit { device },
                },
                "maildrop-locked" => SimAction::InjectFault {
                    fault: Fault::MaildropLocked,
                },
                "uidvalidity-reset" => SimAction::InjectFault {
                    fault: Fault::UidValidityReset,
                },
                "uidl-state-lost" => SimAction::InjectFault {
                    fault: Fault::UidlStateLost { device },
                },
                "over-quota" => SimAction::InjectFault {
                    fault: Fault::MailboxOverQuota,
                },
                "random" => SimAction::InjectRandomFault,
                _ => return,
            };
            select.set_value("");
            dispatch.emit(Action::Simulated(action));
        })
    };
    let play_pause = if props.playing {
        html! { <button type="button" class="primary play" data-action="pause" onclick={ send(Action::PressedPause) }>{ control_icon(ControlGlyph::Pause) }{ tr(lang, Text::Pause) }</button> }
    } else {
        html! { <button type="button" class="primary play" data-action="play" onclick={ send(Action::PressedPlay) }>{ control_icon(ControlGlyph::Play) }{ tr(lang, Text::Play) }</button> }
    };
    let day = props.now.days_since(SimTime::ZERO) + 1;
    html! {
        <nav class="controls" aria-label={ tr(lang, Text::Controls) }>
            <div class="control-group">
                <button type="button" data-action="step-back" title={ format!("{} (←)", tr(lang, Text::StepBack)) } aria-label={ tr(lang, Text::StepBack) } onclick={ send(Action::PressedStepBack) }>{ control_icon(ControlGlyph::StepBack) }</button>
                { play_pause }
                <button type="button" data-action="step" title={ format!("{} (→)", tr(lang, Text::Step)) } aria-label={ tr(lang, Text::Step) } onclick={ send(Action::PressedStep) }>{ control_icon(ControlGlyph::Step) }</button>
                <label class="speed" title={ tr(lang, Text::Speed) }>
                    <select onchange={ on_speed } data-testid="speed" aria-label={ tr(lang, Text::Speed) }>
                        { for Speed::CHOICES.iter().map(|s| {
                            let label = match s { Speed::Instant => tr(lang, Text::Instant).to_string(), Speed::Factor(_) => format!("{}×", s.key()) };
                            html! { <option value={ s.key() } selected={ *s == props.speed }>{ label }</option> }
                        }) }
                    </select>
                </label>
                <button type="button" data-action="reset" onclick={ send(Action::PressedReset) }>{ tr(lang, Text::Reset) }</button>
            </div>
            <div class="clock" title={ tr(lang, Text::SimTime) }>
                <span class="clock-label">{ tr(lang, Text::SimTime) }</span>
                <time data-testid="sim-time" data-ms={ props.now.millis().to_string() }>{ format!("#{day} · {}", clock(lang, props.now)) }</time>
                if let Some(span) = props.skipped {
                    <span class="time-skip" data-testid="time-skip" role="status">{ skip_text(lang, span) }</span>
                }
            </div>
            <div class="control-group">
                <button type="button" data-action="warp-day" onclick={ send(Action::Simulated(SimAction::WarpDays { days: 1 })) }>{ tr(lang, Text::WarpDay) }</button>
                <button type="button" data-action="warp-week" onclick={ send(Action::Simulated(SimAction::WarpDays { days: 7 })) }>{ tr(lang, Text::WarpWeek) }</button>
                <select class="fault-menu" data-testid="fault" onchange={ on_fault } aria-label={ tr(lang, Text::Fault) }>
                    <option value="" selected=true>{ tr(lang, Text::Fault) }</option>
                    { for FAULTS.iter().map(|(key, text)| html! { <option value={ *key }>{ tr(lang, *text) }</option> }) }
                </select>
                <button type="button" data-action="send-mail" onclick={ send(Action::PressedSendMail) }>{ glyph_icon(Glyph::Mail) }{ " " }{ tr(lang, Text::SendMail) }</button>
                <button type="button" data-action="compose" title={ tr(lang, Text::WriteMail) } aria-label={ tr(lang, Text::WriteMail) } onclick={ send(Action::ToggledCompose) }>{ glyph_icon(Glyph::Write) }</button>
                <button type="button" data-action="add-device" onclick={ send(Action::PressedAddDevice) }>{ "+ " }{ tr(lang, Text::AddDevice) }</button>
                <button type="button" class="help-button" data-action="help" onclick={ send(Action::ToggledHelp) } aria-label={ tr(lang, Text::Help) } title={ format!("{} (?)", tr(lang, Text::Help)) }>{ "?" }</button>
            </div>
        </nav>
    }
}
