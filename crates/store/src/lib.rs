//! The store contract of onetrip and its backends.
//!
//! A use case opens one transaction ([`Store::begin_write`] or [`Store::begin_read`]), passes
//! `&mut dyn Tx` to whatever it calls, and commits once. Every backend implements the same
//! [`Tx`] so the service layer never knows which database it runs on.

pub mod audit;
pub mod cases;
pub mod catalog_versions;
mod error;
pub mod messages;
pub mod model;
mod postgres;
pub mod ratings;
mod sqlite;
pub mod stats;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::catalog::{CatalogDoc, Counter};
use onetrip_domain::{CategoryCode, CounterCode, Role, ServiceDay, TicketStatus};

pub use audit::*;
pub use cases::*;
pub use catalog_versions::{
    CatalogChangeRow, CatalogDraftRow, CatalogHistoryRow, CatalogVersionRow, CatalogVersionTx,
    NewCatalogVersion,
};
pub use error::StoreError;
pub use messages::*;
pub use model::*;
pub use postgres::{PostgresStore, PG_BACKUP_HINT};
pub use ratings::*;
pub use sqlite::{SqliteBackupCheck, SqliteStore};
pub use stats::*;

pub type StoreResult<T> = Result<T, StoreError>;

#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// A transaction that may write. Writers are serialised (SQLite takes the write lock up
    /// front with `BEGIN IMMEDIATE`), so read-then-write logic inside it is safe.
    async fn begin_write(&self) -> StoreResult<Box<dyn Tx>>;
    /// A read-only snapshot.
    async fn begin_read(&self) -> StoreResult<Box<dyn Tx>>;
    async fn migrate(&self) -> StoreResult<()>;
    /// Is the database reachable right now?
    async fn ping(&self) -> StoreResult<()>;
    fn backend(&self) -> &'static str;
    /// Writes a consistent copy of the whole database into `path`, a file that must not exist
    /// yet, while others go on writing (SQLite: `VACUUM INTO`). PostgreSQL refuses with a
    /// message naming `pg_dump`, the tool for it.
    async fn backup_to(&self, path: &std::path::Path) -> StoreResult<()>;
    /// The ids of events committed by any process (PostgreSQL's LISTEN/NOTIFY; `i64::MAX`
    /// after a reconnect, when some may have been missed); None where this process is the
    /// only writer.
    fn commit_notifications(&self) -> Option<tokio::sync::mpsc::Receiver<i64>> {
        None
    }
}

/// One open transaction. Dropping it without [`Tx::commit`] rolls it back.
pub trait Tx:
    SettingsTx
    + CatalogTx
    + CatalogVersionTx
    + AuthTx
    + TicketTx
    + SessionTx
    + AppointmentTx
    + CaseTx
    + RatingTx
    + MessageTx
    + StatsTx
    + AuditTx
    + EventTx
    + Send
{
}
impl<T> Tx for T where
    T: SettingsTx
        + CatalogTx
        + CatalogVersionTx
        + AuthTx
        + TicketTx
        + SessionTx
        + AppointmentTx
        + CaseTx
        + RatingTx
        + MessageTx
        + StatsTx
        + AuditTx
        + EventTx
        + Send
{
}

#[async_trait]
pub trait SettingsTx: Send {
    async fn commit(self: Box<Self>) -> StoreResult<()>;
    async fn get_setting(&mut self, key: &str) -> StoreResult<Option<String>>;
    async fn set_setting(&mut self, key: &str, value: &str) -> StoreResult<()>;
}

#[async_trait]
pub trait CatalogTx: Send {
    async fn catalog_version(&mut self) -> StoreResult<Option<String>>;
    /// The whole catalog as last loaded (bundles, matters' guides), for intake.
    async fn catalog_document(&mut self) -> StoreResult<Option<CatalogDoc>>;
    /// Makes `doc` the current catalog: inserts or updates its items and deletes the rows of
    /// items it no longer has (the caller has checked nothing refers to them).
    async fn load_catalog(&mut self, doc: &CatalogDoc, at: DateTime<Utc>) -> StoreResult<()>;
    async fn list_categories(&mut self) -> StoreResult<Vec<CategoryRow>>;
    async fn list_matters(&mut self) -> StoreResult<Vec<MatterRow>>;
    async fn list_counters(&mut self) -> StoreResult<Vec<Counter>>;
    async fn get_counter(&mut self, code: &CounterCode) -> StoreResult<Option<Counter>>;
    async fn department_exists(&mut self, code: &str) -> StoreResult<bool>;
}

