//! Cases (办件): intake at the counter, the departments' approval queues, supplements.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::service;
use crate::service::cases::{Accepted, TaskCommand};
use crate::service::views::{
    CaseView, CreateCaseRequest, DepartmentQueueView, MaterialsIncompleteError, NoticeView,
    OverdueRow, RefuseIntakeRequest, SupplementRequest, TaskActionRequest, TaskView,
};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::IntoParams;

fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, AppError> {
    headers
        .get("idempotency-key")
        .map(|v| {
            v.to_str()
                .map(str::to_string)
                .map_err(|_| AppError::invalid("Idempotency-Key 须为可见 ASCII 字符"))
        })
        .transpose()
}

/// `422` from `POST /api/v1/cases`: the materials are incomplete (with the one-time notice),
/// or the input is invalid (`{code, message}`).
#[derive(serde::Serialize, utoipa::ToSchema)]
#[serde(untagged)]
#[allow(dead_code)]
pub enum CaseRefusal {
    Incomplete(MaterialsIncompleteError),
    Invalid(ApiError),
}

/// Clerk: accepts any matter or bundle against its materials checklist (无差别全科受理). All
/// required materials provided → 受理; only deferrable ones missing → 容缺受理 with a pledge
/// deadline; otherwise no case and `422 materials_incomplete` with every missing item and the
/// id of the recorded one-time notice (一次性告知). Send an `Idempotency-Key`.
#[utoipa::path(post, path = "/api/v1/cases", tag = "cases",
    security(("bearer" = [])),
    request_body = CreateCaseRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–128 visible ASCII characters, unique per request")),
    responses(
        (status = 201, description = "Accepted and routed", body = CaseView),
        (status = 200, description = "The case an earlier request with the same key created", body = CaseView),
        (status = 422, description = "Materials incomplete (the one-time notice was recorded), or invalid input", body = CaseRefusal),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
    ))]
