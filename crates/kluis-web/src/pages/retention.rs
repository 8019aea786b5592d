//! The retention pages: the review list (the dry run), the settings, deletion runs with approval and carrying
//! out, their certificates (HTML and JSON), legal holds, and one relation's start events and holds.
//!
//! Every decision (who may, four eyes, what is due, whether a hold blocks) is the application's; a refused step
//! comes back to the page as a flash key.

use super::{require, see_other};
use crate::backend::AppError;
use crate::context::OrgCtx;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use kluis_app::RunRow;
use kluis_app::{HoldView, ReviewLine, RunView, retention_target};
use kluis_domain::Permission;
use kluis_domain::relations::retention::{RetentionTarget, ReviewStatus};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/retention", index)
        .post("/o/{org}/retention/settings", settings)
        .post("/o/{org}/retention/runs", propose)
        .get("/o/{org}/retention/runs/{run}", run_page)
        .post("/o/{org}/retention/runs/{run}/approve", approve)
        .post("/o/{org}/retention/runs/{run}/carry-out", carry_out)
        .get("/o/{org}/retention/runs/{run}/certificate", certificate)
        .get(
            "/o/{org}/retention/runs/{run}/certificate.json",
            certificate_json,
        )
        .get("/o/{org}/retention/relations/{relation}", relation_page)
        .post(
            "/o/{org}/retention/relations/{relation}/events",
            relation_events,
        )
        .post(
            "/o/{org}/retention/relations/{relation}/hold",
            hold_relation,
        )
        .post(
            "/o/{org}/retention/documents/{document}/hold",
            hold_document,
        )
        .post("/o/{org}/retention/holds/{hold}/lift", lift)
}

fn label(tr: Tr, key: &str, fallback: &str) -> String {
    crate::i18n::catalogue(tr.lang)
        .get(key)
        .cloned()
        .unwrap_or_else(|| fallback.to_owned())
}

fn dashed(s: &str) -> String {
    s.replace('_', "-")
}

/// A relation's kind or a document's class in words.
fn kind_words(tr: Tr, record: &str, kind: &str) -> String {
    match record {
        "relation" => label(tr, &format!("relation-kind-{}", dashed(kind)), kind),
        _ => label(tr, &format!("doc-class-{kind}"), kind),
    }
}

fn record_words(tr: Tr, record: &str) -> String {
    label(tr, &format!("retention-record-{record}"), record)
}

fn action_words(tr: Tr, action: &str) -> String {
    label(
        tr,
        &format!("activity-retention-action-{}", dashed(action)),
        action,
    )
}

fn start_words(tr: Tr, start: &str) -> String {
    label(
        tr,
        &format!("activity-retention-start-{}", dashed(start)),
        start,
    )
}

fn period_words(tr: Tr, amount: i64, unit: &str) -> String {
    format!(
        "{amount} {}",
        label(tr, &format!("activity-period-unit-{unit}"), unit)
    )
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or(String::new(), |(_, v)| v.clone())
}

/// The flash key for a refused step.
fn error_key(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { field, .. } if *field == "reason" => "retention-reason-missing",
        AppError::Invalid { .. } => "retention-event-date",
        AppError::Conflict(m) if m.contains("four eyes") => "retention-four-eyes",
        AppError::Conflict(m) if m.contains("nothing is due") => "retention-nothing-due",
        AppError::Conflict(m) if m.contains("already lifted") => "retention-hold-lifted",
        _ => "retention-run-state",
    }
}

/// Redirects to `back` with a notice on success, with an error key on a refused step; other errors as pages.
fn outcome(back: &str, notice: &str, r: Result<(), AppError>) -> Result<Response, WebError> {
    let sep = if back.contains('?') { '&' } else { '?' };
    match r {
        Ok(()) => Ok(see_other(&format!("{back}{sep}notice={notice}"))),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            Ok(see_other(&format!("{back}{sep}error={}", error_key(&e))))
        }
        Err(e) => Err(e.into()),
    }
}

/// A review list line as the page shows it.
pub struct LineRow {
    pub record: String,
    pub href: String,
    pub id: String,
    pub kind: String,
    pub status: String,
    pub status_key: &'static str,
    pub due: String,
    pub action: String,
    pub rule: String,
    pub start: String,
}

