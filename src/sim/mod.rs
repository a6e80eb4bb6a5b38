//! The simulation core: pure Rust, deterministic, no web types, no wall clock. Time is always an argument.

pub mod challenge;
pub mod compare;
pub mod device;
pub mod explain;
#[cfg(feature = "testing")]
pub mod fuzz;
#[cfg(feature = "testing")]
pub mod harness;
pub mod imap;
pub mod lesson;
pub mod line_reader;
pub mod line_tracker;
pub mod mail;
pub mod pop3;
pub mod sasl;
pub mod saved;
pub mod session;
pub mod smtp;
pub mod sorted;
pub mod story;
pub mod time;
pub mod timeline;
pub mod transcript;
pub mod world;
