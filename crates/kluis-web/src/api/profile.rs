//! The register profile part of the REST API: the organisation profile (now or as it stood on a date), the
//! Art. 30(5) and Art. 37 wizards, and the periodic review of the register with its sign-off.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{ChecklistAnswer, ProfileView, ReviewInput, ReviewOverview, ReviewRecord};
use kluis_domain::Permission;
use kluis_domain::register::wizards::{
    DpoVerdict, Reason, RegisterVerdict, RegistrationError, ReviewItem, dpo_required,
    register_required, validate_registration_number,
};
use kluis_domain::register::{
    DpoAssessment, DpoInfo, Jurisdiction, OrgProfile, RegisterAssessment,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/profile", get_profile)
        .add(Method::PUT, "/api/v1/orgs/{org}/profile", put_profile)
        .post(
            "/api/v1/orgs/{org}/profile/wizards/register",
            register_wizard,
        )
        .post("/api/v1/orgs/{org}/profile/wizards/dpo", dpo_wizard)
        .get("/api/v1/orgs/{org}/reviews", list_reviews)
        .get("/api/v1/orgs/{org}/auditor-pack", auditor_pack)
        .post("/api/v1/orgs/{org}/reviews", sign_off_review)
        .post("/api/v1/orgs/{org}/reviews/schedule", schedule_review)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        get_profile,
        auditor_pack,
        put_profile,
        register_wizard,
        dpo_wizard,
        list_reviews,
        sign_off_review,
        schedule_review
    ),
    components(schemas(
        ProfileBody,
        DpoBody,
        ProfileOut,
        RegisterAnswersIn,
        DpoAnswersIn,
        VerdictOut,
        ChecklistAnswerBody,
        ReviewIn,
        ReviewOut,
        ReviewsOut,
        ScheduleIn
    ))
)]
pub(crate) struct ProfileDoc;

/// The data protection officer, if one is appointed.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct DpoBody {
    pub appointed: bool,
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The controller as Art. 30(1)(a) names it. Omitted fields are empty.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProfileBody {
    pub legal_name: String,
    pub address: String,
    /// Checked as an e-mail address when filled.
    pub email: String,
    pub phone: String,
    pub website: String,
    /// NL: KvK number, 8 digits. BE: KBO/BCE enterprise number, 10 digits starting with 0 or 1, mod-97 checked.
    /// Stored as digits only.
    pub registration_number: String,
    /// `nl` or `be`.
    pub jurisdiction: Option<String>,
    pub employees: Option<u32>,
    /// Representative in the Union (Art. 27).
    pub representative: String,
    /// Joint controllers (Art. 26).
    pub joint_controllers: String,
    pub dpo: DpoBody,
}

impl ProfileBody {
    fn of(p: &OrgProfile) -> ProfileBody {
        ProfileBody {
            legal_name: p.legal_name.clone(),
            address: p.address.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            website: p.website.clone(),
            registration_number: p.registration_number.clone(),
            jurisdiction: p.jurisdiction.map(|j| j.as_str().to_owned()),
            employees: p.employees,
            representative: p.representative.clone(),
            joint_controllers: p.joint_controllers.clone(),
            dpo: DpoBody {
                appointed: p.dpo.appointed,
                name: p.dpo.name.clone(),
                email: p.dpo.email.clone(),
                phone: p.dpo.phone.clone(),
            },
        }
    }
}

/// A wizard's verdict: whether the obligation applies, why (reason keys), and the stored answers' rationale.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VerdictOut {
    pub required: bool,
    /// Reason keys, e.g. `not_occasional`, `special_or_criminal`, `exemption_applies`; `public_authority`,
    /// `large_scale_monitoring`, `large_scale_special`, `dpo_voluntary`.
    pub reasons: Vec<String>,
    pub rationale: String,
    /// YYYY-MM-DD.
    pub assessed_on: Option<String>,
}

fn reasons(r: &[Reason]) -> Vec<String> {
    r.iter().map(|r| r.as_str().to_owned()).collect()
}

