//! The simulation core: pure Rust, deterministic, no web types, no wall clock. Time is always an argument.

pub mod device;
pub mod explain;
pub mod harness;
pub mod mail;
pub mod session;
pub mod time;
