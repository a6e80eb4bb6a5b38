//! The example server (`examples/tcp_server.rs`) as a child process, for the scenarios in which installed mail
//! clients (fetchmail, mpop, mbsync, ...) talk to it: built once, started on free loopback ports, its ready line
//! awaited, its transcript kept, and restarted on the same ports when a scenario needs a fresh server.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

/// How long the example may take to print its ready line.
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// `examples/tcp_server.rs`, built once per test binary in the profile the tests were built in.
pub fn tcp_server_binary() -> PathBuf {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY
        .get_or_init(|| {
            // The test runs from target/<profile dir>/deps/; the example lands in target/<profile dir>/examples/.
            let exe = std::env::current_exe().expect("the test knows its own path");
            let profile_dir = exe
                .parent()
                .and_then(|deps| deps.parent())
                .expect("the test binary sits in target/<profile>/deps");
            let profile = match profile_dir.file_name().and_then(|n| n.to_str()) {
                Some("debug") | None => "dev".to_string(),
                Some(other) => other.to_string(),
            };
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
            let output = Command::new(cargo)
                .current_dir(env!("CARGO_MANIFEST_DIR"))
                .args(["build", "--locked", "--example", "tcp_server", "--profile"])
                .arg(&profile)
                .output()
                .expect("cargo runs");
            assert!(
                output.status.success(),
                "cannot build the tcp_server example:\n{}",
                String::from_utf8_lossy(&output.stderr)
            );
            profile_dir.join("examples").join("tcp_server")
        })
        .clone()
}

/// A running `tcp_server`: where it listens and everything it printed. Killed when dropped, on failure too.
pub struct TcpServer {
    child: Child,
    pub pop3: SocketAddr,
    pub imap: SocketAddr,
    pub smtp: SocketAddr,
    transcript: Arc<Mutex<Vec<String>>>,
}

impl TcpServer {
    /// Starts the default world on three free loopback ports.
    pub fn start() -> TcpServer {
        let transcript = Arc::new(Mutex::new(Vec::new()));
        let (child, [pop3, imap, smtp]) = spawn(["127.0.0.1:0"; 3], &transcript);
        TcpServer {
            child,
            pop3,
            imap,
            smtp,
            transcript,
        }
    }

    /// Stops the server (its store goes with it) and starts a new one on the same three ports, as an
    /// administrator restarting the service would. The transcript goes on, with a line marking the restart.
    pub fn restart(&mut self) {
        self.stop();
        self.lines().push("--- restarted ---".to_string());
        let addrs = [self.pop3, self.imap, self.smtp].map(|a| a.to_string());
        let (child, bound) = spawn(addrs.each_ref().map(String::as_str), &self.transcript);
        assert_eq!(bound, [self.pop3, self.imap, self.smtp], "same ports again");
        self.child = child;
    }

    /// Every line the server printed so far: its ready lines and the transcript of every session.
    pub fn transcript(&self) -> Vec<String> {
        self.lines().clone()
    }

    /// The last `n` lines of the transcript, for failure messages.
    pub fn transcript_tail(&self, n: usize) -> String {
        let lines = self.lines();
        let start = lines.len().saturating_sub(n);
        lines[start..].join("\n")
    }

    fn lines(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.transcript
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for TcpServer {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts the example on these addresses; returns it and the addresses its ready line names.
fn spawn(addrs: [&str; 3], transcript: &Arc<Mutex<Vec<String>>>) -> (Child, [SocketAddr; 3]) {
    let mut child = Command::new(tcp_server_binary())
        .args(["--pop3", addrs[0], "--imap", addrs[1], "--smtp", addrs[2]])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tcp_server starts");
    let (ready_tx, ready_rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("piped stdout");
    let lines = Arc::clone(transcript);
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if line.starts_with("listening ") {
                let _ = ready_tx.send(line.clone());
            }
            push(&lines, line);
        }
    });
    let stderr = child.stderr.take().expect("piped stderr");
    let lines = Arc::clone(transcript);
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            push(&lines, format!("tcp_server stderr: {line}"));
        }
    });
    let Ok(ready) = ready_rx.recv_timeout(READY_TIMEOUT) else {
        let _ = child.kill();
        let status = child.wait().expect("tcp_server reaped");
        let printed = transcript
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .join("\n");
        panic!("tcp_server printed no ready line within {READY_TIMEOUT:?} ({status}):\n{printed}");
    };
    (child, parse_ready_line(&ready))
}

/// `listening pop3=127.0.0.1:1110 imap=127.0.0.1:1143 smtp=127.0.0.1:1025` (docs/hooks.md) as three addresses.
fn parse_ready_line(line: &str) -> [SocketAddr; 3] {
    let address = |name: &str| -> SocketAddr {
        line.split(' ')
            .find_map(|field| field.strip_prefix(&format!("{name}=")))
            .and_then(|addr| addr.parse().ok())
            .unwrap_or_else(|| panic!("no {name} address in the ready line {line:?}"))
    };
    [address("pop3"), address("imap"), address("smtp")]
}

fn push(lines: &Mutex<Vec<String>>, line: String) {
    lines
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .push(line);
}
