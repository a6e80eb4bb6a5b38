//! The TCP bridge: serves the simulated server's sessions on loopback so that real clients (curl, Python's
//! poplib/imaplib/smtplib, Thunderbird) talk to the same core the page runs. Native only.
//!
//! Each connection has a reader thread and a writer thread. The store and every session sit behind one mutex:
//! the reader hands what arrived to its session under that lock, then every session hears that the store may
//! have changed (so IMAP IDLE pushes) and each session's output is queued to its own writer. Sockets are
//! written only by the writers, outside the lock, so a client that stops reading stalls nobody else.

mod default_world;
mod outbox;

pub use default_world::{
    fresh_uid_validity, serve_default_world, Listening, OptionsError, ServeError, ServeOptions,
};
pub use outbox::MAX_BACKLOG_OCTETS;

use crate::sim::line_reader::{Incoming, LineReader};
use crate::sim::mail::Store;
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;
use outbox::{Outbox, SendError};
use std::collections::BTreeMap;
use std::io::{self, Read};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Instant;

/// Makes the server session for a new connection from `(store, session id, now)`. Any closure will do, so a
/// server with a non-default configuration can be served; this boxed form lets a table hold several.
pub type SessionFactory =
    Box<dyn Fn(&mut Store, u64, SimTime) -> Box<dyn ServerSession + Send> + Send + Sync>;

/// Where the bridge writes the transcript: every wire line as `pop3#1 C: USER alice`, plus `pop3#1 -- ...`
/// lines when a connection opens or ends, in the order they crossed the wire.
pub enum Transcript {
    Off,
    /// Standard output, printed by a thread of its own so a slow reader of stdout never holds the lock.
    Stdout,
    /// A channel, for tests and embedders.
    Channel(Sender<String>),
}

/// `true` prints to stdout, as the example does; `false` is silent.
impl From<bool> for Transcript {
    fn from(print: bool) -> Self {
        if print {
            Transcript::Stdout
        } else {
            Transcript::Off
        }
    }
}

/// How often the timer thread looks for a session timer that fell due; autologout timers last minutes.
const TIMER_TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// Transcript lines never show more than this of one client line; longer ones are summarised by length.
const MAX_TRANSCRIPT_LINE_OCTETS: usize = 4096;

struct Connection {
    label: String,
    session: Box<dyn ServerSession + Send>,
    outbox: Outbox,
    /// Splits the client's bytes into whole lines for the transcript; the session reads the raw bytes itself.
    transcript_lines: LineReader,
}

struct Shared {
    store: Store,
    connections: BTreeMap<u64, Connection>,
    next_id: u64,
}

/// A running bridge: the shared store and every open connection. Clones share them.
#[derive(Clone)]
pub struct Bridge {
    shared: Arc<Mutex<Shared>>,
    started: Instant,
    transcript: Option<Sender<String>>,
}

impl Bridge {
    /// A bridge over `store` that serves nothing yet; call [`listen`](Self::listen) once per protocol.
    pub fn new(store: Store, transcript: impl Into<Transcript>) -> Self {
        let transcript = match transcript.into() {
            Transcript::Off => None,
            Transcript::Channel(sender) => Some(sender),
            Transcript::Stdout => {
                let (sender, lines) = mpsc::channel::<String>();
                thread::spawn(move || {
                    for line in lines {
                        println!("{line}");
                    }
                });
                Some(sender)
            }
        };
        let bridge = Bridge {
            shared: Arc::new(Mutex::new(Shared {
                store,
                connections: BTreeMap::new(),
                next_id: 1,
            })),
            started: Instant::now(),
            transcript,
        };
        bridge.run_timers();
        bridge
    }

    /// Calls each session's `handle_timeout` once its `poll_timeout` falls due (the autologout timers of RFC 1939
    /// §3 and RFC 3501 §5.4), on a thread of its own that ends with the last clone of this bridge.
    fn run_timers(&self) {
        let shared = Arc::downgrade(&self.shared);
        let (started, transcript) = (self.started, self.transcript.clone());
        let _ = thread::Builder::new()
            .name("session timers".to_string())
            .spawn(move || loop {
                thread::sleep(TIMER_TICK);
                let Some(shared) = shared.upgrade() else {
                    return;
                };
                let bridge = Bridge {
                    shared,
                    started,
                    transcript: transcript.clone(),
                };
                bridge.fire_due_timers();
            });
    }

    fn fire_due_timers(&self) {
        let mut shared = self.lock();
        let now = self.now();
        let Shared {
            store, connections, ..
        } = &mut *shared;
        let mut fired = false;
        for conn in connections.values_mut() {
            if conn.session.poll_timeout().is_some_and(|at| at <= now) {
                conn.session.handle_timeout(store, now);
                fired = true;
            }
        }
        if fired {
            self.notify_and_flush(&mut shared);
        }
    }

