//! 居民身份证号码 (GB 11643-1999): [`IdNumber`] and its check character.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdNumberError {
    #[error("身份证号码须为18位：前17位为数字，末位为数字或X（收到{0}个字符）")]
    Format(usize),
    #[error("身份证号码前6位地区码不正确")]
    Area,
    #[error("身份证号码中的出生日期不正确")]
    BirthDate,
    #[error("身份证号码校验位不正确，请核对号码")]
    Checksum,
}

/// ISO 7064 MOD 11-2 weights, 2^(17-i) mod 11.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// Check character by the weighted sum mod 11.
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

/// The check character (0–9 or X) of a resident ID number, per ISO 7064 MOD 11-2.
///
/// # Panics
/// If `first17` is not exactly 17 ASCII digits.
pub fn id_check_char(first17: &str) -> char {
    try_id_check_char(first17.as_bytes())
        .unwrap_or_else(|| panic!("id_check_char 需要17位数字，收到“{first17}”"))
}

fn try_id_check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 || !first17.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let sum: u32 = first17
        .iter()
        .zip(ID_WEIGHTS)
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    Some(ID_CHECK[(sum % 11) as usize])
}

/// An 18-character resident ID number (居民身份证号码): 6-digit area code, 8-digit birth date,
/// 3-digit sequence (odd for men) and a check character. The check letter is always `X`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IdNumber {
    number: String,
    birth: NaiveDate,
}

impl IdNumber {
    /// The earliest birth year accepted.
    pub const MIN_BIRTH_YEAR: i32 = 1900;

    pub fn parse(s: &str) -> Result<Self, IdNumberError> {
        let t = s.trim();
        let b = t.as_bytes();
        let well_formed = b.len() == 18
            && b[..17].iter().all(u8::is_ascii_digit)
            && (b[17].is_ascii_digit() || b[17] == b'X' || b[17] == b'x');
        if !well_formed {
            return Err(IdNumberError::Format(t.chars().count()));
        }
        if !(b'1'..=b'8').contains(&b[0]) {
            return Err(IdNumberError::Area);
        }
        let digits = |r: std::ops::Range<usize>| -> u32 {
            b[r].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
        };
        let year = digits(6..10) as i32;
        let birth = NaiveDate::from_ymd_opt(year, digits(10..12), digits(12..14))
            .filter(|_| year >= Self::MIN_BIRTH_YEAR)
            .ok_or(IdNumberError::BirthDate)?;
        let check = b[17].to_ascii_uppercase() as char;
        if try_id_check_char(&b[..17]) != Some(check) {
            return Err(IdNumberError::Checksum);
        }
        Ok(Self {
            number: t.to_ascii_uppercase(),
            birth,
        })
    }

    pub fn as_str(&self) -> &str {
        &self.number
    }

    /// 地址码: the 6-digit administrative area code where the number was issued.
    pub fn area_code(&self) -> &str {
        &self.number[..6]
    }

    pub fn birth_date(&self) -> NaiveDate {
        self.birth
    }

    /// Age in full years on `date` (周岁); 0 if `date` is before the birth date.
    /// Someone born on 29 February turns a year older on 1 March in common years.
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        let b = self.birth;
        let mut years = date.year() - b.year();
        if (date.month(), date.day()) < (b.month(), b.day()) {
            years -= 1;
        }
        u32::try_from(years).unwrap_or(0)
    }

    /// 顺序码: the 3-digit sequence after the birth date.
    pub fn sequence(&self) -> u16 {
        self.number[14..17].parse().expect("checked by parse")
    }

    /// The sequence's last digit is odd for men and even for women.
    pub fn is_male(&self) -> bool {
        self.sequence() % 2 == 1
    }

    pub fn check_char(&self) -> char {
        self.number.as_bytes()[17] as char
    }

    /// First 6 and last 4 characters visible: `110105********002X`.
    pub fn masked(&self) -> String {
        crate::privacy::mask_id_number(&self.number)
    }
}

impl TryFrom<String> for IdNumber {
    type Error = IdNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<IdNumber> for String {
    fn from(n: IdNumber) -> Self {
        n.number
    }
}

impl fmt::Display for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)
    }
}

