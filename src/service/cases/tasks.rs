//! The back office (分类审批): each department's queue, the approver's actions on a task, and
//! the applicant's supplement (补正) at any counter.

use super::intake::rule_of;
use super::view::{task_clock, task_view};
use super::{catalog, department_name, record, user_id, Entry};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::service::views::{
    CaseView, DepartmentQueueView, OverdueRow, SupplementRequest, TaskView,
};
use crate::service::Principal;
use chrono::{DateTime, Utc};
use onetrip_domain::case::{
    case_status, check_extension, light, CaseStatus, Light, MaterialState, TaskAction, TaskStatus,
};
use onetrip_domain::{DepartmentCode, Role};
use onetrip_store::{Audience, CaseRow, EventRow, NewEvent, TaskRow, Tx};
use serde_json::json;
use std::collections::BTreeMap;

/// What an approver does to a task.
#[derive(Debug, Clone)]
pub enum TaskCommand {
    Claim,
    Release,
    Approve { opinion: String },
    Reject { reason: String },
    Return { items: Vec<String> },
    Extend { days: u32, reason: String },
}

impl TaskCommand {
    fn action(&self) -> TaskAction {
        match self {
            TaskCommand::Claim => TaskAction::Claim,
            TaskCommand::Release => TaskAction::Release,
            TaskCommand::Approve { .. } => TaskAction::Approve,
            TaskCommand::Reject { .. } => TaskAction::Reject,
            TaskCommand::Return { .. } => TaskAction::Return,
            TaskCommand::Extend { .. } => TaskAction::Extend,
        }
    }

    fn name(&self) -> &'static str {
        match self {
            TaskCommand::Claim => "claim",
            TaskCommand::Release => "release",
            TaskCommand::Approve { .. } => "approve",
            TaskCommand::Reject { .. } => "reject",
            TaskCommand::Return { .. } => "return",
            TaskCommand::Extend { .. } => "extend",
        }
    }
}

fn text(s: &str, what: &'static str, max: usize) -> AppResult<String> {
    onetrip_domain::case::required_text(what, s, max).map_err(|e| AppError::invalid(e.to_string()))
}

/// Validates a command's fields before any transaction starts.
pub fn validate(cmd: TaskCommand) -> AppResult<TaskCommand> {
    Ok(match cmd {
        TaskCommand::Approve { opinion } => TaskCommand::Approve {
            opinion: text(&opinion, "审批意见", 500)?,
        },
        TaskCommand::Reject { reason } => TaskCommand::Reject {
            reason: text(&reason, "不予批准的理由", 500)?,
        },
        TaskCommand::Return { items } => {
            let items = items
                .iter()
                .map(|i| text(i, "补正事项", 200))
                .collect::<AppResult<Vec<_>>>()?;
            if items.is_empty() || items.len() > 30 {
                return Err(AppError::invalid("请列出 1–30 项需要补正的内容"));
            }
            TaskCommand::Return { items }
        }
        TaskCommand::Extend { days, reason } => TaskCommand::Extend {
            days,
            reason: text(&reason, "延期理由", 200)?,
        },
        other => other,
    })
}

fn department_of(who: &Principal) -> AppResult<DepartmentCode> {
    let dept = who
        .department
        .as_deref()
        .ok_or_else(|| AppError::new(ErrorCode::Forbidden, "您的账号未设置所属部门，不能审批"))?;
    DepartmentCode::parse(dept).map_err(|e| AppError::internal(anyhow::anyhow!("{e}")))
}

fn illegal(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::IllegalTransition, e.to_string())
}

