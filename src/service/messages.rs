//! 网民留言: a citizen leaves a message (咨询, 建议, 投诉) at the kiosk or on the public page; the
//! hall's admin forwards it to a department (转办), whose approvers answer it within a number
//! of working days; the admin then publishes it with its answer, de-identified, or closes it
//! as invalid or duplicate.
//!
//! The rules (kinds, states, limits, the deadline, de-identification) live in
//! `onetrip_domain::message`; each public function here is one use case and one transaction.

mod overdue;
mod views;

pub use overdue::flag_overdue;
pub use views::{MessageReceipt, MessageTrack, MessageView, PublishedMessage};

use super::tickets::parse_idempotency_key;
use super::{Principal, PrincipalId};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use onetrip_domain::message::{
    self, answer_due, Body, CloseKind, Contact, MessageAction, MessageError, MessageKind,
    MessageState, QueryCode, Title,
};
use onetrip_domain::Role;
use onetrip_store::{Audience, MessageFilter, MessageRow, NewEvent, NewMessage, StoreError, Tx};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

/// The hall's rules for messages; the admin screens of a later issue edit them.
#[derive(Debug, Clone)]
pub struct MessageRules {
    /// Working days a department has to answer a forwarded message.
    pub answer_days: u32,
}

impl Default for MessageRules {
    fn default() -> Self {
        Self {
            answer_days: message::DEFAULT_ANSWER_DAYS,
        }
    }
}

/// A citizen's message.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitMessageRequest {
    /// `consultation` (咨询), `suggestion` (建议) or `complaint` (投诉).
    pub kind: String,
    /// 1–50 characters.
    pub title: String,
    /// 1–1000 characters.
    pub body: String,
    /// Optional; published masked (`张*三`).
    pub name: Option<String>,
    /// A mainland mobile number for the department to call back; never published.
    pub phone: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ForwardRequest {
    /// The department's code (`GWH`).
    pub department: String,
    /// Up to 200 characters for the department.
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    /// 1–2000 characters.
    pub answer: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseRequest {
    /// `invalid` (default) or `duplicate`.
    pub kind: Option<String>,
    /// Required, up to 200 characters; the citizen sees it when following the message.
    pub reason: String,
}

/// The outcome of a submission: the receipt, and whether this request created it.
pub struct Submitted {
    pub receipt: MessageReceipt,
    pub created: bool,
}

fn invalid(e: MessageError) -> AppError {
    match e {
        MessageError::IllegalTransition { .. } => {
            AppError::new(ErrorCode::IllegalTransition, e.to_string())
        }
        other => AppError::invalid(other.to_string()),
    }
}

fn channel(who: Option<&Principal>) -> (&'static str, String) {
    match who {
        Some(p) if p.has(Role::Kiosk) => ("kiosk", p.issuer_key()),
        Some(p) if p.is_staff() => ("staff", p.issuer_key()),
        // Keys of anonymous callers share one scope; a retry must also repeat the message.
        _ => ("public", "public".to_string()),
    }
}

fn same_message(row: &MessageRow, new: &NewMessage) -> bool {
    row.kind == new.kind && row.title == new.title && row.body == new.body && row.phone == new.phone
}

/// `POST /api/v1/messages`. A retried request with the same `Idempotency-Key` returns the
/// first receipt; nothing is stored when the input is refused.
pub async fn submit(
    ctx: &AppContext,
    who: Option<&Principal>,
    req: SubmitMessageRequest,
    idempotency_key: Option<String>,
) -> AppResult<Submitted> {
    let key = parse_idempotency_key(idempotency_key)?;
    let kind = MessageKind::parse(&req.kind).map_err(invalid)?;
    let title = Title::parse(&req.title).map_err(invalid)?;
    let body = Body::parse(&req.body).map_err(invalid)?;
    let contact = Contact::parse(req.name.as_deref(), &req.phone).map_err(invalid)?;
    let (channel, issuer) = channel(who);
    let now = ctx.clock.now();
    let today = ctx.today().date();

    let mut tx = ctx.store.begin_write().await?;
    let seq = tx.next_message_seq(today).await?;
    let new = NewMessage {
        message_no: message::message_no(today, seq),
        submitted_on: today,
        seq,
        query_code: QueryCode::generate(&mut rand::thread_rng())
            .as_str()
            .to_string(),
        kind,
        title: title.as_str().to_string(),
        body: body.as_str().to_string(),
        name: contact.name.as_ref().map(|n| n.as_str().to_string()),
        phone: contact.phone.as_str().to_string(),
        channel: channel.to_string(),
        submitted_at: now,
        issuer,
        idempotency_key: key,
    };
    if let Some(key) = &new.idempotency_key {
        if let Some(existing) = tx.find_message_by_idempotency_key(&new.issuer, key).await? {
            if !same_message(&existing, &new) {
                return Err(AppError::conflict(
                    "该 Idempotency-Key 已用于另一条留言，请换一个",
                ));
            }
            return Ok(Submitted {
                receipt: views::receipt(&existing),
                created: false,
            });
        }
    }
    let row = match tx.insert_message(&new).await {
        Ok(row) => row,
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("留言提交冲突，请稍后重试")),
        Err(e) => return Err(e.into()),
    };
    let event = tx
        .append_event(&NewEvent {
            kind: "message_submitted".into(),
            audience: Audience::Staff,
            payload: json!({"id": row.id, "message_no": row.message_no,
                            "kind": kind.as_str(), "channel": channel}),
            created_at: now,
        })
        .await?;
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(Submitted {
        receipt: views::receipt(&row),
        created: true,
    })
}

