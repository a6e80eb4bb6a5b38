//! The world: one server (the store and its SMTP, POP3 and IMAP sessions), the devices, the outside sender,
//! the links between them, and a queue of what happens next. Pure and deterministic: the same setup and the
//! same actions at the same sim times give a byte-identical transcript.
//!
//! Inputs are `handle_action(action, now)`, `step()`, `advance_to(t)`; outputs are the read-only views
//! (`events()`, `store()`, `devices()`, `transcript()`).

mod actions;
mod events;
mod setup;
mod tap;
mod wire;

pub use crate::sim::transcript::Endpoint;
pub use actions::{Action, ActionError};
pub use events::{ChangeKind, Fault, RemovalCause, TimedEvent, WorldEvent};
pub use setup::{
    valid_device_id, SetupError, WorldSetup, DEFAULT_LATENCY, MAX_DEVICES, MAX_GENERATED_MESSAGES,
};
pub use tap::{announcement, may_change_store, requested_change, Announcement};
pub use wire::SENDER_LATENCY;

use crate::sim::device::{Device, DeviceClient};
use crate::sim::imap::client::Connection as ImapConnection;
use crate::sim::mail::Store;
use crate::sim::session::Direction;
use crate::sim::sorted::SortedMap;
use crate::sim::time::SimTime;
use crate::sim::transcript::TranscriptEntry;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use wire::Connection;

/// The account every device reads (docs/hooks.md).
pub const LOGIN: &str = "alice";
pub const PASSWORD: &str = "wonderland";
pub const ADDRESS: &str = "alice@example.org";

/// A limit on steps in one `run_until_idle`, so a bug can never hang the page.
const MAX_STEPS_PER_RUN: usize = 1_000_000;

/// Something scheduled to happen at a sim time; ties keep the order they were scheduled in.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Scheduled {
    at: SimTime,
    seq: u64,
    what: Happening,
}

impl Ord for Scheduled {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.at, self.seq).cmp(&(other.at, other.seq))
    }
}

impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Happening {
    /// A line reaches the other end of its connection.
    LineArrived {
        connection: u64,
        direction: Direction,
        entry: usize,
    },
    /// The phantom POP3 session of the `MaildropLocked` fault lets go.
    MaildropLockReleased,
}

pub struct World {
    setup: WorldSetup,
    now: SimTime,
    store: Store,
    devices: Vec<Device>,
    connections: SortedMap<u64, Connection>,
    next_connection: u64,
    queue: BinaryHeap<Reverse<Scheduled>>,
    next_seq: u64,
    transcript: Vec<TranscriptEntry>,
    events: Vec<TimedEvent>,
    /// Actions applied plus happenings processed: a position on the timeline.
    moments: usize,
    /// The fault injector's state (SplitMix64), seeded from the setup.
    rng: u64,
    /// Messages the outside sender has sent, for their Message-IDs.
    mail_sent: u32,
}

/// Whose timer falls due next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timer {
    /// A device's IMAP client (index into `devices`): poll or re-IDLE.
    Device(usize),
    /// A server session's autologout (connection id).
    Server(u64),
}

/// The session id of the phantom POP3 client that holds the maildrop in the `MaildropLocked` fault.
const PHANTOM_SESSION: u64 = u64::MAX;

impl World {
    /// Builds the world a setup describes, at sim time zero. The setup must be valid ([`WorldSetup::validate`]).
    pub fn new(setup: WorldSetup) -> Self {
        let mut store = Store::default_world();
        if setup.generated_messages > 0 {
            let start = SimTime::from_minutes(30);
            // The default account exists and has no quota yet, so seeding cannot fail.
            let _ = store.seed_generated(ADDRESS, setup.generated_messages as usize, start);
        }
        if let Some(account) = store.account_mut(LOGIN) {
            account.quota_bytes = setup.quota_bytes;
        }
        let devices = setup
            .devices
            .iter()
            .map(|d| Device::from_setup(d, LOGIN, PASSWORD))
            .collect();
        World {
            rng: setup.seed ^ 0x9E37_79B9_7F4A_7C15,
            setup,
            now: SimTime::ZERO,
            store,
            devices,
            connections: SortedMap::new(),
            next_connection: 1,
            queue: BinaryHeap::new(),
            next_seq: 0,
            transcript: Vec::new(),
            events: Vec::new(),
            moments: 0,
            mail_sent: 0,
        }
    }

    pub fn setup(&self) -> &WorldSetup {
        &self.setup
    }
    pub fn now(&self) -> SimTime {
        self.now
    }
    pub fn store(&self) -> &Store {
        &self.store
    }
    pub fn devices(&self) -> &[Device] {
        &self.devices
    }
    pub fn device(&self, id: &str) -> Option<&Device> {
        self.devices.iter().find(|d| d.id == id)
    }
    pub fn transcript(&self) -> &[TranscriptEntry] {
        &self.transcript
    }
    pub fn events(&self) -> &[TimedEvent] {
        &self.events
    }
    /// Actions applied plus happenings processed so far.
    pub fn moments(&self) -> usize {
        self.moments
    }

    fn emit(&mut self, event: WorldEvent) {
        self.events.push(TimedEvent {
            at: self.now,
            event,
        });
    }

    fn schedule(&mut self, at: SimTime, what: Happening) {
        self.queue.push(Reverse(Scheduled {
            at,
            seq: self.next_seq,
            what,
        }));
        self.next_seq += 1;
    }

    /// True while any line is on the wire.
    pub fn lines_in_flight(&self) -> bool {
        self.queue
            .iter()
            .any(|Reverse(s)| matches!(s.what, Happening::LineArrived { .. }))
    }

