//! The recipients part of the REST API: processors and other recipients, their processing agreements (JSON, or
//! multipart with the signed document) and staff measures.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::{Routes, Web};
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kluis_app::{AgreementFile, AgreementInput, RecipientView, StaffMeasure, StaffMeasureInput};
use kluis_domain::Permission;
use kluis_domain::register::agreements::StaffMeasureKind;
use kluis_domain::register::{ProcessingAgreement, Recipient};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// Routes with ordinary bodies.
pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/recipients", list_recipients)
        .post("/api/v1/orgs/{org}/recipients", create_recipient)
        .get("/api/v1/orgs/{org}/recipients/{recipient}", get_recipient)
        .get(
            "/api/v1/orgs/{org}/recipients/{recipient}/history",
            recipient_history,
        )
        .add(
            Method::PUT,
            "/api/v1/orgs/{org}/recipients/{recipient}",
            update_recipient,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/recipients/{recipient}",
            delete_recipient,
        )
        .add(
            Method::PUT,
            "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
            update_agreement,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}",
            remove_agreement,
        )
        .get("/api/v1/orgs/{org}/staff-measures", list_staff_measures)
        .post("/api/v1/orgs/{org}/staff-measures", add_staff_measure)
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/staff-measures/{measure}",
            remove_staff_measure,
        )
}

/// The agreement route, which takes the signed document up to `WebOptions::max_upload_bytes`.
pub(crate) fn upload_routes() -> Routes {
    Routes::new().post(
        "/api/v1/orgs/{org}/recipients/{recipient}/agreements",
        add_agreement,
    )
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_recipients,
        create_recipient,
        get_recipient,
        recipient_history,
        update_recipient,
        delete_recipient,
        add_agreement,
        update_agreement,
        remove_agreement,
        list_staff_measures,
        add_staff_measure,
        remove_staff_measure
    ),
    components(schemas(
        RecipientIn,
        SubProcessorIo,
        RecipientOut,
        TransferOut,
        AgreementIn,
        ChecklistIo,
        AgreementOut,
        StaffMeasureIn,
        StaffMeasureOut,
        RecipientHistoryOut,
        RecipientHistoryEntryOut
    ))
)]
pub(crate) struct RecipientsDoc;

/// A sub-processor of a processor (Art. 28(2), (4)).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct SubProcessorIo {
    pub name: String,
    /// ISO 3166-1 alpha-2, e.g. `US`.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub service: String,
}

/// A recipient's fields.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RecipientIn {
    /// Required: a recipient without a name is refused.
    #[serde(default)]
    pub name: String,
    /// `processor` (default), `third_party` or `joint_controller`.
    #[serde(default)]
    pub role: Option<String>,
    /// ISO 3166-1 alpha-2 of the establishment; empty when unknown.
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub services: String,
    /// Data-category keys of the register vocabulary (fideslang keys such as `user.contact.email`).
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub sub_processors: Vec<SubProcessorIo>,
    /// `adequacy`, `standard_contractual_clauses`, `binding_corporate_rules`, `code_or_certification` or
    /// `derogation`; needed for a recipient or sub-processor outside the EEA.
    #[serde(default)]
    pub transfer_safeguard: Option<String>,
}

/// A transfer outside the EEA without a safeguard.
#[derive(Serialize, ToSchema)]
pub struct TransferOut {
    /// The sub-processor's name; absent for the recipient itself.
    pub sub_processor: Option<String>,
    pub country: String,
}

/// A recipient with its agreements and what the rules say about them today.
#[derive(Serialize, ToSchema)]
pub struct RecipientOut {
    pub id: String,
    pub name: String,
    pub role: String,
    pub country: String,
    pub contact: String,
    pub services: String,
    pub categories: Vec<String>,
    pub sub_processors: Vec<SubProcessorIo>,
    pub transfer_safeguard: Option<String>,
    /// `not_needed`, `missing`, `expired`, `incomplete`, `expiring` or `valid`.
    pub agreement_state: String,
    /// The date an agreement expired, or ends or is due for review (for `expired` and `expiring`).
    pub agreement_state_date: Option<String>,
    /// Letters of Art. 28(3) the best agreement lacks (for `incomplete`).
    pub missing_points: Vec<String>,
    pub unsafe_transfers: Vec<TransferOut>,
    pub agreements: Vec<AgreementOut>,
    /// Counts the changes of the recipient's fields.
    pub version: i64,
}

