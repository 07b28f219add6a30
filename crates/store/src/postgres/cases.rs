use super::{parse_or_corrupt, PgTx};
use crate::cases::*;
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::case::{
    Applicant, CaseNo, CaseStatus, MaterialState, TaskStatus, TrackingCode,
};
use onetrip_domain::catalog::PartialRejection;
use onetrip_domain::{CounterCode, DepartmentCode, MatterCode, ServiceDay};
use sqlx::postgres::PgRow;
use sqlx::types::Json;
use sqlx::Row;

const CASE_COLUMNS: &str = "id, case_no, tracking_code, matter, bundle_rule, ticket_id, \
     applicant, delivery, status, accepted_at, accepted_on, legal_due, promised_due, pledge_due, \
     intake_clerk_id, intake_counter, closed_at, catalog_version";

const TASK_COLUMNS: &str = "t.id, t.case_id, t.matter, t.department, t.status, t.claimed_by, \
     t.claimed_at, t.limit_days, t.promised_days, t.extension_days, t.extension_reason, \
     t.legal_due, t.promised_due, t.opinion, t.decided_at, t.warned";

const SUSPENSION_COLUMNS: &str = "id, task_id, from_day, to_day, items, opened_at, closed_at";

const NOTICE_COLUMNS: &str = "id, kind, matter, applicant_name, items, reason, where_to_apply, \
     ticket_id, clerk_id, counter, created_at";

fn rule_from(text: Option<String>) -> StoreResult<Option<PartialRejection>> {
    text.map(|t| {
        PartialRejection::parse(&t).ok_or_else(|| StoreError::corrupt(format!("bundle rule {t}")))
    })
    .transpose()
}

/// A model count of days as an INTEGER column's value.
fn int4(v: u32, what: &str) -> StoreResult<i32> {
    i32::try_from(v).map_err(|_| StoreError::Other(anyhow::anyhow!("{what} {v} is out of range")))
}

fn u32_of(r: &PgRow, column: &str) -> StoreResult<u32> {
    u32::try_from(r.get::<i32, _>(column)).map_err(StoreError::corrupt)
}

fn counter_opt(r: &PgRow, column: &str) -> StoreResult<Option<CounterCode>> {
    r.get::<Option<String>, _>(column)
        .map(|c| parse_or_corrupt(CounterCode::parse(&c)))
        .transpose()
}

fn case_status(r: &PgRow, column: &str) -> StoreResult<CaseStatus> {
    let s: &str = r.get(column);
    CaseStatus::parse(s).ok_or_else(|| StoreError::corrupt(format!("case status {s}")))
}

fn case_from_row(r: &PgRow) -> StoreResult<CaseRow> {
    // Decoded as a document first so that one that no longer fits is `Corrupt`.
    let applicant: Applicant = serde_json::from_value(r.get::<serde_json::Value, _>("applicant"))?;
    Ok(CaseRow {
        id: r.get("id"),
        case_no: parse_or_corrupt(CaseNo::parse(r.get("case_no")))?,
        tracking_code: parse_or_corrupt(TrackingCode::parse(r.get("tracking_code")))?,
        matter: parse_or_corrupt(MatterCode::parse(r.get("matter")))?,
        bundle_rule: rule_from(r.get("bundle_rule"))?,
        ticket_id: r.get("ticket_id"),
        applicant,
        delivery: r.get("delivery"),
        status: case_status(r, "status")?,
        accepted_at: r.get("accepted_at"),
        accepted_on: r.get("accepted_on"),
        legal_due: r.get("legal_due"),
        promised_due: r.get("promised_due"),
        pledge_due: r.get("pledge_due"),
        intake_clerk_id: r.get("intake_clerk_id"),
        intake_counter: counter_opt(r, "intake_counter")?,
        closed_at: r.get("closed_at"),
        catalog_version: r.get("catalog_version"),
    })
}

fn task_from_row(r: &PgRow) -> StoreResult<TaskRow> {
    let status: &str = r.get("status");
    Ok(TaskRow {
        id: r.get("id"),
        case_id: r.get("case_id"),
        matter: parse_or_corrupt(MatterCode::parse(r.get("matter")))?,
        department: parse_or_corrupt(DepartmentCode::parse(r.get("department")))?,
        status: TaskStatus::parse(status)
            .ok_or_else(|| StoreError::corrupt(format!("task status {status}")))?,
        claimed_by: r.get("claimed_by"),
        claimed_at: r.get("claimed_at"),
        limit_days: u32_of(r, "limit_days")?,
        promised_days: u32_of(r, "promised_days")?,
        extension_days: u32_of(r, "extension_days")?,
        extension_reason: r.get("extension_reason"),
        legal_due: r.get("legal_due"),
        promised_due: r.get("promised_due"),
        opinion: r.get("opinion"),
        decided_at: r.get("decided_at"),
        warned: r.get("warned"),
    })
}

