#![cfg(not(target_arch = "wasm32"))]
//! fetchmail (Debian's) against `examples/tcp_server.rs` over POP3: keep with UIDL (a second run downloads
//! nothing; new mail is fetched once), then delete mode (messages leave the server after QUIT).
//! fetchmail 6.4 insists on STLS unless told `sslproto ""`; the bridge has no TLS, so the scenarios say so.

mod common;
use common::{assert_ran, deliver, run_client, ImapProbe, TcpServer, TempHome, CLIENT_TIMEOUT};

use std::collections::BTreeSet;
use std::path::PathBuf;

/// A fetchmail set up for alice on the bridge, handing each message to an MDA that writes it to a file.
struct Fetchmail {
    home: TempHome,
}

impl Fetchmail {
    fn new(server: &TcpServer, keep: bool) -> Fetchmail {
        let home = TempHome::new("fetchmail");
        let mail = home.join("mail");
        std::fs::create_dir_all(&mail).expect("mail directory");
        let keep = if keep { "keep" } else { "nokeep" };
        home.write(
            ".fetchmailrc",
            &format!(
                "set no syslog\n\
                 poll 127.0.0.1 service {port} protocol pop3 uidl\n  \
                 user \"alice\" password \"wonderland\"\n  \
                 {keep} sslproto \"\"\n  \
                 mda \"/bin/sh -c 'cat > $(mktemp {mail}/msg.XXXXXX)'\"\n",
                port = server.pop3.port(),
                mail = mail.display(),
            ),
        );
        Fetchmail { home }
    }

    /// Runs one poll; returns the files it delivered in this run.
    fn poll(&self, server: &TcpServer) -> Vec<String> {
        let before = self.delivered();
        let mut command = self.home.command("fetchmail");
        command.args(["--nodetach", "--verbose", "--fetchmailrc"]);
        command.arg(self.home.join(".fetchmailrc"));
        // Run as root it would lock /var/run/fetchmail.pid, one lock for every test at once.
        command
            .arg("--pidfile")
            .arg(self.home.join("fetchmail.pid"));
        let run = run_client(command, "", CLIENT_TIMEOUT);
        // fetchmail exits 1 when there was no mail to fetch (PS_NOMAIL), 0 when it fetched some.
        let status = run.status.and_then(|s| s.code());
        if status != Some(1) {
            assert_ran(&run, server);
        }
        self.delivered()
            .difference(&before)
            .map(|path| std::fs::read_to_string(path).expect("delivered file read"))
            .collect()
    }

    fn delivered(&self) -> BTreeSet<PathBuf> {
        std::fs::read_dir(self.home.join("mail"))
            .expect("mail directory read")
            .map(|entry| entry.expect("entry").path())
            .collect()
    }
}

fn subjects(messages: &[String]) -> BTreeSet<String> {
    messages
        .iter()
        .filter_map(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("Subject: "))
                .map(str::to_string)
        })
        .collect()
}

fn inbox_count(server: &TcpServer) -> usize {
    ImapProbe::inbox(server.imap).messages().len()
}

#[test]
fn fetchmail_keeps_mail_and_by_uidl_fetches_each_message_once() {
    let server = TcpServer::start();
    let fetchmail = Fetchmail::new(&server, true);

    let first = fetchmail.poll(&server);
    assert_eq!(first.len(), 3, "the default world's three messages");
    assert_eq!(
        fetchmail.poll(&server),
        Vec::<String>::new(),
        "all seen by UIDL"
    );

    let id = deliver(server.smtp, "After the first poll", "new");
    let third = fetchmail.poll(&server);
    assert_eq!(
        subjects(&third),
        BTreeSet::from(["After the first poll".to_string()])
    );
    assert!(
        third[0].contains(&format!("Message-ID: <{id}>")),
        "{}",
        third[0]
    );
    assert_eq!(fetchmail.poll(&server), Vec::<String>::new());

    assert_eq!(inbox_count(&server), 4, "keep: nothing deleted");
    let transcript = server.transcript();
    assert!(
        !transcript.iter().any(|l| l.contains("C: DELE")),
        "keep sends no DELE"
    );
}

#[test]
fn fetchmail_without_keep_deletes_what_it_fetched_at_quit() {
    let server = TcpServer::start();
    let fetchmail = Fetchmail::new(&server, false);

    assert_eq!(fetchmail.poll(&server).len(), 3);
    assert_eq!(inbox_count(&server), 0, "deleted in the UPDATE state");
    let transcript = server.transcript();
    let dele = transcript.iter().filter(|l| l.contains("C: DELE")).count();
    assert_eq!(dele, 3, "{transcript:#?}");

    deliver(server.smtp, "Fetched and deleted", "gone");
    let fetched = fetchmail.poll(&server);
    assert_eq!(
        subjects(&fetched),
        BTreeSet::from(["Fetched and deleted".to_string()])
    );
    assert_eq!(inbox_count(&server), 0);
    assert_eq!(fetchmail.poll(&server), Vec::<String>::new());
}

#[test]
fn fetchmail_after_a_bridge_restart_fetches_the_new_mail() {
    let mut server = TcpServer::start();
    let fetchmail = Fetchmail::new(&server, true);
    assert_eq!(fetchmail.poll(&server).len(), 3);
    deliver(server.smtp, "Before the restart", "old");
    assert_eq!(fetchmail.poll(&server).len(), 1);

    server.restart();
    deliver(server.smtp, "After the restart", "new");
    let fetched = fetchmail.poll(&server);
    // A new server's UIDLs are new strings (RFC 1939 §7), so its default messages come again, and the new one.
    assert!(
        subjects(&fetched).contains("After the restart"),
        "fetched after the restart: {:?}\n{}",
        subjects(&fetched),
        server.transcript_tail(40)
    );
}
