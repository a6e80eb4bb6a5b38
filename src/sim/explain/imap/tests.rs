//! What the IMAP explanations must say about each command and response.

use crate::sim::explain::{
    answering, explained, Explained, LineContext, LineFacts, MailboxAccess, WireProtocol,
};
use crate::sim::session::Direction::{ClientToServer as C, ServerToClient as S};

fn client(line: &str) -> Explained {
    explained(WireProtocol::Imap, C, line, &LineContext::default())
}

fn server(line: &str, command: &str) -> Explained {
    explained(WireProtocol::Imap, S, line, &answering(command))
}

#[test]
fn greeting_lists_capabilities() {
    let context = LineContext {
        greeting: true,
        ..LineContext::default()
    };
    let greeting = explained(
        WireProtocol::Imap,
        S,
        "* OK [CAPABILITY IMAP4rev1 IDLE MOVE] Mailroom ready",
        &context,
    );
    assert!(greeting.en.contains("IDLE (push)") && greeting.en.contains("MOVE"));
    assert_eq!(greeting.rfc, "RFC 3501 §7.1.1");
    let capability = server("* CAPABILITY IMAP4rev1 UIDPLUS QRESYNC", "A1 CAPABILITY");
    assert!(capability.en.contains("UIDPLUS") && capability.zh.contains("快速同步"));
    assert_eq!(capability.rfc, "RFC 3501 §7.2.1");
}

#[test]
fn every_tagged_command_explains_its_tag() {
    let noop = client("A7 NOOP");
    assert!(noop.en.contains("“A7”") && noop.en.contains("match") && noop.zh.contains("标签“A7”"));
    assert!(client("A1 CAPABILITY").en.contains("RFC 3501 §6.1.1"));
    assert!(client("a2 foo bar").en.contains("“a2 BAD”"));
    assert!(client("hello").en.contains("tag"));
}

#[test]
fn login_never_shows_the_password() {
    let login = client("A1 LOGIN alice hunter2");
    assert!(
        login.en.contains("alice")
            && !login.en.contains("hunter2")
            && !login.zh.contains("hunter2")
    );
    assert_eq!(login.rfc, "RFC 3501 §6.2.3");
    for reply in [
        "A1 OK LOGIN completed",
        "A1 NO [AUTHENTICATIONFAILED] nope",
        "A1 BAD what",
    ] {
        let explanation = server(reply, "A1 LOGIN alice hunter2");
        assert!(
            !explanation.en.contains("hunter2") && !explanation.zh.contains("hunter2"),
            "{reply}"
        );
    }
    assert!(server("A1 OK done", "A1 LOGIN alice hunter2")
        .en
        .contains("logged in"));
}

#[test]
fn select_and_its_untagged_data() {
    let select = client("A2 SELECT INBOX");
    assert!(select.en.contains("INBOX") && select.en.contains("RFC 3501 §6.3.1"));
    assert!(client("A2 EXAMINE Archive").en.contains("read-only"));
    assert!(server("* 3 EXISTS", "A2 SELECT INBOX")
        .en
        .contains("3 messages, numbered 1 to 3"));
    let recent = server("* 1 RECENT", "A2 SELECT INBOX");
    assert!(recent.en.contains("\\Recent flag: 1") && recent.en.contains("first to be told"));
    assert!(!recent.en.contains("since a client last opened"));
    let flags = server(
        "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
        "A2 SELECT INBOX",
    );
    assert!(flags.en.contains("\\Flagged (starred)") && flags.zh.contains("已读"));
    assert!(server("* OK [UNSEEN 2] first unseen", "A2 SELECT INBOX")
        .en
        .contains("Message 2 is the first unread"));
    let permanent = server(
        "* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] ok",
        "A2 SELECT INBOX",
    );
    assert!(permanent.en.contains("\\Deleted (marked for deletion)"));
    let next = server("* OK [UIDNEXT 5] predicted", "A2 SELECT INBOX");
    assert!(next.en.contains("UID 5"));
    let validity = server(
        "* OK [UIDVALIDITY 3857529045] UIDs valid",
        "A2 SELECT INBOX",
    );
    assert!(validity.en.contains("3857529045") && validity.en.contains("void"));
    assert_eq!(validity.rfc, "RFC 3501 §2.3.1.1");
    let modseq = server(
        "* OK [HIGHESTMODSEQ 715194045007] ok",
        "A2 SELECT INBOX (CONDSTORE)",
    );
    assert!(modseq.en.contains("715194045007"));
    assert_eq!(modseq.rfc, "RFC 7162 §3.1.2.1");
    let done = server("A2 OK [READ-WRITE] SELECT completed", "A2 SELECT INBOX");
    assert!(done.en.contains("reading and changing") && done.en.contains("“A2 SELECT INBOX”"));
    assert!(server("A3 OK [READ-ONLY] done", "A3 EXAMINE Archive")
        .en
        .contains("read-only"));
    // RFC 3501 §6.3.1: a mailbox SELECTed read-only may still permit per-user changes such as \Seen.
    let selected_read_only = server("A4 OK [READ-ONLY] done", "A4 SELECT Shared");
    assert!(
        selected_read_only.en.contains("per-user state")
            && selected_read_only.zh.contains("§6.3.1")
    );
}