/// `GET /api/v1/messages/published`: de-identified, most recently published first.
pub async fn published(ctx: &AppContext, kind: Option<&str>) -> AppResult<Vec<PublishedMessage>> {
    let kind = kind
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .map(MessageKind::parse)
        .transpose()
        .map_err(invalid)?;
    let mut tx = ctx.store.begin_read().await?;
    let doc = tx.catalog_document().await?;
    let rows = tx.list_published_messages(200).await?;
    Ok(rows
        .iter()
        .filter(|m| kind.is_none_or(|k| m.kind == k))
        .map(|m| views::published(doc.as_ref(), m))
        .collect())
}

/// `GET /api/v1/messages/lookup/{code}`: the citizen follows their message.
pub async fn lookup(ctx: &AppContext, code: &str) -> AppResult<MessageTrack> {
    let code = QueryCode::parse(code).map_err(invalid)?;
    let mut tx = ctx.store.begin_read().await?;
    let row = tx
        .find_message_by_query_code(code.as_str())
        .await?
        .ok_or_else(|| AppError::not_found("查询码不存在，请核对留言回执上的查询码"))?;
    let doc = tx.catalog_document().await?;
    Ok(views::track(doc.as_ref(), &row))
}

fn parse_state(s: Option<&str>) -> AppResult<Option<MessageState>> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            MessageState::parse(s).ok_or_else(|| {
                AppError::invalid(format!(
                    "状态须为 submitted、forwarded、answered、published 或 closed，收到“{s}”"
                ))
            })
        })
        .transpose()
}

/// `GET /api/v1/messages`: the admin sees every message; an approver those forwarded to
/// their department.
pub async fn list(
    ctx: &AppContext,
    who: &Principal,
    state: Option<&str>,
    overdue: Option<bool>,
) -> AppResult<Vec<MessageView>> {
    who.require_any(&[Role::Admin, Role::Approver])?;
    let department = if who.has(Role::Admin) {
        None
    } else {
        Some(who.department.clone().ok_or_else(AppError::forbidden)?)
    };
    let filter = MessageFilter {
        state: parse_state(state)?,
        department,
    };
    let today = ctx.today().date();
    let mut tx = ctx.store.begin_read().await?;
    let doc = tx.catalog_document().await?;
    let rows = tx.list_messages(&filter, 500).await?;
    Ok(rows
        .iter()
        .map(|m| views::staff(ctx, doc.as_ref(), m, today))
        .filter(|v| overdue.is_none_or(|o| o == v.overdue))
        .collect())
}

pub enum MessageCommand {
    Forward(ForwardRequest),
    Answer(AnswerRequest),
    Publish,
    Close(CloseRequest),
}

