//! Cuts the server's input into whole commands, literals included (RFC 3501 §4.3, RFC 7888 LITERAL+), with
//! bounded buffers: a claimed literal size is never allocated, only the octets that actually arrive are kept.

use super::wire::leading_tag;

/// Longest command line accepted, literals excluded (RFC 7162 §4 asks servers to allow at least 8192 octets).
pub const MAX_LINE_OCTETS: usize = 64 * 1024;
/// Largest literal accepted (an APPENDed message); larger ones are refused with BAD (RFC 7888 §4).
pub const MAX_LITERAL_OCTETS: usize = 4 * 1024 * 1024;

/// What the framer found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Framed {
    /// One whole command, with its final CRLF.
    Command(Vec<u8>),
    /// A synchronizing literal `{n}` waits for the server's `+` before its octets come (RFC 3501 §7.5).
    ContinuationNeeded,
    /// A literal larger than [`MAX_LITERAL_OCTETS`]; the command is dropped.
    LiteralTooLarge { tag: Option<String>, length: u64 },
    /// A line longer than [`MAX_LINE_OCTETS`] without a CRLF; it is dropped up to its end.
    LineTooLong { tag: Option<String> },
}

#[derive(Debug, Default, Clone)]
pub struct CommandFramer {
    buf: Vec<u8>,
    /// Where the next line of the current command starts (after any complete literal).
    scan: usize,
    /// The `+` for the pending synchronizing literal has been sent.
    acknowledged: bool,
    /// Octets of a refused non-synchronizing literal still to throw away.
    discard_octets: u64,
    /// Throw input away up to and including the next CRLF (the tail of a refused command).
    discard_line: bool,
}

impl CommandFramer {
    pub fn push(&mut self, input: &[u8]) {
        let mut input = input;
        if self.discard_octets > 0 {
            let n = (self.discard_octets.min(input.len() as u64)) as usize;
            self.discard_octets -= n as u64;
            input = &input[n..];
        }
        if self.discard_line {
            // The refused command's tail ends at the next LF (its CRLF).
            match input.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    self.discard_line = false;
                    input = &input[i + 1..];
                }
                None => return,
            }
        }
        self.buf.extend_from_slice(input);
    }

    /// The next complete command, or what the server must say before more input can help.
    pub fn next_frame(&mut self) -> Option<Framed> {
        loop {
            let rest = &self.buf[self.scan..];
            let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") else {
                if rest.len() > MAX_LINE_OCTETS {
                    let tag = leading_tag(&self.buf);
                    self.reset();
                    self.discard_line = true;
                    return Some(Framed::LineTooLong { tag });
                }
                return None;
            };
            let line_end = self.scan + eol;
            match literal_header(&self.buf[self.scan..line_end]) {
                Some((length, synchronizing)) => {
                    if length > MAX_LITERAL_OCTETS as u64 {
                        let tag = leading_tag(&self.buf);
                        self.buf.drain(..line_end + 2);
                        self.scan = 0;
                        self.acknowledged = false;
                        if !synchronizing {
                            // RFC 7888 §4: the octets come anyway; skip them and the rest of the command.
                            self.discard_octets = length;
                            self.discard_line = true;
                            let remaining = std::mem::take(&mut self.buf);
                            self.push(&remaining);
                        }
                        return Some(Framed::LiteralTooLarge { tag, length });
                    }
                    let data_start = line_end + 2;
                    let data_end = data_start + length as usize;
                    if self.buf.len() >= data_end {
                        self.scan = data_end;
                        self.acknowledged = false;
                        continue;
                    }
                    if synchronizing && !self.acknowledged {
                        self.acknowledged = true;
                        return Some(Framed::ContinuationNeeded);
                    }
                    return None;
                }
                None => {
                    let command: Vec<u8> = self.buf.drain(..line_end + 2).collect();
                    self.scan = 0;
                    self.acknowledged = false;
                    return Some(Framed::Command(command));
                }
            }
        }
    }

    fn reset(&mut self) {
        self.buf.clear();
        self.scan = 0;
        self.acknowledged = false;
    }
}

/// `{n}` or `{n+}` at the end of a line: the length and whether it is synchronizing (RFC 3501 §9 `literal`).
fn literal_header(line: &[u8]) -> Option<(u64, bool)> {
    let inner = line.strip_suffix(b"}")?;
    let open = inner.iter().rposition(|b| *b == b'{')?;
    let mut digits = &inner[open + 1..];
    let synchronizing = match digits.strip_suffix(b"+") {
        Some(d) => {
            digits = d;
            false
        }
        None => true,
    };
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let length = std::str::from_utf8(digits).ok()?.parse::<u64>().ok()?;
    Some((length, synchronizing))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_with_a_literal_waits_for_its_octets() {
        let mut f = CommandFramer::default();
        f.push(b"a LOGIN {5}\r\n");
        assert_eq!(f.next_frame(), Some(Framed::ContinuationNeeded));
        assert_eq!(f.next_frame(), None);
        f.push(b"alice {10+}\r\nwonder");
        assert_eq!(f.next_frame(), None);
        f.push(b"land\r\nb NOOP\r\n");
        assert_eq!(
            f.next_frame(),
            Some(Framed::Command(
                b"a LOGIN {5}\r\nalice {10+}\r\nwonderland\r\n".to_vec()
            ))
        );
        assert_eq!(
            f.next_frame(),
            Some(Framed::Command(b"b NOOP\r\n".to_vec()))
        );
    }

    #[test]
    fn a_huge_claimed_literal_is_refused_without_allocating() {
        let mut f = CommandFramer::default();
        f.push(b"a APPEND INBOX {99999999999999}\r\nc NOOP\r\n");
        assert!(
            matches!(f.next_frame(), Some(Framed::LiteralTooLarge { tag: Some(t), .. }) if t == "a")
        );
        assert_eq!(
            f.next_frame(),
            Some(Framed::Command(b"c NOOP\r\n".to_vec()))
        );
        f.push(b"d APPEND INBOX {5000000+}\r\n");
        assert!(matches!(
            f.next_frame(),
            Some(Framed::LiteralTooLarge { .. })
        ));
        f.push(&vec![b'x'; 5_000_000]);
        f.push(b" tail\r\ne NOOP\r\n");
        assert_eq!(
            f.next_frame(),
            Some(Framed::Command(b"e NOOP\r\n".to_vec()))
        );
    }
}
