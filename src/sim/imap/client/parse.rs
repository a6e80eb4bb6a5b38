//! The server responses the client reads, parsed by hand (RFC 3501 §7, grammar in §9): only what the client
//! consumes, so the page does not carry a whole response grammar. Any input is safe: a response is either
//! whole, still arriving, or invalid.

mod syntax;

use syntax::{is_atom_char, is_flag_char, text_of, Cursor};

/// Why no response could be taken from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    /// The input is the start of a response; more bytes (a line end, a literal's octets) must come.
    Incomplete,
    /// The input cannot be the start of any response this parser knows.
    Invalid,
}

type Parsed<T> = Result<T, ParseError>;

/// One server response (RFC 3501 §7).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// `+ text`: the server waits for more from the client (RFC 3501 §7.5).
    Continue(String),
    /// A status response, tagged or untagged (RFC 3501 §7.1).
    Status(Status),
    /// Untagged data (RFC 3501 §7.2–§7.4, RFC 5161 §4, RFC 7162 §3.2.10).
    Data(Data),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    Ok,
    No,
    Bad,
    Bye,
    PreAuth,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    /// None for an untagged (`*`) status.
    pub tag: Option<String>,
    pub kind: StatusKind,
    pub code: Option<Code>,
    pub text: String,
}

/// A response code in brackets (RFC 3501 §7.1, RFC 4315 §3, RFC 7162 §3.1.2.1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Code {
    Capability(Vec<String>),
    UidValidity(u32),
    UidNext(u32),
    HighestModSeq(u64),
    Unseen(u32),
    PermanentFlags(Vec<String>),
    ReadWrite,
    ReadOnly,
    AppendUid {
        uid_validity: u32,
        uids: UidSet,
    },
    CopyUid {
        uid_validity: u32,
        source: UidSet,
        destination: UidSet,
    },
    Closed,
    /// Any other code, or a known one whose arguments did not parse: its text between the brackets.
    Other(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Capability(Vec<String>),
    Enabled(Vec<String>),
    List(ListedMailbox),
    Lsub(ListedMailbox),
    Exists(u32),
    Recent(u32),
    Expunge(u32),
    Vanished {
        earlier: bool,
        uids: UidSet,
    },
    Flags(Vec<String>),
    Search(Vec<u32>),
    Status {
        mailbox: String,
        items: Vec<(String, u64)>,
    },
    Fetch {
        seq: u32,
        items: Vec<FetchItem>,
    },
}

/// One line of a LIST or LSUB answer (RFC 3501 §7.2.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedMailbox {
    pub attributes: Vec<String>,
    pub delimiter: Option<String>,
    /// `INBOX` for every spelling of it (RFC 3501 §5.1).
    pub name: String,
}

/// The data items of a FETCH answer the client uses; others are skipped (RFC 3501 §7.4.2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchItem {
    Uid(u32),
    Flags(Vec<String>),
    ModSeq(u64),
    Rfc822Size(u32),
    /// `BODY[]` or `RFC822`: the whole message, None for NIL.
    Text(Option<String>),
}

/// A UID set as sent (RFC 3501 §9 `sequence-set`); `*` is kept, to be read against the mailbox later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UidSet(pub Vec<(SetBound, SetBound)>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetBound {
    Number(u32),
    Star,
}

impl UidSet {
    /// The ranges as inclusive `(low, high)` pairs, with `*` read as `star`.
    pub fn ranges(&self, star: u32) -> Vec<(u32, u32)> {
        let value = |b: SetBound| match b {
            SetBound::Number(n) => n,
            SetBound::Star => star,
        };
        self.0
            .iter()
            .map(|&(a, b)| (value(a).min(value(b)), value(a).max(value(b))))
            .collect()
    }
}

/// Reads one response from the start of `input`: the response and how many bytes it took.
pub fn parse_response(input: &[u8]) -> Parsed<(Response, usize)> {
    let mut cursor = Cursor { input, pos: 0 };
    let response = cursor.response()?;
    Ok((response, cursor.pos))
}

