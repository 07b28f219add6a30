//! 统一社会信用代码 (GB 32100-2015): [`CreditCode`], with its embedded organisation code
//! (GB 11714-1997) and both check characters.

use serde::{Deserialize, Serialize};
use std::fmt;

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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
}
