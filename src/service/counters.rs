//! A counter's working day: its clerk's session, pausing, and calling the next ticket.

use super::tickets::{category_name, ticket_view};
use super::views::{
    CallNextResponse, CounterDeskView, CounterRef, CounterSessionView, WaitingTicketView,
};
use super::{Principal, PrincipalId};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use chrono::Duration;
use onetrip_domain::call_policy::{self, Candidate, CategoryShare, PolicyInput};
use onetrip_domain::catalog::{Counter, CounterKind};
use onetrip_domain::ticket::TicketAction;
use onetrip_domain::{CategoryCode, CounterCode, Role, TicketStatus};
use onetrip_store::{Audience, CallKind, CounterSessionRow, NewEvent, StoreError, TicketRow, Tx};
use serde_json::json;

pub(crate) fn clerk_id(who: &Principal) -> AppResult<i64> {
    match who.id {
        PrincipalId::User(id) if who.has(Role::Clerk) => Ok(id),
        _ => Err(AppError::forbidden()),
    }
}

pub(crate) async fn intake_counter(tx: &mut dyn Tx, code: &str) -> AppResult<Counter> {
    let code = CounterCode::parse(code).map_err(|e| AppError::invalid(e.to_string()))?;
    let counter = tx
        .get_counter(&code)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有“{code}”号窗口")))?;
    if counter.kind != CounterKind::Intake {
        return Err(AppError::invalid(format!("{}不办理叫号", counter.name)));
    }
    Ok(counter)
}

fn session_view(s: &CounterSessionRow, counter: &Counter) -> CounterSessionView {
    CounterSessionView {
        counter: s.counter.to_string(),
        counter_name: counter.name.clone(),
        clerk: s.user_name.clone(),
        opened_at: s.opened_at,
        paused: s.paused,
    }
}

/// The clerk's open session at `counter`, opening one if the counter is free. One clerk per
/// counter and one counter per clerk: the database refuses a second open session.
pub(crate) async fn hold_counter(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    counter: &Counter,
    user_id: i64,
) -> AppResult<CounterSessionRow> {
    if let Some(s) = tx.session_for_counter(&counter.code).await? {
        if s.user_id == user_id {
            return Ok(s);
        }
        return Err(AppError::conflict(format!(
            "{}正由{}使用，请选择其他窗口",
            counter.name, s.user_name
        )));
    }
    if let Some(other) = tx.session_for_user(user_id).await? {
        return Err(AppError::conflict(format!(
            "您已在{}号窗口登录，请先在该窗口退出",
            other.counter
        )));
    }
    tx.open_session(&counter.code, user_id, ctx.clock.now())
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::conflict("该窗口刚被其他人员打开，请刷新后重试"),
            other => other.into(),
        })
}

pub async fn open_session(
    ctx: &AppContext,
    who: &Principal,
    counter: &str,
) -> AppResult<CounterSessionView> {
    let user_id = clerk_id(who)?;
    let mut tx = ctx.store.begin_write().await?;
    let counter = intake_counter(tx.as_mut(), counter).await?;
    let session = hold_counter(ctx, tx.as_mut(), &counter, user_id).await?;
    tx.commit().await?;
    Ok(session_view(&session, &counter))
}

/// The session of the clerk at this counter, refusing anyone else.
async fn own_session(
    tx: &mut dyn Tx,
    counter: &Counter,
    user_id: i64,
) -> AppResult<CounterSessionRow> {
    match tx.session_for_counter(&counter.code).await? {
        Some(s) if s.user_id == user_id => Ok(s),
        Some(s) => Err(AppError::conflict(format!(
            "{}正由{}使用",
            counter.name, s.user_name
        ))),
        None => Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("您尚未在{}登录", counter.name),
        )),
    }
}

pub async fn close_session(ctx: &AppContext, who: &Principal, counter: &str) -> AppResult<()> {
    let user_id = clerk_id(who)?;
    let mut tx = ctx.store.begin_write().await?;
    let counter = intake_counter(tx.as_mut(), counter).await?;
    let session = own_session(tx.as_mut(), &counter, user_id).await?;
    if let Some(current) = current_ticket(ctx, tx.as_mut(), &counter.code).await? {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("请先办结、转移或标记过号当前的 {} 号", current.number),
        ));
    }
    tx.close_session(session.id, ctx.clock.now()).await?;
    tx.commit().await?;
    Ok(())
}

