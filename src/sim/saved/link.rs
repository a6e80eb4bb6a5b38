//! The share link's fragment: `#v1.` and the compressed saved world in base64url (RFC 4648 §5), so the
//! world never leaves the browser (a fragment is not sent to the server).

use std::fmt;

/// The format the fragment carries; a link from a newer Mailroom says so instead of failing oddly.
pub const LINK_VERSION: u32 = 1;
/// The longest fragment read (browsers keep URLs of a few megabytes; a busy world needs about 1 KB).
pub const MAX_FRAGMENT_CHARS: usize = 64 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    NotALink,
    NewerVersion(u32),
    TooLong(usize),
    BadCharacter(usize),
    Truncated,
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::NotALink => write!(f, "the link does not hold a Mailroom world"),
            LinkError::NewerVersion(v) => write!(
                f,
                "the link was made by a newer Mailroom (format {v}; this one reads {LINK_VERSION})"
            ),
            LinkError::TooLong(n) => write!(
                f,
                "the link is {n} characters long, more than {MAX_FRAGMENT_CHARS}"
            ),
            LinkError::BadCharacter(at) => {
                write!(f, "the link has a stray character at {}", at + 1)
            }
            LinkError::Truncated => write!(f, "the link is cut short"),
        }
    }
}

impl std::error::Error for LinkError {}

/// The fragment (without `#`) for compressed saved-world bytes.
pub fn encode_fragment(compressed: &[u8]) -> String {
    let mut out = format!("v{LINK_VERSION}.");
    for chunk in compressed.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        // base64url without padding: 2, 3 or 4 characters for 1, 2 or 3 bytes.
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Whether a fragment is meant as a share link at all (so other fragments are left alone).
pub fn is_share_fragment(fragment: &str) -> bool {
    let fragment = fragment.trim_start_matches('#');
    fragment.starts_with('v')
        && fragment[1..]
            .split_once('.')
            .is_some_and(|(v, _)| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
}

/// The compressed bytes a fragment (with or without `#`) carries.
pub fn decode_fragment(fragment: &str) -> Result<Vec<u8>, LinkError> {
    let fragment = fragment.trim_start_matches('#');
    if fragment.len() > MAX_FRAGMENT_CHARS {
        return Err(LinkError::TooLong(fragment.len()));
    }
    if !is_share_fragment(fragment) {
        return Err(LinkError::NotALink);
    }
    let (version, data) = fragment[1..].split_once('.').ok_or(LinkError::NotALink)?;
    let version: u32 = version.parse().map_err(|_| LinkError::NotALink)?;
    if version > LINK_VERSION {
        return Err(LinkError::NewerVersion(version));
    }
    if version < LINK_VERSION {
        return Err(LinkError::NotALink);
    }
    let offset = fragment.len() - data.len();
    let mut out = Vec::with_capacity(data.len() * 3 / 4);
    let mut bits = 0u32;
    let mut count = 0;
    for (i, c) in data.bytes().enumerate() {
        let v = ALPHABET
            .iter()
            .position(|&a| a == c)
            .ok_or(LinkError::BadCharacter(offset + i))?;
        bits = (bits << 6) | v as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    // One leftover character cannot hold a byte: the link lost its end.
    if data.len() % 4 == 1 {
        return Err(LinkError::Truncated);
    }
    Ok(out)
}
