//! Sequence sets (RFC 3501 §9 `sequence-set`): resolving them against a session's view, and writing UID sets
//! compactly (`1:3,7`) for COPYUID, APPENDUID and VANISHED.

use imap_codec::imap_types::sequence::{SeqOrUid, Sequence, SequenceSet};

/// Why a sequence set cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SequenceError {
    /// A message sequence number beyond the mailbox's size (RFC 3501 §9: only UIDs may name absent messages).
    NoSuchMessage(u32),
}

impl std::fmt::Display for SequenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SequenceError::NoSuchMessage(n) => write!(f, "Invalid messageset: no message {n}"),
        }
    }
}

fn value(v: &SeqOrUid, star: u32) -> u32 {
    match v {
        SeqOrUid::Value(n) => n.get(),
        SeqOrUid::Asterisk => star,
    }
}

/// The ranges of a set as inclusive `(low, high)` pairs, with `*` read as `star`.
pub fn ranges(set: &SequenceSet, star: u32) -> Vec<(u32, u32)> {
    set.0
        .as_ref()
        .iter()
        .map(|seq| match seq {
            Sequence::Single(v) => {
                let n = value(v, star);
                (n, n)
            }
            Sequence::Range(a, b) => {
                let (a, b) = (value(a, star), value(b, star));
                (a.min(b), a.max(b))
            }
        })
        .collect()
}

/// Indexes (sequence number − 1) into `uids` that a sequence set names, ascending.
/// With `by_uid`, numbers are UIDs and absent ones are ignored (RFC 3501 §6.4.8); otherwise they are
/// sequence numbers, and one past the end is an error.
pub fn resolve(set: &SequenceSet, uids: &[u32], by_uid: bool) -> Result<Vec<usize>, SequenceError> {
    if by_uid {
        let star = uids.last().copied().unwrap_or(0);
        let ranges = ranges(set, star);
        Ok(uids
            .iter()
            .enumerate()
            .filter(|(_, uid)| ranges.iter().any(|(lo, hi)| (*lo..=*hi).contains(*uid)))
            .map(|(i, _)| i)
            .collect())
    } else {
        let len = uids.len() as u32;
        let ranges = ranges(set, len);
        if let Some((_, hi)) = ranges.iter().find(|(_, hi)| *hi > len || *hi == 0) {
            return Err(SequenceError::NoSuchMessage(*hi));
        }
        let mut selected = vec![false; uids.len()];
        for (lo, hi) in ranges {
            for n in lo..=hi {
                selected[(n - 1) as usize] = true;
            }
        }
        Ok(selected
            .iter()
            .enumerate()
            .filter(|(_, s)| **s)
            .map(|(i, _)| i)
            .collect())
    }
}

/// True if `uid` is in the set (`*` read as `star`).
pub fn contains(set: &SequenceSet, uid: u32, star: u32) -> bool {
    ranges(set, star)
        .iter()
        .any(|(lo, hi)| (*lo..=*hi).contains(&uid))
}

/// Ascending numbers written as a compact set, e.g. `[1,2,3,7]` → `1:3,7` (RFC 3501 §9 `sequence-set`).
pub fn compact(numbers: &[u32]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}:{end}")
        });
        i += 1;
    }
    parts.join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str) -> SequenceSet {
        SequenceSet::try_from(text).expect("valid set")
    }

    #[test]
    fn uid_ranges_ignore_absent_uids_and_star_is_the_last_uid() {
        let uids = [3, 5, 9];
        assert_eq!(resolve(&set("4:*"), &uids, true), Ok(vec![1, 2]));
        assert_eq!(resolve(&set("100:*"), &uids, true), Ok(vec![2]));
        assert_eq!(resolve(&set("1,2"), &uids, true), Ok(vec![]));
    }

    #[test]
    fn sequence_numbers_past_the_end_are_an_error() {
        let uids = [3, 5, 9];
        assert_eq!(resolve(&set("2:*"), &uids, false), Ok(vec![1, 2]));
        assert_eq!(
            resolve(&set("4"), &uids, false),
            Err(SequenceError::NoSuchMessage(4))
        );
    }

    #[test]
    fn sets_are_written_compactly() {
        assert_eq!(compact(&[7, 1, 2, 3]), "1:3,7");
        assert_eq!(compact(&[]), "");
    }
}
