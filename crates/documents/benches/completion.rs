//! Completion document (办结通知书) generation time and size, beside Chromium's
//! headless `--print-to-pdf` of an equivalent HTML page, measured in the same run.
//!
//! `cargo bench -p onetrip-documents --bench completion`
//!
//! - `BENCH_N` (default 200): timed printpdf renders, after a warm-up.
//! - `BENCH_CHROMIUM_N` (default 10): timed Chromium runs, one cold process
//!   each (what a server shelling out per document does), after one warm-up run
//!   that creates the profile directory.
//! - `BENCH_NO_DOC=1`: print the table only; leave docs/BENCHMARKS.md alone.
//! - `BENCH_KEEP=1`: keep the temporary HTML and both PDFs, and print where.
//!
//! The section `## Documents: completion PDF vs Chromium` of docs/BENCHMARKS.md
//! is replaced (or appended); every other section is left as it is.

#[path = "../tests/support/notice_data.rs"]
mod notice_data;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use onetrip_documents::{render_completion_document, CompletionDocument, Delivery};

const SECTION_HEADING: &str = "## Documents: completion PDF vs Chromium";
const CHROMIUM: &str = "/usr/bin/chromium";
const RERUN: &str = "cargo bench -p onetrip-documents --bench completion";
/// Demo case: three department results, as in docs/samples/completion.pdf.
const RESULTS: usize = 3;
const WARMUP: usize = 10;

const AIM_MEDIAN_MS: f64 = 20.0;
const AIM_SIZE_KB: f64 = 100.0;
const AIM_SPEEDUP: f64 = 20.0;

/// Latency summary of one path.
struct Stats {
    runs: usize,
    median_ms: f64,
    p99_ms: f64,
    max_ms: f64,
}

impl Stats {
    fn of(times: &[Duration]) -> Stats {
        let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1e3).collect();
        ms.sort_by(f64::total_cmp);
        let n = ms.len();
        let median = if n % 2 == 1 {
            ms[n / 2]
        } else {
            (ms[n / 2 - 1] + ms[n / 2]) / 2.0
        };
        // Nearest rank: the smallest value with at least 99 % of runs at or below it.
        let rank = ((0.99 * n as f64).ceil() as usize).clamp(1, n);
        Stats {
            runs: n,
            median_ms: median,
            p99_ms: ms[rank - 1],
            max_ms: ms[n - 1],
        }
    }
}

/// What `pdftotext`/`pdffonts` say about a PDF: is the Chinese text there, in which font.
struct PdfCheck {
    text_ok: Option<bool>,
    pages: Option<usize>,
    fonts: Option<String>,
}

struct ChromiumRun {
    version: String,
    stats: Stats,
    size: usize,
    check: PdfCheck,
}

enum ChromiumOutcome {
    Ran(ChromiumRun),
    Unavailable(String),
}

