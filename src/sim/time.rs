//! Simulated time. The core never reads a clock: every input carries the `SimTime` at which it happens.

use serde::{Deserialize, Serialize};

/// Milliseconds since the simulation's epoch, [`SimTime::EPOCH_UNIX_SECS`] (Monday 2 March 2026, 09:00 UTC).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);
    /// 2026-03-02T09:00:00Z: a fixed, plausible wall date so that Date headers look real and are reproducible.
    pub const EPOCH_UNIX_SECS: i64 = 1_772_442_000;

    pub const fn from_millis(ms: u64) -> Self {
        SimTime(ms)
    }
    pub const fn from_secs(s: u64) -> Self {
        SimTime(s * 1_000)
    }
    pub const fn from_minutes(m: u64) -> Self {
        SimTime(m * 60_000)
    }
    pub const fn from_days(d: u64) -> Self {
        SimTime(d * 86_400_000)
    }
    pub const fn millis(self) -> u64 {
        self.0
    }
    pub fn saturating_add(self, other: SimTime) -> SimTime {
        SimTime(self.0.saturating_add(other.0))
    }
    pub fn saturating_sub(self, other: SimTime) -> SimTime {
        SimTime(self.0.saturating_sub(other.0))
    }
    /// Whole days elapsed since `earlier` (0 if `earlier` is later).
    pub fn days_since(self, earlier: SimTime) -> u64 {
        self.saturating_sub(earlier).0 / 86_400_000
    }

    fn civil(self) -> CivilTime {
        CivilTime::from_unix(Self::EPOCH_UNIX_SECS + (self.0 / 1_000) as i64)
    }

    /// RFC 5322 §3.3 date-time, e.g. `Mon, 02 Mar 2026 09:00:00 +0000`.
    pub fn rfc5322(self) -> String {
        let c = self.civil();
        format!(
            "{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
            WEEKDAYS[c.weekday],
            c.day,
            MONTHS[c.month - 1],
            c.year,
            c.hour,
            c.minute,
            c.second
        )
    }

    /// RFC 3501 §9 date-time for INTERNALDATE, e.g. `02-Mar-2026 09:00:00 +0000`.
    pub fn imap_date_time(self) -> String {
        let c = self.civil();
        format!(
            "{:02}-{}-{} {:02}:{:02}:{:02} +0000",
            c.day,
            MONTHS[c.month - 1],
            c.year,
            c.hour,
            c.minute,
            c.second
        )
    }

    /// The day of the week, 0 for Monday to 6 for Sunday, for a clock in the reader's language.
    pub fn weekday(self) -> usize {
        self.civil().weekday
    }

    /// A short clock for the UI: weekday and time of day, e.g. `Mon 09:00:05`.
    pub fn clock(self) -> String {
        let c = self.civil();
        format!(
            "{} {:02}:{:02}:{:02}",
            WEEKDAYS[c.weekday], c.hour, c.minute, c.second
        )
    }
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

struct CivilTime {
    year: i64,
    month: usize,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    weekday: usize,
}

impl CivilTime {
    // Howard Hinnant's days-from-civil inverse; exact for the proleptic Gregorian calendar.
    fn from_unix(secs: i64) -> Self {
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as usize;
        let year = yoe + era * 400 + i64::from(month <= 2);
        // 1970-01-01 was a Thursday (index 3 when Monday is 0).
        let weekday = (days + 3).rem_euclid(7) as usize;
        CivilTime {
            year,
            month,
            day,
            hour: (rem / 3_600) as u32,
            minute: (rem % 3_600 / 60) as u32,
            second: (rem % 60) as u32,
            weekday,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_monday_second_of_march_2026() {
        assert_eq!(SimTime::ZERO.rfc5322(), "Mon, 02 Mar 2026 09:00:00 +0000");
        assert_eq!(SimTime::ZERO.imap_date_time(), "02-Mar-2026 09:00:00 +0000");
    }

    #[test]
    fn seven_days_later_is_the_next_monday() {
        let t = SimTime::from_days(7).saturating_add(SimTime::from_secs(61));
        assert_eq!(t.rfc5322(), "Mon, 09 Mar 2026 09:01:01 +0000");
        assert_eq!(t.days_since(SimTime::from_days(2)), 5);
    }
}
