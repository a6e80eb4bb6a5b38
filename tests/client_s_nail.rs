#![cfg(not(target_arch = "wasm32"))]
//! s-nail (Debian's) against `examples/tcp_server.rs`, in batch mode (`-#`, commands given with `-Y`): it reads
//! a POP3 folder (logging in with APOP) and an IMAP folder, shows a message, deletes one (gone from the server
//! once it quits) and, over IMAP, flags one.

mod common;
use common::{
    assert_ran, run_client, server_inbox, server_subjects, ClientRun, ImapProbe, TcpServer,
    TempHome, CLIENT_TIMEOUT,
};

/// Runs s-nail on `folder` with these commands, one `-Y` each; the run must succeed.
fn s_nail(server: &TcpServer, folder: &str, commands: &[&str]) -> ClientRun {
    let home = TempHome::new("s-nail");
    let mut command = home.command("s-nail");
    command
        .env("MAILRC", "/dev/null")
        // -n: no system-wide mail.rc; -#: batch mode; v15-compat: the account URL syntax.
        .args(["-n", "-#", "-S", "v15-compat", "-S", "password=wonderland"]);
    for line in commands {
        command.args(["-Y", line]);
    }
    command.args(["-f", folder]);
    let run = run_client(command, "", CLIENT_TIMEOUT);
    assert_ran(&run, server);
    run
}

/// The default world's three messages, as `headers` lists them (by Subject) and as `type 2` shows the second.
fn assert_listed_and_shown(run: &ClientRun, subjects: &[String]) {
    for subject in subjects {
        // s-nail cuts a long Subject to the width of its header line.
        let start: String = subject.chars().take(20).collect();
        assert!(run.stdout.contains(&start), "{subject:?} not listed\n{run}");
    }
    assert!(
        run.stdout
            .contains("Which one keeps your mail on the server?"),
        "message 2's text not shown\n{run}"
    );
}

#[test]
fn s_nail_reads_a_pop3_folder_and_deletes_at_quit() {
    let server = TcpServer::start();
    let subjects = server_subjects(server.imap);
    let folder = format!("pop3://alice@{}", server.pop3);
    let run = s_nail(&server, &folder, &["headers", "type 2", "delete 1", "quit"]);
    assert_listed_and_shown(&run, &subjects);
    let left = server_subjects(server.imap);
    assert_eq!(left.len(), 2, "message 1 deleted at QUIT: {left:?}\n{run}");
    let transcript = server.transcript();
    let sent = |command: &str| {
        transcript
            .iter()
            .any(|l| l.starts_with("pop3#") && l.contains(&format!(" C: {command}")))
    };
    // The greeting's timestamp offers APOP (RFC 1939 §7), which s-nail prefers to sending the password.
    assert!(sent("APOP alice ") && !sent("PASS"), "{transcript:#?}");
    assert!(sent("DELE 1"), "{transcript:#?}");
}

#[test]
fn s_nail_reads_an_imap_folder_flags_and_expunges() {
    let server = TcpServer::start();
    let in_order: Vec<String> = ImapProbe::inbox(server.imap)
        .messages()
        .into_iter()
        .map(|(_, _, subject)| subject)
        .collect();
    let folder = format!("imap://alice@{}/INBOX", server.imap);
    let run = s_nail(
        &server,
        &folder,
        &["headers", "type 2", "flag 3", "delete 1", "quit"],
    );
    assert_listed_and_shown(&run, &in_order);
    let left: Vec<(String, Vec<String>)> = server_inbox(server.imap);
    let mut expected = vec![
        (in_order[1].clone(), vec!["\\Seen".to_string()]),
        (in_order[2].clone(), vec!["\\Flagged".to_string()]),
    ];
    expected.sort();
    assert_eq!(
        left, expected,
        "1 expunged at quit, 2 read, 3 flagged\n{run}"
    );
}
