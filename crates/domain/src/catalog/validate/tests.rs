//! Unit tests of the catalog checks, one rule at a time, on a small valid catalog.

use super::super::*;
use super::{problems, MAX_NAME_CHARS};

fn material(code: &str) -> Material {
    Material {
        code: code.into(),
        name: format!("材料{code}"),
        required: true,
        originals: 1,
        copies: 0,
        deferrable: false,
        note: String::new(),
    }
}

fn matter(code: &str, department: &str, category: &str) -> Matter {
    Matter {
        code: MatterCode::parse(code).unwrap(),
        name: format!("事项{code}"),
        department: DepartmentCode::parse(department).unwrap(),
        category: CategoryCode::parse(category).unwrap(),
        kind: "公共服务".into(),
        conditions: String::new(),
        legal_limit_days: 20,
        promised_limit_days: 5,
        legal_extension_days: 0,
        excluded_steps: vec![],
        visits: 1,
        fee_fen: 0,
        fee_note: String::new(),
        keywords: vec![],
        materials: vec![material("1"), material("2")],
        created_on: None,
        published_on: None,
        retired_on: None,
    }
}

fn counter(code: &str, kind: CounterKind, categories: &[(&str, u8)]) -> Counter {
    Counter {
        code: CounterCode::parse(code).unwrap(),
        name: format!("{code}号窗口"),
        kind,
        categories: categories
            .iter()
            .map(|&(c, weight)| CounterCategory {
                code: CategoryCode::parse(c).unwrap(),
                weight,
            })
            .collect(),
    }
}

fn mc(s: &str) -> MatterCode {
    MatterCode::parse(s).unwrap()
}

/// A small catalog that passes every rule.
fn valid() -> CatalogDoc {
    CatalogDoc {
        version: "2026.1".into(),
        published_on: None,
        departments: vec![
            Department {
                code: DepartmentCode::parse("RSJ").unwrap(),
                name: "人社局".into(),
            },
            Department {
                code: DepartmentCode::parse("JFJ").unwrap(),
                name: "经发局".into(),
            },
        ],
        categories: vec![
            Category {
                code: CategoryCode::parse("A").unwrap(),
                name: "企业服务".into(),
                description: String::new(),
            },
            Category {
                code: CategoryCode::parse("B").unwrap(),
                name: "社保医保".into(),
                description: String::new(),
            },
        ],
        matters: vec![
            matter("RSJ-001", "RSJ", "B"),
            matter("RSJ-002", "RSJ", "B"),
            matter("JFJ-001", "JFJ", "A"),
        ],
        bundles: vec![Bundle {
            code: mc("YJS-001"),
            name: "企业开办一件事".into(),
            description: String::new(),
            category: CategoryCode::parse("A").unwrap(),
            matters: vec![mc("JFJ-001"), mc("RSJ-001")],
            partial_rejection: PartialRejection::Partial,
            keywords: vec![],
            created_on: None,
            published_on: None,
            retired_on: None,
        }],
        counters: vec![
            counter("1", CounterKind::Intake, &[("A", 1), ("B", 3)]),
            counter("7", CounterKind::Output, &[]),
        ],
    }
}

/// Applies `f` to a valid catalog and returns its problems.
fn broken(f: impl FnOnce(&mut CatalogDoc)) -> Vec<String> {
    let mut doc = valid();
    f(&mut doc);
    problems(&doc)
}

/// Asserts the broken catalog has exactly one problem, containing every fragment.
fn assert_one(f: impl FnOnce(&mut CatalogDoc), fragments: &[&str]) {
    let p = broken(f);
    assert_eq!(p.len(), 1, "expected one problem, got {p:?}");
    for frag in fragments {
        assert!(p[0].contains(frag), "{:?} lacks {frag:?}", p[0]);
    }
}

#[test]
fn the_fixture_is_valid() {
    assert_eq!(problems(&valid()), Vec::<String>::new());
    assert!(Catalog::from_doc(valid()).is_ok());
}

#[test]
fn version_must_be_present() {
    assert_one(|d| d.version = "  ".into(), &["version"]);
}

#[test]
fn department_codes_are_unique_and_named() {
    assert_one(
        |d| {
            let mut dup = d.departments[0].clone();
            dup.name = "人力资源和社会保障局".into();
            d.departments.push(dup);
        },
        &["部门代码", "RSJ", "重复"],
    );
    assert_one(
        |d| d.departments[0].name = " ".into(),
        &["部门", "RSJ", "名称"],
    );
    assert_one(
        |d| d.departments[0].name = "局".repeat(MAX_NAME_CHARS + 1),
        &["RSJ", "超过100"],
    );
    // 100 characters (300 bytes) is still fine.
    assert!(broken(|d| d.departments[0].name = "局".repeat(MAX_NAME_CHARS)).is_empty());
}

