//! Writing the catalog into the template.

use super::layout::*;
use onetrip_domain::catalog::{CatalogDoc, CounterKind, PartialRejection};
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

enum Cell {
    Text(String),
    Number(f64),
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn number(n: impl Into<f64>) -> Cell {
    Cell::Number(n.into())
}

fn date(d: Option<chrono::NaiveDate>) -> Cell {
    text(d.map(|d| d.to_string()).unwrap_or_default())
}

fn yes_no(b: bool) -> Cell {
    text(if b { YES } else { NO })
}

fn list<T: AsRef<str>>(items: &[T]) -> Cell {
    text(
        items
            .iter()
            .map(|i| i.as_ref())
            .collect::<Vec<_>>()
            .join(LIST_SEPARATOR),
    )
}

fn sheet(
    book: &mut Workbook,
    (name, headers): (&str, &[&str]),
    rows: Vec<Vec<Cell>>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let ws: &mut Worksheet = book.add_worksheet();
    ws.set_name(name)?;
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, 14)?;
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) if s.is_empty() => {}
                Cell::Text(s) => {
                    ws.write_string(r, c as u16, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c as u16, *n)?;
                }
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The catalog as an `.xlsx` workbook in the template's layout.
pub fn export(doc: &CatalogDoc) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    sheet(
        &mut book,
        CATALOG,
        vec![vec![text(doc.version.clone()), date(doc.published_on)]],
    )?;
    sheet(
        &mut book,
        DEPARTMENTS,
        doc.departments
            .iter()
            .map(|d| vec![text(d.code.as_str()), text(d.name.clone())])
            .collect(),
    )?;
    sheet(
        &mut book,
        CATEGORIES,
        doc.categories
            .iter()
            .map(|c| {
                vec![
                    text(c.code.to_string()),
                    text(c.name.clone()),
                    text(c.description.clone()),
                ]
            })
            .collect(),
    )?;
    sheet(
        &mut book,
        MATTERS,
        doc.matters
            .iter()
            .map(|m| {
                vec![
                    text(m.code.as_str()),
                    text(m.name.clone()),
                    text(m.department.as_str()),
                    text(m.category.to_string()),
                    text(m.kind.clone()),
                    text(m.conditions.clone()),
                    number(m.legal_limit_days),
                    number(m.promised_limit_days),
                    number(m.legal_extension_days),
                    list(&m.excluded_steps),
                    number(m.visits),
                    number(m.fee_fen),
                    text(m.fee_note.clone()),
                    list(&m.keywords),
                    date(m.created_on),
                    date(m.published_on),
                    date(m.retired_on),
                ]
            })
            .collect(),
    )?;
    sheet(
        &mut book,
        MATERIALS,
        doc.matters
            .iter()
            .flat_map(|m| {
                m.materials.iter().map(move |x| {
                    vec![
                        text(m.code.as_str()),
                        text(x.code.clone()),
                        text(x.name.clone()),
                        yes_no(x.required),
                        number(x.originals),
                        number(x.copies),
                        yes_no(x.deferrable),
                        text(x.note.clone()),
                    ]
                })
            })
            .collect(),
    )?;
    sheet(
        &mut book,
        BUNDLES,
        doc.bundles
            .iter()
            .map(|b| {
                vec![
                    text(b.code.as_str()),
                    text(b.name.clone()),
                    text(b.description.clone()),
                    text(b.category.to_string()),
                    list(&b.matters.iter().map(|m| m.as_str()).collect::<Vec<_>>()),
                    text(match b.partial_rejection {
                        PartialRejection::AllOrNothing => ALL_OR_NOTHING,
                        PartialRejection::Partial => PARTIAL,
                    }),
                    list(&b.keywords),
                    date(b.created_on),
                    date(b.published_on),
                    date(b.retired_on),
                ]
            })
            .collect(),
    )?;
    sheet(
        &mut book,
        COUNTERS,
        doc.counters
            .iter()
            .map(|c| {
                let weights: Vec<String> = c
                    .categories
                    .iter()
                    .map(|w| format!("{}:{}", w.code, w.weight))
                    .collect();
                vec![
                    text(c.code.to_string()),
                    text(c.name.clone()),
                    text(match c.kind {
                        CounterKind::Intake => INTAKE,
                        CounterKind::Output => OUTPUT,
                    }),
                    list(&weights),
                ]
            })
            .collect(),
    )?;
    book.save_to_buffer()
}
