//! A throwaway Dovecot (Debian's) on free loopback ports, the reference server of the differential test and of the
//! client scenarios that also run against it: plaintext logins allowed (LOGIN, and SASL PLAIN and LOGIN), alice/wonderland, a maildir
//! in a temporary directory. Stopped by its pid when dropped, on failure too.

use super::ScenarioServer;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const DOVECOT: &str = "/usr/sbin/dovecot";
/// The unprivileged user that owns the throwaway maildir (Dovecot refuses to serve mail as root).
pub const MAIL_UID: u32 = 65534;
pub const MAIL_GID: u32 = 65534;

pub struct Dovecot {
    child: Child,
    dir: PathBuf,
    pub imap: SocketAddr,
    pub pop3: SocketAddr,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

impl Dovecot {
    pub fn start() -> Dovecot {
        assert!(
            Path::new(DOVECOT).exists(),
            "Dovecot is not installed ({DOVECOT} missing): install Debian's dovecot-imapd and dovecot-pop3d"
        );
        let version = Command::new(DOVECOT)
            .arg("--version")
            .output()
            .expect("dovecot --version runs");
        // Dovecot 2.4 renamed the plaintext switch; 2.3 (Debian 12) uses disable_plaintext_auth.
        let plaintext = if String::from_utf8_lossy(&version.stdout).starts_with("2.3") {
            "disable_plaintext_auth = no"
        } else {
            "auth_allow_cleartext = yes"
        };
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!(
            "mailroom-client-dovecot-{}-{nanos}",
            std::process::id()
        ));
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
            .stderr(Stdio::null())
            .spawn()
            .expect("start dovecot");
        let dovecot = Dovecot {
            child,
            dir,
            imap: SocketAddr::from(([127, 0, 0, 1], imap_port)),
            pop3: SocketAddr::from(([127, 0, 0, 1], pop3_port)),
        };
        let deadline = Instant::now() + Duration::from_secs(15);
        // Nothing to read until the listener exists, so poll the port.
        while TcpStream::connect(dovecot.imap).is_err() {
            assert!(
                Instant::now() < deadline,
                "Dovecot did not start; log: {}",
                dovecot.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        dovecot
    }

    /// The user's maildir, for tests that fill it directly.
    pub fn maildir(&self, user: &str) -> PathBuf {
        self.dir.join("mail").join(user)
    }

    /// Dovecot's log, for failure messages.
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.join("dovecot.log")).unwrap_or_default()
    }
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

impl ScenarioServer for Dovecot {
    fn imap(&self) -> SocketAddr {
        self.imap
    }

    fn record(&self) -> String {
        format!("--- Dovecot's log:\n{}", self.log())
    }
}
