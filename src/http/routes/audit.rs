//! The audit chain for admins.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiQuery, Auth};
use crate::service;
use crate::service::audit::{AuditPage, AuditQuery};
use axum::extract::State;
use axum::Json;

/// Admin: the audit chain (审计链), newest first: every state change (actor `system`, the
/// event kind as action) and every staff or device request that changes something (actor
/// `user:<username>` or `device:<name>`, action `POST /api/v1/…` with the route, the path as
/// subject, the answer's status in the detail). Page back with `before` = the last seq seen.
#[utoipa::path(get, path = "/api/v1/audit", tag = "admin",
    security(("bearer" = [])),
    params(AuditQuery),
    responses((status = 200, body = AuditPage), (status = 422, body = ApiError),
        (status = 401, body = ApiError), (status = 403, body = ApiError)))]
pub async fn list(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<AuditPage>, AppError> {
    Ok(Json(service::audit::list(&ctx, &auth.principal, q).await?))
}
