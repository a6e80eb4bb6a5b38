//! The TCP bridge: serves the simulated server's sessions on loopback so that real clients (curl, Python's
//! poplib/imaplib/smtplib, Thunderbird) talk to the same core the page runs. Native only.
//!
//! One thread per connection reads its socket; every session and the store sit behind one mutex. After each
//! input, every session hears that the store may have changed (so IMAP IDLE pushes), and every queued output
//! line is written to its socket.

use crate::sim::mail::Store;
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread;
use std::time::Instant;

/// Makes the server session for a new connection: `(store, session id, now)`.
pub type SessionFactory = fn(&mut Store, u64, SimTime) -> Box<dyn ServerSession + Send>;

struct Connection {
    label: String,
    session: Box<dyn ServerSession + Send>,
    stream: TcpStream,
}

struct Shared {
    store: Store,
    connections: BTreeMap<u64, Connection>,
    next_id: u64,
}

/// A running bridge: the shared store and every open connection.
#[derive(Clone)]
pub struct Bridge {
    shared: Arc<Mutex<Shared>>,
    started: Instant,
    /// Print every wire line to stdout as `pop3#1 C: USER alice`.
    echo: bool,
}

impl Bridge {
    pub fn new(store: Store, echo: bool) -> Self {
        Bridge {
            shared: Arc::new(Mutex::new(Shared {
                store,
                connections: BTreeMap::new(),
                next_id: 1,
            })),
            started: Instant::now(),
            echo,
        }
    }

    /// Sim time on the bridge is wall time since it started: the only place the clock is read.
    fn now(&self) -> SimTime {
        SimTime::from_millis(self.started.elapsed().as_millis() as u64)
    }

    fn lock(&self) -> MutexGuard<'_, Shared> {
        // A panicking connection thread must not take the whole server down with a poisoned lock.
        self.shared
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Runs `f` on the store (for tests and for seeding).
    pub fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        f(&mut self.lock().store)
    }

    /// Binds `addr` and accepts connections on a background thread; returns the bound address.
    pub fn listen(
        &self,
        addr: &str,
        protocol: &'static str,
        factory: SessionFactory,
    ) -> io::Result<SocketAddr> {
        let listener = TcpListener::bind(addr)?;
        let local = listener.local_addr()?;
        let bridge = self.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let bridge = bridge.clone();
                thread::spawn(move || bridge.serve(stream, protocol, factory));
            }
        });
        Ok(local)
    }

    fn serve(&self, stream: TcpStream, protocol: &'static str, factory: SessionFactory) {
        let _ = stream.set_nodelay(true);
        let (Ok(mut reader), Ok(writer)) = (stream.try_clone(), stream.try_clone()) else {
            return;
        };
        let id = {
            let mut shared = self.lock();
            let id = shared.next_id;
            shared.next_id += 1;
            let now = self.now();
            let session = factory(&mut shared.store, id, now);
            let label = format!("{protocol}#{id}");
            shared.connections.insert(
                id,
                Connection {
                    label,
                    session,
                    stream: writer,
                },
            );
            self.flush(&mut shared);
            id
        };
        let mut buf = [0u8; 16 * 1024];
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) | Err(_) => 0,
                Ok(n) => n,
            };
            let mut shared = self.lock();
            let now = self.now();
            let Shared {
                store, connections, ..
            } = &mut *shared;
            let Some(conn) = connections.get_mut(&id) else {
                return;
            };
            if n == 0 {
                conn.session.handle_disconnect(store, now);
                if self.echo {
                    println!("{} -- connection closed by client", conn.label);
                }
                connections.remove(&id);
                self.notify_and_flush(&mut shared);
                return;
            }
            if self.echo {
                for line in String::from_utf8_lossy(&buf[..n]).split_inclusive('\n') {
                    println!("{} C: {}", conn.label, line.trim_end_matches(['\r', '\n']));
                }
            }
            conn.session.handle_input(store, &buf[..n], now);
            self.notify_and_flush(&mut shared);
            if !shared.connections.contains_key(&id) {
                return;
            }
        }
    }

    fn notify_and_flush(&self, shared: &mut Shared) {
        let now = self.now();
        let Shared {
            store, connections, ..
        } = shared;
        for conn in connections.values_mut() {
            conn.session.handle_store_changed(store, now);
        }
        self.flush(shared);
    }

    /// Writes every queued line; closes connections whose session ended or whose socket failed.
    fn flush(&self, shared: &mut Shared) {
        let mut closed = Vec::new();
        for (id, conn) in shared.connections.iter_mut() {
            let mut out = Vec::new();
            while let Some(line) = conn.session.poll_output() {
                if self.echo {
                    println!("{} S: {}", conn.label, line);
                }
                out.extend_from_slice(line.as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            let failed = !out.is_empty() && conn.stream.write_all(&out).is_err();
            if failed || conn.session.is_closed() {
                let _ = conn.stream.shutdown(std::net::Shutdown::Both);
                closed.push(*id);
            }
        }
        for id in closed {
            if let Some(mut conn) = shared.connections.remove(&id) {
                if !conn.session.is_closed() {
                    conn.session
                        .handle_disconnect(&mut shared.store, self.now());
                }
            }
        }
    }
}
