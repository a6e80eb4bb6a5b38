//! What an IMAP client keeps: its settings, its per-folder cache (as Thunderbird keeps .msf files) and the
//! queue of user actions made offline, all serializable so a device survives a reload.

use crate::sim::mail::{Flag, Flags};
use crate::sim::sorted::SortedMap;
use serde::{Deserialize, Serialize};

/// How the client learns of new mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SyncMode {
    /// Stay connected and IDLE; the server pushes changes (RFC 2177).
    PushWithIdle,
    /// Connect, sync, LOG OUT; again after this many minutes.
    PollEveryMinutes(u32),
}

/// What "delete" does, as Thunderbird offers it (Settings → Server Settings → "When I delete a message").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeleteModel {
    /// `UID MOVE uid Trash` (RFC 6851).
    MoveToTrash,
    /// `UID STORE uid +FLAGS (\Deleted)`; the message stays, struck through, until someone expunges.
    MarkAsDeleted,
    /// `\Deleted` and at once `UID EXPUNGE uid` (RFC 4315 §2.1), so only that message goes.
    RemoveImmediately,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSettings {
    pub login: String,
    pub password: String,
    pub sync_mode: SyncMode,
    pub delete_model: DeleteModel,
    /// Use ENABLE QRESYNC and SELECT (QRESYNC ...) when the server offers it (RFC 7162 §3.2.5).
    pub use_qresync: bool,
    /// Folders synced on every connection; INBOX last, so the session IDLEs there.
    pub sync_folders: Vec<String>,
}

impl ClientSettings {
    pub fn new(login: &str, password: &str, sync_mode: SyncMode) -> Self {
        ClientSettings {
            login: login.into(),
            password: password.into(),
            sync_mode,
            delete_model: DeleteModel::MoveToTrash,
            use_qresync: true,
            sync_folders: vec!["INBOX".into()],
        }
    }
}

/// One message as the device holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CachedMessage {
    pub uid: u32,
    pub flags: Flags,
    pub message_id: String,
    pub text: String,
}

/// One folder as the device holds it: valid only while the server's UIDVALIDITY is the same.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderCache {
    /// 0 until the first SELECT.
    pub uid_validity: u32,
    /// The HIGHESTMODSEQ of the last complete sync (RFC 7162 §3.2.5): QRESYNC starts from here.
    pub highest_modseq: u64,
    /// The highest UID ever seen, so a message deleted here is not fetched again.
    pub last_seen_uid: u32,
    pub messages: SortedMap<u32, CachedMessage>,
}

/// A user's action on a cached message; applied to the cache at once and replayed on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum UserAction {
    MarkRead {
        folder: String,
        uid: u32,
    },
    MarkUnread {
        folder: String,
        uid: u32,
    },
    Flag {
        folder: String,
        uid: u32,
    },
    Unflag {
        folder: String,
        uid: u32,
    },
    Delete {
        folder: String,
        uid: u32,
    },
    MoveTo {
        folder: String,
        uid: u32,
        to: String,
    },
}

impl UserAction {
    pub fn folder(&self) -> &str {
        match self {
            UserAction::MarkRead { folder, .. }
            | UserAction::MarkUnread { folder, .. }
            | UserAction::Flag { folder, .. }
            | UserAction::Unflag { folder, .. }
            | UserAction::Delete { folder, .. }
            | UserAction::MoveTo { folder, .. } => folder,
        }
    }

    pub fn uid(&self) -> u32 {
        match self {
            UserAction::MarkRead { uid, .. }
            | UserAction::MarkUnread { uid, .. }
            | UserAction::Flag { uid, .. }
            | UserAction::Unflag { uid, .. }
            | UserAction::Delete { uid, .. }
            | UserAction::MoveTo { uid, .. } => *uid,
        }
    }

    /// The flag change this action makes, if it is one: (flag, set?).
    pub fn flag_change(&self, model: DeleteModel) -> Option<(Flag, bool)> {
        match self {
            UserAction::MarkRead { .. } => Some((Flag::Seen, true)),
            UserAction::MarkUnread { .. } => Some((Flag::Seen, false)),
            UserAction::Flag { .. } => Some((Flag::Flagged, true)),
            UserAction::Unflag { .. } => Some((Flag::Flagged, false)),
            UserAction::Delete { .. } if model == DeleteModel::MarkAsDeleted => {
                Some((Flag::Deleted, true))
            }
            _ => None,
        }
    }

    /// True when the message leaves the folder on the device.
    pub fn removes(&self, model: DeleteModel) -> bool {
        match self {
            UserAction::MoveTo { .. } => true,
            UserAction::Delete { .. } => model != DeleteModel::MarkAsDeleted,
            _ => false,
        }
    }

    /// The command lines that replay this action (`tag` is filled in per line).
    pub fn commands(&self, model: DeleteModel) -> Vec<String> {
        let uid = self.uid();
        let store = |op: char, flag: Flag| {
            format!("UID STORE {uid} {op}FLAGS.SILENT ({})", flag.imap_name())
        };
        match self {
            UserAction::MarkRead { .. } => vec![store('+', Flag::Seen)],
            UserAction::MarkUnread { .. } => vec![store('-', Flag::Seen)],
            UserAction::Flag { .. } => vec![store('+', Flag::Flagged)],
            UserAction::Unflag { .. } => vec![store('-', Flag::Flagged)],
            UserAction::Delete { .. } => match model {
                DeleteModel::MoveToTrash => vec![format!("UID MOVE {uid} Trash")],
                DeleteModel::MarkAsDeleted => vec![store('+', Flag::Deleted)],
                DeleteModel::RemoveImmediately => {
                    vec![store('+', Flag::Deleted), format!("UID EXPUNGE {uid}")]
                }
            },
            UserAction::MoveTo { to, .. } => vec![format!(
                "UID MOVE {uid} {}",
                crate::sim::imap::wire::mailbox_name(to)
            )],
        }
    }
}

/// The device's whole mail state.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientCache {
    /// Folder names as the server's LIST gave them, each with its cache.
    pub folders: SortedMap<String, FolderCache>,
    /// Actions not yet replayed, oldest first.
    pub queue: Vec<UserAction>,
}

impl ClientCache {
    pub fn folder_mut(&mut self, name: &str) -> &mut FolderCache {
        self.folders
            .get_or_insert_with(name.to_string(), FolderCache::default)
    }

    /// Server flags with this device's not-yet-replayed flag actions laid over them, so a sync does not undo
    /// what the user did offline.
    pub fn overlay(&self, folder: &str, uid: u32, mut flags: Flags, model: DeleteModel) -> Flags {
        for action in self
            .queue
            .iter()
            .filter(|a| a.folder() == folder && a.uid() == uid)
        {
            if let Some((flag, set)) = action.flag_change(model) {
                if set {
                    flags.insert(flag);
                } else {
                    flags.remove(flag);
                }
            }
        }
        flags
    }
}

/// The Message-ID header's value without angle brackets (RFC 5322 §3.6.4).
pub fn message_id_of(text: &str) -> String {
    let header = text.split("\r\n\r\n").next().unwrap_or("");
    header
        .split("\r\n")
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("Message-ID").then(|| {
                value
                    .trim()
                    .trim_start_matches('<')
                    .trim_end_matches('>')
                    .to_string()
            })
        })
        .unwrap_or_default()
}
