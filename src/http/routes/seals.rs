//! The seal on the hall's documents: public keys for offline verifiers, and verification.

use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::ApiJson;
use crate::service;
use crate::service::seals::{PublishedKey, VerifyRequest, VerifyView};
use axum::extract::State;
use axum::Json;

/// Public: every public key the hall has sealed documents with (Ed25519), including retired
/// and revoked ones, so a verifier can check a document offline.
#[utoipa::path(get, path = "/api/v1/keys", tag = "public",
    responses((status = 200, body = [PublishedKey])))]
pub async fn keys(State(ctx): State<AppContext>) -> Json<Vec<PublishedKey>> {
    Json(ctx.seals.published())
}

/// Public: checks what a document's QR code says — `authentic`, `altered`, `unknown_key`,
/// `revoked` or `malformed`.
#[utoipa::path(post, path = "/api/v1/verify", tag = "public",
    request_body = VerifyRequest,
    responses((status = 200, body = VerifyView), (status = 422, body = ApiError)))]
pub async fn verify(
    State(ctx): State<AppContext>,
    ApiJson(req): ApiJson<VerifyRequest>,
) -> Result<Json<VerifyView>, AppError> {
    Ok(Json(service::seals::verify(&ctx, None, &req.qr)?))
}
