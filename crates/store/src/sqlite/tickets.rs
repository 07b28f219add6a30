use super::{parse_or_corrupt, ts, SqliteTx};
use crate::{CallRow, NewTicket, StoreError, StoreResult, TicketRow, TicketTx};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::{CategoryCode, CounterCode, Priority, ServiceDay, TicketNo, TicketStatus};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

const TICKET_COLUMNS: &str =
    "id, category, seq, service_day, priority, status, issued_at, issuer, counter, called_at";

fn day_text(day: ServiceDay) -> String {
    day.to_string()
}

fn ticket_from_row(r: &SqliteRow) -> StoreResult<TicketRow> {
    let category = parse_or_corrupt(CategoryCode::parse(r.get("category")))?;
    let seq: i64 = r.get("seq");
    let seq = u32::try_from(seq).map_err(StoreError::corrupt)?;
    let day = parse_or_corrupt(NaiveDate::parse_from_str(r.get("service_day"), "%Y-%m-%d"))?;
    let counter: Option<String> = r.get("counter");
    Ok(TicketRow {
        id: r.get("id"),
        number: parse_or_corrupt(TicketNo::new(category, seq))?,
        service_day: ServiceDay::from_date(day),
        priority: Priority::parse(r.get("priority"))
            .ok_or_else(|| StoreError::corrupt("ticket priority"))?,
        status: TicketStatus::parse(r.get("status"))
            .ok_or_else(|| StoreError::corrupt("ticket status"))?,
        issued_at: r.get("issued_at"),
        issuer: r.get("issuer"),
        counter: counter
            .map(|c| parse_or_corrupt(CounterCode::parse(&c)))
            .transpose()?,
        called_at: r.get("called_at"),
    })
}

#[async_trait]
impl TicketTx for SqliteTx {
    async fn next_ticket_seq(
        &mut self,
        category: CategoryCode,
        day: ServiceDay,
    ) -> StoreResult<u32> {
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO ticket_sequences (category, service_day, last_seq) VALUES (?, ?, 1)
             ON CONFLICT (category, service_day) DO UPDATE SET last_seq = last_seq + 1
             RETURNING last_seq",
        )
        .bind(category.to_string())
        .bind(day_text(day))
        .fetch_one(&mut *self.tx)
        .await?;
        u32::try_from(seq).map_err(StoreError::corrupt)
    }

    async fn insert_ticket(&mut self, t: &NewTicket) -> StoreResult<TicketRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tickets (category, service_day, seq, number, priority, priority_rank,
                 status, issued_at, issuer, idempotency_key)
             VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?) RETURNING id",
        )
        .bind(t.number.category().to_string())
        .bind(day_text(t.service_day))
        .bind(t.number.seq() as i64)
        .bind(t.number.to_string())
        .bind(t.priority.as_str())
        .bind(t.priority.rank())
        .bind(ts(t.issued_at))
        .bind(&t.issuer)
        .bind(&t.idempotency_key)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(TicketRow {
            id,
            number: t.number,
            service_day: t.service_day,
            priority: t.priority,
            status: TicketStatus::Waiting,
            issued_at: t.issued_at,
            issuer: t.issuer.clone(),
            counter: None,
            called_at: None,
        })
    }

    async fn find_ticket_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE issuer = ? AND idempotency_key = ?"
        ))
        .bind(issuer)
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn get_ticket(&mut self, id: i64) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE id = ?"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn count_waiting_ahead(&mut self, t: &TicketRow) -> StoreResult<i64> {
        let n = sqlx::query_scalar(
            "SELECT COUNT(*) FROM tickets
             WHERE service_day = ? AND category = ? AND status = 'waiting'
               AND (priority_rank, issued_at, id) < (?, ?, ?)",
        )
        .bind(day_text(t.service_day))
        .bind(t.number.category().to_string())
        .bind(t.priority.rank())
        .bind(ts(t.issued_at))
        .bind(t.id)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(n)
    }

    async fn waiting_counts(&mut self, day: ServiceDay) -> StoreResult<Vec<(CategoryCode, i64)>> {
        let rows = sqlx::query(
            "SELECT category, COUNT(*) AS n FROM tickets
             WHERE service_day = ? AND status = 'waiting' GROUP BY category",
        )
        .bind(day_text(day))
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    parse_or_corrupt(CategoryCode::parse(r.get("category")))?,
                    r.get("n"),
                ))
            })
            .collect()
    }

    async fn waiting_heads(
        &mut self,
        day: ServiceDay,
        categories: &[CategoryCode],
    ) -> StoreResult<Vec<TicketRow>> {
        let mut heads = Vec::with_capacity(categories.len());
        for category in categories {
            let row = sqlx::query(&format!(
                "SELECT {TICKET_COLUMNS} FROM tickets
                 WHERE service_day = ? AND status = 'waiting' AND category = ?
                 ORDER BY priority_rank, issued_at, id LIMIT 1"
            ))
            .bind(day_text(day))
            .bind(category.to_string())
            .fetch_optional(&mut *self.tx)
            .await?;
            if let Some(row) = row {
                heads.push(ticket_from_row(&row)?);
            }
        }
        Ok(heads)
    }

    async fn mark_called(
        &mut self,
        ticket_id: i64,
        counter: &CounterCode,
        at: DateTime<Utc>,
        reason: &str,
    ) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE tickets SET status = 'called', counter = ?, called_at = ?
             WHERE id = ? AND status = 'waiting'",
        )
        .bind(counter.as_str())
        .bind(ts(at))
        .bind(ticket_id)
        .execute(&mut *self.tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO ticket_calls (ticket_id, counter, called_at, reason) VALUES (?, ?, ?, ?)",
        )
        .bind(ticket_id)
        .bind(counter.as_str())
        .bind(ts(at))
        .bind(reason)
        .execute(&mut *self.tx)
        .await?;
        Ok(true)
    }

    async fn now_serving(&mut self, day: ServiceDay) -> StoreResult<Vec<TicketRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE service_day = ? AND status IN ('called', 'serving') ORDER BY called_at"
        ))
        .bind(day_text(day))
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(ticket_from_row).collect()
    }

    async fn recent_calls(&mut self, day: ServiceDay, limit: i64) -> StoreResult<Vec<CallRow>> {
        let rows = sqlx::query(
            "SELECT c.ticket_id, t.category, t.seq, c.counter, k.name AS counter_name, c.called_at
             FROM ticket_calls c
             JOIN tickets t ON t.id = c.ticket_id
             JOIN counters k ON k.code = c.counter
             WHERE t.service_day = ?
             ORDER BY c.id DESC LIMIT ?",
        )
        .bind(day_text(day))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                let category = parse_or_corrupt(CategoryCode::parse(r.get("category")))?;
                let seq = u32::try_from(r.get::<i64, _>("seq")).map_err(StoreError::corrupt)?;
                Ok(CallRow {
                    ticket_id: r.get("ticket_id"),
                    number: parse_or_corrupt(TicketNo::new(category, seq))?,
                    counter: parse_or_corrupt(CounterCode::parse(r.get("counter")))?,
                    counter_name: r.get("counter_name"),
                    called_at: r.get("called_at"),
                })
            })
            .collect()
    }
}
