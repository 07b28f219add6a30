//! The published catalog (政务公开) and the administrator's 20-day disclosure report.

use super::{BundleView, MaterialView, MatterView};
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DepartmentView {
    pub code: String,
    pub name: String,
}

/// A queue category with the counters that serve it: where a citizen goes for a matter.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GuideCategoryView {
    pub code: String,
    pub name: String,
    pub description: String,
    /// Names of the intake counters serving this category, e.g. "1号综合窗口".
    pub counters: Vec<String>,
}

/// A bundle's guide: the bundle and the one materials list its application needs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BundleGuideView {
    #[serde(flatten)]
    pub bundle: BundleView,
    /// Each distinct material of the member matters once.
    pub materials: Vec<MaterialView>,
    /// The longest promised limit among the member matters (working days).
    pub promised_limit_days: u16,
    /// The members' fees added up, in fen.
    pub fee_fen: u32,
    /// 0 when every member is 全程网办, else 1.
    pub visits: u8,
}

/// Every published matter and bundle with its full guide, as machine-readable JSON.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PublicCatalogView {
    /// The catalog's version, e.g. "2026.1".
    pub version: String,
    pub published_on: Option<NaiveDate>,
    pub departments: Vec<DepartmentView>,
    pub categories: Vec<GuideCategoryView>,
    pub matters: Vec<MatterView>,
    pub bundles: Vec<BundleGuideView>,
}

/// One catalog item against the 20-day rule (以信息制定之日起20日内必须公开).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogDisclosureItemView {
    pub code: String,
    pub name: String,
    /// `matter` or `bundle`.
    pub kind: String,
    pub department_name: String,
    pub created_on: Option<NaiveDate>,
    pub published_on: Option<NaiveDate>,
    /// The last day to publish on time (created_on + 20 days).
    pub deadline: Option<NaiveDate>,
    /// `on_time`, `late`, `overdue`, `pending`, or `undated` (a catalog without dates).
    pub status: String,
    /// Days past the deadline (late or overdue).
    pub days_over: Option<i64>,
    /// Days left to publish (pending).
    pub days_left: Option<i64>,
    /// Late or overdue: the administrator must act or explain.
    pub flagged: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CatalogDisclosureView {
    pub version: String,
    /// The hall's date the report was made for.
    pub today: NaiveDate,
    /// Calendar days allowed between making and publishing (20).
    pub allowed_days: i64,
    pub flagged: usize,
    /// Flagged items first (most days over first), then the rest in catalog order.
    pub items: Vec<CatalogDisclosureItemView>,
}
