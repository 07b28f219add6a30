//! Identity documents: resident ID numbers (GB 11643-1999), unified social credit codes
//! (GB 32100-2015) and mobile phone numbers.
//!
//! Every type here is built by `parse`, which normalises the input (trims it, upper-cases
//! check letters, drops the +86 prefix, …), so two values that mean the same thing are equal.
//!
//! Personal data is kept out of logs by default: `Debug` of [`IdNumber`], [`Phone`] and
//! [`PersonName`] shows the masked form, and error messages never repeat the input.
//! `Display` and serde show the full value; callers mask explicitly with `masked()`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

// ---------------------------------------------------------------------------------------------
// 居民身份证号码 (GB 11643-1999)
// ---------------------------------------------------------------------------------------------

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
        format!(
            "{}{}{}",
            &self.number[..6],
            "*".repeat(8),
            &self.number[14..]
        )
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

// ---------------------------------------------------------------------------------------------
// 统一社会信用代码 (GB 32100-2015), with its embedded organisation code (GB 11714-1997)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CreditCodeError {
    #[error("统一社会信用代码须为18位数字或大写字母（不含 I、O、Z、S、V），收到{0}个字符")]
    Format(usize),
    #[error("统一社会信用代码第1位登记管理部门代码“{0}”不存在")]
    Authority(char),
    #[error("统一社会信用代码第3–8位须为6位行政区划代码")]
    Area,
    #[error("统一社会信用代码第9–17位组织机构代码的校验位不正确")]
    OrgCodeChecksum,
    #[error("统一社会信用代码校验位不正确，请核对代码")]
    Checksum,
}

/// The 31 characters of GB 32100, in value order (0–30).
const CREDIT_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];
/// GB 11714 weights for the 8-character organisation code body.
const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];

fn credit_value(b: u8) -> Option<u32> {
    CREDIT_CHARSET
        .iter()
        .position(|&c| c == b)
        .map(|p| p as u32)
}

/// The check character (position 18) of a unified social credit code, per GB 32100-2015.
///
/// # Panics
/// If `first17` is not exactly 17 characters of the code's character set
/// `0123456789ABCDEFGHJKLMNPQRTUWXY` (upper case).
pub fn credit_check_char(first17: &str) -> char {
    try_credit_check_char(first17.as_bytes())
        .unwrap_or_else(|| panic!("credit_check_char 需要17位代码字符，收到“{first17}”"))
}

fn try_credit_check_char(first17: &[u8]) -> Option<char> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (&b, w) in first17.iter().zip(CREDIT_WEIGHTS) {
        sum += credit_value(b)? * w;
    }
    Some(CREDIT_CHARSET[((31 - sum % 31) % 31) as usize] as char)
}

/// The check character (position 9) of an organisation code (组织机构代码), per GB 11714:
/// `0`–`9` or `X`. Positions 9–17 of a credit code are such a code.
///
/// # Panics
/// If `first8` is not exactly 8 ASCII digits or upper-case letters.
pub fn org_code_check_char(first8: &str) -> char {
    try_org_code_check_char(first8.as_bytes())
        .unwrap_or_else(|| panic!("org_code_check_char 需要8位数字或大写字母，收到“{first8}”"))
}

fn try_org_code_check_char(first8: &[u8]) -> Option<char> {
    if first8.len() != 8 {
        return None;
    }
    let mut sum = 0;
    for (&b, w) in first8.iter().zip(ORG_WEIGHTS) {
        let v = match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'Z' => u32::from(b - b'A') + 10,
            _ => return None,
        };
        sum += v * w;
    }
    Some(match 11 - sum % 11 {
        10 => 'X',
        11 => '0',
        c => char::from(b'0' + c as u8),
    })
}

/// 登记管理部门代码 (GB 32100-2015, table 1).
fn authority_name(c: u8) -> Option<&'static str> {
    Some(match c {
        b'1' => "机构编制",
        b'2' => "外交",
        b'3' => "司法行政",
        b'4' => "文化",
        b'5' => "民政",
        b'6' => "旅游",
        b'7' => "宗教",
        b'8' => "工会",
        b'9' => "工商",
        b'A' => "中央军委改革和编制办公室",
        b'N' => "农业",
        b'Y' => "其他",
        _ => return None,
    })
}