fn main() {
    let load = load_average();
    let n = env_usize("BENCH_N", 200);
    let m = env_usize("BENCH_CHROMIUM_N", 10);
    let doc = notice_data::completion(RESULTS);
    let work = tempfile::tempdir().expect("temporary directory");
    let keep = std::env::var("BENCH_KEEP").is_ok_and(|v| v == "1");

    // printpdf: the first render parses the embedded 4.6 MB font (once per process).
    let started = Instant::now();
    let pdf = render_completion_document(&doc).expect("render");
    let first_ms = started.elapsed().as_secs_f64() * 1e3;
    for _ in 0..WARMUP {
        std::hint::black_box(render_completion_document(&doc).expect("render"));
    }
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let started = Instant::now();
        let bytes = render_completion_document(std::hint::black_box(&doc)).expect("render");
        times.push(started.elapsed());
        std::hint::black_box(bytes);
    }
    let ours = Stats::of(&times);
    let ours_pdf = work.path().join("printpdf.pdf");
    std::fs::write(&ours_pdf, &pdf).expect("write PDF");
    let ours_check = check_pdf(&ours_pdf, &doc);

    let chromium = run_chromium(&doc, work.path(), m);

    let table = table(&ours, pdf.len(), &chromium);
    println!("\ncompletion document (办结通知书, {RESULTS} department results)\n");
    println!("{table}");
    println!("printpdf first render (font parse included): {first_ms:.1} ms");
    match &chromium {
        ChromiumOutcome::Ran(c) => {
            println!(
                "speed ratio (Chromium median / printpdf median): {:.0}×",
                c.stats.median_ms / ours.median_ms
            );
            println!("printpdf: {}", describe_check(&ours_check));
            println!("Chromium: {}", describe_check(&c.check));
        }
        ChromiumOutcome::Unavailable(why) => println!("Chromium not measured: {why}"),
    }

    if keep {
        println!("kept the HTML and both PDFs in {}", work.keep().display());
    }
    if std::env::var("BENCH_NO_DOC").is_ok_and(|v| v == "1") {
        return;
    }
    let section = section(
        n,
        m,
        first_ms,
        &ours,
        pdf.len(),
        &ours_check,
        &chromium,
        &table,
        &load,
    );
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/BENCHMARKS.md");
    let old = std::fs::read_to_string(&path).unwrap_or_else(|_| "# Benchmarks\n".to_string());
    std::fs::write(&path, replace_section(&old, &section)).expect("write docs/BENCHMARKS.md");
    println!(
        "\nwrote the section \"{SECTION_HEADING}\" of {}",
        path.display()
    );
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&v| v > 0)
        .unwrap_or(default)
}

fn run_chromium(doc: &CompletionDocument, dir: &Path, runs: usize) -> ChromiumOutcome {
    if !Path::new(CHROMIUM).exists() {
        return ChromiumOutcome::Unavailable(format!("{CHROMIUM} is not installed"));
    }
    let version = Command::new(CHROMIUM)
        .arg("--version")
        .stderr(Stdio::null())
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    let html = dir.join("completion.html");
    std::fs::write(&html, completion_html(doc)).expect("write HTML");
    let profile = dir.join("chromium-profile");
    let out = dir.join("chromium.pdf");
    let print = |out: &Path| -> Result<Duration, String> {
        let _ = std::fs::remove_file(out);
        let started = Instant::now();
        let result = Command::new(CHROMIUM)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", out.display()))
            .arg(format!("file://{}", html.display()))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output();
        let elapsed = started.elapsed();
        match result {
            Ok(o) if o.status.success() && out.exists() => Ok(elapsed),
            Ok(o) => Err(format!(
                "chromium failed ({}): {}",
                o.status,
                String::from_utf8_lossy(&o.stderr)
                    .lines()
                    .last()
                    .unwrap_or("")
            )),
            Err(e) => Err(format!("cannot start {CHROMIUM}: {e}")),
        }
    };
    // The first run creates the profile directory; not timed.
    if let Err(why) = print(&out) {
        return ChromiumOutcome::Unavailable(why);
    }
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        match print(&out) {
            Ok(t) => times.push(t),
            Err(why) => return ChromiumOutcome::Unavailable(why),
        }
    }
    let size = std::fs::metadata(&out)
        .map(|m| m.len() as usize)
        .unwrap_or(0);
    ChromiumOutcome::Ran(ChromiumRun {
        version,
        stats: Stats::of(&times),
        size,
        check: check_pdf(&out, doc),
    })
}

