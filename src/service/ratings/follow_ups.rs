//! The follow-up of a bad review: the admin replies within the deadline, then closes it; the
//! deadline watcher flags one that runs late, once.

use super::{invalid, refused, view, Names, RatingView};
use crate::context::AppContext;
use crate::error::{AppError, AppResult};
use crate::service::{Principal, PrincipalId};
use chrono::{DateTime, NaiveDate, Utc};
use onetrip_domain::rating::{is_overdue, FollowUp, FollowUpAction, FollowUpState};
use onetrip_domain::Role;
use onetrip_store::{Audience, FollowUpRow, NewEvent, Tx};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

/// The follow-up of a bad review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FollowUpView {
    pub id: i64,
    /// `open`, `replied` or `closed`.
    pub state: String,
    pub state_label: String,
    pub opened_at: DateTime<Utc>,
    /// The last day to answer (working days from the rating).
    pub due_on: NaiveDate,
    /// Past `due_on` and not closed.
    pub overdue: bool,
    pub reply: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    pub close_note: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub rating: RatingView,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpReplyRequest {
    /// What the hall found and did (required, up to 1000 characters).
    pub reply: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpCloseRequest {
    pub note: Option<String>,
}

async fn follow_up_view(
    tx: &mut dyn Tx,
    names: &Names,
    f: &FollowUpRow,
    today: NaiveDate,
) -> AppResult<FollowUpView> {
    let rating = tx
        .get_rating(f.rating_id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("follow-up {} lost its rating", f.id)))?;
    Ok(FollowUpView {
        id: f.id,
        state: f.state.as_str().into(),
        state_label: f.state.label_zh().into(),
        opened_at: f.opened_at,
        due_on: f.due_on,
        overdue: is_overdue(f.state, f.due_on, today),
        reply: f.reply.clone(),
        replied_at: f.replied_at,
        close_note: f.close_note.clone(),
        closed_at: f.closed_at,
        rating: view(names, &rating, Some(f)),
    })
}

/// `GET /api/v1/follow-ups` (admin): soonest deadline first.
pub async fn follow_ups(
    ctx: &AppContext,
    who: &Principal,
    state: Option<&str>,
    overdue: Option<bool>,
) -> AppResult<Vec<FollowUpView>> {
    who.require_any(&[Role::Admin])?;
    let state = state
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            FollowUpState::parse(s).ok_or_else(|| {
                AppError::invalid(format!("状态须为 open、replied 或 closed，收到“{s}”"))
            })
        })
        .transpose()?;
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_read().await?;
    let names = Names::load(tx.as_mut()).await?;
    let rows = tx.list_follow_ups(state, 500).await?;
    let mut out = Vec::with_capacity(rows.len());
    for f in &rows {
        let v = follow_up_view(tx.as_mut(), &names, f, today).await?;
        if overdue.is_none_or(|o| o == v.overdue) {
            out.push(v);
        }
    }
    Ok(out)
}

pub enum FollowUpCommand {
    Reply(String),
    Close(Option<String>),
}

/// `POST /api/v1/follow-ups/{id}/reply` and `…/close` (admin). A reply is required before
/// closing; a closed follow-up does not move again.
pub async fn act(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
    cmd: FollowUpCommand,
) -> AppResult<FollowUpView> {
    who.require_any(&[Role::Admin])?;
    let PrincipalId::User(user) = who.id else {
        return Err(AppError::forbidden());
    };
    let now = ctx.clock.now();
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_write().await?;
    let mut f = tx
        .get_follow_up(id)
        .await?
        .ok_or_else(|| AppError::not_found("没有这条差评回访"))?;
    let before = f.state;
    match cmd {
        FollowUpCommand::Reply(text) => {
            let text = FollowUp::reply(&text).map_err(invalid)?;
            f.state = f.state.apply(FollowUpAction::Reply).map_err(refused)?;
            f.reply = Some(text);
            f.replied_at = Some(now);
            f.replied_by = Some(user);
        }
        FollowUpCommand::Close(note) => {
            let note = FollowUp::note(note.as_deref()).map_err(invalid)?;
            f.state = f.state.apply(FollowUpAction::Close).map_err(refused)?;
            f.close_note = Some(note).filter(|n| !n.is_empty());
            f.closed_at = Some(now);
            f.closed_by = Some(user);
        }
    }
    if !tx.update_follow_up(&f, before).await? {
        return Err(AppError::conflict("该差评回访已被他人处理，请刷新后重试"));
    }
    let event = tx
        .append_event(&NewEvent {
            kind: "follow_up_changed".into(),
            audience: Audience::Staff,
            payload: json!({"id": f.id, "rating_id": f.rating_id, "state": f.state.as_str()}),
            created_at: now,
        })
        .await?;
    let names = Names::load(tx.as_mut()).await?;
    let view = follow_up_view(tx.as_mut(), &names, &f, today).await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(view)
}

/// One pass of the deadline watcher over follow-ups: each one past its deadline and not closed
/// raises one `follow_up_overdue` event for the admin (once, however often the watcher runs).
/// Returns how many it flagged.
pub async fn flag_overdue(ctx: &AppContext) -> AppResult<usize> {
    let now = ctx.clock.now();
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_write().await?;
    let mut events = Vec::new();
    for f in tx.unflagged_overdue_follow_ups(today).await? {
        if !tx.flag_follow_up_overdue(f.id, now).await? {
            continue;
        }
        events.push(
            tx.append_event(&NewEvent {
                kind: "follow_up_overdue".into(),
                audience: Audience::Staff,
                payload: json!({
                    "id": f.id,
                    "rating_id": f.rating_id,
                    "state": f.state.as_str(),
                    "due_on": f.due_on,
                }),
                created_at: now,
            })
            .await?,
        );
    }
    let flagged = events.len();
    tx.commit().await?;
    ctx.events.publish(events);
    Ok(flagged)
}
