//! Arbitrary input for every session, server and client: the one code path that the fuzz targets in `fuzz/`
//! and the replay of their saved crashes (`tests/fuzz_regressions.rs`) share. Pure like the rest of the core:
//! time advances by a fixed step per input.
//!
//! Server inputs: the first byte picks how the rest is cut into TCP-like chunks (0: all at once), since
//! sessions must not care where reads split. Client inputs: the first byte picks the client's settings, the
//! rest is split into response lines.
//!
//! These functions panic when a session panics or breaks a wire rule (a POP3 or SMTP reply holding a line
//! break): the panic is how libFuzzer, and the regression test, see the bug. Nothing else calls them.

use crate::sim::imap::client::ClientCache;
use crate::sim::imap::{ClientSettings, ImapClient, ImapServer, SyncMode};
use crate::sim::mail::Store;
use crate::sim::pop3::{
    Credentials, Pop3Client, Pop3ClientState, Pop3Server, Pop3ServerConfig, Pop3Settings,
};
use crate::sim::session::{ClientSession, ServerSession};
use crate::sim::smtp::{Envelope, SmtpClient, SmtpServer, SmtpServerConfig};
use crate::sim::time::SimTime;

/// One fuzz target: its name (also its folder under `fuzz/regressions/`) and what it does with an input.
pub struct Target {
    pub name: &'static str,
    pub run: fn(&[u8]),
}

/// Every target: one per session kind, the three decoders of what strangers hand the page (saved worlds, share
/// links, challenges and their solutions), and the explainer of
/// every wire line (lines typed in the terminal reach it as they are).
pub const TARGETS: [Target; 10] = [
    Target {
        name: "pop3_server",
        run: pop3_server,
    },
    Target {
        name: "smtp_server",
        run: smtp_server,
    },
    Target {
        name: "imap_server",
        run: imap_server,
    },
    Target {
        name: "pop3_client",
        run: pop3_client,
    },
    Target {
        name: "smtp_client",
        run: smtp_client,
    },
    Target {
        name: "imap_client",
        run: imap_client,
    },
    Target {
        name: "saved_world",
        run: saved_world,
    },
    Target {
        name: "share_link",
        run: share_link,
    },
    Target {
        name: "challenge",
        run: challenge,
    },
    Target {
        name: "explain",
        run: explain,
    },
];

/// Time between two inputs: enough to cross minute boundaries, never the POP3 autologout in a short input.
const STEP: SimTime = SimTime::from_millis(1_500);

pub fn pop3_server(data: &[u8]) {
    let session = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
    drive_server(session, data, LineRule::NoLineBreaks);
}

pub fn smtp_server(data: &[u8]) {
    let session = SmtpServer::new(SmtpServerConfig::default(), 1, SimTime::ZERO);
    drive_server(session, data, LineRule::NoLineBreaks);
}

pub fn imap_server(data: &[u8]) {
    // A FETCH reply carries message text in a literal, CRLFs and all (RFC 3501 §4.3).
    drive_server(
        ImapServer::new(1, SimTime::ZERO),
        data,
        LineRule::MayHoldLiterals,
    );
}

pub fn pop3_client(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let settings = Pop3Settings {
        leave_on_server: choice & 1 != 0,
        delete_after_days: (choice & 2 != 0).then_some(u32::from(choice >> 4)),
        delete_when_deleted_locally: choice & 4 != 0,
        headers_only: (choice & 8 != 0).then_some(u32::from(choice >> 5)),
        use_apop: choice & 0x80 != 0,
    };
    let credentials = Credentials {
        login: "alice".to_string(),
        password: "wonderland".to_string(),
    };
    let client = Pop3Client::new(settings, Pop3ClientState::default(), credentials);
    drive_client(client, rest);
}

pub fn smtp_client(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let rcpt_to = ["alice@example.org", "carol@example.org", "bob@example.net"]
        .iter()
        .take(1 + usize::from(choice % 3))
        .map(|r| r.to_string())
        .collect();
    let envelope = Envelope {
        mail_from: "bob@example.net".to_string(),
        rcpt_to,
    };
    let text = "Subject: hi\r\n\r\n.dot line\r\nbye\r\n".to_string();
    drive_client(SmtpClient::new("client.example", envelope, text), rest);
}

pub fn imap_client(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let mode = match choice & 1 {
        0 => SyncMode::PushWithIdle,
        _ => SyncMode::PollEveryMinutes(u32::from(choice >> 1)),
    };
    let mut settings = ClientSettings::new("alice", "wonderland", mode);
    settings.use_qresync = choice & 0x80 != 0;
    let mut client = ImapClient::new(settings, ClientCache::default());
    client.connect(SimTime::ZERO);
    drive_client(client, rest);
}

/// What may appear inside one output item of a server session.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LineRule {
    /// A line, without its CRLF: no CR or LF inside, or the client would read two lines.
    NoLineBreaks,
    /// IMAP: a response line may continue into a literal's octets.
    MayHoldLiterals,
}

fn drive_server(mut session: impl ServerSession, data: &[u8], rule: LineRule) {
    let Some((&chunking, input)) = data.split_first() else {
        return;
    };
    let chunk = match chunking {
        0 => input.len().max(1),
        n => usize::from(n),
    };
    let mut store = Store::default_world();
    // Another connection with INBOX selected and idling, so every change is also reported elsewhere.
    let mut watcher = ImapServer::new(2, SimTime::ZERO);
    watcher.handle_input(
        &mut store,
        b"w1 LOGIN alice wonderland\r\nw2 SELECT INBOX\r\nw3 IDLE\r\n",
        SimTime::ZERO,
    );
    let mut now = SimTime::ZERO;
    for piece in input.chunks(chunk) {
        now = now.saturating_add(STEP);
        session.handle_input(&mut store, piece, now);
        session.handle_store_changed(&mut store, now);
        watcher.handle_store_changed(&mut store, now);
        while let Some(line) = session.poll_output() {
            if rule == LineRule::NoLineBreaks {
                assert!(!line.contains(['\r', '\n']), "a line break inside {line:?}");
            }
        }
        while watcher.poll_output().is_some() {}
    }
    if !session.is_closed() {
        session.handle_disconnect(&mut store, now);
    }
    watcher.handle_store_changed(&mut store, now);
    while watcher.poll_output().is_some() {}
}

