use super::{ts, SqliteTx};
use crate::audit::event_entry;
use crate::{Audience, AuditTx, EventRow, EventTx, NewEvent, StoreError, StoreResult};
use async_trait::async_trait;
use sqlx::Row;

#[async_trait]
impl EventTx for SqliteTx {
    async fn append_event(&mut self, e: &NewEvent) -> StoreResult<EventRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO events (kind, audience, payload, created_at) VALUES (?, ?, ?, ?) RETURNING id",
        )
        .bind(&e.kind)
        .bind(e.audience.as_str())
        .bind(e.payload.to_string())
        .bind(ts(e.created_at))
        .fetch_one(&mut *self.tx)
        .await?;
        // Every state change is also an entry of the audit chain, in the same transaction.
        let (action, subject, detail) = event_entry(e);
        self.append_audit(
            e.created_at,
            onetrip_domain::audit::SYSTEM,
            &action,
            &subject,
            &detail,
        )
        .await?;
        Ok(EventRow {
            id,
            kind: e.kind.clone(),
            audience: e.audience,
            payload: e.payload.clone(),
            created_at: e.created_at,
        })
    }

    async fn events_after(&mut self, after_id: i64, limit: i64) -> StoreResult<Vec<EventRow>> {
        let rows = sqlx::query(
            "SELECT id, kind, audience, payload, created_at FROM events WHERE id > ? ORDER BY id LIMIT ?",
        )
        .bind(after_id)
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(EventRow {
                    id: r.get("id"),
                    kind: r.get("kind"),
                    audience: Audience::parse(r.get("audience"))
                        .ok_or_else(|| StoreError::corrupt("event audience"))?,
                    payload: serde_json::from_str(r.get("payload"))?,
                    created_at: r.get("created_at"),
                })
            })
            .collect()
    }

    async fn last_event_id(&mut self) -> StoreResult<i64> {
        let id = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM events")
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(id)
    }
}
