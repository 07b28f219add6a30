use super::{ts, SqliteTx};
use crate::audit::detail_from_text;
use crate::{AuditFilter, AuditTx, StoreResult};
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use onetrip_domain::audit::{self, AuditEntry, AuditHead};
use serde_json::Value;
use sqlx::sqlite::SqliteRow;
use sqlx::Row;

const COLUMNS: &str = "seq, at, actor, action, subject, detail, prev_hash, hash";

fn entry(r: &SqliteRow) -> AuditEntry {
    // Read leniently: a hand-edited row must reach the verifier, not fail the read.
    let text = |c: &str| r.try_get::<String, _>(c).unwrap_or_default();
    AuditEntry {
        seq: r.get("seq"),
        at: DateTime::parse_from_rfc3339(&text("at"))
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default(),
        actor: text("actor"),
        action: text("action"),
        subject: text("subject"),
        detail: detail_from_text(&text("detail")),
        prev_hash: text("prev_hash"),
        hash: text("hash"),
    }
}

#[async_trait]
impl AuditTx for SqliteTx {
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
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(e.seq)
        .bind(ts(e.at))
        .bind(&e.actor)
        .bind(&e.action)
        .bind(&e.subject)
        .bind(audit::detail_text(&e.detail))
        .bind(&e.prev_hash)
        .bind(&e.hash)
        .execute(&mut *self.tx)
        .await?;
        sqlx::query(
            "INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
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
             WHERE (?1 IS NULL OR at >= ?1) AND (?2 IS NULL OR at < ?2)
               AND (?3 IS NULL OR actor = ?3) AND (?4 IS NULL OR action = ?4)
               AND (?5 IS NULL OR instr(subject, ?5) > 0) AND (?6 IS NULL OR seq < ?6)
             ORDER BY seq DESC LIMIT ?7"
        );
        let rows = sqlx::query(&sql)
            .bind(f.from.map(ts))
            .bind(f.to.map(ts))
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
