//! The control bar: time (play, pause, step, step back, speed, reset) and the world (send mail, add device).

use super::icons::{control_icon, ControlGlyph};
use crate::sim::time::SimTime;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Action, Speed};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    pub lang: Lang,
    pub playing: bool,
    pub speed: Speed,
    pub now: SimTime,
    pub dispatch: Callback<Action>,
}

#[function_component(Controls)]
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
    let play_pause = if props.playing {
        html! { <button type="button" class="primary" data-action="pause" onclick={ send(Action::PressedPause) }>{ control_icon(ControlGlyph::Pause) }{ tr(lang, Text::Pause) }</button> }
    } else {
        html! { <button type="button" class="primary" data-action="play" onclick={ send(Action::PressedPlay) }>{ control_icon(ControlGlyph::Play) }{ tr(lang, Text::Play) }</button> }
    };
    html! {
        <nav class="controls" aria-label={ tr(lang, Text::Controls) }>
            <div class="control-group">
                <button type="button" data-action="step-back" title={ tr(lang, Text::StepBack) } aria-label={ tr(lang, Text::StepBack) } onclick={ send(Action::PressedStepBack) }>{ control_icon(ControlGlyph::StepBack) }</button>
                { play_pause }
                <button type="button" data-action="step" title={ tr(lang, Text::Step) } aria-label={ tr(lang, Text::Step) } onclick={ send(Action::PressedStep) }>{ control_icon(ControlGlyph::Step) }</button>
                <label class="speed">
                    <span>{ tr(lang, Text::Speed) }</span>
                    <select onchange={ on_speed } aria-label={ tr(lang, Text::Speed) }>
                        { for Speed::CHOICES.iter().map(|s| {
                            let label = match s { Speed::Instant => tr(lang, Text::Instant).to_string(), Speed::Factor(f) => format!("{f}×") };
                            html! { <option value={ s.key() } selected={ *s == props.speed }>{ label }</option> }
                        }) }
                    </select>
                </label>
                <button type="button" data-action="reset" onclick={ send(Action::PressedReset) }>{ tr(lang, Text::Reset) }</button>
            </div>
            <div class="clock" title={ tr(lang, Text::SimTime) }>
                <span class="clock-label">{ tr(lang, Text::SimTime) }</span>
                <time data-testid="sim-time">{ props.now.clock() }</time>
            </div>
            <div class="control-group">
                <button type="button" data-action="send-mail" onclick={ send(Action::PressedSendMail) }>{ "✉ " }{ tr(lang, Text::SendMail) }</button>
                <button type="button" data-action="add-device" onclick={ send(Action::PressedAddDevice) }>{ "+ " }{ tr(lang, Text::AddDevice) }</button>
            </div>
        </nav>
    }
}
