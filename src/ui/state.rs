//! The page's one state and its reducer (after Yew's function_todomvc). The reducer drives the simulation
//! and nothing else: timers, storage and the URL live in effects.

use super::challenge_mode::{Builder, ChallengeAction, CheckedSolution};
use super::compare_mode::CompareMode;
use super::i18n::Lang;
use super::print_mode::{PrintChoice, Printout};
use super::sampling;
pub use super::sim::Sim;
use super::url::UrlOptions;
use crate::sim::challenge::ChallengeRun;
use crate::sim::device::{ClientSetup, DeviceKind};
use crate::sim::imap::SyncMode;
use crate::sim::lesson::{self, LessonRun};
use crate::sim::session::WireProtocol;
use crate::sim::story::{skip_target, QUIET_BEFORE_SKIP};
use crate::sim::time::SimTime;
use crate::sim::timeline::Timeline;
use crate::sim::transcript::Endpoint;
use crate::sim::world::{Action as SimAction, ActionError, WorldSetup};
use std::rc::Rc;
use yew::Reducible;

/// How fast sim time runs against wall time.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Speed {
    /// Each action runs until idle before the next render (`?speed=instant`).
    Instant,
    /// Sim milliseconds per wall millisecond.
    Factor(f64),
}

impl Speed {
    pub const CHOICES: [Speed; 7] = [
        Speed::Factor(0.25),
        Speed::Factor(0.5),
        Speed::Factor(1.0),
        Speed::Factor(2.0),
        Speed::Factor(4.0),
        Speed::Factor(8.0),
        Speed::Instant,
    ];

    /// How many sim milliseconds pass in a wall millisecond; none at instant speed.
    pub fn sim_ms_per_wall_ms(self) -> Option<f64> {
        match self {
            Speed::Factor(f) => Some(f),
            Speed::Instant => None,
        }
    }

    /// The value of the speed `<select>`'s option, which is also its label (with ×).
    pub fn key(self) -> String {
        let key = match self {
            Speed::Instant => "instant",
            Speed::Factor(f) if f < 0.3 => "0.25",
            Speed::Factor(f) if f < 0.75 => "0.5",
            Speed::Factor(f) if f < 1.5 => "1",
            Speed::Factor(f) if f < 3.0 => "2",
            Speed::Factor(f) if f < 6.0 => "4",
            Speed::Factor(_) => "8",
        };
        key.to_string()
    }

    pub fn from_key(key: &str) -> Option<Speed> {
        Speed::CHOICES.into_iter().find(|s| s.key() == key)
    }

    /// The next faster (`by` > 0) or slower choice.
    pub fn shifted(self, by: i32) -> Speed {
        let i = Speed::CHOICES.iter().position(|s| *s == self).unwrap_or(2) as i32;
        Speed::CHOICES[(i + by).clamp(0, Speed::CHOICES.len() as i32 - 1) as usize]
    }
}

/// A message the page shows in its error area (`data-testid="error"`).
#[derive(Debug, Clone, PartialEq)]
pub enum PageError {
    Refused(ActionError),
    /// `?lesson=ID` named no lesson we have.
    NoSuchLesson(String),
    /// `?challenge=ID` named no built-in challenge.
    NoSuchChallenge(String),
    /// A challenge link, or a challenge's world, could not be opened; the world running stays.
    ChallengeRefused(String),
    /// A language's catalogue could not be fetched or read; the page stays in the language it shows.
    LanguageNotLoaded {
        lang: Lang,
        reason: String,
    },
    /// A share link, a file or the saved world could not become a world; the one running stays.
    WorldNotLoaded {
        source: WorldSource,
        reason: String,
    },
}

/// Where a world came from other than this page's own actions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorldSource {
    Link,
    File,
    /// The world kept in this browser from the last visit.
    Saved,
    /// The saved world a link or file replaced.
    Previous,
}

/// Something the page tells without anything being wrong (`data-testid="notice"`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A world from a link or a file replaced the one shown; `kept_previous`: the saved one was kept.
    OpenedWorld {
        source: WorldSource,
        kept_previous: bool,
    },
}

