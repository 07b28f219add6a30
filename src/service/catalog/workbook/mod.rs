//! The catalog as an Excel workbook (清单目录模板): one sheet each for the catalog itself,
//! departments, queue categories, matters, their materials, 一件事 bundles and counters. Halls
//! keep their lists in Excel; this is the template they fill in and the form the current
//! catalog is exported in. Importing checks every row and names each problem by sheet, row
//! and column before anything is saved; `export` → `import` gives back the same catalog.

mod export;
#[cfg(test)]
mod fuzz_tests;
mod import;

pub use export::export;
pub use import::{import, RowProblem};

/// Sheet names and their header rows, in the order they appear. The headers are what a
/// clerk reads; the importer finds columns by them, so their order may change.
pub(crate) mod layout {
    pub const CATALOG: (&str, &[&str]) = ("目录", &["版本", "公开日期"]);
    pub const DEPARTMENTS: (&str, &[&str]) = ("部门", &["代码", "名称"]);
    pub const CATEGORIES: (&str, &[&str]) = ("类别", &["代码", "名称", "说明"]);
    pub const MATTERS: (&str, &[&str]) = (
        "事项",
        &[
            "编码",
            "名称",
            "部门",
            "类别",
            "事项类型",
            "受理条件",
            "法定时限",
            "承诺时限",
            "可延长",
            EXCLUDED_STEPS,
            "到现场次数",
            "收费（分）",
            "收费说明",
            "关键词",
            "制定日期",
            "公开日期",
            RETIRED_ON,
        ],
    );
    pub const MATERIALS: (&str, &[&str]) = (
        "材料",
        &[
            "事项编码",
            "材料编码",
            "名称",
            "必需",
            "原件",
            "复印件",
            "容缺",
            "说明",
        ],
    );
    pub const BUNDLES: (&str, &[&str]) = (
        "一件事",
        &[
            "编码",
            "名称",
            "说明",
            "类别",
            "事项",
            "一项不予批准时",
            "关键词",
            "制定日期",
            "公开日期",
            RETIRED_ON,
        ],
    );
    pub const COUNTERS: (&str, &[&str]) = ("窗口", &["代码", "名称", "类型", "类别与权重"]);

    /// 停用日期 came with versioned catalogs: workbooks filled in before it still import.
    pub const RETIRED_ON: &str = "停用日期";
    /// 特别程序: steps not counted in the limits, `、`-separated.
    pub const EXCLUDED_STEPS: &str = "特别程序";
    pub const OPTIONAL_COLUMNS: &[&str] = &[RETIRED_ON, EXCLUDED_STEPS];

    /// Lists in one cell (keywords, a bundle's matters, a counter's categories).
    pub const LIST_SEPARATOR: &str = "、";
    pub const YES: &str = "是";
    pub const NO: &str = "否";
    pub const ALL_OR_NOTHING: &str = "整件退回";
    pub const PARTIAL: &str = "其余照办";
    pub const INTAKE: &str = "综合窗口";
    pub const OUTPUT: &str = "出件窗口";
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::catalog::demo_catalog;

    #[test]
    fn the_demo_catalog_survives_a_round_trip_through_the_workbook() {
        let demo = demo_catalog().unwrap();
        let bytes = export(demo.doc()).unwrap();
        assert_eq!(&bytes[..2], b"PK", "an xlsx is a zip");
        let back = import(&bytes).unwrap_or_else(|p| panic!("{p:#?}"));
        assert_eq!(back.doc(), demo.doc());
    }

    #[test]
    fn the_shipped_example_workbook_holds_the_demo_catalog() {
        // catalog/demo.xlsx is the filled-in template halls start from; regenerate it with
        // `onetrip catalog export --demo --out catalog/demo.xlsx` when demo.toml changes.
        let example = include_bytes!("../../../../catalog/demo.xlsx");
        let back = import(example).unwrap_or_else(|p| panic!("{p:#?}"));
        assert_eq!(back.doc(), demo_catalog().unwrap().doc());
    }

