use super::{parse_or_corrupt, PgTx};
use crate::messages::*;
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use chrono::NaiveDate;
use onetrip_domain::message::{MessageKind, MessageState};
use sqlx::postgres::PgRow;
use sqlx::Row;

const COLUMNS: &str = "id, message_no, submitted_on, query_code, kind, title, body, name, phone,
     channel, state, submitted_at, department, forward_note, forwarded_at, forwarded_by, due_on,
     answer, answered_at, answered_by, published_at, published_by, close_kind, close_reason,
     closed_at, closed_by, issuer";

fn from_row(r: &PgRow) -> StoreResult<MessageRow> {
    Ok(MessageRow {
        id: r.get("id"),
        message_no: r.get("message_no"),
        submitted_on: r.get("submitted_on"),
        query_code: r.get("query_code"),
        kind: parse_or_corrupt(MessageKind::parse(r.get("kind")))?,
        title: r.get("title"),
        body: r.get("body"),
        name: r.get("name"),
        phone: r.get("phone"),
        channel: r.get("channel"),
        state: MessageState::parse(r.get("state"))
            .ok_or_else(|| StoreError::corrupt("message state"))?,
        submitted_at: r.get("submitted_at"),
        department: r.get("department"),
        forward_note: r.get("forward_note"),
        forwarded_at: r.get("forwarded_at"),
        forwarded_by: r.get("forwarded_by"),
        due_on: r.get("due_on"),
        answer: r.get("answer"),
        answered_at: r.get("answered_at"),
        answered_by: r.get("answered_by"),
        published_at: r.get("published_at"),
        published_by: r.get("published_by"),
        close_kind: r.get("close_kind"),
        close_reason: r.get("close_reason"),
        closed_at: r.get("closed_at"),
        closed_by: r.get("closed_by"),
        issuer: r.get("issuer"),
    })
}

impl PgTx {
    async fn one_message(
        &mut self,
        condition: &str,
        bind: &str,
    ) -> StoreResult<Option<MessageRow>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM messages WHERE {condition}"))
            .bind(bind)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(from_row).transpose()
    }
}

#[async_trait]
impl MessageTx for PgTx {
    async fn next_message_seq(&mut self, day: NaiveDate) -> StoreResult<u32> {
        let max: Option<i32> =
            sqlx::query_scalar("SELECT MAX(seq) FROM messages WHERE submitted_on = $1")
                .bind(day)
                .fetch_one(&mut *self.tx)
                .await?;
        Ok(max.unwrap_or(0) as u32 + 1)
    }

    async fn insert_message(&mut self, m: &NewMessage) -> StoreResult<MessageRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (message_no, submitted_on, seq, query_code, kind, title, body,
                 name, phone, channel, state, submitted_at, issuer, idempotency_key)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'submitted', $11, $12, $13) RETURNING id",
        )
        .bind(&m.message_no)
        .bind(m.submitted_on)
        .bind(m.seq as i32)
        .bind(&m.query_code)
        .bind(m.kind.as_str())
        .bind(&m.title)
        .bind(&m.body)
        .bind(&m.name)
        .bind(&m.phone)
        .bind(&m.channel)
        .bind(m.submitted_at)
        .bind(&m.issuer)
        .bind(&m.idempotency_key)
        .fetch_one(&mut *self.tx)
        .await?;
        self.get_message(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("message vanished after insert"))
    }

    async fn get_message(&mut self, id: i64) -> StoreResult<Option<MessageRow>> {
        let row = sqlx::query(&format!("SELECT {COLUMNS} FROM messages WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(from_row).transpose()
    }

    async fn find_message_by_query_code(&mut self, code: &str) -> StoreResult<Option<MessageRow>> {
        self.one_message("query_code = $1", code).await
    }

    async fn find_message_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<MessageRow>> {
        let row = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM messages WHERE issuer = $1 AND idempotency_key = $2"
        ))
        .bind(issuer)
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(from_row).transpose()
    }

    async fn list_messages(
        &mut self,
        filter: &MessageFilter,
        limit: i64,
    ) -> StoreResult<Vec<MessageRow>> {
        let state = filter.state.map(|s| s.as_str());
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM messages
             WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR department = $2)
             ORDER BY due_on IS NULL, due_on, submitted_at, id LIMIT $3"
        ))
        .bind(state)
        .bind(&filter.department)
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(from_row).collect()
    }

    async fn list_published_messages(&mut self, limit: i64) -> StoreResult<Vec<MessageRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM messages WHERE state = 'published'
             ORDER BY published_at DESC, id DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(from_row).collect()
    }

    async fn update_message(
        &mut self,
        m: &MessageRow,
        expected: MessageState,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE messages SET state = $1, department = $2, forward_note = $3, forwarded_at = $4,
                 forwarded_by = $5, due_on = $6, answer = $7, answered_at = $8, answered_by = $9,
                 published_at = $10, published_by = $11, close_kind = $12, close_reason = $13,
                 closed_at = $14, closed_by = $15
             WHERE id = $16 AND state = $17",
        )
        .bind(m.state.as_str())
        .bind(&m.department)
        .bind(&m.forward_note)
        .bind(m.forwarded_at)
        .bind(m.forwarded_by)
        .bind(m.due_on)
        .bind(&m.answer)
        .bind(m.answered_at)
        .bind(m.answered_by)
        .bind(m.published_at)
        .bind(m.published_by)
        .bind(&m.close_kind)
        .bind(&m.close_reason)
        .bind(m.closed_at)
        .bind(m.closed_by)
        .bind(m.id)
        .bind(expected.as_str())
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn unflagged_overdue_messages(
        &mut self,
        today: NaiveDate,
    ) -> StoreResult<Vec<MessageRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM messages
             WHERE state = 'forwarded' AND due_on < $1
               AND (overdue_flagged_for IS NULL OR overdue_flagged_for <> due_on)
             ORDER BY due_on, id"
        ))
        .bind(today)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(from_row).collect()
    }

    async fn flag_message_overdue(&mut self, id: i64, due_on: NaiveDate) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE messages SET overdue_flagged_for = $1
             WHERE id = $2 AND (overdue_flagged_for IS NULL OR overdue_flagged_for <> $1)",
        )
        .bind(due_on)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
