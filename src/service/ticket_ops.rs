//! What a counter does with the ticket it called: recall, start, finish, no-show, transfer —
//! and reinstating a no-show the same day. Each is checked by the domain's state machine.

use super::counters::{call_event, clerk_id, illegal, intake_counter};
use super::tickets::ticket_view;
use super::views::{SlipStatusRequest, TicketView, TransferRequest};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use onetrip_domain::ticket::TicketAction;
use onetrip_domain::{CategoryCode, Role, SlipStatus};
use onetrip_store::{Audience, CallKind, NewEvent, TicketRow, Tx};
use serde_json::json;

pub enum Op {
    Recall,
    Start,
    Finish,
    NoShow,
    Reinstate,
    Transfer(TransferRequest),
}

impl Op {
    fn action(&self) -> TicketAction {
        match self {
            Op::Recall => TicketAction::Recall,
            Op::Start => TicketAction::Start,
            Op::Finish => TicketAction::Finish,
            Op::NoShow => TicketAction::NoShow,
            Op::Reinstate => TicketAction::Reinstate,
            Op::Transfer(_) => TicketAction::Transfer,
        }
    }

    fn event_kind(&self) -> &'static str {
        match self {
            Op::Recall => "ticket_called",
            Op::Start => "ticket_started",
            Op::Finish => "ticket_finished",
            Op::NoShow => "ticket_no_show",
            Op::Reinstate => "ticket_reinstated",
            Op::Transfer(_) => "ticket_transferred",
        }
    }
}

/// Only the clerk whose counter called the ticket may act on it.
async fn check_holder(tx: &mut dyn Tx, t: &TicketRow, user_id: i64) -> AppResult<()> {
    let Some(counter) = &t.counter else {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("{} 号尚未被叫号", t.number),
        ));
    };
    match tx.session_for_counter(counter).await? {
        Some(s) if s.user_id == user_id => Ok(()),
        _ => Err(AppError::new(
            ErrorCode::Forbidden,
            format!("{} 号不在您的窗口，不能操作", t.number),
        )),
    }
}

async fn apply_transfer(
    tx: &mut dyn Tx,
    t: &mut TicketRow,
    req: &TransferRequest,
) -> AppResult<String> {
    match (&req.category, &req.counter) {
        (Some(c), None) => {
            let category = CategoryCode::parse(c).map_err(|e| AppError::invalid(e.to_string()))?;
            if !tx
                .list_categories()
                .await?
                .iter()
                .any(|k| k.code == category)
            {
                return Err(AppError::invalid(format!("没有“{category}”类业务")));
            }
            t.queue_category = category;
            t.target_counter = None;
            Ok(format!("转至 {category} 类"))
        }
        (None, Some(k)) => {
            let target = intake_counter(tx, k).await?;
            if Some(&target.code) == t.counter.as_ref() {
                return Err(AppError::invalid("不能转到本窗口"));
            }
            t.target_counter = Some(target.code.clone());
            Ok(format!("转至{}", target.name))
        }
        _ => Err(AppError::invalid("请指定转移到的业务类别或窗口（二选一）")),
    }
}

pub async fn act(ctx: &AppContext, who: &Principal, id: i64, op: Op) -> AppResult<TicketView> {
    let user_id = clerk_id(who)?;
    let mut tx = ctx.store.begin_write().await?;
    let mut t = tx
        .get_ticket_for_update(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的号票")))?;
    let now = ctx.clock.now();
    let before = t.status;
    t.status = before.apply(op.action()).map_err(illegal)?;
    let counter_code = t.counter.clone();
    if !matches!(op, Op::Reinstate) {
        check_holder(tx.as_mut(), &t, user_id).await?;
    }
    let mut note = String::new();
    match &op {
        Op::Recall => {
            t.recall_count += 1;
            t.called_at = Some(now);
        }
        Op::Start => t.started_at = Some(now),
        Op::Finish => t.finished_at = Some(now),
        Op::NoShow => {
            let needed = ctx.hall().queue.recalls_before_no_show;
            if t.recall_count < needed {
                return Err(AppError::new(
                    ErrorCode::IllegalTransition,
                    format!(
                        "请先重呼 {needed} 次再标记过号（已重呼 {} 次）",
                        t.recall_count
                    ),
                ));
            }
        }
        Op::Reinstate => {
            who.require_any(&[Role::Clerk])?;
            if t.service_day != ctx.today() {
                return Err(AppError::new(
                    ErrorCode::IllegalTransition,
                    "过号只能当日恢复，请重新取号",
                ));
            }
            // Back of its line: coming late must not jump those who waited.
            t.queued_at = now;
            t.counter = None;
            t.clerk_id = None;
            t.target_counter = None;
        }
        Op::Transfer(req) => {
            note = apply_transfer(tx.as_mut(), &mut t, req).await?;
            // The original issue time stays: one visit stays one trip.
            t.counter = None;
            t.clerk_id = None;
            t.started_at = None;
        }
    }
    if !tx.update_ticket(&t, before).await? {
        return Err(AppError::conflict("号票状态已被改变，请刷新后重试"));
    }
    let mut events = Vec::new();
    if let (Op::Recall, Some(code)) = (&op, &counter_code) {
        tx.record_call(t.id, code, CallKind::Recall, now, "重呼")
            .await?;
        let counter = intake_counter(tx.as_mut(), code.as_str()).await?;
        events.push(
            tx.append_event(&call_event(&t, &counter, true, now))
                .await?,
        );
    } else {
        let event = NewEvent {
            kind: op.event_kind().into(),
            audience: Audience::Public,
            payload: json!({
                "ticket_id": t.id,
                "number": t.number.to_string(),
                "category": t.queue_category.to_string(),
                "counter": counter_code.as_ref().map(|c| c.to_string()),
                "status": t.status.as_str(),
                "note": note,
            }),
            created_at: now,
        };
        events.push(tx.append_event(&event).await?);
    }
    let categories = tx.list_categories().await?;
    let view = ticket_view(ctx, tx.as_mut(), &categories, &t).await?;
    tx.commit().await?;
    ctx.events.publish(events);
    Ok(view)
}

/// The kiosk (or a clerk) reports whether the slip printed. A failed print leaves the ticket
/// valid and listed for reprint; it never becomes a phantom number.
pub async fn set_slip_status(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
    req: &SlipStatusRequest,
) -> AppResult<TicketView> {
    who.require_any(&[Role::Kiosk, Role::Clerk])?;
    let mut tx = ctx.store.begin_write().await?;
    let mut t = tx
        .get_ticket_for_update(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的号票")))?;
    t.slip_status = if req.printed {
        SlipStatus::Printed
    } else {
        SlipStatus::Failed
    };
    let status = t.status;
    if !tx.update_ticket(&t, status).await? {
        return Err(AppError::conflict("号票状态已被改变，请刷新后重试"));
    }
    let categories = tx.list_categories().await?;
    let view = ticket_view(ctx, tx.as_mut(), &categories, &t).await?;
    tx.commit().await?;
    Ok(view)
}
