use super::{parse_or_corrupt, PgTx};
use crate::{CounterSessionRow, SessionTx, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::CounterCode;
use sqlx::postgres::PgRow;
use sqlx::Row;

const SESSION_SELECT: &str = "SELECT s.id, s.counter, s.user_id, u.name AS user_name, \
     s.opened_at, s.paused FROM counter_sessions s JOIN users u ON u.id = s.user_id \
     WHERE s.closed_at IS NULL";

fn session_from_row(r: &PgRow) -> StoreResult<CounterSessionRow> {
    Ok(CounterSessionRow {
        id: r.get("id"),
        counter: parse_or_corrupt(CounterCode::parse(r.get("counter")))?,
        user_id: r.get("user_id"),
        user_name: r.get("user_name"),
        opened_at: r.get("opened_at"),
        paused: r.get("paused"),
    })
}

#[async_trait]
impl SessionTx for PgTx {
    async fn open_session(
        &mut self,
        counter: &CounterCode,
        user_id: i64,
        at: DateTime<Utc>,
    ) -> StoreResult<CounterSessionRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO counter_sessions (counter, user_id, opened_at) VALUES ($1, $2, $3)
             RETURNING id",
        )
        .bind(counter.as_str())
        .bind(user_id)
        .bind(at)
        .fetch_one(&mut *self.tx)
        .await?;
        let row = sqlx::query(&format!("{SESSION_SELECT} AND s.id = $1"))
            .bind(id)
            .fetch_one(&mut *self.tx)
            .await?;
        session_from_row(&row)
    }

    async fn close_session(&mut self, id: i64, at: DateTime<Utc>) -> StoreResult<()> {
        sqlx::query(
            "UPDATE counter_sessions SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL",
        )
        .bind(at)
        .bind(id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn set_session_paused(&mut self, id: i64, paused: bool) -> StoreResult<()> {
        sqlx::query("UPDATE counter_sessions SET paused = $1 WHERE id = $2")
            .bind(paused)
            .bind(id)
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    async fn session_for_counter(
        &mut self,
        counter: &CounterCode,
    ) -> StoreResult<Option<CounterSessionRow>> {
        let row = sqlx::query(&format!("{SESSION_SELECT} AND s.counter = $1"))
            .bind(counter.as_str())
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn session_for_user(&mut self, user_id: i64) -> StoreResult<Option<CounterSessionRow>> {
        let row = sqlx::query(&format!("{SESSION_SELECT} AND s.user_id = $1"))
            .bind(user_id)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(session_from_row).transpose()
    }

    async fn open_sessions(&mut self) -> StoreResult<Vec<CounterSessionRow>> {
        // Byte order, as SQLite's BINARY collation sorts, whatever the database's locale.
        let rows = sqlx::query(&format!(
            "{SESSION_SELECT} ORDER BY s.counter COLLATE \"C\""
        ))
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(session_from_row).collect()
    }
}
