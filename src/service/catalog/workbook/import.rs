//! Reading a filled-in template: every row checked, every problem named by sheet, row and
//! column, nothing returned unless the whole catalog is valid.

use super::layout::*;
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use chrono::NaiveDate;
use onetrip_domain::catalog::{
    Bundle, Catalog, CatalogDoc, Category, Counter, CounterCategory, CounterKind, Department,
    Material, Matter, PartialRejection,
};
use onetrip_domain::{CategoryCode, CounterCode, DepartmentCode, MatterCode};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Cursor;
use utoipa::ToSchema;

/// One thing wrong with the workbook, where a clerk finds it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct RowProblem {
    /// The sheet's name; empty for a rule across sheets.
    pub sheet: String,
    /// The row as Excel numbers it (the header is row 1); 0 for the whole sheet or catalog.
    pub row: u32,
    pub column: Option<String>,
    pub message: String,
}

/// A sheet's rows as text, with the columns found by their headers.
struct Sheet {
    name: &'static str,
    columns: HashMap<String, usize>,
    rows: Vec<Vec<String>>,
}

struct Reading {
    problems: Vec<RowProblem>,
}

/// Excel counts days from 1899-12-30 (with its 1900 leap-year quirk already in that origin).
/// A serial beyond any calendar gives `None` (`Duration::days` would panic on it).
fn excel_date(serial: f64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)?
        .checked_add_signed(chrono::Duration::try_days(serial as i64)?)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => (if *b { YES } else { NO }).to_string(),
        // Out of any calendar: the number itself, which the date check then refuses.
        Data::DateTime(dt) => excel_date(dt.as_f64())
            .map(|d| d.to_string())
            .unwrap_or_else(|| dt.as_f64().to_string()),
        Data::DateTimeIso(s) => s.chars().take(10).collect(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
        Data::Empty => String::new(),
    }
}

impl Reading {
    fn problem(&mut self, sheet: &str, row: u32, column: Option<&str>, message: impl Into<String>) {
        self.problems.push(RowProblem {
            sheet: sheet.to_string(),
            row,
            column: column.map(str::to_string),
            message: message.into(),
        });
    }

    fn sheet(
        &mut self,
        book: &mut Xlsx<Cursor<&[u8]>>,
        (name, headers): (&'static str, &[&str]),
    ) -> Option<Sheet> {
        let range = match book.worksheet_range(name) {
            Ok(r) => r,
            Err(_) => {
                self.problem(name, 0, None, format!("缺少工作表“{name}”"));
                return None;
            }
        };
        let mut rows = range
            .rows()
            .map(|r| r.iter().map(cell_text).collect::<Vec<_>>());
        let header = rows.next().unwrap_or_default();
        let columns: HashMap<String, usize> = header
            .iter()
            .enumerate()
            .map(|(i, h)| (h.clone(), i))
            .collect();
        let mut complete = true;
        for h in headers {
            if !columns.contains_key(*h) && !OPTIONAL_COLUMNS.contains(h) {
                self.problem(name, 1, Some(h), format!("缺少列“{h}”"));
                complete = false;
            }
        }
        complete.then(|| Sheet {
            name,
            columns,
            rows: rows.collect(),
        })
    }
}

/// One row of a sheet, read column by column; each misread cell becomes a problem.
struct Row<'a> {
    sheet: &'a Sheet,
    cells: &'a [String],
    /// Excel's row number.
    number: u32,
}

impl Row<'_> {
    fn get(&self, column: &str) -> &str {
        self.sheet
            .columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    fn problem(&self, r: &mut Reading, column: &str, message: impl Into<String>) {
        r.problem(self.sheet.name, self.number, Some(column), message);
    }

    fn required(&self, r: &mut Reading, column: &str) -> String {
        let v = self.get(column);
        if v.is_empty() {
            self.problem(r, column, format!("“{column}”不能为空"));
        }
        v.to_string()
    }

    fn code<T, E: std::fmt::Display>(
        &self,
        r: &mut Reading,
        column: &str,
        parse: impl Fn(&str) -> Result<T, E>,
    ) -> Option<T> {
        match parse(self.get(column)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.problem(r, column, e.to_string());
                None
            }
        }
    }

    fn number<T: TryFrom<u64> + Default>(&self, r: &mut Reading, column: &str, max: u64) -> T {
        let v = self.get(column);
        if v.is_empty() {
            return T::default();
        }
        match v
            .parse::<u64>()
            .ok()
            .filter(|n| *n <= max)
            .and_then(|n| T::try_from(n).ok())
        {
            Some(n) => n,
            None => {
                self.problem(
                    r,
                    column,
                    format!("“{column}”须为 0–{max} 的整数，收到“{v}”"),
                );
                T::default()
            }
        }
    }

    fn flag(&self, r: &mut Reading, column: &str) -> bool {
        match self.get(column) {
            YES => true,
            NO | "" => false,
            other => {
                self.problem(
                    r,
                    column,
                    format!("“{column}”须填“{YES}”或“{NO}”，收到“{other}”"),
                );
                false
            }
        }
    }

    fn date(&self, r: &mut Reading, column: &str) -> Option<NaiveDate> {
        let v = self.get(column);
        if v.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) => Some(d),
            Err(_) => {
                self.problem(
                    r,
                    column,
                    format!("“{column}”须为日期，例如 2026-11-27，收到“{v}”"),
                );
                None
            }
        }
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .split(LIST_SEPARATOR)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

