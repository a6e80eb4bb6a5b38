//! The root component: one reducer, the header, the control bar, the stage, the transcript and terminal.

use super::challenge_mode::ChallengeAction;
use super::components::captions::CaptionBar;
use super::components::challenge_builder::ChallengeBuilder;
use super::components::challenge_menu::ChallengeMenu;
use super::components::challenge_panel::ChallengePanel;
use super::components::compare::{compare_cells, compare_view, CellsKey, CompareViewProps};
use super::components::compose::Compose;
use super::components::controls::{controls, ControlsProps};
use super::components::error_banner::{error_banner, ErrorBannerProps};
use super::components::header::{header, HeaderProps};
use super::components::help::{help_overlay, HelpProps};
use super::components::lesson_menu::{lesson_menu, LessonMenuProps};
use super::components::lesson_panel::{lesson_panel, LessonPanelProps};
use super::components::notice_banner::{notice_banner, NoticeBannerProps};
use super::components::phone_views::{phone_views, PhoneViewsProps};
use super::components::reader::{reader, ReaderProps};
use super::components::share_panel::{share_panel, SharePanelProps};
use super::components::solution_verdict::{solution_verdict, SolutionVerdictProps};
use super::components::table_view::{self, table_view};
use super::components::terminal::Terminal;
use super::components::topology::Topology;
use super::components::transcript::TranscriptPanel;
use super::hooks::use_after_paint::use_after_paint;
use super::hooks::use_animation_frames::use_animation_frames;
use super::hooks::use_autosave::use_autosave;
use super::hooks::use_keyboard_shortcuts::use_keyboard_shortcuts;
use super::hooks::use_language::use_language;
use super::hooks::use_print::use_print;
use super::i18n::{tr, Lang, Text};
use super::persist;
use super::sampling;
use super::share;
use super::sim::Sim;
use super::state::{world_arrived, Action, PageParts, PhoneView, Speed, State, WorldSource};
use super::url::UrlOptions;
use crate::sim::challenge::codec::{document_kind, DocumentKind};
use crate::sim::device::DeviceClient;
use crate::sim::saved::link::is_share_fragment;
use crate::sim::timeline::Timeline;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// The page's query string; `None` reads `window.location.search`.
    #[prop_or_default]
    pub search: Option<String>,
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = use_reducer(|| {
        let search = props.search.clone().unwrap_or_else(location_search);
        let options = UrlOptions::parse(&search);
        let mut state = State::initial(&options);
        // The world of the last visit, unless the URL asks for a fresh start, a lesson or a load test.
        let asks_for_a_world = options.lesson.is_some()
            || options.challenge.is_some()
            || options.devices.is_some()
            || options.messages.is_some();
        if state.autosave && !asks_for_a_world {
            if let Some(json) = persist::saved_world() {
                state.load_world(&json, WorldSource::Saved, false);
                if state.error.is_some() {
                    persist::set_aside_unreadable();
                }
            }
        }
        state
    });
    // One callback for the page's life (the reducer's dispatcher never changes): a new one on each render
    // would make every component's props differ, and re-render them all on every animation frame.
    let dispatch = {
        let dispatcher = state.dispatcher();
        (*use_memo((), move |_| {
            Callback::from(move |action| dispatcher.dispatch(action))
        }))
        .clone()
    };
    // The page renders in parts, each after the last one's paint; then the default world is made live in a
    // task of its own and shown in the next.
    {
        let (state, dispatch) = (state.clone(), dispatch.clone());
        use_after_paint(
            state.shown,
            Callback::from(move |shown| {
                if shown < PageParts::Side {
                    dispatch.emit(Action::PartsPainted);
                } else if let Some(opening) = state.opening_world() {
                    let dispatch = dispatch.clone();
                    run_opening(opening, move |opened| {
                        dispatch.emit(Action::WorldOpened(Sim::new(opened)))
                    });
                }
            }),
        );
    }
    {
        let dispatch = dispatch.clone();
        use_after_paint(
            state.opening_lines_pending,
            Callback::from(move |pending| {
                if pending {
                    dispatch.emit(Action::OpeningPainted);
                }
            }),
        );
    }
    // A share link in the fragment opens once, after the first render (decompressing is asynchronous).
    {
        let dispatch = dispatch.clone();
        let autosave = state.autosave;
        use_effect_with((), move |_| {
            let fragment = location_hash();
            if is_share_fragment(&fragment) {
                wasm_bindgen_futures::spawn_local(async move {
                    // One fragment format carries worlds, challenges and students' solutions.
                    let action = match share::json_from(&fragment).await {
                        Ok(json) => match document_kind(&json) {
                            DocumentKind::Challenge => {
                                Action::Challenge(ChallengeAction::ReceivedChallenge(json))
                            }
                            DocumentKind::Solution => {
                                Action::Challenge(ChallengeAction::ReceivedSolution(json))
                            }
                            DocumentKind::World | DocumentKind::Unknown => {
                                world_arrived(&json, WorldSource::Link, || {
                                    autosave && persist::keep_as_previous()
                                })
                            }
                        },
                        Err(error) => Action::WorldFailed {
                            source: WorldSource::Link,
                            reason: share::describe(&error),
                        },
                    };
                    dispatch.emit(action);
                });
            }
        });
    }
    use_autosave(&state.sim, state.autosave);
    // Kept while the timeline is the same one (it is read when clicked), for the same reason as `dispatch`.
    let open_share = {
        let dispatch = dispatch.clone();
        let sim = state.sim.clone();
        (*use_memo(state.sim.change_key().0, move |_| {
            Callback::from(move |()| {
                dispatch.emit(Action::ToggledSharePanel);
                let json = sim.timeline().to_json();
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match share::fragment_for(&json).await {
                        Ok(fragment) => {
                            dispatch.emit(Action::MadeShareLink(share::page_url(&fragment)))
                        }
                        Err(error) => dispatch.emit(Action::WorldFailed {
                            source: WorldSource::Link,
                            reason: share::describe(&error),
                        }),
                    }
                });
            })
        }))
        .clone()
    };
    let reduced_motion = use_memo((), |_| prefers_reduced_motion());
    // Frames are requested only while playing with something to show moving (or time to pass), and once the
    // page has rendered and opened: a frame's re-render would otherwise join each part's task.
    let started =
        state.shown == PageParts::Side && !state.opening_pending && !state.opening_lines_pending;
    let animate = started && state.playing && state.speed != Speed::Instant;
    use_animation_frames(animate, dispatch.reform(Action::Ticked));
    use_keyboard_shortcuts(state.playing, dispatch.clone());
    use_language(state.wanted_lang, dispatch.clone());
    // The table view takes the focus when it opens, so a screen reader starts reading it there.
    use_effect_with(state.table_view, |on| {
        if *on {
            table_view::focus(table_view::TITLE_ID);
        }
    });
    use_print(
        state.print_requests,
        state.printout.clone(),
        state.lang,
        dispatch.reform(|()| Action::Printed),
    );
    // The document's language and direction follow the interface's (screen readers, CJK fonts, Arabic's right
    // to left); projector mode scales the root font size, so every rem grows with it.
    use_effect_with((state.lang, state.projector), |(lang, projector)| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
            let _ = root.set_attribute("dir", if lang.is_rtl() { "rtl" } else { "ltr" });
            let _ = root.class_list().toggle_with_force("projector", *projector);
        }
    });
    // Compare mode's cells are built once per change; only its small stages follow every frame.
    let compare_cells = use_memo(
        state.compare.as_ref().map(|c| CellsKey {
            lang: state.lang,
            divergence: c.divergence.clone(),
            acted: c.acted.clone(),
        }),
        |key| key.as_ref().map(compare_cells).unwrap_or_default(),
    );
    let lang = state.lang;
    let sim = state.sim.clone();
    // The tables change only when something happens, not while time merely passes: built once per moment, not on
    // every animation frame (a crowded world has hundreds of rows).
    let tables = {
        let (sim, dispatch) = (sim.clone(), dispatch.clone());
        use_memo(
            (state.table_view, lang, sim.moment_key()),
            move |(on, lang, _)| on.then(|| table_view(*lang, sim.timeline().world(), &dispatch)),
        )
    };
    let (now, pop3_device, sent_lines, sample) = {
        let timeline = sim.timeline();
        let world = timeline.world();
        let pop3 = world
            .devices()
            .iter()
            .find(|d| matches!(d.client, DeviceClient::Pop3 { .. }))
            .map(|d| d.id.clone());
        let sample = sampling::sample(
            world,
            state.playing && state.flooded,
            state.speed.sim_ms_per_wall_ms(),
        );
        let shown_until = sample.map_or(world.now(), |s| s.at);
        let sent_lines = if state.opening_lines_pending {
            0
        } else {
            sampling::sent_lines(world, shown_until)
        };
        (world.now(), pop3, sent_lines, sample)
    };
    // A lesson, challenge or builder takes the terminal's place (and so its phone view).
    let terminal_offered =
        state.lesson.is_none() && state.challenge.is_none() && state.builder.is_none();
    let phone_view = match state.phone_view {
        PhoneView::Terminal if !terminal_offered => PhoneView::Stage,
        view => view,
    };
    // In compare mode the clock is the compared worlds'.
    let now = state.compare.as_ref().map_or(now, |c| c.now);
    html! {
        // Ready (docs/hooks.md): rendered, the world open, and in the language asked for (or told it failed).
        <div class={ classes!("app", state.projector.then_some("projector")) } data-ready={ (started && state.wanted_lang.is_none()).to_string() } data-untranslated={ crate::i18n::untranslated_count().to_string() }>
            { header(&HeaderProps { lang, wanted_lang: state.wanted_lang, projector: state.projector, compare: state.compare.is_some(), table_view: state.table_view, lesson: state.lesson.as_ref().map(|r| r.lesson.id), dispatch: dispatch.clone(), on_share: open_share }) }
            { controls(&ControlsProps { lang, playing: state.playing, speed: state.speed, now, skipped: state.skipped.map(|(span, _)| span), pop3_device, dispatch: dispatch.clone() }) }
            if let Some(error) = state.error.clone() {
                { error_banner(&ErrorBannerProps { lang, error, dispatch: dispatch.clone() }) }
            }
            if let Some(notice) = state.notice.clone() {
                { notice_banner(&NoticeBannerProps { lang, notice, dispatch: dispatch.clone() }) }
            }
            if let Some(compare) = state.compare.as_ref() {
                <main class="workspace compare-mode">
                    { compare_view(&CompareViewProps { lang, divergence: compare.divergence.clone(), cells: (*compare_cells).clone(), captions: compare.captions.clone(), scenes: if state.speed == Speed::Instant { Default::default() } else { compare.scenes() }, reduced_motion: *reduced_motion, dispatch: dispatch.clone() }) }
                </main>
            } else {
            <main class="workspace" data-phone-view={ phone_view.id() }>
                <div class="stage-column">
                    if state.shown >= PageParts::Stage && state.table_view {
                        { (*tables).clone() }
                    } else if state.shown >= PageParts::Stage {
                        <CaptionBar {lang} sim={ sim.clone() } sample={ sample.map(|s| s.staggered(now, CAPTIONS_PHASE)) } />
                        <Topology {lang} sim={ sim.clone() } {sample} reduced_motion={ *reduced_motion } projector={ state.projector } instant={ state.speed == Speed::Instant } dispatch={ dispatch.clone() } />
                    }
                </div>
                <div class={ classes!("side", (state.lesson.is_some() || state.challenge.is_some() || state.builder.is_some() || state.verdict.is_some() || state.reader.is_some()).then_some("with-lesson")) }>
                    if state.shown >= PageParts::Side {
                        if let Some((device, folder, message_id)) = &state.reader {
                            { reader(&ReaderProps { lang, world: sim.timeline().world(), device, folder, message_id, dispatch: &dispatch }) }
                        }
                        if let Some(checked) = state.verdict.clone() {
                            { solution_verdict(&SolutionVerdictProps { lang, verdict: checked.verdict, title: checked.title, dispatch: dispatch.clone() }) }
                        }
                        if let Some(builder) = state.builder.clone() {
                            <ChallengeBuilder {lang} {builder} sim={ sim.clone() } dispatch={ dispatch.clone() } />
                        } else if let Some(run) = state.challenge.clone() {
                            <ChallengePanel {lang} {run} keep_progress={ state.autosave } dispatch={ dispatch.clone() } />
                        }
                        if let Some(run) = state.lesson.clone() {
                            { lesson_panel(&LessonPanelProps { lang, run, dispatch: dispatch.clone() }) }
                        }
                        <TranscriptPanel {lang} sim={ sim.clone() } filter={ state.transcript_device.clone() } {sent_lines} sampled={ sample.is_some() } dispatch={ dispatch.clone() } />
                        if terminal_offered {
                            <Terminal {lang} sim={ sim.clone() } protocol={ state.terminal_protocol } {sent_lines} dispatch={ dispatch.clone() } />
                        }
                    }
                </div>
            </main>
            { phone_views(&PhoneViewsProps { lang, view: phone_view, terminal: terminal_offered, dispatch: dispatch.clone() }) }
            }
            if state.help_open { { help_overlay(&HelpProps { lang, dispatch: dispatch.clone() }) } }
            if state.lessons_open { { lesson_menu(&LessonMenuProps { lang, dispatch: dispatch.clone() }) } }
            if state.challenges_open { <ChallengeMenu {lang} dispatch={ dispatch.clone() } /> }
            if state.compose_open { <Compose {lang} dispatch={ dispatch.clone() } /> }
            if state.share_open {
                { share_panel(&SharePanelProps { lang, sim: sim.clone(), share_url: state.share_url.clone(), autosave: state.autosave, dispatch: dispatch.clone() }) }
            }
        </div>
    }
}

