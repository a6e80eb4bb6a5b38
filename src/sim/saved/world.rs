//! A saved world as JSON, in the same shape serde's derives give these types (externally tagged enums,
//! `SimTime` as milliseconds), so a file written either way reads either way: the names, and the writing.
//! Reading is in `world_read.rs`; unknown members are ignored there, missing ones named in the error.

use super::json::Value;
use crate::sim::device::{ClientSetup, DeviceKind};
use crate::sim::imap::{DeleteModel, SyncMode};
use crate::sim::saved::SavedWorld;
use crate::sim::session::WireProtocol;
use crate::sim::world::{Action, Fault, WorldSetup};
use std::fmt;

/// Where in the document a value was wrong, and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub path: String,
    pub expected: &'static str,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} should be {}", self.path, self.expected)
    }
}

impl std::error::Error for DecodeError {}

pub(super) const KINDS: [(&str, DeviceKind); 4] = [
    ("Laptop", DeviceKind::Laptop),
    ("Phone", DeviceKind::Phone),
    ("Tablet", DeviceKind::Tablet),
    ("Desktop", DeviceKind::Desktop),
];
pub(super) const DELETE_MODELS: [(&str, DeleteModel); 3] = [
    ("MoveToTrash", DeleteModel::MoveToTrash),
    ("MarkAsDeleted", DeleteModel::MarkAsDeleted),
    ("RemoveImmediately", DeleteModel::RemoveImmediately),
];
pub(super) const PROTOCOLS: [(&str, WireProtocol); 3] = [
    ("Smtp", WireProtocol::Smtp),
    ("Pop3", WireProtocol::Pop3),
    ("Imap", WireProtocol::Imap),
];

pub(crate) fn object(members: Vec<(&str, Value)>) -> Value {
    Value::Object(
        members
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect(),
    )
}

pub(crate) fn tagged(name: &str, content: Value) -> Value {
    object(vec![(name, content)])
}

pub(crate) fn text(s: &str) -> Value {
    Value::String(s.to_string())
}

pub(crate) fn number(n: impl Into<u64>) -> Value {
    Value::Number(n.into())
}

fn optional(n: Option<u64>) -> Value {
    n.map_or(Value::Null, Value::Number)
}

fn name_of<T: PartialEq + Copy>(table: &[(&'static str, T)], value: T) -> Value {
    text(
        table
            .iter()
            .find(|(_, v)| *v == value)
            .map_or("", |(n, _)| n),
    )
}

pub fn saved_world_to_value(saved: &SavedWorld) -> Value {
    object(vec![
        ("version", number(saved.version)),
        ("setup", setup_to_value(&saved.setup)),
        (
            "log",
            Value::Array(
                saved
                    .log
                    .iter()
                    .map(|a| {
                        object(vec![
                            ("moment", number(a.moment as u64)),
                            ("at", number(a.at.millis())),
                            ("action", action_to_value(&a.action)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("moment", number(saved.moment as u64)),
        ("now", number(saved.now.millis())),
    ])
}

pub(crate) fn setup_to_value(setup: &WorldSetup) -> Value {
    object(vec![
        ("seed", number(setup.seed)),
        (
            "devices",
            Value::Array(
                setup
                    .devices
                    .iter()
                    .map(|d| {
                        object(vec![
                            ("id", text(&d.id)),
                            ("kind", name_of(&KINDS, d.kind)),
                            ("client", client_to_value(&d.client)),
                            ("latency", number(d.latency.millis())),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("generated_messages", number(setup.generated_messages)),
        ("quota_bytes", optional(setup.quota_bytes.map(|q| q as u64))),
    ])
}

fn client_to_value(client: &ClientSetup) -> Value {
    match client {
        ClientSetup::Pop3(s) => tagged(
            "Pop3",
            object(vec![
                ("leave_on_server", Value::Bool(s.leave_on_server)),
                (
                    "delete_after_days",
                    optional(s.delete_after_days.map(u64::from)),
                ),
                (
                    "delete_when_deleted_locally",
                    Value::Bool(s.delete_when_deleted_locally),
                ),
                ("headers_only", optional(s.headers_only.map(u64::from))),
                ("use_apop", Value::Bool(s.use_apop)),
            ]),
        ),
        ClientSetup::Imap {
            sync_mode,
            delete_model,
            use_qresync,
        } => tagged(
            "Imap",
            object(vec![
                (
                    "sync_mode",
                    match sync_mode {
                        SyncMode::PushWithIdle => text("PushWithIdle"),
                        SyncMode::PollEveryMinutes(m) => tagged("PollEveryMinutes", number(*m)),
                    },
                ),
                ("delete_model", name_of(&DELETE_MODELS, *delete_model)),
                ("use_qresync", Value::Bool(*use_qresync)),
            ]),
        ),
    }
}

pub(crate) fn action_to_value(action: &Action) -> Value {
    let on_message = |name, device: &str, folder: &str, message_id: &str| {
        tagged(
            name,
            object(vec![
                ("device", text(device)),
                ("folder", text(folder)),
                ("message_id", text(message_id)),
            ]),
        )
    };
    let on_device = |name, device: &str| tagged(name, object(vec![("device", text(device))]));
    match action {
        Action::CheckMail { device } => on_device("CheckMail", device),
        Action::ToggleOnline { device } => on_device("ToggleOnline", device),
        Action::RemoveDevice { device } => on_device("RemoveDevice", device),
        Action::OpenMessage {
            device,
            folder,
            message_id,
        } => on_message("OpenMessage", device, folder, message_id),
        Action::DeleteMessage {
            device,
            folder,
            message_id,
        } => on_message("DeleteMessage", device, folder, message_id),
        Action::ToggleFlag {
            device,
            folder,
            message_id,
        } => on_message("ToggleFlag", device, folder, message_id),
        Action::MoveMessage {
            device,
            folder,
            message_id,
            to,
        } => tagged(
            "MoveMessage",
            object(vec![
                ("device", text(device)),
                ("folder", text(folder)),
                ("message_id", text(message_id)),
                ("to", text(to)),
            ]),
        ),
        Action::SendMail {
            from,
            subject,
            body,
        } => tagged(
            "SendMail",
            object(vec![
                ("from", text(from)),
                ("subject", text(subject)),
                ("body", text(body)),
            ]),
        ),
        Action::AddDevice { kind, client } => tagged(
            "AddDevice",
            object(vec![
                ("kind", name_of(&KINDS, *kind)),
                ("client", client_to_value(client)),
            ]),
        ),
        Action::ConfigureDevice { device, client } => tagged(
            "ConfigureDevice",
            object(vec![
                ("device", text(device)),
                ("client", client_to_value(client)),
            ]),
        ),
        Action::WarpDays { days } => tagged("WarpDays", object(vec![("days", number(*days))])),
        Action::InjectFault { fault } => {
            let fault = match fault {
                Fault::DropBeforeQuit { device } => on_device("DropBeforeQuit", device),
                Fault::UidlStateLost { device } => on_device("UidlStateLost", device),
                Fault::MaildropLocked => text("MaildropLocked"),
                Fault::UidValidityReset => text("UidValidityReset"),
                Fault::MailboxOverQuota => text("MailboxOverQuota"),
            };
            tagged("InjectFault", object(vec![("fault", fault)]))
        }
        Action::InjectRandomFault => text("InjectRandomFault"),
        Action::TypeTerminalLine { protocol, line } => tagged(
            "TypeTerminalLine",
            object(vec![
                ("protocol", name_of(&PROTOCOLS, *protocol)),
                ("line", text(line)),
            ]),
        ),
    }
}
