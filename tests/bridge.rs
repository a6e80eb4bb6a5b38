#![cfg(not(target_arch = "wasm32"))]
//! The TCP bridge itself: writes happen outside the lock, the transcript shows whole lines, factories are
//! closures, closed sessions close their sockets, and a dropped client is reported to its session once.

mod common;
use common::wait_until;

use mailroom::bridge::{Bridge, Transcript, MAX_BACKLOG_OCTETS};
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::{Pop3Server, Pop3ServerConfig};
use mailroom::sim::session::ServerSession;
use mailroom::sim::time::SimTime;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::Duration;

/// Wraps a session and counts the disconnects it hears.
struct Counted {
    inner: Box<dyn ServerSession + Send>,
    disconnects: Arc<AtomicUsize>,
}

impl ServerSession for Counted {
    fn handle_input(&mut self, store: &mut Store, input: &[u8], now: SimTime) {
        self.inner.handle_input(store, input, now);
    }
    fn handle_store_changed(&mut self, store: &mut Store, now: SimTime) {
        self.inner.handle_store_changed(store, now);
    }
    fn handle_disconnect(&mut self, store: &mut Store, now: SimTime) {
        self.disconnects.fetch_add(1, Ordering::SeqCst);
        self.inner.handle_disconnect(store, now);
    }
    fn poll_output(&mut self) -> Option<String> {
        self.inner.poll_output()
    }
    fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }
}

/// Answers every octet it receives with one line of `line_octets` octets, to outrun any reader.
struct Flood {
    line_octets: usize,
    pending: usize,
}

impl ServerSession for Flood {
    fn handle_input(&mut self, _store: &mut Store, input: &[u8], _now: SimTime) {
        self.pending += input.len();
    }
    fn handle_disconnect(&mut self, _store: &mut Store, _now: SimTime) {}
    fn poll_output(&mut self) -> Option<String> {
        self.pending = self.pending.checked_sub(1)?;
        Some("x".repeat(self.line_octets))
    }
    fn is_closed(&self) -> bool {
        false
    }
}

/// Runs a session on a clock a minute ahead for every real millisecond, so its 10-minute autologout timer
/// falls due after 10 ms of the bridge's time.
struct Hurried(Pop3Server);

fn hurried(now: SimTime) -> SimTime {
    SimTime::from_minutes(now.millis())
}

impl ServerSession for Hurried {
    fn handle_input(&mut self, store: &mut Store, input: &[u8], now: SimTime) {
        self.0.handle_input(store, input, hurried(now));
    }
    fn handle_disconnect(&mut self, store: &mut Store, now: SimTime) {
        self.0.handle_disconnect(store, hurried(now));
    }
    fn poll_timeout(&self) -> Option<SimTime> {
        // Back on the bridge's clock, rounded up so it never fires early.
        self.0
            .poll_timeout()
            .map(|at| SimTime::from_millis(at.millis().div_ceil(60_000)))
    }
    fn handle_timeout(&mut self, store: &mut Store, now: SimTime) {
        self.0.handle_timeout(store, hurried(now));
    }
    fn poll_output(&mut self) -> Option<String> {
        self.0.poll_output()
    }
    fn is_closed(&self) -> bool {
        self.0.is_closed()
    }
}

fn pop3_with(config: Pop3ServerConfig, disconnects: &Arc<AtomicUsize>) -> (Bridge, SocketAddr) {
    let bridge = Bridge::new(Store::default_world(), Transcript::Off);
    let disconnects = Arc::clone(disconnects);
    let addr = bridge
        .listen("127.0.0.1:0", "pop3", move |_store: &mut Store, id, now| {
            Box::new(Counted {
                inner: Box::new(Pop3Server::new(config.clone(), id, now)),
                disconnects: Arc::clone(&disconnects),
            }) as Box<dyn ServerSession + Send>
        })
        .expect("listens");
    (bridge, addr)
}

struct Client {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Client {
    fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).expect("connects");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout set");
        Client {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
        }
    }

    fn send(&mut self, text: &str) {
        self.writer.write_all(text.as_bytes()).expect("sent");
    }

    fn line(&mut self) -> String {
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("a line arrives");
        line.trim_end_matches(['\r', '\n']).to_string()
    }

    /// True when the server has closed the socket: a read returns end of file.
    fn sees_end_of_file(&mut self) -> bool {
        let mut rest = Vec::new();
        self.reader.read_to_end(&mut rest).is_ok() && rest.is_empty()
    }
}

