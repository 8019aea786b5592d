//! The documents part of the REST API: upload (multipart), list, detail, correction, delete, rescan, download,
//! overview, identifier search, and the one audited way to see a finding's value in full. Values are masked in
//! every other response.

use super::{ApiOrgActor, Problem, require};
use crate::backend::{
    AppError, DocumentCorrection, DocumentDetail, DocumentFilter, DocumentOverview, DocumentStatus,
    DocumentSummary, IdentifierHit,
};
use crate::{Routes, Web};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_domain::{DocumentClass, Permission, PersonalDataKind, SpecialCategory};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Routes with ordinary bodies.
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/documents/overview", overview)
        .get("/api/v1/orgs/{org}/documents/{document}", get_document)
        .add(
            Method::PATCH,
            "/api/v1/orgs/{org}/documents/{document}",
            correct_document,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/documents/{document}",
            delete_document,
        )
        .post(
            "/api/v1/orgs/{org}/documents/{document}/rescan",
            rescan_document,
        )
        .get(
            "/api/v1/orgs/{org}/documents/{document}/content",
            download_document,
        )
        .post(
            "/api/v1/orgs/{org}/documents/{document}/findings/{finding}/reveal",
            reveal_finding,
        )
        .post("/api/v1/orgs/{org}/identifiers", search_identifiers)
}

/// The collection route, whose POST takes uploads up to `WebOptions::max_upload_bytes`.
pub(crate) fn upload_routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/documents", list_documents)
        .post("/api/v1/orgs/{org}/documents", upload_documents)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_documents,
        upload_documents,
        overview,
        get_document,
        correct_document,
        delete_document,
        rescan_document,
        download_document,
        reveal_finding,
        search_identifiers
    ),
    components(schemas(
        DocumentOut,
        FindingOut,
        DocumentDetailOut,
        DocumentPageOut,
        UploadResultOut,
        UploadOut,
        CorrectionIn,
        RevealOut,
        DocRefOut,
        UnscannedOut,
        NewestFindingOut,
        OverviewOut,
        IdentifierHitOut,
        IdentifierSearchIn,
        IdentifierHitsOut
    ))
)]
pub(crate) struct DocumentsDoc;

/// A document as the API shows it: classification and counts, never a finding's value.
#[derive(Serialize, ToSchema)]
pub struct DocumentOut {
    pub id: String,
    /// The container (ZIP, mailbox) this document was found in.
    pub parent_id: Option<String>,
    pub name: String,
    /// `queued`, `scanning`, `scanned` or `failed`.
    pub status: String,
    /// Why a document could not be read completely: `encrypted`, `corrupt`, `image_without_text`, `unsupported`,
    /// `limit_exceeded`; `ok` when read completely; absent before the scan.
    pub scan_status: Option<String>,
    /// Effective class (a correction wins over the scan): `invoice`, `correspondence`, `id_copy`, …
    pub class: Option<String>,
    /// Effective kind of personal data: `none`, `generic` or `special`.
    pub personal_data: Option<String>,
    /// Effective special categories (GDPR Art. 9/10): `health`, `religion`, …
    pub special_categories: Vec<String>,
    pub findings: u64,
    pub size: Option<u64>,
    /// Unix time in milliseconds.
    pub uploaded_at_ms: i64,
    /// True when a person corrected the classification.
    pub corrected: bool,
}

/// One finding, with its value masked.
#[derive(Serialize, ToSchema)]
pub struct FindingOut {
    pub id: String,
    /// `email`, `phone`, `iban`, `bsn`, …
    pub entity_type: String,
    /// The value with most characters hidden, e.g. `j***@example.com`.
    pub masked: String,
    /// Page, sheet or part of the document, when known.
    pub location: Option<String>,
}

