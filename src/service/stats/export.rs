//! Tables of a report written as an `.xlsx` workbook (one sheet per table, Chinese headers)
//! or as CSV: UTF-8 with a byte-order mark, so Excel reads the Chinese right, and one section
//! per table — a `【表名】` line, the header, the rows, a blank line.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl From<&str> for Cell {
    fn from(s: &str) -> Self {
        Cell::Text(s.to_string())
    }
}
impl From<String> for Cell {
    fn from(s: String) -> Self {
        Cell::Text(s)
    }
}
impl From<usize> for Cell {
    fn from(n: usize) -> Self {
        Cell::Number(n as f64)
    }
}
impl From<i64> for Cell {
    fn from(n: i64) -> Self {
        Cell::Number(n as f64)
    }
}
impl From<u32> for Cell {
    fn from(n: u32) -> Self {
        Cell::Number(f64::from(n))
    }
}
impl From<Option<f64>> for Cell {
    fn from(n: Option<f64>) -> Self {
        n.map_or(Cell::Empty, Cell::Number)
    }
}

/// One sheet or CSV section.
#[derive(Debug, Clone)]
pub struct Table {
    /// At most 31 characters (Excel's limit for a sheet name).
    pub name: String,
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn new(name: &str, headers: &[&'static str]) -> Self {
        Table {
            name: name.to_string(),
            headers: headers.to_vec(),
            rows: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for t in tables {
        let sheet = book.add_worksheet();
        sheet.set_name(&t.name)?;
        for (c, h) in t.headers.iter().enumerate() {
            let col = c as u16;
            sheet.write_string_with_format(0, col, *h, &bold)?;
            sheet.set_column_width(col, 16)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, cell) in row.iter().enumerate() {
                match cell {
                    Cell::Text(s) => sheet.write_string(r, c as u16, s)?,
                    Cell::Number(n) => sheet.write_number(r, c as u16, *n)?,
                    Cell::Empty => sheet,
                };
            }
        }
    }
    book.save_to_buffer()
}

fn csv_field(cell: &Cell) -> String {
    let s = match cell {
        Cell::Text(s) => s.clone(),
        Cell::Number(n) => n.to_string(),
        Cell::Empty => String::new(),
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

pub fn csv(tables: &[Table]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for t in tables {
        out.push_str(&format!("【{}】\r\n", t.name));
        let header: Vec<Cell> = t.headers.iter().map(|h| Cell::from(*h)).collect();
        for row in std::iter::once(&header).chain(&t.rows) {
            let line: Vec<String> = row.iter().map(csv_field).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new("部门办件", &["部门", "受理"]);
        t.row(vec!["市场监管局, 一科".into(), 3usize.into()]);
        t.row(vec!["说\"明\"".into(), Cell::Empty]);
        t
    }

    #[test]
    fn csv_starts_with_a_bom_and_quotes_what_needs_it() {
        let text = String::from_utf8(csv(&[table()])).unwrap();
        assert!(text.starts_with('\u{feff}'));
        assert_eq!(
            text.trim_start_matches('\u{feff}'),
            "【部门办件】\r\n部门,受理\r\n\"市场监管局, 一科\",3\r\n\"说\"\"明\"\"\",\r\n\r\n"
        );
    }

    #[test]
    fn xlsx_is_a_zip() {
        let bytes = xlsx(&[table(), Table::new("概况", &["指标"])]).unwrap();
        assert_eq!(&bytes[..2], b"PK");
    }
}
