//! Issuing tickets, and showing them to their holders.

use super::estimates;
use super::views::{PublicTicketView, TicketView};
use super::Principal;
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use onetrip_domain::{CategoryCode, IdNumber, MatterCode, Priority, Role, TicketNo, TicketStatus};
use onetrip_store::{Audience, CategoryRow, NewEvent, NewTicket, QueuePosition, TicketRow, Tx};
use rand::distributions::{Alphanumeric, DistString};
use serde_json::json;
use sha2::{Digest, Sha256};

pub struct IssueTicket {
    pub category: Option<String>,
    pub matter: Option<String>,
    pub id_number: Option<String>,
    pub green: bool,
    /// From the `Idempotency-Key` header: a retried request returns the first ticket.
    pub idempotency_key: Option<String>,
}

/// The outcome of an issue request: the ticket, and whether this request created it.
pub struct Issued {
    pub ticket: TicketView,
    pub created: bool,
}

pub(crate) fn parse_idempotency_key(key: Option<String>) -> AppResult<Option<String>> {
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

pub(crate) fn category_name(categories: &[CategoryRow], code: CategoryCode) -> String {
    categories
        .iter()
        .find(|c| c.code == code)
        .map(|c| c.name.clone())
        .unwrap_or_default()
}

/// The ticket as the API shows it, with its place in line and its estimated wait.
pub(crate) async fn ticket_view(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    categories: &[CategoryRow],
    t: &TicketRow,
) -> AppResult<TicketView> {
    let (waiting_ahead, estimate) = if t.status == TicketStatus::Waiting {
        let ahead = tx.count_waiting_ahead(&t.position()).await?;
        let estimate = estimates::wait_for(ctx, tx, t.queue_category, ahead).await?;
        (ahead, Some(estimate))
    } else {
        (0, None)
    };
    Ok(view_with_place(categories, t, waiting_ahead, estimate))
}

fn view_with_place(
    categories: &[CategoryRow],
    t: &TicketRow,
    waiting_ahead: i64,
    estimate: Option<i64>,
) -> TicketView {
    TicketView {
        id: t.id,
        number: t.number.to_string(),
        category: t.number.category().to_string(),
        category_name: category_name(categories, t.number.category()),
        queue_category: t.queue_category.to_string(),
        matter: t.matter.as_ref().map(|m| m.to_string()),
        priority: t.priority.as_str().to_string(),
        status: t.status.as_str().to_string(),
        waiting_ahead,
        estimated_wait_minutes: estimate,
        issued_at: t.issued_at,
        called_at: t.called_at,
        counter: t.counter.as_ref().map(|c| c.to_string()),
        target_counter: t.target_counter.as_ref().map(|c| c.to_string()),
        recall_count: t.recall_count,
        started_at: t.started_at,
        finished_at: t.finished_at,
        slip_status: t.slip_status.as_str().to_string(),
        track_code: t.track_code.clone(),
    }
}

/// A keyed digest of an ID number: it lets the hall refuse a second ticket without keeping
/// the number, and the per-hall salt stops a dictionary attack on the table.
pub(crate) async fn person_digest(tx: &mut dyn Tx, id: &IdNumber) -> AppResult<String> {
    let salt = match tx.get_setting("person_salt").await? {
        Some(s) => s,
        None => {
            let s = Alphanumeric.sample_string(&mut rand::thread_rng(), 32);
            tx.set_setting("person_salt", &s).await?;
            s
        }
    };
    Ok(hex::encode(Sha256::digest(
        format!("{salt}:{id}").as_bytes(),
    )))
}

async fn resolve_category(
    tx: &mut dyn Tx,
    categories: &[CategoryRow],
    req: &IssueTicket,
) -> AppResult<(CategoryCode, Option<MatterCode>)> {
    let (category, matter) = match (&req.category, &req.matter) {
        (_, Some(m)) => {
            let code = MatterCode::parse(m).map_err(|e| AppError::invalid(e.to_string()))?;
            let matter = tx
                .list_matters()
                .await?
                .into_iter()
                .find(|row| row.matter.code == code)
                .ok_or_else(|| AppError::invalid(format!("没有编号为“{code}”的事项")))?;
            // A draft matter is not offered at the kiosk, so a ticket for one is refused alike.
            let doc = tx.catalog_document().await?;
            if doc.is_some_and(|d| !d.offers_matter(&matter.matter)) {
                return Err(AppError::invalid(format!("没有编号为“{code}”的事项")));
            }
            if let Some(c) = &req.category {
                if c.trim() != matter.matter.category.to_string() {
                    return Err(AppError::invalid("所选类别与事项所属类别不一致"));
                }
            }
            (matter.matter.category, Some(code))
        }
        (Some(c), None) => (
            CategoryCode::parse(c).map_err(|e| AppError::invalid(e.to_string()))?,
            None,
        ),
        (None, None) => return Err(AppError::invalid("请选择业务类别或事项")),
    };
    if !categories.iter().any(|c| c.code == category) {
        return Err(AppError::invalid(format!(
            "没有“{category}”类业务，请重新选择"
        )));
    }
    Ok((category, matter))
}

fn random_track_code() -> String {
    Alphanumeric.sample_string(&mut rand::thread_rng(), 20)
}

pub async fn issue(ctx: &AppContext, who: &Principal, req: IssueTicket) -> AppResult<Issued> {
    who.require_any(&[Role::Kiosk, Role::Clerk])?;
    let key = parse_idempotency_key(req.idempotency_key.clone())?;
    let id_number = match req
        .id_number
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) => Some(IdNumber::parse(s).map_err(|e| AppError::invalid(e.to_string()))?),
        None => None,
    };
    let issuer = who.issuer_key();

    let mut tx = ctx.store.begin_write().await?;
    let categories = tx.list_categories().await?;
    if let Some(key) = &key {
        if let Some(existing) = tx.find_ticket_by_idempotency_key(&issuer, key).await? {
            let ticket = ticket_view(ctx, tx.as_mut(), &categories, &existing).await?;
            return Ok(Issued {
                ticket,
                created: false,
            });
        }
    }
    let (category, matter) = resolve_category(tx.as_mut(), &categories, &req).await?;
    let day = ctx.today();
    let mut priority = if req.green {
        Priority::Green
    } else {
        Priority::Normal
    };
    let mut digest = None;
    if let Some(id) = &id_number {
        let d = person_digest(tx.as_mut(), id).await?;
        if let Some(active) = tx.active_ticket_for_person(day, &d, category).await? {
            return Err(AppError::new(
                ErrorCode::Conflict,
                format!("您已持有本类业务的号票 {}，请勿重复取号", active.number),
            ));
        }
        if id.age_on(day.date()) >= ctx.hall().queue.green_channel_age {
            priority = Priority::Green;
        }
        digest = Some(d);
    }
    let spec = NewTicketSpec {
        category,
        matter,
        priority,
        issuer,
        idempotency_key: key,
        person_digest: digest,
    };
    let (ticket, event) = insert_new_ticket(ctx, tx.as_mut(), &categories, spec).await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Issued {
        ticket,
        created: true,
    })
}

