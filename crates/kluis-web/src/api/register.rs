//! The register part of the REST API: processing activities (list, the register as of a date, create blank or
//! from a starter template, read, replace, activate or end, delete a draft, history).

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::{ActivityHistoryEntry, ActivityView, AppError, StatusChange};
use crate::i18n::{Lang, Tr};
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kluis_domain::Permission;
use kluis_domain::register::{ActivityStatus, ProcessingActivity};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/register/activities", list_activities)
        .post("/api/v1/orgs/{org}/register/activities", create_activity)
        .get(
            "/api/v1/orgs/{org}/register/activities/{activity}",
            get_activity,
        )
        .add(
            Method::PUT,
            "/api/v1/orgs/{org}/register/activities/{activity}",
            update_activity,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/register/activities/{activity}",
            delete_activity,
        )
        .post(
            "/api/v1/orgs/{org}/register/activities/{activity}/status",
            set_status,
        )
        .get(
            "/api/v1/orgs/{org}/register/activities/{activity}/history",
            history,
        )
        .get("/api/v1/orgs/{org}/register/export", export_register)
}

#[derive(Deserialize, IntoParams)]
pub struct ExportParams {
    /// `pdf`, `xlsx`, `csv`, `json`, `dpv-ttl`, `dpv-jsonld` or `fideslang`.
    format: String,
    /// `nl` (default) or `en`: the language of labels and headings.
    lang: Option<String>,
    /// The register as it stood at the end of this day (YYYY-MM-DD) instead of now.
    as_of: Option<String>,
}

fn invalid_value(field: &str, value: &str) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        "Invalid input",
        format!("{field}: '{value}' is not a known value"),
    )
    .detail_key("problem-invalid-value-detail")
    .args(&[("field", field), ("value", value)])
}

/// The register as a file (drafts left out), recorded in the audit log as `register.export`.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/register/export", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ExportParams),
    responses((status = 200, description = "The export, with Content-Type and Content-Disposition of the format",
            content(("application/pdf"), ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), ("text/csv"), ("application/json"), ("text/turtle"), ("application/ld+json"), ("application/yaml"))),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "Unknown format, language or date, or a register without active or ended activities")))]
async fn export_register(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<ExportParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let format: kluis_export::RegisterFormat = p
        .format
        .trim()
        .parse()
        .map_err(|_| invalid_value("format", &p.format))?;
    let lang = match p.lang.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => Lang::Nl,
        Some(l) => Lang::from_code(l).ok_or_else(|| invalid_value("lang", l))?,
    };
    let as_of = match p.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(d) => Some(
            time::Date::parse(d, &time::format_description::well_known::Iso8601::DATE).map_err(
                |_| {
                    Problem::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        "invalid",
                        "Invalid input",
                        "as_of: expected a date as YYYY-MM-DD.",
                    )
                    .detail_key("problem-invalid-date-detail")
                    .args(&[("field", "as_of")])
                },
            )?,
        ),
    };
    let x = web.app.export_register(&a, format, lang, as_of).await?;
    Ok(crate::download::download_response(
        &x.file_name,
        x.content_type,
        x.bytes,
    ))
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_activities,
        create_activity,
        get_activity,
        update_activity,
        delete_activity,
        set_status,
        history,
        export_register
    ),
    components(schemas(
        ActivityOut,
        ActivityListOut,
        CreateActivityIn,
        StatusIn,
        HistoryEntryOut,
        HistoryOut
    ))
)]
pub(crate) struct RegisterDoc;

/// A processing activity at its current version.
#[derive(Serialize, ToSchema)]
pub struct ActivityOut {
    pub id: String,
    /// `draft`, `active` or `ended`.
    pub status: String,
    /// Increases with every save.
    pub version: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    /// What the activity still lacks before it can be active (field keys such as `lawful_basis`); empty when
    /// complete.
    pub missing_for_active: Vec<String>,
    /// The whole activity: every Art. 30(1) field, the legal bases, recipients, transfers, retention rules,
    /// measures and status. Vocabulary values are fideslang keys (`user.contact.email`, `customer`).
    #[schema(value_type = Object)]
    pub activity: ProcessingActivity,
}

/// An activity for the API, with what a draft still lacks (under the organisation's jurisdiction).
async fn activity_out(
    web: &Web,
    actor: &crate::backend::Actor,
    a: ProcessingActivity,
    version: i64,
    created: i64,
    updated: i64,
) -> Result<ActivityOut, Problem> {
    let missing = if a.status == ActivityStatus::Draft {
        web.app
            .register_missing_for_active(actor, &a)
            .await?
            .into_iter()
            .map(|f| f.key().to_owned())
            .collect()
    } else {
        Vec::new()
    };
    Ok(ActivityOut {
        id: a.id.to_string(),
        status: a.status.as_str().to_owned(),
        version,
        created_at_ms: created,
        updated_at_ms: updated,
        missing_for_active: missing,
        activity: a,
    })
}

