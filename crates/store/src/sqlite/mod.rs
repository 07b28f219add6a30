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
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub struct SqliteStore {
    /// Exactly one connection: SQLite has one writer anyway, and queuing in the pool is fairer
    /// than spinning on SQLITE_BUSY.
    writer: SqlitePool,
    readers: SqlitePool,
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
            .connect_with(options.read_only(true))
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
        Ok(Self { writer, readers })
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
        sqlx::migrate!("../../migrations/sqlite")
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