fn next_transcript_line(lines: &Receiver<String>) -> String {
    lines
        .recv_timeout(Duration::from_secs(10))
        .expect("a transcript line")
}

#[test]
fn a_factory_closure_serves_a_non_default_configuration() {
    let config = Pop3ServerConfig {
        hostname: "pop.school.example".to_string(),
        ..Pop3ServerConfig::default()
    };
    let (_bridge, addr) = pop3_with(config, &Arc::new(AtomicUsize::new(0)));
    let mut client = Client::connect(addr);
    let greeting = client.line();
    assert!(greeting.ends_with("@pop.school.example>"), "{greeting}");
}

#[test]
fn the_transcript_shows_whole_lines_even_when_tcp_splits_them() {
    let (sender, lines) = mpsc::channel();
    let bridge = Bridge::new(Store::default_world(), Transcript::Channel(sender));
    let addr = bridge
        .listen("127.0.0.1:0", "pop3", mailroom::sim::pop3::server_session)
        .expect("listens");
    let mut client = Client::connect(addr);
    assert!(next_transcript_line(&lines).starts_with("pop3#1 -- connected from 127.0.0.1:"));
    let greeting = client.line();
    assert_eq!(
        next_transcript_line(&lines),
        format!("pop3#1 S: {greeting}")
    );
    // The reply to USER proves the first chunk was read before the rest of PASS is sent.
    client.send("USER alice\r\nPA");
    let user_reply = client.line();
    client.send("SS wonderland\r\n");
    let pass_reply = client.line();
    let expected = [
        "pop3#1 C: USER alice".to_string(),
        format!("pop3#1 S: {user_reply}"),
        "pop3#1 C: PASS wonderland".to_string(),
        format!("pop3#1 S: {pass_reply}"),
    ];
    for line in expected {
        assert_eq!(next_transcript_line(&lines), line);
    }
}

#[test]
fn a_closed_session_closes_its_socket_after_its_last_line() {
    let disconnects = Arc::new(AtomicUsize::new(0));
    let (_bridge, addr) = pop3_with(Pop3ServerConfig::default(), &disconnects);
    let mut client = Client::connect(addr);
    client.line();
    client.send("QUIT\r\n");
    assert!(client.line().contains("signing off"));
    assert!(client.sees_end_of_file(), "the server shut the socket");
    assert_eq!(
        disconnects.load(Ordering::SeqCst),
        0,
        "a QUIT is not a drop"
    );
}

#[test]
fn a_dropped_client_is_reported_to_its_session_exactly_once() {
    let disconnects = Arc::new(AtomicUsize::new(0));
    let (bridge, addr) = pop3_with(Pop3ServerConfig::default(), &disconnects);
    let mut client = Client::connect(addr);
    client.line();
    client.send("USER alice\r\nPASS wonderland\r\n");
    client.line();
    client.line();
    drop(client);
    wait_until("the session hears of the drop", || {
        disconnects.load(Ordering::SeqCst) > 0
    });
    assert!(
        bridge.with_store(|s| s.account("alice").is_some_and(|a| a.pop3_lock.is_none())),
        "the maildrop lock is released"
    );
    // Another whole session later, the first has still heard of its drop only once.
    let mut next = Client::connect(addr);
    next.line();
    next.send("QUIT\r\n");
    next.line();
    assert!(next.sees_end_of_file());
    assert_eq!(disconnects.load(Ordering::SeqCst), 1);
}

#[test]
fn a_client_that_stops_reading_stalls_nobody_else() {
    let bridge = Bridge::new(Store::default_world(), Transcript::Off);
    let flood = bridge
        .listen("127.0.0.1:0", "flood", |_: &mut Store, _, _| {
            Box::new(Flood {
                line_octets: 1024 * 1024,
                pending: 0,
            }) as Box<dyn ServerSession + Send>
        })
        .expect("listens");
    let pop3 = bridge
        .listen("127.0.0.1:0", "pop3", mailroom::sim::pop3::server_session)
        .expect("listens");
    // 48 MiB of replies to a client that never reads: far more than the socket buffers hold, under the cap.
    let mut stuck = Client::connect(flood);
    stuck.send(&"x".repeat(48));
    let mut other = Client::connect(pop3);
    assert!(other.line().starts_with("+OK"));
    other.send("USER alice\r\nPASS wonderland\r\nSTAT\r\nQUIT\r\n");
    let replies: Vec<String> = (0..4).map(|_| other.line()).collect();
    assert!(replies[2].starts_with("+OK 3 "), "{replies:?}");
    assert!(other.sees_end_of_file());
    drop(stuck);
}

