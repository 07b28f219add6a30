//! The A4 notices as a person, a phone and a PDF checker see them: the text
//! (title, number, long names, every list item), the embedded subset font,
//! a valid file, the footer QR code, page numbers across pages, and
//! byte-identical output for identical data.

mod support;

use std::time::{Duration, Instant};

use onetrip_documents::*;
use support::notice_data::{self as demo, LONG_NAME, QR_URL};
use support::{extract_text, rightmost_text_edge_pt, run_tool, without_whitespace, PdfOnDisk};

/// One rendered notice and the strings it must show.
struct Case {
    kind: &'static str,
    pdf: Vec<u8>,
    expected: Vec<String>,
}

fn cases() -> Vec<Case> {
    let acceptance = demo::acceptance(3);
    let one_time = demo::one_time(3);
    let pledge = demo::pledge(2);
    let refusal = demo::refusal();
    let correction = demo::correction(2);
    let completion = demo::completion(3);
    vec![
        Case {
            kind: "acceptance",
            pdf: render_acceptance_notice(&acceptance).unwrap(),
            expected: [
                vec!["受理通知书".into(), acceptance.case_no.clone()],
                acceptance.member_matters.clone(),
                acceptance
                    .materials
                    .iter()
                    .map(|m| m.name.clone())
                    .collect(),
                vec![acceptance.tracking_code.clone(), "20个工作日".into()],
            ]
            .concat(),
        },
        Case {
            kind: "one_time",
            pdf: render_one_time_notice(&one_time).unwrap(),
            expected: [
                vec!["一次性告知书".into(), one_time.notice_no.clone()],
                vec!["缺少".into(), "不可容缺".into(), "可容缺后补".into()],
                vec!["最多再跑一次".into()],
                names(&one_time.items),
            ]
            .concat(),
        },
        Case {
            kind: "pledge",
            pdf: render_pledge_notice(&pledge).unwrap(),
            expected: [
                vec!["容缺受理通知书".into(), pledge.acceptance.case_no.clone()],
                vec!["承诺人（签字）".into(), pledge.pledge_due.clone()],
                names(&pledge.deferred),
            ]
            .concat(),
        },
        Case {
            kind: "refusal",
            pdf: render_refusal_notice(&refusal).unwrap(),
            expected: vec![
                "不予受理通知书".into(),
                refusal.notice_no.clone(),
                refusal.reason.clone(),
                refusal.competent_office.clone(),
                refusal.matter_name.clone(),
            ],
        },
        Case {
            kind: "correction",
            pdf: render_correction_notice(&correction).unwrap(),
            expected: [
                vec!["补正通知书".into(), correction.case_no.clone()],
                vec![correction.department.clone(), "暂停计算".into()],
                names(&correction.items),
            ]
            .concat(),
        },
        Case {
            kind: "completion",
            pdf: render_completion_document(&completion).unwrap(),
            expected: [
                vec!["办结通知书".into(), completion.case_no.clone()],
                vec![
                    "准予许可".into(),
                    "不予许可".into(),
                    "1190 2345 6789 0".into(),
                ],
                completion
                    .results
                    .iter()
                    .map(|r| r.opinion.clone())
                    .collect(),
            ]
            .concat(),
        },
    ]
}

#[test]
fn every_kind_shows_its_title_number_long_name_and_every_item() {
    for case in cases() {
        let pdf = PdfOnDisk::new(&case.pdf);
        let Some(text) = extract_text(&pdf) else {
            return;
        };
        let flat = without_whitespace(&text);
        let mut expected = case.expected.clone();
        expected.extend([
            LONG_NAME.into(),
            demo::HALL.into(),
            "扫码查询办理进度/核验真伪".into(),
        ]);
        for item in expected {
            let item = without_whitespace(&item);
            assert!(
                flat.contains(&item),
                "{}: {item:?} missing:\n{text}",
                case.kind
            );
        }
        assert!(
            flat.contains("第1页/共"),
            "{}: page number\n{text}",
            case.kind
        );
        // The long name is intact, but never on one line: it wrapped.
        let one_line = text
            .lines()
            .any(|l| without_whitespace(l).contains(LONG_NAME));
        assert!(
            !one_line,
            "{}: {LONG_NAME} did not wrap:\n{text}",
            case.kind
        );
        let Some(right_edge) = rightmost_text_edge_pt(&pdf) else {
            return;
        };
        let margin_edge_pt = (210.0 - 22.0) * 72.0 / 25.4;
        assert!(
            right_edge <= margin_edge_pt + 0.5,
            "{}: text reaches {right_edge} pt",
            case.kind
        );
    }
}

#[test]
fn every_kind_embeds_one_subset_font_and_passes_qpdf() {
    for case in cases() {
        let pdf = PdfOnDisk::new(&case.pdf);
        let Some(listing) = run_tool("pdffonts", &[&pdf.path]) else {
            return;
        };
        let fonts: Vec<&str> = listing.lines().skip(2).collect();
        assert_eq!(fonts.len(), 1, "{}: one font\n{listing}", case.kind);
        let columns: Vec<&str> = fonts[0].split_whitespace().collect();
        let (tag, family) = columns[0].split_once('+').expect("subset tag");
        assert!(tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()));
        assert!(family.starts_with("WenQuanYi"), "{listing}");
        let n = columns.len();
        assert_eq!(&columns[n - 5..n - 2], ["yes", "yes", "yes"], "{listing}");

        let Some(check) = run_tool("qpdf", &["--check".as_ref(), pdf.path.as_os_str()]) else {
            return;
        };
        assert!(
            check.contains("No syntax or stream encoding errors"),
            "{}: {check}",
            case.kind
        );
        assert!(
            case.pdf.len() < 120 * 1024,
            "{}: {} bytes",
            case.kind,
            case.pdf.len()
        );
    }
}

