//! The Excel catalog importer: `workbook::import` on any bytes uploaded as a workbook.
//!
//! Invariants: nothing panics; a refusal is a non-empty list of problems, each with a
//! Chinese message; a workbook that imports is exported and imports again as the same
//! catalog.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onetrip::service::catalog::workbook;

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fuzz_target!(|data: &[u8]| {
    match workbook::import(data) {
        Ok(catalog) => {
            let bytes = workbook::export(catalog.doc()).expect("a loaded catalog exports");
            let back = workbook::import(&bytes).expect("an exported catalog imports");
            assert_eq!(back.doc(), catalog.doc());
        }
        Err(problems) => {
            assert!(!problems.is_empty());
            for p in &problems {
                assert!(is_chinese(&p.message), "{p:?}");
            }
        }
    }
});
