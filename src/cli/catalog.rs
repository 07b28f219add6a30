//! `onetrip catalog …`: the catalog as an Excel workbook.

use super::{init_logging, DbArgs};
use anyhow::Context as _;
use clap::Subcommand;
use onetrip::service;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CatalogCommand {
    /// Write the hall's current catalog (or the demo catalog) to an .xlsx workbook.
    Export {
        #[command(flatten)]
        db: DbArgs,
        /// The workbook to write.
        #[arg(long)]
        out: PathBuf,
        /// The built-in demo catalog instead of the hall's.
        #[arg(long)]
        demo: bool,
    },
    /// Check a filled-in workbook, list every problem by sheet, row and column, and load it
    /// only when there is none.
    Import {
        #[command(flatten)]
        db: DbArgs,
        file: PathBuf,
        /// Check only; load nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(command: CatalogCommand) -> anyhow::Result<()> {
    use service::catalog::workbook;
    init_logging(false);
    match command {
        CatalogCommand::Export { db, out, demo } => {
            let doc = if demo {
                service::catalog::demo_catalog()?.doc().clone()
            } else {
                let ctx = db.context().await?;
                let mut tx = ctx.store.begin_read().await?;
                tx.catalog_document()
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("大厅还没有清单目录，可先执行 seed-demo"))?
            };
            std::fs::write(&out, workbook::export(&doc)?)
                .with_context(|| format!("无法写入 {}", out.display()))?;
            println!(
                "已导出目录 {}：{} 个事项，{} 个一件事 → {}",
                doc.version,
                doc.matters.len(),
                doc.bundles.len(),
                out.display()
            );
        }
        CatalogCommand::Import { db, file, dry_run } => {
            let bytes =
                std::fs::read(&file).with_context(|| format!("无法读取 {}", file.display()))?;
            let catalog = match workbook::import(&bytes) {
                Ok(c) => c,
                Err(problems) => {
                    for p in &problems {
                        println!(
                            "{}\t第 {} 行\t{}\t{}",
                            p.sheet,
                            p.row,
                            p.column.as_deref().unwrap_or(""),
                            p.message
                        );
                    }
                    anyhow::bail!("工作簿有 {} 处问题，未导入任何内容", problems.len());
                }
            };
            let doc = catalog.doc();
            println!(
                "检查通过：目录 {}，{} 个部门，{} 个事项，{} 个一件事，{} 个窗口",
                doc.version,
                doc.departments.len(),
                doc.matters.len(),
                doc.bundles.len(),
                doc.counters.len()
            );
            if !dry_run {
                let ctx = db.context().await?;
                service::catalog::load(&ctx, &catalog).await?;
                println!("已载入");
            }
        }
    }
    Ok(())
}
