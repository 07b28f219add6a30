//! Backups of a SQLite hall and their restoration (issue 10): a consistent copy of the live
//! database taken through the store (`VACUUM INTO`, while the hall goes on writing), a
//! restore that checks the copy before it puts it in place atomically, and the scheduled
//! backups of `onetrip serve`. A PostgreSQL hall is backed up with `pg_dump` instead.

use crate::context::AppContext;
use anyhow::{bail, Context as _};
use onetrip_store::{SqliteStore, Store, PG_BACKUP_HINT};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A backup written.
#[derive(Debug, Clone)]
pub struct BackupDone {
    pub path: PathBuf,
    pub bytes: u64,
    pub elapsed: Duration,
}

/// A backup put in place.
#[derive(Debug, Clone)]
pub struct RestoreDone {
    pub target: PathBuf,
    pub bytes: u64,
    /// The last migration applied to the restored database.
    pub schema: i64,
    /// Where the database it replaced was kept (a hard link or copy), if there was one.
    pub previous: Option<PathBuf>,
}

/// The file of a `sqlite:` database URL (`sqlite://path`, `sqlite:path`, `?options` dropped);
/// None for other databases.
pub fn sqlite_path(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite:")?;
    let rest = rest.strip_prefix("//").unwrap_or(rest);
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Copies the whole database into `out` (a file that must not exist yet) while the hall keeps
/// writing: one consistent snapshot, written beside `out` under a hidden name, flushed to
/// disk and only then renamed to `out`, so a file with that name is always a whole backup.
pub async fn backup(store: &dyn Store, out: &Path) -> anyhow::Result<BackupDone> {
    if store.backend() != "sqlite" {
        bail!("{PG_BACKUP_HINT}");
    }
    if out.exists() {
        bail!(
            "{} 已存在：备份不覆盖已有的文件，请换一个文件名",
            out.display()
        );
    }
    let dir = parent_dir(out);
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    let name = out
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("备份文件名无效：{}", out.display()))?;
    let partial = dir.join(format!(
        ".{}.partial-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&partial);
    let started = Instant::now();
    if let Err(e) = store.backup_to(&partial).await {
        let _ = std::fs::remove_file(&partial);
        return Err(anyhow::Error::new(e).context("备份失败"));
    }
    sync_file(&partial)?;
    std::fs::rename(&partial, out)
        .with_context(|| format!("无法把备份改名为 {}", out.display()))?;
    sync_dir(&dir);
    Ok(BackupDone {
        path: out.to_path_buf(),
        bytes: std::fs::metadata(out)?.len(),
        elapsed: started.elapsed(),
    })
}

/// Puts the backup `from` in place of the SQLite database of `database_url`. Refuses while
/// that database is open (a server still running), and to replace an existing database
/// without `force`. The backup is copied beside the target first and checked there
/// (integrity, the migrations it has against this build's), then renamed over the target in
/// one step; stale `-wal`/`-shm` files of the target go first, and the replaced database is
/// kept as `<name>.replaced-<time>`.
pub async fn restore(from: &Path, database_url: &str, force: bool) -> anyhow::Result<RestoreDone> {
    let Some(target) = sqlite_path(database_url) else {
        bail!("{PG_BACKUP_HINT}");
    };
    if !from.is_file() {
        bail!("备份文件 {} 不存在", from.display());
    }
    let exists = target.exists();
    if exists {
        if same_file(from, &target) {
            bail!("备份文件就是目标数据库 {}", target.display());
        }
        refuse_if_in_use(&target).await?;
        if !force {
            bail!(
                "目标数据库 {} 已存在；确认要用备份覆盖它，请加 --force",
                target.display()
            );
        }
    }
    let dir = parent_dir(&target);
    std::fs::create_dir_all(&dir).with_context(|| format!("无法创建目录 {}", dir.display()))?;
    let file_name = target
        .file_name()
        .ok_or_else(|| anyhow::anyhow!("数据库路径无效：{}", target.display()))?
        .to_string_lossy()
        .into_owned();
    let staged = dir.join(format!(".{file_name}.restore-{}", std::process::id()));
    remove_with_sidecars(&staged)?;
    std::fs::copy(from, &staged).with_context(|| format!("无法读取备份 {}", from.display()))?;
    let check = match SqliteStore::check_backup(&staged).await {
        Ok(check) => check,
        Err(e) => {
            let _ = remove_with_sidecars(&staged);
            return Err(anyhow::Error::new(e).context("无法检查备份"));
        }
    };
    if !check.problems.is_empty() {
        let _ = remove_with_sidecars(&staged);
        bail!(
            "备份 {} 不能恢复：\n  - {}",
            from.display(),
            check.problems.join("\n  - ")
        );
    }
    sync_file(&staged)?;
    // Checked again right before the swap: a server may have started meanwhile.
    let previous = if target.exists() {
        refuse_if_in_use(&target).await?;
        let kept = dir.join(format!(
            "{file_name}.replaced-{}",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ));
        if std::fs::hard_link(&target, &kept).is_err() {
            std::fs::copy(&target, &kept)
                .with_context(|| format!("无法保留原数据库为 {}", kept.display()))?;
        }
        Some(kept)
    } else {
        None
    };
    for suffix in ["-wal", "-shm", "-journal"] {
        let stale = sidecar(&target, suffix);
        if stale.exists() {
            std::fs::remove_file(&stale)
                .with_context(|| format!("无法删除旧的 {}", stale.display()))?;
        }
    }
    std::fs::rename(&staged, &target)
        .with_context(|| format!("无法把备份放到 {}", target.display()))?;
    sync_dir(&dir);
    Ok(RestoreDone {
        bytes: std::fs::metadata(&target)?.len(),
        target,
        schema: check.applied.last().copied().unwrap_or(0),
        previous,
    })
}

async fn refuse_if_in_use(target: &Path) -> anyhow::Result<()> {
    if SqliteStore::in_use(target)
        .await
        .with_context(|| format!("无法打开目标数据库 {}", target.display()))?
    {
        bail!(
            "目标数据库 {} 正在使用（onetrip serve 还在运行？）：请先停止服务再恢复",
            target.display()
        );
    }
    Ok(())
}

/// Scheduled backups: every `every`, a file `onetrip-YYYYMMDD-HHMMSS.db` (the hall's local
/// time) in `dir`, keeping the newest `keep` of them.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub dir: PathBuf,
    pub every: Duration,
    pub keep: usize,
}

const PREFIX: &str = "onetrip-";
const SUFFIX: &str = ".db";

/// The name of a scheduled backup taken at `at`.
pub fn scheduled_name<Tz: chrono::TimeZone>(at: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    format!("{PREFIX}{}{SUFFIX}", at.format("%Y%m%d-%H%M%S"))
}

/// Is this the name of a scheduled backup (`onetrip-YYYYMMDD-HHMMSS.db`, nothing else)?
pub fn is_scheduled_name(name: &str) -> bool {
    let Some(stamp) = name
        .strip_prefix(PREFIX)
        .and_then(|s| s.strip_suffix(SUFFIX))
    else {
        return false;
    };
    let b = stamp.as_bytes();
    b.len() == 15
        && b[8] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 8 || c.is_ascii_digit())
}

