#![cfg(not(target_arch = "wasm32"))]
//! swaks (Debian's) against `examples/tcp_server.rs`: SMTP delivery with PIPELINING (RFC 2920), a refused
//! recipient among accepted ones, a DATA refused for want of any recipient, and a dot-stuffed line.

mod common;
use common::{
    assert_ran, run_client, server_subjects, server_uid, ClientRun, ImapProbe, TcpServer, TempHome,
    CLIENT_TIMEOUT,
};

/// Sends one message with swaks, pipelining; returns the run (swaks prints both sides of the dialogue).
fn swaks(server: &TcpServer, to: &str, subject: &str, body: &str) -> ClientRun {
    let home = TempHome::new("swaks");
    let mut command = home.command("swaks");
    command
        .args(["--server", &server.smtp.to_string(), "--pipeline"])
        .args(["--from", "bob@example.net", "--to", to])
        .args(["--header", &format!("Subject: {subject}"), "--body", body]);
    run_client(command, "", CLIENT_TIMEOUT)
}

/// What swaks printed, from MAIL FROM on: ` -> ` for what it sent, `<-  `/`<** ` for replies.
fn dialogue(run: &ClientRun) -> Vec<String> {
    run.stdout
        .lines()
        .skip_while(|l| !l.starts_with(" -> MAIL FROM"))
        .map(str::to_string)
        .collect()
}

#[test]
fn swaks_pipelines_its_envelope_and_the_message_is_delivered() {
    let server = TcpServer::start();
    let run = swaks(
        &server,
        "alice@example.org",
        "Pipelined",
        "first\n.dotted\nlast",
    );
    assert_ran(&run, &server);
    let lines = dialogue(&run);
    // The whole envelope goes before the first reply comes back (RFC 2920 §3.1).
    assert_eq!(
        lines[..6],
        [
            " -> MAIL FROM:<bob@example.net>",
            " -> RCPT TO:<alice@example.org>",
            " -> DATA",
            "<-  250 2.1.0 Ok",
            "<-  250 2.1.5 Ok",
            "<-  354 End data with <CR><LF>.<CR><LF>",
        ],
        "{run}"
    );
    assert!(run.stdout.contains(" -> ..dotted"), "swaks stuffs the dot");
    let uid = server_uid(server.imap, "Pipelined");
    let body = ImapProbe::inbox(server.imap)
        .ok(&format!("UID FETCH {uid} BODY.PEEK[TEXT]"))
        .join("\n");
    assert!(
        body.contains("first\r\n.dotted\r\nlast\r\n"),
        "the server removes the stuffed dot (RFC 5321 §4.5.2): {body}"
    );
}

#[test]
fn swaks_pipelined_recipients_are_answered_one_by_one() {
    let server = TcpServer::start();
    let run = swaks(
        &server,
        "nobody@example.org,alice@example.org",
        "One of two",
        "hello",
    );
    assert_ran(&run, &server);
    let lines = dialogue(&run);
    let replies: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("<-") || l.starts_with("<**"))
        .map(|l| &l[..8])
        .collect();
    assert_eq!(
        replies[..4],
        ["<-  250 ", "<** 550 ", "<-  250 ", "<-  354 "],
        "{run}"
    );
    assert!(server_subjects(server.imap).contains(&"One of two".to_string()));
}

#[test]
fn swaks_pipelined_data_without_a_valid_recipient_is_refused() {
    let server = TcpServer::start();
    let run = swaks(&server, "nobody@example.org", "Nobody", "lost");
    // swaks exits 24 when no recipient was accepted.
    assert_eq!(run.status.and_then(|s| s.code()), Some(24), "{run}");
    let lines = dialogue(&run);
    assert!(
        lines.iter().any(|l| l.starts_with("<** 554 ")),
        "DATA refused: no valid recipients (RFC 5321 §3.3)\n{run}"
    );
    assert!(!lines.iter().any(|l| l.starts_with(" -> Subject")), "{run}");
    assert_eq!(server_subjects(server.imap).len(), 3, "nothing delivered");
}
