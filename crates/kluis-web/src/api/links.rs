//! The links part of the REST API: a relation's documents and a document's people (matched through the blind
//! index; confirm with PUT, remove with DELETE, and the matcher never undoes either), the register as it applies
//! to a relation, and a relation's timeline.

use super::{ApiOrgActor, Problem, require};
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::Method;
use kluis_app::{LinkedDocument, LinkedPerson, RelationProcessing, TimelinePage};
use kluis_domain::Permission;
use kluis_domain::relations::retention::{EventDate, RetentionState};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get(
            "/api/v1/orgs/{org}/relations/{relation}/documents",
            relation_documents,
        )
        .add(
            Method::PUT,
            "/api/v1/orgs/{org}/relations/{relation}/documents/{document}",
            confirm_link,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/relations/{relation}/documents/{document}",
            remove_link,
        )
        .get(
            "/api/v1/orgs/{org}/relations/{relation}/processing",
            relation_processing,
        )
        .get(
            "/api/v1/orgs/{org}/relations/{relation}/timeline",
            relation_timeline,
        )
        .get(
            "/api/v1/orgs/{org}/documents/{document}/people",
            document_people,
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(
        relation_documents,
        confirm_link,
        remove_link,
        relation_processing,
        relation_timeline,
        document_people
    ),
    components(schemas(
        LinkedDocumentOut,
        LinkedPersonOut,
        ProcessingOut,
        ApplyingActivityOut,
        RecordRetentionOut,
        RuleOut,
        DocumentRetentionOut,
        TimelineOut,
        TimelineEntryOut
    ))
)]
pub(crate) struct LinksDoc;

/// A document linked to a relation.
#[derive(Serialize, ToSchema)]
pub struct LinkedDocumentOut {
    pub document_id: String,
    pub name: String,
    /// Effective document class; null before the first scan.
    pub class: Option<String>,
    pub personal_data: Option<String>,
    /// `suggested`, `confirmed` or `removed`.
    pub state: String,
    /// `matcher` or `manual`.
    pub origin: String,
    /// The kinds of identifier that matched (`email`, `iban`, `bsn`, `phone`, `be_national_number`, `person_name`).
    pub entity_types: Vec<String>,
    pub linked_at_ms: i64,
    pub updated_at_ms: i64,
}

/// A relation linked to a document.
#[derive(Serialize, ToSchema)]
pub struct LinkedPersonOut {
    pub relation_id: String,
    pub name: String,
    pub party: String,
    pub kind: String,
    /// `suggested`, `confirmed` or `removed`.
    pub state: String,
    pub origin: String,
    pub entity_types: Vec<String>,
}

/// A processing activity that applies to the relation.
#[derive(Serialize, ToSchema)]
pub struct ApplyingActivityOut {
    pub id: String,
    pub name: String,
    pub purposes: Vec<String>,
    /// Art. 6(1) basis, e.g. `contract`, `legal_obligation`.
    pub lawful_basis: Option<String>,
    /// Art. 9(2) ground, for special categories.
    pub special_ground: Option<String>,
    /// The relation's categories this activity processes (register keys).
    pub categories: Vec<String>,
}

/// One retention rule that applies to a record, with its own end.
#[derive(Serialize, ToSchema)]
pub struct RuleOut {
    pub activity_id: String,
    pub activity_name: String,
    /// E.g. `7 years`.
    pub period_amount: u32,
    pub period_unit: String,
    /// The event the period counts from (`end_of_financial_year`, `end_of_contract`, …).
    pub starts: String,
    /// `delete`, `anonymise` or `restrict`.
    pub action: String,
    pub legal_reference: String,
    /// Kept because the law requires it (Art. 6(1)(c)).
    pub statutory: bool,
    /// `occurred`, `pending` (the event has not happened), `unknown` or `not_applicable`.
    pub event: String,
    /// The first day after the period (YYYY-MM-DD), when its start event has happened.
    pub due: Option<String>,
}

/// Where one record stands against its retention rules.
#[derive(Serialize, ToSchema)]
pub struct RecordRetentionOut {
    /// `no_rule`, `cannot_tell`, `running`, `not_yet`, `due` or `held`.
    pub state: String,
    /// The day the governing rule falls due (YYYY-MM-DD), for `not_yet`, `due` and `held`.
    pub due: Option<String>,
    pub action: Option<String>,
    /// The governing rule's activity.
    pub activity_id: Option<String>,
    pub rules: Vec<RuleOut>,
}

