//! A top-down "flow" writer: each call places the next block below the last.
//!
//! Everything is positioned absolutely, in millimetres from the top-left of
//! the page, and only turned into PDF operations at the end — by then a
//! receipt knows how long it has grown and an A4 notice how many pages it has
//! (for "第 1 页 / 共 2 页").

use crate::font::{document_font, DocumentFont};
use crate::layout::page::{Margins, PageSize};
use crate::layout::qr::{encode_qr, module_size_mm, QUIET_ZONE_MODULES};
use crate::layout::render::{render_pdf, Mark, PageLayout};
use crate::layout::wrap::wrap_text;
use crate::DocumentError;

mod footer;
mod table;

pub use footer::QrFooter;
pub(crate) use footer::QR_FOOTER_HEIGHT_MM;
pub use table::Column;

pub(crate) const MM_PER_PT: f32 = 25.4 / 72.0;

/// Horizontal placement of each wrapped line within the content width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// How a block of text is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub size_pt: f32,
    /// Line pitch as a multiple of `size_pt`.
    pub line_spacing: f32,
    pub align: Align,
    /// The font has no bold face; bold is drawn by also stroking the glyph
    /// outlines, which thermal printers reproduce well.
    pub bold: bool,
}

impl TextStyle {
    /// Ordinary running text.
    pub const BODY: TextStyle = TextStyle {
        size_pt: 10.5,
        line_spacing: 1.4,
        align: Align::Left,
        bold: false,
    };
    /// Fine print: URLs, footers, remarks.
    pub const SMALL: TextStyle = TextStyle {
        size_pt: 8.0,
        line_spacing: 1.3,
        align: Align::Left,
        bold: false,
    };
    pub const HEADING: TextStyle = TextStyle {
        size_pt: 13.0,
        line_spacing: 1.35,
        align: Align::Left,
        bold: true,
    };
    pub const TITLE: TextStyle = TextStyle {
        size_pt: 18.0,
        line_spacing: 1.3,
        align: Align::Center,
        bold: true,
    };

    pub const fn size(mut self, size_pt: f32) -> Self {
        self.size_pt = size_pt;
        self
    }

    pub const fn spacing(mut self, line_spacing: f32) -> Self {
        self.line_spacing = line_spacing;
        self
    }

    pub const fn align(mut self, align: Align) -> Self {
        self.align = align;
        self
    }

    pub const fn centered(self) -> Self {
        self.align(Align::Center)
    }

    pub const fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    fn line_pitch_mm(&self) -> f32 {
        self.size_pt * self.line_spacing * MM_PER_PT
    }
}

/// What a horizontal rule looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStyle {
    Solid,
    /// The "tear here" look of a receipt section break.
    Dashed,
}

/// Lays a document out top-down; finish with [`Flow::into_pdf`].
pub struct Flow {
    page_size: PageSize,
    margins: Margins,
    font: &'static DocumentFont,
    pages: Vec<Vec<Mark>>,
    /// Where the next block starts, in mm from the top of the current page.
    cursor_mm: f32,
    footer: Option<String>,
    qr_footer: Option<footer::EncodedFooter>,
}

impl Flow {
    /// A flow on `page_size` with the paper's usual margins.
    pub fn new(page_size: PageSize) -> Result<Self, DocumentError> {
        Self::with_margins(page_size, page_size.default_margins())
    }

    pub fn with_margins(page_size: PageSize, margins: Margins) -> Result<Self, DocumentError> {
        Ok(Flow {
            page_size,
            margins,
            font: document_font()?,
            pages: vec![Vec::new()],
            cursor_mm: margins.top_mm,
            footer: None,
            qr_footer: None,
        })
    }

    /// Width available to text between the left and right margins.
    pub fn content_width_mm(&self) -> f32 {
        self.page_size.width_mm() - self.margins.left_mm - self.margins.right_mm
    }

