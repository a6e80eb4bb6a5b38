//! Pins every explanation the explainer gives, byte for byte, so that rewriting how the texts are built cannot
//! change what a student reads. Three corpora:
//! - hand-picked lines of every family with their usual context, short sessions whose context comes from
//!   following them line by line as the world does, and every line of every lesson's real sessions, written
//!   out in full;
//! - every server line of a protocol answering every client line of it, one digest per server line;
//! - lines shaped like protocol lines from a fixed pseudo-random sequence, one digest per batch.
//!
//! After an intended change of wording, regenerate with `MAILROOM_GOLDEN=write cargo test --test explain_golden`
//! and review the diff of tests/data/explain_golden.txt.

use mailroom::i18n::{Catalogue, Lang, Tongue};
use mailroom::sim::explain::{self, LineContext, LineFacts, WireProtocol};
use mailroom::sim::lesson::{catalogue, LessonRun};
use mailroom::sim::session::Direction::{self, ClientToServer as C, ServerToClient as S};
use mailroom::sim::timeline::Timeline;
use mailroom::sim::transcript::ContentTracker;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

const GOLDEN: &str = "tests/data/explain_golden.txt";

/// The Chinese catalogue part for the explainer, read once for the whole file.
fn chinese() -> Tongue {
    use std::sync::OnceLock;
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    let catalogue = CATALOGUE.get_or_init(|| {
        Catalogue::parse(include_str!("../i18n/zh.json")).expect("the Chinese catalogue reads")
    });
    Tongue::new(Lang::Zh, catalogue)
}

/// A line's explanation in English and in Chinese, as the golden file pins both.
struct Explanation {
    en: String,
    zh: String,
    rfc: &'static str,
}

