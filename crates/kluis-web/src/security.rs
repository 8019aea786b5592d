//! Security headers on every response: CSP, framing, sniffing, referrer, and no caching outside /static.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::middleware::Next;
use axum::response::Response;

/// Only our own origin may supply scripts, styles and images; no inline script (htmx runs from /static).
const CSP: &str = "default-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'";

/// Published privacy statements (`/p/{org}/privacy…`) are meant to be shown inside the organisation's own website:
/// any site may frame them. They carry no forms and nothing but what the organisation published.
const CSP_EMBEDDABLE: &str =
    "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors *; object-src 'none'";

/// Whether `path` is a published statement. The other public pages (preferences, consent confirmation, the
/// request form) post forms to themselves, which `form-action 'none'` would make the browser refuse.
fn is_published_statement(path: &str) -> bool {
    path.strip_prefix("/p/")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(_, page)| page == "privacy" || page.starts_with("privacy/"))
}

pub async fn headers(req: Request, next: Next) -> Response {
    // Pages and API answers carry personal data: a shared PC's browser must not show them again from its cache
    // (Back after logout). Only the built-in static files may be kept.
    let cacheable = req.uri().path().starts_with("/static/");
    let embeddable = is_published_statement(req.uri().path());
    let mut res = next.run(req).await;
    let failed = !res.status().is_success();
    let h = res.headers_mut();
    if !cacheable || failed {
        h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if embeddable {
        h.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP_EMBEDDABLE),
        );
    } else {
        h.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
        h.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    h.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    res
}

#[cfg(test)]
mod tests {
    use super::is_published_statement;

    #[test]
    fn only_published_statements_are_embeddable() {
        assert!(is_published_statement("/p/acme/privacy"));
        assert!(is_published_statement("/p/acme/privacy/3"));
        for path in [
            "/p/acme/preferences/t0k3n",
            "/p/acme/consent/t0k3n",
            "/p/acme/requests",
            "/p/acme/privacyx",
            "/o/acme/privacy",
        ] {
            assert!(!is_published_statement(path), "{path}");
        }
    }
}
