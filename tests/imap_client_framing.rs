//! The IMAP client fed by hand, line by line: a literal spread over several `handle_line` calls is read as one
//! response (RFC 3501 §4.3), and a line it cannot parse is reported without losing the ones after it.

use mailroom::sim::imap::{ClientSettings, ImapClient, ImapEvent, SyncMode};
use mailroom::sim::session::ClientSession;
use mailroom::sim::time::SimTime;

fn client() -> ImapClient {
    let mut settings = ClientSettings::new("alice", "wonderland", SyncMode::PollEveryMinutes(5));
    settings.use_qresync = false;
    let mut client = ImapClient::new(settings, Default::default());
    client.connect(SimTime::ZERO);
    client
}

fn feed(client: &mut ImapClient, lines: &[&str]) -> Vec<ImapEvent> {
    for line in lines {
        client.handle_line(line, SimTime::ZERO);
    }
    std::iter::from_fn(|| client.poll_event()).collect()
}

fn sent(client: &mut ImapClient) -> Vec<String> {
    std::iter::from_fn(|| client.poll_transmit()).collect()
}

#[test]
fn literals_split_over_lines_are_read_whole() {
    let mut client = client();
    feed(&mut client, &["* OK [CAPABILITY IMAP4rev1 IDLE] ready"]);
    assert_eq!(sent(&mut client), ["a1 LOGIN \"alice\" \"wonderland\""]);
    assert_eq!(
        feed(&mut client, &["a1 OK LOGIN completed"]),
        [ImapEvent::LoggedIn]
    );
    assert_eq!(sent(&mut client), ["a2 LIST \"\" \"*\""]);

    // A folder name sent as a literal holding a CRLF: three lines make one LIST response.
    let events = feed(
        &mut client,
        &[
            "* LIST () \"/\" {6}",
            "A",
            "B c",
            "* LIST (\\HasNoChildren) \"/\" inbox",
            "a2 OK LIST completed",
        ],
    );
    assert_eq!(
        events,
        [ImapEvent::FoldersListed {
            folders: vec!["A\r\nB c".into(), "INBOX".into()],
        }]
    );
    assert_eq!(sent(&mut client), ["a3 SELECT INBOX"]);
    let events = feed(
        &mut client,
        &[
            "* 1 EXISTS",
            "* OK [UIDVALIDITY 7] UIDs valid",
            "* OK [UIDNEXT 2] Predicted next UID",
            "a3 OK [READ-WRITE] SELECT completed",
        ],
    );
    assert!(matches!(
        events.as_slice(),
        [ImapEvent::FolderSelected {
            exists: 1,
            uid_validity: 7,
            ..
        }]
    ));
    assert_eq!(sent(&mut client), ["a4 UID FETCH 1:* (FLAGS)"]);
    feed(
        &mut client,
        &["* 1 FETCH (UID 1 FLAGS ())", "a4 OK FETCH completed"],
    );
    assert_eq!(
        sent(&mut client),
        ["a5 UID FETCH 1:* (UID FLAGS BODY.PEEK[])"]
    );

    // The message text arrives over four lines; the FETCH ends only after the literal's 27 octets.
    for line in [
        "* 1 FETCH (UID 1 FLAGS (\\Seen) BODY[] {27}",
        "Message-ID: <m1@x>",
        "",
    ] {
        assert_eq!(
            feed(&mut client, &[line]),
            [],
            "nothing until the response is whole"
        );
    }
    assert_eq!(
        feed(&mut client, &["Hello)"]),
        [ImapEvent::MessageFetched {
            folder: "INBOX".into(),
            uid: 1,
            message_id: "m1@x".into(),
        }]
    );
    let cached = &client.cache.folders["INBOX"].messages[&1];
    assert_eq!(cached.text, "Message-ID: <m1@x>\r\n\r\nHello");
    assert!(cached.flags.contains(mailroom::sim::mail::Flag::Seen));
}

#[test]
fn an_unparseable_line_is_reported_and_the_next_one_read() {
    let mut client = client();
    let events = feed(&mut client, &["* GARBAGE here", "* OK ready"]);
    assert_eq!(
        events,
        [ImapEvent::Failed {
            reason: "unparseable response: * GARBAGE here".into(),
        }]
    );
    assert_eq!(sent(&mut client), ["a1 LOGIN \"alice\" \"wonderland\""]);
}

#[test]
fn a_refusing_greeting_ends_the_connection() {
    let mut client = client();
    let events = feed(&mut client, &["* BYE [ALERT] too busy"]);
    assert_eq!(
        events,
        [ImapEvent::Failed {
            reason: "server closed the connection (BYE)".into(),
        }]
    );
    let events = feed(&mut client, &["* NO go away"]);
    assert_eq!(
        events,
        [ImapEvent::Failed {
            reason: "server refused: go away".into(),
        }]
    );
}
