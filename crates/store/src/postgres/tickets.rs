use super::{parse_or_corrupt, PgTx};
use crate::{
    CallKind, CallRow, NewTicket, QueuePosition, StoreError, StoreResult, TicketRow, TicketTx,
    WaitSample,
};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::{
    CategoryCode, CounterCode, MatterCode, Priority, ServiceDay, SlipStatus, TicketNo, TicketStatus,
};
use sqlx::postgres::PgRow;
use sqlx::Row;

const TICKET_COLUMNS: &str = "id, category, seq, track_code, matter, service_day, priority, \
     status, queue_category, queued_at, target_counter, issued_at, issuer, person_digest, \
     estimated_wait_minutes, counter, clerk_id, first_called_at, called_at, recall_count, \
     started_at, finished_at, slip_status";

const PRIORITIES: [Priority; 3] = [Priority::Appointment, Priority::Green, Priority::Normal];

/// `priority_rank` is an INTEGER column; ranks are 0, 1 and 2.
fn rank(p: Priority) -> i32 {
    p.rank() as i32
}

/// A model integer as an INTEGER column's value.
fn int4(v: i64, what: &str) -> StoreResult<i32> {
    i32::try_from(v).map_err(|_| StoreError::Other(anyhow::anyhow!("{what} {v} is out of range")))
}

fn int4_opt(v: Option<i64>, what: &str) -> StoreResult<Option<i32>> {
    v.map(|v| int4(v, what)).transpose()
}

fn seq(r: &PgRow) -> StoreResult<u32> {
    u32::try_from(r.get::<i32, _>("seq")).map_err(StoreError::corrupt)
}

fn category(r: &PgRow, column: &str) -> StoreResult<CategoryCode> {
    parse_or_corrupt(CategoryCode::parse(r.get(column)))
}

fn counter_opt(r: &PgRow, column: &str) -> StoreResult<Option<CounterCode>> {
    r.get::<Option<String>, _>(column)
        .map(|c| parse_or_corrupt(CounterCode::parse(&c)))
        .transpose()
}

fn ticket_from_row(r: &PgRow) -> StoreResult<TicketRow> {
    Ok(TicketRow {
        id: r.get("id"),
        number: parse_or_corrupt(TicketNo::new(category(r, "category")?, seq(r)?))?,
        track_code: r.get("track_code"),
        matter: r
            .get::<Option<String>, _>("matter")
            .map(|m| parse_or_corrupt(MatterCode::parse(&m)))
            .transpose()?,
        service_day: ServiceDay::from_date(r.get::<NaiveDate, _>("service_day")),
        priority: Priority::parse(r.get("priority"))
            .ok_or_else(|| StoreError::corrupt("ticket priority"))?,
        status: TicketStatus::parse(r.get("status"))
            .ok_or_else(|| StoreError::corrupt("ticket status"))?,
        queue_category: category(r, "queue_category")?,
        queued_at: r.get("queued_at"),
        target_counter: counter_opt(r, "target_counter")?,
        issued_at: r.get("issued_at"),
        issuer: r.get("issuer"),
        person_digest: r.get("person_digest"),
        estimated_wait_minutes: r
            .get::<Option<i32>, _>("estimated_wait_minutes")
            .map(i64::from),
        counter: counter_opt(r, "counter")?,
        clerk_id: r.get("clerk_id"),
        first_called_at: r.get("first_called_at"),
        called_at: r.get("called_at"),
        recall_count: i64::from(r.get::<i32, _>("recall_count")),
        started_at: r.get("started_at"),
        finished_at: r.get("finished_at"),
        slip_status: SlipStatus::parse(r.get("slip_status"))
            .ok_or_else(|| StoreError::corrupt("slip status"))?,
    })
}

impl PgTx {
    async fn one_ticket(&mut self, filter: &str, bind: &str) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE {filter}"
        ))
        .bind(bind)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }
}

fn minutes_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    (to - from).num_milliseconds() as f64 / 60_000.0
}