impl fmt::Debug for IdNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("IdNumber").field(&self.masked()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn classic_sample_id_parses() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.area_code(), "110105");
        assert_eq!(id.birth_date(), date(1949, 12, 31));
        assert_eq!(id.sequence(), 2);
        assert!(!id.is_male());
        assert_eq!(id.check_char(), 'X');
        assert_eq!(id.masked(), "110105********002X");
        assert_eq!(id.to_string(), "11010519491231002X");
        assert_eq!(id_check_char("11010519491231002"), 'X');
    }

    #[test]
    fn lower_case_x_and_spaces_are_normalised() {
        let id = IdNumber::parse("  11010519491231002x ").unwrap();
        assert_eq!(id.as_str(), "11010519491231002X");
        assert_eq!(id, IdNumber::parse("11010519491231002X").unwrap());
    }

    #[test]
    fn computed_samples_parse() {
        // 吉林市高新区 (220271), a man born 1985-06-15 and a woman born on a leap day.
        for first17 in [
            "22027119850615123",
            "22020220000229004",
            "44030419900101001",
        ] {
            let s = format!("{first17}{}", id_check_char(first17));
            let id = IdNumber::parse(&s).unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(id.as_str(), s);
        }
        let man = IdNumber::parse(&format!(
            "22027119850615123{}",
            id_check_char("22027119850615123")
        ))
        .unwrap();
        assert!(man.is_male());
        assert_eq!(man.sequence(), 123);
        assert_eq!(man.birth_date(), date(1985, 6, 15));
    }

    #[test]
    fn id_errors_are_distinct() {
        assert_eq!(IdNumber::parse(""), Err(IdNumberError::Format(0)));
        assert_eq!(
            IdNumber::parse("110105194912310"),
            Err(IdNumberError::Format(15))
        );
        assert_eq!(
            IdNumber::parse("11010519491231002Y"),
            Err(IdNumberError::Format(18))
        );
        assert_eq!(
            IdNumber::parse("1101051949123100X2"),
            Err(IdNumberError::Format(18))
        );
        assert_eq!(
            IdNumber::parse("１１010519491231002X"),
            Err(IdNumberError::Format(18))
        );
        assert_eq!(
            IdNumber::parse("11010519491231002X1"),
            Err(IdNumberError::Format(19))
        );
        let with = |first17: &str| format!("{first17}{}", id_check_char(first17));
        assert_eq!(
            IdNumber::parse(&with("01010519491231002")),
            Err(IdNumberError::Area)
        );
        assert_eq!(
            IdNumber::parse(&with("91010519491231002")),
            Err(IdNumberError::Area)
        );
        assert_eq!(
            IdNumber::parse(&with("11010519490231002")),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse(&with("11010519491301002")),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse(&with("11010519010229002")),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse(&with("11010518991231002")),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse(&with("11010519490100002")),
            Err(IdNumberError::BirthDate)
        );
        assert_eq!(
            IdNumber::parse("110105194912310021"),
            Err(IdNumberError::Checksum)
        );
        assert_eq!(
            IdNumberError::Checksum.to_string(),
            "身份证号码校验位不正确，请核对号码"
        );
    }

    #[test]
    fn id_errors_do_not_repeat_the_number() {
        let e = IdNumber::parse("110105194912310021")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("1101051949"), "{e}");
    }

    #[test]
    fn age_counts_full_years() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(id.age_on(date(1949, 12, 31)), 0);
        assert_eq!(id.age_on(date(2019, 12, 30)), 69);
        assert_eq!(id.age_on(date(2019, 12, 31)), 70);
        assert_eq!(id.age_on(date(1900, 1, 1)), 0);
        let leap = IdNumber::parse(&format!(
            "22020220000229004{}",
            id_check_char("22020220000229004")
        ))
        .unwrap();
        assert_eq!(leap.age_on(date(2001, 2, 28)), 0);
        assert_eq!(leap.age_on(date(2001, 3, 1)), 1);
        assert_eq!(leap.age_on(date(2004, 2, 29)), 4);
    }

    #[test]
    fn id_serde_round_trips_and_rejects_bad_numbers() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, "\"11010519491231002X\"");
        assert_eq!(
            serde_json::from_str::<IdNumber>("\"11010519491231002x\"").unwrap(),
            id
        );
        assert!(serde_json::from_str::<IdNumber>("\"110105194912310021\"").is_err());
    }

    #[test]
    fn id_debug_is_masked() {
        let id = IdNumber::parse("11010519491231002X").unwrap();
        assert_eq!(format!("{id:?}"), "IdNumber(\"110105********002X\")");
    }

    /// 17 digits with a valid area digit and birth date.
    fn id_first17() -> impl Strategy<Value = String> {
        (
            1u32..=8,
            0u32..100_000,
            1900i32..=2099,
            1u32..=366,
            0u32..1000,
        )
            .prop_map(|(a, area, year, ordinal, seq)| {
                let d = NaiveDate::from_yo_opt(year, ordinal)
                    .unwrap_or_else(|| NaiveDate::from_yo_opt(year, 365).unwrap());
                format!("{a}{area:05}{}{seq:03}", d.format("%Y%m%d"))
            })
    }

    proptest! {
        #[test]
        fn valid_id_numbers_parse(first17 in id_first17()) {
            let s = format!("{first17}{}", id_check_char(&first17));
            let id = IdNumber::parse(&s).unwrap();
            prop_assert_eq!(id.as_str(), s.as_str());
            prop_assert_eq!(id.birth_date().format("%Y%m%d").to_string(), &first17[6..14]);
            prop_assert_eq!(IdNumber::parse(&s.to_lowercase()).unwrap(), id);
        }

        #[test]
        fn changing_one_id_character_is_caught(
            first17 in id_first17(),
            pos in 0usize..18,
            c in prop::sample::select(b"0123456789Xx".to_vec()),
        ) {
            let s = format!("{first17}{}", id_check_char(&first17));
            let mut bytes = s.clone().into_bytes();
            bytes[pos] = c;
            let changed = String::from_utf8(bytes).unwrap();
            if changed.to_ascii_uppercase() == s {
                prop_assert!(IdNumber::parse(&changed).is_ok());
            } else {
                prop_assert!(IdNumber::parse(&changed).is_err(), "{} accepted", changed);
            }
        }

        #[test]
        fn masked_id_hides_the_birth_date(first17 in id_first17()) {
            let s = format!("{first17}{}", id_check_char(&first17));
            let id = IdNumber::parse(&s).unwrap();
            let masked = id.masked();
            prop_assert_eq!(masked.len(), 18);
            prop_assert_eq!(&masked[..6], &s[..6]);
            prop_assert_eq!(&masked[6..14], "********");
            prop_assert_eq!(&masked[14..], &s[14..]);
            prop_assert!(!masked.contains(&s[6..14]));
            let debug = format!("{:?}", id);
            prop_assert!(!debug.contains(&s[6..14]));
        }

        #[test]
        fn id_parse_never_panics(s in "\\PC{0,30}") {
            let _ = IdNumber::parse(&s);
        }

        #[test]
        fn id_parse_never_panics_on_near_misses(s in "[0-9Xx]{16,19}") {
            if let Ok(id) = IdNumber::parse(&s) {
                prop_assert_eq!(id.as_str(), s.to_ascii_uppercase());
            }
        }
    }
}