fn line_row(tr: Tr, org: &str, l: &ReviewLine) -> LineRow {
    let (record, id, href) = match l.item.target {
        RetentionTarget::Relation { id } => (
            "relation",
            id.to_string(),
            format!("/o/{org}/retention/relations/{id}"),
        ),
        RetentionTarget::Document { id } => (
            "document",
            id.to_string(),
            format!("/o/{org}/documents/{id}"),
        ),
    };
    let status_key = match l.item.status {
        ReviewStatus::Due => "due",
        ReviewStatus::Held => "held",
        ReviewStatus::CannotTell => "cannot-tell",
        ReviewStatus::Upcoming => "upcoming",
    };
    let r = &l.item.reason;
    LineRow {
        record: record_words(tr, record),
        href,
        id,
        kind: kind_words(tr, record, &l.record_kind),
        status: label(tr, &format!("retention-status-{status_key}"), status_key),
        status_key,
        due: l.item.due.map(|d| tr.date(d)).unwrap_or_default(),
        action: action_words(tr, l.item.action.as_str()),
        rule: format!(
            "{} ({}, {})",
            r.activity_name,
            period_words(tr, i64::from(r.period.amount), r.period.unit.as_str()),
            r.legal_reference
        ),
        start: start_words(tr, r.starts.as_str()),
    }
}

/// A run as a row of the list.
pub struct RunRowView {
    pub id: String,
    pub status: String,
    pub proposed: String,
    pub items: String,
}

fn run_row(tr: Tr, r: &RunRow) -> RunRowView {
    RunRowView {
        id: r.id.clone(),
        status: label(
            tr,
            &format!("retention-run-status-{}", dashed(&r.status)),
            &r.status,
        ),
        proposed: tr.date_time_ms(r.proposed_at),
        items: tr.t_n("retention-run-items", "count", r.item_count),
    }
}

/// A hold as a row.
pub struct HoldRowView {
    pub id: String,
    pub record: String,
    pub href: String,
    pub placed: String,
    pub reason: String,
    pub active: bool,
    pub lifted: String,
    pub lift_reason: String,
}

