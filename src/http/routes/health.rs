use crate::context::AppContext;
use crate::error::{AppError, ErrorCode};
use crate::http::error::ApiError;
use crate::http::metrics::HttpMetrics;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::response::IntoResponse;
use axum::{Extension, Json};
use serde::Serialize;
use std::sync::Arc;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Health {
    pub status: String,
    pub database: String,
    pub backend: String,
}

/// Liveness and database reachability.
#[utoipa::path(get, path = "/healthz", tag = "ops",
    responses((status = 200, body = Health), (status = 503, body = ApiError)))]
pub async fn healthz(State(ctx): State<AppContext>) -> Result<Json<Health>, AppError> {
    ctx.store.ping().await.map_err(|e| AppError {
        code: ErrorCode::DatabaseUnavailable,
        message: "数据库暂时无法访问".into(),
        source: Some(e.into()),
    })?;
    Ok(Json(Health {
        status: "ok".into(),
        database: "ok".into(),
        backend: ctx.store.backend().into(),
    }))
}

/// Prometheus metrics (text format 0.0.4): requests and durations by method and route
/// template, tickets waiting today per category, open tasks by light, database reachability,
/// the build. No personal data; no token needed.
#[utoipa::path(get, path = "/metrics", tag = "ops",
    responses((status = 200, description = "Prometheus text exposition format 0.0.4",
        body = String, content_type = "text/plain; version=0.0.4")))]
pub async fn metrics(
    State(ctx): State<AppContext>,
    Extension(http): Extension<Arc<HttpMetrics>>,
) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, crate::http::metrics::CONTENT_TYPE)],
        crate::http::metrics::render(&ctx, &http).await,
    )
}
