//! Whole-catalog checks. Every problem is reported in Chinese with the offending code.
//!
//! In the spirit of 一次性告知 the checks do not stop at the first problem: all of them are
//! collected and reported together, joined with "；", so an administrator fixes the file once.
//!
//! Rules worth knowing:
//! - matters and bundles share one code space (a bundle is applied for like a matter);
//! - a deferrable (容缺) material must be required: 容缺 lets an applicant hand in a *required*
//!   item after acceptance with a pledge; an optional item may be missing anyway, so marking
//!   it deferrable is a mistake in the catalog, not a harmless redundancy;
//! - a bundle (一件事) needs at least two distinct matters from at least two departments,
//!   since fanning out across departments is what makes it one thing for the citizen;
//! - an intake counter serves at least one category; an output counter may serve none.

use super::{CatalogDoc, Matter};
use crate::codes::{CategoryCode, DepartmentCode, MatterCode};
use std::collections::{BTreeSet, HashMap, HashSet};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    #[error("目录文件格式错误：{0}")]
    Syntax(String),
    #[error("目录内容有误：{0}")]
    Invalid(String),
}

/// Longest name accepted for anything in the catalog, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest legal time limit accepted, in working days.
pub const MAX_LEGAL_LIMIT_DAYS: u16 = 365;
/// Counter weights lie in 1..=MAX_WEIGHT.
pub const MAX_WEIGHT: u8 = 100;

pub(super) fn check(doc: &CatalogDoc) -> Result<(), CatalogError> {
    let problems = problems(doc);
    if problems.is_empty() {
        Ok(())
    } else {
        Err(CatalogError::Invalid(problems.join("；")))
    }
}

/// Every problem of the catalog, in file order (version, departments, categories, matters,
/// bundles, counters).
fn problems(doc: &CatalogDoc) -> Vec<String> {
    let mut p = Vec::new();
    if doc.version.trim().is_empty() {
        p.push("缺少目录版本号（version）".to_string());
    }

    let mut departments = HashSet::new();
    for d in &doc.departments {
        if !departments.insert(&d.code) {
            p.push(format!("部门代码“{}”重复", d.code));
        }
        check_name(&mut p, "部门", d.code.as_str(), &d.name);
    }

    let mut categories = HashSet::new();
    for c in &doc.categories {
        if !categories.insert(c.code) {
            p.push(format!("队列类别代码“{}”重复", c.code));
        }
        check_name(&mut p, "队列类别", &c.code.to_string(), &c.name);
    }

    // Matters and bundles share one code space.
    let mut codes = HashSet::new();
    let mut matter_dept: HashMap<&MatterCode, &DepartmentCode> = HashMap::new();
    for m in &doc.matters {
        if !codes.insert(&m.code) {
            p.push(format!("事项代码“{}”重复", m.code));
        }
        matter_dept.entry(&m.code).or_insert(&m.department);
        check_matter(&mut p, m, &departments, &categories);
    }

    for b in &doc.bundles {
        let code = b.code.as_str();
        if !codes.insert(&b.code) {
            p.push(format!(
                "一件事代码“{code}”重复（与事项或其他一件事相同，二者共用一套代码）"
            ));
        }
        check_name(&mut p, "一件事", code, &b.name);
        check_category(&mut p, "一件事", code, b.category, &categories);
        let mut members = HashSet::new();
        let mut all_exist = true;
        for member in &b.matters {
            if !members.insert(member) {
                p.push(format!("一件事“{code}”重复包含事项“{member}”"));
            }
            if !matter_dept.contains_key(member) {
                all_exist = false;
                p.push(format!("一件事“{code}”包含的事项“{member}”不存在"));
            }
        }
        if members.len() < 2 {
            p.push(format!(
                "一件事“{code}”须包含至少2个不同事项，现有{}个",
                members.len()
            ));
        } else if all_exist {
            let spanned: BTreeSet<&str> = members
                .iter()
                .filter_map(|m| matter_dept.get(m))
                .map(|d| d.as_str())
                .collect();
            if spanned.len() < 2 {
                let only = spanned.into_iter().collect::<Vec<_>>().join("、");
                p.push(format!(
                    "一件事“{code}”的事项须涉及至少2个部门，现仅涉及“{only}”"
                ));
            }
        }
    }

    let mut counters = HashSet::new();
    for c in &doc.counters {
        let code = c.code.as_str();
        if !counters.insert(&c.code) {
            p.push(format!("窗口代码“{code}”重复"));
        }
        check_name(&mut p, "窗口", code, &c.name);
        if c.kind == super::CounterKind::Intake && c.categories.is_empty() {
            p.push(format!("综合窗口“{code}”须至少服务一个队列类别"));
        }
        let mut served = HashSet::new();
        for cc in &c.categories {
            if !served.insert(cc.code) {
                p.push(format!("窗口“{code}”重复列出队列类别“{}”", cc.code));
            }
            check_category(&mut p, "窗口", code, cc.code, &categories);
            if !(1..=MAX_WEIGHT).contains(&cc.weight) {
                p.push(format!(
                    "窗口“{code}”队列类别“{}”的权重须在1–{MAX_WEIGHT}之间，现为{}",
                    cc.code, cc.weight
                ));
            }
        }
    }
    p
}

