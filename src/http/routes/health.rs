use crate::context::AppContext;
use crate::error::{AppError, ErrorCode};
use crate::http::error::ApiError;
use axum::extract::State;
use axum::Json;
use serde::Serialize;
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
