//! The output window (统一出件): decided cases waiting to go out, handed over at the window
//! (the recipient's ID checked) or mailed and then delivered; either closes the case (办结).

use super::{catalog, matter_name, record, user_id, Entry};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::service::tickets::person_digest;
use crate::service::Principal;
use chrono::{DateTime, Utc};
use onetrip_domain::case::{ready_for_output, Applicant, OutputAction, OutputState};
use onetrip_domain::{IdNumber, PersonName, Role};
use onetrip_store::{Audience, CaseRow, HandoverRow, NewEvent, Tx};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum HandoverRequest {
    /// Picked up at the window; the recipient (the applicant or an agent) shows an ID.
    Pickup {
        recipient_name: String,
        recipient_id_number: String,
    },
    /// Sent by post or courier.
    Mail { carrier: String, waybill_no: String },
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OutputItemView {
    pub case_no: String,
    pub matter_name: String,
    /// The applicant's name in full (the window hands the result to them) …
    pub applicant_name: String,
    /// … and the ID or credit code masked, to compare with the document shown.
    pub applicant_id_masked: String,
    /// `approved`, `partially_approved` or `rejected`.
    pub status: String,
    pub decided_at: Option<DateTime<Utc>>,
    /// `window` or `mail` as asked at intake, with the address for mail.
    pub delivery: serde_json::Value,
    /// `ready`, `picked_up`, `mailed` or `delivered`.
    pub output_state: String,
    pub carrier: Option<String>,
    pub waybill_no: Option<String>,
}

fn masked_id(a: &Applicant) -> String {
    match a {
        Applicant::Person { id_number, .. } => id_number.masked(),
        Applicant::Organisation { credit_code, .. } => credit_code.to_string(),
    }
}

fn item(
    doc: &onetrip_domain::catalog::CatalogDoc,
    c: &CaseRow,
    h: Option<&HandoverRow>,
) -> OutputItemView {
    OutputItemView {
        case_no: c.case_no.to_string(),
        matter_name: matter_name(doc, c.matter.as_str()),
        applicant_name: c.applicant.display_name().to_string(),
        applicant_id_masked: masked_id(&c.applicant),
        status: c.status.as_str().into(),
        decided_at: c.closed_at,
        delivery: c.delivery.clone(),
        output_state: h.map_or(OutputState::Ready, |h| h.state).as_str().into(),
        carrier: h.and_then(|h| h.carrier.clone()),
        waybill_no: h.and_then(|h| h.waybill_no.clone()),
    }
}

/// `GET /api/v1/output`: what waits at the output window, oldest decision first.
pub async fn queue(ctx: &AppContext, who: &Principal) -> AppResult<Vec<OutputItemView>> {
    who.require_any(&[Role::Output, Role::Admin])?;
    let mut tx = ctx.store.begin_read().await?;
    let doc = catalog(tx.as_mut()).await?;
    let cases = tx.output_queue(500).await?;
    let mut out = Vec::with_capacity(cases.len());
    for c in &cases {
        let h = tx.handover(c.id).await?;
        out.push(item(&doc, c, h.as_ref()));
    }
    Ok(out)
}

fn text(s: &str, what: &'static str, max: usize) -> AppResult<String> {
    onetrip_domain::case::required_text(what, s, max).map_err(|e| AppError::invalid(e.to_string()))
}

fn refused(e: impl std::fmt::Display) -> AppError {
    AppError::new(ErrorCode::IllegalTransition, e.to_string())
}

async fn load(tx: &mut dyn Tx, case_no: &str) -> AppResult<CaseRow> {
    tx.find_case_by_no(case_no.trim())
        .await?
        .ok_or_else(|| AppError::not_found(format!("没有编号为“{case_no}”的办件")))
}

/// `POST /api/v1/cases/{case_no}/handover`: picked up (closes the case) or mailed.
pub async fn hand_over(
    ctx: &AppContext,
    who: &Principal,
    case_no: &str,
    req: HandoverRequest,
) -> AppResult<OutputItemView> {
    who.require_any(&[Role::Output])?;
    let clerk = user_id(who)?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin_write().await?;
    let case = load(tx.as_mut(), case_no).await?;
    ready_for_output(case.status).map_err(refused)?;
    let current = tx.handover(case.id).await?;
    let state = current.as_ref().map_or(OutputState::Ready, |h| h.state);
    let (handover, action, note) = match req {
        HandoverRequest::Pickup {
            recipient_name,
            recipient_id_number,
        } => {
            state.apply(OutputAction::PickUp).map_err(refused)?;
            let name =
                PersonName::parse(&recipient_name).map_err(|e| AppError::invalid(e.to_string()))?;
            let id = IdNumber::parse(&recipient_id_number)
                .map_err(|e| AppError::invalid(e.to_string()))?;
            let by_applicant = matches!(&case.applicant,
                Applicant::Person { id_number, .. } if *id_number == id);
            let note = if by_applicant {
                format!("申请人 {} 本人领取，已核验身份证件", name.masked())
            } else {
                format!(
                    "{} 代为领取，已核验身份证件（{}）",
                    name.masked(),
                    id.masked()
                )
            };
            (
                HandoverRow {
                    case_id: case.id,
                    method: "pickup".into(),
                    state: OutputState::PickedUp,
                    recipient_name: name.to_string(),
                    recipient_digest: Some(person_digest(tx.as_mut(), &id).await?),
                    carrier: None,
                    waybill_no: None,
                    address: None,
                    clerk_id: clerk,
                    handed_at: now,
                    delivered_at: Some(now),
                },
                "picked_up",
                note,
            )
        }
        HandoverRequest::Mail {
            carrier,
            waybill_no,
        } => {
            state.apply(OutputAction::Mail).map_err(refused)?;
            let carrier = text(&carrier, "承运单位", 50)?;
            let waybill = text(&waybill_no, "运单号", 40)?;
            if !waybill
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
            {
                return Err(AppError::invalid("运单号只能包含字母、数字和连字符"));
            }
            let address = case.delivery["address"].as_str().map(str::to_string);
            let recipient = case.delivery["recipient"]
                .as_str()
                .unwrap_or(case.applicant.display_name())
                .to_string();
            let note = format!("已交 {carrier} 寄出，运单号 {waybill}");
            (
                HandoverRow {
                    case_id: case.id,
                    method: "mail".into(),
                    state: OutputState::Mailed,
                    recipient_name: recipient,
                    recipient_digest: None,
                    carrier: Some(carrier),
                    waybill_no: Some(waybill),
                    address,
                    clerk_id: clerk,
                    handed_at: now,
                    delivered_at: None,
                },
                "mailed",
                note,
            )
        }
    };
    tx.put_handover(&handover).await?;
    finish(ctx, tx, who, &case, &handover, action, note, now).await
}

/// `POST /api/v1/cases/{case_no}/delivered`: the mailed result reached the applicant.
pub async fn delivered(
    ctx: &AppContext,
    who: &Principal,
    case_no: &str,
) -> AppResult<OutputItemView> {
    who.require_any(&[Role::Output])?;
    let now = ctx.clock.now();
    let mut tx = ctx.store.begin_write().await?;
    let case = load(tx.as_mut(), case_no).await?;
    let mut handover = tx
        .handover(case.id)
        .await?
        .ok_or_else(|| refused("尚未寄出，不能登记送达"))?;
    handover.state = handover
        .state
        .apply(OutputAction::Deliver)
        .map_err(refused)?;
    handover.delivered_at = Some(now);
    tx.put_handover(&handover).await?;
    let note = format!(
        "{} 运单 {} 已签收",
        handover.carrier.clone().unwrap_or_default(),
        handover.waybill_no.clone().unwrap_or_default()
    );
    finish(ctx, tx, who, &case, &handover, "delivered", note, now).await
}

#[allow(clippy::too_many_arguments)]
async fn finish(
    ctx: &AppContext,
    mut tx: Box<dyn Tx>,
    who: &Principal,
    case: &CaseRow,
    handover: &HandoverRow,
    action: &str,
    note: String,
    now: DateTime<Utc>,
) -> AppResult<OutputItemView> {
    record(
        tx.as_mut(),
        Entry {
            case_id: case.id,
            task_id: None,
            who: Some(who),
            at: now,
            action,
            from: None,
            to: Some(handover.state.as_str()),
            note,
        },
    )
    .await?;
    let event = tx
        .append_event(&NewEvent {
            kind: "case_output".into(),
            audience: Audience::Staff,
            payload: json!({
                "case_no": case.case_no.as_str(),
                "output_state": handover.state.as_str(),
                "closed": handover.state.is_closed(),
            }),
            created_at: now,
        })
        .await?;
    let doc = catalog(tx.as_mut()).await?;
    let view = item(&doc, case, Some(handover));
    tx.commit().await?;
    ctx.events.publish(vec![event]);
    Ok(view)
}