    /// Runs `f` on the store (for tests and for seeding).
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.lock().store)
    }

    /// Binds `addr` and accepts connections on a background thread, each served by a session from `factory`
    /// and labelled `{protocol}#{id}` in the transcript. Returns the bound address (useful with port 0).
    pub fn listen(
        &self,
        addr: &str,
        protocol: &str,
        factory: impl Fn(&mut Store, u64, SimTime) -> Box<dyn ServerSession + Send> + Send + 'static,
    ) -> io::Result<SocketAddr> {
        let listener = TcpListener::bind(addr)?;
        let local = listener.local_addr()?;
        let bridge = self.clone();
        let protocol = protocol.to_string();
        thread::Builder::new()
            .name(format!("{protocol} accept"))
            .spawn(move || {
                for stream in listener.incoming().flatten() {
                    bridge.accept(stream, &protocol, &factory);
                }
            })?;
        Ok(local)
    }

    /// Sim time on the bridge is wall time since it started; the sessions never read a clock themselves.
    fn now(&self) -> SimTime {
        SimTime::from_millis(self.started.elapsed().as_millis() as u64)
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panicking connection thread must not take the whole server down with a poisoned lock.
        self.shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn record(&self, line: String) {
        if let Some(transcript) = &self.transcript {
            let _ = transcript.send(line);
        }
    }

    fn accept(
        &self,
        stream: TcpStream,
        protocol: &str,
        factory: &dyn Fn(&mut Store, u64, SimTime) -> Box<dyn ServerSession + Send>,
    ) {
        let _ = stream.set_nodelay(true);
        let mut shared = self.lock();
        let id = shared.next_id;
        shared.next_id += 1;
        let label = format!("{protocol}#{id}");
        let (Ok(outbox), Ok(reader)) = (
            Outbox::open(&stream, format!("{label} write")),
            stream.try_clone(),
        ) else {
            return;
        };
        let session = factory(&mut shared.store, id, self.now());
        let peer = stream
            .peer_addr()
            .map_or_else(|_| "?".to_string(), |a| a.to_string());
        self.record(format!("{label} -- connected from {peer}"));
        shared.connections.insert(
            id,
            Connection {
                label: label.clone(),
                session,
                outbox,
                transcript_lines: LineReader::new(),
            },
        );
        let bridge = self.clone();
        let spawned = thread::Builder::new()
            .name(format!("{label} read"))
            .spawn(move || bridge.read_until_closed(id, reader));
        if spawned.is_err() {
            self.disconnect(&mut shared, id, "no thread to read it");
        }
        self.notify_and_flush(&mut shared);
    }

    /// Hands each chunk the client sends to its session until the socket ends or the session is gone.
    fn read_until_closed(&self, id: u64, mut socket: TcpStream) {
        // Runs however this thread ends, a panic included, so the connection never outlives its reader.
        let _hang_up = HangUp { bridge: self, id };
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match socket.read(&mut buf) {
                Ok(0) => return,
                Ok(n) => n,
                Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
                Err(_) => return,
            };
            let mut shared = self.lock();
            let now = self.now();
            let Shared {
                store, connections, ..
            } = &mut *shared;
            // Gone when the server closed the session (QUIT, LOGOUT) and its writer shut the socket.
            let Some(conn) = connections.get_mut(&id) else {
                return;
            };
            conn.transcript_lines.push(&buf[..n]);
            while let Some(incoming) = conn.transcript_lines.next_line(MAX_TRANSCRIPT_LINE_OCTETS) {
                self.record(match incoming {
                    Incoming::Line(line) => {
                        format!("{} C: {}", conn.label, String::from_utf8_lossy(&line))
                    }
                    Incoming::TooLong { octets } => {
                        format!("{} C: [a line of {octets} octets, not shown]", conn.label)
                    }
                });
            }
            conn.session.handle_input(store, &buf[..n], now);
            self.notify_and_flush(&mut shared);
        }
    }

    /// The client went away (or its socket failed): the session hears it once, and the connection is gone.
    fn disconnect(&self, shared: &mut Shared, id: u64, why: &str) {
        if let Some(mut conn) = shared.connections.remove(&id) {
            conn.session
                .handle_disconnect(&mut shared.store, self.now());
            // Dropping the outbox still sends what is queued: a client that only closed its sending half
            // (`printf 'STAT\r\n' | nc`) reads its replies.
            self.record(format!("{} -- {why}", conn.label));
        }
    }

    /// After any input every session may have news (IDLE pushes, EXISTS): tell each, then send what it says.
    fn notify_and_flush(&self, shared: &mut Shared) {
        let now = self.now();
        let Shared {
            store, connections, ..
        } = &mut *shared;
        for conn in connections.values_mut() {
            conn.session.handle_store_changed(store, now);
        }
        let mut failed = Vec::new();
        let mut closed = Vec::new();
        for (id, conn) in connections.iter_mut() {
            let mut out = Vec::new();
            while let Some(text) = conn.session.poll_output() {
                // One output may hold CRLFs of its own (an IMAP literal); the transcript shows each line.
                for line in text.split("\r\n") {
                    self.record(format!("{} S: {line}", conn.label));
                }
                out.extend_from_slice(text.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            let sent = if out.is_empty() {
                Ok(())
            } else {
                conn.outbox.send(out)
            };
            match sent {
                Err(SendError::FellBehind { backlog }) => {
                    failed.push((*id, format!("cut: the client is {backlog} octets behind")))
                }
                Err(SendError::WriterGone) => failed.push((*id, "the socket failed".to_string())),
                Ok(()) if conn.session.is_closed() => closed.push(*id),
                Ok(()) => {}
            }
        }
        for id in closed {
            // Dropping the outbox lets the writer send the last lines, then shut the socket down.
            if let Some(conn) = connections.remove(&id) {
                self.record(format!("{} -- closed by the server", conn.label));
            }
        }
        for (id, why) in failed {
            self.disconnect(shared, id, &why);
        }
    }
}

/// Ends a connection when its reader thread ends, unless the server already closed it.
struct HangUp<'b> {
    bridge: &'b Bridge,
    id: u64,
}

impl Drop for HangUp<'_> {
    fn drop(&mut self) {
        let mut shared = self.bridge.lock();
        if thread::panicking() {
            // The session just panicked: drop it without calling into it again.
            shared.connections.remove(&self.id);
            return;
        }
        self.bridge
            .disconnect(&mut shared, self.id, "closed by the client");
        self.bridge.notify_and_flush(&mut shared);
    }
}