fn explain(
    protocol: WireProtocol,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explanation {
    let english = explain::explain(protocol, direction, line, context, Tongue::ENGLISH);
    let chinese = explain::explain(protocol, direction, line, context, chinese());
    assert_eq!(english.rfc, chinese.rfc, "{line:?}");
    // A piece the catalogue lacks would show in English, marked (a development build's fallback).
    assert!(!chinese.text.contains("‹en›"), "{line:?}: {}", chinese.text);
    Explanation {
        en: english.text,
        zh: chinese.text,
        rfc: english.rfc,
    }
}

const POP3_CLIENT: &[&str] = &[
    "USER alice",
    "USER",
    "PASS hunter2",
    "PASS",
    "APOP mrose c4c9334bac560ecc979e58001b3e22fb",
    "CAPA",
    "STAT",
    "stat",
    "LIST",
    "LIST 3",
    "LIST x",
    "UIDL",
    "UIDL 2",
    "RETR 1",
    "RETR",
    "RETR abc",
    "TOP 1 10",
    "TOP 3 0",
    "TOP 1",
    "TOP 1 x",
    "DELE 2",
    "RSET",
    "NOOP",
    "QUIT",
    "STLS",
    "AUTH PLAIN AGFubgBodW50ZXIy",
    "",
    "hello there",
];

const POP3_SERVER: &[&str] = &[
    "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>",
    "+OK POP3 ready",
    "+OK ready <1.2@x",
    "+OK",
    "+ ",
    "+OK 2 320",
    "+OK 3 120",
    "+OK maildrop has 2 messages (320 octets)",
    "+OK mrose's maildrop has 1 message (120 octets)",
    "+OK 120 octets",
    "+OK 2 QhdPYR:00WBw1Ph7x7",
    "+OK 2",
    "+OK Capability list follows",
    "+OK message 2 deleted",
    "+OK dewey POP3 server signing off",
    "+OK dewey POP3 server signing off (maildrop empty)",
    "+OK x y",
    "-ERR [IN-USE] mailbox locked",
    "-ERR [in-use] locked",
    "-ERR [AUTH] bad password",
    "-ERR [SYS/TEMP] later",
    "-ERR invalid password",
    "-ERR no such message",
    "-ERR",
    "1 120",
    "2 200",
    "1 abc",
    "2 QhdPYR:00WBw1Ph7x7",
    "x 1",
    "1",
    "TOP",
    "USER",
    "SASL PLAIN LOGIN",
    "RESP-CODES",
    "LOGIN-DELAY 900",
    "PIPELINING",
    "EXPIRE NEVER",
    "EXPIRE 30",
    "UIDL",
    "IMPLEMENTATION Mailroom",
    "STLS",
    "X-SHINY",
    ".",
    "..hidden dot",
    "Subject: lunch",
    "",
    "hello",
];

const SMTP_CLIENT: &[&str] = &[
    "EHLO laptop.example",
    "EHLO",
    "HELO old.example",
    "ehlo lower.example",
    "MAIL FROM:<ann@example.com>",
    "MAIL FROM:<>",
    "MAIL FROM:<x",
    "MAIL FROM:ann@example.com",
    "MAIL FROM:<ann@example.com> SIZE=1000",
    "RCPT TO:<bob@example.com>",
    "RCPT TO:<>",
    "RCPT TO:bob",
    "DATA",
    "RSET",
    "NOOP",
    "QUIT",
    "AUTH PLAIN AGFubgBodW50ZXIy",
    "STARTTLS",
    "VRFY bob",
    ".",
    "",
    "hello there",
];

const SMTP_SERVER: &[&str] = &[
    "220 mail.example ESMTP ready",
    "220",
    "221 bye",
    "221 2.0.0 Bye",
    "250-mail.example greets laptop.example",
    "250-SIZE 10240000",
    "250-SIZE",
    "250-8BITMIME",
    "250-PIPELINING",
    "250-SMTPUTF8",
    "250-STARTTLS",
    "250-AUTH PLAIN LOGIN",
    "250-DSN",
    "250 SMTPUTF8",
    "250 HELP",
    "250 OK",
    "250 2.0.0 Ok: queued as 7",
    "250 Accepted",
    "250 mail.example",
    "250",
    "251 forwarding",
    "252 cannot verify",
    "354 End data with <CR><LF>.<CR><LF>",
    "334 VXNlcm5hbWU6",
    "235 2.7.0 Authentication successful",
    "421 closing",
    "421",
    "450 mailbox busy",
    "451 try again",
    "452 too many recipients",
    "500 what?",
    "501 bad address",
    "502 not implemented",
    "503 need MAIL first",
    "504 parameter not implemented",
    "535 bad credentials",
    "550 no such user",
    "551 user not local",
    "552 too big",
    "553 bad mailbox name",
    "554 transaction failed",
    "555 unknown parameter",
    "599 odd",
    "199 odd",
    "600 odd",
    "250x odd",
    "25",
    "abc",
    "",
];

const IMAP_CLIENT: &[&str] = &[
    "A1 CAPABILITY",
    "A7 NOOP",
    "A20 LOGOUT",
    "A1 LOGIN alice hunter2",
    "A1 login alice hunter2",
    "A1 AUTHENTICATE PLAIN",
    "A2 SELECT INBOX",
    "A2 EXAMINE Archive",
    "A19 SELECT INBOX (QRESYNC (67890007 90060115205545))",
    "A19 EXAMINE INBOX (QRESYNC (1 2))",
    "A2 SELECT INBOX (CONDSTORE)",
    "A3 CREATE Archive",
    "A3 CREATE \"Work/2024\"",
    "A4 DELETE Old",
    "A5 RENAME Old \"Older Stuff\"",
    "A5 RENAME Old",
    "A1 LIST \"\" \"*\"",
    "A1 LIST \"\" *",
    "A1 LSUB \"\" %",
    "A2 STATUS INBOX (MESSAGES UNSEEN)",
    "A2 STATUS INBOX",
    "A6 APPEND Sent (\\Seen) {310}",
    "A6 APPEND Sent {310+}",
    "A6 APPEND Sent",
    "A13 CLOSE",
    "A13 UNSELECT",
    "A12 EXPUNGE",
    "A14 UID EXPUNGE 3:5",
    "A14 UID EXPUNGE 1:*",
    "A14 UID EXPUNGE 7",
    "A15 SEARCH UNSEEN",
    "A16 UID SEARCH UNSEEN",
    "A7 FETCH 2 (BODY[])",
    "A7 FETCH 2 (BODY.PEEK[])",
    "A7 FETCH 2 BODY[TEXT]",
    "A7 FETCH 2 (BODY[1.2])",
    "A7 FETCH 2 (BODY.PEEK[HEADER])",
    "A8 FETCH 1:* (FLAGS UID RFC822.SIZE)",
    "A8 FETCH 3:5 (BODY.PEEK[HEADER.FIELDS (FROM SUBJECT)])",
    "A8 FETCH 3:* (ENVELOPE INTERNALDATE BODYSTRUCTURE MODSEQ)",
    "A8 FETCH 1 (RFC822 RFC822.HEADER BODY)",
    "A8 FETCH 1 ALL",
    "A8 FETCH 1 FAST",
    "A8 FETCH 1,3 (FLAGS FLAGS X-GM-LABELS)",
    "A8 FETCH 1 (X-UNKNOWN)",
    "A8 FETCH 1",
    "A9 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 12345)",
    "A9 UID FETCH 17 (FLAGS)",
    "A9 UID FETCH 17:* (FLAGS)",
    "A9 UID FETCH 17:20 (UID)",
    "A9 UID FETCH 17:x (UID)",
    "A9 UID FETCH 3,5 (UID)",
    "A9 FETCH 17:20 (UID)",
    "A9 STORE 4 +FLAGS (\\Deleted)",
    "A9 STORE 2:3 -FLAGS.SILENT (\\Seen)",
    "A9 UID STORE 17 FLAGS (\\Flagged)",
    "A9 STORE 1 +FLAGS (\\Seen)",
    "A9 STORE 1 +FLAGS ()",
    "A9 STORE 1 +FLAGS.SILENT (\\Answered \\Draft \\Recent $Junk \\*)",
    "A9 STORE 1 (UNCHANGEDSINCE 5) +FLAGS (\\Seen)",
    "A9 STORE 1 X-FLAGS (\\Seen)",
    "A3 STORE 1 +FLAGS.SILENT (\\Seen)",
    "A10 COPY 2 Archive",
    "A10 UID COPY 2:4 \"My Box\"",
    "A11 UID MOVE 17 Trash",
    "A11 MOVE 1:* Trash",
    "A17 IDLE",
    "DONE",
    "done",
    "A18 ENABLE QRESYNC",
    "A18 ENABLE CONDSTORE",
    "A1 AUTHENTICATE PLAIN AGFsaWNlAHdvbmRlcmxhbmQ=",
    "A21 CHECK",
    "A22 SUBSCRIBE Archive",
    "A23 UNSUBSCRIBE Archive",
    "A24 NAMESPACE",
    "A25 ID (\"name\" \"mbsync\")",
    "A26 GETQUOTAROOT INBOX",
    "a2 foo bar",
    "A2 UID",
    "A2 UID FROB 1",
    "hello",
    "",
    "Subject: hello",
];

const IMAP_SERVER: &[&str] = &[
    "* OK [CAPABILITY IMAP4rev1 IDLE MOVE] Mailroom ready",
    "* OK [CAPABILITY IMAP4rev1 IDLE MOVE UIDPLUS CONDSTORE QRESYNC ENABLE UNSELECT LITERAL+] ready",
    "* OK IMAP4rev1 ready",
    "* PREAUTH welcome",
    "* BYE go away",
    "* BYE logging out",
    "* BYE idle too long",
    "* NO disk almost full",
    "* BAD something odd",
    "* OK note",
    "* CAPABILITY IMAP4rev1 UIDPLUS QRESYNC",
    "* CAPABILITY",
    "* 3 EXISTS",
    "* 4 EXISTS",
    "* 1 EXISTS",
    "* 1 RECENT",
    "* 3 EXPUNGE",
    "* 18446744073709551615 EXPUNGE",
    "* 3 FROB",
    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
    "* FLAGS ()",
    "* OK [UNSEEN 2] first unseen",
    "* OK [UNSEEN x] first unseen",
    "* OK [PERMANENTFLAGS (\\Seen \\Deleted \\*)] ok",
    "* OK [UIDNEXT 5] predicted",
    "* OK [UIDVALIDITY 3857529045] UIDs valid",
    "* OK [UIDVALIDITY 7] ok",
    "* OK [HIGHESTMODSEQ 715194045007] ok",
    "* OK [READ-WRITE] ok",
    "* OK [ALERT] system going down",
    "* OK [CLOSED] previous mailbox closed",
    "* LIST (\\HasNoChildren) \"/\" \"Work/2024\"",
    "* LIST (\\Noselect) \"/\" Work",
    "* LIST () NIL INBOX",
    "* LSUB () \".\" Archive",
    "* LIST (\\HasNoChildren \\Sent) \"/\" Sent",
    "* LIST (\\HasNoChildren \\Trash) \"/\" Trash",
    "* NAMESPACE ((\"\" \"/\")) NIL NIL",
    "* ID (\"name\" \"Mailroom\")",
    "* QUOTA \"\" (STORAGE 10 512)",
    "* QUOTAROOT INBOX \"\"",
    "A6 NO [OVERQUOTA] Quota exceeded",
    "* STATUS INBOX (MESSAGES 3 UNSEEN 1 UIDNEXT 9)",
    "* STATUS INBOX (MESSAGES 1 RECENT 0 UIDVALIDITY 7 HIGHESTMODSEQ 9 X-ODD 4)",
    "* STATUS INBOX (MESSAGES x)",
    "* STATUS \"My Box\" (MESSAGES 2 UNSEEN)",
    "* SEARCH 2 5 7",
    "* SEARCH 17 19",
    "* SEARCH",
    "* ENABLED QRESYNC",
    "* VANISHED (EARLIER) 300:310,405",
    "* VANISHED 405",
    "* 2 FETCH (FLAGS (\\Seen) UID 17 RFC822.SIZE 342)",
    "* 2 FETCH (UID 17 BODY[] {342}",
    "* 2 FETCH (FLAGS (\\Seen) UID 17 MODSEQ (624))",
    "* 4 FETCH (FLAGS (\\Seen \\Flagged))",
    "* 4 FETCH (FLAGS (\\Deleted))",
    "* 4 FETCH (UID 9)",
    "* 4 FETCH (X-ODD 1)",
    "+ idling",
    "+ Ready for literal data",
    "+",
    "+ VXNlcm5hbWU6",
    ")",
    " )",
    "A1 OK LOGIN completed",
    "A1 OK done",
    "A1 NO [AUTHENTICATIONFAILED] nope",
    "A1 BAD what",
    "A2 OK [READ-WRITE] SELECT completed",
    "A3 OK [READ-ONLY] done",
    "A6 OK [APPENDUID 38505 3955] APPEND completed",
    "A10 OK [COPYUID 38505 304 3956] done",
    "A5 OK [COPYUID 1 2 3] done",
    "A10 NO [TRYCREATE] no such mailbox",
    "A17 OK IDLE terminated",
    "A12 OK EXPUNGE completed",
    "A13 OK CLOSE completed",
    "A20 OK LOGOUT completed",
    "A21 NO no such mailbox",
    "A22 BAD parse error",
    "A22 ok fine",
    "A22 MAYBE so",
    "A22",
    "*",
    "* ",
    "Subject: hello",
    "",
];

/// A server line as an ordinary reply, as a greeting, and as message content.
fn contexts_of_server_lines(answering: Option<&str>) -> Vec<LineContext> {
    [(false, false), (true, false), (false, true)]
        .into_iter()
        .map(|(greeting, in_content)| LineContext {
            answering: answering.map(str::to_string),
            in_content,
            greeting,
            facts: LineFacts::default(),
        })
        .collect()
}

fn protocol_name(protocol: WireProtocol) -> &'static str {
    protocol.id()
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        C => "C",
        S => "S",
    }
}

