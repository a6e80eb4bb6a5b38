//! Real clients over loopback TCP: the default world served on port 0, curl, and waiting for what the
//! bridge's threads do.

use mailroom::bridge::{serve_default_world, Listening, ServeOptions, Transcript};
use std::process::Command;
use std::time::{Duration, Instant};

/// The default world with `messages` generated messages added, served for POP3, IMAP and SMTP on loopback
/// ports the system picks (what `examples/tcp_server.rs` runs).
pub fn serve(messages: usize) -> Listening {
    let options = ServeOptions {
        pop3: "127.0.0.1:0".to_string(),
        imap: "127.0.0.1:0".to_string(),
        smtp: "127.0.0.1:0".to_string(),
        messages,
    };
    serve_default_world(&options, Transcript::Off).expect("serves")
}

/// Runs curl, silent and limited to 10 s; returns its exit code and what it printed, as text.
pub fn curl(args: &[&str]) -> (i32, String) {
    let output = Command::new("curl")
        .args(["-s", "--max-time", "10"])
        .args(args)
        .output()
        .expect("curl runs");
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    (output.status.code().unwrap_or(-1), text)
}

/// Waits for something another thread does (the bridge noticing a closed socket), up to ten seconds.
pub fn wait_until(what: &str, mut condition: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !condition() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}