/// A linked document's retention.
#[derive(Serialize, ToSchema)]
pub struct DocumentRetentionOut {
    pub document: LinkedDocumentOut,
    pub retention: RecordRetentionOut,
}

/// The register as it applies to one relation.
#[derive(Serialize, ToSchema)]
pub struct ProcessingOut {
    pub relation_id: String,
    pub kind: String,
    /// Every category the relation's fields and linked documents hold (register keys).
    pub categories: Vec<String>,
    pub activities: Vec<ApplyingActivityOut>,
    /// The relation's own record.
    pub record: RecordRetentionOut,
    pub documents: Vec<DocumentRetentionOut>,
}

/// One entry of a relation's timeline: no personal values.
#[derive(Serialize, ToSchema)]
pub struct TimelineEntryOut {
    pub at_ms: i64,
    /// A user id, `cli`, `system:jobs` or `system:matcher`.
    pub actor: String,
    /// An audit action, or `link.suggest` for a link the matcher proposed.
    pub action: String,
    pub fields: Vec<String>,
    pub document_id: Option<String>,
}

/// One page of a relation's timeline, newest first.
#[derive(Serialize, ToSchema)]
pub struct TimelineOut {
    pub entries: Vec<TimelineEntryOut>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TimelineParams {
    /// Page number from 1.
    page: Option<u32>,
    /// Entries per page: 50 by default, at most 200.
    per_page: Option<u32>,
}

fn document_out(d: LinkedDocument) -> LinkedDocumentOut {
    LinkedDocumentOut {
        document_id: d.document_id,
        name: d.name,
        class: d.class.map(|c| c.as_str().to_owned()),
        personal_data: d.personal_data.map(|k| k.as_str().to_owned()),
        state: d.state.as_str().to_owned(),
        origin: d.origin.as_str().to_owned(),
        entity_types: d
            .entity_types
            .iter()
            .map(|e| e.as_str().to_owned())
            .collect(),
        linked_at_ms: d.linked_at_ms,
        updated_at_ms: d.updated_at_ms,
    }
}

fn person_out(p: LinkedPerson) -> LinkedPersonOut {
    LinkedPersonOut {
        relation_id: p.relation_id,
        name: p.name,
        party: p.party.as_str().to_owned(),
        kind: p.kind.as_str().to_owned(),
        state: p.state.as_str().to_owned(),
        origin: p.origin.as_str().to_owned(),
        entity_types: p
            .entity_types
            .iter()
            .map(|e| e.as_str().to_owned())
            .collect(),
    }
}

pub(crate) fn event_name(e: EventDate) -> &'static str {
    match e {
        EventDate::Occurred(_) => "occurred",
        EventDate::Pending => "pending",
        EventDate::Unknown => "unknown",
        EventDate::NotApplicable => "not_applicable",
    }
}

pub(crate) fn state_name(s: &RetentionState) -> &'static str {
    match s {
        RetentionState::NoRule => "no_rule",
        RetentionState::CannotTell { .. } => "cannot_tell",
        RetentionState::Running { .. } => "running",
        RetentionState::NotYet { .. } => "not_yet",
        RetentionState::Due { .. } => "due",
        RetentionState::Held { .. } => "held",
    }
}

fn retention_out(r: kluis_domain::relations::links::RecordRetention) -> RecordRetentionOut {
    let (due, action) = match &r.state {
        RetentionState::NotYet { due, action, .. }
        | RetentionState::Due { due, action, .. }
        | RetentionState::Held { due, action, .. } => {
            (Some(due.to_string()), Some(action.as_str().to_owned()))
        }
        _ => (None, None),
    };
    RecordRetentionOut {
        state: state_name(&r.state).to_owned(),
        due,
        action,
        activity_id: r.state.rule().map(|x| x.activity.to_string()),
        rules: r
            .rules
            .into_iter()
            .map(|d| RuleOut {
                activity_id: d.rule.activity.to_string(),
                statutory: d.rule.statutory(),
                activity_name: d.rule.activity_name,
                period_amount: d.rule.rule.period.amount,
                period_unit: d.rule.rule.period.unit.as_str().to_owned(),
                starts: d.rule.rule.starts.as_str().to_owned(),
                action: d.rule.rule.action.as_str().to_owned(),
                legal_reference: d.rule.rule.legal_reference,
                event: event_name(d.event).to_owned(),
                due: d.due.map(|x| x.to_string()),
            })
            .collect(),
    }
}