/// The facts that differ from a line explained on its own, in a few words ("" when none do).
fn facts_shown(facts: &LineFacts) -> String {
    let LineFacts {
        tracked,
        ends_multiline,
        in_list,
        in_body,
        continues_reply,
        answers_challenge,
        logged_in,
        marked_for_deletion,
        selected,
    } = *facts;
    let mut shown = Vec::new();
    for (set, name) in [
        (tracked, "tracked"),
        (ends_multiline, "ends_multiline"),
        (in_list, "in_list"),
        (in_body, "in_body"),
        (continues_reply, "continues_reply"),
        (answers_challenge, "answers_challenge"),
        (logged_in, "logged_in"),
    ] {
        if set {
            shown.push(name.to_string());
        }
    }
    if marked_for_deletion > 0 {
        shown.push(format!("marked={marked_for_deletion}"));
    }
    if let Some(access) = selected {
        shown.push(format!("selected={access:?}"));
    }
    if shown.is_empty() {
        String::new()
    } else {
        format!(" facts=[{}]", shown.join(" "))
    }
}

/// The golden file's text: an explanation is written out in full once, numbered, and referred to by number
/// after that, so the many lines that share one (message content, say) do not bloat the file.
#[derive(Default)]
struct Golden {
    text: String,
    numbers: BTreeMap<(String, String, &'static str), usize>,
}

impl Golden {
    fn section(&mut self, title: &str) {
        let _ = writeln!(self.text, "# {title}");
    }

