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
    use proptest::prelude::*;

    #[test]
    fn usernames_are_plain_ascii() {
        assert!(Username::parse("clerk1").is_ok());
        assert!(Username::parse("li.ming_2").is_ok());
        for bad in ["ab", "张三", "a b", "", &"x".repeat(33)] {
            assert!(Username::parse(bad).is_err(), "{bad:?}");
        }
    }

    fn plain(t: &str) -> bool {
        (3..=32).contains(&t.len())
            && t.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
    }

    proptest! {
        /// A name is accepted exactly when, trimmed, it is 3–32 plain ASCII characters; the
        /// account keeps the trimmed name, which parses back to itself. A refusal quotes
        /// the input in Chinese.
        #[test]
        fn usernames_accept_exactly_plain_ascii(s in prop_oneof![
            "[ \t]{0,2}[A-Za-z0-9._-]{0,34}[ \t\n]{0,2}",
            "[A-Za-z0-9._-]{1,10}[^A-Za-z0-9._-][A-Za-z0-9._-]{1,10}",
            "\\PC{0,40}",
        ]) {
            match Username::parse(&s) {
                Ok(u) => {
                    prop_assert!(plain(s.trim()), "{:?} accepted", s);
                    prop_assert_eq!(u.as_str(), s.trim());
                    prop_assert_eq!(Username::parse(u.as_str()), Ok(u.clone()));
                    prop_assert_eq!(u.to_string(), u.as_str());
                }
                Err(e) => {
                    prop_assert!(!plain(s.trim()), "{:?} refused", s);
                    prop_assert_eq!(&e.0, &s);
                    prop_assert!(e.to_string().starts_with("用户名须为"));
                }
            }
        }
    }
}
