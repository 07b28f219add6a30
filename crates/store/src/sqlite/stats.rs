use super::{parse_or_corrupt, ts, SqliteTx};
use crate::stats::*;
use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn day(r: &SqliteRow, column: &str) -> StoreResult<NaiveDate> {
    parse_or_corrupt(NaiveDate::parse_from_str(r.get(column), "%Y-%m-%d"))
}

fn task_fact(r: &SqliteRow) -> StoreResult<TaskFact> {
    Ok(TaskFact {
        case_id: r.get("case_id"),
        case_status: r.get("case_status"),
        accepted_on: day(r, "accepted_on")?,
        matter: r.get("matter"),
        department: r.get("department"),
        status: r.get("status"),
        legal_due: day(r, "legal_due")?,
        decided_at: r.get("decided_at"),
        extension_days: r.get("extension_days"),
    })
}

#[async_trait]
impl StatsTx for SqliteTx {
    async fn ticket_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<TicketFact>> {
        let rows = sqlx::query(
            "SELECT category, status, counter, issued_at, estimated_wait_minutes,
                    first_called_at, started_at, finished_at
             FROM tickets WHERE service_day BETWEEN ? AND ? ORDER BY id",
        )
        .bind(day_text(from))
        .bind(day_text(to))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| TicketFact {
                category: r.get("category"),
                status: r.get("status"),
                counter: r.get("counter"),
                issued_at: r.get("issued_at"),
                estimated_wait_minutes: r.get("estimated_wait_minutes"),
                first_called_at: r.get("first_called_at"),
                started_at: r.get("started_at"),
                finished_at: r.get("finished_at"),
            })
            .collect())
    }

    async fn task_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
        matter: Option<&str>,
    ) -> StoreResult<Vec<TaskFact>> {
        let rows = sqlx::query(
            "SELECT t.case_id, c.status AS case_status, c.accepted_on, t.matter, t.department,
                    t.status, t.legal_due, t.decided_at, t.extension_days
             FROM case_tasks t JOIN cases c ON c.id = t.case_id
             WHERE c.accepted_on BETWEEN ? AND ? AND (? IS NULL OR t.matter = ?)
             ORDER BY t.id",
        )
        .bind(day_text(from))
        .bind(day_text(to))
        .bind(matter)
        .bind(matter)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(task_fact).collect()
    }

    async fn case_facts(&mut self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<CaseFact>> {
        let rows = sqlx::query(
            "SELECT c.id, c.status, c.accepted_at, c.closed_at, h.method, h.handed_at
             FROM cases c LEFT JOIN case_handovers h ON h.case_id = c.id
             WHERE c.accepted_on BETWEEN ? AND ? ORDER BY c.id",
        )
        .bind(day_text(from))
        .bind(day_text(to))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| CaseFact {
                id: r.get("id"),
                status: r.get("status"),
                accepted_at: r.get("accepted_at"),
                closed_at: r.get("closed_at"),
                handover_method: r.get("method"),
                handed_at: r.get("handed_at"),
            })
            .collect())
    }

    async fn supply_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<SupplyFact>> {
        let rows = sqlx::query(
            "SELECT t.case_id, s.closed_at AS at FROM case_suspensions s
                 JOIN case_tasks t ON t.id = s.task_id JOIN cases c ON c.id = t.case_id
             WHERE c.accepted_on BETWEEN ? AND ? AND s.closed_at IS NOT NULL
             UNION ALL
             SELECT m.case_id, m.supplied_at AS at FROM case_materials m
                 JOIN cases c ON c.id = m.case_id
             WHERE c.accepted_on BETWEEN ? AND ? AND m.supplied_at IS NOT NULL",
        )
        .bind(day_text(from))
        .bind(day_text(to))
        .bind(day_text(from))
        .bind(day_text(to))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| SupplyFact {
                case_id: r.get("case_id"),
                at: r.get("at"),
            })
            .collect())
    }

    async fn rating_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<RatingFact>> {
        let rows = sqlx::query(
            "SELECT r.counter, r.clerk_id, u.name AS clerk_name, r.matter, r.level,
                    COUNT(*) AS n
             FROM ratings r LEFT JOIN users u ON u.id = r.clerk_id
             WHERE r.rated_on BETWEEN ? AND ?
             GROUP BY r.counter, r.clerk_id, u.name, r.matter, r.level",
        )
        .bind(day_text(from))
        .bind(day_text(to))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| RatingFact {
                counter: r.get("counter"),
                clerk_id: r.get("clerk_id"),
                clerk_name: r.get("clerk_name"),
                matter: r.get("matter"),
                level: r.get("level"),
                count: r.get("n"),
            })
            .collect())
    }

    async fn count_refusals(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        matters: &[String],
    ) -> StoreResult<i64> {
        let names: Vec<String> = sqlx::query_scalar(
            "SELECT matter FROM intake_notices
             WHERE kind = 'refusal' AND created_at >= ? AND created_at < ?",
        )
        .bind(ts(from))
        .bind(ts(to))
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(names.iter().filter(|m| matters.contains(m)).count() as i64)
    }
}
