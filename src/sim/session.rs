//! The sans-I/O shape every protocol session has (after quinn-proto): inputs are `handle_*`, outputs are
//! `poll_*`, time is an argument. A session never touches a socket; the world, a test harness or the TCP bridge
//! moves its bytes.

use crate::sim::mail::Store;
use crate::sim::time::SimTime;

/// The server side of one connection (SMTP, POP3 or IMAP).
pub trait ServerSession {
    /// Bytes arrived from the client. They may hold part of a line, one line or several; the session buffers.
    fn handle_input(&mut self, store: &mut Store, input: &[u8], now: SimTime);

    /// The store changed under this session (a delivery, another session's change). A session that is waiting
    /// for the mailbox to change, as IMAP IDLE does, queues its untagged responses here, and may change the
    /// store in turn (an idling IMAP session claims \Recent, RFC 3501 §2.3.2); others ignore it.
    fn handle_store_changed(&mut self, _store: &mut Store, _now: SimTime) {}

    /// The connection dropped or timed out without a proper end: release locks, apply nothing pending
    /// (RFC 1939 §6: a POP3 session that did not QUIT enters no UPDATE state).
    fn handle_disconnect(&mut self, store: &mut Store, now: SimTime);

    /// When the session wants [`ServerSession::handle_timeout`] called (an autologout timer), if at all. The world
    /// and the TCP bridge schedule it; the session never reads a clock.
    fn poll_timeout(&self) -> Option<SimTime> {
        None
    }

    /// Time reached what `poll_timeout` asked for (or later): the session acts on its timer, e.g. closes.
    fn handle_timeout(&mut self, _store: &mut Store, _now: SimTime) {}

    /// The next line to send to the client, without its CRLF.
    fn poll_output(&mut self) -> Option<String>;

    /// True once the server has closed the connection (after QUIT, LOGOUT, or a fatal error).
    fn is_closed(&self) -> bool;
}

/// The client side of one connection: writes command lines, reads response lines.
pub trait ClientSession {
    /// What the client reports of its progress, as past-tense events.
    type Event;

    /// One response line from the server, without its CRLF.
    fn handle_line(&mut self, line: &str, now: SimTime);

    /// The next text to send, without the final CRLF. Usually one command line; an IMAP literal's octets may
    /// hold CRLFs of their own.
    fn poll_transmit(&mut self) -> Option<String>;

    fn poll_event(&mut self) -> Option<Self::Event>;

    /// True once the client has nothing more to say and expects nothing more.
    fn is_finished(&self) -> bool;
}

/// Which way a wire line travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    /// Client to server (`C:`).
    ClientToServer,
    /// Server to client (`S:`).
    ServerToClient,
}

impl Direction {
    /// `C` or `S`, as RFC examples write them.
    pub fn prefix(self) -> &'static str {
        match self {
            Direction::ClientToServer => "C",
            Direction::ServerToClient => "S",
        }
    }
}

/// Which protocol a connection speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum WireProtocol {
    Smtp,
    Pop3,
    Imap,
}

impl WireProtocol {
    pub fn id(self) -> &'static str {
        match self {
            WireProtocol::Smtp => "smtp",
            WireProtocol::Pop3 => "pop3",
            WireProtocol::Imap => "imap",
        }
    }
}
