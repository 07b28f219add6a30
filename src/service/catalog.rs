//! The catalog as the public and the counters read it, and loading a catalog file.

use super::views::{CategoryView, CounterCategoryView, CounterView, MaterialView, MatterView};
use super::Principal;
use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::catalog::Catalog;
use onetrip_domain::Role;
use onetrip_store::MatterRow;

/// The demo catalog that ships with the product.
pub const DEMO_CATALOG: &str = include_str!("../../catalog/demo.toml");

pub fn demo_catalog() -> anyhow::Result<Catalog> {
    Ok(Catalog::parse_toml(DEMO_CATALOG)?)
}

pub async fn load(ctx: &AppContext, catalog: &Catalog) -> AppResult<()> {
    let mut tx = ctx.store.begin_write().await?;
    tx.load_catalog(catalog.doc(), ctx.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// Loads `catalog` only if the hall has none yet; true when it did.
pub async fn load_if_empty(ctx: &AppContext, catalog: &Catalog) -> AppResult<bool> {
    let mut tx = ctx.store.begin_write().await?;
    if tx.catalog_version().await?.is_some() {
        return Ok(false);
    }
    tx.load_catalog(catalog.doc(), ctx.clock.now()).await?;
    tx.commit().await?;
    Ok(true)
}

/// Public: the kiosk shows it before anyone is identified.
pub async fn categories(ctx: &AppContext) -> AppResult<Vec<CategoryView>> {
    let day = ctx.today();
    let mut tx = ctx.store.begin_read().await?;
    let waiting = tx.waiting_counts(day).await?;
    Ok(tx
        .list_categories()
        .await?
        .into_iter()
        .map(|c| CategoryView {
            waiting: waiting
                .iter()
                .find(|(k, _)| *k == c.code)
                .map_or(0, |(_, n)| *n),
            code: c.code.to_string(),
            name: c.name,
            description: c.description,
        })
        .collect())
}

fn matter_view(row: MatterRow) -> MatterView {
    let m = row.matter;
    MatterView {
        code: m.code.to_string(),
        name: m.name,
        department: m.department.to_string(),
        department_name: row.department_name,
        category: m.category.to_string(),
        kind: m.kind,
        conditions: m.conditions,
        legal_limit_days: m.legal_limit_days,
        promised_limit_days: m.promised_limit_days,
        legal_extension_days: m.legal_extension_days,
        visits: m.visits,
        fee_fen: m.fee_fen,
        fee_note: m.fee_note,
        keywords: m.keywords,
        materials: m
            .materials
            .into_iter()
            .map(|x| MaterialView {
                code: x.code,
                name: x.name,
                required: x.required,
                originals: x.originals,
                copies: x.copies,
                deferrable: x.deferrable,
                note: x.note,
            })
            .collect(),
    }
}

/// Public: matter guides are published information (政务公开).
pub async fn matters(ctx: &AppContext) -> AppResult<Vec<MatterView>> {
    let mut tx = ctx.store.begin_read().await?;
    Ok(tx
        .list_matters()
        .await?
        .into_iter()
        .map(matter_view)
        .collect())
}

pub async fn counters(ctx: &AppContext, who: &Principal) -> AppResult<Vec<CounterView>> {
    who.require_any(&Role::ALL)?;
    let mut tx = ctx.store.begin_read().await?;
    Ok(tx
        .list_counters()
        .await?
        .into_iter()
        .map(|c| CounterView {
            code: c.code.to_string(),
            name: c.name,
            kind: c.kind.as_str().to_string(),
            categories: c
                .categories
                .iter()
                .map(|k| CounterCategoryView {
                    code: k.code.to_string(),
                    weight: k.weight,
                })
                .collect(),
        })
        .collect())
}