fn rows(sheet: &Sheet) -> impl Iterator<Item = Row<'_>> {
    sheet
        .rows
        .iter()
        .enumerate()
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .map(move |(i, cells)| Row {
            sheet,
            cells,
            number: i as u32 + 2,
        })
}

fn read_catalog(r: &mut Reading, s: &Sheet, doc: &mut CatalogDoc) {
    match rows(s).next() {
        Some(row) => {
            doc.version = row.required(r, "版本");
            doc.published_on = row.date(r, "公开日期");
        }
        None => r.problem(s.name, 2, Some("版本"), "请在第 2 行填写目录版本"),
    }
}

fn read_departments(r: &mut Reading, s: &Sheet) -> Vec<Department> {
    rows(s)
        .filter_map(|row| {
            let code = row.code(r, "代码", DepartmentCode::parse);
            let name = row.required(r, "名称");
            Some(Department { code: code?, name })
        })
        .collect()
}

fn read_categories(r: &mut Reading, s: &Sheet) -> Vec<Category> {
    rows(s)
        .filter_map(|row| {
            let code = row.code(r, "代码", CategoryCode::parse);
            let name = row.required(r, "名称");
            Some(Category {
                code: code?,
                name,
                description: row.get("说明").to_string(),
            })
        })
        .collect()
}

fn read_matters(r: &mut Reading, s: &Sheet) -> Vec<Matter> {
    rows(s)
        .filter_map(|row| {
            let code = row.code(r, "编码", MatterCode::parse);
            let name = row.required(r, "名称");
            let department = row.code(r, "部门", DepartmentCode::parse);
            let category = row.code(r, "类别", CategoryCode::parse);
            let legal_limit_days = row.number(r, "法定时限", 999);
            let promised_limit_days = row.number(r, "承诺时限", 999);
            let legal_extension_days = row.number(r, "可延长", 999);
            let visits = row.number(r, "到现场次数", 9);
            let fee_fen = row.number(r, "收费（分）", 100_000_000);
            let created_on = row.date(r, "制定日期");
            let published_on = row.date(r, "公开日期");
            let retired_on = row.date(r, RETIRED_ON);
            Some(Matter {
                code: code?,
                name,
                department: department?,
                category: category?,
                kind: row.get("事项类型").to_string(),
                conditions: row.get("受理条件").to_string(),
                legal_limit_days,
                promised_limit_days,
                legal_extension_days,
                excluded_steps: row.list(EXCLUDED_STEPS),
                visits,
                fee_fen,
                fee_note: row.get("收费说明").to_string(),
                keywords: row.list("关键词"),
                materials: Vec::new(),
                created_on,
                published_on,
                retired_on,
            })
        })
        .collect()
}

fn read_materials(r: &mut Reading, s: &Sheet, matters: &mut [Matter]) {
    for row in rows(s) {
        let owner = row.get("事项编码").to_string();
        let material = Material {
            code: row.required(r, "材料编码"),
            name: row.required(r, "名称"),
            required: row.flag(r, "必需"),
            originals: row.number(r, "原件", 99),
            copies: row.number(r, "复印件", 99),
            deferrable: row.flag(r, "容缺"),
            note: row.get("说明").to_string(),
        };
        match matters.iter_mut().find(|m| m.code.as_str() == owner) {
            Some(m) => m.materials.push(material),
            None => row.problem(
                r,
                "事项编码",
                format!("“事项”表中没有编码为“{owner}”的事项"),
            ),
        }
    }
}

