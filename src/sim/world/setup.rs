//! What a world starts from: the devices and the mail on the server. With the action log it rebuilds any
//! moment of a session exactly, so it is what share links and saved files carry.

use crate::sim::device::{ClientSetup, DeviceKind, DeviceSetup};
use crate::sim::imap::SyncMode;
use crate::sim::time::SimTime;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most devices a world holds (the page has room for eight around the server).
pub const MAX_DEVICES: usize = 8;
/// The most generated messages a setup may ask for, so a hostile link cannot exhaust memory.
pub const MAX_GENERATED_MESSAGES: u32 = 10_000;

/// The default one-way latency of a device's link: slow enough to watch a line travel at 1×.
pub const DEFAULT_LATENCY: SimTime = SimTime::from_millis(600);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorldSetup {
    /// Seeds the fault injector; nothing else in the world is random.
    pub seed: u64,
    pub devices: Vec<DeviceSetup>,
    /// Extra generated messages in INBOX besides the default three.
    #[serde(default)]
    pub generated_messages: u32,
    /// The account's quota in octets, if any.
    #[serde(default)]
    pub quota_bytes: Option<usize>,
}

impl Default for WorldSetup {
    /// docs/hooks.md's default world: a POP3 laptop that downloads and deletes, an IMAP phone with IDLE push,
    /// an IMAP tablet that polls.
    fn default() -> Self {
        let device = |id: &str, kind, client| DeviceSetup {
            id: id.to_string(),
            kind,
            client,
            latency: DEFAULT_LATENCY,
        };
        WorldSetup {
            seed: 1,
            devices: vec![
                device(
                    "laptop",
                    DeviceKind::Laptop,
                    ClientSetup::pop3_download_and_delete(),
                ),
                device(
                    "phone",
                    DeviceKind::Phone,
                    ClientSetup::imap(SyncMode::PushWithIdle),
                ),
                device(
                    "tablet",
                    DeviceKind::Tablet,
                    ClientSetup::imap(SyncMode::PollEveryMinutes(10)),
                ),
            ],
            generated_messages: 0,
            quota_bytes: None,
        }
    }
}

impl WorldSetup {
    /// What the page does as it opens a world for free play: every device that pushes (IMAP IDLE) checks
    /// mail, so it is connected and idling, and a mail sent at once reaches it (a real action, logged and
    /// replayed like any other).
    pub fn opening_actions(&self) -> Vec<super::Action> {
        self.devices
            .iter()
            .filter(|d| {
                matches!(
                    d.client,
                    ClientSetup::Imap {
                        sync_mode: SyncMode::PushWithIdle,
                        ..
                    }
                )
            })
            .map(|d| super::Action::CheckMail {
                device: d.id.clone(),
            })
            .collect()
    }

    /// A larger world for load tests and benchmarks: the default devices repeated up to `devices` (named
    /// `laptop-2`, `phone-2`, ...) and `messages` more in INBOX.
    pub fn crowded(devices: usize, messages: u32) -> Self {
        let mut setup = WorldSetup::default();
        let template = setup.devices.clone();
        setup.devices = (0..devices.clamp(1, MAX_DEVICES))
            .map(|i| {
                let mut d = template[i % template.len()].clone();
                if i >= template.len() {
                    d.id = format!("{}-{}", d.kind.id(), i / template.len() + 1);
                }
                d
            })
            .collect();
        setup.generated_messages = messages.min(MAX_GENERATED_MESSAGES);
        setup
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupError {
    NoDevices,
    TooManyDevices(usize),
    BadDeviceId(String),
    DuplicateDeviceId(String),
    TooManyMessages(u32),
    BadLatency(u64),
    BadPollInterval(u32),
}

impl fmt::Display for SetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SetupError::NoDevices => write!(f, "a world needs at least one device"),
            SetupError::TooManyDevices(n) => write!(
                f,
                "{n} devices is more than the {MAX_DEVICES} a world holds"
            ),
            SetupError::BadDeviceId(id) => {
                write!(
                    f,
                    "device id “{id}” must be 1 to 24 lower-case letters, digits or '-'"
                )
            }
            SetupError::DuplicateDeviceId(id) => write!(f, "two devices are called “{id}”"),
            SetupError::TooManyMessages(n) => {
                write!(
                    f,
                    "{n} generated messages is more than {MAX_GENERATED_MESSAGES}"
                )
            }
            SetupError::BadLatency(ms) => write!(f, "a latency of {ms} ms is outside 1 ms to 60 s"),
            SetupError::BadPollInterval(m) => {
                write!(f, "polling every {m} minutes is outside 1 to 1440")
            }
        }
    }
}

