//! What a user can do to the world. Each action is checked first: a bad one is refused with a reason and
//! changes nothing.

use super::setup::{validate_device, SetupError, MAX_DEVICES};
use super::{Fault, Happening, World, WorldEvent, ADDRESS, LOGIN, PHANTOM_SESSION};
use crate::sim::device::{ClientSetup, Device, DeviceClient, DeviceKind, DeviceSetup, Protocol};
use crate::sim::imap::UserAction;
use crate::sim::mail::{Flag, MessageDraft};
use crate::sim::session::Direction;
use crate::sim::session::WireProtocol;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How long the phantom POP3 session of `MaildropLocked` holds the lock (RFC 1939 §3's autologout minimum).
const PHANTOM_LOCK: SimTime = SimTime::from_minutes(10);
/// Limits on what a user may type, so nothing pasted can swamp the page.
pub const MAX_TERMINAL_LINE: usize = 1_000;
pub const MAX_SUBJECT: usize = 200;
pub const MAX_BODY: usize = 20_000;
pub const MAX_WARP_DAYS: u32 = 365;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    CheckMail {
        device: String,
    },
    ToggleOnline {
        device: String,
    },
    OpenMessage {
        device: String,
        folder: String,
        message_id: String,
    },
    DeleteMessage {
        device: String,
        folder: String,
        message_id: String,
    },
    ToggleFlag {
        device: String,
        folder: String,
        message_id: String,
    },
    MoveMessage {
        device: String,
        folder: String,
        message_id: String,
        to: String,
    },
    /// The outside sender mails alice by SMTP.
    SendMail {
        from: String,
        subject: String,
        body: String,
    },
    AddDevice {
        kind: DeviceKind,
        client: ClientSetup,
    },
    RemoveDevice {
        device: String,
    },
    ConfigureDevice {
        device: String,
        client: ClientSetup,
    },
    /// "N days later": finishes what is on the wire, then jumps; devices sleep through it and wake once.
    WarpDays {
        days: u32,
    },
    InjectFault {
        fault: Fault,
    },
    /// The seeded injector picks a fault and a device.
    InjectRandomFault,
    /// A raw line typed into the terminal, sent as is to the server's POP3, IMAP or SMTP port.
    TypeTerminalLine {
        protocol: WireProtocol,
        line: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionError {
    NoSuchDevice(String),
    NoSuchMessage {
        device: String,
        message_id: String,
    },
    DeviceOffline(String),
    TooManyDevices,
    LastDevice,
    BadSetup(SetupError),
    TooLong {
        what: &'static str,
        limit: usize,
    },
    BadLine,
    BadWarp(u32),
    NotForThisProtocol,
    /// Queued actions were made under the current delete model; they must reach the server first.
    ActionsPending(String),
}

impl fmt::Display for ActionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ActionError::NoSuchDevice(d) => write!(f, "there is no device “{d}”"),
            ActionError::NoSuchMessage { device, message_id } => {
                write!(f, "{device} holds no message “{message_id}”")
            }
            ActionError::DeviceOffline(d) => write!(f, "{d} is offline: bring it online first"),
            ActionError::TooManyDevices => write!(f, "a world holds at most {MAX_DEVICES} devices"),
            ActionError::LastDevice => write!(f, "the last device cannot be removed"),
            ActionError::BadSetup(e) => write!(f, "{e}"),
            ActionError::TooLong { what, limit } => {
                write!(f, "the {what} is longer than {limit} characters")
            }
            ActionError::BadLine => write!(
                f,
                "a command line cannot hold line breaks or control characters"
            ),
            ActionError::BadWarp(days) => write!(f, "{days} days is outside 1 to {MAX_WARP_DAYS}"),
            ActionError::NotForThisProtocol => {
                write!(f, "that does not apply to this device's protocol")
            }
            ActionError::ActionsPending(d) => write!(
                f,
                "{d} has actions waiting for the network: bring it online before changing its settings"
            ),
        }
    }
}

impl std::error::Error for ActionError {}

impl World {
    /// Processes everything due up to `now`, then applies the action. A refused action changes nothing.
    pub fn handle_action(&mut self, action: Action, now: SimTime) -> Result<(), ActionError> {
        self.advance_to(now);
        self.check(&action)?;
        self.moments += 1;
        self.apply(action);
        Ok(())
    }

    fn index_of(&self, device: &str) -> Result<usize, ActionError> {
        self.devices
            .iter()
            .position(|d| d.id == device)
            .ok_or_else(|| ActionError::NoSuchDevice(device.to_string()))
    }

