//! Plain-language explanations of every wire line, in English and Simplified Chinese, for a student who has never
//! seen a protocol. Pure and deterministic: a line and what is known around it go in; two texts that end with
//! the RFC section defining the line come out. Any input is accepted; nothing here may panic.

mod imap;
mod pop3;
mod smtp;

use crate::sim::session::Direction;

pub use crate::sim::transcript::WireProtocol;

/// What the explainer knows about the conversation around a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineContext {
    /// For a server line: the client command line it answers (e.g. "RETR 1", "A3 FETCH 1:* (FLAGS)"), if any.
    pub answering: Option<String>,
    /// The line is message content inside a multi-line reply (RETR/TOP body), SMTP DATA, or an IMAP literal.
    pub in_content: bool,
    /// The line is the first line of a connection (the greeting).
    pub greeting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    pub en: String,
    pub zh: String,
    /// e.g. "RFC 1939 §6"; empty only for message content lines.
    pub rfc: &'static str,
}

/// Explains one wire line (without or with its CRLF).
pub fn explain(
    protocol: WireProtocol,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explanation {
    // The line terminator carries no meaning of its own.
    let line = line.trim_end_matches(['\r', '\n']);
    match protocol {
        WireProtocol::Smtp => smtp::explain(direction, line, context),
        WireProtocol::Pop3 => pop3::explain(direction, line, context),
        WireProtocol::Imap => imap::explain(direction, line, context),
    }
}

/// An explanation as data: two texts with numbered slots `{0}`…`{9}` for the pieces taken from the line, and
/// the RFC section they end with. Hundreds of explanations then share the one routine that fills them in,
/// instead of each carrying its own formatting code in the page's wasm.
#[derive(Clone, Copy)]
struct Template {
    rfc: &'static str,
    en: &'static str,
    zh: &'static str,
}

/// The template with its slots filled; both texts end with the reference: "… (RFC 1939 §6)." and
/// "……（RFC 1939 §6）。".
#[inline(never)]
fn fill(template: &Template, args: &[&str]) -> Explanation {
    let mut en = substitute(template.en, args);
    let mut zh = substitute(template.zh, args);
    en.truncate(en.trim_end().len());
    zh.truncate(zh.trim_end().len());
    if en.ends_with('.') {
        en.pop();
    }
    if zh.ends_with('。') {
        zh.pop();
    }
    let rfc = template.rfc;
    for (text, parts) in [(&mut en, [" (", rfc, ")."]), (&mut zh, ["（", rfc, "）。"])] {
        for part in parts {
            text.push_str(part);
        }
    }
    Explanation { en, zh, rfc }
}

/// `text` with `args` in its slots `{0}`…`{9}`. A slot without an argument stays empty; any other brace is
/// kept, so "{n}" or "{{0}}" read as written around the argument. Arguments are not searched for slots.
#[inline(never)]
fn substitute(text: &str, args: &[&str]) -> String {
    let mut filled = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, slot) = rest.split_at(open);
        filled.push_str(before);
        match slot.as_bytes() {
            [b'{', digit @ b'0'..=b'9', b'}', ..] => {
                filled.push_str(args.get(usize::from(digit - b'0')).copied().unwrap_or(""));
                rest = slot.get(3..).unwrap_or("");
            }
            _ => {
                filled.push('{');
                rest = slot.get(1..).unwrap_or("");
            }
        }
    }
    filled.push_str(rest);
    filled
}

/// An English and a Chinese piece of a sentence built in parts, with their slots filled.
fn phrase(en: &str, zh: &str, args: &[&str]) -> [String; 2] {
    [substitute(en, args), substitute(zh, args)]
}

/// The longest piece of a line quoted back: enough to recognise it, never a wall of text.
const QUOTE_CHARS: usize = 40;

