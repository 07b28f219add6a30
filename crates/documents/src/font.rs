//! The one font every document uses: WenQuanYi Micro Hei, embedded in the binary.
//!
//! Shipping the font ourselves (instead of asking the OS) is what lets a hall
//! machine without any CJK font installed still print. It is parsed once per
//! process: parsing a 4.6 MB CJK font costs far more than rendering a slip.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use crate::DocumentError;

/// WenQuanYi Micro Hei 0.2.0-beta, Apache-2.0; see assets/fonts/README.md.
const WQY_MICROHEI_TTF: &[u8] = include_bytes!("../../../assets/fonts/wqy-microhei.ttf");

/// The parsed font together with the metrics layout needs, in em units
/// (1.0 = the font size), so callers never deal with font units.
pub(crate) struct DocumentFont {
    pub(crate) parsed: ParsedFont,
    units_per_em: f32,
    /// Distance from the baseline up to the top of the tallest glyphs.
    pub(crate) ascent_em: f32,
    /// Distance from the baseline down to the bottom of descenders (positive).
    pub(crate) descent_em: f32,
}

/// The shared font, parsed on first use.
pub(crate) fn document_font() -> Result<&'static DocumentFont, DocumentError> {
    static FONT: OnceLock<Option<DocumentFont>> = OnceLock::new();
    FONT.get_or_init(parse_embedded_font)
        .as_ref()
        .ok_or(DocumentError::FontUnavailable)
}

fn parse_embedded_font() -> Option<DocumentFont> {
    let parsed = ParsedFont::from_bytes(WQY_MICROHEI_TTF, 0, &mut Vec::new())?;
    let metrics = &parsed.pdf_font_metrics;
    let units_per_em = f32::from(metrics.units_per_em.max(1));
    let ascent_em = f32::from(metrics.ascender) / units_per_em;
    let descent_em = -f32::from(metrics.descender) / units_per_em;
    Some(DocumentFont {
        parsed,
        units_per_em,
        ascent_em,
        descent_em,
    })
}

impl DocumentFont {
    /// Advance width of one character, in em. A character the font lacks is
    /// drawn as glyph 0 (.notdef) by printpdf, so it is measured as glyph 0 too:
    /// measurement must match what is drawn or centring and wrapping drift.
    pub(crate) fn advance_em(&self, ch: char) -> f32 {
        let glyph = self.parsed.lookup_glyph_index(ch as u32).unwrap_or(0);
        f32::from(self.parsed.get_horizontal_advance(glyph)) / self.units_per_em
    }

    /// Width of `text` set at `size_pt`, in points. printpdf writes plain glyph
    /// runs without kerning, so the sum of advances is exactly the drawn width.
    pub(crate) fn text_width_pt(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|ch| self.advance_em(ch)).sum::<f32>() * size_pt
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_font_parses_and_has_sane_metrics() {
        let font = document_font().expect("embedded font parses");
        assert!(font.ascent_em > 0.5 && font.ascent_em < 1.5);
        assert!(font.descent_em > 0.0 && font.descent_em < 0.6);
    }

    #[test]
    fn cjk_glyphs_are_wider_than_latin_ones() {
        let font = document_font().unwrap();
        let han = font.advance_em('号');
        assert!(
            (han - 1.0).abs() < 0.05,
            "a Han glyph is about 1 em, got {han}"
        );
        assert!(font.advance_em('i') < han / 2.0);
        assert_eq!(font.text_width_pt("号号", 10.0), 2.0 * han * 10.0);
    }
}
