//! The breaches API: the register of breaches, the people and documents affected, the decision, the
//! notifications to the authority, the people told, and the processors' report links.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{
    AffectedCount, AffectedSelection, AffectedTarget, BreachInput, BreachSummary, BreachView,
    DecisionInput, NotificationInput,
};
use kluis_domain::Permission;
use kluis_domain::breach::ClockState;
use kluis_domain::breach::authority::Reporter;
use kluis_domain::breach::incident::CountProblem;
use kluis_domain::breach::risk::{OpenIssue, RiskLevel};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/breaches", list)
        .post("/api/v1/orgs/{org}/breaches", create)
        .post(
            "/api/v1/orgs/{org}/breaches/processor-links",
            processor_link,
        )
        .get("/api/v1/orgs/{org}/breaches/{breach}", get)
        .add(Method::PUT, "/api/v1/orgs/{org}/breaches/{breach}", update)
        .get("/api/v1/orgs/{org}/breaches/{breach}/people", people)
        .post("/api/v1/orgs/{org}/breaches/{breach}/affected", affected)
        .post(
            "/api/v1/orgs/{org}/breaches/{breach}/affected/correct",
            correct,
        )
        .post("/api/v1/orgs/{org}/breaches/{breach}/decision", decide)
        .post("/api/v1/orgs/{org}/breaches/{breach}/notifications", notify)
        .post(
            "/api/v1/orgs/{org}/breaches/{breach}/people-told",
            people_told,
        )
        .post("/api/v1/orgs/{org}/breaches/{breach}/events", event)
        .post("/api/v1/orgs/{org}/breaches/{breach}/close", close)
        .get(
            "/api/v1/orgs/{org}/breaches/{breach}/notification/{format}",
            notification,
        )
        .get(
            "/api/v1/orgs/{org}/breaches/{breach}/recipients",
            recipients,
        )
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list,
        create,
        get,
        update,
        people,
        affected,
        correct,
        decide,
        notify,
        people_told,
        event,
        close,
        recipients,
        notification,
        processor_link
    ),
    components(schemas(
        BreachOut,
        BreachDetailOut,
        BreachIn,
        BreachContactIo,
        BreachDecisionOut,
        BreachDecisionIn,
        BreachAffectedOut,
        BreachSelectionIn,
        BreachSelectionOut,
        BreachCorrectionIn,
        BreachCountProblemOut,
        BreachGuidanceOut,
        BreachNotificationOut,
        BreachNotificationIn,
        BreachTimelineEventOut,
        BreachPeopleToldIn,
        BreachEventIn,
        BreachPersonOut,
        BreachRecipientOut,
        BreachProcessorLinkIn,
        BreachProcessorLinkOut
    ))
)]
pub(crate) struct BreachesDoc;

/// A breach as lists show it.
#[derive(Serialize, ToSchema)]
pub struct BreachOut {
    pub id: String,
    pub number: i64,
    /// `2026-003`: the year of awareness and the number.
    pub reference: String,
    /// `member` or `processor` (reported through a processor's link).
    pub origin: String,
    /// RFC 3339: the organisation became aware; the 72 hours count from here.
    pub aware_at: String,
    /// RFC 3339: the end of the 72 hours (Art. 33(1)).
    pub deadline: String,
    /// `running`, `overdue`, `notified_in_time`, `notified_late`, `not_required` (assessed as unlikely to
    /// result in a risk) or `closed`.
    pub clock: String,
    /// Whole hours left of the 72 (negative: hours over).
    pub hours_left: i64,
    /// `unlikely`, `risk` or `high`, once assessed.
    pub risk: Option<String>,
    pub authority_notified_at: Option<String>,
    pub people_told_at: Option<String>,
    pub closed_at: Option<String>,
    /// `undecided_past_deadline`, `authority_not_notified`, `authority_overdue`, `people_not_told`.
    pub open_issues: Vec<String>,
}

/// Who the authority may contact about the breach.
#[derive(Serialize, Deserialize, ToSchema, Default)]
pub struct BreachContactIo {
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub registration_number: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub function: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    pub dpo: Option<String>,
}

