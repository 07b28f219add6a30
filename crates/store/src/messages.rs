//! The part of the store contract that keeps 网民留言: the message, its forwarding to a
//! department, the answer, publication or closing. Numbers, query codes and idempotency keys
//! are unique in the database too.

use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::message::{MessageKind, MessageState};

#[derive(Debug, Clone)]
pub struct NewMessage {
    pub message_no: String,
    pub submitted_on: NaiveDate,
    pub seq: u32,
    pub query_code: String,
    pub kind: MessageKind,
    pub title: String,
    pub body: String,
    pub name: Option<String>,
    pub phone: String,
    /// `public`, `kiosk` or `staff`.
    pub channel: String,
    pub submitted_at: DateTime<Utc>,
    /// Scopes the idempotency key, like a ticket's issuer.
    pub issuer: String,
    pub idempotency_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MessageRow {
    pub id: i64,
    pub message_no: String,
    pub submitted_on: NaiveDate,
    pub query_code: String,
    pub kind: MessageKind,
    pub title: String,
    pub body: String,
    pub name: Option<String>,
    pub phone: String,
    pub channel: String,
    pub state: MessageState,
    pub submitted_at: DateTime<Utc>,
    pub department: Option<String>,
    pub forward_note: Option<String>,
    pub forwarded_at: Option<DateTime<Utc>>,
    pub forwarded_by: Option<i64>,
    pub due_on: Option<NaiveDate>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<i64>,
    pub published_at: Option<DateTime<Utc>>,
    pub published_by: Option<i64>,
    pub close_kind: Option<String>,
    pub close_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub closed_by: Option<i64>,
    pub issuer: String,
}

/// Which messages a list shows; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct MessageFilter {
    pub state: Option<MessageState>,
    pub department: Option<String>,
}

#[async_trait]
pub trait MessageTx: Send {
    /// The next sequence number of `day` (1 for the first message of the day).
    async fn next_message_seq(&mut self, day: NaiveDate) -> StoreResult<u32>;
    /// Fails with [`crate::StoreError::Conflict`] when the number, the code or the issuer's
    /// key is taken.
    async fn insert_message(&mut self, m: &NewMessage) -> StoreResult<MessageRow>;
    async fn get_message(&mut self, id: i64) -> StoreResult<Option<MessageRow>>;
    async fn find_message_by_query_code(&mut self, code: &str) -> StoreResult<Option<MessageRow>>;
    async fn find_message_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<MessageRow>>;
    /// Soonest deadline first (those without one after), then oldest first.
    async fn list_messages(
        &mut self,
        filter: &MessageFilter,
        limit: i64,
    ) -> StoreResult<Vec<MessageRow>>;
    /// Published messages, most recently published first.
    async fn list_published_messages(&mut self, limit: i64) -> StoreResult<Vec<MessageRow>>;
    /// Writes state and the forwarding, answer, publication and closing fields, provided it is
    /// still in `expected` state; false when another writer changed it first.
    async fn update_message(&mut self, m: &MessageRow, expected: MessageState)
        -> StoreResult<bool>;
    /// Forwarded messages whose deadline is before `today` and whose current deadline has not
    /// been flagged overdue yet.
    async fn unflagged_overdue_messages(
        &mut self,
        today: NaiveDate,
    ) -> StoreResult<Vec<MessageRow>>;
    /// Remembers that the message was flagged for this deadline; false when it already was.
    async fn flag_message_overdue(&mut self, id: i64, due_on: NaiveDate) -> StoreResult<bool>;
}