#[test]
fn category_codes_are_unique_and_named() {
    assert_one(
        |d| {
            let dup = d.categories[0].clone();
            d.categories.push(dup);
        },
        &["队列类别代码", "A", "重复"],
    );
    assert_one(|d| d.categories[1].name.clear(), &["队列类别", "B", "名称"]);
}

#[test]
fn matter_codes_are_unique() {
    assert_one(
        |d| d.matters[1].code = mc("RSJ-001"),
        &["事项代码", "RSJ-001", "重复"],
    );
}

#[test]
fn matters_and_bundles_share_one_code_space() {
    assert_one(
        |d| d.bundles[0].code = mc("RSJ-002"),
        &["一件事代码", "RSJ-002", "重复"],
    );
    let p = broken(|d| {
        let b = d.bundles[0].clone();
        d.bundles.push(b);
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("YJS-001"));
}

#[test]
fn matter_names_are_checked() {
    assert_one(|d| d.matters[0].name.clear(), &["事项", "RSJ-001", "名称"]);
    assert_one(
        |d| d.matters[0].name = "办".repeat(101),
        &["RSJ-001", "超过100"],
    );
}

#[test]
fn matter_department_and_category_must_exist() {
    assert_one(
        |d| d.matters[0].department = DepartmentCode::parse("XXX").unwrap(),
        &["RSJ-001", "部门", "XXX", "不存在"],
    );
    assert_one(
        |d| d.matters[0].category = CategoryCode::parse("Z").unwrap(),
        &["RSJ-001", "队列类别", "Z", "不存在"],
    );
}

#[test]
fn promised_limit_lies_between_one_day_and_the_legal_limit() {
    assert_one(
        |d| d.matters[0].promised_limit_days = 0,
        &["RSJ-001", "承诺时限", "至少"],
    );
    assert_one(
        |d| d.matters[0].promised_limit_days = 21,
        &["RSJ-001", "21", "超过法定时限", "20"],
    );
    assert!(broken(|d| d.matters[0].promised_limit_days = 20).is_empty());
}

#[test]
fn legal_limit_is_at_most_a_year() {
    assert_one(
        |d| d.matters[0].legal_limit_days = 366,
        &["RSJ-001", "法定时限", "366", "365"],
    );
    assert!(broken(|d| d.matters[0].legal_limit_days = 365).is_empty());
}

#[test]
fn visits_are_zero_or_one() {
    assert!(broken(|d| d.matters[0].visits = 0).is_empty());
    assert_one(|d| d.matters[0].visits = 2, &["RSJ-001", "到现场次数", "2"]);
}

#[test]
fn every_matter_lists_materials() {
    assert_one(|d| d.matters[0].materials.clear(), &["RSJ-001", "申请材料"]);
}

#[test]
fn material_codes_are_unique_within_a_matter_only() {
    assert_one(
        |d| d.matters[0].materials[1].code = "1".into(),
        &["RSJ-001", "材料代码", "“1”", "重复"],
    );
    assert_one(
        |d| d.matters[0].materials[1].code = " ".into(),
        &["RSJ-001", "缺少材料代码"],
    );
    // Every matter in the fixture reuses codes 1 and 2: that is fine.
    assert!(problems(&valid()).is_empty());
}

#[test]
fn material_names_are_checked() {
    assert_one(
        |d| d.matters[2].materials[0].name.clear(),
        &["JFJ-001", "材料", "名称"],
    );
}

#[test]
fn only_required_materials_are_deferrable() {
    assert!(broken(|d| d.matters[0].materials[0].deferrable = true).is_empty());
    assert!(broken(|d| d.matters[0].materials[0].required = false).is_empty());
    assert_one(
        |d| {
            let m = &mut d.matters[0].materials[0];
            m.required = false;
            m.deferrable = true;
        },
        &["RSJ-001", "“1”", "容缺", "必需"],
    );
}

#[test]
fn each_material_asks_for_at_least_one_sheet() {
    assert!(broken(|d| {
        let m = &mut d.matters[0].materials[0];
        m.originals = 0;
        m.copies = 2;
    })
    .is_empty());
    assert_one(
        |d| d.matters[0].materials[0].originals = 0,
        &["RSJ-001", "原件与复印件", "至少1份"],
    );
    // No overflow with the largest counts.
    assert!(broken(|d| {
        let m = &mut d.matters[0].materials[0];
        m.originals = u8::MAX;
        m.copies = u8::MAX;
    })
    .is_empty());
}

#[test]
fn bundle_category_must_exist() {
    assert_one(
        |d| d.bundles[0].category = CategoryCode::parse("Q").unwrap(),
        &["一件事", "YJS-001", "Q", "不存在"],
    );
}

#[test]
fn bundle_name_is_checked() {
    assert_one(
        |d| d.bundles[0].name.clear(),
        &["一件事", "YJS-001", "名称"],
    );
}

#[test]
fn bundles_have_at_least_two_matters() {
    assert_one(
        |d| d.bundles[0].matters.truncate(1),
        &["YJS-001", "至少2个", "1个"],
    );
    assert_one(
        |d| d.bundles[0].matters.clear(),
        &["YJS-001", "至少2个", "0个"],
    );
}

#[test]
fn bundle_members_must_exist() {
    assert_one(
        |d| d.bundles[0].matters.push(mc("NO-SUCH")),
        &["YJS-001", "NO-SUCH", "不存在"],
    );
    // A bundle is not a matter: bundles do not nest.
    let p = broken(|d| {
        let mut inner = d.bundles[0].clone();
        inner.code = mc("YJS-002");
        d.bundles.push(inner);
        d.bundles[0].matters.push(mc("YJS-002"));
    });
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(p[0].contains("YJS-002") && p[0].contains("不存在"), "{p:?}");
}

#[test]
fn bundle_members_are_not_repeated() {
    assert_one(
        |d| d.bundles[0].matters.push(mc("JFJ-001")),
        &["YJS-001", "重复包含", "JFJ-001"],
    );
}

#[test]
fn bundles_span_two_departments() {
    assert_one(
        |d| d.bundles[0].matters = vec![mc("RSJ-001"), mc("RSJ-002")],
        &["YJS-001", "至少2个部门", "RSJ"],
    );
    // Repeating one matter neither counts twice nor adds a department.
    let p = broken(|d| d.bundles[0].matters = vec![mc("RSJ-001"), mc("RSJ-001")]);
    assert_eq!(p.len(), 2, "{p:?}");
    assert!(
        p[0].contains("重复包含") && p[1].contains("至少2个不同事项"),
        "{p:?}"
    );
}

#[test]
fn counter_codes_are_unique_and_named() {
    assert_one(
        |d| d.counters[1].code = CounterCode::parse("1").unwrap(),
        &["窗口代码", "“1”", "重复"],
    );
    assert_one(|d| d.counters[0].name.clear(), &["窗口", "“1”", "名称"]);
}

#[test]
fn intake_counters_serve_existing_categories() {
    assert_one(
        |d| d.counters[0].categories.clear(),
        &["综合窗口", "“1”", "至少服务"],
    );
    assert_one(
        |d| d.counters[0].categories[1].code = CategoryCode::parse("Z").unwrap(),
        &["窗口", "“1”", "Z", "不存在"],
    );
    assert_one(
        |d| d.counters[0].categories[1].code = CategoryCode::parse("A").unwrap(),
        &["窗口", "“1”", "重复列出", "A"],
    );
}

#[test]
fn output_counters_may_serve_nothing_or_something() {
    assert!(broken(|d| d.counters[1].categories.clear()).is_empty());
    assert!(broken(|d| d.counters[1] = counter("7", CounterKind::Output, &[("A", 1)])).is_empty());
}

#[test]
fn weights_lie_between_1_and_100() {
    assert_one(
        |d| d.counters[0].categories[0].weight = 0,
        &["“1”", "A", "权重", "0"],
    );
    assert_one(
        |d| d.counters[0].categories[0].weight = 101,
        &["“1”", "A", "权重", "101"],
    );
    assert!(broken(|d| d.counters[0].categories[0].weight = 100).is_empty());
    assert_one(
        |d| d.counters[1] = counter("7", CounterKind::Output, &[("B", 0)]),
        &["“7”", "权重"],
    );
}

#[test]
fn all_problems_are_reported_at_once() {
    let mut doc = valid();
    doc.version.clear();
    doc.matters[0].visits = 3;
    doc.matters[2].legal_limit_days = 400;
    doc.counters[0].categories[0].weight = 0;
    let err = Catalog::from_doc(doc).unwrap_err();
    let CatalogError::Invalid(msg) = &err else {
        panic!("{err:?}");
    };
    let parts: Vec<&str> = msg.split('；').collect();
    assert_eq!(parts.len(), 4, "{msg}");
    assert!(parts[0].contains("version"));
    assert!(parts[1].contains("RSJ-001"));
    assert!(parts[2].contains("JFJ-001"));
    assert!(parts[3].contains("权重"));
    assert!(err.to_string().starts_with("目录内容有误："));
}

#[test]
fn syntax_errors_are_reported_as_such() {
    assert!(matches!(
        Catalog::parse_toml("version = "),
        Err(CatalogError::Syntax(_))
    ));
    // Unknown fields are refused, so typos do not pass silently.
    assert!(matches!(
        Catalog::parse_toml("version = \"1\"\nversoin = \"2\""),
        Err(CatalogError::Syntax(_))
    ));
}

fn day(s: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn an_item_may_not_be_published_before_it_was_made() {
    assert_one(
        |d| {
            d.matters[0].created_on = Some(day("2026-09-10"));
            d.matters[0].published_on = Some(day("2026-09-01"));
        },
        &[
            "RSJ-001",
            "公开日期（2026-09-01）早于制定日期（2026-09-10）",
        ],
    );
    // The catalog's own date stands in for a missing 制定日期.
    assert_one(
        |d| {
            d.published_on = Some(day("2026-09-01"));
            for m in &mut d.matters {
                m.published_on = Some(day("2026-09-02"));
            }
            d.bundles[0].published_on = Some(day("2026-08-30"));
        },
        &["一件事“YJS-001”", "早于制定日期（2026-09-01）"],
    );
}

#[test]
fn a_published_bundle_may_not_contain_a_draft() {
    assert_one(
        |d| {
            d.published_on = Some(day("2026-09-01"));
            for m in &mut d.matters {
                m.published_on = Some(day("2026-09-02"));
            }
            d.matters[2].published_on = None;
            d.bundles[0].published_on = Some(day("2026-09-02"));
        },
        &["YJS-001", "JFJ-001", "尚未公开"],
    );
}

#[test]
fn an_undated_catalog_is_wholly_public_and_a_dated_one_hides_drafts() {
    let mut doc = valid();
    assert!(doc.is_public(None));
    assert!(doc.code_is_public(&mc("YJS-001")));
    doc.published_on = Some(day("2026-09-01"));
    assert!(!doc.is_public(None));
    assert!(!doc.code_is_public(&mc("RSJ-001")));
    doc.matters[0].published_on = Some(day("2026-09-01"));
    assert!(doc.code_is_public(&mc("RSJ-001")));
    assert!(!doc.code_is_public(&mc("XYZ-999")));
    assert_eq!(doc.created_on(None), Some(day("2026-09-01")));
}

#[test]
fn dates_are_read_from_toml_as_iso_strings() {
    let text = r#"
        version = "1"
        published_on = "2026-09-01"
        [[departments]]
        code = "RSJ"
        name = "人社局"
        [[categories]]
        code = "B"
        name = "社保"
        [[matters]]
        code = "RSJ-001"
        name = "社保登记"
        department = "RSJ"
        category = "B"
        legal_limit_days = 5
        promised_limit_days = 1
        visits = 1
        created_on = "2026-08-20"
        published_on = "2026-08-25"
        [[matters.materials]]
        code = "01"
        name = "申请表"
        required = true
        originals = 1
    "#;
    let doc = Catalog::parse_toml(text).unwrap().into_doc();
    assert_eq!(doc.matters[0].created_on, Some(day("2026-08-20")));
    assert_eq!(doc.matters[0].published_on, Some(day("2026-08-25")));
}

#[test]
fn a_bundle_still_offered_may_not_hold_a_retired_matter() {
    let day = NaiveDate::from_ymd_opt(2026, 11, 27);
    assert_one(
        |d| d.matters[0].retired_on = day,
        &["YJS-001", "RSJ-001", "停用"],
    );
    // Retiring the bundle along with it is fine, and so is a retired matter no bundle holds.
    assert!(broken(|d| {
        d.matters[0].retired_on = day;
        d.bundles[0].retired_on = day;
    })
    .is_empty());
    assert!(broken(|d| d.matters[1].retired_on = day).is_empty());
}

#[test]
fn retired_items_are_not_offered() {
    let mut doc = valid();
    assert!(doc.code_is_public(&mc("RSJ-002")));
    doc.matters[1].retired_on = NaiveDate::from_ymd_opt(2026, 11, 27);
    assert!(!doc.code_is_public(&mc("RSJ-002")));
    assert!(!doc.offers_matter(&doc.matters[1]));
    doc.bundles[0].retired_on = NaiveDate::from_ymd_opt(2026, 11, 27);
    assert!(!doc.code_is_public(&mc("YJS-001")));
}