fn hold_row(tr: Tr, org: &str, h: &HoldView) -> HoldRowView {
    let href = match h.target {
        RetentionTarget::Relation { id } => format!("/o/{org}/retention/relations/{id}"),
        RetentionTarget::Document { id } => format!("/o/{org}/documents/{id}"),
    };
    let record = match h.target {
        RetentionTarget::Relation { .. } => "relation",
        RetentionTarget::Document { .. } => "document",
    };
    HoldRowView {
        id: h.id.clone(),
        record: record_words(tr, record),
        href,
        placed: tr.date_time_ms(h.placed_at_ms),
        reason: h.reason.clone(),
        active: h.is_active(),
        lifted: h
            .lifted_at_ms
            .map(|t| tr.date_time_ms(t))
            .unwrap_or_default(),
        lift_reason: h.lift_reason.clone().unwrap_or_default(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "retention/index.html")]
pub(crate) struct IndexPage {
    c: Chrome,
    org: String,
    lines: Vec<LineRow>,
    window_days: i64,
    runs: Vec<RunRowView>,
    holds: Vec<HoldRowView>,
    four_eyes: bool,
    can_manage: bool,
}

pub async fn index(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let list = web.app.retention_review(&o.actor).await?;
    let runs = web.app.retention_runs(&o.actor).await?;
    let holds = web.app.holds(&o.actor, None).await?;
    let page = IndexPage {
        c: Chrome::org(&o, "retention-title", "retention", &flash),
        org: o.org_slug.clone(),
        lines: list
            .lines
            .iter()
            .map(|l| line_row(tr, &o.org_slug, l))
            .collect(),
        window_days: list.window_days,
        runs: runs.iter().map(|r| run_row(tr, r)).collect(),
        holds: holds.iter().map(|h| hold_row(tr, &o.org_slug, h)).collect(),
        four_eyes: web.app.retention_four_eyes(&o.actor).await?,
        can_manage: o.actor.role.allows(Permission::ManageRegister),
    };
    Ok(page.into_response())
}

pub async fn settings(
    State(web): State<Web>,
    o: OrgCtx,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let pairs = form_pairs(&body);
    let on = matches!(first(&pairs, "four_eyes").as_str(), "on" | "1" | "true");
    let back = format!("/o/{}/retention", o.org_slug);
    outcome(
        &back,
        "retention-settings-saved",
        web.app.set_retention_four_eyes(&o.actor, on).await,
    )
}

pub async fn propose(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    match web.app.propose_retention_run(&o.actor).await {
        Ok(id) => Ok(see_other(&format!(
            "/o/{}/retention/runs/{id}?notice=retention-proposed",
            o.org_slug
        ))),
        Err(e) => outcome(
            &format!("/o/{}/retention", o.org_slug),
            "retention-proposed",
            Err(e),
        ),
    }
}

/// A run's item as the page shows it.
pub struct ItemRow {
    pub record: String,
    pub id: String,
    pub kind: String,
    pub action: String,
    pub outcome: String,
    pub rule: String,
    pub start: String,
    pub due: String,
}

fn item_rows(tr: Tr, v: &RunView) -> Vec<ItemRow> {
    v.items
        .iter()
        .map(|i| ItemRow {
            record: record_words(tr, &i.target_type),
            id: i.target_id.clone(),
            kind: kind_words(tr, &i.target_type, &i.record_kind),
            action: action_words(tr, &i.action),
            outcome: i
                .outcome
                .as_deref()
                .map(|o| label(tr, &format!("retention-outcome-{}", dashed(o)), o))
                .unwrap_or_default(),
            rule: format!(
                "{} ({}, {})",
                i.activity_name,
                period_words(tr, i.period_amount, &i.period_unit),
                i.legal_reference
            ),
            start: start_words(tr, &i.starts),
            due: i.due_on.clone(),
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "retention/run.html")]
pub(crate) struct RunPage {
    c: Chrome,
    org: String,
    run: RunRowView,
    proposed_by: String,
    approved_by: String,
    carried_out_by: String,
    carried_out: bool,
    can_approve: bool,
    can_carry_out: bool,
    items: Vec<ItemRow>,
}

pub async fn run_page(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let v = web.app.retention_run(&o.actor, &id).await?;
    let manage = o.actor.role.allows(Permission::ManageRegister);
    let status = v.run.status.as_str();
    let page = RunPage {
        c: Chrome::org(&o, "retention-run-title", "retention", &flash),
        org: o.org_slug.clone(),
        run: run_row(tr, &v.run),
        proposed_by: v.run.proposed_by.clone(),
        approved_by: v.run.approved_by.clone().unwrap_or_default(),
        carried_out_by: v.run.carried_out_by.clone().unwrap_or_default(),
        carried_out: status == "carried_out",
        can_approve: manage && status == "proposed",
        can_carry_out: manage && (status == "approved" || (status == "proposed" && !v.four_eyes)),
        items: item_rows(tr, &v),
    };
    Ok(page.into_response())
}

pub async fn approve(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    web.app.retention_run(&o.actor, &id).await?;
    let back = format!("/o/{}/retention/runs/{}", o.org_slug, id.trim());
    outcome(
        &back,
        "retention-approved",
        web.app.approve_retention_run(&o.actor, &id).await,
    )
}

pub async fn carry_out(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    web.app.retention_run(&o.actor, &id).await?;
    let back = format!("/o/{}/retention/runs/{}", o.org_slug, id.trim());
    outcome(
        &back,
        "retention-carried-out",
        web.app.carry_out_retention_run(&o.actor, &id).await,
    )
}

#[derive(Template, WebTemplate)]
#[template(path = "retention/certificate.html")]
pub(crate) struct CertificatePage {
    c: Chrome,
    org: String,
    run_id: String,
    organisation: String,
    proposed_by: String,
    approved_by: String,
    carried_out_by: String,
    carried_out_at: String,
    items: Vec<ItemRow>,
}

pub async fn certificate(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let cert = web.app.retention_certificate(&o.actor, &id).await?;
    let v = web.app.retention_run(&o.actor, &id).await?;
    let page = CertificatePage {
        c: Chrome::org(
            &o,
            "retention-certificate-title",
            "retention",
            &Flash::default(),
        ),
        org: o.org_slug.clone(),
        run_id: cert.run_id.clone(),
        organisation: cert.organisation.clone(),
        proposed_by: cert.proposed_by.clone(),
        approved_by: cert.approved_by.clone().unwrap_or_default(),
        carried_out_by: cert.carried_out_by.clone(),
        carried_out_at: cert.carried_out_at.clone(),
        items: item_rows(tr, &v),
    };
    Ok(page.into_response())
}

pub async fn certificate_json(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let cert = web.app.retention_certificate(&o.actor, &id).await?;
    let body = serde_json::to_vec_pretty(&cert).map_err(|e| AppError::Internal(e.into()))?;
    let disposition = format!(
        "attachment; filename=\"deletion-certificate-{}.json\"",
        cert.run_id
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "retention/relation.html")]
pub(crate) struct RelationPage {
    c: Chrome,
    org: String,
    id: String,
    ended_on: String,
    employment_ended_on: String,
    last_activity_on: String,
    fiscal_year_end_on: String,
    withdrawn_on: String,
    held: bool,
    holds: Vec<HoldRowView>,
    can_write: bool,
    can_manage: bool,
}

pub async fn relation_page(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let e = web.app.relation_events(&o.actor, &id).await?;
    let target = retention_target("relation", &id)?;
    let holds = web.app.holds(&o.actor, Some(target)).await?;
    let page = RelationPage {
        c: Chrome::org(&o, "retention-relation-title", "retention", &flash),
        org: o.org_slug.clone(),
        id: target_id_of(target),
        ended_on: e.ended_on.unwrap_or_default(),
        employment_ended_on: e.employment_ended_on.unwrap_or_default(),
        last_activity_on: e.last_activity_on.unwrap_or_default(),
        fiscal_year_end_on: e.fiscal_year_end_on.unwrap_or_default(),
        withdrawn_on: e.withdrawn_on.unwrap_or_default(),
        held: holds.iter().any(HoldView::is_active),
        holds: holds.iter().map(|h| hold_row(tr, &o.org_slug, h)).collect(),
        can_write: o.actor.role.allows(Permission::Write),
        can_manage: o.actor.role.allows(Permission::ManageRegister),
    };
    Ok(page.into_response())
}

fn target_id_of(t: RetentionTarget) -> String {
    match t {
        RetentionTarget::Relation { id } | RetentionTarget::Document { id } => id.to_string(),
    }
}

/// An optional ISO date from a form or API field; empty means none.
pub(crate) fn optional_date(field: &'static str, v: &str) -> Result<Option<time::Date>, AppError> {
    let v = v.trim();
    if v.is_empty() {
        return Ok(None);
    }
    kluis_domain::calendar::parse_iso_date(v)
        .map(Some)
        .ok_or(AppError::Invalid {
            field,
            message: "not a date".into(),
        })
}

pub(crate) fn events_input(
    ended_on: &str,
    employment_ended_on: &str,
    last_activity_on: &str,
    fiscal_year_end_on: &str,
    withdrawn_on: &str,
) -> Result<kluis_app::RelationEventsInput, AppError> {
    Ok(kluis_app::RelationEventsInput {
        ended_on: optional_date("ended_on", ended_on)?,
        employment_ended_on: optional_date("employment_ended_on", employment_ended_on)?,
        last_activity_on: optional_date("last_activity_on", last_activity_on)?,
        fiscal_year_end_on: optional_date("fiscal_year_end_on", fiscal_year_end_on)?,
        withdrawn_on: optional_date("withdrawn_on", withdrawn_on)?,
    })
}

pub async fn relation_events(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    web.app.relation_events(&o.actor, &id).await?;
    let pairs = form_pairs(&body);
    let back = format!("/o/{}/retention/relations/{}", o.org_slug, id.trim());
    let input = events_input(
        &first(&pairs, "ended_on"),
        &first(&pairs, "employment_ended_on"),
        &first(&pairs, "last_activity_on"),
        &first(&pairs, "fiscal_year_end_on"),
        &first(&pairs, "withdrawn_on"),
    );
    let r = match input {
        Ok(i) => web
            .app
            .set_relation_events(&o.actor, &id, &i)
            .await
            .map(|_| ()),
        Err(e) => Err(e),
    };
    outcome(&back, "retention-events-saved", r)
}

async fn place(
    web: &Web,
    o: &OrgCtx,
    kind: &str,
    id: &str,
    body: &[u8],
    back: &str,
) -> Result<Response, WebError> {
    require(o, Permission::Write)?;
    let target = retention_target(kind, id)?;
    let reason = first(&form_pairs(body), "reason");
    let r = web.app.place_hold(&o.actor, target, &reason).await;
    outcome(back, "retention-hold-placed", r.map(|_| ()))
}

pub async fn hold_relation(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let back = format!("/o/{}/retention/relations/{}", o.org_slug, id.trim());
    place(&web, &o, "relation", &id, &body, &back).await
}

pub async fn hold_document(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let back = format!("/o/{}/documents/{}", o.org_slug, id.trim());
    place(&web, &o, "document", &id, &body, &back).await
}

pub async fn lift(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let reason = first(&form_pairs(&body), "reason");
    let back = format!("/o/{}/retention", o.org_slug);
    outcome(
        &back,
        "retention-hold-lifted",
        web.app.lift_hold(&o.actor, &id, &reason).await,
    )
}
