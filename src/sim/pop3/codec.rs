//! POP3 wire syntax (RFC 1939 §3, RFC 2449): command lines, status lines, and the dot-stuffing of multi-line
//! replies. No state here; the server and the client own that.

use std::fmt;

/// RFC 2449 §4 allows command lines of 255 octets; we accept up to this many (CRLF included) before
/// answering `-ERR`, as lenient servers do, and never buffer more.
pub const MAX_COMMAND_OCTETS: usize = 1000;

/// One parsed client command (RFC 1939 §4–§7, RFC 2449 §5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pop3Command {
    User {
        name: String,
    },
    /// The rest of the line: a password may contain spaces (RFC 1939 §7, PASS).
    Pass {
        password: String,
    },
    Apop {
        name: String,
        digest: String,
    },
    Stat,
    List {
        msg: Option<u32>,
    },
    Retr {
        msg: u32,
    },
    Dele {
        msg: u32,
    },
    Noop,
    Rset,
    Quit,
    Top {
        msg: u32,
        lines: u32,
    },
    Uidl {
        msg: Option<u32>,
    },
    Capa,
    /// SASL authentication (RFC 5034 §4): the mechanism and, optionally, the first response in base64.
    Auth {
        mechanism: String,
        initial_response: Option<String>,
    },
}

impl Pop3Command {
    /// The keyword as the RFC spells it.
    pub fn keyword(&self) -> &'static str {
        match self {
            Pop3Command::User { .. } => "USER",
            Pop3Command::Pass { .. } => "PASS",
            Pop3Command::Apop { .. } => "APOP",
            Pop3Command::Stat => "STAT",
            Pop3Command::List { .. } => "LIST",
            Pop3Command::Retr { .. } => "RETR",
            Pop3Command::Dele { .. } => "DELE",
            Pop3Command::Noop => "NOOP",
            Pop3Command::Rset => "RSET",
            Pop3Command::Quit => "QUIT",
            Pop3Command::Top { .. } => "TOP",
            Pop3Command::Uidl { .. } => "UIDL",
            Pop3Command::Capa => "CAPA",
            Pop3Command::Auth { .. } => "AUTH",
        }
    }
}

impl fmt::Display for Pop3Command {
    /// The command line a client writes, without CRLF.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Pop3Command::User { name } => write!(f, "USER {name}"),
            Pop3Command::Pass { password } => write!(f, "PASS {password}"),
            Pop3Command::Apop { name, digest } => write!(f, "APOP {name} {digest}"),
            Pop3Command::List { msg: Some(n) } => write!(f, "LIST {n}"),
            Pop3Command::Uidl { msg: Some(n) } => write!(f, "UIDL {n}"),
            Pop3Command::Retr { msg } => write!(f, "RETR {msg}"),
            Pop3Command::Dele { msg } => write!(f, "DELE {msg}"),
            Pop3Command::Top { msg, lines } => write!(f, "TOP {msg} {lines}"),
            Pop3Command::Auth {
                mechanism,
                initial_response: Some(response),
            } => write!(f, "AUTH {mechanism} {response}"),
            Pop3Command::Auth { mechanism, .. } => write!(f, "AUTH {mechanism}"),
            other => f.write_str(other.keyword()),
        }
    }
}

/// Why a command line could not be parsed. The server answers each with `-ERR` and carries on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommandError {
    Empty,
    /// NUL, other control characters or DEL: not text (RFC 1939 §3: commands are printable ASCII).
    ControlCharacters,
    Unknown {
        keyword: String,
    },
    MissingArgument {
        command: &'static str,
    },
    TooManyArguments {
        command: &'static str,
    },
    NotANumber {
        argument: String,
    },
    TooLong,
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Empty => f.write_str("empty command"),
            CommandError::ControlCharacters => f.write_str("command contains control characters"),
            CommandError::Unknown { keyword } => write!(f, "unknown command: {keyword}"),
            CommandError::MissingArgument { command } => write!(f, "{command}: missing argument"),
            CommandError::TooManyArguments { command } => {
                write!(f, "{command}: too many arguments")
            }
            CommandError::NotANumber { argument } => {
                write!(f, "invalid message number: {argument}")
            }
            CommandError::TooLong => f.write_str("line too long"),
        }
    }
}