impl Cursor<'_> {
    fn response(&mut self) -> Parsed<Response> {
        match self.peek()? {
            b'+' => {
                self.pos += 1;
                // RFC 3501 §7.5: `+ text`; a bare `+` is tolerated.
                if self.peek()? == b' ' {
                    self.pos += 1;
                }
                Ok(Response::Continue(self.text_line()?))
            }
            b'*' => {
                self.pos += 1;
                self.sp()?;
                self.untagged()
            }
            _ => {
                let tag = self.take_nonempty(|b| is_atom_char(b) && b != b'+')?;
                self.sp()?;
                let kind = match self.status_kind()? {
                    kind @ (StatusKind::Ok | StatusKind::No | StatusKind::Bad) => kind,
                    StatusKind::Bye | StatusKind::PreAuth => return Err(ParseError::Invalid),
                };
                self.status(Some(text_of(tag)), kind).map(Response::Status)
            }
        }
    }

    fn status_kind(&mut self) -> Parsed<StatusKind> {
        let word = self.atom()?.to_ascii_uppercase();
        Ok(match word.as_slice() {
            b"OK" => StatusKind::Ok,
            b"NO" => StatusKind::No,
            b"BAD" => StatusKind::Bad,
            b"BYE" => StatusKind::Bye,
            b"PREAUTH" => StatusKind::PreAuth,
            _ => return Err(ParseError::Invalid),
        })
    }

    /// RFC 3501 §9 `resp-text`: an optional `[code]`, then text (an empty text is tolerated).
    fn status(&mut self, tag: Option<String>, kind: StatusKind) -> Parsed<Status> {
        let mut code = None;
        if self.eat(b' ')? && self.eat(b'[')? {
            let inside = self.take_while(|b| b != b']' && b != b'\r' && b != b'\n')?;
            self.expect(b']')?;
            code = Some(parse_code(inside));
            self.eat(b' ')?;
        }
        let text = self.text_line()?;
        Ok(Status {
            tag,
            kind,
            code,
            text,
        })
    }

    /// Everything after `* ` (RFC 3501 §7.1–§7.4).
    fn untagged(&mut self) -> Parsed<Response> {
        if self.peek()?.is_ascii_digit() {
            let n = self.number()?;
            self.sp()?;
            let word = self.atom()?.to_ascii_uppercase();
            let data = match word.as_slice() {
                b"EXISTS" => Data::Exists(n),
                b"RECENT" => Data::Recent(n),
                b"EXPUNGE" if n != 0 => Data::Expunge(n),
                b"FETCH" if n != 0 => {
                    self.sp()?;
                    let items = self.fetch_items()?;
                    Data::Fetch { seq: n, items }
                }
                _ => return Err(ParseError::Invalid),
            };
            self.crlf()?;
            return Ok(Response::Data(data));
        }
        let start = self.pos;
        let word = self.atom()?.to_ascii_uppercase();
        let data = match word.as_slice() {
            b"OK" | b"NO" | b"BAD" | b"BYE" | b"PREAUTH" => {
                self.pos = start;
                let kind = self.status_kind()?;
                return self.status(None, kind).map(Response::Status);
            }
            b"CAPABILITY" => Data::Capability(self.tokens_to_line_end()?),
            b"ENABLED" => Data::Enabled(self.tokens_to_line_end()?),
            b"LIST" | b"LSUB" => {
                self.sp()?;
                let listed = self.listed_mailbox()?;
                self.crlf()?;
                if word == b"LIST" {
                    Data::List(listed)
                } else {
                    Data::Lsub(listed)
                }
            }
            b"VANISHED" => {
                self.sp()?;
                // RFC 7162 §3.2.10: `(EARLIER)` marks UIDs expunged before this session learnt of them.
                let earlier = self.peek()? == b'(';
                if earlier {
                    let tag = self.flag_list()?;
                    if !matches!(tag.as_slice(), [t] if t.eq_ignore_ascii_case("EARLIER")) {
                        return Err(ParseError::Invalid);
                    }
                    self.sp()?;
                }
                let uids = self.uid_set()?;
                self.crlf()?;
                Data::Vanished { earlier, uids }
            }
            b"FLAGS" => {
                self.sp()?;
                let flags = self.flag_list()?;
                self.crlf()?;
                Data::Flags(flags)
            }
            b"SEARCH" => {
                let mut numbers = Vec::new();
                while self.eat(b' ')? {
                    match self.peek()? {
                        // RFC 7162 §3.1.5: `(MODSEQ n)` may close a SEARCH answer.
                        b'(' => self.skip_value(0)?,
                        b'\r' => {}
                        _ => numbers.push(self.nz_number()?),
                    }
                }
                self.crlf()?;
                Data::Search(numbers)
            }
            b"STATUS" => {
                self.sp()?;
                let mailbox = mailbox_name(&self.astring()?);
                self.sp()?;
                self.expect(b'(')?;
                let mut items = Vec::new();
                if !self.eat(b')')? {
                    loop {
                        let name = text_of(self.atom()?).to_ascii_uppercase();
                        self.sp()?;
                        items.push((name, self.number64()?));
                        if self.eat(b')')? {
                            break;
                        }
                        self.sp()?;
                    }
                }
                self.eat(b' ')?;
                self.crlf()?;
                Data::Status { mailbox, items }
            }
            _ => return Err(ParseError::Invalid),
        };
        Ok(Response::Data(data))
    }

    /// `(\HasNoChildren) "/" name` (RFC 3501 §7.2.2): the delimiter is a quoted character or NIL.
    fn listed_mailbox(&mut self) -> Parsed<ListedMailbox> {
        let attributes = self.flag_list()?;
        self.sp()?;
        let delimiter = self.nstring()?.map(|d| text_of(&d));
        self.sp()?;
        let name = mailbox_name(&self.astring()?);
        Ok(ListedMailbox {
            attributes,
            delimiter,
            name,
        })
    }

    /// `(UID 4 FLAGS (\Seen) BODY[] {12}...)`: the items of one FETCH answer (RFC 3501 §7.4.2).
    fn fetch_items(&mut self) -> Parsed<Vec<FetchItem>> {
        self.expect(b'(')?;
        let mut items = Vec::new();
        if self.eat(b')')? {
            return Ok(items);
        }
        loop {
            let name = self.fetch_item_name()?.to_ascii_uppercase();
            self.sp()?;
            match name.as_slice() {
                b"UID" => items.push(FetchItem::Uid(self.nz_number()?)),
                b"FLAGS" => items.push(FetchItem::Flags(self.flag_list()?)),
                b"MODSEQ" => {
                    // RFC 7162 §3.1.4.1: `MODSEQ (n)`.
                    self.expect(b'(')?;
                    items.push(FetchItem::ModSeq(self.number64()?));
                    self.expect(b')')?;
                }
                b"RFC822.SIZE" => items.push(FetchItem::Rfc822Size(self.number()?)),
                b"BODY[]" | b"RFC822" => {
                    let text = self.nstring()?.map(|t| text_of(&t));
                    items.push(FetchItem::Text(text));
                }
                _ => self.skip_value(0)?,
            }
            if self.eat(b')')? {
                return Ok(items);
            }
            self.sp()?;
        }
    }

    /// A FETCH item's name with its section and origin, e.g. `BODY[HEADER.FIELDS (FROM)]<0>`.
    fn fetch_item_name(&mut self) -> Parsed<Vec<u8>> {
        let start = self.pos;
        self.take_nonempty(|b| is_atom_char(b) && b != b'[' && b != b'<')?;
        if self.eat(b'[')? {
            self.take_while(|b| b != b']' && b != b'\r' && b != b'\n')?;
            self.expect(b']')?;
        }
        if self.eat(b'<')? {
            self.number()?;
            self.expect(b'>')?;
        }
        Ok(self.input.get(start..self.pos).unwrap_or_default().to_vec())
    }
}

