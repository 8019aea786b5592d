//! The privacy-statement API: what the register still lacks, the published versions, publishing one, and a
//! version's text and PDF.

use super::{ApiOrgActor, Problem, require};
use crate::pages::statement::{current, render_all, statement_pdf};
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kluis_domain::Permission;
use kluis_domain::register::statement::MissingItem;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/statement", status)
        .post("/api/v1/orgs/{org}/statement/publish", publish)
        .get(
            "/api/v1/orgs/{org}/statement/versions/{version}",
            version_text,
        )
        .get(
            "/api/v1/orgs/{org}/statement/versions/{version}/pdf",
            version_pdf,
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(status, publish, version_text, version_pdf),
    components(schemas(
        StatementStatusOut,
        MissingItemOut,
        StatementVersionOut,
        PublishedOut,
        StatementTextOut
    ))
)]
pub(crate) struct StatementDoc;

/// An item of Arts. 13-14 the register does not answer yet.
#[derive(Serialize, ToSchema)]
pub struct MissingItemOut {
    /// Stable key, e.g. `retention`, `legal_basis`, `source`.
    pub item: String,
    /// The article asking for it, e.g. `Art. 13(2)(a)`.
    pub article: String,
    /// The activity it concerns, by name, if any.
    pub activity: Option<String>,
}

/// A published version.
#[derive(Serialize, ToSchema)]
pub struct StatementVersionOut {
    pub version: i64,
    /// RFC 3339.
    pub published_at: String,
    /// Language codes it was published in.
    pub langs: Vec<String>,
}

/// Whether the statement can be published, what is missing, and what was published.
#[derive(Serialize, ToSchema)]
pub struct StatementStatusOut {
    pub ready: bool,
    pub missing: Vec<MissingItemOut>,
    pub versions: Vec<StatementVersionOut>,
    /// The public page of the newest version (no login needed).
    pub public_path: String,
}

#[derive(Serialize, ToSchema)]
pub struct PublishedOut {
    pub version: i64,
    pub public_path: String,
}

/// One version in one language.
#[derive(Serialize, ToSchema)]
pub struct StatementTextOut {
    pub version: i64,
    pub lang: String,
    /// RFC 3339.
    pub published_at: String,
    pub html: String,
    pub markdown: String,
}

fn rfc3339(ms: i64) -> String {
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn missing_out(m: &[MissingItem]) -> Vec<MissingItemOut> {
    m.iter()
        .map(|m| MissingItemOut {
            item: m.item.as_str().to_owned(),
            article: m.item.article().to_owned(),
            activity: m.activity.clone(),
        })
        .collect()
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/statement", tag = "statement",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = StatementStatusOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn status(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<StatementStatusOut>, Problem> {
    require(&a, Permission::Read)?;
    let missing = match current(&web, &a).await? {
        Ok(_) => Vec::new(),
        Err(m) => missing_out(&m),
    };
    let versions = web
        .app
        .statement_versions(&a)
        .await?
        .into_iter()
        .map(|v| StatementVersionOut {
            version: v.version,
            published_at: rfc3339(v.published_at),
            langs: v.langs,
        })
        .collect();
    Ok(Json(StatementStatusOut {
        ready: missing.is_empty(),
        missing,
        versions,
        public_path: format!("/p/{}/privacy", a.org.slug),
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/statement/publish", tag = "statement",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 201, body = PublishedOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "The register does not answer every item yet; the detail lists them")))]
async fn publish(State(web): State<Web>, ApiOrgActor(a): ApiOrgActor) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    match current(&web, &a).await? {
        Ok(content) => {
            let version = web
                .app
                .publish_statement(&a, &content, &|version, at| {
                    render_all(&content, version, at)
                })
                .await?;
            Ok((
                StatusCode::CREATED,
                Json(PublishedOut {
                    version,
                    public_path: format!("/p/{}/privacy/{version}", a.org.slug),
                }),
            )
                .into_response())
        }
        Err(m) => {
            let list = missing_out(&m)
                .iter()
                .map(|m| match &m.activity {
                    Some(a) => format!("{} ({}, {a})", m.item, m.article),
                    None => format!("{} ({})", m.item, m.article),
                })
                .collect::<Vec<_>>()
                .join("; ");
            Err(Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "statement-incomplete",
                "Privacy statement incomplete",
                format!("The register does not answer these items yet: {list}"),
            )
            .args(&[("items", &list)]))
        }
    }
}

#[derive(Deserialize, IntoParams)]
pub struct LangParams {
    /// `nl` or `en`; Dutch when absent.
    lang: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/statement/versions/{version}", tag = "statement",
    params(("org" = String, Path, description = "Organisation slug"), ("version" = i64, Path, description = "Version number"), LangParams),
    responses((status = 200, body = StatementTextOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn version_text(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, version)): Path<(String, i64)>,
    Query(p): Query<LangParams>,
) -> Result<Json<StatementTextOut>, Problem> {
    require(&a, Permission::Read)?;
    let lang = p.lang.as_deref().unwrap_or("nl");
    let row = web
        .app
        .statement(&a, Some(version), lang)
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(Json(StatementTextOut {
        version: row.version,
        lang: row.lang,
        published_at: rfc3339(row.published_at),
        html: row.html,
        markdown: row.markdown,
    }))
}

/// One version in one language as an A4 PDF, made from the Markdown published with it, so an old version
/// prints as it was published.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/statement/versions/{version}/pdf", tag = "statement",
    params(("org" = String, Path, description = "Organisation slug"), ("version" = i64, Path, description = "Version number"), LangParams),
    responses((status = 200, description = "The PDF, with a Content-Disposition file name of version and language only (`privacy-statement-v1-nl.pdf`)", content_type = "application/pdf"),
        (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem, description = "No such version, or none in that language")))]
async fn version_pdf(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, version)): Path<(String, i64)>,
    Query(p): Query<LangParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let lang = p.lang.as_deref().unwrap_or("nl");
    // A language Kluis does not speak has no published text either.
    let lang = crate::i18n::Lang::from_code(lang).ok_or_else(Problem::not_found)?;
    let row = web
        .app
        .statement(&a, Some(version), lang.code())
        .await?
        .ok_or_else(Problem::not_found)?;
    let pdf = statement_pdf(row, &a.org.name, lang).await?;
    Ok(crate::download::download_response(
        &pdf.file_name,
        pdf.content_type,
        pdf.bytes.clone(),
    ))
}