/// What a new ticket is made of, before it has a number.
pub(crate) struct NewTicketSpec {
    pub category: CategoryCode,
    pub matter: Option<MatterCode>,
    pub priority: Priority,
    pub issuer: String,
    pub idempotency_key: Option<String>,
    pub person_digest: Option<String>,
}

/// Numbers and inserts a ticket inside the caller's transaction; returns its view and the
/// `ticket_issued` event to publish after commit.
pub(crate) async fn insert_new_ticket(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    categories: &[CategoryRow],
    spec: NewTicketSpec,
) -> AppResult<(TicketView, onetrip_store::EventRow)> {
    let now = ctx.clock.now();
    let day = ctx.today();
    let seq = tx.next_ticket_seq(spec.category, day).await?;
    let number =
        TicketNo::new(spec.category, seq).map_err(|e| AppError::conflict(e.to_string()))?;
    // Estimated before the insert (the new ticket is last in its class), and recorded with
    // it so the estimator's error can be reported once the ticket is called.
    let ahead = tx
        .count_waiting_ahead(&QueuePosition {
            service_day: day,
            queue_category: spec.category,
            target_counter: None,
            priority: spec.priority,
            queued_at: now,
            id: i64::MAX,
        })
        .await?;
    let estimate = estimates::wait_for(ctx, tx, spec.category, ahead).await?;
    let row = tx
        .insert_ticket(&NewTicket {
            number,
            track_code: random_track_code(),
            matter: spec.matter,
            service_day: day,
            priority: spec.priority,
            issued_at: now,
            issuer: spec.issuer,
            idempotency_key: spec.idempotency_key,
            person_digest: spec.person_digest,
            estimated_wait_minutes: Some(estimate),
        })
        .await?;
    let ticket = view_with_place(categories, &row, ahead, Some(estimate));
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
    Ok((ticket, event))
}

pub async fn get(ctx: &AppContext, who: &Principal, id: i64) -> AppResult<TicketView> {
    who.require_any(&[Role::Kiosk, Role::Clerk, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let categories = tx.list_categories().await?;
    let row = tx
        .get_ticket(id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为 {id} 的号票")))?;
    ticket_view(ctx, tx.as_mut(), &categories, &row).await
}

/// Public: the live position of a ticket, opened from the QR on its slip.
pub async fn track(ctx: &AppContext, code: &str) -> AppResult<PublicTicketView> {
    let not_found = || AppError::not_found("没有找到这张号票，请核对二维码");
    if code.is_empty() || code.len() > 64 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let mut tx = ctx.store.begin_read().await?;
    let categories = tx.list_categories().await?;
    let row = tx
        .find_ticket_by_track_code(code)
        .await?
        .ok_or_else(not_found)?;
    let view = ticket_view(ctx, tx.as_mut(), &categories, &row).await?;
    let counter_name = match &row.counter {
        Some(c) => tx.get_counter(c).await?.map(|k| k.name),
        None => None,
    };
    Ok(PublicTicketView {
        number: view.number,
        category_name: category_name(&categories, row.queue_category),
        status: view.status,
        waiting_ahead: view.waiting_ahead,
        estimated_wait_minutes: view.estimated_wait_minutes,
        issued_at: view.issued_at,
        counter_name,
        called_at: view.called_at,
    })
}
