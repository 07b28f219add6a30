//! The SQLite backend: one file, WAL, foreign keys, a busy timeout, and a single writer
//! connection whose transactions start with `BEGIN IMMEDIATE`.

mod appointments;
mod audit;
mod auth;
mod cases;
mod catalog;
mod catalog_versions;
mod events;
mod messages;
mod ratings;
mod sessions;
mod settings;
mod stats;
mod tickets;

use crate::{Store, StoreError, StoreResult, Tx};
use async_trait::async_trait;
use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqliteLockingMode, SqlitePoolOptions,
    SqliteSynchronous,
};
use sqlx::{ConnectOptions as _, Connection as _, Sqlite, SqlitePool, Transaction};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The schema this build knows: the migrations compiled into it.
static MIGRATOR: Migrator = sqlx::migrate!("../../migrations/sqlite");

pub struct SqliteStore {
    /// Exactly one connection: SQLite has one writer anyway, and queuing in the pool is fairer
    /// than spinning on SQLITE_BUSY.
    writer: SqlitePool,
    readers: SqlitePool,
    /// How the pools connect, for the occasional connection of its own (a backup).
    options: SqliteConnectOptions,
}

/// What a copy of a hall's database file holds, read before it may replace a live one.
#[derive(Debug, Clone)]
pub struct SqliteBackupCheck {
    /// Why it must not be restored, in Chinese; empty when it may.
    pub problems: Vec<String>,
    /// The migrations applied to it (the schema version is the last one).
    pub applied: Vec<i64>,
    /// The last migration this build knows.
    pub latest_known: i64,
}

pub(crate) struct SqliteTx {
    tx: Transaction<'static, Sqlite>,
}

