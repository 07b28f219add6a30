//! The audit chain (审计链): who did what, browsed by admins, verified by `onetrip audit
//! verify`. State changes enter the chain with their outbox event (the store appends them in
//! the same transaction); staff requests enter it through `http`'s audit layer, which calls
//! [`record_request`] after the response.

use super::{Principal, PrincipalId};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use onetrip_domain::audit::{self, AuditEntry, Finding};
use onetrip_domain::Role;
use onetrip_store::{AuditFilter, Store};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How many entries one page holds at most (and by default).
pub const MAX_LIMIT: i64 = 500;
pub const DEFAULT_LIMIT: i64 = 100;

/// Who an entry names: `user:<username>`, `device:<name>`, or `system` / `public`.
pub fn actor_of(p: &Principal) -> String {
    match p.id {
        PrincipalId::User(id) => match &p.username {
            Some(u) => format!("user:{u}"),
            None => format!("user:{id}"),
        },
        PrincipalId::Device(_) => format!("device:{}", p.name),
    }
}

/// Appends the entry of one staff or device request (`POST /api/v1/…`, its answer's status)
/// in its own short transaction. The path only: queries may carry a token.
pub async fn record_request(
    ctx: &AppContext,
    principal: &Principal,
    method: &str,
    route: &str,
    path: &str,
    status: u16,
) -> AppResult<()> {
    let path = onetrip_domain::privacy::scrub_text(path);
    let mut tx = ctx.store.begin_write().await?;
    tx.append_audit(
        ctx.clock.now(),
        &actor_of(principal),
        &format!("{method} {route}"),
        &path,
        &serde_json::json!({"method": method, "path": path, "status": status}),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// `GET /api/v1/audit` filters; absent means any.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// From this moment (RFC 3339) or the start of this day (the hall's local date,
    /// `2026-09-25`), inclusive.
    pub from: Option<String>,
    /// Up to this moment (exclusive) or the end of this day (inclusive).
    pub to: Option<String>,
    /// `user:<username>`, `device:<name>`, `system` or `public`.
    pub actor: Option<String>,
    /// An event kind (`ticket_called`) or a request (`POST /api/v1/counters/{code}/call-next`).
    pub action: Option<String>,
    /// Text the subject contains (`case_no:…`, `ticket_id:12`, a request path).
    pub subject: Option<String>,
    /// Entries older than this seq (the next page).
    pub before: Option<i64>,
    /// 1–500, default 100.
    pub limit: Option<i64>,
}

/// One entry of the audit chain.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub subject: String,
    /// The event's payload or the request's method, path and status; no personal data.
    #[schema(value_type = Object)]
    pub detail: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

impl From<AuditEntry> for AuditEntryView {
    fn from(e: AuditEntry) -> Self {
        AuditEntryView {
            seq: e.seq,
            at: e.at,
            actor: e.actor,
            action: e.action,
            subject: e.subject,
            detail: e.detail,
            prev_hash: e.prev_hash,
            hash: e.hash,
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditPage {
    /// Newest first.
    pub entries: Vec<AuditEntryView>,
}

fn bound(
    ctx: &AppContext,
    s: Option<&str>,
    end: bool,
    what: &str,
) -> AppResult<Option<DateTime<Utc>>> {
    let Some(s) = s.map(str::trim).filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(Some(t.with_timezone(&Utc)));
    }
    let day = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| AppError::invalid(format!("{what}须为日期（2026-09-25）或 RFC 3339 时间")))?;
    let day = if end {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    };
    let local = ctx
        .hall()
        .timezone
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .ok_or_else(|| AppError::invalid(format!("{what}无效")))?;
    Ok(Some(local.with_timezone(&Utc)))
}

/// Admin: the log, newest first, filtered.
pub async fn list(ctx: &AppContext, principal: &Principal, q: AuditQuery) -> AppResult<AuditPage> {
    principal.require_any(&[Role::Admin])?;
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(AppError::invalid(format!("条数须在 1 到 {MAX_LIMIT} 之间")));
    }
    let filter = AuditFilter {
        from: bound(ctx, q.from.as_deref(), false, "起始时间")?,
        to: bound(ctx, q.to.as_deref(), true, "截止时间")?,
        actor: q.actor.filter(|s| !s.is_empty()),
        action: q.action.filter(|s| !s.is_empty()),
        subject: q.subject.filter(|s| !s.is_empty()),
        before_seq: q.before,
        limit,
    };
    let mut tx = ctx.store.begin_read().await?;
    let entries = tx.list_audit(&filter).await?;
    Ok(AuditPage {
        entries: entries.into_iter().map(Into::into).collect(),
    })
}

/// The verifier's answer: how many entries were read and what is wrong with them.
#[derive(Debug, Clone)]
pub struct ChainReport {
    pub entries: usize,
    pub findings: Vec<Finding>,
}

/// Reads the whole chain in one snapshot and checks it (`onetrip audit verify`).
pub async fn verify_chain(store: &dyn Store) -> AppResult<ChainReport> {
    let mut tx = store.begin_read().await?;
    let (entries, head) = tx.audit_chain().await?;
    Ok(ChainReport {
        findings: audit::verify(&entries, head.as_ref()),
        entries: entries.len(),
    })
}
