//! RFC examples replayed line by line against the server. Free text after a status response's code may differ
//! (RFC 3501 §7.1); every other difference is named where it occurs.

mod common;

use common::*;
use mailroom::sim::harness::drain;
use mailroom::sim::imap::{ImapServer, CAPABILITIES};
use mailroom::sim::mail::{Flag, Flags, Store};
use mailroom::sim::session::ServerSession;

/// Significant forms of the lines, for comparing with an RFC's.
fn sig(lines: &[String]) -> Vec<String> {
    lines.iter().map(|l| significant(l)).collect()
}

/// The message 12 of RFC 3501 §8, whose ENVELOPE the example shows.
const RFC3501_MESSAGE_12: &str = "Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\r\n\
From: Terry Gray <gray@cac.washington.edu>\r\n\
Subject: IMAP4rev1 WG mtg summary and minutes\r\n\
To: imap@cac.washington.edu\r\n\
cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>\r\n\
Message-Id: <B27397-0100000@cac.washington.edu>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: TEXT/PLAIN; CHARSET=US-ASCII\r\n\r\n";

fn rfc3501_store() -> Store {
    let mut store = Store::new();
    store.add_account("mrc", "secret", "mrc@cac.washington.edu");
    let inbox = store.account_mut("mrc").expect("mrc").inbox_mut();
    for n in 1..=18u32 {
        let text = if n == 12 {
            // Pad the body so that the size matches the example's RFC822.SIZE 4286.
            let mut t = RFC3501_MESSAGE_12.to_string();
            let body_len = 4286 - t.len();
            t.push_str(&"x".repeat(body_len - 2));
            t.push_str("\r\n");
            t
        } else {
            message_text(n)
        };
        // Messages 1–16 were seen before; 17 and 18 are new (UNSEEN 17, 2 RECENT).
        let flags = if n <= 16 {
            Flags::EMPTY.with(Flag::Seen)
        } else {
            Flags::EMPTY
        };
        inbox.append(text, flags, T0);
    }
    inbox.first_recent_uid = 17;
    store
}

/// RFC 3501 §8. Differences: the greeting carries a CAPABILITY code; SELECT also returns PERMANENTFLAGS,
/// UIDNEXT and HIGHESTMODSEQ (RFC 3501 §7.1 and RFC 7162 allow these); INTERNALDATE is the simulation's
/// (it cannot express 1996); BODY is our text/plain structure since the example's sizes do not add up.
#[test]
fn rfc3501_section_8_sample_session() {
    let mut store = rfc3501_store();
    let mut s = ImapServer::new(1, T0);
    let greeting = drain(&mut s);
    assert_eq!(
        sig(&greeting),
        vec![format!("* OK [CAPABILITY {CAPABILITIES}]")]
    );

    // Difference: the tagged OK repeats the capabilities in a code, as Dovecot's does (RFC 3501 §7.2.1 allows it).
    assert_eq!(
        sig(&send(&mut s, &mut store, "a001 login mrc secret")),
        vec![format!("a001 OK [CAPABILITY {CAPABILITIES}]")]
    );

    let select = sig(&send(&mut s, &mut store, "a002 select inbox"));
    for expected in [
        "* 18 EXISTS",
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
        "* 2 RECENT",
        "* OK [UNSEEN 17]",
        "* OK [UIDVALIDITY 1772442000]",
    ] {
        assert!(
            select.contains(&expected.to_string()),
            "missing {expected} in {select:#?}"
        );
    }
    assert_eq!(
        select.last().map(String::as_str),
        Some("a002 OK [READ-WRITE]")
    );

    let full = send(&mut s, &mut store, "a003 fetch 12 full");
    assert_eq!(full.len(), 2);
    let expected_envelope = "ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \
\"IMAP4rev1 WG mtg summary and minutes\" \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((NIL NIL \"imap\" \"cac.washington.edu\")) \
((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL \
\"<B27397-0100000@cac.washington.edu>\")";
    assert!(
        full[0].starts_with("* 12 FETCH (FLAGS (\\Seen) INTERNALDATE \""),
        "{}",
        full[0]
    );
    assert!(full[0].contains(" RFC822.SIZE 4286 "), "{}", full[0]);
    assert!(full[0].contains(expected_envelope), "{}", full[0]);
    assert!(
        full[0].contains(" BODY (\"text\" \"plain\" "),
        "{}",
        full[0]
    );
    assert_eq!(significant(&full[1]), "a003 OK");

    let header = send(&mut s, &mut store, "a004 fetch 12 body[header]");
    let header_len = RFC3501_MESSAGE_12.len();
    assert_eq!(
        header[0],
        format!("* 12 FETCH (BODY[HEADER] {{{header_len}}}\r\n{RFC3501_MESSAGE_12})")
    );
    assert_eq!(significant(&header[1]), "a004 OK");

    assert_eq!(
        sig(&send(&mut s, &mut store, "a005 store 12 +flags \\deleted")),
        vec!["* 12 FETCH (FLAGS (\\Deleted \\Seen))", "a005 OK"]
    );
    assert_eq!(
        sig(&send(&mut s, &mut store, "a006 logout")),
        vec!["* BYE", "a006 OK"]
    );
    assert!(s.is_closed());
}

