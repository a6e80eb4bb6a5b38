//! Reading a saved world's JSON value back into its types, naming the path of whatever is wrong.

use super::json::Value;
use super::world::{DecodeError, DELETE_MODELS, KINDS, PROTOCOLS};
use crate::sim::device::{ClientSetup, DeviceKind, DeviceSetup};
use crate::sim::imap::SyncMode;
use crate::sim::pop3::client::Pop3Settings;
use crate::sim::saved::{LoggedAction, SavedWorld};
use crate::sim::time::SimTime;
use crate::sim::world::{Action, Fault, WorldSetup};

pub(crate) type Decoded<T> = Result<T, DecodeError>;

/// A value and where it sits in the document, for errors.
pub(crate) struct At<'a> {
    pub(crate) value: &'a Value,
    path: String,
}

impl<'a> At<'a> {
    /// The document itself, for errors named from its top.
    pub(crate) fn root(value: &'a Value) -> At<'a> {
        At {
            value,
            path: String::new(),
        }
    }

    pub(crate) fn fail<T>(&self, expected: &'static str) -> Decoded<T> {
        Err(DecodeError {
            path: if self.path.is_empty() {
                "the document".to_string()
            } else {
                self.path.clone()
            },
            expected,
        })
    }

    pub(crate) fn child(&self, name: &str, value: &'a Value) -> At<'a> {
        let path = if self.path.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.path)
        };
        At { value, path }
    }

    /// A member, `None` if missing or null.
    pub(crate) fn optional(&self, name: &str) -> Decoded<Option<At<'a>>> {
        let Value::Object(members) = self.value else {
            return self.fail("an object");
        };
        Ok(members
            .iter()
            .find(|(n, v)| n == name && *v != Value::Null)
            .map(|(_, value)| self.child(name, value)))
    }

    /// A member that must be there.
    pub(crate) fn member(&self, name: &str) -> Decoded<At<'a>> {
        match self.optional(name)? {
            Some(found) => Ok(found),
            None => self.child(name, &Value::Null).fail("present"),
        }
    }

    pub(crate) fn items(&self) -> Decoded<Vec<At<'a>>> {
        let Value::Array(items) = self.value else {
            return self.fail("a list");
        };
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| At {
                value,
                path: format!("{}[{i}]", self.path),
            })
            .collect())
    }

    pub(crate) fn number(&self) -> Decoded<u64> {
        match self.value {
            Value::Number(n) => Ok(*n),
            _ => self.fail("a whole number"),
        }
    }

    pub(crate) fn small(&self) -> Decoded<u32> {
        u32::try_from(self.number()?).or_else(|_| self.fail("a number below 4294967296"))
    }

    pub(crate) fn size(&self) -> Decoded<usize> {
        usize::try_from(self.number()?).or_else(|_| self.fail("a smaller number"))
    }

    pub(crate) fn time(&self) -> Decoded<SimTime> {
        self.number().map(SimTime::from_millis)
    }

    pub(crate) fn string(&self) -> Decoded<String> {
        match self.value {
            Value::String(s) => Ok(s.clone()),
            _ => self.fail("a string"),
        }
    }

    pub(crate) fn boolean(&self) -> Decoded<bool> {
        match self.value {
            Value::Bool(b) => Ok(*b),
            _ => self.fail("true or false"),
        }
    }

    /// An externally tagged enum value: `"Name"` or `{"Name": content}` (content `{}` when absent).
    pub(crate) fn variant(&self) -> Decoded<(&'a str, At<'a>)> {
        static EMPTY: Value = Value::Object(Vec::new());
        match self.value {
            Value::String(name) => Ok((name, self.child(name, &EMPTY))),
            Value::Object(members) if members.len() == 1 => {
                let (name, content) = &members[0];
                Ok((name, self.child(name, content)))
            }
            _ => self.fail("a name or an object with one member"),
        }
    }

    pub(crate) fn named<T: Copy>(&self, table: &[(&str, T)], expected: &'static str) -> Decoded<T> {
        match self.value {
            Value::String(name) => match table.iter().find(|(n, _)| n == name) {
                Some((_, v)) => Ok(*v),
                None => self.fail(expected),
            },
            _ => self.fail(expected),
        }
    }

    pub(crate) fn kind(&self) -> Decoded<DeviceKind> {
        self.named(&KINDS, "Laptop, Phone, Tablet or Desktop")
    }
}

pub fn saved_world_from_value(value: &Value) -> Decoded<SavedWorld> {
    let at = At {
        value,
        path: String::new(),
    };
    let version = at.member("version")?.small()?;
    let log = at
        .member("log")?
        .items()?
        .iter()
        .map(|entry| {
            Ok(LoggedAction {
                moment: entry.member("moment")?.size()?,
                at: entry.member("at")?.time()?,
                action: action_from(&entry.member("action")?)?,
            })
        })
        .collect::<Decoded<Vec<_>>>()?;
    Ok(SavedWorld {
        version,
        setup: setup_from(&at.member("setup")?)?,
        log,
        moment: at.member("moment")?.size()?,
        now: at.member("now")?.time()?,
    })
}

