//! The hall's catalog (清单目录): departments, queue categories, matters (事项) with their
//! materials checklists, "一件事" bundles and counters. It ships as a versioned TOML file
//! (`catalog/demo.toml`) and is validated as a whole before anything uses it.

use crate::codes::{CategoryCode, CounterCode, DepartmentCode, MatterCode};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub mod diff;
pub mod disclosure;
#[cfg(test)]
mod hostile_tests;
mod validate;
pub use validate::CatalogError;

/// The catalog as written in the file, before validation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogDoc {
    /// The catalog's own version, e.g. "2026.1".
    pub version: String,
    /// When this catalog was published; the default 制定日期 of items that give none. A
    /// catalog without it predates disclosure dates, so all its items count as published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<NaiveDate>,
    #[serde(default)]
    pub departments: Vec<Department>,
    #[serde(default)]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub matters: Vec<Matter>,
    #[serde(default)]
    pub bundles: Vec<Bundle>,
    #[serde(default)]
    pub counters: Vec<Counter>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    pub code: DepartmentCode,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub code: CategoryCode,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Matter {
    pub code: MatterCode,
    pub name: String,
    pub department: DepartmentCode,
    pub category: CategoryCode,
    /// 事项类型, e.g. 行政许可, 公共服务, 行政确认, 其他行政权力.
    #[serde(default)]
    pub kind: String,
    /// 受理条件: who may apply and under which conditions.
    #[serde(default)]
    pub conditions: String,
    /// 法定办结时限, in working days.
    pub legal_limit_days: u16,
    /// 承诺办结时限, in working days; never more than the legal limit.
    pub promised_limit_days: u16,
    /// How many working days the legal limit may be extended by, with a reason.
    #[serde(default)]
    pub legal_extension_days: u16,
    /// 特别程序: steps whose time does not count towards the limits (听证, 检验检测, 专家评审…),
    /// told to the applicant in the guide.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_steps: Vec<String>,
    /// 到现场次数: 0 (全程网办) or 1 (只跑一次).
    pub visits: u8,
    /// Fee in fen (分); 0 means free of charge.
    #[serde(default)]
    pub fee_fen: u32,
    /// The fee's legal basis or explanation.
    #[serde(default)]
    pub fee_note: String,
    /// Extra search words, e.g. colloquial names.
    #[serde(default)]
    pub keywords: Vec<String>,
    pub materials: Vec<Material>,
    /// 制定日期; defaults to the catalog's `published_on`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_on: Option<NaiveDate>,
    /// 公开日期; absent in a dated catalog = a draft, not shown to the public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<NaiveDate>,
    /// 停用日期: no longer offered from this version on; its cases and history stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
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
    /// 容缺: may be supplied after acceptance, with a pledge.
    #[serde(default)]
    pub deferrable: bool,
    #[serde(default)]
    pub note: String,
}

/// What happens to a bundle when some departments approve and one rejects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialRejection {
    /// One rejection rejects the whole bundle.
    AllOrNothing,
    /// The approved parts are issued; the rejected part is reported.
    Partial,
}

impl PartialRejection {
    pub fn as_str(self) -> &'static str {
        match self {
            PartialRejection::AllOrNothing => "all_or_nothing",
            PartialRejection::Partial => "partial",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::AllOrNothing, Self::Partial]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// A "一件事" bundle: one application that fans out to several departments' matters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub code: MatterCode,
    pub name: String,
    #[serde(default)]
    pub description: String,
    pub category: CategoryCode,
    pub matters: Vec<MatterCode>,
    pub partial_rejection: PartialRejection,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// 制定日期; defaults to the catalog's `published_on`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_on: Option<NaiveDate>,
    /// 公开日期; absent in a dated catalog = a draft, not shown to the public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_on: Option<NaiveDate>,
    /// 停用日期: no longer offered from this version on; its cases and history stay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CounterKind {
    /// 综合窗口: calls tickets and accepts any matter.
    Intake,
    /// 出件窗口: hands out results.
    Output,
}

impl CounterKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CounterKind::Intake => "intake",
            CounterKind::Output => "output",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "intake" => Some(CounterKind::Intake),
            "output" => Some(CounterKind::Output),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CounterCategory {
    pub code: CategoryCode,
    /// Relative share of calls this category gets at this counter (1–100).
    #[serde(default = "default_weight")]
    pub weight: u8,
}

fn default_weight() -> u8 {
    1
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counter {
    pub code: CounterCode,
    /// Shown on the display and spoken in the call, e.g. "3号窗口".
    pub name: String,
    pub kind: CounterKind,
    #[serde(default)]
    pub categories: Vec<CounterCategory>,
}

/// A catalog that passed validation: every reference resolves, codes are unique, limits agree.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog(CatalogDoc);

impl Catalog {
    pub fn parse_toml(text: &str) -> Result<Self, CatalogError> {
        let doc: CatalogDoc =
            toml::from_str(text).map_err(|e| CatalogError::Syntax(e.to_string()))?;
        Self::from_doc(doc)
    }

    pub fn from_doc(doc: CatalogDoc) -> Result<Self, CatalogError> {
        validate::check(&doc)?;
        Ok(Self(doc))
    }

    pub fn doc(&self) -> &CatalogDoc {
        &self.0
    }

    pub fn into_doc(self) -> CatalogDoc {
        self.0
    }

    pub fn matter(&self, code: &MatterCode) -> Option<&Matter> {
        self.0.matters.iter().find(|m| &m.code == code)
    }
}

impl CatalogDoc {
    /// An item's 制定日期: its own, else the catalog's publication day.
    pub fn created_on(&self, item_created_on: Option<NaiveDate>) -> Option<NaiveDate> {
        item_created_on.or(self.published_on)
    }

    /// Whether an item with this 公开日期 may be shown, chosen or applied for. An undated
    /// catalog (loaded before dates existed) stays wholly public, so upgrading a hall hides
    /// nothing.
    pub fn is_public(&self, item_published_on: Option<NaiveDate>) -> bool {
        item_published_on.is_some() || self.published_on.is_none()
    }

    /// Whether the public may see, choose and apply for this matter: published, not retired.
    pub fn offers_matter(&self, m: &Matter) -> bool {
        self.is_public(m.published_on) && m.retired_on.is_none()
    }

    /// Whether the public may see, choose and apply for this bundle: published, not retired.
    pub fn offers_bundle(&self, b: &Bundle) -> bool {
        self.is_public(b.published_on) && b.retired_on.is_none()
    }

    /// Whether the matter or bundle `code` is offered to the public; false for an unknown code.
    pub fn code_is_public(&self, code: &MatterCode) -> bool {
        if let Some(m) = self.matters.iter().find(|m| &m.code == code) {
            return self.offers_matter(m);
        }
        self.bundles
            .iter()
            .find(|b| &b.code == code)
            .is_some_and(|b| self.offers_bundle(b))
    }
}