/// The same content as `render_completion_document`: header, number, addressee,
/// the three sections, signature line, closing and the QR footer, in the same
/// font (WenQuanYi Micro Hei from the repository, by @font-face) on A4.
fn completion_html(doc: &CompletionDocument) -> String {
    let font = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../assets/fonts/wqy-microhei.ttf")
        .canonicalize()
        .expect("assets/fonts/wqy-microhei.ttf");
    let mut fields_one = vec![("事项名称".to_string(), esc(&doc.matter_name))];
    if !doc.member_matters.is_empty() {
        let lines: Vec<String> = doc
            .member_matters
            .iter()
            .enumerate()
            .map(|(i, m)| format!("{}. {}", i + 1, esc(m)))
            .collect();
        fields_one.push(("包含事项".to_string(), lines.join("<br>")));
    }
    fields_one.extend([
        ("申请人".to_string(), esc(&doc.applicant.name)),
        (esc(&doc.applicant.id_label), esc(&doc.applicant.id_number)),
        ("办结时间".to_string(), esc(&doc.completed_at)),
    ]);
    let fields_three = vec![
        (
            "送达方式".to_string(),
            esc(&describe_delivery(&doc.delivery)),
        ),
        ("出件人".to_string(), esc(&doc.clerk)),
    ];
    let mut rows = String::new();
    for (i, r) in doc.results.iter().enumerate() {
        let _ = write!(
            rows,
            "<tr><td class=c>{}</td><td>{}</td><td>{}</td><td class=c>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&r.department),
            esc(&r.matter_name),
            r.decision.label(),
            esc(&r.opinion)
        );
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>办结通知书 受理编号：{case_no}</title>
<style>
@font-face {{ font-family: "WQY"; src: url("file://{font}") format("truetype"); }}
@page {{ size: A4; margin: 20mm 22mm 12mm 22mm; }}
html {{ font-family: "WQY"; font-size: 11pt; line-height: 1.5; color: #000; }}
body {{ margin: 0; }}
.hall {{ text-align: center; font-size: 14pt; font-weight: bold; margin: 0 0 2mm; }}
h1 {{ text-align: center; font-size: 22pt; font-weight: bold; margin: 0; }}
.number {{ text-align: right; margin: 0; border-bottom: 0.5pt solid #000; padding-bottom: 1.5mm; margin-bottom: 2mm; }}
.to {{ font-weight: bold; margin: 0; }}
p {{ margin: 0; }}
.para {{ text-indent: 2em; }}
h2 {{ font-size: 12pt; font-weight: bold; margin: 2mm 0 0.5mm; break-after: avoid; }}
table.f {{ border-collapse: collapse; margin-bottom: 1.5mm; }}
table.f th {{ width: 42mm; text-align: left; font-weight: bold; vertical-align: top; padding: 0; }}
table.f td {{ padding: 0; }}
table.r {{ width: 100%; border-collapse: collapse; font-size: 10pt; line-height: 1.35; margin: 1mm 0 3mm; }}
table.r th, table.r td {{ border: 0.5pt solid #000; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }}
table.r th {{ text-align: center; background: #e6e6e6; print-color-adjust: exact; }}
.c {{ text-align: center; }}
.right {{ text-align: right; }}
.sign {{ margin-top: 4mm; }}
.closing {{ margin-top: 5mm; }}
footer {{ position: fixed; left: 0; right: 0; bottom: 0; height: 27mm; box-sizing: border-box; border-top: 0.5pt solid #000; padding-top: 3mm; display: flex; gap: 5mm; }}
footer svg {{ width: 20mm; height: 20mm; flex: none; }}
footer .cap {{ font-size: 9pt; flex: 1; }}
footer .url {{ font-size: 7pt; word-break: break-all; }}
footer .pages {{ font-size: 9pt; }}
</style></head>
<body>
<footer>{qr}<div class=cap>{caption}<div class=url>{url}</div></div><div class=pages>第 1 页 / 共 1 页</div></footer>
<p class=hall>{hall}</p>
<h1>办结通知书</h1>
<p class=number>受理编号：{case_no}</p>
<p class=to>{applicant}：</p>
<p class=para>你（单位）申请办理的“{matter}”已于{completed}办结，办理结果如下。</p>
<h2>一、办件信息</h2>
{fields_one}
<h2>二、办理结果（共 {count} 项）</h2>
<table class=r><thead><tr><th style="width:8%">序号</th><th style="width:23%">部门</th><th style="width:26%">事项</th><th style="width:12%">结果</th><th>意见</th></tr></thead>
<tbody>{rows}</tbody></table>
<h2>三、出件</h2>
{fields_three}
<p class="right sign">领取人（签字）：________________&nbsp;&nbsp;&nbsp;&nbsp;领取日期：____年____月____日</p>
<div class="right closing"><p>{office}（盖章）</p><p>{issued}</p></div>
</body></html>
"#,
        font = font.display(),
        qr = qr_svg(&doc.qr_url),
        caption = "扫码查询办理进度 / 核验真伪",
        url = esc(&doc.qr_url),
        hall = esc(&doc.hall_name),
        case_no = esc(&doc.case_no),
        applicant = esc(&doc.applicant.name),
        matter = esc(&doc.matter_name),
        completed = esc(&doc.completed_at),
        fields_one = fields_table(&fields_one),
        count = doc.results.len(),
        fields_three = fields_table(&fields_three),
        office = esc(&doc.office),
        issued = esc(&doc.issued_at),
    )
}

fn fields_table(fields: &[(String, String)]) -> String {
    let mut html = String::from("<table class=f>");
    for (label, value) in fields {
        let _ = write!(html, "<tr><th>{label}：</th><td>{value}</td></tr>");
    }
    html.push_str("</table>");
    html
}

/// The library's `Delivery::describe` is crate-private; same wording here.
fn describe_delivery(delivery: &Delivery) -> String {
    match delivery {
        Delivery::WindowPickup { place } => format!("窗口领取：{place}"),
        Delivery::Mail {
            recipient,
            phone,
            address,
            carrier,
            waybill_no,
        } => {
            let mut text = format!("邮寄送达：{recipient}，{phone}，{address}");
            if let Some(carrier) = carrier {
                let _ = write!(text, "；承运：{carrier}");
            }
            if let Some(no) = waybill_no {
                let _ = write!(text, "；运单号：{no}");
            }
            text
        }
    }
}

/// The QR code (same data and error correction as the PDF) as inline SVG,
/// one path of dark-module runs, with the 4-module quiet zone.
fn qr_svg(data: &str) -> String {
    let code = qrcode::QrCode::with_error_correction_level(data.as_bytes(), qrcode::EcLevel::M)
        .expect("QR code");
    let width = code.width();
    let colors = code.to_colors();
    let quiet = 4;
    let mut path = String::new();
    for (row, cells) in colors.chunks(width).enumerate() {
        let mut col = 0;
        while col < width {
            if cells[col] != qrcode::Color::Dark {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && cells[col] == qrcode::Color::Dark {
                col += 1;
            }
            let _ = write!(
                path,
                "M{} {}h{}v1h-{}z",
                start + quiet,
                row + quiet,
                col - start,
                col - start
            );
        }
    }
    let side = width + 2 * quiet;
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges"><path d="{path}" fill="#000"/></svg>"##
    )
}

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Checks with poppler-utils that the Chinese text is really in the PDF
/// (extractable, so drawn with a real CJK font) and which fonts it embeds.
fn check_pdf(pdf: &Path, doc: &CompletionDocument) -> PdfCheck {
    let text = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    let squeezed = text
        .as_deref()
        .map(|t| t.split_whitespace().collect::<String>());
    let text_ok = squeezed.map(|t| {
        [
            doc.hall_name.as_str(),
            "办结通知书",
            doc.case_no.as_str(),
            "二、办理结果",
            "准予许可",
            "不予许可",
        ]
        .iter()
        .all(|needle| t.contains(needle))
    });
    let pages = text.as_deref().map(|t| t.matches('\u{c}').count().max(1));
    let fonts = Command::new("pdffonts")
        .arg(pdf)
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| {
            let listing = String::from_utf8_lossy(&o.stdout).into_owned();
            let names: std::collections::BTreeSet<String> = listing
                .lines()
                .skip(2)
                .filter_map(|l| {
                    let name = l.split_whitespace().next()?;
                    Some(if name == "[none]" && l.contains("Type 3") {
                        "unnamed Type 3 glyphs".to_string()
                    } else {
                        name.split_once('+').map_or(name, |(_, n)| n).to_string()
                    })
                })
                .collect();
            names.into_iter().collect::<Vec<_>>().join(", ")
        });
    PdfCheck {
        text_ok,
        pages,
        fonts,
    }
}

fn describe_check(check: &PdfCheck) -> String {
    let text = match check.text_ok {
        Some(true) => "pdftotext finds the Chinese text",
        Some(false) => "pdftotext does NOT find the Chinese text",
        None => "pdftotext unavailable",
    };
    let pages = check
        .pages
        .map_or(String::new(), |p| format!("; {p} page(s)"));
    let fonts = check
        .fonts
        .as_deref()
        .map_or(String::new(), |f| format!("; fonts: {f}"));
    format!("{text}{pages}{fonts}")
}

fn kb(bytes: usize) -> f64 {
    bytes as f64 / 1000.0
}

fn yes_no(met: bool) -> &'static str {
    if met {
        "yes"
    } else {
        "no"
    }
}

fn table(ours: &Stats, size: usize, chromium: &ChromiumOutcome) -> String {
    let mut t = String::from(
        "| path | runs | median ms | p99 ms | max ms | size KB |\n\
         |------|-----:|----------:|-------:|-------:|--------:|\n",
    );
    let _ = writeln!(
        t,
        "| printpdf (`render_completion_document`) | {} | {:.2} | {:.2} | {:.2} | {:.1} |",
        ours.runs,
        ours.median_ms,
        ours.p99_ms,
        ours.max_ms,
        kb(size)
    );
    match chromium {
        ChromiumOutcome::Ran(c) => {
            let _ = writeln!(
                t,
                "| Chromium `--headless --print-to-pdf`, one process per document | {} | {:.1} | {:.1} | {:.1} | {:.1} |",
                c.stats.runs,
                c.stats.median_ms,
                c.stats.p99_ms,
                c.stats.max_ms,
                kb(c.size)
            );
        }
        ChromiumOutcome::Unavailable(_) => {
            t.push_str("| Chromium `--headless --print-to-pdf` | — | not measured | — | — | — |\n");
        }
    }
    t
}

#[allow(clippy::too_many_arguments)]
fn section(
    n: usize,
    m: usize,
    first_ms: f64,
    ours: &Stats,
    size: usize,
    ours_check: &PdfCheck,
    chromium: &ChromiumOutcome,
    table: &str,
    load: &str,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{SECTION_HEADING}\n");
    let _ = writeln!(
        s,
        "Generation of the completion document (办结通知书/出件单) with the demo data of \
         `crates/documents/tests/support/notice_data.rs` ({RESULTS} department results, one A4 page): \
         `render_completion_document` (printpdf, embedded subset WenQuanYi Micro Hei, vector QR code) \
         against Chromium printing an equivalent HTML page — same texts, layout and A4 margins, the QR \
         code as inline SVG, and the same font file (`assets/fonts/wqy-microhei.ttf`) by `@font-face`. \
         printpdf: {WARMUP} untimed renders after the first (which parses the 4.6 MB font once per \
         process), then N timed renders in one process. Chromium: one untimed run that creates the \
         profile directory, then M runs of `{CHROMIUM} --headless --no-sandbox --disable-gpu \
         --disable-background-networking --disable-component-update --disable-sync --no-first-run \
         --user-data-dir=<tmp> --no-pdf-header-footer --print-to-pdf=<out> file://<html>`, each a cold \
         process timed from spawn to exit — what a server shelling out per document pays. \
         Sizes in KB of 1000 bytes.\n"
    );
    let _ = writeln!(
        s,
        "Rerun: `{RERUN}` (`BENCH_N=200` printpdf renders, `BENCH_CHROMIUM_N=10` Chromium runs, \
         `BENCH_NO_DOC=1` to leave this file alone, `BENCH_KEEP=1` to keep the HTML and both PDFs).\n"
    );
    let chromium_version = match chromium {
        ChromiumOutcome::Ran(c) => format!("; {}", c.version),
        ChromiumOutcome::Unavailable(_) => String::new(),
    };
    let _ = writeln!(
        s,
        "Run: {}, commit {}; {} CPUs ({}); build profile `{}`; N = {n}, M = {m}{chromium_version}; load average before the run {load}.\n",
        utc_now(),
        commit(),
        std::thread::available_parallelism().map_or(0, |p| p.get()),
        cpu_model(),
        if cfg!(debug_assertions) {
            "dev (debug assertions on: not representative)"
        } else {
            "bench (= release: thin LTO, 4 codegen units)"
        },
    );
    s.push_str(table);
    s.push('\n');
    let _ = writeln!(
        s,
        "printpdf's first render in a process, font parse included: {first_ms:.1} ms.\n"
    );
    let _ = writeln!(s, "Output checked with poppler-utils:\n");
    let _ = writeln!(s, "- printpdf: {}", describe_check(ours_check));
    match chromium {
        ChromiumOutcome::Ran(c) => {
            let _ = writeln!(s, "- Chromium: {}\n", describe_check(&c.check));
            if c.check
                .fonts
                .as_deref()
                .is_some_and(|f| f.contains("Type 3"))
            {
                let _ = writeln!(
                    s,
                    "WenQuanYi Micro Hei has no bold face: Chromium draws the synthetic bold of \
                     the headings, labels and table header as unnamed Type 3 glyph outlines, \
                     which is most of its file size (printpdf embeds one subset font).\n"
                );
            }
            let ratio = c.stats.median_ms / ours.median_ms;
            let _ = writeln!(
                s,
                "Speed ratio (Chromium median / printpdf median): **{ratio:.0}×**.\n"
            );
            let _ = writeln!(s, "| aim | measured | met |\n|-----|---------:|:---:|");
            let _ = writeln!(
                s,
                "| printpdf median ≤ {AIM_MEDIAN_MS} ms | {:.2} ms | {} |",
                ours.median_ms,
                yes_no(ours.median_ms <= AIM_MEDIAN_MS)
            );
            let _ = writeln!(
                s,
                "| printpdf size ≤ {AIM_SIZE_KB} KB | {:.1} KB | {} |",
                kb(size),
                yes_no(kb(size) <= AIM_SIZE_KB)
            );
            let _ = writeln!(
                s,
                "| ≥ {AIM_SPEEDUP}× faster than Chromium | {ratio:.0}× | {} |",
                yes_no(ratio >= AIM_SPEEDUP)
            );
        }
        ChromiumOutcome::Unavailable(why) => {
            let _ = writeln!(
                s,
                "\n**Chromium was not measured: {why}.** The speed ratio (aim ≥ {AIM_SPEEDUP}×) \
                 is unknown for this run.\n"
            );
            let _ = writeln!(s, "| aim | measured | met |\n|-----|---------:|:---:|");
            let _ = writeln!(
                s,
                "| printpdf median ≤ {AIM_MEDIAN_MS} ms | {:.2} ms | {} |",
                ours.median_ms,
                yes_no(ours.median_ms <= AIM_MEDIAN_MS)
            );
            let _ = writeln!(
                s,
                "| printpdf size ≤ {AIM_SIZE_KB} KB | {:.1} KB | {} |",
                kb(size),
                yes_no(kb(size) <= AIM_SIZE_KB)
            );
            let _ = writeln!(
                s,
                "| ≥ {AIM_SPEEDUP}× faster than Chromium | not measured | unknown |"
            );
        }
    }
    s
}

/// Replaces the section from `SECTION_HEADING` up to the next `## ` heading
/// (or the end of the file), or appends it when absent.
fn replace_section(old: &str, section: &str) -> String {
    let start = old
        .match_indices(SECTION_HEADING)
        .map(|(i, _)| i)
        .find(|&i| i == 0 || old[..i].ends_with('\n'));
    match start {
        Some(start) => {
            let after = start + SECTION_HEADING.len();
            let end = old[after..]
                .find("\n## ")
                .map_or(old.len(), |i| after + i + 1);
            let mut new = String::with_capacity(old.len() + section.len());
            new.push_str(&old[..start]);
            new.push_str(section);
            if end < old.len() {
                new.push('\n');
            }
            new.push_str(&old[end..]);
            new
        }
        None => {
            let mut new = old.trim_end_matches('\n').to_string();
            new.push_str("\n\n");
            new.push_str(section);
            new
        }
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_string())
        })
        .unwrap_or_else(|| "CPU model unknown".to_string())
}

fn commit() -> String {
    let dir: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let head = Command::new("git")
        .arg("-C")
        .arg(&dir)
        .args(["rev-parse", "--short", "HEAD"])
        .stderr(Stdio::null())
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    match head {
        Some(head) => head,
        None => "unknown".to_string(),
    }
}

/// "YYYY-MM-DD HH:MM UTC" without a date crate (days-from-civil, inverted).
fn utc_now() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60
    )
}
