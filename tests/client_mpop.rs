#![cfg(not(target_arch = "wasm32"))]
//! mpop (Debian's) against `examples/tcp_server.rs` over POP3: keep with its UIDL file (a second run downloads
//! nothing; new mail is fetched once), then delete mode (messages leave the server after QUIT).
//! Without TLS mpop chooses only challenge-response logins, and the bridge offers none but APOP, which mpop
//! does not choose by itself; so the scenarios say `auth user`, as they would for Dovecot without TLS.

mod common;
use common::{assert_ran, deliver, run_client, ImapProbe, TcpServer, TempHome, CLIENT_TIMEOUT};

use std::collections::BTreeSet;
use std::path::PathBuf;

/// An mpop set up for alice on the bridge, delivering to a maildir.
struct Mpop {
    home: TempHome,
}

impl Mpop {
    fn new(server: &TcpServer, keep: bool) -> Mpop {
        Mpop::with_auth(server, keep, "user")
    }

    /// `auth`: mpop's name of the login method (`user` for USER/PASS, `plain` for SASL PLAIN).
    fn with_auth(server: &TcpServer, keep: bool, auth: &str) -> Mpop {
        let home = TempHome::new("mpop");
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(home.join(&format!("Maildir/{sub}"))).expect("maildir");
        }
        home.write(
            ".mpoprc",
            &format!(
                "defaults\ntls off\nauth {auth}\nkeep {keep}\n\
                 delivery maildir {maildir}\nuidls_file {uidls}\n\n\
                 account default\nhost 127.0.0.1\nport {port}\nuser alice\npassword wonderland\n",
                keep = if keep { "on" } else { "off" },
                maildir = home.join("Maildir").display(),
                uidls = home.join("mpop_uidls").display(),
                port = server.pop3.port(),
            ),
        );
        Mpop { home }
    }

    /// Runs mpop once; returns the messages it delivered in this run.
    fn retrieve(&self, server: &TcpServer) -> Vec<String> {
        let before = self.delivered();
        let run = run_client(self.home.command("mpop"), "", CLIENT_TIMEOUT);
        assert_ran(&run, server);
        self.delivered()
            .difference(&before)
            .map(|path| std::fs::read_to_string(path).expect("delivered file read"))
            .collect()
    }

    fn delivered(&self) -> BTreeSet<PathBuf> {
        std::fs::read_dir(self.home.join("Maildir/new"))
            .expect("maildir read")
            .map(|entry| entry.expect("entry").path())
            .collect()
    }
}

fn subject(text: &str) -> &str {
    text.lines()
        .find_map(|line| line.strip_prefix("Subject: "))
        .unwrap_or_default()
}

fn inbox_count(server: &TcpServer) -> usize {
    ImapProbe::inbox(server.imap).messages().len()
}

#[test]
fn mpop_keeps_mail_and_by_uidl_fetches_each_message_once() {
    let server = TcpServer::start();
    let mpop = Mpop::new(&server, true);

    assert_eq!(mpop.retrieve(&server).len(), 3, "the default world's three");
    assert_eq!(
        mpop.retrieve(&server),
        Vec::<String>::new(),
        "all known by UIDL"
    );

    let id = deliver(server.smtp, "After the first run", "new");
    let fetched = mpop.retrieve(&server);
    assert_eq!(fetched.len(), 1);
    assert_eq!(subject(&fetched[0]), "After the first run");
    assert!(fetched[0].contains(&format!("Message-ID: <{id}>")));
    assert_eq!(mpop.retrieve(&server), Vec::<String>::new());

    assert_eq!(inbox_count(&server), 4, "keep: nothing deleted");
    assert!(!server.transcript().iter().any(|l| l.contains("C: DELE")));
}

#[test]
fn mpop_without_keep_deletes_what_it_fetched_at_quit() {
    let server = TcpServer::start();
    let mpop = Mpop::new(&server, false);

    assert_eq!(mpop.retrieve(&server).len(), 3);
    assert_eq!(inbox_count(&server), 0, "deleted in the UPDATE state");

    deliver(server.smtp, "Fetched and deleted", "gone");
    let fetched = mpop.retrieve(&server);
    assert_eq!(fetched.len(), 1);
    assert_eq!(subject(&fetched[0]), "Fetched and deleted");
    assert_eq!(inbox_count(&server), 0);
    let transcript = server.transcript();
    let dele = transcript.iter().filter(|l| l.contains("C: DELE")).count();
    assert_eq!(dele, 4, "{transcript:#?}");
}

#[test]
fn mpop_after_a_bridge_restart_fetches_the_new_mail() {
    let mut server = TcpServer::start();
    let mpop = Mpop::new(&server, true);
    assert_eq!(mpop.retrieve(&server).len(), 3);
    deliver(server.smtp, "Before the restart", "old");
    assert_eq!(mpop.retrieve(&server).len(), 1);

    server.restart();
    deliver(server.smtp, "After the restart", "new");
    let fetched = mpop.retrieve(&server);
    // A new server's UIDLs are new strings (RFC 1939 §7), so its default messages come again, and the new one.
    assert!(
        fetched.iter().any(|m| subject(m) == "After the restart"),
        "fetched {:?}\n{}",
        fetched.iter().map(|m| subject(m)).collect::<Vec<_>>(),
        server.transcript_tail(40)
    );
}

#[test]
fn mpop_logs_in_with_sasl_plain() {
    let server = TcpServer::start();
    let mpop = Mpop::with_auth(&server, true, "plain");
    assert_eq!(mpop.retrieve(&server).len(), 3);
    let transcript = server.transcript();
    // mpop sends no initial response: the credentials follow the server's "+ " (RFC 5034 §4).
    let auth = transcript
        .iter()
        .position(|l| l.ends_with("C: AUTH PLAIN"))
        .unwrap_or_else(|| panic!("no AUTH PLAIN in {transcript:#?}"));
    assert!(transcript[auth + 1].contains("S: +"), "{transcript:#?}");
    assert!(
        !transcript.iter().any(|l| l.contains("C: PASS")),
        "{transcript:#?}"
    );
}