    /// The earliest timer: a device's or a server session's; a device's goes first at the same time.
    fn next_timer(&self) -> Option<(SimTime, Timer)> {
        let device = self
            .next_device_timer()
            .map(|(at, i)| (at, Timer::Device(i)));
        let server = self
            .connections
            .iter()
            .filter_map(|(id, c)| Some((c.server.poll_timeout()?.max(self.now), *id)))
            .min()
            .map(|(at, id)| (at, Timer::Server(id)));
        match (device, server) {
            (Some(d), Some(s)) => Some(if s.0 < d.0 { s } else { d }),
            (d, s) => d.or(s),
        }
    }

    /// The earliest device timer: an IMAP client that wants to poll (while not connected) or to re-IDLE
    /// (while idling). Offline devices wait; a timer that fell due meanwhile fires as soon as they are back.
    fn next_device_timer(&self) -> Option<(SimTime, usize)> {
        self.devices
            .iter()
            .enumerate()
            .filter(|(_, d)| d.online)
            .filter_map(|(i, d)| match &d.client {
                DeviceClient::Imap(client) => {
                    let idling = client.connection() == ImapConnection::Idling;
                    if d.connection.is_some() && !idling {
                        return None;
                    }
                    Some((client.poll_timeout()?.max(self.now), i))
                }
                DeviceClient::Pop3 { .. } => None,
            })
            .min()
    }

    /// When the next thing happens, if anything is due at all.
    pub fn next_event_time(&self) -> Option<SimTime> {
        let line = self.queue.peek().map(|Reverse(s)| s.at);
        let timer = self.next_timer().map(|(at, _)| at);
        match (line, timer) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Processes the next happening (a line arriving, a timer firing), moving the clock to it. False if none.
    pub fn step(&mut self) -> bool {
        let line_at = self.queue.peek().map(|Reverse(s)| s.at);
        let timer = self.next_timer();
        match (line_at, timer) {
            (Some(l), Some((t, _))) if l <= t => self.process_scheduled(),
            (Some(_), None) => self.process_scheduled(),
            (_, Some((t, timer))) => {
                self.now = self.now.max(t);
                match timer {
                    Timer::Device(index) => self.fire_timer(index),
                    Timer::Server(connection) => self.fire_server_timer(connection),
                }
            }
            (None, None) => return false,
        }
        self.moments += 1;
        true
    }

    fn process_scheduled(&mut self) {
        let Some(Reverse(next)) = self.queue.pop() else {
            return;
        };
        self.now = self.now.max(next.at);
        match next.what {
            Happening::LineArrived {
                connection,
                direction,
                entry,
            } => self.deliver_line(connection, direction, entry),
            Happening::MaildropLockReleased => {
                if let Some(account) = self.store.account_mut(LOGIN) {
                    if account.pop3_lock == Some(PHANTOM_SESSION) {
                        account.pop3_lock = None;
                    }
                }
                self.emit(WorldEvent::MaildropLockReleased);
            }
        }
    }

    fn fire_timer(&mut self, index: usize) {
        let now = self.now;
        let wants_connection = match &mut self.devices[index].client {
            DeviceClient::Imap(client) => client.handle_timeout(now),
            DeviceClient::Pop3 { .. } => false,
        };
        if wants_connection && self.devices[index].connection.is_none() {
            self.connect_device(index);
        } else if let Some(connection) = self.devices[index].connection {
            // Re-IDLE: the client queued DONE (RFC 2177 §3).
            self.pump_client(connection);
        }
    }

    /// Processes everything due up to `t`, then sets the clock to `t`.
    pub fn advance_to(&mut self, t: SimTime) {
        self.advance_within(t, usize::MAX);
    }

    /// [`World::advance_to`] with at most `budget` units of work: a step is one, and each line it writes one
    /// more (a 500-message FETCH reply writes thousands at once). Once spent, the clock stays at the last
    /// happening processed, so a caller drawing frames spreads a burst over several of them; true if it reached `t`.
    pub fn advance_within(&mut self, t: SimTime, budget: usize) -> bool {
        let lines_before = self.transcript.len();
        let mut steps = 0usize;
        while self.next_event_time().is_some_and(|at| at <= t) {
            if steps + self.transcript.len().saturating_sub(lines_before) >= budget {
                return false;
            }
            if !self.step() {
                break;
            }
            steps += 1;
        }
        self.now = self.now.max(t);
        true
    }

    /// Runs until no line is on the wire and no timer is due now: what `?speed=instant` shows after an action.
    pub fn run_until_idle(&mut self) -> usize {
        let mut steps = 0;
        while steps < MAX_STEPS_PER_RUN && self.step_if_due() {
            steps += 1;
        }
        steps
    }

    /// At most `max_steps` of [`World::run_until_idle`], so a caller can spread a run over several tasks;
    /// true once nothing is due.
    pub fn run_toward_idle(&mut self, max_steps: usize) -> bool {
        for _ in 0..max_steps {
            if !self.step_if_due() {
                return true;
            }
        }
        false
    }

    /// One step, if a line is on the wire or a timer is due now.
    fn step_if_due(&mut self) -> bool {
        let due = self.lines_in_flight() || self.next_timer().is_some_and(|(at, _)| at <= self.now);
        due && self.step()
    }

    /// True while the device's IMAP client sits in IDLE (the server may push at any time).
    pub fn is_idling(&self, device: &str) -> bool {
        self.device(device).is_some_and(|d| match &d.client {
            DeviceClient::Imap(client) => client.connection() == ImapConnection::Idling,
            DeviceClient::Pop3 { .. } => false,
        })
    }

    /// The next pseudo-random number of the fault injector (SplitMix64).
    fn next_random(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}
