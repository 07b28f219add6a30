use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, Auth};
use crate::service;
use crate::service::ticket_ops::Op;
use crate::service::tickets::IssueTicket;
use crate::service::views::{
    IssueTicketRequest, PublicTicketView, SlipStatusRequest, TicketView, TransferRequest,
};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Takes a queue ticket (kiosk device or clerk), by category or by matter. Send an
/// `Idempotency-Key` header: a retried or doubled request returns the ticket of the first one
/// (200) instead of a second ticket.
#[utoipa::path(post, path = "/api/v1/tickets", tag = "queue",
    security(("bearer" = [])),
    request_body = IssueTicketRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–128 visible ASCII characters, unique per request")),
    responses(
        (status = 201, description = "A new ticket", body = TicketView),
        (status = 200, description = "The ticket an earlier request with the same key created", body = TicketView),
        (status = 409, description = "This ID number already holds an active ticket of this category", body = ApiError),
        (status = 422, body = ApiError), (status = 401, body = ApiError), (status = 403, body = ApiError),
    ))]
pub async fn issue(
    State(ctx): State<AppContext>,
    auth: Auth,
    headers: HeaderMap,
    ApiJson(req): ApiJson<IssueTicketRequest>,
) -> Result<Response, AppError> {
    let idempotency_key = match headers.get("idempotency-key") {
        None => None,
        Some(v) => Some(
            v.to_str()
                .map_err(|_| AppError::invalid("Idempotency-Key 须为可见 ASCII 字符"))?
                .to_string(),
        ),
    };
    let issued = service::tickets::issue(
        &ctx,
        &auth.principal,
        IssueTicket {
            category: req.category,
            matter: req.matter,
            id_number: req.id_number,
            green: req.green,
            idempotency_key,
        },
    )
    .await?;
    let status = if issued.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(issued.ticket)).into_response())
}

/// One ticket with its position in the queue.
#[utoipa::path(get, path = "/api/v1/tickets/{id}", tag = "queue",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = TicketView), (status = 404, body = ApiError)))]
pub async fn get(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<TicketView>, AppError> {
    Ok(Json(
        service::tickets::get(&ctx, &auth.principal, id).await?,
    ))
}

/// Public: a ticket's live position, opened from the QR code on its slip. No personal data.
#[utoipa::path(get, path = "/api/v1/track/ticket/{code}", tag = "public",
    params(("code" = String, Path, description = "The ticket's track code")),
    responses((status = 200, body = PublicTicketView), (status = 404, body = ApiError)))]
pub async fn track(
    State(ctx): State<AppContext>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<PublicTicketView>, AppError> {
    Ok(Json(service::tickets::track(&ctx, &code).await?))
}

/// Reports whether the slip printed; a failed slip is kept for reprinting.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/slip-status", tag = "queue",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = SlipStatusRequest,
    responses((status = 200, body = TicketView), (status = 404, body = ApiError)))]
pub async fn slip_status(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<SlipStatusRequest>,
) -> Result<Json<TicketView>, AppError> {
    Ok(Json(
        service::ticket_ops::set_slip_status(&ctx, &auth.principal, id, &req).await?,
    ))
}

macro_rules! ticket_op {
    ($name:ident, $path:literal, $op:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "queue",
            security(("bearer" = [])),
            params(("id" = i64, Path)),
            responses(
                (status = 200, body = TicketView),
                (status = 409, description = "Not allowed in the ticket's current state", body = ApiError),
                (status = 403, body = ApiError), (status = 404, body = ApiError),
            ))]
        pub async fn $name(
            State(ctx): State<AppContext>,
            auth: Auth,
            ApiPath(id): ApiPath<i64>,
        ) -> Result<Json<TicketView>, AppError> {
            Ok(Json(service::ticket_ops::act(&ctx, &auth.principal, id, $op).await?))
        }
    };
}

ticket_op!(
    recall,
    "/api/v1/tickets/{id}/recall",
    Op::Recall,
    "Announces a called ticket again (the clerk holding it)."
);
ticket_op!(
    start,
    "/api/v1/tickets/{id}/start",
    Op::Start,
    "The citizen arrived at the counter: service starts."
);
ticket_op!(
    finish,
    "/api/v1/tickets/{id}/finish",
    Op::Finish,
    "Service finished."
);
ticket_op!(
    no_show,
    "/api/v1/tickets/{id}/no-show",
    Op::NoShow,
    "The citizen did not come after the configured number of recalls."
);
ticket_op!(
    reinstate,
    "/api/v1/tickets/{id}/reinstate",
    Op::Reinstate,
    "A no-show came back the same day: back into the line (at its end)."
);

/// Sends a called ticket to another category's line or to one counter, keeping its original
/// issue time.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/transfer", tag = "queue",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = TransferRequest,
    responses((status = 200, body = TicketView), (status = 409, body = ApiError),
        (status = 422, body = ApiError), (status = 403, body = ApiError)))]
pub async fn transfer(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<TransferRequest>,
) -> Result<Json<TicketView>, AppError> {
    Ok(Json(
        service::ticket_ops::act(&ctx, &auth.principal, id, Op::Transfer(req)).await?,
    ))
}
