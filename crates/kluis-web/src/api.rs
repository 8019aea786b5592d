//! The REST API under /api/v1: bearer API tokens only, RFC 9457 problem details, OpenAPI 3.1 from the code.
//!
//! The API never looks at cookies, so a browser session can never be used against it (and it needs no CSRF).

pub(crate) mod breaches;
pub(crate) mod compliance;
pub(crate) mod consent;
pub(crate) mod documents;
pub(crate) mod dpia;
mod invitations;
pub(crate) mod links;
pub(crate) mod profile;
pub(crate) mod recipients;
pub(crate) mod register;
pub(crate) mod relations;
pub(crate) mod relations_import;
pub(crate) mod requests;
pub(crate) mod retention;
pub(crate) mod rights;
pub(crate) mod statement;

use crate::backend::{Actor, AppError, AuditVerification, UserId};
use crate::context::origin_of;
use crate::pages::{AuditQuery, audit_filter};
use crate::{Routes, Web};
use axum::extract::rejection::JsonRejection;
use axum::extract::{
    ConnectInfo, FromRequest, FromRequestParts, Path, Query, RawPathParams, Request, State,
};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::{Json, http::Method};
use kluis_domain::{Permission, Role};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/openapi.json", openapi_handler)
        .get("/api/v1/me", me)
        .get("/api/v1/orgs/{org}/members", list_members)
        .add(
            Method::PATCH,
            "/api/v1/orgs/{org}/members/{user}",
            change_role,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/members/{user}",
            remove_member,
        )
        .get("/api/v1/orgs/{org}/audit", audit_events)
        .post("/api/v1/orgs/{org}/audit/verify", verify_audit)
        .post("/api/v1/orgs/{org}/audit/search", search_audit)
        .merge(documents::routes())
        .merge(statement::routes())
        .merge(profile::routes())
        .merge(recipients::routes())
        .merge(invitations::routes())
        .merge(compliance::routes())
        .merge(register::routes())
        .merge(relations::routes())
        .merge(relations_import::routes())
        .merge(links::routes())
        .merge(requests::routes())
        .merge(breaches::routes())
        .merge(dpia::routes())
        .merge(consent::routes())
        .merge(retention::routes())
        .merge(rights::routes())
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Kluis API", version = "1", description = "Members, documents and audit log of a Kluis organisation. Authenticate with an API token: `Authorization: Bearer <token>`."),
    paths(me, list_members, change_role, remove_member, audit_events, verify_audit, search_audit),
    components(schemas(Problem, Me, ApiRole, MemberOut, RoleChange, AuditEventOut, AuditPageOut, VerificationOut, AuditSearchIn)),
    modifiers(&BearerAuth),
    security(("bearer" = []))
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The OpenAPI document as JSON (also used by tests and tooling).
pub fn openapi_json() -> String {
    let doc = ApiDoc::openapi()
        .merge_from(documents::DocumentsDoc::openapi())
        .merge_from(statement::StatementDoc::openapi())
        .merge_from(profile::ProfileDoc::openapi())
        .merge_from(recipients::RecipientsDoc::openapi())
        .merge_from(invitations::InvitationsDoc::openapi())
        .merge_from(compliance::ComplianceDoc::openapi())
        .merge_from(register::RegisterDoc::openapi())
        .merge_from(relations::RelationsDoc::openapi())
        .merge_from(requests::RequestsDoc::openapi())
        .merge_from(breaches::BreachesDoc::openapi())
        .merge_from(dpia::DpiaDoc::openapi())
        .merge_from(consent::ConsentDoc::openapi())
        .merge_from(relations_import::ImportDoc::openapi())
        .merge_from(retention::RetentionDoc::openapi())
        .merge_from(links::LinksDoc::openapi())
        .merge_from(rights::RightsDoc::openapi());
    let Ok(mut doc) = serde_json::to_value(&doc) else {
        return "{}".to_owned();
    };
    problem_media_type(&mut doc);
    common_problems(&mut doc);
    serde_json::to_string_pretty(&doc).unwrap_or_else(|_| "{}".to_owned())
}

