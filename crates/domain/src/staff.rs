//! Staff accounts.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("用户名须为 3–32 位英文字母、数字、“.”“_”或“-”，收到“{0}”")]
pub struct UsernameError(pub String);

/// A staff member's log-in name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    pub fn parse(s: &str) -> Result<Self, UsernameError> {
        let t = s.trim();
        let ok = (3..=32).contains(&t.len())
            && t.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
        if ok {
            Ok(Self(t.to_string()))
        } else {
            Err(UsernameError(s.to_string()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(Username::parse("clerk1").is_ok());
        assert!(Username::parse("li.ming_2").is_ok());
        for bad in ["ab", "张三", "a b", "", &"x".repeat(33)] {
            assert!(Username::parse(bad).is_err(), "{bad:?}");
        }
    }
}
