//! The furniture every A4 notice shares: the header (hall, title, number),
//! labelled fields, paragraphs, tables, the closing (office, date, seal) and
//! the QR footer on every page.

use crate::layout::{
    Align, Column, Flow, Margins, PageSize, QrFooter, RuleStyle, TextStyle, QR_FOOTER_HEIGHT_MM,
};
use crate::DocumentError;

/// Width of the label column of "申请人：  张三" fields.
const LABEL_MM: f32 = 42.0;
/// Gap under the footer (the paper's unprintable edge).
const OUTER_EDGE_MM: f32 = 12.0;
/// A heading moves to the next page unless this much (itself and about two
/// lines of what follows) still fits under it.
const HEADING_KEEP_MM: f32 = 20.0;
const BODY: TextStyle = TextStyle::BODY.size(11.0).spacing(1.5);
pub(crate) const QR_CAPTION: &str = "扫码查询办理进度 / 核验真伪";

/// A notice being written; finish with [`NoticePage::finish`].
pub(crate) struct NoticePage {
    flow: Flow,
    pdf_title: String,
}

impl NoticePage {
    /// Starts page one: hall name, the title large and centred, and the
    /// document number right-aligned under a rule.
    pub(crate) fn begin(
        hall_name: &str,
        title: &str,
        number_line: &str,
        qr_url: &str,
    ) -> Result<Self, DocumentError> {
        let margins = Margins {
            top_mm: 20.0,
            right_mm: 22.0,
            bottom_mm: OUTER_EDGE_MM + QR_FOOTER_HEIGHT_MM,
            left_mm: 22.0,
        };
        let mut flow = Flow::with_margins(PageSize::A4, margins)?;
        flow.set_qr_footer(QrFooter {
            url: qr_url.to_string(),
            caption: QR_CAPTION.to_string(),
        })?;
        flow.text(hall_name, TextStyle::HEADING.size(14.0).centered());
        flow.space(2.0);
        flow.text(title, TextStyle::TITLE.size(22.0).spacing(1.5).centered());
        flow.text(number_line, BODY.align(Align::Right));
        flow.rule(RuleStyle::Solid, 1.5);
        flow.space(2.0);
        Ok(NoticePage {
            flow,
            pdf_title: format!("{title} {number_line}"),
        })
    }

    /// "张三：" — whom the notice is addressed to.
    pub(crate) fn addressee(&mut self, name: &str) {
        self.flow.text(&format!("{name}："), BODY.bold());
    }

    /// Running text, first line indented two characters.
    pub(crate) fn paragraph(&mut self, text: &str) {
        let indent_mm = 2.0 * BODY.size_pt * 25.4 / 72.0;
        self.flow.text_indented(text, BODY, indent_mm);
    }

    /// A numbered section heading, e.g. "一、办理事项".
    pub(crate) fn section(&mut self, heading: &str) {
        self.flow.space(2.0);
        // Keep a heading with at least two lines of what follows.
        self.flow.keep_together(HEADING_KEEP_MM);
        self.flow.text(heading, TextStyle::HEADING.size(12.0));
        self.flow.space(0.5);
    }

    /// Labelled fields, one per line; long values wrap under themselves.
    pub(crate) fn fields(&mut self, fields: &[(&str, String)]) {
        for (label, value) in fields {
            self.flow
                .field(&format!("{label}："), value, LABEL_MM, BODY);
        }
        self.flow.space(1.5);
    }

    pub(crate) fn table(&mut self, columns: &[Column], rows: &[Vec<String>]) {
        self.flow.space(1.0);
        self.flow
            .table(columns, rows, BODY.size(10.0).spacing(1.35));
        self.flow.space(3.0);
    }

    /// A line for the applicant to sign, right-aligned.
    pub(crate) fn signature(&mut self, who: &str, date_label: &str) {
        self.flow.space(4.0);
        self.flow.keep_together(12.0);
        let line = format!("{who}（签字）：________________    {date_label}：____年____月____日");
        self.flow.text(&line, BODY.align(Align::Right));
    }

    /// The issuing office and date at the bottom right, with room for the seal.
    pub(crate) fn closing(&mut self, office: &str, date: &str) {
        self.flow.space(5.0);
        self.flow.keep_together(2.0 * 8.0);
        self.flow
            .text(&format!("{office}（盖章）"), BODY.align(Align::Right));
        self.flow.text(date, BODY.align(Align::Right));
    }

    pub(crate) fn finish(self) -> Result<Vec<u8>, DocumentError> {
        self.flow.into_pdf(&self.pdf_title)
    }
}

/// A table column: header, width weight, alignment.
pub(crate) fn col(header: &str, weight: f32, align: Align) -> Column {
    Column::new(header, weight, align)
}

/// "1", "2", … for the 序号 column.
pub(crate) fn seq(index: usize) -> String {
    (index + 1).to_string()
}
