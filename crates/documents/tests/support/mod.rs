//! Helpers for checking rendered PDFs with the Debian command-line tools a
//! person would use: poppler-utils (pdftotext, pdffonts, pdfinfo, pdftoppm),
//! qpdf and zbar-tools. They are installed on dev machines and in CI; a test
//! skips (saying so) only where one is missing.

#![allow(dead_code)] // each test binary uses a different subset

pub mod notice_data;

use std::path::{Path, PathBuf};
use std::process::Command;

use onetrip_documents::TicketSlip;

pub fn sample_slip() -> TicketSlip {
    TicketSlip {
        hall_name: "只跑一次综合服务大厅".into(),
        number: "A001".into(),
        category_name: "不动产登记".into(),
        waiting_ahead: 3,
        estimated_wait_minutes: Some(12),
        issued_at: "2026-11-27 09:05".into(),
        track_url: "https://hall.example.gov.cn/t/A001-7f3k9q".into(),
        notice: "过号请重新取号".into(),
        priority_label: None,
    }
}

/// A rendered PDF written to a temporary directory, for the tools to read.
pub struct PdfOnDisk {
    dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl PdfOnDisk {
    pub fn new(bytes: &[u8]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("document.pdf");
        std::fs::write(&path, bytes).expect("write pdf");
        PdfOnDisk { dir, path }
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH")
        .map(|paths| std::env::split_paths(&paths).any(|dir| dir.join(tool).is_file()))
        .unwrap_or(false)
}

/// Runs `tool args…` and returns its stdout, or `None` (after saying why on
/// stderr) if the tool is not installed. Panics if the tool fails.
pub fn run_tool<S: AsRef<std::ffi::OsStr>>(tool: &str, args: &[S]) -> Option<String> {
    if !on_path(tool) {
        eprintln!(
            "SKIPPED: `{tool}` is not installed (apt-get install poppler-utils qpdf zbar-tools)"
        );
        return None;
    }
    let output = Command::new(tool).args(args).output().expect("spawn tool");
    assert!(
        output.status.success(),
        "{tool} failed with {}:\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).expect("tool output is UTF-8"))
}

/// The text a person would get by copying from the PDF.
pub fn extract_text(pdf: &PdfOnDisk) -> Option<String> {
    run_tool("pdftotext", &[pdf.path.as_os_str(), "-".as_ref()])
}

/// Text with all whitespace removed, so wrapped lines can be compared to
/// the unwrapped input.
pub fn without_whitespace(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Page width and height in points, from `pdfinfo`.
pub fn page_size_pt(pdf: &PdfOnDisk) -> Option<(f32, f32)> {
    let info = run_tool("pdfinfo", &[pdf.path.as_os_str()])?;
    let line = info.lines().find(|l| l.starts_with("Page size:"))?;
    let mut numbers = line
        .split_whitespace()
        .filter_map(|word| word.parse::<f32>().ok());
    Some((numbers.next()?, numbers.next()?))
}

/// The right edge (in points) of the right-most word `pdftotext -bbox` finds.
pub fn rightmost_text_edge_pt(pdf: &PdfOnDisk) -> Option<f32> {
    let html = run_tool(
        "pdftotext",
        &["-bbox".as_ref(), pdf.path.as_os_str(), "-".as_ref()],
    )?;
    let edges = html.split("xMax=\"").skip(1).filter_map(|rest| {
        let value = rest.split('"').next()?;
        value.parse::<f32>().ok()
    });
    Some(edges.fold(0.0, f32::max))
}
