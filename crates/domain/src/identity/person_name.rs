//! 姓名: [`PersonName`], a citizen's name as written on the ID card.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("请填写姓名")]
    Empty,
    #[error("姓名不能超过{max}个字", max = PersonName::MAX_CHARS)]
    TooLong,
    #[error("姓名含有不可见的控制字符")]
    Control,
    #[error("姓名只能由文字、空格和“·”“-”“'”“.”组成")]
    Symbol,
}

/// A citizen's name as written on the ID card: 1–50 characters after trimming, letters of any
/// script (汉字, 维吾尔文, Latin…) with spaces and the marks names use (· for minority and foreign
/// names, - ' . in Latin ones); no digits, brackets or other symbols. Lengths count Unicode
/// characters, so 阿依古丽·买买提 has 8.
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
        if !t.chars().all(Self::allowed) {
            return Err(PersonNameError::Symbol);
        }
        Ok(Self(t.to_string()))
    }

    fn allowed(c: char) -> bool {
        // Combining marks (U+0300–U+036F and the like) come with letters of some scripts.
        c.is_alphabetic()
            || c == ' '
            || "·•・‧-'’.".contains(c)
            || ('\u{0300}'..='\u{036f}').contains(&c)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hall's rule: 1 character → `*`; 2 → first + `*` (张*); 3 or more → first, a `*`
    /// for each middle character, last (张*三, 欧阳**锋 for 欧阳锋锋).
    pub fn masked(&self) -> String {
        crate::privacy::mask_name(&self.0)
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
    fn names_are_letters_with_the_marks_names_use() {
        for ok in [
            "张三",
            "阿依古丽·买买提",
            "Mary O'Brien",
            "Jean-Luc Picard",
            "J. R. Smith",
            "José",
        ] {
            assert!(PersonName::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "张三'); DROP TABLE cases; --",
            "张三1",
            "<script>",
            "张=三",
            "(张三)",
        ] {
            assert_eq!(
                PersonName::parse(bad),
                Err(PersonNameError::Symbol),
                "{bad}"
            );
        }
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
        fn masked_names_hide_the_middle(s in "[\\u{4e00}-\\u{9fa5}a-zA-Z·]{1,50}") {
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
