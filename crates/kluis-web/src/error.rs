//! Errors of page handlers and how each becomes a status code; the page itself is rendered by `page_context`.

use crate::backend::AppError;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The kind of failure a page shows. Carried as a response extension so the translated page can be rendered by
/// the middleware that knows the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    LoginRequired,
    BadRequest,
    Forbidden,
    Csrf,
    NotFound,
    Conflict,
    TooLarge,
    Throttled(u64),
    Internal,
}

impl ErrorKind {
    pub fn status(&self) -> StatusCode {
        match self {
            ErrorKind::LoginRequired => StatusCode::UNAUTHORIZED,
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Forbidden | ErrorKind::Csrf => StatusCode::FORBIDDEN,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::Throttled(_) => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Catalogue key prefix of the page's title (`-title`) and text (`-text`).
    pub fn key(&self) -> &'static str {
        match self {
            ErrorKind::LoginRequired => "error-401",
            ErrorKind::BadRequest => "error-400",
            ErrorKind::Forbidden => "error-403",
            ErrorKind::Csrf => "error-csrf",
            ErrorKind::NotFound => "error-404",
            ErrorKind::Conflict => "error-409",
            ErrorKind::TooLarge => "error-413",
            ErrorKind::Throttled(_) => "error-429",
            ErrorKind::Internal => "error-500",
        }
    }
}

/// Extra text for a 400/409 page, as the application phrased it (never personal data).
#[derive(Debug, Clone)]
pub struct Detail(pub String);

#[derive(Debug)]
pub enum WebError {
    LoginRequired,
    NotFound,
    Forbidden,
    BadRequest(String),
    Conflict(String),
    Throttled(u64),
    Internal(anyhow::Error),
}

impl WebError {
    pub fn kind(&self) -> ErrorKind {
        match self {
            WebError::LoginRequired => ErrorKind::LoginRequired,
            WebError::NotFound => ErrorKind::NotFound,
            WebError::Forbidden => ErrorKind::Forbidden,
            WebError::BadRequest(_) => ErrorKind::BadRequest,
            WebError::Conflict(_) => ErrorKind::Conflict,
            WebError::Throttled(s) => ErrorKind::Throttled(*s),
            WebError::Internal(_) => ErrorKind::Internal,
        }
    }
}

impl From<AppError> for WebError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::NotFound => WebError::NotFound,
            AppError::Forbidden => WebError::Forbidden,
            AppError::Unauthenticated => WebError::LoginRequired,
            AppError::Invalid { message, .. } => WebError::BadRequest(message),
            AppError::Conflict(m) => WebError::Conflict(m),
            AppError::Throttled { retry_after_secs } => WebError::Throttled(retry_after_secs),
            AppError::Setup(m) => WebError::Conflict(m),
            AppError::Internal(e) => WebError::Internal(e),
        }
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let kind = self.kind();
        let mut res = kind.status().into_response();
        match self {
            WebError::Internal(e) => {
                // The chain names what failed; the application keeps personal values out of its errors.
                tracing::error!(error = format!("{e:#}"), "internal error");
            }
            WebError::BadRequest(d) | WebError::Conflict(d) => {
                res.extensions_mut().insert(Detail(d));
            }
            WebError::Throttled(secs) => {
                if let Ok(v) = secs.to_string().parse() {
                    res.headers_mut().insert(header::RETRY_AFTER, v);
                }
            }
            _ => {}
        }
        res.extensions_mut().insert(kind);
        res
    }
}

/// Unknown paths: a problem document under /api, otherwise a translated 404 page (with the navigation for a
/// logged-in user).
pub async fn fallback(State(web): State<crate::Web>, req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return crate::api::Problem::not_found().into_response();
    }
    let (lang, session, csrf) = crate::context::light_context(&web, req.headers()).await;
    crate::context::render_error_for(
        lang,
        ErrorKind::NotFound,
        None,
        &csrf,
        session.as_ref(),
        req.uri().path(),
    )
}

/// A form body whose rejection (wrong content type, unreadable fields) is a translated 400 page instead of
/// axum's plain-text answer.
pub struct PageForm<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> axum::extract::FromRequest<S> for PageForm<T> {
    type Rejection = WebError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Form::<T>::from_request(req, state).await {
            Ok(axum::Form(v)) => Ok(PageForm(v)),
            Err(e) => Err(WebError::BadRequest(e.body_text())),
        }
    }
}
