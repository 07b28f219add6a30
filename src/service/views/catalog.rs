//! The catalog as the API shows it.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CategoryView {
    pub code: String,
    pub name: String,
    pub description: String,
    /// Tickets of this category waiting today.
    pub waiting: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MaterialView {
    pub code: String,
    pub name: String,
    pub required: bool,
    pub originals: u8,
    pub copies: u8,
    /// 容缺: may be supplied after acceptance, with a pledge.
    pub deferrable: bool,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MatterView {
    pub code: String,
    pub name: String,
    pub department: String,
    pub department_name: String,
    pub category: String,
    pub kind: String,
    pub conditions: String,
    /// 法定办结时限 (working days).
    pub legal_limit_days: u16,
    /// 承诺办结时限 (working days).
    pub promised_limit_days: u16,
    pub legal_extension_days: u16,
    /// 特别程序: steps whose time does not count towards the limits.
    pub excluded_steps: Vec<String>,
    /// 到现场次数: 0 or 1.
    pub visits: u8,
    /// Fee in fen (分); 0 = free.
    pub fee_fen: u32,
    pub fee_note: String,
    pub keywords: Vec<String>,
    /// Pinyin initials of the name (政府信息公开申请 → `zfxxgksq`), for search at the counter.
    pub initials: String,
    pub materials: Vec<MaterialView>,
    /// 制定日期 (the catalog's publication day when the item gives none).
    pub created_on: Option<NaiveDate>,
    /// 公开日期; public lists only carry published items.
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterCategoryView {
    pub code: String,
    pub weight: u8,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CounterView {
    pub code: String,
    pub name: String,
    /// `intake` or `output`.
    pub kind: String,
    pub categories: Vec<CounterCategoryView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BundleMemberView {
    pub code: String,
    pub name: String,
    pub department: String,
}

/// A 一件事 bundle: one application, one set of materials, one task per member matter.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BundleView {
    pub code: String,
    pub name: String,
    pub description: String,
    pub category: String,
    pub matters: Vec<BundleMemberView>,
    /// `all_or_nothing` or `partial`: what one department's rejection does to the case.
    pub partial_rejection: String,
    pub keywords: Vec<String>,
    /// Pinyin initials of the name, for search.
    pub initials: String,
    /// 制定日期 (the catalog's publication day when the item gives none).
    pub created_on: Option<NaiveDate>,
    /// 公开日期; public lists only carry published items.
    pub published_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChecklistView {
    pub code: String,
    pub name: String,
    pub is_bundle: bool,
    pub materials: Vec<MaterialView>,
}
