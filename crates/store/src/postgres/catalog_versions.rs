use super::PgTx;
use crate::catalog_versions::*;
use crate::StoreResult;
use async_trait::async_trait;
use onetrip_domain::catalog::diff::ItemKind;
use onetrip_domain::catalog::CatalogDoc;
use sqlx::types::Json;
use sqlx::Row;

#[async_trait]
impl CatalogVersionTx for PgTx {
    async fn catalog_draft(&mut self) -> StoreResult<Option<CatalogDraftRow>> {
        let row = sqlx::query(
            "SELECT based_on, document, updated_at, updated_by, updated_by_name
             FROM catalog_draft WHERE id = 1",
        )
        .fetch_optional(&mut *self.tx)
        .await?;
        row.map(|r| {
            Ok(CatalogDraftRow {
                based_on: r.get("based_on"),
                document: serde_json::from_value(r.get("document"))?,
                updated_at: r.get("updated_at"),
                updated_by: r.get("updated_by"),
                updated_by_name: r.get("updated_by_name"),
            })
        })
        .transpose()
    }

    async fn save_catalog_draft(&mut self, d: &CatalogDraftRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO catalog_draft (id, based_on, document, updated_at, updated_by,
                 updated_by_name) VALUES (1, $1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET based_on = EXCLUDED.based_on,
                 document = EXCLUDED.document, updated_at = EXCLUDED.updated_at,
                 updated_by = EXCLUDED.updated_by, updated_by_name = EXCLUDED.updated_by_name",
        )
        .bind(&d.based_on)
        .bind(Json(&d.document))
        .bind(d.updated_at)
        .bind(d.updated_by)
        .bind(&d.updated_by_name)
        .execute(&mut *self.tx)
        .await?;
        Ok(())
    }

    async fn discard_catalog_draft(&mut self) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM catalog_draft WHERE id = 1")
            .execute(&mut *self.tx)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn record_catalog_version(&mut self, v: &NewCatalogVersion<'_>) -> StoreResult<i64> {
        // Publishing is rare and one admin's act: serialise it so two never take one seq.
        sqlx::query("LOCK TABLE catalog_versions IN EXCLUSIVE MODE")
            .execute(&mut *self.tx)
            .await?;
        let seq: i64 = sqlx::query_scalar(
            "INSERT INTO catalog_versions (seq, version, published_at, published_on,
                 published_by, published_by_name, note, document)
             VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM catalog_versions),
                 $1, $2, $3, $4, $5, $6, $7)
             RETURNING seq",
        )
        .bind(&v.document.version)
        .bind(v.published_at)
        .bind(v.published_on)
        .bind(v.published_by)
        .bind(v.published_by_name)
        .bind(v.note)
        .bind(Json(v.document))
        .fetch_one(&mut *self.tx)
        .await?;
        for c in v.changes {
            sqlx::query(
                "INSERT INTO catalog_changes (seq, kind, code, name, change, fields)
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(seq)
            .bind(c.kind.as_str())
            .bind(&c.code)
            .bind(&c.name)
            .bind(c.change.as_str())
            .bind(fields_to_json(&c.fields))
            .execute(&mut *self.tx)
            .await?;
        }
        Ok(seq)
    }

    async fn catalog_version_exists(&mut self, version: &str) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM catalog_versions WHERE version = $1")
            .bind(version)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(n > 0)
    }

    async fn list_catalog_versions(&mut self) -> StoreResult<Vec<CatalogVersionRow>> {
        let rows = sqlx::query(
            "SELECT v.seq, v.version, v.published_at, v.published_on, v.published_by_name, v.note,
                 COUNT(CASE WHEN c.change = 'added' THEN 1 END) AS added,
                 COUNT(CASE WHEN c.change = 'changed' THEN 1 END) AS changed,
                 COUNT(CASE WHEN c.change = 'retired' THEN 1 END) AS retired,
                 COUNT(CASE WHEN c.change = 'removed' THEN 1 END) AS removed
             FROM catalog_versions v LEFT JOIN catalog_changes c ON c.seq = v.seq
             GROUP BY v.seq ORDER BY v.seq DESC",
        )
        .fetch_all(&mut *self.tx)
        .await?;
        Ok(rows
            .iter()
            .map(|r| CatalogVersionRow {
                seq: r.get("seq"),
                version: r.get("version"),
                published_at: r.get("published_at"),
                published_on: r.get("published_on"),
                published_by_name: r.get("published_by_name"),
                note: r.get("note"),
                added: r.get::<i64, _>("added") as u32,
                changed: r.get::<i64, _>("changed") as u32,
                retired: r.get::<i64, _>("retired") as u32,
                removed: r.get::<i64, _>("removed") as u32,
            })
            .collect())
    }

    async fn catalog_version_document(&mut self, version: &str) -> StoreResult<Option<CatalogDoc>> {
        let doc: Option<serde_json::Value> =
            sqlx::query_scalar("SELECT document FROM catalog_versions WHERE version = $1")
                .bind(version)
                .fetch_optional(&mut *self.tx)
                .await?;
        doc.map(|d| serde_json::from_value(d).map_err(crate::StoreError::from))
            .transpose()
    }

    async fn catalog_item_history(
        &mut self,
        kind: ItemKind,
        code: &str,
    ) -> StoreResult<Vec<CatalogHistoryRow>> {
        let rows = sqlx::query(
            "SELECT v.version, v.published_at, v.published_by_name, v.note, c.change, c.fields
             FROM catalog_changes c JOIN catalog_versions v ON v.seq = c.seq
             WHERE c.kind = $1 AND c.code = $2 ORDER BY c.seq DESC",
        )
        .bind(kind.as_str())
        .bind(code)
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CatalogHistoryRow {
                    version: r.get("version"),
                    published_at: r.get("published_at"),
                    published_by_name: r.get("published_by_name"),
                    note: r.get("note"),
                    change: change_kind(r.get("change"))?,
                    fields: fields_from_json(&r.get::<serde_json::Value, _>("fields")),
                })
            })
            .collect()
    }

    async fn catalog_items_in_use(&mut self) -> StoreResult<Vec<(ItemKind, String)>> {
        let rows: Vec<(String, String)> = sqlx::query_as(&in_use_sql("is_bundle"))
            .fetch_all(&mut *self.tx)
            .await?;
        rows.into_iter()
            .map(|(k, c)| Ok((item_kind(&k)?, c)))
            .collect()
    }
}
