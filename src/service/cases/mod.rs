//! Cases (办件): general intake at any counter (无差别全科受理), routing to the departments'
//! approval queues (分类审批) and the legal clock in working days.
//!
//! Each public function is one use case and one transaction, like the rest of the service
//! layer; the rules (checklist outcomes, task state machine, deadlines) live in
//! `onetrip_domain::case`.

pub mod drafts;
mod intake;
pub mod output;
mod tasks;
pub mod track;
mod view;
pub mod watcher;

pub use intake::{accept, get, get_notice, refuse, Accepted};
pub(crate) use tasks::current_light;
pub use tasks::{act, department_queue, overdue_report, supplement, TaskCommand};

use crate::error::{AppError, AppResult};
use crate::service::Principal;
use chrono::{DateTime, Utc};
use onetrip_domain::catalog::{Bundle, CatalogDoc, Matter};
use onetrip_domain::MatterCode;
use onetrip_store::{CaseRow, NewHistory, Tx};

/// The hall's rules for cases; the admin screens of a later issue edit them.
#[derive(Debug, Clone)]
pub struct CaseRules {
    /// A task turns yellow when this many working days or fewer are left.
    pub yellow_within_days: u32,
    /// 容缺受理: working days the applicant has to supply deferred materials.
    pub pledge_days: u32,
}

impl Default for CaseRules {
    fn default() -> Self {
        Self {
            yellow_within_days: 3,
            pledge_days: 5,
        }
    }
}

/// What an application is for: one matter, or a bundle of several.
pub(crate) enum Target<'a> {
    Matter(&'a Matter),
    Bundle(&'a Bundle, Vec<&'a Matter>),
}

impl Target<'_> {
    pub(crate) fn matters(&self) -> Vec<&Matter> {
        match self {
            Target::Matter(m) => vec![m],
            Target::Bundle(_, ms) => ms.clone(),
        }
    }

    pub(crate) fn name(&self) -> &str {
        match self {
            Target::Matter(m) => &m.name,
            Target::Bundle(b, _) => &b.name,
        }
    }
}

pub(crate) async fn catalog(tx: &mut dyn Tx) -> AppResult<CatalogDoc> {
    tx.catalog_document()
        .await?
        .ok_or_else(|| AppError::invalid("本厅尚未加载事项目录，请联系管理员"))
}

/// The catalog `case` was accepted under: a later version never changes what applies to it
/// (its extension allowance, its matters' names). Cases from before versions existed read the
/// current catalog.
pub(crate) async fn catalog_of(tx: &mut dyn Tx, case: &CaseRow) -> AppResult<CatalogDoc> {
    if let Some(v) = &case.catalog_version {
        if let Some(doc) = tx.catalog_version_document(v).await? {
            return Ok(doc);
        }
    }
    catalog(tx).await
}

pub(crate) fn find_target<'a>(doc: &'a CatalogDoc, code: &str) -> AppResult<Target<'a>> {
    let code = MatterCode::parse(code.trim()).map_err(|e| AppError::invalid(e.to_string()))?;
    // A draft (not yet published) cannot be applied for: to the public it does not exist yet.
    if !doc.code_is_public(&code) {
        return Err(AppError::invalid(format!(
            "没有编号为“{code}”的事项或一件事"
        )));
    }
    if let Some(m) = doc.matters.iter().find(|m| m.code == code) {
        return Ok(Target::Matter(m));
    }
    let bundle = doc
        .bundles
        .iter()
        .find(|b| b.code == code)
        .ok_or_else(|| AppError::invalid(format!("没有编号为“{code}”的事项或一件事")))?;
    let members = bundle
        .matters
        .iter()
        .map(|c| {
            doc.matters.iter().find(|m| &m.code == c).ok_or_else(|| {
                AppError::internal(anyhow::anyhow!(
                    "bundle {} lists unknown matter {c}",
                    bundle.code
                ))
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(Target::Bundle(bundle, members))
}

pub(crate) fn matter_name(doc: &CatalogDoc, code: &str) -> String {
    doc.matters
        .iter()
        .find(|m| m.code.as_str() == code)
        .map(|m| m.name.clone())
        .or_else(|| {
            doc.bundles
                .iter()
                .find(|b| b.code.as_str() == code)
                .map(|b| b.name.clone())
        })
        .unwrap_or_default()
}

pub(crate) fn department_name(doc: &CatalogDoc, code: &str) -> String {
    doc.departments
        .iter()
        .find(|d| d.code.as_str() == code)
        .map(|d| d.name.clone())
        .unwrap_or_default()
}

/// One line of a case's append-only history.
pub(crate) struct Entry<'a> {
    pub case_id: i64,
    pub task_id: Option<i64>,
    pub who: Option<&'a Principal>,
    pub at: DateTime<Utc>,
    pub action: &'a str,
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub note: String,
}

pub(crate) async fn record(tx: &mut dyn Tx, e: Entry<'_>) -> AppResult<()> {
    let (actor_id, actor_name) = match e.who {
        Some(p) => (
            match p.id {
                crate::service::PrincipalId::User(id) => Some(id),
                crate::service::PrincipalId::Device(_) => None,
            },
            p.name.clone(),
        ),
        None => (None, "系统".to_string()),
    };
    tx.append_history(&NewHistory {
        case_id: e.case_id,
        task_id: e.task_id,
        actor_id,
        actor_name,
        at: e.at,
        action: e.action.to_string(),
        from_status: e.from.map(str::to_string),
        to_status: e.to.map(str::to_string),
        note: e.note,
    })
    .await?;
    Ok(())
}

pub(crate) fn user_id(who: &Principal) -> AppResult<i64> {
    match who.id {
        crate::service::PrincipalId::User(id) => Ok(id),
        crate::service::PrincipalId::Device(_) => Err(AppError::forbidden()),
    }
}
