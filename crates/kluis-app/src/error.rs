//! The one error type of every use case, worded for the person who sees it; never carries personal values.

use kluis_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Does not exist, or the caller may not know that it exists (another organisation's data).
    #[error("not found")]
    NotFound,
    /// The caller is known but their role does not allow this.
    #[error("your role does not allow this")]
    Forbidden,
    /// No valid session, token or credentials.
    #[error("please sign in")]
    Unauthenticated,
    /// Input that cannot be accepted; `field` names the input field.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The change conflicts with the current state (duplicate, last owner, already set up).
    #[error("{0}")]
    Conflict(String),
    /// Too many failed attempts; try again later.
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    Throttled { retry_after_secs: u64 },
    /// A start-up or maintenance problem an operator must fix (key file missing, database unreachable).
    #[error("{0}")]
    Setup(String),
    /// Anything else: a bug or an infrastructure failure. Logged, shown as a generic message.
    #[error("internal error: {0}")]
    Internal(anyhow::Error),
}

impl AppError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
        AppError::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn internal(e: impl Into<anyhow::Error>) -> AppError {
        AppError::Internal(e.into())
    }

    /// True for transient database conflicts where running the whole use case again may succeed.
    pub(crate) fn is_retryable(&self) -> bool {
        match self {
            AppError::Internal(e) => e
                .downcast_ref::<StoreError>()
                .is_some_and(StoreError::is_retryable),
            _ => false,
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(m) => AppError::Conflict(m),
            StoreError::Connect(m) => AppError::Setup(format!("cannot reach the database: {m}")),
            StoreError::UnsupportedUrl => AppError::Setup(StoreError::UnsupportedUrl.to_string()),
            StoreError::Migrate(m) => AppError::Setup(format!("database migration failed: {m}")),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<kluis_crypto::Error> for AppError {
    fn from(e: kluis_crypto::Error) -> Self {
        match e {
            kluis_crypto::Error::KeyFileMissing { .. }
            | kluis_crypto::Error::KeyFileExists { .. }
            | kluis_crypto::Error::KeyFilePermissions { .. }
            | kluis_crypto::Error::KeyFileMalformed { .. }
            | kluis_crypto::Error::KeyFileIo { .. } => AppError::Setup(e.to_string()),
            other => AppError::Internal(other.into()),
        }
    }
}