#[test]
fn mailbox_management() {
    assert!(client("A1 LIST \"\" \"*\"").en.contains("“*”"));
    let list = server(
        "* LIST (\\HasNoChildren) \"/\" \"Work/2024\"",
        "A1 LIST \"\" *",
    );
    assert!(list.en.contains("“Work/2024”") && list.en.contains("separates levels"));
    assert_eq!(list.rfc, "RFC 3501 §7.2.2");
    assert!(server("* LIST (\\Noselect) \"/\" Work", "A1 LIST \"\" *")
        .en
        .contains("cannot be opened"));
    assert!(client("A2 STATUS INBOX (MESSAGES UNSEEN)")
        .en
        .contains("MESSAGES UNSEEN"));
    let status = server(
        "* STATUS INBOX (MESSAGES 3 UNSEEN 1 UIDNEXT 9)",
        "A2 STATUS INBOX (MESSAGES UNSEEN)",
    );
    assert!(
        status.en.contains("3 messages")
            && status.en.contains("1 unread")
            && status.en.contains("next UID 9")
    );
    assert!(status.zh.contains("3 封邮件"));
    assert!(client("A3 CREATE Archive").en.contains("“Archive”"));
    assert!(client("A4 DELETE Old").en.contains("“Old”"));
    let rename = client("A5 RENAME Old \"Older Stuff\"");
    assert!(rename.en.contains("“Old”") && rename.en.contains("“Older Stuff”"));
}

#[test]
fn append_and_its_literal() {
    let append = client("A6 APPEND Sent (\\Seen) {310}");
    assert!(append.en.contains("“Sent”") && append.en.contains("310 octets"));
    assert_eq!(append.rfc, "RFC 3501 §6.3.11");
    let go_ahead = server("+ Ready for literal data", "A6 APPEND Sent (\\Seen) {310}");
    assert!(go_ahead.en.contains("310 octets"));
    assert_eq!(go_ahead.rfc, "RFC 3501 §7.5");
    let context = LineContext {
        in_content: true,
        ..LineContext::default()
    };
    let content = explained(WireProtocol::Imap, C, "Subject: hello", &context);
    assert!(content.en.contains("literal") && content.rfc.is_empty());
    let appended = server(
        "A6 OK [APPENDUID 38505 3955] APPEND completed",
        "A6 APPEND Sent {310}",
    );
    assert!(appended.en.contains("UID 3955") && appended.en.contains("38505"));
    assert_eq!(appended.rfc, "RFC 4315 §3");
}

#[test]
fn fetch_peek_and_seen() {
    let body = client("A7 FETCH 2 (BODY[])");
    assert!(body.en.contains("message 2") && body.en.contains("\\Seen"));
    assert_eq!(body.rfc, "RFC 3501 §6.4.5");
    let peek = client("A7 FETCH 2 (BODY.PEEK[])");
    assert!(peek.en.contains("without marking it read"));
    let summary = client("A8 FETCH 1:* (FLAGS UID RFC822.SIZE)");
    assert!(
        summary.en.contains("all messages")
            && summary.en.contains("size in octets")
            && summary.en.contains("UID")
    );
    let headers = client("A8 FETCH 3:5 (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])");
    assert!(headers.en.contains("messages 3 to 5") && headers.en.contains("headers"));
    let changed = client("A9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)");
    assert!(changed.en.contains("12345") && changed.en.contains("UIDs"));
    assert_eq!(changed.rfc, "RFC 7162 §3.1.4.1");
    let by_uid = client("A9 UID FETCH 17 (FLAGS)");
    assert!(
        by_uid.en.contains("UID 17") && by_uid.en.contains("as long as the mailbox's UIDVALIDITY")
    );
    assert!(!by_uid.en.contains("never change"));
    assert_eq!(by_uid.rfc, "RFC 3501 §6.4.8");
}

