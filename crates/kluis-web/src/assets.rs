//! Static files built into the binary (stylesheet, vendored htmx with its licence, favicon) and the health probes.

use crate::Web;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const CSS: &str = include_str!("../static/kluis.css");
/// htmx 2.0.11 from the npm package `htmx.org`, pinned; licence (0BSD) served next to it.
const HTMX: &str = include_str!("../static/htmx-2.0.11.min.js");
const HTMX_LICENSE: &str = include_str!("../static/htmx-LICENSE.txt");
/// Drag-and-drop and an early size check for the document upload form (the form works without it).
const DOCUMENTS_JS: &str = include_str!("../static/documents.js");
/// Ticks the breach pages' 72-hour countdowns (the server's text is right without it).
const BREACHES_JS: &str = include_str!("../static/breaches.js");
/// The browser tab's icon: a safe ("kluis"), in the brand colour.
const FAVICON_SVG: &str = include_str!("../static/favicon.svg");

pub async fn static_file(Path(file): Path<String>) -> Response {
    let (body, ctype) = match file.as_str() {
        "kluis.css" => (CSS, "text/css; charset=utf-8"),
        "htmx-2.0.11.min.js" => (HTMX, "text/javascript; charset=utf-8"),
        "htmx-LICENSE.txt" => (HTMX_LICENSE, "text/plain; charset=utf-8"),
        "documents.js" => (DOCUMENTS_JS, "text/javascript; charset=utf-8"),
        "breaches.js" => (BREACHES_JS, "text/javascript; charset=utf-8"),
        "favicon.svg" => (FAVICON_SVG, "image/svg+xml"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, ctype),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Alive: the process answers HTTP.
pub async fn healthz() -> &'static str {
    "ok"
}

/// Ready: the application can reach its database.
pub async fn readyz(State(web): State<Web>) -> Response {
    if web.app.ready().await.is_ok() {
        (StatusCode::OK, "ready").into_response()
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "not ready").into_response()
    }
}
