//! 智能自助: while waiting, a citizen picks the matter and fills in the applicant part at the
//! kiosk; the ticket carries the draft and the clerk's intake starts from it.

use super::intake::parse_applicant;
use super::view::applicant_view;
use super::{catalog, find_target, matter_name};
use crate::context::AppContext;
use crate::error::{AppError, AppResult, ErrorCode};
use crate::service::views::{ApplicantInput, ApplicantView};
use crate::service::Principal;
use onetrip_domain::{MatterCode, Role, TicketStatus};
use onetrip_store::TicketDraftRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketDraftRequest {
    /// A matter or bundle code.
    pub matter: String,
    pub applicant: ApplicantInput,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TicketDraftView {
    pub ticket_id: i64,
    pub matter: String,
    pub matter_name: String,
    /// In full for a clerk; masked for the kiosk that sent it.
    pub applicant: ApplicantView,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

fn view(
    doc: &onetrip_domain::catalog::CatalogDoc,
    d: &TicketDraftRow,
    full: bool,
) -> TicketDraftView {
    let mut applicant = applicant_view(&d.applicant);
    if !full {
        let masked = d.applicant.masked();
        let m = serde_json::to_value(&masked).unwrap_or_default();
        applicant.name = m["name"].as_str().unwrap_or_default().into();
        applicant.phone = m["phone"].as_str().unwrap_or_default().into();
        applicant.id_number = m["id_number"].as_str().map(str::to_string);
        applicant.legal_representative = m["legal_representative"].as_str().map(str::to_string);
    }
    TicketDraftView {
        ticket_id: d.ticket_id,
        matter: d.matter.to_string(),
        matter_name: matter_name(doc, d.matter.as_str()),
        applicant,
        updated_at: d.updated_at,
    }
}

/// `PUT /api/v1/tickets/{id}/draft`: the kiosk that issued the ticket (or a clerk) saves what
/// the citizen filled in. Only while the ticket is still active today.
pub async fn put(
    ctx: &AppContext,
    who: &Principal,
    ticket_id: i64,
    req: TicketDraftRequest,
) -> AppResult<TicketDraftView> {
    who.require_any(&[Role::Kiosk, Role::Clerk])?;
    let applicant = parse_applicant(&req.applicant)?;
    let mut tx = ctx.store.begin_write().await?;
    let not_found = || AppError::not_found(format!("没有编号为 {ticket_id} 的号票"));
    let ticket = tx.get_ticket(ticket_id).await?.ok_or_else(not_found)?;
    if who.has(Role::Kiosk) && ticket.issuer != who.issuer_key() {
        return Err(not_found());
    }
    let active = matches!(
        ticket.status,
        TicketStatus::Waiting | TicketStatus::Called | TicketStatus::Serving
    );
    if !active || ticket.service_day != ctx.today() {
        return Err(AppError::new(
            ErrorCode::IllegalTransition,
            format!("{} 号已不在排队中，不能再填写预填信息", ticket.number),
        ));
    }
    let doc = catalog(tx.as_mut()).await?;
    let code = req.matter.trim();
    find_target(&doc, code)?;
    let draft = TicketDraftRow {
        ticket_id,
        matter: MatterCode::parse(code).map_err(|e| AppError::invalid(e.to_string()))?,
        applicant,
        updated_at: ctx.clock.now(),
    };
    tx.put_ticket_draft(&draft).await?;
    tx.commit().await?;
    Ok(view(&doc, &draft, who.has(Role::Clerk)))
}

/// `GET /api/v1/tickets/{id}/draft`: the clerk opens the intake with what the citizen filled in.
pub async fn get(ctx: &AppContext, who: &Principal, ticket_id: i64) -> AppResult<TicketDraftView> {
    who.require_any(&[Role::Clerk])?;
    let mut tx = ctx.store.begin_read().await?;
    let draft = tx
        .ticket_draft(ticket_id)
        .await?
        .ok_or_else(|| AppError::not_found(format!("号票 {ticket_id} 没有预填信息")))?;
    let doc = catalog(tx.as_mut()).await?;
    Ok(view(&doc, &draft, true))
}