    /// Where the next block will start, in mm from the top of the current page.
    pub fn cursor_mm(&self) -> f32 {
        self.cursor_mm
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Text printed at the bottom of every page of a page-breaking document,
    /// followed by "第 n 页 / 共 m 页" once there is more than one page.
    /// Receipts have no footer: a roll has no pages to number.
    pub fn set_footer(&mut self, text: impl Into<String>) {
        self.footer = Some(text.into());
    }

    /// Vertical white space.
    pub fn space(&mut self, mm: f32) {
        self.cursor_mm += mm;
    }

    /// Places `text` wrapped to the content width, one PDF text line per line.
    pub fn text(&mut self, text: &str, style: TextStyle) {
        self.text_indented(text, style, 0.0);
    }

    /// Like [`Flow::text`], with the first line indented by `first_indent_mm`
    /// (a Chinese paragraph starts two characters in).
    pub fn text_indented(&mut self, text: &str, style: TextStyle, first_indent_mm: f32) {
        let width = self.content_width_mm();
        let pitch = style.line_pitch_mm();
        for paragraph in text.split('\n') {
            let lines = self.wrap_indented(paragraph, style.size_pt, width, first_indent_mm);
            for (index, line) in lines.into_iter().enumerate() {
                let indent = if index == 0 { first_indent_mm } else { 0.0 };
                self.reserve(pitch);
                let top = self.cursor_mm;
                self.place_line(
                    &line,
                    style,
                    self.margins.left_mm + indent,
                    width - indent,
                    top,
                );
                self.cursor_mm += pitch;
            }
        }
    }

    /// Keeps the next `height_mm` on one page: breaks first if it would not fit.
    pub fn keep_together(&mut self, height_mm: f32) {
        self.reserve(height_mm);
    }

    /// Wraps one paragraph whose first line is `first_indent_mm` narrower.
    fn wrap_indented(
        &self,
        text: &str,
        size: f32,
        width_mm: f32,
        first_indent_mm: f32,
    ) -> Vec<String> {
        let wrap =
            |t: &str, w: f32| wrap_text(t, w / MM_PER_PT, |ch| self.font.advance_em(ch) * size);
        if first_indent_mm <= 0.0 {
            return wrap(text, width_mm);
        }
        let text = text.trim_start();
        let first = wrap(text, width_mm - first_indent_mm).swap_remove(0);
        let Some(rest) = text.strip_prefix(first.as_str()) else {
            return wrap(text, width_mm);
        };
        let rest = rest.trim_start();
        let mut lines = vec![first];
        if !rest.is_empty() {
            lines.extend(wrap(rest, width_mm));
        }
        lines
    }

    /// Wraps `text` to `width_mm` at `size_pt`, measured with the document font.
    pub(crate) fn wrap(&self, text: &str, size_pt: f32, width_mm: f32) -> Vec<String> {
        wrap_text(text, width_mm / MM_PER_PT, |ch| {
            self.font.advance_em(ch) * size_pt
        })
    }

    /// Draws one already-wrapped line in the box `x_mm..x_mm + width_mm`
    /// whose line box starts `top_mm` from the page top.
    fn place_line(&mut self, line: &str, style: TextStyle, x_mm: f32, width_mm: f32, top_mm: f32) {
        if line.is_empty() {
            return;
        }
        let size = style.size_pt;
        let pitch = style.line_pitch_mm();
        // Centre the glyphs' full height (ascent + descent) in the line box.
        let ascent_mm = self.font.ascent_em * size * MM_PER_PT;
        let glyph_height_mm = (self.font.ascent_em + self.font.descent_em) * size * MM_PER_PT;
        let baseline_offset = (pitch - glyph_height_mm) / 2.0 + ascent_mm;
        let text_width_mm = self.font.text_width_pt(line, size) * MM_PER_PT;
        let slack = (width_mm - text_width_mm).max(0.0);
        let x_mm = x_mm
            + match style.align {
                Align::Left => 0.0,
                Align::Center => slack / 2.0,
                Align::Right => slack,
            };
        self.current_page().push(Mark::Text {
            x_mm,
            baseline_mm: top_mm + baseline_offset,
            text: line.to_string(),
            size_pt: size,
            bold: style.bold,
        });
    }

    /// A full-width horizontal rule, with `gap_mm` of space above and below.
    pub fn rule(&mut self, style: RuleStyle, gap_mm: f32) {
        const THICKNESS_MM: f32 = 0.3;
        self.reserve(2.0 * gap_mm + THICKNESS_MM);
        self.cursor_mm += gap_mm;
        let (left, width, top) = (
            self.margins.left_mm,
            self.content_width_mm(),
            self.cursor_mm,
        );
        let boxes = match style {
            RuleStyle::Solid => vec![[left, top, width, THICKNESS_MM]],
            RuleStyle::Dashed => {
                let (dash, period) = (1.5, 2.5);
                let count = ((width + period - dash) / period).floor() as usize;
                // Spread the leftover so the dashes end flush with both margins.
                let step = if count > 1 {
                    (width - dash) / (count - 1) as f32
                } else {
                    0.0
                };
                (0..count)
                    .map(|i| [left + i as f32 * step, top, dash, THICKNESS_MM])
                    .collect()
            }
        };
        self.current_page().push(Mark::Boxes(boxes));
        self.cursor_mm += THICKNESS_MM + gap_mm;
    }

    /// A QR code of `data`, centred, at least `min_symbol_mm` wide, with its
    /// quiet zone kept free above and below.
    pub fn qr_code(&mut self, data: &str, min_symbol_mm: f32) -> Result<(), DocumentError> {
        let symbol = encode_qr(data)?;
        let module = module_size_mm(symbol.modules, min_symbol_mm);
        let side = module * symbol.modules as f32;
        let quiet = module * QUIET_ZONE_MODULES as f32;
        self.reserve(side + 2.0 * quiet);
        let left = self.margins.left_mm + (self.content_width_mm() - side) / 2.0;
        let top = self.cursor_mm + quiet;
        let boxes = symbol
            .dark_runs()
            .into_iter()
            .map(|(row, col, len)| {
                let x = left + col as f32 * module;
                [x, top + row as f32 * module, len as f32 * module, module]
            })
            .collect();
        self.current_page().push(Mark::Boxes(boxes));
        self.cursor_mm += side + 2.0 * quiet;
        Ok(())
    }

    /// Starts a new page (A4); on a receipt roll there is only one page.
    pub fn page_break(&mut self) {
        if self.page_size.breaks_pages() {
            self.pages.push(Vec::new());
            self.cursor_mm = self.margins.top_mm;
        }
    }

    /// Serialises the laid-out pages to PDF bytes, with `title` as the
    /// document title in its metadata.
    pub fn into_pdf(mut self, title: &str) -> Result<Vec<u8>, DocumentError> {
        self.draw_qr_footers();
        let width_mm = self.page_size.width_mm();
        let height_mm = if self.page_size.breaks_pages() {
            self.page_size.height_mm()
        } else {
            (self.cursor_mm + self.margins.bottom_mm).max(self.page_size.height_mm())
        };
        let mut pages = self.pages;
        if self.page_size.breaks_pages() {
            if let Some(footer) = &self.footer {
                add_footers(
                    &mut pages,
                    footer,
                    self.font,
                    width_mm,
                    height_mm,
                    self.margins,
                );
            }
        }
        let layouts = pages
            .into_iter()
            .map(|marks| PageLayout {
                width_mm,
                height_mm,
                marks,
            })
            .collect();
        render_pdf(title, self.font, layouts)
    }

    /// Moves to a new page first if a block `height_mm` tall would cross the
    /// bottom margin — unless the page is still empty, where it could never fit.
    fn reserve(&mut self, height_mm: f32) {
        let bottom_limit = self.page_size.height_mm() - self.margins.bottom_mm;
        let at_page_top = self.cursor_mm <= self.margins.top_mm;
        if self.page_size.breaks_pages()
            && self.cursor_mm + height_mm > bottom_limit
            && !at_page_top
        {
            self.page_break();
        }
    }

    fn current_page(&mut self) -> &mut Vec<Mark> {
        self.pages.last_mut().expect("a flow always has a page")
    }
}

/// Puts the footer (and page numbers, when there are several pages) centred
/// in the middle of the bottom margin of every page.
fn add_footers(
    pages: &mut [Vec<Mark>],
    footer: &str,
    font: &DocumentFont,
    width_mm: f32,
    height_mm: f32,
    margins: Margins,
) {
    let total = pages.len();
    let size_pt = TextStyle::SMALL.size_pt;
    let baseline_mm = height_mm - margins.bottom_mm / 2.0;
    for (index, marks) in pages.iter_mut().enumerate() {
        let mut text = footer.to_string();
        if total > 1 {
            let numbers = format!("第 {} 页 / 共 {} 页", index + 1, total);
            text = if text.is_empty() {
                numbers
            } else {
                format!("{text}    {numbers}")
            };
        }
        if text.is_empty() {
            continue;
        }
        let text_width_mm = font.text_width_pt(&text, size_pt) * MM_PER_PT;
        let content_width = width_mm - margins.left_mm - margins.right_mm;
        marks.push(Mark::Text {
            x_mm: margins.left_mm + ((content_width - text_width_mm) / 2.0).max(0.0),
            baseline_mm,
            text,
            size_pt,
            bold: false,
        });
    }
}
