//! The retention API: the review list (dry run), legal holds, a relation's start events, deletion runs (propose,
//! approve, carry out) and their certificates.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::pages::retention::events_input;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{Certificate, HoldView, ReviewLine, RunView, retention_target};
use kluis_domain::Permission;
use kluis_domain::relations::retention::RetentionTarget;
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/retention/review", review)
        .get("/api/v1/orgs/{org}/retention/holds", holds)
        .post("/api/v1/orgs/{org}/retention/holds", place_hold)
        .post("/api/v1/orgs/{org}/retention/holds/{hold}/lift", lift_hold)
        .add(
            Method::PUT,
            "/api/v1/orgs/{org}/retention/relations/{relation}/events",
            set_events,
        )
        .get("/api/v1/orgs/{org}/retention/runs", runs)
        .post("/api/v1/orgs/{org}/retention/runs", propose)
        .get("/api/v1/orgs/{org}/retention/runs/{run}", run)
        .post("/api/v1/orgs/{org}/retention/runs/{run}/approve", approve)
        .post(
            "/api/v1/orgs/{org}/retention/runs/{run}/carry-out",
            carry_out,
        )
        .get(
            "/api/v1/orgs/{org}/retention/runs/{run}/certificate",
            certificate,
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(
        review,
        holds,
        place_hold,
        lift_hold,
        set_events,
        runs,
        propose,
        run,
        approve,
        carry_out,
        certificate
    ),
    components(schemas(
        ReviewLineOut,
        HoldOut,
        HoldIn,
        LiftIn,
        RelationEventsIo,
        RunOut,
        RunItemOut,
        CertificateOut
    ))
)]
pub(crate) struct RetentionDoc;

/// One line of the review list: what will happen to which record, when and why. No personal value.
#[derive(Serialize, ToSchema)]
pub struct ReviewLineOut {
    /// `relation` or `document`.
    pub record: String,
    pub id: String,
    /// The relation's kind or the document's class.
    pub kind: String,
    /// `due`, `held`, `cannot_tell` or `upcoming`.
    pub status: String,
    /// ISO date; absent when a start date is missing.
    pub due_on: Option<String>,
    /// `delete`, `anonymise` or `restrict`.
    pub action: String,
    pub activity_id: String,
    pub activity_name: String,
    pub legal_reference: String,
    /// E.g. `7 years`.
    pub period: String,
    /// The start event the period counts from, e.g. `end_of_contract`.
    pub starts: String,
    /// The rule keeps the data because the law requires it.
    pub statutory: bool,
}

/// A legal hold with its history.
#[derive(Serialize, ToSchema)]
pub struct HoldOut {
    pub id: String,
    /// `relation` or `document`.
    pub record: String,
    pub record_id: String,
    /// RFC 3339.
    pub placed_at: String,
    pub placed_by: String,
    pub reason: String,
    pub active: bool,
    pub lifted_at: Option<String>,
    pub lifted_by: Option<String>,
    pub lift_reason: Option<String>,
}

/// A hold to place.
#[derive(Deserialize, ToSchema)]
pub struct HoldIn {
    /// `relation` or `document`.
    #[serde(default)]
    pub record: String,
    #[serde(default)]
    pub record_id: String,
    #[serde(default)]
    pub reason: String,
}

/// Why a hold is lifted.
#[derive(Deserialize, ToSchema)]
pub struct LiftIn {
    #[serde(default)]
    pub reason: String,
}

/// A relation's start events (ISO dates; absent or empty while the event has not happened).
#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct RelationEventsIo {
    pub ended_on: Option<String>,
    pub employment_ended_on: Option<String>,
    pub last_activity_on: Option<String>,
    pub fiscal_year_end_on: Option<String>,
    pub withdrawn_on: Option<String>,
}

/// One record of a run.
#[derive(Serialize, ToSchema)]
pub struct RunItemOut {
    pub record: String,
    pub id: String,
    pub kind: String,
    pub action: String,
    /// `deleted`, `anonymised`, `restricted`, `held`, `gone` or `has_contacts`; absent until carried out.
    pub outcome: Option<String>,
    pub activity_name: String,
    pub legal_reference: String,
    pub period: String,
    pub starts: String,
    pub due_on: String,
}

