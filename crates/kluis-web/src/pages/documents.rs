//! The documents module's pages: overview, list with filters, upload (multipart, several files), detail with
//! masked findings and audited reveal, correction, rescan, download and delete, identifier search.
//!
//! Every decision about who may do what is the application's; the pages only leave out forms a role cannot use.

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

fn require(o: &OrgCtx, p: Permission) -> Result<(), WebError> {
    if o.actor.role.allows(p) {
        Ok(())
    } else {
        Err(WebError::Forbidden)
    }
}

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

fn kind_label(tr: Tr, k: Option<PersonalDataKind>) -> String {
    match k {
        Some(k) => vocab_label(tr, "doc-kind-", k.as_str(), "doc-kind-unknown"),
        None => tr.t("doc-kind-unknown").to_owned(),
    }
}

fn class_label(tr: Tr, c: Option<DocumentClass>) -> String {
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

fn entity_label(tr: Tr, e: kluis_domain::EntityType) -> String {
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

// ---------------------------------------------------------------------------------------------------------------
// Overview

pub struct CountRow {
    pub label: String,
    pub text: String,
    pub count: u64,
    pub href: String,
}

pub struct DocLink {
    pub name: String,
    pub href: String,
}

pub struct UnscannedRow {
    pub name: String,
    pub href: String,
    pub reason: String,
}

pub struct NewestRow {
    pub kind: String,
    pub masked: String,
    pub document: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/overview.html")]
struct OverviewPage {
    c: Chrome,
    org: String,
    can_write: bool,
    search_value: String,
    total: u64,
    by_kind: Vec<CountRow>,
    by_class: Vec<CountRow>,
    id_copies: Vec<DocLink>,
    health: Vec<DocLink>,
    unscanned: Vec<UnscannedRow>,
    newest: Vec<NewestRow>,
}

pub async fn overview(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let ov = web.app.document_overview(&o.actor).await?;
    let org = o.org_slug.clone();
    let list_href = |key: &str, value: &str| format!("/o/{org}/documents/list?{key}={value}");
    // Every kind is shown, also with 0, so that "no special categories" is visible as good news.
    let mut by_kind: Vec<CountRow> = PersonalDataKind::ALL
        .iter()
        .map(|k| CountRow {
            label: kind_label(tr, Some(*k)),
            text: tr
                .t(&vocab_key("doc-kind-", &format!("{}-text", k.as_str())))
                .to_owned(),
            count: ov
                .by_kind
                .iter()
                .filter(|(x, _)| *x == Some(*k))
                .map(|(_, n)| n)
                .sum(),
            href: list_href("kind", k.as_str()),
        })
        .rev()
        .collect();
    let unknown: u64 = ov
        .by_kind
        .iter()
        .filter(|(x, _)| x.is_none())
        .map(|(_, n)| n)
        .sum();
    if unknown > 0 {
        by_kind.push(CountRow {
            label: tr.t("doc-kind-unknown").to_owned(),
            text: tr.t("documents-findings-pending").to_owned(),
            count: unknown,
            href: format!("/o/{org}/documents/list?status=queued"),
        });
    }
    let mut by_class: Vec<CountRow> = ov
        .by_class
        .iter()
        .filter_map(|(c, n)| {
            c.map(|c| CountRow {
                label: class_label(tr, Some(c)),
                text: String::new(),
                count: *n,
                href: list_href("class", c.as_str()),
            })
        })
        .filter(|r| r.count > 0)
        .collect();
    by_class.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let link = |d: &DocumentSummary| DocLink {
        name: d.path.clone(),
        href: doc_href(&org, &d.id),
    };
    let page = OverviewPage {
        c: Chrome::org(&o, "documents-title", "documents", &flash),
        can_write: o.actor.role.allows(Permission::Write),
        search_value: String::new(),
        total: ov.total,
        by_kind,
        by_class,
        id_copies: ov.id_documents.iter().map(link).collect(),
        health: ov.health_documents.iter().map(link).collect(),
        unscanned: ov
            .not_scanned
            .iter()
            .map(|d| UnscannedRow {
                name: d.path.clone(),
                href: doc_href(&org, &d.id),
                reason: scan_label(tr, d),
            })
            .collect(),
        newest: ov
            .newest_findings
            .iter()
            .map(|f| NewestRow {
                kind: entity_label(tr, f.finding.entity),
                masked: f.finding.masked.clone(),
                document: f.document_path.clone(),
                href: doc_href(&org, &f.document_id),
            })
            .collect(),
        org,
    };
    Ok(page.into_response())
}

// ---------------------------------------------------------------------------------------------------------------
// List

#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub class: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub q: String,
    /// Text, so that a mistyped page number shows page 1 instead of an error.
    #[serde(default)]
    pub page: Option<String>,
}

pub struct DocRow {
    pub name: String,
    pub href: String,
    pub status: String,
    pub class: String,
    pub kind: String,
    pub special: bool,
    pub findings: u64,
    pub uploaded: String,
}

fn doc_row(tr: Tr, org: &str, d: &DocumentSummary) -> DocRow {
    DocRow {
        name: d.path.clone(),
        href: doc_href(org, &d.id),
        status: status_label(tr, d.status),
        class: if is_pending(d) {
            String::new()
        } else {
            class_label(tr, d.class)
        },
        kind: if is_pending(d) {
            String::new()
        } else {
            kind_label(tr, d.personal_data)
        },
        special: is_special(d),
        findings: d.findings_total,
        uploaded: super::org::format_ms(d.created_at_ms),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/list.html")]
struct ListPage {
    c: Chrome,
    org: String,
    can_write: bool,
    q: String,
    kinds: Vec<Choice>,
    classes: Vec<Choice>,
    statuses: Vec<Choice>,
    total_text: String,
    docs: Vec<DocRow>,
    page: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
}

fn list_href(org: &str, q: &ListQuery, page: u32) -> String {
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("kind", &q.kind)
        .append_pair("class", &q.class)
        .append_pair("status", &q.status)
        .append_pair("q", &q.q)
        .append_pair("page", &page.to_string())
        .finish();
    format!("/o/{org}/documents/list?{qs}")
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ListQuery>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    // Unknown filter values are ignored rather than refused: the page shows what the filter could read.
    let kind: Option<PersonalDataKind> = q.kind.parse().ok();
    let class: Option<DocumentClass> = q.class.parse().ok();
    let status: Option<DocumentStatus> = q.status.parse().ok();
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let filter = DocumentFilter {
        kind,
        class,
        status,
        q: Some(q.q.trim().to_owned()).filter(|s| !s.is_empty()),
        page,
        per_page: PER_PAGE,
        include_members: false,
    };
    let res = web.app.documents(&o.actor, filter).await?;
    let all = tr.t("documents-filter-all").to_owned();
    let has_next = u64::from(page) * u64::from(PER_PAGE) < res.total;
    let list_page = ListPage {
        c: Chrome::org(&o, "documents-list-title", "documents", &flash),
        can_write: o.actor.role.allows(Permission::Write),
        kinds: choices(
            PersonalDataKind::ALL,
            Some(("", all.clone())),
            kind,
            |k| k.as_str(),
            |k| kind_label(tr, Some(k)),
        ),
        classes: choices(
            DocumentClass::ALL,
            Some(("", all.clone())),
            class,
            |c| c.as_str(),
            |c| class_label(tr, Some(c)),
        ),
        statuses: choices(
            DocumentStatus::ALL,
            Some(("", all)),
            status,
            |s| s.as_str(),
            |s| status_label(tr, s),
        ),
        total_text: tr.t_n("documents-list-total", "count", res.total),
        docs: res
            .documents
            .iter()
            .map(|d| doc_row(tr, &o.org_slug, d))
            .collect(),
        page,
        prev_href: (page > 1).then(|| list_href(&o.org_slug, &q, page - 1)),
        next_href: has_next.then(|| list_href(&o.org_slug, &q, page + 1)),
        org: o.org_slug.clone(),
        q: q.q.clone(),
    };
    Ok(list_page.into_response())
}

// ---------------------------------------------------------------------------------------------------------------
// Identifier search

/// The identifier search, posted in the request body so that a BSN or IBAN never lands in a URL (browser
/// history, proxy and server logs).
#[derive(Deserialize, Default)]
pub struct SearchForm {
    #[serde(default)]
    pub value: String,
    /// Page of hits, from 1; text, so that a mistyped number shows page 1 instead of an error.
    #[serde(default)]
    pub page: String,
}

pub struct HitRow {
    pub document: String,
    pub href: String,
    pub kind: String,
    pub masked: String,
    pub location: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/search.html")]
struct SearchPage {
    c: Chrome,
    org: String,
    search_value: String,
    searched: bool,
    hits: Vec<HitRow>,
    hits_text: String,
    /// The next page of hits, when there are more (posted like the search itself).
    next_page: Option<u32>,
}

/// The empty search form. A value in the query string is ignored: searches are posted.
pub async fn identifiers_form(o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let page = SearchPage {
        c: Chrome::org(&o, "documents-search-title", "documents", &Flash::default()),
        org: o.org_slug.clone(),
        search_value: String::new(),
        searched: false,
        hits: Vec::new(),
        hits_text: String::new(),
        next_page: None,
    };
    Ok(page.into_response())
}

pub async fn identifiers(
    State(web): State<Web>,
    o: OrgCtx,
    axum::Form(q): axum::Form<SearchForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let value = q.value.trim().to_owned();
    let page_no = q.page.trim().parse::<u32>().unwrap_or(1).max(1);
    let mut c = Chrome::org(&o, "documents-search-title", "documents", &Flash::default());
    let mut status = StatusCode::OK;
    let hits = if value.is_empty() {
        None
    } else {
        match web
            .app
            .search_identifier_page(&o.actor, &value, page_no)
            .await
        {
            Ok(h) => Some(h),
            Err(AppError::Invalid { field, message }) => {
                c.error = Some(super::auth::field_error(&o.ctx, field, &message));
                status = StatusCode::BAD_REQUEST;
                None
            }
            Err(AppError::Forbidden) => {
                c.error = Some(tr.t("documents-search-forbidden").to_owned());
                status = StatusCode::FORBIDDEN;
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    let searched = hits.is_some();
    let next_page = hits.as_ref().and_then(|h| h.next_page);
    let first = hits.as_ref().map_or(0, |h| {
        (h.page as usize - 1) * kluis_app::SEARCH_PAGE_SIZE as usize
    });
    let hits: Vec<HitRow> = hits
        .map(|h| h.hits)
        .unwrap_or_default()
        .into_iter()
        .map(|h| HitRow {
            href: doc_href(&o.org_slug, &h.document_id),
            document: h.document_path,
            kind: entity_label(tr, h.entity),
            masked: h.masked,
            location: h
                .location
                .as_ref()
                .map(|l| location_text(tr, l))
                .unwrap_or_default(),
        })
        .collect();
    let page = SearchPage {
        c,
        org: o.org_slug.clone(),
        search_value: value,
        searched,
        hits_text: if next_page.is_some() || first > 0 {
            tr.t_with(
                "documents-search-range",
                &[
                    ("from", &(first + 1).to_string()),
                    ("to", &(first + hits.len()).to_string()),
                ],
            )
        } else {
            tr.t_n("documents-search-count", "count", hits.len())
        },
        hits,
        next_page,
    };
    let mut res = (status, page).into_response();
    // The answer echoes the searched value: keep it out of caches.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

// ---------------------------------------------------------------------------------------------------------------
// Upload

pub struct UploadResult {
    pub name: String,
    pub ok: bool,
    pub href: Option<String>,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/upload.html")]
struct UploadPage {
    c: Chrome,
    org: String,
    max_bytes: usize,
    limit_text: String,
    too_large_text: String,
    results: Vec<UploadResult>,
    any_ok: bool,
}

fn upload_page(
    web: &Web,
    o: &OrgCtx,
    results: Vec<UploadResult>,
    error: Option<String>,
) -> UploadPage {
    let tr = o.ctx.tr();
    let max = web.opts.max_upload_bytes;
    let mut c = Chrome::org(o, "documents-upload-title", "documents", &Flash::default());
    c.error = error;
    UploadPage {
        c,
        org: o.org_slug.clone(),
        max_bytes: max,
        limit_text: tr.t_n("documents-upload-limit", "mb", mebibytes(max)),
        too_large_text: tr.t_n("documents-too-large", "mb", mebibytes(max)),
        any_ok: results.iter().any(|r| r.ok),
        results,
    }
}

/// `?uploaded=<id>&uploaded=<id>`: the documents an upload just stored, shown as the per-file result.
fn uploaded_ids(query: Option<&str>) -> Vec<String> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .filter(|(k, _)| k == "uploaded")
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty() && v.len() <= 64)
        .take(100)
        .collect()
}

pub async fn upload_form(
    State(web): State<Web>,
    o: OrgCtx,
    uri: axum::http::Uri,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let mut results = Vec::new();
    for id in uploaded_ids(uri.query()) {
        // Another organisation's id, or a deleted document, is simply left out.
        match web.app.document(&o.actor, &id).await {
            Ok(d) => results.push(UploadResult {
                href: Some(doc_href(&o.org_slug, &d.summary.id)),
                name: d.summary.name,
                ok: true,
                message: tr.t("documents-upload-ok").to_owned(),
            }),
            Err(AppError::NotFound) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(upload_page(&web, &o, results, None).into_response())
}

/// A file of a multipart upload.
pub struct UploadFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// The files of a `multipart/form-data` body (parts with a file name; an empty file input sends one without a
/// name, which is left out). `None` when the body is not multipart.
pub fn upload_files(headers: &HeaderMap, body: &[u8]) -> Option<Vec<UploadFile>> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())?;
    let boundary = crate::multipart::boundary(ct)?;
    let parts = crate::multipart::parse(body, &boundary).ok()?;
    Some(
        parts
            .into_iter()
            .filter_map(|p| {
                let name = p.filename?;
                (!(name.is_empty() && p.data.is_empty())).then_some(UploadFile {
                    name,
                    bytes: p.data,
                })
            })
            .collect(),
    )
}

/// An upload refusal of the domain's rule, in the reader's language.
pub fn refusal_text(tr: Tr, r: &kluis_domain::UploadRefusal) -> String {
    use kluis_domain::UploadRefusal as R;
    match r {
        R::Empty => tr.t("documents-upload-empty-file").to_owned(),
        R::NoName | R::NameTooLong => tr.t("documents-upload-bad-name").to_owned(),
        R::TooLarge { max_bytes } => tr.t_n(
            "documents-upload-file-too-large",
            "mb",
            mebibytes(usize::try_from(*max_bytes).unwrap_or(usize::MAX)),
        ),
        R::TooManyFiles { max } => tr.t_n("documents-upload-too-many", "max", *max),
    }
}

/// Why one file was not stored, in the reader's language.
fn upload_error(o: &OrgCtx, e: &AppError) -> String {
    let tr = o.ctx.tr();
    let reason = match e {
        AppError::Invalid { field, message } => super::auth::field_error(&o.ctx, field, message),
        AppError::Forbidden => tr.t("error-403-text").to_owned(),
        _ => tr.t("error-500-text").to_owned(),
    };
    tr.t_with("documents-upload-failed", &[("reason", &reason)])
}

pub async fn upload(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let Some(files) = upload_files(&headers, &body) else {
        let page = upload_page(
            &web,
            &o,
            Vec::new(),
            Some(tr.t("documents-upload-not-form").to_owned()),
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    };
    drop(body);
    if files.is_empty() {
        let page = upload_page(
            &web,
            &o,
            Vec::new(),
            Some(tr.t("documents-upload-none").to_owned()),
        );
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    if let Err(refusal) = accept_file_count(files.len()) {
        let page = upload_page(&web, &o, Vec::new(), Some(refusal_text(tr, &refusal)));
        return Ok((StatusCode::PAYLOAD_TOO_LARGE, page).into_response());
    }
    let mut results = Vec::new();
    let mut ids = Vec::new();
    for f in files {
        // The domain's upload rule, asked first only to word its refusal in the reader's language; the
        // application applies the same rule (with the size limit) to every upload.
        if let Err(refusal) = accept_upload(&f.name, f.bytes.len() as u64, u64::MAX) {
            results.push(UploadResult {
                name: f.name,
                ok: false,
                href: None,
                message: tr.t_with(
                    "documents-upload-failed",
                    &[("reason", &refusal_text(tr, &refusal))],
                ),
            });
            continue;
        }
        match web.app.upload_document(&o.actor, &f.name, f.bytes).await {
            Ok(d) => {
                results.push(UploadResult {
                    name: d.name.clone(),
                    ok: true,
                    href: Some(doc_href(&o.org_slug, &d.id)),
                    message: tr.t("documents-upload-ok").to_owned(),
                });
                ids.push(d.id);
            }
            Err(e @ (AppError::Invalid { .. } | AppError::Forbidden)) => {
                results.push(UploadResult {
                    message: upload_error(&o, &e),
                    name: f.name,
                    ok: false,
                    href: None,
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    if results.iter().all(|r| r.ok) {
        // POST/redirect/GET: reloading the result page does not upload again.
        let qs: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(ids.iter().map(|id| ("uploaded", id)))
            .finish();
        return Ok(see_other(&format!(
            "/o/{}/documents/upload?{qs}",
            o.org_slug
        )));
    }
    // Some file was refused: show the result per file right away, with the names of the refused ones.
    let status = if ids.is_empty() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, upload_page(&web, &o, results, None)).into_response())
}

// ---------------------------------------------------------------------------------------------------------------
// Detail, reveal

pub struct FindingRowView {
    pub id: String,
    pub document_id: String,
    pub kind: String,
    pub masked: String,
    pub location: String,
    pub can_reveal: bool,
    pub reveal_label: String,
    pub revealed: Option<String>,
    pub error: Option<String>,
}

pub struct ChildRow {
    pub name: String,
    pub href: String,
    pub status: String,
    pub kind: String,
    pub findings: u64,
}

pub struct DetailView {
    pub id: String,
    pub name: String,
    pub pending: bool,
    pub status: String,
    pub class: String,
    pub kind: String,
    pub special: bool,
    /// Why the document is special, in words (empty when it is not).
    pub special_reasons: String,
    pub categories: String,
    pub scan: String,
    pub scan_detail: Option<String>,
    pub size: Option<String>,
    pub uploaded: String,
    pub parent_href: Option<String>,
    pub corrected: Option<String>,
    pub has_content: bool,
    pub findings: Vec<FindingRowView>,
    pub children: Vec<ChildRow>,
}

/// Whether the actor's role may see this finding in full: the domain's reveal rule, asked so that the button is
/// not offered in vain (the application enforces the same rule).
fn may_reveal(o: &OrgCtx, doc: &DocumentSummary, f: &DocumentFinding) -> bool {
    o.actor
        .can(reveal_permission(&doc.classification(), f.entity))
}

fn finding_view(o: &OrgCtx, doc: &DocumentSummary, f: &DocumentFinding) -> FindingRowView {
    let tr = o.ctx.tr();
    let kind = entity_label(tr, f.entity);
    FindingRowView {
        id: f.id.clone(),
        document_id: f.document_id.clone(),
        reveal_label: tr.t_with("documents-reveal-label", &[("type", &kind)]),
        kind,
        masked: f.masked.clone(),
        location: f
            .location
            .as_ref()
            .map(|l| location_text(tr, l))
            .unwrap_or_default(),
        can_reveal: may_reveal(o, doc, f),
        revealed: None,
        error: None,
    }
}

/// Who corrected the classification: their name for every member who sees the document (members of one
/// organisation may see each other's names), "a colleague" once they are no longer a member.
async fn corrector_name(web: &Web, o: &OrgCtx, user_id: &str) -> String {
    if user_id == o.session.user.id.as_str() {
        return o.session.user.display_name.clone();
    }
    match web.app.member_display_name(&o.actor, user_id).await {
        Ok(Some(name)) => name,
        _ => o.ctx.tr().t("documents-a-colleague").to_owned(),
    }
}

async fn detail_view(web: &Web, o: &OrgCtx, d: &DocumentDetail) -> DetailView {
    let tr = o.ctx.tr();
    let s = &d.summary;
    let corrected = match (s.corrected, s.corrected_by.as_deref(), s.corrected_at_ms) {
        (true, Some(by), Some(at)) => {
            let who = corrector_name(web, o, by).await;
            Some(tr.t_with(
                "documents-corrected",
                &[("who", &who), ("when", &super::org::format_ms(at))],
            ))
        }
        _ => None,
    };
    let mut categories: Vec<String> = s
        .special_categories
        .iter()
        .map(|c| category_label(tr, *c))
        .collect();
    categories.sort();
    DetailView {
        id: s.id.clone(),
        name: s.path.clone(),
        pending: is_pending(s),
        status: status_label(tr, s.status),
        class: class_label(tr, s.class),
        kind: kind_label(tr, s.personal_data),
        special: is_special(s),
        special_reasons: special_reasons_text(tr, &d.special_reasons),
        categories: categories.join(", "),
        scan: scan_label(tr, s),
        scan_detail: s
            .scan_reason
            .clone()
            .filter(|_| s.scan_status.is_some_and(|st| st != ScanStatus::Ok)),
        size: s.size.map(|b| human_size(b, tr.lang)),
        uploaded: super::org::format_ms(s.created_at_ms),
        parent_href: s.parent_id.as_deref().map(|p| doc_href(&o.org_slug, p)),
        corrected,
        has_content: s.parent_id.is_none() && o.actor.can(content_permission(&s.classification())),
        findings: d.findings.iter().map(|f| finding_view(o, s, f)).collect(),
        children: d
            .children
            .iter()
            .map(|c| ChildRow {
                name: c.path.clone(),
                href: doc_href(&o.org_slug, &c.id),
                status: status_label(tr, c.status),
                kind: kind_label(tr, c.personal_data),
                findings: c.findings_total,
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/detail.html")]
struct DetailPage {
    c: Chrome,
    org: String,
    d: DetailView,
    can_write: bool,
    reveal_error: Option<String>,
    correct_classes: Vec<Choice>,
    correct_kinds: Vec<Choice>,
    correct_categories: Vec<Choice>,
}

async fn detail_page(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    flash: &Flash,
    reveal: Option<(&str, Result<String, String>)>,
) -> Result<DetailPage, WebError> {
    let d = web.app.document(&o.actor, id).await?;
    let tr = o.ctx.tr();
    let mut view = detail_view(web, o, &d).await;
    let mut reveal_error = None;
    if let Some((finding, outcome)) = reveal
        && let Some(row) = view.findings.iter_mut().find(|f| f.id == finding)
    {
        match outcome {
            Ok(v) => row.revealed = Some(v),
            Err(msg) => {
                row.error = Some(msg.clone());
                reveal_error = Some(msg);
            }
        }
    }
    let s = &d.summary;
    let mut c = Chrome::org(o, "documents-title", "documents", flash);
    c.title = s.path.clone();
    Ok(DetailPage {
        c,
        org: o.org_slug.clone(),
        can_write: o.actor.role.allows(Permission::Write),
        reveal_error,
        correct_classes: choices(
            DocumentClass::ALL,
            s.class
                .is_none()
                .then(|| ("", tr.t("doc-class-unknown").to_owned())),
            s.class,
            |c| c.as_str(),
            |c| class_label(tr, Some(c)),
        ),
        correct_kinds: choices(
            PersonalDataKind::ALL,
            s.personal_data
                .is_none()
                .then(|| ("", tr.t("doc-kind-unknown").to_owned())),
            s.personal_data,
            |k| k.as_str(),
            |k| kind_label(tr, Some(k)),
        ),
        correct_categories: SpecialCategory::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                label: category_label(tr, *c),
                selected: s.special_categories.contains(c),
            })
            .collect(),
        d: view,
    })
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    Ok(detail_page(&web, &o, &id, &flash, None)
        .await?
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/finding_fragment.html")]
struct FindingFragment {
    c: Chrome,
    org: String,
    f: FindingRowView,
    status: String,
}

pub async fn reveal(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    Path((_, id, finding)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let outcome = match web.app.reveal_finding(&o.actor, &id, &finding).await {
        Ok(v) => Ok(v),
        Err(AppError::Forbidden) => Err(tr.t("documents-reveal-forbidden").to_owned()),
        Err(e) => return Err(e.into()),
    };
    let forbidden = outcome.is_err();
    if headers.contains_key("hx-request") {
        // htmx swaps only successful responses, so a refusal comes as 200 with the message in the cell; the
        // value itself is never in it.
        let d = web.app.document(&o.actor, &id).await?;
        let f = d
            .findings
            .iter()
            .find(|f| f.id == finding)
            .ok_or(WebError::NotFound)?;
        let mut row = finding_view(&o, &d.summary, f);
        let status = match outcome {
            Ok(v) => {
                row.revealed = Some(v);
                tr.t("documents-revealed-status").to_owned()
            }
            Err(msg) => {
                row.error = Some(msg.clone());
                msg
            }
        };
        let frag = FindingFragment {
            c: Chrome::org(&o, "documents-title", "documents", &Flash::default()),
            org: o.org_slug.clone(),
            f: row,
            status,
        };
        let mut res = frag.into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(res);
    }
    // Without JavaScript: the document page again, showing that one value (or why not).
    let page = detail_page(&web, &o, &id, &Flash::default(), Some((&finding, outcome))).await?;
    let status = if forbidden {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    let mut res = (status, page).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}

// ---------------------------------------------------------------------------------------------------------------
// Correction, rescan, download, delete

#[derive(Deserialize, Default)]
pub struct CorrectionForm {
    #[serde(default)]
    class: String,
    #[serde(default)]
    personal_data: String,
    #[serde(default)]
    categories_set: String,
    /// Repeated field (one per ticked box).
    #[serde(default)]
    special_categories: Vec<String>,
}

/// Reads a form whose field `special_categories` may repeat (serde_urlencoded cannot collect repeats).
fn correction_form(body: &[u8]) -> CorrectionForm {
    let mut f = CorrectionForm::default();
    for (k, v) in form_urlencoded::parse(body) {
        match k.as_ref() {
            "class" => f.class = v.into_owned(),
            "personal_data" => f.personal_data = v.into_owned(),
            "categories_set" => f.categories_set = v.into_owned(),
            "special_categories" => f.special_categories.push(v.into_owned()),
            _ => {}
        }
    }
    f
}

pub async fn correct(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let invalid = || WebError::BadRequest(o.ctx.tr().t("error-document-invalid").to_owned());
    let f = correction_form(&body);
    let current = web.app.document(&o.actor, &id).await?.summary;
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    let class: Option<DocumentClass> = opt(&f.class)
        .map(|s| s.parse())
        .transpose()
        .map_err(|_| invalid())?;
    let kind: Option<PersonalDataKind> = opt(&f.personal_data)
        .map(|s| s.parse())
        .transpose()
        .map_err(|_| invalid())?;
    let categories: Option<Vec<SpecialCategory>> = if f.categories_set.is_empty() {
        None
    } else {
        let mut v = f
            .special_categories
            .iter()
            .map(|s| s.parse())
            .collect::<Result<Vec<SpecialCategory>, _>>()
            .map_err(|_| invalid())?;
        v.sort();
        v.dedup();
        Some(v)
    };
    let mut current_categories = current.special_categories.clone();
    current_categories.sort();
    // Only what the person changed becomes a correction; the rest keeps following the scanner.
    let correction = DocumentCorrection {
        class: class.filter(|c| Some(*c) != current.class),
        personal_data: kind.filter(|k| Some(*k) != current.personal_data),
        special_categories: categories.filter(|c| *c != current_categories),
    };
    if correction == DocumentCorrection::default() {
        return Ok(see_other(&format!("/o/{}/documents/{id}", o.org_slug)));
    }
    web.app.correct_document(&o.actor, &id, correction).await?;
    Ok(see_other(&format!(
        "/o/{}/documents/{id}?notice=document-corrected",
        o.org_slug
    )))
}

pub async fn rescan(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    web.app.rescan_document(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/documents/{id}?notice=document-rescan",
        o.org_slug
    )))
}

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

pub async fn download(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let (name, ctype, bytes) = web.app.download_document(&o.actor, &id).await?;
    Ok(download_response(&name, &ctype, bytes))
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/delete.html")]
struct DeletePage {
    c: Chrome,
    org: String,
    id: String,
    name: String,
}

pub async fn delete_confirm(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let d = web.app.document(&o.actor, &id).await?;
    let page = DeletePage {
        c: Chrome::org(&o, "documents-delete-title", "documents", &Flash::default()),
        org: o.org_slug.clone(),
        id: d.summary.id,
        name: d.summary.path,
    };
    Ok(page.into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
}

pub async fn delete(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    axum::Form(f): axum::Form<DeleteForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    if f.confirm != "yes" {
        // Without the confirmation field: ask first.
        return Ok(see_other(&format!(
            "/o/{}/documents/{id}/delete",
            o.org_slug
        )));
    }
    web.app.delete_document(&o.actor, &id).await?;
    Ok(see_other(&format!(
        "/o/{}/documents/list?notice=document-deleted",
        o.org_slug
    )))
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