#[derive(Clone, PartialEq)]
pub struct State {
    /// The language the page shows: English, or one whose catalogue is in.
    pub lang: Lang,
    /// A language chosen whose catalogue is being fetched; the page switches when it arrives.
    pub wanted_lang: Option<Lang>,
    pub projector: bool,
    pub speed: Speed,
    pub playing: bool,
    pub sim: Sim,
    /// Show the transcript of one endpoint only.
    pub transcript_device: Option<Endpoint>,
    pub error: Option<PageError>,
    pub help_open: bool,
    /// The message open in the reader: (device, folder, Message-ID).
    pub reader: Option<(String, String, String)>,
    pub terminal_protocol: WireProtocol,
    /// Messages the page's sender has sent, to vary the next one.
    pub mail_sent: usize,
    /// The lesson being followed, if any.
    pub lesson: Option<LessonRun>,
    pub lessons_open: bool,
    pub notice: Option<Notice>,
    pub share_open: bool,
    pub compose_open: bool,
    /// The link the share panel made of the world as it was when opened.
    pub share_url: Option<String>,
    /// Keep the world in localStorage (off with `?fresh`, which leaves saved state untouched).
    pub autosave: bool,
    /// Compare mode's two worlds, while it is on; the normal world waits untouched meanwhile.
    pub compare: Option<CompareMode>,
    /// The clock just skipped a quiet stretch: how far, and for how many more wall milliseconds to say so.
    pub skipped: Option<(SimTime, f64)>,
    /// Lines pour in faster than anyone reads: the lists are sampled (`sampling`). Kept from tick to tick, so
    /// a flood's lulls do not switch it on and off.
    pub flooded: bool,
    /// The default world's opening (the IDLE phone connects) waits for the first render to be on screen.
    pub opening_pending: bool,
    /// The opened world is on the stage; its opening's lines join the transcript in the next task, so a slow
    /// phone does not build both in one.
    pub opening_lines_pending: bool,
    /// How much of the page has rendered: it comes in parts, each after the last one's paint.
    pub shown: PageParts,
    /// The challenge being played, if any.
    pub challenge: Option<ChallengeRun>,
    pub challenges_open: bool,
    /// What a solution link's replay found.
    pub verdict: Option<CheckedSolution>,
    /// The teacher's challenge builder, while open.
    pub builder: Option<Builder>,
    /// On a phone upright, which of the stage, the transcript and the terminal fills the screen.
    pub phone_view: PhoneView,
    /// The stage shown as tables instead of the animated diagram, for screen readers and the keyboard.
    pub table_view: bool,
    /// The worksheet or answer key to print; none prints the transcript.
    pub printout: Option<Printout>,
    /// Print presses so far: each one asks the page to print once.
    pub print_requests: u32,
}

/// The views a phone's tab bar switches between (wider screens show them side by side).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PhoneView {
    /// The stage, with the lesson or challenge under it.
    #[default]
    Stage,
    Transcript,
    Terminal,
}

impl PhoneView {
    /// `stage`, `transcript`, `terminal`: the hooks' `data-view`.
    pub fn id(self) -> &'static str {
        match self {
            PhoneView::Stage => "stage",
            PhoneView::Transcript => "transcript",
            PhoneView::Terminal => "terminal",
        }
    }
}

/// The parts of the page in the order they first render: the header and controls, then the stage, then the
/// side panels (transcript, terminal, lesson). Creating them all in one task blocked a slow phone for long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PageParts {
    Frame,
    Stage,
    Side,
}

/// How long the page says "10 minutes later" after a skip, in wall milliseconds.
const SKIP_NOTICE_MS: f64 = 3_000.0;

