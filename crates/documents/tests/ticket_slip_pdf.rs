//! The ticket slip as a person (and a phone) would see it: extractable text,
//! an embedded subset font, a valid file, a scannable QR code, a sane size.

mod support;

use std::time::Instant;

use onetrip_documents::{render_ticket_slip, TicketSlip};
use support::{
    extract_text, page_size_pt, rightmost_text_edge_pt, run_tool, sample_slip, without_whitespace,
    PdfOnDisk,
};

const PT_PER_MM: f32 = 72.0 / 25.4;

fn rendered(slip: &TicketSlip) -> PdfOnDisk {
    PdfOnDisk::new(&render_ticket_slip(slip).expect("slip renders"))
}

#[test]
fn text_is_real_extractable_text() {
    let slip = sample_slip();
    let Some(text) = extract_text(&rendered(&slip)) else {
        return;
    };
    for expected in [
        "A001",
        "只跑一次综合服务大厅",
        "不动产登记",
        "前面还有 3 人",
        "预计等候约 12 分钟",
        "2026-11-27 09:05",
        "过号请重新取号",
        "/t/A001-7f3k9q",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

#[test]
fn optional_lines_follow_the_data() {
    let slip = TicketSlip {
        estimated_wait_minutes: None,
        priority_label: Some("绿色通道".into()),
        ..sample_slip()
    };
    let Some(text) = extract_text(&rendered(&slip)) else {
        return;
    };
    assert!(!text.contains("预计等候"), "no estimate, no line:\n{text}");
    assert!(text.contains("绿色通道"), "{text}");
}

#[test]
fn font_is_embedded_as_a_subset() {
    let pdf = rendered(&sample_slip());
    let Some(listing) = run_tool("pdffonts", &[&pdf.path]) else {
        return;
    };
    println!("{listing}");
    let fonts: Vec<&str> = listing.lines().skip(2).collect();
    assert_eq!(fonts.len(), 1, "exactly one font:\n{listing}");
    let columns: Vec<&str> = fonts[0].split_whitespace().collect();
    let (tag, family) = columns[0].split_once('+').expect("subset tag");
    assert!(
        tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
        "{listing}"
    );
    assert!(family.starts_with("WenQuanYi"), "{listing}");
    // Columns from the right: name … emb sub uni object-id generation.
    let n = columns.len();
    assert_eq!(
        &columns[n - 5..n - 2],
        ["yes", "yes", "yes"],
        "emb sub uni:\n{listing}"
    );
}

#[test]
fn qpdf_finds_no_structural_problems() {
    let pdf = rendered(&sample_slip());
    let Some(report) = run_tool("qpdf", &["--check".as_ref(), pdf.path.as_os_str()]) else {
        return;
    };
    assert!(
        report.contains("No syntax or stream encoding errors"),
        "{report}"
    );
}

#[test]
fn qr_code_scans_to_exactly_the_track_url() {
    let slip = sample_slip();
    let pdf = rendered(&slip);
    let png_prefix = pdf.dir().join("slip");
    let rasterised = run_tool(
        "pdftoppm",
        &[
            "-r".as_ref(),
            "300".as_ref(),
            "-png".as_ref(),
            "-singlefile".as_ref(),
            pdf.path.as_os_str(),
            png_prefix.as_os_str(),
        ],
    );
    if rasterised.is_none() {
        return;
    }
    let png = png_prefix.with_extension("png");
    let Some(decoded) = run_tool(
        "zbarimg",
        &["--raw".as_ref(), "-q".as_ref(), png.as_os_str()],
    ) else {
        return;
    };
    assert_eq!(decoded.trim_end_matches('\n'), slip.track_url);
}

#[test]
fn slip_is_80mm_wide_and_receipt_length() {
    let Some((width, height)) = page_size_pt(&rendered(&sample_slip())) else {
        return;
    };
    assert!((width - 80.0 * PT_PER_MM).abs() < 0.5, "width {width} pt");
    let height_mm = height / PT_PER_MM;
    assert!(
        (100.0..=160.0).contains(&height_mm),
        "height {height_mm} mm"
    );
}

#[test]
fn slip_is_small_and_render_time_is_reported() {
    let slip = sample_slip();
    let started = Instant::now();
    let first = render_ticket_slip(&slip).unwrap();
    let first_time = started.elapsed();
    const RUNS: u32 = 20;
    let started = Instant::now();
    for _ in 0..RUNS {
        render_ticket_slip(&slip).unwrap();
    }
    let warm_time = started.elapsed() / RUNS;
    // Timing is printed, not asserted: CI machines are too noisy for that.
    println!(
        "ticket slip: {} bytes; first render (incl. font parse) {first_time:?}, then {warm_time:?} each",
        first.len()
    );
    assert!(first.len() < 60 * 1024, "{} bytes", first.len());
}

#[test]
fn long_names_wrap_inside_the_paper() {
    let slip = TicketSlip {
        hall_name: "某某省某某市某某区只跑一次综合服务大厅（市民中心东区二楼 B 座）".into(),
        category_name: "不动产登记、抵押权注销登记及 ABC-12345 类预告登记一窗受理综合业务".into(),
        notice: "过号请重新取号。请留意叫号屏幕与语音提示，凭本票到对应窗口办理业务，谢谢合作！"
            .into(),
        ..sample_slip()
    };
    let pdf = rendered(&slip);
    let Some(text) = extract_text(&pdf) else {
        return;
    };
    let flat = without_whitespace(&text);
    for field in [&slip.hall_name, &slip.category_name, &slip.notice] {
        let expected = without_whitespace(field);
        assert!(
            flat.contains(&expected),
            "{expected:?} not intact in:\n{text}"
        );
    }
    let Some(right_edge) = rightmost_text_edge_pt(&pdf) else {
        return;
    };
    assert!(
        right_edge <= 76.0 * PT_PER_MM + 0.5,
        "text reaches {:.1} mm, past the right margin",
        right_edge / PT_PER_MM
    );
}
