//! The DPIA API: screening an activity, DPIAs (list, start from an activity, read, change a part, validate,
//! versions) and the exchange with the CNIL's PIA tool (import a file, export one).
//!
//! A DPIA travels as the domain's own JSON (`kluis_domain::dpia::assessment::Dpia`): the same shape is read back
//! by the part updates, so what a client got it can send.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::pages::dpia::{item_keys, screening_from};
use crate::{Routes, Web};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{DpiaPart, DpiaSummary, DpiaView, ScreeningEntry, parse_point};
use kluis_domain::Permission;
use kluis_domain::dpia::assessment::{
    DpoOpinion, Evaluation, PeopleViews, PlannedMeasure, Question, Risk, RiskKind,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/dpias", list)
        .post("/api/v1/orgs/{org}/dpias", create)
        .post("/api/v1/orgs/{org}/dpias/import", import)
        .get("/api/v1/orgs/{org}/dpias/{dpia}", get)
        .add(Method::PATCH, "/api/v1/orgs/{org}/dpias/{dpia}", update)
        .post("/api/v1/orgs/{org}/dpias/{dpia}/validate", validate)
        .get("/api/v1/orgs/{org}/dpias/{dpia}/versions", versions)
        .get("/api/v1/orgs/{org}/dpias/{dpia}/export", export)
        .get("/api/v1/orgs/{org}/dpia-screenings/{activity}", screening)
        .post("/api/v1/orgs/{org}/dpia-screenings/{activity}", screen)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list, create, import, get, update, validate, versions, export, screening, screen
    ),
    components(schemas(
        DpiaOut,
        DpiaDetailOut,
        DpiaCreateIn,
        DpiaPartIn,
        DpiaValidateIn,
        DpiaImportOut,
        DpiaVersionOut,
        ScreeningIn,
        ScreeningOut,
        ScreeningFormOut,
        SuggestionOut
    ))
)]
pub(crate) struct DpiaDoc;

/// A DPIA as lists show it.
#[derive(Serialize, ToSchema)]
pub struct DpiaOut {
    pub id: String,
    pub title: String,
    pub activity_id: Option<String>,
    /// `in_progress`, `refused`, `validated`, `signed_validated` or `archived`.
    pub status: String,
    pub version: i64,
    /// RFC 3339.
    pub updated_at: String,
    /// ISO date.
    pub review_on: Option<String>,
    pub open_items: usize,
}

/// A DPIA with what the method says about it today.
#[derive(Serialize, ToSchema)]
pub struct DpiaDetailOut {
    pub id: String,
    pub version: i64,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339.
    pub updated_at: String,
    pub created_by: String,
    pub updated_by: String,
    /// The DPIA in the CNIL method's structure (context, principles, measures, risks, DPO, people, validation,
    /// review, Art. 36 flag, versions); the same shapes are accepted by the part updates.
    #[schema(value_type = Object)]
    pub dpia: serde_json::Value,
    /// Keys of what still needs doing, e.g. `evaluation:principle.legal_basis`, `prior_consultation`.
    pub open_items: Vec<String>,
    /// Keys of what stands in the way of validation, e.g. `unevaluated:risk.disappearance`, `dpo_opinion`.
    pub blockers: Vec<String>,
    /// Each risk's place on the map before and after the action plan.
    #[schema(value_type = Object)]
    pub risk_map: serde_json::Value,
    /// Whether a risk stays high after the measures (Art. 36(1)).
    pub prior_consultation_indicated: bool,
}

/// Start a DPIA: for a processing activity (pre-filled from the register), or blank with a title.
#[derive(Deserialize, ToSchema)]
pub struct DpiaCreateIn {
    pub activity_id: Option<String>,
    pub title: Option<String>,
    /// Language of the pre-filled answers: `nl` or `en` (default `nl`).
    pub lang: Option<String>,
}

/// One part of a DPIA to change. `part` says which; the fields that part uses are read, the others ignored.
#[derive(Deserialize, ToSchema)]
pub struct DpiaPartIn {
    /// `header`, `answer`, `evaluation`, `measures`, `risk`, `dpo`, `people` or `review`.
    #[serde(default)]
    pub part: String,
    /// header
    pub title: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub evaluator: Option<String>,
    pub validator: Option<String>,
    /// answer: the question (e.g. `legal_basis`) and its text.
    pub question: Option<String>,
    pub text: Option<String>,
    /// evaluation: the point (`context_overview`, `context_data`, `principle.<question>`, `measure.<index>`,
    /// `risk.<kind>`) and the evaluation in the shape `dpia` shows.
    pub point: Option<String>,
    #[schema(value_type = Object)]
    pub evaluation: Option<serde_json::Value>,
    /// measures: every planned measure, in the shape `dpia.measures` shows.
    #[schema(value_type = Object)]
    pub measures: Option<serde_json::Value>,
    /// risk: the kind (`illegitimate_access`, `unwanted_modification`, `disappearance`) and the risk in the shape
    /// `dpia.risks` shows (its evaluation is kept; change it with `evaluation`).
    pub risk_kind: Option<String>,
    #[schema(value_type = Object)]
    pub risk: Option<serde_json::Value>,
    /// dpo: in the shape `dpia.dpo` shows.
    #[schema(value_type = Object)]
    pub dpo: Option<serde_json::Value>,
    /// people: in the shape `dpia.people` shows.
    #[schema(value_type = Object)]
    pub people: Option<serde_json::Value>,
    /// review: the review date (ISO) and the Art. 36 prior-consultation flag.
    pub review_on: Option<String>,
    pub prior_consultation: Option<bool>,
}

