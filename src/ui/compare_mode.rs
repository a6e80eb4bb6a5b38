//! Compare mode's share of the reducer: while it is on, everything that would change the normal world drives
//! the two compared worlds instead, so leaving compare mode finds the normal world exactly as it was.

use super::i18n::{self, Lang};
use super::state::{new_device, tick_span, Action, Speed, State};
use crate::sim::compare::{setup_of, Acted, Comparison, Divergence, Side};
use crate::sim::story::{captions, scene, Caption, Scene};
use crate::sim::time::SimTime;
use crate::sim::world::{Action as SimAction, WorldSetup};
use std::cell::RefCell;
use std::rc::Rc;

/// The two compared worlds and what the view shows of them.
#[derive(Clone)]
pub struct CompareMode {
    worlds: Rc<RefCell<Comparison>>,
    /// Where both worlds started, for Reset.
    base: Rc<WorldSetup>,
    /// Recomputed only when something happened in either world, not while time merely passes.
    pub divergence: Rc<Divergence>,
    /// What the last action did on each side.
    pub acted: Option<Acted>,
    pub now: SimTime,
    /// Both worlds' moments as of the last divergence.
    moments: (usize, usize),
    /// Each side's story so far (POP3, IMAP), told again only when something happened.
    pub captions: Rc<[Vec<Caption>; 2]>,
    /// The language the captions are told in.
    lang: Lang,
}

/// How many captions each side shows.
const COMPARE_CAPTIONS: usize = 2;

fn told(worlds: &Comparison, lang: Lang) -> [Vec<Caption>; 2] {
    let tongue = i18n::tongue(lang);
    Side::BOTH.map(|side| {
        let world = worlds.side(side).world();
        captions(world, SimTime::ZERO, COMPARE_CAPTIONS, tongue)
    })
}

impl PartialEq for CompareMode {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.worlds, &other.worlds)
            && Rc::ptr_eq(&self.divergence, &other.divergence)
            && self.acted == other.acted
            && self.now == other.now
    }
}

impl CompareMode {
    fn new(base: WorldSetup, lang: Lang) -> Self {
        let worlds = Comparison::new(&base);
        CompareMode {
            captions: Rc::new(told(&worlds, lang)),
            lang,
            divergence: Rc::new(worlds.divergence()),
            now: worlds.now(),
            moments: (0, 0),
            worlds: Rc::new(RefCell::new(worlds)),
            base: Rc::new(base),
            acted: None,
        }
    }

    /// Runs `f` on the worlds, then refreshes the clock and, if anything happened, the divergence.
    fn update(&mut self, f: impl FnOnce(&mut Comparison)) {
        let mut worlds = self.worlds.borrow_mut();
        f(&mut worlds);
        self.now = worlds.now();
        let moments = (
            worlds.side(Side::Pop3).world().moments(),
            worlds.side(Side::Imap).world().moments(),
        );
        if moments != self.moments {
            self.moments = moments;
            self.divergence = Rc::new(worlds.divergence());
            self.captions = Rc::new(told(&worlds, self.lang));
        }
    }

    /// What travels each side's wires now (POP3, IMAP): worked out on every frame, unlike the divergence.
    pub fn scenes(&self) -> [Scene; 2] {
        let worlds = self.worlds.borrow();
        Side::BOTH.map(|side| scene(worlds.side(side).world()))
    }

    /// Tells the captions again in another language.
    pub(super) fn speak(&mut self, lang: Lang) {
        self.lang = lang;
        self.captions = Rc::new(told(&self.worlds.borrow(), lang));
    }

    /// At instant speed, what is due happens now, as in the normal world.
    fn catch_up(&mut self, speed: Speed) {
        if speed == Speed::Instant {
            self.update(Comparison::run_until_idle);
        }
    }

    fn act(&mut self, action: SimAction, instant: bool) {
        let mut acted = None;
        self.update(|worlds| {
            acted = Some(worlds.act(&action, worlds.now()));
            if instant {
                worlds.run_until_idle();
            }
        });
        self.acted = acted;
    }
}

