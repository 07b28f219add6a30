use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiJson, Auth};
use crate::http::request_id::ClientAddr;
use crate::service;
use crate::service::login_limit::Blocked;
use crate::service::views::{LoginRequest, LoginResponse, MeView};
use axum::extract::State;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;

/// Staff log-in: a bearer token that expires after a working day.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth",
    request_body = LoginRequest,
    responses(
        (status = 200, body = LoginResponse),
        (status = 401, description = "用户名或密码不正确", body = ApiError),
        (status = 429, description = "登录失败次数过多：稍后再试（Retry-After 秒）", body = ApiError),
    ))]
pub async fn login(
    State(ctx): State<AppContext>,
    ClientAddr(client): ClientAddr,
    ApiJson(req): ApiJson<LoginRequest>,
) -> Result<Json<LoginResponse>, Response> {
    match service::auth::login(&ctx, &req.username, &req.password, client).await {
        Ok(r) => Ok(Json(r)),
        Err(e) => {
            let retry_after = e
                .source
                .as_ref()
                .and_then(|s| s.downcast_ref::<Blocked>())
                .map(Blocked::seconds);
            let mut response = e.into_response();
            if let Some(secs) = retry_after {
                response
                    .headers_mut()
                    .insert(RETRY_AFTER, HeaderValue::from(secs));
            }
            Err(response)
        }
    }
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