fn processing_out(p: RelationProcessing) -> ProcessingOut {
    ProcessingOut {
        relation_id: p.relation_id,
        kind: p.kind.as_str().to_owned(),
        categories: p.categories.iter().map(|c| c.key().to_owned()).collect(),
        activities: p
            .activities
            .into_iter()
            .map(|a| ApplyingActivityOut {
                id: a.id.to_string(),
                name: a.name,
                purposes: a.purposes.iter().map(|x| x.key().to_owned()).collect(),
                lawful_basis: a.lawful_basis.map(|b| b.as_str().to_owned()),
                special_ground: a.special_ground.map(|g| g.as_str().to_owned()),
                categories: a.categories.iter().map(|c| c.key().to_owned()).collect(),
            })
            .collect(),
        record: retention_out(p.record),
        documents: p
            .documents
            .into_iter()
            .map(|d| DocumentRetentionOut {
                document: document_out(d.document),
                retention: retention_out(d.retention),
            })
            .collect(),
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/{relation}/documents", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 200, body = Vec<LinkedDocumentOut>, description = "Every link of the relation, removed ones too"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn relation_documents(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Vec<LinkedDocumentOut>>, Problem> {
    require(&a, Permission::Read)?;
    let docs = web.app.relation_document_links(&a, &id).await?;
    Ok(Json(docs.into_iter().map(document_out).collect()))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/relations/{relation}/documents/{document}", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id"), ("document" = String, Path, description = "Document id")),
    responses((status = 200, body = LinkedDocumentOut, description = "Confirmed (or linked by hand); the matcher never undoes it"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn confirm_link(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, doc)): Path<(String, String, String)>,
) -> Result<Json<LinkedDocumentOut>, Problem> {
    require(&a, Permission::Write)?;
    let d = web.app.confirm_document_link(&a, &id, &doc).await?;
    Ok(Json(document_out(d)))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/relations/{relation}/documents/{document}", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id"), ("document" = String, Path, description = "Document id")),
    responses((status = 200, body = LinkedDocumentOut, description = "Removed; the matcher never links them again"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn remove_link(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, doc)): Path<(String, String, String)>,
) -> Result<Json<LinkedDocumentOut>, Problem> {
    require(&a, Permission::Write)?;
    let d = web.app.remove_document_link(&a, &id, &doc).await?;
    Ok(Json(document_out(d)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/{relation}/processing", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 200, body = ProcessingOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn relation_processing(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<ProcessingOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(processing_out(
        web.app.relation_processing(&a, &id).await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/{relation}/timeline", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id"), TimelineParams),
    responses((status = 200, body = TimelineOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn relation_timeline(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    Query(p): Query<TimelineParams>,
) -> Result<Json<TimelineOut>, Problem> {
    require(&a, Permission::Read)?;
    let t: TimelinePage = web
        .app
        .relation_timeline(&a, &id, p.page.unwrap_or(1), p.per_page.unwrap_or(0))
        .await?;
    Ok(Json(TimelineOut {
        page: t.page,
        per_page: t.per_page,
        total: t.total,
        entries: t
            .entries
            .into_iter()
            .map(|e| TimelineEntryOut {
                at_ms: e.at_ms,
                actor: e.actor,
                action: e.action,
                fields: e.fields,
                document_id: e.document_id,
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/documents/{document}/people", tag = "documents",
    params(("org" = String, Path, description = "Organisation slug"), ("document" = String, Path, description = "Document id")),
    responses((status = 200, body = Vec<LinkedPersonOut>, description = "Relations linked to the document, removed ones too"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn document_people(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, doc)): Path<(String, String)>,
) -> Result<Json<Vec<LinkedPersonOut>>, Problem> {
    require(&a, Permission::Read)?;
    let people = web.app.document_people(&a, &doc).await?;
    Ok(Json(people.into_iter().map(person_out).collect()))
}
