//! Editing the draft one item at a time.

use super::{actor, convert, in_use, published_doc, workspace_in};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::views::{
    BundleInput, CatalogWorkspace, CategoryInput, CounterInput, DepartmentInput, MatterInput,
};
use crate::service::Principal;
use chrono::NaiveDate;
use onetrip_domain::catalog::diff::{Item, ItemKind};
use onetrip_domain::catalog::{Catalog, CatalogDoc, CatalogError};
use onetrip_domain::{MatterCode, Role};
use onetrip_store::{Audience, CatalogDraftRow, NewEvent, Tx};
use serde_json::json;
use std::collections::HashSet;

pub const DRAFT_CHANGED: &str = "catalog_draft_changed";

/// One item as the admin sent it.
pub enum EditItem {
    Department(DepartmentInput),
    Category(CategoryInput),
    Matter(MatterInput),
    Bundle(BundleInput),
    Counter(CounterInput),
}

impl EditItem {
    fn kind(&self) -> ItemKind {
        match self {
            EditItem::Department(_) => ItemKind::Department,
            EditItem::Category(_) => ItemKind::Category,
            EditItem::Matter(_) => ItemKind::Matter,
            EditItem::Bundle(_) => ItemKind::Bundle,
            EditItem::Counter(_) => ItemKind::Counter,
        }
    }
}

/// `PUT /api/v1/admin/catalog/draft/{kind}s/{code}`: adds the item to the draft or replaces
/// it there. A new matter or bundle without a 制定日期 is made today.
pub async fn put_item(
    ctx: &AppContext,
    who: &Principal,
    path_code: &str,
    item: EditItem,
) -> AppResult<CatalogWorkspace> {
    who.require_any(&[Role::Admin])?;
    let kind = item.kind();
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_write().await?;
    let mut draft = open_draft(tx.as_mut(), who, ctx).await?;
    let doc = &mut draft.document;
    let code = match item {
        EditItem::Department(i) => upsert(&mut doc.departments, convert::department(&i)?),
        EditItem::Category(i) => upsert(&mut doc.categories, convert::category(&i)?),
        EditItem::Matter(i) => {
            let mut m = convert::matter(&i)?;
            if !doc.matters.iter().any(|x| x.code == m.code) {
                m.created_on = m.created_on.or(Some(today));
            }
            upsert(&mut doc.matters, m)
        }
        EditItem::Bundle(i) => {
            let mut b = convert::bundle(&i)?;
            if !doc.bundles.iter().any(|x| x.code == b.code) {
                b.created_on = b.created_on.or(Some(today));
            }
            upsert(&mut doc.bundles, b)
        }
        EditItem::Counter(i) => upsert(&mut doc.counters, convert::counter(&i)?),
    };
    let (code, before, after) = code;
    if code != path_code.trim() {
        return Err(AppError::invalid(format!(
            "地址中的代码“{}”与内容中的代码“{code}”不一致",
            path_code.trim()
        )));
    }
    save(ctx, tx, who, draft, kind, &code, before, after).await
}

/// `DELETE /api/v1/admin/catalog/draft/{kind}s/{code}`: only an item nothing refers to.
pub async fn delete_item(
    ctx: &AppContext,
    who: &Principal,
    kind: ItemKind,
    code: &str,
) -> AppResult<CatalogWorkspace> {
    who.require_any(&[Role::Admin])?;
    let code = code.trim();
    let mut tx = ctx.store.begin_write().await?;
    if in_use(tx.as_mut())
        .await?
        .contains(&(kind, code.to_string()))
    {
        return Err(AppError::conflict(in_use_message(kind, code)));
    }
    let mut draft = open_draft(tx.as_mut(), who, ctx).await?;
    let doc = &mut draft.document;
    let before = match kind {
        ItemKind::Department => remove(&mut doc.departments, code),
        ItemKind::Category => remove(&mut doc.categories, code),
        ItemKind::Matter => remove(&mut doc.matters, code),
        ItemKind::Bundle => remove(&mut doc.bundles, code),
        ItemKind::Counter => remove(&mut doc.counters, code),
    }
    .ok_or_else(|| AppError::not_found(format!("草稿中没有代码为“{code}”的{}", kind.label())))?;
    save(
        ctx,
        tx,
        who,
        draft,
        kind,
        code,
        Some(before),
        serde_json::Value::Null,
    )
    .await
}

/// Why an item cannot be deleted, and what to do instead.
pub fn in_use_message(kind: ItemKind, code: &str) -> String {
    let what = kind.label();
    match kind {
        ItemKind::Matter | ItemKind::Bundle => format!(
            "{what}“{code}”已有取号或办件记录，不能删除；可填写停用日期将其停用，已受理的办件照常办理"
        ),
        ItemKind::Department => {
            format!("部门“{code}”仍有工作人员、办件或留言，不能删除")
        }
        ItemKind::Category => format!("队列类别“{code}”已有取号或预约记录，不能删除"),
        ItemKind::Counter => format!("窗口“{code}”已有叫号或办件记录，不能删除"),
    }
}

