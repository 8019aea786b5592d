//! The data-subject requests API: list, register, read one (audited: it shows the requester) and take a step.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::pages::requests::step_from;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kluis_app::{NewRequest, RequestSummary, RequestView};
use kluis_domain::Permission;
use kluis_domain::relations::requests::{DeadlineView, RequestChannel, RequestStatus};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/requests", list)
        .post("/api/v1/orgs/{org}/requests", create)
        .get("/api/v1/orgs/{org}/requests/{request}", get)
        .post("/api/v1/orgs/{org}/requests/{request}/steps", step)
}

#[derive(OpenApi)]
#[openapi(
    paths(list, create, get, step),
    components(schemas(
        DataSubjectRequestOut,
        DataSubjectRequestDetailOut,
        DataSubjectRequestIn,
        DataSubjectRequestStepIn,
        DataSubjectRequestHistoryOut
    ))
)]
pub(crate) struct RequestsDoc;

/// A data-subject request as lists show it.
#[derive(Serialize, ToSchema)]
pub struct DataSubjectRequestOut {
    pub id: String,
    /// `access`, `rectification`, `erasure`, `restriction`, `portability` or `objection`.
    pub kind: String,
    /// The GDPR article of the right, e.g. `Art. 15`.
    pub article: String,
    /// `ui`, `api`, `public_form`, `email` or `letter`.
    pub channel: String,
    /// `received`, `identity_verified`, `extended`, `answered`, `refused` or `withdrawn`.
    pub status: String,
    /// RFC 3339.
    pub received_at: String,
    /// The organisation's calendar day of receipt (ISO date): the deadline counts from it.
    pub received_on: String,
    /// The deadline in force (ISO date).
    pub due_on: String,
    pub extended: bool,
    /// `open`, `due_soon`, `overdue` or `closed`.
    pub deadline: String,
    /// Days left (negative: days overdue); absent when closed.
    pub days_left: Option<i64>,
    /// RFC 3339, when answered, refused or withdrawn.
    pub closed_at: Option<String>,
    pub requester_name: String,
}

/// One step in a request's history.
#[derive(Serialize, ToSchema)]
pub struct DataSubjectRequestHistoryOut {
    pub from: Option<String>,
    pub to: String,
    /// Why, as a key: the verification method, the refusal ground, `extension_notice`, or the channel.
    pub reason_key: Option<String>,
    /// User id of the member who took the step.
    pub actor: Option<String>,
    /// RFC 3339.
    pub at: String,
}

/// A request with its requester, records and history. Reading it is audited (`request.read`).
#[derive(Serialize, ToSchema)]
pub struct DataSubjectRequestDetailOut {
    #[serde(flatten)]
    pub request: DataSubjectRequestOut,
    pub requester_email: String,
    pub relation_id: Option<String>,
    /// The verification method, once verified.
    pub verification_method: Option<String>,
    pub verification_note: Option<String>,
    /// The day the extension notice was sent (ISO date).
    pub extension_notice_sent_on: Option<String>,
    pub extension_reason: Option<String>,
    pub refusal_ground: Option<String>,
    pub refusal_reason: Option<String>,
    /// The last day an extension notice may still be sent (ISO date), while one may.
    pub extension_possible_until: Option<String>,
    pub history: Vec<DataSubjectRequestHistoryOut>,
}

/// A request to register. Every field is read after the caller's permission is checked, so a missing one is a
/// 422 naming it.
#[derive(Deserialize, ToSchema)]
pub struct DataSubjectRequestIn {
    /// `access`, `rectification`, `erasure`, `restriction`, `portability` or `objection`.
    #[serde(default)]
    pub kind: String,
    /// How it came in: `api` when absent; `email`, `letter` or `ui` for one registered after the fact.
    pub channel: Option<String>,
    #[serde(default)]
    pub requester_name: String,
    #[serde(default)]
    pub requester_email: String,
    /// RFC 3339; now when absent. Not in the future.
    pub received_at: Option<String>,
    /// The relation it concerns, if known.
    pub relation_id: Option<String>,
}

