//! What the POP3 explanations must say about each command and reply.

use crate::sim::explain::{answering, explained, Explained, LineContext, LineFacts, WireProtocol};
use crate::sim::session::Direction::{ClientToServer as C, ServerToClient as S};

fn client(line: &str) -> Explained {
    explained(WireProtocol::Pop3, C, line, &LineContext::default())
}

fn server(line: &str, command: &str) -> Explained {
    explained(WireProtocol::Pop3, S, line, &answering(command))
}

#[test]
fn greeting_mentions_the_apop_timestamp() {
    let context = LineContext {
        greeting: true,
        ..LineContext::default()
    };
    let greeting = explained(
        WireProtocol::Pop3,
        S,
        "+OK POP3 ready <1896.697170952@dbc.mtview.ca.us>",
        &context,
    );
    assert!(
        greeting.en.contains("<1896.697170952@dbc.mtview.ca.us>") && greeting.en.contains("APOP")
    );
    assert_eq!(greeting.rfc, "RFC 1939 §7");
    let plain = explained(WireProtocol::Pop3, S, "+OK POP3 ready", &context);
    assert!(plain.en.contains("log in"));
}

#[test]
fn login_never_shows_the_password() {
    let user = client("USER alice");
    assert!(user.en.contains("alice") && user.zh.contains("alice"));
    let pass = client("PASS hunter2");
    assert!(!pass.en.contains("hunter2") && !pass.zh.contains("hunter2"));
    assert_eq!(pass.rfc, "RFC 1939 §7");
    let logged_in = server("+OK maildrop has 2 messages (320 octets)", "PASS hunter2");
    assert!(
        logged_in.en.contains("2 messages")
            && logged_in.en.contains("320")
            && logged_in.en.contains("locks")
    );
    let refused = server("-ERR invalid password", "PASS hunter2");
    assert!(!refused.en.contains("hunter2") && !refused.zh.contains("hunter2"));
    let apop = client("APOP mrose c4c9334bac560ecc979e58001b3e22fb");
    assert!(apop.en.contains("mrose") && apop.en.contains("MD5"));
    assert!(server("+OK", "USER alice").en.contains("password"));
}

#[test]
fn capa_and_its_list() {
    assert_eq!(client("CAPA").rfc, "RFC 2449 §5");
    assert!(server("+OK Capability list follows", "CAPA")
        .en
        .contains("list follows"));
    let top = server("TOP", "CAPA");
    assert_eq!(top.rfc, "RFC 2449 §6.1");
    let expire = server("EXPIRE NEVER", "CAPA");
    assert!(expire.en.contains("NEVER"));
    assert_eq!(server("UIDL", "CAPA").rfc, "RFC 2449 §6.8");
    assert!(server("X-SHINY", "CAPA").en.contains("X-SHINY"));
}

#[test]
fn stat_uses_the_numbers() {
    assert_eq!(client("STAT").rfc, "RFC 1939 §5");
    let stat = server("+OK 2 320", "STAT");
    assert!(stat.en.contains("2 messages") && stat.en.contains("320 octets"));
    assert!(stat.zh.contains("2 封") && stat.zh.contains("320 字节"));
}

#[test]
fn list_and_scan_lines() {
    assert!(client("LIST").en.contains("every message"));
    assert!(client("LIST 3").en.contains("message 3"));
    assert!(server("+OK 3 120", "LIST 3")
        .en
        .contains("message 3 is 120 octets"));
    let scan = server("1 120", "LIST");
    assert!(scan.en.contains("Message 1 is 120 octets"));
    assert!(scan.zh.contains("第 1 封") && scan.zh.contains("120 字节"));
    assert!(server(".", "LIST")
        .en
        .contains("end of this multi-line reply"));
}

#[test]
fn uidl_ids_survive_sessions() {
    let all = client("UIDL");
    assert_eq!(all.rfc, "RFC 1939 §7");
    let line = server("2 QhdPYR:00WBw1Ph7x7", "UIDL");
    assert!(
        line.en.contains("Message 2")
            && line.en.contains("QhdPYR:00WBw1Ph7x7")
            && line.en.contains("persists across sessions")
    );
    assert_eq!(line.rfc, "RFC 1939 §7");
    assert!(server("+OK 2 QhdPYR:00WBw1Ph7x7", "UIDL 2")
        .en
        .contains("QhdPYR:00WBw1Ph7x7"));
}

#[test]
fn retr_and_top_carry_content_until_the_dot() {
    assert!(client("RETR 1").en.contains("message 1"));
    let ok = server("+OK 120 octets", "RETR 1");
    assert!(ok.en.contains("message 1") && ok.en.contains("120 octets"));
    let body = server("Subject: lunch", "RETR 1");
    assert_eq!(body.rfc, "");
    let context = LineContext {
        in_content: true,
        ..answering("RETR 1")
    };
    assert_eq!(
        explained(WireProtocol::Pop3, S, "..hidden dot", &context).rfc,
        "RFC 1939 §3"
    );
    let end = server(".", "RETR 1");
    assert!(end.en.contains("end of message 1"));
    let top = client("TOP 1 10");
    assert!(top.en.contains("message 1") && top.en.contains("10"));
    assert_eq!(top.rfc, "RFC 1939 §7");
    assert!(client("TOP 3 0").en.contains("message 3: only its headers"));
    assert!(server("+OK", "TOP 1 10").en.contains("headers"));
}

