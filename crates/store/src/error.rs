use std::fmt;

/// What can go wrong in the store, in terms the service layer can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database cannot be reached (or is too busy to answer in time).
    #[error("database unavailable: {0}")]
    Unavailable(String),
    /// A uniqueness or foreign-key rule said no; carries the constraint text.
    #[error("constraint violated: {0}")]
    Conflict(String),
    /// Bad configuration (e.g. an unsupported URL).
    #[error("{0}")]
    Config(String),
    /// A stored value does not parse back into the domain (corruption or a bug).
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Other(anyhow::Error),
}

impl StoreError {
    pub fn corrupt(what: impl fmt::Display) -> Self {
        StoreError::Corrupt(what.to_string())
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::Database(db)
                if db.is_unique_violation() || db.is_foreign_key_violation() =>
            {
                StoreError::Conflict(db.message().to_string())
            }
            sqlx::Error::Database(db)
                if matches!(db.code().as_deref(), Some("5") | Some("6") | Some("517")) =>
            {
                // SQLITE_BUSY / SQLITE_LOCKED / SQLITE_BUSY_SNAPSHOT after the busy timeout.
                StoreError::Unavailable(db.message().to_string())
            }
            sqlx::Error::Database(db) if db.code().as_deref().is_some_and(pg_unavailable) => {
                StoreError::Unavailable(db.message().to_string())
            }
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(e.to_string()),
            _ => StoreError::Other(e.into()),
        }
    }
}

/// PostgreSQL SQLSTATEs that mean "not reachable right now" rather than "you asked wrongly":
/// connection exceptions (class 08), shutdown or start-up in progress, too many connections.
fn pg_unavailable(code: &str) -> bool {
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03" | "53300")
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
