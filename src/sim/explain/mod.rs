//! Plain-language explanations of every wire line, for a student who has never seen a protocol, in the
//! language of the [`Tongue`] handed in (the English texts here are the keys of every other language's
//! catalogue). Pure and deterministic: a line, what is known around it and a tongue go in; a text that ends with
//! the RFC section defining the line comes out. Any input is accepted; nothing here may panic.

mod imap;
mod pop3;
mod smtp;

use crate::i18n::en;
use crate::i18n::Tongue;
use crate::sim::session::Direction;

pub use crate::sim::line_tracker::{LineFacts, MailboxAccess};
pub use crate::sim::session::WireProtocol;

/// What the explainer knows about the conversation around a line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineContext {
    /// For a server line: the client command line it answers (e.g. "RETR 1", "A3 FETCH 1:* (FLAGS)"), if any.
    pub answering: Option<String>,
    /// The line is message content inside a multi-line reply (RETR/TOP body), SMTP DATA, or an IMAP literal.
    pub in_content: bool,
    /// The line is the first line of a connection (the greeting).
    pub greeting: bool,
    /// What the session had shown before the line: where a line is in a message or a reply, what the server
    /// had done. Taken from the transcript of the same connection, never guessed from the line's text.
    pub facts: LineFacts,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// In the tongue's language, ending with the reference.
    pub text: String,
    /// e.g. "RFC 1939 §6"; empty only for message content lines.
    pub rfc: &'static str,
}

/// Explains one wire line (without or with its CRLF) in the tongue's language. Kept out of line in the
/// compiler's wasm, so that its size reads apart from the transcript view's there (wasm-opt may still inline it
/// into the page's).
#[inline(never)]
pub fn explain(
    protocol: WireProtocol,
    direction: Direction,
    line: &str,
    context: &LineContext,
    tongue: Tongue,
) -> Explanation {
    // The line terminator carries no meaning of its own.
    let line = line.trim_end_matches(['\r', '\n']);
    match protocol {
        WireProtocol::Smtp => smtp::explain(tongue, direction, line, context),
        WireProtocol::Pop3 => pop3::explain(tongue, direction, line, context),
        WireProtocol::Imap => imap::explain(tongue, direction, line, context),
    }
}

/// An explanation as data: an English text, which is also the key of its translations, with numbered slots
/// `{0}`…`{9}` for the pieces taken from the line, and the RFC section it ends with. Hundreds of explanations
/// then share the one routine that fills them in, instead of each carrying its own formatting code in the
/// page's wasm.
#[derive(Clone, Copy)]
struct Template {
    rfc: &'static str,
    en: &'static str,
}

/// How a text ends with its reference: "… (RFC 1939 §6)." (in Chinese "……（RFC 1939 §6）。"). A template of its
/// own, so each language writes the reference with its own brackets and stop.
const WITH_REFERENCE: &str = en("{0} ({1}).");

/// The template in the tongue's language with its slots filled, ending with the reference.
#[inline(never)]
fn fill_texts(tongue: Tongue, template: &Template, args: &[&str]) -> Explanation {
    referenced(tongue, tongue.fill(template.en, args), template.rfc)
}

/// A text already in the tongue's language, ending with the reference `rfc`.
#[inline(never)]
fn referenced(tongue: Tongue, mut text: String, rfc: &'static str) -> Explanation {
    text.truncate(text.trim_end().len());
    // The reference template brings the sentence's own stop, so the text's is dropped.
    if let Some(without_stop) = text.strip_suffix(['.', '。']) {
        text.truncate(without_stop.len());
    }
    Explanation {
        text: tongue.fill(WITH_REFERENCE, &[&text, rfc]),
        rfc,
    }
}

/// The pieces for a template's slots, in order, kept in one text: a call site hands each piece over (a `String`
/// moves in), so it does not carry the code that drops each of its temporaries.
struct Slots {
    text: String,
    ends: [usize; 10],
    count: usize,
}

impl Slots {
    #[inline(never)]
    fn new() -> Self {
        Slots {
            text: String::with_capacity(128),
            ends: [0; 10],
            count: 0,
        }
    }

    /// Appends one piece; pieces past the tenth slot are dropped, as no template has an eleventh.
    #[inline(never)]
    fn push_str(&mut self, piece: &str) {
        if let Some(end) = self.ends.get_mut(self.count) {
            self.text.push_str(piece);
            *end = self.text.len();
            self.count += 1;
        }
    }

