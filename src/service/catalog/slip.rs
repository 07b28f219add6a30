//! The printed 办事指南 of one published matter or bundle.

use super::public::{loaded, members, serving};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use onetrip_documents::{render_guide_slip, GuideMaterial, GuideSlip};
use onetrip_domain::catalog::{CatalogDoc, Counter, Material, Matter};
use onetrip_domain::{CategoryCode, MatterCode};

/// Conditions longer than this are cut at a sentence end; the QR leads to the full text.
const CONDITIONS_SUMMARY_CHARS: usize = 120;

/// Public: the 80 mm guide slip of a published matter or bundle, as PDF. `base_url` is where
/// its QR code points.
pub async fn guide_slip(ctx: &AppContext, code: &str, base_url: &str) -> AppResult<Vec<u8>> {
    let (doc, counters) = {
        let mut tx = ctx.store.begin_read().await?;
        (
            loaded(tx.catalog_document().await?)?,
            tx.list_counters().await?,
        )
    };
    let unknown = || AppError::not_found(format!("没有编号为“{}”的事项或一件事", code.trim()));
    let code = MatterCode::parse(code.trim()).map_err(|_| unknown())?;
    if !doc.code_is_public(&code) {
        return Err(unknown());
    }
    let mut slip = slip_for(&doc, &counters, &code).ok_or_else(unknown)?;
    slip.hall_name = ctx.hall().name.clone();
    slip.url = format!("{}/public/catalog#{code}", base_url.trim_end_matches('/'));
    tokio::task::spawn_blocking(move || render_guide_slip(&slip))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)
}

fn slip_for(doc: &CatalogDoc, counters: &[Counter], code: &MatterCode) -> Option<GuideSlip> {
    if let Some(m) = doc.matters.iter().find(|m| &m.code == code) {
        return Some(GuideSlip {
            code: code.to_string(),
            name: m.name.clone(),
            conditions: summary(&m.conditions),
            published_on: date(m.published_on),
            ..common(doc, counters, m.category, &[m], &m.materials)
        });
    }
    let b = doc.bundles.iter().find(|b| &b.code == code)?;
    let members = members(doc, b);
    let materials = onetrip_domain::case::checklist(&members);
    Some(GuideSlip {
        code: code.to_string(),
        name: b.name.clone(),
        conditions: summary(&b.description),
        published_on: date(b.published_on),
        ..common(doc, counters, b.category, &members, &materials)
    })
}

/// The parts a matter and a bundle share: departments, place, limits, visits, fee, materials.
fn common(
    doc: &CatalogDoc,
    counters: &[Counter],
    category: CategoryCode,
    matters: &[&Matter],
    materials: &[Material],
) -> GuideSlip {
    let mut departments: Vec<String> = Vec::new();
    for m in matters {
        let name = doc
            .departments
            .iter()
            .find(|d| d.code == m.department)
            .map_or_else(|| m.department.to_string(), |d| d.name.clone());
        if !departments.contains(&name) {
            departments.push(name);
        }
    }
    let category_name = doc
        .categories
        .iter()
        .find(|c| c.code == category)
        .map_or_else(String::new, |c| c.name.clone());
    let windows = serving(counters, category).join("、");
    let promised = matters
        .iter()
        .map(|m| m.promised_limit_days)
        .max()
        .unwrap_or(0);
    let legal = matters
        .iter()
        .map(|m| m.legal_limit_days)
        .max()
        .unwrap_or(0);
    let fee: u32 = matters.iter().map(|m| m.fee_fen).sum();
    GuideSlip {
        hall_name: String::new(),
        code: String::new(),
        name: String::new(),
        departments: departments.join("、"),
        place: format!("{category_name}（{category}类取号）：{windows}"),
        conditions: String::new(),
        limits: format!("承诺{promised}个工作日（法定{legal}个工作日）"),
        visits: if matters.iter().all(|m| m.visits == 0) {
            "全程网办，无需到现场".into()
        } else {
            "只跑一次".into()
        },
        fee: if fee == 0 {
            "不收费".into()
        } else {
            format!("{}.{:02}元", fee / 100, fee % 100)
        },
        materials: materials
            .iter()
            .map(|x| GuideMaterial {
                name: x.name.clone(),
                required: x.required,
                originals: x.originals,
                copies: x.copies,
                note: x.note.clone(),
            })
            .collect(),
        url: String::new(),
        published_on: String::new(),
    }
}

fn date(d: Option<chrono::NaiveDate>) -> String {
    d.map_or_else(String::new, |d| d.to_string())
}

/// The first sentences of `text` up to about [`CONDITIONS_SUMMARY_CHARS`] characters.
fn summary(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= CONDITIONS_SUMMARY_CHARS {
        return text.to_string();
    }
    let head: String = text.chars().take(CONDITIONS_SUMMARY_CHARS).collect();
    match head.rfind('。') {
        Some(i) => head[..i + '。'.len_utf8()].to_string(),
        None => format!("{head}……"),
    }
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summaries_end_at_a_sentence() {
        assert_eq!(summary("短。"), "短。");
        let long = format!("{}。{}", "甲".repeat(60), "乙".repeat(100));
        assert_eq!(summary(&long), format!("{}。", "甲".repeat(60)));
        assert!(summary(&"丙".repeat(200)).ends_with("……"));
    }
}