/// The QR codes `zbarimg` finds on page `page`, rasterised at 300 dpi.
fn decode_qr(pdf: &PdfOnDisk, page: usize) -> Option<String> {
    let prefix = pdf.dir().join(format!("page{page}"));
    let page = page.to_string();
    run_tool(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "300".as_ref(),
            "-png".as_ref(),
            "-singlefile".as_ref(),
            "-f".as_ref(),
            page.as_ref(),
            "-l".as_ref(),
            page.as_ref(),
            pdf.path.as_os_str(),
            prefix.as_os_str(),
        ],
    )?;
    let png = prefix.with_extension("png");
    let decoded = run_tool(
        "zbarimg",
        &["--raw".as_ref(), "-q".as_ref(), png.as_os_str()],
    )?;
    Some(decoded.trim_end_matches('\n').to_string())
}

#[test]
fn every_kind_has_a_footer_qr_that_scans_to_the_given_url() {
    for case in cases() {
        let pdf = PdfOnDisk::new(&case.pdf);
        let Some(decoded) = decode_qr(&pdf, 1) else {
            return;
        };
        assert_eq!(decoded, QR_URL, "{}", case.kind);
    }
}

#[test]
fn long_lists_continue_on_numbered_pages_with_the_header_repeated() {
    let notice = demo::acceptance(30);
    let pdf = PdfOnDisk::new(&render_acceptance_notice(&notice).unwrap());
    let Some(info) = run_tool("pdfinfo", &[&pdf.path]) else {
        return;
    };
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count");
    assert!(pages >= 2, "30 materials need a second page:\n{info}");
    let flat = without_whitespace(&extract_text(&pdf).unwrap());
    for page in 1..=pages {
        assert!(
            flat.contains(&format!("第{page}页/共{pages}页")),
            "page {page} of {pages}"
        );
    }
    for material in &notice.materials {
        assert!(
            flat.contains(&without_whitespace(&material.name)),
            "{}",
            material.name
        );
    }
    let last_page = run_tool(
        "pdftotext",
        &[
            "-f",
            &pages.to_string(),
            "-l",
            &pages.to_string(),
            pdf.path.to_str().unwrap(),
            "-",
        ],
    )
    .unwrap();
    assert!(
        last_page.contains("材料名称"),
        "table header repeated:\n{last_page}"
    );
    assert_eq!(
        decode_qr(&pdf, pages).as_deref(),
        Some(QR_URL),
        "QR on the last page"
    );
}

#[test]
fn long_lists_of_every_list_kind_spill_without_losing_items() {
    let one_time = demo::one_time(25);
    let correction = demo::correction(25);
    let pledge = demo::pledge(25);
    let completion = demo::completion(25);
    let rendered = [
        (
            render_one_time_notice(&one_time).unwrap(),
            names(&one_time.items),
        ),
        (
            render_correction_notice(&correction).unwrap(),
            names(&correction.items),
        ),
        (
            render_pledge_notice(&pledge).unwrap(),
            names(&pledge.deferred),
        ),
        (
            render_completion_document(&completion).unwrap(),
            completion
                .results
                .iter()
                .map(|r| r.opinion.clone())
                .collect(),
        ),
    ];
    for (pdf, items) in rendered {
        let pdf = PdfOnDisk::new(&pdf);
        let Some(text) = extract_text(&pdf) else {
            return;
        };
        let flat = without_whitespace(&text);
        assert!(flat.contains("第2页/共"), "second page:\n{text}");
        for item in items {
            assert!(
                flat.contains(&without_whitespace(&item)),
                "{item:?} lost:\n{text}"
            );
        }
    }
}

fn names(items: &[MissingItem]) -> Vec<String> {
    items.iter().map(|i| i.name.clone()).collect()
}

#[test]
fn rendering_twice_gives_identical_bytes() {
    let first = cases();
    let second = cases();
    for (a, b) in first.iter().zip(&second) {
        assert!(a.pdf == b.pdf, "{} differs between renders", a.kind);
    }
    let slip = support::sample_slip();
    assert_eq!(
        render_ticket_slip(&slip).unwrap(),
        render_ticket_slip(&slip).unwrap()
    );
}

#[test]
fn completion_document_size_and_median_render_time() {
    let doc = demo::completion(3);
    let pdf = render_completion_document(&doc).unwrap(); // also parses the font
    let mut times: Vec<Duration> = (0..50)
        .map(|_| {
            let started = Instant::now();
            render_completion_document(&doc).unwrap();
            started.elapsed()
        })
        .collect();
    times.sort();
    let profile = if cfg!(debug_assertions) {
        "dev"
    } else {
        "release"
    };
    // Printed, not asserted: CI machines are too noisy for timing assertions.
    println!(
        "completion document: {} bytes; median of 50 renders {:?} ({profile} profile)",
        pdf.len(),
        times[25]
    );
    assert!(pdf.len() < 120 * 1024, "{} bytes", pdf.len());
}