    /// The template, in the tongue's language, with these pieces in its slots.
    #[inline(never)]
    fn fill(self, tongue: Tongue, template: &Template) -> Explanation {
        let mut pieces = [""; 10];
        let mut start = 0;
        for (piece, &end) in pieces.iter_mut().zip(self.ends.iter().take(self.count)) {
            *piece = self.text.get(start..end).unwrap_or("");
            start = end;
        }
        fill_texts(tongue, template, pieces.get(..self.count).unwrap_or(&[]))
    }
}

/// A piece for a slot: a `&str` is copied, a `String` moves in and is dropped there, once, out of line.
trait Piece {
    fn put(self, slots: &mut Slots);
}

impl Piece for &str {
    fn put(self, slots: &mut Slots) {
        slots.push_str(self);
    }
}

impl Piece for String {
    #[inline(never)]
    fn put(self, slots: &mut Slots) {
        slots.push_str(&self);
    }
}

/// `fill!(tongue, template, piece, …)`: the explanation a template gives, in the tongue's language, with these
/// pieces in its slots `{0}`, `{1}`…
macro_rules! fill {
    ($tongue:expr, $template:expr $(, $piece:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut slots = $crate::sim::explain::Slots::new();
        $( $crate::sim::explain::Piece::put($piece, &mut slots); )*
        slots.fill($tongue, $template)
    }};
}
pub(crate) use fill;

/// The longest piece of a line quoted back: enough to recognise it, never a wall of text.
const QUOTE_CHARS: usize = 40;

/// A piece of the line, shortened on a char boundary.
fn shortened(text: &str) -> String {
    let text = text.trim();
    let mut shown: String = text.chars().take(QUOTE_CHARS).collect();
    if text.chars().nth(QUOTE_CHARS).is_some() {
        shown.push('…');
    }
    shown
}

/// A piece of the line, shortened, in the language's quotation marks.
fn quoted(tongue: Tongue, text: &str) -> String {
    tongue.fill("“{0}”", &[&shortened(text)])
}

/// A number as digits; anything else quoted, so odd input stays visibly odd.
fn plain(tongue: Tongue, text: &str) -> String {
    number(text).map_or_else(|| quoted(tongue, text), |n| n.to_string())
}