async fn view_out(
    web: &Web,
    actor: &crate::backend::Actor,
    v: ActivityView,
) -> Result<ActivityOut, Problem> {
    activity_out(
        web,
        actor,
        v.activity,
        v.version,
        v.created_at_ms,
        v.updated_at_ms,
    )
    .await
}

#[derive(Serialize, ToSchema)]
pub struct ActivityListOut {
    /// The date asked for with `as_of`, if any: the activities are then as they stood at the end of that day
    /// (versions and times are left out: `version` 0).
    pub as_of: Option<String>,
    pub activities: Vec<ActivityOut>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListParams {
    /// Only activities with this status: `draft`, `active`, `ended`.
    status: Option<String>,
    /// The register as it stood at the end of this day (YYYY-MM-DD, UTC).
    as_of: Option<String>,
}

fn invalid(field: &'static str, value: &str) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        "Invalid input",
        format!("{field}: '{value}' is not a known value"),
    )
    .detail_key("problem-invalid-value-detail")
    .args(&[("field", field), ("value", value)])
}

/// The refusal of an activity that lacks fields: 400, the missing field keys listed in `missing`.
fn incomplete(keys: &str) -> Response {
    let missing: Vec<&str> = keys
        .split(',')
        .map(str::trim)
        .filter(|k| !k.is_empty())
        .collect();
    let problem = Problem::new(
        StatusCode::BAD_REQUEST,
        "activity-incomplete",
        "Activity incomplete",
        format!(
            "An active activity needs every required field; missing: {}.",
            missing.join(", ")
        ),
    )
    .args(&[("fields", &missing.join(", "))]);
    let mut body = serde_json::to_value(&problem).unwrap_or_default();
    body["missing"] = serde_json::json!(missing);
    let mut res = problem.into_response();
    res.headers_mut().remove(header::CONTENT_LENGTH);
    *res.body_mut() = axum::body::Body::from(body.to_string());
    res
}

/// An application error as a problem; an incomplete activity as the 400 that lists its missing fields.
fn problem_of(e: AppError) -> Response {
    match e {
        AppError::Invalid {
            field: "missing",
            message,
        } => incomplete(&message),
        e => Problem::from(e).into_response(),
    }
}

fn parse_date(field: &'static str, s: &str) -> Result<time::Date, Problem> {
    crate::pages::register::parse_date(s).ok_or_else(|| invalid(field, s))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/register/activities", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ListParams),
    responses((status = 200, body = ActivityListOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list_activities(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<ListParams>,
) -> Result<Json<ActivityListOut>, Problem> {
    require(&a, Permission::Read)?;
    let status = match p.status.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(
            s.parse::<ActivityStatus>()
                .map_err(|_| invalid("status", s))?,
        ),
    };
    let as_of = match p.as_of.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => Some(parse_date("as_of", s)?),
    };
    let mut activities = Vec::new();
    match as_of {
        Some(d) => {
            for x in web.app.register_activities_as_of(&a, Some(d)).await? {
                activities.push(activity_out(&web, &a, x, 0, 0, 0).await?);
            }
        }
        None => {
            for v in web.app.register_activities(&a).await? {
                activities.push(view_out(&web, &a, v).await?);
            }
        }
    }
    Ok(Json(ActivityListOut {
        as_of: p.as_of.filter(|_| as_of.is_some()),
        activities: activities
            .into_iter()
            .filter(|x| status.is_none_or(|s| x.activity.status == s))
            .collect(),
    }))
}

/// A new draft activity: from a starter template (its name and purpose in the caller's language), or blank
/// with a name.
#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct CreateActivityIn {
    /// Key of a starter template, e.g. `camera_surveillance`.
    pub template: Option<String>,
    /// Name of a blank activity (ignored with a template).
    pub name: Option<String>,
}