fn queued_from_row(r: &PgRow) -> StoreResult<QueuedTaskRow> {
    Ok(QueuedTaskRow {
        task: task_from_row(r)?,
        case_no: parse_or_corrupt(CaseNo::parse(r.get("case_no")))?,
        applicant_name: r.get("applicant_name"),
        case_status: case_status(r, "case_status")?,
        accepted_on: r.get("accepted_on"),
    })
}

fn material_from_row(r: &PgRow) -> StoreResult<CaseMaterialRow> {
    let state: &str = r.get("state");
    Ok(CaseMaterialRow {
        code: r.get("code"),
        name: r.get("name"),
        required: r.get("required"),
        deferrable: r.get("may_defer"),
        state: MaterialState::parse(state)
            .ok_or_else(|| StoreError::corrupt(format!("material state {state}")))?,
        supplied_at: r.get("supplied_at"),
    })
}

fn suspension_from_row(r: &PgRow) -> StoreResult<SuspensionRow> {
    Ok(SuspensionRow {
        id: r.get("id"),
        task_id: r.get("task_id"),
        from_day: r.get("from_day"),
        to_day: r.get("to_day"),
        items: r.get("items"),
        opened_at: r.get("opened_at"),
        closed_at: r.get("closed_at"),
    })
}

fn notice_from_row(r: &PgRow) -> StoreResult<NoticeRow> {
    Ok(NoticeRow {
        id: r.get("id"),
        kind: NoticeKind::parse(r.get("kind")).ok_or_else(|| StoreError::corrupt("notice kind"))?,
        matter: r.get("matter"),
        applicant_name: r.get("applicant_name"),
        items: r.get("items"),
        reason: r.get("reason"),
        where_to_apply: r.get("where_to_apply"),
        ticket_id: r.get("ticket_id"),
        clerk_id: r.get("clerk_id"),
        counter: counter_opt(r, "counter")?,
        created_at: r.get("created_at"),
    })
}

impl PgTx {
    async fn one_case(&mut self, filter: &str, binds: &[&str]) -> StoreResult<Option<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE {filter}");
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = q.bind(*b);
        }
        let row = q.fetch_optional(&mut *self.tx).await?;
        row.as_ref().map(case_from_row).transpose()
    }

    /// Tasks matching `filter`, whose placeholders are `$1` up to `$n` for the n `binds`.
    async fn queued_tasks(
        &mut self,
        filter: &str,
        binds: &[String],
        limit: i64,
    ) -> StoreResult<Vec<QueuedTaskRow>> {
        let sql = format!(
            "SELECT {TASK_COLUMNS}, c.case_no, c.applicant_name, c.status AS case_status,
                    c.accepted_on
             FROM case_tasks t JOIN cases c ON c.id = t.case_id
             WHERE {filter} ORDER BY t.legal_due, t.id LIMIT ${}",
            binds.len() + 1
        );
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = q.bind(b);
        }
        let rows = q.bind(limit).fetch_all(&mut *self.tx).await?;
        rows.iter().map(queued_from_row).collect()
    }
}

#[async_trait]
impl CaseTx for PgTx {
    async fn next_case_seq(&mut self, day: ServiceDay) -> StoreResult<u32> {
        let seq: i32 = sqlx::query_scalar(
            "INSERT INTO case_sequences (service_day, last_seq) VALUES ($1, 1)
             ON CONFLICT (service_day) DO UPDATE SET last_seq = case_sequences.last_seq + 1
             RETURNING last_seq",
        )
        .bind(day.date())
        .fetch_one(&mut *self.tx)
        .await?;
        u32::try_from(seq).map_err(StoreError::corrupt)
    }

