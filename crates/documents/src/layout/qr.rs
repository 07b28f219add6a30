//! QR codes as vector squares: crisp on a 203 dpi thermal head, tiny in the PDF,
//! and no image decoder needed.

use qrcode::{Color, EcLevel, QrCode};

use crate::DocumentError;

/// ISO/IEC 18004 asks for four light modules around the symbol; scanners
/// struggle to find the finder patterns without them.
pub(crate) const QUIET_ZONE_MODULES: usize = 4;

/// One dot of a 203 dpi (8 dots/mm) thermal printer. Module sizes are rounded
/// up to whole dots so every module prints the same width; uneven modules are
/// what makes thermal-printed QR codes hard to scan.
const PRINTER_DOT_MM: f32 = 0.125;

/// A QR symbol's modules, without quiet zone.
pub(crate) struct QrSymbol {
    /// Modules per side.
    pub(crate) modules: usize,
    /// Row-major, `true` for dark.
    dark: Vec<bool>,
}

/// Encodes `data` with medium (~15 %) error correction: enough to survive a
/// smudged thermal print, while keeping the symbol coarse for short URLs.
pub(crate) fn encode_qr(data: &str) -> Result<QrSymbol, DocumentError> {
    let code = QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M).map_err(|e| {
        DocumentError::QrCode {
            reason: e.to_string(),
        }
    })?;
    Ok(QrSymbol {
        modules: code.width(),
        dark: code
            .to_colors()
            .into_iter()
            .map(|c| c == Color::Dark)
            .collect(),
    })
}

impl QrSymbol {
    /// Horizontal runs of dark modules as `(row, first_column, length)`.
    /// Drawing runs instead of single modules cuts the path size several-fold.
    pub(crate) fn dark_runs(&self) -> Vec<(usize, usize, usize)> {
        let mut runs = Vec::new();
        for (row, cells) in self.dark.chunks(self.modules).enumerate() {
            let mut col = 0;
            while col < cells.len() {
                if !cells[col] {
                    col += 1;
                    continue;
                }
                let start = col;
                while col < cells.len() && cells[col] {
                    col += 1;
                }
                runs.push((row, start, col - start));
            }
        }
        runs
    }
}

/// Module edge length so the symbol is at least `min_symbol_mm` wide, rounded
/// up to whole printer dots.
pub(crate) fn module_size_mm(modules: usize, min_symbol_mm: f32) -> f32 {
    let exact = min_symbol_mm / modules.max(1) as f32;
    (exact / PRINTER_DOT_MM).ceil().max(1.0) * PRINTER_DOT_MM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_exactly_the_dark_modules() {
        let symbol = encode_qr("https://hall.example.cn/t/A001").unwrap();
        let covered: usize = symbol.dark_runs().iter().map(|(_, _, len)| len).sum();
        assert_eq!(covered, symbol.dark.iter().filter(|d| **d).count());
        // Finder pattern: the top-left 7 modules of row 0 are one dark run.
        assert_eq!(symbol.dark_runs()[0], (0, 0, 7));
    }

    #[test]
    fn module_size_reaches_the_minimum_in_whole_printer_dots() {
        let m = module_size_mm(29, 30.0);
        assert!(m * 29.0 >= 30.0);
        assert_eq!((m / PRINTER_DOT_MM).fract(), 0.0);
        assert!(m * 29.0 < 30.0 + 29.0 * PRINTER_DOT_MM);
    }
}
