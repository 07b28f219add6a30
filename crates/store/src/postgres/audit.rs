use super::PgTx;
use crate::audit::detail_from_text;
use crate::{AuditFilter, AuditTx, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::audit::{self, AuditEntry, AuditHead};
use serde_json::Value;
use sqlx::postgres::PgRow;
use sqlx::Row;

const COLUMNS: &str = "seq, at, actor, action, subject, detail, prev_hash, hash";

fn entry(r: &PgRow) -> AuditEntry {
    // Read leniently: a hand-edited row must reach the verifier, not fail the read.
    let text = |c: &str| r.try_get::<String, _>(c).unwrap_or_default();
    AuditEntry {
        seq: r.get("seq"),
        at: r.get("at"),
        actor: text("actor"),
        action: text("action"),
        subject: text("subject"),
        detail: detail_from_text(&text("detail")),
        prev_hash: text("prev_hash"),
        hash: text("hash"),
    }
}

#[async_trait]
impl AuditTx for PgTx {
    async fn append_audit(
        &mut self,
        at: DateTime<Utc>,
        actor: &str,
        action: &str,
        subject: &str,
        detail: &Value,
    ) -> StoreResult<AuditEntry> {
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *self.tx)
            .await?
            .map(|r| AuditHead {
                seq: r.get("seq"),
                hash: r.get("hash"),
            });
        let e = AuditEntry::next(
            head.as_ref(),
            at,
            actor,
            action,
            subject,
            audit::scrub_detail(detail),
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(e.seq)
        .bind(e.at)
        .bind(&e.actor)
        .bind(&e.action)
        .bind(&e.subject)
        .bind(audit::detail_text(&e.detail))
        .bind(&e.prev_hash)
        .bind(&e.hash)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2)
             ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        )
        .bind(e.seq)
        .bind(&e.hash)
        .execute(&mut *self.tx)
        .await?;
        Ok(e)
    }

    async fn list_audit(&mut self, f: &AuditFilter) -> StoreResult<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM audit_log
             WHERE ($1::timestamptz IS NULL OR at >= $1) AND ($2::timestamptz IS NULL OR at < $2)
               AND ($3::text IS NULL OR actor = $3) AND ($4::text IS NULL OR action = $4)
               AND ($5::text IS NULL OR strpos(subject, $5) > 0)
               AND ($6::bigint IS NULL OR seq < $6)
             ORDER BY seq DESC LIMIT $7"
        );
        let rows = sqlx::query(&sql)
            .bind(f.from)
            .bind(f.to)
            .bind(&f.actor)
            .bind(&f.action)
            .bind(&f.subject)
            .bind(f.before_seq)
            .bind(f.limit)
            .fetch_all(&mut *self.tx)
            .await?;
        Ok(rows.iter().map(entry).collect())
    }

    async fn audit_chain(&mut self) -> StoreResult<(Vec<AuditEntry>, Option<AuditHead>)> {
        let rows = sqlx::query(&format!("SELECT {COLUMNS} FROM audit_log ORDER BY seq"))
            .fetch_all(&mut *self.tx)
            .await?;
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(&mut *self.tx)
            .await?
            .map(|r| AuditHead {
                seq: r.get("seq"),
                hash: r.get("hash"),
            });
        Ok((rows.iter().map(entry).collect(), head))
    }
}
