//! The documents module's pages: overview, list with filters, upload (multipart, several files), detail with
//! masked findings and audited reveal, correction, rescan, download and delete, identifier search.

use crate::WebOptions;
use crate::i18n::{Lang, Tr};
use axum::http::request::Parts;

/// Extra text for the 413 page when an upload is larger than the limit; `None` for other requests.
pub fn too_large_detail(lang: Lang, parts: &Parts, opts: &WebOptions) -> Option<String> {
    parts.uri.path().ends_with("/documents/upload").then(|| {
        Tr::new(lang).t_n(
            "documents-too-large",
            "mb",
            mebibytes(opts.max_upload_bytes),
        )
    })
}

/// Whole mebibytes, rounded down, at least 1 (for messages about limits).
pub fn mebibytes(bytes: usize) -> usize {
    (bytes / (1024 * 1024)).max(1)
}

/// Catalogue key of a vocabulary value: `prefix` + the stored string form with `_` as `-`.
pub fn vocab_key(prefix: &str, value: &str) -> String {
    format!("{prefix}{}", value.replace('_', "-"))
}

/// The translated label of a vocabulary value, or of `fallback` when the value is unknown to the catalogue.
pub fn vocab_label(tr: Tr, prefix: &str, value: &str, fallback: &str) -> String {
    let key = vocab_key(prefix, value);
    match crate::i18n::catalogue(tr.lang).get(&key) {
        Some(v) => v.clone(),
        None => tr.t(fallback).to_owned(),
    }
}

/// A document size for people: bytes, kB or MB with one decimal.
pub fn human_size(bytes: i64, lang: Lang) -> String {
    let b = bytes.max(0) as f64;
    let (v, unit) = if b >= 1024.0 * 1024.0 {
        (b / (1024.0 * 1024.0), "MB")
    } else if b >= 1024.0 {
        (b / 1024.0, "kB")
    } else {
        return format!("{bytes} B");
    };
    let s = format!("{v:.1}");
    let s = if lang == Lang::Nl {
        s.replace('.', ",")
    } else {
        s
    };
    format!("{s} {unit}")
}
