//! What `examples/tcp_server.rs` runs, as a library function so tests can run it in-process on port 0: the
//! default world's server on POP3, IMAP and SMTP over one store (docs/hooks.md, "Native TCP bridge").

use super::{Bridge, SessionFactory, Transcript};
use crate::sim::mail::{Store, StoreError};
use crate::sim::time::SimTime;
use crate::sim::{imap, pop3, smtp};
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::{SystemTime, UNIX_EPOCH};

/// The command line of the example: where each protocol listens and how many generated messages to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    pub pop3: String,
    pub imap: String,
    pub smtp: String,
    /// Generated messages delivered to alice's INBOX after the default world's three.
    pub messages: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            pop3: "127.0.0.1:1110".to_string(),
            imap: "127.0.0.1:1143".to_string(),
            smtp: "127.0.0.1:1025".to_string(),
            messages: 0,
        }
    }
}

/// A command line the example cannot use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OptionsError {
    MissingValue { flag: String },
    NotANumber { flag: String, value: String },
    UnknownFlag { flag: String },
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionsError::MissingValue { flag } => write!(f, "{flag} needs a value"),
            OptionsError::NotANumber { flag, value } => {
                write!(f, "{flag} needs a number, not {value:?}")
            }
            OptionsError::UnknownFlag { flag } => write!(f, "unknown option {flag}"),
        }
    }
}

impl std::error::Error for OptionsError {}

impl ServeOptions {
    pub const USAGE: &'static str =
        "usage: tcp_server [--pop3 ADDR] [--imap ADDR] [--smtp ADDR] [--messages N]";

    /// Reads `--pop3 ADDR --imap ADDR --smtp ADDR --messages N` (program name already skipped).
    pub fn parse(args: impl IntoIterator<Item = String>) -> Result<ServeOptions, OptionsError> {
        let mut options = ServeOptions::default();
        let mut args = args.into_iter();
        while let Some(flag) = args.next() {
            let value = args
                .next()
                .ok_or_else(|| OptionsError::MissingValue { flag: flag.clone() })?;
            match flag.as_str() {
                "--pop3" => options.pop3 = value,
                "--imap" => options.imap = value,
                "--smtp" => options.smtp = value,
                "--messages" => {
                    options.messages = value
                        .parse()
                        .map_err(|_| OptionsError::NotANumber { flag, value })?
                }
                _ => return Err(OptionsError::UnknownFlag { flag }),
            }
        }
        Ok(options)
    }
}

/// Why the default world could not be served.
#[derive(Debug)]
pub enum ServeError {
    Seed(StoreError),
    Listen {
        protocol: &'static str,
        addr: String,
        error: io::Error,
    },
}

impl fmt::Display for ServeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServeError::Seed(error) => write!(f, "cannot seed INBOX: {error}"),
            ServeError::Listen {
                protocol,
                addr,
                error,
            } => write!(f, "cannot listen for {protocol} on {addr}: {error}"),
        }
    }
}

impl std::error::Error for ServeError {}

/// The served world: its bridge and the bound addresses.
pub struct Listening {
    pub bridge: Bridge,
    pub pop3: SocketAddr,
    pub imap: SocketAddr,
    pub smtp: SocketAddr,
}

/// The ready line of docs/hooks.md: `listening pop3=127.0.0.1:1110 imap=127.0.0.1:1143 smtp=127.0.0.1:1025`.
impl fmt::Display for Listening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "listening pop3={} imap={} smtp={}",
            self.pop3, self.imap, self.smtp
        )
    }
}

/// A UIDVALIDITY greater than any an earlier run handed out: the seconds since 1970, as Dovecot's are. The
/// served world numbers its UIDs from 1 again, so clients must hear a new UIDVALIDITY (RFC 3501 §2.3.1.1), and
/// UIDL strings, made of UIDVALIDITY and UID, never name another message than last time (RFC 1939 §7). It waits
/// for the next whole second and takes that one: a run that started earlier took its second before it served,
/// so a restart within the same second still gets a greater value (at most one second more to start).
pub fn fresh_uid_validity() -> u32 {
    let since_epoch = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let next_second = since_epoch.as_secs() + 1;
    std::thread::sleep(std::time::Duration::from_secs(next_second) - since_epoch);
    u32::try_from(next_second).unwrap_or(u32::MAX)
}

/// Serves the default world, with `options.messages` generated messages added, on the three addresses.
pub fn serve_default_world(
    options: &ServeOptions,
    transcript: Transcript,
) -> Result<Listening, ServeError> {
    let mut store = Store::default_world_starting_at(fresh_uid_validity());
    store
        .seed_generated(
            "alice@example.org",
            options.messages,
            SimTime::from_minutes(30),
        )
        .map_err(ServeError::Seed)?;
    let bridge = Bridge::new(store, transcript);
    let listen = |protocol: &'static str, addr: &str, factory: SessionFactory| {
        bridge
            .listen(addr, protocol, factory)
            .map_err(|error| ServeError::Listen {
                protocol,
                addr: addr.to_string(),
                error,
            })
    };
    let pop3 = listen("pop3", &options.pop3, Box::new(pop3::server_session))?;
    let imap = listen("imap", &options.imap, Box::new(imap::server_session))?;
    let smtp = listen("smtp", &options.smtp, Box::new(smtp::server_session))?;
    Ok(Listening {
        bridge,
        pop3,
        imap,
        smtp,
    })
}
