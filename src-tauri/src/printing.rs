//! Silent printing through CUPS: the kiosk's slip to the receipt printer, documents to the A4
//! printer. The pages hand over the hall server's PDF; the shell only moves bytes to `lp` and
//! reports trouble in words a clerk or citizen can act on.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use base64::Engine;
use serde::Serialize;

/// The largest PDF a page may hand over (a ticket slip is ~20 KB, a notice ~50 KB).
const MAX_PDF_BYTES: usize = 8 * 1024 * 1024;

/// Which printer a job goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    /// 80 mm receipt printer: ticket slips.
    Receipt,
    /// A4 printer: notices, completion documents.
    A4,
}

impl Paper {
    fn label(self) -> &'static str {
        match self {
            Paper::Receipt => "小票打印机",
            Paper::A4 => "A4 打印机",
        }
    }
}

/// The CUPS queue names from the settings; empty means none attached.
#[derive(Debug, Clone, Default)]
pub struct Printers {
    pub receipt: String,
    pub a4: String,
    /// How long a job may stay queued before the printer counts as stuck.
    pub stuck_after: Duration,
}

impl Printers {
    pub fn queue(&self, paper: Paper) -> Option<&str> {
        let name = match paper {
            Paper::Receipt => self.receipt.trim(),
            Paper::A4 => self.a4.trim(),
        };
        (!name.is_empty()).then_some(name)
    }
}

/// A job CUPS took and finished (or, for a slow printer, is still working on without trouble).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Printed {
    pub printer: String,
    pub job: String,
}

/// Why nothing (or not all) came out; sent to the page as `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrintError {
    pub code: PrintErrorCode,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrintErrorCode {
    /// The page sent something that is not a PDF, or too much of it.
    BadDocument,
    /// No printer of this kind is configured: the page shows a preview instead.
    NoPrinter,
    /// The printer is unknown to CUPS, disabled or refusing jobs.
    PrinterUnavailable,
    /// `lp` refused the job.
    PrintFailed,
    /// The job did not leave the queue in time (paper out, jam, cable).
    PrinterStuck,
}