impl State {
    /// The default world of docs/hooks.md, with the URL's options applied.
    pub fn initial(options: &UrlOptions) -> Self {
        let mut state = State {
            lang: Lang::En,
            wanted_lang: options.lang.filter(|lang| *lang != Lang::En),
            projector: false,
            speed: if options.instant {
                Speed::Instant
            } else {
                Speed::Factor(1.0)
            },
            playing: !options.instant,
            sim: Sim::new(Timeline::new(setup_for(options))),
            transcript_device: None,
            error: None,
            help_open: false,
            reader: None,
            terminal_protocol: WireProtocol::Pop3,
            mail_sent: 0,
            lesson: None,
            lessons_open: false,
            notice: None,
            share_open: false,
            compose_open: false,
            share_url: None,
            autosave: !options.fresh,
            compare: None,
            skipped: None,
            flooded: false,
            opening_pending: options.devices.is_none() && options.messages.is_none(),
            opening_lines_pending: false,
            shown: PageParts::Frame,
            challenge: None,
            challenges_open: false,
            verdict: None,
            builder: None,
            phone_view: PhoneView::Stage,
            table_view: false,
            printout: None,
            print_requests: 0,
        };
        if let Some(id) = &options.lesson {
            state.open_lesson(id);
        } else if let Some(id) = &options.challenge {
            state.reduce_challenge(ChallengeAction::OpenedChallenge {
                id: id.clone(),
                seed: options.seed.unwrap_or(0),
            });
        }
        state
    }
}

/// Starts making a fresh free-play world live: its opening actions applied (the IDLE phone connects); the
/// caller runs it until the wire is quiet. Load-test worlds stay untouched.
fn begin_opening(timeline: &mut Timeline) {
    for action in timeline.world().setup().opening_actions() {
        let now = timeline.world().now();
        // The opening actions name the setup's own online devices, so none is refused.
        let _ = timeline.act(action, now);
    }
}

/// The default world, or a larger one for load tests (`?devices=8&messages=500`).
fn setup_for(options: &UrlOptions) -> WorldSetup {
    match (options.devices, options.messages) {
        (None, None) => WorldSetup::default(),
        (devices, messages) => WorldSetup::crowded(devices.unwrap_or(3), messages.unwrap_or(0)),
    }
}

/// What the user did, in the past tense (Elm's habit).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    ChoseLanguage(Lang),
    SwitchedLanguage,
    /// The chosen language's catalogue arrived and is installed (`i18n::install`).
    LoadedLanguage(Lang),
    FailedLanguage {
        lang: Lang,
        reason: String,
    },
    ToggledProjector,
    ChoseSpeed(Speed),
    ChangedSpeedBy(i32),
    PressedPlay,
    PressedPause,
    PressedStep,
    PressedStepBack,
    PressedReset,
    /// The parts of the page rendered so far are painted: the next part renders (see [`PageParts`]).
    PartsPainted,
    /// The default world, opened after the first render (see [`State::opening_world`]).
    WorldOpened(Sim),
    /// The opened world's stage is painted: the transcript shows the opening's lines (see
    /// [`State::opening_lines_pending`]).
    OpeningPainted,
    /// An animation frame passed this many wall milliseconds.
    Ticked(f64),
    /// Clicked a transcript line: the timeline moves to just after it was sent.
    JumpedToMoment(usize),
    /// Anything done to the simulated world: check mail, toggle online, open, delete, ...
    Simulated(SimAction),
    PressedSendMail,
    ToggledCompose,
    /// Sent a mail written in the compose form.
    SentComposedMail {
        from: String,
        subject: String,
        body: String,
    },
    PressedAddDevice,
    FilteredTranscript(Option<Endpoint>),
    ToggledHelp,
    PressedEscape,
    OpenedReader {
        device: String,
        folder: String,
        message_id: String,
    },
    DismissedError,
    ChoseTerminalProtocol(WireProtocol),
    ToggledLessons,
    OpenedLesson(String),
    /// Chose the answer the learner expects, before the reveal.
    PredictedAnswer(usize),
    PressedRunStep,
    PressedNextStep,
    ClosedLesson,
    /// A world arrived from a link, a file or storage, and loaded (see [`world_arrived`]).
    ReceivedWorld {
        sim: Sim,
        source: WorldSource,
        kept_previous: bool,
    },
    /// A link or file failed before it was JSON (damaged, too large, unreadable).
    WorldFailed {
        source: WorldSource,
        reason: String,
    },
    ToggledSharePanel,
    MadeShareLink(String),
    DismissedNotice,
    /// Entered or left compare mode.
    ToggledCompare,
    ChosePhoneView(PhoneView),
    /// Switched between the animated stage and the table view.
    ToggledTableView,
    /// Anything done to a challenge, its verdict or the builder (see [`ChallengeAction`]).
    Challenge(ChallengeAction),
    /// Pressed a print button: a worksheet or answer key of what is open, or the transcript.
    PressedPrint(PrintChoice),
    /// The browser's print dialog closed: the printout is dropped, so a later print shows the transcript.
    Printed,
}