/// A piece of the line, shortened on a char boundary, in curly quotes.
fn quoted(text: &str) -> String {
    let text = text.trim();
    let mut shown: String = text.chars().take(QUOTE_CHARS).collect();
    if text.chars().nth(QUOTE_CHARS).is_some() {
        shown.push('…');
    }
    substitute("“{0}”", &[&shown])
}

/// A number as digits; anything else quoted, so odd input stays visibly odd.
fn plain(text: &str) -> String {
    number(text).map_or_else(|| quoted(text), |n| n.to_string())
}

/// "1 message", "2 messages".
fn messages(count: u64) -> String {
    if count == 1 {
        "1 message".into()
    } else {
        substitute("{0} messages", &[&count.to_string()])
    }
}

/// Chinese puts a space between a Han character and a following Latin word or digit ("给 UID 为 5 的邮件").
fn spaced(text: &str) -> String {
    if text.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        substitute(" {0}", &[text])
    } else {
        text.to_string()
    }
}

/// A whole decimal number; `str::parse` alone would also accept "+5".
fn number(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// The first word, upper-cased, and the rest with surrounding spaces removed.
fn verb_and_rest(line: &str) -> (String, &str) {
    let line = line.trim();
    match line.split_once(char::is_whitespace) {
        Some((verb, rest)) => (verb.to_ascii_uppercase(), rest.trim()),
        None => (line.to_ascii_uppercase(), ""),
    }
}

/// A client command fit to quote back: secrets after PASS, LOGIN, APOP or AUTH are cut off.
fn redacted(command: &str) -> String {
    let words: Vec<&str> = command.split_whitespace().collect();
    for (index, word) in words.iter().enumerate().take(3) {
        let kept = match word.to_ascii_uppercase().as_str() {
            "PASS" | "AUTH" | "AUTHENTICATE" => index + 1,
            "LOGIN" | "APOP" => index + 2,
            _ => continue,
        };
        let mut shown = words[..kept.min(words.len())].join(" ");
        if words.len() > kept {
            shown.push_str(" …");
        }
        return quoted(&shown);
    }
    quoted(command)
}

/// A line of a message being carried (headers or body): the protocol does not look inside.
fn message_content(line: &str) -> Explanation {
    if line.is_empty() {
        return fill(
            &Template {
                rfc: "RFC 5322 §2.1",
                en: "An empty line inside the message: it separates the headers above from the body below.",
                zh: "邮件里的空行：把上面的信头和下面的正文分开。",
            },
            &[],
        );
    }
    Explanation {
        en: "A line of the message itself (a header or body line). The protocol carries it as-is and does \
             not interpret it."
            .into(),
        zh: "邮件本身的一行（信头或正文）。协议只负责原样传送，并不解读其内容。".into(),
        rfc: "",
    }
}

/// A content line that began with "." and so was sent with a second "." in front.
fn dot_stuffed(rfc: &'static str) -> Explanation {
    fill(
        &Template {
            rfc,
            en: "A message line that really starts with “.”. The sender doubled the dot (“dot-stuffing”) so it \
                 cannot be mistaken for the end marker; the receiver removes the extra dot.",
            zh: "这一行邮件内容本来就以“.”开头。发送方在前面多加了一个点（称为“点填充”），以免被误认为结束标记；\
                 接收方会去掉多出的那个点。",
        },
        &[],
    )
}

/// Any line the explainer does not recognise, such as a student's typing in the terminal.
fn unrecognised(protocol: WireProtocol, direction: Direction, line: &str) -> Explanation {
    // Client lines cite where the refusal is defined; server lines cite the general shape of replies.
    let (name, rfc, refusal, replies_rfc) = match protocol {
        WireProtocol::Smtp => ("SMTP", "RFC 5321 §4.2.4", "500", "RFC 5321 §4.2"),
        WireProtocol::Pop3 => ("POP3", "RFC 1939 §3", "-ERR", "RFC 1939 §3"),
        WireProtocol::Imap => ("IMAP", "RFC 3501 §7.1.3", "BAD", "RFC 3501 §7"),
    };
    let quote = redacted(line);
    let [shown_en, shown_zh] = if line.trim().is_empty() {
        ["An empty line", "空行"]
    } else {
        [quote.as_str(); 2]
    };
    let template = match direction {
        Direction::ClientToServer => Template {
            rfc,
            en: "{0} is not a {2} command this server knows. It will answer with an error ({3}) and the \
                 session goes on.",
            zh: "{1}不是本服务器认识的 {2} 命令。服务器会回复错误（{3}），会话照常继续。",
        },
        Direction::ServerToClient => Template {
            rfc: replies_rfc,
            en: "The server sent {0}, a reply without a standard meaning here; the client shows it or ignores it.",
            zh: "服务器发来{1}，这里没有标准含义；客户端会显示或忽略它。",
        },
    };
    fill(&template, &[shown_en, shown_zh, name, refusal])
}

/// Test helpers shared by the protocol modules' tests.
#[cfg(test)]
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
fn explained(
    protocol: WireProtocol,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explanation {
    let explanation = explain(protocol, direction, line, context);
    assert!(!explanation.en.is_empty(), "no English for {line:?}");
    assert!(
        has_cjk(&explanation.zh),
        "no Chinese for {line:?}: {}",
        explanation.zh
    );
    explanation
}

#[cfg(test)]
fn answering(command: &str) -> LineContext {
    LineContext {
        answering: Some(command.to_string()),
        ..LineContext::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Direction::{ClientToServer as C, ServerToClient as S};

    #[test]
    fn the_reference_ends_both_texts_with_native_punctuation() {
        let template = Template {
            rfc: "RFC 1939 §6",
            en: "Marks {0}.",
            zh: "标记{1}。",
        };
        let explanation = fill(&template, &["it", "它"]);
        assert_eq!(explanation.en, "Marks it (RFC 1939 §6).");
        assert_eq!(explanation.zh, "标记它（RFC 1939 §6）。");
    }

    #[test]
    fn slots_take_their_arguments_and_other_braces_stay() {
        assert_eq!(substitute("{1} and {0}", &["a", "b"]), "b and a");
        assert_eq!(substitute("{{0}} {n} {", &["310"]), "{310} {n} {");
        assert_eq!(substitute("{7}{0}", &["{1}"]), "{1}");
        assert_eq!(substitute("邮{0}件{", &[]), "邮件{");
    }

    #[test]
    fn quotes_are_shortened_on_char_boundaries() {
        let long = "邮".repeat(100);
        let quote = quoted(&long);
        assert_eq!(quote.chars().count(), QUOTE_CHARS + 3);
        assert!(quote.ends_with("…”"));
    }

    #[test]
    fn secrets_are_cut_from_quoted_commands() {
        assert_eq!(redacted("PASS hunter2"), "“PASS …”");
        assert_eq!(redacted("A1 LOGIN alice hunter2"), "“A1 LOGIN alice …”");
        assert_eq!(redacted("RETR 1"), "“RETR 1”");
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
        let with = explain(WireProtocol::Pop3, C, "STAT\r\n", &LineContext::default());
        let without = explain(WireProtocol::Pop3, C, "STAT", &LineContext::default());
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

        fn any_context() -> impl Strategy<Value = LineContext> {
            (
                proptest::option::of(prop_oneof![".{0,30}", wire_like_line()]),
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|(answering, in_content, greeting)| LineContext {
                    answering,
                    in_content,
                    greeting,
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
                let explanation = explain(protocol, direction, &line, &context);
                prop_assert!(!explanation.en.trim().is_empty());
                prop_assert!(has_cjk(&explanation.zh));
            }
        }

        #[test]
        fn a_huge_line_gives_a_short_explanation() {
            let huge = format!("A1 FETCH {} (FLAGS)", "1,".repeat(100_000));
            let explanation = explain(WireProtocol::Imap, C, &huge, &LineContext::default());
            assert!(explanation.en.len() < 2_000, "{}", explanation.en.len());
        }
    }
}
