//! IMAP4rev1 (RFC 3501) with IDLE, MOVE, UIDPLUS, UNSELECT, ENABLE, CONDSTORE/QRESYNC, LITERAL+, AUTH=PLAIN with
//! SASL-IR, ID, NAMESPACE and SPECIAL-USE: a server session over the shared store and a client state machine with
//! a local cache. The server reads commands with `imap-codec`; the client reads responses with its own parser
//! (`client/parse.rs`), so the page carries no response grammar it does not use; output lines are formatted
//! here, in RFC syntax.

pub mod client;
pub mod framing;
pub mod sequence;
pub mod server;
pub mod wire;

pub use client::{ClientSettings, DeleteModel, ImapClient, ImapEvent, SyncMode, UserAction};
pub use server::{ImapServer, ImapState};

use crate::sim::mail::Store;
use crate::sim::session::ServerSession;
use crate::sim::time::SimTime;

/// What the server announces in its greeting and in CAPABILITY (RFC 3501 §7.2.1).
pub const CAPABILITIES: &str =
    "IMAP4rev1 SASL-IR LITERAL+ ID IDLE NAMESPACE MOVE UIDPLUS UNSELECT ENABLE \
     CONDSTORE QRESYNC SPECIAL-USE AUTH=PLAIN";

/// Makes an IMAP server session for a new connection; matches `bridge::SessionFactory`, and is named like
/// `pop3::server_session` and `smtp::server_session`.
pub fn server_session(
    _store: &mut Store,
    session_id: u64,
    now: SimTime,
) -> Box<dyn ServerSession + Send> {
    Box::new(ImapServer::new(session_id, now))
}