/// `POST /api/v1/tasks/{id}/{action}`: claim is atomic (one approver per task); every other
/// action is for the approver who claimed it. Each is checked by the task state machine and
/// written to the case's history.
pub async fn act(
    ctx: &AppContext,
    who: &Principal,
    task_id: i64,
    cmd: TaskCommand,
) -> AppResult<TaskView> {
    who.require_any(&[Role::Approver])?;
    let me = user_id(who)?;
    let my_department = department_of(who)?;
    let cmd = validate(cmd)?;
    let mut tx = ctx.store.begin_write().await?;
    let not_found = || AppError::not_found(format!("没有编号为 {task_id} 的审批任务"));
    let mut task = tx.get_task(task_id).await?.ok_or_else(not_found)?;
    if task.department != my_department {
        return Err(not_found());
    }
    let mut case = tx
        .get_case(task.case_id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("task {task_id} without a case")))?;
    if !matches!(cmd, TaskCommand::Claim) && task.claimed_by != Some(me) {
        return Err(AppError::new(
            ErrorCode::Forbidden,
            "该任务不在您名下，请先认领",
        ));
    }
    let before = task.status;
    task.status = before.apply(cmd.action()).map_err(illegal)?;
    let now = ctx.clock.now();
    let today = ctx.today().date();
    let doc = super::catalog_of(tx.as_mut(), &case).await?;
    let note = apply_command(
        ctx,
        tx.as_mut(),
        &doc,
        &case,
        &mut task,
        &cmd,
        me,
        now,
        today,
    )
    .await?;
    if !tx.update_task(&task, before).await? {
        return Err(AppError::conflict("该任务刚被他人处理，请刷新后重试"));
    }
    let mut events = vec![task_event(tx.as_mut(), &case, &task, cmd.name(), now).await?];
    record(
        tx.as_mut(),
        Entry {
            case_id: case.id,
            task_id: Some(task.id),
            who: Some(who),
            at: now,
            action: cmd.name(),
            from: Some(before.as_str()),
            to: Some(task.status.as_str()),
            note,
        },
    )
    .await?;
    if let Some(e) = refresh_case(tx.as_mut(), &mut case, Some(who), now).await? {
        events.push(e);
    }
    let suspensions = tx.suspensions(task.id).await?;
    let view = task_view(ctx, &doc, &case.case_no, &task, &suspensions);
    tx.commit().await?;
    ctx.events.publish(events);
    Ok(view)
}

#[allow(clippy::too_many_arguments)]
async fn apply_command(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    doc: &onetrip_domain::catalog::CatalogDoc,
    case: &CaseRow,
    task: &mut TaskRow,
    cmd: &TaskCommand,
    me: i64,
    now: DateTime<Utc>,
    today: chrono::NaiveDate,
) -> AppResult<String> {
    Ok(match cmd {
        TaskCommand::Claim => {
            task.claimed_by = Some(me);
            task.claimed_at = Some(now);
            String::new()
        }
        TaskCommand::Release => {
            task.claimed_by = None;
            task.claimed_at = None;
            String::new()
        }
        TaskCommand::Approve { opinion } => {
            task.opinion = Some(opinion.clone());
            task.decided_at = Some(now);
            opinion.clone()
        }
        TaskCommand::Reject { reason } => {
            task.opinion = Some(reason.clone());
            task.decided_at = Some(now);
            reason.clone()
        }
        TaskCommand::Return { items } => {
            tx.open_suspension(task.id, today, &json!(items), now)
                .await?;
            // Back to the queue once supplied; whoever is free may pick it up again.
            task.claimed_by = None;
            task.claimed_at = None;
            format!("补正：{}", items.join("；"))
        }
        TaskCommand::Extend { days, reason } => {
            let allowance = doc
                .matters
                .iter()
                .find(|m| m.code == task.matter)
                .map_or(0, |m| m.legal_extension_days);
            check_extension(allowance, task.extension_days > 0, *days, reason)
                .map_err(|e| AppError::invalid(e.to_string()))?;
            task.extension_days = *days;
            task.extension_reason = Some(reason.clone());
            let suspensions = tx.suspensions(task.id).await?;
            task.legal_due = task_clock(case, task, &suspensions).due_on(&ctx.calendar(), today);
            format!("延长 {days} 个工作日：{reason}")
        }
    })
}

async fn task_event(
    tx: &mut dyn Tx,
    case: &CaseRow,
    task: &TaskRow,
    action: &str,
    now: DateTime<Utc>,
) -> AppResult<EventRow> {
    Ok(tx
        .append_event(&NewEvent {
            kind: "task_changed".into(),
            audience: Audience::Staff,
            payload: json!({
                "task_id": task.id,
                "case_no": case.case_no.as_str(),
                "department": task.department.as_str(),
                "action": action,
                "status": task.status.as_str(),
            }),
            created_at: now,
        })
        .await?)
}

