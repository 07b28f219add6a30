//! The part of the store contract that keeps cases (办件): the case, its materials, one task
//! per matter in a department's approval queue, suspensions (补正), the append-only history,
//! and the notices given at the counter without a case.

use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::case::{
    Applicant, CaseNo, CaseStatus, MaterialState, TaskStatus, TrackingCode,
};
use onetrip_domain::catalog::PartialRejection;
use onetrip_domain::{CounterCode, DepartmentCode, MatterCode, ServiceDay};

#[derive(Debug, Clone)]
pub struct NewCase {
    pub case_no: CaseNo,
    pub tracking_code: TrackingCode,
    pub matter: MatterCode,
    pub bundle_rule: Option<PartialRejection>,
    pub ticket_id: Option<i64>,
    pub applicant: Applicant,
    pub person_digest: Option<String>,
    pub delivery: serde_json::Value,
    pub status: CaseStatus,
    pub accepted_at: DateTime<Utc>,
    pub accepted_on: NaiveDate,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
    pub pledge_due: Option<NaiveDate>,
    pub intake_clerk_id: i64,
    pub intake_counter: Option<CounterCode>,
    pub issuer: String,
    pub idempotency_key: Option<String>,
    pub materials: Vec<CaseMaterialRow>,
    pub tasks: Vec<NewTask>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: i64,
    pub case_no: CaseNo,
    pub tracking_code: TrackingCode,
    pub matter: MatterCode,
    pub bundle_rule: Option<PartialRejection>,
    pub ticket_id: Option<i64>,
    pub applicant: Applicant,
    pub delivery: serde_json::Value,
    pub status: CaseStatus,
    pub accepted_at: DateTime<Utc>,
    pub accepted_on: NaiveDate,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
    pub pledge_due: Option<NaiveDate>,
    pub intake_clerk_id: i64,
    pub intake_counter: Option<CounterCode>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The catalog version the case was accepted under; its limits and checklist stay those.
    pub catalog_version: Option<String>,
}

