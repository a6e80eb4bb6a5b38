#![cfg(not(target_arch = "wasm32"))]
//! Property tests of the SMTP server, and of both servers' line reading: random input never panics, every
//! reply is well formed, and how the bytes are cut into TCP segments never changes the answers.

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::{Pop3Server, Pop3ServerConfig};
use mailroom::sim::session::ServerSession;
use mailroom::sim::smtp::{SmtpServer, SmtpServerConfig};
use mailroom::sim::time::SimTime;
use proptest::prelude::*;

fn smtp_line() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => Just("EHLO client.example".to_string()),
        1 => Just("HELO client.example".to_string()),
        3 => Just("MAIL FROM:<bob@example.net>".to_string()),
        3 => prop_oneof![Just("alice@example.org"), Just("nobody@example.org"), Just("x@elsewhere.example")]
            .prop_map(|r| format!("RCPT TO:<{r}>")),
        3 => Just("DATA".to_string()),
        3 => Just(".".to_string()),
        2 => "[ -~]{0,40}",
        1 => Just("RSET".to_string()),
        1 => Just("QUIT".to_string()),
    ]
    .prop_map(String::into_bytes)
    .boxed()
    .prop_union(
        prop::collection::vec(any::<u8>(), 0..600)
            .prop_map(|bytes| bytes.into_iter().filter(|b| *b != b'\n').collect())
            .boxed(),
    )
}

fn script(lines: &[Vec<u8>]) -> Vec<u8> {
    lines
        .iter()
        .flat_map(|l| l.iter().copied().chain(*b"\r\n"))
        .collect()
}

/// Feeds `bytes` cut at `cuts` (positions, any order) and returns every reply line.
fn feed<S: ServerSession>(
    server: &mut S,
    store: &mut Store,
    bytes: &[u8],
    cuts: &[usize],
) -> Vec<String> {
    let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (bytes.len() + 1)).collect();
    cuts.push(bytes.len());
    cuts.sort_unstable();
    let mut replies = drain(server);
    let mut start = 0;
    for cut in cuts {
        server.handle_input(store, &bytes[start..cut], SimTime::ZERO);
        replies.extend(drain(server));
        start = cut;
    }
    replies
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Every SMTP reply starts with a three-digit code in 2xx–5xx, and mail arrives only after a 250 to `.`.
    #[test]
    fn random_smtp_input_gets_well_formed_replies(lines in prop::collection::vec(smtp_line(), 0..50)) {
        let mut store = Store::default_world();
        let mut server = SmtpServer::new(SmtpServerConfig::default(), 1, SimTime::ZERO);
        let replies = feed(&mut server, &mut store, &script(&lines), &[]);
        for reply in &replies {
            let code: Option<u16> = reply.get(..3).and_then(|c| c.parse().ok());
            prop_assert!(code.is_some_and(|c| (200..600).contains(&c)), "{reply:?}");
            prop_assert!(matches!(reply.as_bytes().get(3), Some(b' ') | Some(b'-')), "{reply:?}");
        }
        let delivered = replies.iter().filter(|r| r.starts_with("250 2.0.0 Ok: delivered")).count();
        prop_assert_eq!(inbox_uids(&store).len(), 3 + delivered);
    }

    /// The SMTP server answers the same however the input is cut into segments.
    #[test]
    fn smtp_replies_do_not_depend_on_segmentation(
        lines in prop::collection::vec(smtp_line(), 0..30),
        cuts in prop::collection::vec(any::<usize>(), 0..20),
    ) {
        let bytes = script(&lines);
        let mut whole_store = Store::default_world();
        let mut whole = SmtpServer::new(SmtpServerConfig::default(), 1, SimTime::ZERO);
        let expected = feed(&mut whole, &mut whole_store, &bytes, &[]);
        let mut cut_store = Store::default_world();
        let mut cut = SmtpServer::new(SmtpServerConfig::default(), 1, SimTime::ZERO);
        prop_assert_eq!(feed(&mut cut, &mut cut_store, &bytes, &cuts), expected);
        prop_assert_eq!(cut_store, whole_store);
    }

    /// The POP3 server answers the same however the input is cut into segments.
    #[test]
    fn pop3_replies_do_not_depend_on_segmentation(
        commands in prop::collection::vec(
            prop_oneof![
                Just("USER alice"), Just("PASS wonderland"), Just("STAT"), Just("LIST"), Just("RETR 3"),
                Just("DELE 1"), Just("UIDL"), Just("TOP 2 1"), Just("RSET"), Just("QUIT"), Just("\u{0}\u{ff}bad"),
            ],
            0..30,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..20),
    ) {
        let lines: Vec<Vec<u8>> = commands.iter().map(|c| c.as_bytes().to_vec()).collect();
        let bytes = script(&lines);
        let mut whole_store = Store::default_world();
        let mut whole = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
        let expected = feed(&mut whole, &mut whole_store, &bytes, &[]);
        let mut cut_store = Store::default_world();
        let mut cut = Pop3Server::new(Pop3ServerConfig::default(), 1, SimTime::ZERO);
        prop_assert_eq!(feed(&mut cut, &mut cut_store, &bytes, &cuts), expected);
        prop_assert_eq!(cut_store, whole_store);
    }
}
