//! The page's one state and its reducer (after Yew's function_todomvc). The reducer is pure: timers,
//! storage and the URL live in effects.

use super::i18n::Lang;
use super::url::UrlOptions;
use crate::sim::device::{DeviceKind, Protocol};
use crate::sim::mail::Store;
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

    /// The value of the speed `<select>`'s option.
    pub fn key(self) -> String {
        match self {
            Speed::Instant => "instant".to_string(),
            Speed::Factor(f) => format!("{f}"),
        }
    }

    pub fn from_key(key: &str) -> Option<Speed> {
        Speed::CHOICES.into_iter().find(|s| s.key() == key)
    }
}

/// A device as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeviceCard {
    pub id: String,
    pub kind: DeviceKind,
    pub protocol: Protocol,
    pub online: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    pub lang: Lang,
    pub projector: bool,
    pub speed: Speed,
    pub playing: bool,
    pub store: Rc<Store>,
    pub devices: Rc<Vec<DeviceCard>>,
    /// Show the transcript of one device only.
    pub transcript_device: Option<String>,
}

impl State {
    /// The default world of TEST-HOOKS.md, with the URL's options applied.
    pub fn initial(options: &UrlOptions) -> Self {
        let device = |id: &str, kind, protocol| DeviceCard {
            id: id.to_string(),
            kind,
            protocol,
            online: true,
        };
        State {
            lang: options.lang.unwrap_or_default(),
            projector: false,
            speed: if options.instant {
                Speed::Instant
            } else {
                Speed::Factor(1.0)
            },
            playing: false,
            store: Rc::new(Store::default_world()),
            devices: Rc::new(vec![
                device("laptop", DeviceKind::Laptop, Protocol::Pop3),
                device("phone", DeviceKind::Phone, Protocol::Imap),
                device("tablet", DeviceKind::Tablet, Protocol::Imap),
            ]),
            transcript_device: None,
        }
    }
}

/// What the user did, in the past tense (Elm's habit).
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    ChoseLanguage(Lang),
    ToggledProjector,
    ChoseSpeed(Speed),
    PressedPlay,
    PressedPause,
    PressedStep,
    PressedStepBack,
    PressedReset,
    PressedSendMail,
    PressedAddDevice,
    PressedCheckMail(String),
    ToggledOnline(String),
    FilteredTranscript(Option<String>),
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::ChoseLanguage(lang) => next.lang = lang,
            Action::ToggledProjector => next.projector = !next.projector,
            Action::ChoseSpeed(speed) => next.speed = speed,
            Action::PressedPlay => next.playing = true,
            Action::PressedPause => next.playing = false,
            Action::ToggledOnline(id) => {
                let devices = Rc::make_mut(&mut next.devices);
                if let Some(d) = devices.iter_mut().find(|d| d.id == id) {
                    d.online = !d.online;
                }
            }
            Action::FilteredTranscript(device) => next.transcript_device = device,
            // The simulation engine (the world) is not wired to the page yet.
            Action::PressedStep
            | Action::PressedStepBack
            | Action::PressedReset
            | Action::PressedSendMail
            | Action::PressedAddDevice
            | Action::PressedCheckMail(_) => return self,
        }
        Rc::new(next)
    }
}