impl std::error::Error for CommandError {}

/// Parses one command line (without CRLF). Keywords are case-insensitive (RFC 1939 §3).
pub fn parse_command(line: &[u8]) -> Result<Pop3Command, CommandError> {
    if line
        .iter()
        .any(|b| (*b < 0x20 && *b != b'\t') || *b == 0x7f)
    {
        return Err(CommandError::ControlCharacters);
    }
    let text = String::from_utf8_lossy(line);
    let text = text.trim_end_matches([' ', '\t']);
    if text.trim().is_empty() {
        return Err(CommandError::Empty);
    }
    let (keyword, rest) = match text.split_once([' ', '\t']) {
        Some((k, r)) => (k, r),
        None => (text, ""),
    };
    let args: Vec<&str> = rest.split_whitespace().collect();
    let upper = keyword.to_ascii_uppercase();
    let command = match upper.as_str() {
        "USER" => Pop3Command::User {
            name: one_word("USER", &args)?.to_string(),
        },
        "PASS" if rest.is_empty() => return Err(CommandError::MissingArgument { command: "PASS" }),
        "PASS" => Pop3Command::Pass {
            password: rest.to_string(),
        },
        "APOP" => match args.as_slice() {
            [name, digest] => Pop3Command::Apop {
                name: name.to_string(),
                digest: digest.to_string(),
            },
            [] | [_] => return Err(CommandError::MissingArgument { command: "APOP" }),
            _ => return Err(CommandError::TooManyArguments { command: "APOP" }),
        },
        "STAT" => no_args("STAT", &args, Pop3Command::Stat)?,
        "NOOP" => no_args("NOOP", &args, Pop3Command::Noop)?,
        "RSET" => no_args("RSET", &args, Pop3Command::Rset)?,
        "QUIT" => no_args("QUIT", &args, Pop3Command::Quit)?,
        "CAPA" => no_args("CAPA", &args, Pop3Command::Capa)?,
        "LIST" => Pop3Command::List {
            msg: optional_number("LIST", &args)?,
        },
        "UIDL" => Pop3Command::Uidl {
            msg: optional_number("UIDL", &args)?,
        },
        "RETR" => Pop3Command::Retr {
            msg: number(one_word("RETR", &args)?)?,
        },
        "DELE" => Pop3Command::Dele {
            msg: number(one_word("DELE", &args)?)?,
        },
        "AUTH" => match args.as_slice() {
            [mechanism] => Pop3Command::Auth {
                mechanism: mechanism.to_string(),
                initial_response: None,
            },
            [mechanism, response] => Pop3Command::Auth {
                mechanism: mechanism.to_string(),
                initial_response: Some(response.to_string()),
            },
            [] => return Err(CommandError::MissingArgument { command: "AUTH" }),
            _ => return Err(CommandError::TooManyArguments { command: "AUTH" }),
        },
        "TOP" => match args.as_slice() {
            [msg, lines] => Pop3Command::Top {
                msg: number(msg)?,
                lines: number(lines)?,
            },
            [] | [_] => return Err(CommandError::MissingArgument { command: "TOP" }),
            _ => return Err(CommandError::TooManyArguments { command: "TOP" }),
        },
        _ => {
            return Err(CommandError::Unknown {
                keyword: printable_prefix(keyword, 40),
            })
        }
    };
    Ok(command)
}

fn no_args(
    command: &'static str,
    args: &[&str],
    parsed: Pop3Command,
) -> Result<Pop3Command, CommandError> {
    if args.is_empty() {
        Ok(parsed)
    } else {
        Err(CommandError::TooManyArguments { command })
    }
}