impl SqliteStore {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("数据库地址无效：{e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // FULL: an acknowledged ticket survives a power cut, not only a crash.
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let writer = SqlitePoolOptions::new()
            .max_connections(1)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone())
            .await?;
        let readers = SqlitePoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options.clone().read_only(true))
            .await;
        // A brand-new file cannot be opened read-only before the writer created it; retry after.
        let readers = match readers {
            Ok(pool) => pool,
            Err(_) => {
                SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(
                        SqliteConnectOptions::from_str(url)
                            .map_err(|e| StoreError::Config(format!("数据库地址无效：{e}")))?,
                    )
                    .await?
            }
        };
        Ok(Self {
            writer,
            readers,
            options,
        })
    }

    /// Checks a copy of a hall's database file before it replaces one: SQLite's own
    /// `integrity_check`, the migrations table present, every migration in it known to this
    /// build (none newer), complete and unchanged. The file is opened read-write and left in
    /// rollback-journal mode, so that it is one self-contained file afterwards.
    pub async fn check_backup(path: &Path) -> StoreResult<SqliteBackupCheck> {
        let latest_known = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
        let mut check = SqliteBackupCheck {
            problems: Vec::new(),
            applied: Vec::new(),
            latest_known,
        };
        if !path.is_file() {
            check
                .problems
                .push(format!("备份文件 {} 不存在", path.display()));
            return Ok(check);
        }
        let mut conn = match SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(false)
            .journal_mode(SqliteJournalMode::Delete)
            .connect()
            .await
        {
            Ok(conn) => conn,
            Err(e) => {
                check
                    .problems
                    .push(format!("无法作为 SQLite 数据库打开：{e}"));
                return Ok(check);
            }
        };
        let integrity: Result<Vec<String>, _> = sqlx::query_scalar("PRAGMA integrity_check(20)")
            .fetch_all(&mut conn)
            .await;
        match integrity {
            Ok(rows) if rows == ["ok"] => {}
            Ok(rows) => check
                .problems
                .extend(rows.into_iter().map(|r| format!("完整性检查未通过：{r}"))),
            Err(e) => check
                .problems
                .push(format!("无法作为 SQLite 数据库读取：{e}")),
        }
        if !check.problems.is_empty() {
            conn.close().await?;
            return Ok(check);
        }
        let has_table: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
        )
        .fetch_one(&mut conn)
        .await?;
        if has_table == 0 {
            check
                .problems
                .push("没有迁移记录表 _sqlx_migrations：这不是 onetrip 大厅的数据库".to_string());
            conn.close().await?;
            return Ok(check);
        }
        let rows: Vec<(i64, bool, Vec<u8>)> = sqlx::query_as(
            "SELECT version, success, checksum FROM _sqlx_migrations ORDER BY version",
        )
        .fetch_all(&mut conn)
        .await?;
        conn.close().await?;
        for (version, success, checksum) in rows {
            match MIGRATOR.iter().find(|m| m.version == version) {
                None if version > latest_known => check.problems.push(format!(
                    "备份的数据库结构（迁移 {version}）比本程序新（最新 {latest_known}），请用更新版本的 onetrip 恢复"
                )),
                None => check
                    .problems
                    .push(format!("备份里的迁移 {version} 本程序不认识")),
                Some(m) if *m.checksum != *checksum => check
                    .problems
                    .push(format!("备份里的迁移 {version} 与本程序的不一致")),
                Some(_) if !success => check
                    .problems
                    .push(format!("备份里的迁移 {version} 没有完成")),
                Some(_) => {}
            }
            check.applied.push(version);
        }
        if check.applied.is_empty() {
            check
                .problems
                .push("备份里一个迁移也没有：这是一个空数据库".to_string());
        }
        Ok(check)
    }

    /// Whether some connection — a running `onetrip serve`, in this process or another — has
    /// the database at `path` open: asks for an exclusive lock without waiting. A connection
    /// to a WAL database keeps a shared lock on the file for as long as it is open.
    pub async fn in_use(path: &Path) -> StoreResult<bool> {
        if !path.exists() {
            return Ok(false);
        }
        let mut conn = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(false)
            .locking_mode(SqliteLockingMode::Exclusive)
            .busy_timeout(Duration::ZERO)
            .connect()
            .await?;
        let busy = match sqlx::query("BEGIN EXCLUSIVE").execute(&mut conn).await {
            Ok(_) => {
                sqlx::query("ROLLBACK").execute(&mut conn).await?;
                false
            }
            Err(sqlx::Error::Database(e))
                if matches!(e.code().as_deref(), Some("5") | Some("6")) =>
            {
                true
            }
            Err(e) => return Err(e.into()),
        };
        conn.close().await?;
        Ok(busy)
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn begin_write(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.writer.begin_with("BEGIN IMMEDIATE").await?;
        Ok(Box::new(SqliteTx { tx }))
    }

    async fn begin_read(&self) -> StoreResult<Box<dyn Tx>> {
        let tx = self.readers.begin().await?;
        Ok(Box::new(SqliteTx { tx }))
    }

    async fn migrate(&self) -> StoreResult<()> {
        MIGRATOR
            .run(&self.writer)
            .await
            .map_err(|e| StoreError::Other(e.into()))
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.readers).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "sqlite"
    }

    /// `VACUUM INTO` on a connection of its own: a read transaction, so it copies one
    /// consistent snapshot while the writer goes on committing (WAL), into a new file.
    async fn backup_to(&self, path: &Path) -> StoreResult<()> {
        let target = path
            .to_str()
            .ok_or_else(|| StoreError::Config(format!("备份路径无效：{}", path.display())))?;
        let mut conn = self
            .options
            .clone()
            .create_if_missing(false)
            .connect()
            .await?;
        let result = sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&mut conn)
            .await;
        conn.close().await?;
        result?;
        Ok(())
    }
}

fn parse_or_corrupt<T, E: std::fmt::Display>(r: Result<T, E>) -> StoreResult<T> {
    r.map_err(StoreError::corrupt)
}

/// Timestamps are bound as fixed-width UTC text so that SQL comparison and ordering of the
/// text agree with time order.
pub(crate) fn ts(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

pub(crate) fn ts_opt(t: Option<chrono::DateTime<chrono::Utc>>) -> Option<String> {
    t.map(ts)
}