impl CaseRow {
    pub fn is_bundle(&self) -> bool {
        self.bundle_rule.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CaseMaterialRow {
    pub code: String,
    pub name: String,
    pub required: bool,
    pub deferrable: bool,
    pub state: MaterialState,
    pub supplied_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewTask {
    pub matter: MatterCode,
    pub department: DepartmentCode,
    pub limit_days: u32,
    pub promised_days: u32,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    pub id: i64,
    pub case_id: i64,
    pub matter: MatterCode,
    pub department: DepartmentCode,
    pub status: TaskStatus,
    pub claimed_by: Option<i64>,
    pub claimed_at: Option<DateTime<Utc>>,
    pub limit_days: u32,
    pub promised_days: u32,
    pub extension_days: u32,
    pub extension_reason: Option<String>,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
    pub opinion: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// The last light a warning was raised for: `yellow` or `red`.
    pub warned: Option<String>,
}

/// A task as its department's queue lists it, with what the approver needs to choose.
#[derive(Debug, Clone, PartialEq)]
pub struct QueuedTaskRow {
    pub task: TaskRow,
    pub case_no: CaseNo,
    pub applicant_name: String,
    pub case_status: CaseStatus,
    pub accepted_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SuspensionRow {
    pub id: i64,
    pub task_id: i64,
    pub from_day: NaiveDate,
    pub to_day: Option<NaiveDate>,
    pub items: serde_json::Value,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
pub struct NewHistory {
    pub case_id: i64,
    pub task_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    pub id: i64,
    pub task_id: Option<i64>,
    pub actor_name: String,
    pub at: DateTime<Utc>,
    pub action: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    MaterialsIncomplete,
    Refusal,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::MaterialsIncomplete => "materials_incomplete",
            NoticeKind::Refusal => "refusal",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "materials_incomplete" => Some(NoticeKind::MaterialsIncomplete),
            "refusal" => Some(NoticeKind::Refusal),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct NewNotice {
    pub kind: NoticeKind,
    /// A matter or bundle code, or for a refusal whatever was asked for (maybe not ours).
    pub matter: String,
    pub applicant_name: String,
    pub items: serde_json::Value,
    pub reason: String,
    pub where_to_apply: String,
    pub ticket_id: Option<i64>,
    pub clerk_id: i64,
    pub counter: Option<CounterCode>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NoticeRow {
    pub id: i64,
    pub kind: NoticeKind,
    pub matter: String,
    pub applicant_name: String,
    pub items: serde_json::Value,
    pub reason: String,
    pub where_to_apply: String,
    pub ticket_id: Option<i64>,
    pub clerk_id: i64,
    pub counter: Option<CounterCode>,
    pub created_at: DateTime<Utc>,
}

/// What a citizen filled in at the kiosk while waiting (智能自助).
#[derive(Debug, Clone, PartialEq)]
pub struct TicketDraftRow {
    pub ticket_id: i64,
    pub matter: MatterCode,
    pub applicant: Applicant,
    pub updated_at: DateTime<Utc>,
}

/// How a decided case's result left the hall (统一出件).
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverRow {
    pub case_id: i64,
    /// `pickup` or `mail`.
    pub method: String,
    pub state: onetrip_domain::case::OutputState,
    pub recipient_name: String,
    /// Keyed digest of the ID number checked at pickup.
    pub recipient_digest: Option<String>,
    pub carrier: Option<String>,
    pub waybill_no: Option<String>,
    pub address: Option<String>,
    pub clerk_id: i64,
    pub handed_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
}

#[async_trait]
pub trait CaseTx: Send {
    /// Reserves the next case sequence of `day` (gapless: it rolls back with its transaction).
    async fn next_case_seq(&mut self, day: ServiceDay) -> StoreResult<u32>;
    /// Inserts the case with its materials and tasks.
    async fn insert_case(&mut self, case: &NewCase) -> StoreResult<CaseRow>;
    async fn find_case_by_no(&mut self, case_no: &str) -> StoreResult<Option<CaseRow>>;
    async fn find_case_by_tracking_code(&mut self, code: &str) -> StoreResult<Option<CaseRow>>;
    async fn find_case_by_idempotency_key(
        &mut self,
        issuer: &str,
        key: &str,
    ) -> StoreResult<Option<CaseRow>>;
    async fn get_case(&mut self, id: i64) -> StoreResult<Option<CaseRow>>;
    /// Writes the case's mutable fields (status, deadlines, pledge, closing time).
    async fn update_case(&mut self, case: &CaseRow) -> StoreResult<()>;
    async fn case_materials(&mut self, case_id: i64) -> StoreResult<Vec<CaseMaterialRow>>;
    async fn set_material_state(
        &mut self,
        case_id: i64,
        code: &str,
        state: MaterialState,
        supplied_at: Option<DateTime<Utc>>,
    ) -> StoreResult<()>;
    async fn case_tasks(&mut self, case_id: i64) -> StoreResult<Vec<TaskRow>>;
    async fn get_task(&mut self, id: i64) -> StoreResult<Option<TaskRow>>;
    /// Writes every mutable field of the task, provided it is still in `expected` state;
    /// false when another writer changed it first.
    async fn update_task(&mut self, task: &TaskRow, expected: TaskStatus) -> StoreResult<bool>;
    /// A department's tasks in these states, soonest legal deadline first.
    async fn department_queue(
        &mut self,
        department: &DepartmentCode,
        statuses: &[TaskStatus],
        limit: i64,
    ) -> StoreResult<Vec<QueuedTaskRow>>;
    /// Every task not yet decided, for the deadline watcher.
    async fn open_tasks(&mut self) -> StoreResult<Vec<QueuedTaskRow>>;
    async fn open_suspension(
        &mut self,
        task_id: i64,
        from_day: NaiveDate,
        items: &serde_json::Value,
        at: DateTime<Utc>,
    ) -> StoreResult<()>;
    /// Closes the task's open suspension, if any; returns it closed.
    async fn close_suspension(
        &mut self,
        task_id: i64,
        to_day: NaiveDate,
        at: DateTime<Utc>,
    ) -> StoreResult<Option<SuspensionRow>>;
    async fn suspensions(&mut self, task_id: i64) -> StoreResult<Vec<SuspensionRow>>;
    async fn append_history(&mut self, entry: &NewHistory) -> StoreResult<()>;
    async fn case_history(&mut self, case_id: i64) -> StoreResult<Vec<HistoryRow>>;
    /// Cases accepted with a pledge whose deferred materials were due before `today`.
    async fn pledges_overdue(&mut self, today: NaiveDate) -> StoreResult<Vec<CaseRow>>;
    async fn insert_notice(&mut self, notice: &NewNotice) -> StoreResult<NoticeRow>;
    async fn get_notice(&mut self, id: i64) -> StoreResult<Option<NoticeRow>>;
    /// Creates or replaces the ticket's draft.
    async fn put_ticket_draft(&mut self, draft: &TicketDraftRow) -> StoreResult<()>;
    async fn ticket_draft(&mut self, ticket_id: i64) -> StoreResult<Option<TicketDraftRow>>;
    /// Creates or updates the case's handover.
    async fn put_handover(&mut self, handover: &HandoverRow) -> StoreResult<()>;
    async fn handover(&mut self, case_id: i64) -> StoreResult<Option<HandoverRow>>;
    /// Decided cases not yet handed over, and mailed ones not yet delivered, oldest first.
    async fn output_queue(&mut self, limit: i64) -> StoreResult<Vec<CaseRow>>;
}
