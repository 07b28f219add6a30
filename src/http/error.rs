//! How an [`AppError`] goes over the wire: a status and `{code, message}`.

use crate::error::{AppError, ErrorCode};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// Every error the API returns.
#[derive(Debug, Serialize, ToSchema)]
pub struct ApiError {
    pub code: ErrorCode,
    /// A message in Chinese, fit to show to the person at the screen.
    pub message: String,
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::InvalidInput => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::InvalidBody => StatusCode::BAD_REQUEST,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict | ErrorCode::IllegalTransition | ErrorCode::AlreadyRated => {
            StatusCode::CONFLICT
        }
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::DatabaseUnavailable | ErrorCode::ServiceUnavailable => {
            StatusCode::SERVICE_UNAVAILABLE
        }
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let status = status_of(self.code);
        if status.is_server_error() {
            tracing::error!(code = self.code.as_str(), error = %self, "request failed");
        } else if let Some(source) = &self.source {
            tracing::warn!(code = self.code.as_str(), error = %source, "request refused");
        }
        let body = ApiError {
            code: self.code,
            message: self.message,
        };
        (status, Json(body)).into_response()
    }
}

impl From<JsonRejection> for AppError {
    fn from(r: JsonRejection) -> Self {
        match r {
            JsonRejection::MissingJsonContentType(_) => AppError::new(
                ErrorCode::UnsupportedMediaType,
                "请求内容须为 JSON（Content-Type: application/json）",
            ),
            JsonRejection::JsonSyntaxError(_) => {
                AppError::new(ErrorCode::InvalidBody, "请求内容不是有效的 JSON")
            }
            JsonRejection::JsonDataError(e) => AppError::new(
                ErrorCode::InvalidBody,
                format!("请求内容的字段不符合要求：{}", e.body_text()),
            ),
            JsonRejection::BytesRejection(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                AppError::new(ErrorCode::PayloadTooLarge, "请求内容过大")
            }
            other => AppError::new(
                ErrorCode::InvalidBody,
                format!("无法读取请求内容：{}", other.body_text()),
            ),
        }
    }
}

impl From<PathRejection> for AppError {
    fn from(r: PathRejection) -> Self {
        AppError::new(
            ErrorCode::InvalidInput,
            format!("地址中的参数不正确：{}", r.body_text()),
        )
    }
}

impl From<QueryRejection> for AppError {
    fn from(r: QueryRejection) -> Self {
        AppError::new(
            ErrorCode::InvalidInput,
            format!("查询参数不正确：{}", r.body_text()),
        )
    }
}
