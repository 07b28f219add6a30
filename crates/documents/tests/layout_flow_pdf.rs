//! The layout engine on its own, on the paper sizes later documents need.

mod support;

use std::time::Instant;

use onetrip_documents::layout::{Flow, PageSize, RuleStyle, TextStyle};
use support::{extract_text, run_tool, without_whitespace, PdfOnDisk};

const PARAGRAPH: &str =
    "申请人应当如实提交有关材料和反映真实情况，并对其提交材料实质内容的真实性负责。\
                         窗口工作人员将在承诺时限内办结，办理进度可扫码查询。";

#[test]
fn a4_text_flows_onto_numbered_pages() {
    let mut flow = Flow::new(PageSize::A4).unwrap();
    flow.set_footer("只跑一次综合服务大厅");
    flow.text("受理通知书", TextStyle::TITLE);
    for i in 1..=40 {
        flow.text(&format!("{i}. {PARAGRAPH}"), TextStyle::BODY);
    }
    let pages = flow.page_count();
    assert!(pages >= 2, "40 paragraphs fill more than one A4 page");
    let pdf = PdfOnDisk::new(&flow.into_pdf("受理通知书").unwrap());

    let Some(info) = run_tool("pdfinfo", &[&pdf.path]) else {
        return;
    };
    assert!(
        info.contains(&format!("Pages:           {pages}")),
        "{info}"
    );
    let Some(text) = extract_text(&pdf) else {
        return;
    };
    // pdftotext re-derives spaces from glyph gaps, and at footer size it drops
    // the narrow ones in "第 1 页 / 共 2 页"; compare without whitespace.
    let flat = without_whitespace(&text);
    assert!(flat.contains(&format!("第1页/共{pages}页")), "{text}");
    assert!(flat.contains(&format!("第{pages}页/共{pages}页")), "{text}");
    assert!(
        flat.contains("40.申请人应当如实提交"),
        "last paragraph kept"
    );
    let Some(check) = run_tool("qpdf", &["--check".as_ref(), pdf.path.as_os_str()]) else {
        return;
    };
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
}

#[test]
fn a_single_a4_page_has_a_footer_but_no_page_numbers() {
    let mut flow = Flow::new(PageSize::A4).unwrap();
    flow.set_footer("只跑一次综合服务大厅");
    flow.text(PARAGRAPH, TextStyle::BODY);
    let pdf = PdfOnDisk::new(&flow.into_pdf("notice").unwrap());
    let Some(text) = extract_text(&pdf) else {
        return;
    };
    assert!(text.contains("只跑一次综合服务大厅"), "{text}");
    assert!(!text.contains("第 1 页"), "{text}");
}

#[test]
fn a_receipt_grows_instead_of_breaking_pages() {
    let mut flow = Flow::new(PageSize::Receipt80mm { height_mm: 100.0 }).unwrap();
    for _ in 0..30 {
        flow.text(PARAGRAPH, TextStyle::BODY);
    }
    assert_eq!(flow.page_count(), 1);
    assert!(flow.cursor_mm() > 300.0, "a long receipt is long");
}

#[test]
fn an_a4_notice_with_a_qr_code_is_small_and_fast() {
    let render = || {
        let mut flow = Flow::new(PageSize::A4).unwrap();
        flow.text("受理通知书", TextStyle::TITLE);
        flow.rule(RuleStyle::Solid, 3.0);
        for _ in 0..6 {
            flow.text(PARAGRAPH, TextStyle::BODY);
        }
        flow.qr_code("https://hall.example.gov.cn/c/2026-000123", 30.0)
            .unwrap();
        flow.text("/c/2026-000123", TextStyle::SMALL.centered());
        flow.into_pdf("受理通知书").unwrap()
    };
    render(); // the first render also parses the font
    let started = Instant::now();
    let pdf = render();
    println!(
        "A4 notice with QR: {} bytes in {:?}",
        pdf.len(),
        started.elapsed()
    );
    assert!(pdf.len() < 60 * 1024, "{} bytes", pdf.len());
}
