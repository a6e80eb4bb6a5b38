//! Splits the bytes a client sends into lines without ever buffering more than one line's limit: SMTP, POP3
//! and IMAP all read CRLF-terminated lines, and a hostile client may send a line that never ends.

/// One line read from the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// A complete line, without its CRLF (a bare LF also ends a line, as most servers accept).
    Line(Vec<u8>),
    /// A line longer than the limit; its octets were dropped as they arrived. `octets` counts the LF.
    TooLong { octets: usize },
}

/// Buffers partial input until a line ends.
#[derive(Debug, Clone, Default)]
pub struct LineReader {
    pending: Vec<u8>,
    /// Where unread input starts in `pending`; consumed lines are dropped lazily to keep reading O(n).
    start: usize,
    /// Octets of the current over-long line already thrown away.
    discarded: usize,
}

impl LineReader {
    pub fn new() -> Self {
        LineReader::default()
    }

    /// Adds bytes that arrived.
    pub fn push(&mut self, input: &[u8]) {
        if self.start > 0 && self.start * 2 >= self.pending.len() {
            self.pending.drain(..self.start);
            self.start = 0;
        }
        self.pending.extend_from_slice(input);
    }

    /// The next complete line if its length, CRLF included, is at most `max_octets`. Call until `None`
    /// after each [`push`](Self::push): a line that is still too short to judge stays buffered, anything past
    /// the limit is dropped at once, so memory never exceeds one chunk plus `max_octets`.
    pub fn next_line(&mut self, max_octets: usize) -> Option<Incoming> {
        let unread = &self.pending[self.start..];
        match unread.iter().position(|b| *b == b'\n') {
            Some(lf) => {
                let octets = self.discarded + lf + 1;
                let mut line = unread[..lf].to_vec();
                self.start += lf + 1;
                self.discarded = 0;
                // A bare LF line end counts as if it were CRLF, so limits mean the same either way.
                let with_crlf = if line.last() == Some(&b'\r') {
                    octets
                } else {
                    octets + 1
                };
                if with_crlf > max_octets {
                    return Some(Incoming::TooLong { octets });
                }
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                Some(Incoming::Line(line))
            }
            None => {
                if self.discarded + unread.len() > max_octets {
                    self.discarded += unread.len();
                    self.pending.truncate(self.start);
                }
                None
            }
        }
    }

    /// Octets held waiting for a line end (for tests of the memory bound).
    pub fn buffered(&self) -> usize {
        self.pending.len() - self.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(reader: &mut LineReader, max: usize) -> Vec<Incoming> {
        std::iter::from_fn(|| reader.next_line(max)).collect()
    }

    #[test]
    fn lines_split_across_pushes_are_joined() {
        let mut r = LineReader::new();
        r.push(b"US");
        assert!(lines(&mut r, 100).is_empty());
        r.push(b"ER a\r\nPASS b\nST");
        assert_eq!(
            lines(&mut r, 100),
            vec![
                Incoming::Line(b"USER a".to_vec()),
                Incoming::Line(b"PASS b".to_vec())
            ]
        );
        r.push(b"AT\r\n");
        assert_eq!(lines(&mut r, 100), vec![Incoming::Line(b"STAT".to_vec())]);
    }

    #[test]
    fn an_endless_line_is_dropped_not_buffered() {
        let mut r = LineReader::new();
        for _ in 0..100 {
            r.push(&[b'x'; 1024]);
            assert!(lines(&mut r, 1000).is_empty());
            assert!(r.buffered() <= 1024);
        }
        r.push(b"\r\nNOOP\r\n");
        assert_eq!(
            lines(&mut r, 1000),
            vec![
                Incoming::TooLong {
                    octets: 100 * 1024 + 2
                },
                Incoming::Line(b"NOOP".to_vec())
            ]
        );
    }

    #[test]
    fn the_limit_includes_the_crlf() {
        let mut r = LineReader::new();
        r.push(b"abc\r\nabcd\r\nabc\n");
        assert_eq!(
            lines(&mut r, 5),
            vec![
                Incoming::Line(b"abc".to_vec()),
                Incoming::TooLong { octets: 6 },
                Incoming::Line(b"abc".to_vec())
            ]
        );
    }
}