#[derive(Deserialize, ToSchema, Default)]
pub struct DpiaValidateIn {
    /// Whether the controller signed the validation.
    #[serde(default)]
    pub signed: bool,
}

/// An imported DPIA with what the reader said about the file, each remark naming the field.
#[derive(Serialize, ToSchema)]
pub struct DpiaImportOut {
    pub dpia: DpiaDetailOut,
    pub warnings: Vec<String>,
}

/// One saved version.
#[derive(Serialize, ToSchema)]
pub struct DpiaVersionOut {
    pub version: i64,
    /// RFC 3339.
    pub at: String,
    pub actor: String,
    pub note: String,
}

/// A screening: the items of each list that apply, and a justification where two or more WP248 criteria are
/// met but the processing is not likely to be high risk.
#[derive(Deserialize, ToSchema, Default)]
pub struct ScreeningIn {
    /// Items of the Autoriteit Persoonsgegevens' list, e.g. `camera_surveillance`.
    #[serde(default)]
    pub nl_list: Vec<String>,
    /// Items of the Gegevensbeschermingsautoriteit's list.
    #[serde(default)]
    pub be_list: Vec<String>,
    /// Art. 35(3) cases: `automated_evaluation`, `large_scale_special`, `public_monitoring`.
    #[serde(default)]
    pub art35: Vec<String>,
    /// WP248 criteria, e.g. `sensitive_data`.
    #[serde(default)]
    pub wp248: Vec<String>,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub notes: String,
}

/// A stored screening.
#[derive(Serialize, ToSchema)]
pub struct ScreeningOut {
    pub id: String,
    pub activity_id: String,
    /// The answers, the outcome (`required` with reasons, `not_required_justified`, `not_required`), the day and
    /// who screened.
    #[schema(value_type = Object)]
    pub record: serde_json::Value,
    /// RFC 3339.
    pub at: String,
}

/// A suggestion of the register with its evidence (category, subject or purpose keys).
#[derive(Serialize, ToSchema)]
pub struct SuggestionOut {
    /// `nl_list`, `be_list` or `wp248`.
    pub list: String,
    pub item: String,
    pub evidence: Vec<String>,
}

/// An activity's screenings with the register's suggestions.
#[derive(Serialize, ToSchema)]
pub struct ScreeningFormOut {
    pub activity_id: String,
    /// The activity's DPIA status in the register.
    pub dpia_status: String,
    pub suggestions: Vec<SuggestionOut>,
    /// Newest first.
    pub screenings: Vec<ScreeningOut>,
}

#[derive(Deserialize, IntoParams)]
pub struct ImportParams {
    /// The processing activity the DPIA is about.
    activity: Option<String>,
}

#[derive(Deserialize, IntoParams)]
pub struct ExportParams {
    /// `cnil-pia` (the default): the JSON file the CNIL's PIA tool imports.
    format: Option<String>,
}

fn rfc3339(ms: i64) -> String {
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn invalid(field: &'static str, message: &str) -> AppError {
    AppError::Invalid {
        field,
        message: message.into(),
    }
}

fn to_json<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or(serde_json::Value::Null)
}

fn out(s: &DpiaSummary) -> DpiaOut {
    DpiaOut {
        id: s.id.clone(),
        title: s.title.clone(),
        activity_id: s.activity_id.clone(),
        status: s.status.as_str().to_owned(),
        version: s.version,
        updated_at: rfc3339(s.updated_at_ms),
        review_on: s.review_on.map(|d| d.to_string()),
        open_items: s.open_items,
    }
}

fn detail_out(v: &DpiaView) -> DpiaDetailOut {
    let (open_items, blockers) = item_keys(v);
    DpiaDetailOut {
        id: v.id.clone(),
        version: v.version,
        created_at: rfc3339(v.created_at_ms),
        updated_at: rfc3339(v.updated_at_ms),
        created_by: v.created_by.clone(),
        updated_by: v.updated_by.clone(),
        dpia: to_json(&v.dpia),
        open_items,
        blockers,
        risk_map: to_json(&v.risk_map),
        prior_consultation_indicated: v.prior_consultation_indicated,
    }
}

