//! Publishing the draft as a new version; the versions and each item's history.

use super::edit::check;
use super::{actor, field_views, in_use, published_doc, version_view};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::views::{CatalogHistoryEntry, CatalogVersionView, PublishRequest};
use crate::service::Principal;
use chrono::{Datelike, NaiveDate};
use onetrip_domain::catalog::diff::{self, ChangeKind, ItemChange, ItemKind};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::Role;
use onetrip_store::{Audience, CatalogChangeRow, NewCatalogVersion, NewEvent, Tx};
use serde_json::json;

pub const PUBLISHED: &str = "catalog_published";
const MAX_NOTE_CHARS: usize = 500;
const MAX_VERSION_CHARS: usize = 32;

/// `POST /api/v1/admin/catalog/publish`.
pub async fn publish(
    ctx: &AppContext,
    who: &Principal,
    req: PublishRequest,
) -> AppResult<CatalogVersionView> {
    who.require_any(&[Role::Admin])?;
    let note = req.note.trim();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(AppError::invalid(format!(
            "发布说明不能超过{MAX_NOTE_CHARS}个字"
        )));
    }
    let wanted = req
        .version
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty());
    if wanted.is_some_and(|v| v.chars().count() > MAX_VERSION_CHARS) {
        return Err(AppError::invalid(format!(
            "版本号不能超过{MAX_VERSION_CHARS}个字符"
        )));
    }
    let mut tx = ctx.store.begin_write().await?;
    let published = published_doc(tx.as_mut()).await?;
    let draft = tx
        .catalog_draft()
        .await?
        .ok_or_else(|| AppError::invalid("没有待发布的草稿：请先修改目录"))?;
    if draft.based_on != published.version {
        return Err(AppError::conflict(format!(
            "草稿基于版本“{}”，但当前目录已是版本“{}”：请放弃草稿后重新修改",
            draft.based_on, published.version
        )));
    }
    if diff::diff(&published, &draft.document).is_empty() {
        return Err(AppError::invalid("草稿与当前版本相同，无需发布"));
    }
    let mut doc = draft.document;
    doc.version = match wanted {
        Some(v) if tx.catalog_version_exists(v).await? => {
            return Err(AppError::conflict(format!("版本号“{v}”已经用过")));
        }
        Some(v) => v.to_string(),
        None => next_label(tx.as_mut(), ctx.today().date().year()).await?,
    };
    let (by, by_name) = actor(who);
    let version = publish_document(
        ctx,
        tx.as_mut(),
        doc,
        &published,
        Publisher {
            by,
            by_name: &by_name,
            note,
            from_file: false,
        },
    )
    .await?;
    let event = tx
        .append_event(&NewEvent {
            kind: PUBLISHED.into(),
            audience: Audience::Staff,
            payload: json!({
                "by": who.username, "version": version.version, "note": note,
                "added": version.added, "changed": version.changed,
                "retired": version.retired, "removed": version.removed,
            }),
            created_at: ctx.clock.now(),
        })
        .await?;
    tx.discard_catalog_draft().await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(version)
}

pub struct Publisher<'a> {
    pub by: Option<i64>,
    pub by_name: &'a str,
    pub note: &'a str,
    /// A catalog file says itself which items are public and since when: its dates are
    /// taken as they are.
    pub from_file: bool,
}

/// Makes `doc` the current catalog as a new version, inside the caller's transaction: new
/// items get today's 公开日期 unless they carry one, removed items must be unreferenced, and
/// the version keeps the document and its changes against `previous`.
pub async fn publish_document(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    mut doc: CatalogDoc,
    previous: &CatalogDoc,
    who: Publisher<'_>,
) -> AppResult<CatalogVersionView> {
    let now = ctx.clock.now();
    let today = ctx.today().date();
    if !who.from_file {
        disclose_new_items(previous, &mut doc, today);
    }
    check(&doc, "未发布")?;
    let changes = diff::diff(previous, &doc);
    let used = in_use(tx).await?;
    let blocked: Vec<String> = changes
        .iter()
        .filter(|c| c.change == ChangeKind::Removed)
        .filter(|c| used.contains(&(c.kind, c.code.clone())))
        .map(|c| super::edit::in_use_message(c.kind, &c.code))
        .collect();
    if !blocked.is_empty() {
        return Err(AppError::conflict(blocked.join("；")));
    }
    let rows: Vec<CatalogChangeRow> = changes.iter().map(change_row).collect();
    tx.record_catalog_version(&NewCatalogVersion {
        document: &doc,
        published_at: now,
        published_on: today,
        published_by: who.by,
        published_by_name: who.by_name,
        note: who.note,
        changes: &rows,
    })
    .await?;
    tx.load_catalog(&doc, now).await?;
    let row = tx
        .list_catalog_versions()
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("the version just recorded")))?;
    Ok(version_view(row))
}

/// Matters and bundles new in this version are disclosed on the day it is published
/// (政务公开: the 20-day rule counts from their 制定日期).
pub(super) fn disclose_new_items(previous: &CatalogDoc, doc: &mut CatalogDoc, today: NaiveDate) {
    super::edit::date_new_items(previous, doc, today);
    let (matters, bundles) = super::edit::codes_of(previous);
    for m in doc
        .matters
        .iter_mut()
        .filter(|m| !matters.contains(&m.code))
    {
        m.published_on = m.published_on.or(Some(today));
    }
    for b in doc
        .bundles
        .iter_mut()
        .filter(|b| !bundles.contains(&b.code))
    {
        b.published_on = b.published_on.or(Some(today));
    }
}

fn change_row(c: &ItemChange) -> CatalogChangeRow {
    CatalogChangeRow {
        kind: c.kind,
        code: c.code.clone(),
        name: c.name.clone(),
        change: c.change,
        fields: c.fields.clone(),
    }
}

/// The next free `YYYY.N` label of the year.
pub async fn next_label(tx: &mut dyn Tx, year: i32) -> AppResult<String> {
    let prefix = format!("{year}.");
    let last = tx
        .list_catalog_versions()
        .await?
        .iter()
        .filter_map(|v| v.version.strip_prefix(&prefix)?.parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let mut n = last + 1;
    while tx.catalog_version_exists(&format!("{prefix}{n}")).await? {
        n += 1;
    }
    Ok(format!("{prefix}{n}"))
}

/// `GET /api/v1/admin/catalog/versions`: newest first.
pub async fn versions(ctx: &AppContext, who: &Principal) -> AppResult<Vec<CatalogVersionView>> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    Ok(tx
        .list_catalog_versions()
        .await?
        .into_iter()
        .map(version_view)
        .collect())
}

/// `GET /api/v1/admin/catalog/history/{kind}/{code}`: what each version changed of the item.
pub async fn history(
    ctx: &AppContext,
    who: &Principal,
    kind: &str,
    code: &str,
) -> AppResult<Vec<CatalogHistoryEntry>> {
    who.require_any(&[Role::Admin])?;
    let kind = ItemKind::parse(kind).ok_or_else(|| {
        AppError::invalid(format!(
            "未知的目录项类型“{kind}”，应为 department、category、matter、bundle 或 counter"
        ))
    })?;
    let mut tx = ctx.store.begin_read().await?;
    Ok(tx
        .catalog_item_history(kind, code.trim())
        .await?
        .into_iter()
        .map(|h| CatalogHistoryEntry {
            version: h.version,
            published_at: h.published_at,
            published_by_name: h.published_by_name,
            note: h.note,
            change: h.change.as_str().to_string(),
            fields: field_views(&h.fields),
        })
        .collect())
}
