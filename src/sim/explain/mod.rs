//! Plain-language explanations of every wire line, in English and Simplified Chinese, for a student who has never
//! seen a protocol. Pure and deterministic: a line and what is known around it go in; two texts that end with
//! the RFC section defining the line come out. Any input is accepted; nothing here may panic.

mod imap;
mod pop3;
mod smtp;

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
    pub en: String,
    pub zh: String,
    /// e.g. "RFC 1939 §6"; empty only for message content lines.
    pub rfc: &'static str,
}

/// Explains one wire line (without or with its CRLF). Kept out of line in the compiler's wasm, so that its size
/// reads apart from the transcript view's there (wasm-opt may still inline it into the page's).
#[inline(never)]
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
fn fill_texts(template: &Template, args: &[&str]) -> Explanation {
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

    /// The template with these pieces in its slots.
    #[inline(never)]
    fn fill(self, template: &Template) -> Explanation {
        let mut pieces = [""; 10];
        let mut start = 0;
        for (piece, &end) in pieces.iter_mut().zip(self.ends.iter().take(self.count)) {
            *piece = self.text.get(start..end).unwrap_or("");
            start = end;
        }
        fill_texts(template, pieces.get(..self.count).unwrap_or(&[]))
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

/// `fill!(template, piece, …)`: the explanation a template gives with these pieces in its slots `{0}`, `{1}`…
macro_rules! fill {
    ($template:expr $(, $piece:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut slots = $crate::sim::explain::Slots::new();
        $( $crate::sim::explain::Piece::put($piece, &mut slots); )*
        slots.fill($template)
    }};
}
pub(crate) use fill;

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

/// A line of a message being carried (headers or body): the protocol does not look inside. Only the message's
/// first empty line ends its header (RFC 5322 §2.1); the transcript tells whether that one has passed.
fn message_content(line: &str, in_body: bool) -> Explanation {
    match (line.is_empty(), in_body) {
        (true, false) => fill!(&Template {
            rfc: "RFC 5322 §2.1",
            en: "The message's first empty line: it ends the header fields above; the body follows.",
            zh: "邮件里的第一个空行：上面的信头字段到此结束，下面是正文。",
        }),
        (true, true) => Explanation {
            en: "An empty line in the body of the message, such as a break between paragraphs. The protocol \
                 carries it as-is."
                .into(),
            zh: "邮件正文里的空行，例如段落之间的间隔。协议只负责原样传送。".into(),
            rfc: "",
        },
        (false, true) => Explanation {
            en: "A line of the message's body. The protocol carries it as-is and does not interpret it, even \
                 if it looks like a command."
                .into(),
            zh: "邮件正文的一行。协议只负责原样传送，并不解读其内容，即使它看起来像一条命令。".into(),
            rfc: "",
        },
        (false, false) => Explanation {
            en: "A line of the message itself (a header or body line). The protocol carries it as-is and does \
                 not interpret it."
                .into(),
            zh: "邮件本身的一行（信头或正文）。协议只负责原样传送，并不解读其内容。".into(),
            rfc: "",
        },
    }
}

/// A content line that began with "." and so was sent with a second "." in front.
fn dot_stuffed(rfc: &'static str) -> Explanation {
    fill!(&Template {
        rfc,
        en: "A message line that really starts with “.”. The sender doubled the dot (“dot-stuffing”) so it \
             cannot be mistaken for the end marker; the receiver removes the extra dot.",
        zh: "这一行邮件内容本来就以“.”开头。发送方在前面多加了一个点（称为“点填充”），以免被误认为结束标记；\
             接收方会去掉多出的那个点。",
    })
}

/// A client line answering the server's challenge in a SASL login: credentials in base64, never a command.
fn sasl_answer(rfc: &'static str) -> Explanation {
    fill!(&Template {
        rfc,
        en: "The client's answer to the server's login challenge, in base64 (not repeated here). With PLAIN it \
             holds the user name and the password (RFC 4616 §2): base64 only encodes them, it does not hide them.",
        zh: "客户端对服务器登录询问的回答，用 base64 编码（此处不再重复）。使用 PLAIN 方式时，其中是用户名和密码\
             （RFC 4616 §2）：base64 只是编码，并不能隐藏它们。",
    })
}

/// A SASL login command (POP3 AUTH, SMTP AUTH, IMAP AUTHENTICATE): `{0}` the mechanism quoted, `{1}` the
/// server's challenge ("“+”" or "334"); with an initial response on the same line, the credentials are there.
fn sasl_command(
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
            zh: "用 SASL 方式{0}登录，凭据已用 base64 编码附在这一行里（此处隐藏），所以不必等服务器回复{2}询问。\
                 使用 PLAIN 时，凭据就是用户名和密码，只是编码，并未加密。",
        }
    } else {
        &Template {
            rfc,
            en: "Starts logging in with the SASL method {0}. The server answers with a {1} challenge and the \
                 client sends its credentials, in base64, on the next line.",
            zh: "开始用 SASL 方式{0}登录。服务器先回一个{2}询问，客户端再在下一行用 base64 发送凭据。",
        }
    };
    // Chinese sets a code such as 334 apart from the characters around it.
    let challenge_zh = if challenge.starts_with(|c: char| c.is_ascii_digit()) {
        substitute(" {0} ", &[challenge])
    } else {
        challenge.to_string()
    };
    fill!(template, quoted(mechanism), challenge, challenge_zh)
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
            en: "{0} is not a command this {2} server knows. It will answer with an error ({3}) and the \
                 session goes on.",
            zh: "{1}不是本 {2} 服务器认识的命令。服务器会回复错误（{3}），会话照常继续。",
        },
        Direction::ServerToClient => Template {
            rfc: replies_rfc,
            en: "The server sent {0}, a reply without a standard meaning here; the client shows it or ignores it.",
            zh: "服务器发来{1}，这里没有标准含义；客户端会显示或忽略它。",
        },
    };
    fill!(&template, shown_en, shown_zh, name, refusal)
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
mod tests;