impl MessageCommand {
    fn action(&self) -> MessageAction {
        match self {
            Self::Forward(_) => MessageAction::Forward,
            Self::Answer(_) => MessageAction::Answer,
            Self::Publish => MessageAction::Publish,
            Self::Close(_) => MessageAction::Close,
        }
    }
}

/// Only the admin forwards, publishes and closes; an answer comes from an approver of the
/// department the message was forwarded to, or from the admin.
fn authorise(who: &Principal, cmd: &MessageCommand, m: &MessageRow) -> AppResult<()> {
    if who.has(Role::Admin) {
        return Ok(());
    }
    let ours =
        who.has(Role::Approver) && who.department.is_some() && who.department == m.department;
    match cmd {
        MessageCommand::Answer(_) if ours => Ok(()),
        MessageCommand::Answer(_) if who.has(Role::Approver) => Err(AppError::new(
            ErrorCode::Forbidden,
            "该留言未转办至您所在的部门",
        )),
        _ => Err(AppError::forbidden()),
    }
}

/// Applies the command's fields to the row (its state already moved).
async fn apply_fields(
    ctx: &AppContext,
    tx: &mut dyn Tx,
    m: &mut MessageRow,
    cmd: MessageCommand,
    user: i64,
) -> AppResult<()> {
    let now = ctx.clock.now();
    match cmd {
        MessageCommand::Forward(r) => {
            let department = r.department.trim().to_string();
            if department.is_empty() || !tx.department_exists(&department).await? {
                return Err(AppError::invalid(format!("没有代码为“{department}”的部门")));
            }
            let today = ctx.today().date();
            m.forward_note = Some(message::forward_note(r.note.as_deref()).map_err(invalid)?)
                .filter(|n| !n.is_empty());
            m.department = Some(department);
            m.forwarded_at = Some(now);
            m.forwarded_by = Some(user);
            m.due_on = Some(answer_due(
                &ctx.calendar(),
                today,
                ctx.hall().messages.answer_days,
            ));
        }
        MessageCommand::Answer(r) => {
            m.answer = Some(message::answer(&r.answer).map_err(invalid)?);
            m.answered_at = Some(now);
            m.answered_by = Some(user);
        }
        MessageCommand::Publish => {
            m.published_at = Some(now);
            m.published_by = Some(user);
        }
        MessageCommand::Close(r) => {
            let kind = CloseKind::parse(r.kind.as_deref()).map_err(invalid)?;
            m.close_reason = Some(message::close_reason(&r.reason).map_err(invalid)?);
            m.close_kind = Some(kind.as_str().into());
            m.closed_at = Some(now);
            m.closed_by = Some(user);
        }
    }
    Ok(())
}

/// `POST /api/v1/messages/{id}/forward|answer|publish|close`.
pub async fn act(
    ctx: &AppContext,
    who: &Principal,
    id: i64,
    cmd: MessageCommand,
) -> AppResult<MessageView> {
    who.require_any(&[Role::Admin, Role::Approver])?;
    let PrincipalId::User(user) = who.id else {
        return Err(AppError::forbidden());
    };
    let mut tx = ctx.store.begin_write().await?;
    let mut m = tx
        .get_message(id)
        .await?
        .ok_or_else(|| AppError::not_found("没有这条留言"))?;
    authorise(who, &cmd, &m)?;
    let before = m.state;
    m.state = m.state.apply(cmd.action()).map_err(invalid)?;
    apply_fields(ctx, tx.as_mut(), &mut m, cmd, user).await?;
    if !tx.update_message(&m, before).await? {
        return Err(AppError::conflict("该留言已被他人处理，请刷新后重试"));
    }
    let now = ctx.clock.now();
    let event = tx
        .append_event(&NewEvent {
            kind: "message_changed".into(),
            audience: Audience::Staff,
            payload: json!({"id": m.id, "message_no": m.message_no, "from": before.as_str(),
                            "state": m.state.as_str(), "department": m.department,
                            "due_on": m.due_on, "by": user}),
            created_at: now,
        })
        .await?;
    let doc = tx.catalog_document().await?;
    let view = views::staff(ctx, doc.as_ref(), &m, ctx.today().date());
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(view)
}