/// When in each flood sample the captions redraw: a quarter of the way, between the transcript (at its start)
/// and the server's list (half way; see the stage for the cards).
const CAPTIONS_PHASE: f64 = 0.25;

/// How many sim steps one task of the opening runs: the default world's opening is about 80 steps, and a
/// step costs a slow phone up to about a millisecond the first time its code runs.
const OPENING_STEPS_PER_TASK: usize = 8;

/// Runs the opening to quiet a slice at a time, each slice in a task of its own, then hands the world on.
fn run_opening(mut opening: Timeline, done: impl FnOnce(Timeline) + 'static) {
    Timeout::new(0, move || {
        if opening.run_toward_idle(OPENING_STEPS_PER_TASK) {
            done(opening);
        } else {
            run_opening(opening, done);
        }
    })
    .forget();
}

fn location_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

fn location_search() -> String {
    gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default()
}

fn prefers_reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Shows a visible error instead of a dead page when anything fails: the release build aborts on a panic
/// without unwinding, so the trap reaches the window as an uncaught error, and so does any script error.
pub fn show_fatal_errors() {
    let window = gloo::utils::window();
    gloo::events::EventListener::new(&window, "error", |_| {
        let document = gloo::utils::document();
        if document
            .query_selector(".fatal-error")
            .ok()
            .flatten()
            .is_some()
        {
            return;
        }
        let lang = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|tag| Lang::from_code(&tag))
            .unwrap_or_default();
        if let Ok(banner) = document.create_element("div") {
            banner.set_class_name("fatal-error");
            let _ = banner.set_attribute("data-testid", "error");
            let _ = banner.set_attribute("role", "alert");
            banner.set_text_content(Some(tr(lang, Text::UnexpectedError)));
            if let Some(body) = document.body() {
                let _ = body.append_child(&banner);
            }
        }
    })
    .forget();
}
