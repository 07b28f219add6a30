//! Errors as data: a closed set of codes, each with a Chinese message for the person in front
//! of the screen. Internals are logged, never sent.

use onetrip_store::StoreError;
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A field failed validation (ID number checksum, unknown category, …).
    InvalidInput,
    /// The body is not the JSON the endpoint takes.
    InvalidBody,
    PayloadTooLarge,
    UnsupportedMediaType,
    /// No valid token: log in, or pair the device.
    Unauthenticated,
    /// Logged in, but this role may not do this.
    Forbidden,
    NotFound,
    /// The request clashes with what is stored (duplicate name, ticket already called, …).
    Conflict,
    /// The action is not allowed in the current state (e.g. calling a finished ticket).
    IllegalTransition,
    /// This ticket or case has already been rated (一次一评, 一事一评).
    AlreadyRated,
    RateLimited,
    DatabaseUnavailable,
    /// A helper the server relies on (e.g. speech synthesis) is not available here.
    ServiceUnavailable,
    Internal,
}

impl ErrorCode {
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::InvalidBody => "invalid_body",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::UnsupportedMediaType => "unsupported_media_type",
            ErrorCode::Unauthenticated => "unauthenticated",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotFound => "not_found",
            ErrorCode::Conflict => "conflict",
            ErrorCode::IllegalTransition => "illegal_transition",
            ErrorCode::AlreadyRated => "already_rated",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::DatabaseUnavailable => "database_unavailable",
            ErrorCode::ServiceUnavailable => "service_unavailable",
            ErrorCode::Internal => "internal",
        }
    }
}

/// An error a use case returns: what to tell the client, and (privately) why.
#[derive(Debug)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// Logged, never sent.
    pub source: Option<anyhow::Error>,
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            source: None,
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }

    pub fn forbidden() -> Self {
        Self::new(ErrorCode::Forbidden, "您没有执行此操作的权限")
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            ErrorCode::Unauthenticated,
            "请先登录，或为本终端配置有效的设备令牌",
        )
    }

    pub fn internal(source: impl Into<anyhow::Error>) -> Self {
        Self {
            code: ErrorCode::Internal,
            message: "服务器内部错误，请稍后重试或联系管理员".into(),
            source: Some(source.into()),
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)?;
        if let Some(s) = &self.source {
            write!(f, " ({s:#})")?;
        }
        Ok(())
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Unavailable(_) => AppError {
                code: ErrorCode::DatabaseUnavailable,
                message: "数据库暂时无法访问，请稍后重试".into(),
                source: Some(e.into()),
            },
            StoreError::Conflict(_) => AppError {
                code: ErrorCode::Conflict,
                message: "数据与已有记录冲突，请刷新后重试".into(),
                source: Some(e.into()),
            },
            other => AppError::internal(other),
        }
    }
}
