//! RFC 1939's own examples replayed line by line through the server. Where the RFC's text after `+OK` is
//! free-form (greeting, sign-off), the status, the APOP timestamp and the structure are compared exactly; every
//! other line is compared exactly, since this server uses the RFC's wording.

use mailroom::sim::harness::{drain, exchange};
use mailroom::sim::mail::Store;
use mailroom::sim::pop3::codec::uidl_for;
use mailroom::sim::pop3::{Pop3Server, Pop3ServerConfig};
use mailroom::sim::time::SimTime;

/// A text of exactly `octets` octets, CRLF counting as two (RFC 1939 §11).
fn message_of(octets: usize, subject: &str) -> String {
    let head = format!("Subject: {subject}\r\nMessage-ID: <{subject}@dbc.mtview.ca.us>\r\n\r\n");
    let body_len = octets - head.len() - 2;
    format!("{head}{}\r\n", "x".repeat(body_len))
}

/// mrose's maildrop of the example: two messages, 120 and 200 octets; his APOP secret is `tanstaaf` (§7).
fn mrose_store() -> Store {
    let mut store = Store::new();
    store.add_account("mrose", "tanstaaf", "mrose@dbc.mtview.ca.us");
    for (size, subject) in [(120, "first"), (200, "second")] {
        store
            .deliver(
                "mrose@dbc.mtview.ca.us",
                message_of(size, subject),
                SimTime::ZERO,
            )
            .expect("mrose exists");
    }
    store
}

/// The server of the example: host `dbc.mtview.ca.us`, process 1896, clock 697170952, so that its greeting
/// carries the RFC's timestamp `<1896.697170952@dbc.mtview.ca.us>`.
fn example_server() -> Pop3Server {
    let config = Pop3ServerConfig {
        hostname: "dbc.mtview.ca.us".into(),
        no_flag_updates: false,
    };
    Pop3Server::new(config, 1896, SimTime::from_millis(697_170_952))
}

#[test]
fn rfc1939_section_10_example_session() {
    let mut store = mrose_store();
    let texts: Vec<String> = store
        .account("mrose")
        .map(|a| a.inbox().messages.iter().map(|m| m.text.clone()).collect())
        .unwrap_or_default();
    let mut server = example_server();
    let now = SimTime::from_millis(697_170_952);

    // S: +OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>   (text before the timestamp is free)
    let greeting = drain(&mut server);
    assert_eq!(greeting.len(), 1);
    assert!(greeting[0].starts_with("+OK "));
    assert!(greeting[0].ends_with(" <1896.697170952@dbc.mtview.ca.us>"));

    let mut run = |line: &str| exchange(&mut server, &mut store, line, now);
    assert_eq!(
        run("APOP mrose c4c9334bac560ecc979e58001b3e22fb"),
        ["+OK mrose's maildrop has 2 messages (320 octets)"]
    );
    assert_eq!(run("STAT"), ["+OK 2 320"]);
    assert_eq!(
        run("LIST"),
        ["+OK 2 messages (320 octets)", "1 120", "2 200", "."]
    );
    for (n, size, text) in [(1, 120, &texts[0]), (2, 200, &texts[1])] {
        let mut expected = vec![format!("+OK {size} octets")];
        expected.extend(
            text.trim_end_matches("\r\n")
                .split("\r\n")
                .map(String::from),
        );
        expected.push(".".into());
        assert_eq!(run(&format!("RETR {n}")), expected);
        assert_eq!(
            run(&format!("DELE {n}")),
            [format!("+OK message {n} deleted")]
        );
    }
    // S: +OK dewey POP3 server signing off (maildrop empty)   (the host name is free text)
    let quit = run("QUIT");
    assert_eq!(quit.len(), 1);
    assert!(quit[0].starts_with("+OK "));
    assert!(quit[0].ends_with("POP3 server signing off (maildrop empty)"));
    use mailroom::sim::session::ServerSession;
    assert!(server.is_closed());
    assert_eq!(
        store.account("mrose").map(|a| a.inbox().exists()),
        Some(0),
        "UPDATE removed both messages"
    );
}

#[test]
fn rfc1939_section_7_uidl_example() {
    let mut store = mrose_store();
    let mut server = example_server();
    let now = SimTime::from_millis(697_170_952);
    drain(&mut server);
    let mut run = |line: &str| exchange(&mut server, &mut store, line, now);
    assert_eq!(run("USER mrose")[0].get(..3), Some("+OK"));
    assert_eq!(run("PASS tanstaaf")[0].get(..3), Some("+OK"));

    // The ids themselves are free (1-70 printable characters, §7); ours are Dovecot's `%08Xu%08Xv`.
    let validity = store
        .account("mrose")
        .map(|a| a.inbox().uid_validity)
        .unwrap_or_default();
    let (id1, id2) = (uidl_for(validity, 1), uidl_for(validity, 2));
    let mut run = |line: &str| exchange(&mut server, &mut store, line, now);
    assert_eq!(
        run("UIDL"),
        [
            "+OK".to_string(),
            format!("1 {id1}"),
            format!("2 {id2}"),
            ".".into()
        ]
    );
    assert_eq!(run("UIDL 2"), [format!("+OK 2 {id2}")]);
    assert_eq!(
        run("UIDL 3"),
        ["-ERR no such message, only 2 messages in maildrop"]
    );
}
