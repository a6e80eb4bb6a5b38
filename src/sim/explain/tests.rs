//! The explainer as a whole: shared helpers, every family of line, and any input at all.

use super::*;
use Direction::{ClientToServer as C, ServerToClient as S};

#[test]
fn the_reference_ends_the_text_with_the_language_s_punctuation() {
    let template = Template {
        rfc: "RFC 1939 §6",
        en: "Marks {0}.",
    };
    let english = fill!(Tongue::ENGLISH, &template, "it");
    assert_eq!(english.text, "Marks it (RFC 1939 §6).");
    // The catalogue has no "Marks {0}.", so only the reference is in Chinese, the English marked as
    // untranslated (a development build's marker).
    let untranslated = fill!(chinese(), &template, "it");
    assert_eq!(untranslated.text, "‹en› Marks it（RFC 1939 §6）。");
    let known = fill!(
        chinese(),
        &Template {
            rfc: "RFC 1939 §5",
            en: "Downloads {1} in full. It stays on the server unless the client also deletes it with DELE.",
        },
        "",
        "第 3 封邮件",
    );
    assert_eq!(
        known.text,
        "完整下载第 3 封邮件。除非客户端再用 DELE 删除，它会一直留在服务器上（RFC 1939 §5）。"
    );
}

#[test]
fn slots_take_their_pieces_and_other_braces_stay() {
    let template = Template {
        rfc: "RFC 3501 §7.5",
        en: "{1} and {0}; {{0}} {n} {",
    };
    let explanation = fill!(Tongue::ENGLISH, &template, "310", "b");
    assert_eq!(explanation.text, "b and 310; {310} {n} { (RFC 3501 §7.5).");
}

#[test]
fn quotes_are_shortened_on_char_boundaries() {
    let long = "邮".repeat(100);
    let quote = quoted(Tongue::ENGLISH, &long);
    assert_eq!(quote.chars().count(), QUOTE_CHARS + 3);
    assert!(quote.ends_with("…”"));
}

#[test]
fn secrets_are_cut_from_quoted_commands() {
    let english = Tongue::ENGLISH;
    assert_eq!(redacted(english, "PASS hunter2"), "“PASS …”");
    assert_eq!(
        redacted(english, "A1 LOGIN alice hunter2"),
        "“A1 LOGIN alice …”"
    );
    assert_eq!(redacted(english, "RETR 1"), "“RETR 1”");
}

/// No Chinese explanation of the sample lines shows a slot the line itself did not hold: every template and
/// piece reached has a translation whose slots were all filled.
#[test]
fn chinese_explanations_show_no_raw_slots() {
    for (protocol, direction, line, context) in corpus() {
        let explanation = explain(protocol, direction, line, &context, chinese());
        let slots = crate::i18n::placeholders(&explanation.text);
        let in_line = crate::i18n::placeholders(line);
        assert!(
            slots.iter().all(|slot| in_line.contains(slot)),
            "{line:?}: {}",
            explanation.text
        );
    }
}

#[test]
fn unknown_lines_get_a_generic_explanation_in_every_protocol() {
    for protocol in [WireProtocol::Smtp, WireProtocol::Pop3, WireProtocol::Imap] {
        for direction in [C, S] {
            for line in ["", "   ", "hello there", "ÿ😀\u{0}", "*", "+", "A1"] {
                let explanation = explained(protocol, direction, line, &LineContext::default());
                assert!(!explanation.rfc.is_empty(), "{protocol:?} {line:?}");
            }
        }
    }
}