    /// Everything that can refuse an action, before anything changes.
    fn check(&self, action: &Action) -> Result<(), ActionError> {
        match action {
            Action::CheckMail { device } => {
                let i = self.index_of(device)?;
                if !self.devices[i].online {
                    return Err(ActionError::DeviceOffline(device.clone()));
                }
            }
            Action::ToggleOnline { device } | Action::RemoveDevice { device } => {
                self.index_of(device)?;
                if matches!(action, Action::RemoveDevice { .. }) && self.devices.len() == 1 {
                    return Err(ActionError::LastDevice);
                }
            }
            Action::OpenMessage {
                device,
                folder,
                message_id,
            }
            | Action::DeleteMessage {
                device,
                folder,
                message_id,
            }
            | Action::ToggleFlag {
                device,
                folder,
                message_id,
            }
            | Action::MoveMessage {
                device,
                folder,
                message_id,
                ..
            } => {
                let i = self.index_of(device)?;
                if self.devices[i].message_text(folder, message_id).is_none() {
                    return Err(ActionError::NoSuchMessage {
                        device: device.clone(),
                        message_id: message_id.clone(),
                    });
                }
                if matches!(action, Action::MoveMessage { .. })
                    && self.devices[i].protocol().id() == "pop3"
                {
                    return Err(ActionError::NotForThisProtocol);
                }
            }
            Action::SendMail {
                from,
                subject,
                body,
            } => {
                limit("sender", from, MAX_SUBJECT)?;
                limit("subject", subject, MAX_SUBJECT)?;
                limit("message", body, MAX_BODY)?;
            }
            Action::AddDevice { kind, client } => {
                if self.devices.len() >= MAX_DEVICES {
                    return Err(ActionError::TooManyDevices);
                }
                let setup = DeviceSetup {
                    id: self.fresh_device_id(*kind),
                    kind: *kind,
                    client: client.clone(),
                    latency: super::DEFAULT_LATENCY,
                };
                validate_device(&setup).map_err(ActionError::BadSetup)?;
            }
            Action::ConfigureDevice { device, client } => {
                let i = self.index_of(device)?;
                if self.devices[i].pending_actions() > 0
                    && self.devices[i].protocol() == Protocol::Imap
                {
                    return Err(ActionError::ActionsPending(device.clone()));
                }
                let setup = DeviceSetup {
                    id: device.clone(),
                    kind: self.devices[i].kind,
                    client: client.clone(),
                    latency: self.devices[i].latency,
                };
                validate_device(&setup).map_err(ActionError::BadSetup)?;
            }
            Action::WarpDays { days } => {
                if !(1..=MAX_WARP_DAYS).contains(days) {
                    return Err(ActionError::BadWarp(*days));
                }
            }
            Action::InjectFault { fault } => match fault {
                Fault::DropBeforeQuit { device } => {
                    self.index_of(device)?;
                }
                Fault::UidlStateLost { device } => {
                    let i = self.index_of(device)?;
                    if !matches!(self.devices[i].client, DeviceClient::Pop3 { .. }) {
                        return Err(ActionError::NotForThisProtocol);
                    }
                }
                Fault::MaildropLocked | Fault::UidValidityReset | Fault::MailboxOverQuota => {}
            },
            Action::InjectRandomFault => {}
            Action::TypeTerminalLine { line, .. } => {
                limit("command line", line, MAX_TERMINAL_LINE)?;
                if line.chars().any(|c| c.is_control() && c != '\t') {
                    return Err(ActionError::BadLine);
                }
            }
        }
        Ok(())
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::CheckMail { device } => {
                if let Ok(i) = self.index_of(&device) {
                    self.connect_device(i);
                }
            }
            Action::ToggleOnline { device } => self.toggle_online(&device),
            Action::OpenMessage {
                device,
                folder,
                message_id,
            } => self.act_on_message(&device, &folder, &message_id, MessageVerb::Open),
            Action::DeleteMessage {
                device,
                folder,
                message_id,
            } => self.act_on_message(&device, &folder, &message_id, MessageVerb::Delete),
            Action::ToggleFlag {
                device,
                folder,
                message_id,
            } => self.act_on_message(&device, &folder, &message_id, MessageVerb::ToggleFlag),
            Action::MoveMessage {
                device,
                folder,
                message_id,
                to,
            } => self.act_on_message(&device, &folder, &message_id, MessageVerb::MoveTo(to)),
            Action::SendMail {
                from,
                subject,
                body,
            } => {
                self.mail_sent += 1;
                let draft = MessageDraft {
                    from,
                    to: format!("Alice <{ADDRESS}>"),
                    subject,
                    body,
                    message_id: format!("{}.{:x}@sender.example", self.mail_sent, self.setup.seed),
                };
                self.send_from_outside(&draft);
            }
            Action::AddDevice { kind, client } => {
                let setup = DeviceSetup {
                    id: self.fresh_device_id(kind),
                    kind,
                    client,
                    latency: super::DEFAULT_LATENCY,
                };
                self.emit(WorldEvent::DeviceAdded {
                    device: setup.id.clone(),
                });
                self.devices
                    .push(Device::from_setup(&setup, LOGIN, super::PASSWORD));
            }
            Action::RemoveDevice { device } => {
                if let Ok(i) = self.index_of(&device) {
                    if let Some(connection) = self.devices[i].connection {
                        self.drop_connection(connection);
                    }
                    self.devices.remove(i);
                    self.emit(WorldEvent::DeviceRemoved { device });
                }
            }
            Action::ConfigureDevice { device, client } => self.configure(&device, client),
            Action::WarpDays { days } => {
                // Conversations on the wire finish first; then everyone sleeps through the days.
                while self.lines_in_flight() && self.step() {}
                self.now = self.now.saturating_add(SimTime::from_days(days.into()));
                self.emit(WorldEvent::TimeWarped { days });
            }
            Action::InjectFault { fault } => self.inject(fault),
            Action::InjectRandomFault => {
                let fault = self.random_fault();
                self.inject(fault);
            }
            Action::TypeTerminalLine { protocol, line } => {
                let connection = self.terminal_connection(protocol);
                self.transmit(
                    connection,
                    Direction::ClientToServer,
                    &line,
                    super::wire::gap_for(1),
                );
            }
        }
    }

    /// `laptop`, then `laptop-2`, `laptop-3`, ...
    fn fresh_device_id(&self, kind: DeviceKind) -> String {
        let base = kind.id();
        (1..)
            .map(|n| {
                if n == 1 {
                    base.to_string()
                } else {
                    format!("{base}-{n}")
                }
            })
            .find(|id| self.devices.iter().all(|d| d.id != *id))
            .unwrap_or_else(|| base.to_string())
    }

    fn toggle_online(&mut self, device: &str) {
        let Ok(i) = self.index_of(device) else { return };
        if self.devices[i].online {
            if let Some(connection) = self.devices[i].connection {
                self.drop_connection(connection);
            }
            self.devices[i].online = false;
            self.emit(WorldEvent::DeviceWentOffline {
                device: device.to_string(),
            });
        } else {
            self.devices[i].online = true;
            self.emit(WorldEvent::DeviceWentOnline {
                device: device.to_string(),
            });
            // A device with work waiting (IMAP push, or queued actions) reconnects as soon as it can.
            let push = matches!(&self.devices[i].client, DeviceClient::Imap(c)
                if c.settings.sync_mode == crate::sim::imap::SyncMode::PushWithIdle);
            if push
                || self.devices[i].pending_actions() > 0
                    && self.devices[i].protocol().id() == "imap"
            {
                self.connect_device(i);
            }
        }
    }

    fn act_on_message(&mut self, device: &str, folder: &str, message_id: &str, verb: MessageVerb) {
        let Ok(i) = self.index_of(device) else { return };
        let now = self.now;
        match &mut self.devices[i].client {
            DeviceClient::Pop3 {
                settings,
                state,
                messages,
            } => {
                let Some(pos) = messages.iter().position(|m| m.message_id == message_id) else {
                    return;
                };
                match verb {
                    MessageVerb::Open => messages[pos].flags.insert(Flag::Seen),
                    MessageVerb::ToggleFlag => {
                        if messages[pos].flags.contains(Flag::Flagged) {
                            messages[pos].flags.remove(Flag::Flagged)
                        } else {
                            messages[pos].flags.insert(Flag::Flagged)
                        }
                    }
                    MessageVerb::Delete => {
                        let removed = messages.remove(pos);
                        // Only a copy left on the server can be deleted there later (Thunderbird's option).
                        if settings.leave_on_server && settings.delete_when_deleted_locally {
                            state.mark_deleted_locally(&removed.uidl);
                            self.emit(WorldEvent::ActionQueued {
                                device: device.to_string(),
                            });
                        }
                    }
                    MessageVerb::MoveTo(_) => {}
                }
            }
            DeviceClient::Imap(client) => {
                let Some(cached) = client
                    .cache
                    .folders
                    .get(folder)
                    .and_then(|f| f.messages.values().find(|m| m.message_id == message_id))
                else {
                    return;
                };
                let (uid, flags, folder) = (cached.uid, cached.flags, folder.to_string());
                let user_action = match verb {
                    MessageVerb::Open if flags.contains(Flag::Seen) => return,
                    MessageVerb::Open => UserAction::MarkRead { folder, uid },
                    MessageVerb::ToggleFlag if flags.contains(Flag::Flagged) => {
                        UserAction::Unflag { folder, uid }
                    }
                    MessageVerb::ToggleFlag => UserAction::Flag { folder, uid },
                    MessageVerb::Delete => UserAction::Delete { folder, uid },
                    MessageVerb::MoveTo(to) => UserAction::MoveTo { folder, uid, to },
                };
                client.apply(user_action, now);
                match self.devices[i].connection {
                    Some(connection) => self.pump_client(connection),
                    None if self.devices[i].online => self.connect_device(i),
                    None => self.emit(WorldEvent::ActionQueued {
                        device: device.to_string(),
                    }),
                }
            }
        }
    }

    fn configure(&mut self, device: &str, client: ClientSetup) {
        let Ok(i) = self.index_of(device) else { return };
        if let Some(connection) = self.devices[i].connection {
            self.drop_connection(connection);
        }
        let d = &mut self.devices[i];
        match (&mut d.client, &client) {
            // The same protocol keeps the device's mail and state; only the settings change.
            (DeviceClient::Pop3 { settings, .. }, ClientSetup::Pop3(new)) => {
                *settings = new.clone()
            }
            (
                DeviceClient::Imap(imap),
                ClientSetup::Imap {
                    sync_mode,
                    delete_model,
                    use_qresync,
                },
            ) => {
                imap.settings.sync_mode = *sync_mode;
                imap.settings.delete_model = *delete_model;
                imap.settings.use_qresync = *use_qresync;
            }
            _ => {
                let setup = DeviceSetup {
                    id: d.id.clone(),
                    kind: d.kind,
                    client,
                    latency: d.latency,
                };
                let online = d.online;
                *d = Device::from_setup(&setup, LOGIN, super::PASSWORD);
                d.online = online;
            }
        }
        self.emit(WorldEvent::DeviceReconfigured {
            device: device.to_string(),
        });
    }

    fn inject(&mut self, fault: Fault) {
        match &fault {
            Fault::DropBeforeQuit { device } => {
                if let Ok(i) = self.index_of(device) {
                    self.devices[i].drop_before_quit = true;
                }
            }
            Fault::MaildropLocked => {
                if let Some(account) = self.store.account_mut(LOGIN) {
                    if account.pop3_lock.is_none() {
                        account.pop3_lock = Some(PHANTOM_SESSION);
                    }
                }
                self.schedule(
                    self.now.saturating_add(PHANTOM_LOCK),
                    Happening::MaildropLockReleased,
                );
            }
            Fault::UidValidityReset => {
                let _ = self.store.reset_uid_validity(LOGIN, "INBOX");
                // As after a server restore: every IMAP connection is cut, and push clients come back at once
                // to find a new UIDVALIDITY (RFC 3501 §2.3.1.1).
                let imap: Vec<u64> = self
                    .connections
                    .iter()
                    .filter(|(_, c)| c.protocol == WireProtocol::Imap)
                    .map(|(id, _)| *id)
                    .collect();
                for id in imap {
                    self.drop_connection(id);
                }
                for i in 0..self.devices.len() {
                    let push = matches!(&self.devices[i].client, DeviceClient::Imap(c)
                        if c.settings.sync_mode == crate::sim::imap::SyncMode::PushWithIdle);
                    if push && self.devices[i].online && self.devices[i].connection.is_none() {
                        self.connect_device(i);
                    }
                }
            }
            Fault::UidlStateLost { device } => {
                if let Ok(i) = self.index_of(device) {
                    if let DeviceClient::Pop3 { state, .. } = &mut self.devices[i].client {
                        *state = Default::default();
                    }
                }
            }
            Fault::MailboxOverQuota => {
                if let Some(account) = self.store.account_mut(LOGIN) {
                    account.quota_bytes = Some(account.used_bytes());
                }
            }
        }
        self.emit(WorldEvent::FaultInjected { fault });
    }

    fn random_fault(&mut self) -> Fault {
        let pick = self.next_random();
        let device = self.devices[(pick >> 8) as usize % self.devices.len()]
            .id
            .clone();
        let pop3_device = self
            .devices
            .iter()
            .find(|d| matches!(d.client, DeviceClient::Pop3 { .. }))
            .map(|d| d.id.clone());
        match (pick % 5, pop3_device) {
            (0, _) => Fault::DropBeforeQuit { device },
            (1, _) => Fault::MaildropLocked,
            (2, _) => Fault::UidValidityReset,
            (3, Some(device)) => Fault::UidlStateLost { device },
            _ => Fault::MailboxOverQuota,
        }
    }
}

enum MessageVerb {
    Open,
    Delete,
    ToggleFlag,
    MoveTo(String),
}

fn limit(what: &'static str, value: &str, limit: usize) -> Result<(), ActionError> {
    if value.chars().count() > limit {
        Err(ActionError::TooLong { what, limit })
    } else {
        Ok(())
    }
}