/// The most work one animation frame gives the world (see [`crate::sim::world::World::advance_within`]): a
/// burst, such as five devices each sent a 500-message FETCH reply at one instant, then runs over several
/// frames, the clock slowing for them, rather than in one frame too long to draw.
const WORK_PER_FRAME: usize = 4_000;

/// How far sim time moves in an animation frame of `wall_ms` at `speed`; None at instant speed, which runs
/// until nothing is due instead. The normal world and compare mode's two tick alike.
pub(crate) fn tick_span(speed: Speed, wall_ms: f64) -> Option<SimTime> {
    let f = speed.sim_ms_per_wall_ms()?;
    Some(SimTime::from_millis((wall_ms * f).round().max(0.0) as u64))
}

/// What "Add a device" adds to a world of `count` devices: the next kind in turn, an IMAP client with IDLE.
pub(crate) fn new_device(count: usize) -> SimAction {
    SimAction::AddDevice {
        kind: NEW_DEVICE_KINDS[count % NEW_DEVICE_KINDS.len()],
        client: ClientSetup::imap(SyncMode::PushWithIdle),
    }
}

/// Sample mail the page's "Send a mail" button sends, in turn.
pub(crate) const SAMPLE_MAIL: [(&str, &str, &str); 4] = [
    (
        "Bob Baker <bob@example.net>",
        "Re: Lunch on Friday?",
        "Noon works for me. See you there!\n\nBob",
    ),
    (
        "Carol Chen <carol@school.example>",
        "Quiz on Thursday",
        "Reminder: short quiz on mail protocols on Thursday.\n\nMs Chen",
    ),
    (
        "Grandma <grandma@family.example>",
        "Photos from the garden",
        "The roses are out. Come and see them soon!\n\nLove, Grandma",
    ),
    (
        "Dave's Bikes <shop@bikes.example>",
        "Invoice 2026-117",
        "Thank you for your visit. Your invoice is attached.\n\nDave",
    ),
];

