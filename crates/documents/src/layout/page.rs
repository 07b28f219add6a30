//! Paper the hall prints on.

/// The physical page a document is laid out on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PageSize {
    /// A slip from an 80 mm thermal receipt roll. The roll has no fixed page
    /// length, so `height_mm` is a minimum: the slip grows to fit its content
    /// and never breaks onto a second page.
    Receipt80mm { height_mm: f32 },
    /// ISO A4 portrait, 210 × 297 mm; content flows onto further pages.
    A4,
}

impl PageSize {
    pub fn width_mm(self) -> f32 {
        match self {
            PageSize::Receipt80mm { .. } => 80.0,
            PageSize::A4 => 210.0,
        }
    }

    /// The nominal height; for a receipt, the minimum height.
    pub fn height_mm(self) -> f32 {
        match self {
            PageSize::Receipt80mm { height_mm } => height_mm,
            PageSize::A4 => 297.0,
        }
    }

    /// Whether content beyond the bottom margin continues on a new page
    /// (A4) or lengthens the one page (a receipt roll).
    pub fn breaks_pages(self) -> bool {
        matches!(self, PageSize::A4)
    }

    /// Margins that suit the paper: 80 mm thermal printers print only the
    /// middle ~72 mm; A4 notices use ordinary office margins.
    pub fn default_margins(self) -> Margins {
        match self {
            PageSize::Receipt80mm { .. } => Margins::uniform(4.0),
            PageSize::A4 => Margins {
                top_mm: 25.0,
                right_mm: 20.0,
                bottom_mm: 20.0,
                left_mm: 20.0,
            },
        }
    }
}

/// Blank space kept free at each edge of the page, in millimetres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top_mm: f32,
    pub right_mm: f32,
    pub bottom_mm: f32,
    pub left_mm: f32,
}

impl Margins {
    pub fn uniform(mm: f32) -> Self {
        Margins {
            top_mm: mm,
            right_mm: mm,
            bottom_mm: mm,
            left_mm: mm,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn receipt_printable_width_is_72mm() {
        let page = PageSize::Receipt80mm { height_mm: 120.0 };
        let m = page.default_margins();
        assert_eq!(page.width_mm() - m.left_mm - m.right_mm, 72.0);
        assert!(!page.breaks_pages());
        assert!(PageSize::A4.breaks_pages());
    }
}
