use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::Auth;
use crate::service;
use crate::service::views::QueueView;
use axum::extract::State;
use axum::Json;

/// Waiting per category, now serving per counter, the latest calls.
#[utoipa::path(get, path = "/api/v1/queue", tag = "queue",
    security(("bearer" = [])),
    responses((status = 200, body = QueueView), (status = 401, body = ApiError)))]
pub async fn snapshot(
    State(ctx): State<AppContext>,
    auth: Auth,
) -> Result<Json<QueueView>, AppError> {
    Ok(Json(service::queue::snapshot(&ctx, &auth.principal).await?))
}