/// RFC 3501 §6.4.3: with messages 3, 4, 7 and 11 \Deleted, EXPUNGE reports 3, 3, 5, 8.
#[test]
fn rfc3501_expunge_example_reports_3_3_5_8() {
    let mut store = world_with(9);
    // Another session saw these messages already, so no RECENT count changes with the expunge.
    store
        .account_mut("alice")
        .expect("alice")
        .inbox_mut()
        .first_recent_uid = 13;
    let mut s = selected(&mut store, 1);
    tagged(
        &send(
            &mut s,
            &mut store,
            "A201 STORE 3,4,7,11 +FLAGS.SILENT (\\Deleted)",
        ),
        "A201",
        "OK",
    );
    assert_eq!(
        sig(&send(&mut s, &mut store, "A202 EXPUNGE")),
        vec![
            "* 3 EXPUNGE",
            "* 3 EXPUNGE",
            "* 5 EXPUNGE",
            "* 8 EXPUNGE",
            "A202 OK"
        ]
    );
    assert_eq!(inbox_uids(&store), vec![1, 2, 5, 6, 8, 9, 10, 12]);
}

/// RFC 2177 §3. Differences: after an EXPUNGE we do not repeat EXISTS (RFC 3501 §7.4.1: EXPUNGE already
/// decrements it; Dovecot does not repeat it either); the example's `* FLAGS (Deleted Seen)` lacks backslashes.
#[test]
fn rfc2177_section_3_idle_example() {
    let mut store = world_with(0);
    store
        .account_mut("alice")
        .expect("alice")
        .inbox_mut()
        .first_recent_uid = 4;
    let mut s = connect(1);
    tagged(
        &send(&mut s, &mut store, "A000 LOGIN alice wonderland"),
        "A000",
        "OK",
    );
    let select = sig(&send(&mut s, &mut store, "A001 SELECT INBOX"));
    assert!(select.contains(&"* 3 EXISTS".to_string()));
    assert!(select.contains(&"* 0 RECENT".to_string()));
    assert_eq!(
        sig(&send(&mut s, &mut store, "A002 IDLE")),
        vec!["+ idling"]
    );

    // ...time passes; new mail arrives...
    store
        .deliver("alice@example.org", message_text(4), T0)
        .expect("delivered");
    s.handle_store_changed(&mut store, T0);
    // Difference: the idling session is the first told of the message, so it is \Recent here and the count
    // follows (RFC 3501 §2.3.2, §7.3.2); the example leaves RECENT out.
    assert_eq!(sig(&drain(&mut s)), vec!["* 4 EXISTS", "* 1 RECENT"]);
    assert_eq!(sig(&send(&mut s, &mut store, "DONE")), vec!["A002 OK"]);

    // ...another client expunges message 2 now...
    expunge_by_another_client(&mut store, 2);
    let fetch = send(&mut s, &mut store, "A003 FETCH 4 ALL");
    assert!(fetch[0].starts_with("* 4 FETCH (FLAGS "), "{fetch:?}");
    assert_eq!(significant(&fetch[1]), "A003 OK");

    assert_eq!(
        sig(&send(&mut s, &mut store, "A004 IDLE")),
        vec!["* 2 EXPUNGE", "+ idling"]
    );
    // ...time passes; another client expunges message 3...
    expunge_by_another_client(&mut store, 4);
    s.handle_store_changed(&mut store, T0);
    assert_eq!(sig(&drain(&mut s)), vec!["* 3 EXPUNGE", "* 0 RECENT"]);
    // ...time passes; new mail arrives...
    store
        .deliver("alice@example.org", message_text(5), T0)
        .expect("delivered");
    s.handle_store_changed(&mut store, T0);
    assert_eq!(sig(&drain(&mut s)), vec!["* 3 EXISTS", "* 1 RECENT"]);
    assert_eq!(sig(&send(&mut s, &mut store, "DONE")), vec!["A004 OK"]);
    let fetch = send(&mut s, &mut store, "A005 FETCH 3 ALL");
    assert!(fetch[0].starts_with("* 3 FETCH (FLAGS "), "{fetch:?}");
    assert_eq!(
        sig(&send(&mut s, &mut store, "A006 IDLE")),
        vec!["+ idling"]
    );
}

fn expunge_by_another_client(store: &mut Store, uid: u32) {
    let removed = store
        .account_mut("alice")
        .expect("alice")
        .inbox_mut()
        .expunge_uids(&[uid]);
    assert_eq!(removed, vec![uid]);
}