/// The Art. 28(3)(a)-(h) points an agreement covers.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct ChecklistIo {
    /// (a) documented instructions
    pub documented_instructions: bool,
    /// (b) confidentiality
    pub confidentiality: bool,
    /// (c) security (Art. 32)
    pub security: bool,
    /// (d) sub-processor conditions
    pub sub_processors: bool,
    /// (e) assistance with data subjects' rights
    pub data_subject_rights: bool,
    /// (f) assistance with Arts. 32-36
    pub assists_compliance: bool,
    /// (g) deletion or return at the end
    pub deletion_or_return: bool,
    /// (h) information and audits
    pub audits: bool,
}

/// A processing agreement's fields. In a multipart request, send this as JSON in a part named `agreement` and
/// the signed document as a file part.
#[derive(Serialize, Deserialize, ToSchema, Default)]
#[serde(default)]
pub struct AgreementIn {
    /// `YYYY-MM-DD`.
    #[schema(format = Date)]
    pub signed_on: Option<String>,
    #[schema(format = Date)]
    pub expires_on: Option<String>,
    #[schema(format = Date)]
    pub review_on: Option<String>,
    pub checklist: ChecklistIo,
    /// `specific` or `general`.
    pub sub_processor_authorisation: Option<String>,
    pub notes: String,
}

#[derive(Serialize, ToSchema)]
pub struct AgreementOut {
    pub id: String,
    /// The stored signed document (see the documents API).
    pub document_id: Option<String>,
    pub signed_on: Option<String>,
    pub expires_on: Option<String>,
    pub review_on: Option<String>,
    pub checklist: ChecklistIo,
    pub sub_processor_authorisation: Option<String>,
    pub notes: String,
}

/// A staff measure to record. Every field but `notes` is required; a missing one is refused as invalid input
/// (after the permission check, so a role without it learns nothing about the body).
#[derive(Serialize, Deserialize, ToSchema)]
pub struct StaffMeasureIn {
    /// The member's user id.
    #[serde(default)]
    pub user_id: String,
    /// `confidentiality_declaration` or `privacy_training`.
    #[serde(default)]
    pub kind: String,
    /// `YYYY-MM-DD`.
    #[serde(default)]
    #[schema(format = Date)]
    pub date: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub notes: String,
}

#[derive(Serialize, ToSchema)]
pub struct StaffMeasureOut {
    pub id: String,
    pub user_id: String,
    pub kind: String,
    pub date: String,
    pub subject: String,
    pub document_id: Option<String>,
    pub notes: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StaffParams {
    /// Only this member's measures.
    user_id: Option<String>,
}

fn invalid(field: &str, message: &str) -> Problem {
    Problem::from(AppError::Invalid {
        field: match field {
            "role" => "role",
            "transfer_safeguard" => "transfer_safeguard",
            "categories" => "categories",
            "kind" => "kind",
            "date" => "date",
            "sub_processor_authorisation" => "sub_processor_authorisation",
            _ => "input",
        },
        message: message.to_owned(),
    })
}

/// Turns the API's shape into the register model through its serde form, so unknown values are refused with
/// the field they are in.
fn recipient_in(input: RecipientIn) -> Result<Recipient, Problem> {
    let mut value = serde_json::to_value(&input).map_err(|e| invalid("input", &e.to_string()))?;
    if let Some(obj) = value.as_object_mut()
        && obj.get("role").is_some_and(|v| v.is_null())
    {
        obj.insert("role".into(), "processor".into());
    }
    for (field, ok) in [
        (
            "role",
            input
                .role
                .as_deref()
                .is_none_or(|r| r.parse::<kluis_domain::register::RecipientRole>().is_ok()),
        ),
        (
            "transfer_safeguard",
            input.transfer_safeguard.as_deref().is_none_or(|r| {
                r.parse::<kluis_domain::register::TransferSafeguard>()
                    .is_ok()
            }),
        ),
        (
            "categories",
            input
                .categories
                .iter()
                .all(|c| c.parse::<kluis_domain::register::DataCategory>().is_ok()),
        ),
    ] {
        if !ok {
            return Err(invalid(field, "is not a known value"));
        }
    }
    serde_json::from_value(value).map_err(|e| invalid("input", &e.to_string()))
}

fn agreement_in(input: AgreementIn) -> Result<AgreementInput, Problem> {
    for d in [&input.signed_on, &input.expires_on, &input.review_on]
        .into_iter()
        .flatten()
    {
        if parse_date(d).is_none() {
            return Err(invalid("date", "give dates as YYYY-MM-DD"));
        }
    }
    if let Some(a) = &input.sub_processor_authorisation
        && a.parse::<kluis_domain::register::SubProcessorAuthorisation>()
            .is_err()
    {
        return Err(invalid(
            "sub_processor_authorisation",
            "is not a known value",
        ));
    }
    let value = serde_json::to_value(&input).map_err(|e| invalid("input", &e.to_string()))?;
    serde_json::from_value(value).map_err(|e| invalid("input", &e.to_string()))
}

fn parse_date(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &format).ok()
}