/// A step to take on a request.
#[derive(Deserialize, ToSchema)]
pub struct DataSubjectRequestStepIn {
    /// `verify_identity`, `extend`, `answer`, `refuse` or `withdraw`.
    #[serde(default)]
    pub step: String,
    /// For `verify_identity`: `known_channel`, `email_confirmation`, `control_questions` or `in_person`.
    pub method: Option<String>,
    /// For `verify_identity`: what was checked, in words (never the values of a document).
    pub note: Option<String>,
    /// For `extend`: the day the notice with the reasons was sent (ISO date), within the first month.
    pub notice_sent_on: Option<String>,
    /// For `extend` and `refuse`: the reasons.
    pub reason: Option<String>,
    /// For `refuse`: `manifestly_unfounded`, `excessive`, `identity_not_verified`, `not_applicable` or
    /// `exemption`.
    pub ground: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct RequestListParams {
    /// Only requests with this status.
    status: Option<String>,
}

fn rfc3339(ms: i64) -> String {
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn out(s: &RequestSummary) -> DataSubjectRequestOut {
    let (deadline, days_left) = match s.deadline {
        DeadlineView::Closed => ("closed", None),
        DeadlineView::Open { days_left, .. } => ("open", Some(days_left)),
        DeadlineView::DueSoon { days_left, .. } => ("due_soon", Some(days_left)),
        DeadlineView::Overdue { days, .. } => ("overdue", Some(-days)),
    };
    DataSubjectRequestOut {
        id: s.id.clone(),
        kind: s.kind.as_str().to_owned(),
        article: s.kind.article().to_owned(),
        channel: s.channel.as_str().to_owned(),
        status: s.status.as_str().to_owned(),
        received_at: rfc3339(s.received_at_ms),
        received_on: s.received_on.to_string(),
        due_on: s.due_on.to_string(),
        extended: s.extended,
        deadline: deadline.to_owned(),
        days_left,
        closed_at: s.closed_at_ms.map(rfc3339),
        requester_name: s.requester_name.clone(),
    }
}

fn detail_out(v: RequestView) -> DataSubjectRequestDetailOut {
    DataSubjectRequestDetailOut {
        request: out(&v.summary),
        requester_email: v.requester_email,
        relation_id: v.relation_id,
        verification_method: v
            .verification
            .as_ref()
            .map(|x| x.method.as_str().to_owned()),
        verification_note: v.verification.map(|x| x.note),
        extension_notice_sent_on: v.extension.as_ref().map(|x| x.notice_sent_on.to_string()),
        extension_reason: v.extension.map(|x| x.reason),
        refusal_ground: v.refusal.as_ref().map(|(g, _)| g.as_str().to_owned()),
        refusal_reason: v.refusal.map(|(_, r)| r),
        extension_possible_until: v.extension_possible_until.map(|d| d.to_string()),
        history: v
            .history
            .into_iter()
            .map(|h| DataSubjectRequestHistoryOut {
                from: h.from.map(|s| s.as_str().to_owned()),
                to: h.to.as_str().to_owned(),
                reason_key: h.reason_key,
                actor: h.actor,
                at: rfc3339(h.at_ms),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/requests", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), RequestListParams),
    responses((status = 200, body = [DataSubjectRequestOut], description = "Open requests first by due date; reading the requesters' names is audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn list(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<RequestListParams>,
) -> Result<Json<Vec<DataSubjectRequestOut>>, Problem> {
    require(&a, Permission::Read)?;
    let status = match p.status.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(s.parse::<RequestStatus>().map_err(|_| AppError::Invalid {
            field: "status",
            message: "not a request status".into(),
        })?),
    };
    let rows = web.app.requests(&a, status).await?;
    Ok(Json(rows.iter().map(out).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/requests", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = DataSubjectRequestIn,
    responses((status = 201, body = DataSubjectRequestDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<DataSubjectRequestIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let invalid = |field: &'static str, message: &str| AppError::Invalid {
        field,
        message: message.into(),
    };
    let kind = input
        .kind
        .trim()
        .parse()
        .map_err(|_| invalid("kind", "not a kind of request"))?;
    let channel = match input.channel.as_deref().map(str::trim) {
        None | Some("") => RequestChannel::Api,
        Some(c) => c.parse().map_err(|_| invalid("channel", "not a channel"))?,
    };
    let received_at = match input.received_at.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(
            time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
                .map_err(|_| invalid("received_at", "not an RFC 3339 time"))?,
        ),
    };
    let relation_id = input
        .relation_id
        .filter(|r| !r.trim().is_empty())
        .map(|r| r.trim().to_owned());
    let id = web
        .app
        .create_request(
            &a,
            &NewRequest {
                kind,
                channel,
                requester_name: input.requester_name,
                requester_email: input.requester_email,
                received_at,
                received_local: None,
                relation_id,
            },
        )
        .await?;
    let view = web.app.request(&a, &id).await?;
    Ok((StatusCode::CREATED, Json(detail_out(view))).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/requests/{request}", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id")),
    responses((status = 200, body = DataSubjectRequestDetailOut, description = "The request; reading the requester is audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<DataSubjectRequestDetailOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(detail_out(web.app.request(&a, &id).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/requests/{request}/steps", tag = "requests",
    params(("org" = String, Path, description = "Organisation slug"), ("request" = String, Path, description = "Request id")),
    request_body = DataSubjectRequestStepIn,
    responses((status = 200, body = DataSubjectRequestDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "The step is not possible in the request's state (closed, already verified or extended, not verified yet)"),
        (status = 422, body = Problem, description = "A value is missing or invalid, or the extension comes after the first month")))]
async fn step(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<DataSubjectRequestStepIn>,
) -> Result<Json<DataSubjectRequestDetailOut>, Problem> {
    require(&a, Permission::HandleRequests)?;
    // Another organisation's request, or none: 404 before anything about the body is said.
    web.app.request_exists(&a, &id).await?;
    let s = step_from(
        &input.step,
        input.method.as_deref().unwrap_or(""),
        input.note.as_deref().unwrap_or(""),
        input.notice_sent_on.as_deref().unwrap_or(""),
        input.reason.as_deref().unwrap_or(""),
        input.ground.as_deref().unwrap_or(""),
    )?;
    web.app.request_step(&a, &id, s).await?;
    Ok(Json(detail_out(web.app.request(&a, &id).await?)))
}
