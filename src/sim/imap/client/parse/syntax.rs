//! The lexical pieces of IMAP responses (RFC 3501 §4, grammar in §9): atoms, numbers, strings and literals,
//! flag lists and sequence sets, read from a byte cursor that never indexes past its input.

use super::{ParseError, Parsed, SetBound, UidSet};

/// How deep parenthesised values may nest before the input counts as invalid (keeps the stack bounded).
pub(super) const MAX_NESTING: usize = 32;

pub(super) fn is_atom_char(b: u8) -> bool {
    // RFC 3501 §9 ATOM-CHAR: no atom-specials.
    b > b' ' && b < 0x7f && !b"(){%*\"\\]".contains(&b)
}

pub(super) fn is_astring_char(b: u8) -> bool {
    is_atom_char(b) || b == b']'
}

/// A flag or capability token: an atom, optionally after `\`, or `\*` (RFC 3501 §9 `flag-perm`).
pub(super) fn is_flag_char(b: u8) -> bool {
    is_atom_char(b) || b == b'\\' || b == b'*'
}

pub(super) fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub(super) struct Cursor<'a> {
    pub(super) input: &'a [u8],
    pub(super) pos: usize,
}

impl<'a> Cursor<'a> {
    pub(super) fn peek(&self) -> Parsed<u8> {
        self.input
            .get(self.pos)
            .copied()
            .ok_or(ParseError::Incomplete)
    }

