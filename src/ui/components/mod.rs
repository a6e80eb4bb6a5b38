//! One component per file.

pub mod controls;
pub mod device;
pub mod header;
pub mod icons;
pub mod server;
pub mod topology;
pub mod transcript;