#[async_trait]
pub trait AuthTx: Send {
    async fn count_users_with_role(&mut self, role: Role) -> StoreResult<i64>;
    /// Fails with [`StoreError::Conflict`] when the username is taken.
    async fn insert_user(&mut self, user: &NewUser) -> StoreResult<UserRow>;
    async fn find_user_by_username(&mut self, username: &str) -> StoreResult<Option<UserRow>>;
    async fn list_users(&mut self) -> StoreResult<Vec<UserRow>>;
    async fn insert_device(
        &mut self,
        name: &str,
        role: Role,
        at: DateTime<Utc>,
    ) -> StoreResult<DeviceRow>;
    async fn find_device_by_name(&mut self, name: &str) -> StoreResult<Option<DeviceRow>>;
    async fn list_devices(&mut self) -> StoreResult<Vec<DeviceRow>>;
    /// Revokes the device and every token it holds; false when there is no such live device.
    async fn revoke_device(&mut self, id: i64, at: DateTime<Utc>) -> StoreResult<bool>;
    async fn insert_token(&mut self, token: &NewToken) -> StoreResult<()>;
    /// The principal behind a live token (not revoked, not expired at `now`, owner enabled).
    async fn find_principal_by_token(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> StoreResult<Option<PrincipalRow>>;
    async fn revoke_token(&mut self, token_hash: &str, at: DateTime<Utc>) -> StoreResult<()>;
    async fn revoke_device_tokens(&mut self, device_id: i64, at: DateTime<Utc>) -> StoreResult<()>;
    async fn get_user(&mut self, id: i64) -> StoreResult<Option<UserRow>>;
    /// Writes name, roles, department, disabled and the password hash.
    async fn update_user(&mut self, user: &UserRow) -> StoreResult<()>;
    /// Ends every session of the user (disabled, or a new password).
    async fn revoke_user_tokens(&mut self, user_id: i64, at: DateTime<Utc>) -> StoreResult<()>;
}

#[async_trait]
pub trait TicketTx: Send {
    /// Reserves the next sequence number of `category` on `day`: gapless, since it rolls back
    /// with the transaction that would have used it.
    async fn next_ticket_seq(
        &mut self,
        category: CategoryCode,
        day: ServiceDay,
    ) -> StoreResult<u32>;
    async fn insert_ticket(&mut self, ticket: &NewTicket) -> StoreResult<TicketRow>;
    async fn find_ticket_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<TicketRow>>;
    async fn get_ticket(&mut self, id: i64) -> StoreResult<Option<TicketRow>>;
    /// The same, locking the row against concurrent writers until commit.
    async fn get_ticket_for_update(&mut self, id: i64) -> StoreResult<Option<TicketRow>>;
    async fn find_ticket_by_track_code(&mut self, code: &str) -> StoreResult<Option<TicketRow>>;
    /// A ticket of this person still active today in this line, if any.
    async fn active_ticket_for_person(
        &mut self,
        day: ServiceDay,
        person_digest: &str,
        queue_category: CategoryCode,
    ) -> StoreResult<Option<TicketRow>>;
    /// Writes every mutable field of `ticket`, provided it is still in `expected` state;
    /// false when another writer changed it first.
    async fn update_ticket(
        &mut self,
        ticket: &TicketRow,
        expected: TicketStatus,
    ) -> StoreResult<bool>;
    async fn record_call(
        &mut self,
        ticket_id: i64,
        counter: &CounterCode,
        kind: CallKind,
        at: DateTime<Utc>,
        reason: &str,
    ) -> StoreResult<()>;
    /// How many wait ahead of this position in its line.
    async fn count_waiting_ahead(&mut self, position: &QueuePosition) -> StoreResult<i64>;
    async fn waiting_counts(&mut self, day: ServiceDay) -> StoreResult<Vec<(CategoryCode, i64)>>;
    /// Tickets of `day` in `status` in these lines, in service order.
    async fn tickets_in_lines(
        &mut self,
        day: ServiceDay,
        status: TicketStatus,
        categories: &[CategoryCode],
        limit: i64,
    ) -> StoreResult<Vec<TicketRow>>;
    /// The reason recorded with the latest call of a ticket.
    async fn last_call_reason(&mut self, ticket_id: i64) -> StoreResult<Option<String>>;
    /// The first waiting ticket of each priority class of each of `categories` on `day`
    /// (not counting tickets transferred to a particular counter).
    async fn waiting_heads(
        &mut self,
        day: ServiceDay,
        categories: &[CategoryCode],
    ) -> StoreResult<Vec<TicketRow>>;
    /// The first waiting ticket transferred to `counter`.
    async fn transferred_head(
        &mut self,
        day: ServiceDay,
        counter: &CounterCode,
    ) -> StoreResult<Option<TicketRow>>;
    /// The ticket `counter` has called or is serving on `day`, if any.
    async fn current_ticket_at(
        &mut self,
        day: ServiceDay,
        counter: &CounterCode,
    ) -> StoreResult<Option<TicketRow>>;
    /// Tickets called or being served on `day`.
    async fn now_serving(&mut self, day: ServiceDay) -> StoreResult<Vec<TicketRow>>;
    async fn recent_calls(&mut self, day: ServiceDay, limit: i64) -> StoreResult<Vec<CallRow>>;
    /// First calls made at `counter` on `day`, per line.
    async fn calls_by_category(
        &mut self,
        day: ServiceDay,
        counter: &CounterCode,
    ) -> StoreResult<Vec<(CategoryCode, i64)>>;
    /// Service minutes (start or call to finish) of the latest `limit` tickets finished in
    /// `category` on `day`.
    async fn recent_service_minutes(
        &mut self,
        day: ServiceDay,
        category: CategoryCode,
        limit: i64,
    ) -> StoreResult<Vec<f64>>;
    /// Every ticket of `day` that has been called: its estimate and actual wait.
    async fn wait_samples(&mut self, day: ServiceDay) -> StoreResult<Vec<WaitSample>>;
}

#[async_trait]
pub trait SessionTx: Send {
    /// Fails with [`StoreError::Conflict`] when the counter or the clerk already has one.
    async fn open_session(
        &mut self,
        counter: &CounterCode,
        user_id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<CounterSessionRow>;
    async fn close_session(&mut self, id: i64, at: DateTime<Utc>) -> StoreResult<()>;
    async fn set_session_paused(&mut self, id: i64, paused: bool) -> StoreResult<()>;
    async fn session_for_counter(
        &mut self,
        counter: &CounterCode,
    ) -> StoreResult<Option<CounterSessionRow>>;
    async fn session_for_user(&mut self, user_id: i64) -> StoreResult<Option<CounterSessionRow>>;
    async fn open_sessions(&mut self) -> StoreResult<Vec<CounterSessionRow>>;
}

#[async_trait]
pub trait AppointmentTx: Send {
    /// Fails with [`StoreError::Conflict`] when the person already has a booking that day.
    async fn insert_appointment(&mut self, a: &NewAppointment) -> StoreResult<AppointmentRow>;
    async fn find_appointment(&mut self, code: &str) -> StoreResult<Option<AppointmentRow>>;
    /// Live (not cancelled) bookings per slot start of `category` on `day`.
    async fn booked_per_slot(
        &mut self,
        category: CategoryCode,
        day: ServiceDay,
    ) -> StoreResult<Vec<(chrono::NaiveTime, i64)>>;
    /// Slot starts of this person's bookings that were never checked in and whose check-in
    /// window closed before `cutoff`.
    async fn missed_appointments(
        &mut self,
        person_digest: &str,
        cutoff: DateTime<Utc>,
    ) -> StoreResult<Vec<DateTime<Utc>>>;
    async fn set_appointment_status(
        &mut self,
        id: i64,
        status: AppointmentStatus,
        at: DateTime<Utc>,
        ticket_id: Option<i64>,
    ) -> StoreResult<()>;
}

#[async_trait]
pub trait EventTx: Send {
    /// Appends to the outbox; the caller publishes the returned record after commit.
    async fn append_event(&mut self, event: &NewEvent) -> StoreResult<EventRow>;
    async fn events_after(&mut self, after_id: i64, limit: i64) -> StoreResult<Vec<EventRow>>;
    async fn last_event_id(&mut self) -> StoreResult<i64>;
}

/// Opens the backend named by a database URL.
pub async fn connect(database_url: &str) -> StoreResult<std::sync::Arc<dyn Store>> {
    if database_url.starts_with("sqlite:") {
        Ok(std::sync::Arc::new(
            SqliteStore::connect(database_url).await?,
        ))
    } else if database_url.starts_with("postgres:") || database_url.starts_with("postgresql:") {
        Ok(std::sync::Arc::new(
            PostgresStore::connect(database_url).await?,
        ))
    } else {
        Err(StoreError::Config(format!(
            "不支持的数据库地址“{database_url}”：请使用 sqlite://路径 或 postgres://用户@主机/库名"
        )))
    }
}