    pub(super) fn expect(&mut self, byte: u8) -> Parsed<()> {
        if self.peek()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(ParseError::Invalid)
        }
    }

    pub(super) fn eat(&mut self, byte: u8) -> Parsed<bool> {
        let found = self.peek()? == byte;
        if found {
            self.pos += 1;
        }
        Ok(found)
    }

    pub(super) fn sp(&mut self) -> Parsed<()> {
        self.expect(b' ')
    }

    pub(super) fn crlf(&mut self) -> Parsed<()> {
        self.expect(b'\r')?;
        self.expect(b'\n')
    }

    /// The bytes up to the first one `keep` refuses; the input must go on past them.
    pub(super) fn take_while(&mut self, keep: fn(u8) -> bool) -> Parsed<&'a [u8]> {
        let rest = self.input.get(self.pos..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|b| !keep(*b))
            .ok_or(ParseError::Incomplete)?;
        self.pos += len;
        Ok(rest.get(..len).unwrap_or_default())
    }

    pub(super) fn take_nonempty(&mut self, keep: fn(u8) -> bool) -> Parsed<&'a [u8]> {
        let taken = self.take_while(keep)?;
        if taken.is_empty() {
            return Err(ParseError::Invalid);
        }
        Ok(taken)
    }

    pub(super) fn atom(&mut self) -> Parsed<&'a [u8]> {
        self.take_nonempty(is_atom_char)
    }

    pub(super) fn number64(&mut self) -> Parsed<u64> {
        let digits = self.take_nonempty(|b| b.is_ascii_digit())?;
        digits.iter().try_fold(0u64, |n, d| {
            n.checked_mul(10)
                .and_then(|n| n.checked_add(u64::from(d - b'0')))
                .ok_or(ParseError::Invalid)
        })
    }

    /// RFC 3501 §9 `number`: fits in 32 bits.
    pub(super) fn number(&mut self) -> Parsed<u32> {
        u32::try_from(self.number64()?).map_err(|_| ParseError::Invalid)
    }

    /// RFC 3501 §9 `nz-number`.
    pub(super) fn nz_number(&mut self) -> Parsed<u32> {
        match self.number()? {
            0 => Err(ParseError::Invalid),
            n => Ok(n),
        }
    }

    /// The rest of the line and its CRLF (RFC 3501 §9 `text`: any bytes but CR and LF).
    pub(super) fn text_line(&mut self) -> Parsed<String> {
        let text = self.take_while(|b| b != b'\r' && b != b'\n')?;
        self.crlf()?;
        Ok(text_of(text))
    }

    /// RFC 3501 §4.3: `{n}` CRLF and exactly n octets, which may hold CRLFs.
    pub(super) fn literal(&mut self) -> Parsed<&'a [u8]> {
        self.expect(b'{')?;
        let len = self.number()? as usize;
        self.expect(b'}')?;
        self.crlf()?;
        let end = self.pos.checked_add(len).ok_or(ParseError::Invalid)?;
        let octets = self
            .input
            .get(self.pos..end)
            .ok_or(ParseError::Incomplete)?;
        self.pos = end;
        Ok(octets)
    }

    /// RFC 3501 §4.3 quoted string: `\` escapes `"` and `\`.
    pub(super) fn quoted(&mut self) -> Parsed<Vec<u8>> {
        self.expect(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.peek()? {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.pos += 1;
                    match self.peek()? {
                        b @ (b'"' | b'\\') => out.push(b),
                        _ => return Err(ParseError::Invalid),
                    }
                }
                b'\r' | b'\n' => return Err(ParseError::Invalid),
                b => out.push(b),
            }
            self.pos += 1;
        }
    }

    pub(super) fn string(&mut self) -> Parsed<Vec<u8>> {
        match self.peek()? {
            b'{' => Ok(self.literal()?.to_vec()),
            _ => self.quoted(),
        }
    }

    /// RFC 3501 §9 `nstring`: a string or NIL.
    pub(super) fn nstring(&mut self) -> Parsed<Option<Vec<u8>>> {
        match self.peek()? {
            b'{' | b'"' => self.string().map(Some),
            _ if self.atom()?.eq_ignore_ascii_case(b"NIL") => Ok(None),
            _ => Err(ParseError::Invalid),
        }
    }

    /// RFC 3501 §9 `astring`.
    pub(super) fn astring(&mut self) -> Parsed<Vec<u8>> {
        match self.peek()? {
            b'{' | b'"' => self.string(),
            _ => Ok(self.take_nonempty(is_astring_char)?.to_vec()),
        }
    }

    /// Space-separated tokens up to the line end, e.g. capabilities (RFC 3501 §7.2.1).
    pub(super) fn tokens_to_line_end(&mut self) -> Parsed<Vec<String>> {
        let mut tokens = Vec::new();
        while self.eat(b' ')? {
            // A trailing space is tolerated: some servers send one.
            if self.peek()? != b'\r' {
                tokens.push(text_of(self.take_nonempty(is_flag_char)?));
            }
        }
        self.crlf()?;
        Ok(tokens)
    }

    /// `(\Seen \Answered)`: a parenthesised list of flags or attributes (RFC 3501 §9 `flag-list`).
    pub(super) fn flag_list(&mut self) -> Parsed<Vec<String>> {
        self.expect(b'(')?;
        let mut flags = Vec::new();
        if self.eat(b')')? {
            return Ok(flags);
        }
        loop {
            flags.push(text_of(self.take_nonempty(is_flag_char)?));
            if self.eat(b')')? {
                return Ok(flags);
            }
            self.sp()?;
        }
    }

    /// RFC 3501 §9 `sequence-set`, as in VANISHED (RFC 7162 §3.2.10) and COPYUID/APPENDUID (RFC 4315 §3).
    pub(super) fn uid_set(&mut self) -> Parsed<UidSet> {
        let mut ranges = Vec::new();
        loop {
            let low = self.set_bound()?;
            let high = if self.eat(b':')? {
                self.set_bound()?
            } else {
                low
            };
            ranges.push((low, high));
            if !self.eat(b',')? {
                return Ok(UidSet(ranges));
            }
        }
    }

    pub(super) fn set_bound(&mut self) -> Parsed<SetBound> {
        if self.eat(b'*')? {
            Ok(SetBound::Star)
        } else {
            self.nz_number().map(SetBound::Number)
        }
    }

    /// Skips one value of a FETCH item the client does not use: a string, NIL, number or nested list.
    pub(super) fn skip_value(&mut self, depth: usize) -> Parsed<()> {
        match self.peek()? {
            b'"' | b'{' => self.string().map(drop),
            b'(' if depth < MAX_NESTING => {
                self.pos += 1;
                if self.eat(b')')? {
                    return Ok(());
                }
                loop {
                    self.skip_value(depth + 1)?;
                    if self.eat(b')')? {
                        return Ok(());
                    }
                    self.sp()?;
                }
            }
            _ => self.take_nonempty(is_flag_char).map(drop),
        }
    }
}
