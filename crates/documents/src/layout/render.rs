//! Turns laid-out marks into a printpdf document and serialises it.

use printpdf::{
    FontId, LinePoint, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Point, Polygon, PolygonRing, Pt, TextItem,
    TextRenderingMode, WindingOrder,
};

use crate::font::DocumentFont;
use crate::DocumentError;

/// Something placed on a page, in mm from the page's top-left corner.
#[derive(Debug, Clone)]
pub(crate) enum Mark {
    Text {
        x_mm: f32,
        baseline_mm: f32,
        text: String,
        size_pt: f32,
        bold: bool,
    },
    /// Filled rectangles `[x, top, width, height]`, drawn as one path so that
    /// touching rectangles (QR modules) show no hairline seams between them.
    Boxes(Vec<[f32; 4]>),
}

pub(crate) struct PageLayout {
    pub(crate) width_mm: f32,
    pub(crate) height_mm: f32,
    pub(crate) marks: Vec<Mark>,
}

/// Faux-bold stroke width as a fraction of the font size.
const BOLD_STROKE_EM: f32 = 0.035;

pub(crate) fn render_pdf(
    title: &str,
    font: &DocumentFont,
    pages: Vec<PageLayout>,
) -> Result<Vec<u8>, DocumentError> {
    let mut doc = PdfDocument::new(title);
    // printpdf names a font (and derives its subset tag from the name) and the
    // file's /ID from a random generator; fixed names keep output reproducible.
    let font_id = FontId(stable_id(&pages, 32));
    doc.resources
        .fonts
        .map
        .insert(font_id.clone(), PdfFont::new(font.parsed.clone()));
    let font_handle = PdfFontHandle::External(font_id);
    let pdf_pages = pages
        .into_iter()
        .map(|page| {
            let ops = page
                .marks
                .into_iter()
                .flat_map(|mark| mark_ops(mark, page.height_mm, &font_handle))
                .collect();
            PdfPage::new(Mm(page.width_mm), Mm(page.height_mm), ops)
        })
        .collect();
    // The defaults subset fonts and compress streams; both keep a slip ~20 KB.
    let options = PdfSaveOptions::default();
    let mut warnings = Vec::new();
    let mut bytes = doc.with_pages(pdf_pages).save(&options, &mut warnings);
    fix_trailer_id(&mut bytes);
    // printpdf reports problems (a failed subset that fell back to embedding
    // the whole 4.6 MB font, an unembeddable font) as warnings, not errors.
    let errors: Vec<String> = warnings
        .into_iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
        .map(|w| w.msg)
        .collect();
    if errors.is_empty() {
        Ok(bytes)
    } else {
        Err(DocumentError::Pdf(errors.join("; ")))
    }
}

/// `len` upper-case letters derived from everything drawn, so the same
/// content always gets the same name and different content usually not.
fn stable_id(pages: &[PageLayout], len: usize) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    for page in pages {
        for mark in &page.marks {
            match mark {
                Mark::Text { text, .. } => feed(text.as_bytes()),
                Mark::Boxes(boxes) => feed(&boxes.len().to_le_bytes()),
            }
        }
        feed(b"\x0c");
    }
    letters(hash, len)
}

fn letters(mut seed: u64, len: usize) -> String {
    (0..len)
        .map(|_| {
            // xorshift: spreads one 64-bit hash over as many letters as asked.
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            char::from(b'A' + (seed % 26) as u8)
        })
        .collect()
}

/// Replaces the two random 32-letter strings printpdf writes as the trailer's
/// `/ID[(…)(…)]` with a digest of the file before the trailer. Same length, so
/// no offset changes.
fn fix_trailer_id(bytes: &mut [u8]) {
    const MARKER: &[u8] = b"/ID[(";
    let Some(start) = bytes.windows(MARKER.len()).rposition(|w| w == MARKER) else {
        return;
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in &bytes[..start] {
        hash = (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
    }
    let id = letters(hash, 32);
    let first = start + MARKER.len();
    let second = first + 32 + 2; // ")("
    if bytes.len() >= second + 32 && &bytes[first + 32..second] == b")(" {
        bytes[first..first + 32].copy_from_slice(id.as_bytes());
        bytes[second..second + 32].copy_from_slice(id.as_bytes());
    }
}

fn mark_ops(mark: Mark, page_height_mm: f32, font: &PdfFontHandle) -> Vec<Op> {
    let point = |x_mm: f32, y_from_top_mm: f32| Point {
        x: Mm(x_mm).into(),
        y: Mm(page_height_mm - y_from_top_mm).into(),
    };
    match mark {
        Mark::Text {
            x_mm,
            baseline_mm,
            text,
            size_pt,
            bold,
        } => {
            // One text section per line: BT resets the text matrix, so the
            // `Td` below is an absolute position, not relative to the last line.
            let text_ops = [
                Op::StartTextSection,
                Op::SetFont {
                    font: font.clone(),
                    size: Pt(size_pt),
                },
                Op::SetTextCursor {
                    pos: point(x_mm, baseline_mm),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(text)],
                },
                Op::EndTextSection,
            ];
            if !bold {
                return text_ops.into();
            }
            // The rendering mode is graphics state that outlives ET; the
            // save/restore pair keeps it from leaking into later lines.
            let mut ops = vec![
                Op::SaveGraphicsState,
                Op::SetTextRenderingMode {
                    mode: TextRenderingMode::FillStroke,
                },
                Op::SetOutlineThickness {
                    pt: Pt(size_pt * BOLD_STROKE_EM),
                },
            ];
            ops.extend(text_ops);
            ops.push(Op::RestoreGraphicsState);
            ops
        }
        Mark::Boxes(boxes) => {
            let rings = boxes
                .into_iter()
                .map(|[x, top, w, h]| PolygonRing {
                    points: [(x, top), (x + w, top), (x + w, top + h), (x, top + h)]
                        .into_iter()
                        .map(|(px, py)| LinePoint {
                            p: point(px, py),
                            bezier: false,
                        })
                        .collect(),
                })
                .collect();
            vec![Op::DrawPolygon {
                polygon: Polygon {
                    rings,
                    mode: PaintMode::Fill,
                    winding_order: WindingOrder::NonZero,
                },
            }]
        }
    }
}
