//! Hostile workbooks: random bytes, the exported demo catalog with bytes flipped, and
//! template-shaped workbooks with random cells. The importer never panics; it returns the
//! catalog or a non-empty list of problems in Chinese. (The fuzz target `catalog_workbook`
//! runs the same invariants unbounded; these run in CI.)

use super::layout::*;
use super::{export, import};
use crate::service::catalog::demo_catalog;
use proptest::prelude::*;
use proptest::sample::{select, Index};
use std::sync::OnceLock;

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

fn demo_bytes() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| export(demo_catalog().unwrap().doc()).unwrap())
}

/// Imports or refuses in Chinese, each problem on a sheet of the template (or none).
fn imports_or_refuses_in_chinese(bytes: &[u8]) -> Result<(), TestCaseError> {
    let sheets = [
        CATALOG,
        DEPARTMENTS,
        CATEGORIES,
        MATTERS,
        MATERIALS,
        BUNDLES,
        COUNTERS,
    ];
    match import(bytes) {
        Ok(catalog) => {
            let again = import(&export(catalog.doc()).unwrap());
            prop_assert_eq!(again.map(|c| c.into_doc()), Ok(catalog.into_doc()));
        }
        Err(problems) => {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(is_chinese(&p.message), "{:?}", p);
                prop_assert!(
                    p.sheet.is_empty() || sheets.iter().any(|(name, _)| *name == p.sheet),
                    "{:?}",
                    p
                );
            }
        }
    }
    Ok(())
}

type SheetLayout = (&'static str, &'static [&'static str]);

/// A workbook in the template's shape whose cells hold anything: text near valid values,
/// numbers (some formatted as dates), booleans.
fn workbook(sheets: &[(SheetLayout, Vec<Vec<Cell>>)]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for ((name, headers), rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (c, h) in headers.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let (r, c) = (r as u32 + 1, c as u16);
                match v {
                    Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                    Cell::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                    Cell::Date(n) => ws.write_number_with_format(r, c, *n, &date).map(|_| ()),
                    Cell::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
                }
                .unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Date(f64),
    Bool(bool),
}

fn cell() -> impl Strategy<Value = Cell> {
    let near = select(vec![
        "RSJ",
        "RSJ-001",
        "A",
        "B",
        "是",
        "否",
        "也许",
        "1",
        "0",
        "5",
        "20",
        "999",
        "-1",
        "2026-11-27",
        "2026-13-01",
        "整件退回",
        "其余照办",
        "综合窗口",
        "出件窗口",
        "A:3",
        "B:0",
        "A：101",
        "RSJ-001、RSJ-002",
        "、",
        "听证、专家评审",
        "",
    ]);
    prop_oneof![
        4 => near.prop_map(|s| Cell::Text(s.to_string())),
        2 => "\\PC{0,12}".prop_map(Cell::Text),
        1 => any::<f64>().prop_map(Cell::Number),
        1 => prop_oneof![any::<f64>(), -1e6f64..3e6, Just(1e300), Just(-1e300)].prop_map(Cell::Date),
        1 => any::<bool>().prop_map(Cell::Bool),
    ]
}

fn rows(width: usize) -> impl Strategy<Value = Vec<Vec<Cell>>> {
    prop::collection::vec(prop::collection::vec(cell(), 0..=width + 1), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Anything uploaded that is not a workbook: refused in Chinese.
    #[test]
    fn random_bytes_are_refused_in_chinese(
        bytes in prop_oneof![
            prop::collection::vec(any::<u8>(), 0..2048),
            prop::collection::vec(any::<u8>(), 0..2048).prop_map(|b| [b"PK\x03\x04".as_slice(), &b].concat()),
        ],
    ) {
        imports_or_refuses_in_chinese(&bytes)?;
    }

    /// The exported demo catalog with a few bytes flipped, cut short or with bytes
    /// inserted: the catalog, or problems in Chinese.
    #[test]
    fn a_damaged_export_imports_or_is_refused_in_chinese(
        flips in prop::collection::vec((any::<Index>(), 1u8..=255), 1..5),
        cut in prop::option::weighted(0.2, any::<Index>()),
        insert in prop::option::weighted(0.2, (any::<Index>(), prop::collection::vec(any::<u8>(), 1..16))),
    ) {
        let mut bytes = demo_bytes().to_vec();
        for (at, mask) in &flips {
            let i = at.index(bytes.len());
            bytes[i] ^= mask;
        }
        if let Some((at, extra)) = &insert {
            let i = at.index(bytes.len());
            bytes.splice(i..i, extra.iter().copied());
        }
        if let Some(at) = cut {
            bytes.truncate(at.index(bytes.len()));
        }
        imports_or_refuses_in_chinese(&bytes)?;
    }

    /// Workbooks in the template's shape with random cells in every sheet, some sheets
    /// missing: every row read, every problem named in Chinese, no panic.
    #[test]
    fn template_shaped_workbooks_with_random_cells(
        catalog in rows(CATALOG.1.len()),
        departments in rows(DEPARTMENTS.1.len()),
        categories in rows(CATEGORIES.1.len()),
        matters in rows(MATTERS.1.len()),
        materials in rows(MATERIALS.1.len()),
        bundles in rows(BUNDLES.1.len()),
        counters in rows(COUNTERS.1.len()),
        missing in prop::option::of(0usize..7),
    ) {
        let mut sheets = vec![
            (CATALOG, catalog),
            (DEPARTMENTS, departments),
            (CATEGORIES, categories),
            (MATTERS, matters),
            (MATERIALS, materials),
            (BUNDLES, bundles),
            (COUNTERS, counters),
        ];
        if let Some(i) = missing {
            sheets.remove(i);
        }
        imports_or_refuses_in_chinese(&workbook(&sheets))?;
    }
}

/// A date cell far outside the calendar (Excel serial 1e300) is a problem to report, not a
/// reason to fall over.
#[test]
fn a_date_cell_out_of_any_calendar_is_refused() {
    let bytes = workbook(&[
        (
            CATALOG,
            vec![vec![Cell::Text("2026.2".into()), Cell::Date(1e300)]],
        ),
        (DEPARTMENTS, vec![]),
        (CATEGORIES, vec![]),
        (MATTERS, vec![]),
        (MATERIALS, vec![]),
        (BUNDLES, vec![]),
        (COUNTERS, vec![]),
    ]);
    let problems = import(&bytes).unwrap_err();
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!((p.sheet.as_str(), p.row), ("目录", 2));
    assert_eq!(p.column.as_deref(), Some("公开日期"));
    assert!(p.message.contains("须为日期"), "{}", p.message);
}
