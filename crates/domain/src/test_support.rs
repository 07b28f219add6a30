//! Helpers for the property tests of the crate's parsers (test builds only).

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;
use std::fmt::Debug;

/// Text near the given names: each name itself, with one character replaced, padded with
/// spaces, in upper case, cut short or lengthened, and arbitrary text.
pub(crate) fn near(names: Vec<&'static str>) -> impl Strategy<Value = String> {
    let pick = move || select(names.clone());
    prop_oneof![
        pick().prop_map(str::to_string),
        (pick(), any::<prop::sample::Index>(), any::<char>()).prop_map(|(n, i, c)| {
            let mut chars: Vec<char> = n.chars().collect();
            let i = i.index(chars.len().max(1));
            if let Some(slot) = chars.get_mut(i) {
                *slot = c;
            }
            chars.into_iter().collect()
        }),
        pick().prop_map(|n| format!(" {n} ")),
        pick().prop_map(|n| n.to_uppercase()),
        pick().prop_map(|n| n[..n.len() - 1].to_string()),
        (pick(), "[a-z_]{1,3}").prop_map(|(n, s)| format!("{n}{s}")),
        "\\PC{0,16}",
    ]
}

/// `parse` gives back every value from its `as_str` name and accepts nothing else.
pub(crate) fn parses_only_names<T: Copy + PartialEq + Debug>(
    all: &[T],
    as_str: impl Fn(T) -> &'static str,
    parse: impl Fn(&str) -> Option<T>,
    s: &str,
) -> Result<(), TestCaseError> {
    for &v in all {
        prop_assert_eq!(parse(as_str(v)), Some(v));
    }
    match parse(s) {
        Some(v) => prop_assert_eq!(as_str(v), s),
        None => prop_assert!(all.iter().all(|&v| as_str(v) != s), "{:?} refused", s),
    }
    Ok(())
}