/// An 18-character unified social credit code (统一社会信用代码) of an organisation.
/// Organisations' codes are public, so there is no masked form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CreditCode(String);

impl CreditCode {
    pub fn parse(s: &str) -> Result<Self, CreditCodeError> {
        let t = s.trim().to_ascii_uppercase();
        let b = t.as_bytes();
        if b.len() != 18 || !b.iter().all(|&c| credit_value(c).is_some()) {
            return Err(CreditCodeError::Format(t.chars().count()));
        }
        if authority_name(b[0]).is_none() {
            return Err(CreditCodeError::Authority(b[0] as char));
        }
        if !b[2..8].iter().all(u8::is_ascii_digit) {
            return Err(CreditCodeError::Area);
        }
        if try_org_code_check_char(&b[8..16]) != Some(b[16] as char) {
            return Err(CreditCodeError::OrgCodeChecksum);
        }
        if try_credit_check_char(&b[..17]) != Some(b[17] as char) {
            return Err(CreditCodeError::Checksum);
        }
        Ok(Self(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// 登记管理部门代码 (position 1), e.g. `9` for 工商.
    pub fn registration_authority(&self) -> char {
        self.0.as_bytes()[0] as char
    }

    /// The registration authority's name, e.g. "工商".
    pub fn registration_authority_name(&self) -> &'static str {
        authority_name(self.0.as_bytes()[0]).expect("checked by parse")
    }

    /// 机构类别代码 (position 2), e.g. `1` for an enterprise registered by 工商.
    pub fn organisation_type(&self) -> char {
        self.0.as_bytes()[1] as char
    }

    /// 登记管理机关行政区划码 (positions 3–8).
    pub fn area_code(&self) -> &str {
        &self.0[2..8]
    }

    /// 主体标识码 (positions 9–17): the organisation code, with its own check character.
    pub fn organisation_code(&self) -> &str {
        &self.0[8..17]
    }
}

impl TryFrom<String> for CreditCode {
    type Error = CreditCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CreditCode> for String {
    fn from(c: CreditCode) -> Self {
        c.0
    }
}

impl fmt::Display for CreditCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// ---------------------------------------------------------------------------------------------
// 手机号码
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneError {
    #[error("请填写11位手机号码")]
    Invalid,
}

/// A mainland mobile number, stored as its 11 digits (`1[3-9]` then 9 digits).
/// Input may contain spaces and hyphens and start with `+86`, `0086` or `86`.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(s: &str) -> Result<Self, PhoneError> {
        let compact: String = s.trim().chars().filter(|&c| c != ' ' && c != '-').collect();
        let rest = compact.strip_prefix('+').unwrap_or(&compact);
        let plus = rest.len() != compact.len();
        let digits = match rest.len() {
            11 if !plus => rest,
            13 => rest.strip_prefix("86").ok_or(PhoneError::Invalid)?,
            15 if !plus => rest.strip_prefix("0086").ok_or(PhoneError::Invalid)?,
            _ => return Err(PhoneError::Invalid),
        };
        let b = digits.as_bytes();
        let ok = b.len() == 11
            && b.iter().all(u8::is_ascii_digit)
            && b[0] == b'1'
            && (b'3'..=b'9').contains(&b[1]);
        if !ok {
            return Err(PhoneError::Invalid);
        }
        Ok(Self(digits.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// First 3 and last 4 digits visible: `138****1234`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

impl TryFrom<String> for Phone {
    type Error = PhoneError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> Self {
        p.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Phone").field(&self.masked()).finish()
    }
}

// ---------------------------------------------------------------------------------------------
// 姓名
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("请填写姓名")]
    Empty,
    #[error("姓名不能超过{max}个字", max = PersonName::MAX_CHARS)]
    TooLong,
    #[error("姓名含有不可见的控制字符")]
    Control,
}

/// A citizen's name as written on the ID card: 1–50 characters after trimming, no control
/// characters. Lengths count Unicode characters, so 阿依古丽·买买提 has 8.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_CHARS: usize = 50;

    pub fn parse(s: &str) -> Result<Self, PersonNameError> {
        let t = s.trim();
        if t.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if t.chars().count() > Self::MAX_CHARS {
            return Err(PersonNameError::TooLong);
        }
        if t.chars().any(char::is_control) {
            return Err(PersonNameError::Control);
        }
        Ok(Self(t.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hall's rule: 1 character → `*`; 2 → first + `*` (张*); 3 or more → first, a `*`
    /// for each middle character, last (张*三, 欧阳**锋 for 欧阳锋锋).
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        match chars.as_slice() {
            [] | [_] => "*".to_string(),
            [first, _] => format!("{first}*"),
            [first, middle @ .., last] => format!("{first}{}{last}", "*".repeat(middle.len())),
        }
    }
}

impl TryFrom<String> for PersonName {
    type Error = PersonNameError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<PersonName> for String {
    fn from(n: PersonName) -> Self {
        n.0
    }
}

impl fmt::Display for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for PersonName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("PersonName").field(&self.masked()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    // ----- IdNumber -----

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

    // ----- CreditCode -----

    /// The sample from GB 32100-2015.
    const SAMPLE_CREDIT: &str = "91350100M000100Y43";

    #[test]
    fn standard_sample_credit_code_parses() {
        let c = CreditCode::parse(SAMPLE_CREDIT).unwrap();
        assert_eq!(c.registration_authority(), '9');
        assert_eq!(c.registration_authority_name(), "工商");
        assert_eq!(c.organisation_type(), '1');
        assert_eq!(c.area_code(), "350100");
        assert_eq!(c.organisation_code(), "M000100Y4");
        assert_eq!(org_code_check_char("M000100Y"), '4');
        assert_eq!(credit_check_char("91350100M000100Y4"), '3');
        assert_eq!(CreditCode::parse(&SAMPLE_CREDIT.to_lowercase()).unwrap(), c);
        assert_eq!(
            CreditCode::parse(" 91350100m000100y43 ").unwrap().as_str(),
            SAMPLE_CREDIT
        );
    }

    #[test]
    fn org_code_check_covers_x_and_zero() {
        // Sum ≡ 1 (mod 11) gives 10 → X; sum ≡ 0 gives 11 → 0.
        assert_eq!(org_code_check_char("00000000"), '0');
        assert_eq!(org_code_check_char("00000030"), 'X'); // 3·4 = 12 ≡ 1
        assert_eq!(org_code_check_char("10000000"), '8'); // 3 → 11 − 3
    }

    #[test]
    fn credit_errors_are_distinct() {
        assert_eq!(CreditCode::parse(""), Err(CreditCodeError::Format(0)));
        assert_eq!(
            CreditCode::parse("91350100M000100Y4"),
            Err(CreditCodeError::Format(17))
        );
        // I, O, Z, S, V are not in the character set.
        for bad in ['I', 'O', 'Z', 'S', 'V'] {
            let s = format!("91350100M000100{bad}43");
            assert_eq!(
                CreditCode::parse(&s),
                Err(CreditCodeError::Format(18)),
                "{s}"
            );
        }
        let with = |first16: &str| {
            let first17 = format!("{first16}{}", org_code_check_char(&first16[8..]));
            format!("{first17}{}", credit_check_char(&first17))
        };
        assert!(CreditCode::parse(&with("91220200MA0Y1234")).is_ok());
        assert_eq!(
            CreditCode::parse(&with("B1220200MA0Y1234")),
            Err(CreditCodeError::Authority('B'))
        );
        assert_eq!(
            CreditCode::parse(&with("9122A200MA0Y1234")),
            Err(CreditCodeError::Area)
        );
        assert_eq!(
            CreditCode::parse("91350100M000100Y53"),
            Err(CreditCodeError::OrgCodeChecksum)
        );
        assert_eq!(
            CreditCode::parse("91350100M000100Y44"),
            Err(CreditCodeError::Checksum)
        );
    }

    #[test]
    fn credit_serde_round_trips() {
        let c = CreditCode::parse(SAMPLE_CREDIT).unwrap();
        assert_eq!(
            serde_json::to_string(&c).unwrap(),
            format!("\"{SAMPLE_CREDIT}\"")
        );
        assert_eq!(
            serde_json::from_str::<CreditCode>("\"91350100m000100y43\"").unwrap(),
            c
        );
        assert!(serde_json::from_str::<CreditCode>("\"91350100M000100Y44\"").is_err());
    }

    fn credit_char() -> impl Strategy<Value = u8> {
        prop::sample::select(CREDIT_CHARSET.to_vec())
    }

    /// 16 characters whose authority and area are valid, with an organisation body made of
    /// the credit character set.
    fn credit_first16() -> impl Strategy<Value = String> {
        (
            prop::sample::select(b"123456789ANY".to_vec()),
            credit_char(),
            "[0-9]{6}",
            prop::collection::vec(credit_char(), 8),
        )
            .prop_map(|(auth, kind, area, body)| {
                let mut s = String::new();
                s.push(auth as char);
                s.push(kind as char);
                s.push_str(&area);
                s.extend(body.into_iter().map(char::from));
                s
            })
    }

    fn complete_credit(first16: &str) -> String {
        let first17 = format!("{first16}{}", org_code_check_char(&first16[8..]));
        format!("{first17}{}", credit_check_char(&first17))
    }

    proptest! {
        #[test]
        fn valid_credit_codes_parse(first16 in credit_first16()) {
            let s = complete_credit(&first16);
            let c = CreditCode::parse(&s).unwrap();
            prop_assert_eq!(c.as_str(), s.as_str());
            prop_assert_eq!(CreditCode::parse(&s.to_lowercase()).unwrap(), c);
        }

        #[test]
        fn changing_one_credit_character_is_caught(
            first16 in credit_first16(),
            pos in 0usize..18,
            c in credit_char(),
        ) {
            let s = complete_credit(&first16);
            let mut bytes = s.clone().into_bytes();
            bytes[pos] = c;
            let changed = String::from_utf8(bytes).unwrap();
            if changed == s {
                prop_assert!(CreditCode::parse(&changed).is_ok());
            } else {
                prop_assert!(CreditCode::parse(&changed).is_err(), "{} accepted", changed);
            }
        }

        #[test]
        fn credit_parse_never_panics(s in "\\PC{0,30}") {
            let _ = CreditCode::parse(&s);
        }

        #[test]
        fn credit_parse_never_panics_on_near_misses(s in "[0-9A-Za-z]{17,19}") {
            if let Ok(c) = CreditCode::parse(&s) {
                prop_assert_eq!(c.as_str(), s.to_ascii_uppercase());
            }
        }
    }

    // ----- Phone -----

    #[test]
    fn phone_accepts_common_spellings() {
        for s in [
            "13812341234",
            " 138 1234 1234 ",
            "138-1234-1234",
            "+8613812341234",
            "+86 138 1234 1234",
            "8613812341234",
            "008613812341234",
            "+86-138-1234-1234",
        ] {
            let p = Phone::parse(s).unwrap_or_else(|e| panic!("{s:?}: {e}"));
            assert_eq!(p.as_str(), "13812341234", "{s:?}");
        }
        assert_eq!(Phone::parse("19912345678").unwrap().masked(), "199****5678");
    }

    #[test]
    fn phone_rejects_other_numbers() {
        for s in [
            "",
            "1381234123",
            "138123412345",
            "12812341234",
            "10012341234",
            "23812341234",
            "0432-6468888",
            "043264688888",
            "+8513812341234",
            "+008613812341234",
            "1381234123a",
            "138.1234.1234",
            "８613812341234",
        ] {
            assert_eq!(Phone::parse(s), Err(PhoneError::Invalid), "{s:?}");
        }
        assert_eq!(PhoneError::Invalid.to_string(), "请填写11位手机号码");
    }

    #[test]
    fn phone_mask_serde_and_debug() {
        let p = Phone::parse("+86 138-1234-5678").unwrap();
        assert_eq!(p.masked(), "138****5678");
        assert_eq!(p.to_string(), "13812345678");
        assert_eq!(format!("{p:?}"), "Phone(\"138****5678\")");
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"13812345678\"");
        assert_eq!(
            serde_json::from_str::<Phone>("\"+8613812345678\"").unwrap(),
            p
        );
        assert!(serde_json::from_str::<Phone>("\"12345\"").is_err());
    }

    proptest! {
        #[test]
        fn valid_phones_parse_and_mask(second in 3u8..=9, rest in "[0-9]{9}") {
            let s = format!("1{second}{rest}");
            let p = Phone::parse(&s).unwrap();
            prop_assert_eq!(p.as_str(), s.as_str());
            prop_assert_eq!(Phone::parse(&format!("+86 {s}")).unwrap(), p.clone());
            let masked = p.masked();
            prop_assert_eq!(&masked[..3], &s[..3]);
            prop_assert_eq!(&masked[3..7], "****");
            prop_assert_eq!(&masked[7..], &s[7..]);
            prop_assert_eq!(masked.len(), 11);
        }

        #[test]
        fn parsed_phones_are_always_eleven_digits(s in "[+0-9 -]{0,20}") {
            if let Ok(p) = Phone::parse(&s) {
                prop_assert_eq!(p.as_str().len(), 11);
                prop_assert!(p.as_str().bytes().all(|b| b.is_ascii_digit()));
                prop_assert!(p.as_str().starts_with('1'));
            }
        }

        #[test]
        fn phone_parse_never_panics(s in "\\PC{0,30}") {
            let _ = Phone::parse(&s);
        }
    }

    // ----- PersonName -----

    #[test]
    fn names_mask_by_the_hall_rule() {
        let m = |s: &str| PersonName::parse(s).unwrap().masked();
        assert_eq!(m("张"), "*");
        assert_eq!(m("张三"), "张*");
        assert_eq!(m("张小三"), "张*三");
        assert_eq!(m("欧阳锋锋"), "欧**锋");
        assert_eq!(m("阿依古丽·买买提"), "阿******提");
        assert_eq!(m("Li Lei"), "L****i");
    }

    #[test]
    fn names_are_trimmed_and_counted_in_characters() {
        assert_eq!(PersonName::parse("  张三 ").unwrap().as_str(), "张三");
        assert_eq!(
            PersonName::parse("阿依古丽·买买提")
                .unwrap()
                .as_str()
                .chars()
                .count(),
            8
        );
        assert!(PersonName::parse(&"张".repeat(50)).is_ok()); // 150 bytes, 50 characters
        assert_eq!(
            PersonName::parse(&"张".repeat(51)),
            Err(PersonNameError::TooLong)
        );
        assert_eq!(PersonName::parse("   "), Err(PersonNameError::Empty));
        assert_eq!(PersonName::parse(""), Err(PersonNameError::Empty));
        assert_eq!(
            PersonName::parse("张\u{0}三"),
            Err(PersonNameError::Control)
        );
        assert_eq!(PersonName::parse("张\n三"), Err(PersonNameError::Control));
    }

    #[test]
    fn name_serde_and_debug() {
        let n = PersonName::parse("张小三").unwrap();
        assert_eq!(format!("{n:?}"), "PersonName(\"张*三\")");
        assert_eq!(n.to_string(), "张小三");
        assert_eq!(serde_json::to_string(&n).unwrap(), "\"张小三\"");
        assert_eq!(
            serde_json::from_str::<PersonName>("\" 张小三 \"").unwrap(),
            n
        );
        assert!(serde_json::from_str::<PersonName>("\"\"").is_err());
    }

    proptest! {
        #[test]
        fn masked_names_hide_the_middle(s in "[\\p{Han}a-zA-Z·]{1,50}") {
            let n = PersonName::parse(&s).unwrap();
            let chars: Vec<char> = s.chars().collect();
            let masked: Vec<char> = n.masked().chars().collect();
            prop_assert_eq!(masked.len(), chars.len().max(1));
            match chars.len() {
                1 => prop_assert_eq!(masked, vec!['*']),
                2 => prop_assert_eq!(masked, vec![chars[0], '*']),
                len => {
                    prop_assert_eq!(masked[0], chars[0]);
                    prop_assert_eq!(masked[len - 1], chars[len - 1]);
                    prop_assert!(masked[1..len - 1].iter().all(|&c| c == '*'));
                }
            }
        }

        #[test]
        fn name_parse_never_panics(s in "\\PC{0,60}|[\\x00-\\x1f ]{0,5}") {
            if let Ok(n) = PersonName::parse(&s) {
                let len = n.as_str().chars().count();
                prop_assert!((1..=PersonName::MAX_CHARS).contains(&len));
            }
        }
    }
}
