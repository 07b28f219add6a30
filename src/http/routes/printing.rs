use crate::context::AppContext;
use crate::error::AppError;
use crate::http::error::ApiError;
use crate::http::extract::{ApiPath, ApiQuery, Auth};
use crate::service;
use axum::extract::State;
use axum::http::{header, HeaderMap};
use axum::response::IntoResponse;
use serde::Deserialize;
use utoipa::IntoParams;

/// Where links printed on paper point: the configured public URL, else the address the
/// terminal used to reach this server.
pub(crate) fn base_url(ctx: &AppContext, headers: &HeaderMap) -> String {
    if let Some(url) = &ctx.hall().public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("localhost");
    format!("http://{host}")
}

/// The ticket's 80 mm slip (PDF): number, line, people ahead, estimated wait and a QR code
/// to the ticket's live position.
#[utoipa::path(get, path = "/api/v1/tickets/{id}/slip.pdf", tag = "queue",
    security(("bearer" = [])),
    params(("id" = i64, Path)),
    responses(
        (status = 200, description = "The slip", content_type = "application/pdf", body = Vec<u8>),
        (status = 404, body = ApiError), (status = 403, body = ApiError),
    ))]
pub async fn ticket_slip(
    State(ctx): State<AppContext>,
    auth: Auth,
    headers: HeaderMap,
    ApiPath(id): ApiPath<i64>,
) -> Result<impl IntoResponse, AppError> {
    let base = base_url(&ctx, &headers);
    let pdf = service::printing::ticket_slip(&ctx, &auth.principal, id, &base).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"ticket-{id}.pdf\""),
            ),
        ],
        pdf,
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct CallAudioQuery {
    /// e.g. A001
    number: String,
    /// Counter code, e.g. 3
    counter: String,
    /// For `<audio>` elements, which cannot send headers.
    #[allow(dead_code)]
    access_token: Option<String>,
}

/// The spoken call "请A001号到3号窗口办理" as WAV (Mandarin, espeak-ng). 503 when the
/// server has no speech synthesis: the display then uses the browser's voice.
#[utoipa::path(get, path = "/api/v1/voice/call.wav", tag = "queue",
    security(("bearer" = [])),
    params(CallAudioQuery),
    responses(
        (status = 200, content_type = "audio/wav", body = Vec<u8>),
        (status = 503, body = ApiError), (status = 422, body = ApiError),
    ))]
pub async fn call_audio(
    State(ctx): State<AppContext>,
    auth: Auth,
    ApiQuery(q): ApiQuery<CallAudioQuery>,
) -> Result<impl IntoResponse, AppError> {
    let wav = service::printing::call_audio(&ctx, &auth.principal, &q.number, &q.counter).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "audio/wav"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        wav,
    ))
}
