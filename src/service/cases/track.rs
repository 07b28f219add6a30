//! Public tracking of a case from the QR on any of its papers: the timeline, the due date, the
//! departments — names masked, never an ID number or a phone number.

use super::{catalog, department_name, matter_name};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::case::{Applicant, CaseStatus, TrackingCode};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrackStep {
    pub at: DateTime<Utc>,
    /// e.g. `accepted`, `claimed`, `returned`, `supplemented`, `approved`, `rejected`,
    /// `extended`, `decided`.
    pub step: String,
    /// In Chinese, for the page: "市场监管局 已受理审批" …
    pub text: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrackTaskView {
    pub department_name: String,
    pub matter_name: String,
    pub status: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CaseTrackView {
    pub case_no: String,
    pub matter_name: String,
    /// Masked: 张*三, or an organisation's registered name.
    pub applicant: String,
    pub status: String,
    pub status_text: String,
    pub accepted_at: DateTime<Utc>,
    pub legal_due: NaiveDate,
    pub promised_due: NaiveDate,
    pub tasks: Vec<TrackTaskView>,
    pub timeline: Vec<TrackStep>,
}

fn masked_name(a: &Applicant) -> String {
    match a {
        Applicant::Person { name, .. } => name.masked(),
        Applicant::Organisation { name, .. } => name.to_string(),
    }
}

fn status_text(s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::InProgress => "审批中",
        CaseStatus::Suspended => "待补正：请按补正通知补齐材料",
        CaseStatus::Approved => "已办结（准予）",
        CaseStatus::PartiallyApproved => "已办结（部分准予）",
        CaseStatus::Rejected => "已办结（不予批准）",
        CaseStatus::Terminated => "已终止",
    }
}

/// The public meaning of a history line; None for lines the public page does not show.
fn step(action: &str, department: &str) -> Option<(&'static str, String)> {
    Some(match action {
        "accept" | "accept_with_pledge" => ("accepted", "窗口已受理，材料已流转审批".into()),
        "claim" => ("claimed", format!("{department} 已开始审批")),
        "return" => (
            "returned",
            format!("{department} 要求补正材料，审批暂停计时"),
        ),
        "supplement" => ("supplemented", "已补正材料，审批恢复计时".into()),
        "approve" => ("approved", format!("{department} 审批通过")),
        "reject" => ("rejected", format!("{department} 不予批准")),
        "extend" => ("extended", format!("{department} 依法延长审批期限")),
        "case_status" => ("decided", "办件状态已更新".into()),
        "pledge_expired" => ("terminated", "容缺承诺到期未补齐材料，办件终止".into()),
        "picked_up" => ("delivered", "结果已在统一出件窗口领取，办结".into()),
        "mailed" => ("mailed", "结果已寄出".into()),
        "delivered" => ("delivered", "邮寄结果已签收，办结".into()),
        _ => return None,
    })
}

/// `GET /api/v1/track/{code}`: public, by the tracking code printed on every paper.
pub async fn track(ctx: &AppContext, code: &str) -> AppResult<CaseTrackView> {
    let not_found = || AppError::not_found("没有找到该办件，请核对二维码或查询码");
    let code = TrackingCode::parse(code).map_err(|_| not_found())?;
    let mut tx = ctx.store.begin_read().await?;
    let case = tx
        .find_case_by_tracking_code(code.as_str())
        .await?
        .ok_or_else(not_found)?;
    let doc = catalog(tx.as_mut()).await?;
    let tasks = tx.case_tasks(case.id).await?;
    let history = tx.case_history(case.id).await?;
    let dept_of_task = |task_id: Option<i64>| {
        task_id
            .and_then(|id| tasks.iter().find(|t| t.id == id))
            .map(|t| department_name(&doc, t.department.as_str()))
            .unwrap_or_default()
    };
    let timeline = history
        .iter()
        .filter_map(|h| {
            let (kind, text) = step(&h.action, &dept_of_task(h.task_id))?;
            let text = if kind == "decided" {
                match h.to_status.as_deref().and_then(CaseStatus::parse) {
                    Some(s) => status_text(s).to_string(),
                    None => text,
                }
            } else {
                text
            };
            Some(TrackStep {
                at: h.at,
                step: kind.into(),
                text,
            })
        })
        .collect();
    Ok(CaseTrackView {
        case_no: case.case_no.to_string(),
        matter_name: matter_name(&doc, case.matter.as_str()),
        applicant: masked_name(&case.applicant),
        status: case.status.as_str().into(),
        status_text: status_text(case.status).into(),
        accepted_at: case.accepted_at,
        legal_due: case.legal_due,
        promised_due: case.promised_due,
        tasks: tasks
            .iter()
            .map(|t| TrackTaskView {
                department_name: department_name(&doc, t.department.as_str()),
                matter_name: matter_name(&doc, t.matter.as_str()),
                status: t.status.as_str().into(),
            })
            .collect(),
        timeline,
    })
}