/// Answers any operation may give, whatever its handler does: an unreadable query string, path or body (400),
/// too many requests (429) and, where a body is taken, an unsupported media type (415), a body over the limit
/// (413) or one that does not match its schema (422). Documented here for every operation, so the document and the server agree.
fn common_problems(doc: &mut serde_json::Value) {
    let problem = |description: &str| {
        serde_json::json!({
            "description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        })
    };
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(operations) = item.as_object_mut() else {
            continue;
        };
        for operation in operations.values_mut() {
            let takes_body = operation.get("requestBody").is_some();
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(|r| r.as_object_mut())
            else {
                continue;
            };
            let mut add = |status: &str, description: &str| {
                if !responses.contains_key(status) {
                    responses.insert(status.to_owned(), problem(description));
                }
            };
            add(
                "400",
                "The query string, path or body could not be read, or a value is out of range.",
            );
            add("429", "Too many requests; see `Retry-After`.");
            if takes_body {
                add("413", "The request body is too large.");
                add("415", "The body's content type is not the one documented.");
                add(
                    "422",
                    "The body does not match its schema, or a value is invalid.",
                );
            }
        }
    }
}

/// Every response whose body is a [`Problem`] is sent as `application/problem+json`; utoipa's default media
/// type for a body is `application/json`, so the document says so here, once, instead of at every response.
fn problem_media_type(doc: &mut serde_json::Value) {
    const PROBLEM_REF: &str = "#/components/schemas/Problem";
    let Some(paths) = doc.get_mut("paths").and_then(|p| p.as_object_mut()) else {
        return;
    };
    for item in paths.values_mut() {
        let Some(operations) = item.as_object_mut() else {
            continue;
        };
        for operation in operations.values_mut() {
            let Some(responses) = operation
                .get_mut("responses")
                .and_then(|r| r.as_object_mut())
            else {
                continue;
            };
            for response in responses.values_mut() {
                let Some(content) = response.get_mut("content").and_then(|c| c.as_object_mut())
                else {
                    continue;
                };
                let is_problem = content
                    .get("application/json")
                    .and_then(|c| c.pointer("/schema/$ref"))
                    .and_then(|r| r.as_str())
                    == Some(PROBLEM_REF);
                if is_problem && let Some(body) = content.remove("application/json") {
                    content.insert("application/problem+json".to_owned(), body);
                }
            }
        }
    }
}

async fn openapi_handler() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response()
}

/// An RFC 9457 problem document.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, in words a person understands.
    pub detail: String,
    #[serde(skip)]
    retry_after: Option<u64>,
    /// How to say it in the caller's language: see [`ProblemText`].
    #[serde(skip)]
    text: Box<ProblemText>,
}

/// The catalogue keys of a problem's title (`problem-{slug}-title`) and detail (`problem-{slug}-detail`, or
/// another key) with the detail's arguments; `translate_problems` rewrites the English body with them.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProblemText {
    slug: String,
    detail_key: Option<&'static str>,
    args: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn new(status: StatusCode, slug: &str, title: &str, detail: impl Into<String>) -> Problem {
        Problem {
            kind: format!("urn:kluis:problem:{slug}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail: detail.into(),
            retry_after: None,
            text: Box::new(ProblemText {
                slug: slug.to_owned(),
                detail_key: None,
                args: Vec::new(),
            }),
        }
    }

    /// The detail's placeholders (`{ $name }` in the catalogue).
    pub(crate) fn args(mut self, args: &[(&'static str, &str)]) -> Problem {
        self.text.args = args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
        self
    }

    /// Sets the `Retry-After` header (seconds).
    pub(crate) fn retry_after(mut self, secs: u64) -> Problem {
        self.retry_after = Some(secs);
        self
    }

    /// A detail from another catalogue key than `problem-{slug}-detail`.
    pub(crate) fn detail_key(mut self, key: &'static str) -> Problem {
        self.text.detail_key = Some(key);
        self
    }
    pub fn not_found() -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            "Not found",
            "There is nothing here, or you have no access to it.",
        )
    }
    pub fn unauthenticated() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Authentication required",
            "Send a valid API token as 'Authorization: Bearer <token>'.",
        )
    }
    pub fn forbidden() -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "Forbidden",
            "Your role in this organisation does not allow this.",
        )
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut res = (status, Json(&self)).into_response();
        res.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            res.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        if let Some(secs) = self.retry_after
            && let Ok(v) = HeaderValue::from_str(&secs.to_string())
        {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        res.extensions_mut().insert(*self.text);
        res
    }
}