#[test]
fn a_client_too_far_behind_is_cut_off_and_its_session_told_once() {
    let bridge = Bridge::new(Store::default_world(), Transcript::Off);
    let disconnects = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&disconnects);
    let flood = bridge
        .listen("127.0.0.1:0", "flood", move |_: &mut Store, _, _| {
            Box::new(Counted {
                inner: Box::new(Flood {
                    line_octets: 1024 * 1024,
                    pending: 0,
                }),
                disconnects: Arc::clone(&counted),
            }) as Box<dyn ServerSession + Send>
        })
        .expect("listens");
    let mut stuck = Client::connect(flood);
    let lines_past_the_cap = MAX_BACKLOG_OCTETS / (1024 * 1024) + 16;
    stuck.send(&"x".repeat(lines_past_the_cap));
    wait_until("the bridge cuts the client off", || {
        disconnects.load(Ordering::SeqCst) > 0
    });
    // Reading now finds the end (or a reset): the connection is over.
    let mut sink = Vec::new();
    let _ = stuck.reader.read_to_end(&mut sink);
    assert!(sink.len() < lines_past_the_cap * 1024 * 1024);
    assert_eq!(disconnects.load(Ordering::SeqCst), 1);
}

#[test]
fn a_client_that_closes_its_sending_half_still_reads_every_reply() {
    let disconnects = Arc::new(AtomicUsize::new(0));
    let (bridge, addr) = pop3_with(Pop3ServerConfig::default(), &disconnects);
    let mut client = Client::connect(addr);
    client.send("USER alice\r\nPASS wonderland\r\nSTAT\r\n");
    client
        .writer
        .shutdown(std::net::Shutdown::Write)
        .expect("half closed");
    let replies: Vec<String> = client
        .reader
        .by_ref()
        .lines()
        .map_while(Result::ok)
        .collect();
    assert_eq!(replies.len(), 4, "{replies:?}");
    assert!(replies[3].starts_with("+OK 3 "), "{replies:?}");
    wait_until("the session hears of the drop", || {
        disconnects.load(Ordering::SeqCst) == 1
    });
    assert!(bridge.with_store(|s| s.account("alice").is_some_and(|a| a.pop3_lock.is_none())));
}

#[test]
fn the_bridge_fires_a_session_timer_so_an_idle_pop3_login_is_logged_out() {
    // RFC 1939 §3: the autologout timer ends the session without UPDATE and without a reply; the lock goes.
    let bridge = Bridge::new(Store::default_world(), Transcript::Off);
    let addr = bridge
        .listen("127.0.0.1:0", "pop3", |_store: &mut Store, id, now| {
            Box::new(Hurried(Pop3Server::new(
                Pop3ServerConfig::default(),
                id,
                hurried(now),
            ))) as Box<dyn ServerSession + Send>
        })
        .expect("listens");
    let mut client = Client::connect(addr);
    client.line();
    client.send("USER alice\r\nPASS wonderland\r\nDELE 1\r\n");
    client.line();
    assert!(client.line().starts_with("+OK "));
    client.line();
    assert!(
        client.sees_end_of_file(),
        "the server closed the idle session"
    );
    assert_eq!(
        bridge.with_store(|s| s.account("alice").and_then(|a| a.pop3_lock)),
        None
    );
    assert_eq!(
        bridge.with_store(|s| s.account("alice").map(|a| a.inbox().exists())),
        Some(3)
    );
}

/// Two starts within one second must not share a UIDVALIDITY, or the second run's UIDs and UIDLs would name other
/// messages under the same value (RFC 3501 §2.3.1.1, RFC 1939 §7).
#[test]
fn two_starts_within_one_second_take_growing_uidvalidities() {
    let first = mailroom::bridge::fresh_uid_validity();
    let second = mailroom::bridge::fresh_uid_validity();
    assert!(second > first, "{second} after {first}");
}