/// `DELETE /api/v1/admin/catalog/draft`: drops every unpublished change.
pub async fn discard_draft(ctx: &AppContext, who: &Principal) -> AppResult<CatalogWorkspace> {
    who.require_any(&[Role::Admin])?;
    let mut tx = ctx.store.begin_write().await?;
    let Some(draft) = tx.catalog_draft().await? else {
        return Err(AppError::invalid("没有未发布的草稿"));
    };
    tx.discard_catalog_draft().await?;
    let event = tx
        .append_event(&NewEvent {
            kind: "catalog_draft_discarded".into(),
            audience: Audience::Staff,
            payload: json!({"by": who.username, "based_on": draft.based_on}),
            created_at: ctx.clock.now(),
        })
        .await?;
    let view = workspace_in(tx.as_mut()).await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(view)
}

/// The draft, or a new one copied from the published catalog.
pub(super) async fn open_draft(
    tx: &mut dyn Tx,
    who: &Principal,
    ctx: &AppContext,
) -> AppResult<CatalogDraftRow> {
    let (updated_by, updated_by_name) = actor(who);
    let draft = match tx.catalog_draft().await? {
        Some(d) => d,
        None => {
            let published = published_doc(tx).await?;
            CatalogDraftRow {
                based_on: published.version.clone(),
                document: published,
                updated_at: ctx.clock.now(),
                updated_by,
                updated_by_name: updated_by_name.clone(),
            }
        }
    };
    Ok(CatalogDraftRow {
        updated_at: ctx.clock.now(),
        updated_by,
        updated_by_name,
        ..draft
    })
}

/// Replaces the item with the same code, or appends it; returns its code and the item
/// before and after as JSON.
fn upsert<T: Item + Clone>(
    items: &mut Vec<T>,
    item: T,
) -> (String, Option<serde_json::Value>, serde_json::Value) {
    let code = item.code();
    let after = serde_json::to_value(&item).unwrap_or_default();
    match items.iter_mut().find(|x| x.code() == code) {
        Some(slot) => {
            let before = serde_json::to_value(&*slot).ok();
            *slot = item;
            (code, before, after)
        }
        None => {
            items.push(item);
            (code, None, after)
        }
    }
}

fn remove<T: Item>(items: &mut Vec<T>, code: &str) -> Option<serde_json::Value> {
    let at = items.iter().position(|x| x.code() == code)?;
    serde_json::to_value(items.remove(at)).ok()
}

/// The whole draft must still be a valid catalog: every problem is named at once.
/// `outcome` says what did not happen, e.g. 未保存.
pub(super) fn check(doc: &CatalogDoc, outcome: &str) -> AppResult<()> {
    Catalog::from_doc(doc.clone()).map(|_| ()).map_err(|e| {
        AppError::invalid(match e {
            CatalogError::Invalid(problems) => format!("{outcome}：{problems}"),
            other => other.to_string(),
        })
    })
}

#[allow(clippy::too_many_arguments)]
async fn save(
    ctx: &AppContext,
    mut tx: Box<dyn Tx>,
    who: &Principal,
    draft: CatalogDraftRow,
    kind: ItemKind,
    code: &str,
    before: Option<serde_json::Value>,
    after: serde_json::Value,
) -> AppResult<CatalogWorkspace> {
    // Checked as it would be published: its new items disclosed that day.
    let published = published_doc(tx.as_mut()).await?;
    let mut as_published = draft.document.clone();
    super::publish::disclose_new_items(&published, &mut as_published, ctx.today().date());
    check(&as_published, "未保存")?;
    tx.save_catalog_draft(&draft).await?;
    let event = tx
        .append_event(&NewEvent {
            kind: DRAFT_CHANGED.into(),
            audience: Audience::Staff,
            payload: json!({
                "by": who.username, "kind": kind.as_str(), "code": code,
                "before": before, "after": after,
            }),
            created_at: ctx.clock.now(),
        })
        .await?;
    let view = workspace_in(tx.as_mut()).await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(view)
}

/// Gives every matter and bundle that `base` lacks a 制定日期 (today) when it has none.
pub(super) fn date_new_items(base: &CatalogDoc, doc: &mut CatalogDoc, today: NaiveDate) {
    let (matters, bundles) = codes_of(base);
    for m in doc
        .matters
        .iter_mut()
        .filter(|m| !matters.contains(&m.code))
    {
        m.created_on = m.created_on.or(Some(today));
    }
    for b in doc
        .bundles
        .iter_mut()
        .filter(|b| !bundles.contains(&b.code))
    {
        b.created_on = b.created_on.or(Some(today));
    }
}

/// The matter and bundle codes of a catalog, to tell new items apart in one pass.
pub(super) fn codes_of(doc: &CatalogDoc) -> (HashSet<MatterCode>, HashSet<MatterCode>) {
    (
        doc.matters.iter().map(|m| m.code.clone()).collect(),
        doc.bundles.iter().map(|b| b.code.clone()).collect(),
    )
}