/// Kinds a new device takes, in turn.
pub(crate) const NEW_DEVICE_KINDS: [DeviceKind; 4] = [
    DeviceKind::Desktop,
    DeviceKind::Laptop,
    DeviceKind::Phone,
    DeviceKind::Tablet,
];

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        if next.reduce_in_compare(&action) {
            return Rc::new(next);
        }
        match action {
            // The page shows it once `use_language` has its catalogue (at once if it had it already).
            Action::ChoseLanguage(lang) => next.wanted_lang = Some(lang),
            Action::SwitchedLanguage => {
                // The shortcut goes round all the languages, in the header's order.
                let at = Lang::ALL.iter().position(|l| *l == next.lang).unwrap_or(0);
                next.wanted_lang = Lang::ALL.get((at + 1) % Lang::ALL.len()).copied();
            }
            Action::LoadedLanguage(lang) => {
                if next.wanted_lang == Some(lang) {
                    next.wanted_lang = None;
                    next.lang = lang;
                    if let Some(compare) = next.compare.as_mut() {
                        compare.speak(lang);
                    }
                }
            }
            Action::FailedLanguage { lang, reason } => {
                if next.wanted_lang == Some(lang) {
                    next.wanted_lang = None;
                    next.error = Some(PageError::LanguageNotLoaded { lang, reason });
                }
            }
            Action::ToggledProjector => next.projector = !next.projector,
            Action::ChoseSpeed(speed) => next.set_speed(speed),
            Action::ChangedSpeedBy(by) => next.set_speed(next.speed.shifted(by)),
            Action::PressedPlay => next.playing = true,
            Action::PressedPause => next.playing = false,
            Action::PressedStep => {
                next.playing = false;
                next.sim.change(|t| t.step());
            }
            Action::PressedStepBack => {
                next.playing = false;
                next.sim.change(|t| t.step_back());
            }
            Action::PartsPainted => {
                next.shown = match next.shown {
                    PageParts::Frame => PageParts::Stage,
                    PageParts::Stage | PageParts::Side => PageParts::Side,
                }
            }
            // Still the untouched world the opening was made from: nothing the user did is replaced.
            Action::WorldOpened(opened) => {
                if std::mem::take(&mut next.opening_pending) && next.sim.timeline().log().is_empty()
                {
                    next.sim = opened;
                    next.opening_lines_pending = true;
                }
            }
            Action::OpeningPainted => next.opening_lines_pending = false,
            // In a challenge, Reset starts it again from its own start world.
            Action::PressedReset if next.challenge.is_some() => {
                next.reduce_challenge(ChallengeAction::PressedChallengeReset);
            }
            Action::PressedReset => {
                let alive = next.lesson.is_none();
                next.sim.change(|t| {
                    t.reset();
                    if alive && t.world().setup().generated_messages == 0 {
                        begin_opening(t);
                        t.run_until_idle();
                    }
                });
                next.reader = None;
                next.error = None;
            }
            // A frame requested before a pause may still arrive: paused time stands still.
            Action::Ticked(_) if !next.playing => {}
            Action::Ticked(wall_ms) => {
                match tick_span(next.speed, wall_ms) {
                    None => next.sim.tick(|t| t.run_until_idle()),
                    Some(dt) => {
                        next.sim.tick(|t| {
                            let to = t.world().now().saturating_add(dt);
                            t.advance_within(to, WORK_PER_FRAME)
                        });
                        next.flooded = sampling::still_flooded(
                            next.sim.timeline().world(),
                            next.speed.sim_ms_per_wall_ms().unwrap_or(1.0),
                            next.flooded,
                        );
                        next.skipped = next
                            .skipped
                            .map(|(span, left)| (span, left - wall_ms))
                            .filter(|(_, left)| *left > 0.0);
                        // A quiet stretch passes in one visible jump, never in real minutes of nothing. Not in a
                        // lesson: its steps wait on purpose, and a learner reading must find the world as it was.
                        let skip = if next.lesson.is_some() {
                            None
                        } else {
                            let timeline = next.sim.timeline();
                            skip_target(timeline.world()).map(|to| (timeline.world().now(), to))
                        };
                        if let Some((from, to)) = skip {
                            next.sim.tick(|t| t.advance_to(to));
                            next.skipped = Some((to.saturating_sub(from), SKIP_NOTICE_MS));
                        }
                    }
                }
                next.drive_lesson();
            }
            Action::JumpedToMoment(moment) => {
                next.playing = false;
                next.sim.change(|t| t.jump_to(moment));
            }
            Action::Simulated(sim_action) => next.simulate(sim_action),
            Action::ToggledCompose => next.compose_open = !next.compose_open,
            Action::SentComposedMail {
                from,
                subject,
                body,
            } => {
                next.simulate(SimAction::SendMail {
                    from,
                    subject,
                    body,
                });
                // A refused mail keeps the form open, with what was typed, under the reason.
                next.compose_open = next.error.is_some();
            }
            Action::PressedSendMail => {
                let mail = next.next_sample_mail();
                next.simulate(mail);
            }
            Action::PressedAddDevice => {
                let count = next.sim.timeline().world().devices().len();
                next.simulate(new_device(count));
            }
            Action::FilteredTranscript(device) => next.transcript_device = device,
            Action::ToggledHelp => next.help_open = !next.help_open,
            Action::PressedEscape => {
                next.help_open = false;
                next.lessons_open = false;
                next.share_open = false;
                next.compose_open = false;
                next.reader = None;
                next.error = None;
            }
            Action::OpenedReader {
                device,
                folder,
                message_id,
            } => {
                next.reader = Some((device.clone(), folder.clone(), message_id.clone()));
                next.simulate(SimAction::OpenMessage {
                    device,
                    folder,
                    message_id,
                });
            }
            Action::DismissedError => next.error = None,
            Action::ChoseTerminalProtocol(protocol) => next.terminal_protocol = protocol,
            Action::ToggledLessons => next.lessons_open = !next.lessons_open,
            Action::OpenedLesson(id) => next.open_lesson(&id),
            Action::PredictedAnswer(choice) => {
                if let Some(run) = next.lesson.as_mut() {
                    run.predict(choice);
                }
            }
            Action::PressedRunStep => {
                if let Some(run) = next.lesson.as_mut() {
                    run.run();
                    next.playing = next.speed != Speed::Instant;
                }
                next.drive_lesson();
            }
            Action::PressedNextStep => {
                if let Some(run) = next.lesson.as_mut() {
                    run.next_step();
                }
            }
            Action::ClosedLesson => next.lesson = None,
            Action::ReceivedWorld {
                sim,
                source,
                kept_previous,
            } => next.show_world(sim, source, kept_previous),
            Action::WorldFailed { source, reason } => {
                next.error = Some(PageError::WorldNotLoaded { source, reason })
            }
            Action::ToggledSharePanel => {
                next.share_open = !next.share_open;
                next.share_url = None;
            }
            Action::MadeShareLink(url) => next.share_url = Some(url),
            Action::DismissedNotice => next.notice = None,
            Action::ToggledCompare => next.toggle_compare(),
            Action::ChosePhoneView(view) => next.phone_view = view,
            Action::ToggledTableView => next.table_view = !next.table_view,
            Action::Challenge(challenge_action) => next.reduce_challenge(challenge_action),
            Action::PressedPrint(choice) => next.print(choice),
            Action::Printed => next.printout = None,
        }
        next.follow_challenge();
        Rc::new(next)
    }
}