    /// A sheet's name and headers, then its rows of cells.
    type SheetCells<'a> = ((&'a str, &'a [&'a str]), Vec<Vec<&'a str>>);

    /// A workbook written cell by cell, as a clerk might fill it in.
    fn workbook(sheets: &[SheetCells]) -> Vec<u8> {
        let mut book = rust_xlsxwriter::Workbook::new();
        for ((name, headers), rows) in sheets {
            let ws = book.add_worksheet();
            ws.set_name(*name).unwrap();
            for (c, h) in headers.iter().enumerate() {
                ws.write_string(0, c as u16, *h).unwrap();
            }
            for (r, row) in rows.iter().enumerate() {
                for (c, v) in row.iter().enumerate() {
                    ws.write_string(r as u32 + 1, c as u16, *v).unwrap();
                }
            }
        }
        book.save_to_buffer().unwrap()
    }

    fn at(problems: &[RowProblem], sheet: &str, row: u32, column: &str) -> String {
        problems
            .iter()
            .find(|p| p.sheet == sheet && p.row == row && p.column.as_deref() == Some(column))
            .unwrap_or_else(|| panic!("no problem at {sheet} row {row} {column}: {problems:#?}"))
            .message
            .clone()
    }

    #[test]
    fn every_bad_cell_is_named_by_sheet_row_and_column() {
        use layout::*;
        let bytes = workbook(&[
            (CATALOG, vec![vec!["2026.2", "2026-13-01"]]),
            (
                DEPARTMENTS,
                vec![vec!["RSJ", "人社局"], vec!["bad code!", "某局"]],
            ),
            (CATEGORIES, vec![vec!["B", "社保医保", ""]]),
            (
                MATTERS,
                vec![vec![
                    "RSJ-001",
                    "社保登记",
                    "RSJ",
                    "B",
                    "",
                    "",
                    "abc",
                    "5",
                    "",
                    "1",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]],
            ),
            (
                MATERIALS,
                vec![
                    vec!["RSJ-001", "01", "身份证", "是", "1", "0", "否", ""],
                    vec!["RSJ-999", "01", "申请表", "也许", "1", "0", "否", ""],
                ],
            ),
            (
                BUNDLES,
                vec![vec![
                    "YJS-001",
                    "一件事",
                    "",
                    "B",
                    "RSJ-001",
                    "看情况",
                    "",
                    "",
                    "",
                ]],
            ),
            (COUNTERS, vec![vec!["1", "1号窗口", "综合窗口", "B:0"]]),
        ]);
        let problems = import(&bytes).unwrap_err();
        assert!(at(&problems, "目录", 2, "公开日期").contains("日期"));
        at(&problems, "部门", 3, "代码");
        assert!(at(&problems, "事项", 2, "法定时限").contains("abc"));
        assert!(at(&problems, "材料", 3, "事项编码").contains("RSJ-999"));
        assert!(at(&problems, "材料", 3, "必需").contains("也许"));
        assert!(at(&problems, "一件事", 2, "一项不予批准时").contains("看情况"));
        assert!(at(&problems, "窗口", 2, "类别与权重").contains("B:0"));
        assert_eq!(problems.len(), 7, "{problems:#?}");
    }

    #[test]
    fn rules_across_sheets_and_unreadable_files_are_refused_in_chinese() {
        let mut doc = demo_catalog().unwrap().doc().clone();
        doc.matters[0].promised_limit_days = doc.matters[0].legal_limit_days + 1;
        let problems = import(&export(&doc).unwrap()).unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert!(problems[0]
            .message
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));

        let problems = import(b"not a workbook").unwrap_err();
        assert!(problems[0].message.contains(".xlsx"));
        let missing = workbook(&[(layout::CATALOG, vec![vec!["2026.2", ""]])]);
        let problems = import(&missing).unwrap_err();
        assert!(problems
            .iter()
            .any(|p| p.sheet == "部门" && p.message.contains("缺少工作表")));
    }
}
