//! The catalog as the hall admin edits it: the draft, its changes against the published
//! version, the versions and each item's history.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A department (部门) as edited.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DepartmentInput {
    pub code: String,
    pub name: String,
}

/// A queue category (队列类别), one letter that prefixes its tickets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryInput {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MaterialInput {
    /// Unique within its matter.
    pub code: String,
    pub name: String,
    pub required: bool,
    /// 原件份数.
    #[serde(default)]
    pub originals: u8,
    /// 复印件份数.
    #[serde(default)]
    pub copies: u8,
    /// 容缺: may be supplied after acceptance, with a pledge. Only for required items.
    #[serde(default)]
    pub deferrable: bool,
    #[serde(default)]
    pub note: String,
}

/// A matter (事项) with its guide, checklist, limits and routing (department, queue).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MatterInput {
    pub code: String,
    pub name: String,
    /// The department whose approvers' queue receives its cases.
    pub department: String,
    /// The queue category its tickets are drawn in.
    pub category: String,
    /// 事项类型, e.g. 行政许可.
    #[serde(default)]
    pub kind: String,
    /// 受理条件.
    #[serde(default)]
    pub conditions: String,
    /// 法定办结时限, working days.
    pub legal_limit_days: u16,
    /// 承诺办结时限, working days; never more than the legal limit.
    pub promised_limit_days: u16,
    /// Working days the legal limit may be extended by.
    #[serde(default)]
    pub legal_extension_days: u16,
    /// 特别程序: steps whose time does not count towards the limits (听证, 专家评审…).
    #[serde(default)]
    pub excluded_steps: Vec<String>,
    /// 到现场次数: 0 or 1.
    pub visits: u8,
    /// Fee in fen (分); 0 = free.
    #[serde(default)]
    pub fee_fen: u32,
    #[serde(default)]
    pub fee_note: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    pub materials: Vec<MaterialInput>,
    /// 制定日期; a new item without one is made on the day it is first saved.
    #[serde(default)]
    pub created_on: Option<NaiveDate>,
    /// 公开日期; a new item without one is disclosed on the day its version is published.
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    /// 停用日期: a retired matter is no longer offered; its cases go on.
    #[serde(default)]
    pub retired_on: Option<NaiveDate>,
}

/// A "一件事" bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BundleInput {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub category: String,
    /// Member matter codes; at least two, from at least two departments.
    pub matters: Vec<String>,
    /// `all_or_nothing` or `partial`.
    pub partial_rejection: String,
    #[serde(default)]
    pub keywords: Vec<String>,
    #[serde(default)]
    pub created_on: Option<NaiveDate>,
    #[serde(default)]
    pub published_on: Option<NaiveDate>,
    #[serde(default)]
    pub retired_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterCategoryInput {
    pub code: String,
    /// Relative share of calls, 1–100.
    pub weight: u8,
}

/// A counter (窗口): intake (综合窗口) or output (出件窗口), with its categories and weights.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CounterInput {
    pub code: String,
    /// Shown on the display and spoken in the call, e.g. "3号窗口".
    pub name: String,
    /// `intake` or `output`.
    pub kind: String,
    #[serde(default)]
    pub categories: Vec<CounterCategoryInput>,
}

/// The whole catalog in editable form.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CatalogDocument {
    pub version: String,
    pub published_on: Option<NaiveDate>,
    pub departments: Vec<DepartmentInput>,
    pub categories: Vec<CategoryInput>,
    pub matters: Vec<MatterInput>,
    pub bundles: Vec<BundleInput>,
    pub counters: Vec<CounterInput>,
}

/// A published catalog version.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogVersionView {
    pub seq: i64,
    pub version: String,
    pub published_at: DateTime<Utc>,
    /// The hall's local day of publication.
    pub published_on: NaiveDate,
    pub published_by_name: String,
    pub note: String,
    /// How many items this version added, changed, retired and removed.
    pub added: u32,
    pub changed: u32,
    pub retired: u32,
    pub removed: u32,
}

/// Who last touched the draft, and which version it started from.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogDraftInfo {
    pub based_on: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by_name: String,
}

/// One field that differs between two versions of an item.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct FieldChange {
    /// The field's name in the input types, e.g. `promised_limit_days`.
    pub field: String,
    /// Its Chinese label, e.g. 承诺时限.
    pub label: String,
    /// Any JSON value (a text, a number, a list of materials…); `null` when absent.
    pub before: serde_json::Value,
    pub after: serde_json::Value,
}

/// One item that differs between two catalogs.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct CatalogChangeView {
    /// `department`, `category`, `matter`, `bundle` or `counter`.
    pub kind: String,
    pub code: String,
    pub name: String,
    /// `added`, `changed`, `retired` or `removed`.
    pub change: String,
    /// The fields that differ; empty for an added or removed item (read it whole in the
    /// document or its history).
    pub fields: Vec<FieldChange>,
}

/// The admin's catalog workspace: the draft (or, without one, the published catalog), what
/// the draft changes, and which items may no longer be deleted.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogWorkspace {
    pub published: Option<CatalogVersionView>,
    pub draft: Option<CatalogDraftInfo>,
    pub document: CatalogDocument,
    /// The draft against the published version; empty without a draft.
    pub changes: Vec<CatalogChangeView>,
    /// `kind:code` of every item that cases, tickets or staff refer to: these can only be
    /// retired (matters, bundles) or kept, never deleted.
    pub in_use: Vec<String>,
}

/// One entry of an item's history: the version that changed it and how.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogHistoryEntry {
    pub version: String,
    pub published_at: DateTime<Utc>,
    pub published_by_name: String,
    pub note: String,
    pub change: String,
    pub fields: Vec<FieldChange>,
}

/// `POST /api/v1/admin/catalog/publish`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishRequest {
    /// What this version changes, in a sentence (发布说明).
    #[serde(default)]
    pub note: String,
    /// The version label; by default the next `YYYY.N`.
    #[serde(default)]
    pub version: Option<String>,
}

/// The outcome of reading an uploaded workbook.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogImportPreview {
    /// True when the workbook has no problem (and, unless a dry run, became the draft).
    pub ok: bool,
    /// True when it was saved as the draft.
    pub saved: bool,
    pub problems: Vec<crate::service::catalog::workbook::RowProblem>,
    pub departments: u32,
    pub categories: u32,
    pub matters: u32,
    pub bundles: u32,
    pub counters: u32,
    /// The workbook against the published version.
    pub changes: Vec<CatalogChangeView>,
    /// Time the server spent reading, checking and saving, in milliseconds.
    pub elapsed_ms: u64,
}