fn read_bundles(r: &mut Reading, s: &Sheet) -> Vec<Bundle> {
    rows(s)
        .filter_map(|row| {
            let code = row.code(r, "编码", MatterCode::parse);
            let name = row.required(r, "名称");
            let category = row.code(r, "类别", CategoryCode::parse);
            let mut matters = Vec::new();
            for m in row.list("事项") {
                if let Some(c) = row.code(r, "事项", |_| MatterCode::parse(&m)) {
                    matters.push(c);
                }
            }
            let partial_rejection = match row.get("一项不予批准时") {
                ALL_OR_NOTHING => Some(PartialRejection::AllOrNothing),
                PARTIAL => Some(PartialRejection::Partial),
                other => {
                    row.problem(
                        r,
                        "一项不予批准时",
                        format!("须填“{ALL_OR_NOTHING}”或“{PARTIAL}”，收到“{other}”"),
                    );
                    None
                }
            };
            let created_on = row.date(r, "制定日期");
            let published_on = row.date(r, "公开日期");
            let retired_on = row.date(r, RETIRED_ON);
            Some(Bundle {
                code: code?,
                name,
                description: row.get("说明").to_string(),
                category: category?,
                matters,
                partial_rejection: partial_rejection?,
                keywords: row.list("关键词"),
                created_on,
                published_on,
                retired_on,
            })
        })
        .collect()
}

fn read_counters(r: &mut Reading, s: &Sheet) -> Vec<Counter> {
    rows(s)
        .filter_map(|row| {
            let code = row.code(r, "代码", CounterCode::parse);
            let name = row.required(r, "名称");
            let kind = match row.get("类型") {
                INTAKE => Some(CounterKind::Intake),
                OUTPUT => Some(CounterKind::Output),
                other => {
                    row.problem(
                        r,
                        "类型",
                        format!("须填“{INTAKE}”或“{OUTPUT}”，收到“{other}”"),
                    );
                    None
                }
            };
            let mut categories = Vec::new();
            for item in row.list("类别与权重") {
                let parsed = item.split_once([':', '：']).and_then(|(c, w)| {
                    Some(CounterCategory {
                        code: CategoryCode::parse(c.trim()).ok()?,
                        weight: w.trim().parse().ok().filter(|w| (1..=100).contains(w))?,
                    })
                });
                match parsed {
                    Some(c) => categories.push(c),
                    None => row.problem(
                        r,
                        "类别与权重",
                        format!("“{item}”须写成 类别:权重（权重 1–100），例如 A:3"),
                    ),
                }
            }
            Some(Counter {
                code: code?,
                name,
                kind: kind?,
                categories,
            })
        })
        .collect()
}

/// The catalog in the workbook, or every problem found in it.
pub fn import(bytes: &[u8]) -> Result<Catalog, Vec<RowProblem>> {
    let mut r = Reading {
        problems: Vec::new(),
    };
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
        vec![RowProblem {
            sheet: String::new(),
            row: 0,
            column: None,
            message: "无法读取该文件：请上传按模板填写的 .xlsx 工作簿".into(),
        }]
    })?;
    let sheets: Vec<Option<Sheet>> = [
        CATALOG,
        DEPARTMENTS,
        CATEGORIES,
        MATTERS,
        MATERIALS,
        BUNDLES,
        COUNTERS,
    ]
    .into_iter()
    .map(|layout| r.sheet(&mut book, layout))
    .collect();
    let [Some(cat), Some(dep), Some(cats), Some(mat), Some(mats), Some(bun), Some(cou)] =
        <[Option<Sheet>; 7]>::try_from(sheets).unwrap_or_else(|_| unreachable!("seven sheets"))
    else {
        return Err(r.problems);
    };
    let mut doc = CatalogDoc {
        version: String::new(),
        published_on: None,
        departments: Vec::new(),
        categories: Vec::new(),
        matters: Vec::new(),
        bundles: Vec::new(),
        counters: Vec::new(),
    };
    read_catalog(&mut r, &cat, &mut doc);
    doc.departments = read_departments(&mut r, &dep);
    doc.categories = read_categories(&mut r, &cats);
    doc.matters = read_matters(&mut r, &mat);
    read_materials(&mut r, &mats, &mut doc.matters);
    doc.bundles = read_bundles(&mut r, &bun);
    doc.counters = read_counters(&mut r, &cou);
    if !r.problems.is_empty() {
        return Err(r.problems);
    }
    Catalog::from_doc(doc).map_err(|e| {
        vec![RowProblem {
            sheet: String::new(),
            row: 0,
            column: None,
            message: e.to_string(),
        }]
    })
}