/// Deletes the oldest scheduled backups in `dir` beyond the newest `keep` (by name, which is
/// by time); files not named like a scheduled backup are never touched. The deleted paths.
pub fn prune(dir: &Path, keep: usize) -> std::io::Result<Vec<PathBuf>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| is_scheduled_name(n))
        .collect();
    names.sort_unstable();
    let excess = names.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for name in names.into_iter().take(excess) {
        let path = dir.join(name);
        std::fs::remove_file(&path)?;
        removed.push(path);
    }
    Ok(removed)
}

/// One scheduled backup now, then the pruning; the backup and the files deleted.
pub async fn scheduled_backup(
    ctx: &AppContext,
    schedule: &Schedule,
) -> anyhow::Result<(BackupDone, Vec<PathBuf>)> {
    let at = ctx.clock.now().with_timezone(&ctx.hall().timezone);
    let done = backup(ctx.store.as_ref(), &schedule.dir.join(scheduled_name(&at))).await?;
    let removed = prune(&schedule.dir, schedule.keep.max(1))
        .with_context(|| format!("无法清理旧备份 {}", schedule.dir.display()))?;
    Ok((done, removed))
}

/// Runs the schedule in the background (the first backup one period after the start) until
/// the task is aborted; each backup and each failure is logged.
pub fn spawn_schedule(ctx: AppContext, schedule: Schedule) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let every = schedule.every.max(Duration::from_millis(100));
        let mut ticks = tokio::time::interval_at(tokio::time::Instant::now() + every, every);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            match scheduled_backup(&ctx, &schedule).await {
                Ok((done, removed)) => tracing::info!(
                    path = %done.path.display(),
                    bytes = done.bytes,
                    ms = done.elapsed.as_millis() as u64,
                    removed = removed.len(),
                    "scheduled backup written"
                ),
                Err(e) => tracing::error!(error = format!("{e:#}"), "scheduled backup failed"),
            }
        }
    })
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn remove_with_sidecars(path: &Path) -> std::io::Result<()> {
    for p in [
        path.to_path_buf(),
        sidecar(path, "-wal"),
        sidecar(path, "-shm"),
        sidecar(path, "-journal"),
    ] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    Ok(())
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

fn sync_file(path: &Path) -> anyhow::Result<()> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .with_context(|| format!("无法写入磁盘：{}", path.display()))
}

/// Makes a rename durable (best effort: not every platform can open a directory).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
