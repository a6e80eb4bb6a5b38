//! Helpers shared by the integration tests: POP3 and SMTP ones, IMAP ones, real clients over loopback TCP,
//! and the few all use.
#![allow(dead_code, unused_imports)]

pub mod challenge;
mod clients;
#[cfg(not(target_arch = "wasm32"))]
mod dovecot;
mod imap;
mod imap_client;
pub mod languages;
// Child processes and sockets: native only.
#[cfg(not(target_arch = "wasm32"))]
mod imap_probe;
#[cfg(not(target_arch = "wasm32"))]
mod installed_client;
#[cfg(not(target_arch = "wasm32"))]
mod maildir;
#[cfg(not(target_arch = "wasm32"))]
mod net;
mod pop3;
#[cfg(not(target_arch = "wasm32"))]
mod tcp_server;
mod world;

pub use clients::*;
#[cfg(not(target_arch = "wasm32"))]
pub use dovecot::*;
pub use imap::*;
pub use imap_client::*;
#[cfg(not(target_arch = "wasm32"))]
pub use imap_probe::*;
#[cfg(not(target_arch = "wasm32"))]
pub use installed_client::*;
#[cfg(not(target_arch = "wasm32"))]
pub use maildir::*;
#[cfg(not(target_arch = "wasm32"))]
pub use net::*;
pub use pop3::*;
#[cfg(not(target_arch = "wasm32"))]
pub use tcp_server::*;
pub use world::*;

use mailroom::sim::mail::Store;

/// The UIDs in alice's INBOX, ascending.
pub fn inbox_uids(store: &Store) -> Vec<u32> {
    store
        .account("alice")
        .map(|a| a.inbox().messages.iter().map(|m| m.uid).collect())
        .unwrap_or_default()
}