fn date_text(d: time::Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn register_out(v: &RegisterVerdict, a: &RegisterAssessment) -> VerdictOut {
    VerdictOut {
        required: v.required,
        reasons: reasons(&v.reasons),
        rationale: a.rationale.clone(),
        assessed_on: a.assessed_on.map(date_text),
    }
}

fn dpo_out(v: &DpoVerdict, a: &DpoAssessment) -> VerdictOut {
    VerdictOut {
        required: v.required,
        reasons: reasons(&v.reasons),
        rationale: a.rationale.clone(),
        assessed_on: a.assessed_on.map(date_text),
    }
}

/// The organisation profile with what the jurisdiction and the wizards make of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProfileOut {
    /// The profile's version (0: never saved; absent for a past date).
    pub version: Option<i64>,
    pub profile: ProfileBody,
    /// AP (NL) or GBA (BE), from the jurisdiction.
    pub supervisory_authority: Option<String>,
    /// Art. 8(1) as the jurisdiction sets it.
    pub age_of_digital_consent: Option<u8>,
    /// Art. 30(5) wizard, if run.
    pub register_verdict: Option<VerdictOut>,
    /// Art. 37 wizard, if run.
    pub dpo_verdict: Option<VerdictOut>,
}

impl ProfileOut {
    fn of(p: &OrgProfile, version: Option<i64>) -> ProfileOut {
        ProfileOut {
            version,
            profile: ProfileBody::of(p),
            supervisory_authority: p.jurisdiction.map(|j| j.supervisory_authority().to_owned()),
            age_of_digital_consent: p.jurisdiction.map(Jurisdiction::age_of_digital_consent),
            register_verdict: p
                .register_assessment
                .as_ref()
                .map(|a| register_out(&register_required(a, p.employees), a)),
            dpo_verdict: p
                .dpo_assessment
                .as_ref()
                .map(|a| dpo_out(&dpo_required(a), a)),
        }
    }

    fn of_view(v: &ProfileView) -> ProfileOut {
        ProfileOut::of(&v.profile, Some(v.version))
    }
}

fn invalid_date(field: &'static str, value: &str) -> Problem {
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        "Invalid input",
        format!("{field}: expected a date as YYYY-MM-DD"),
    )
    .detail_key("problem-invalid-date-detail")
    .args(&[("field", field), ("value", value)])
}

fn parse_date(field: &'static str, value: &str) -> Result<time::Date, Problem> {
    crate::pages::profile_date(value).ok_or_else(|| invalid_date(field, value))
}

/// A refused registration number, worded in the caller's language by `translate_problems`.
fn registration_problem(e: RegistrationError) -> Problem {
    let key = match e {
        RegistrationError::KvkDigits => "problem-profile-kvk-detail",
        RegistrationError::KboDigits => "problem-profile-kbo-digits-detail",
        RegistrationError::KboCheck => "problem-profile-kbo-check-detail",
    };
    Problem::new(
        StatusCode::UNPROCESSABLE_ENTITY,
        "invalid",
        "Invalid input",
        format!(
            "registration_number: {}",
            kluis_app::registration_error_text(e)
        ),
    )
    .detail_key(key)
    .args(&[("field", "registration_number")])
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOfParams {
    /// The profile as it stood at the end of this date (YYYY-MM-DD).
    as_of: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/profile", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug"), AsOfParams),
    responses((status = 200, body = ProfileOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn get_profile(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(q): Query<AsOfParams>,
) -> Result<Json<ProfileOut>, Problem> {
    require(&a, Permission::Read)?;
    if let Some(date) = q.as_of.as_deref() {
        let d = parse_date("as_of", date)?;
        let p = web.app.profile_as_of(&a, d).await?.unwrap_or_default();
        return Ok(Json(ProfileOut::of(&p, None)));
    }
    let view = web.app.profile(&a).await?;
    Ok(Json(ProfileOut::of_view(&view)))
}

/// The auditor pack: a ZIP of the register (PDF, XLSX, JSON), every published privacy statement, the recipients,
/// the compliance report, the audit chain's verification and a signed checkpoint, with a SHA256SUMS manifest.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/auditor-pack", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, description = "The pack", content_type = "application/zip"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn auditor_pack(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<axum::response::Response, Problem> {
    require(&a, Permission::ReadAudit)?;
    let zip = web.app.auditor_pack(&a, crate::i18n::Lang::Nl).await?;
    Ok(crate::download::download_response(
        &format!("auditor-pack-{}.zip", a.org.slug),
        "application/zip",
        zip,
    ))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/profile", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = ProfileBody,
    responses((status = 200, body = ProfileOut, description = "Saved as a new version"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn put_profile(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(body): ApiJson<ProfileBody>,
) -> Result<Json<ProfileOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    let jurisdiction = match body.jurisdiction.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(s) => Some(s.parse::<Jurisdiction>().map_err(|_| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Invalid input",
                format!("jurisdiction: '{s}' is not a known value"),
            )
            .detail_key("problem-invalid-value-detail")
            .args(&[("field", "jurisdiction"), ("value", s)])
        })?),
    };
    if let Some(j) = jurisdiction {
        validate_registration_number(j, &body.registration_number).map_err(registration_problem)?;
    }
    let input = OrgProfile {
        legal_name: body.legal_name,
        address: body.address,
        email: body.email,
        phone: body.phone,
        website: body.website,
        registration_number: body.registration_number,
        jurisdiction,
        employees: body.employees,
        representative: body.representative,
        joint_controllers: body.joint_controllers,
        dpo: DpoInfo {
            appointed: body.dpo.appointed,
            name: body.dpo.name,
            email: body.dpo.email,
            phone: body.dpo.phone,
        },
        dpo_assessment: None,
        register_assessment: None,
    };
    let view = web.app.update_profile(&a, input).await?;
    Ok(Json(ProfileOut::of_view(&view)))
}

