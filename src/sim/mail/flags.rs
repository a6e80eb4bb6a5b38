//! IMAP flags (RFC 3501 §2.3.2), kept per message in the shared store: the system flags, and keywords by their
//! index in the mailbox's keyword table (`Mailbox::keywords`), as Dovecot keeps them.

use serde::{Deserialize, Serialize};

/// One system flag. `\Recent` is not here: it belongs to an IMAP session, not to the store (RFC 3501 §2.3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Flag {
    Seen,
    Answered,
    Flagged,
    Deleted,
    Draft,
}

impl Flag {
    pub const ALL: [Flag; 5] = [
        Flag::Answered,
        Flag::Flagged,
        Flag::Deleted,
        Flag::Seen,
        Flag::Draft,
    ];

    /// The flag as IMAP spells it, e.g. `\Seen`.
    pub fn imap_name(self) -> &'static str {
        match self {
            Flag::Seen => "\\Seen",
            Flag::Answered => "\\Answered",
            Flag::Flagged => "\\Flagged",
            Flag::Deleted => "\\Deleted",
            Flag::Draft => "\\Draft",
        }
    }

    /// Parses `\Seen` and friends, case-insensitively (RFC 3501 §9: flag names are case-insensitive).
    pub fn from_imap_name(name: &str) -> Option<Flag> {
        Flag::ALL
            .into_iter()
            .find(|f| f.imap_name().eq_ignore_ascii_case(name))
    }

    fn bit(self) -> u64 {
        match self {
            Flag::Seen => 1,
            Flag::Answered => 2,
            Flag::Flagged => 4,
            Flag::Deleted => 8,
            Flag::Draft => 16,
        }
    }
}

/// A set of system flags and keywords: bits 0 to 4 are the system flags, bit 5 + i the mailbox's keyword i.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Flags(u64);

/// The keywords one mailbox can name (the bits left after the system flags).
pub const MAX_KEYWORDS: usize = 64 - KEYWORD_SHIFT;
const KEYWORD_SHIFT: usize = 5;

impl Flags {
    pub const EMPTY: Flags = Flags(0);

    /// With the mailbox's keyword number `index` (below [`MAX_KEYWORDS`]).
    pub fn with_keyword(self, index: usize) -> Flags {
        match 1u64.checked_shl((index + KEYWORD_SHIFT) as u32) {
            Some(bit) if index < MAX_KEYWORDS => Flags(self.0 | bit),
            _ => self,
        }
    }

    /// The numbers of the keywords set, ascending.
    pub fn keywords(self) -> impl Iterator<Item = usize> {
        (0..MAX_KEYWORDS).filter(move |i| self.0 & (1u64 << (i + KEYWORD_SHIFT)) != 0)
    }

    /// Only the system flags (what POP3, the page and the devices deal in).
    pub fn system(self) -> Flags {
        Flags(self.0 & ((1u64 << KEYWORD_SHIFT) - 1))
    }

    pub fn contains(self, flag: Flag) -> bool {
        self.0 & flag.bit() != 0
    }
    pub fn insert(&mut self, flag: Flag) {
        self.0 |= flag.bit();
    }
    pub fn remove(&mut self, flag: Flag) {
        self.0 &= !flag.bit();
    }
    pub fn with(mut self, flag: Flag) -> Flags {
        self.insert(flag);
        self
    }
    pub fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }
    pub fn difference(self, other: Flags) -> Flags {
        Flags(self.0 & !other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = Flag> {
        Flag::ALL.into_iter().filter(move |f| self.contains(*f))
    }
    /// Space-separated IMAP names, e.g. `\Seen \Flagged` (the DOM's `data-flags`).
    pub fn to_imap_list(self) -> String {
        self.iter()
            .map(Flag::imap_name)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl FromIterator<Flag> for Flags {
    fn from_iter<I: IntoIterator<Item = Flag>>(iter: I) -> Self {
        let mut flags = Flags::EMPTY;
        for f in iter {
            flags.insert(f);
        }
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_names_round_trip_case_insensitively() {
        for f in Flag::ALL {
            assert_eq!(Flag::from_imap_name(&f.imap_name().to_uppercase()), Some(f));
        }
        assert_eq!(Flag::from_imap_name("\\Recent"), None);
    }

    #[test]
    fn keywords_sit_beside_the_system_flags_and_can_be_told_apart() {
        let flags = Flags::EMPTY
            .with(Flag::Seen)
            .with_keyword(0)
            .with_keyword(58);
        assert_eq!(flags.keywords().collect::<Vec<_>>(), [0, 58]);
        assert_eq!(flags.system(), Flags::EMPTY.with(Flag::Seen));
        assert_eq!(flags.with_keyword(59), flags, "past the table: ignored");
        assert_eq!(flags.to_imap_list(), "\\Seen");
    }

    #[test]
    fn imap_list_is_in_a_stable_order() {
        let flags: Flags = [Flag::Seen, Flag::Flagged].into_iter().collect();
        assert_eq!(flags.to_imap_list(), "\\Flagged \\Seen");
        assert_eq!(
            flags
                .difference(Flags::EMPTY.with(Flag::Seen))
                .to_imap_list(),
            "\\Flagged"
        );
    }
}
