//! The store contract of the versioned catalog: the draft, the published versions with their
//! documents, each item's changes, and what still refers to catalog items.

use crate::StoreResult;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::catalog::diff::{ChangeKind, FieldDiff, ItemKind};
use onetrip_domain::catalog::CatalogDoc;

/// The next version being prepared.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogDraftRow {
    /// The version label of the published catalog the draft started from.
    pub based_on: String,
    pub document: CatalogDoc,
    pub updated_at: DateTime<Utc>,
    pub updated_by: Option<i64>,
    pub updated_by_name: String,
}

/// One item's change, as recorded when its version was published.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogChangeRow {
    pub kind: ItemKind,
    pub code: String,
    pub name: String,
    pub change: ChangeKind,
    pub fields: Vec<FieldDiff>,
}

pub struct NewCatalogVersion<'a> {
    pub document: &'a CatalogDoc,
    pub published_at: DateTime<Utc>,
    pub published_on: NaiveDate,
    pub published_by: Option<i64>,
    pub published_by_name: &'a str,
    pub note: &'a str,
    pub changes: &'a [CatalogChangeRow],
}

#[derive(Debug, Clone, PartialEq)]
pub struct CatalogVersionRow {
    pub seq: i64,
    pub version: String,
    pub published_at: DateTime<Utc>,
    pub published_on: NaiveDate,
    pub published_by_name: String,
    pub note: String,
    pub added: u32,
    pub changed: u32,
    pub retired: u32,
    pub removed: u32,
}

/// An item's change with the version that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogHistoryRow {
    pub version: String,
    pub published_at: DateTime<Utc>,
    pub published_by_name: String,
    pub note: String,
    pub change: ChangeKind,
    pub fields: Vec<FieldDiff>,
}

#[async_trait]
pub trait CatalogVersionTx: Send {
    async fn catalog_draft(&mut self) -> StoreResult<Option<CatalogDraftRow>>;
    async fn save_catalog_draft(&mut self, draft: &CatalogDraftRow) -> StoreResult<()>;
    /// False when there was no draft.
    async fn discard_catalog_draft(&mut self) -> StoreResult<bool>;
    /// Records a published version (its document and its changes); returns its sequence
    /// number. The caller loads the document as the current catalog in the same transaction.
    async fn record_catalog_version(&mut self, v: &NewCatalogVersion<'_>) -> StoreResult<i64>;
    async fn catalog_version_exists(&mut self, version: &str) -> StoreResult<bool>;
    /// Newest first, with how many items each added, changed, retired and removed.
    async fn list_catalog_versions(&mut self) -> StoreResult<Vec<CatalogVersionRow>>;
    /// The whole catalog as it was published under `version`.
    async fn catalog_version_document(&mut self, version: &str) -> StoreResult<Option<CatalogDoc>>;
    /// Every published change of one item, newest first.
    async fn catalog_item_history(
        &mut self,
        kind: ItemKind,
        code: &str,
    ) -> StoreResult<Vec<CatalogHistoryRow>>;
    /// Every catalog item that tickets, cases, staff, counters' records or messages refer
    /// to: these cannot be deleted.
    async fn catalog_items_in_use(&mut self) -> StoreResult<Vec<(ItemKind, String)>>;
}

/// Rows of the in-use query as (kind, code) text pairs; the same SQL runs on both backends
/// but for how a bundle case is told apart (`is_bundle` is 0/1 in SQLite, boolean in
/// PostgreSQL).
pub(crate) fn in_use_sql(is_bundle: &str) -> String {
    format!(
        "SELECT 'matter' AS kind, matter AS code FROM case_tasks
         UNION SELECT 'matter', matter FROM tickets WHERE matter IS NOT NULL
         UNION SELECT CASE WHEN {is_bundle} THEN 'bundle' ELSE 'matter' END, matter FROM cases
         UNION SELECT 'department', department FROM users WHERE department IS NOT NULL
         UNION SELECT 'department', department FROM case_tasks
         UNION SELECT 'department', department FROM messages WHERE department IS NOT NULL
         UNION SELECT 'category', category FROM tickets
         UNION SELECT 'category', queue_category FROM tickets
         UNION SELECT 'category', category FROM ticket_sequences
         UNION SELECT 'category', category FROM appointments
         UNION SELECT 'category', category FROM counter_call_tally
         UNION SELECT 'counter', counter FROM tickets WHERE counter IS NOT NULL
         UNION SELECT 'counter', target_counter FROM tickets WHERE target_counter IS NOT NULL
         UNION SELECT 'counter', counter FROM ticket_calls
         UNION SELECT 'counter', counter FROM counter_sessions
         UNION SELECT 'counter', counter FROM counter_call_tally
         UNION SELECT 'counter', intake_counter FROM cases WHERE intake_counter IS NOT NULL
         UNION SELECT 'counter', counter FROM intake_notices WHERE counter IS NOT NULL
         UNION SELECT 'counter', counter FROM ratings WHERE counter IS NOT NULL"
    )
}

pub(crate) fn fields_to_json(fields: &[FieldDiff]) -> serde_json::Value {
    fields
        .iter()
        .map(|f| serde_json::json!({"field": f.field, "before": f.before, "after": f.after}))
        .collect()
}

pub(crate) fn fields_from_json(v: &serde_json::Value) -> Vec<FieldDiff> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|f| FieldDiff {
                    field: f["field"].as_str().unwrap_or_default().to_string(),
                    before: f["before"].clone(),
                    after: f["after"].clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

pub(crate) fn change_kind(s: &str) -> StoreResult<ChangeKind> {
    ChangeKind::parse(s).ok_or_else(|| crate::StoreError::corrupt("catalog change kind"))
}

pub(crate) fn item_kind(s: &str) -> StoreResult<ItemKind> {
    ItemKind::parse(s).ok_or_else(|| crate::StoreError::corrupt("catalog item kind"))
}
