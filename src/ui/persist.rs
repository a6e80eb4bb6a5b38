//! The world kept in localStorage between visits, and challenges solved (keys begin with `mailroom`, as
//! docs/hooks.md says).
//! One world of each kind is kept aside: an unreadable saved world is moved to `mailroom.world.unreadable`,
//! and the world a link or file replaces (with autosave on) to `mailroom.world.previous`, each replacing the
//! one kept there before. A full or disabled storage keeps nothing new (an unreadable world is then lost).

use gloo::storage::{LocalStorage, Storage};

/// The world as the page last showed it.
pub const WORLD_KEY: &str = "mailroom.world";
/// The saved world that a link or an imported file replaced, so it can be restored.
pub const PREVIOUS_KEY: &str = "mailroom.world.previous";
/// A saved world that could not be read, kept for whoever wants to look at it.
pub const UNREADABLE_KEY: &str = "mailroom.world.unreadable";

fn read(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

fn write(key: &str, value: &str) {
    // A full or disabled storage only means the world is not kept; the page goes on.
    let _ = LocalStorage::raw().set_item(key, value);
}

pub fn saved_world() -> Option<String> {
    read(WORLD_KEY)
}

pub fn save_world(json: &str) {
    write(WORLD_KEY, json);
}

pub fn previous_world() -> Option<String> {
    read(PREVIOUS_KEY)
}

/// Moves the saved world aside before something else replaces it; true if there was one.
pub fn keep_as_previous() -> bool {
    match saved_world() {
        Some(json) => {
            write(PREVIOUS_KEY, &json);
            true
        }
        None => false,
    }
}

/// Moves an unreadable saved world out of the way, keeping its text.
pub fn set_aside_unreadable() {
    if let Some(json) = saved_world() {
        write(UNREADABLE_KEY, &json);
        let _ = LocalStorage::raw().remove_item(WORLD_KEY);
    }
}

/// A challenge's progress as kept under its `Challenge::progress_key` (`mailroom.challenge.ID.SEED`).
pub fn challenge_progress(key: &str) -> Option<String> {
    read(key)
}

pub fn save_challenge_progress(key: &str, value: &str) {
    write(key, value);
}
