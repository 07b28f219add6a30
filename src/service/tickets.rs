//! Issuing tickets and calling them.

use super::views::{CallNextResponse, CounterRef, TicketView};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use onetrip_domain::call_policy::{self, Candidate};
use onetrip_domain::catalog::CounterKind;
use onetrip_domain::{CategoryCode, CounterCode, Priority, Role, TicketNo};
use onetrip_store::{Audience, CategoryRow, NewEvent, NewTicket, TicketRow, Tx};
use serde_json::json;

pub struct IssueTicket {
    pub category: String,
    /// From the `Idempotency-Key` header: a retried request returns the first ticket.
    pub idempotency_key: Option<String>,
}

/// The outcome of an issue request: the ticket, and whether this request created it.
pub struct Issued {
    pub ticket: TicketView,
    pub created: bool,
}

fn parse_idempotency_key(key: Option<String>) -> AppResult<Option<String>> {
    let Some(key) = key else { return Ok(None) };
    let valid = (1..=128).contains(&key.len()) && key.bytes().all(|b| b.is_ascii_graphic());
    if valid {
        Ok(Some(key))
    } else {
        Err(AppError::invalid(
            "Idempotency-Key 须为 1–128 个可见 ASCII 字符",
        ))
    }
}

fn category_name(categories: &[CategoryRow], code: CategoryCode) -> String {
    categories
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

async fn ticket_view(
    tx: &mut dyn Tx,
    categories: &[CategoryRow],
    t: &TicketRow,
) -> AppResult<TicketView> {
    let waiting_ahead = if t.status == onetrip_domain::TicketStatus::Waiting {
        tx.count_waiting_ahead(t).await?
    } else {
        0
    };
    Ok(TicketView {
        id: t.id,
        number: t.number.to_string(),
        category: t.number.category().to_string(),
        category_name: category_name(categories, t.number.category()),
        priority: t.priority.as_str().to_string(),
        status: t.status.as_str().to_string(),
        waiting_ahead,
        issued_at: t.issued_at,
        called_at: t.called_at,
        counter: t.counter.as_ref().map(|c| c.to_string()),
    })
}

pub async fn issue(ctx: &AppContext, who: &Principal, req: IssueTicket) -> AppResult<Issued> {
    who.require_any(&[Role::Kiosk, Role::Clerk])?;
    let category =
        CategoryCode::parse(&req.category).map_err(|e| AppError::invalid(e.to_string()))?;
    let key = parse_idempotency_key(req.idempotency_key)?;
    let issuer = who.issuer_key();

    let mut tx = ctx.store.begin_write().await?;
    let categories = tx.list_categories().await?;
    if let Some(key) = &key {
        if let Some(existing) = tx.find_ticket_by_idempotency_key(&issuer, key).await? {
            let ticket = ticket_view(tx.as_mut(), &categories, &existing).await?;
            return Ok(Issued {
                ticket,
                created: false,
            });
        }
    }
    if !categories.iter().any(|c| c.code == category) {
        return Err(AppError::invalid(format!(
            "没有“{category}”类业务，请重新选择"
        )));
    }
    let now = ctx.clock.now();
    let day = ctx.today();
    let seq = tx.next_ticket_seq(category, day).await?;
    let number = TicketNo::new(category, seq).map_err(|e| AppError::conflict(e.to_string()))?;
    let row = tx
        .insert_ticket(&NewTicket {
            number,
            service_day: day,
            priority: Priority::Normal,
            issued_at: now,
            issuer,
            idempotency_key: key,
        })
        .await?;
    let ticket = ticket_view(tx.as_mut(), &categories, &row).await?;
    let event = tx
        .append_event(&NewEvent {
            kind: "ticket_issued".into(),
            audience: Audience::Public,
            payload: json!({
                "ticket_id": row.id,
                "number": ticket.number,
                "category": ticket.category,
                "waiting": ticket.waiting_ahead + 1,
            }),
            created_at: now,
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Issued {
        ticket,
        created: true,
    })
}

pub async fn get(ctx: &AppContext, who: &Principal, id: i64) -> AppResult<TicketView> {
    who.require_any(&[Role::Kiosk, Role::Clerk, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let categories = tx.list_categories().await?;
    let row = tx
        .get_ticket(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的号票")))?;
    ticket_view(tx.as_mut(), &categories, &row).await
}

/// Calls the next waiting ticket to `counter`, or `None` when nobody waits. Atomic: the write
/// lock is held from choosing to marking, so two counters never get the same ticket.
pub async fn call_next(
    ctx: &AppContext,
    who: &Principal,
    counter: &str,
) -> AppResult<Option<CallNextResponse>> {
    who.require_any(&[Role::Clerk])?;
    let code = CounterCode::parse(counter).map_err(|e| AppError::invalid(e.to_string()))?;

    let mut tx = ctx.store.begin_write().await?;
    let counter = tx
        .get_counter(&code)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有“{code}”号窗口")))?;
    if counter.kind != CounterKind::Intake {
        return Err(AppError::invalid(format!("{}不办理叫号", counter.name)));
    }
    let served: Vec<CategoryCode> = counter.categories.iter().map(|c| c.code).collect();
    let day = ctx.today();
    let heads = tx.waiting_heads(day, &served).await?;
    let candidates: Vec<Candidate> = heads
        .iter()
        .map(|t| Candidate {
            ticket_id: t.id,
            priority: t.priority,
            issued_at: t.issued_at,
        })
        .collect();
    let Some(choice) = call_policy::pick(&candidates) else {
        return Ok(None);
    };
    let now = ctx.clock.now();
    if !tx
        .mark_called(choice.ticket_id, &code, now, &choice.reason)
        .await?
    {
        return Err(AppError::conflict("该号已被其他窗口呼叫，请重试"));
    }
    let categories = tx.list_categories().await?;
    let row = tx
        .get_ticket(choice.ticket_id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("called ticket vanished")))?;
    let ticket = ticket_view(tx.as_mut(), &categories, &row).await?;
    let event = tx
        .append_event(&NewEvent {
            kind: "ticket_called".into(),
            audience: Audience::Public,
            payload: json!({
                "ticket_id": row.id,
                "number": ticket.number,
                "category": ticket.category,
                "counter": code.as_str(),
                "counter_name": counter.name,
                "called_at": now,
            }),
            created_at: now,
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Some(CallNextResponse {
        ticket,
        counter: CounterRef {
            code: code.to_string(),
            name: counter.name,
        },
    }))
}
