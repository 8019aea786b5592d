//! The documents module's pages: overview, list with filters, upload (multipart, several files), detail with
//! masked findings and audited reveal, correction, rescan, download and delete, identifier search.
//!
//! Every decision about who may do what is the application's; the pages only leave out forms a role cannot use.
//! One file per page (`overview`, `list`, `search`, `upload`, `detail`, `changes`); this file holds the routes and
//! the labels they share. Multipart reading is `crate::multipart`, sending a document back `crate::download`.

use super::require;
use super::see_other;
use crate::backend::{
    AppError, DocumentCorrection, DocumentDetail, DocumentFilter, DocumentFinding, DocumentStatus,
    DocumentSummary, ScanStatus,
};
use crate::context::OrgCtx;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web, WebOptions};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kluis_app::Location;
use kluis_domain::documents::{
    SpecialReason, accept_file_count, accept_upload, content_permission, reveal_permission,
};
use kluis_domain::{DocumentClass, Permission, PersonalDataKind, SpecialCategory};
use serde::Deserialize;

mod changes;
mod detail;
mod list;
mod overview;
mod search;
mod upload;

use changes::*;
use detail::*;
use list::*;
use overview::*;
use search::*;
use upload::*;

/// Documents per list page.
pub const PER_PAGE: u32 = 25;

/// Routes of the module that take ordinary (small) bodies.
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/documents", overview)
        .get("/o/{org}/documents/list", list)
        .get("/o/{org}/documents/identifiers", identifiers_form)
        .post("/o/{org}/documents/identifiers", identifiers)
        .get("/o/{org}/documents/{document}", detail)
        .post(
            "/o/{org}/documents/{document}/findings/{finding}/reveal",
            reveal,
        )
        .post("/o/{org}/documents/{document}/correct", correct)
        .post("/o/{org}/documents/{document}/rescan", rescan)
        .post("/o/{org}/documents/{document}/download", download)
        .get("/o/{org}/documents/{document}/delete", delete_confirm)
        .post("/o/{org}/documents/{document}/delete", delete)
}

/// The upload form and its target, which accept bodies up to `WebOptions::max_upload_bytes`.
pub(crate) fn upload_routes() -> Routes {
    Routes::new()
        .get("/o/{org}/documents/upload", upload_form)
        .post("/o/{org}/documents/upload", upload)
}

/// Extra text for the 413 page when an upload is larger than the limit; `None` for other requests.
pub fn too_large_detail(lang: Lang, parts: &Parts, opts: &WebOptions) -> Option<String> {
    let path = parts.uri.path();
    (path.ends_with("/documents/upload") || path.ends_with("/agreements")).then(|| {
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

fn kind_label(tr: Tr, k: Option<PersonalDataKind>) -> String {
    match k {
        Some(k) => vocab_label(tr, "doc-kind-", k.as_str(), "doc-kind-unknown"),
        None => tr.t("doc-kind-unknown").to_owned(),
    }
}

pub(crate) fn class_label(tr: Tr, c: Option<DocumentClass>) -> String {
    match c {
        Some(c) => vocab_label(tr, "doc-class-", c.as_str(), "doc-class-unknown"),
        None => tr.t("doc-class-unknown").to_owned(),
    }
}

fn category_label(tr: Tr, c: SpecialCategory) -> String {
    format!(
        "{} ({})",
        vocab_label(tr, "doc-special-", c.as_str(), "doc-kind-special"),
        c.gdpr_article()
    )
}

pub(crate) fn entity_label(tr: Tr, e: kluis_domain::EntityType) -> String {
    vocab_label(tr, "doc-entity-", e.as_str(), "doc-entity-other")
}

fn status_label(tr: Tr, s: DocumentStatus) -> String {
    vocab_label(tr, "doc-status-", s.as_str(), "doc-status-other")
}

/// The plain-language reading result: why a document could not be read, never its content. While a document
/// waits for (another) scan, the result of an earlier scan is not current: it says so rather than "read in full".
fn scan_label(tr: Tr, d: &DocumentSummary) -> String {
    if is_pending(d) {
        return tr.t("doc-scan-pending").to_owned();
    }
    match d.scan_status {
        Some(s) => vocab_label(tr, "doc-scan-", s.as_str(), "doc-scan-other"),
        None if d.status == DocumentStatus::Failed => tr.t("doc-scan-failed").to_owned(),
        None => tr.t("doc-scan-pending").to_owned(),
    }
}

fn is_pending(d: &DocumentSummary) -> bool {
    d.status.is_pending()
}

fn is_special(d: &DocumentSummary) -> bool {
    d.is_special()
}

/// Why a document is special, in words: "national identification number", "identity document", a category.
fn special_reasons_text(tr: Tr, reasons: &[SpecialReason]) -> String {
    reasons
        .iter()
        .map(|r| match r {
            SpecialReason::Category(c) => category_label(tr, *c),
            other => tr.t(&other.label_key()).to_owned(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A document size for people: bytes, kB or MB with one decimal (decimal comma in Dutch).
pub fn human_size(bytes: u64, lang: Lang) -> String {
    let b = bytes as f64;
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

fn doc_href(org: &str, id: &str) -> String {
    format!("/o/{org}/documents/{id}")
}

/// One `<option>` of a filter or correction select, or one checkbox.
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn choices<T: Copy + PartialEq>(
    all: &[T],
    first: Option<(&str, String)>,
    selected: Option<T>,
    value: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> String,
) -> Vec<Choice> {
    let mut out: Vec<Choice> = first
        .map(|(v, l)| Choice {
            value: v.to_owned(),
            label: l,
            selected: selected.is_none(),
        })
        .into_iter()
        .collect();
    out.extend(all.iter().map(|v| Choice {
        value: value(*v).to_owned(),
        label: label(*v),
        selected: Some(*v) == selected,
    }));
    out
}

/// Where in a document a finding lies, in the reader's language.
pub(crate) fn location_text(tr: Tr, location: &Location) -> String {
    let n = |v: &u32| v.to_string();
    match location {
        Location::Page(p) => tr.t_with("location-page", &[("n", &n(p))]),
        Location::Slide(p) => tr.t_with("location-slide", &[("n", &n(p))]),
        Location::Notes(p) => tr.t_with("location-notes", &[("n", &n(p))]),
        Location::Paragraph(p) => tr.t_with("location-paragraph", &[("n", &n(p))]),
        Location::TableCell {
            paragraph,
            table,
            row,
            col,
        } => tr.t_with(
            "location-table-cell",
            &[
                ("paragraph", &n(paragraph)),
                ("table", &n(table)),
                ("row", &n(row)),
                ("col", &n(col)),
            ],
        ),
        Location::Sheet(sheet) => tr.t_with("location-sheet", &[("sheet", sheet)]),
        Location::Cell {
            sheet: Some(sheet),
            row,
            col,
        } => {
            let cell = format!("{}{row}", kluis_app::column_letters(*col));
            tr.t_with("location-cell", &[("sheet", sheet), ("cell", &cell)])
        }
        Location::Cell {
            sheet: None,
            row,
            col,
        } => tr.t_with("location-field", &[("row", &n(row)), ("col", &n(col))]),
        Location::Part(part) => tr.t(&format!("location-part-{}", part.as_str())).to_owned(),
        Location::Attachment { name, within: None } => {
            tr.t_with("location-attachment", &[("name", name)])
        }
        Location::Attachment {
            name,
            within: Some(within),
        } => tr.t_with(
            "location-attachment-within",
            &[("name", name), ("within", &location_text(tr, within))],
        ),
    }
}
