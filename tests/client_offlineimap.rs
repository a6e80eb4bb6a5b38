#![cfg(not(target_arch = "wasm32"))]
//! offlineimap3 (Debian's) against `examples/tcp_server.rs`: a two-way sync of INBOX with a maildir. Mail
//! arrives both ways (SMTP delivery down, a message dropped into the maildir up by APPEND), flags go both ways,
//! and so do deletions. The same scenario runs against a throwaway Dovecot, the reference server.

mod common;
use common::{
    append_to_inbox, assert_ran, deliver, on_server, run_client, server_flags, server_subjects,
    server_uid, Dovecot, Maildir, ScenarioServer, TcpServer, TempHome, CLIENT_TIMEOUT,
};

/// An offlineimap account between the server's INBOX and a maildir under its own HOME.
struct Offlineimap {
    home: TempHome,
}

impl Offlineimap {
    fn new(server: &impl ScenarioServer) -> Offlineimap {
        let home = TempHome::new("offlineimap");
        home.write(
            ".offlineimaprc",
            &format!(
                "[general]\naccounts = bridge\nmetadata = {home}/.offlineimap\n\n\
                 [Account bridge]\nlocalrepository = local\nremoterepository = remote\n\n\
                 [Repository local]\ntype = Maildir\nlocalfolders = {home}/Mail\n\n\
                 [Repository remote]\ntype = IMAP\nremotehost = 127.0.0.1\nremoteport = {port}\n\
                 remoteuser = alice\nremotepass = wonderland\nssl = no\nstarttls = no\n\
                 folderfilter = lambda folder: folder == 'INBOX'\n",
                home = home.path().display(),
                port = server.imap().port(),
            ),
        );
        Offlineimap { home }
    }

    /// One sync (`-o`: once, not as a daemon), which must succeed.
    fn sync(&self, server: &impl ScenarioServer) {
        let mut command = self.home.command("offlineimap");
        command.args(["-o", "-u", "basic"]);
        let run = run_client(command, "", CLIENT_TIMEOUT);
        assert_ran(&run, server);
        // offlineimap reports errors in its output and still exits 0 for some of them.
        assert!(!run.printed().contains("ERROR"), "{run}");
    }

    fn maildir(&self) -> Maildir {
        Maildir::at(&self.home.join("Mail/INBOX"))
    }
}

/// Mail, flags and deletions both ways; `deliver(subject)` puts new mail into INBOX.
fn syncs_both_ways(server: &impl ScenarioServer, deliver: impl Fn(&str)) {
    let imap = server.imap();
    let offlineimap = Offlineimap::new(server);
    let maildir = offlineimap.maildir();
    let defaults = server_subjects(imap);
    let [first, second, third] = [0, 1, 2].map(|i| defaults[i].clone());

    offlineimap.sync(server);
    assert_eq!(
        maildir.subjects(),
        defaults,
        "the first sync brings INBOX down"
    );

    // New mail both ways: delivered by SMTP, and written into the maildir.
    deliver("Delivered by SMTP");
    maildir.add(
        "1700000000.local.mailroom",
        "From: Alice <alice@example.org>\r\nTo: Bob <bob@example.net>\r\nSubject: Written locally\r\n\
         Message-ID: <local.1@example.org>\r\n\r\nup\r\n",
    );
    offlineimap.sync(server);
    assert!(maildir
        .subjects()
        .contains(&"Delivered by SMTP".to_string()));
    assert!(
        server_subjects(imap).contains(&"Written locally".to_string()),
        "uploaded by APPEND"
    );

    // Flags both ways.
    maildir.set_flags(&first, "FS");
    let uid = server_uid(imap, &second);
    on_server(imap, &[&format!("UID STORE {uid} +FLAGS (\\Answered)")]);
    offlineimap.sync(server);
    assert_eq!(server_flags(imap, &first), ["\\Flagged", "\\Seen"]);
    assert_eq!(maildir.one(&second).flags, "R", "\\Answered is maildir's R");

    // Deletions both ways.
    maildir.delete(&third);
    let uid = server_uid(imap, "Delivered by SMTP");
    on_server(
        imap,
        &[&format!("UID STORE {uid} +FLAGS (\\Deleted)"), "EXPUNGE"],
    );
    offlineimap.sync(server);
    let mut left = vec![first, second, "Written locally".to_string()];
    left.sort();
    assert_eq!(server_subjects(imap), left, "on the server");
    assert_eq!(maildir.subjects(), left, "in the maildir");
}

#[test]
fn offlineimap_syncs_new_mail_flags_and_deletions_both_ways() {
    let server = TcpServer::start();
    syncs_both_ways(&server, |subject| {
        deliver(server.smtp, subject, "down");
    });
}

#[test]
fn offlineimap_syncs_both_ways_with_the_reference_dovecot() {
    let dovecot = Dovecot::start();
    for subject in [
        "Lunch on Friday?",
        "Homework: network protocols",
        "Your bike is ready",
    ] {
        append_to_inbox(dovecot.imap, subject, "seeded");
    }
    syncs_both_ways(&dovecot, |subject| {
        append_to_inbox(dovecot.imap, subject, "down")
    });
}

#[test]
fn offlineimap_authenticates_with_sasl_plain_when_offered() {
    let server = TcpServer::start();
    let offlineimap = Offlineimap::new(&server);
    offlineimap.sync(&server);
    assert_eq!(offlineimap.maildir().subjects().len(), 3);
    let transcript = server.transcript();
    // PLAIN comes before LOGIN in offlineimap's default order; it sends no initial response, so the
    // credentials follow the server's "+ " (RFC 3501 §6.2.2).
    let auth = transcript
        .iter()
        .position(|l| l.ends_with(" AUTHENTICATE PLAIN"))
        .unwrap_or_else(|| panic!("no AUTHENTICATE PLAIN in {transcript:#?}"));
    assert!(transcript[auth + 1].contains("S: +"), "{transcript:#?}");
    assert!(
        !transcript.iter().any(|l| l.contains(" LOGIN alice")),
        "{transcript:#?}"
    );
}