/// On log-out the clerk's counter is freed, unless a ticket is still in hand there (then it
/// stays held so the ticket is not orphaned; the clerk finishes it after logging in again).
pub(crate) async fn release_on_logout(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    user_id: i64,
) -> AppResult<()> {
    if let Some(session) = tx.session_for_user(user_id).await? {
        if current_ticket(ctx, tx, &session.counter).await?.is_none() {
            tx.close_session(session.id, ctx.clock.now()).await?;
        }
    }
    Ok(())
}

pub async fn set_paused(
    ctx: &AppContext,
    who: &Principal,
    counter: &str,
    paused: bool,
) -> AppResult<CounterSessionView> {
    let user_id = clerk_id(who)?;
    let mut tx = ctx.store.begin_write().await?;
    let counter = intake_counter(tx.as_mut(), counter).await?;
    let mut session = own_session(tx.as_mut(), &counter, user_id).await?;
    if session.paused == paused {
        let state = if paused { "已暂停" } else { "正在服务" };
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("窗口{state}"),
        ));
    }
    tx.set_session_paused(session.id, paused).await?;
    session.paused = paused;
    let event = tx
        .append_event(&NewEvent {
            kind: if paused {
                "counter_paused"
            } else {
                "counter_resumed"
            }
            .into(),
            audience: Audience::Public,
            payload: json!({"counter": counter.code.as_str(), "counter_name": counter.name}),
            created_at: ctx.clock.now(),
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(session_view(&session, &counter))
}

/// The ticket this counter has called or is serving now.
pub(crate) async fn current_ticket(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    counter: &CounterCode,
) -> AppResult<Option<TicketRow>> {
    Ok(tx.current_ticket_at(ctx.today(), counter).await?)
}

/// What the call policy chooses from, the counter's shares, and the candidate tickets
/// themselves (read under the write lock, so still current when one is chosen).
async fn candidates(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    counter: &Counter,
) -> AppResult<(Vec<Candidate>, Vec<CategoryShare>, Vec<TicketRow>)> {
    let day = ctx.today();
    let served: Vec<CategoryCode> = counter.categories.iter().map(|c| c.code).collect();
    let mut heads = tx.waiting_heads(day, &served).await?;
    let transferred = tx.transferred_head(day, &counter.code).await?;
    let mut candidates: Vec<Candidate> = Vec::with_capacity(heads.len() + 1);
    if let Some(t) = &transferred {
        heads.retain(|h| h.id != t.id);
        candidates.push(Candidate {
            ticket_id: t.id,
            category: t.queue_category,
            priority: t.priority,
            queued_at: t.queued_at,
            transferred_here: true,
        });
    }
    candidates.extend(heads.iter().map(|t| Candidate {
        ticket_id: t.id,
        category: t.queue_category,
        priority: t.priority,
        queued_at: t.queued_at,
        transferred_here: false,
    }));
    let calls = tx.calls_by_category(day, &counter.code).await?;
    let shares = counter
        .categories
        .iter()
        .map(|c| CategoryShare {
            category: c.code,
            weight: c.weight,
            calls_today: calls
                .iter()
                .find(|(k, _)| *k == c.code)
                .map_or(0, |(_, n)| *n),
        })
        .collect();
    heads.extend(transferred);
    Ok((candidates, shares, heads))
}

/// Calls the next waiting ticket to `counter`, or `None` when nobody waits. Atomic: the write
/// lock is held from choosing to marking, so two counters never get the same ticket.
pub async fn call_next(
    ctx: &AppContext,
    who: &Principal,
    counter: &str,
) -> AppResult<Option<CallNextResponse>> {
    let user_id = clerk_id(who)?;
    let mut tx = ctx.store.begin_write().await?;
    let counter = intake_counter(tx.as_mut(), counter).await?;
    let session = hold_counter(ctx, tx.as_mut(), &counter, user_id).await?;
    if session.paused {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("{}已暂停服务，请先恢复", counter.name),
        ));
    }
    if let Some(current) = current_ticket(ctx, tx.as_mut(), &counter.code).await? {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("请先办结、转移或标记过号当前的 {} 号", current.number),
        ));
    }
    let (candidates, shares, rows) = candidates(ctx, tx.as_mut(), &counter).await?;
    let now = ctx.clock.now();
    let Some(choice) = call_policy::pick(&PolicyInput {
        candidates: &candidates,
        shares: &shares,
        now,
        max_wait: Duration::minutes(ctx.hall().queue.max_wait_minutes),
    }) else {
        tx.commit().await?;
        return Ok(None);
    };
    let mut ticket = rows
        .into_iter()
        .find(|t| t.id == choice.ticket_id)
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("chosen ticket not a candidate")))?;
    let before = ticket.status;
    ticket.status = before.apply(TicketAction::Call).map_err(illegal)?;
    ticket.counter = Some(counter.code.clone());
    ticket.clerk_id = Some(user_id);
    ticket.target_counter = None;
    ticket.called_at = Some(now);
    ticket.first_called_at = ticket.first_called_at.or(Some(now));
    if !tx.update_ticket(&ticket, before).await? {
        return Err(AppError::conflict("该号已被其他窗口呼叫，请重试"));
    }
    tx.record_call(
        ticket.id,
        &counter.code,
        CallKind::Call,
        now,
        &choice.reason,
    )
    .await?;
    let categories = tx.list_categories().await?;
    let view = ticket_view(ctx, tx.as_mut(), &categories, &ticket).await?;
    let event = tx
        .append_event(&call_event(&ticket, &counter, false, now))
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Some(CallNextResponse {
        ticket: view,
        counter: CounterRef {
            code: counter.code.to_string(),
            name: counter.name,
        },
        reason: choice.reason,
    }))
}

