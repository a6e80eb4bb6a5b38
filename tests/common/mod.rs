//! Helpers shared by the integration tests: POP3 and SMTP ones, IMAP ones, and the few both use.
#![allow(dead_code, unused_imports)]

mod clients;
#[cfg(not(target_arch = "wasm32"))]
mod dovecot;
mod imap;
mod imap_client;
// Child processes and sockets: native only.
#[cfg(not(target_arch = "wasm32"))]
mod imap_probe;
#[cfg(not(target_arch = "wasm32"))]
mod installed_client;
#[cfg(not(target_arch = "wasm32"))]
mod maildir;
mod pop3;
#[cfg(not(target_arch = "wasm32"))]
mod tcp_server;

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
pub use pop3::*;
#[cfg(not(target_arch = "wasm32"))]
pub use tcp_server::*;

use mailroom::sim::mail::Store;

/// The UIDs in alice's INBOX, ascending.
pub fn inbox_uids(store: &Store) -> Vec<u32> {
    store
        .account("alice")
        .map(|a| a.inbox().messages.iter().map(|m| m.uid).collect())
        .unwrap_or_default()
}
