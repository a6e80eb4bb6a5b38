//! A simulated device: its kind, the protocol its mail client speaks, and the mail it keeps locally.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DeviceKind {
    Laptop,
    Phone,
    Tablet,
    Desktop,
}

impl DeviceKind {
    pub const ALL: [DeviceKind; 4] = [
        DeviceKind::Laptop,
        DeviceKind::Phone,
        DeviceKind::Tablet,
        DeviceKind::Desktop,
    ];

    /// The lower-case id used in the DOM and in links (`laptop`).
    pub fn id(self) -> &'static str {
        match self {
            DeviceKind::Laptop => "laptop",
            DeviceKind::Phone => "phone",
            DeviceKind::Tablet => "tablet",
            DeviceKind::Desktop => "desktop",
        }
    }
}

/// The protocol a device's mail client uses to read mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Protocol {
    Pop3,
    Imap,
}

impl Protocol {
    /// `pop3` / `imap`, as the DOM's `data-protocol` says.
    pub fn id(self) -> &'static str {
        match self {
            Protocol::Pop3 => "pop3",
            Protocol::Imap => "imap",
        }
    }
}

impl fmt::Display for Protocol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Protocol::Pop3 => "POP3",
            Protocol::Imap => "IMAP",
        })
    }
}
