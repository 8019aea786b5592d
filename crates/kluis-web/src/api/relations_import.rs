//! The import and export part of the REST API: upload a customer file (multipart, or the file as the raw body),
//! preview a mapping, start the import (a background job), poll its progress and result, and export the
//! organisation's relations as CSV or XLSX.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::{Routes, Web};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{ExportFormat, ExportPurpose, ImportPreview, ImportStart, ImportView};
use kluis_domain::Permission;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/relations/imports", list_imports)
        .get("/api/v1/orgs/{org}/relations/imports/{import}", get_import)
        .post(
            "/api/v1/orgs/{org}/relations/imports/{import}/preview",
            preview_import,
        )
        .post(
            "/api/v1/orgs/{org}/relations/imports/{import}/start",
            start_import,
        )
        .get("/api/v1/orgs/{org}/relations/export", export_relations)
}

/// The upload takes the larger upload body limit.
pub(crate) fn upload_routes() -> Routes {
    Routes::new().post("/api/v1/orgs/{org}/relations/imports", upload_import)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_imports,
        upload_import,
        get_import,
        preview_import,
        start_import,
        export_relations
    ),
    components(schemas(
        ImportOut,
        ImportProblemOut,
        PreviewOut,
        PreviewRowOut,
        RefusedColumnOut,
        ImportStartIn,
        PreviewIn
    ))
)]
pub(crate) struct ImportDoc;

/// One problem of one row (never a cell's value).
#[derive(Serialize, ToSchema)]
pub struct ImportProblemOut {
    /// The row as the spreadsheet shows it (the header is row 1).
    pub row: u64,
    /// The column's letter, when the problem is one cell's.
    pub column: Option<String>,
    pub header: Option<String>,
    pub field: Option<String>,
    /// The reason's key, e.g. `import-invalid-email`, `import-duplicate-email`, `import-existing-email`.
    pub reason: String,
    /// For a duplicate within the file: the row it repeats.
    pub first_row: Option<u64>,
    /// A duplicate (left out), not an error.
    pub duplicate: bool,
}

/// An import: its state, progress and result.
#[derive(Serialize, ToSchema)]
pub struct ImportOut {
    pub id: String,
    pub file_name: String,
    /// `csv` or `xlsx`.
    pub file_kind: String,
    pub size: i64,
    /// `uploaded` (waiting for a mapping), `queued`, `running`, `done` or `failed`.
    pub status: String,
    pub dry_run: bool,
    /// The column mapping (see the preview), once started.
    #[schema(value_type = Option<Object>)]
    pub mapping: Option<serde_json::Value>,
    /// Percent of the file read.
    pub percent: i64,
    pub rows_read: i64,
    pub imported: i64,
    pub skipped: i64,
    pub duplicates: i64,
    /// The first problems (up to 1,000), by row.
    pub problems: Vec<ImportProblemOut>,
    pub error: Option<String>,
    pub created_at_ms: i64,
    pub finished_at_ms: Option<i64>,
}

fn problem_out(p: &kluis_app::ImportProblem) -> ImportProblemOut {
    ImportProblemOut {
        row: p.row,
        column: p.column.clone(),
        header: p.header.clone(),
        field: p.field.map(|f| f.as_str().to_owned()),
        reason: p.reason.clone(),
        first_row: p.first_row,
        duplicate: p.duplicate,
    }
}

impl From<&ImportView> for ImportOut {
    fn from(v: &ImportView) -> Self {
        ImportOut {
            id: v.id.clone(),
            file_name: v.file_name.clone(),
            file_kind: v.file_kind.clone(),
            size: v.size,
            status: v.status.clone(),
            dry_run: v.dry_run,
            mapping: v
                .mapping
                .as_ref()
                .and_then(|m| serde_json::to_value(m).ok()),
            percent: v.percent(),
            rows_read: v.rows_read,
            imported: v.imported,
            skipped: v.skipped,
            duplicates: v.duplicates,
            problems: v.problems.iter().map(problem_out).collect(),
            error: v.error.clone(),
            created_at_ms: v.created_at_ms,
            finished_at_ms: v.finished_at_ms,
        }
    }
}

/// A column the mapping sends to a field no active processing activity needs (privacy by default).
#[derive(Serialize, ToSchema)]
pub struct RefusedColumnOut {
    pub column: String,
    pub header: Option<String>,
    pub field: String,
}

