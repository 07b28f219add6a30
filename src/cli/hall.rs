//! `onetrip migrate` and `onetrip seed-demo`: the hall's schema and catalog.

use super::{init_logging, DbArgs};
use anyhow::Context as _;
use onetrip::service;
use onetrip_domain::catalog::Catalog;
use std::path::PathBuf;

pub async fn migrate(db: DbArgs) -> anyhow::Result<()> {
    init_logging(false);
    db.context().await?;
    println!("数据库已是最新结构：{}", db.database_url());
    Ok(())
}

pub async fn seed_demo(db: DbArgs, catalog: Option<PathBuf>) -> anyhow::Result<()> {
    init_logging(false);
    let ctx = db.context().await?;
    let catalog = match catalog {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("无法读取 {}", path.display()))?;
            Catalog::parse_toml(&text)?
        }
        None => service::catalog::demo_catalog()?,
    };
    service::catalog::load(&ctx, &catalog).await?;
    let doc = catalog.doc();
    println!(
        "已载入目录 {}：{} 个部门，{} 个事项，{} 个一件事，{} 个窗口",
        doc.version,
        doc.departments.len(),
        doc.matters.len(),
        doc.bundles.len(),
        doc.counters.len()
    );
    Ok(())
}
