use super::{parse_or_corrupt, ts, ts_opt, SqliteTx};
use crate::cases::*;
use crate::{StoreError, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::case::{
    Applicant, CaseNo, CaseStatus, MaterialState, TaskStatus, TrackingCode,
};
use onetrip_domain::catalog::PartialRejection;
use onetrip_domain::{CounterCode, DepartmentCode, MatterCode, ServiceDay};
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

const CASE_COLUMNS: &str = "id, case_no, tracking_code, matter, bundle_rule, ticket_id, \
     applicant, delivery, status, accepted_at, accepted_on, legal_due, promised_due, pledge_due, \
     intake_clerk_id, intake_counter, closed_at, catalog_version";

const TASK_COLUMNS: &str = "t.id, t.case_id, t.matter, t.department, t.status, t.claimed_by, \
     t.claimed_at, t.limit_days, t.promised_days, t.extension_days, t.extension_reason, \
     t.legal_due, t.promised_due, t.opinion, t.decided_at, t.warned";

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn date(r: &SqliteRow, column: &str) -> StoreResult<NaiveDate> {
    parse_or_corrupt(NaiveDate::parse_from_str(r.get(column), "%Y-%m-%d"))
}

fn date_opt(r: &SqliteRow, column: &str) -> StoreResult<Option<NaiveDate>> {
    r.get::<Option<String>, _>(column)
        .map(|d| parse_or_corrupt(NaiveDate::parse_from_str(&d, "%Y-%m-%d")))
        .transpose()
}

fn rule_from(text: Option<String>) -> StoreResult<Option<PartialRejection>> {
    text.map(|t| {
        PartialRejection::parse(&t).ok_or_else(|| StoreError::corrupt(format!("bundle rule {t}")))
    })
    .transpose()
}

fn u32_of(r: &SqliteRow, column: &str) -> StoreResult<u32> {
    u32::try_from(r.get::<i64, _>(column)).map_err(StoreError::corrupt)
}

fn case_from_row(r: &SqliteRow) -> StoreResult<CaseRow> {
    let applicant: Applicant = serde_json::from_str(r.get("applicant"))?;
    Ok(CaseRow {
        id: r.get("id"),
        case_no: parse_or_corrupt(CaseNo::parse(r.get("case_no")))?,
        tracking_code: parse_or_corrupt(TrackingCode::parse(r.get("tracking_code")))?,
        matter: parse_or_corrupt(MatterCode::parse(r.get("matter")))?,
        bundle_rule: rule_from(r.get("bundle_rule"))?,
        ticket_id: r.get("ticket_id"),
        applicant,
        delivery: serde_json::from_str(r.get("delivery"))?,
        status: CaseStatus::parse(r.get("status")).ok_or_else(|| StoreError::corrupt("status"))?,
        accepted_at: r.get("accepted_at"),
        accepted_on: date(r, "accepted_on")?,
        legal_due: date(r, "legal_due")?,
        promised_due: date(r, "promised_due")?,
        pledge_due: date_opt(r, "pledge_due")?,
        intake_clerk_id: r.get("intake_clerk_id"),
        intake_counter: r
            .get::<Option<String>, _>("intake_counter")
            .map(|c| parse_or_corrupt(CounterCode::parse(&c)))
            .transpose()?,
        closed_at: r.get("closed_at"),
        catalog_version: r.get("catalog_version"),
    })
}

fn task_from_row(r: &SqliteRow) -> StoreResult<TaskRow> {
    Ok(TaskRow {
        id: r.get("id"),
        case_id: r.get("case_id"),
        matter: parse_or_corrupt(MatterCode::parse(r.get("matter")))?,
        department: parse_or_corrupt(DepartmentCode::parse(r.get("department")))?,
        status: TaskStatus::parse(r.get("status")).ok_or_else(|| StoreError::corrupt("status"))?,
        claimed_by: r.get("claimed_by"),
        claimed_at: r.get("claimed_at"),
        limit_days: u32_of(r, "limit_days")?,
        promised_days: u32_of(r, "promised_days")?,
        extension_days: u32_of(r, "extension_days")?,
        extension_reason: r.get("extension_reason"),
        legal_due: date(r, "legal_due")?,
        promised_due: date(r, "promised_due")?,
        opinion: r.get("opinion"),
        decided_at: r.get("decided_at"),
        warned: r.get("warned"),
    })
}

fn queued_from_row(r: &SqliteRow) -> StoreResult<QueuedTaskRow> {
    Ok(QueuedTaskRow {
        task: task_from_row(r)?,
        case_no: parse_or_corrupt(CaseNo::parse(r.get("case_no")))?,
        applicant_name: r.get("applicant_name"),
        case_status: CaseStatus::parse(r.get("case_status"))
            .ok_or_else(|| StoreError::corrupt("case_status"))?,
        accepted_on: date(r, "accepted_on")?,
    })
}

fn material_from_row(r: &SqliteRow) -> StoreResult<CaseMaterialRow> {
    Ok(CaseMaterialRow {
        code: r.get("code"),
        name: r.get("name"),
        required: r.get::<i64, _>("required") != 0,
        deferrable: r.get::<i64, _>("may_defer") != 0,
        state: MaterialState::parse(r.get("state")).ok_or_else(|| StoreError::corrupt("state"))?,
        supplied_at: r.get("supplied_at"),
    })
}

fn suspension_from_row(r: &SqliteRow) -> StoreResult<SuspensionRow> {
    Ok(SuspensionRow {
        id: r.get("id"),
        task_id: r.get("task_id"),
        from_day: date(r, "from_day")?,
        to_day: date_opt(r, "to_day")?,
        items: serde_json::from_str(r.get("items"))?,
        opened_at: r.get("opened_at"),
        closed_at: r.get("closed_at"),
    })
}

fn notice_from_row(r: &SqliteRow) -> StoreResult<NoticeRow> {
    Ok(NoticeRow {
        id: r.get("id"),
        kind: NoticeKind::parse(r.get("kind")).ok_or_else(|| StoreError::corrupt("notice kind"))?,
        matter: r.get("matter"),
        applicant_name: r.get("applicant_name"),
        items: serde_json::from_str(r.get("items"))?,
        reason: r.get("reason"),
        where_to_apply: r.get("where_to_apply"),
        ticket_id: r.get("ticket_id"),
        clerk_id: r.get("clerk_id"),
        counter: r
            .get::<Option<String>, _>("counter")
            .map(|c| parse_or_corrupt(CounterCode::parse(&c)))
            .transpose()?,
        created_at: r.get("created_at"),
    })
}

impl SqliteTx {
    async fn one_case(&mut self, filter: &str, binds: &[&str]) -> StoreResult<Option<CaseRow>> {
        let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE {filter}");
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = q.bind(*b);
        }
        let row = q.fetch_optional(&mut *self.tx).await?;
        row.as_ref().map(case_from_row).transpose()
    }

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
             WHERE {filter} ORDER BY t.legal_due, t.id LIMIT ?"
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
impl CaseTx for SqliteTx {
    async fn next_case_seq(&mut self, day: ServiceDay) -> StoreResult<u32> {
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO case_sequences (service_day, last_seq) VALUES (?, 1)
             ON CONFLICT (service_day) DO UPDATE SET last_seq = last_seq + 1
             RETURNING last_seq",
        )
        .bind(day.to_string())
        .fetch_one(&mut *self.tx)
        .await?;
        u32::try_from(seq).map_err(StoreError::corrupt)
    }

    async fn insert_case(&mut self, c: &NewCase) -> StoreResult<CaseRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (case_no, tracking_code, matter, is_bundle, bundle_rule, ticket_id,
                 applicant, applicant_name, person_digest, delivery, status, accepted_at,
                 accepted_on, legal_due, promised_due, pledge_due, intake_clerk_id,
                 intake_counter, issuer, idempotency_key, catalog_version)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                 (SELECT version FROM catalog_meta WHERE id = 1)) RETURNING id",
        )
        .bind(c.case_no.as_str())
        .bind(c.tracking_code.as_str())
        .bind(c.matter.as_str())
        .bind(i64::from(c.bundle_rule.is_some()))
        .bind(c.bundle_rule.map(PartialRejection::as_str))
        .bind(c.ticket_id)
        .bind(serde_json::to_string(&c.applicant)?)
        .bind(c.applicant.display_name())
        .bind(&c.person_digest)
        .bind(c.delivery.to_string())
        .bind(c.status.as_str())
        .bind(ts(c.accepted_at))
        .bind(date_text(c.accepted_on))
        .bind(date_text(c.legal_due))
        .bind(date_text(c.promised_due))
        .bind(c.pledge_due.map(date_text))
        .bind(c.intake_clerk_id)
        .bind(c.intake_counter.as_ref().map(|k| k.as_str()))
        .bind(&c.issuer)
        .bind(&c.idempotency_key)
        .fetch_one(&mut *self.tx)
        .await?;
        for (position, m) in c.materials.iter().enumerate() {
            sqlx::query(
                "INSERT INTO case_materials (case_id, code, name, required, may_defer, state,
                     supplied_at, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(&m.code)
            .bind(&m.name)
            .bind(i64::from(m.required))
            .bind(i64::from(m.deferrable))
            .bind(m.state.as_str())
            .bind(ts_opt(m.supplied_at))
            .bind(position as i64)
            .execute(&mut *self.tx)
            .await?;
        }
        for t in &c.tasks {
            sqlx::query(
                "INSERT INTO case_tasks (case_id, matter, department, status, limit_days,
                     promised_days, legal_due, promised_due) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(id)
            .bind(t.matter.as_str())
            .bind(t.department.as_str())
            .bind(TaskStatus::Queued.as_str())
            .bind(i64::from(t.limit_days))
            .bind(i64::from(t.promised_days))
            .bind(date_text(t.legal_due))
            .bind(date_text(t.promised_due))
            .execute(&mut *self.tx)
            .await?;
        }
        self.get_case(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("case vanished after insert"))
    }

    async fn find_case_by_no(&mut self, case_no: &str) -> StoreResult<Option<CaseRow>> {
        self.one_case("case_no = ?", &[case_no]).await
    }

    async fn find_case_by_tracking_code(&mut self, code: &str) -> StoreResult<Option<CaseRow>> {
        self.one_case("tracking_code = ?", &[code]).await
    }

    async fn find_case_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<CaseRow>> {
        self.one_case("issuer = ? AND idempotency_key = ?", &[issuer, key])
            .await
    }

    async fn get_case(&mut self, id: i64) -> StoreResult<Option<CaseRow>> {
        let row = sqlx::query(&format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = ?"))
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(case_from_row).transpose()
    }

    async fn update_case(&mut self, c: &CaseRow) -> StoreResult<()> {
        sqlx::query(
            "UPDATE cases SET status = ?, legal_due = ?, promised_due = ?, pledge_due = ?,
                 closed_at = ? WHERE id = ?",
        )
        .bind(c.status.as_str())
        .bind(date_text(c.legal_due))
        .bind(date_text(c.promised_due))
        .bind(c.pledge_due.map(date_text))
        .bind(ts_opt(c.closed_at))
        .bind(c.id)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn case_materials(&mut self, case_id: i64) -> StoreResult<Vec<CaseMaterialRow>> {
        let rows = sqlx::query(
            "SELECT code, name, required, may_defer, state, supplied_at FROM case_materials
             WHERE case_id = ? ORDER BY position",
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
            "UPDATE case_materials SET state = ?, supplied_at = COALESCE(?, supplied_at)
             WHERE case_id = ? AND code = ?",
        )
        .bind(state.as_str())
        .bind(ts_opt(supplied_at))
        .bind(case_id)
        .bind(code)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn case_tasks(&mut self, case_id: i64) -> StoreResult<Vec<TaskRow>> {
        let rows = sqlx::query(&format!(
            "SELECT {TASK_COLUMNS} FROM case_tasks t WHERE t.case_id = ? ORDER BY t.id"
        ))
        .bind(case_id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(task_from_row).collect()
    }

    async fn get_task(&mut self, id: i64) -> StoreResult<Option<TaskRow>> {
        let row = sqlx::query(&format!(
            "SELECT {TASK_COLUMNS} FROM case_tasks t WHERE t.id = ?"
        ))
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(task_from_row).transpose()
    }

    async fn update_task(&mut self, t: &TaskRow, expected: TaskStatus) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE case_tasks SET status = ?, claimed_by = ?, claimed_at = ?,
                 extension_days = ?, extension_reason = ?, legal_due = ?, promised_due = ?,
                 opinion = ?, decided_at = ?, warned = ?
             WHERE id = ? AND status = ?",
        )
        .bind(t.status.as_str())
        .bind(t.claimed_by)
        .bind(ts_opt(t.claimed_at))
        .bind(i64::from(t.extension_days))
        .bind(&t.extension_reason)
        .bind(date_text(t.legal_due))
        .bind(date_text(t.promised_due))
        .bind(&t.opinion)
        .bind(ts_opt(t.decided_at))
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
        let marks = vec!["?"; statuses.len()].join(", ");
        let mut binds = vec![department.as_str().to_string()];
        binds.extend(statuses.iter().map(|s| s.as_str().to_string()));
        self.queued_tasks(
            &format!("t.department = ? AND t.status IN ({marks})"),
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
             VALUES (?, ?, ?, ?)",
        )
        .bind(task_id)
        .bind(date_text(from_day))
        .bind(items.to_string())
        .bind(ts(at))
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
        let row = sqlx::query(
            "UPDATE case_suspensions SET to_day = ?, closed_at = ?
             WHERE task_id = ? AND closed_at IS NULL
             RETURNING id, task_id, from_day, to_day, items, opened_at, closed_at",
        )
        .bind(date_text(to_day))
        .bind(ts(at))
        .bind(task_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(suspension_from_row).transpose()
    }

    async fn suspensions(&mut self, task_id: i64) -> StoreResult<Vec<SuspensionRow>> {
        let rows = sqlx::query(
            "SELECT id, task_id, from_day, to_day, items, opened_at, closed_at
             FROM case_suspensions WHERE task_id = ? ORDER BY id",
        )
        .bind(task_id)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(suspension_from_row).collect()
    }

    async fn append_history(&mut self, h: &NewHistory) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO case_history (case_id, task_id, actor_id, actor_name, at, action,
                 from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(h.case_id)
        .bind(h.task_id)
        .bind(h.actor_id)
        .bind(&h.actor_name)
        .bind(ts(h.at))
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
             FROM case_history WHERE case_id = ? ORDER BY id",
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
             WHERE pledge_due IS NOT NULL AND pledge_due < ?
               AND status IN ('in_progress', 'suspended') ORDER BY id"
        ))
        .bind(date_text(today))
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(case_from_row).collect()
    }

    async fn insert_notice(&mut self, n: &NewNotice) -> StoreResult<NoticeRow> {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO intake_notices (kind, matter, applicant_name, items, reason,
                 where_to_apply, ticket_id, clerk_id, counter, created_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        )
        .bind(n.kind.as_str())
        .bind(&n.matter)
        .bind(&n.applicant_name)
        .bind(n.items.to_string())
        .bind(&n.reason)
        .bind(&n.where_to_apply)
        .bind(n.ticket_id)
        .bind(n.clerk_id)
        .bind(n.counter.as_ref().map(|c| c.as_str()))
        .bind(ts(n.created_at))
        .fetch_one(&mut *self.tx)
        .await?;
        self.get_notice(id)
            .await?
            .ok_or_else(|| StoreError::corrupt("notice vanished after insert"))
    }

    async fn get_notice(&mut self, id: i64) -> StoreResult<Option<NoticeRow>> {
        let row = sqlx::query(
            "SELECT id, kind, matter, applicant_name, items, reason, where_to_apply, ticket_id,
                    clerk_id, counter, created_at
             FROM intake_notices WHERE id = ?",
        )
        .bind(id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.as_ref().map(notice_from_row).transpose()
    }

    async fn put_ticket_draft(&mut self, d: &TicketDraftRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO ticket_drafts (ticket_id, matter, applicant, updated_at)
             VALUES (?, ?, ?, ?)
             ON CONFLICT (ticket_id) DO UPDATE SET matter = excluded.matter,
                 applicant = excluded.applicant, updated_at = excluded.updated_at",
        )
        .bind(d.ticket_id)
        .bind(d.matter.as_str())
        .bind(serde_json::to_string(&d.applicant)?)
        .bind(ts(d.updated_at))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn ticket_draft(&mut self, ticket_id: i64) -> StoreResult<Option<TicketDraftRow>> {
        let row = sqlx::query(
            "SELECT ticket_id, matter, applicant, updated_at FROM ticket_drafts
             WHERE ticket_id = ?",
        )
        .bind(ticket_id)
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| {
            Ok(TicketDraftRow {
                ticket_id: r.get("ticket_id"),
                matter: parse_or_corrupt(MatterCode::parse(r.get("matter")))?,
                applicant: serde_json::from_str(r.get("applicant"))?,
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
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (case_id) DO UPDATE SET state = excluded.state,
                 delivered_at = excluded.delivered_at",
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
        .bind(ts(h.handed_at))
        .bind(ts_opt(h.delivered_at))
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn handover(&mut self, case_id: i64) -> StoreResult<Option<HandoverRow>> {
        let row = sqlx::query(
            "SELECT case_id, method, state, recipient_name, recipient_digest, carrier,
                    waybill_no, address, clerk_id, handed_at, delivered_at
             FROM case_handovers WHERE case_id = ?",
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
             ORDER BY c.closed_at, c.id LIMIT ?"
        ))
        .bind(limit)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter().map(case_from_row).collect()
    }
}
