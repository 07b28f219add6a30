use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, Auth};
use crate::service;
use crate::service::tickets::IssueTicket;
use crate::service::views::{CallNextResponse, IssueTicketRequest, TicketView};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Takes a queue ticket (kiosk device or clerk). Send an `Idempotency-Key` header: a retried
/// or doubled request returns the ticket of the first one (200) instead of a second ticket.
#[utoipa::path(post, path = "/api/v1/tickets", tag = "queue",
    security(("bearer" = [])),
    request_body = IssueTicketRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–128 visible ASCII characters, unique per request")),
    responses(
        (status = 201, description = "A new ticket", body = TicketView),
        (status = 200, description = "The ticket an earlier request with the same key created", body = TicketView),
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

/// Calls the next waiting ticket to this counter (clerk). 204 when nobody waits.
#[utoipa::path(post, path = "/api/v1/counters/{counter}/call-next", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path, description = "Counter code, e.g. 3")),
    responses(
        (status = 200, body = CallNextResponse),
        (status = 204, description = "Nobody is waiting for this counter"),
        (status = 404, body = ApiError), (status = 403, body = ApiError),
    ))]
pub async fn call_next(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<Response, AppError> {
    match service::tickets::call_next(&ctx, &auth.principal, &counter).await? {
        Some(called) => Ok(Json(called).into_response()),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}
