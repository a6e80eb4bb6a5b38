//! The lesson being followed: the step's narration, the question, the learner's prediction and the reveal,
//! which shows the answer the simulation measured.

use crate::sim::lesson::{Answer, LessonRun, Measure, Phase, Reveal};
use crate::ui::i18n::{tr, words, Lang, Text};
use crate::ui::print_mode::PrintChoice;
use crate::ui::state::Action;
use yew::prelude::*;

#[derive(PartialEq)]
pub struct LessonPanelProps {
    pub lang: Lang,
    pub run: LessonRun,
    pub dispatch: Callback<Action>,
}

/// How an answer reads, and its `data-answer` value.
pub(crate) fn answer_text(lang: Lang, answer: Answer) -> (String, String) {
    match answer {
        Answer::Count(n) => (n.to_string(), n.to_string()),
        Answer::Yes => (tr(lang, Text::Yes).to_string(), "yes".to_string()),
        Answer::No => (tr(lang, Text::No).to_string(), "no".to_string()),
    }
}

/// What the reveal measured, as data attributes a test can check against the rest of the page.
#[derive(Default)]
struct MeasureAttributes {
    kind: &'static str,
    device: Option<&'static str>,
    folder: Option<&'static str>,
    message_id: Option<&'static str>,
    flag: Option<&'static str>,
}

fn measure_attributes(measure: Measure) -> MeasureAttributes {
    match measure {
        Measure::ServerMessages { folder } => MeasureAttributes {
            kind: "server-messages",
            folder: Some(folder),
            ..Default::default()
        },
        Measure::DeviceMessages { device } => MeasureAttributes {
            kind: "device-messages",
            device: Some(device),
            ..Default::default()
        },
        Measure::DeviceFlag {
            device,
            message_id,
            flag,
        } => MeasureAttributes {
            kind: "device-flag",
            device: Some(device),
            message_id: Some(message_id),
            flag: Some(flag.imap_name()),
            ..Default::default()
        },
        Measure::ServerFlag { message_id, flag } => MeasureAttributes {
            kind: "server-flag",
            message_id: Some(message_id),
            flag: Some(flag.imap_name()),
            ..Default::default()
        },
        Measure::ServerHolds { message_id } => MeasureAttributes {
            kind: "server-holds",
            message_id: Some(message_id),
            ..Default::default()
        },
        Measure::LastDeliveryRefused => MeasureAttributes {
            kind: "delivery-refused",
            ..Default::default()
        },
    }
}

pub fn lesson_panel(props: &LessonPanelProps) -> Html {
    let lang = props.lang;
    let run = &props.run;
    let Some(step) = run.current() else {
        return html! {};
    };
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.emit(action.clone()))
    };
    let reveal: Option<&Reveal> = match &run.phase {
        Phase::Done { reveal } => reveal.as_ref(),
        _ => None,
    };
    let question = step.question.as_ref().map(|q| {
        let choices = q.choices.iter().enumerate().map(|(i, &answer)| {
            let (label, value) = answer_text(lang, answer);
            let chosen = run.prediction == Some(i);
            let class = classes!(
                "choice",
                reveal.filter(|r| r.actual == answer).map(|_| "correct"),
                reveal.filter(|r| chosen && r.actual != answer).map(|_| "wrong"),
            );
            html! {
                <button type="button" {class} data-testid="lesson-choice" data-answer={ value } aria-pressed={ chosen.to_string() }
                    disabled={ run.phase != Phase::Reading } onclick={ send(Action::PredictedAnswer(i)) }>{ label }</button>
            }
        });
        let measured = measure_attributes(q.measure);
        html! {
            <div class="lesson-question">
                <p class="prompt">{ words(lang, q.prompt) }</p>
                <div class="choices" role="group" aria-label={ tr(lang, Text::YourPrediction) }>{ for choices }</div>
                if let Some(reveal) = reveal {
                    <div class={ classes!("reveal", reveal.predicted_right().then_some("right")) } data-testid="reveal" role="status"
                        data-answer={ answer_text(lang, reveal.actual).1 } data-measure={ measured.kind } data-flag={ measured.flag } data-device={ measured.device }
                        data-message-id={ measured.message_id } data-folder={ measured.folder }>
                        <p>
                            <strong>{ tr(lang, Text::SimulationShows) }{ " " }{ answer_text(lang, reveal.actual).0 }</strong>
                            { " · " }
                            { tr(lang, if reveal.predicted_right() { Text::PredictedRight } else { Text::PredictedWrong }) }
                        </p>
                        <p class="why">{ words(lang, q.why) }</p>
                    </div>
                }
            </div>
        }
    });
    let has_work = !step.actions.is_empty() || step.question.is_some();
    let primary = match &run.phase {
        Phase::Reading if has_work => {
            let label = if step.question.is_some() {
                Text::RunAndReveal
            } else {
                Text::RunStep
            };
            html! { <button type="button" class="primary" data-action="lesson-run" disabled={ !run.can_run() } onclick={ send(Action::PressedRunStep) }>{ tr(lang, label) }</button> }
        }
        Phase::Running { .. } => {
            html! { <span class="lesson-running" data-testid="lesson-running">{ tr(lang, Text::WatchTheWire) }</span> }
        }
        _ if run.is_last_step() => {
            html! { <span class="lesson-end">{ tr(lang, Text::LessonEnd) }</span> }
        }
        _ => {
            html! { <button type="button" class="primary" data-action="lesson-next" onclick={ send(Action::PressedNextStep) }>{ tr(lang, Text::NextStep) }</button> }
        }
    };
    html! {
        <section class="panel lesson" data-testid="lesson-panel" data-lesson={ run.lesson.id } data-step={ (run.step + 1).to_string() } aria-labelledby="lesson-title">
            <header class="lesson-head">
                <h2 id="lesson-title">{ words(lang, run.lesson.title) }</h2>
                <span class="lesson-progress">{ tr(lang, Text::StepOf).replace("{n}", &(run.step + 1).to_string()).replace("{m}", &run.lesson.steps.len().to_string()) }</span>
                <button type="button" class="close" data-action="lesson-close" aria-label={ tr(lang, Text::CloseLesson) } title={ tr(lang, Text::CloseLesson) } onclick={ send(Action::ClosedLesson) }>{ "✕" }</button>
            </header>
            <p class="narration">{ words(lang, step.narration) }</p>
            { for question }
            <div class="lesson-actions">
                <button type="button" class="print-button" data-action="print" onclick={ send(Action::PressedPrint(PrintChoice::Worksheet)) }>{ tr(lang, Text::PrintWorksheet) }</button>
                <button type="button" class="print-button" data-action="print-key" onclick={ send(Action::PressedPrint(PrintChoice::AnswerKey)) }>{ tr(lang, Text::PrintKey) }</button>
                { primary }
            </div>
        </section>
    }
}
