#![cfg(not(target_arch = "wasm32"))]
//! getmail6 (Debian's) against `examples/tcp_server.rs`, with its POP3 and its IMAP retriever: it keeps mail and
//! fetches each message once (by UIDL, or by UIDVALIDITY and UID), then with `delete = true` it removes what it
//! fetched. Messages go to a command that writes each to a file: getmail's own maildir delivery refuses root.

mod common;
use common::{assert_ran, deliver, run_client, ImapProbe, TcpServer, TempHome, CLIENT_TIMEOUT};

use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Clone, Copy)]
enum Retriever {
    Pop3,
    Imap,
}

/// A getmail set up for alice on the bridge with one retriever.
struct Getmail {
    home: TempHome,
    retriever: Retriever,
}

impl Getmail {
    fn new(retriever: Retriever) -> Getmail {
        let home = TempHome::new("getmail");
        std::fs::create_dir_all(home.join("mail")).expect("mail directory");
        Getmail { home, retriever }
    }

    /// Runs getmail once with `delete` as set; returns the messages it delivered in this run.
    fn run(&self, server: &TcpServer, delete: bool) -> Vec<String> {
        let (kind, port, mailboxes) = match self.retriever {
            Retriever::Pop3 => ("SimplePOP3Retriever", server.pop3.port(), ""),
            Retriever::Imap => (
                "SimpleIMAPRetriever",
                server.imap.port(),
                "mailboxes = (\"INBOX\",)\n",
            ),
        };
        self.home.write(
            ".getmail/getmailrc",
            &format!(
                "[retriever]\ntype = {kind}\nserver = 127.0.0.1\nport = {port}\n\
                 username = alice\npassword = wonderland\n{mailboxes}\n\
                 [destination]\ntype = MDA_external\npath = /bin/sh\n\
                 arguments = (\"-c\", \"cat > $(mktemp {mail}/msg.XXXXXX)\")\nallow_root_commands = true\n\n\
                 [options]\nverbose = 2\nread_all = false\ndelete = {delete}\n",
                mail = self.home.join("mail").display(),
            ),
        );
        let before = self.delivered();
        let mut command = self.home.command("getmail");
        command.arg("--getmaildir").arg(self.home.join(".getmail"));
        let run = run_client(command, "", CLIENT_TIMEOUT);
        assert_ran(&run, server);
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

fn subjects(messages: &[String]) -> Vec<&str> {
    messages
        .iter()
        .filter_map(|text| text.lines().find_map(|l| l.strip_prefix("Subject: ")))
        .collect()
}

/// Keep: all at first, nothing the second time, a new message once; then delete: the rest leaves the server.
fn keeps_then_deletes(retriever: Retriever) {
    let server = TcpServer::start();
    let getmail = Getmail::new(retriever);

    assert_eq!(
        getmail.run(&server, false).len(),
        3,
        "the default world's three"
    );
    assert_eq!(
        getmail.run(&server, false),
        Vec::<String>::new(),
        "all known"
    );
    let id = deliver(server.smtp, "After the first run", "new");
    let fetched = getmail.run(&server, false);
    assert_eq!(subjects(&fetched), ["After the first run"]);
    assert!(fetched[0].contains(&format!("Message-ID: <{id}>")));
    assert_eq!(getmail.run(&server, false), Vec::<String>::new());
    let kept = ImapProbe::inbox(server.imap).messages();
    assert_eq!(kept.len(), 4, "keep: nothing deleted");

    deliver(server.smtp, "Fetched and deleted", "gone");
    let fetched = getmail.run(&server, true);
    assert_eq!(
        subjects(&fetched),
        ["Fetched and deleted"],
        "only the new one"
    );
    let left = ImapProbe::inbox(server.imap).messages();
    assert_eq!(left, [], "delete removes what was fetched before too");
}

#[test]
fn getmail_pop3_retriever_keeps_fetches_new_mail_once_then_deletes() {
    keeps_then_deletes(Retriever::Pop3);
}

#[test]
fn getmail_imap_retriever_keeps_fetches_new_mail_once_then_deletes() {
    keeps_then_deletes(Retriever::Imap);
}
