//! 网民留言: citizens' messages, their forwarding to departments, answers and publication.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, Auth};
use crate::service;
use crate::service::messages::{
    AnswerRequest, CloseRequest, ForwardRequest, MessageCommand, MessageReceipt, MessageTrack,
    MessageView, PublishedMessage, SubmitMessageRequest,
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

/// Leaves a message (咨询, 建议, 投诉), publicly or from a kiosk. The receipt carries the
/// message number and a secret query code, and echoes no personal data. Send an
/// `Idempotency-Key` so that a retried request returns the first receipt (200) instead of a
/// second message.
#[utoipa::path(post, path = "/api/v1/messages", tag = "messages",
    security((), ("bearer" = [])),
    request_body = SubmitMessageRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "1–128 visible ASCII characters, unique per request")),
    responses(
        (status = 201, description = "Received", body = MessageReceipt),
        (status = 200, description = "The receipt an earlier request with the same key got", body = MessageReceipt),
        (status = 409, description = "The key was used for another message", body = ApiError),
        (status = 422, description = "Unknown kind, title or body missing or too long, invalid phone", body = ApiError),
    ))]
pub async fn submit(
    State(ctx): State<AppContext>,
    auth: Option<Auth>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<SubmitMessageRequest>,
) -> Result<Response, AppError> {
    let key = idempotency_key(&headers)?;
    let who = auth.as_ref().map(|a| &a.principal);
    let done = service::messages::submit(&ctx, who, req, key).await?;
    let status = if done.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(done.receipt)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublishedQuery {
    /// `consultation`, `suggestion` or `complaint`.
    kind: Option<String>,
}

/// Published messages with their answers, most recent first: names masked, phones and ID
/// numbers in the text masked, no phone of the writer.
#[utoipa::path(get, path = "/api/v1/messages/published", tag = "messages",
    params(PublishedQuery),
    responses((status = 200, body = Vec<PublishedMessage>), (status = 422, body = ApiError)))]
pub async fn published(
    State(ctx): State<AppContext>,
    ApiQuery(q): ApiQuery<PublishedQuery>,
) -> Result<Json<Vec<PublishedMessage>>, AppError> {
    Ok(Json(
        service::messages::published(&ctx, q.kind.as_deref()).await?,
    ))
}

/// The citizen follows their message by the query code on the receipt; masked like the
/// published list.
#[utoipa::path(get, path = "/api/v1/messages/lookup/{code}", tag = "messages",
    params(("code" = String, Path, description = "The query code of the receipt")),
    responses((status = 200, body = MessageTrack), (status = 404, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn lookup(
    State(ctx): State<AppContext>,
    ApiPath(code): ApiPath<String>,
) -> Result<Json<MessageTrack>, AppError> {
    Ok(Json(service::messages::lookup(&ctx, &code).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MessagesQuery {
    /// `submitted`, `forwarded`, `answered`, `published` or `closed`.
    state: Option<String>,
    /// Only overdue ones (`true`) or only those not overdue (`false`).
    overdue: Option<bool>,
}

/// Staff: the admin sees every message, an approver those forwarded to their department;
/// soonest deadline first.
#[utoipa::path(get, path = "/api/v1/messages", tag = "messages",
    security(("bearer" = [])),
    params(MessagesQuery),
    responses((status = 200, body = Vec<MessageView>), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<MessagesQuery>,
) -> Result<Json<Vec<MessageView>>, AppError> {
    Ok(Json(
        service::messages::list(&ctx, &auth.principal, q.state.as_deref(), q.overdue).await?,
    ))
}

async fn act(
    ctx: AppContext,
    auth: Auth,
    id: i64,
    cmd: MessageCommand,
) -> Result<Json<MessageView>, AppError> {
    Ok(Json(
        service::messages::act(&ctx, &auth.principal, id, cmd).await?,
    ))
}

/// Admin: forwards a message to a department (转办), again if the first was the wrong one;
/// the answer is due the configured number of working days later.
#[utoipa::path(post, path = "/api/v1/messages/{id}/forward", tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = ForwardRequest,
    responses((status = 200, body = MessageView),
        (status = 409, description = "Already answered, published or closed", body = ApiError),
        (status = 422, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn forward(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<ForwardRequest>,
) -> Result<Json<MessageView>, AppError> {
    act(ctx, auth, id, MessageCommand::Forward(req)).await
}

/// An approver of the department it was forwarded to (or the admin) answers.
#[utoipa::path(post, path = "/api/v1/messages/{id}/answer", tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = AnswerRequest,
    responses((status = 200, body = MessageView),
        (status = 409, description = "Not forwarded, or already answered", body = ApiError),
        (status = 422, body = ApiError), (status = 403, description = "Another department's message", body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn answer(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<AnswerRequest>,
) -> Result<Json<MessageView>, AppError> {
    act(ctx, auth, id, MessageCommand::Answer(req)).await
}

/// Admin: publishes an answered message with its answer, de-identified as `public_preview`
/// of the message shows.
#[utoipa::path(post, path = "/api/v1/messages/{id}/publish", tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses((status = 200, body = MessageView),
        (status = 409, description = "Not answered yet, or already published or closed", body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn publish(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
) -> Result<Json<MessageView>, AppError> {
    act(ctx, auth, id, MessageCommand::Publish).await
}

/// Admin: closes a message that will not be answered (invalid or duplicate), with a reason.
#[utoipa::path(post, path = "/api/v1/messages/{id}/close", tag = "messages",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    request_body = CloseRequest,
    responses((status = 200, body = MessageView),
        (status = 409, description = "Already published or closed", body = ApiError),
        (status = 422, body = ApiError), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn close(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiPath(id): ApiPath<i64>,
    ApiJson(req): ApiJson<CloseRequest>,
) -> Result<Json<MessageView>, AppError> {
    act(ctx, auth, id, MessageCommand::Close(req)).await
}
