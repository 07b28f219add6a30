//! The audit chain's storage contract. The chain's rules (hashes, verification) live in
//! `onetrip_domain::audit`; this holds only the appending and the reading.

use crate::{NewEvent, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::audit::{AuditEntry, AuditHead};
use serde_json::Value;

/// What an admin filters the log by; every field optional. Newest first.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub from: Option<DateTime<Utc>>,
    /// Exclusive.
    pub to: Option<DateTime<Utc>>,
    pub actor: Option<String>,
    pub action: Option<String>,
    /// Matches entries whose subject contains this text.
    pub subject: Option<String>,
    /// Entries with a smaller seq only (paging backwards).
    pub before_seq: Option<i64>,
    pub limit: i64,
}

#[async_trait]
pub trait AuditTx: Send {
    /// Appends the next entry of the chain (seq and previous hash from the recorded head, read
    /// in this write transaction; writers are serialised) and moves the head. The detail is
    /// scrubbed of ID numbers, phone numbers and secrets first.
    async fn append_audit(
        &mut self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        detail: &Value,
    ) -> StoreResult<AuditEntry>;
    async fn list_audit(&mut self, filter: &AuditFilter) -> StoreResult<Vec<AuditEntry>>;
    /// The whole log in seq order and the recorded head, for verification.
    async fn audit_chain(&mut self) -> StoreResult<(Vec<AuditEntry>, Option<AuditHead>)>;
}

/// The audit entry of a state change, from its outbox event: the event kind is the action,
/// the first id-like field of the payload the subject. Events do not say who acted; the
/// request entry that `http` appends for a staff member or device does.
pub(crate) fn event_entry(e: &NewEvent) -> (String, String, Value) {
    const KEYS: [&str; 7] = [
        "case_no",
        "ticket_id",
        "rating_id",
        "task_id",
        "number",
        "id",
        "year",
    ];
    let subject = KEYS
        .iter()
        .find_map(|k| {
            let v = e.payload.get(k)?;
            let v = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => return None,
            };
            Some(format!("{k}:{v}"))
        })
        .unwrap_or_default();
    let detail = serde_json::json!({"audience": e.audience.as_str(), "payload": e.payload});
    (e.kind.clone(), subject, detail)
}

/// How an entry's detail reads back: text that is not JSON any more (edited by hand) stays as
/// a string, so verification reports the entry instead of failing.
pub(crate) fn detail_from_text(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|_| Value::String(text.to_string()))
}