#[test]
fn fetch_responses_and_flag_changes_from_elsewhere() {
    let answer = server(
        "* 2 FETCH (FLAGS (\\Seen) UID 17 RFC822.SIZE 342)",
        "A7 FETCH 2 (FLAGS UID RFC822.SIZE)",
    );
    assert!(
        answer.en.contains("Message 2")
            && answer.en.contains("UID 17")
            && answer.en.contains("342 octets")
    );
    let literal = server("* 2 FETCH (UID 17 BODY[] {342}", "A7 UID FETCH 17 (BODY[])");
    assert!(literal.en.contains("342 octets"));
    assert!(server(")", "A7 FETCH 2 (BODY[])").en.contains("Closes"));
    let pushed = server("* 4 FETCH (FLAGS (\\Seen \\Flagged))", "");
    assert!(
        pushed.en.contains("Message 4")
            && pushed.en.contains("another device")
            && pushed.en.contains("\\Flagged (starred)")
    );
    assert_eq!(pushed.rfc, "RFC 3501 §7.4.2");
    let stored = server(
        "* 4 FETCH (FLAGS (\\Deleted))",
        "A9 STORE 4 +FLAGS (\\Deleted)",
    );
    assert!(stored.en.contains("After the STORE"));
}

#[test]
fn store_flags() {
    let delete = client("A9 STORE 4 +FLAGS (\\Deleted)");
    assert!(
        delete.en.contains("Adds \\Deleted")
            && delete.en.contains("message 4")
            && delete.en.contains("EXPUNGE")
    );
    assert_eq!(delete.rfc, "RFC 3501 §6.4.6");
    let unread = client("A9 STORE 2:3 -FLAGS.SILENT (\\Seen)");
    assert!(
        unread
            .en
            .contains("Removes \\Seen (read) from messages 2 to 3")
            && unread.en.contains(".SILENT")
    );
    let replace = client("A9 UID STORE 17 FLAGS (\\Flagged)");
    assert!(replace.en.contains("Replaces") && replace.en.contains("UID 17"));
    assert_eq!(replace.rfc, "RFC 3501 §6.4.8");
    assert!(client("A9 STORE 1 +FLAGS (\\Seen)")
        .zh
        .contains("第 1 封邮件"));
}

#[test]
fn copy_move_and_uidplus() {
    let copy = client("A10 COPY 2 Archive");
    assert!(
        copy.en.contains("message 2")
            && copy.en.contains("“Archive”")
            && copy.en.contains("originals stay")
    );
    let moved = client("A11 UID MOVE 17 Trash");
    assert!(moved.en.contains("UID 17") && moved.en.contains("“Trash”"));
    assert_eq!(moved.rfc, "RFC 6851 §3");
    let copied = server("A10 OK [COPYUID 38505 304 3956] done", "A10 COPY 2 Archive");
    assert!(copied.en.contains("304") && copied.en.contains("3956"));
    let missing = server("A10 NO [TRYCREATE] no such mailbox", "A10 COPY 2 Nowhere");
    assert!(missing.en.contains("CREATE"));
}

#[test]
fn expunge_close_and_unselect() {
    assert!(client("A12 EXPUNGE").en.contains("\\Deleted"));
    let expunged = server("* 3 EXPUNGE", "A12 EXPUNGE");
    assert!(expunged.en.contains("Message 3") && expunged.en.contains("message 4 is now 3"));
    assert_eq!(expunged.rfc, "RFC 3501 §7.4.1");
    assert!(client("A13 CLOSE")
        .en
        .contains("after EXAMINE nothing is removed"));
    assert_eq!(client("A13 UNSELECT").rfc, "RFC 3691 §2");
    assert_eq!(client("A14 UID EXPUNGE 3:5").rfc, "RFC 4315 §2.1");
}

/// A line of a session in which the mailbox was opened as `selected` says.
fn in_session(
    direction: crate::sim::session::Direction,
    line: &str,
    command: Option<&str>,
    selected: Option<MailboxAccess>,
) -> Explained {
    let context = LineContext {
        answering: command.map(str::to_string),
        facts: LineFacts {
            tracked: true,
            logged_in: true,
            selected,
            ..LineFacts::default()
        },
        ..LineContext::default()
    };
    explained(WireProtocol::Imap, direction, line, &context)
}

