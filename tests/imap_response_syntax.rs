//! Every line the server writes must be RFC 3501 syntax: each one is fed to imap-codec's response parser (the
//! whole grammar; the client's own parser reads only what it consumes), in a session that exercises every kind
//! of response.

mod common;

use common::*;
use imap_codec::decode::Decoder;
use imap_codec::{GreetingCodec, ResponseCodec};
use mailroom::sim::harness::drain;
use mailroom::sim::imap::ImapServer;
use mailroom::sim::mail::Store;
use mailroom::sim::session::ServerSession;

fn assert_parses(line: &str) {
    let mut bytes = line.as_bytes().to_vec();
    bytes.extend_from_slice(b"\r\n");
    match ResponseCodec::default().decode(&bytes) {
        Ok((rest, _)) => assert!(rest.is_empty(), "trailing bytes after {line:?}: {rest:?}"),
        Err(e) => panic!("not a valid IMAP response: {line:?} ({e:?})"),
    }
}

#[test]
fn every_response_line_parses_as_rfc3501_syntax() {
    let mut store = Store::default_world();
    let mut s = ImapServer::new(1, T0);
    let greeting = drain(&mut s);
    let mut bytes = greeting[0].as_bytes().to_vec();
    bytes.extend_from_slice(b"\r\n");
    assert!(
        GreetingCodec::default().decode(&bytes).is_ok(),
        "{greeting:?}"
    );
    let script = [
        "a CAPABILITY",
        "b LOGIN alice wonderland",
        "c ENABLE QRESYNC",
        "d LIST \"\" *",
        "d2 LIST \"\" \"\"",
        "d3 LSUB \"\" *",
        "e STATUS INBOX (MESSAGES RECENT UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)",
        "f SELECT INBOX (QRESYNC (1772442000 1))",
        "g FETCH 1:* (UID FLAGS RFC822.SIZE INTERNALDATE ENVELOPE BODYSTRUCTURE MODSEQ)",
        "h FETCH 1 (BODY[] BODY.PEEK[HEADER] BODY[TEXT] BODY[HEADER.FIELDS (From Subject)] BODY[]<0.10> RFC822.HEADER)",
        "i FETCH 2 FULL",
        "j STORE 2 +FLAGS (\\Flagged \\Answered)",
        "k STORE 1:3 (UNCHANGEDSINCE 1) +FLAGS (\\Draft)",
        "l SEARCH UNSEEN",
        "m UID SEARCH MODSEQ 1",
        "n COPY 1 Archive",
        "o UID MOVE 3 Trash",
        "p STORE 1 +FLAGS.SILENT (\\Deleted)",
        "q EXPUNGE",
        "r UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)",
        "s EXAMINE Trash",
        "t STORE 1 +FLAGS (\\Seen)",
        "u FETCH 99 FLAGS",
        "v FROBNICATE",
        "w SELECT Nowhere",
        "x APPEND Nowhere {1+}\r\nx",
        "y IDLE",
        "DONE",
        "BAD",
        "z LOGOUT",
    ];
    let mut seen = 0;
    for command in script {
        for line in send(&mut s, &mut store, command) {
            seen += 1;
            assert_parses(&line);
        }
        if command == "y IDLE" {
            store
                .deliver("alice@example.org", message_text(7), T0)
                .expect("delivered");
            s.handle_store_changed(&mut store, T0);
            for line in drain(&mut s) {
                seen += 1;
                assert_parses(&line);
            }
        }
    }
    assert!(seen > 60, "the script produced {seen} lines");
}
