//! Renders every A4 notice with demo data to `docs/samples/<kind>.pdf` and a
//! 60 dpi preview of page one to `docs/samples/<kind>.png` (needs `pdftoppm`):
//! `cargo run -p onetrip-documents --example notice_samples`.

#[path = "../tests/support/notice_data.rs"]
mod notice_data;

use std::path::Path;
use std::process::Command;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/samples");
    std::fs::create_dir_all(&out_dir)?;
    for (stem, pdf) in notice_data::all_samples() {
        let pdf_path = out_dir.join(format!("{stem}.pdf"));
        std::fs::write(&pdf_path, &pdf)?;
        let status = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile"])
            .arg(&pdf_path)
            .arg(out_dir.join(stem))
            .status();
        let png = match status {
            Ok(s) if s.success() => format!(" + {stem}.png"),
            _ => " (pdftoppm unavailable: no PNG)".to_string(),
        };
        println!("wrote {} ({} bytes){png}", pdf_path.display(), pdf.len());
    }
    Ok(())
}