    fn record(
        &mut self,
        protocol: WireProtocol,
        direction: Direction,
        line: &str,
        context: &LineContext,
    ) {
        let Explanation { en, zh, rfc } = explain(protocol, direction, line, context);
        let _ = write!(
            self.text,
            "== {} {} {:?} answering={:?} content={} greeting={}{}",
            protocol_name(protocol),
            direction_name(direction),
            line,
            context.answering,
            context.in_content,
            context.greeting,
            facts_shown(&context.facts),
        );
        let next = self.numbers.len();
        let key = (en, zh, rfc);
        match self.numbers.get(&key) {
            Some(number) => {
                let _ = writeln!(self.text, " = #{number}");
            }
            None => {
                let (en, zh, rfc) = &key;
                let _ = writeln!(self.text, " #{next}\nen: {en}\nzh: {zh}\nrfc: {rfc}");
                self.numbers.insert(key, next);
            }
        }
    }
}

/// 64-bit FNV-1a: a digest that stays the same on every machine and Rust version.
fn fnv(digest: &mut u64, text: &str) {
    for byte in text.bytes().chain([0xff]) {
        *digest ^= u64::from(byte);
        *digest = digest.wrapping_mul(0x0100_0000_01b3);
    }
}

fn digest_of(explanation: &Explanation, digest: &mut u64) {
    fnv(digest, &explanation.en);
    fnv(digest, &explanation.zh);
    fnv(digest, explanation.rfc);
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

type Corpus = (
    WireProtocol,
    &'static [&'static str],
    &'static [&'static str],
);

