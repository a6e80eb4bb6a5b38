#![cfg(not(target_arch = "wasm32"))]
//! Differential test: the same scripted IMAP sessions (tests/clients/imap_scenarios.py) against Mailroom's
//! server and a throwaway Dovecot; the protocol-significant facts must agree.

mod common;

use common::{Dovecot, MAIL_GID, MAIL_UID};
use mailroom::bridge::Bridge;
use mailroom::sim::imap::server_session;
use mailroom::sim::mail::Store;
use serde_json::Value;
use std::process::Command;

fn run_scenarios(imap_port: u16, pop3_port: Option<u16>) -> Vec<Value> {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/clients/imap_scenarios.py"
    );
    let mut cmd = Command::new("python3");
    cmd.arg(script).arg(imap_port.to_string());
    if let Some(p) = pop3_port {
        cmd.arg(p.to_string());
    }
    let out = cmd.output().expect("python3 runs");
    assert!(
        out.status.success(),
        "scenario script failed on port {imap_port}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<Value>>(&out.stdout).expect("JSON facts")
}

/// Alice with an empty INBOX and no other folder, as a fresh Dovecot account starts.
fn fresh_store() -> Store {
    let mut store = Store::new();
    store.add_account("alice", "wonderland", "alice@example.org");
    if let Some(a) = store.account_mut("alice") {
        a.mailboxes.retain(|m| m.name == "INBOX");
        // A fresh Dovecot account subscribes to nothing.
        a.inbox_mut().subscribed = false;
    }
    store
}

/// Steps where the servers may differ, each with the reason; every other step must agree exactly.
const KNOWN_DIFFERENCES: [(&str, &str); 1] = [
    (
        "store read-only",
        "Dovecot answers OK and changes nothing; Mailroom answers NO [READ-ONLY] to show that EXAMINE is \
         read-only (RFC 3501 §6.3.2 leaves the answer open; Cyrus also says NO)",
    ),
];

#[test]
fn mailroom_and_dovecot_agree_on_every_protocol_significant_fact() {
    let dovecot = Dovecot::start();
    let theirs = run_scenarios(dovecot.imap.port(), Some(dovecot.pop3.port()));

    let bridge = Bridge::new(fresh_store(), false);
    let addr = bridge
        .listen("127.0.0.1:0", "imap", server_session)
        .expect("bind");
    let pop3 = bridge
        .listen("127.0.0.1:0", "pop3", mailroom::sim::pop3::server_session)
        .expect("bind");
    let ours = run_scenarios(addr.port(), Some(pop3.port()));

    assert_eq!(ours.len(), theirs.len());
    let mut differences = Vec::new();
    for (o, t) in ours.iter().zip(&theirs) {
        let step = o["step"].as_str().unwrap_or("");
        if o != t && !KNOWN_DIFFERENCES.iter().any(|(known, _)| *known == step) {
            differences.push(format!(
                "step {} / {}:\n  mailroom: {}\n  dovecot:  {}",
                o["session"], o["step"], o, t
            ));
        }
    }
    assert!(
        differences.is_empty(),
        "{} differences:\n{}",
        differences.len(),
        differences.join("\n")
    );
}

/// The same 10,000 messages the criterion bench uses.
fn bench_message(n: u32) -> String {
    mailroom::sim::mail::MessageDraft {
        from: format!("Sender {n} <s{n}@example.net>"),
        to: "alice@example.org".into(),
        subject: format!("Message number {n}"),
        body: "A short body line.\nAnd another one.\n".into(),
        message_id: format!("{n}@bench.example"),
    }
    .to_rfc5322(mailroom::sim::time::SimTime::ZERO)
}

/// Best and median seconds of five resyncs by one Python client.
struct ResyncTiming {
    lines: u64,
    best: f64,
    median: f64,
}

fn time_full_resync(port: u16) -> ResyncTiming {
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/clients/imap_fetch_timing.py"
    );
    let out = Command::new("python3")
        .arg(script)
        .arg(port.to_string())
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "timing script failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    ResyncTiming {
        lines: v["fetch_lines"].as_u64().unwrap_or(0),
        best: v["best_seconds"].as_f64().unwrap_or(f64::NAN),
        median: v["median_seconds"].as_f64().unwrap_or(f64::NAN),
    }
}

/// Timing, not correctness: run with `cargo test --release --test dovecot_diff -- --ignored --nocapture`.
#[test]
#[ignore = "timing measurement; run explicitly with --ignored"]
fn full_resync_of_10000_messages_bridge_versus_dovecot() {
    const N: u32 = 10_000;
    let dovecot = Dovecot::start();
    let maildir = dovecot.maildir("alice");
    for sub in ["", "cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).expect("maildir");
        std::os::unix::fs::chown(maildir.join(sub), Some(MAIL_UID), Some(MAIL_GID)).expect("chown");
    }
    for n in 0..N {
        // Maildir stores LF line ends; Dovecot reports sizes with CRLF (RFC822.SIZE).
        let path = maildir.join(format!("cur/{}.M{n}P1.mailroom:2,", 1_772_442_000 + n));
        std::fs::write(&path, bench_message(n).replace("\r\n", "\n")).expect("write message");
        std::os::unix::fs::chown(&path, Some(MAIL_UID), Some(MAIL_GID)).expect("chown");
    }
    let theirs = time_full_resync(dovecot.imap.port());

    let mut store = fresh_store();
    if let Some(a) = store.account_mut("alice") {
        for n in 0..N {
            a.inbox_mut().append(
                bench_message(n),
                Default::default(),
                mailroom::sim::time::SimTime::ZERO,
            );
        }
    }
    let bridge = Bridge::new(store, false);
    let addr = bridge
        .listen("127.0.0.1:0", "imap", server_session)
        .expect("bind");
    let ours = time_full_resync(addr.port());

    assert_eq!((ours.lines, theirs.lines), (u64::from(N), u64::from(N)));
    println!(
        "FETCH 1:* (UID FLAGS RFC822.SIZE) of {N} messages, best of 5 via loopback: mailroom bridge {:.1} ms, \
         dovecot {:.1} ms, ratio {:.2}",
        ours.best * 1e3,
        theirs.best * 1e3,
        ours.best / theirs.best
    );
    // One machine-readable line for scripts/bench.
    let ms = |s: f64| (s * 1e6).round() / 1e3;
    println!(
        "RESYNC_BENCH {}",
        serde_json::json!({
            "messages": N,
            "mailroom_best_ms": ms(ours.best),
            "mailroom_median_ms": ms(ours.median),
            "dovecot_best_ms": ms(theirs.best),
            "dovecot_median_ms": ms(theirs.median),
        })
    );
}