/// The decision taken on a breach.
#[derive(Serialize, ToSchema)]
pub struct BreachDecisionOut {
    pub risk: String,
    pub rationale: String,
    pub notify_authority: bool,
    pub notify_people: bool,
    /// `unintelligible`, `risk_neutralised` or `disproportionate_effort` (Art. 34(3)(a)-(c)).
    pub people_exception: Option<String>,
    pub exception_explanation: String,
    pub public_communication: bool,
    pub delay_reason: String,
    pub decided_at: String,
}

/// How many people and documents the breach affects, from its links.
#[derive(Serialize, ToSchema)]
pub struct BreachAffectedOut {
    /// Distinct relations linked directly or through an affected document, less those removed by hand.
    pub people: u64,
    pub documents: u64,
    /// Relations and documents removed by hand.
    pub removed: u64,
}

/// A stated count that contradicts itself or the linked data.
#[derive(Serialize, ToSchema)]
pub struct BreachCountProblemOut {
    /// The field to correct.
    pub field: String,
    /// `min_above_max` or `below_linked`.
    pub problem: String,
    /// For `below_linked`: the people linked.
    pub linked: Option<u64>,
}

/// The level the facts suggest, and what weighed.
#[derive(Serialize, ToSchema)]
pub struct BreachGuidanceOut {
    pub suggested: String,
    pub factors: Vec<String>,
}

/// One notification to the authority.
#[derive(Serialize, ToSchema)]
pub struct BreachNotificationOut {
    /// `initial`, `follow_up` or `withdrawal`.
    pub phase: String,
    pub sent_at: String,
    /// The authority's reference.
    pub reference: Option<String>,
}

/// One entry of the breach's timeline.
#[derive(Serialize, ToSchema)]
pub struct BreachTimelineEventOut {
    /// `registered`, `decided`, `notified_initial`, `notified_follow_up`, `people_told`, `closed`, `note`.
    pub kind: String,
    pub at: String,
    pub actor: Option<String>,
    pub note: Option<String>,
}

/// A breach with everything recorded about it.
#[derive(Serialize, ToSchema)]
pub struct BreachDetailOut {
    #[serde(flatten)]
    pub breach: BreachOut,
    /// `nl` (Autoriteit Persoonsgegevens) or `be` (Gegevensbeschermingsautoriteit).
    pub jurisdiction: String,
    pub summary: String,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    pub discovered_at: String,
    pub nature: Vec<String>,
    pub events: Vec<String>,
    pub cause: String,
    pub cause_description: String,
    /// The register's data-category keys.
    pub categories: Vec<String>,
    /// The register's data-subject category keys.
    pub subjects: Vec<String>,
    pub people_min: u64,
    pub people_max: u64,
    pub records: u64,
    pub unintelligible: bool,
    pub contained: bool,
    pub restored_from_backup: bool,
    pub vulnerable_people: bool,
    pub measures_before: String,
    pub consequences: String,
    pub measures_after: String,
    pub cross_border: bool,
    pub other_organisation: Option<String>,
    pub other: String,
    pub contact: BreachContactIo,
    pub decision: Option<BreachDecisionOut>,
    pub people_told_how: String,
    pub affected: BreachAffectedOut,
    pub count_problems: Vec<BreachCountProblemOut>,
    pub guidance: BreachGuidanceOut,
    pub notifications: Vec<BreachNotificationOut>,
    pub timeline: Vec<BreachTimelineEventOut>,
    /// The processor that reported it, when it came through a link.
    pub recipient_id: Option<String>,
    pub version: i64,
}