/// The action for a world's JSON that arrived from a link, a file or storage: loaded here, once (a replay can
/// take a while), so the reducer only shows it; or the reason it cannot be. `keep_previous` runs only for a
/// world that loads, and says whether the saved world it replaces was kept.
pub fn world_arrived(
    json: &str,
    source: WorldSource,
    keep_previous: impl FnOnce() -> bool,
) -> Action {
    match Timeline::from_json(json) {
        Ok(timeline) => Action::ReceivedWorld {
            sim: Sim::new(timeline),
            source,
            kept_previous: keep_previous(),
        },
        Err(e) => Action::WorldFailed {
            source,
            reason: e.to_string(),
        },
    }
}

impl State {
    /// The default world with its opening begun, when it still waits for it: the app runs it to quiet in
    /// tasks of their own after the first paint, and shows it by [`Action::WorldOpened`], so no one task on a
    /// slow phone does it all.
    pub fn opening_world(&self) -> Option<Timeline> {
        if !self.opening_pending {
            return None;
        }
        let mut timeline = Timeline::new(self.sim.timeline().world().setup().clone());
        begin_opening(&mut timeline);
        Some(timeline)
    }

    /// Replaces the world with a saved one, paused where it was saved; a bad one changes nothing and says why.
    pub fn load_world(&mut self, json: &str, source: WorldSource, kept_previous: bool) {
        match Timeline::from_json(json) {
            Ok(timeline) => self.show_world(Sim::new(timeline), source, kept_previous),
            Err(e) => {
                self.error = Some(PageError::WorldNotLoaded {
                    source,
                    reason: e.to_string(),
                })
            }
        }
    }

    /// Shows a loaded world, paused where it was saved.
    fn show_world(&mut self, sim: Sim, source: WorldSource, kept_previous: bool) {
        self.sim = sim;
        self.opening_pending = false;
        self.challenge = None;
        self.builder = None;
        self.verdict = None;
        self.lesson = None;
        self.reader = None;
        self.transcript_device = None;
        self.playing = false;
        self.error = None;
        self.notice = (source != WorldSource::Saved).then_some(Notice::OpenedWorld {
            source,
            kept_previous,
        });
    }

