//! The two names of a case: [`CaseNo`] for staff, ordered and readable, and [`TrackingCode`]
//! for the citizen, random so that nobody can read someone else's case by counting.

use super::CaseError;
use crate::appointment::CODE_ALPHABET;
use crate::ticket::ServiceDay;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// 办件编号: the hall's service day and a per-day sequence, `YYYYMMDD-NNNNN`. The sequence is
/// padded to five digits and grows past 99999 unpadded, like ticket numbers do past 999.
///
/// Consecutive numbers reveal how many cases a day has; that is no secret. What a number
/// must not do is open the case to the public: that is the [`TrackingCode`]'s job.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CaseNo {
    // Field order gives the derived ordering: by day, then sequence.
    day: ServiceDay,
    seq: u32,
    text: String,
}

impl CaseNo {
    pub fn new(day: ServiceDay, seq: u32) -> Result<Self, CaseError> {
        if seq == 0 {
            return Err(CaseError::CaseSeqZero);
        }
        let date = day.date();
        // Four digits of year keep the text fixed-width and parseable.
        if !(1..=9999).contains(&date.year()) {
            return Err(CaseError::CaseNoYear);
        }
        let text = format!(
            "{:04}{:02}{:02}-{seq:05}",
            date.year(),
            date.month(),
            date.day()
        );
        Ok(Self { day, seq, text })
    }

    /// Accepts exactly what [`fmt::Display`] writes (surrounding spaces aside).
    pub fn parse(s: &str) -> Result<Self, CaseError> {
        let t = s.trim();
        let bad = || CaseError::InvalidCaseNo(t.to_string());
        let (date, seq) = t.split_once('-').ok_or_else(bad)?;
        let all_digits = |x: &str| x.bytes().all(|b| b.is_ascii_digit());
        if date.len() != 8 || !all_digits(date) || seq.len() < 5 || !all_digits(seq) {
            return Err(bad());
        }
        // 100000 is written without padding, so "012345" has no canonical meaning.
        if seq.len() > 5 && seq.starts_with('0') {
            return Err(bad());
        }
        let n = |r: std::ops::Range<usize>| date[r].parse::<u32>().expect("ascii digits");
        let date = NaiveDate::from_ymd_opt(n(0..4) as i32, n(4..6), n(6..8)).ok_or_else(bad)?;
        let seq: u32 = seq.parse().map_err(|_| bad())?;
        Self::new(ServiceDay::from_date(date), seq).map_err(|_| bad())
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn day(&self) -> ServiceDay {
        self.day
    }

    pub fn seq(&self) -> u32 {
        self.seq
    }
}

impl fmt::Display for CaseNo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl TryFrom<String> for CaseNo {
    type Error = CaseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CaseNo> for String {
    fn from(n: CaseNo) -> Self {
        n.text
    }
}

/// 查询码: what the citizen gets on the receipt and types (or scans) to follow the case.
///
/// 16 characters from the 31 of [`CODE_ALPHABET`] (digits and capitals without the look-alikes
/// 0/O and 1/I/L) carry 31¹⁶ ≈ 2⁷⁹ possibilities, so guessing one that exists is hopeless even
/// with millions of cases. Input is forgiving: lower case, spaces and hyphens (as printed in
/// groups of four) are accepted.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TrackingCode(String);

impl TrackingCode {
    pub const LEN: usize = 16;

    /// A fresh code. Pass a cryptographically secure generator (`rand::rngs::OsRng` or
    /// `rand::thread_rng()`) in the server; tests pass a seeded one.
    pub fn generate(rng: &mut impl rand::Rng) -> Self {
        let code = (0..Self::LEN)
            .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
            .collect();
        Self(code)
    }

    pub fn parse(s: &str) -> Result<Self, CaseError> {
        let code: String = s
            .trim()
            .chars()
            .filter(|&c| c != ' ' && c != '-')
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let ok = code.len() == Self::LEN && code.bytes().all(|b| CODE_ALPHABET.contains(&b));
        if !ok {
            return Err(CaseError::InvalidTrackingCode);
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// In groups of four for print, `ABCD-EFGH-JKMN-PQRS`; [`Self::parse`] reads it back.
    pub fn grouped(&self) -> String {
        let b = self.0.as_bytes();
        b.chunks(4)
            .map(|c| std::str::from_utf8(c).expect("ascii"))
            .collect::<Vec<_>>()
            .join("-")
    }
}

impl fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Shows only the first four characters, so logs of a case never hand out its key.
impl fmt::Debug for TrackingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TrackingCode(\"{}************\")", &self.0[..4])
    }
}

impl TryFrom<String> for TrackingCode {
    type Error = CaseError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<TrackingCode> for String {
    fn from(c: TrackingCode) -> Self {
        c.0
    }
}

#[cfg(test)]
mod tests;