/// A breach to register, or its corrected facts. Moments are RFC 3339.
#[derive(Deserialize, ToSchema)]
pub struct BreachIn {
    #[serde(default)]
    pub summary: String,
    pub started_at: Option<String>,
    pub ended_at: Option<String>,
    /// When it was discovered; `aware_at` when absent.
    pub discovered_at: Option<String>,
    /// When the organisation became aware; now when absent. Not in the future.
    pub aware_at: Option<String>,
    /// `confidentiality`, `integrity`, `availability`; derived from `events` when empty.
    #[serde(default)]
    pub nature: Vec<String>,
    /// `read`, `copied`, `altered`, `deleted`, `stolen`, `lost`, `disclosed`, `encrypted_by_attacker`.
    #[serde(default)]
    pub events: Vec<String>,
    /// `lost_or_stolen_device`, `misdirected_message`, `phishing`, `malware`, `intrusion`, `internal_misuse`,
    /// `internal_mistake`, `improper_disposal`, `system_failure`, `other`, `unknown`.
    pub cause: Option<String>,
    #[serde(default)]
    pub cause_description: String,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub subjects: Vec<String>,
    pub people_min: Option<u64>,
    pub people_max: Option<u64>,
    pub records: Option<u64>,
    #[serde(default)]
    pub unintelligible: bool,
    #[serde(default)]
    pub contained: bool,
    #[serde(default)]
    pub restored_from_backup: bool,
    #[serde(default)]
    pub vulnerable_people: bool,
    #[serde(default)]
    pub measures_before: String,
    #[serde(default)]
    pub consequences: String,
    #[serde(default)]
    pub measures_after: String,
    #[serde(default)]
    pub cross_border: bool,
    pub other_organisation: Option<String>,
    #[serde(default)]
    pub other: String,
    #[serde(default)]
    pub contact: BreachContactIo,
    /// For an update: the version read; a 409 when the breach changed since.
    pub version: Option<i64>,
}

/// Which people or documents to add to the breach.
#[derive(Deserialize, ToSchema)]
pub struct BreachSelectionIn {
    /// `relations`, `documents` (with `ids`), `search`, `tag` (a tag's token from the relations list),
    /// `kind`, `activity` (an activity id), `folder` (a path prefix) or `identifiers` (a list, one per line).
    #[serde(default)]
    pub by: String,
    pub value: Option<String>,
    #[serde(default)]
    pub ids: Vec<String>,
}

/// What a selection added.
#[derive(Serialize, ToSchema)]
pub struct BreachSelectionOut {
    pub relations_added: u64,
    pub documents_added: u64,
    /// Identifiers of an uploaded list that matched nothing.
    pub unmatched: u64,
    pub affected: BreachAffectedOut,
}

/// A hand correction: one relation or document is affected, or is not. Wins over every selection.
#[derive(Deserialize, ToSchema)]
pub struct BreachCorrectionIn {
    pub relation_id: Option<String>,
    pub document_id: Option<String>,
    #[serde(default)]
    pub affected: bool,
}

/// The decision on a breach.
#[derive(Deserialize, ToSchema)]
pub struct BreachDecisionIn {
    /// `unlikely`, `risk` or `high`.
    #[serde(default)]
    pub risk: String,
    #[serde(default)]
    pub rationale: String,
    #[serde(default)]
    pub notify_authority: bool,
    #[serde(default)]
    pub notify_people: bool,
    /// `unintelligible`, `risk_neutralised` or `disproportionate_effort`.
    pub people_exception: Option<String>,
    #[serde(default)]
    pub exception_explanation: String,
    #[serde(default)]
    pub public_communication: bool,
    #[serde(default)]
    pub delay_reason: String,
}

/// A notification to the authority, recorded once sent through its portal.
#[derive(Deserialize, ToSchema)]
pub struct BreachNotificationIn {
    /// `initial`, `follow_up` or `withdrawal`.
    #[serde(default)]
    pub phase: String,
    /// RFC 3339; now when absent.
    pub sent_at: Option<String>,
    pub reference: Option<String>,
    /// Required when the initial notification comes after the 72 hours.
    pub delay_reason: Option<String>,
}

/// The people were told (Art. 34).
#[derive(Deserialize, ToSchema)]
pub struct BreachPeopleToldIn {
    /// RFC 3339; now when absent.
    pub at: Option<String>,
    #[serde(default)]
    pub how: String,
}

