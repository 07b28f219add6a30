use super::PgTx;
use crate::stats::*;
use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::PgRow;
use sqlx::Row;

fn task_fact(r: &PgRow) -> TaskFact {
    TaskFact {
        case_id: r.get("case_id"),
        case_status: r.get("case_status"),
        accepted_on: r.get("accepted_on"),
        matter: r.get("matter"),
        department: r.get("department"),
        status: r.get("status"),
        legal_due: r.get("legal_due"),
        decided_at: r.get("decided_at"),
        extension_days: r.get("extension_days"),
    }
}

#[async_trait]
impl StatsTx for PgTx {
    async fn ticket_facts(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> StoreResult<Vec<TicketFact>> {
        let rows = sqlx::query(
            "SELECT category, status, counter, issued_at,
                    estimated_wait_minutes::bigint AS estimated_wait_minutes,
                    first_called_at, started_at, finished_at
             FROM tickets WHERE service_day BETWEEN $1 AND $2 ORDER BY id",
        )
        .bind(from)
        .bind(to)
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
                    t.status, t.legal_due, t.decided_at, t.extension_days::bigint AS extension_days
             FROM case_tasks t JOIN cases c ON c.id = t.case_id
             WHERE c.accepted_on BETWEEN $1 AND $2 AND ($3::text IS NULL OR t.matter = $3)
             ORDER BY t.id",
        )
        .bind(from)
        .bind(to)
        .bind(matter)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows.iter().map(task_fact).collect())
    }

    async fn case_facts(&mut self, from: NaiveDate, to: NaiveDate) -> StoreResult<Vec<CaseFact>> {
        let rows = sqlx::query(
            "SELECT c.id, c.status, c.accepted_at, c.closed_at, h.method, h.handed_at
             FROM cases c LEFT JOIN case_handovers h ON h.case_id = c.id
             WHERE c.accepted_on BETWEEN $1 AND $2 ORDER BY c.id",
        )
        .bind(from)
        .bind(to)
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
             WHERE c.accepted_on BETWEEN $1 AND $2 AND s.closed_at IS NOT NULL
             UNION ALL
             SELECT m.case_id, m.supplied_at AS at FROM case_materials m
                 JOIN cases c ON c.id = m.case_id
             WHERE c.accepted_on BETWEEN $1 AND $2 AND m.supplied_at IS NOT NULL",
        )
        .bind(from)
        .bind(to)
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
            "SELECT r.counter, r.clerk_id, u.name AS clerk_name, r.matter,
                    r.level::bigint AS level, COUNT(*) AS n
             FROM ratings r LEFT JOIN users u ON u.id = r.clerk_id
             WHERE r.rated_on BETWEEN $1 AND $2
             GROUP BY r.counter, r.clerk_id, u.name, r.matter, r.level",
        )
        .bind(from)
        .bind(to)
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
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM intake_notices
             WHERE kind = 'refusal' AND created_at >= $1 AND created_at < $2
               AND matter = ANY($3)",
        )
        .bind(from)
        .bind(to)
        .bind(matters)
        .fetch_one(&mut *self.tx)
        .await?;
        Ok(n)
    }
}
