//! Sending a stored document back: the headers that make the browser save it and never render it inline.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// `attachment; filename="…"` with a plain ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987).
pub fn content_disposition(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || " .-_()".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or(HeaderValue::from_static("attachment"))
}

/// The original bytes, as an attachment that the browser never renders inline.
pub fn download_response(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let ctype = HeaderValue::from_str(content_type)
        .unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, ctype);
    h.insert(header::CONTENT_DISPOSITION, content_disposition(name));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