#[test]
fn dele_only_marks_and_rset_unmarks() {
    let dele = client("DELE 2");
    assert!(
        dele.en.contains("message 2")
            && dele.en.contains("QUIT")
            && dele.en.ends_with("(RFC 1939 §5).")
    );
    assert!(dele.zh.contains("第 2 封") && dele.zh.ends_with("（RFC 1939 §5）。"));
    assert!(server("+OK message 2 deleted", "DELE 2")
        .en
        .contains("only deleted at QUIT"));
    assert!(client("RSET").en.contains("deletion mark"));
    assert!(server("+OK", "RSET").en.contains("removed"));
    assert_eq!(client("NOOP").rfc, "RFC 1939 §5");
    assert!(server("+OK", "NOOP").en.contains("still there"));
}

#[test]
fn quit_explains_the_update_state() {
    let quit = client("QUIT");
    assert!(quit.en.contains("UPDATE") && quit.en.contains("before login"));
    assert_eq!(quit.rfc, "RFC 1939 §6");
    let bye = server("+OK dewey POP3 server signing off", "QUIT");
    assert!(bye.en.contains("After a login") && bye.en.contains("before a login, nothing changes"));
}

/// The context the transcript gives a `+OK` to QUIT: logged in or not, and how many messages were marked.
fn quit_in(logged_in: bool, marked_for_deletion: u32) -> Explained {
    let context = LineContext {
        answering: Some("QUIT".into()),
        facts: LineFacts {
            tracked: true,
            logged_in,
            marked_for_deletion,
            ..LineFacts::default()
        },
        ..LineContext::default()
    };
    explained(WireProtocol::Pop3, S, "+OK bye", &context)
}

#[test]
fn the_reply_to_quit_says_what_the_server_did() {
    let before_login = quit_in(false, 0);
    assert!(before_login.en.contains("never logged in") && !before_login.en.contains("removed"));
    assert_eq!(before_login.rfc, "RFC 1939 §4");
    assert!(quit_in(true, 0).en.contains("none is removed"));
    let two = quit_in(true, 2);
    assert!(
        two.en
            .contains("the 2 messages marked with DELE in this session are now removed")
            && two.zh.contains("2 封邮件")
    );
    assert!(quit_in(true, 1)
        .en
        .contains("the message marked with DELE in this session is now removed"));
}

#[test]
fn an_auth_exchange_never_shows_the_credentials() {
    let auth = client("AUTH PLAIN AGFsaWNlAHNlY3JldA==");
    assert!(auth.en.contains("“PLAIN”") && !auth.en.contains("AGFsaWNl"));
    assert_eq!(auth.rfc, "RFC 5034 §4");
    assert!(client("AUTH PLAIN").en.contains("next line"));
    assert!(server("+ ", "AUTH PLAIN").en.contains("challenge"));
    let context = LineContext {
        facts: LineFacts {
            tracked: true,
            answers_challenge: true,
            ..LineFacts::default()
        },
        ..LineContext::default()
    };
    let answer = explained(WireProtocol::Pop3, C, "AGFsaWNlAHNlY3JldA==", &context);
    assert!(answer.en.contains("answer to the server's login challenge"));
    assert!(!answer.en.contains("AGFsaWNl") && !answer.en.contains("not a POP3 command"));
}

#[test]
fn an_error_to_quit_says_the_marked_messages_were_not_all_removed() {
    let failed = server("-ERR some deleted messages not removed", "QUIT");
    assert!(failed.en.contains("could not remove") && !failed.en.contains("Nothing changed"));
    assert_eq!(failed.rfc, "RFC 1939 §6");
    assert!(server("AUTH-RESP-CODE", "CAPA").en.contains("[AUTH]"));
}

#[test]
fn ok_to_user_does_not_claim_the_user_exists() {
    let ok = server("+OK send PASS", "USER nobody");
    assert!(!ok.en.contains("knows") && !ok.zh.contains("认得"));
    assert!(ok.en.contains("any name") && ok.en.contains("PASS"));
    // RFC 1939 §7 lists "+OK name is a valid mailbox"; the reason to answer +OK to any name is §13's.
    assert!(ok.en.contains("(§13)") && ok.zh.contains("（§13）"));
}

#[test]
fn a_list_line_is_not_message_content() {
    let context = LineContext {
        answering: Some("UIDL".into()),
        facts: LineFacts {
            tracked: true,
            in_list: true,
            ..LineFacts::default()
        },
        ..LineContext::default()
    };
    let line = explained(WireProtocol::Pop3, S, "1 0000000169A55190", &context);
    assert!(line.en.contains("unique ID") && line.rfc == "RFC 1939 §7");
}

#[test]
fn errors_and_response_codes() {
    let in_use = server("-ERR [IN-USE] mailbox locked", "PASS hunter2");
    assert!(in_use.en.contains("locks") && in_use.en.contains("RFC 1939 §4"));
    assert_eq!(in_use.rfc, "RFC 2449 §8.1.2");
    assert_eq!(
        server("-ERR [AUTH] bad password", "PASS x").rfc,
        "RFC 3206 §5"
    );
    let missing = server("-ERR no such message", "RETR 9");
    assert!(missing.en.contains("RETR 9") && missing.en.contains("no such message"));
    assert!(server("+OK", "").en.contains("succeeded"));
}