fn check_matter(
    p: &mut Vec<String>,
    m: &Matter,
    departments: &HashSet<&DepartmentCode>,
    categories: &HashSet<CategoryCode>,
) {
    let code = m.code.as_str();
    check_name(p, "事项", code, &m.name);
    if !departments.contains(&m.department) {
        p.push(format!("事项“{code}”的部门“{}”不存在", m.department));
    }
    check_category(p, "事项", code, m.category, categories);
    if m.promised_limit_days < 1 {
        p.push(format!("事项“{code}”的承诺时限须至少为1个工作日"));
    } else if m.promised_limit_days > m.legal_limit_days {
        p.push(format!(
            "事项“{code}”的承诺时限（{}个工作日）超过法定时限（{}个工作日）",
            m.promised_limit_days, m.legal_limit_days
        ));
    }
    if m.legal_limit_days > MAX_LEGAL_LIMIT_DAYS {
        p.push(format!(
            "事项“{code}”的法定时限（{}个工作日）超过{MAX_LEGAL_LIMIT_DAYS}个工作日",
            m.legal_limit_days
        ));
    }
    if m.visits > 1 {
        p.push(format!(
            "事项“{code}”的到现场次数须为0或1，现为{}",
            m.visits
        ));
    }
    if m.materials.is_empty() {
        p.push(format!("事项“{code}”须至少列出一项申请材料"));
    }
    let mut materials = HashSet::new();
    for mat in &m.materials {
        let mc = mat.code.trim();
        if mc.is_empty() {
            p.push(format!("事项“{code}”的材料“{}”缺少材料代码", mat.name));
        } else if !materials.insert(mc) {
            p.push(format!("事项“{code}”的材料代码“{mc}”重复"));
        }
        check_name(p, &format!("事项“{code}”的材料"), mc, &mat.name);
        if mat.deferrable && !mat.required {
            p.push(format!(
                "事项“{code}”的材料“{mc}”标为容缺，但容缺只适用于必需材料"
            ));
        }
        if u16::from(mat.originals) + u16::from(mat.copies) < 1 {
            p.push(format!("事项“{code}”的材料“{mc}”原件与复印件合计须至少1份"));
        }
    }
}

fn check_name(p: &mut Vec<String>, what: &str, code: &str, name: &str) {
    let name = name.trim();
    if name.is_empty() {
        p.push(format!("{what}“{code}”缺少名称"));
    } else if name.chars().count() > MAX_NAME_CHARS {
        p.push(format!("{what}“{code}”的名称超过{MAX_NAME_CHARS}个字"));
    }
}

fn check_category(
    p: &mut Vec<String>,
    what: &str,
    code: &str,
    category: CategoryCode,
    categories: &HashSet<CategoryCode>,
) {
    if !categories.contains(&category) {
        p.push(format!("{what}“{code}”的队列类别“{category}”不存在"));
    }
}

#[cfg(test)]
mod tests {
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
            visits: 1,
            fee_fen: 0,
            fee_note: String::new(),
            keywords: vec![],
            materials: vec![material("1"), material("2")],
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
        assert!(
            broken(|d| d.counters[1] = counter("7", CounterKind::Output, &[("A", 1)])).is_empty()
        );
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
}

/// The demo catalog that ships with the product must stay valid and realistic.
#[cfg(test)]
mod demo_catalog_tests {
    use super::super::*;
    use std::collections::{BTreeSet, HashMap};

    const DEMO: &str = include_str!("../../../../catalog/demo.toml");

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
        for name in ["开办餐饮店一件事", "企业开办一件事", "新生儿出生一件事"]
        {
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
}