#[test]
fn close_after_select_removes_deleted_messages_and_after_examine_nothing() {
    let read_write = Some(MailboxAccess::ReadWrite);
    let read_only = Some(MailboxAccess::ReadOnly);
    let after_select = in_session(S, "a3 OK Close completed", Some("a3 CLOSE"), read_write);
    assert!(
        after_select.en.contains("were removed") && after_select.en.contains("without EXPUNGE")
    );
    assert_eq!(after_select.rfc, "RFC 3501 §6.4.2");
    let after_examine = in_session(S, "a3 OK Close completed", Some("a3 CLOSE"), read_only);
    assert!(
        after_examine.en.contains("nothing was removed")
            && !after_examine.en.contains("were removed")
    );
    assert!(after_examine.zh.contains("没有删除任何邮件"));
    assert!(in_session(C, "a3 CLOSE", None, read_write)
        .en
        .contains("removes every message marked"));
    assert!(in_session(C, "a3 CLOSE", None, read_only)
        .en
        .contains("no message is removed"));
}

#[test]
fn authenticate_with_and_without_an_initial_response() {
    let with = client("a1 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==");
    assert!(with.en.contains("already on this line") && !with.en.contains("AGFsaWNl"));
    assert_eq!(with.rfc, "RFC 4959 §3");
    let without = client("a1 AUTHENTICATE PLAIN");
    assert!(without.en.contains("next line") && without.rfc == "RFC 3501 §6.2.2");
    assert!(server("+ ", "a1 AUTHENTICATE PLAIN")
        .en
        .contains("login challenge"));
}

#[test]
fn commands_the_server_knows_are_not_called_unknown() {
    for (line, rfc) in [
        ("A21 CHECK", "RFC 3501 §6.4.1"),
        ("A22 SUBSCRIBE Archive", "RFC 3501 §6.3.6"),
        ("A23 UNSUBSCRIBE Archive", "RFC 3501 §6.3.7"),
        ("A24 NAMESPACE", "RFC 2342 §5"),
        ("A25 ID NIL", "RFC 2971 §3.1"),
    ] {
        let explanation = client(line);
        assert_eq!(explanation.rfc, rfc, "{line}");
        assert!(!explanation.en.contains("not an IMAP command"), "{line}");
    }
    assert!(client("A21 CHECK").en.contains("NOOP"));
}

#[test]
fn special_use_folders_and_quota() {
    let sent = server(
        "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
        "A1 LIST \"\" *",
    );
    assert!(sent.en.contains("sent mail, whatever its name") && sent.en.contains("RFC 6154 §2"));
    let over = server("A6 NO [OVERQUOTA] Quota exceeded", "A6 APPEND Sent {310}");
    assert!(over.en.contains("quota") && over.rfc == "RFC 9208 §4.3.1");
    // RFC 9208 §4.3.1 speaks of the target mailbox's quota limits, and prescribes no remedy.
    assert!(over.en.contains("target mailbox") && !over.en.contains("EXPUNGE"));
    assert_eq!(
        server("* NAMESPACE ((\"\" \"/\")) NIL NIL", "A24 NAMESPACE").rfc,
        "RFC 2342 §5"
    );
}

#[test]
fn uid_expunge_removes_only_what_it_names() {
    let done = server("a9 OK Expunge completed", "a9 UID EXPUNGE 3");
    assert!(done.en.contains("it named") && !done.en.contains("Every message marked"));
}

#[test]
fn a_fetch_sets_seen_only_in_a_mailbox_open_read_write() {
    let read_only = in_session(
        C,
        "a5 FETCH 1 (BODY[])",
        None,
        Some(MailboxAccess::ReadOnly),
    );
    assert!(read_only.en.contains("\\Seen is not set"));
    let read_write = in_session(
        C,
        "a5 FETCH 1 (BODY[])",
        None,
        Some(MailboxAccess::ReadWrite),
    );
    assert!(!read_write.en.contains("not set") && read_write.en.contains("marks it \\Seen"));
}

#[test]
fn a_non_synchronizing_literal_does_not_wait_for_the_server() {
    let plus = client("A6 APPEND Sent {310+}");
    assert!(plus.en.contains("{310+} announces") && plus.en.contains("without waiting"));
    assert!(client("A6 APPEND Sent {310}")
        .en
        .contains("after the server's “+”"));
}

#[test]
fn an_empty_mailbox_has_no_numbers() {
    let empty = server("* 0 EXISTS", "a4 SELECT INBOX");
    assert!(empty.en.contains("empty") && !empty.en.contains("1 to 0"));
    assert!(!empty.zh.contains("1 到 0"));
    assert!(server("* 1 EXISTS", "a4 SELECT INBOX")
        .en
        .contains("1 message, number 1"));
}

