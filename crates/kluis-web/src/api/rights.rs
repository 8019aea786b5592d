//! The rights API of a request: link it to its relation, download the access bundle and the portability export,
//! rectify, erase and read the erasure report.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::download::download_response;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kluis_app::{AccessOptions, ErasureOutcome};
use kluis_domain::Permission;
use kluis_domain::relations::RelationField;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/api/v1/orgs/{org}/requests/{request}/link", link)
        .get("/api/v1/orgs/{org}/requests/{request}/access", access)
        .get(
            "/api/v1/orgs/{org}/requests/{request}/portability",
            portability,
        )
        .post("/api/v1/orgs/{org}/requests/{request}/rectify", rectify)
        .post("/api/v1/orgs/{org}/requests/{request}/erase", erase)
        .get("/api/v1/orgs/{org}/requests/{request}/report", report)
}

#[derive(OpenApi)]
#[openapi(
    paths(link, access, portability, rectify, erase, report),
    components(schemas(LinkIn, LinkOut, RectifyIn, RectifyOut, ErasureOut, ErasureLineOut))
)]
pub(crate) struct RightsDoc;

/// Which relation a request concerns.
#[derive(Deserialize, ToSchema)]
pub struct LinkIn {
    /// The relation's id; absent: the one relation whose e-mail address is the requester's.
    pub relation_id: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LinkOut {
    pub relation_id: String,
}

/// The corrected values, by field key (`email`, `family_name`, …); an empty value clears the field.
#[derive(Deserialize, ToSchema)]
pub struct RectifyIn {
    #[serde(default)]
    pub values: BTreeMap<String, String>,
}

/// What changed and whom to inform (Art. 19).
#[derive(Serialize, ToSchema)]
pub struct RectifyOut {
    pub fields: Vec<String>,
    pub recipients: Vec<String>,
}

/// One record or document of an erasure.
#[derive(Serialize, ToSchema)]
pub struct ErasureLineOut {
    /// `field`, `document`, `timeline`, `audit_trail` or `request`.
    pub target: String,
    pub item: String,
    pub class: Option<String>,
    /// `delete`, `anonymise` or `keep`.
    pub verdict: String,
    pub reason: String,
    pub article: String,
    pub kept_until: Option<String>,
    pub legal_reference: Option<String>,
    pub activity: Option<String>,
}

/// What an erasure did.
#[derive(Serialize, ToSchema)]
pub struct ErasureOut {
    pub relation_id: String,
    pub lines: Vec<ErasureLineOut>,
    /// Whether the database's log was emptied afterwards.
    pub log_cleared: bool,
}

fn erasure_out(o: ErasureOutcome) -> ErasureOut {
    ErasureOut {
        relation_id: o.relation_id,
        log_cleared: o.log_cleared,
        lines: o
            .lines
            .into_iter()
            .map(|l| ErasureLineOut {
                target: l.target,
                item: l.item,
                class: l.class,
                verdict: l.verdict,
                reason: l.reason,
                article: l.article,
                kept_until: l.kept_until,
                legal_reference: l.legal_reference,
                activity: l.activity,
            })
            .collect(),
    }
}

#[derive(Deserialize, IntoParams)]
pub struct AccessParams {
    /// `false` leaves the documents' bytes out of the bundle.
    documents: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
pub struct ReportParams {
    /// `json` (default), `html` or `pdf`.
    format: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/requests/{request}/link", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id")),
    request_body = LinkIn,
    responses((status = 200, body = LinkOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "No relation, or several, has the requester's address")))]
async fn link(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<LinkIn>,
) -> Result<Json<LinkOut>, Problem> {
    require(&a, Permission::HandleRequests)?;
    let relation_id = web
        .app
        .link_request(&a, &id, input.relation_id.as_deref())
        .await?;
    Ok(Json(LinkOut { relation_id }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/requests/{request}/access", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id"), AccessParams),
    responses((status = 200, content_type = "application/zip", description = "The access bundle (Art. 15): data.json, data.csv, audit.csv, the letter as HTML and PDF, the documents; audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Not linked to a relation, or the identity is not verified")))]
async fn access(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    Query(p): Query<AccessParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::HandleRequests)?;
    let f = web
        .app
        .request_access_bundle(
            &a,
            &id,
            AccessOptions {
                document_bytes: p.documents.unwrap_or(true),
            },
        )
        .await?;
    Ok(download_response(&f.file_name, f.content_type, f.bytes))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/requests/{request}/portability", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id")),
    responses((status = 200, content_type = "application/zip", description = "The data the person provided as data.json and data.csv (Art. 20); audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn portability(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, Problem> {
    require(&a, Permission::HandleRequests)?;
    let f = web.app.request_portability(&a, &id).await?;
    Ok(download_response(&f.file_name, f.content_type, f.bytes))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/requests/{request}/rectify", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id")),
    request_body = RectifyIn,
    responses((status = 200, body = RectifyOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn rectify(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<RectifyIn>,
) -> Result<Json<RectifyOut>, Problem> {
    require(&a, Permission::HandleRequests)?;
    web.app.request_exists(&a, &id).await?;
    let mut changes = BTreeMap::new();
    for (k, v) in input.values {
        let f = k
            .trim()
            .parse::<RelationField>()
            .map_err(|_| AppError::Invalid {
                field: "values",
                message: format!("{} is not a field", k.trim()),
            })?;
        changes.insert(f, v);
    }
    let r = web.app.request_rectify(&a, &id, &changes).await?;
    Ok(Json(RectifyOut {
        fields: r.fields,
        recipients: r.recipients,
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/requests/{request}/erase", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id")),
    responses((status = 200, body = ErasureOut, description = "Erased as the register's rules decide per record and document; the request is answered"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn erase(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<ErasureOut>, Problem> {
    require(&a, Permission::HandleRequests)?;
    web.app.request_exists(&a, &id).await?;
    Ok(Json(erasure_out(web.app.request_erase(&a, &id).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/requests/{request}/report", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id"), ReportParams),
    responses((status = 200, description = "The erasure report for the person, as JSON, HTML or PDF; audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn report(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    Query(p): Query<ReportParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::HandleRequests)?;
    let f = web
        .app
        .request_erasure_report(&a, &id, p.format.as_deref().unwrap_or("json"))
        .await?;
    Ok(download_response(&f.file_name, f.content_type, f.bytes))
}
