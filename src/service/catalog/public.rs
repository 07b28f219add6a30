//! The published catalog as one machine-readable document (政务公开).

use super::{bundle_view, material_view, public_matters};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::views::{
    BundleGuideView, DepartmentView, GuideCategoryView, PublicCatalogView,
};
use onetrip_domain::catalog::{Bundle, CatalogDoc, Counter, CounterKind, Matter};
use onetrip_domain::CategoryCode;

/// Public: every published matter and bundle with its full guide.
pub async fn public_catalog(ctx: &AppContext) -> AppResult<PublicCatalogView> {
    let mut tx = ctx.store.begin_read().await?;
    let doc = loaded(tx.catalog_document().await?)?;
    let rows = tx.list_matters().await?;
    let counters = tx.list_counters().await?;
    Ok(PublicCatalogView {
        version: doc.version.clone(),
        published_on: doc.published_on,
        departments: doc
            .departments
            .iter()
            .map(|d| DepartmentView {
                code: d.code.to_string(),
                name: d.name.clone(),
            })
            .collect(),
        categories: doc
            .categories
            .iter()
            .map(|c| GuideCategoryView {
                code: c.code.to_string(),
                name: c.name.clone(),
                description: c.description.clone(),
                counters: serving(&counters, c.code),
            })
            .collect(),
        matters: public_matters(rows, Some(&doc)),
        bundles: doc
            .bundles
            .iter()
            .filter(|b| doc.offers_bundle(b))
            .map(|b| bundle_guide(&doc, b))
            .collect(),
    })
}

pub(super) fn loaded(doc: Option<CatalogDoc>) -> AppResult<CatalogDoc> {
    doc.ok_or_else(|| AppError::not_found("本厅尚未加载事项目录"))
}

/// Names of the intake counters that call tickets of `category`.
pub(super) fn serving(counters: &[Counter], category: CategoryCode) -> Vec<String> {
    counters
        .iter()
        .filter(|c| {
            c.kind == CounterKind::Intake && c.categories.iter().any(|k| k.code == category)
        })
        .map(|c| c.name.clone())
        .collect()
}

pub(super) fn members<'a>(doc: &'a CatalogDoc, b: &Bundle) -> Vec<&'a Matter> {
    b.matters
        .iter()
        .filter_map(|code| doc.matters.iter().find(|m| &m.code == code))
        .collect()
}

/// A bundle is one application: one materials list, the slowest member's promise, the sum
/// of the fees, and a visit whenever any member needs one.
fn bundle_guide(doc: &CatalogDoc, b: &Bundle) -> BundleGuideView {
    let members = members(doc, b);
    BundleGuideView {
        bundle: bundle_view(doc, b),
        materials: onetrip_domain::case::checklist(&members)
            .into_iter()
            .map(material_view)
            .collect(),
        promised_limit_days: members
            .iter()
            .map(|m| m.promised_limit_days)
            .max()
            .unwrap_or(0),
        fee_fen: members.iter().map(|m| m.fee_fen).sum(),
        visits: members.iter().map(|m| m.visits).max().unwrap_or(0),
    }
}
