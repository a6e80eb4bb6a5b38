//! The simulation core: pure Rust, deterministic, no web types, no wall clock. Time is always an argument.

pub mod harness;
pub mod imap;
pub mod mail;
pub mod session;
pub mod time;