/// A document with its findings (values masked) and members. The fields of [`DocumentOut`] are repeated here
/// rather than flattened, so that the number of findings (`findings_total`) and the list (`findings`) do not
/// share a key.
#[derive(Serialize, ToSchema)]
pub struct DocumentDetailOut {
    pub id: String,
    /// The container (ZIP, mailbox) this document was found in.
    pub parent_id: Option<String>,
    pub name: String,
    /// `queued`, `scanning`, `scanned` or `failed`.
    pub status: String,
    /// Why a document could not be read completely: `encrypted`, `corrupt`, `image_without_text`, `unsupported`,
    /// `limit_exceeded`; `ok` when read completely; absent before the scan.
    pub scan_status: Option<String>,
    /// Effective class (a correction wins over the scan): `invoice`, `correspondence`, `id_copy`, …
    pub class: Option<String>,
    /// Effective kind of personal data: `none`, `generic` or `special`.
    pub personal_data: Option<String>,
    /// Effective special categories (GDPR Art. 9/10): `health`, `religion`, …
    pub special_categories: Vec<String>,
    /// Why the document is special: `national_id`, `identity_document`, `marked`, or `{"category": "health"}`.
    #[schema(value_type = Vec<Object>)]
    pub special_reasons: Vec<kluis_domain::documents::SpecialReason>,
    /// Number of findings the scanner reported (may exceed the listed ones for huge documents).
    pub findings_total: u64,
    pub size: Option<u64>,
    /// Unix time in milliseconds.
    pub uploaded_at_ms: i64,
    /// True when a person corrected the classification.
    pub corrected: bool,
    /// The scanner's explanation when it could not read the document completely (never document content).
    pub scan_reason: Option<String>,
    pub findings: Vec<FindingOut>,
    /// Members of a container.
    pub children: Vec<DocumentOut>,
    /// Who corrected the classification (user id) and when (unix ms).
    pub corrected_by: Option<String>,
    pub corrected_at_ms: Option<i64>,
}