/// Derives the case's status and deadlines from its tasks; records and announces a change.
pub(crate) async fn refresh_case(
    tx: &mut dyn Tx,
    case: &mut CaseRow,
    who: Option<&Principal>,
    now: DateTime<Utc>,
) -> AppResult<Option<EventRow>> {
    let mut tasks = tx.case_tasks(case.id).await?;
    let statuses: Vec<TaskStatus> = tasks.iter().map(|t| t.status).collect();
    let before = case.status;
    case.status = case_status(&statuses, rule_of(case));
    if case.status == CaseStatus::Rejected && before != CaseStatus::Rejected {
        // All or nothing: the open parts of the bundle end with it.
        for t in tasks.iter_mut().filter(|t| !t.status.is_final()) {
            let was = t.status;
            t.status = was.apply(TaskAction::Terminate).map_err(illegal)?;
            tx.update_task(t, was).await?;
            record(
                tx,
                Entry {
                    case_id: case.id,
                    task_id: Some(t.id),
                    who,
                    at: now,
                    action: "terminate",
                    from: Some(was.as_str()),
                    to: Some(t.status.as_str()),
                    note: "一件事中另一事项不予批准，本事项一并终止".into(),
                },
            )
            .await?;
        }
    }
    if let Some(due) = tasks.iter().map(|t| t.legal_due).max() {
        case.legal_due = due;
    }
    if is_closed(case.status) && case.closed_at.is_none() {
        case.closed_at = Some(now);
    }
    tx.update_case(case).await?;
    if before == case.status {
        return Ok(None);
    }
    record(
        tx,
        Entry {
            case_id: case.id,
            task_id: None,
            who,
            at: now,
            action: "case_status",
            from: Some(before.as_str()),
            to: Some(case.status.as_str()),
            note: String::new(),
        },
    )
    .await?;
    Ok(Some(
        tx.append_event(&NewEvent {
            kind: "case_changed".into(),
            audience: Audience::Staff,
            payload: json!({
                "case_no": case.case_no.as_str(),
                "status": case.status.as_str(),
            }),
            created_at: now,
        })
        .await?,
    ))
}

fn is_closed(s: CaseStatus) -> bool {
    matches!(
        s,
        CaseStatus::Approved
            | CaseStatus::PartiallyApproved
            | CaseStatus::Rejected
            | CaseStatus::Terminated
    )
}

/// `POST /api/v1/cases/{case_no}/supplement`: the applicant brings what was asked for, at any
/// counter. Returned tasks go back to their queues with the clock running again (the
/// suspension is recorded); deferred materials under a pledge become provided.
pub async fn supplement(
    ctx: &AppContext,
    who: &Principal,
    case_no: &str,
    req: SupplementRequest,
) -> AppResult<CaseView> {
    who.require_any(&[Role::Clerk])?;
    let mut tx = ctx.store.begin_write().await?;
    let mut case = tx
        .find_case_by_no(case_no.trim())
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为“{case_no}”的办件")))?;
    if is_closed(case.status) {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("办件已{}，不能再补正", case_status_name(case.status)),
        ));
    }
    let now = ctx.clock.now();
    let today = ctx.today().date();
    let mut changed = Vec::new();
    let materials = tx.case_materials(case.id).await?;
    for code in &req.materials {
        let m = materials
            .iter()
            .find(|m| &m.code == code)
            .ok_or_else(|| AppError::invalid(format!("本办件没有编号为“{code}”的材料")))?;
        if m.state != MaterialState::Provided {
            tx.set_material_state(case.id, code, MaterialState::Provided, Some(now))
                .await?;
            changed.push(m.name.clone());
        }
    }
    let materials = tx.case_materials(case.id).await?;
    if case.pledge_due.is_some() && materials.iter().all(|m| m.state != MaterialState::Deferred) {
        case.pledge_due = None;
    }
    let mut resumed = 0;
    let mut events = Vec::new();
    for mut task in tx.case_tasks(case.id).await? {
        if task.status != TaskStatus::Returned {
            continue;
        }
        tx.close_suspension(task.id, today, now).await?;
        let before = task.status;
        task.status = before.apply(TaskAction::Supplement).map_err(illegal)?;
        let suspensions = tx.suspensions(task.id).await?;
        task.legal_due = task_clock(&case, &task, &suspensions).due_on(&ctx.calendar(), today);
        if !tx.update_task(&task, before).await? {
            return Err(AppError::conflict("该办件刚被他人处理，请刷新后重试"));
        }
        events.push(task_event(tx.as_mut(), &case, &task, "supplement", now).await?);
        resumed += 1;
    }
    if resumed == 0 && changed.is_empty() {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            "该办件没有待补正的事项或待补齐的材料",
        ));
    }
    let mut note = Vec::new();
    if !changed.is_empty() {
        note.push(format!("补齐材料：{}", changed.join("、")));
    }
    if resumed > 0 {
        note.push(format!("{resumed} 项审批恢复计时"));
    }
    if !req.note.trim().is_empty() {
        note.push(req.note.trim().chars().take(200).collect());
    }
    record(
        tx.as_mut(),
        Entry {
            case_id: case.id,
            task_id: None,
            who: Some(who),
            at: now,
            action: "supplement",
            from: None,
            to: None,
            note: note.join("；"),
        },
    )
    .await?;
    if let Some(e) = refresh_case(tx.as_mut(), &mut case, Some(who), now).await? {
        events.push(e);
    }
    let doc = catalog(tx.as_mut()).await?;
    let view = super::view::case_view(ctx, tx.as_mut(), &doc, &case).await?;
    tx.commit().await?;
    ctx.events.publish(events);
    Ok(view)
}