fn drive_client<C: ClientSession>(mut client: C, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut now = SimTime::ZERO;
    for line in text.split('\n') {
        now = now.saturating_add(STEP);
        client.handle_line(line.strip_suffix('\r').unwrap_or(line), now);
        while client.poll_transmit().is_some() {}
        while client.poll_event().is_some() {}
        let _ = client.is_finished();
    }
}

/// A saved world's JSON from a file, storage or a link: read or refused, never a panic; what reads back
/// writes the same JSON again.
pub fn saved_world(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A long replay is only slow, not wrong (its bound is tested in tests/saved_world.rs): skipping it keeps
    // every input well inside libFuzzer's timeout, even on a busy machine.
    if crate::sim::saved::from_json(text).is_ok_and(|saved| saved.moment > 20_000) {
        return;
    }
    if let Ok(timeline) = crate::sim::timeline::Timeline::from_json(text) {
        let json = timeline.to_json();
        let again = crate::sim::timeline::Timeline::from_json(&json)
            .unwrap_or_else(|e| panic!("a world it wrote does not read back: {e}"));
        assert_eq!(
            again.to_json(),
            json,
            "a saved world changed on the way back"
        );
    }
}

/// A share link's fragment: decoded or refused; and any bytes survive the trip through a fragment.
pub fn share_link(data: &[u8]) {
    use crate::sim::saved::link::{decode_fragment, encode_fragment};
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = decode_fragment(text);
    }
    assert_eq!(
        decode_fragment(&encode_fragment(data)).as_deref(),
        Ok(data),
        "bytes changed on the way through a fragment"
    );
}

/// A challenge or a solution document from a link: read or refused, never a panic; what reads back writes the
/// same JSON again, and a solution is verified (solved, unsolved or invalid) without a panic.
pub fn challenge(data: &[u8]) {
    use crate::sim::challenge::codec::{
        challenge_from_json, challenge_to_json, solution_from_json, solution_to_json,
    };
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(challenge) = challenge_from_json(text) {
        let json = challenge_to_json(&challenge);
        assert_eq!(
            challenge_from_json(&json).as_ref(),
            Ok(&challenge),
            "a challenge changed on the way back"
        );
    }
    if let Ok(solution) = solution_from_json(text) {
        let json = solution_to_json(&solution);
        assert_eq!(
            solution_from_json(&json).as_ref(),
            Ok(&solution),
            "a solution changed on the way back"
        );
        // As for saved worlds: a long replay is only slow (its bounds are tested in tests/challenge_links.rs),
        // not wrong; an hour of waiting in the setup is plenty for the fuzzer.
        let waited: u64 = solution
            .challenge
            .setup_moves
            .iter()
            .map(|m| match m {
                crate::sim::challenge::Move::Wait(t) => t.millis(),
                crate::sim::challenge::Move::Do(_) => 0,
            })
            .fold(0, u64::saturating_add);
        if solution.moment <= 20_000 && waited <= SimTime::from_minutes(60).millis() {
            let _ = crate::sim::challenge::verify(&solution);
        }
    }
}

/// The facts a transcript could give a line, picked by the bits of the fuzzer's first byte.
fn facts_from(choice: u8) -> crate::sim::explain::LineFacts {
    use crate::sim::explain::MailboxAccess;
    let bit = |n: u8| choice & (1 << n) != 0;
    crate::sim::explain::LineFacts {
        tracked: bit(5),
        ends_multiline: bit(6),
        in_list: bit(7),
        in_body: bit(3) && bit(5),
        continues_reply: bit(4) && bit(5),
        answers_challenge: bit(4) && bit(6),
        logged_in: bit(6) && bit(7),
        marked_for_deletion: u32::from(choice % 3),
        selected: match choice % 5 {
            0 => Some(MailboxAccess::ReadWrite),
            1 => Some(MailboxAccess::ReadOnly),
            _ => None,
        },
    }
}

/// Any line, of any protocol, either direction, as content or not, answering the line before it: explained
/// (in English: every other language fills the same templates through the same code), never a panic. The first byte picks the protocol, the direction and the context.
pub fn explain(data: &[u8]) {
    use crate::i18n::Tongue;
    use crate::sim::explain::{explain, LineContext, WireProtocol};
    use crate::sim::session::Direction;
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let protocol =
        [WireProtocol::Pop3, WireProtocol::Imap, WireProtocol::Smtp][usize::from(choice % 3)];
    let direction = if choice & 4 == 0 {
        Direction::ClientToServer
    } else {
        Direction::ServerToClient
    };
    let text = String::from_utf8_lossy(rest);
    let mut answering: Option<String> = None;
    for line in text.split('\n') {
        let context = LineContext {
            answering: answering.clone(),
            in_content: choice & 8 != 0,
            greeting: choice & 16 != 0,
            facts: facts_from(choice),
        };
        let explanation = explain(protocol, direction, line, &context, Tongue::ENGLISH);
        assert!(
            !explanation.text.trim().is_empty(),
            "a line went unexplained: {line:?}"
        );
        answering = Some(line.to_string());
    }
}
