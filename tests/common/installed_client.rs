//! Running an installed mail client (fetchmail, mpop, mbsync, ...) in a scenario: its own temporary HOME, a time
//! limit after which it is killed, and everything it printed kept for the failure message.

use super::TcpServer;
use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one client run may take before it is killed; a sync of a few messages takes well under a second.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(60);

/// A temporary directory that serves as a client's HOME (its configuration, state and delivered mail).
/// Removed when dropped, except when the test is failing, so what the client left can be looked at.
pub struct TempHome {
    path: PathBuf,
}

impl TempHome {
    pub fn new(client: &str) -> TempHome {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let path = std::env::temp_dir().join(format!(
            "mailroom-{client}-{}-{}",
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temporary HOME created");
        TempHome { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn join(&self, relative: &str) -> PathBuf {
        self.path.join(relative)
    }

    /// Writes a file under HOME, readable by its owner only (fetchmail and mpop refuse others).
    pub fn write(&self, relative: &str, contents: &str) -> PathBuf {
        use std::os::unix::fs::PermissionsExt;
        let path = self.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("config directory created");
        }
        std::fs::write(&path, contents).expect("config written");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
            .expect("config made private");
        path
    }

    /// A command for `program` with HOME here and no other user settings leaking in.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command
            .current_dir(&self.path)
            .env_clear()
            .env("PATH", std::env::var("PATH").unwrap_or_default())
            .env("HOME", &self.path)
            .env("USER", "alice")
            .env("LOGNAME", "alice")
            .env("LC_ALL", "C.UTF-8")
            .env("TZ", "UTC");
        command
    }
}

impl Drop for TempHome {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("left for inspection: {}", self.path.display());
        } else {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// What one run of a client did.
pub struct ClientRun {
    pub what: String,
    pub status: Option<ExitStatus>,
    pub timed_out: bool,
    pub took: Duration,
    pub stdout: String,
    pub stderr: String,
}

impl ClientRun {
    pub fn succeeded(&self) -> bool {
        !self.timed_out && self.status.is_some_and(|s| s.success())
    }

    /// Both streams, for assertions on what the client reported.
    pub fn printed(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl fmt::Display for ClientRun {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ending = match (self.timed_out, self.status) {
            (true, _) => "was killed after the time limit".to_string(),
            (false, Some(status)) => format!("ended with {status}"),
            (false, None) => "could not be waited for".to_string(),
        };
        write!(
            f,
            "{} {ending} after {:.1?}\n--- its stdout:\n{}\n--- its stderr:\n{}",
            self.what, self.took, self.stdout, self.stderr
        )
    }
}

/// Runs `command` with `input` on its stdin, killed (with its process group) after `timeout`.
pub fn run_client(command: Command, input: &str, timeout: Duration) -> ClientRun {
    start_client(command, input).finish(timeout)
}

type Output = std::io::Result<std::process::Output>;

/// A client started in the background (a mail reader that stays up while the test drives it). Dropped
/// unfinished, as when the test fails, it is killed with its process group.
pub struct RunningClient {
    what: String,
    started: Instant,
    pid: u32,
    done: Option<mpsc::Receiver<Output>>,
}

/// Starts `command` in its own process group with `input` on its stdin; what it prints is kept.
pub fn start_client(mut command: Command, input: &str) -> RunningClient {
    let what = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    );
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // Its own process group, so that a timeout kills whatever it started too (an MDA, a password command).
        .process_group(0)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
    let pid = child.id();
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = input.to_string();
    std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done_tx.send(child.wait_with_output());
    });
    RunningClient {
        what,
        started,
        pid,
        done: Some(done_rx),
    }
}

impl RunningClient {
    /// Waits for the client to end by itself, for at most `timeout`; then kills it.
    pub fn finish(mut self, timeout: Duration) -> ClientRun {
        let done = self.done.take().expect("finished once");
        let (output, timed_out) = match done.recv_timeout(timeout) {
            Ok(output) => (output.ok(), false),
            Err(_) => {
                kill_group(self.pid);
                (done.recv().ok().and_then(Result::ok), true)
            }
        };
        let text = |bytes: Option<&Vec<u8>>| {
            bytes
                .map(|b| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default()
        };
        ClientRun {
            what: std::mem::take(&mut self.what),
            status: output.as_ref().map(|o| o.status),
            timed_out,
            took: self.started.elapsed(),
            stdout: text(output.as_ref().map(|o| &o.stdout)),
            stderr: text(output.as_ref().map(|o| &o.stderr)),
        }
    }
}

impl Drop for RunningClient {
    fn drop(&mut self) {
        if let Some(done) = self.done.take() {
            kill_group(self.pid);
            let _ = done.recv();
        }
    }
}

/// SIGKILL to the process group this test started (its leader's pid is the group's id).
fn kill_group(pid: u32) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pid}")])
        .status();
}

/// A server a client scenario runs against: the bridge, or the reference Dovecot.
pub trait ScenarioServer {
    fn imap(&self) -> SocketAddr;
    /// What the server recorded of the sessions, for a failure message.
    fn record(&self) -> String;
}

impl ScenarioServer for TcpServer {
    fn imap(&self) -> SocketAddr {
        self.imap
    }

    fn record(&self) -> String {
        format!(
            "--- the bridge's transcript, last lines:\n{}",
            self.transcript_tail(60)
        )
    }
}

/// Panics with what the client printed and what the server recorded unless the run succeeded.
pub fn assert_ran(run: &ClientRun, server: &impl ScenarioServer) {
    assert!(run.succeeded(), "{run}\n{}", server.record());
}

/// Delivers a message from bob to alice over the bridge's SMTP port; returns its Message-ID (without <>).
pub fn deliver(smtp: SocketAddr, subject: &str, body: &str) -> String {
    static COUNT: AtomicUsize = AtomicUsize::new(0);
    let message_id = format!(
        "scenario.{}.{}@example.net",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::Relaxed)
    );
    let message = format!(
        "From: Bob <bob@example.net>\r\nTo: Alice <alice@example.org>\r\nSubject: {subject}\r\n\
         Message-ID: <{message_id}>\r\n\r\n{body}\r\n"
    );
    let stream = TcpStream::connect(smtp).expect("SMTP connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout set");
    let mut reader = BufReader::new(stream.try_clone().expect("clone"));
    let mut writer = stream;
    let mut expect = |code: &str| {
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).expect("an SMTP reply");
            assert!(line.starts_with(code), "expected {code}, got {line:?}");
            // A multi-line reply goes on while the code is followed by '-' (RFC 5321 §4.2.1).
            if line.as_bytes().get(3) != Some(&b'-') {
                break;
            }
        }
    };
    expect("220");
    for (command, code) in [
        ("EHLO scenario.example\r\n", "250"),
        ("MAIL FROM:<bob@example.net>\r\n", "250"),
        ("RCPT TO:<alice@example.org>\r\n", "250"),
        ("DATA\r\n", "354"),
    ] {
        writer.write_all(command.as_bytes()).expect("SMTP sent");
        expect(code);
    }
    writer
        .write_all(format!("{message}.\r\n").as_bytes())
        .expect("message sent");
    expect("250");
    writer.write_all(b"QUIT\r\n").expect("QUIT sent");
    expect("221");
    message_id
}
