//! Request extractors that turn every failure into `{code, message}`.

use crate::context::AppContext;
use crate::error::AppError;
use crate::service::{self, Principal};
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

/// A JSON body; a malformed one is refused with a Chinese message.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(AppError))]
pub struct ApiJson<T>(pub T);

/// Path parameters, refused in the same way.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Path), rejection(AppError))]
pub struct ApiPath<T>(pub T);

/// Query parameters, refused in the same way.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct ApiQuery<T>(pub T);

/// The authenticated caller. The token comes from `Authorization: Bearer …`, or from the
/// `access_token` query parameter for EventSource, which cannot send headers.
pub struct Auth {
    pub principal: Principal,
    pub token: String,
}

fn bearer(parts: &Parts) -> Option<String> {
    let value = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))?;
    Some(token.trim().to_string())
}

fn query_token(parts: &Parts) -> Option<String> {
    let query = parts.uri.query()?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == "access_token").then(|| v.to_string())
    })
}

/// Tells the audit layer who makes this request.
fn remember(parts: &Parts, principal: &Principal) {
    if let Some(slot) = parts.extensions.get::<crate::http::audit::AuditSlot>() {
        slot.set(principal);
    }
}

impl FromRequestParts<AppContext> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, ctx: &AppContext) -> Result<Self, AppError> {
        let token = bearer(parts)
            .or_else(|| query_token(parts))
            .ok_or_else(AppError::unauthenticated)?;
        let principal = service::auth::authenticate(ctx, &token).await?;
        remember(parts, &principal);
        Ok(Auth { principal, token })
    }
}

/// `Option<Auth>`: no token at all is `None` (a public request); a token that is not valid is
/// still refused.
impl OptionalFromRequestParts<AppContext> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        ctx: &AppContext,
    ) -> Result<Option<Self>, AppError> {
        let Some(token) = bearer(parts).or_else(|| query_token(parts)) else {
            return Ok(None);
        };
        let principal = service::auth::authenticate(ctx, &token).await?;
        remember(parts, &principal);
        Ok(Some(Auth { principal, token }))
    }
}
