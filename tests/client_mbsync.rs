#![cfg(not(target_arch = "wasm32"))]
//! isync's mbsync (Debian's) against `examples/tcp_server.rs`, with its default settings (no `AuthMechs`): a
//! two-way sync of INBOX with a maildir. New mail comes down, flags and expunges go both ways, and after a
//! restart of the bridge (whose UIDs then start again) mbsync marks no message it did not mean.
//! Without TLS, mbsync's defaults will not send LOGIN; they authenticate with SASL PLAIN (RFC 3501 §6.2.2).
//! The two-way scenario also runs against a throwaway Dovecot, the reference the bridge is compared with.

mod common;
use common::{
    append_to_inbox, assert_ran, deliver, on_server, run_client, server_flags, server_inbox,
    server_subjects, server_uid, Dovecot, Maildir, ScenarioServer, TcpServer, TempHome,
    CLIENT_TIMEOUT,
};

/// An mbsync channel between the server's INBOX and a maildir under its own HOME.
struct Mbsync {
    home: TempHome,
}

impl Mbsync {
    fn new(server: &impl ScenarioServer) -> Mbsync {
        let home = TempHome::new("mbsync");
        let mail = home.join("Mail");
        std::fs::create_dir_all(&mail).expect("maildir root");
        home.write(
            ".mbsyncrc",
            &format!(
                "IMAPAccount bridge\nHost 127.0.0.1\nPort {port}\nUser alice\nPass wonderland\nSSLType None\n\n\
                 IMAPStore remote\nAccount bridge\n\n\
                 MaildirStore local\nPath {mail}/\nInbox {mail}/INBOX\n\n\
                 Channel inbox\nFar :remote:\nNear :local:\nPatterns INBOX\n\
                 Create Both\nExpunge Both\nSyncState *\n",
                port = server.imap().port(),
                mail = mail.display(),
            ),
        );
        Mbsync { home }
    }

    fn run(&self) -> common::ClientRun {
        let mut command = self.home.command("mbsync");
        command.args(["--verbose", "--all"]);
        run_client(command, "", CLIENT_TIMEOUT)
    }

    /// Runs one sync, which must succeed.
    fn sync(&self, server: &impl ScenarioServer) {
        assert_ran(&self.run(), server);
    }

    fn maildir(&self) -> Maildir {
        Maildir::at(&self.home.join("Mail/INBOX"))
    }
}

/// New mail down, flags both ways, expunges both ways; `deliver(subject)` puts new mail into INBOX.
fn syncs_both_ways(server: &impl ScenarioServer, deliver: impl Fn(&str)) {
    let imap = server.imap();
    let mbsync = Mbsync::new(server);
    let defaults = server_subjects(imap);
    let maildir = mbsync.maildir();
    let [first, second, third] = [0, 1, 2].map(|i| defaults[i].clone());

    mbsync.sync(server);
    assert_eq!(
        maildir.subjects(),
        defaults,
        "the first sync brings INBOX down"
    );

    deliver("New mail");
    mbsync.sync(server);
    assert!(maildir.subjects().contains(&"New mail".to_string()));

    // Flags, near to far: read and flagged in the maildir become \Seen and \Flagged on the server.
    maildir.set_flags(&first, "FS");
    // Far to near: another client flags a message on the server.
    let uid = server_uid(imap, &second);
    on_server(imap, &[&format!("UID STORE {uid} +FLAGS (\\Answered)")]);
    mbsync.sync(server);
    assert_eq!(server_flags(imap, &first), ["\\Flagged", "\\Seen"]);
    assert_eq!(maildir.one(&second).flags, "R", "\\Answered is maildir's R");

    // Expunge, near to far: a message deleted from the maildir leaves the server.
    maildir.delete(&third);
    // Far to near: another client expunges one on the server.
    let uid = server_uid(imap, "New mail");
    on_server(
        imap,
        &[&format!("UID STORE {uid} +FLAGS (\\Deleted)"), "EXPUNGE"],
    );
    mbsync.sync(server);
    assert_eq!(
        server_subjects(imap),
        [first.clone(), second.clone()],
        "on the server"
    );
    assert_eq!(maildir.subjects(), [first, second], "in the maildir");

    mbsync.sync(server);
    assert_eq!(
        maildir.subjects().len(),
        2,
        "a sync with nothing to do changes nothing"
    );
}

#[test]
fn mbsync_syncs_new_mail_flags_and_expunges_both_ways() {
    let server = TcpServer::start();
    syncs_both_ways(&server, |subject| {
        deliver(server.smtp, subject, "for the maildir");
    });
}

#[test]
fn mbsync_syncs_both_ways_with_the_reference_dovecot() {
    let dovecot = Dovecot::start();
    for subject in [
        "Lunch on Friday?",
        "Homework: network protocols",
        "Your bike is ready",
    ] {
        append_to_inbox(dovecot.imap, subject, "seeded");
    }
    syncs_both_ways(&dovecot, |subject| {
        append_to_inbox(dovecot.imap, subject, "new")
    });
}

#[test]
fn mbsync_after_a_bridge_restart_marks_no_other_message() {
    let mut server = TcpServer::start();
    let mbsync = Mbsync::new(&server);
    deliver(server.smtp, "Before the restart", "known to mbsync");
    mbsync.sync(&server);
    assert_eq!(mbsync.maildir().messages().len(), 4);

    // The restarted bridge starts from the default world again; its next message gets the next free UID.
    server.restart();
    deliver(server.smtp, "After the restart", "new to mbsync");
    mbsync.maildir().set_flags("Before the restart", "F");
    let run = mbsync.run();

    // A new UIDVALIDITY tells mbsync its UIDs mean nothing any more (RFC 3501 §2.3.1.1): it may refuse to
    // sync ("UIDVALIDITY genuinely changed") or start again, but it must not put the flag on whatever message
    // now has the old UID.
    assert!(
        run.succeeded() || run.printed().contains("UIDVALIDITY"),
        "mbsync failed for another reason\n{run}"
    );
    let flagged: Vec<(String, Vec<String>)> = server_inbox(server.imap)
        .into_iter()
        .filter(|(_, flags)| flags.iter().any(|f| f == "\\Flagged"))
        .collect();
    assert_eq!(
        flagged,
        [],
        "mbsync flagged a message it never saw\n{run}\n--- the bridge's transcript:\n{}",
        server.transcript_tail(60)
    );
}