/// Middleware: puts the `title` and `detail` of every problem document into the caller's language: the language
/// setting of the API token's user, else `Accept-Language`, else Dutch. Keys missing from the catalogue keep the
/// English text.
pub(crate) async fn translate_problems(
    axum::extract::State(web): axum::extract::State<Web>,
    req: Request,
    next: axum::middleware::Next,
) -> Response {
    let token = bearer_of(req.headers()).map(str::to_owned);
    let accept = req
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let is_api = req.uri().path().starts_with("/api/");
    let mut res = next.run(req).await;
    if is_api
        && (res.status().is_client_error() || res.status().is_server_error())
        && res.extensions().get::<ProblemText>().is_none()
    {
        res = plain_to_problem(res).await;
    }
    let Some(text) = res.extensions().get::<ProblemText>().cloned() else {
        return res;
    };
    let user_lang = match &token {
        Some(t) => web.app.api_token_locale(t).await.ok().flatten(),
        None => None,
    };
    let lang = user_lang.map_or_else(
        || crate::i18n::Lang::from_accept_language(&accept),
        crate::context::lang_from_locale,
    );
    let (mut parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (parts.status, parts.headers).into_response();
    };
    let Ok(mut doc) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    };
    let catalogue = crate::i18n::catalogue(lang);
    let tr = crate::i18n::Tr::new(lang);
    if let Some(title) = catalogue.get(&format!("problem-{}-title", text.slug)) {
        doc["title"] = serde_json::Value::from(title.as_str());
    }
    let detail_key = text
        .detail_key
        .map_or_else(|| format!("problem-{}-detail", text.slug), str::to_owned);
    if catalogue.contains_key(&detail_key) {
        // A field is named as the forms label it, where the catalogue has a label for it.
        let args: Vec<(&str, &str)> = text
            .args
            .iter()
            .map(|(k, v)| match *k {
                "field" => (
                    *k,
                    catalogue
                        .get(&format!("field-{}", v.replace('_', "-")))
                        .map_or(v.as_str(), String::as_str),
                ),
                _ => (*k, v.as_str()),
            })
            .collect();
        doc["detail"] = serde_json::Value::from(tr.t_with(&detail_key, &args));
    }
    parts.headers.remove(header::CONTENT_LENGTH);
    if let Ok(v) = HeaderValue::from_str(tr.code()) {
        parts.headers.insert(header::CONTENT_LANGUAGE, v);
    }
    Response::from_parts(parts, axum::body::Body::from(doc.to_string()))
}

/// An error answer under /api that is not a problem document yet (axum's plain-text rejections of a query
/// string, a path or a body, 405 for a method the route lacks, 413 from the body limit) becomes one, keeping
/// its status and headers (`Allow`, `Retry-After`) and its text as the detail.
async fn plain_to_problem(res: Response) -> Response {
    let (parts, body) = res.into_parts();
    let text = match axum::body::to_bytes(body, 16 * 1024).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).trim().to_owned(),
        Err(_) => String::new(),
    };
    let status = parts.status;
    let text = if text.is_empty() {
        status.canonical_reason().unwrap_or("Error").to_owned()
    } else {
        text
    };
    let problem = match status {
        StatusCode::NOT_FOUND => Problem::not_found(),
        StatusCode::METHOD_NOT_ALLOWED => Problem::new(
            status,
            "method-not-allowed",
            "Method not allowed",
            "This path does not support this HTTP method.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => Problem::new(
            status,
            "body-too-large",
            "Request too large",
            "The request body is larger than this server accepts.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Problem::new(
            status,
            "unsupported-media-type",
            "Unsupported media type",
            &text,
        )
        .args(&[("message", &text)]),
        s if s.is_server_error() => Problem::new(
            status,
            "internal",
            "Something went wrong",
            "Something went wrong on our side. Please try again later.",
        ),
        _ => Problem::new(status, "bad-request", "Bad request", &text).args(&[("message", &text)]),
    };
    let mut out = problem.into_response();
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            out.headers_mut().insert(name.clone(), value.clone());
        }
    }
    out
}