const CORPORA: [Corpus; 3] = [
    (WireProtocol::Pop3, POP3_CLIENT, POP3_SERVER),
    (WireProtocol::Smtp, SMTP_CLIENT, SMTP_SERVER),
    (WireProtocol::Imap, IMAP_CLIENT, IMAP_SERVER),
];

fn hand_picked(out: &mut Golden) {
    out.section("Hand-picked lines");
    for (protocol, client, server) in CORPORA {
        for line in client {
            for in_content in [false, true] {
                let context = LineContext {
                    in_content,
                    ..LineContext::default()
                };
                out.record(protocol, C, line, &context);
            }
        }
        for line in server {
            for context in contexts_of_server_lines(None) {
                out.record(protocol, S, line, &context);
            }
        }
    }
}

/// Short sessions where a line's meaning depends on what came before it, followed line by line by the same
/// tracker the world uses: replies to their commands, content that looks like commands, the end of DATA,
/// an empty mailbox, CLOSE after SELECT and after EXAMINE.
const SESSIONS: &[(WireProtocol, &[(Direction, &str)])] = &[
    (
        WireProtocol::Pop3,
        &[
            (S, "+OK POP3 ready <1.2@mail.example>"),
            (C, "USER nobody"),
            (S, "+OK send PASS"),
            (C, "PASS wrong"),
            (S, "-ERR [AUTH] invalid password"),
            (C, "QUIT"),
            (S, "+OK bye"),
        ],
    ),
    (
        WireProtocol::Pop3,
        &[
            (S, "+OK POP3 ready"),
            (C, "USER alice"),
            (S, "+OK send PASS"),
            (C, "PASS wonderland"),
            (S, "+OK maildrop has 1 message (120 octets)"),
            (C, "UIDL"),
            (S, "+OK"),
            (S, "1 0000000169A55190"),
            (S, "."),
            (C, "RETR 1"),
            (S, "+OK 120 octets"),
            (S, "Subject: minutes"),
            (S, ""),
            (S, "QUIT"),
            (S, ""),
            (S, "..."),
            (S, "."),
            (C, "DELE 1"),
            (S, "+OK message 1 deleted"),
            (C, "QUIT"),
            (S, "+OK bye"),
        ],
    ),
    (
        WireProtocol::Smtp,
        &[
            (S, "220 mail.example ESMTP"),
            (C, "EHLO sender.example"),
            (S, "250-mail.example greets sender.example"),
            (S, "250-PIPELINING"),
            (S, "250-X-UNKNOWN-EXTENSION"),
            (S, "250 ENHANCEDSTATUSCODES"),
            (C, "MAIL FROM:<bob@example.net>"),
            (S, "250 2.1.0 Ok"),
            (C, "RCPT TO:<alice@example.org>"),
            (S, "250 2.1.5 Ok"),
            (C, "DATA"),
            (S, "354 End data with <CR><LF>.<CR><LF>"),
            (C, "Subject: hi"),
            (C, ""),
            (C, "RSET"),
            (C, ""),
            (C, "QUIT"),
            (C, "."),
            (S, "552 5.2.2 Mailbox full"),
            (C, "QUIT"),
            (S, "221 2.0.0 Bye"),
        ],
    ),
    (
        WireProtocol::Imap,
        &[
            (S, "* OK [CAPABILITY IMAP4rev1 IDLE] ready"),
            (C, "a1 LOGIN alice wonderland"),
            (S, "a1 OK Logged in"),
            (C, "a2 SELECT INBOX"),
            (S, "* 0 EXISTS"),
            (S, "* 0 RECENT"),
            (S, "a2 OK [READ-WRITE] Select completed"),
            (C, "a3 CLOSE"),
            (S, "a3 OK Close completed"),
            (C, "a4 EXAMINE INBOX"),
            (S, "* 1 EXISTS"),
            (S, "a4 OK [READ-ONLY] Examine completed"),
            (C, "a5 FETCH 1 (FLAGS BODY.PEEK[TEXT])"),
            (S, "* 1 FETCH (FLAGS () BODY[TEXT] {16}"),
            (S, "a6 NOOP"),
            (S, ""),
            (S, "bye"),
            (S, ")"),
            (S, "a5 OK Fetch completed"),
            (C, "a6 CLOSE"),
            (S, "a6 OK Close completed"),
            (C, "a7 SELECT INBOX"),
            (S, "a7 OK [READ-WRITE] Select completed"),
            (C, "a8 IDLE"),
            (S, "+ idling"),
            (S, "* 2 EXISTS"),
            (S, "* 1 RECENT"),
            (C, "DONE"),
            (S, "a8 OK Idle completed"),
        ],
    ),
];

