use super::*;

fn parse(input: &str) -> Response {
    let (response, consumed) = parse_response(input.as_bytes()).expect("a whole response");
    assert_eq!(consumed, input.len(), "took all of {input:?}");
    response
}

fn data(input: &str) -> Data {
    match parse(input) {
        Response::Data(data) => data,
        other => panic!("not data: {other:?}"),
    }
}

fn status(input: &str) -> Status {
    match parse(input) {
        Response::Status(status) => status,
        other => panic!("not a status: {other:?}"),
    }
}

fn code(input: &str) -> Code {
    status(input).code.expect("a response code")
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn set(ranges: &[(u32, u32)]) -> UidSet {
    UidSet(
        ranges
            .iter()
            .map(|&(a, b)| (SetBound::Number(a), SetBound::Number(b)))
            .collect(),
    )
}

#[test]
fn tagged_and_untagged_statuses() {
    assert_eq!(
        status("a1 OK LOGIN completed\r\n"),
        Status {
            tag: Some("a1".into()),
            kind: StatusKind::Ok,
            code: None,
            text: "LOGIN completed".into(),
        }
    );
    assert_eq!(
        status("a2 no [TRYCREATE] No such mailbox\r\n").kind,
        StatusKind::No
    );
    assert_eq!(status("a3 BAD\r\n").text, "");
    let bye = status("* BYE Logging out\r\n");
    assert_eq!((bye.tag, bye.kind), (None, StatusKind::Bye));
    assert_eq!(
        status("* PREAUTH [CLOSED] hi\r\n").kind,
        StatusKind::PreAuth
    );
    assert_eq!(status("* OK [CLOSED]\r\n").text, "");
}

#[test]
fn tagged_bye_and_unknown_kinds_are_invalid() {
    for input in [
        "a1 BYE x\r\n",
        "a1 PREAUTH x\r\n",
        "a1 OKAY x\r\n",
        "* WHAT\r\n",
    ] {
        assert_eq!(
            parse_response(input.as_bytes()),
            Err(ParseError::Invalid),
            "{input}"
        );
    }
}

#[test]
fn response_codes() {
    assert_eq!(
        code("* OK [CAPABILITY IMAP4rev1 IDLE AUTH=PLAIN] ready\r\n"),
        Code::Capability(strings(&["IMAP4rev1", "IDLE", "AUTH=PLAIN"]))
    );
    assert_eq!(
        code("* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"),
        Code::UidValidity(3857529045)
    );
    assert_eq!(code("* OK [UIDNEXT 4392] next\r\n"), Code::UidNext(4392));
    assert_eq!(
        code("* OK [HIGHESTMODSEQ 90060115205545359] x\r\n"),
        Code::HighestModSeq(90060115205545359)
    );
    assert_eq!(code("* OK [UNSEEN 12] first unseen\r\n"), Code::Unseen(12));
    assert_eq!(
        code("* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"),
        Code::PermanentFlags(strings(&["\\Deleted", "\\Seen", "\\*"]))
    );
    assert_eq!(
        code("a1 OK [READ-WRITE] SELECT completed\r\n"),
        Code::ReadWrite
    );
    assert_eq!(
        code("a1 OK [READ-ONLY] EXAMINE completed\r\n"),
        Code::ReadOnly
    );
    assert_eq!(
        code("a1 OK [APPENDUID 38505 3955] APPEND completed\r\n"),
        Code::AppendUid {
            uid_validity: 38505,
            uids: set(&[(3955, 3955)]),
        }
    );
    assert_eq!(
        code("a1 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"),
        Code::CopyUid {
            uid_validity: 38505,
            source: set(&[(304, 304), (319, 320)]),
            destination: set(&[(3956, 3958)]),
        }
    );
    assert_eq!(
        code("* OK [CLOSED] Previous mailbox closed\r\n"),
        Code::Closed
    );
    assert_eq!(
        code("a1 NO [ALERT] careful\r\n"),
        Code::Other("ALERT".into())
    );
    assert_eq!(
        code("a1 NO [MODIFIED 7,9] Conditional STORE failed\r\n"),
        Code::Other("MODIFIED 7,9".into())
    );
    // A known code with arguments that do not parse is kept as text, not refused.
    assert_eq!(
        code("* OK [UIDVALIDITY 0] x\r\n"),
        Code::Other("UIDVALIDITY 0".into())
    );
    assert_eq!(
        code("* OK [UIDNEXT 5 6] x\r\n"),
        Code::Other("UIDNEXT 5 6".into())
    );
}

#[test]
fn capability_and_enabled() {
    assert_eq!(
        data("* CAPABILITY IMAP4rev1 IDLE QRESYNC\r\n"),
        Data::Capability(strings(&["IMAP4rev1", "IDLE", "QRESYNC"]))
    );
    assert_eq!(
        data("* ENABLED QRESYNC\r\n"),
        Data::Enabled(strings(&["QRESYNC"]))
    );
    assert_eq!(data("* ENABLED\r\n"), Data::Enabled(vec![]));
}

#[test]
fn list_names_may_be_atoms_quoted_or_literals() {
    let listed = |input: &str| match data(input) {
        Data::List(listed) => listed,
        other => panic!("not LIST: {other:?}"),
    };
    assert_eq!(
        listed("* LIST (\\HasNoChildren) \"/\" Sent\r\n"),
        ListedMailbox {
            attributes: strings(&["\\HasNoChildren"]),
            delimiter: Some("/".into()),
            name: "Sent".into(),
        }
    );
    assert_eq!(
        listed("* LIST () \"/\" \"My \\\"Box\\\"\"\r\n").name,
        "My \"Box\""
    );
    assert_eq!(listed("* LIST () NIL {6}\r\nA\r\nB c\r\n").name, "A\r\nB c");
    assert_eq!(
        listed("* LIST () \"/\" {6}\r\nA\r\nB c\r\n").delimiter,
        Some("/".into())
    );
    assert_eq!(listed("* LIST () \"/\" inbox\r\n").name, "INBOX");
    assert!(matches!(data("* LSUB () \"/\" Drafts\r\n"), Data::Lsub(_)));
}

#[test]
fn message_counts() {
    assert_eq!(data("* 23 EXISTS\r\n"), Data::Exists(23));
    assert_eq!(data("* 0 EXISTS\r\n"), Data::Exists(0));
    assert_eq!(data("* 5 RECENT\r\n"), Data::Recent(5));
    assert_eq!(data("* 3 expunge\r\n"), Data::Expunge(3));
    assert_eq!(parse_response(b"* 0 EXPUNGE\r\n"), Err(ParseError::Invalid));
    assert_eq!(
        parse_response(b"* 0 FETCH (UID 1)\r\n"),
        Err(ParseError::Invalid)
    );
    assert_eq!(
        parse_response(b"* 4294967296 EXISTS\r\n"),
        Err(ParseError::Invalid)
    );
}

#[test]
fn vanished_with_and_without_earlier() {
    assert_eq!(
        data("* VANISHED (EARLIER) 41,43:116,118\r\n"),
        Data::Vanished {
            earlier: true,
            uids: set(&[(41, 41), (43, 116), (118, 118)]),
        }
    );
    let Data::Vanished { earlier, uids } = data("* VANISHED 405,7:*\r\n") else {
        panic!("not VANISHED");
    };
    assert!(!earlier);
    assert_eq!(uids.ranges(9), vec![(405, 405), (7, 9)]);
    assert_eq!(uids.ranges(3), vec![(405, 405), (3, 7)]);
    assert_eq!(
        parse_response(b"* VANISHED (LATER) 4\r\n"),
        Err(ParseError::Invalid)
    );
}

#[test]
fn flags_search_and_status() {
    assert_eq!(
        data("* FLAGS (\\Answered \\Flagged $Junk)\r\n"),
        Data::Flags(strings(&["\\Answered", "\\Flagged", "$Junk"]))
    );
    assert_eq!(
        data("* SEARCH 2 84 882\r\n"),
        Data::Search(vec![2, 84, 882])
    );
    assert_eq!(data("* SEARCH\r\n"), Data::Search(vec![]));
    assert_eq!(
        data("* SEARCH 2 5 (MODSEQ 917162500)\r\n"),
        Data::Search(vec![2, 5])
    );
    assert_eq!(
        data("* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n"),
        Data::Status {
            mailbox: "blurdybloop".into(),
            items: vec![("MESSAGES".into(), 231), ("UIDNEXT".into(), 44292)],
        }
    );
}

#[test]
fn fetch_items_the_client_uses_and_others_skipped() {
    assert_eq!(
        data("* 12 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (65402) RFC822.SIZE 44827 BODY[] {11}\r\nHi\r\nthere\r\n)\r\n"),
        Data::Fetch {
            seq: 12,
            items: vec![
                FetchItem::Uid(4),
                FetchItem::Flags(strings(&["\\Seen"])),
                FetchItem::ModSeq(65402),
                FetchItem::Rfc822Size(44827),
                FetchItem::Text(Some("Hi\r\nthere\r\n".into())),
            ],
        }
    );
    assert_eq!(
        data("* 1 FETCH (RFC822 \"a \\\"b\\\"\" BODY[] NIL)\r\n"),
        Data::Fetch {
            seq: 1,
            items: vec![
                FetchItem::Text(Some("a \"b\"".into())),
                FetchItem::Text(None),
            ],
        }
    );
    let skipped = "* 2 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" ENVELOPE (NIL \"x\" ((NIL NIL \"a\" \"b.c\")) NIL) \
                   BODY[HEADER.FIELDS (FROM)] {3}\r\nabc BODY[]<0> {1}\r\nz BODYSTRUCTURE (\"text\" \"plain\" NIL 3) UID 9)\r\n";
    assert_eq!(
        data(skipped),
        Data::Fetch {
            seq: 2,
            items: vec![FetchItem::Uid(9)],
        }
    );
    assert_eq!(
        data("* 3 FETCH ()\r\n"),
        Data::Fetch {
            seq: 3,
            items: vec![],
        }
    );
}

#[test]
fn continuation_requests() {
    assert_eq!(parse("+ idling\r\n"), Response::Continue("idling".into()));
    assert_eq!(parse("+\r\n"), Response::Continue(String::new()));
}

#[test]
fn incomplete_until_the_line_and_every_literal_are_in() {
    let whole = b"* 1 FETCH (UID 1 BODY[] {5}\r\nab\r\nc FLAGS ())\r\n* 2 EXISTS\r\n";
    let first_len = whole.len() - b"* 2 EXISTS\r\n".len();
    for end in 0..first_len {
        assert_eq!(
            parse_response(&whole[..end]),
            Err(ParseError::Incomplete),
            "prefix of {end} bytes"
        );
    }
    let (_, consumed) = parse_response(whole).expect("whole");
    assert_eq!(consumed, first_len);
    assert_eq!(parse_response(&whole[consumed..]).map(|(_, n)| n), Ok(12));
}

#[test]
fn garbage_is_invalid() {
    for input in [
        &b"hello\r\n"[..],
        b"* \r\n",
        b"*x\r\n",
        b"(\r\n",
        b"* 1 FETCH (UID)\r\n",
        b"* 1 FETCH (UID 1\r\n",
        b"* 1 FETCH (BODY[] {x}\r\n",
        b"* OK [UIDNEXT 4\r\n",
        b"a1 OK x\n",
        b"* 1 FETCH (BODY[] \"a\r\n",
        b"\xff\xfe OK\r\n",
    ] {
        assert_eq!(parse_response(input), Err(ParseError::Invalid), "{input:?}");
    }
}

#[test]
fn deep_nesting_is_refused_not_recursed_into() {
    let deep = format!("* 1 FETCH (X {}\r\n", "(".repeat(10_000));
    assert_eq!(parse_response(deep.as_bytes()), Err(ParseError::Invalid));
}

#[test]
fn non_utf8_text_is_read_lossily() {
    let (response, _) = parse_response(b"a1 NO caf\xe9\r\n").expect("whole");
    let Response::Status(status) = response else {
        panic!("not a status");
    };
    assert_eq!(status.text, "caf\u{fffd}");
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Pieces real responses are made of, so random inputs get past the first byte.
    fn fragment() -> impl Strategy<Value = Vec<u8>> {
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..8),
            prop::sample::select(vec![
                "* ",
                "a1 ",
                "+ ",
                "OK ",
                "[",
                "]",
                "(",
                ")",
                "{3}\r\n",
                "{0}\r\n",
                "\r\n",
                "\"",
                "\\",
                " ",
                "1",
                "FETCH ",
                "UID ",
                "FLAGS ",
                "BODY[] ",
                "VANISHED ",
                "(EARLIER) ",
                "1:*,",
                "LIST ",
                "NIL ",
                "UIDVALIDITY ",
                "CAPABILITY ",
                "MODSEQ (",
            ])
            .prop_map(|s| s.as_bytes().to_vec()),
        ]
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(parts in prop::collection::vec(fragment(), 0..24)) {
            let input = parts.concat();
            if let Ok((_, consumed)) = parse_response(&input) {
                prop_assert!(consumed > 0 && consumed <= input.len());
            }
        }

        #[test]
        fn a_response_split_anywhere_is_incomplete_then_whole(cut in 0usize..60) {
            let whole = b"* 7 FETCH (UID 3 FLAGS (\\Seen) BODY[] {9}\r\nA\r\nB\r\nC\r\n)\r\n";
            let cut = cut.min(whole.len() - 1);
            prop_assert_eq!(parse_response(&whole[..cut]).map(|(_, n)| n), Err(ParseError::Incomplete));
            prop_assert_eq!(parse_response(whole).map(|(_, n)| n), Ok(whole.len()));
        }
    }
}