/// A query value outside its documented range.
fn out_of_range(field: &'static str, min: u32, max: u32) -> Problem {
    Problem::new(
        StatusCode::BAD_REQUEST,
        "invalid",
        "Invalid input",
        format!("{field}: must be a whole number from {min} to {max}"),
    )
    .detail_key("problem-invalid-range-detail")
    .args(&[
        ("field", field),
        ("min", &min.to_string()),
        ("max", &max.to_string()),
    ])
}

/// Checks a `page`/`per_page` style query value against its documented range.
pub(crate) fn in_range(
    field: &'static str,
    value: Option<u32>,
    default: u32,
    min: u32,
    max: u32,
) -> Result<u32, Problem> {
    let v = value.unwrap_or(default);
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        Err(out_of_range(field, min, max))
    }
}

impl From<AppError> for Problem {
    fn from(e: AppError) -> Problem {
        match e {
            AppError::NotFound => Problem::not_found(),
            AppError::Forbidden => Problem::forbidden(),
            AppError::Unauthenticated => Problem::unauthenticated(),
            AppError::Invalid { field, message } => Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Invalid input",
                format!("{field}: {message}"),
            )
            .args(&[("field", field), ("message", &message)]),
            AppError::Conflict(m) => Problem::new(StatusCode::CONFLICT, "conflict", "Conflict", &m)
                .args(&[("message", &m)]),
            AppError::Throttled { retry_after_secs } => Problem {
                retry_after: Some(retry_after_secs),
                ..Problem::new(
                    StatusCode::TOO_MANY_REQUESTS,
                    "throttled",
                    "Too many attempts",
                    format!("Too many attempts. Try again in {retry_after_secs} seconds."),
                )
                .args(&[("seconds", &retry_after_secs.to_string())])
            },
            AppError::Setup(m) => {
                Problem::new(StatusCode::CONFLICT, "setup", "Setup", &m).args(&[("message", &m)])
            }
            AppError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error (api)");
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal",
                    "Something went wrong",
                    "Something went wrong on our side. Please try again later.",
                )
            }
        }
    }
}

/// JSON body whose rejection is a problem document instead of axum's plain text.
pub struct ApiJson<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => {
                let status = match e {
                    JsonRejection::MissingJsonContentType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    JsonRejection::JsonDataError(_) => StatusCode::UNPROCESSABLE_ENTITY,
                    _ => StatusCode::BAD_REQUEST,
                };
                let text = e.body_text();
                Err(
                    Problem::new(status, "bad-body", "Unreadable request body", &text)
                        .args(&[("message", &text)]),
                )
            }
        }
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    bearer_of(&parts.headers)
}