fn sessions(out: &mut Golden) {
    out.section("Lines in their session");
    for &(protocol, lines) in SESSIONS {
        let mut tracker = ContentTracker::default();
        for (index, &(direction, line)) in lines.iter().enumerate() {
            let in_content = tracker.classify(protocol, direction, line);
            let context = LineContext {
                answering: match direction {
                    S => tracker.last_command.clone(),
                    C => None,
                },
                in_content,
                greeting: index == 0,
                facts: tracker.facts(),
            };
            out.record(protocol, direction, line, &context);
        }
    }
}

/// Every lesson run to its end, predicting the first choice, as the lessons test does.
fn lesson_lines(out: &mut Golden) {
    out.section("Lines of every lesson's sessions");
    let mut seen = BTreeSet::new();
    for lesson in catalogue() {
        let mut timeline = Timeline::new((lesson.setup)());
        let mut run = LessonRun::new(lesson);
        loop {
            run.predict(0);
            run.run();
            run.drive_to_end(&mut timeline).expect("the lesson runs");
            if run.is_last_step() {
                break;
            }
            run.next_step();
        }
        for entry in timeline.world().transcript() {
            let key = (
                entry.protocol.id(),
                direction_name(entry.direction),
                entry.text.clone(),
                entry.answering.clone(),
                entry.in_content,
                entry.greeting,
                facts_shown(&entry.facts),
            );
            if seen.insert(key) {
                let context = LineContext {
                    answering: entry.answering.clone(),
                    in_content: entry.in_content,
                    greeting: entry.greeting,
                    facts: entry.facts,
                };
                out.record(entry.protocol, entry.direction, &entry.text, &context);
            }
        }
    }
}

/// Every server line answering every client line of its protocol: one digest per server line.
fn cross_product(out: &mut Golden) {
    out.section("Server lines answering every client line (digests)");
    for (protocol, client, server) in CORPORA {
        for line in server {
            let mut digest = FNV_START;
            for command in client {
                for context in contexts_of_server_lines(Some(command)) {
                    digest_of(&explain(protocol, S, line, &context), &mut digest);
                }
            }
            let _ = writeln!(
                out.text,
                "{} {:?} {digest:016x}",
                protocol_name(protocol),
                line
            );
        }
    }
}

/// A small deterministic generator (xorshift), so the "random" lines are the same on every run.
struct Lines(u64);

