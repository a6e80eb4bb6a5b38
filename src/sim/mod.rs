//! The simulation core: pure Rust, deterministic, no web types, no wall clock. Time is always an argument.

pub mod compare;
pub mod device;
pub mod explain;
pub mod fuzz;
pub mod harness;
pub mod imap;
pub mod lesson;
pub mod line_reader;
pub mod mail;
pub mod pop3;
pub mod saved;
pub mod session;
pub mod smtp;
pub mod sorted;
pub mod story;
pub mod time;
pub mod timeline;
pub mod transcript;
pub mod world;
