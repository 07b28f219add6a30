//! The catalog as the public and the counters read it, and loading a catalog file.

use super::views::{
    BundleMemberView, BundleView, CategoryView, ChecklistView, CounterCategoryView, CounterView,
    MaterialView, MatterView,
};
use super::Principal;
use crate::context::AppContext;
use crate::error::AppResult;
use onetrip_domain::catalog::{Bundle, Catalog, CatalogDoc};
use onetrip_domain::Role;
use onetrip_store::MatterRow;

pub mod admin;
mod disclosure;
mod public;
mod slip;
pub mod workbook;
pub use disclosure::disclosure;
pub use public::public_catalog;
pub use slip::guide_slip;

/// The demo catalog that ships with the product.
pub const DEMO_CATALOG: &str = include_str!("../../catalog/demo.toml");

pub fn demo_catalog() -> anyhow::Result<Catalog> {
    Ok(Catalog::parse_toml(DEMO_CATALOG)?)
}

/// Makes a catalog file the current catalog as a new version (by the system, not an admin);
/// returns its version label. A file whose label is already taken by a different catalog gets
/// the next free label; loading the current catalog again changes nothing.
pub async fn load(ctx: &AppContext, catalog: &Catalog) -> AppResult<String> {
    let mut tx = ctx.store.begin_write().await?;
    let label = load_in(ctx, tx.as_mut(), catalog).await?;
    tx.commit().await?;
    Ok(label)
}

/// Loads `catalog` only if the hall has none yet; true when it did.
pub async fn load_if_empty(ctx: &AppContext, catalog: &Catalog) -> AppResult<bool> {
    let mut tx = ctx.store.begin_write().await?;
    if tx.catalog_version().await?.is_some() {
        return Ok(false);
    }
    load_in(ctx, tx.as_mut(), catalog).await?;
    tx.commit().await?;
    Ok(true)
}

async fn load_in(
    ctx: &AppContext,
    tx: &mut dyn onetrip_store::Tx,
    catalog: &Catalog,
) -> AppResult<String> {
    use chrono::Datelike;
    let previous = tx.catalog_document().await?.unwrap_or_else(empty_catalog);
    let mut doc = catalog.doc().clone();
    if tx.catalog_version_exists(&doc.version).await? {
        let mut same = previous.clone();
        same.version = doc.version.clone();
        if same == doc {
            return Ok(doc.version);
        }
        doc.version = admin::next_label(tx, ctx.today().date().year()).await?;
    }
    let v = admin::publish_document(
        ctx,
        tx,
        doc,
        &previous,
        admin::Publisher {
            by: None,
            by_name: "系统",
            note: "从目录文件加载",
            from_file: true,
        },
    )
    .await?;
    Ok(v.version)
}

fn empty_catalog() -> CatalogDoc {
    CatalogDoc {
        version: String::new(),
        published_on: None,
        departments: Vec::new(),
        categories: Vec::new(),
        matters: Vec::new(),
        bundles: Vec::new(),
        counters: Vec::new(),
    }
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

fn matter_view(row: MatterRow, doc: Option<&CatalogDoc>) -> MatterView {
    let m = row.matter;
    MatterView {
        created_on: doc
            .and_then(|d| d.created_on(m.created_on))
            .or(m.created_on),
        published_on: m.published_on,
        initials: pinyin_initials(&m.name),
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
        excluded_steps: m.excluded_steps,
        visits: m.visits,
        fee_fen: m.fee_fen,
        fee_note: m.fee_note,
        keywords: m.keywords,
        materials: m.materials.into_iter().map(material_view).collect(),
    }
}

/// Public: matter guides are published information (政务公开); drafts stay hidden.
pub async fn matters(ctx: &AppContext) -> AppResult<Vec<MatterView>> {
    let mut tx = ctx.store.begin_read().await?;
    let doc = tx.catalog_document().await?;
    Ok(public_matters(tx.list_matters().await?, doc.as_ref()))
}

fn public_matters(rows: Vec<MatterRow>, doc: Option<&CatalogDoc>) -> Vec<MatterView> {
    rows.into_iter()
        .filter(|r| r.matter.retired_on.is_none())
        .filter(|r| doc.is_none_or(|d| d.is_public(r.matter.published_on)))
        .map(|r| matter_view(r, doc))
        .collect()
}

/// Pinyin initials of the Chinese characters of `name`, lower case; other letters and digits
/// kept as they are (so a search for "zfxx" or "gwh" finds 政府信息公开申请).
pub fn pinyin_initials(name: &str) -> String {
    use pinyin::ToPinyin;
    name.chars()
        .filter_map(|c| match c.to_pinyin() {
            Some(p) => p.first_letter().chars().next(),
            None => c.is_ascii_alphanumeric().then(|| c.to_ascii_lowercase()),
        })
        .collect()
}

fn material_view(x: onetrip_domain::catalog::Material) -> MaterialView {
    MaterialView {
        code: x.code,
        name: x.name,
        required: x.required,
        originals: x.originals,
        copies: x.copies,
        deferrable: x.deferrable,
        note: x.note,
    }
}

/// Public: the hall's published 一件事 bundles.
pub async fn bundles(ctx: &AppContext) -> AppResult<Vec<BundleView>> {
    let mut tx = ctx.store.begin_read().await?;
    let Some(doc) = tx.catalog_document().await? else {
        return Ok(Vec::new());
    };
    Ok(doc
        .bundles
        .iter()
        .filter(|b| doc.offers_bundle(b))
        .map(|b| bundle_view(&doc, b))
        .collect())
}

fn bundle_view(doc: &CatalogDoc, b: &Bundle) -> BundleView {
    BundleView {
        code: b.code.to_string(),
        name: b.name.clone(),
        description: b.description.clone(),
        category: b.category.to_string(),
        matters: b
            .matters
            .iter()
            .map(|m| BundleMemberView {
                code: m.to_string(),
                name: super::cases::matter_name(doc, m.as_str()),
                department: doc
                    .matters
                    .iter()
                    .find(|x| &x.code == m)
                    .map(|x| x.department.to_string())
                    .unwrap_or_default(),
            })
            .collect(),
        partial_rejection: b.partial_rejection.as_str().into(),
        keywords: b.keywords.clone(),
        initials: pinyin_initials(&b.name),
        created_on: doc.created_on(b.created_on),
        published_on: b.published_on,
    }
}

/// Public: the materials checklist of a matter or a bundle, as the counter ticks it (a
/// bundle's materials appear once each; codes that clash are qualified by matter).
pub async fn checklist(ctx: &AppContext, code: &str) -> AppResult<ChecklistView> {
    let mut tx = ctx.store.begin_read().await?;
    let doc = super::cases::catalog(tx.as_mut()).await?;
    let target = super::cases::find_target(&doc, code)?;
    let materials = onetrip_domain::case::checklist(&target.matters());
    Ok(ChecklistView {
        code: code.trim().to_string(),
        name: target.name().to_string(),
        is_bundle: matches!(target, super::cases::Target::Bundle(..)),
        materials: materials.into_iter().map(material_view).collect(),
    })
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

#[cfg(test)]
mod tests {
    use super::pinyin_initials;

    #[test]
    fn initials_follow_the_characters_and_keep_latin_and_digits() {
        assert_eq!(pinyin_initials("政府信息公开申请"), "zfxxgksq");
        assert_eq!(pinyin_initials("开办餐饮店一件事"), "kbcydyjs");
        assert_eq!(pinyin_initials("ICP备案2号"), "icpba2h");
    }
}
