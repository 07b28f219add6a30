use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiPath, Auth};
use crate::service;
use crate::service::views::{CallNextResponse, CounterDeskView, CounterSessionView};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Calls the next waiting ticket to this counter (clerk). Opens the clerk's session at the
/// counter if it is free. 204 when nobody waits.
#[utoipa::path(post, path = "/api/v1/counters/{counter}/call-next", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path, description = "Counter code, e.g. 3")),
    responses(
        (status = 200, body = CallNextResponse),
        (status = 204, description = "Nobody is waiting for this counter"),
        (status = 409, description = "Another clerk holds the counter, it is paused, or its current ticket is unfinished", body = ApiError),
        (status = 404, body = ApiError), (status = 403, body = ApiError),
    ))]
pub async fn call_next(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<Response, AppError> {
    match service::counters::call_next(&ctx, &auth.principal, &counter).await? {
        Some(called) => Ok(Json(called).into_response()),
        None => Ok(StatusCode::NO_CONTENT.into_response()),
    }
}

/// The clerk opens the counter: one clerk per counter, one counter per clerk.
#[utoipa::path(post, path = "/api/v1/counters/{counter}/session", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path)),
    responses((status = 200, body = CounterSessionView), (status = 409, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn open_session(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<Json<CounterSessionView>, AppError> {
    Ok(Json(
        service::counters::open_session(&ctx, &auth.principal, &counter).await?,
    ))
}

/// The clerk leaves the counter (its current ticket must be dealt with first).
#[utoipa::path(delete, path = "/api/v1/counters/{counter}/session", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path)),
    responses((status = 204), (status = 409, body = ApiError), (status = 403, body = ApiError)))]
pub async fn close_session(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<StatusCode, AppError> {
    service::counters::close_session(&ctx, &auth.principal, &counter).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Pauses calling at this counter (break, meeting); waiting tickets go to other counters.
#[utoipa::path(post, path = "/api/v1/counters/{counter}/pause", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path)),
    responses((status = 200, body = CounterSessionView), (status = 409, body = ApiError)))]
pub async fn pause(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<Json<CounterSessionView>, AppError> {
    Ok(Json(
        service::counters::set_paused(&ctx, &auth.principal, &counter, true).await?,
    ))
}

/// Resumes calling at this counter.
#[utoipa::path(post, path = "/api/v1/counters/{counter}/resume", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path)),
    responses((status = 200, body = CounterSessionView), (status = 409, body = ApiError)))]
pub async fn resume(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<Json<CounterSessionView>, AppError> {
    Ok(Json(
        service::counters::set_paused(&ctx, &auth.principal, &counter, false).await?,
    ))
}

/// The counter screen: session, current ticket, waiting lines with their waits.
#[utoipa::path(get, path = "/api/v1/counters/{counter}/desk", tag = "queue",
    security(("bearer" = [])),
    params(("counter" = String, Path)),
    responses((status = 200, body = CounterDeskView), (status = 404, body = ApiError)))]
pub async fn desk(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(counter): ApiPath<String>,
) -> Result<Json<CounterDeskView>, AppError> {
    Ok(Json(
        service::counters::desk(&ctx, &auth.principal, &counter).await?,
    ))
}
