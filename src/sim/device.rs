//! A simulated device: its kind, the protocol its mail client speaks, and the mail it keeps locally.

use crate::i18n::en;
use crate::sim::imap::client::{ClientCache, ClientSettings, DeleteModel, ImapClient, SyncMode};
use crate::sim::mail::{header_value, Flags};
use crate::sim::pop3::{Pop3ClientState, Pop3Settings};
use crate::sim::time::SimTime;
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

    /// The lower-case id used in the DOM and in links (`laptop`); also the word a challenge's text puts in a
    /// sentence for a device of the kind ("the {device} shows…"), so the catalogues translate it.
    pub fn id(self) -> &'static str {
        match self {
            DeviceKind::Laptop => en("laptop"),
            DeviceKind::Phone => en("phone"),
            DeviceKind::Tablet => en("tablet"),
            DeviceKind::Desktop => en("desktop"),
        }
    }

    /// The name of its own an id gives its device (a challenge's `slate`, `work-laptop` → "work laptop"), or none
    /// when the id is the kind's (`laptop`, `laptop-2`), which people call by the kind and its number.
    pub fn own_name(self, id: &str) -> Option<String> {
        let stem = match id_number(id) {
            Some(n) => id.get(..id.len() - n.len() - 1).unwrap_or(id),
            None => id,
        };
        (!stem.is_empty() && !stem.eq_ignore_ascii_case(self.id())).then(|| spoken(id))
    }
}

/// A device id as words say it: `work-laptop` → "work laptop".
pub fn spoken(id: &str) -> String {
    id.replace('-', " ")
}

/// The number a kind's id ends with when there are several of the kind: `phone-2` → `2`.
pub fn id_number(id: &str) -> Option<&str> {
    match id.rsplit_once('-') {
        Some((_, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => Some(n),
        _ => None,
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

/// How a device's mail client is set up: which protocol, with that protocol's settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ClientSetup {
    Pop3(Pop3Settings),
    Imap {
        sync_mode: SyncMode,
        delete_model: DeleteModel,
        use_qresync: bool,
    },
}

impl ClientSetup {
    pub fn protocol(&self) -> Protocol {
        match self {
            ClientSetup::Pop3(_) => Protocol::Pop3,
            ClientSetup::Imap { .. } => Protocol::Imap,
        }
    }

    /// POP3 as the default world's laptop has it: download, then delete from the server.
    pub fn pop3_download_and_delete() -> Self {
        ClientSetup::Pop3(Pop3Settings {
            leave_on_server: false,
            delete_after_days: None,
            delete_when_deleted_locally: false,
            headers_only: None,
            use_apop: false,
        })
    }

    /// POP3 leaving mail on the server, remembering UIDLs (Thunderbird's "Leave messages on server").
    pub fn pop3_leave_on_server(delete_after_days: Option<u32>) -> Self {
        ClientSetup::Pop3(Pop3Settings {
            leave_on_server: true,
            delete_after_days,
            delete_when_deleted_locally: true,
            headers_only: None,
            use_apop: false,
        })
    }

    pub fn imap(sync_mode: SyncMode) -> Self {
        ClientSetup::Imap {
            sync_mode,
            delete_model: DeleteModel::MoveToTrash,
            use_qresync: true,
        }
    }
}

/// What a device is, before anything happens to it: enough to build it again (share links, time travel).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSetup {
    /// Short, unique, safe for the DOM and URLs (`laptop`, `phone-2`).
    pub id: String,
    pub kind: DeviceKind,
    pub client: ClientSetup,
    /// One-way delay of its link to the server.
    pub latency: SimTime,
}

/// One message as a device holds it, whichever protocol brought it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalMessage {
    pub folder: String,
    pub message_id: String,
    pub subject: String,
    pub from: String,
    pub flags: Flags,
    /// Only headers (and maybe a few lines) were downloaded (POP3 TOP).
    pub headers_only: bool,
}

/// A message a device holds, borrowed: what its list is read from.
struct Held<'a> {
    folder: &'a str,
    message_id: &'a str,
    text: &'a str,
    flags: Flags,
    headers_only: bool,
}

/// A message a POP3 client downloaded: the device's own copy, whatever happens on the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pop3LocalMessage {
    pub uidl: String,
    pub message_id: String,
    pub text: String,
    pub flags: Flags,
    pub headers_only: bool,
}

/// A device's mail client and the mail it keeps.
pub enum DeviceClient {
    Pop3 {
        settings: Pop3Settings,
        /// The UIDL state between sessions (Thunderbird's popstate.dat).
        state: Pop3ClientState,
        /// The local folder: POP3 knows only INBOX, so everything lands here.
        messages: Vec<Pop3LocalMessage>,
    },
    /// The IMAP client owns its cache, which is the device's local mail.
    Imap(Box<ImapClient>),
}

/// A simulated device.
pub struct Device {
    pub id: String,
    pub kind: DeviceKind,
    pub online: bool,
    pub latency: SimTime,
    pub client: DeviceClient,
    /// The open connection to the server, if any.
    pub connection: Option<u64>,
    /// Fault armed by the user: the network fails just before the client's QUIT or LOGOUT.
    pub drop_before_quit: bool,
}

