//! Rows of side-by-side wrapped cells: bordered tables that repeat their
//! header on every page they continue onto, and borderless label/value fields.

use super::{Align, Flow, Mark, TextStyle};

/// One column of a [`Flow::table`].
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub header: String,
    /// Share of the table width, relative to the other columns' weights.
    pub weight: f32,
    pub align: Align,
}

impl Column {
    pub fn new(header: impl Into<String>, weight: f32, align: Align) -> Self {
        Column {
            header: header.into(),
            weight,
            align,
        }
    }
}

/// Space between a cell's border and its text.
const CELL_PAD_X_MM: f32 = 1.5;
const CELL_PAD_Y_MM: f32 = 1.0;
const BORDER_MM: f32 = 0.25;

/// Where a cell sits horizontally and how its text is aligned.
#[derive(Clone, Copy)]
struct Slot {
    x_mm: f32,
    width_mm: f32,
    align: Align,
}

impl Flow {
    /// A bordered table over the content width. Cells wrap inside their
    /// column; a row never splits, and a table continued on a new page
    /// repeats its header row there.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<String>], style: TextStyle) {
        let slots = self.slots(columns);
        let header: Vec<&str> = columns.iter().map(|c| c.header.as_str()).collect();
        let header_style = style.bold();
        let header_slots: Vec<Slot> = slots
            .iter()
            .map(|s| Slot {
                align: Align::Center,
                ..*s
            })
            .collect();
        let header_height = self.row_height(&header_slots, &header, header_style);
        let first_height = rows
            .first()
            .map(|r| self.row_height(&slots, &strs(r), style))
            .unwrap_or(0.0);
        self.reserve(header_height + first_height);
        self.draw_row(&header_slots, &header, header_style, true);
        for row in rows {
            let cells = strs(row);
            let height = self.row_height(&slots, &cells, style);
            if !self.fits(height) {
                self.page_break();
                self.draw_row(&header_slots, &header, header_style, true);
            }
            self.draw_row(&slots, &cells, style, true);
        }
    }

    /// A label in a fixed-width column followed by its value wrapped in the
    /// rest of the line: "申请人：  张三". A long value continues line by line
    /// onto the next page; the label stays with its first two lines.
    pub fn field(&mut self, label: &str, value: &str, label_width_mm: f32, style: TextStyle) {
        let left = self.margins.left_mm;
        let label_slot = Slot {
            x_mm: left,
            width_mm: label_width_mm,
            align: Align::Left,
        };
        let value_slot = Slot {
            x_mm: left + label_width_mm,
            width_mm: self.content_width_mm() - label_width_mm,
            align: Align::Left,
        };
        let label_lines = self.wrap(label, style.size_pt, inner_width(label_slot));
        let value_lines = self.wrap(value, style.size_pt, inner_width(value_slot));
        let count = label_lines.len().max(value_lines.len());
        let pitch = style.line_pitch_mm();
        self.reserve(pitch * count.min(2) as f32);
        for index in 0..count {
            self.reserve(pitch);
            let top = self.cursor_mm;
            if let Some(line) = label_lines.get(index) {
                let x = label_slot.x_mm + CELL_PAD_X_MM;
                self.place_line(line, style.bold(), x, inner_width(label_slot), top);
            }
            if let Some(line) = value_lines.get(index) {
                let x = value_slot.x_mm + CELL_PAD_X_MM;
                self.place_line(line, style, x, inner_width(value_slot), top);
            }
            self.cursor_mm += pitch;
        }
    }

    fn slots(&self, columns: &[Column]) -> Vec<Slot> {
        let total: f32 = columns
            .iter()
            .map(|c| c.weight.max(0.0))
            .sum::<f32>()
            .max(f32::EPSILON);
        let mut x = self.margins.left_mm;
        columns
            .iter()
            .map(|c| {
                let width_mm = self.content_width_mm() * c.weight.max(0.0) / total;
                let slot = Slot {
                    x_mm: x,
                    width_mm,
                    align: c.align,
                };
                x += width_mm;
                slot
            })
            .collect()
    }

    fn row_height(&self, slots: &[Slot], cells: &[&str], style: TextStyle) -> f32 {
        let lines = slots
            .iter()
            .zip(cells)
            .map(|(slot, cell)| self.wrap(cell, style.size_pt, inner_width(*slot)).len())
            .max()
            .unwrap_or(1);
        lines as f32 * style.line_pitch_mm() + 2.0 * CELL_PAD_Y_MM
    }

    fn draw_row(&mut self, slots: &[Slot], cells: &[&str], style: TextStyle, bordered: bool) {
        let height = self.row_height(slots, cells, style);
        let top = self.cursor_mm;
        for (slot, cell) in slots.iter().zip(cells) {
            self.draw_cell_text(*slot, cell, style, top);
        }
        if bordered {
            self.draw_borders(slots, top, height);
        }
        self.cursor_mm += height;
    }

    fn draw_cell_text(&mut self, slot: Slot, text: &str, style: TextStyle, top_mm: f32) {
        let pitch = style.line_pitch_mm();
        let width = inner_width(slot);
        let style = style.align(slot.align);
        for (index, line) in self.wrap(text, style.size_pt, width).iter().enumerate() {
            let line_top = top_mm + CELL_PAD_Y_MM + index as f32 * pitch;
            self.place_line(line, style, slot.x_mm + CELL_PAD_X_MM, width, line_top);
        }
    }

    fn draw_borders(&mut self, slots: &[Slot], top: f32, height: f32) {
        let (Some(first), Some(last)) = (slots.first(), slots.last()) else {
            return;
        };
        let left = first.x_mm;
        let right = last.x_mm + last.width_mm;
        let mut boxes = vec![
            [left, top, right - left, BORDER_MM],
            [left, top + height, right - left + BORDER_MM, BORDER_MM],
        ];
        boxes.extend(slots.iter().map(|s| [s.x_mm, top, BORDER_MM, height]));
        boxes.push([right, top, BORDER_MM, height]);
        self.current_page().push(Mark::Boxes(boxes));
    }

    /// Whether a block `height_mm` tall still fits above the bottom margin.
    pub(crate) fn fits(&self, height_mm: f32) -> bool {
        let bottom_limit = self.page_size.height_mm() - self.margins.bottom_mm;
        !self.page_size.breaks_pages() || self.cursor_mm + height_mm <= bottom_limit
    }
}

fn inner_width(slot: Slot) -> f32 {
    (slot.width_mm - 2.0 * CELL_PAD_X_MM).max(1.0)
}

fn strs(row: &[String]) -> Vec<&str> {
    row.iter().map(String::as_str).collect()
}
