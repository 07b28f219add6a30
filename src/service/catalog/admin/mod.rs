//! 清单目录管理: the admin edits a draft of the catalog and publishes it as a new version.
//!
//! The draft is one whole catalog document: every edit replaces one item in it and must leave
//! the catalog valid as a whole, so what is published is always publishable. Publishing
//! records the version with its document and its changes item by item, then makes it the
//! current catalog. Cases and tickets remember the version they were made under, and their
//! checklists and deadlines were copied when they were made, so publishing never moves them.

mod convert;
mod edit;
mod import;
mod publish;

pub use edit::{delete_item, discard_draft, put_item, EditItem};
pub use import::{export_workbook, import_workbook, MAX_WORKBOOK_BYTES};
pub use publish::{history, next_label, publish, publish_document, versions, Publisher};

use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::views::{
    CatalogChangeView, CatalogDraftInfo, CatalogVersionView, CatalogWorkspace, FieldChange,
};
use crate::service::Principal;
use onetrip_domain::catalog::diff::{self, ChangeKind, FieldDiff, ItemChange, ItemKind};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_domain::Role;
use onetrip_store::{CatalogDraftRow, CatalogVersionRow, Tx};
use std::collections::HashSet;

/// `GET /api/v1/admin/catalog`.
pub async fn workspace(ctx: &AppContext, who: &Principal) -> AppResult<CatalogWorkspace> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    workspace_in(tx.as_mut()).await
}

pub(super) async fn workspace_in(tx: &mut dyn Tx) -> AppResult<CatalogWorkspace> {
    let published = published_doc(tx).await?;
    let draft = tx.catalog_draft().await?;
    let version = tx.list_catalog_versions().await?.into_iter().next();
    let in_use = in_use(tx).await?;
    let changes = draft
        .as_ref()
        .map(|d| change_views(&diff::diff(&published, &d.document)))
        .unwrap_or_default();
    Ok(CatalogWorkspace {
        published: version.map(version_view),
        document: convert::document(draft.as_ref().map_or(&published, |d| &d.document)),
        draft: draft.map(|d| draft_info(&d)),
        changes,
        in_use: in_use
            .into_iter()
            .map(|(k, c)| format!("{}:{c}", k.as_str()))
            .collect(),
    })
}

async fn published_doc(tx: &mut dyn Tx) -> AppResult<CatalogDoc> {
    tx.catalog_document()
        .await?
        .ok_or_else(|| AppError::invalid("本厅尚未加载事项目录，请先导入目录"))
}

async fn in_use(tx: &mut dyn Tx) -> AppResult<HashSet<(ItemKind, String)>> {
    Ok(tx.catalog_items_in_use().await?.into_iter().collect())
}

fn draft_info(d: &CatalogDraftRow) -> CatalogDraftInfo {
    CatalogDraftInfo {
        based_on: d.based_on.clone(),
        updated_at: d.updated_at,
        updated_by_name: d.updated_by_name.clone(),
    }
}

fn version_view(v: CatalogVersionRow) -> CatalogVersionView {
    CatalogVersionView {
        seq: v.seq,
        version: v.version,
        published_at: v.published_at,
        published_on: v.published_on,
        published_by_name: v.published_by_name,
        note: v.note,
        added: v.added,
        changed: v.changed,
        retired: v.retired,
        removed: v.removed,
    }
}

fn change_views(changes: &[ItemChange]) -> Vec<CatalogChangeView> {
    changes
        .iter()
        .map(|c| CatalogChangeView {
            kind: c.kind.as_str().to_string(),
            code: c.code.clone(),
            name: c.name.clone(),
            change: c.change.as_str().to_string(),
            // A new or removed item is read whole in the document (or its history); listing
            // each of its fields again would make a big import's answer several MB.
            fields: match c.change {
                ChangeKind::Added | ChangeKind::Removed => Vec::new(),
                _ => field_views(&c.fields),
            },
        })
        .collect()
}

fn field_views(fields: &[FieldDiff]) -> Vec<FieldChange> {
    fields
        .iter()
        .map(|f| FieldChange {
            label: field_label(&f.field).to_string(),
            field: f.field.clone(),
            before: f.before.clone(),
            after: f.after.clone(),
        })
        .collect()
}

/// The words the catalog template and the screens use for each field.
fn field_label(field: &str) -> &str {
    match field {
        "name" => "名称",
        "description" => "说明",
        "department" => "部门",
        "category" => "队列类别",
        "kind" => "类型",
        "conditions" => "受理条件",
        "legal_limit_days" => "法定时限",
        "promised_limit_days" => "承诺时限",
        "legal_extension_days" => "可延长",
        "excluded_steps" => "特别程序（不计时限）",
        "visits" => "到现场次数",
        "fee_fen" => "收费（分）",
        "fee_note" => "收费说明",
        "keywords" => "关键词",
        "materials" => "申请材料",
        "matters" => "包含事项",
        "partial_rejection" => "一项不予批准时",
        "categories" => "服务类别与权重",
        "created_on" => "制定日期",
        "published_on" => "公开日期",
        "retired_on" => "停用日期",
        other => other,
    }
}

/// Who did it, as the draft and the versions record it.
fn actor(who: &Principal) -> (Option<i64>, String) {
    let id = match who.id {
        crate::service::PrincipalId::User(id) => Some(id),
        crate::service::PrincipalId::Device(_) => None,
    };
    (id, who.name.clone())
}
