//! SASL PLAIN (RFC 4616), the one mechanism IMAP AUTHENTICATE (RFC 3501 §6.2.2, SASL-IR RFC 4959) and POP3 AUTH
//! (RFC 5034) offer here, with the base64 of their client responses (RFC 4648 §4).

/// Why a client response did not yield credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaslError {
    /// The client sent `*`: it gave up (RFC 3501 §6.2.2, RFC 5034 §4).
    Cancelled,
    /// Not base64 (RFC 4648 §4).
    InvalidBase64,
    /// Base64, but not `[authzid] NUL authcid NUL passwd` (RFC 4616 §2).
    Malformed,
}

/// The credentials a PLAIN message carries (RFC 4616 §2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainCredentials {
    /// Who to act as; empty means the same as `authcid`.
    pub authzid: String,
    pub authcid: String,
    pub password: String,
}

impl PlainCredentials {
    /// The login to open, if this server can grant it: acting as another user (proxy authorization) is not
    /// offered, so a non-empty authzid must name the authcid itself (RFC 4616 §2).
    pub fn login(&self) -> Option<&str> {
        (self.authzid.is_empty() || self.authzid == self.authcid).then_some(self.authcid.as_str())
    }
}

/// Reads one client response line (without CRLF): `*` cancels, `=` is an empty response (RFC 4959 §3), anything
/// else is base64 of a PLAIN message.
pub fn plain_from_response_line(line: &[u8]) -> Result<PlainCredentials, SaslError> {
    let line = line.trim_ascii();
    if line == b"*" {
        return Err(SaslError::Cancelled);
    }
    let bytes = if line == b"=" {
        Vec::new()
    } else {
        decode_base64(line).ok_or(SaslError::InvalidBase64)?
    };
    plain_from_message(&bytes)
}

/// Splits `[authzid] NUL authcid NUL passwd` (RFC 4616 §2); all three are UTF-8 and the last two non-empty.
pub fn plain_from_message(message: &[u8]) -> Result<PlainCredentials, SaslError> {
    let parts: Vec<&[u8]> = message.split(|b| *b == 0).collect();
    let [authzid, authcid, password] = parts.as_slice() else {
        return Err(SaslError::Malformed);
    };
    let text = |b: &[u8]| String::from_utf8(b.to_vec()).map_err(|_| SaslError::Malformed);
    let credentials = PlainCredentials {
        authzid: text(authzid)?,
        authcid: text(authcid)?,
        password: text(password)?,
    };
    if credentials.authcid.is_empty() || credentials.password.is_empty() {
        return Err(SaslError::Malformed);
    }
    Ok(credentials)
}

/// Standard base64 with padding (RFC 4648 §4); None for anything else.
pub fn decode_base64(text: &[u8]) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(4) {
        return None;
    }
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let quads = text.len() / 4;
    for (i, quad) in text.chunks(4).enumerate() {
        let padding = quad.iter().rev().take_while(|c| **c == b'=').count();
        // Padding only at the very end, at most two.
        if padding > 2 || (padding > 0 && i + 1 != quads) {
            return None;
        }
        let mut n = 0u32;
        for c in &quad[..4 - padding] {
            n = (n << 6) | value(*c)?;
        }
        n <<= 6 * padding as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..3 - padding]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_decodes_with_and_without_padding_and_refuses_the_rest() {
        assert_eq!(decode_base64(b"TWFu").as_deref(), Some(&b"Man"[..]));
        assert_eq!(decode_base64(b"TWE=").as_deref(), Some(&b"Ma"[..]));
        assert_eq!(decode_base64(b"TQ==").as_deref(), Some(&b"M"[..]));
        assert_eq!(decode_base64(b"").as_deref(), Some(&b""[..]));
        assert_eq!(decode_base64(b"TQ=="[..3].as_ref()), None);
        assert_eq!(decode_base64(b"T!=="), None);
        assert_eq!(decode_base64(b"TQ==TWFu"), None);
        assert_eq!(decode_base64(b"T==="), None);
    }

    #[test]
    fn plain_message_of_rfc4616_section_4_is_read() {
        // RFC 4616 §4: "\0tim\0tanstaaftanstaaf" and "Ursel\0Kurt\0xipj3plmq".
        let tim = plain_from_response_line(b"AHRpbQB0YW5zdGFhZnRhbnN0YWFm").unwrap();
        assert_eq!(
            (tim.login(), tim.password.as_str()),
            (Some("tim"), "tanstaaftanstaaf")
        );
        let kurt = plain_from_message(b"Ursel\0Kurt\0xipj3plmq").unwrap();
        assert_eq!(kurt.login(), None, "acting as another user is not offered");
        assert_eq!(plain_from_response_line(b"*"), Err(SaslError::Cancelled));
        assert_eq!(plain_from_response_line(b"="), Err(SaslError::Malformed));
        assert_eq!(
            plain_from_response_line(b"!!!!"),
            Err(SaslError::InvalidBase64)
        );
    }
}