pub(crate) fn bearer_of(headers: &axum::http::HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

/// The actor behind a bearer API token.
pub struct ApiActor(pub Actor);

impl FromRequestParts<Web> for ApiActor {
    type Rejection = Problem;
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        let token = bearer(parts).ok_or_else(Problem::unauthenticated)?;
        let origin = origin_of(
            &parts.headers,
            parts.extensions.get::<ConnectInfo<SocketAddr>>(),
        );
        match web.app.actor_from_api_token(token, &origin).await {
            Ok(a) => Ok(ApiActor(a)),
            Err(AppError::NotFound | AppError::Unauthenticated | AppError::Forbidden) => {
                Err(Problem::unauthenticated())
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// The actor behind a bearer API token, which must belong to the organisation in the path. Another
/// organisation answers 404, so a token never learns whether it exists.
pub struct ApiOrgActor(pub Actor);

impl FromRequestParts<Web> for ApiOrgActor {
    type Rejection = Problem;
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        let ApiActor(actor) = ApiActor::from_request_parts(parts, web).await?;
        let params = RawPathParams::from_request_parts(parts, web)
            .await
            .map_err(|_| Problem::not_found())?;
        let org = params
            .iter()
            .find(|(k, _)| *k == "org")
            .map(|(_, v)| v.to_owned())
            .ok_or_else(Problem::not_found)?;
        if org != actor.org.slug {
            return Err(Problem::not_found());
        }
        Ok(ApiOrgActor(actor))
    }
}

fn require(actor: &Actor, p: Permission) -> Result<(), Problem> {
    if actor.role.allows(p) {
        Ok(())
    } else {
        Err(Problem::forbidden())
    }
}

/// A role in an organisation.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApiRole {
    Owner,
    PrivacyOfficer,
    Staff,
    Auditor,
}

impl From<Role> for ApiRole {
    fn from(r: Role) -> Self {
        match r {
            Role::Owner => ApiRole::Owner,
            Role::PrivacyOfficer => ApiRole::PrivacyOfficer,
            Role::Staff => ApiRole::Staff,
            Role::Auditor => ApiRole::Auditor,
        }
    }
}

impl From<ApiRole> for Role {
    fn from(r: ApiRole) -> Self {
        match r {
            ApiRole::Owner => Role::Owner,
            ApiRole::PrivacyOfficer => Role::PrivacyOfficer,
            ApiRole::Staff => Role::Staff,
            ApiRole::Auditor => Role::Auditor,
        }
    }
}

/// Who the token acts as.
#[derive(Serialize, ToSchema)]
pub struct Me {
    pub user_id: String,
    /// The organisation the token belongs to.
    pub org: String,
    pub role: ApiRole,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account",
    responses((status = 200, body = Me), (status = 401, body = Problem, content_type = "application/problem+json")))]
async fn me(ApiActor(a): ApiActor) -> Json<Me> {
    Json(Me {
        user_id: a.user_id.0.clone(),
        org: a.org.slug.clone(),
        role: a.role.into(),
    })
}

#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: ApiRole,
}