impl std::error::Error for SetupError {}

/// A device id fit for the DOM and a URL: `laptop`, `phone-2`.
pub fn valid_device_id(id: &str) -> bool {
    (1..=24).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

impl WorldSetup {
    /// Checks a setup that may come from an untrusted link or file.
    pub fn validate(&self) -> Result<(), SetupError> {
        if self.devices.is_empty() {
            return Err(SetupError::NoDevices);
        }
        if self.devices.len() > MAX_DEVICES {
            return Err(SetupError::TooManyDevices(self.devices.len()));
        }
        for (i, d) in self.devices.iter().enumerate() {
            validate_device(d)?;
            if self.devices[..i].iter().any(|other| other.id == d.id) {
                return Err(SetupError::DuplicateDeviceId(d.id.clone()));
            }
        }
        if self.generated_messages > MAX_GENERATED_MESSAGES {
            return Err(SetupError::TooManyMessages(self.generated_messages));
        }
        Ok(())
    }
}

pub fn validate_device(d: &DeviceSetup) -> Result<(), SetupError> {
    if !valid_device_id(&d.id) {
        return Err(SetupError::BadDeviceId(d.id.clone()));
    }
    if !(1..=60_000).contains(&d.latency.millis()) {
        return Err(SetupError::BadLatency(d.latency.millis()));
    }
    if let ClientSetup::Imap {
        sync_mode: SyncMode::PollEveryMinutes(m),
        ..
    } = d.client
    {
        if !(1..=1440).contains(&m) {
            return Err(SetupError::BadPollInterval(m));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_setup_is_valid_and_matches_the_test_hooks() {
        let setup = WorldSetup::default();
        assert_eq!(setup.validate(), Ok(()));
        let ids: Vec<&str> = setup.devices.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["laptop", "phone", "tablet"]);
    }

    #[test]
    fn a_crowded_setup_is_valid_with_unique_ids() {
        let setup = WorldSetup::crowded(8, 500);
        assert_eq!(setup.validate(), Ok(()));
        assert_eq!(setup.devices.len(), 8);
        assert_eq!(setup.devices[3].id, "laptop-2");
        assert_eq!(WorldSetup::crowded(99, u32::MAX).validate(), Ok(()));
    }

    #[test]
    fn hostile_setups_are_refused_with_a_reason() {
        let mut setup = WorldSetup::default();
        setup.devices[1].id = "<script>".into();
        assert_eq!(
            setup.validate(),
            Err(SetupError::BadDeviceId("<script>".into()))
        );
        let mut setup = WorldSetup::default();
        setup.devices[2].id = "laptop".into();
        assert_eq!(
            setup.validate(),
            Err(SetupError::DuplicateDeviceId("laptop".into()))
        );
        let setup = WorldSetup {
            generated_messages: u32::MAX,
            ..WorldSetup::default()
        };
        assert!(setup
            .validate()
            .unwrap_err()
            .to_string()
            .contains("more than"));
        let mut setup = WorldSetup::default();
        setup.devices = (0..9).map(|_| setup.devices[0].clone()).collect();
        assert_eq!(setup.validate(), Err(SetupError::TooManyDevices(9)));
    }
}
