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
//! - an item may not be published before it was made, and a published bundle may not contain
//!   a draft matter (its guide would show what the public may not see yet);
//! - a bundle still offered may not contain a retired matter (it could no longer be done);
//! - an intake counter serves at least one category; an output counter may serve none.

use super::{CatalogDoc, Matter};
use crate::codes::{CategoryCode, DepartmentCode, MatterCode};
use chrono::NaiveDate;
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
/// Longest name of a 特别程序 step, in characters.
pub const MAX_STEP_CHARS: usize = 30;
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
        check_dates(
            &mut p,
            doc,
            "事项",
            m.code.as_str(),
            m.created_on,
            m.published_on,
        );
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
        check_dates(&mut p, doc, "一件事", code, b.created_on, b.published_on);
        if doc.is_public(b.published_on) {
            for member in doc.matters.iter().filter(|m| b.matters.contains(&m.code)) {
                if !doc.is_public(member.published_on) {
                    p.push(format!(
                        "一件事“{code}”已公开，但其包含的事项“{}”尚未公开",
                        member.code
                    ));
                }
            }
        }
        if b.retired_on.is_none() {
            for member in doc.matters.iter().filter(|m| b.matters.contains(&m.code)) {
                if member.retired_on.is_some() {
                    p.push(format!(
                        "一件事“{code}”仍包含已停用的事项“{}”，请先将其移出或一并停用该一件事",
                        member.code
                    ));
                }
            }
        }
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
    for step in &m.excluded_steps {
        if step.trim().is_empty() || step.chars().count() > MAX_STEP_CHARS {
            p.push(format!(
                "事项“{code}”的特别程序名称须为1–{MAX_STEP_CHARS}个字"
            ));
        }
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

/// A publication before the item was made can only be a typing mistake in the file.
fn check_dates(
    p: &mut Vec<String>,
    doc: &CatalogDoc,
    what: &str,
    code: &str,
    created_on: Option<NaiveDate>,
    published_on: Option<NaiveDate>,
) {
    if let (Some(made), Some(published)) = (doc.created_on(created_on), published_on) {
        if published < made {
            p.push(format!(
                "{what}“{code}”的公开日期（{published}）早于制定日期（{made}）"
            ));
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
mod tests;

#[cfg(test)]
mod demo_catalog_tests;
