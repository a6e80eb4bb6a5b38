//! Helpers shared by the integration tests.
#![allow(dead_code)]

use mailroom::sim::harness::{drain, exchange, Pair};
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::{
    Credentials, Pop3Client, Pop3ClientEvent, Pop3ClientState, Pop3Server, Pop3ServerConfig,
    Pop3Settings,
};
use mailroom::sim::time::SimTime;

pub const ALICE: &str = "alice@example.org";

/// A POP3 server session on the default configuration, its greeting already read.
pub fn pop3_session(id: u64) -> Pop3Server {
    let mut server = Pop3Server::new(Pop3ServerConfig::default(), id, SimTime::ZERO);
    let greeting = drain(&mut server);
    assert_eq!(greeting.len(), 1);
    server
}

/// A session logged in as alice (default world password).
pub fn logged_in(store: &mut Store, id: u64) -> Pop3Server {
    let mut server = pop3_session(id);
    assert_eq!(
        exchange(&mut server, store, "USER alice", SimTime::ZERO)[0],
        "+OK alice accepted, send PASS"
    );
    let reply = exchange(&mut server, store, "PASS wonderland", SimTime::ZERO);
    assert!(
        reply[0].starts_with("+OK alice's maildrop has"),
        "{reply:?}"
    );
    server
}

/// One reply line (single-line command).
pub fn one(server: &mut Pop3Server, store: &mut Store, line: &str) -> String {
    let reply = exchange(server, store, line, SimTime::ZERO);
    assert_eq!(
        reply.len(),
        1,
        "expected one line for {line:?}, got {reply:?}"
    );
    reply.into_iter().next().unwrap_or_default()
}

pub fn alice_credentials() -> Credentials {
    Credentials {
        login: "alice".into(),
        password: "wonderland".into(),
    }
}

/// Runs one POP3 client session to its end against a fresh server session; returns its events, transcript
/// and the client's new state.
pub fn check_mail(
    store: &mut Store,
    settings: &Pop3Settings,
    state: Pop3ClientState,
    session_id: u64,
    now: SimTime,
) -> (Vec<Pop3ClientEvent>, Vec<String>, Pop3ClientState) {
    let client = Pop3Client::new(settings.clone(), state, alice_credentials());
    let server = Pop3Server::new(Pop3ServerConfig::default(), session_id, now);
    let mut pair = Pair::new(client, server);
    pair.run_until_idle(store, now);
    use mailroom::sim::session::{ClientSession, ServerSession};
    assert!(pair.client.is_finished(), "{:?}", pair.transcript_text());
    assert!(pair.server.is_closed());
    let transcript = pair.transcript_text();
    let Pair { client, events, .. } = pair;
    (events, transcript, client.into_state())
}

/// The UIDLs downloaded in these events.
pub fn downloaded(events: &[Pop3ClientEvent]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Pop3ClientEvent::MessageDownloaded { uidl, .. } => Some(uidl.clone()),
            _ => None,
        })
        .collect()
}

pub fn leave_on_server() -> Pop3Settings {
    Pop3Settings {
        leave_on_server: true,
        delete_after_days: None,
        delete_when_deleted_locally: false,
        headers_only: None,
        use_apop: false,
    }
}

pub fn download_and_delete() -> Pop3Settings {
    Pop3Settings {
        leave_on_server: false,
        ..leave_on_server()
    }
}