fn case_status_name(s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::InProgress => "在办",
        CaseStatus::Suspended => "补正中",
        CaseStatus::Approved => "办结（准予）",
        CaseStatus::PartiallyApproved => "办结（部分准予）",
        CaseStatus::Rejected => "办结（不予批准）",
        CaseStatus::Terminated => "终止",
    }
}

/// `GET /api/v1/tasks`: the approver's department queue, soonest legal deadline first, with
/// lights. Admins may look at any department.
pub async fn department_queue(
    ctx: &AppContext,
    who: &Principal,
    department: Option<&str>,
    include_done: bool,
) -> AppResult<DepartmentQueueView> {
    who.require_any(&[Role::Approver, Role::Admin])?;
    let department = match (
        department.map(str::trim).filter(|d| !d.is_empty()),
        who.has(Role::Admin),
    ) {
        (Some(d), true) => {
            DepartmentCode::parse(d).map_err(|e| AppError::invalid(e.to_string()))?
        }
        (Some(d), false) if Some(d) != who.department.as_deref() => {
            return Err(AppError::forbidden())
        }
        _ => department_of(who)?,
    };
    let mut statuses = vec![
        TaskStatus::Queued,
        TaskStatus::Claimed,
        TaskStatus::Returned,
    ];
    if include_done {
        statuses.extend([
            TaskStatus::Approved,
            TaskStatus::Rejected,
            TaskStatus::Terminated,
        ]);
    }
    let mut tx = ctx.store.begin_read().await?;
    let rows = tx.department_queue(&department, &statuses, 500).await?;
    let doc = catalog(tx.as_mut()).await?;
    let mut tasks = Vec::with_capacity(rows.len());
    for r in &rows {
        let suspensions = tx.suspensions(r.task.id).await?;
        tasks.push(task_view(ctx, &doc, &r.case_no, &r.task, &suspensions));
    }
    Ok(DepartmentQueueView {
        department: department.to_string(),
        department_name: department_name(&doc, department.as_str()),
        yellow_within_days: ctx.hall().cases.yellow_within_days,
        tasks,
    })
}

/// `GET /api/v1/reports/overdue`: open, yellow and red tasks per department.
pub async fn overdue_report(ctx: &AppContext, who: &Principal) -> AppResult<Vec<OverdueRow>> {
    who.require_any(&[Role::Approver, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let rows = tx.open_tasks().await?;
    let doc = catalog(tx.as_mut()).await?;
    let today = ctx.today().date();
    let mut by_dept: BTreeMap<String, OverdueRow> = BTreeMap::new();
    for r in rows {
        let code = r.task.department.to_string();
        let row = by_dept.entry(code.clone()).or_insert_with(|| OverdueRow {
            department_name: department_name(&doc, &code),
            department: code,
            open: 0,
            yellow: 0,
            red: 0,
        });
        row.open += 1;
        match current_light(ctx, &r.task, today) {
            Light::Yellow => row.yellow += 1,
            Light::Red => row.red += 1,
            Light::Green => {}
        }
    }
    Ok(by_dept.into_values().collect())
}

pub(crate) fn current_light(ctx: &AppContext, task: &TaskRow, today: chrono::NaiveDate) -> Light {
    let left = super::view::working_days_left(ctx, task.legal_due, today);
    light(left, ctx.hall().cases.yellow_within_days)
}