#[derive(Serialize, ToSchema)]
pub struct DocumentPageOut {
    pub documents: Vec<DocumentOut>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DocumentParams {
    /// Kind of personal data: `none`, `generic`, `special`.
    kind: Option<String>,
    /// Document class, e.g. `id_copy`.
    class: Option<String>,
    /// `queued`, `scanning`, `scanned`, `failed`.
    status: Option<String>,
    /// Part of the name (case-insensitive).
    q: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<u32>,
}

/// Result for one uploaded file.
#[derive(Serialize, ToSchema)]
pub struct UploadResultOut {
    /// The file name as sent.
    pub name: String,
    pub ok: bool,
    /// The stored document (queued for scanning) when `ok`.
    pub document: Option<DocumentOut>,
    /// Why the file was not stored.
    pub error: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct UploadOut {
    pub results: Vec<UploadResultOut>,
}

/// A correction of the classification. Each field left out or `null` falls back to the scan result.
#[derive(Deserialize, ToSchema)]
pub struct CorrectionIn {
    pub class: Option<String>,
    pub personal_data: Option<String>,
    pub special_categories: Option<Vec<String>>,
}

#[derive(Serialize, ToSchema)]
pub struct RevealOut {
    /// The finding's value in full. Its reading is recorded in the audit log.
    pub value: String,
}

#[derive(Serialize, ToSchema)]
pub struct DocRefOut {
    pub id: String,
    pub name: String,
}

#[derive(Serialize, ToSchema)]
pub struct UnscannedOut {
    pub id: String,
    pub name: String,
    pub status: String,
    pub scan_status: Option<String>,
    pub scan_reason: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct NewestFindingOut {
    pub document_id: String,
    pub document_name: String,
    pub entity_type: String,
    pub masked: String,
}

#[derive(Serialize, ToSchema)]
pub struct OverviewOut {
    /// Number of documents per kind of personal data (`none`, `generic`, `special`, `unknown` before the scan).
    pub by_kind: std::collections::BTreeMap<String, u64>,
    /// Number of documents per class (`unknown` before the scan).
    pub by_class: std::collections::BTreeMap<String, u64>,
    pub id_copies: Vec<DocRefOut>,
    pub health: Vec<DocRefOut>,
    pub unscanned: Vec<UnscannedOut>,
    pub newest_findings: Vec<NewestFindingOut>,
}

#[derive(Serialize, ToSchema)]
pub struct IdentifierHitOut {
    pub document_id: String,
    pub document_name: String,
    pub finding_id: String,
    pub entity_type: String,
    pub masked: String,
    pub location: Option<String>,
}

/// An identifier search. Sent in the body, never in the URL, so that the value stays out of logs and histories.
#[derive(Deserialize, ToSchema)]
pub struct IdentifierSearchIn {
    /// The complete value: an e-mail address, BSN, IBAN, phone number, …
    pub value: String,
    /// Page of hits, from 1 (200 per page); `next_page` in the answer says whether there are more.
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub page: Option<u32>,
}

/// One page of places where an identifier occurs, newest first.
#[derive(Serialize, ToSchema)]
pub struct IdentifierHitsOut {
    pub hits: Vec<IdentifierHitOut>,
    pub page: u32,
    /// The page to ask for next, when there are more hits.
    pub next_page: Option<u32>,
}

impl From<&DocumentSummary> for DocumentOut {
    fn from(d: &DocumentSummary) -> Self {
        DocumentOut {
            id: d.id.clone(),
            parent_id: d.parent_id.clone(),
            name: d.path.clone(),
            status: d.status.as_str().to_owned(),
            scan_status: d.scan_status.map(|s| s.as_str().to_owned()),
            class: d.class.map(|c| c.as_str().to_owned()),
            personal_data: d.personal_data.map(|k| k.as_str().to_owned()),
            special_categories: d
                .special_categories
                .iter()
                .map(|c| c.as_str().to_owned())
                .collect(),
            findings: d.findings_total,
            size: d.size,
            uploaded_at_ms: d.created_at_ms,
            corrected: d.corrected,
        }
    }
}

impl From<DocumentDetail> for DocumentDetailOut {
    fn from(d: DocumentDetail) -> Self {
        let o = DocumentOut::from(&d.summary);
        DocumentDetailOut {
            id: o.id,
            parent_id: o.parent_id,
            name: o.name,
            status: o.status,
            scan_status: o.scan_status,
            class: o.class,
            personal_data: o.personal_data,
            special_categories: o.special_categories,
            special_reasons: d.special_reasons.clone(),
            findings_total: o.findings,
            size: o.size,
            uploaded_at_ms: o.uploaded_at_ms,
            corrected: o.corrected,
            scan_reason: d.summary.scan_reason.clone(),
            findings: d
                .findings
                .into_iter()
                .map(|f| FindingOut {
                    id: f.id,
                    entity_type: f.entity.as_str().to_owned(),
                    masked: f.masked,
                    location: f.location.map(|l| l.to_string()),
                })
                .collect(),
            children: d.children.iter().map(DocumentOut::from).collect(),
            corrected_by: d
                .summary
                .corrected_by
                .clone()
                .filter(|_| d.summary.corrected),
            corrected_at_ms: d.summary.corrected_at_ms.filter(|_| d.summary.corrected),
        }
    }
}

fn invalid(field: &str, value: &str) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        "Invalid input",
        format!("{field}: '{value}' is not a known value"),
    )
    .detail_key("problem-invalid-value-detail")
    .args(&[("field", field), ("value", value)])
}

fn parse_opt<T: std::str::FromStr>(field: &str, v: Option<&str>) -> Result<Option<T>, Problem> {
    match v.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => s.parse().map(Some).map_err(|_| invalid(field, s)),
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/documents", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug"), DocumentParams),
    responses((status = 200, body = DocumentPageOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_documents(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<DocumentParams>,
) -> Result<Json<DocumentPageOut>, Problem> {
    require(&a, Permission::Read)?;
    let status = parse_opt::<DocumentStatus>("status", p.status.as_deref())?;
    let filter = DocumentFilter {
        kind: parse_opt::<PersonalDataKind>("kind", p.kind.as_deref())?,
        class: parse_opt::<DocumentClass>("class", p.class.as_deref())?,
        status,
        q: p.q.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty()),
        page: crate::api::in_range("page", p.page, 1, 1, 1_000_000)?,
        per_page: 50,
        include_members: false,
    };
    let res = web.app.documents(&a, filter).await?;
    Ok(Json(DocumentPageOut {
        documents: res.documents.iter().map(DocumentOut::from).collect(),
        total: res.total,
        page: res.page,
        per_page: res.per_page,
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/documents", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body(content_type = "multipart/form-data", description = "One or more files, each as a part with a file name (any field name)."),
    responses((status = 201, body = UploadOut, description = "At least one file stored; the result per file"),
        (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 422, body = UploadOut, description = "No file stored; the result per file")))]
async fn upload_documents(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let max = web.opts.max_upload_bytes;
    let bytes = axum::body::to_bytes(body, max).await.map_err(|_| {
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Too large",
            format!(
                "Upload at most {} MiB per request.",
                crate::pages::documents::mebibytes(max)
            ),
        )
        .args(&[("mib", &crate::pages::documents::mebibytes(max).to_string())])
    })?;
    let files = crate::multipart::upload_files(&headers, &bytes).ok_or_else(|| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-body",
            "Unreadable request body",
            "Send the files as multipart/form-data.",
        )
        .detail_key("problem-multipart-detail")
    })?;
    drop(bytes);
    if files.is_empty() {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "no-files",
            "No files",
            "The request holds no file parts.",
        ));
    }
    if let Err(refusal) = kluis_domain::documents::accept_file_count(files.len()) {
        let max = kluis_domain::documents::MAX_FILES_PER_UPLOAD.to_string();
        return Err(Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-many-files",
            "Too many files",
            format!("{refusal}."),
        )
        .args(&[("max", &max)]));
    }
    let mut results = Vec::new();
    for f in files {
        match web.app.upload_document(&a, &f.name, f.bytes).await {
            Ok(d) => results.push(UploadResultOut {
                name: d.name.clone(),
                ok: true,
                document: Some(DocumentOut::from(&d)),
                error: None,
            }),
            Err(AppError::Invalid { field, message }) => results.push(UploadResultOut {
                name: f.name,
                ok: false,
                document: None,
                error: Some(format!("{field}: {message}")),
            }),
            Err(e) => return Err(e.into()),
        }
    }
    let status = if results.iter().any(|r| r.ok) {
        StatusCode::CREATED
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((status, Json(UploadOut { results })).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/documents/overview", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = OverviewOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn overview(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<OverviewOut>, Problem> {
    require(&a, Permission::Read)?;
    let ov: DocumentOverview = web.app.document_overview(&a).await?;
    let mut by_kind: BTreeMap<String, u64> = PersonalDataKind::ALL
        .iter()
        .map(|k| (k.as_str().to_owned(), 0))
        .collect();
    for (k, n) in &ov.by_kind {
        *by_kind
            .entry(k.map_or("unknown", |k| k.as_str()).to_owned())
            .or_default() += n;
    }
    let mut by_class: BTreeMap<String, u64> = BTreeMap::new();
    for (c, n) in &ov.by_class {
        *by_class
            .entry(c.map_or("unknown", |c| c.as_str()).to_owned())
            .or_default() += n;
    }
    let doc_ref = |d: &DocumentSummary| DocRefOut {
        id: d.id.clone(),
        name: d.path.clone(),
    };
    Ok(Json(OverviewOut {
        by_kind,
        by_class,
        id_copies: ov.id_documents.iter().map(doc_ref).collect(),
        health: ov.health_documents.iter().map(doc_ref).collect(),
        unscanned: ov
            .not_scanned
            .iter()
            .map(|d| UnscannedOut {
                id: d.id.clone(),
                name: d.path.clone(),
                status: d.status.as_str().to_owned(),
                scan_status: d.scan_status.map(|s| s.as_str().to_owned()),
                scan_reason: d.scan_reason.clone(),
            })
            .collect(),
        newest_findings: ov
            .newest_findings
            .into_iter()
            .map(|f| NewestFindingOut {
                document_id: f.document_id,
                document_name: f.document_path,
                entity_type: f.finding.entity.as_str().to_owned(),
                masked: f.finding.masked,
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/documents/{document}", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id")),
    responses((status = 200, body = DocumentDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_document(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<DocumentDetailOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(web.app.document(&a, &id).await?.into()))
}

#[utoipa::path(patch, path = "/api/v1/orgs/{org}/documents/{document}", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id")),
    request_body = CorrectionIn,
    responses((status = 200, body = DocumentOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn correct_document(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    super::ApiJson(body): super::ApiJson<CorrectionIn>,
) -> Result<Json<DocumentOut>, Problem> {
    require(&a, Permission::Write)?;
    let special_categories = match body.special_categories {
        None => None,
        Some(list) => Some(
            list.iter()
                .map(|c| {
                    c.parse::<SpecialCategory>()
                        .map_err(|_| invalid("special_categories", c))
                })
                .collect::<Result<Vec<_>, _>>()?,
        ),
    };
    let correction = DocumentCorrection {
        class: parse_opt("class", body.class.as_deref())?,
        personal_data: parse_opt("personal_data", body.personal_data.as_deref())?,
        special_categories,
    };
    Ok(Json(DocumentOut::from(
        &web.app.correct_document(&a, &id, correction).await?,
    )))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/documents/{document}", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn delete_document(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::Write)?;
    web.app.delete_document(&a, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/documents/{document}/rescan", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id")),
    responses((status = 202, body = DocumentOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn rescan_document(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let d = web.app.rescan_document(&a, &id).await?;
    Ok((StatusCode::ACCEPTED, Json(DocumentOut::from(&d))).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/documents/{document}/content", tag = "documents",
    description = "The original file. Every download is recorded in the audit log; special-category documents need the right to see sensitive data.",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file", content_type = "application/octet-stream"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn download_document(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let (name, ctype, bytes) = web.app.download_document(&a, &id).await?;
    Ok(crate::download::download_response(&name, &ctype, bytes))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/documents/{document}/findings/{finding}/reveal", tag = "documents",
    description = "The value of one finding in full. Recorded in the audit log (without the value). National identification numbers, other sensitive identifiers and anything in a special-category document need the right to see sensitive data.",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id"), ("finding" = String, Path, description = "Finding id")),
    responses((status = 200, body = RevealOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn reveal_finding(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, finding)): Path<(String, String, String)>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let value = web.app.reveal_finding(&a, &id, &finding).await?;
    let mut res = Json(RevealOut { value }).into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/identifiers", tag = "documents",
    description = "Where an identifier (e-mail address, BSN, IBAN, phone number, …) occurs, by exact match through a blind index; values in the answer are masked. The value goes in the request body, never in the URL. Searching for a national identification number (BSN, Belgian national number) needs the right to see sensitive data. Each search is recorded in the audit log (without the value).",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = IdentifierSearchIn,
    responses((status = 200, body = IdentifierHitsOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem)))]
async fn search_identifiers(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    super::ApiJson(body): super::ApiJson<IdentifierSearchIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let found = web
        .app
        .search_identifier_page(
            &a,
            &body.value,
            crate::api::in_range("page", body.page, 1, 1, 1_000_000)?,
        )
        .await?;
    let hits: Vec<IdentifierHit> = found.hits;
    let mut res = Json(IdentifierHitsOut {
        hits: hits
            .into_iter()
            .map(|h| IdentifierHitOut {
                document_id: h.document_id,
                document_name: h.document_path,
                finding_id: h.finding_id,
                entity_type: h.entity.as_str().to_owned(),
                masked: h.masked,
                location: h.location.map(|l| l.to_string()),
            })
            .collect(),
        page: found.page,
        next_page: found.next_page,
    })
    .into_response();
    res.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(res)
}
