#![cfg(not(target_arch = "wasm32"))]
//! Differential test: the same scripted IMAP sessions (tests/clients/imap_scenarios.py) against Mailroom's
//! server and a throwaway Dovecot; the protocol-significant facts must agree.

use mailroom::bridge::Bridge;
use mailroom::sim::imap::server_session;
use mailroom::sim::mail::Store;
use serde_json::Value;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOVECOT: &str = "/usr/sbin/dovecot";
/// The unprivileged user that owns the throwaway maildir (Dovecot refuses to serve mail as root).
const MAIL_UID: u32 = 65534;
const MAIL_GID: u32 = 65534;

/// A Dovecot running from a temporary directory; stopped by its pid when dropped, on failure too.
struct Dovecot {
    child: Child,
    dir: PathBuf,
    imap_port: u16,
    /// Dovecot's POP3 listener, for the POP3 half of the scenarios.
    #[allow(dead_code)]
    pop3_port: u16,
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        // SIGTERM lets the master stop its children; then reap it.
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn start_dovecot() -> Dovecot {
    assert!(
        Path::new(DOVECOT).exists(),
        "Dovecot is not installed ({DOVECOT} missing): install Debian's dovecot-imapd and dovecot-pop3d to run this test"
    );
    let version = Command::new(DOVECOT)
        .arg("--version")
        .output()
        .expect("dovecot --version runs");
    let version = String::from_utf8_lossy(&version.stdout).to_string();
    // Dovecot 2.4 renamed the plaintext switch; 2.3 (Debian 12) uses disable_plaintext_auth.
    let plaintext = if version.starts_with("2.3") {
        "disable_plaintext_auth = no"
    } else {
        "auth_allow_cleartext = yes"
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("mailroom-dovecot-{}-{nanos}", std::process::id()));
    for sub in ["run", "state", "mail", "home"] {
        std::fs::create_dir_all(dir.join(sub)).expect("temp dirs");
    }
    for sub in ["mail", "home"] {
        std::os::unix::fs::chown(dir.join(sub), Some(MAIL_UID), Some(MAIL_GID))
            .expect("chown maildir to nobody");
    }
    let (imap_port, pop3_port) = (free_port(), free_port());
    let d = dir.display();
    let conf = format!(
        "base_dir = {d}/run\nstate_dir = {d}/state\nlog_path = {d}/dovecot.log\nprotocols = imap pop3\n\
listen = 127.0.0.1\nssl = no\n{plaintext}\nauth_mechanisms = plain login\nmail_location = maildir:{d}/mail/%u\n\
default_login_user = dovenull\ndefault_internal_user = dovecot\ndefault_internal_group = dovecot\n\
pop3_lock_session = yes\npop3_uidl_format = %08Xu%08Xv\nfirst_valid_uid = 1\n\
service imap-login {{\n inet_listener imap {{\n  address = 127.0.0.1\n  port = {imap_port}\n }}\n inet_listener imaps {{\n  port = 0\n }}\n}}\n\
service pop3-login {{\n inet_listener pop3 {{\n  address = 127.0.0.1\n  port = {pop3_port}\n }}\n inet_listener pop3s {{\n  port = 0\n }}\n}}\n\
passdb {{\n driver = passwd-file\n args = scheme=PLAIN username_format=%u {d}/passwd\n}}\n\
userdb {{\n driver = static\n args = uid={MAIL_UID} gid={MAIL_GID} home={d}/home/%u\n}}\n"
    );
    std::fs::write(dir.join("dovecot.conf"), conf).expect("write config");
    std::fs::write(dir.join("passwd"), "alice:{PLAIN}wonderland\n").expect("write passwd");
    let child = Command::new(DOVECOT)
        .arg("-F")
        .arg("-c")
        .arg(dir.join("dovecot.conf"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dovecot");
    let dovecot = Dovecot {
        child,
        dir,
        imap_port,
        pop3_port,
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    // Nothing to read until the listener exists, so poll the port.
    while TcpStream::connect(("127.0.0.1", imap_port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "Dovecot did not start; log: {}",
            std::fs::read_to_string(dovecot.dir.join("dovecot.log")).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    dovecot
}

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
    let dovecot = start_dovecot();
    let theirs = run_scenarios(dovecot.imap_port, Some(dovecot.pop3_port));

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
    let dovecot = start_dovecot();
    let maildir = dovecot.dir.join("mail/alice");
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
    let theirs = time_full_resync(dovecot.imap_port);

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