/// An entry for the breach's timeline.
#[derive(Deserialize, ToSchema)]
pub struct BreachEventIn {
    /// RFC 3339; now when absent.
    pub at: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// One person the breach affects.
#[derive(Serialize, ToSchema)]
pub struct BreachPersonOut {
    pub relation_id: String,
    /// Empty when the relation was erased after it was linked.
    pub name: String,
    pub kind: Option<String>,
    /// How the person came in: the selection (`kind`, `tag`, `identifiers`, …), `document` or `hand`.
    pub source: String,
}

/// Who gets the letter to the people affected.
#[derive(Serialize, ToSchema)]
pub struct BreachRecipientOut {
    pub relation_id: String,
    pub name: String,
    pub email: Option<String>,
}

/// A processor to give a report link.
#[derive(Deserialize, ToSchema)]
pub struct BreachProcessorLinkIn {
    #[serde(default)]
    pub recipient_id: String,
}

/// The processor's report link (a path on this installation; valid a year).
#[derive(Serialize, ToSchema)]
pub struct BreachProcessorLinkOut {
    pub path: String,
}

#[derive(Deserialize, IntoParams)]
pub struct BreachPeopleParams {
    /// Page number from 0; 50 people per page.
    page: Option<u32>,
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_default()
}

fn invalid(field: &'static str, message: &str) -> AppError {
    AppError::Invalid {
        field,
        message: message.into(),
    }
}

fn moment(field: &'static str, v: Option<&str>) -> Result<Option<OffsetDateTime>, AppError> {
    match v.map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => OffsetDateTime::parse(t, &Rfc3339)
            .map(Some)
            .map_err(|_| invalid(field, "not an RFC 3339 time")),
    }
}

fn keys<T: std::str::FromStr>(field: &'static str, v: &[String]) -> Result<Vec<T>, AppError> {
    v.iter()
        .map(|s| {
            s.trim()
                .parse()
                .map_err(|_| invalid(field, "not a value of this list"))
        })
        .collect()
}

/// The clock as the API and the pages name it.
pub(crate) fn clock_key(s: &BreachSummary) -> &'static str {
    if s.closed_at.is_some() {
        "closed"
    } else if s.risk == Some(RiskLevel::Unlikely) && s.authority_notified_at.is_none() {
        "not_required"
    } else {
        match s.clock {
            ClockState::Running { .. } => "running",
            ClockState::Overdue { .. } => "overdue",
            ClockState::NotifiedInTime => "notified_in_time",
            ClockState::NotifiedLate { .. } => "notified_late",
        }
    }
}

pub(crate) fn issue_key(i: &OpenIssue) -> &'static str {
    match i {
        OpenIssue::UndecidedPastDeadline => "undecided_past_deadline",
        OpenIssue::AuthorityNotNotified { overdue: false } => "authority_not_notified",
        OpenIssue::AuthorityNotNotified { overdue: true } => "authority_overdue",
        OpenIssue::PeopleNotTold => "people_not_told",
    }
}

fn out(s: &BreachSummary) -> BreachOut {
    BreachOut {
        id: s.id.clone(),
        number: s.number,
        reference: s.reference.clone(),
        origin: s.origin.clone(),
        aware_at: rfc3339(s.aware_at),
        deadline: rfc3339(s.deadline),
        clock: clock_key(s).to_owned(),
        hours_left: s.remaining.whole_hours(),
        risk: s.risk.map(|r| r.as_str().to_owned()),
        authority_notified_at: s.authority_notified_at.map(rfc3339),
        people_told_at: s.people_told_at.map(rfc3339),
        closed_at: s.closed_at.map(rfc3339),
        open_issues: s
            .open_issues
            .iter()
            .map(|i| issue_key(i).to_owned())
            .collect(),
    }
}

fn affected_out(a: AffectedCount) -> BreachAffectedOut {
    BreachAffectedOut {
        people: a.people,
        documents: a.documents,
        removed: a.excluded,
    }
}

fn contact_out(r: &Reporter) -> BreachContactIo {
    BreachContactIo {
        organisation: r.organisation.clone(),
        registration_number: r.registration_number.clone(),
        name: r.name.clone(),
        function: r.function.clone(),
        phone: r.phone.clone(),
        email: r.email.clone(),
        dpo: r.dpo.clone(),
    }
}

