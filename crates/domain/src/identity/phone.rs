//! 手机号码: [`Phone`], a mainland mobile number.

use serde::{Deserialize, Serialize};
use std::fmt;

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
        crate::privacy::mask_phone(&self.0)
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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
}