impl From<crate::backend::Member> for MemberOut {
    fn from(m: crate::backend::Member) -> Self {
        MemberOut {
            user_id: m.user.id.0,
            name: m.user.display_name,
            email: m.user.email,
            role: m.role.into(),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/members", tag = "members",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = Vec<MemberOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_members(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<MemberOut>>, Problem> {
    require(&a, Permission::ManageUsers)?;
    Ok(Json(
        web.app
            .members(&a)
            .await?
            .into_iter()
            .map(MemberOut::from)
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct RoleChange {
    pub role: ApiRole,
}

#[utoipa::path(patch, path = "/api/v1/orgs/{org}/members/{user}", tag = "members",
    params(("org" = String, Path, description = "Organisation slug"), ("user" = String, Path, description = "User id")), request_body = RoleChange,
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn change_role(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, user)): Path<(String, String)>,
    ApiJson(body): ApiJson<RoleChange>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageUsers)?;
    web.app
        .change_role(&a, &UserId(user), body.role.into())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/members/{user}", tag = "members",
    params(("org" = String, Path, description = "Organisation slug"), ("user" = String, Path, description = "User id")),
    responses((status = 204), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn remove_member(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, user)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageUsers)?;
    web.app.remove_member(&a, &UserId(user)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AuditParams {
    /// Acting user id (or system actor).
    actor: Option<String>,
    action: Option<String>,
    entity: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), inclusive.
    to: Option<String>,
    /// Page number, from 1.
    #[param(minimum = 1, maximum = 1_000_000)]
    page: Option<u32>,
    /// Events per page, 1 to 500 (default 50).
    #[param(minimum = 1, maximum = 500)]
    per_page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditEventOut {
    pub seq: i64,
    /// Unix time in milliseconds.
    pub at_ms: i64,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// Names of changed fields, never their values.
    pub fields: Vec<String>,
    /// The actor's display name (search results only; null for system actors and in plain listings).
    pub actor_name: Option<String>,
    /// The subject's name: a person's display name, a document's path, the organisation's or an API token's
    /// name (search results only; null when it has none).
    pub subject_name: Option<String>,
}

/// An audit search. The free text is sent in the body, never in the URL: it may be a person's name. Every field
/// is optional (an absent `Option` is `None`).
#[derive(Deserialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct AuditSearchIn {
    /// Free text: part of a person's or document's name, of an action (its code, or its words in Dutch or
    /// English), or an exact id.
    pub q: Option<String>,
    pub actor: Option<String>,
    pub action: Option<String>,
    pub entity: Option<String>,
    /// First day, `YYYY-MM-DD` (UTC).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (UTC), inclusive.
    pub to: Option<String>,
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Events per page, 1 to 500 (default 50).
    pub per_page: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct AuditPageOut {
    pub events: Vec<AuditEventOut>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/audit", tag = "audit",
    params(("org" = String, Path, description = "Organisation slug"), AuditParams),
    responses((status = 200, body = AuditPageOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn audit_events(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<AuditParams>,
) -> Result<Json<AuditPageOut>, Problem> {
    require(&a, Permission::ReadAudit)?;
    let search = AuditSearchIn {
        q: None,
        actor: p.actor,
        action: p.action,
        entity: p.entity,
        from: p.from,
        to: p.to,
        page: p.page,
        per_page: p.per_page,
    };
    audit_listing(&web, &a, search, false).await
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/audit/search", tag = "audit",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = AuditSearchIn,
    responses((status = 200, body = AuditPageOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn search_audit(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(body): ApiJson<AuditSearchIn>,
) -> Result<Json<AuditPageOut>, Problem> {
    require(&a, Permission::ReadAudit)?;
    audit_listing(&web, &a, body, true).await
}

/// Lists audit events for the API; `with_names` also resolves actor and subject names (decrypting names, which
/// the application audits).
async fn audit_listing(
    web: &Web,
    a: &Actor,
    p: AuditSearchIn,
    with_names: bool,
) -> Result<Json<AuditPageOut>, Problem> {
    let per_page = in_range("per_page", p.per_page, 50, 1, 500)?;
    let page = in_range("page", p.page, 1, 1, 1_000_000)?;
    let q = AuditQuery {
        actor: p.actor.unwrap_or_default(),
        action: p.action.unwrap_or_default(),
        entity: p.entity.unwrap_or_default(),
        from: p.from.unwrap_or_default(),
        to: p.to.unwrap_or_default(),
        page: Some(page.to_string()),
    };
    let mut filter = audit_filter(&q, per_page).map_err(|field| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "invalid",
            "Invalid input",
            format!("{field}: expected a date as YYYY-MM-DD"),
        )
        .detail_key("problem-invalid-date-detail")
        .args(&[("field", field)])
    })?;
    filter.with_names = with_names;
    if let Some(text) = p.q.filter(|t| !t.trim().is_empty()) {
        // The API has no reader's language: action words match in every language the UI speaks.
        let mut actions = Vec::new();
        for lang in [crate::i18n::Lang::Nl, crate::i18n::Lang::En] {
            for action in crate::pages::actions_matching(&crate::i18n::Tr::new(lang), &text) {
                if !actions.contains(&action) {
                    actions.push(action);
                }
            }
        }
        filter.text_actions = actions;
        filter.text = Some(text);
    }
    let page = filter.page;
    let res = web.app.audit_events(a, filter).await?;
    Ok(Json(AuditPageOut {
        events: res
            .events
            .into_iter()
            .map(|e| AuditEventOut {
                seq: e.seq,
                at_ms: e.at_ms,
                actor: e.actor,
                action: e.action,
                entity: e.entity,
                entity_id: e.entity_id,
                fields: e.fields,
                actor_name: e.actor_name,
                subject_name: e.subject_name,
            })
            .collect(),
        total: res.total,
        page,
        per_page,
    }))
}

#[derive(Serialize, ToSchema)]
pub struct VerificationOut {
    /// True when every link of the chain checks out.
    pub ok: bool,
    /// Number of events checked (when ok).
    pub events: Option<u64>,
    /// First broken link (when not ok).
    pub broken_seq: Option<i64>,
    pub reason: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/audit/verify", tag = "audit",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = VerificationOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn verify_audit(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<VerificationOut>, Problem> {
    require(&a, Permission::ReadAudit)?;
    Ok(Json(match web.app.verify_audit(&a).await? {
        AuditVerification::Ok { events } => VerificationOut {
            ok: true,
            events: Some(events),
            broken_seq: None,
            reason: None,
        },
        v @ AuditVerification::Broken { seq, .. } => VerificationOut {
            ok: false,
            events: None,
            broken_seq: Some(seq),
            reason: Some(v.to_string()),
        },
    }))
}