/// Answers to Art. 30(5), with your reasoning.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RegisterAnswersIn {
    pub likely_risk: bool,
    /// Payroll and customer administration are never occasional (WP29).
    pub not_occasional: bool,
    pub special_or_criminal: bool,
    pub rationale: String,
}

/// Answers to Art. 37(1)(a)-(c), with your reasoning.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct DpoAnswersIn {
    pub public_authority: bool,
    pub large_scale_monitoring: bool,
    pub large_scale_special: bool,
    pub rationale: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/profile/wizards/register", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = RegisterAnswersIn,
    responses((status = 200, body = VerdictOut, description = "Answers and rationale stored in the profile"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn register_wizard(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(body): ApiJson<RegisterAnswersIn>,
) -> Result<Json<VerdictOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    let answers = RegisterAssessment {
        likely_risk: body.likely_risk,
        not_occasional: body.not_occasional,
        special_or_criminal: body.special_or_criminal,
        rationale: body.rationale,
        assessed_on: None,
    };
    let (verdict, view) = web.app.save_register_assessment(&a, answers).await?;
    let stored = view.profile.register_assessment.unwrap_or_default();
    Ok(Json(register_out(&verdict, &stored)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/profile/wizards/dpo", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = DpoAnswersIn,
    responses((status = 200, body = VerdictOut, description = "Answers and rationale stored in the profile"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn dpo_wizard(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(body): ApiJson<DpoAnswersIn>,
) -> Result<Json<VerdictOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    let answers = DpoAssessment {
        public_authority: body.public_authority,
        large_scale_monitoring: body.large_scale_monitoring,
        large_scale_special: body.large_scale_special,
        rationale: body.rationale,
        assessed_on: None,
    };
    let (verdict, view) = web.app.save_dpo_assessment(&a, answers).await?;
    let stored = view.profile.dpo_assessment.unwrap_or_default();
    Ok(Json(dpo_out(&verdict, &stored)))
}

/// One answer of the review checklist.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ChecklistAnswerBody {
    /// One of `activities_accurate`, `new_processing_added`, `retention_honoured`, `agreements_current`,
    /// `statement_up_to_date`, `breaches_documented`, `staff_trained`, `access_reviewed`.
    pub item: String,
    pub yes: bool,
    #[serde(default)]
    pub note: String,
}

/// A completed review to sign off as the token's member: every checklist item answered once.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ReviewIn {
    pub checklist: Vec<ChecklistAnswerBody>,
    pub notes: String,
    /// YYYY-MM-DD; today when omitted. Not in the future.
    pub completed_on: Option<String>,
}

/// A signed-off review, kept as evidence.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewOut {
    pub id: String,
    pub scheduled_for: Option<String>,
    pub completed_on: String,
    /// User id of the member who signed off.
    pub signed_off_by: String,
    pub signed_off_by_name: String,
    pub signed_at_ms: i64,
    pub checklist: Vec<ChecklistAnswerBody>,
    pub notes: String,
}

impl ReviewOut {
    fn of(r: &ReviewRecord) -> ReviewOut {
        ReviewOut {
            id: r.id.clone(),
            scheduled_for: r.scheduled_for.map(date_text),
            completed_on: date_text(r.completed_on),
            signed_off_by: r.signed_off_by.clone(),
            signed_off_by_name: r.signed_off_by_name.clone(),
            signed_at_ms: r.signed_at_ms,
            checklist: r
                .checklist
                .iter()
                .map(|a| ChecklistAnswerBody {
                    item: a.item.as_str().to_owned(),
                    yes: a.yes,
                    note: a.note.clone(),
                })
                .collect(),
            notes: r.notes.clone(),
        }
    }
}

/// The review schedule and the reviews done.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewsOut {
    pub interval_months: u32,
    pub scheduled_for: Option<String>,
    pub last_review: Option<String>,
    pub next_due: Option<String>,
    /// Never reviewed, or not in the last 12 months.
    pub overdue: bool,
    /// Newest first.
    pub past: Vec<ReviewOut>,
}

impl ReviewsOut {
    fn of(r: &ReviewOverview) -> ReviewsOut {
        ReviewsOut {
            interval_months: r.interval_months,
            scheduled_for: r.scheduled_for.map(date_text),
            last_review: r.last_review.map(date_text),
            next_due: r.next_due.map(date_text),
            overdue: r.overdue,
            past: r.past.iter().map(ReviewOut::of).collect(),
        }
    }
}

/// When the next review is planned, and optionally how often reviews recur.
///
/// Fields default to empty so that the permission is checked before the body: a reader learns nothing from
/// a malformed request.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ScheduleIn {
    /// YYYY-MM-DD, today or later.
    #[schema(required)]
    pub scheduled_for: String,
    /// 1 to 24.
    pub interval_months: Option<u32>,
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/reviews", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = ReviewsOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_reviews(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<ReviewsOut>, Problem> {
    require(&a, Permission::Read)?;
    let r = web.app.reviews(&a).await?;
    Ok(Json(ReviewsOut::of(&r)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/reviews", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = ReviewIn,
    responses((status = 201, body = ReviewOut, description = "Signed off"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn sign_off_review(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(body): ApiJson<ReviewIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::ManageRegister)?;
    let mut checklist = Vec::with_capacity(body.checklist.len());
    for c in &body.checklist {
        let item = c.item.parse::<ReviewItem>().map_err(|_| {
            Problem::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "Invalid input",
                format!("checklist: '{}' is not a known value", c.item),
            )
            .detail_key("problem-invalid-value-detail")
            .args(&[("field", "checklist"), ("value", &c.item)])
        })?;
        checklist.push(ChecklistAnswer {
            item,
            yes: c.yes,
            note: c.note.clone(),
        });
    }
    let completed_on = body
        .completed_on
        .as_deref()
        .map(|d| parse_date("completed_on", d))
        .transpose()?;
    let input = ReviewInput {
        checklist,
        notes: body.notes,
        completed_on,
    };
    let r = web
        .app
        .sign_off_review(&a, input)
        .await
        .map_err(Problem::from)?;
    Ok((StatusCode::CREATED, Json(ReviewOut::of(&r))).into_response())
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/reviews/schedule", tag = "profile",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = ScheduleIn,
    responses((status = 200, body = ReviewsOut, description = "Scheduled"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn schedule_review(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(body): ApiJson<ScheduleIn>,
) -> Result<Json<ReviewsOut>, Problem> {
    require(&a, Permission::ManageRegister)?;
    let date = parse_date("scheduled_for", &body.scheduled_for)?;
    web.app
        .schedule_review(&a, date, body.interval_months)
        .await
        .map_err(|e: AppError| Problem::from(e))?;
    let r = web.app.reviews(&a).await?;
    Ok(Json(ReviewsOut::of(&r)))
}
