//! 好差评: ratings of served tickets and completed cases, and the follow-ups of bad reviews.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::service;
use crate::service::ratings::{
    FollowUpCloseRequest, FollowUpCommand, FollowUpReplyRequest, FollowUpView, RateRequest,
    RatingQuery, RatingReceipt, RatingReport,
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

/// Rates one service, 1–5, once (一次一评, 一事一评). Name exactly one subject:
/// `ticket_id` — a finished ticket, from the kiosk or the evaluation screen of the counter that
/// served it (its clerk's token); `case_no` — a decided case, from the kiosk or staff;
/// `tracking_code` — a decided case, publicly without a token (the QR on its papers). The
/// rating records the counter, clerk and matter. Levels 1–2 open a follow-up for the hall's
/// admin, due in working days. A second rating of the same service is `409 already_rated`;
/// send an `Idempotency-Key` so that a retried request returns the first rating (200).
/// The answer carries no personal data.
#[utoipa::path(post, path = "/api/v1/ratings", tag = "ratings",
    security((), ("bearer" = [])),
    request_body = RateRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–128 visible ASCII characters, unique per request")),
    responses(
        (status = 201, description = "Rated", body = RatingReceipt),
        (status = 200, description = "The rating an earlier request with the same key created", body = RatingReceipt),
        (status = 409, description = "`already_rated`, or `illegal_transition`: the ticket is not finished or the case not decided", body = ApiError),
        (status = 422, description = "Level outside 1–5, not exactly one subject, comment too long", body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError),
    ))]
pub async fn rate(
    State(ctx): State<AppContext>,
    auth: Option<Auth>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<RateRequest>,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    let rated = service::ratings::rate(&ctx, auth.as_ref().map(|a| &a.principal), req, key).await?;
    let status = if rated.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(rated.rating)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RatingsQuery {
    /// First day (the hall's local date, `2026-09-25`), inclusive.
    from: Option<String>,
    /// Last day, inclusive.
    to: Option<String>,
    /// Counter code.
    counter: Option<String>,
    /// The clerk's user id.
    clerk: Option<i64>,
    /// Matter (or bundle) code.
    matter: Option<String>,
    /// 1–5.
    level: Option<i64>,
}

/// Admin: ratings, newest first, with totals per level over everything that matches.
#[utoipa::path(get, path = "/api/v1/ratings", tag = "ratings",
    security(("bearer" = [])),
    params(RatingsQuery),
    responses((status = 200, body = RatingReport), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<RatingsQuery>,
) -> Result<Json<RatingReport>, AppError> {
    Ok(Json(
        service::ratings::report(
            &ctx,
            &auth.principal,
            RatingQuery {
                from: q.from,
                to: q.to,
                counter: q.counter,
                clerk: q.clerk,
                matter: q.matter,
                level: q.level,
            },
        )
        .await?,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FollowUpsQuery {
    /// `open`, `replied` or `closed`.
    state: Option<String>,
    /// Only overdue ones (`true`) or only those not overdue (`false`).
    overdue: Option<bool>,
}

/// Admin: follow-ups of bad reviews, soonest deadline first; `overdue` is true past the
/// deadline until closed.
#[utoipa::path(get, path = "/api/v1/follow-ups", tag = "ratings",
    security(("bearer" = [])),
    params(FollowUpsQuery),
    responses((status = 200, body = Vec<FollowUpView>), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn follow_ups(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<FollowUpsQuery>,
) -> Result<Json<Vec<FollowUpView>>, AppError> {
    Ok(Json(
        service::ratings::follow_ups(&ctx, &auth.principal, q.state.as_deref(), q.overdue).await?,
    ))
}

/// Admin: answers a bad review (required before closing).
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/reply", tag = "ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = FollowUpReplyRequest,
    responses((status = 200, body = FollowUpView),
        (status = 409, description = "Already answered or closed", body = ApiError),
        (status = 422, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn reply(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<FollowUpReplyRequest>,
) -> Result<Json<FollowUpView>, AppError> {
    Ok(Json(
        service::ratings::act(&ctx, &auth.principal, id, FollowUpCommand::Reply(req.reply)).await?,
    ))
}

/// Admin: closes an answered follow-up, with an optional note.
#[utoipa::path(post, path = "/api/v1/follow-ups/{id}/close", tag = "ratings",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = FollowUpCloseRequest,
    responses((status = 200, body = FollowUpView),
        (status = 409, description = "Not answered yet, or already closed", body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn close(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<FollowUpCloseRequest>,
) -> Result<Json<FollowUpView>, AppError> {
    Ok(Json(
        service::ratings::act(&ctx, &auth.principal, id, FollowUpCommand::Close(req.note)).await?,
    ))
}
