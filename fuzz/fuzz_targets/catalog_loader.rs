//! The catalog loader: `Catalog::parse_toml` on any text an administrator might upload.
//!
//! Invariants: nothing panics; every refusal is a `CatalogError` whose message is Chinese;
//! a catalog that loads is stored as the store keeps it (JSON) and loads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use onetrip_domain::catalog::{Catalog, CatalogDoc, CatalogError};

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match Catalog::parse_toml(&text) {
        Ok(catalog) => {
            let stored = serde_json::to_string(catalog.doc()).expect("a catalog serialises");
            let doc: CatalogDoc = serde_json::from_str(&stored).expect("a stored catalog reads");
            let back = Catalog::from_doc(doc)
                .unwrap_or_else(|e| panic!("a stored catalog validates: {e}\n{stored}"));
            assert_eq!(back, catalog);
        }
        Err(e @ (CatalogError::Syntax(_) | CatalogError::Invalid(_))) => {
            assert!(is_chinese(&e.to_string()), "{e}");
        }
    }
});
