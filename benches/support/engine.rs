//! The engine workloads timed natively (benches/engine.rs) and in headless Chromium (tests/wasm_engine.rs). Both
//! include this one file, so the wasm/native ratio compares identical work measured the same way; the caller
//! passes the clock (`Instant` natively, `performance.now()` in the browser) because the core has none.

use mailroom::sim::harness::{drain, exchange};
use mailroom::sim::imap::ImapServer;
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::{Pop3Server, Pop3ServerConfig};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;
use mailroom::sim::world::{Action, World, WorldSetup};
use std::hint::black_box;

/// Messages in the POP3 and IMAP workloads, as in the criterion benches.
pub const MESSAGES: usize = 10_000;
/// Messages in the world workload: 1,000 keeps a wasm run near a second.
pub const WORLD_MESSAGES: u32 = 1_000;
/// Timed runs per workload, after one untimed warm-up run.
pub const RUNS: usize = 7;

/// One workload's figures, in milliseconds.
#[derive(Debug, Clone)]
pub struct Timing {
    pub id: &'static str,
    pub what: &'static str,
    pub median_ms: f64,
    pub min_ms: f64,
    pub runs: usize,
}

impl Timing {
    /// One JSON object per line, the form scripts/bench reads from both sides.
    pub fn to_json_line(&self) -> String {
        format!(
            "ENGINE_BENCH {{\"id\":\"{}\",\"what\":\"{}\",\"median_ms\":{:.3},\"min_ms\":{:.3},\"runs\":{}}}",
            self.id, self.what, self.median_ms, self.min_ms, self.runs
        )
    }
}

/// Times `work` on a fresh input from `setup` (untimed), `RUNS` times after one warm-up.
fn measure<T, R>(
    id: &'static str,
    what: &'static str,
    clock: &dyn Fn() -> f64,
    setup: impl Fn() -> T,
    work: impl Fn(T) -> R,
) -> Timing {
    black_box(work(setup()));
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let input = setup();
            let start = clock();
            black_box(work(input));
            clock() - start
        })
        .collect();
    times.sort_by(f64::total_cmp);
    Timing {
        id,
        what,
        median_ms: times[times.len() / 2],
        min_ms: times[0],
        runs: RUNS,
    }
}

/// Alice's default three messages and `MESSAGES - 3` generated ones.
pub fn pop3_store() -> Store {
    let mut store = Store::default_world();
    store
        .seed_generated("alice@example.org", MESSAGES - 3, SimTime::from_days(1))
        .expect("alice exists");
    store
}

/// One POP3 session: USER, PASS, UIDL, RETR of every message, QUIT; returns the lines the server said.
pub fn pop3_session(mut store: Store) -> usize {
    let mut server = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
    server.handle_input(
        &mut store,
        b"USER alice\r\nPASS wonderland\r\nUIDL\r\n",
        SimTime::ZERO,
    );
    let mut lines = drain(&mut server).len();
    for n in 1..=MESSAGES {
        server.handle_input(
            &mut store,
            format!("RETR {n}\r\n").as_bytes(),
            SimTime::ZERO,
        );
        while let Some(line) = server.poll_output() {
            black_box(&line);
            lines += 1;
        }
    }
    server.handle_input(&mut store, b"QUIT\r\n", SimTime::ZERO);
    lines + drain(&mut server).len()
}

/// An IMAP server with INBOX selected over `MESSAGES` messages.
pub fn imap_selected() -> (ImapServer, Store) {
    let mut store = pop3_store();
    let mut server = ImapServer::new(1, SimTime::ZERO);
    drain(&mut server);
    exchange(
        &mut server,
        &mut store,
        "a LOGIN alice wonderland",
        SimTime::ZERO,
    );
    exchange(&mut server, &mut store, "b SELECT INBOX", SimTime::ZERO);
    (server, store)
}

/// A device's flag resync: one FETCH of every message's UID, flags and size.
pub fn imap_resync((mut server, mut store): (ImapServer, Store)) -> usize {
    let lines = exchange(
        &mut server,
        &mut store,
        "c FETCH 1:* (UID FLAGS RFC822.SIZE)",
        SimTime::ZERO,
    );
    assert_eq!(lines.len(), MESSAGES + 1);
    lines.len()
}

/// Every device checks mail once and the world runs until idle; returns the transcript's length.
pub fn world_round(mut world: World) -> usize {
    let ids: Vec<String> = world.devices().iter().map(|d| d.id.clone()).collect();
    for id in ids {
        let now = world.now();
        world
            .handle_action(Action::CheckMail { device: id }, now)
            .expect("online");
    }
    world.run_until_idle();
    world.transcript().len()
}

/// Runs every workload with `clock` (milliseconds) and returns their timings.
pub fn run_all(clock: &dyn Fn() -> f64) -> Vec<Timing> {
    vec![
        measure(
            "pop3_session",
            "POP3 session, UIDL + RETR of 10,000 messages",
            clock,
            pop3_store,
            pop3_session,
        ),
        measure(
            "imap_resync",
            "IMAP FETCH 1:* (UID FLAGS RFC822.SIZE) of 10,000 messages",
            clock,
            imap_selected,
            imap_resync,
        ),
        measure(
            "world_round",
            "world: 8 devices, 1,000 messages, one round of checks",
            clock,
            || World::new(WorldSetup::crowded(8, WORLD_MESSAGES - 3)),
            world_round,
        ),
    ]
}