/// "1 message", "2 messages". Not [`Tongue::count`], which counts in `usize`: a server may announce more
/// messages than a 32-bit `usize` holds.
fn messages(tongue: Tongue, count: u64) -> String {
    if count == 1 {
        tongue.word("1 message").to_string()
    } else {
        tongue.fill("{0} messages", &[&count.to_string()])
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
fn redacted(tongue: Tongue, command: &str) -> String {
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
        return quoted(tongue, &shown);
    }
    quoted(tongue, command)
}

/// A line of a message being carried (headers or body): the protocol does not look inside. Only the message's
/// first empty line ends its header (RFC 5322 §2.1); the transcript tells whether that one has passed.
fn message_content(tongue: Tongue, line: &str, in_body: bool) -> Explanation {
    let text = match (line.is_empty(), in_body) {
        (true, false) => {
            return fill!(
                tongue,
                &Template {
                    rfc: "RFC 5322 §2.1",
                    en: "The message's first empty line: it ends the header fields above; the body follows.",
                }
            )
        }
        (true, true) => tongue.word(
            "An empty line in the body of the message, such as a break between paragraphs. The protocol \
             carries it as-is.",
        ),
        (false, true) => tongue.word(
            "A line of the message's body. The protocol carries it as-is and does not interpret it, even \
             if it looks like a command.",
        ),
        (false, false) => tongue.word(
            "A line of the message itself (a header or body line). The protocol carries it as-is and does \
             not interpret it.",
        ),
    };
    // Message content is no protocol element, so no RFC defines it.
    Explanation {
        text: text.to_string(),
        rfc: "",
    }
}

/// A content line that began with "." and so was sent with a second "." in front.
fn dot_stuffed(tongue: Tongue, rfc: &'static str) -> Explanation {
    fill!(
        tongue,
        &Template {
            rfc,
            en: "A message line that really starts with “.”. The sender doubled the dot (“dot-stuffing”) so it \
                 cannot be mistaken for the end marker; the receiver removes the extra dot.",
        }
    )
}

/// A client line answering the server's challenge in a SASL login: credentials in base64, never a command.
fn sasl_answer(tongue: Tongue, rfc: &'static str) -> Explanation {
    fill!(
        tongue,
        &Template {
            rfc,
            en: "The client's answer to the server's login challenge, in base64 (not repeated here). With PLAIN it \
                 holds the user name and the password (RFC 4616 §2): base64 only encodes them, it does not hide \
                 them.",
        }
    )
}

/// A SASL login command (POP3 AUTH, SMTP AUTH, IMAP AUTHENTICATE): `{0}` the mechanism quoted, `{1}` the
/// server's challenge ("“+”" or "334"); with an initial response on the same line, the credentials are there.
fn sasl_command(
    tongue: Tongue,
    rfc: &'static str,
    mechanism: &str,
    initial_response: bool,
    challenge: &str,
) -> Explanation {
    let template = if initial_response {
        &Template {
            rfc,
            en: "Logs in with the SASL method {0}, the credentials already on this line in base64 (hidden here), \
                 so the client need not wait for a {1} challenge. With PLAIN they are the user name and password, \
                 encoded, not encrypted.",
        }
    } else {
        &Template {
            rfc,
            en: "Starts logging in with the SASL method {0}. The server answers with a {1} challenge and the \
                 client sends its credentials, in base64, on the next line.",
        }
    };
    fill!(tongue, template, quoted(tongue, mechanism), challenge)
}

/// Any line the explainer does not recognise, such as a student's typing in the terminal.
fn unrecognised(
    tongue: Tongue,
    protocol: WireProtocol,
    direction: Direction,
    line: &str,
) -> Explanation {
    // Client lines cite where the refusal is defined; server lines cite the general shape of replies.
    let (name, rfc, refusal, replies_rfc) = match protocol {
        WireProtocol::Smtp => ("SMTP", "RFC 5321 §4.2.4", "500", "RFC 5321 §4.2"),
        WireProtocol::Pop3 => ("POP3", "RFC 1939 §3", "-ERR", "RFC 1939 §3"),
        WireProtocol::Imap => ("IMAP", "RFC 3501 §7.1.3", "BAD", "RFC 3501 §7"),
    };
    let shown = if line.trim().is_empty() {
        tongue.word("An empty line").to_string()
    } else {
        redacted(tongue, line)
    };
    let template = match direction {
        Direction::ClientToServer => Template {
            rfc,
            en: "{0} is not a command this {1} server knows. It will answer with an error ({2}) and the \
                 session goes on.",
        },
        Direction::ServerToClient => Template {
            rfc: replies_rfc,
            en: "The server sent {0}, a reply without a standard meaning here; the client shows it or ignores it.",
        },
    };
    fill!(tongue, &template, shown, name, refusal)
}

/// The Chinese tongue of the explainer's tests: the Chinese catalogue, read once.
#[cfg(test)]
fn chinese() -> Tongue {
    use std::sync::OnceLock;
    static CATALOGUE: OnceLock<crate::i18n::Catalogue> = OnceLock::new();
    let catalogue = CATALOGUE.get_or_init(|| {
        crate::i18n::Catalogue::parse(include_str!("../../../i18n/zh.json"))
            .expect("the Chinese catalogue reads")
    });
    Tongue::new(crate::i18n::Lang::Zh, catalogue)
}

/// Test helpers shared by the protocol modules' tests.
#[cfg(test)]
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A line explained in English and in Chinese, as the tests compare them.
#[cfg(test)]
#[derive(Debug)]
struct Explained {
    en: String,
    zh: String,
    rfc: &'static str,
}

#[cfg(test)]
fn explained(
    protocol: WireProtocol,
    direction: Direction,
    line: &str,
    context: &LineContext,
) -> Explained {
    let english = explain(protocol, direction, line, context, Tongue::ENGLISH);
    let chinese = explain(protocol, direction, line, context, chinese());
    assert!(!english.text.is_empty(), "no English for {line:?}");
    assert!(
        has_cjk(&chinese.text),
        "no Chinese for {line:?}: {}",
        chinese.text
    );
    assert_eq!(english.rfc, chinese.rfc, "{line:?}");
    Explained {
        en: english.text,
        zh: chinese.text,
        rfc: english.rfc,
    }
}

#[cfg(test)]
fn answering(command: &str) -> LineContext {
    LineContext {
        answering: Some(command.to_string()),
        ..LineContext::default()
    }
}

#[cfg(test)]
mod tests;