#[async_trait]
impl TicketTx for PgTx {
    async fn next_ticket_seq(
        &mut self,
        category: CategoryCode,
        day: ServiceDay,
    ) -> StoreResult<u32> {
        let seq: i32 = sqlx::query_scalar(
            "INSERT INTO ticket_sequences (category, service_day, last_seq) VALUES ($1, $2, 1)
             ON CONFLICT (category, service_day)
                 DO UPDATE SET last_seq = ticket_sequences.last_seq + 1
             RETURNING last_seq",
        )
        .bind(category.to_string())
        .bind(day.date())
        .fetch_one(&mut *self.tx)
        .await?;
        u32::try_from(seq).map_err(StoreError::corrupt)
    }

    async fn insert_ticket(&mut self, t: &NewTicket) -> StoreResult<TicketRow> {
        let category = t.number.category().to_string();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO tickets (category, service_day, seq, number, track_code, matter, priority,
                 priority_rank, status, queue_category, queued_at, issued_at, issuer,
                 idempotency_key, person_digest, estimated_wait_minutes, catalog_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'waiting', $9, $10, $11, $12, $13, $14, $15,
                 (SELECT version FROM catalog_meta WHERE id = 1))
             RETURNING id",
        )
        .bind(&category)
        .bind(t.service_day.date())
        .bind(int4(i64::from(t.number.seq()), "ticket seq")?)
        .bind(t.number.to_string())
        .bind(&t.track_code)
        .bind(t.matter.as_ref().map(|m| m.as_str()))
        .bind(t.priority.as_str())
        .bind(rank(t.priority))
        .bind(&category)
        .bind(t.issued_at)
        .bind(t.issued_at)
        .bind(&t.issuer)
        .bind(&t.idempotency_key)
        .bind(&t.person_digest)
        .bind(int4_opt(t.estimated_wait_minutes, "wait estimate")?)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(TicketRow {
            id,
            number: t.number,
            track_code: t.track_code.clone(),
            matter: t.matter.clone(),
            service_day: t.service_day,
            priority: t.priority,
            status: TicketStatus::Waiting,
            queue_category: t.number.category(),
            queued_at: t.issued_at,
            target_counter: None,
            issued_at: t.issued_at,
            issuer: t.issuer.clone(),
            person_digest: t.person_digest.clone(),
            estimated_wait_minutes: t.estimated_wait_minutes,
            counter: None,
            clerk_id: None,
            first_called_at: None,
            called_at: None,
            recall_count: 0,
            started_at: None,
            finished_at: None,
            slip_status: SlipStatus::Pending,
        })
    }

    async fn find_ticket_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE issuer = $1 AND idempotency_key = $2"
        ))
        .bind(issuer)
        .bind(key)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn get_ticket(&mut self, id: i64) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn get_ticket_for_update(&mut self, id: i64) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets WHERE id = $1 FOR UPDATE"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn find_ticket_by_track_code(&mut self, code: &str) -> StoreResult<Option<TicketRow>> {
        self.one_ticket("track_code = $1", code).await
    }

    async fn active_ticket_for_person(
        &mut self,
        day: ServiceDay,
        person_digest: &str,
        queue_category: CategoryCode,
    ) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE service_day = $1 AND person_digest = $2 AND queue_category = $3
               AND status IN ('waiting', 'called', 'serving') LIMIT 1"
        ))
        .bind(day.date())
        .bind(person_digest)
        .bind(queue_category.to_string())
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn update_ticket(&mut self, t: &TicketRow, expected: TicketStatus) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE tickets SET priority = $1, priority_rank = $2, status = $3,
                 queue_category = $4, queued_at = $5, target_counter = $6, counter = $7,
                 clerk_id = $8, first_called_at = $9, called_at = $10, recall_count = $11,
                 started_at = $12, finished_at = $13, slip_status = $14,
                 estimated_wait_minutes = $15
             WHERE id = $16 AND status = $17",
        )
        .bind(t.priority.as_str())
        .bind(rank(t.priority))
        .bind(t.status.as_str())
        .bind(t.queue_category.to_string())
        .bind(t.queued_at)
        .bind(t.target_counter.as_ref().map(|c| c.as_str()))
        .bind(t.counter.as_ref().map(|c| c.as_str()))
        .bind(t.clerk_id)
        .bind(t.first_called_at)
        .bind(t.called_at)
        .bind(int4(t.recall_count, "recall count")?)
        .bind(t.started_at)
        .bind(t.finished_at)
        .bind(t.slip_status.as_str())
        .bind(int4_opt(t.estimated_wait_minutes, "wait estimate")?)
        .bind(t.id)
        .bind(expected.as_str())
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn record_call(
        &mut self,
        ticket_id: i64,
        counter: &CounterCode,
        kind: CallKind,
        at: DateTime<Utc>,
        reason: &str,
    ) -> StoreResult<()> {
        // One round trip: the call, and for a first call the counter's tally of its line.
        sqlx::query(
            "WITH call AS (
                 INSERT INTO ticket_calls (ticket_id, counter, kind, called_at, reason)
                 VALUES ($1, $2, $3, $4, $5) RETURNING ticket_id, counter, kind)
             INSERT INTO counter_call_tally (counter, service_day, category, calls)
             SELECT call.counter, t.service_day, t.queue_category, 1
             FROM call JOIN tickets t ON t.id = call.ticket_id
             WHERE call.kind = 'call'
             ON CONFLICT (counter, service_day, category)
             DO UPDATE SET calls = counter_call_tally.calls + 1",
        )
        .bind(ticket_id)
        .bind(counter.as_str())
        .bind(kind.as_str())
        .bind(at)
        .bind(reason)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn count_waiting_ahead(&mut self, p: &QueuePosition) -> StoreResult<i64> {
        let n = sqlx::query_scalar(
            "SELECT COUNT(*) FROM tickets
             WHERE service_day = $1 AND queue_category = $2 AND status = 'waiting'
               AND target_counter IS NOT DISTINCT FROM $3
               AND (priority_rank, queued_at, id) < ($4, $5, $6)",
        )
        .bind(p.service_day.date())
        .bind(p.queue_category.to_string())
        .bind(p.target_counter.as_ref().map(|c| c.as_str()))
        .bind(rank(p.priority))
        .bind(p.queued_at)
        .bind(p.id)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(n)
    }

    async fn waiting_counts(&mut self, day: ServiceDay) -> StoreResult<Vec<(CategoryCode, i64)>> {
        let rows = sqlx::query(
            "SELECT queue_category, COUNT(*) AS n FROM tickets
             WHERE service_day = $1 AND status = 'waiting' GROUP BY queue_category",
        )
        .bind(day.date())
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| Ok((category(r, "queue_category")?, r.get("n"))))
            .collect()
    }

    async fn tickets_in_lines(
        &mut self,
        day: ServiceDay,
        status: TicketStatus,
        categories: &[CategoryCode],
        limit: i64,
    ) -> StoreResult<Vec<TicketRow>> {
        let mut all = Vec::new();
        for c in categories {
            let rows = sqlx::query(&format!(
                "SELECT {TICKET_COLUMNS} FROM tickets
                 WHERE service_day = $1 AND status = $2 AND queue_category = $3
                 ORDER BY priority_rank, queued_at, id LIMIT $4"
            ))
            .bind(day.date())
            .bind(status.as_str())
            .bind(c.to_string())
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await?;
            for r in &rows {
                all.push(ticket_from_row(r)?);
            }
        }
        Ok(all)
    }

    async fn last_call_reason(&mut self, ticket_id: i64) -> StoreResult<Option<String>> {
        let reason = sqlx::query_scalar(
            "SELECT reason FROM ticket_calls WHERE ticket_id = $1 AND kind = 'call'
             ORDER BY id DESC LIMIT 1",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        Ok(reason)
    }

    async fn waiting_heads(
        &mut self,
        day: ServiceDay,
        categories: &[CategoryCode],
    ) -> StoreResult<Vec<TicketRow>> {
        if categories.is_empty() {
            return Ok(Vec::new());
        }
        // One round trip: an index seek per line and priority class, glued together.
        let lines: Vec<(CategoryCode, Priority)> = categories
            .iter()
            .flat_map(|c| PRIORITIES.map(|p| (*c, p)))
            .collect();
        let sql = (0..lines.len())
            .map(|i| {
                format!(
                    "(SELECT {TICKET_COLUMNS} FROM tickets
                       WHERE service_day = $1 AND status = 'waiting' AND queue_category = ${c}
                         AND target_counter IS NULL AND priority_rank = ${r}
                       ORDER BY queued_at, id LIMIT 1)",
                    c = 2 * i + 2,
                    r = 2 * i + 3
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let mut query = sqlx::query(&sql).bind(day.date());
        for (category, priority) in &lines {
            query = query.bind(category.to_string()).bind(rank(*priority));
        }
        let rows = query.fetch_all(&mut *self.tx).await?;
        rows.iter().map(ticket_from_row).collect()
    }

    async fn transferred_head(
        &mut self,
        day: ServiceDay,
        counter: &CounterCode,
    ) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE service_day = $1 AND status = 'waiting' AND target_counter = $2
             ORDER BY priority_rank, queued_at, id LIMIT 1"
        ))
        .bind(day.date())
        .bind(counter.as_str())
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn current_ticket_at(
        &mut self,
        day: ServiceDay,
        counter: &CounterCode,
    ) -> StoreResult<Option<TicketRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE counter = $1 AND status IN ('called', 'serving') AND service_day = $2
             ORDER BY called_at DESC LIMIT 1"
        ))
        .bind(counter.as_str())
        .bind(day.date())
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(ticket_from_row).transpose()
    }

    async fn now_serving(&mut self, day: ServiceDay) -> StoreResult<Vec<TicketRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {TICKET_COLUMNS} FROM tickets
             WHERE service_day = $1 AND status IN ('called', 'serving') ORDER BY called_at"
        ))
        .bind(day.date())
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(ticket_from_row).collect()
    }

    async fn recent_calls(&mut self, day: ServiceDay, limit: i64) -> StoreResult<Vec<CallRow>> {
        let rows = sqlx::query(
            "SELECT c.ticket_id, t.category, t.seq, c.counter, k.name AS counter_name, c.kind,
                    c.called_at
             FROM ticket_calls c
             JOIN tickets t ON t.id = c.ticket_id
             JOIN counters k ON k.code = c.counter
             WHERE t.service_day = $1
             ORDER BY c.id DESC LIMIT $2",
        )
        .bind(day.date())
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CallRow {
                    ticket_id: r.get("ticket_id"),
                    number: parse_or_corrupt(TicketNo::new(category(r, "category")?, seq(r)?))?,
                    counter: parse_or_corrupt(CounterCode::parse(r.get("counter")))?,
                    counter_name: r.get("counter_name"),
                    kind: if r.get::<&str, _>("kind") == "recall" {
                        CallKind::Recall
                    } else {
                        CallKind::Call
                    },
                    called_at: r.get("called_at"),
                })
            })
            .collect()
    }

    async fn calls_by_category(
        &mut self,
        day: ServiceDay,
        counter: &CounterCode,
    ) -> StoreResult<Vec<(CategoryCode, i64)>> {
        let rows = sqlx::query(
            "SELECT category, calls FROM counter_call_tally WHERE counter = $1 AND service_day = $2",
        )
        .bind(counter.as_str())
        .bind(day.date())
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    category(r, "category")?,
                    i64::from(r.get::<i32, _>("calls")),
                ))
            })
            .collect()
    }

    async fn recent_service_minutes(
        &mut self,
        day: ServiceDay,
        category: CategoryCode,
        limit: i64,
    ) -> StoreResult<Vec<f64>> {
        let rows = sqlx::query(
            "SELECT COALESCE(started_at, called_at) AS began, finished_at FROM tickets
             WHERE service_day = $1 AND queue_category = $2 AND status = 'done'
               AND finished_at IS NOT NULL AND called_at IS NOT NULL
             ORDER BY finished_at DESC LIMIT $3",
        )
        .bind(day.date())
        .bind(category.to_string())
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| minutes_between(r.get("began"), r.get("finished_at")))
            .collect())
    }

    async fn wait_samples(&mut self, day: ServiceDay) -> StoreResult<Vec<WaitSample>> {
        let rows = sqlx::query(
            "SELECT queue_category, estimated_wait_minutes, issued_at, first_called_at
             FROM tickets WHERE service_day = $1 AND first_called_at IS NOT NULL",
        )
        .bind(day.date())
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(WaitSample {
                    queue_category: category(r, "queue_category")?,
                    estimated_wait_minutes: r
                        .get::<Option<i32>, _>("estimated_wait_minutes")
                        .map(i64::from),
                    issued_at: r.get("issued_at"),
                    first_called_at: r.get("first_called_at"),
                })
            })
            .collect()
    }
}