/// One line of every family, as a transcript would show them.
fn corpus() -> Vec<(WireProtocol, Direction, &'static str, LineContext)> {
    use WireProtocol::{Imap, Pop3, Smtp};
    let none = LineContext::default;
    let content = || LineContext {
        in_content: true,
        ..LineContext::default()
    };
    vec![
        (Smtp, S, "220 mail.example ESMTP", none()),
        (Smtp, C, "EHLO laptop", none()),
        (Smtp, S, "250-SIZE 1000", answering("EHLO laptop")),
        (Smtp, C, "MAIL FROM:<a@example.com>", none()),
        (Smtp, C, "RCPT TO:<b@example.com>", none()),
        (Smtp, C, "DATA", none()),
        (Smtp, S, "354 go ahead", answering("DATA")),
        (Smtp, C, "..x", content()),
        (Smtp, C, ".", content()),
        (Smtp, S, "250 queued", answering(".")),
        (
            Smtp,
            S,
            "550 no such user",
            answering("RCPT TO:<c@example.com>"),
        ),
        (Smtp, S, "421 closing", none()),
        (
            Pop3,
            S,
            "+OK ready <1.2@x>",
            LineContext {
                greeting: true,
                ..LineContext::default()
            },
        ),
        (Pop3, C, "USER alice", none()),
        (Pop3, C, "PASS secret", none()),
        (Pop3, C, "STAT", none()),
        (Pop3, S, "+OK 2 320", answering("STAT")),
        (Pop3, S, "1 120", answering("LIST")),
        (Pop3, S, "1 abc", answering("UIDL")),
        (Pop3, S, "TOP", answering("CAPA")),
        (Pop3, S, ".", answering("RETR 1")),
        (Pop3, C, "DELE 1", none()),
        (Pop3, S, "-ERR [IN-USE] locked", answering("PASS secret")),
        (
            Imap,
            S,
            "* OK [CAPABILITY IMAP4rev1 IDLE] ready",
            LineContext {
                greeting: true,
                ..LineContext::default()
            },
        ),
        (Imap, C, "A1 LOGIN alice secret", none()),
        (Imap, C, "A2 UID FETCH 1:* (FLAGS) (CHANGEDSINCE 5)", none()),
        (Imap, C, "A3 STORE 1 +FLAGS.SILENT (\\Seen)", none()),
        (Imap, S, "* 3 EXPUNGE", none()),
        (Imap, S, "* 2 FETCH (FLAGS (\\Seen))", none()),
        (
            Imap,
            S,
            "* OK [UIDVALIDITY 7] ok",
            answering("A2 SELECT INBOX"),
        ),
        (Imap, S, "* STATUS INBOX (MESSAGES 2 UNSEEN 1)", none()),
        (Imap, S, "* VANISHED (EARLIER) 3", none()),
        (Imap, S, "+ idling", answering("A4 IDLE")),
        (
            Imap,
            S,
            "A5 OK [COPYUID 1 2 3] done",
            answering("A5 COPY 2 Archive"),
        ),
    ]
}

#[test]
fn every_family_cites_an_rfc_and_reads_as_chinese() {
    for (protocol, direction, line, context) in corpus() {
        let explanation = explained(protocol, direction, line, &context);
        assert!(explanation.rfc.starts_with("RFC "), "{line:?} has no RFC");
        // IMAP commands add a sentence about their tag after their own reference.
        let en_reference = format!("({})", explanation.rfc);
        let zh_reference = format!("（{}）", explanation.rfc);
        assert!(explanation.en.contains(&en_reference), "{}", explanation.en);
        assert!(explanation.zh.contains(&zh_reference), "{}", explanation.zh);
        assert!(explanation.zh.ends_with("）。"), "{}", explanation.zh);
        // Quoted wire text may hold ASCII punctuation; the Chinese around it must use full-width marks.
        let mut outside_quotes = String::new();
        let mut depth = 0;
        for c in explanation.zh.chars() {
            match c {
                '“' => depth += 1,
                '”' => depth -= 1,
                _ if depth == 0 => outside_quotes.push(c),
                _ => {}
            }
        }
        for ascii in [", ", "; ", ": ", ". ", "?", "!"] {
            assert!(
                !outside_quotes.contains(ascii),
                "{ascii:?} in {}",
                explanation.zh
            );
        }
    }
}

