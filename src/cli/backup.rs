//! `onetrip backup` and `onetrip restore`: a consistent copy of a live SQLite hall, and
//! bringing one back. PostgreSQL halls use pg_dump/pg_restore (README, "Backup and restore").

use super::{init_logging, DbArgs};
use clap::Args;
use onetrip::service::backup;
use std::path::PathBuf;

#[derive(Args)]
pub struct BackupArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to write (must not exist yet).
    #[arg(long)]
    out: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to bring back (made by `onetrip backup` or the schedule of `serve`).
    #[arg(long)]
    from: PathBuf,
    /// Replace the hall's existing database (kept beside it as <name>.replaced-<time>).
    #[arg(long)]
    force: bool,
}

pub async fn backup(args: BackupArgs) -> anyhow::Result<()> {
    init_logging(false);
    let url = args.db.database_url();
    let Some(path) = backup::sqlite_path(&url) else {
        anyhow::bail!("{}", onetrip::store::PG_BACKUP_HINT);
    };
    if !path.is_file() {
        anyhow::bail!("数据库 {} 不存在，没有可备份的内容", path.display());
    }
    // No migration here: the running server owns the schema.
    let store = onetrip::store::connect(&url).await?;
    let done = backup::backup(store.as_ref(), &args.out).await?;
    println!(
        "已备份 {} → {}：{} 字节，用时 {} 毫秒",
        path.display(),
        done.path.display(),
        done.bytes,
        done.elapsed.as_millis()
    );
    Ok(())
}

pub async fn restore(args: RestoreArgs) -> anyhow::Result<()> {
    init_logging(false);
    let url = args.db.database_url();
    let done = backup::restore(&args.from, &url, args.force).await?;
    if let Some(previous) = &done.previous {
        println!("原数据库保留为 {}", previous.display());
    }
    println!(
        "已恢复 {} → {}：{} 字节，数据库结构版本 {}。请启动 onetrip serve 后执行 onetrip audit verify 核对审计链",
        args.from.display(),
        done.target.display(),
        done.bytes,
        done.schema
    );
    Ok(())
}