fn checklist_out(c: &kluis_domain::register::Art28Checklist) -> ChecklistIo {
    ChecklistIo {
        documented_instructions: c.documented_instructions,
        confidentiality: c.confidentiality,
        security: c.security,
        sub_processors: c.sub_processors,
        data_subject_rights: c.data_subject_rights,
        assists_compliance: c.assists_compliance,
        deletion_or_return: c.deletion_or_return,
        audits: c.audits,
    }
}

fn agreement_out(a: &ProcessingAgreement) -> AgreementOut {
    AgreementOut {
        id: a.id.to_string(),
        document_id: a.document_id.map(|d| d.to_string()),
        signed_on: a.signed_on.map(|d| d.to_string()),
        expires_on: a.expires_on.map(|d| d.to_string()),
        review_on: a.review_on.map(|d| d.to_string()),
        checklist: checklist_out(&a.checklist),
        sub_processor_authorisation: a.sub_processor_authorisation.map(|s| s.as_str().to_owned()),
        notes: a.notes.clone(),
    }
}

fn recipient_out(v: &RecipientView) -> RecipientOut {
    use kluis_domain::register::agreements::AgreementState as S;
    let r = &v.recipient;
    let (date, missing) = match &v.state {
        S::Expired { on } | S::Expiring { on } => (Some(on.to_string()), Vec::new()),
        S::Incomplete { missing } => (None, missing.iter().map(|c| c.to_string()).collect()),
        _ => (None, Vec::new()),
    };
    RecipientOut {
        id: r.id.to_string(),
        name: r.name.clone(),
        role: r.role.as_str().to_owned(),
        country: r.country.clone(),
        contact: r.contact.clone(),
        services: r.services.clone(),
        categories: r.categories.iter().map(|c| c.key().to_owned()).collect(),
        sub_processors: r
            .sub_processors
            .iter()
            .map(|s| SubProcessorIo {
                name: s.name.clone(),
                country: s.country.clone(),
                service: s.service.clone(),
            })
            .collect(),
        transfer_safeguard: r.transfer_safeguard.map(|s| s.as_str().to_owned()),
        agreement_state: v.state.key().to_owned(),
        agreement_state_date: date,
        missing_points: missing,
        unsafe_transfers: v
            .unsafe_transfers
            .iter()
            .map(|t| TransferOut {
                sub_processor: t.sub_processor.clone(),
                country: t.country.clone(),
            })
            .collect(),
        agreements: r.agreements.iter().map(agreement_out).collect(),
        version: v.version,
    }
}

