//! The footer of an A4 notice: a rule, the verification QR code, its caption
//! and "第 n 页 / 共 m 页", on every page.

use super::{Flow, Mark, TextStyle, MM_PER_PT};
use crate::layout::qr::{encode_qr, module_size_mm, QrSymbol};
use crate::layout::Align;
use crate::DocumentError;

/// What the footer of every page shows besides the page numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrFooter {
    /// Encoded in the QR code as given (the caller signs it).
    pub url: String,
    /// Printed beside the code, e.g. "扫码查询办理进度 / 核验真伪".
    pub caption: String,
}

/// Smallest printed QR symbol; phones read 20 mm+ codes on paper easily.
const QR_MIN_MM: f32 = 20.0;
/// Gap between the bottom margin's top edge and the footer rule.
const RULE_GAP_MM: f32 = 4.0;
/// Height the footer needs below the bottom margin line: rule, gap, code.
pub(crate) const QR_FOOTER_HEIGHT_MM: f32 = RULE_GAP_MM + 3.0 + QR_MIN_MM + 3.0;

pub(crate) struct EncodedFooter {
    footer: QrFooter,
    symbol: QrSymbol,
}

impl Flow {
    /// Draws `footer` at the bottom of every page once the document is
    /// finished. The bottom margin should be at least `QR_FOOTER_HEIGHT_MM`
    /// plus the outer edge (see `PageSize::notice_margins`).
    pub fn set_qr_footer(&mut self, footer: QrFooter) -> Result<(), DocumentError> {
        let symbol = encode_qr(&footer.url)?;
        self.qr_footer = Some(EncodedFooter { footer, symbol });
        Ok(())
    }

    pub(super) fn draw_qr_footers(&mut self) {
        let Some(encoded) = self.qr_footer.take() else {
            return;
        };
        let total = self.pages.len();
        for index in 0..total {
            let marks = self.qr_footer_marks(&encoded, index + 1, total);
            self.pages[index].extend(marks);
        }
        self.qr_footer = Some(encoded);
    }

    fn qr_footer_marks(&self, encoded: &EncodedFooter, page: usize, total: usize) -> Vec<Mark> {
        let left = self.margins.left_mm;
        let width = self.content_width_mm();
        let rule_top = self.page_size.height_mm() - self.margins.bottom_mm + RULE_GAP_MM;
        let mut marks = vec![Mark::Boxes(vec![[left, rule_top, width, 0.2]])];

        let symbol = &encoded.symbol;
        let module = module_size_mm(symbol.modules, QR_MIN_MM);
        let qr_top = rule_top + 3.0;
        let boxes = symbol
            .dark_runs()
            .into_iter()
            .map(|(row, col, len)| {
                let x = left + col as f32 * module;
                [x, qr_top + row as f32 * module, len as f32 * module, module]
            })
            .collect();
        marks.push(Mark::Boxes(boxes));

        let side = module * symbol.modules as f32;
        let text_left = left + side + 5.0;
        let caption = TextStyle::SMALL.size(9.0);
        marks.push(self.line_mark(&encoded.footer.caption, caption, text_left, qr_top + 1.0));
        let url = TextStyle::SMALL.size(7.0);
        let url_width = width - side - 5.0 - 40.0;
        for (i, line) in self
            .wrap(&encoded.footer.url, url.size_pt, url_width)
            .iter()
            .enumerate()
        {
            let top = qr_top + 6.0 + i as f32 * url.line_pitch_mm();
            marks.push(self.line_mark(line, url, text_left, top));
        }
        let numbers = format!("第 {page} 页 / 共 {total} 页");
        let numbers_width = self.font.text_width_pt(&numbers, caption.size_pt) * MM_PER_PT;
        let numbers_left = left + width - numbers_width;
        marks.push(self.line_mark(
            &numbers,
            caption.align(Align::Left),
            numbers_left,
            qr_top + 1.0,
        ));
        marks
    }

    fn line_mark(&self, text: &str, style: TextStyle, x_mm: f32, top_mm: f32) -> Mark {
        Mark::Text {
            x_mm,
            baseline_mm: top_mm + self.font.ascent_em * style.size_pt * MM_PER_PT,
            text: text.to_string(),
            size_pt: style.size_pt,
            bold: style.bold,
        }
    }
}
