//! The demo catalog that ships with the product must stay valid and realistic.

use super::super::*;
use std::collections::{BTreeSet, HashMap};

const DEMO: &str = include_str!("../../../../../catalog/demo.toml");

fn demo() -> Catalog {
    Catalog::parse_toml(DEMO).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn demo_catalog_parses_and_validates() {
    let doc = demo().into_doc();
    assert_eq!(doc.version, "2026.1");
    assert!(doc.matters.len() >= 24, "{} matters", doc.matters.len());
    let letters: Vec<String> = doc.categories.iter().map(|c| c.code.to_string()).collect();
    assert_eq!(letters, ["A", "B", "C", "D", "E"]);
}

#[test]
fn demo_catalog_has_the_plan_departments() {
    let doc = demo().into_doc();
    let names: BTreeSet<&str> = doc.departments.iter().map(|d| d.name.as_str()).collect();
    for (code, name) in [
        ("GWH", "管委会办公室"),
        ("DWB", "党委办公室"),
        ("RSJ", "人社局"),
        ("CZJ", "财政局"),
        ("GYSYJ", "公用事业局"),
        ("JSGLJ", "建设管理局"),
        ("SHSYJ", "社会事业局"),
        ("HBJ", "环保局"),
        ("XWZX", "新闻中心"),
        ("AJJ", "安监局"),
        ("JFJ", "经发局"),
    ] {
        let d = doc
            .departments
            .iter()
            .find(|d| d.code.as_str() == code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(d.name, name);
        assert!(names.contains(name));
    }
}

#[test]
fn demo_catalog_bundles_span_departments() {
    let doc = demo().into_doc();
    let dept: HashMap<&MatterCode, &DepartmentCode> = doc
        .matters
        .iter()
        .map(|m| (&m.code, &m.department))
        .collect();
    assert!(doc.bundles.len() >= 3);
    for b in &doc.bundles {
        let spanned: BTreeSet<_> = b.matters.iter().map(|m| dept[m]).collect();
        assert!(spanned.len() >= 2, "{} spans {spanned:?}", b.code);
    }
    for name in ["开办餐饮店一件事", "企业开办一件事", "新生儿出生一件事"] {
        assert!(doc.bundles.iter().any(|b| b.name == name), "{name} missing");
    }
    let policies: BTreeSet<_> = doc
        .bundles
        .iter()
        .map(|b| format!("{:?}", b.partial_rejection))
        .collect();
    assert_eq!(policies.len(), 2, "bundles should not all share one policy");
}

#[test]
fn demo_catalog_has_the_information_disclosure_request() {
    let doc = demo().into_doc();
    let m = doc
        .matters
        .iter()
        .find(|m| m.name == "政府信息公开申请")
        .expect("政府信息公开申请 missing");
    assert_eq!(m.department.as_str(), "GWH");
    assert_eq!(m.category.to_string(), "E");
    assert_eq!(m.kind, "依申请公开");
    assert_eq!(m.legal_limit_days, 20);
    assert_eq!(m.promised_limit_days, 15);
    assert_eq!(m.legal_extension_days, 20);
    assert_eq!(m.fee_fen, 0);
}

#[test]
fn demo_catalog_counters() {
    let doc = demo().into_doc();
    let intake: Vec<_> = doc
        .counters
        .iter()
        .filter(|c| c.kind == CounterKind::Intake)
        .collect();
    assert_eq!(intake.len(), 6);
    for (i, c) in intake.iter().enumerate() {
        assert_eq!(c.code.as_str(), (i + 1).to_string());
        assert_eq!(c.name, format!("{}号综合窗口", i + 1));
        assert_eq!(
            c.categories.len(),
            5,
            "{} serves all five categories",
            c.code
        );
    }
    let output: Vec<_> = doc
        .counters
        .iter()
        .filter(|c| c.kind == CounterKind::Output)
        .collect();
    assert_eq!(output.len(), 1);
    assert_eq!(output[0].code.as_str(), "7");
    assert_eq!(output[0].name, "7号出件窗口");
    assert!(output[0].categories.is_empty());
}

#[test]
fn demo_catalog_keywords_find_colloquial_requests() {
    let doc = demo().into_doc();
    let words: BTreeSet<&str> = doc
        .matters
        .iter()
        .flat_map(|m| &m.keywords)
        .chain(doc.bundles.iter().flat_map(|b| &b.keywords))
        .map(String::as_str)
        .collect();
    for w in ["开饭店", "上户口", "办社保卡", "施工许可"] {
        assert!(words.contains(w), "keyword {w} missing");
    }
}

#[test]
fn demo_catalog_shows_the_twenty_day_rule() {
    use crate::catalog::disclosure::{disclosure_status, DisclosureStatus};
    let doc = demo().into_doc();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let status = |code: &str| {
        let m = doc
            .matters
            .iter()
            .find(|m| m.code.as_str() == code)
            .unwrap();
        let made = doc.created_on(m.created_on).expect("dated");
        disclosure_status(made, m.published_on, today)
    };
    assert_eq!(status("SHSYJ-005"), DisclosureStatus::Overdue { days: 12 });
    assert_eq!(status("JFJ-002"), DisclosureStatus::Late { days: 5 });
    assert_eq!(status("GWH-001"), DisclosureStatus::OnTime);
    let drafts: Vec<&str> = doc
        .matters
        .iter()
        .filter(|m| !doc.is_public(m.published_on))
        .map(|m| m.code.as_str())
        .collect();
    assert_eq!(drafts, ["SHSYJ-005"], "only the new matter is a draft");
    assert!(doc.bundles.iter().all(|b| doc.is_public(b.published_on)));
}
