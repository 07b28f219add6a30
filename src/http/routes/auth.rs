use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, Auth};
use crate::service;
use crate::service::views::{LoginRequest, LoginResponse, MeView};
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;

/// Staff log-in: a bearer token that expires after a working day.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "用户名或密码不正确", body = ApiError),
    ))]
pub async fn login(
    State(ctx): State<AppContext>,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, AppError> {
    Ok(Json(
        service::auth::login(&ctx, &req.username, &req.password).await?,
    ))
}

/// Ends the session of the token used for this request.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth",
    security(("bearer" = [])),
    responses((status = 204), (status = 401, body = ApiError)))]
pub async fn logout(State(ctx): State<AppContext>, auth: Auth) -> Result<StatusCode, AppError> {
    service::auth::logout(&ctx, &auth.principal, &auth.token).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who the token belongs to: a staff member or a device.
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth",
    security(("bearer" = [])),
    responses((status = 200, body = MeView), (status = 401, body = ApiError)))]
pub async fn me(auth: Auth) -> Json<MeView> {
    Json(auth.principal.me())
}
