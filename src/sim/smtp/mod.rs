//! SMTP (RFC 5321, minimal): the receiving server that delivers into the store, and the outside sender's client.

pub mod client;
pub mod command;
pub mod server;

pub use client::{address_of, Envelope, SmtpClient, SmtpClientEvent};
pub use server::{SmtpServer, SmtpServerConfig};

use crate::sim::mail::Store;
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;

/// A server session with the default configuration, in the shape of the TCP bridge's session factory.
pub fn server_session(
    _store: &mut Store,
    session_id: u64,
    now: SimTime,
) -> Box<dyn ServerSession + Send> {
    Box::new(SmtpServer::new(
        SmtpServerConfig::default(),
        session_id,
        now,
    ))
}
