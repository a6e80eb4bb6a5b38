//! Saved worlds as text: JSON for files and storage, and the share link that carries the same JSON
//! compressed in the URL fragment.

pub mod json;
pub mod link;
pub(crate) mod world;
pub(crate) mod world_read;

pub use world::DecodeError;

use crate::sim::time::SimTime;
use crate::sim::world::{Action, WorldSetup};
use serde::{Deserialize, Serialize};

/// The format version of saved worlds; a newer one is refused with a clear message.
pub const FORMAT_VERSION: u32 = 1;

/// An action as applied: at which moment of the timeline and at which sim time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedAction {
    pub moment: usize,
    pub at: SimTime,
    pub action: Action,
}

/// A world as saved: enough to rebuild it exactly.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedWorld {
    pub version: u32,
    pub setup: WorldSetup,
    pub log: Vec<LoggedAction>,
    /// The moment the world was at.
    pub moment: usize,
    /// The sim time it was at (time passes between moments while playing).
    pub now: SimTime,
}

/// The most JSON a saved world may be (a busy one is 2 KB; a long session well under this).
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// Writes a saved world as compact JSON.
pub fn to_json(saved: &SavedWorld) -> String {
    world::saved_world_to_value(saved).to_json()
}

/// Why a text is not a saved world.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    TooLarge(usize),
    NewerVersion(u64),
    NotJson(json::JsonError),
    NotAWorld(DecodeError),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::TooLarge(n) => write!(
                f,
                "{n} bytes is more than the {MAX_JSON_BYTES} a saved world may be"
            ),
            ReadError::NewerVersion(v) => write!(
                f,
                "it was saved by a newer Mailroom (format {v}; this one reads {FORMAT_VERSION})"
            ),
            ReadError::NotJson(e) => write!(f, "it is not JSON ({e})"),
            ReadError::NotAWorld(e) => write!(f, "it is not a Mailroom world ({e})"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a saved world's JSON; nothing is checked beyond its shape (see `Timeline::load`).
pub fn from_json(text: &str) -> Result<SavedWorld, ReadError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(ReadError::TooLarge(text.len()));
    }
    let value = json::parse(text).map_err(ReadError::NotJson)?;
    if let Some(version) = world_read::version_of(&value).filter(|v| *v > u64::from(FORMAT_VERSION))
    {
        return Err(ReadError::NewerVersion(version));
    }
    world_read::saved_world_from_value(&value).map_err(ReadError::NotAWorld)
}