/// One row of a preview: what would be imported, and its problems.
#[derive(Serialize, ToSchema)]
pub struct PreviewRowOut {
    pub row: u64,
    pub party: Option<String>,
    pub kind: Option<String>,
    pub company: Option<String>,
    /// Values by field in canonical form; special-category and national-ID values masked.
    pub values: std::collections::BTreeMap<String, String>,
    pub problems: Vec<ImportProblemOut>,
}

/// The mapping of a file and its first rows mapped.
#[derive(Serialize, ToSchema)]
pub struct PreviewOut {
    pub import: ImportOut,
    pub headers: Vec<String>,
    /// The mapping: `{"has_header": true, "columns": [{"header": "E-mail", "target": {"target": "field",
    /// "field": "email"}}, …], "default_kind": "customer", "default_party": null, "default_tags": []}`. Targets:
    /// `field` (with a field name), `name`, `kind`, `party`, `tags`, `notes`, `reference`, `ignore`.
    #[schema(value_type = Object)]
    pub mapping: serde_json::Value,
    /// The remembered preset the mapping came from.
    pub preset: Option<String>,
    /// The bookkeeping export the header looks like: `moneybird` or `exact`.
    pub source: Option<String>,
    pub presets: Vec<String>,
    pub refused: Vec<RefusedColumnOut>,
    pub rows: Vec<PreviewRowOut>,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
}

impl From<&ImportPreview> for PreviewOut {
    fn from(p: &ImportPreview) -> Self {
        PreviewOut {
            import: ImportOut::from(&p.import),
            headers: p.headers.clone(),
            mapping: serde_json::to_value(&p.mapping).unwrap_or_default(),
            preset: p.preset.clone(),
            source: p.source.clone(),
            presets: p.presets.clone(),
            refused: p
                .refused
                .iter()
                .map(|r| RefusedColumnOut {
                    column: r.column.clone(),
                    header: r.header.clone(),
                    field: r.field.as_str().to_owned(),
                })
                .collect(),
            rows: p
                .rows
                .iter()
                .map(|r| PreviewRowOut {
                    row: r.row,
                    party: r.party.map(|x| x.as_str().to_owned()),
                    kind: r.kind.map(|x| x.as_str().to_owned()),
                    company: r.company.clone(),
                    values: r
                        .values
                        .iter()
                        .map(|(f, v)| (f.as_str().to_owned(), v.clone()))
                        .collect(),
                    problems: r.problems.iter().map(problem_out).collect(),
                })
                .collect(),
            encoding: p.encoding.clone(),
            delimiter: p.delimiter.clone(),
        }
    }
}

/// A mapping to preview, or a remembered preset by name.
#[derive(Deserialize, ToSchema)]
pub struct PreviewIn {
    /// A mapping as the preview returns it.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub mapping: Option<serde_json::Value>,
    #[serde(default)]
    pub preset: Option<String>,
}

/// How to start an import.
#[derive(Deserialize, ToSchema)]
pub struct ImportStartIn {
    /// The mapping; without one, a remembered preset that fits the header, else the suggested mapping.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub mapping: Option<serde_json::Value>,
    /// Check every row and report; import nothing.
    #[serde(default)]
    pub dry_run: bool,
    /// Remember the mapping under this name for the next file.
    #[serde(default)]
    pub remember_as: Option<String>,
}

