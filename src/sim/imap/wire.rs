//! Small pieces of IMAP output syntax (RFC 3501 §9) and helpers to read imap-codec's types as text.

use crate::sim::mail::{Flag, Flags};
use imap_codec::imap_types::mailbox::Mailbox as WireMailbox;

/// A string as IMAP must send it: an atom-safe quoted string, or a literal when it holds CR, LF, `"` or `\`
/// beyond what quoting allows (RFC 3501 §4.3).
pub fn astring(value: &str) -> String {
    if value.bytes().any(|b| b == b'\r' || b == b'\n' || b >= 0x80) {
        format!("{{{}}}\r\n{}", value.len(), value)
    } else {
        let mut out = String::with_capacity(value.len() + 2);
        out.push('"');
        for c in value.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    }
}

/// `NIL` for none, otherwise a string (RFC 3501 §4.5).
pub fn nstring(value: Option<&str>) -> String {
    value.map(astring).unwrap_or_else(|| "NIL".to_string())
}

/// A literal, always: message texts go out this way (RFC 3501 §4.3).
pub fn literal(value: &str) -> String {
    format!("{{{}}}\r\n{}", value.len(), value)
}

/// A mailbox name as an astring: an atom when it is one, else quoted (RFC 3501 §9 `mailbox`).
pub fn mailbox_name(name: &str) -> String {
    let atom_safe = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"(){%*\"\\]".contains(&b));
    if atom_safe {
        name.to_string()
    } else {
        astring(name)
    }
}

/// `(\Seen $Junk \Recent)`: a session's view of a message's flags, keywords named from the mailbox's table (RFC 3501 §7.4.2 FLAGS).
pub fn flag_list(flags: Flags, keywords: &[String], recent: bool) -> String {
    let mut names: Vec<&str> = flags.iter().map(Flag::imap_name).collect();
    names.extend(
        flags
            .keywords()
            .filter_map(|i| keywords.get(i).map(String::as_str)),
    );
    if recent {
        names.push("\\Recent");
    }
    format!("({})", names.join(" "))
}

/// The mailbox name a command named, as text (`INBOX` for every spelling of it, RFC 3501 §5.1).
pub fn mailbox_text(mailbox: &WireMailbox<'_>) -> String {
    match mailbox {
        WireMailbox::Inbox => "INBOX".to_string(),
        WireMailbox::Other(other) => String::from_utf8_lossy(other.inner().as_ref()).into_owned(),
    }
}

/// The tag at the start of a line if one can be read (RFC 3501 §9 `tag`): used to answer BAD to a command
/// that did not parse.
pub fn leading_tag(line: &[u8]) -> Option<String> {
    let end = line.iter().position(|b| *b == b' ')?;
    let tag = &line[..end];
    let valid = !tag.is_empty()
        && tag
            .iter()
            .all(|b| b.is_ascii_graphic() && !b"(){%*\"\\+".contains(b));
    valid.then(|| String::from_utf8_lossy(tag).into_owned())
}

/// The command word after the tag, upper-cased, for error messages.
pub fn command_word(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let mut words = text.split_whitespace();
    words.next();
    let word = words.next().unwrap_or("").to_ascii_uppercase();
    if word == "UID" {
        format!("UID {}", words.next().unwrap_or("").to_ascii_uppercase())
    } else {
        word
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_quoted_or_sent_as_literals() {
        assert_eq!(astring("a \"b\""), "\"a \\\"b\\\"\"");
        assert_eq!(astring("x\r\ny"), "{4}\r\nx\r\ny");
        assert_eq!(mailbox_name("INBOX"), "INBOX");
        assert_eq!(mailbox_name("My Box"), "\"My Box\"");
    }

    #[test]
    fn a_tag_is_read_only_when_it_is_valid() {
        assert_eq!(leading_tag(b"a1 NOOP"), Some("a1".into()));
        assert_eq!(leading_tag(b"+x NOOP"), None);
        assert_eq!(leading_tag(b"NOOP"), None);
        assert_eq!(command_word(b"a uid fetch 1 flags"), "UID FETCH");
    }
}