/// A deletion run.
#[derive(Serialize, ToSchema)]
pub struct RunOut {
    pub id: String,
    /// `proposed`, `approved` or `carried_out`.
    pub status: String,
    pub proposed_by: String,
    pub proposed_at: String,
    pub approved_by: Option<String>,
    pub carried_out_by: Option<String>,
    pub carried_out_at: Option<String>,
    pub item_count: i64,
    /// Present on a single run.
    pub items: Option<Vec<RunItemOut>>,
}

/// The deletion certificate: what, when, which rule, by whom.
#[derive(Serialize, ToSchema)]
pub struct CertificateOut {
    pub run_id: String,
    pub organisation: String,
    pub proposed_by: String,
    pub proposed_at: String,
    pub approved_by: Option<String>,
    pub carried_out_by: String,
    pub carried_out_at: String,
    pub items: Vec<RunItemOut>,
}

fn rfc3339(ms: i64) -> String {
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn record_of(t: RetentionTarget) -> (&'static str, String) {
    match t {
        RetentionTarget::Relation { id } => ("relation", id.to_string()),
        RetentionTarget::Document { id } => ("document", id.to_string()),
    }
}

fn line_out(l: &ReviewLine) -> ReviewLineOut {
    let (record, id) = record_of(l.item.target);
    let r = &l.item.reason;
    let status = serde_json::to_value(l.item.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    ReviewLineOut {
        record: record.to_owned(),
        id,
        kind: l.record_kind.clone(),
        status,
        due_on: l.item.due.map(|d| d.to_string()),
        action: l.item.action.as_str().to_owned(),
        activity_id: r.activity.to_string(),
        activity_name: r.activity_name.clone(),
        legal_reference: r.legal_reference.clone(),
        period: format!("{} {}", r.period.amount, r.period.unit.as_str()),
        starts: r.starts.as_str().to_owned(),
        statutory: r.statutory,
    }
}

fn hold_out(h: &HoldView) -> HoldOut {
    let (record, record_id) = record_of(h.target);
    HoldOut {
        id: h.id.clone(),
        record: record.to_owned(),
        record_id,
        placed_at: rfc3339(h.placed_at_ms),
        placed_by: h.placed_by.clone(),
        reason: h.reason.clone(),
        active: h.is_active(),
        lifted_at: h.lifted_at_ms.map(rfc3339),
        lifted_by: h.lifted_by.clone(),
        lift_reason: h.lift_reason.clone(),
    }
}

fn run_out(v: &kluis_app::RunRow, items: Option<&RunView>) -> RunOut {
    RunOut {
        id: v.id.clone(),
        status: v.status.clone(),
        proposed_by: v.proposed_by.clone(),
        proposed_at: rfc3339(v.proposed_at),
        approved_by: v.approved_by.clone(),
        carried_out_by: v.carried_out_by.clone(),
        carried_out_at: v.carried_out_at.map(rfc3339),
        item_count: v.item_count,
        items: items.map(|r| {
            r.items
                .iter()
                .map(|i| RunItemOut {
                    record: i.target_type.clone(),
                    id: i.target_id.clone(),
                    kind: i.record_kind.clone(),
                    action: i.action.clone(),
                    outcome: i.outcome.clone(),
                    activity_name: i.activity_name.clone(),
                    legal_reference: i.legal_reference.clone(),
                    period: format!("{} {}", i.period_amount, i.period_unit),
                    starts: i.starts.clone(),
                    due_on: i.due_on.clone(),
                })
                .collect()
        }),
    }
}

fn certificate_out(c: Certificate) -> CertificateOut {
    CertificateOut {
        run_id: c.run_id,
        organisation: c.organisation,
        proposed_by: c.proposed_by,
        proposed_at: c.proposed_at,
        approved_by: c.approved_by,
        carried_out_by: c.carried_out_by,
        carried_out_at: c.carried_out_at,
        items: c
            .items
            .into_iter()
            .map(|i| RunItemOut {
                record: i.record,
                id: i.id,
                kind: i.kind,
                action: i.action,
                outcome: Some(i.outcome),
                activity_name: i.rule.activity_name,
                legal_reference: i.rule.legal_reference,
                period: i.rule.period,
                starts: i.rule.starts,
                due_on: i.due_on,
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/retention/review", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = [ReviewLineOut], description = "The review list (dry run): due, held, missing a date, or due within 30 days"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn review(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<ReviewLineOut>>, Problem> {
    require(&a, Permission::Read)?;
    let list = web.app.retention_review(&a).await?;
    Ok(Json(list.lines.iter().map(line_out).collect()))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/retention/holds", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = [HoldOut], description = "Legal holds, in force and lifted, newest first"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn holds(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<HoldOut>>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(
        web.app
            .holds(&a, None)
            .await?
            .iter()
            .map(hold_out)
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/retention/holds", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = HoldIn,
    responses((status = 201, body = HoldOut, description = "The hold; the record cannot be deleted until it is lifted"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn place_hold(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<HoldIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let target = retention_target(&input.record, &input.record_id)?;
    let id = web.app.place_hold(&a, target, &input.reason).await?;
    let hold = web
        .app
        .holds(&a, Some(target))
        .await?
        .into_iter()
        .find(|h| h.id == id)
        .ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(hold_out(&hold))).into_response())
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/retention/holds/{hold}/lift", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug"), ("hold" = String, Path, description = "Hold id")),
    request_body = LiftIn,
    responses((status = 204, description = "Lifted; the hold stays in the history"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Already lifted"), (status = 422, body = Problem, description = "No reason")))]
async fn lift_hold(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<LiftIn>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.lift_hold(&a, &id, &input.reason).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/retention/relations/{relation}/events", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    request_body = RelationEventsIo,
    responses((status = 200, body = RelationEventsIo), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "A date is invalid or in the future")))]
async fn set_events(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<RelationEventsIo>,
) -> Result<Json<RelationEventsIo>, Problem> {
    require(&a, Permission::Write)?;
    web.app.relation_events(&a, &id).await?;
    let s = |v: &Option<String>| v.clone().unwrap_or_default();
    let i = events_input(
        &s(&input.ended_on),
        &s(&input.employment_ended_on),
        &s(&input.last_activity_on),
        &s(&input.fiscal_year_end_on),
        &s(&input.withdrawn_on),
    )?;
    let e = web.app.set_relation_events(&a, &id, &i).await?;
    Ok(Json(RelationEventsIo {
        ended_on: e.ended_on,
        employment_ended_on: e.employment_ended_on,
        last_activity_on: e.last_activity_on,
        fiscal_year_end_on: e.fiscal_year_end_on,
        withdrawn_on: e.withdrawn_on,
    }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/retention/runs", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = [RunOut]), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn runs(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<RunOut>>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(
        web.app
            .retention_runs(&a)
            .await?
            .iter()
            .map(|r| run_out(r, None))
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/retention/runs", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 201, body = RunOut, description = "A run proposing everything due today"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Nothing is due")))]
async fn propose(State(web): State<Web>, ApiOrgActor(a): ApiOrgActor) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let id = web.app.propose_retention_run(&a).await?;
    let v = web.app.retention_run(&a, &id).await?;
    Ok((StatusCode::CREATED, Json(run_out(&v.run, Some(&v)))).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/retention/runs/{run}", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug"), ("run" = String, Path, description = "Run id")),
    responses((status = 200, body = RunOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn run(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<RunOut>, Problem> {
    require(&a, Permission::Read)?;
    let v = web.app.retention_run(&a, &id).await?;
    Ok(Json(run_out(&v.run, Some(&v))))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/retention/runs/{run}/approve", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug"), ("run" = String, Path, description = "Run id")),
    responses((status = 200, body = RunOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Not waiting for approval, or four eyes: the proposer cannot approve")))]
async fn approve(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<RunOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.retention_run(&a, &id).await?;
    web.app.approve_retention_run(&a, &id).await?;
    let v = web.app.retention_run(&a, &id).await?;
    Ok(Json(run_out(&v.run, Some(&v))))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/retention/runs/{run}/carry-out", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug"), ("run" = String, Path, description = "Run id")),
    responses((status = 200, body = CertificateOut, description = "Carried out; the certificate"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Already carried out, or four eyes: not approved yet")))]
async fn carry_out(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<CertificateOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.retention_run(&a, &id).await?;
    web.app.carry_out_retention_run(&a, &id).await?;
    Ok(Json(certificate_out(
        web.app.retention_certificate(&a, &id).await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/retention/runs/{run}/certificate", tag = "retention",
    params(("org" = String, Path, description = "Organisation slug"), ("run" = String, Path, description = "Run id")),
    responses((status = 200, body = CertificateOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Not carried out yet")))]
async fn certificate(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<CertificateOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(certificate_out(
        web.app.retention_certificate(&a, &id).await?,
    )))
}