/// The format version a document says it has, read before anything else: a newer format may differ in
/// any other way.
pub fn version_of(value: &Value) -> Option<u64> {
    match value {
        Value::Object(members) => members.iter().find_map(|(n, v)| match (n.as_str(), v) {
            ("version", Value::Number(version)) => Some(*version),
            _ => None,
        }),
        _ => None,
    }
}

pub(crate) fn setup_from(at: &At) -> Decoded<WorldSetup> {
    let devices = at
        .member("devices")?
        .items()?
        .iter()
        .map(|device| {
            Ok(DeviceSetup {
                id: device.member("id")?.string()?,
                kind: device.member("kind")?.kind()?,
                client: client_from(&device.member("client")?)?,
                latency: device.member("latency")?.time()?,
            })
        })
        .collect::<Decoded<Vec<_>>>()?;
    Ok(WorldSetup {
        seed: at.member("seed")?.number()?,
        devices,
        generated_messages: at
            .optional("generated_messages")?
            .map(|n| n.small())
            .transpose()?
            .unwrap_or(0),
        quota_bytes: at.optional("quota_bytes")?.map(|n| n.size()).transpose()?,
    })
}

fn client_from(at: &At) -> Decoded<ClientSetup> {
    let (name, inner) = at.variant()?;
    let optional_small = |name: &str| -> Decoded<Option<u32>> {
        inner.optional(name)?.map(|n| n.small()).transpose()
    };
    match name {
        "Pop3" => Ok(ClientSetup::Pop3(Pop3Settings {
            leave_on_server: inner.member("leave_on_server")?.boolean()?,
            delete_after_days: optional_small("delete_after_days")?,
            delete_when_deleted_locally: inner.member("delete_when_deleted_locally")?.boolean()?,
            headers_only: optional_small("headers_only")?,
            use_apop: inner.member("use_apop")?.boolean()?,
        })),
        "Imap" => {
            let mode = inner.member("sync_mode")?;
            let sync_mode = match mode.variant()? {
                ("PushWithIdle", _) => SyncMode::PushWithIdle,
                ("PollEveryMinutes", minutes) => SyncMode::PollEveryMinutes(minutes.small()?),
                _ => return mode.fail("\"PushWithIdle\" or {\"PollEveryMinutes\": n}"),
            };
            Ok(ClientSetup::Imap {
                sync_mode,
                delete_model: inner.member("delete_model")?.named(
                    &DELETE_MODELS,
                    "MoveToTrash, MarkAsDeleted or RemoveImmediately",
                )?,
                use_qresync: inner.member("use_qresync")?.boolean()?,
            })
        }
        _ => at.fail("{\"Pop3\": …} or {\"Imap\": …}"),
    }
}

pub(crate) fn action_from(at: &At) -> Decoded<Action> {
    let (name, inner) = at.variant()?;
    let text = |member: &str| inner.member(member)?.string();
    Ok(match name {
        "CheckMail" => Action::CheckMail {
            device: text("device")?,
        },
        "ToggleOnline" => Action::ToggleOnline {
            device: text("device")?,
        },
        "RemoveDevice" => Action::RemoveDevice {
            device: text("device")?,
        },
        "OpenMessage" => Action::OpenMessage {
            device: text("device")?,
            folder: text("folder")?,
            message_id: text("message_id")?,
        },
        "DeleteMessage" => Action::DeleteMessage {
            device: text("device")?,
            folder: text("folder")?,
            message_id: text("message_id")?,
        },
        "ToggleFlag" => Action::ToggleFlag {
            device: text("device")?,
            folder: text("folder")?,
            message_id: text("message_id")?,
        },
        "MoveMessage" => Action::MoveMessage {
            device: text("device")?,
            folder: text("folder")?,
            message_id: text("message_id")?,
            to: text("to")?,
        },
        "SendMail" => Action::SendMail {
            from: text("from")?,
            subject: text("subject")?,
            body: text("body")?,
        },
        "AddDevice" => Action::AddDevice {
            kind: inner.member("kind")?.kind()?,
            client: client_from(&inner.member("client")?)?,
        },
        "ConfigureDevice" => Action::ConfigureDevice {
            device: text("device")?,
            client: client_from(&inner.member("client")?)?,
        },
        "WarpDays" => Action::WarpDays {
            days: inner.member("days")?.small()?,
        },
        "InjectFault" => {
            let fault = inner.member("fault")?;
            let (fault_name, details) = fault.variant()?;
            Action::InjectFault {
                fault: match fault_name {
                    "DropBeforeQuit" => Fault::DropBeforeQuit {
                        device: details.member("device")?.string()?,
                    },
                    "UidlStateLost" => Fault::UidlStateLost {
                        device: details.member("device")?.string()?,
                    },
                    "MaildropLocked" => Fault::MaildropLocked,
                    "UidValidityReset" => Fault::UidValidityReset,
                    "MailboxOverQuota" => Fault::MailboxOverQuota,
                    _ => return fault.fail("a fault Mailroom knows"),
                },
            }
        }
        "InjectRandomFault" => Action::InjectRandomFault,
        "TypeTerminalLine" => Action::TypeTerminalLine {
            protocol: inner
                .member("protocol")?
                .named(&PROTOCOLS, "Smtp, Pop3 or Imap")?,
            line: text("line")?,
        },
        _ => return at.fail("an action Mailroom knows"),
    })
}
