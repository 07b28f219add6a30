use super::{parse_or_corrupt, ts, SqliteTx};
use crate::{CatalogTx, CategoryRow, MatterRow, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::catalog::{CatalogDoc, Counter, CounterCategory, CounterKind, Matter};
use onetrip_domain::{CategoryCode, CounterCode};
use sqlx::Row;

#[async_trait]
impl CatalogTx for SqliteTx {
    async fn catalog_version(&mut self) -> StoreResult<Option<String>> {
        let v = sqlx::query_scalar("SELECT version FROM catalog_meta WHERE id = 1")
            .fetch_optional(&mut *self.tx)
            .await?;
        Ok(v)
    }

    async fn catalog_document(&mut self) -> StoreResult<Option<CatalogDoc>> {
        let doc: Option<String> =
            sqlx::query_scalar("SELECT document FROM catalog_meta WHERE id = 1")
                .fetch_optional(&mut *self.tx)
                .await?;
        doc.map(|d| serde_json::from_str(&d).map_err(crate::StoreError::from))
            .transpose()
    }

    async fn load_catalog(&mut self, doc: &CatalogDoc, at: DateTime<Utc>) -> StoreResult<()> {
        let conn = &mut *self.tx;
        sqlx::query(
            "INSERT INTO catalog_meta (id, version, loaded_at, document) VALUES (1, ?, ?, ?)
             ON CONFLICT (id) DO UPDATE SET version = excluded.version,
                 loaded_at = excluded.loaded_at, document = excluded.document",
        )
        .bind(&doc.version)
        .bind(ts(at))
        .bind(serde_json::to_string(doc)?)
        .execute(&mut *conn)
        .await?;
        for (i, d) in doc.departments.iter().enumerate() {
            sqlx::query(
                "INSERT INTO departments (code, name, position) VALUES (?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, position = excluded.position",
            )
            .bind(d.code.as_str())
            .bind(&d.name)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
        }
        for (i, c) in doc.categories.iter().enumerate() {
            sqlx::query(
                "INSERT INTO categories (code, name, description, position) VALUES (?, ?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                     description = excluded.description, position = excluded.position",
            )
            .bind(c.code.to_string())
            .bind(&c.name)
            .bind(&c.description)
            .bind(i as i64)
            .execute(&mut *conn)
            .await?;
        }
        for (i, m) in doc.matters.iter().enumerate() {
            sqlx::query(
                "INSERT INTO matters (code, name, department, category, position, document)
                 VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name,
                     department = excluded.department, category = excluded.category,
                     position = excluded.position, document = excluded.document",
            )
            .bind(m.code.as_str())
            .bind(&m.name)
            .bind(m.department.as_str())
            .bind(m.category.to_string())
            .bind(i as i64)
            .bind(serde_json::to_string(m)?)
            .execute(&mut *conn)
            .await?;
        }
        for (i, b) in doc.bundles.iter().enumerate() {
            sqlx::query(
                "INSERT INTO bundles (code, name, category, position, document) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, category = excluded.category,
                     position = excluded.position, document = excluded.document",
            )
            .bind(b.code.as_str())
            .bind(&b.name)
            .bind(b.category.to_string())
            .bind(i as i64)
            .bind(serde_json::to_string(b)?)
            .execute(&mut *conn)
            .await?;
        }
        for (i, c) in doc.counters.iter().enumerate() {
            sqlx::query(
                "INSERT INTO counters (code, name, kind, position, categories) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind,
                     position = excluded.position, categories = excluded.categories",
            )
            .bind(c.code.as_str())
            .bind(&c.name)
            .bind(c.kind.as_str())
            .bind(i as i64)
            .bind(serde_json::to_string(&c.categories)?)
            .execute(&mut *conn)
            .await?;
        }
        remove_dropped(conn, doc).await?;
        Ok(())
    }

    async fn list_categories(&mut self) -> StoreResult<Vec<CategoryRow>> {
        let rows = sqlx::query("SELECT code, name, description FROM categories ORDER BY position")
            .fetch_all(&mut *self.tx)
            .await?;
        rows.iter()
            .map(|r| {
                Ok(CategoryRow {
                    code: parse_or_corrupt(CategoryCode::parse(r.get("code")))?,
                    name: r.get("name"),
                    description: r.get("description"),
                })
            })
            .collect()
    }

    async fn list_matters(&mut self) -> StoreResult<Vec<MatterRow>> {
        let rows = sqlx::query(
            "SELECT m.document, d.name AS department_name
             FROM matters m JOIN departments d ON d.code = m.department
             ORDER BY m.position",
        )
        .fetch_all(&mut *self.tx)
        .await?;
        rows.iter()
            .map(|r| {
                let matter: Matter = serde_json::from_str(r.get("document"))?;
                Ok(MatterRow {
                    matter,
                    department_name: r.get("department_name"),
                })
            })
            .collect()
    }

    async fn list_counters(&mut self) -> StoreResult<Vec<Counter>> {
        let rows =
            sqlx::query("SELECT code, name, kind, categories FROM counters ORDER BY position")
                .fetch_all(&mut *self.tx)
                .await?;
        rows.iter().map(counter_from_row).collect()
    }

    async fn get_counter(&mut self, code: &CounterCode) -> StoreResult<Option<Counter>> {
        let row = sqlx::query("SELECT code, name, kind, categories FROM counters WHERE code = ?")
            .bind(code.as_str())
            .fetch_optional(&mut *self.tx)
            .await?;
        row.as_ref().map(counter_from_row).transpose()
    }

    async fn department_exists(&mut self, code: &str) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM departments WHERE code = ?")
            .bind(code)
            .fetch_one(&mut *self.tx)
            .await?;
        Ok(n > 0)
    }
}

fn counter_from_row(r: &sqlx::sqlite::SqliteRow) -> StoreResult<Counter> {
    let categories: Vec<CounterCategory> = serde_json::from_str(r.get("categories"))?;
    Ok(Counter {
        code: parse_or_corrupt(CounterCode::parse(r.get("code")))?,
        name: r.get("name"),
        kind: CounterKind::parse(r.get("kind"))
            .ok_or_else(|| crate::StoreError::corrupt("counter kind"))?,
        categories,
    })
}

/// Deletes the rows of items `doc` no longer has, members before what they refer to.
async fn remove_dropped(
    conn: &mut <sqlx::Sqlite as sqlx::Database>::Connection,
    doc: &CatalogDoc,
) -> StoreResult<()> {
    let code_lists: [(&str, Vec<String>); 5] = [
        (
            "bundles",
            doc.bundles.iter().map(|b| b.code.to_string()).collect(),
        ),
        (
            "matters",
            doc.matters.iter().map(|m| m.code.to_string()).collect(),
        ),
        (
            "counters",
            doc.counters.iter().map(|c| c.code.to_string()).collect(),
        ),
        (
            "categories",
            doc.categories.iter().map(|c| c.code.to_string()).collect(),
        ),
        (
            "departments",
            doc.departments.iter().map(|d| d.code.to_string()).collect(),
        ),
    ];
    for (table, codes) in code_lists {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE code NOT IN (SELECT value FROM json_each(?))"
        ))
        .bind(serde_json::to_string(&codes)?)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