fn screening_out(s: &ScreeningEntry) -> ScreeningOut {
    ScreeningOut {
        id: s.id.clone(),
        activity_id: s.activity_id.clone(),
        record: to_json(&s.record),
        at: rfc3339(s.at_ms),
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/dpias", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = [DpiaOut], description = "Most recently changed first"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<DpiaOut>>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(web.app.dpias(&a).await?.iter().map(out).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/dpias", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = DpiaCreateIn,
    responses((status = 201, body = DpiaDetailOut, description = "Started; for an activity pre-filled with what the register knows"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<DpiaCreateIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let lang = match input.lang.as_deref().map(str::trim) {
        None | Some("") => kluis_i18n::Lang::Nl,
        Some(l) => kluis_i18n::Lang::from_code(l).ok_or_else(|| invalid("lang", "nl or en"))?,
    };
    let v = web
        .app
        .create_dpia(
            &a,
            input.activity_id.as_deref(),
            input.title.as_deref().unwrap_or(""),
            lang,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(detail_out(&v))).into_response())
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/dpias/import", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ImportParams),
    request_body(content = Object, content_type = "application/json", description = "A file exported by the CNIL's PIA tool"),
    responses((status = 201, body = DpiaImportOut, description = "Imported, with remarks naming the file's fields"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "Not the tool's file, an unknown question id or a gauge outside 1-4, naming the field; nothing stored")))]
async fn import(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<ImportParams>,
    body: Bytes,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let i = web
        .app
        .import_dpia(&a, &body, p.activity.as_deref())
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(DpiaImportOut {
            dpia: detail_out(&i.view),
            warnings: i.warnings,
        }),
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/dpias/{dpia}", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("dpia" = String, Path, description = "DPIA id")),
    responses((status = 200, body = DpiaDetailOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<DpiaDetailOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(detail_out(&web.app.dpia(&a, &id).await?)))
}

fn shaped<T: serde::de::DeserializeOwned>(
    field: &'static str,
    v: Option<serde_json::Value>,
) -> Result<T, AppError> {
    let v = v.ok_or_else(|| invalid(field, "missing"))?;
    serde_json::from_value(v).map_err(|e| AppError::Invalid {
        field,
        message: format!("not in the shape the DPIA shows: {e}"),
    })
}

fn part_of(input: DpiaPartIn) -> Result<DpiaPart, AppError> {
    let text = |v: Option<String>| v.unwrap_or_default();
    Ok(match input.part.trim() {
        "header" => DpiaPart::Header {
            title: text(input.title),
            category: text(input.category),
            author: text(input.author),
            evaluator: text(input.evaluator),
            validator: text(input.validator),
        },
        "answer" => DpiaPart::Answer {
            question: input
                .question
                .as_deref()
                .unwrap_or("")
                .trim()
                .parse::<Question>()
                .map_err(|_| invalid("question", "not a question"))?,
            text: text(input.text),
        },
        "evaluation" => DpiaPart::Evaluation {
            at: parse_point(input.point.as_deref().unwrap_or(""))
                .ok_or_else(|| invalid("point", "not a part that is evaluated"))?,
            evaluation: shaped::<Evaluation>("evaluation", input.evaluation)?,
        },
        "measures" => {
            DpiaPart::Measures(shaped::<Vec<PlannedMeasure>>("measures", input.measures)?)
        }
        "risk" => DpiaPart::Risk {
            kind: input
                .risk_kind
                .as_deref()
                .unwrap_or("")
                .trim()
                .parse::<RiskKind>()
                .map_err(|_| invalid("risk_kind", "not a risk"))?,
            risk: shaped::<Risk>("risk", input.risk)?,
        },
        "dpo" => DpiaPart::Dpo(shaped::<DpoOpinion>("dpo", input.dpo)?),
        "people" => DpiaPart::People(shaped::<PeopleViews>("people", input.people)?),
        "review" => DpiaPart::Review {
            review_on: match input.review_on.as_deref().map(str::trim) {
                None | Some("") => None,
                Some(d) => Some(
                    time::Date::parse(
                        d,
                        &time::macros::format_description!("[year]-[month]-[day]"),
                    )
                    .map_err(|_| invalid("review_on", "not a date"))?,
                ),
            },
            prior_consultation: input.prior_consultation.unwrap_or(false),
        },
        _ => return Err(invalid("part", "not a part of the DPIA")),
    })
}

#[utoipa::path(patch, path = "/api/v1/orgs/{org}/dpias/{dpia}", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("dpia" = String, Path, description = "DPIA id")),
    request_body = DpiaPartIn,
    responses((status = 200, body = DpiaDetailOut, description = "Saved as a new version; a validated DPIA is back in progress"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Changed by someone else meanwhile"), (status = 422, body = Problem)))]
async fn update(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<DpiaPartIn>,
) -> Result<Json<DpiaDetailOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    // Another organisation's DPIA, or none: 404 before anything about the body is said.
    web.app.dpia(&a, &id).await?;
    let part = part_of(input)?;
    Ok(Json(detail_out(&web.app.update_dpia(&a, &id, part).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/dpias/{dpia}/validate", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("dpia" = String, Path, description = "DPIA id")),
    request_body = DpiaValidateIn,
    responses((status = 200, body = DpiaDetailOut, description = "Validated; the activity's DPIA is done"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "What stands in the way, as the blockers' keys (field `validation`)")))]
async fn validate(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<DpiaValidateIn>,
) -> Result<Json<DpiaDetailOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    Ok(Json(detail_out(
        &web.app.validate_dpia(&a, &id, input.signed).await?,
    )))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/dpias/{dpia}/versions", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("dpia" = String, Path, description = "DPIA id")),
    responses((status = 200, body = [DpiaVersionOut], description = "Oldest first"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn versions(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Vec<DpiaVersionOut>>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(
        web.app
            .dpia_versions(&a, &id)
            .await?
            .into_iter()
            .map(|v| DpiaVersionOut {
                version: v.version,
                at: rfc3339(v.at_ms),
                actor: v.actor,
                note: v.note,
            })
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/dpias/{dpia}/export", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("dpia" = String, Path, description = "DPIA id"), ExportParams),
    responses((status = 200, content_type = "application/json", description = "The file for the CNIL's PIA tool (`format=cnil-pia`, the default) or the DPIA as PDF (`format=pdf`); the export is audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn export(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    Query(p): Query<ExportParams>,
) -> Result<Response, Problem> {
    require(&a, Permission::Read)?;
    let pdf = match p.format.as_deref().map(str::trim) {
        None | Some("") | Some("cnil-pia") => false,
        Some("pdf") => true,
        Some(_) => return Err(invalid("format", "cnil-pia or pdf").into()),
    };
    if pdf {
        let (name, bytes) = web
            .app
            .export_dpia_pdf(&a, &id, kluis_i18n::Lang::Nl)
            .await?;
        return Ok(crate::download::download_response(
            &name,
            "application/pdf",
            bytes,
        ));
    }
    let (name, bytes) = web.app.export_dpia(&a, &id).await?;
    Ok(crate::download::download_response(
        &name,
        "application/json",
        bytes,
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/dpia-screenings/{activity}", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Processing activity id")),
    responses((status = 200, body = ScreeningFormOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn screening(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, activity)): Path<(String, String)>,
) -> Result<Json<ScreeningFormOut>, Problem> {
    require(&a, Permission::Read)?;
    let f = web.app.dpia_screening_form(&a, &activity).await?;
    let mut suggestions = Vec::new();
    let s = &f.suggestions;
    suggestions.extend(s.nl_list.iter().map(|x| SuggestionOut {
        list: "nl_list".into(),
        item: x.item.as_str().into(),
        evidence: x.evidence.clone(),
    }));
    suggestions.extend(s.be_list.iter().map(|x| SuggestionOut {
        list: "be_list".into(),
        item: x.item.as_str().into(),
        evidence: x.evidence.clone(),
    }));
    suggestions.extend(s.wp248.iter().map(|x| SuggestionOut {
        list: "wp248".into(),
        item: x.item.as_str().into(),
        evidence: x.evidence.clone(),
    }));
    Ok(Json(ScreeningFormOut {
        activity_id: f.activity.activity.id.to_string(),
        dpia_status: f.activity.activity.dpia.as_str().into(),
        suggestions,
        screenings: f.history.iter().map(screening_out).collect(),
    }))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/dpia-screenings/{activity}", tag = "dpia",
    params(("org" = String, Path, description = "Organisation slug"), ("activity" = String, Path, description = "Processing activity id")),
    request_body = ScreeningIn,
    responses((status = 201, body = ScreeningOut, description = "Stored; the activity's DPIA status follows the outcome"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn screen(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, activity)): Path<(String, String)>,
    ApiJson(input): ApiJson<ScreeningIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    // Another organisation's activity, or none: 404 before anything about the body is said.
    web.app.register_activity(&a, &activity).await?;
    let s = screening_from(
        input.nl_list.iter().map(String::as_str),
        input.be_list.iter().map(String::as_str),
        input.art35.iter().map(String::as_str),
        input.wp248.iter().map(String::as_str),
        input.justification,
        input.notes,
    )?;
    let entry = web.app.screen_activity(&a, &activity, s).await?;
    Ok((StatusCode::CREATED, Json(screening_out(&entry))).into_response())
}