fn one_word<'a>(command: &'static str, args: &[&'a str]) -> Result<&'a str, CommandError> {
    match args {
        [word] => Ok(word),
        [] => Err(CommandError::MissingArgument { command }),
        _ => Err(CommandError::TooManyArguments { command }),
    }
}

fn optional_number(command: &'static str, args: &[&str]) -> Result<Option<u32>, CommandError> {
    match args {
        [] => Ok(None),
        [word] => number(word).map(Some),
        _ => Err(CommandError::TooManyArguments { command }),
    }
}

/// A message number or line count: decimal digits only (RFC 1939 §3), no sign, no overflow.
fn number(word: &str) -> Result<u32, CommandError> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = word.parse() {
            return Ok(n);
        }
    }
    Err(CommandError::NotANumber {
        argument: printable_prefix(word, 40),
    })
}

/// Error text as a reply line starts it: `-ERR Unknown command: FOO`.
pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        // ASCII only: the texts are English, and Unicode case tables would cost the page kilobytes.
        Some(first) => std::iter::once(first.to_ascii_uppercase())
            .chain(chars)
            .collect(),
        None => String::new(),
    }
}

/// Up to `max` printable characters of untrusted text, safe to echo in a reply line.
pub fn printable_prefix(text: &str, max: usize) -> String {
    text.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(max)
        .collect()
}

/// A status line from the server (RFC 1939 §3), with its RFC 2449 §8 response code if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusLine {
    pub ok: bool,
    /// e.g. `IN-USE` from `-ERR [IN-USE] ...`.
    pub code: Option<String>,
    /// The text after the status indicator (and code).
    pub text: String,
}

impl StatusLine {
    /// Parses `+OK ...` or `-ERR ...`; status indicators are upper case (RFC 1939 §3).
    pub fn parse(line: &str) -> Option<StatusLine> {
        let (ok, rest) = if let Some(rest) = line.strip_prefix("+OK") {
            (true, rest)
        } else if let Some(rest) = line.strip_prefix("-ERR") {
            (false, rest)
        } else {
            return None;
        };
        if !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let rest = rest.trim_start();
        let (code, text) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
            Some((code, text)) => (Some(code.to_string()), text.trim_start()),
            None => (None, rest),
        };
        Some(StatusLine {
            ok,
            code,
            text: text.to_string(),
        })
    }
}

/// The lines of a message's CRLF text, dot-stuffed for a multi-line reply (RFC 1939 §3), without the
/// terminating `.`.
pub fn dot_stuffed_lines(text: &str) -> impl Iterator<Item = String> + '_ {
    text_lines(text).map(dot_stuff)
}

/// One content line of a multi-line reply: a leading `.` is doubled (RFC 1939 §3).
pub fn dot_stuff(line: &str) -> String {
    if line.starts_with('.') {
        format!(".{line}")
    } else {
        line.to_string()
    }
}

/// The lines of a CRLF text; a final CRLF ends the last line rather than starting an empty one.
pub fn text_lines(text: &str) -> impl Iterator<Item = &str> {
    let body = text.strip_suffix("\r\n").unwrap_or(text);
    body.split("\r\n").filter(move |_| !text.is_empty())
}

/// A line of a multi-line reply as received: `None` for the terminating `.`, else the line unstuffed.
pub fn unstuff_line(line: &str) -> Option<&str> {
    if line == "." {
        None
    } else {
        Some(line.strip_prefix('.').unwrap_or(line))
    }
}

/// What TOP returns (RFC 1939 §7): the header section, the empty line, then at most `body_lines` body lines.
pub fn top_lines(text: &str, body_lines: u32) -> impl Iterator<Item = &str> {
    let mut in_body = false;
    let mut remaining = body_lines;
    text_lines(text).take_while(move |line| {
        if in_body {
            if remaining == 0 {
                return false;
            }
            remaining -= 1;
        } else if line.is_empty() {
            in_body = true;
        }
        true
    })
}

/// The unique-id listing (RFC 1939 §7): in the style of Dovecot's default `%08Xu%08Xv`, UID then
/// UIDVALIDITY as upper-case hex, so an id is stable across sessions and never reused.
pub fn uidl_for(uid_validity: u32, uid: u32) -> String {
    format!("{uid:08X}{uid_validity:08X}")
}