impl Lines {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, choices: &[&'a str]) -> &'a str {
        choices[(self.next() % choices.len() as u64) as usize]
    }

    fn line(&mut self) -> String {
        const HEADS: &[&str] = &[
            "", "* ", "+ ", "A1 ", "A1 UID ", "+OK ", "-ERR ", "250-", "250 ", "550 ", "* 3 ",
            "A1 OK [", "* OK [", "A1 NO ", "A1 BAD ", "1 ",
        ];
        const WORDS: &[&str] = &[
            "FETCH",
            "STORE",
            "FLAGS",
            "LIST",
            "STATUS",
            "RETR",
            "MAIL FROM:<",
            "RCPT TO:<",
            "EXISTS",
            "UIDVALIDITY",
            "COPYUID",
            "APPENDUID",
            "VANISHED",
            "SEARCH",
            "CAPABILITY",
            "APPEND",
            "LOGIN",
            "SELECT",
            "EXAMINE",
            "TOP",
            "UIDL",
            "DELE",
            "EHLO",
            "SIZE",
            "PERMANENTFLAGS",
            "UNSEEN",
            "ENABLE",
            "MOVE",
            "COPY",
            "EXPUNGE",
            "RECENT",
        ];
        const PIECES: &[&str] = &[
            " ",
            "1",
            "2:5",
            "1:*",
            "7",
            " (",
            ")",
            "(",
            "[",
            "]",
            "\\Seen",
            "\\Deleted",
            " +FLAGS",
            "BODY[",
            "BODY.PEEK[",
            "HEADER",
            "{12}",
            "\"",
            "x",
            "邮",
            "<",
            ">",
            "@",
            " QRESYNC",
            " (EARLIER)",
            ".SILENT",
            " CHANGEDSINCE 4",
            "..",
            ".",
            "\t",
        ];
        let mut line = format!("{}{}", self.pick(HEADS), self.pick(WORDS));
        for _ in 0..self.next() % 8 {
            line.push_str(self.pick(PIECES));
        }
        line
    }

    fn context(&mut self, protocol: WireProtocol) -> LineContext {
        let (_, client, _) = CORPORA
            .into_iter()
            .find(|(p, _, _)| *p == protocol)
            .unwrap_or(CORPORA[0]);
        let answering = match self.next() % 3 {
            0 => None,
            1 => Some(self.pick(client).to_string()),
            _ => Some(self.line()),
        };
        let bits = self.next();
        LineContext {
            answering,
            in_content: bits.is_multiple_of(5),
            greeting: bits.is_multiple_of(7),
            facts: LineFacts::default(),
        }
    }
}

const BATCHES: usize = 40;
const BATCH_SIZE: usize = 500;

fn generated(out: &mut Golden) {
    out.section("Generated lines (digests per batch)");
    let mut lines = Lines(0x9e37_79b9_7f4a_7c15);
    for batch in 0..BATCHES {
        let mut digest = FNV_START;
        for _ in 0..BATCH_SIZE {
            let protocol = [WireProtocol::Pop3, WireProtocol::Smtp, WireProtocol::Imap]
                [(lines.next() % 3) as usize];
            let direction = if lines.next().is_multiple_of(2) { C } else { S };
            let line = lines.line();
            let context = lines.context(protocol);
            digest_of(&explain(protocol, direction, &line, &context), &mut digest);
        }
        let _ = writeln!(out.text, "batch {batch} {digest:016x}");
    }
}

fn golden_text() -> String {
    let mut out = Golden::default();
    hand_picked(&mut out);
    sessions(&mut out);
    lesson_lines(&mut out);
    cross_product(&mut out);
    generated(&mut out);
    out.text
}

#[test]
fn explanations_match_the_golden_file() {
    let actual = golden_text();
    if std::env::var("MAILROOM_GOLDEN").as_deref() == Ok("write") {
        std::fs::write(GOLDEN, &actual).expect("the golden file is writable");
        return;
    }
    let expected = std::fs::read_to_string(GOLDEN).expect("the golden file exists");
    if actual != expected {
        let first_difference = actual
            .lines()
            .zip(expected.lines())
            .enumerate()
            .find(|(_, (a, e))| a != e);
        match first_difference {
            Some((index, (a, e))) => panic!(
                "explanations changed at line {} of {GOLDEN}:\n  expected: {e}\n  actual:   {a}",
                index + 1
            ),
            None => panic!(
                "explanations changed: {} lines now, {} in {GOLDEN}",
                actual.lines().count(),
                expected.lines().count()
            ),
        }
    }
}