fn detail_out(v: BreachView) -> BreachDetailOut {
    let f = v.facts;
    BreachDetailOut {
        breach: out(&v.summary),
        jurisdiction: v.jurisdiction.as_str().to_owned(),
        summary: f.summary,
        started_at: f.timeline.started_at.map(rfc3339),
        ended_at: f.timeline.ended_at.map(rfc3339),
        discovered_at: rfc3339(f.timeline.discovered_at),
        nature: f.nature.iter().map(|n| n.as_str().to_owned()).collect(),
        events: f.events.iter().map(|n| n.as_str().to_owned()).collect(),
        cause: f.cause.as_str().to_owned(),
        cause_description: f.cause_description,
        categories: f.categories.iter().map(|c| c.key().to_owned()).collect(),
        subjects: f.subjects.iter().map(|c| c.key().to_owned()).collect(),
        people_min: f.stated.people_min,
        people_max: f.stated.people_max,
        records: f.stated.records,
        unintelligible: f.unintelligible,
        contained: f.contained,
        restored_from_backup: f.restored_from_backup,
        vulnerable_people: f.vulnerable_people,
        measures_before: f.measures_before,
        consequences: f.consequences,
        measures_after: f.measures_after,
        cross_border: f.cross_border,
        other_organisation: f.other_organisation,
        other: f.other,
        contact: contact_out(&f.contact),
        decision: f.decision.map(|d| BreachDecisionOut {
            risk: d.risk.as_str().to_owned(),
            rationale: d.rationale,
            notify_authority: d.notify_authority,
            notify_people: d.notify_people,
            people_exception: d.people_exception.map(|e| e.as_str().to_owned()),
            exception_explanation: d.exception_explanation,
            public_communication: d.public_communication,
            delay_reason: d.delay_reason,
            decided_at: rfc3339(d.decided_at),
        }),
        people_told_how: f.people_told_how,
        affected: affected_out(v.affected),
        count_problems: v
            .count_problems
            .iter()
            .map(|p| match p {
                CountProblem::MinAboveMax => BreachCountProblemOut {
                    field: "people_min".into(),
                    problem: "min_above_max".into(),
                    linked: None,
                },
                CountProblem::BelowLinked { linked } => BreachCountProblemOut {
                    field: "people_max".into(),
                    problem: "below_linked".into(),
                    linked: Some(*linked),
                },
            })
            .collect(),
        guidance: BreachGuidanceOut {
            suggested: v.guidance.suggested.as_str().to_owned(),
            factors: v
                .guidance
                .factors
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
        },
        notifications: v
            .notifications
            .iter()
            .map(|n| BreachNotificationOut {
                phase: n.phase.as_str().to_owned(),
                sent_at: rfc3339(n.sent_at),
                reference: n.reference.clone(),
            })
            .collect(),
        timeline: v
            .events
            .into_iter()
            .map(|e| BreachTimelineEventOut {
                kind: e.kind,
                at: rfc3339(e.at),
                actor: e.actor,
                note: e.note,
            })
            .collect(),
        recipient_id: v.recipient_id,
        version: v.version,
    }
}

fn input_of(i: BreachIn) -> Result<(BreachInput, Option<i64>), AppError> {
    let c = i.contact;
    Ok((
        BreachInput {
            summary: i.summary,
            started_at: moment("started_at", i.started_at.as_deref())?,
            ended_at: moment("ended_at", i.ended_at.as_deref())?,
            discovered_at: moment("discovered_at", i.discovered_at.as_deref())?,
            aware_at: moment("aware_at", i.aware_at.as_deref())?,
            nature: keys("nature", &i.nature)?,
            events: keys("events", &i.events)?,
            cause: match i.cause.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(c) => Some(c.parse().map_err(|_| invalid("cause", "not a cause"))?),
            },
            cause_description: i.cause_description,
            categories: keys("categories", &i.categories)?,
            subjects: keys("subjects", &i.subjects)?,
            people_min: i.people_min,
            people_max: i.people_max,
            records: i.records,
            unintelligible: i.unintelligible,
            contained: i.contained,
            restored_from_backup: i.restored_from_backup,
            vulnerable_people: i.vulnerable_people,
            measures_before: i.measures_before,
            consequences: i.consequences,
            measures_after: i.measures_after,
            cross_border: i.cross_border,
            other_organisation: i.other_organisation,
            other: i.other,
            contact: Reporter {
                organisation: c.organisation,
                registration_number: c.registration_number,
                name: c.name,
                function: c.function,
                phone: c.phone,
                email: c.email,
                dpo: c.dpo.filter(|d| !d.trim().is_empty()),
            },
        },
        i.version,
    ))
}

type BreachPath = Path<(String, String)>;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/breaches", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = [BreachOut], description = "Open breaches first by deadline"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<BreachOut>>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(web.app.breaches(&a).await?.iter().map(out).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = BreachIn,
    responses((status = 201, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "A value is missing or impossible (awareness in the future, discovery before the start, …), named")))]