/// The caller's language: the token user's setting, else `Accept-Language`.
async fn caller_lang(web: &Web, headers: &HeaderMap) -> Lang {
    let token = super::bearer_of(headers).map(str::to_owned);
    let user = match token {
        Some(t) => web.app.api_token_locale(&t).await.ok().flatten(),
        None => None,
    };
    user.map_or_else(
        || {
            Lang::from_accept_language(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        },
        crate::context::lang_from_locale,
    )
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/register/activities", tag = "register",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = CreateActivityIn,
    responses((status = 201, body = ActivityOut), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create_activity(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
    ApiJson(input): ApiJson<CreateActivityIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let tr = Tr::new(caller_lang(&web, &headers).await);
    let key = input
        .template
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (name, purpose) = match key {
        Some(k) => {
            let t = kluis_domain::register::starter::template(k)
                .ok_or_else(|| invalid("template", k))?;
            (
                crate::pages::register::template_name(tr, t),
                crate::pages::register::template_purpose(tr, t),
            )
        }
        None => (input.name.unwrap_or_default(), String::new()),
    };
    let v = web
        .app
        .create_register_activity(&a, key, &name, &purpose)
        .await?;
    Ok((StatusCode::CREATED, Json(view_out(&web, &a, v).await?)).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/register/activities/{activity}", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Activity id")),
    responses((status = 200, body = ActivityOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_activity(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<ActivityOut>, Problem> {
    require(&a, Permission::Read)?;
    let v = web.app.register_activity(&a, &id).await?;
    Ok(Json(view_out(&web, &a, v).await?))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/register/activities/{activity}", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Activity id")),
    request_body(content = Object, description = "The whole activity as `activity` in ActivityOut shows it; fields left out become empty. `id`, `status`, `end_date`, `successor` and `template` are kept as they are (the status changes through `/status`)."),
    responses((status = 200, body = ActivityOut), (status = 400, body = Problem, description = "The activity is active and the change would leave required fields empty; `missing` lists them"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn update_activity(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(body): ApiJson<serde_json::Value>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let new: ProcessingActivity = serde_json::from_value(body).map_err(|e| {
        let text = e.to_string();
        Problem::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad-body",
            "Unreadable request body",
            &text,
        )
        .args(&[("message", &text)])
    })?;
    match web.app.update_register_activity(&a, &id, new).await {
        Ok(v) => Ok(Json(view_out(&web, &a, v).await?).into_response()),
        Err(e) => Ok(problem_of(e)),
    }
}

/// A status change: `active` for a draft (refused with the missing fields when incomplete), `ended` for an
/// active activity (with its end date and, optionally, the activity that replaces it).
#[derive(Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct StatusIn {
    /// `active` or `ended`.
    pub status: String,
    /// YYYY-MM-DD; required when ending.
    pub end_date: Option<String>,
    /// Id of the activity that replaces an ended one.
    pub successor: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/register/activities/{activity}/status", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Activity id")),
    request_body = StatusIn,
    responses((status = 200, body = ActivityOut), (status = 400, body = Problem, description = "The activity lacks required fields; `missing` lists their keys"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn set_status(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<StatusIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    // An unknown activity is a 404 whatever the body says.
    web.app.register_activity(&a, &id).await?;
    let status = input
        .status
        .trim()
        .parse::<ActivityStatus>()
        .map_err(|_| invalid("status", &input.status))?;
    let end_date = match input
        .end_date
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        None => None,
        Some(s) => Some(parse_date("end_date", s)?),
    };
    let change = StatusChange {
        status,
        end_date,
        successor: input.successor,
    };
    match web.app.set_register_activity_status(&a, &id, change).await {
        Ok(v) => Ok(Json(view_out(&web, &a, v).await?).into_response()),
        Err(e) => Ok(problem_of(e)),
    }
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/register/activities/{activity}", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Activity id")),
    responses((status = 204, description = "The draft and its history were deleted"), (status = 401, body = Problem), (status = 403, body = Problem),
        (status = 404, body = Problem), (status = 409, body = Problem, description = "Only drafts can be deleted; end an active activity")))]
async fn delete_activity(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.delete_register_activity(&a, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One saved version: who, when, which fields.
#[derive(Serialize, ToSchema)]
pub struct HistoryEntryOut {
    pub version: i64,
    pub at_ms: i64,
    /// User id of the member who saved it, or `cli`.
    pub actor: String,
    /// The status after this version.
    pub status: String,
    /// Keys of the fields this version changed (never their values).
    pub changed: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct HistoryOut {
    /// Oldest first.
    pub versions: Vec<HistoryEntryOut>,
}

impl From<ActivityHistoryEntry> for HistoryEntryOut {
    fn from(e: ActivityHistoryEntry) -> Self {
        HistoryEntryOut {
            version: e.version,
            at_ms: e.at_ms,
            actor: e.actor,
            status: e.status.as_str().to_owned(),
            changed: e.changed,
        }
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/register/activities/{activity}/history", tag = "register",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Activity id")),
    responses((status = 200, body = HistoryOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn history(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<HistoryOut>, Problem> {
    require(&a, Permission::Read)?;
    let versions = web.app.register_activity_history(&a, &id).await?;
    Ok(Json(HistoryOut {
        versions: versions.into_iter().map(HistoryEntryOut::from).collect(),
    }))
}
