//! Helpers for driving the IMAP client against the server over the in-memory pair.

use mailroom::sim::harness::Pair;
use mailroom::sim::imap::client::ImapEvent;
use mailroom::sim::imap::{ClientSettings, ImapClient, ImapServer, SyncMode};
use mailroom::sim::mail::Store;
use mailroom::sim::time::SimTime;

pub type ImapPair = Pair<ImapClient, ImapServer>;

pub fn settings(mode: SyncMode) -> ClientSettings {
    ClientSettings::new("alice", "wonderland", mode)
}

/// Opens a connection for `client` and runs it until nothing moves.
pub fn connect_client(
    store: &mut Store,
    mut client: ImapClient,
    id: u64,
    now: SimTime,
) -> ImapPair {
    client.connect(now);
    let mut pair = Pair::new(client, ImapServer::new(id, now));
    pair.run_until_idle(store, now);
    pair
}

pub fn commands(pair: &ImapPair) -> Vec<String> {
    pair.transcript_text()
        .into_iter()
        .filter(|l| l.starts_with("C: "))
        .collect()
}

pub fn fetched(pair: &ImapPair) -> Vec<u32> {
    pair.events
        .iter()
        .filter_map(|e| match e {
            ImapEvent::MessageFetched { uid, .. } => Some(*uid),
            _ => None,
        })
        .collect()
}

pub fn cached_uids(client: &ImapClient) -> Vec<u32> {
    client
        .cache
        .folders
        .get("INBOX")
        .map(|f| f.messages.keys().copied().collect())
        .unwrap_or_default()
}