#[test]
fn a_tagged_reply_after_done_answers_idle() {
    // The transcript gives the IDLE command as what the tagged OK answers, not the DONE line.
    assert!(server("a5 OK Idle completed", "a5 IDLE")
        .en
        .contains("IDLE is over"));
}

#[test]
fn an_empty_flag_list_reads_as_words() {
    let fetched = server("* 4 FETCH (FLAGS ())", "A8 FETCH 4 (FLAGS)");
    assert!(fetched.zh.contains("没有任何标记") && !fetched.zh.contains("标记为 没有"));
    assert!(fetched.en.contains("no flags") && !fetched.en.contains("flags no flags"));
    let store = client("A9 STORE 1 +FLAGS ()");
    assert!(store.en.contains("changes nothing") && !store.zh.contains("标记 没有"));
}

#[test]
fn literal_content_that_looks_like_a_command_is_data() {
    let context = LineContext {
        in_content: true,
        facts: LineFacts {
            tracked: true,
            in_body: true,
            ..LineFacts::default()
        },
        ..LineContext::default()
    };
    let line = explained(WireProtocol::Imap, S, "a6 LOGOUT", &context);
    assert!(line.en.contains("literal") && line.rfc.is_empty());
    let blank = explained(WireProtocol::Imap, S, "", &context);
    assert!(blank.en.contains("in the body") && !blank.en.contains("header"));
}

#[test]
fn search() {
    let search = client("A15 SEARCH UNSEEN");
    assert!(search.en.contains("UNSEEN") && search.en.contains("message numbers"));
    let found = server("* SEARCH 2 5 7", "A15 SEARCH UNSEEN");
    assert!(found.en.contains("2 5 7"));
    assert!(server("* SEARCH 17 19", "A16 UID SEARCH UNSEEN")
        .en
        .contains("UIDs"));
    assert!(server("* SEARCH", "A15 SEARCH UNSEEN")
        .en
        .contains("No message"));
}

#[test]
fn idle_pushes_changes_until_done() {
    let idle = client("A17 IDLE");
    assert!(idle.en.contains("ready for updates") && idle.en.contains("DONE"));
    assert_eq!(idle.rfc, "RFC 2177 §3");
    assert!(server("+ idling", "A17 IDLE").en.contains("confirms IDLE"));
    assert!(server("* 4 EXISTS", "A17 IDLE").en.contains("new mail"));
    assert_eq!(client("DONE").rfc, "RFC 2177 §3");
    assert!(server("A17 OK IDLE terminated", "A17 IDLE")
        .en
        .contains("IDLE is over"));
}

#[test]
fn qresync_enable_and_vanished() {
    let enable = client("A18 ENABLE QRESYNC");
    assert!(enable.en.contains("VANISHED"));
    assert_eq!(enable.rfc, "RFC 5161 §3.1");
    assert!(server("* ENABLED QRESYNC", "A18 ENABLE QRESYNC")
        .en
        .contains("QRESYNC"));
    let earlier = server(
        "* VANISHED (EARLIER) 300:310,405",
        "A19 SELECT INBOX (QRESYNC (67890007 90060115205545))",
    );
    assert!(
        earlier.en.contains("300:310,405")
            && earlier.en.contains("removed before now, not just now")
    );
    assert_eq!(earlier.rfc, "RFC 7162 §3.2.10");
    assert!(server("* VANISHED 405", "").en.contains("just removed"));
    assert!(
        client("A19 SELECT INBOX (QRESYNC (67890007 90060115205545))")
            .en
            .contains("QRESYNC")
    );
}

#[test]
fn logout_bye_and_failures() {
    let logout = client("A20 LOGOUT");
    assert!(logout.en.contains("BYE") && logout.en.contains("POP3"));
    assert!(server("* BYE logging out", "A20 LOGOUT")
        .en
        .contains("logged out"));
    assert!(server("* BYE idle too long", "").en.contains("closing"));
    let no = server("A21 NO no such mailbox", "A21 SELECT Nowhere");
    assert!(no.en.contains("failed") && no.en.contains("no such mailbox"));
    assert_eq!(no.rfc, "RFC 3501 §7.1.2");
    assert_eq!(
        server("A22 BAD parse error", "A22 FROB").rfc,
        "RFC 3501 §7.1.3"
    );
}