pub(crate) fn illegal(e: onetrip_domain::ticket::IllegalTransition) -> AppError {
    AppError::new(ErrorCode::IllegalTransition, e.to_string())
}

/// What the display announces: the number and where to go. No personal data.
pub(crate) fn call_event(
    t: &TicketRow,
    counter: &Counter,
    recall: bool,
    at: chrono::DateTime<chrono::Utc>,
) -> NewEvent {
    NewEvent {
        kind: "ticket_called".into(),
        audience: Audience::Public,
        payload: json!({
            "ticket_id": t.id,
            "number": t.number.to_string(),
            "category": t.number.category().to_string(),
            "counter": counter.code.as_str(),
            "counter_name": counter.name,
            "called_at": at,
            "recall": recall,
        }),
        created_at: at,
    }
}

/// Everything the counter screen shows: session, current ticket and the waiting lines.
pub async fn desk(ctx: &AppContext, who: &Principal, counter: &str) -> AppResult<CounterDeskView> {
    who.require_any(&[Role::Clerk, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let counter = intake_counter(tx.as_mut(), counter).await?;
    let categories = tx.list_categories().await?;
    let session = tx.session_for_counter(&counter.code).await?;
    let (current, current_reason) = match current_ticket(ctx, tx.as_mut(), &counter.code).await? {
        Some(t) => (
            Some(ticket_view(ctx, tx.as_mut(), &categories, &t).await?),
            tx.last_call_reason(t.id).await?,
        ),
        None => (None, None),
    };
    let served: Vec<CategoryCode> = counter.categories.iter().map(|c| c.code).collect();
    let now = ctx.clock.now();
    let line = |t: TicketRow| WaitingTicketView {
        id: t.id,
        number: t.number.to_string(),
        queue_category: t.queue_category.to_string(),
        category_name: category_name(&categories, t.queue_category),
        priority: t.priority.as_str().to_string(),
        issued_at: t.issued_at,
        waited_minutes: (now - t.queued_at).num_minutes().max(0),
        target_counter: t.target_counter.map(|c| c.to_string()),
    };
    let day = ctx.today();
    let waiting = tx
        .tickets_in_lines(day, TicketStatus::Waiting, &served, 50)
        .await?
        .into_iter()
        .filter(|t| t.target_counter.is_none() || t.target_counter.as_ref() == Some(&counter.code))
        .map(line)
        .collect();
    let no_shows = tx
        .tickets_in_lines(day, TicketStatus::NoShow, &served, 50)
        .await?
        .into_iter()
        .map(line)
        .collect();
    Ok(CounterDeskView {
        counter: CounterRef {
            code: counter.code.to_string(),
            name: counter.name.clone(),
        },
        session: session.as_ref().map(|s| session_view(s, &counter)),
        current,
        current_reason,
        waiting,
        recalls_before_no_show: ctx.hall().queue.recalls_before_no_show,
        no_shows,
    })
}
