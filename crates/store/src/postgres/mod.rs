//! The PostgreSQL backend, for halls that outgrow one machine: several `onetrip serve`
//! instances share one database and act as one hall.
//!
//! Every write transaction first takes the hall's transaction-scoped advisory lock. That gives
//! PostgreSQL the same guarantee as SQLite's single writer, across instances: read-then-write
//! logic in the service layer is safe, ticket numbers stay gapless, and outbox event ids
//! become visible in increasing order (so SSE clients resuming from an id miss nothing).
//! Readers never wait for it.

mod appointments;
mod audit;
mod auth;
mod cases;
mod catalog;
mod catalog_versions;
mod events;
mod health;
mod listen;
mod messages;
mod ratings;
mod sessions;
mod settings;
mod stats;
mod tickets;

use crate::{Store, StoreError, StoreResult, Tx};
use async_trait::async_trait;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{PgPool, Postgres, Transaction};
use std::str::FromStr;
use std::time::Duration;

/// The key of the hall's write lock (`pg_advisory_xact_lock`): "onetrip" in ASCII.
const HALL_WRITE_LOCK: i64 = 0x006f_6e65_7472_6970;

/// The channel `append_event` notifies on commit; every instance listens to it.
pub(crate) const EVENTS_CHANNEL: &str = "onetrip_events";

pub struct PostgresStore {
    pool: PgPool,
    options: PgConnectOptions,
    health: health::Health,
}

pub(crate) struct PgTx {
    tx: Transaction<'static, Postgres>,
}

impl PostgresStore {
    pub async fn connect(url: &str) -> StoreResult<Self> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Config(format!("数据库地址无效：{e}")))?
            .application_name("onetrip");
        // While the database is down a request answers 503 within about a second (see
        // `health`) instead of hanging; the pool reconnects by itself once it is back. The
        // long acquire timeout is for a busy hall, where requests queue for a connection.
        let pool = PgPoolOptions::new()
            .max_connections(32)
            .min_connections(0)
            .acquire_timeout(Duration::from_secs(10))
            .test_before_acquire(true)
            .connect_lazy_with(options.clone());
        let health = health::Health::new(&options);
        let store = Self {
            pool,
            options,
            health,
        };
        store.ping().await?;
        Ok(store)
    }
}

impl PostgresStore {
    async fn begin(&self, statement: String) -> StoreResult<Transaction<'static, Postgres>> {
        let conn = self.health.acquire(&self.pool).await?;
        Ok(Transaction::begin(conn, Some(statement.into())).await?)
    }
}

/// Why `onetrip backup` does not copy a PostgreSQL hall, and what does.
pub const PG_BACKUP_HINT: &str = "PostgreSQL 数据库请用 PostgreSQL 自带的工具备份和恢复：\
     pg_dump -Fc -f onetrip.dump <数据库地址> 备份，pg_restore --clean --if-exists -d <数据库地址> onetrip.dump 恢复\
     （见 README 的“Backup and restore”）。onetrip backup/restore 只处理 SQLite 数据库文件。";

#[async_trait]
impl Store for PostgresStore {
    async fn begin_write(&self) -> StoreResult<Box<dyn Tx>> {
        // One round trip: begin and take the hall's write lock.
        let begin = format!("BEGIN; SELECT pg_advisory_xact_lock({HALL_WRITE_LOCK})");
        Ok(Box::new(PgTx {
            tx: self.begin(begin).await?,
        }))
    }

    async fn begin_read(&self) -> StoreResult<Box<dyn Tx>> {
        // One consistent snapshot for the whole use case, like SQLite's read transaction.
        let begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY".to_string();
        Ok(Box::new(PgTx {
            tx: self.begin(begin).await?,
        }))
    }

    async fn migrate(&self) -> StoreResult<()> {
        sqlx::migrate!("../../migrations/postgres")
            .run(&self.pool)
            .await
            .map_err(|e| match e {
                sqlx::migrate::MigrateError::Execute(e) => StoreError::from(e),
                e => StoreError::Other(e.into()),
            })
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "postgres"
    }

    async fn backup_to(&self, _path: &std::path::Path) -> StoreResult<()> {
        Err(StoreError::Config(PG_BACKUP_HINT.to_string()))
    }

    fn commit_notifications(&self) -> Option<tokio::sync::mpsc::Receiver<i64>> {
        Some(listen::spawn(self.options.clone()))
    }
}

fn parse_or_corrupt<T, E: std::fmt::Display>(r: Result<T, E>) -> StoreResult<T> {
    r.map_err(StoreError::corrupt)
}