fn measure_out(m: StaffMeasure) -> StaffMeasureOut {
    StaffMeasureOut {
        id: m.id,
        user_id: m.user_id,
        kind: m.kind.as_str().to_owned(),
        date: m.held_on,
        subject: m.subject,
        document_id: m.document_id,
        notes: m.notes,
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/recipients", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = Vec<RecipientOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_recipients(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<RecipientOut>>, Problem> {
    require(&a, Permission::Read)?;
    let views = web.app.recipients(&a).await?;
    Ok(Json(views.iter().map(recipient_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/recipients", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = RecipientIn,
    responses((status = 201, body = RecipientOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create_recipient(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<RecipientIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let r = recipient_in(input)?;
    let v = web.app.create_recipient(&a, &r).await?;
    Ok((StatusCode::CREATED, Json(recipient_out(&v))).into_response())
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/recipients/{recipient}", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id")),
    responses((status = 200, body = RecipientOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_recipient(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<RecipientOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(recipient_out(&web.app.recipient(&a, &id).await?)))
}

/// One saved version of a recipient or of one of its agreements: who, when, what, which fields.
#[derive(Serialize, ToSchema)]
pub struct RecipientHistoryEntryOut {
    /// `recipient` or `agreement`.
    pub subject: String,
    /// The recipient's or the agreement's id.
    pub id: String,
    /// Counts per recipient or agreement from 1.
    pub version: i64,
    /// `create`, `update` or `delete`.
    pub event: String,
    pub at_ms: i64,
    /// User id of the member who made the change, `cli`, or `migration` for what existed before histories
    /// were kept.
    pub actor: String,
    /// Keys of the fields this version changed (never their values).
    pub changed: Vec<String>,
}

/// The history of a recipient and its agreements.
#[derive(Serialize, ToSchema)]
pub struct RecipientHistoryOut {
    /// Whether the recipient has been deleted (its history stays).
    pub deleted: bool,
    /// Oldest first.
    pub versions: Vec<RecipientHistoryEntryOut>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/recipients/{recipient}/history", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id")),
    responses((status = 200, body = RecipientHistoryOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn recipient_history(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<RecipientHistoryOut>, Problem> {
    require(&a, Permission::Read)?;
    let h = web.app.recipient_history(&a, &id).await?;
    Ok(Json(RecipientHistoryOut {
        deleted: h.deleted,
        versions: h
            .entries
            .into_iter()
            .map(|e| RecipientHistoryEntryOut {
                subject: e.subject.as_str().to_owned(),
                id: e.item_id,
                version: e.version,
                event: e.event.to_owned(),
                at_ms: e.at_ms,
                actor: e.actor,
                changed: e.changed,
            })
            .collect(),
    }))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/recipients/{recipient}", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id")),
    request_body = RecipientIn,
    responses((status = 200, body = RecipientOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_recipient(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<RecipientIn>,
) -> Result<Json<RecipientOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    // Another organisation's id (or none) is not found before the body is judged.
    web.app.recipient(&a, &id).await?;
    let r = recipient_in(input)?;
    Ok(Json(recipient_out(
        &web.app.update_recipient(&a, &id, &r).await?,
    )))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/recipients/{recipient}", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id")),
    responses((status = 204, description = "Deleted with its agreements; their documents stay"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn delete_recipient(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.delete_recipient(&a, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The agreement's fields and the signed document from a JSON or multipart body.
fn agreement_body(
    headers: &HeaderMap,
    bytes: &[u8],
) -> Result<(AgreementIn, Option<AgreementFile>), Problem> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let unreadable = |detail: &str| {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "bad-body",
            "Unreadable request body",
            detail,
        )
        .args(&[("message", detail)])
    };
    if let Some(boundary) = crate::multipart::boundary(ct) {
        let parts = crate::multipart::parse(bytes, &boundary)
            .map_err(|_| unreadable("The multipart body could not be read."))?;
        let mut fields = AgreementIn::default();
        let mut file = None;
        for p in parts {
            match p.filename {
                Some(name) if file.is_none() => {
                    file = Some(AgreementFile {
                        name,
                        bytes: p.data,
                    });
                }
                Some(_) => {}
                None if p.name == "agreement" => {
                    fields = serde_json::from_slice(&p.data).map_err(|e| {
                        Problem::from(AppError::Invalid {
                            field: "agreement",
                            message: e.to_string(),
                        })
                    })?;
                }
                None => {}
            }
        }
        return Ok((fields, file));
    }
    if ct.starts_with("application/json") {
        let fields = serde_json::from_slice(bytes).map_err(|e| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "bad-body",
                "Unreadable request body",
                e.to_string(),
            )
            .args(&[("message", &e.to_string())])
        })?;
        return Ok((fields, None));
    }
    Err(Problem::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "bad-body",
        "Unreadable request body",
        "Send the agreement as application/json, or as multipart/form-data with the signed document.",
    )
    .args(&[(
        "message",
        "Send the agreement as application/json, or as multipart/form-data with the signed document.",
    )]))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/recipients/{recipient}/agreements", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id")),
    request_body(description = "The fields as JSON; or multipart/form-data with a part `agreement` holding the fields as JSON and the signed document as a file part (stored and scanned like every document).",
        content((AgreementIn = "application/json"), (AgreementIn = "multipart/form-data"))),
    responses((status = 201, body = AgreementOut), (status = 400, body = Problem), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 413, body = Problem), (status = 415, body = Problem), (status = 422, body = Problem, description = "Invalid fields, or the document is empty, too large or of a type agreements are not kept in")))]
async fn add_agreement(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let max = web.opts.max_upload_bytes;
    let bytes = axum::body::to_bytes(body, max).await.map_err(|_| {
        let mib = crate::pages::documents::mebibytes(max);
        Problem::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too-large",
            "Too large",
            format!("Upload at most {mib} MiB per request."),
        )
        .args(&[("mib", &mib.to_string())])
    })?;
    let (fields, file) = agreement_body(&headers, &bytes)?;
    drop(bytes);
    let input = agreement_in(fields)?;
    let created = web.app.add_agreement(&a, &id, &input, file).await?;
    Ok((StatusCode::CREATED, Json(agreement_out(&created))).into_response())
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id"), ("agreement" = String, Path, description = "Agreement id")),
    request_body = AgreementIn,
    responses((status = 200, body = AgreementOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_agreement(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, agreement)): Path<(String, String, String)>,
    ApiJson(fields): ApiJson<AgreementIn>,
) -> Result<Json<AgreementOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    let input = agreement_in(fields)?;
    let updated = web
        .app
        .update_agreement(&a, &id, &agreement, &input, None)
        .await?;
    Ok(Json(agreement_out(&updated)))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/recipients/{recipient}/agreements/{agreement}", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("recipient" = String, Path, description = "Recipient id"), ("agreement" = String, Path, description = "Agreement id")),
    responses((status = 204, description = "Removed; the signed document stays"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn remove_agreement(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, agreement)): Path<(String, String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.remove_agreement(&a, &id, &agreement).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/staff-measures", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), StaffParams),
    responses((status = 200, body = Vec<StaffMeasureOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_staff_measures(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<StaffParams>,
) -> Result<Json<Vec<StaffMeasureOut>>, Problem> {
    require(&a, Permission::Read)?;
    let list = web.app.staff_measures(&a, p.user_id.as_deref()).await?;
    Ok(Json(list.into_iter().map(measure_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/staff-measures", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = StaffMeasureIn,
    responses((status = 201, body = StaffMeasureOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn add_staff_measure(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<StaffMeasureIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let kind = input
        .kind
        .parse::<StaffMeasureKind>()
        .map_err(|_| invalid("kind", "is not a known value"))?;
    let held_on =
        parse_date(&input.date).ok_or_else(|| invalid("date", "give the date as YYYY-MM-DD"))?;
    let m = web
        .app
        .add_staff_measure(
            &a,
            &StaffMeasureInput {
                user_id: input.user_id,
                kind,
                held_on,
                subject: input.subject,
                notes: input.notes,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(measure_out(m))).into_response())
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/staff-measures/{measure}", tag = "recipients",
    params(("org" = String, Path, description = "Organisation slug"), ("measure" = String, Path, description = "Staff measure id")),
    responses((status = 204, description = "Removed"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn remove_staff_measure(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::ManageRegister)?;
    web.app.remove_staff_measure(&a, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
