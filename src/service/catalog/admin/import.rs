//! The catalog workbook from the admin screen: a preview of an upload (every row's problems,
//! or what it would change), saving it as the draft, and the export.

use super::edit::{date_new_items, in_use_message, open_draft};
use super::{change_views, in_use, published_doc};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::catalog::workbook::{self, RowProblem};
use crate::service::views::CatalogImportPreview;
use crate::service::Principal;
use onetrip_domain::catalog::diff::{self, ChangeKind};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::Role;
use onetrip_store::{Audience, NewEvent};
use serde_json::json;
use std::time::Instant;

/// Largest workbook accepted: a catalog of several thousand matters is about 1 MB.
pub const MAX_WORKBOOK_BYTES: usize = 20 * 1024 * 1024;

/// `POST /api/v1/admin/catalog/import`: reads the workbook; with `dry_run` only reports, else
/// a workbook without problems replaces the draft (nothing is published yet).
pub async fn import_workbook(
    ctx: &AppContext,
    who: &Principal,
    bytes: &[u8],
    dry_run: bool,
) -> AppResult<CatalogImportPreview> {
    who.require_any(&[Role::Admin])?;
    let started = Instant::now();
    if bytes.is_empty() {
        return Err(AppError::invalid("请选择要导入的 Excel 文件（.xlsx）"));
    }
    if bytes.len() > MAX_WORKBOOK_BYTES {
        return Err(AppError::invalid("文件超过 20 MB，不是目录模板"));
    }
    if !bytes.starts_with(b"PK") {
        return Err(AppError::invalid(
            "文件不是 Excel 工作簿（.xlsx）：请用“导出 Excel”得到的模板填写后上传",
        ));
    }
    let read = workbook::import(bytes);
    let mut tx = ctx.store.begin_write().await?;
    let published = published_doc(tx.as_mut()).await?;
    let (mut doc, mut problems) = match read {
        Ok(c) => (Some(c.into_doc()), Vec::new()),
        Err(p) => (None, p),
    };
    if let Some(d) = &mut doc {
        date_new_items(&published, d, ctx.today().date());
        problems.extend(removed_but_in_use(tx.as_mut(), &published, d).await?);
    }
    let changes = doc
        .as_ref()
        .map(|d| change_views(&diff::diff(&published, d)))
        .unwrap_or_default();
    let ok = problems.is_empty();
    let saved = ok && !dry_run;
    let mut events = Vec::new();
    if let (true, Some(d)) = (saved, &doc) {
        let mut draft = open_draft(tx.as_mut(), who, ctx).await?;
        draft.based_on = published.version.clone();
        draft.document = d.clone();
        tx.save_catalog_draft(&draft).await?;
        events.push(
            tx.append_event(&NewEvent {
                kind: "catalog_draft_imported".into(),
                audience: Audience::Staff,
                payload: json!({
                    "by": who.username, "matters": d.matters.len(), "bundles": d.bundles.len(),
                    "changes": changes.len(),
                }),
                created_at: ctx.clock.now(),
            })
            .await?,
        );
        tx.commit().await?;
    }
    ctx.events.publish(events);
    let count = |f: fn(&CatalogDoc) -> usize| doc.as_ref().map_or(0, |d| f(d) as u32);
    Ok(CatalogImportPreview {
        ok,
        saved,
        problems,
        departments: count(|d| d.departments.len()),
        categories: count(|d| d.categories.len()),
        matters: count(|d| d.matters.len()),
        bundles: count(|d| d.bundles.len()),
        counters: count(|d| d.counters.len()),
        changes,
        elapsed_ms: started.elapsed().as_millis() as u64,
    })
}

/// A workbook may leave out an item only if nothing refers to it.
async fn removed_but_in_use(
    tx: &mut dyn onetrip_store::Tx,
    published: &CatalogDoc,
    doc: &CatalogDoc,
) -> AppResult<Vec<RowProblem>> {
    let used = in_use(tx).await?;
    Ok(diff::diff(published, doc)
        .into_iter()
        .filter(|c| c.change == ChangeKind::Removed && used.contains(&(c.kind, c.code.clone())))
        .map(|c| RowProblem {
            sheet: String::new(),
            row: 0,
            column: None,
            message: format!(
                "工作簿中缺少{}：{}",
                c.kind.label(),
                in_use_message(c.kind, &c.code)
            ),
        })
        .collect())
}

/// `GET /api/v1/admin/catalog/export`: the published catalog, or the draft, as the template.
pub async fn export_workbook(ctx: &AppContext, who: &Principal, draft: bool) -> AppResult<Vec<u8>> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let doc = match tx.catalog_draft().await? {
        Some(d) if draft => d.document,
        _ => published_doc(tx.as_mut()).await?,
    };
    workbook::export(&doc).map_err(AppError::internal)
}