/// The APOP digest (RFC 1939 §7): MD5 of the greeting's timestamp followed by the shared secret, in lower-case hex.
pub fn apop_digest(timestamp: &str, secret: &str) -> String {
    format!("{:x}", md5::compute(format!("{timestamp}{secret}")))
}

/// The `<...>` timestamp in a greeting, if the server offers APOP.
pub fn greeting_timestamp(greeting: &str) -> Option<&str> {
    let start = greeting.find('<')?;
    let end = start + greeting[start..].find('>')?;
    Some(&greeting[start..=end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_parse_case_insensitively() {
        assert_eq!(parse_command(b"stat"), Ok(Pop3Command::Stat));
        assert_eq!(
            parse_command(b"Top 1 10"),
            Ok(Pop3Command::Top { msg: 1, lines: 10 })
        );
        assert_eq!(
            parse_command(b"PASS open sesame "),
            Ok(Pop3Command::Pass {
                password: "open sesame".into()
            })
        );
    }

    #[test]
    fn bad_arguments_are_named() {
        assert_eq!(
            parse_command(b"RETR x"),
            Err(CommandError::NotANumber {
                argument: "x".into()
            })
        );
        assert_eq!(
            parse_command(b"RETR 99999999999"),
            Err(CommandError::NotANumber {
                argument: "99999999999".into()
            })
        );
        assert_eq!(
            parse_command(b"RETR -1"),
            Err(CommandError::NotANumber {
                argument: "-1".into()
            })
        );
        assert_eq!(
            parse_command(b"DELE"),
            Err(CommandError::MissingArgument { command: "DELE" })
        );
        assert_eq!(
            parse_command(b"NOOP 1"),
            Err(CommandError::TooManyArguments { command: "NOOP" })
        );
        assert_eq!(
            parse_command(b"ST\0AT"),
            Err(CommandError::ControlCharacters)
        );
        assert!(matches!(
            parse_command(&[0xff, 0xfe, b'x']),
            Err(CommandError::Unknown { .. })
        ));
    }

    #[test]
    fn dot_stuffing_round_trips() {
        let text = "Subject: x\r\n\r\n.hidden\r\n..two\r\nend\r\n";
        let stuffed: Vec<String> = dot_stuffed_lines(text).collect();
        assert_eq!(stuffed, ["Subject: x", "", "..hidden", "...two", "end"]);
        let back: Vec<&str> = stuffed.iter().filter_map(|l| unstuff_line(l)).collect();
        assert_eq!(back.join("\r\n") + "\r\n", text);
        assert_eq!(unstuff_line("."), None);
    }

    #[test]
    fn top_stops_after_n_body_lines() {
        let text = "A: 1\r\nB: 2\r\n\r\none\r\ntwo\r\nthree\r\n";
        assert_eq!(top_lines(text, 0).collect::<Vec<_>>(), ["A: 1", "B: 2", ""]);
        assert_eq!(
            top_lines(text, 2).collect::<Vec<_>>(),
            ["A: 1", "B: 2", "", "one", "two"]
        );
        assert_eq!(top_lines(text, 9).count(), 6);
    }

    #[test]
    fn status_lines_carry_response_codes() {
        let s = StatusLine::parse("-ERR [IN-USE] locked").expect("status");
        assert!(!s.ok);
        assert_eq!(s.code.as_deref(), Some("IN-USE"));
        assert_eq!(s.text, "locked");
        assert_eq!(StatusLine::parse("+OK").map(|s| s.ok), Some(true));
        assert_eq!(StatusLine::parse("+OKAY"), None);
        assert_eq!(StatusLine::parse("1 2"), None);
    }

    #[test]
    fn apop_digest_matches_rfc_1939_section_7() {
        assert_eq!(
            apop_digest("<1896.697170952@dbc.mtview.ca.us>", "tanstaaf"),
            "c4c9334bac560ecc979e58001b3e22fb"
        );
        assert_eq!(
            greeting_timestamp("+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>"),
            Some("<1896.697170952@dbc.mtview.ca.us>")
        );
    }
}
