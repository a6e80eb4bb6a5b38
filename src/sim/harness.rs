//! An in-memory connection between one client session and one server session, driven until idle (as
//! quinn-proto's tests drive a pair). Tests and benches use it (feature `testing`); it records the transcript.

use crate::sim::mail::Store;
use crate::sim::session::{ClientSession, Direction, ServerSession};
use crate::sim::time::SimTime;

/// One wire line as the transcript shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireLine {
    pub direction: Direction,
    pub text: String,
}

impl std::fmt::Display for WireLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.direction.prefix(), self.text)
    }
}

/// A client and a server joined by a lossless, instant wire.
pub struct Pair<C: ClientSession, S: ServerSession> {
    pub client: C,
    pub server: S,
    pub transcript: Vec<WireLine>,
    pub events: Vec<C::Event>,
}

impl<C: ClientSession, S: ServerSession> Pair<C, S> {
    pub fn new(client: C, server: S) -> Self {
        Pair {
            client,
            server,
            transcript: Vec::new(),
            events: Vec::new(),
        }
    }

    /// Moves lines both ways until neither side has anything more to say; returns how many lines moved.
    pub fn run_until_idle(&mut self, store: &mut Store, now: SimTime) -> usize {
        let mut moved = 0;
        loop {
            let mut progressed = false;
            while let Some(line) = self.server.poll_output() {
                self.transcript.push(WireLine {
                    direction: Direction::ServerToClient,
                    text: line.clone(),
                });
                self.client.handle_line(&line, now);
                progressed = true;
                moved += 1;
            }
            while let Some(event) = self.client.poll_event() {
                self.events.push(event);
            }
            if let Some(text) = self.client.poll_transmit() {
                for line in text.split("\r\n") {
                    self.transcript.push(WireLine {
                        direction: Direction::ClientToServer,
                        text: line.to_string(),
                    });
                }
                let mut bytes = text.into_bytes();
                bytes.extend_from_slice(b"\r\n");
                self.server.handle_input(store, &bytes, now);
                progressed = true;
                moved += 1;
            }
            if !progressed {
                return moved;
            }
        }
    }

    /// The transcript as `C: ...` / `S: ...` lines.
    pub fn transcript_text(&self) -> Vec<String> {
        self.transcript.iter().map(WireLine::to_string).collect()
    }
}

/// Drives a server session alone from scripted client lines: feeds each line (with CRLF) and collects replies.
pub fn exchange<S: ServerSession>(
    server: &mut S,
    store: &mut Store,
    line: &str,
    now: SimTime,
) -> Vec<String> {
    let mut bytes = line.as_bytes().to_vec();
    bytes.extend_from_slice(b"\r\n");
    server.handle_input(store, &bytes, now);
    drain(server)
}

/// Every line the server has queued.
pub fn drain<S: ServerSession>(server: &mut S) -> Vec<String> {
    std::iter::from_fn(|| server.poll_output()).collect()
}
