//! What happened in the world, in the past tense: the view's notes and `World::events`.

use crate::sim::session::WireProtocol;
use crate::sim::time::SimTime;
use crate::sim::transcript::Endpoint;
use serde::{Deserialize, Serialize};

/// A fault the simulator can inject, by an explicit action or from the seeded injector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Fault {
    /// The device's network fails just before its next QUIT or LOGOUT (RFC 1939 §6: no UPDATE, nothing deleted).
    DropBeforeQuit { device: String },
    /// Another POP3 client holds the maildrop lock for ten minutes (RFC 1939 §4; `[IN-USE]`, RFC 2449 §8.1.2).
    MaildropLocked,
    /// INBOX gets a new UIDVALIDITY: every IMAP client must throw its cache away (RFC 3501 §2.3.1.1).
    UidValidityReset,
    /// The POP3 device forgets which UIDLs it has (a lost popstate.dat): the next check downloads all again.
    UidlStateLost { device: String },
    /// The account is full: the next delivery is refused (SMTP 552, RFC 5321 §4.2.2).
    MailboxOverQuota,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorldEvent {
    ConnectionOpened {
        connection: u64,
        endpoint: Endpoint,
        protocol: WireProtocol,
    },
    /// Closed in good order: the server ended the session.
    ConnectionClosed {
        connection: u64,
        endpoint: Endpoint,
    },
    /// The network failed or the device went offline mid-session: lines in flight were lost.
    ConnectionDropped {
        connection: u64,
        endpoint: Endpoint,
        lines_lost: usize,
    },
    MessageDelivered {
        message_id: String,
    },
    DeliveryRefused {
        reply: String,
    },
    MessageDownloaded {
        device: String,
        message_id: String,
    },
    MessageFetched {
        device: String,
        message_id: String,
    },
    MessageVanishedFromDevice {
        device: String,
        message_id: String,
    },
    /// A device acted while it could not reach the server; the action waits in its queue.
    ActionQueued {
        device: String,
    },
    ActionReplayed {
        device: String,
    },
    /// The device could not log in or was locked out; the reply says why.
    SessionFailed {
        device: String,
        reason: String,
    },
    DeviceWentOffline {
        device: String,
    },
    DeviceWentOnline {
        device: String,
    },
    DeviceAdded {
        device: String,
    },
    DeviceRemoved {
        device: String,
    },
    DeviceReconfigured {
        device: String,
    },
    FaultInjected {
        fault: Fault,
    },
    MaildropLockReleased,
    TimeWarped {
        days: u32,
    },
}

/// An event with the sim time it happened at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedEvent {
    pub at: SimTime,
    pub event: WorldEvent,
}
