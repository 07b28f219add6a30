//! Short codes that name things in the catalog: categories, departments, matters, counters.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    #[error("队列类别代码须为一个大写英文字母（A–Z），收到“{0}”")]
    Category(String),
    #[error("{kind}代码须为 1–{max} 位字母、数字、“-”或“_”，收到“{value}”")]
    Code {
        kind: &'static str,
        max: usize,
        value: String,
    },
}

/// A queue category's letter: the prefix of its ticket numbers (A001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CategoryCode(char);

impl CategoryCode {
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let mut chars = s.trim().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_uppercase() => Ok(Self(c)),
            _ => Err(CodeError::Category(s.to_string())),
        }
    }

    pub fn letter(self) -> char {
        self.0
    }
}

impl TryFrom<String> for CategoryCode {
    type Error = CodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<CategoryCode> for String {
    fn from(c: CategoryCode) -> Self {
        c.0.to_string()
    }
}

impl fmt::Display for CategoryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

fn is_code_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

macro_rules! short_code {
    ($(#[$doc:meta])* $name:ident, $kind:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub const MAX_LEN: usize = $max;

            pub fn parse(s: &str) -> Result<Self, CodeError> {
                let t = s.trim();
                if t.is_empty() || t.len() > $max || !t.chars().all(is_code_char) {
                    return Err(CodeError::Code { kind: $kind, max: $max, value: s.to_string() });
                }
                Ok(Self(t.to_string()))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = CodeError;
            fn try_from(s: String) -> Result<Self, Self::Error> {
                Self::parse(&s)
            }
        }

        impl From<$name> for String {
            fn from(c: $name) -> Self {
                c.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

short_code!(
    /// A department's code, e.g. `RSJ` for 人社局.
    DepartmentCode, "部门", 16
);
short_code!(
    /// A matter's (事项) catalog code.
    MatterCode, "事项", 32
);
short_code!(
    /// A counter's (窗口) code as used in URLs, e.g. `3`.
    CounterCode, "窗口", 16
);

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn category_is_one_uppercase_letter() {
        assert_eq!(CategoryCode::parse("A").unwrap().letter(), 'A');
        for bad in ["", "a", "AB", "1", "Ä", " "] {
            assert!(CategoryCode::parse(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn codes_reject_spaces_and_overlong_values() {
        assert!(CounterCode::parse("3").is_ok());
        assert!(CounterCode::parse("3 号").is_err());
        assert!(MatterCode::parse(&"x".repeat(33)).is_err());
        assert!(DepartmentCode::parse("RSJ").is_ok());
    }

    proptest! {
        #[test]
        fn category_codes_round_trip(c in proptest::char::range('A', 'Z')) {
            let code = CategoryCode::parse(&c.to_string()).unwrap();
            prop_assert_eq!(CategoryCode::parse(&code.to_string()).unwrap(), code);
        }

        #[test]
        fn any_parsed_matter_code_is_short_and_plain(s in "\\PC{0,40}") {
            if let Ok(code) = MatterCode::parse(&s) {
                prop_assert!(code.as_str().len() <= MatterCode::MAX_LEN);
                prop_assert!(code.as_str().chars().all(is_code_char));
            }
        }
    }
}