pub async fn create(
    State(ctx): State<AppContext>,
    auth: Auth,
    headers: HeaderMap,
    ApiJson(req): ApiJson<CreateCaseRequest>,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    Ok(
        match service::cases::accept(&ctx, &auth.principal, req, key).await? {
            Accepted::Case { case, created } => {
                let status = if created {
                    StatusCode::CREATED
                } else {
                    StatusCode::OK
                };
                (status, Json(*case)).into_response()
            }
            Accepted::Incomplete(body) => {
                (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
            }
        },
    )
}

/// Staff: a case with its materials, tasks, suspensions and full history.
#[utoipa::path(get, path = "/api/v1/cases/{case_no}", tag = "cases",
    security(("bearer" = [])),
    params(("case_no" = String, Path, description = "e.g. 20261127-00001")),
    responses((status = 200, body = CaseView), (status = 404, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn get(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(case_no): ApiPath<String>,
) -> Result<Json<CaseView>, AppError> {
    Ok(Json(
        service::cases::get(&ctx, &auth.principal, &case_no).await?,
    ))
}

/// Clerk, at any counter: the applicant supplies what a return (补正) asked for, or the
/// materials deferred under a pledge. Returned tasks resume their clocks.
#[utoipa::path(post, path = "/api/v1/cases/{case_no}/supplement", tag = "cases",
    security(("bearer" = [])),
    params(("case_no" = String, Path)),
    request_body = SupplementRequest,
    responses((status = 200, body = CaseView), (status = 404, body = ApiError),
        (status = 409, description = "Nothing to supplement, or the case is closed", body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn supplement(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(case_no): ApiPath<String>,
    ApiJson(req): ApiJson<SupplementRequest>,
) -> Result<Json<CaseView>, AppError> {
    Ok(Json(
        service::cases::supplement(&ctx, &auth.principal, &case_no, req).await?,
    ))
}

/// Clerk: 不予受理 — the matter is outside this hall's remit; the notice names where to apply.
#[utoipa::path(post, path = "/api/v1/intake/refusals", tag = "cases",
    security(("bearer" = [])),
    request_body = RefuseIntakeRequest,
    responses((status = 201, body = NoticeView), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn refuse(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiJson(req): ApiJson<RefuseIntakeRequest>,
) -> Result<(StatusCode, Json<NoticeView>), AppError> {
    let notice = service::cases::refuse(&ctx, &auth.principal, req).await?;
    Ok((StatusCode::CREATED, Json(notice)))
}

/// Clerk: a one-time notice (一次性告知) or refusal notice again, to show or print.
#[utoipa::path(get, path = "/api/v1/intake/notices/{id}", tag = "cases",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = NoticeView), (status = 404, body = ApiError)))]
pub async fn notice(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<NoticeView>, AppError> {
    Ok(Json(
        service::cases::get_notice(&ctx, &auth.principal, id).await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QueueQuery {
    /// Admins only: another department's queue (approvers always see their own).
    department: Option<String>,
    /// Also list decided tasks.
    #[serde(default)]
    include_done: bool,
}

/// Approver: the department's approval queue, soonest legal deadline first, with lights.
#[utoipa::path(get, path = "/api/v1/tasks", tag = "cases",
    security(("bearer" = [])),
    params(QueueQuery),
    responses((status = 200, body = DepartmentQueueView), (status = 401, body = ApiError),
        (status = 403, body = ApiError)))]
pub async fn queue(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<QueueQuery>,
) -> Result<Json<DepartmentQueueView>, AppError> {
    Ok(Json(
        service::cases::department_queue(
            &ctx,
            &auth.principal,
            q.department.as_deref(),
            q.include_done,
        )
        .await?,
    ))
}

/// Approver or admin: open, yellow and red tasks per department.
#[utoipa::path(get, path = "/api/v1/reports/overdue", tag = "cases",
    security(("bearer" = [])),
    responses((status = 200, body = Vec<OverdueRow>), (status = 403, body = ApiError)))]
pub async fn overdue(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<Vec<OverdueRow>>, AppError> {
    Ok(Json(
        service::cases::overdue_report(&ctx, &auth.principal).await?,
    ))
}

async fn act(
    ctx: AppContext,
    auth: Auth,
    id: i64,
    cmd: TaskCommand,
) -> Result<Json<TaskView>, AppError> {
    Ok(Json(
        service::cases::act(&ctx, &auth.principal, id, cmd).await?,
    ))
}

/// Approver: claims a task of the department's queue; atomic, one approver per task.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/claim", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = TaskView), (status = 404, body = ApiError),
        (status = 409, description = "Already claimed, or not in the queue", body = ApiError)))]
pub async fn claim(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TaskView>, AppError> {
    act(ctx, auth, id, TaskCommand::Claim).await
}

/// Approver: puts a claimed task back into the queue.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/release", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = TaskView), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
pub async fn release(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TaskView>, AppError> {
    act(ctx, auth, id, TaskCommand::Release).await
}

/// Approver: approves a claimed task with an opinion (`{"opinion": …}`).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/approve", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = TaskActionRequest,
    responses((status = 200, body = TaskView), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn approve(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TaskActionRequest>,
) -> Result<Json<TaskView>, AppError> {
    let opinion = req.opinion.unwrap_or_default();
    act(ctx, auth, id, TaskCommand::Approve { opinion }).await
}

/// Approver: rejects a claimed task with a reason (`{"reason": …}`).
#[utoipa::path(post, path = "/api/v1/tasks/{id}/reject", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = TaskActionRequest,
    responses((status = 200, body = TaskView), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn reject(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TaskActionRequest>,
) -> Result<Json<TaskView>, AppError> {
    let reason = req.reason.unwrap_or_default();
    act(ctx, auth, id, TaskCommand::Reject { reason }).await
}

/// Approver: returns a claimed task for 补正 (`{"items": […]}`); its clock stops until the
/// applicant supplies the items at any counter.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/return", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = TaskActionRequest,
    responses((status = 200, body = TaskView), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn return_for_supplement(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TaskActionRequest>,
) -> Result<Json<TaskView>, AppError> {
    let items = req.items.unwrap_or_default();
    act(ctx, auth, id, TaskCommand::Return { items }).await
}

/// Approver: extends the legal deadline of a claimed task (`{"days": n, "reason": …}`),
/// within the matter's legal extension, once.
#[utoipa::path(post, path = "/api/v1/tasks/{id}/extend", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = TaskActionRequest,
    responses((status = 200, body = TaskView), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn extend(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TaskActionRequest>,
) -> Result<Json<TaskView>, AppError> {
    let cmd = TaskCommand::Extend {
        days: req.days.unwrap_or(0),
        reason: req.reason.unwrap_or_default(),
    };
    act(ctx, auth, id, cmd).await
}

/// Kiosk (the one that issued the ticket) or clerk: saves what the citizen filled in while
/// waiting (智能自助: the matter and the applicant); the clerk's intake starts from it.
#[utoipa::path(put, path = "/api/v1/tickets/{id}/draft", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    request_body = service::cases::drafts::TicketDraftRequest,
    responses((status = 200, body = service::cases::drafts::TicketDraftView),
        (status = 404, body = ApiError), (status = 409, description = "The ticket is no longer active", body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn put_draft(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<service::cases::drafts::TicketDraftRequest>,
) -> Result<Json<service::cases::drafts::TicketDraftView>, AppError> {
    Ok(Json(
        service::cases::drafts::put(&ctx, &auth.principal, id, req).await?,
    ))
}

/// Clerk: the draft a ticket carries, in full.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/draft", tag = "cases",
    security(("bearer" = [])), params(("id" = i64, Path)),
    responses((status = 200, body = service::cases::drafts::TicketDraftView),
        (status = 404, body = ApiError)))]
pub async fn get_draft(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<service::cases::drafts::TicketDraftView>, AppError> {
    Ok(Json(
        service::cases::drafts::get(&ctx, &auth.principal, id).await?,
    ))
}

/// Public: a case's progress from the tracking code printed (as a QR) on every paper — the
/// timeline, departments and due date; names masked, no ID or phone numbers.
#[utoipa::path(get, path = "/api/v1/track/{code}", tag = "public",
    params(("code" = String, Path, description = "The case's tracking code")),
    responses((status = 200, body = service::cases::track::CaseTrackView),
        (status = 404, body = ApiError)))]
pub async fn track(
    State(ctx): State<AppContext>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<service::cases::track::CaseTrackView>, AppError> {
    Ok(Json(service::cases::track::track(&ctx, &code).await?))
}

fn pdf_response(pdf: Vec<u8>, filename: &str) -> Response {
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_string(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{filename}\""),
            ),
        ],
        pdf,
    )
        .into_response()
}

/// Staff: a paper of the case as an A4 PDF, sealed (the QR opens the tracking page and carries
/// a signature): `acceptance.pdf` (受理 or 容缺受理通知书), `correction.pdf` (补正通知书 of the
/// latest return) or `completion.pdf` (办结通知书, once decided). The same record gives the same
/// document.
#[utoipa::path(get, path = "/api/v1/cases/{case_no}/documents/{file}", tag = "cases",
    security(("bearer" = [])),
    params(("case_no" = String, Path),
        ("file" = String, Path, description = "`{kind}.pdf`: acceptance.pdf, correction.pdf or completion.pdf")),
    responses(
        (status = 200, description = "The document", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = ApiError),
        (status = 409, description = "Not decided yet (completion)", body = ApiError)))]
pub async fn document(
    State(ctx): State<AppContext>,
    auth: Auth,
    headers: HeaderMap,
    ApiPath((case_no, file)): ApiPath<(String, String)>,
) -> Result<Response, AppError> {
    let kind = file
        .strip_suffix(".pdf")
        .and_then(service::documents::CaseDocument::parse)
        .ok_or_else(|| {
            AppError::not_found("文书只有 acceptance.pdf、correction.pdf 和 completion.pdf")
        })?;
    let base = crate::http::routes::printing::base_url(&ctx, &headers);
    let pdf =
        service::documents::case_document(&ctx, &auth.principal, &case_no, kind, &base).await?;
    Ok(pdf_response(pdf, &format!("{case_no}-{file}")))
}

/// Clerk: a notice given without a case as an A4 PDF — 一次性告知书 or 不予受理通知书 — sealed.
#[utoipa::path(get, path = "/api/v1/intake/notices/{id}/document.pdf", tag = "cases",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The notice", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = ApiError)))]
pub async fn notice_document(
    State(ctx): State<AppContext>,
    auth: Auth,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<Response, AppError> {
    let base = crate::http::routes::printing::base_url(&ctx, &headers);
    let pdf = service::documents::notice_document(&ctx, &auth.principal, id, &base).await?;
    Ok(pdf_response(pdf, &format!("notice-{id}.pdf")))
}

/// Output window: decided cases waiting to go out (and mailed ones not yet delivered).
#[utoipa::path(get, path = "/api/v1/output", tag = "cases",
    security(("bearer" = [])),
    responses((status = 200, body = [service::cases::output::OutputItemView]),
        (status = 403, body = ApiError)))]
pub async fn output_queue(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<Vec<service::cases::output::OutputItemView>>, AppError> {
    Ok(Json(
        service::cases::output::queue(&ctx, &auth.principal).await?,
    ))
}

/// Output window: hands the result over — `{"method": "pickup", "recipient_name",
/// "recipient_id_number"}` (closes the case) or `{"method": "mail", "carrier", "waybill_no"}`.
#[utoipa::path(post, path = "/api/v1/cases/{case_no}/handover", tag = "cases",
    security(("bearer" = [])), params(("case_no" = String, Path)),
    request_body = service::cases::output::HandoverRequest,
    responses((status = 200, body = service::cases::output::OutputItemView),
        (status = 404, body = ApiError),
        (status = 409, description = "Not decided, or already handed over", body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn handover(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(case_no): ApiPath<String>,
    ApiJson(req): ApiJson<service::cases::output::HandoverRequest>,
) -> Result<Json<service::cases::output::OutputItemView>, AppError> {
    Ok(Json(
        service::cases::output::hand_over(&ctx, &auth.principal, &case_no, req).await?,
    ))
}

/// Output window: the mailed result was delivered; closes the case.
#[utoipa::path(post, path = "/api/v1/cases/{case_no}/delivered", tag = "cases",
    security(("bearer" = [])), params(("case_no" = String, Path)),
    responses((status = 200, body = service::cases::output::OutputItemView),
        (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn delivered(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(case_no): ApiPath<String>,
) -> Result<Json<service::cases::output::OutputItemView>, AppError> {
    Ok(Json(
        service::cases::output::delivered(&ctx, &auth.principal, &case_no).await?,
    ))
}