    /// Starts a lesson from its own world; an unknown id leaves the world as it is and says so.
    fn open_lesson(&mut self, id: &str) {
        self.lessons_open = false;
        let Some(lesson) = lesson::find(id) else {
            self.error = Some(PageError::NoSuchLesson(id.to_string()));
            return;
        };
        self.sim = Sim::new(Timeline::new((lesson.setup)()));
        self.opening_pending = false;
        self.challenge = None;
        self.builder = None;
        self.verdict = None;
        self.lesson = Some(LessonRun::new(lesson));
        self.reader = None;
        self.error = None;
        self.transcript_device = None;
        self.playing = self.speed != Speed::Instant;
    }

    /// Moves a running lesson step on: its next action once the wire is quiet, its reveal at the end.
    fn drive_lesson(&mut self) {
        if !self.lesson.as_ref().is_some_and(LessonRun::is_running) {
            return;
        }
        let Some(mut run) = self.lesson.take() else {
            return;
        };
        let instant = self.speed == Speed::Instant;
        let before = self.sim.timeline().world().now();
        // Panels follow the world's moments, which an applied action moves; no extra change to mark.
        let result = self.sim.tick(|t| {
            if instant {
                run.drive_to_end(t)
            } else {
                run.drive(t)
            }
        });
        if let Err(error) = result {
            self.error = Some(PageError::Refused(error));
        }
        // A lesson's wait moved the clock: say how far, as a skip does.
        let jumped = self.sim.timeline().world().now().saturating_sub(before);
        if !instant && jumped >= QUIET_BEFORE_SKIP {
            self.skipped = Some((jumped, SKIP_NOTICE_MS));
        }
        self.lesson = Some(run);
    }

    /// The sample mail "Send a mail" sends next; each press sends the next one in turn.
    pub(crate) fn next_sample_mail(&mut self) -> SimAction {
        let (from, subject, body) = SAMPLE_MAIL[self.mail_sent % SAMPLE_MAIL.len()];
        self.mail_sent += 1;
        SimAction::SendMail {
            from: from.into(),
            subject: subject.into(),
            body: body.into(),
        }
    }

    fn set_speed(&mut self, speed: Speed) {
        self.speed = speed;
        if speed == Speed::Instant {
            self.sim.change(|t| t.run_until_idle());
        }
    }

    /// Applies a world action at the current sim time; a refused one shows its reason and changes nothing.
    fn simulate(&mut self, action: SimAction) {
        let instant = self.speed == Speed::Instant;
        let result = self.sim.change(|t| {
            let now = t.world().now();
            let result = t.act(action, now);
            if instant {
                t.run_until_idle();
            }
            result
        });
        self.error = result.err().map(PageError::Refused);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The state after one action, as the page's reducer leaves it.
    pub(crate) fn reduce(state: State, action: Action) -> State {
        (*Rc::new(state).reduce(action)).clone()
    }

    #[test]
    fn instant_speed_runs_each_action_to_the_end() {
        let state = State::initial(&UrlOptions::parse("?speed=instant"));
        let state = reduce(
            state,
            Action::Simulated(SimAction::CheckMail {
                device: "laptop".into(),
            }),
        );
        let timeline = state.sim.timeline();
        assert!(!timeline.world().lines_in_flight());
        assert!(
            timeline
                .world()
                .store()
                .account("alice")
                .map(|a| a.inbox().exists())
                == Some(0)
        );
    }

    #[test]
    fn a_refused_action_shows_an_error_and_changes_nothing() {
        let state = State::initial(&UrlOptions::parse("?speed=instant"));
        let before = state.sim.timeline().world().moments();
        let state = reduce(
            state,
            Action::Simulated(SimAction::CheckMail {
                device: "toaster".into(),
            }),
        );
        assert!(matches!(
            state.error,
            Some(PageError::Refused(ActionError::NoSuchDevice(_)))
        ));
        assert_eq!(state.sim.timeline().world().moments(), before);
    }

    #[test]
    fn speed_shifts_within_its_choices() {
        assert_eq!(Speed::Factor(1.0).shifted(1), Speed::Factor(2.0));
        assert_eq!(Speed::Factor(0.25).shifted(-1), Speed::Factor(0.25));
        assert_eq!(Speed::Factor(8.0).shifted(5), Speed::Instant);
    }
}