/// A mailbox name as text, `INBOX` for every spelling of it (RFC 3501 §5.1).
fn mailbox_name(bytes: &[u8]) -> String {
    if bytes.eq_ignore_ascii_case(b"INBOX") {
        "INBOX".to_string()
    } else {
        text_of(bytes)
    }
}

/// The text between a status's brackets (RFC 3501 §7.1); unknown or malformed codes are kept as text.
fn parse_code(inside: &[u8]) -> Code {
    // The code's text ends at the bracket: a sentinel byte lets "ran out" mean "ended here".
    let terminated: Vec<u8> = inside.iter().copied().chain([b']']).collect();
    let mut cursor = Cursor {
        input: &terminated,
        pos: 0,
    };
    cursor
        .code()
        .ok()
        .filter(|_| cursor.peek() == Ok(b']'))
        .unwrap_or_else(|| Code::Other(text_of(inside)))
}

impl Cursor<'_> {
    fn code(&mut self) -> Parsed<Code> {
        let word = self.atom()?.to_ascii_uppercase();
        Ok(match word.as_slice() {
            b"CAPABILITY" => {
                let mut capabilities = Vec::new();
                while self.eat(b' ')? {
                    capabilities.push(text_of(self.take_nonempty(is_flag_char)?));
                }
                Code::Capability(capabilities)
            }
            b"UIDVALIDITY" => {
                self.sp()?;
                Code::UidValidity(self.nz_number()?)
            }
            b"UIDNEXT" => {
                self.sp()?;
                Code::UidNext(self.nz_number()?)
            }
            b"HIGHESTMODSEQ" => {
                self.sp()?;
                match self.number64()? {
                    0 => return Err(ParseError::Invalid),
                    n => Code::HighestModSeq(n),
                }
            }
            b"UNSEEN" => {
                self.sp()?;
                Code::Unseen(self.nz_number()?)
            }
            b"PERMANENTFLAGS" => {
                self.sp()?;
                Code::PermanentFlags(self.flag_list()?)
            }
            b"READ-WRITE" => Code::ReadWrite,
            b"READ-ONLY" => Code::ReadOnly,
            b"APPENDUID" => {
                self.sp()?;
                let uid_validity = self.nz_number()?;
                self.sp()?;
                Code::AppendUid {
                    uid_validity,
                    uids: self.uid_set()?,
                }
            }
            b"COPYUID" => {
                self.sp()?;
                let uid_validity = self.nz_number()?;
                self.sp()?;
                let source = self.uid_set()?;
                self.sp()?;
                Code::CopyUid {
                    uid_validity,
                    source,
                    destination: self.uid_set()?,
                }
            }
            b"CLOSED" => Code::Closed,
            _ => return Err(ParseError::Invalid),
        })
    }
}

#[cfg(test)]
mod tests;
