//! The admin's editable forms of catalog items, to and from the domain's. Codes are parsed
//! here, at the edge, with the reason in Chinese; the whole catalog's rules are checked after.

use crate::error::{AppError, AppResult};
use crate::service::views::{
    BundleInput, CatalogDocument, CategoryInput, CounterCategoryInput, CounterInput,
    DepartmentInput, MaterialInput, MatterInput,
};
use onetrip_domain::catalog::{
    Bundle, CatalogDoc, Category, Counter, CounterCategory, CounterKind, Department, Material,
    Matter, PartialRejection,
};
use onetrip_domain::{CategoryCode, CounterCode, DepartmentCode, MatterCode};

fn parsed<T, E: std::fmt::Display>(r: Result<T, E>) -> AppResult<T> {
    r.map_err(|e| AppError::invalid(e.to_string()))
}

fn text(s: &str) -> String {
    s.trim().to_string()
}

fn texts(v: &[String]) -> Vec<String> {
    v.iter()
        .map(|s| text(s))
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn department(i: &DepartmentInput) -> AppResult<Department> {
    Ok(Department {
        code: parsed(DepartmentCode::parse(i.code.trim()))?,
        name: text(&i.name),
    })
}

pub fn category(i: &CategoryInput) -> AppResult<Category> {
    Ok(Category {
        code: parsed(CategoryCode::parse(i.code.trim()))?,
        name: text(&i.name),
        description: text(&i.description),
    })
}

fn material(i: &MaterialInput) -> Material {
    Material {
        code: text(&i.code),
        name: text(&i.name),
        required: i.required,
        originals: i.originals,
        copies: i.copies,
        deferrable: i.deferrable,
        note: text(&i.note),
    }
}

pub fn matter(i: &MatterInput) -> AppResult<Matter> {
    Ok(Matter {
        code: parsed(MatterCode::parse(i.code.trim()))?,
        name: text(&i.name),
        department: parsed(DepartmentCode::parse(i.department.trim()))?,
        category: parsed(CategoryCode::parse(i.category.trim()))?,
        kind: text(&i.kind),
        conditions: text(&i.conditions),
        legal_limit_days: i.legal_limit_days,
        promised_limit_days: i.promised_limit_days,
        legal_extension_days: i.legal_extension_days,
        excluded_steps: texts(&i.excluded_steps),
        visits: i.visits,
        fee_fen: i.fee_fen,
        fee_note: text(&i.fee_note),
        keywords: texts(&i.keywords),
        materials: i.materials.iter().map(material).collect(),
        created_on: i.created_on,
        published_on: i.published_on,
        retired_on: i.retired_on,
    })
}

pub fn bundle(i: &BundleInput) -> AppResult<Bundle> {
    let partial_rejection = PartialRejection::parse(i.partial_rejection.trim()).ok_or_else(|| {
        AppError::invalid(format!(
            "一件事的部分不予批准规则须为 all_or_nothing（整件退回）或 partial（其余照办），收到“{}”",
            i.partial_rejection
        ))
    })?;
    Ok(Bundle {
        code: parsed(MatterCode::parse(i.code.trim()))?,
        name: text(&i.name),
        description: text(&i.description),
        category: parsed(CategoryCode::parse(i.category.trim()))?,
        matters: i
            .matters
            .iter()
            .map(|m| parsed(MatterCode::parse(m.trim())))
            .collect::<AppResult<_>>()?,
        partial_rejection,
        keywords: texts(&i.keywords),
        created_on: i.created_on,
        published_on: i.published_on,
        retired_on: i.retired_on,
    })
}

pub fn counter(i: &CounterInput) -> AppResult<Counter> {
    let kind = CounterKind::parse(i.kind.trim()).ok_or_else(|| {
        AppError::invalid(format!(
            "窗口类型须为 intake（综合窗口）或 output（出件窗口），收到“{}”",
            i.kind
        ))
    })?;
    Ok(Counter {
        code: parsed(CounterCode::parse(i.code.trim()))?,
        name: text(&i.name),
        kind,
        categories: i
            .categories
            .iter()
            .map(|c| {
                Ok(CounterCategory {
                    code: parsed(CategoryCode::parse(c.code.trim()))?,
                    weight: c.weight,
                })
            })
            .collect::<AppResult<_>>()?,
    })
}

pub fn document(d: &CatalogDoc) -> CatalogDocument {
    CatalogDocument {
        version: d.version.clone(),
        published_on: d.published_on,
        departments: d
            .departments
            .iter()
            .map(|x| DepartmentInput {
                code: x.code.to_string(),
                name: x.name.clone(),
            })
            .collect(),
        categories: d
            .categories
            .iter()
            .map(|x| CategoryInput {
                code: x.code.to_string(),
                name: x.name.clone(),
                description: x.description.clone(),
            })
            .collect(),
        matters: d.matters.iter().map(matter_input).collect(),
        bundles: d.bundles.iter().map(bundle_input).collect(),
        counters: d.counters.iter().map(counter_input).collect(),
    }
}

fn matter_input(m: &Matter) -> MatterInput {
    MatterInput {
        code: m.code.to_string(),
        name: m.name.clone(),
        department: m.department.to_string(),
        category: m.category.to_string(),
        kind: m.kind.clone(),
        conditions: m.conditions.clone(),
        legal_limit_days: m.legal_limit_days,
        promised_limit_days: m.promised_limit_days,
        legal_extension_days: m.legal_extension_days,
        excluded_steps: m.excluded_steps.clone(),
        visits: m.visits,
        fee_fen: m.fee_fen,
        fee_note: m.fee_note.clone(),
        keywords: m.keywords.clone(),
        materials: m
            .materials
            .iter()
            .map(|x| MaterialInput {
                code: x.code.clone(),
                name: x.name.clone(),
                required: x.required,
                originals: x.originals,
                copies: x.copies,
                deferrable: x.deferrable,
                note: x.note.clone(),
            })
            .collect(),
        created_on: m.created_on,
        published_on: m.published_on,
        retired_on: m.retired_on,
    }
}

fn bundle_input(b: &Bundle) -> BundleInput {
    BundleInput {
        code: b.code.to_string(),
        name: b.name.clone(),
        description: b.description.clone(),
        category: b.category.to_string(),
        matters: b.matters.iter().map(|m| m.to_string()).collect(),
        partial_rejection: b.partial_rejection.as_str().to_string(),
        keywords: b.keywords.clone(),
        created_on: b.created_on,
        published_on: b.published_on,
        retired_on: b.retired_on,
    }
}

fn counter_input(c: &Counter) -> CounterInput {
    CounterInput {
        code: c.code.to_string(),
        name: c.name.clone(),
        kind: c.kind.as_str().to_string(),
        categories: c
            .categories
            .iter()
            .map(|k| CounterCategoryInput {
                code: k.code.to_string(),
                weight: k.weight,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::catalog::demo_catalog;

    #[test]
    fn every_demo_item_survives_the_editable_form() {
        let demo = demo_catalog().unwrap().into_doc();
        let d = document(&demo);
        for (i, m) in d.matters.iter().enumerate() {
            assert_eq!(matter(m).unwrap(), demo.matters[i]);
        }
        for (i, b) in d.bundles.iter().enumerate() {
            assert_eq!(bundle(b).unwrap(), demo.bundles[i]);
        }
        for (i, c) in d.counters.iter().enumerate() {
            assert_eq!(counter(c).unwrap(), demo.counters[i]);
        }
        for (i, c) in d.categories.iter().enumerate() {
            assert_eq!(category(c).unwrap(), demo.categories[i]);
        }
        for (i, x) in d.departments.iter().enumerate() {
            assert_eq!(department(x).unwrap(), demo.departments[i]);
        }
    }

    #[test]
    fn bad_codes_and_rules_are_refused_in_chinese() {
        let demo = demo_catalog().unwrap().into_doc();
        let mut b = document(&demo).bundles[0].clone();
        b.partial_rejection = "some".into();
        assert!(bundle(&b).unwrap_err().to_string().contains("整件退回"));
        let mut c = document(&demo).counters[0].clone();
        c.kind = "window".into();
        assert!(counter(&c).unwrap_err().to_string().contains("综合窗口"));
        let mut m = document(&demo).matters[0].clone();
        m.code = "坏 代码".into();
        assert!(matter(&m).is_err());
    }
}