async fn create(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<BreachIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let (input, _) = input_of(input)?;
    let id = web.app.create_breach(&a, &input).await?;
    let view = web.app.breach(&a, &id).await?;
    Ok((StatusCode::CREATED, Json(detail_out(view))).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/breaches/{breach}", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/breaches/{breach}", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachIn,
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Closed, or changed since `version`"), (status = 422, body = Problem)))]
async fn update(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(input): ApiJson<BreachIn>,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let (input, version) = input_of(input)?;
    web.app.update_breach(&a, &id, &input, version).await?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/breaches/{breach}/people", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number"), BreachPeopleParams),
    responses((status = 200, body = [BreachPersonOut], description = "A page of the people affected"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn people(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    Query(p): Query<BreachPeopleParams>,
) -> Result<Json<Vec<BreachPersonOut>>, Problem> {
    require(&a, Permission::Read)?;
    let rows = web
        .app
        .breach_people(&a, &id, p.page.unwrap_or(0).min(1_000_000))
        .await?;
    Ok(Json(
        rows.into_iter()
            .map(|p| BreachPersonOut {
                relation_id: p.relation_id,
                name: p.name,
                kind: p.kind.map(|k| k.as_str().to_owned()),
                source: p.source,
            })
            .collect(),
    ))
}

/// The selection a form or body names.
pub(crate) fn selection_of(
    by: &str,
    value: Option<&str>,
    ids: Vec<String>,
) -> Result<AffectedSelection, AppError> {
    let value = value.unwrap_or("").trim().to_owned();
    let needs_value = |field: &'static str| {
        if value.is_empty() {
            Err(invalid(field, "give a value to select by"))
        } else {
            Ok(value.clone())
        }
    };
    Ok(match by.trim() {
        "relations" => AffectedSelection::Relations(ids),
        "documents" => AffectedSelection::Documents(ids),
        "search" => AffectedSelection::Search(needs_value("value")?),
        "tag" => AffectedSelection::Tag(needs_value("value")?),
        "kind" => AffectedSelection::Kind(
            value
                .parse()
                .map_err(|_| invalid("value", "not a kind of relation"))?,
        ),
        "activity" => AffectedSelection::Activity(needs_value("value")?),
        "folder" => AffectedSelection::Folder(needs_value("value")?),
        "identifiers" => AffectedSelection::Identifiers(value),
        _ => {
            return Err(invalid(
                "by",
                "select by relations, documents, search, tag, kind, activity, folder or identifiers",
            ));
        }
    })
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/affected", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachSelectionIn,
    responses((status = 200, body = BreachSelectionOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn affected(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(input): ApiJson<BreachSelectionIn>,
) -> Result<Json<BreachSelectionOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let selection = selection_of(&input.by, input.value.as_deref(), input.ids)?;
    let o = web.app.select_affected(&a, &id, &selection).await?;
    Ok(Json(BreachSelectionOut {
        relations_added: o.relations_added,
        documents_added: o.documents_added,
        unmatched: o.unmatched,
        affected: affected_out(o.totals),
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/affected/correct", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachCorrectionIn,
    responses((status = 200, body = BreachAffectedOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn correct(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(input): ApiJson<BreachCorrectionIn>,
) -> Result<Json<BreachAffectedOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let target = match (input.relation_id, input.document_id) {
        (Some(r), None) if !r.trim().is_empty() => AffectedTarget::Relation(r),
        (None, Some(d)) if !d.trim().is_empty() => AffectedTarget::Document(d),
        _ => {
            return Err(invalid("relation_id", "name one relation_id or one document_id").into());
        }
    };
    let totals = web
        .app
        .correct_affected(&a, &id, &target, input.affected)
        .await?;
    Ok(Json(affected_out(totals)))
}

/// The decision a body gives.
fn decision_of(i: BreachDecisionIn) -> Result<DecisionInput, AppError> {
    let exception = i.people_exception.as_deref();
    Ok(DecisionInput {
        risk: i
            .risk
            .trim()
            .parse()
            .map_err(|_| invalid("risk", "choose unlikely, risk or high"))?,
        rationale: i.rationale,
        notify_authority: i.notify_authority,
        notify_people: i.notify_people,
        people_exception: match exception.map(str::trim) {
            None | Some("") => None,
            Some(e) => Some(
                e.parse()
                    .map_err(|_| invalid("people_exception", "not an exception of Art. 34(3)"))?,
            ),
        },
        exception_explanation: i.exception_explanation,
        public_communication: i.public_communication,
        delay_reason: i.delay_reason,
    })
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/decision", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachDecisionIn,
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem, description = "The decision is not one the law allows (e.g. a high risk, the people not told and no exception), the field named")))]
async fn decide(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(i): ApiJson<BreachDecisionIn>,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let d = decision_of(i)?;
    web.app.decide_breach(&a, &id, &d).await?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/notifications", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachNotificationIn,
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "No decision yet, or the notification was withdrawn"), (status = 422, body = Problem)))]
async fn notify(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(i): ApiJson<BreachNotificationIn>,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let input = NotificationInput {
        phase: i
            .phase
            .trim()
            .parse()
            .map_err(|_| invalid("phase", "choose initial, follow_up or withdrawal"))?,
        sent_at: moment("sent_at", i.sent_at.as_deref())?,
        reference: i.reference,
        delay_reason: i.delay_reason,
    };
    web.app.record_breach_notification(&a, &id, &input).await?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/people-told", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachPeopleToldIn,
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
async fn people_told(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(i): ApiJson<BreachPeopleToldIn>,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let at = moment("at", i.at.as_deref())?;
    web.app.record_people_told(&a, &id, at, &i.how).await?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/events", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    request_body = BreachEventIn,
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn event(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
    ApiJson(i): ApiJson<BreachEventIn>,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.breach(&a, &id).await?;
    let at = moment("at", i.at.as_deref())?;
    web.app.add_breach_event(&a, &id, at, &i.note).await?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/{breach}/close", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    responses((status = 200, body = BreachDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Something is still open: the decision, the notification or the people told")))]
async fn close(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
) -> Result<Json<BreachDetailOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    web.app.close_breach(&a, &id).await?;
    Ok(Json(detail_out(web.app.breach(&a, &id).await?)))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/breaches/{breach}/recipients", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number")),
    responses((status = 200, body = [BreachRecipientOut], description = "The people affected with their e-mail addresses, for the letter (Art. 34); audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn recipients(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): BreachPath,
) -> Result<Json<Vec<BreachRecipientOut>>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    let rows = web.app.breach_letter_recipients(&a, &id).await?;
    Ok(Json(
        rows.into_iter()
            .map(|r| BreachRecipientOut {
                relation_id: r.relation_id,
                name: r.name,
                email: r.email,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/breaches/processor-links", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = BreachProcessorLinkIn,
    responses((status = 200, body = BreachProcessorLinkOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn processor_link(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(i): ApiJson<BreachProcessorLinkIn>,
) -> Result<Json<BreachProcessorLinkOut>, Problem> {
    require(&a, Permission::HandleBreaches)?;
    let path = web.app.breach_processor_link(&a, &i.recipient_id).await?;
    Ok(Json(BreachProcessorLinkOut { path }))
}

#[derive(Deserialize, IntoParams)]
pub struct BreachNotificationParams {
    /// `nl` (default) or `en`: the language of the questions.
    lang: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/breaches/{breach}/notification/{format}", tag = "breaches",
    params(("org" = String, Path, description = "Organisation slug"), ("breach" = String, Path, description = "Breach id or number"),
        ("format" = String, Path, description = "`pdf` or `json` (the AP's form, sections 0-9, or the GBA's two parts, each answer ready to paste), `ttl` or `jsonld` (W3C DPV)"),
        BreachNotificationParams),
    responses((status = 200, description = "The notification pre-filled for the next phase; audited", content_type = "application/octet-stream"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn notification(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, format)): Path<(String, String, String)>,
    Query(q): Query<BreachNotificationParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::HandleBreaches)?;
    let doc = kluis_app::BreachDocument::parse(&format, false).ok_or(AppError::NotFound)?;
    let lang = q
        .lang
        .as_deref()
        .and_then(kluis_i18n::Lang::from_code)
        .unwrap_or(kluis_i18n::Lang::Nl);
    let file = web.app.breach_document(&a, &id, doc, lang).await?;
    Ok(crate::download::download_response(
        &file.file_name,
        file.content_type,
        file.bytes,
    ))
}