    async fn insert_case(&mut self, c: &NewCase) -> StoreResult<CaseRow> {
        let row = sqlx::query(&format!(
            "INSERT INTO cases (case_no, tracking_code, matter, is_bundle, bundle_rule, ticket_id,
                 applicant, applicant_name, person_digest, delivery, status, accepted_at,
                 accepted_on, legal_due, promised_due, pledge_due, intake_clerk_id,
                 intake_counter, issuer, idempotency_key, catalog_version)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $19, $20, (SELECT version FROM catalog_meta WHERE id = 1))
             RETURNING {CASE_COLUMNS}"
        ))
        .bind(c.case_no.as_str())
        .bind(c.tracking_code.as_str())
        .bind(c.matter.as_str())
        .bind(c.bundle_rule.is_some())
        .bind(c.bundle_rule.map(PartialRejection::as_str))
        .bind(c.ticket_id)
        .bind(Json(&c.applicant))
        .bind(c.applicant.display_name())
        .bind(&c.person_digest)
        .bind(Json(&c.delivery))
        .bind(c.status.as_str())
        .bind(c.accepted_at)
        .bind(c.accepted_on)
        .bind(c.legal_due)
        .bind(c.promised_due)
        .bind(c.pledge_due)
        .bind(c.intake_clerk_id)
        .bind(c.intake_counter.as_ref().map(|k| k.as_str()))
        .bind(&c.issuer)
        .bind(&c.idempotency_key)
        .fetch_one(&mut *self.tx)
        .await?;
        let case = case_from_row(&row)?;
        for (position, m) in c.materials.iter().enumerate() {
            sqlx::query(
                "INSERT INTO case_materials (case_id, code, name, required, may_defer, state,
                     supplied_at, position) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(case.id)
            .bind(&m.code)
            .bind(&m.name)
            .bind(m.required)
            .bind(m.deferrable)
            .bind(m.state.as_str())
            .bind(m.supplied_at)
            .bind(
                i32::try_from(position)
                    .map_err(|_| StoreError::Other(anyhow::anyhow!("material {position}")))?,
            )
            .execute(&mut *self.tx)
            .await?;
        }
        // One statement per task, in order, so task ids follow the case's matters.
        for t in &c.tasks {
            sqlx::query(
                "INSERT INTO case_tasks (case_id, matter, department, status, limit_days,
                     promised_days, legal_due, promised_due)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(case.id)
            .bind(t.matter.as_str())
            .bind(t.department.as_str())
            .bind(TaskStatus::Queued.as_str())
            .bind(int4(t.limit_days, "time limit")?)
            .bind(int4(t.promised_days, "promised time limit")?)
            .bind(t.legal_due)
            .bind(t.promised_due)
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(case)
    }

    async fn find_case_by_no(&mut self, case_no: &str) -> StoreResult<Option<CaseRow>> {
        self.one_case("case_no = $1", &[case_no]).await
    }

    async fn find_case_by_tracking_code(&mut self, code: &str) -> StoreResult<Option<CaseRow>> {
        self.one_case("tracking_code = $1", &[code]).await
    }

    async fn find_case_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<CaseRow>> {
        self.one_case("issuer = $1 AND idempotency_key = $2", &[issuer, key])
            .await
    }

    async fn get_case(&mut self, id: i64) -> StoreResult<Option<CaseRow>> {
        let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(case_from_row).transpose()
    }

    async fn update_case(&mut self, c: &CaseRow) -> StoreResult<()> {
        sqlx::query(
            "UPDATE cases SET status = $1, legal_due = $2, promised_due = $3, pledge_due = $4,
                 closed_at = $5 WHERE id = $6",
        )
        .bind(c.status.as_str())
        .bind(c.legal_due)
        .bind(c.promised_due)
        .bind(c.pledge_due)
        .bind(c.closed_at)
        .bind(c.id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn case_materials(&mut self, case_id: i64) -> StoreResult<Vec<CaseMaterialRow>> {
        let rows = sqlx::query(
            "SELECT code, name, required, may_defer, state, supplied_at FROM case_materials
             WHERE case_id = $1 ORDER BY position",
        )
        .bind(case_id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(material_from_row).collect()
    }

    async fn set_material_state(
        &mut self,
        case_id: i64,
        code: &str,
        state: MaterialState,
        supplied_at: Option<DateTime<Utc>>,
    ) -> StoreResult<()> {
        sqlx::query(
            "UPDATE case_materials SET state = $1, supplied_at = COALESCE($2, supplied_at)
             WHERE case_id = $3 AND code = $4",
        )
        .bind(state.as_str())
        .bind(supplied_at)
        .bind(case_id)
        .bind(code)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn case_tasks(&mut self, case_id: i64) -> StoreResult<Vec<TaskRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {TASK_COLUMNS} FROM case_tasks t WHERE t.case_id = $1 ORDER BY t.id"
        ))
        .bind(case_id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(task_from_row).collect()
    }

    async fn get_task(&mut self, id: i64) -> StoreResult<Option<TaskRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TASK_COLUMNS} FROM case_tasks t WHERE t.id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(task_from_row).transpose()
    }

    async fn update_task(&mut self, t: &TaskRow, expected: TaskStatus) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE case_tasks SET status = $1, claimed_by = $2, claimed_at = $3,
                 extension_days = $4, extension_reason = $5, legal_due = $6, promised_due = $7,
                 opinion = $8, decided_at = $9, warned = $10
             WHERE id = $11 AND status = $12",
        )
        .bind(t.status.as_str())
        .bind(t.claimed_by)
        .bind(t.claimed_at)
        .bind(int4(t.extension_days, "extension")?)
        .bind(&t.extension_reason)
        .bind(t.legal_due)
        .bind(t.promised_due)
        .bind(&t.opinion)
        .bind(t.decided_at)
        .bind(&t.warned)
        .bind(t.id)
        .bind(expected.as_str())
        .execute(&mut *self.tx)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn department_queue(
        &mut self,
        department: &DepartmentCode,
        statuses: &[TaskStatus],
        limit: i64,
    ) -> StoreResult<Vec<QueuedTaskRow>> {
        if statuses.is_empty() {
            return Ok(Vec::new());
        }
        let marks = (0..statuses.len())
            .map(|i| format!("${}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let mut binds = vec![department.as_str().to_string()];
        binds.extend(statuses.iter().map(|s| s.as_str().to_string()));
        self.queued_tasks(
            &format!("t.department = $1 AND t.status IN ({marks})"),
            &binds,
            limit,
        )
        .await
    }

    async fn open_tasks(&mut self) -> StoreResult<Vec<QueuedTaskRow>> {
        self.queued_tasks(
            "t.status IN ('queued', 'claimed', 'returned')",
            &[],
            i64::MAX,
        )
        .await
    }

    async fn open_suspension(
        &mut self,
        task_id: i64,
        from_day: NaiveDate,
        items: &serde_json::Value,
        at: DateTime<Utc>,
    ) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO case_suspensions (task_id, from_day, items, opened_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(task_id)
        .bind(from_day)
        .bind(Json(items))
        .bind(at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn close_suspension(
        &mut self,
        task_id: i64,
        to_day: NaiveDate,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<SuspensionRow>> {
        let row = sqlx::query(&format!(
            "UPDATE case_suspensions SET to_day = $1, closed_at = $2
             WHERE task_id = $3 AND closed_at IS NULL
             RETURNING {SUSPENSION_COLUMNS}"
        ))
        .bind(to_day)
        .bind(at)
        .bind(task_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(suspension_from_row).transpose()
    }

    async fn suspensions(&mut self, task_id: i64) -> StoreResult<Vec<SuspensionRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {SUSPENSION_COLUMNS} FROM case_suspensions WHERE task_id = $1 ORDER BY id"
        ))
        .bind(task_id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(suspension_from_row).collect()
    }

    async fn append_history(&mut self, h: &NewHistory) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO case_history (case_id, task_id, actor_id, actor_name, at, action,
                 from_status, to_status, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(h.case_id)
        .bind(h.task_id)
        .bind(h.actor_id)
        .bind(&h.actor_name)
        .bind(h.at)
        .bind(&h.action)
        .bind(&h.from_status)
        .bind(&h.to_status)
        .bind(&h.note)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn case_history(&mut self, case_id: i64) -> StoreResult<Vec<HistoryRow>> {
        let rows = sqlx::query(
            "SELECT id, task_id, actor_name, at, action, from_status, to_status, note
             FROM case_history WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| HistoryRow {
                id: r.get("id"),
                task_id: r.get("task_id"),
                actor_name: r.get("actor_name"),
                at: r.get("at"),
                action: r.get("action"),
                from_status: r.get("from_status"),
                to_status: r.get("to_status"),
                note: r.get("note"),
            })
            .collect())
    }

    async fn pledges_overdue(&mut self, today: NaiveDate) -> StoreResult<Vec<CaseRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {CASE_COLUMNS} FROM cases
             WHERE pledge_due IS NOT NULL AND pledge_due < $1
               AND status IN ('in_progress', 'suspended') ORDER BY id"
        ))
        .bind(today)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(case_from_row).collect()
    }

    async fn insert_notice(&mut self, n: &NewNotice) -> StoreResult<NoticeRow> {
        let row = sqlx::query(&format!(
            "INSERT INTO intake_notices (kind, matter, applicant_name, items, reason,
                 where_to_apply, ticket_id, clerk_id, counter, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING {NOTICE_COLUMNS}"
        ))
        .bind(n.kind.as_str())
        .bind(&n.matter)
        .bind(&n.applicant_name)
        .bind(Json(&n.items))
        .bind(&n.reason)
        .bind(&n.where_to_apply)
        .bind(n.ticket_id)
        .bind(n.clerk_id)
        .bind(n.counter.as_ref().map(|c| c.as_str()))
        .bind(n.created_at)
        .fetch_one(&mut *self.tx)
        .await?;
        notice_from_row(&row)
    }

    async fn get_notice(&mut self, id: i64) -> StoreResult<Option<NoticeRow>> {
        let row = sqlx::query(&format!(
            "SELECT {NOTICE_COLUMNS} FROM intake_notices WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(notice_from_row).transpose()
    }

    async fn put_ticket_draft(&mut self, d: &TicketDraftRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO ticket_drafts (ticket_id, matter, applicant, updated_at)
             VALUES ($1, $2, $3, $4)
             ON CONFLICT (ticket_id) DO UPDATE SET matter = EXCLUDED.matter,
                 applicant = EXCLUDED.applicant, updated_at = EXCLUDED.updated_at",
        )
        .bind(d.ticket_id)
        .bind(d.matter.as_str())
        .bind(Json(&d.applicant))
        .bind(d.updated_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn ticket_draft(&mut self, ticket_id: i64) -> StoreResult<Option<TicketDraftRow>> {
        let row = sqlx::query(
            "SELECT ticket_id, matter, applicant, updated_at FROM ticket_drafts
             WHERE ticket_id = $1",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| {
            let applicant: serde_json::Value = r.get("applicant");
            Ok(TicketDraftRow {
                ticket_id: r.get("ticket_id"),
                matter: MatterCode::parse(r.get("matter")).map_err(StoreError::corrupt)?,
                applicant: serde_json::from_value(applicant)?,
                updated_at: r.get("updated_at"),
            })
        })
        .transpose()
    }

    async fn put_handover(&mut self, h: &HandoverRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO case_handovers (case_id, method, state, recipient_name,
                 recipient_digest, carrier, waybill_no, address, clerk_id, handed_at,
                 delivered_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (case_id) DO UPDATE SET state = EXCLUDED.state,
                 delivered_at = EXCLUDED.delivered_at",
        )
        .bind(h.case_id)
        .bind(&h.method)
        .bind(h.state.as_str())
        .bind(&h.recipient_name)
        .bind(&h.recipient_digest)
        .bind(&h.carrier)
        .bind(&h.waybill_no)
        .bind(&h.address)
        .bind(h.clerk_id)
        .bind(h.handed_at)
        .bind(h.delivered_at)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn handover(&mut self, case_id: i64) -> StoreResult<Option<HandoverRow>> {
        let row = sqlx::query(
            "SELECT case_id, method, state, recipient_name, recipient_digest, carrier,
                    waybill_no, address, clerk_id, handed_at, delivered_at
             FROM case_handovers WHERE case_id = $1",
        )
        .bind(case_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| {
            Ok(HandoverRow {
                case_id: r.get("case_id"),
                method: r.get("method"),
                state: onetrip_domain::case::OutputState::parse(r.get("state"))
                    .ok_or_else(|| StoreError::corrupt("handover state"))?,
                recipient_name: r.get("recipient_name"),
                recipient_digest: r.get("recipient_digest"),
                carrier: r.get("carrier"),
                waybill_no: r.get("waybill_no"),
                address: r.get("address"),
                clerk_id: r.get("clerk_id"),
                handed_at: r.get("handed_at"),
                delivered_at: r.get("delivered_at"),
            })
        })
        .transpose()
    }

    async fn output_queue(&mut self, limit: i64) -> StoreResult<Vec<CaseRow>> {
        let columns = CASE_COLUMNS
            .split(", ")
            .map(|c| format!("c.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let rows = sqlx::query(&format!(
            "SELECT {columns} FROM cases c LEFT JOIN case_handovers h ON h.case_id = c.id
             WHERE c.status IN ('approved', 'partially_approved', 'rejected')
               AND (h.case_id IS NULL OR h.state = 'mailed')
             ORDER BY c.closed_at, c.id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(case_from_row).collect()
    }
}