impl Device {
    pub fn from_setup(setup: &DeviceSetup, login: &str, password: &str) -> Self {
        let client = match &setup.client {
            ClientSetup::Pop3(settings) => DeviceClient::Pop3 {
                settings: settings.clone(),
                state: Pop3ClientState::default(),
                messages: Vec::new(),
            },
            ClientSetup::Imap {
                sync_mode,
                delete_model,
                use_qresync,
            } => {
                let mut settings = ClientSettings::new(login, password, *sync_mode);
                settings.delete_model = *delete_model;
                settings.use_qresync = *use_qresync;
                DeviceClient::Imap(Box::new(ImapClient::new(settings, ClientCache::default())))
            }
        };
        Device {
            id: setup.id.clone(),
            kind: setup.kind,
            online: true,
            latency: setup.latency,
            client,
            connection: None,
            drop_before_quit: false,
        }
    }

    pub fn protocol(&self) -> Protocol {
        match self.client {
            DeviceClient::Pop3 { .. } => Protocol::Pop3,
            DeviceClient::Imap(_) => Protocol::Imap,
        }
    }

    /// How many messages the device holds.
    pub fn local_message_count(&self) -> usize {
        match &self.client {
            DeviceClient::Pop3 { messages, .. } => messages.len(),
            DeviceClient::Imap(client) => client
                .cache
                .folders
                .values()
                .map(|f| f.messages.len())
                .sum(),
        }
    }

    /// The last `n` of [`Device::local_messages`], without reading the headers of the others.
    pub fn newest_local_messages(&self, n: usize) -> Vec<LocalMessage> {
        let skip = self.local_message_count().saturating_sub(n);
        self.local_messages_from(skip)
    }

    /// Every message the device holds, folder by folder, in a stable order.
    pub fn local_messages(&self) -> Vec<LocalMessage> {
        self.local_messages_from(0)
    }

    fn local_messages_from(&self, skip: usize) -> Vec<LocalMessage> {
        // Skipped before the headers are read: a card shows the newest few of hundreds.
        self.held()
            .skip(skip)
            .map(|held| LocalMessage {
                folder: held.folder.to_string(),
                message_id: held.message_id.to_string(),
                subject: header_value(held.text, "Subject").unwrap_or_default(),
                from: header_value(held.text, "From").unwrap_or_default(),
                flags: held.flags,
                headers_only: held.headers_only,
            })
            .collect()
    }

    /// Where, which and how marked each of the newest `n` messages is, without reading any header: what
    /// tells a view whether its list changed.
    pub fn newest_local_marks(&self, n: usize) -> Vec<(&str, &str, Flags)> {
        let skip = self.local_message_count().saturating_sub(n);
        self.held()
            .skip(skip)
            .map(|held| (held.folder, held.message_id, held.flags))
            .collect()
    }

    /// Every message the device holds, folder by folder, in a stable order, as borrowed.
    fn held(&self) -> Box<dyn Iterator<Item = Held<'_>> + '_> {
        match &self.client {
            DeviceClient::Pop3 { messages, .. } => Box::new(messages.iter().map(|m| Held {
                folder: "INBOX",
                message_id: &m.message_id,
                text: &m.text,
                flags: m.flags,
                headers_only: m.headers_only,
            })),
            DeviceClient::Imap(client) => {
                Box::new(client.cache.folders.iter().flat_map(|(folder, cache)| {
                    cache.messages.values().map(move |m| Held {
                        folder,
                        message_id: &m.message_id,
                        text: &m.text,
                        flags: m.flags,
                        headers_only: false,
                    })
                }))
            }
        }
    }

    /// The full text of a message the device holds.
    pub fn message_text(&self, folder: &str, message_id: &str) -> Option<String> {
        match &self.client {
            DeviceClient::Pop3 { messages, .. } => messages
                .iter()
                .find(|m| m.message_id == message_id)
                .map(|m| m.text.clone()),
            DeviceClient::Imap(client) => client
                .cache
                .folders
                .get(folder)
                .and_then(|f| f.messages.values().find(|m| m.message_id == message_id))
                .map(|m| m.text.clone()),
        }
    }

    /// User actions waiting for a connection (IMAP's offline queue; POP3's deletions to send).
    pub fn pending_actions(&self) -> usize {
        match &self.client {
            DeviceClient::Pop3 { state, .. } => state.deleted_locally.len(),
            DeviceClient::Imap(client) => client.cache.queue.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_of_the_kind_is_named_by_the_kind_and_any_other_by_itself() {
        assert_eq!(DeviceKind::Laptop.own_name("laptop"), None);
        assert_eq!(DeviceKind::Phone.own_name("phone-2"), None);
        assert_eq!(id_number("phone-2"), Some("2"));
        assert_eq!(id_number("work-laptop"), None);
        assert_eq!(
            DeviceKind::Tablet.own_name("slate").as_deref(),
            Some("slate")
        );
        assert_eq!(
            DeviceKind::Laptop.own_name("work-laptop").as_deref(),
            Some("work laptop")
        );
        assert_eq!(
            DeviceKind::Laptop.own_name("phone").as_deref(),
            Some("phone")
        );
    }
}