impl PrintError {
    fn new(code: PrintErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

/// Decodes the page's base64 PDF and checks it is one.
pub fn decode_pdf(base64_pdf: &str) -> Result<Vec<u8>, PrintError> {
    if base64_pdf.len() > MAX_PDF_BYTES / 3 * 4 + 4 {
        return Err(PrintError::new(
            PrintErrorCode::BadDocument,
            "文件过大，无法打印",
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(base64_pdf.trim())
        .map_err(|_| PrintError::new(PrintErrorCode::BadDocument, "打印内容无法识别"))?;
    if !bytes.starts_with(b"%PDF-") {
        return Err(PrintError::new(
            PrintErrorCode::BadDocument,
            "打印内容不是 PDF 文件",
        ));
    }
    Ok(bytes)
}

/// Sends `pdf` to the printer for `paper` and waits until CUPS has passed it on.
pub fn print(
    printers: &Printers,
    paper: Paper,
    pdf: &[u8],
    title: &str,
) -> Result<Printed, PrintError> {
    let queue = printers.queue(paper).ok_or_else(|| {
        PrintError::new(
            PrintErrorCode::NoPrinter,
            format!("未配置{}，请使用打印预览", paper.label()),
        )
    })?;
    check_ready(queue, paper)?;
    let dir = tempfile::tempdir().map_err(|e| failed(queue, &e.to_string()))?;
    let file = dir.path().join("document.pdf");
    std::fs::write(&file, pdf).map_err(|e| failed(queue, &e.to_string()))?;
    let job = submit(queue, &file, title)?;
    wait_until_printed(queue, &job, printers.stuck_after)?;
    Ok(Printed {
        printer: queue.to_owned(),
        job,
    })
}

fn failed(queue: &str, detail: &str) -> PrintError {
    tracing::warn!(printer = queue, detail, "print failed");
    PrintError::new(
        PrintErrorCode::PrintFailed,
        format!("打印机 {queue} 未能接收打印任务，请联系工作人员"),
    )
}

fn run(program: &str, args: &[&str]) -> Result<(bool, String), String> {
    let output = Command::new(program)
        .args(args)
        .env("LC_ALL", "C")
        .output()
        .map_err(|e| format!("{program}: {e}"))?;
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    Ok((output.status.success(), text))
}

/// The printer exists, is enabled and accepts jobs.
fn check_ready(queue: &str, paper: Paper) -> Result<(), PrintError> {
    let unavailable = |why: &str| {
        PrintError::new(
            PrintErrorCode::PrinterUnavailable,
            format!("{}（{queue}）{why}，请联系工作人员", paper.label()),
        )
    };
    let (ok, status) = run("lpstat", &["-p", queue]).map_err(|e| {
        tracing::warn!("{e}");
        unavailable("无法连接打印服务")
    })?;
    match printer_state(&status) {
        _ if !ok => Err(unavailable("不存在或未连接")),
        PrinterState::Disabled => Err(unavailable("已停用")),
        PrinterState::Unknown => Err(unavailable("不存在或未连接")),
        PrinterState::Idle | PrinterState::Printing => {
            let (_, accepting) = run("lpstat", &["-a", queue]).unwrap_or_default();
            if accepting.contains("not accepting") {
                Err(unavailable("暂停接收打印任务"))
            } else {
                Ok(())
            }
        }
    }
}

fn submit(queue: &str, file: &Path, title: &str) -> Result<String, PrintError> {
    let title = if title.trim().is_empty() {
        "onetrip"
    } else {
        title.trim()
    };
    let path = file.to_string_lossy();
    let (ok, out) = run("lp", &["-d", queue, "-t", title, &path]).map_err(|e| failed(queue, &e))?;
    if !ok {
        return Err(failed(queue, &out));
    }
    request_id(&out).ok_or_else(|| failed(queue, &out))
}

/// Polls the queue until the job has left it; a job still waiting after `stuck_after` is
/// cancelled, so it cannot come out later as a duplicate after a reprint.
fn wait_until_printed(queue: &str, job: &str, stuck_after: Duration) -> Result<(), PrintError> {
    let start = Instant::now();
    loop {
        let (_, pending) =
            run("lpstat", &["-W", "not-completed", "-o", queue]).map_err(|e| failed(queue, &e))?;
        if !job_listed(&pending, job) {
            return Ok(());
        }
        if start.elapsed() >= stuck_after {
            let _ = run("cancel", &[job]);
            let (_, status) = run("lpstat", &["-l", "-p", queue]).unwrap_or_default();
            tracing::warn!(printer = queue, job, status, "print job stuck; cancelled");
            return Err(PrintError::new(
                PrintErrorCode::PrinterStuck,
                format!("打印机 {queue} 没有出纸（可能缺纸、卡纸或未连接），请联系工作人员补打"),
            ));
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PrinterState {
    Idle,
    Printing,
    Disabled,
    Unknown,
}

/// Reads `lpstat -p` (in the C locale): "printer X is idle.", "printer X now printing X-3.",
/// "printer X disabled since …".
fn printer_state(lpstat: &str) -> PrinterState {
    let line = lpstat
        .lines()
        .find(|l| l.starts_with("printer "))
        .unwrap_or("");
    if line.contains(" disabled") {
        PrinterState::Disabled
    } else if line.contains(" is idle") {
        PrinterState::Idle
    } else if line.contains(" now printing") {
        PrinterState::Printing
    } else {
        PrinterState::Unknown
    }
}

/// Reads `lp`'s "request id is X-12 (1 file(s))".
fn request_id(lp_output: &str) -> Option<String> {
    let rest = lp_output.split("request id is ").nth(1)?;
    let id = rest.split_whitespace().next()?;
    (!id.is_empty()).then(|| id.to_owned())
}

/// Whether `lpstat -o` lists the job (first column).
fn job_listed(lpstat_o: &str, job: &str) -> bool {
    lpstat_o
        .lines()
        .any(|l| l.split_whitespace().next() == Some(job))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lp_and_lpstat() {
        assert_eq!(
            request_id("request id is slip-12 (1 file(s))\n").as_deref(),
            Some("slip-12")
        );
        assert_eq!(request_id("lp: Error - no default destination"), None);
        assert_eq!(
            printer_state("printer slip is idle.  enabled since Fri 27 Nov"),
            PrinterState::Idle
        );
        assert_eq!(
            printer_state("printer slip now printing slip-3.  enabled since x"),
            PrinterState::Printing
        );
        assert_eq!(
            printer_state("printer slip disabled since Fri 27 Nov -\n\tPaused"),
            PrinterState::Disabled
        );
        assert_eq!(
            printer_state("lpstat: Invalid destination name in list \"x\"."),
            PrinterState::Unknown
        );
        let queue = "slip-12   root  1024   Fri 27 Nov 2026\nslip-13   root  1024   Fri\n";
        assert!(job_listed(queue, "slip-13"));
        assert!(!job_listed(queue, "slip-1"));
    }

    #[test]
    fn only_pdfs_of_a_sane_size_are_printed() {
        let b64 = |b: &[u8]| base64::engine::general_purpose::STANDARD.encode(b);
        assert_eq!(decode_pdf(&b64(b"%PDF-1.7 x")).unwrap(), b"%PDF-1.7 x");
        assert_eq!(
            decode_pdf(&b64(b"<html>")).unwrap_err().code,
            PrintErrorCode::BadDocument
        );
        assert_eq!(
            decode_pdf("not base64!").unwrap_err().code,
            PrintErrorCode::BadDocument
        );
        let huge = "A".repeat(MAX_PDF_BYTES / 3 * 4 + 8);
        assert_eq!(
            decode_pdf(&huge).unwrap_err().code,
            PrintErrorCode::BadDocument
        );
    }

    #[test]
    fn no_configured_printer_means_preview() {
        let printers = Printers::default();
        let err = print(&printers, Paper::A4, b"%PDF-1.7", "t").unwrap_err();
        assert_eq!(err.code, PrintErrorCode::NoPrinter);
        assert!(err.message.contains("A4"));
    }

    #[test]
    fn a_printer_cups_does_not_know_is_unavailable() {
        let printers = Printers {
            receipt: "onetrip-no-such-printer".into(),
            ..Printers::default()
        };
        let err = print(&printers, Paper::Receipt, b"%PDF-1.7", "t").unwrap_err();
        assert_eq!(err.code, PrintErrorCode::PrinterUnavailable, "{err:?}");
    }
}