impl State {
    /// Enters compare mode from the world as it stands (its devices, its starting mail), or leaves it.
    pub(super) fn toggle_compare(&mut self) {
        self.compare = match self.compare {
            Some(_) => None,
            None => Some(CompareMode::new(
                setup_of(self.sim.timeline().world()),
                self.lang,
            )),
        };
        self.error = None;
        self.reader = None;
    }

    /// Handles `action` in compare mode; false for actions that do not touch a world (the normal reducer
    /// takes those). Stepping back and jumping are off here: the two worlds' moments do not line up.
    pub(super) fn reduce_in_compare(&mut self, action: &Action) -> bool {
        let instant = self.speed == Speed::Instant;
        let Some(compare) = self.compare.as_mut() else {
            return false;
        };
        match action {
            // A frame requested before a pause may still arrive: paused time stands still.
            Action::Ticked(_) if !self.playing => {}
            Action::Ticked(wall_ms) => {
                compare.update(|worlds| match tick_span(self.speed, *wall_ms) {
                    None => worlds.run_until_idle(),
                    Some(dt) => worlds.advance_to(worlds.now().saturating_add(dt)),
                })
            }
            Action::Simulated(sim_action) => compare.act(sim_action.clone(), instant),
            Action::PressedSendMail => {
                let mail = self.next_sample_mail();
                if let Some(compare) = self.compare.as_mut() {
                    compare.act(mail, instant);
                }
            }
            Action::SentComposedMail {
                from,
                subject,
                body,
            } => {
                let mail = SimAction::SendMail {
                    from: from.clone(),
                    subject: subject.clone(),
                    body: body.clone(),
                };
                compare.act(mail, instant);
                // As in the normal world, a mail refused (here on both sides) keeps the form open.
                self.compose_open = compare
                    .acted
                    .as_ref()
                    .is_some_and(|a| a.pop3.is_err() && a.imap.is_err());
            }
            Action::PressedAddDevice => {
                // Each world gives the new device its own protocol (see `Side::action_for`).
                let count = compare.divergence.pop3.devices.len();
                compare.act(new_device(count), instant);
            }
            Action::PressedStep => {
                self.playing = false;
                compare.update(|worlds| {
                    worlds.step();
                });
            }
            Action::PressedReset => {
                *compare = CompareMode::new((*compare.base).clone(), compare.lang)
            }
            Action::ChoseSpeed(speed) => {
                self.speed = *speed;
                compare.catch_up(self.speed);
            }
            Action::ChangedSpeedBy(by) => {
                self.speed = self.speed.shifted(*by);
                compare.catch_up(self.speed);
            }
            Action::PressedStepBack
            | Action::JumpedToMoment(_)
            | Action::OpenedReader { .. }
            | Action::PressedRunStep => {}
            // The waiting normal world opens as it would have; compare mode's worlds are their own.
            Action::PartsPainted | Action::WorldOpened(_) | Action::OpeningPainted => return false,
            // A challenge that puts its own world on the stage ends compare mode itself (`show_challenge_world`).
            Action::Challenge(_) => return false,
            Action::OpenedLesson(_) | Action::ReceivedWorld { .. } => {
                // A lesson or a loaded world replaces the normal one: compare mode ends, the normal reducer goes on.
                self.compare = None;
                return false;
            }
            // The page around the worlds: the normal reducer handles these, and none of them touches a world.
            Action::ChoseLanguage(_)
            | Action::SwitchedLanguage
            | Action::LoadedLanguage(_)
            | Action::FailedLanguage { .. }
            | Action::ToggledProjector
            | Action::PressedPlay
            | Action::PressedPause
            | Action::ToggledCompose
            | Action::FilteredTranscript(_)
            | Action::ToggledHelp
            | Action::PressedEscape
            | Action::DismissedError
            | Action::ChoseTerminalProtocol(_)
            | Action::ToggledLessons
            | Action::PredictedAnswer(_)
            | Action::PressedNextStep
            | Action::ClosedLesson
            | Action::WorldFailed { .. }
            | Action::ToggledSharePanel
            | Action::MadeShareLink(_)
            | Action::DismissedNotice
            | Action::ToggledTableView
            | Action::PressedPrint(_)
            | Action::Printed
            | Action::ToggledCompare
            | Action::ChosePhoneView(_) => return false,
        }
        self.error = None;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::compare::Cell;
    use crate::ui::state::tests::reduce;
    use crate::ui::url::UrlOptions;

    fn check_mail(device: &str) -> Action {
        Action::Simulated(SimAction::CheckMail {
            device: device.into(),
        })
    }

    #[test]
    fn compare_mode_drives_both_worlds_and_leaves_the_normal_one_untouched() {
        let mut state = State::initial(&UrlOptions::parse("?speed=instant"));
        state = reduce(state, check_mail("phone"));
        let before = state.sim.timeline().to_json();
        state = reduce(state, Action::ToggledCompare);
        for action in [
            check_mail("laptop"),
            check_mail("phone"),
            Action::PressedSendMail,
            Action::Simulated(SimAction::WarpDays { days: 1 }),
            Action::PressedStep,
            Action::PressedStepBack,
            Action::ChoseSpeed(Speed::Factor(2.0)),
            Action::Ticked(500.0),
            Action::ChoseSpeed(Speed::Instant),
        ] {
            state = reduce(state, action);
        }
        let compare = state.compare.clone().expect("in compare mode");
        // POP3: the laptop took the first three; only the mail sent since waits on the server.
        assert_eq!(compare.divergence.pop3.server.messages, 1);
        assert_eq!(compare.divergence.imap.server.messages, 4);
        assert!(compare.divergence.differs(&Cell::Device("phone".into())));
        assert!(compare.now >= SimTime::from_minutes(24 * 60));
        state = reduce(state, Action::ToggledCompare);
        assert!(state.compare.is_none());
        assert_eq!(state.sim.timeline().to_json(), before);
    }

    #[test]
    fn a_mail_composed_in_compare_mode_goes_to_both_compared_worlds_only() {
        let mut state = State::initial(&UrlOptions::parse("?speed=instant"));
        let before = state.sim.timeline().to_json();
        state = reduce(state, Action::ToggledCompare);
        state = reduce(state, Action::ToggledCompose);
        state = reduce(
            state,
            Action::SentComposedMail {
                from: "bob@example.net".into(),
                subject: "Compared".into(),
                body: "Hello both".into(),
            },
        );
        let compare = state.compare.clone().expect("in compare mode");
        assert_eq!(compare.divergence.pop3.server.messages, 4);
        assert_eq!(compare.divergence.imap.server.messages, 4);
        assert!(!state.compose_open, "the form closes once sent");
        assert_eq!(
            state.sim.timeline().to_json(),
            before,
            "the hidden world got nothing"
        );
    }

    #[test]
    fn a_refusal_on_one_side_is_kept_for_that_side_only() {
        let mut state = State::initial(&UrlOptions::parse("?speed=instant"));
        state = reduce(state, Action::ToggledCompare);
        state = reduce(
            state,
            Action::Simulated(SimAction::InjectFault {
                fault: crate::sim::world::Fault::UidlStateLost {
                    device: "laptop".into(),
                },
            }),
        );
        let acted = state.compare.as_ref().and_then(|c| c.acted.clone());
        let acted = acted.expect("the action was recorded");
        assert_eq!(acted.pop3, Ok(()));
        assert!(acted.imap.is_err());
        assert!(state.error.is_none());
    }

    #[test]
    fn while_time_passes_both_scenes_carry_the_checked_mail_and_the_divergence_stays() {
        let mut state = State::initial(&UrlOptions::parse("?fresh"));
        state = reduce(state, Action::ToggledCompare);
        state = reduce(state, check_mail("laptop"));
        let mut carried = [false, false];
        let mut divergences = Vec::new();
        for _ in 0..600 {
            state = reduce(state, Action::Ticked(16.0));
            let compare = state.compare.as_ref().expect("in compare mode");
            for (seen, scene) in carried.iter_mut().zip(compare.scenes()) {
                *seen |= scene
                    .mail
                    .iter()
                    .any(|t| t.from == "server" && t.to == "laptop");
            }
            if !divergences
                .iter()
                .any(|d| Rc::ptr_eq(d, &compare.divergence))
            {
                divergences.push(compare.divergence.clone());
            }
        }
        assert_eq!(carried, [true, true], "a card travelled on each side");
        assert!(
            divergences.len() < 150,
            "worked out per change, not per frame: {}",
            divergences.len()
        );
    }
}