#[test]
fn crlf_is_ignored() {
    let with = explain(
        WireProtocol::Pop3,
        C,
        "STAT\r\n",
        &LineContext::default(),
        Tongue::ENGLISH,
    );
    let without = explain(
        WireProtocol::Pop3,
        C,
        "STAT",
        &LineContext::default(),
        Tongue::ENGLISH,
    );
    assert_eq!(with, without);
}

#[cfg(not(target_arch = "wasm32"))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_protocol() -> impl Strategy<Value = WireProtocol> {
        prop_oneof![
            Just(WireProtocol::Smtp),
            Just(WireProtocol::Pop3),
            Just(WireProtocol::Imap)
        ]
    }

    fn any_direction() -> impl Strategy<Value = Direction> {
        prop_oneof![Just(C), Just(S)]
    }

    /// Lines shaped like protocol lines, so the parsers' inner branches are reached, not only the fallback.
    fn wire_like_line() -> impl Strategy<Value = String> {
        let head = prop_oneof![
            Just(""),
            Just("* "),
            Just("+ "),
            Just("A1 "),
            Just("A1 UID "),
            Just("+OK "),
            Just("-ERR "),
            Just("250-"),
            Just("* 3 "),
            Just("A1 OK ["),
            Just("* OK ["),
        ];
        let word = prop_oneof![
            Just("FETCH"),
            Just("STORE"),
            Just("FLAGS"),
            Just("LIST"),
            Just("STATUS"),
            Just("RETR"),
            Just("MAIL FROM:<"),
            Just("EXISTS"),
            Just("UIDVALIDITY"),
            Just("COPYUID"),
            Just("VANISHED"),
            Just("SEARCH"),
            Just("CAPABILITY"),
            Just("APPEND"),
            Just("LOGIN"),
        ];
        (head, word, ".{0,40}").prop_map(|(head, word, tail)| format!("{head}{word}{tail}"))
    }

    fn any_facts() -> impl Strategy<Value = crate::sim::explain::LineFacts> {
        use crate::sim::explain::MailboxAccess;
        (
            any::<[bool; 8]>(),
            0u32..4,
            prop_oneof![
                Just(None),
                Just(Some(MailboxAccess::ReadWrite)),
                Just(Some(MailboxAccess::ReadOnly))
            ],
        )
            .prop_map(|(bits, marked_for_deletion, selected)| {
                crate::sim::explain::LineFacts {
                    tracked: bits[0],
                    ends_multiline: bits[1],
                    in_list: bits[2],
                    in_body: bits[3],
                    continues_reply: bits[4],
                    answers_challenge: bits[7],
                    logged_in: bits[5],
                    marked_for_deletion,
                    selected,
                }
            })
    }

    fn any_context() -> impl Strategy<Value = LineContext> {
        (
            proptest::option::of(prop_oneof![".{0,30}", wire_like_line()]),
            any::<bool>(),
            any::<bool>(),
            any_facts(),
        )
            .prop_map(|(answering, in_content, greeting, facts)| LineContext {
                answering,
                in_content,
                greeting,
                facts,
            })
    }

    proptest! {
        #[test]
        fn any_line_gets_non_empty_english_and_chinese(
            protocol in any_protocol(),
            direction in any_direction(),
            line in prop_oneof![any::<String>(), wire_like_line()],
            context in any_context(),
        ) {
            let english = explain(protocol, direction, &line, &context, Tongue::ENGLISH);
            prop_assert!(!english.text.trim().is_empty());
            let chinese = explain(protocol, direction, &line, &context, chinese());
            prop_assert!(has_cjk(&chinese.text), "{}", chinese.text);
        }
    }

    #[test]
    fn a_huge_line_gives_a_short_explanation() {
        let huge = format!("A1 FETCH {} (FLAGS)", "1,".repeat(100_000));
        let explanation = explain(
            WireProtocol::Imap,
            C,
            &huge,
            &LineContext::default(),
            Tongue::ENGLISH,
        );
        assert!(explanation.text.len() < 2_000, "{}", explanation.text.len());
    }
}
