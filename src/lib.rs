//! Mailroom: an in-memory mail server and simulated mail clients that teach how POP3 and IMAP differ.
//!
//! `i18n` holds the languages (English built in, the others as catalogue files); `sim` is the pure,
//! deterministic core (no web types, time passed in); `ui` is the Yew front end over it.

pub mod i18n;
pub mod sim;
pub mod ui;

#[cfg(not(target_arch = "wasm32"))]
pub mod bridge;
