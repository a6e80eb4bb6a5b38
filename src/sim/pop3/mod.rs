//! POP3 (RFC 1939, RFC 2449): the server session over the shared store and the client state machine a
//! simulated device runs.

pub mod client;
pub mod codec;
pub mod server;

pub use client::{Credentials, Pop3Client, Pop3ClientEvent, Pop3ClientState, Pop3Settings};
pub use server::{Pop3Server, Pop3ServerConfig, Pop3State};

use crate::sim::mail::Store;
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;

/// A server session with the default configuration, in the shape of the TCP bridge's session factory.
pub fn server_session(
    _store: &mut Store,
    session_id: u64,
    now: SimTime,
) -> Box<dyn ServerSession + Send> {
    Box::new(Pop3Server::new(
        Pop3ServerConfig::default(),
        session_id,
        now,
    ))
}
