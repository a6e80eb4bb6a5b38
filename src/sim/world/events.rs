//! What happened in the world, in the past tense: the view's notes and `World::events`.

use crate::sim::mail::Flags;
use crate::sim::session::{Direction, WireProtocol};
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
    /// A message's text was put on a wire (POP3 RETR or TOP, IMAP FETCH of BODY[], SMTP DATA). `first_line` and
    /// `last_line` index the transcript: the first leaves at its `sent`, the last is in at its `arrives`.
    MessageSent {
        endpoint: String,
        direction: Direction,
        message_id: String,
        from: String,
        subject: String,
        first_line: usize,
        last_line: usize,
    },
    /// A client asked the server to change a message (POP3 DELE; IMAP STORE, EXPUNGE, MOVE); `line` indexes
    /// the transcript.
    ChangeRequested {
        endpoint: String,
        kind: ChangeKind,
        line: usize,
    },
    /// The server told an IMAP device of a change its cache did not have yet (an untagged FETCH with other
    /// FLAGS, EXPUNGE or VANISHED; RFC 3501 §7.4, RFC 7162 §3.2.10), at once in IDLE, at the next sync otherwise.
    ChangeAnnounced {
        device: String,
        kind: ChangeKind,
        message_id: Option<String>,
        line: usize,
    },
    /// The POP3 server accepted DELE: the message is only marked; UPDATE removes it at QUIT (RFC 1939 §5, §6).
    MarkedForDeletion {
        endpoint: String,
        uid: u32,
        message_id: String,
    },
    /// A POP3 session's deletion marks were undone: by RSET (RFC 1939 §5) or because the session ended
    /// without QUIT, so it never entered UPDATE (RFC 1939 §6).
    DeletionMarksCleared {
        endpoint: String,
        message_ids: Vec<String>,
        by_rset: bool,
    },
    /// A session changed a message's flags in the shared store.
    FlagsStored {
        endpoint: String,
        folder: String,
        message_id: String,
        added: Flags,
        removed: Flags,
    },
    /// A message left a folder of the store: expunged, moved, or deleted by a POP3 UPDATE.
    MessageRemoved {
        endpoint: String,
        folder: String,
        uid: u32,
        message_id: String,
        from: String,
        subject: String,
        cause: RemovalCause,
    },
    /// An IMAP device's cache took on the flags the server reported.
    FlagsLearned {
        device: String,
        folder: String,
        message_id: String,
        flags: Flags,
    },
    /// An IMAP device finished syncing a folder; `messages` is what its cache now holds there.
    FolderSynced {
        device: String,
        folder: String,
        messages: usize,
    },
    /// An IMAP device entered IDLE: the server may now push to it (RFC 2177 §3).
    IdleStarted {
        device: String,
        folder: String,
    },
}

/// What a travelling change token stands for (docs/hooks.md: `data-kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeKind {
    Seen,
    Flagged,
    Deleted,
    Expunge,
    Move,
}

impl ChangeKind {
    pub fn id(self) -> &'static str {
        match self {
            ChangeKind::Seen => "seen",
            ChangeKind::Flagged => "flagged",
            ChangeKind::Deleted => "deleted",
            ChangeKind::Expunge => "expunge",
            ChangeKind::Move => "move",
        }
    }
}

/// Why a message left a folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RemovalCause {
    /// POP3 QUIT: the UPDATE state removed the messages marked by DELE (RFC 1939 §6).
    Pop3Update,
    /// IMAP EXPUNGE, UID EXPUNGE or CLOSE removed a message flagged `\Deleted` (RFC 3501 §6.4.3, RFC 4315 §2.1).
    Expunged,
    /// IMAP MOVE put it in another folder (RFC 6851 §3.3).
    MovedTo(String),
}

/// An event with the sim time it happened at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimedEvent {
    pub at: SimTime,
    pub event: WorldEvent,
}
