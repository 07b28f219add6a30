//! A case as staff see it: materials, tasks with their deadlines and lights, suspensions and
//! the full history.

use super::{department_name, matter_name};
use crate::context::AppContext;
use crate::error::AppResult;
use crate::service::views::{
    ApplicantView, CaseMaterialView, CaseTaskSummary, CaseView, HistoryView, SuspensionView,
    TaskView,
};
use onetrip_domain::case::{light, Applicant, CaseNo, LegalClock, Light, Suspension};
use onetrip_domain::catalog::CatalogDoc;
use onetrip_store::{CaseRow, SuspensionRow, TaskRow, Tx};

pub(crate) fn applicant_view(a: &Applicant) -> ApplicantView {
    match a {
        Applicant::Person {
            name,
            id_number,
            phone,
        } => ApplicantView {
            kind: "person".into(),
            name: name.to_string(),
            id_number: Some(id_number.to_string()),
            credit_code: None,
            legal_representative: None,
            phone: phone.to_string(),
        },
        Applicant::Organisation {
            name,
            credit_code,
            legal_representative,
            phone,
        } => ApplicantView {
            kind: "organisation".into(),
            name: name.to_string(),
            id_number: None,
            credit_code: Some(credit_code.to_string()),
            legal_representative: Some(legal_representative.to_string()),
            phone: phone.to_string(),
        },
    }
}

pub(crate) fn light_name(l: Light) -> &'static str {
    match l {
        Light::Green => "green",
        Light::Yellow => "yellow",
        Light::Red => "red",
    }
}

/// The task's legal clock: its limit, extension and every suspension so far.
pub(crate) fn task_clock(
    case: &CaseRow,
    task: &TaskRow,
    suspensions: &[SuspensionRow],
) -> LegalClock {
    LegalClock {
        accepted_on: case.accepted_on,
        limit_days: task.limit_days,
        extension_days: task.extension_days,
        suspensions: suspensions
            .iter()
            .map(|s| Suspension {
                from: s.from_day,
                to: s.to_day,
            })
            .collect(),
    }
}

/// Working days from `today` to `due` (0 on the due date, negative once overdue).
pub(crate) fn working_days_left(
    ctx: &AppContext,
    due: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> i64 {
    let calendar = ctx.calendar();
    if due < today {
        -calendar.working_days_between(due, today)
    } else {
        calendar.working_days_between(today, due)
    }
}

pub(crate) fn task_view(
    ctx: &AppContext,
    doc: &CatalogDoc,
    case_no: &CaseNo,
    task: &TaskRow,
    suspensions: &[SuspensionRow],
) -> TaskView {
    let left = working_days_left(ctx, task.legal_due, ctx.today().date());
    let lamp = if task.status.is_final() {
        Light::Green
    } else {
        light(left, ctx.hall().cases.yellow_within_days)
    };
    TaskView {
        id: task.id,
        case_no: case_no.to_string(),
        department: task.department.to_string(),
        department_name: department_name(doc, task.department.as_str()),
        matter: task.matter.to_string(),
        matter_name: matter_name(doc, task.matter.as_str()),
        status: task.status.as_str().into(),
        claimed_by: task.claimed_by,
        legal_due: task.legal_due,
        promised_due: task.promised_due,
        working_days_left: left,
        light: light_name(lamp).into(),
        extension_days: task.extension_days,
        extension_reason: task.extension_reason.clone(),
        opinion: task.opinion.clone(),
        decided_at: task.decided_at,
        suspensions: suspensions
            .iter()
            .map(|s| SuspensionView {
                from: s.from_day,
                to: s.to_day,
                items: s
                    .items
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|i| i.as_str().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect(),
    }
}

pub(crate) async fn case_view(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    doc: &CatalogDoc,
    case: &CaseRow,
) -> AppResult<CaseView> {
    let tasks = tx.case_tasks(case.id).await?;
    let mut details = Vec::with_capacity(tasks.len());
    for t in &tasks {
        let suspensions = tx.suspensions(t.id).await?;
        details.push(task_view(ctx, doc, &case.case_no, t, &suspensions));
    }
    let materials = tx.case_materials(case.id).await?;
    let history = tx.case_history(case.id).await?;
    Ok(CaseView {
        case_no: case.case_no.to_string(),
        tracking_code: case.tracking_code.to_string(),
        status: case.status.as_str().into(),
        legal_due: case.legal_due,
        promised_due: case.promised_due,
        pledge_due: case.pledge_due,
        tasks: tasks
            .iter()
            .map(|t| CaseTaskSummary {
                id: t.id,
                department: t.department.to_string(),
                matter: t.matter.to_string(),
                status: t.status.as_str().into(),
            })
            .collect(),
        matter: case.matter.to_string(),
        matter_name: matter_name(doc, case.matter.as_str()),
        catalog_version: case.catalog_version.clone(),
        is_bundle: case.is_bundle(),
        bundle_rule: case.bundle_rule.map(|r| r.as_str().to_string()),
        ticket_id: case.ticket_id,
        applicant: applicant_view(&case.applicant),
        delivery: case.delivery.clone(),
        accepted_at: case.accepted_at,
        materials: materials
            .into_iter()
            .map(|m| CaseMaterialView {
                code: m.code,
                name: m.name,
                required: m.required,
                deferrable: m.deferrable,
                state: m.state.as_str().into(),
                supplied_at: m.supplied_at,
            })
            .collect(),
        task_details: details,
        history: history
            .into_iter()
            .map(|h| HistoryView {
                at: h.at,
                actor: h.actor_name,
                action: h.action,
                task_id: h.task_id,
                from: h.from_status,
                to: h.to_status,
                note: h.note,
            })
            .collect(),
    })
}
