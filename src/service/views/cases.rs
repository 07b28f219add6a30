//! Cases (办件) as the API shows them and takes them. Staff views carry the applicant in full
//! (the case is a legal record); anything public carries masked data only.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum ApplicantInput {
    Person {
        name: String,
        /// 18-digit resident ID number, checksum verified (GB 11643).
        id_number: String,
        phone: String,
    },
    Organisation {
        name: String,
        /// 18-character unified social credit code, checksum verified (GB 32100).
        credit_code: String,
        legal_representative: String,
        phone: String,
    },
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialTickInput {
    pub code: String,
    /// `provided`, `missing` or `deferred` (容缺: to be supplied later under a pledge).
    pub state: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum DeliveryInput {
    /// Collected at the hall's output window (统一出件).
    Window,
    /// Mailed to the applicant.
    Mail {
        recipient: String,
        phone: String,
        address: String,
    },
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateCaseRequest {
    /// A matter code, or a bundle (一件事) code.
    pub matter: String,
    /// The queue ticket the applicant was served on, if any.
    #[serde(default)]
    pub ticket_id: Option<i64>,
    pub applicant: ApplicantInput,
    /// The checklist as ticked by the clerk; a required material left out counts as missing.
    pub materials: Vec<MaterialTickInput>,
    pub delivery: DeliveryInput,
    /// The counter the case was accepted at.
    #[serde(default)]
    pub counter: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseTaskSummary {
    pub id: i64,
    pub department: String,
    pub matter: String,
    /// `queued`, `claimed`, `returned`, `approved`, `rejected` or `terminated`.
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApplicantView {
    /// `person` or `organisation`.
    pub kind: String,
    pub name: String,
    pub id_number: Option<String>,
    pub credit_code: Option<String>,
    pub legal_representative: Option<String>,
    pub phone: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseMaterialView {
    pub code: String,
    pub name: String,
    pub required: bool,
    pub deferrable: bool,
    pub state: String,
    pub supplied_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SuspensionView {
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
    /// What the applicant must supply (补正).
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskView {
    pub id: i64,
    pub case_no: String,
    pub department: String,
    pub department_name: String,
    pub matter: String,
    pub matter_name: String,
    pub status: String,
    pub claimed_by: Option<i64>,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
    /// Working days left to the legal deadline (negative: overdue).
    pub working_days_left: i64,
    /// `green`, `yellow` (few working days left) or `red` (overdue).
    pub light: String,
    pub extension_days: u32,
    pub extension_reason: Option<String>,
    pub opinion: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub suspensions: Vec<SuspensionView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryView {
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub task_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseView {
    pub case_no: String,
    /// Random and unguessable: printed as a QR on the case's documents.
    pub tracking_code: String,
    /// `in_progress`, `suspended`, `approved`, `partially_approved`, `rejected`, `terminated`.
    pub status: String,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
    /// 容缺受理: the day the deferred materials are due.
    pub pledge_due: Option<NaiveDate>,
    pub tasks: Vec<CaseTaskSummary>,
    pub matter: String,
    pub matter_name: String,
    pub is_bundle: bool,
    /// For a bundle: `all_or_nothing` or `partial`, what one rejection does to the case.
    pub bundle_rule: Option<String>,
    pub ticket_id: Option<i64>,
    pub applicant: ApplicantView,
    pub delivery: serde_json::Value,
    pub accepted_at: DateTime<Utc>,
    pub materials: Vec<CaseMaterialView>,
    pub task_details: Vec<TaskView>,
    pub history: Vec<HistoryView>,
    /// The catalog version the case was accepted under: its checklist and limits are that
    /// version's, whatever was published later.
    pub catalog_version: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MissingItemView {
    pub code: String,
    pub name: String,
    /// `missing`; `not_deferrable` (ticked deferred but the matter does not allow it); or
    /// `deferrable` (not blocking: may be pledged under 容缺受理).
    pub reason: String,
}

/// `422` from `POST /api/v1/cases`: no case was accepted; the one-time notice (一次性告知)
/// listing every missing item was recorded and can be printed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MaterialsIncompleteError {
    /// Always `materials_incomplete`.
    pub code: String,
    pub message: String,
    pub missing: Vec<MissingItemView>,
    pub notice_id: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefuseIntakeRequest {
    pub matter: String,
    #[serde(default)]
    pub applicant_name: String,
    pub reason: String,
    /// Where the applicant should apply instead.
    pub where_to_apply: String,
    #[serde(default)]
    pub ticket_id: Option<i64>,
    #[serde(default)]
    pub counter: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoticeView {
    pub id: i64,
    /// `materials_incomplete` (一次性告知) or `refusal` (不予受理).
    pub kind: String,
    pub matter: String,
    pub matter_name: String,
    pub applicant_name: String,
    pub items: Vec<MissingItemView>,
    pub reason: String,
    pub where_to_apply: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct TaskActionRequest {
    /// approve: the opinion; reject, extend: the reason.
    #[serde(default)]
    pub opinion: Option<String>,
    #[serde(default)]
    pub reason: Option<String>,
    /// return (补正): what the applicant must supply.
    #[serde(default)]
    pub items: Option<Vec<String>>,
    /// extend: working days to add (within the matter's legal extension).
    #[serde(default)]
    pub days: Option<u32>,
}

#[derive(Debug, Clone, Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct SupplementRequest {
    /// Material codes now provided (deferred ones under a pledge); may be empty when only the
    /// items asked for by a return are brought.
    #[serde(default)]
    pub materials: Vec<String>,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DepartmentQueueView {
    pub department: String,
    pub department_name: String,
    /// Tasks turn yellow when this many working days or fewer are left.
    pub yellow_within_days: u32,
    pub tasks: Vec<TaskView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverdueRow {
    pub department: String,
    pub department_name: String,
    pub open: i64,
    pub yellow: i64,
    pub red: i64,
}