fn mapping_of(v: Option<serde_json::Value>) -> Result<Option<kluis_import::Mapping>, Problem> {
    match v {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v).map(Some).map_err(|_| {
            Problem::from(crate::backend::AppError::Invalid {
                field: "mapping",
                message: "not a mapping: see the preview's mapping for its shape".into(),
            })
        }),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct UploadParams {
    /// The file's name when the body is the file itself.
    #[serde(default)]
    pub name: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/imports", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = Vec<ImportOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_imports(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<ImportOut>>, Problem> {
    require(&a, Permission::Read)?;
    let list = web.app.relation_imports(&a).await?;
    Ok(Json(list.iter().map(ImportOut::from).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/imports", tag = "relations",
    description = "Uploads a customer file (CSV or XLSX) for import: as multipart/form-data (the first part with a file name) or as the raw body (name it with `?name=`). Nothing is imported yet: the answer is the suggested mapping and a preview of the first rows; start the import with `…/start`.",
    params(("org" = String, Path, description = "Organisation slug"), UploadParams),
    request_body(content_type = "application/octet-stream", description = "The file, or a multipart/form-data body holding it."),
    responses((status = 201, body = PreviewOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 413, body = Problem), (status = 422, body = Problem)))]
async fn upload_import(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<UploadParams>,
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
    let is_multipart = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.to_ascii_lowercase().starts_with("multipart/"));
    let (name, file) = if is_multipart {
        let f = crate::multipart::upload_files(&headers, &bytes)
            .and_then(|files| files.into_iter().next())
            .ok_or_else(|| {
                Problem::new(
                    StatusCode::BAD_REQUEST,
                    "no-files",
                    "No files",
                    "The request holds no file parts.",
                )
            })?;
        (f.name, f.bytes)
    } else {
        (p.name.unwrap_or_default(), bytes.to_vec())
    };
    drop(bytes);
    let v = web.app.upload_relation_import(&a, &name, file).await?;
    let preview = web
        .app
        .relation_import_preview(&a, &v.id, None, None)
        .await?;
    Ok((StatusCode::CREATED, Json(PreviewOut::from(&preview))).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/imports/{import}", tag = "relations",
    description = "An import's progress (poll it while `status` is `queued` or `running`) and result.",
    params(("org" = String, Path, description = "Organisation slug"), ("import" = String, Path, description = "Import id")),
    responses((status = 200, body = ImportOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_import(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<ImportOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(ImportOut::from(
        &web.app.relation_import(&a, &id).await?,
    )))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/imports/{import}/preview", tag = "relations",
    description = "The first rows of an uploaded file mapped with the given mapping (or preset), with their problems and the columns privacy by default refuses. Changes nothing.",
    params(("org" = String, Path, description = "Organisation slug"), ("import" = String, Path, description = "Import id")),
    request_body = PreviewIn,
    responses((status = 200, body = PreviewOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn preview_import(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(body): ApiJson<PreviewIn>,
) -> Result<Json<PreviewOut>, Problem> {
    require(&a, Permission::Write)?;
    let mapping = mapping_of(body.mapping)?;
    let p = web
        .app
        .relation_import_preview(&a, &id, mapping.as_ref(), body.preset.as_deref())
        .await?;
    Ok(Json(PreviewOut::from(&p)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/imports/{import}/start", tag = "relations",
    description = "Starts the import as a background job (poll the import for progress). Bad rows are skipped and listed by row and reason, duplicates are left out, good rows are imported in transactional batches. A column mapped to a field no active processing activity needs is refused (422).",
    params(("org" = String, Path, description = "Organisation slug"), ("import" = String, Path, description = "Import id")),
    request_body = ImportStartIn,
    responses((status = 202, body = ImportOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn start_import(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(body): ApiJson<ImportStartIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let start = ImportStart {
        mapping: mapping_of(body.mapping)?,
        dry_run: body.dry_run,
        remember_as: body.remember_as,
    };
    let v = web.app.start_relation_import(&a, &id, &start).await?;
    Ok((StatusCode::ACCEPTED, Json(ImportOut::from(&v))).into_response())
}

#[derive(Deserialize, IntoParams)]
pub struct ExportParams {
    /// `csv` (default) or `xlsx`.
    #[serde(default)]
    pub format: Option<String>,
    /// `general` (default) or `marketing` (leaves out everyone with a marketing suppression).
    #[serde(default)]
    pub purpose: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/export", tag = "relations",
    description = "The organisation's relations as CSV (UTF-8, `;`) or XLSX; cells a spreadsheet would run as a formula are escaped. Special-category and national-ID fields are left out. Recorded in the audit log.",
    params(("org" = String, Path, description = "Organisation slug"), ExportParams),
    responses((status = 200, description = "The file, with the Content-Type of its format",
            content(("text/csv"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn export_relations(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<ExportParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let format: ExportFormat = p.format.as_deref().unwrap_or("csv").parse()?;
    let purpose: ExportPurpose = p.purpose.as_deref().unwrap_or("general").parse()?;
    let out = web.app.export_relations(&a, format, purpose).await?;
    Ok(crate::download::download_response(
        &format!("relations-{}.{}", a.org.slug, format.extension()),
        format.content_type(),
        out.bytes,
    ))
}
