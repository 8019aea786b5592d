//! The register profile module's pages: the organisation profile, the Art. 30(5) and Art. 37 wizards, and the
//! periodic review of the register with its checklist and sign-off.
//!
//! Every decision is the application's; these pages only leave out the forms a role cannot use and word the
//! refusals in the reader's language.

use super::require;
use super::see_other;
use crate::backend::AppError;
use crate::context::OrgCtx;
use crate::error::{PageForm, WebError};
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kluis_app::{ChecklistAnswer, ReviewInput};
use kluis_domain::Permission;
use kluis_domain::identity::EmailAddress;
use kluis_domain::register::wizards::{
    Reason, RegistrationError, ReviewItem, validate_registration_number,
};
use kluis_domain::register::{
    DpoAssessment, DpoInfo, Jurisdiction, OrgProfile, RegisterAssessment,
};
use serde::Deserialize;
use std::collections::HashMap;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/profile", profile)
        .post("/o/{org}/profile", save_profile)
        .get("/o/{org}/profile/wizards/register", register_wizard)
        .post("/o/{org}/profile/wizards/register", save_register_wizard)
        .get("/o/{org}/profile/wizards/dpo", dpo_wizard)
        .post("/o/{org}/profile/wizards/dpo", save_dpo_wizard)
        .get("/o/{org}/reviews", reviews)
        .post("/o/{org}/reviews", sign_off)
        .post("/o/{org}/reviews/schedule", schedule)
        .post("/o/{org}/reviews/auditor-pack", auditor_pack)
}

/// `POST /o/{org}/reviews/auditor-pack`: the auditor pack as a ZIP download.
async fn auditor_pack(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    if !o.actor.role.allows(Permission::ReadAudit) {
        return Err(WebError::Forbidden);
    }
    let zip = web.app.auditor_pack(&o.actor, o.ctx.lang).await?;
    let name = format!("auditor-pack-{}.zip", o.org_slug);
    Ok(crate::download::download_response(
        &name,
        "application/zip",
        zip,
    ))
}

/// A date as the date input sends it.
pub(crate) fn parse_date(s: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(s.trim(), &format).ok()
}

/// Why a registration number was refused, in the reader's language.
pub(crate) fn registration_error_key(e: RegistrationError) -> &'static str {
    match e {
        RegistrationError::KvkDigits => "profile-error-kvk",
        RegistrationError::KboDigits => "profile-error-kbo-digits",
        RegistrationError::KboCheck => "profile-error-kbo-check",
    }
}

/// A verdict's reason in the reader's language.
pub(crate) fn reason_text(tr: Tr, r: Reason) -> String {
    tr.t(&format!("profile-reason-{}", r.as_str().replace('_', "-")))
        .to_owned()
}

pub struct JurisdictionOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "profile.html")]
struct ProfilePage {
    c: Chrome,
    org: String,
    can_manage: bool,
    f: ProfileForm,
    jurisdictions: Vec<JurisdictionOption>,
    authority: Option<String>,
    consent_age: Option<String>,
    /// "As it stood on …" when a past date was asked for.
    as_of: Option<String>,
    saved: Option<String>,
    register_verdict: Option<String>,
    dpo_verdict: Option<String>,
}

/// The profile form's fields, as sent and as shown.
#[derive(Deserialize, Default, Clone)]
pub struct ProfileForm {
    #[serde(default)]
    legal_name: String,
    #[serde(default)]
    address: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    registration_number: String,
    #[serde(default)]
    jurisdiction: String,
    #[serde(default)]
    employees: String,
    #[serde(default)]
    representative: String,
    #[serde(default)]
    joint_controllers: String,
    #[serde(default)]
    dpo_appointed: String,
    #[serde(default)]
    dpo_name: String,
    #[serde(default)]
    dpo_email: String,
    #[serde(default)]
    dpo_phone: String,
}

impl ProfileForm {
    fn of(p: &OrgProfile) -> ProfileForm {
        ProfileForm {
            legal_name: p.legal_name.clone(),
            address: p.address.clone(),
            email: p.email.clone(),
            phone: p.phone.clone(),
            website: p.website.clone(),
            registration_number: p.registration_number.clone(),
            jurisdiction: p.jurisdiction.map(|j| j.as_str()).unwrap_or("").to_owned(),
            employees: p.employees.map(|n| n.to_string()).unwrap_or_default(),
            representative: p.representative.clone(),
            joint_controllers: p.joint_controllers.clone(),
            dpo_appointed: if p.dpo.appointed { "1" } else { "" }.to_owned(),
            dpo_name: p.dpo.name.clone(),
            dpo_email: p.dpo.email.clone(),
            dpo_phone: p.dpo.phone.clone(),
        }
    }

    fn dpo_checked(&self) -> bool {
        !self.dpo_appointed.is_empty()
    }

    /// The profile the form describes, or the refusal in the reader's language.
    fn to_profile(&self, tr: Tr) -> Result<OrgProfile, String> {
        let labelled = |field: &str, text: &str| super::auth::labelled(tr, field, text);
        let jurisdiction = match self.jurisdiction.trim() {
            "" => None,
            s => Some(
                s.parse::<Jurisdiction>()
                    .map_err(|_| labelled("profile_jurisdiction", tr.t("error-invalid-value")))?,
            ),
        };
        match jurisdiction {
            Some(j) => {
                validate_registration_number(j, &self.registration_number).map_err(|e| {
                    labelled("registration_number", tr.t(registration_error_key(e)))
                })?;
            }
            None if !self.registration_number.trim().is_empty() => {
                return Err(labelled(
                    "profile_jurisdiction",
                    tr.t("profile-error-jurisdiction-needed"),
                ));
            }
            None => {}
        }
        for (field, value) in [("email", &self.email), ("dpo_email", &self.dpo_email)] {
            if !value.trim().is_empty()
                && let Err(e) = EmailAddress::parse(value.trim())
            {
                return Err(labelled(field, &super::auth::email_error(tr, e)));
            }
        }
        let employees = match self.employees.trim() {
            "" => None,
            s => Some(
                s.parse::<u32>()
                    .map_err(|_| labelled("employees", tr.t("profile-error-employees")))?,
            ),
        };
        Ok(OrgProfile {
            legal_name: self.legal_name.clone(),
            address: self.address.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            website: self.website.clone(),
            registration_number: self.registration_number.clone(),
            jurisdiction,
            employees,
            representative: self.representative.clone(),
            joint_controllers: self.joint_controllers.clone(),
            dpo: DpoInfo {
                appointed: self.dpo_checked(),
                name: self.dpo_name.clone(),
                email: self.dpo_email.clone(),
                phone: self.dpo_phone.clone(),
            },
            dpo_assessment: None,
            register_assessment: None,
        })
    }
}

fn jurisdiction_options(tr: Tr, selected: &str) -> Vec<JurisdictionOption> {
    let mut out = vec![JurisdictionOption {
        value: "",
        label: tr.t("profile-jurisdiction-none").to_owned(),
        selected: selected.is_empty(),
    }];
    out.extend(Jurisdiction::ALL.iter().map(|j| {
        JurisdictionOption {
            value: j.as_str(),
            label: tr
                .t(&format!("profile-jurisdiction-{}", j.as_str()))
                .to_owned(),
            selected: selected == j.as_str(),
        }
    }));
    out
}

#[derive(Deserialize, Default)]
pub struct ProfileQuery {
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    notice: Option<String>,
    #[serde(default)]
    error: Option<String>,
}

fn verdict_line(tr: Tr, required: bool, yes: &str, no: &str, reasons: &[Reason]) -> String {
    let head = tr.t(if required { yes } else { no });
    let reasons: Vec<String> = reasons.iter().map(|r| reason_text(tr, *r)).collect();
    format!("{head} {}", reasons.join(" "))
}

async fn profile_page(
    web: &Web,
    o: &OrgCtx,
    q: &ProfileQuery,
    form: Option<(ProfileForm, String)>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let view = web.app.profile(&o.actor).await?;
    let flash = Flash {
        notice: q.notice.clone(),
        error: q.error.clone(),
    };
    let mut c = Chrome::org(o, "profile-title", "profile", &flash);
    let mut status = StatusCode::OK;
    let mut as_of = None;
    let mut shown = view.profile.clone();
    if let Some(date) = q.as_of.as_deref().filter(|s| !s.is_empty()) {
        let Some(d) = parse_date(date) else {
            return Err(WebError::BadRequest(tr.t("error-invalid-value").to_owned()));
        };
        shown = web
            .app
            .profile_as_of(&o.actor, d)
            .await?
            .unwrap_or_default();
        as_of = Some(tr.t_with("profile-as-of", &[("date", &tr.date(d))]));
    }
    let f = match form {
        Some((f, error)) => {
            c.error = Some(error);
            status = StatusCode::BAD_REQUEST;
            f
        }
        None => ProfileForm::of(&shown),
    };
    let page = ProfilePage {
        org: o.org_slug.clone(),
        can_manage: o.actor.can(Permission::ManageRegister) && as_of.is_none(),
        jurisdictions: jurisdiction_options(tr, &f.jurisdiction),
        authority: shown
            .jurisdiction
            .map(|j| j.supervisory_authority().to_owned()),
        consent_age: shown
            .jurisdiction
            .map(|j| j.age_of_digital_consent().to_string()),
        saved: view
            .saved_at_ms
            .filter(|_| as_of.is_none())
            .map(|ms| tr.date_time_ms(ms)),
        register_verdict: view.register_verdict.as_ref().map(|v| {
            verdict_line(
                tr,
                v.required,
                "profile-register-required",
                "profile-register-not-required",
                &v.reasons,
            )
        }),
        dpo_verdict: view.dpo_verdict.as_ref().map(|v| {
            verdict_line(
                tr,
                v.required,
                "profile-dpo-required",
                "profile-dpo-not-required",
                &v.reasons,
            )
        }),
        as_of,
        f,
        c,
    };
    Ok((status, page).into_response())
}

pub async fn profile(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ProfileQuery>,
) -> Result<Response, WebError> {
    profile_page(&web, &o, &q, None).await
}

pub async fn save_profile(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<ProfileForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let input = match f.to_profile(tr) {
        Ok(p) => p,
        Err(msg) => {
            return profile_page(&web, &o, &ProfileQuery::default(), Some((f, msg))).await;
        }
    };
    match web.app.update_profile(&o.actor, input).await {
        Ok(_) => Ok(see_other(&format!(
            "/o/{}/profile?notice=profile-saved",
            o.org_slug
        ))),
        Err(AppError::Invalid { field, message }) => {
            let msg = super::auth::field_error(&o.ctx, field, &message);
            profile_page(&web, &o, &ProfileQuery::default(), Some((f, msg))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// One yes/no question of a wizard.
pub struct Question {
    pub name: &'static str,
    pub text: String,
    pub hint: String,
    pub checked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "profile_wizard.html")]
struct WizardPage {
    c: Chrome,
    action: String,
    intro: String,
    can_manage: bool,
    questions: Vec<Question>,
    rationale: String,
    verdict: Option<String>,
    reasons: Vec<String>,
    assessed_on: Option<String>,
    back: String,
}

fn question(tr: Tr, name: &'static str, checked: bool) -> Question {
    let key = name.replace('_', "-");
    Question {
        name,
        text: tr.t(&format!("profile-q-{key}")).to_owned(),
        hint: tr.t(&format!("profile-q-{key}-hint")).to_owned(),
        checked,
    }
}

pub async fn register_wizard(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let view = web.app.profile(&o.actor).await?;
    let a = view.profile.register_assessment.clone().unwrap_or_default();
    let employees = view
        .profile
        .employees
        .map(|n| n.to_string())
        .unwrap_or_else(|| tr.t("profile-unknown").to_owned());
    let page = WizardPage {
        c: Chrome::org(&o, "profile-register-wizard-title", "profile", &flash),
        action: format!("/o/{}/profile/wizards/register", o.org_slug),
        intro: tr.t_with(
            "profile-register-wizard-intro",
            &[("employees", &employees)],
        ),
        can_manage: o.actor.can(Permission::ManageRegister),
        questions: vec![
            question(tr, "likely_risk", a.likely_risk),
            question(tr, "not_occasional", a.not_occasional),
            question(tr, "special_or_criminal", a.special_or_criminal),
        ],
        rationale: a.rationale.clone(),
        verdict: view.register_verdict.as_ref().map(|v| {
            tr.t(if v.required {
                "profile-register-required"
            } else {
                "profile-register-not-required"
            })
            .to_owned()
        }),
        reasons: view
            .register_verdict
            .iter()
            .flat_map(|v| v.reasons.iter().map(|r| reason_text(tr, *r)))
            .collect(),
        assessed_on: a.assessed_on.map(|d| tr.date(d)),
        back: format!("/o/{}/profile", o.org_slug),
    };
    Ok(page.into_response())
}

pub async fn dpo_wizard(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let view = web.app.profile(&o.actor).await?;
    let a = view.profile.dpo_assessment.clone().unwrap_or_default();
    let page = WizardPage {
        c: Chrome::org(&o, "profile-dpo-wizard-title", "profile", &flash),
        action: format!("/o/{}/profile/wizards/dpo", o.org_slug),
        intro: tr.t("profile-dpo-wizard-intro").to_owned(),
        can_manage: o.actor.can(Permission::ManageRegister),
        questions: vec![
            question(tr, "public_authority", a.public_authority),
            question(tr, "large_scale_monitoring", a.large_scale_monitoring),
            question(tr, "large_scale_special", a.large_scale_special),
        ],
        rationale: a.rationale.clone(),
        verdict: view.dpo_verdict.as_ref().map(|v| {
            tr.t(if v.required {
                "profile-dpo-required"
            } else {
                "profile-dpo-not-required"
            })
            .to_owned()
        }),
        reasons: view
            .dpo_verdict
            .iter()
            .flat_map(|v| v.reasons.iter().map(|r| reason_text(tr, *r)))
            .collect(),
        assessed_on: a.assessed_on.map(|d| tr.date(d)),
        back: format!("/o/{}/profile", o.org_slug),
    };
    Ok(page.into_response())
}

/// A wizard's answers as the form sends them: a checked box sends its name.
#[derive(Deserialize, Default)]
pub struct WizardForm {
    #[serde(default)]
    likely_risk: Option<String>,
    #[serde(default)]
    not_occasional: Option<String>,
    #[serde(default)]
    special_or_criminal: Option<String>,
    #[serde(default)]
    public_authority: Option<String>,
    #[serde(default)]
    large_scale_monitoring: Option<String>,
    #[serde(default)]
    large_scale_special: Option<String>,
    #[serde(default)]
    rationale: String,
}

fn wizard_refused(o: &OrgCtx, e: AppError) -> Result<Response, WebError> {
    match e {
        AppError::Invalid { field, message } => Err(WebError::BadRequest(
            super::auth::field_error(&o.ctx, field, &message),
        )),
        other => Err(other.into()),
    }
}

pub async fn save_register_wizard(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<WizardForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let answers = RegisterAssessment {
        likely_risk: f.likely_risk.is_some(),
        not_occasional: f.not_occasional.is_some(),
        special_or_criminal: f.special_or_criminal.is_some(),
        rationale: f.rationale,
        assessed_on: None,
    };
    let back = format!("/o/{}/profile/wizards/register", o.org_slug);
    match web.app.save_register_assessment(&o.actor, answers).await {
        Ok(_) => Ok(see_other(&format!("{back}?notice=wizard-saved"))),
        Err(e) => wizard_refused(&o, e),
    }
}

pub async fn save_dpo_wizard(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<WizardForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let answers = DpoAssessment {
        public_authority: f.public_authority.is_some(),
        large_scale_monitoring: f.large_scale_monitoring.is_some(),
        large_scale_special: f.large_scale_special.is_some(),
        rationale: f.rationale,
        assessed_on: None,
    };
    let back = format!("/o/{}/profile/wizards/dpo", o.org_slug);
    match web.app.save_dpo_assessment(&o.actor, answers).await {
        Ok(_) => Ok(see_other(&format!("{back}?notice=wizard-saved"))),
        Err(e) => wizard_refused(&o, e),
    }
}

pub struct ChecklistLine {
    pub item: &'static str,
    pub text: String,
    pub yes: bool,
    pub note: String,
}

pub struct PastReview {
    pub completed_on: String,
    pub scheduled_for: Option<String>,
    pub signed_by: String,
    pub signed_at: String,
    pub lines: Vec<ChecklistLine>,
    pub notes: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "reviews.html")]
struct ReviewsPage {
    c: Chrome,
    org: String,
    can_manage: bool,
    can_pack: bool,
    interval: u32,
    scheduled_for: Option<String>,
    scheduled_value: String,
    last_review: Option<String>,
    next_due: Option<String>,
    overdue: bool,
    items: Vec<ChecklistLine>,
    past: Vec<PastReview>,
}

fn item_text(tr: Tr, item: ReviewItem) -> String {
    tr.t(&format!("review-item-{}", item.as_str().replace('_', "-")))
        .to_owned()
}

pub async fn reviews(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let r = web.app.reviews(&o.actor).await?;
    let page = ReviewsPage {
        c: Chrome::org(&o, "reviews-title", "profile", &flash),
        org: o.org_slug.clone(),
        can_manage: o.actor.can(Permission::ManageRegister),
        can_pack: o.actor.can(Permission::ReadAudit),
        interval: r.interval_months,
        scheduled_value: r
            .scheduled_for
            .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
            .unwrap_or_default(),
        scheduled_for: r.scheduled_for.map(|d| tr.date(d)),
        last_review: r.last_review.map(|d| tr.date(d)),
        next_due: r.next_due.map(|d| tr.date(d)),
        overdue: r.overdue,
        items: ReviewItem::ALL
            .iter()
            .map(|i| ChecklistLine {
                item: i.as_str(),
                text: item_text(tr, *i),
                yes: false,
                note: String::new(),
            })
            .collect(),
        past: r
            .past
            .iter()
            .map(|p| PastReview {
                completed_on: tr.date(p.completed_on),
                scheduled_for: p.scheduled_for.map(|d| tr.date(d)),
                signed_by: p.signed_off_by_name.clone(),
                signed_at: tr.date_time_ms(p.signed_at_ms),
                lines: p
                    .checklist
                    .iter()
                    .map(|a| ChecklistLine {
                        item: a.item.as_str(),
                        text: item_text(tr, a.item),
                        yes: a.yes,
                        note: a.note.clone(),
                    })
                    .collect(),
                notes: p.notes.clone(),
            })
            .collect(),
    };
    Ok(page.into_response())
}

#[derive(Deserialize, Default)]
pub struct ScheduleForm {
    #[serde(default)]
    scheduled_for: String,
    #[serde(default)]
    interval_months: String,
}

pub async fn schedule(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<ScheduleForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let Some(date) = parse_date(&f.scheduled_for) else {
        return Err(WebError::BadRequest(super::auth::labelled(
            tr,
            "scheduled_for",
            tr.t("reviews-error-date"),
        )));
    };
    let interval = match f.interval_months.trim() {
        "" => None,
        s => Some(s.parse::<u32>().map_err(|_| {
            WebError::BadRequest(super::auth::labelled(
                tr,
                "interval_months",
                tr.t("reviews-error-interval"),
            ))
        })?),
    };
    match web.app.schedule_review(&o.actor, date, interval).await {
        Ok(()) => Ok(see_other(&format!(
            "/o/{}/reviews?notice=review-scheduled",
            o.org_slug
        ))),
        Err(AppError::Invalid { field, .. }) => Err(WebError::BadRequest(super::auth::labelled(
            tr,
            field,
            tr.t(if field == "interval_months" {
                "reviews-error-interval"
            } else {
                "reviews-error-past"
            }),
        ))),
        Err(e) => Err(e.into()),
    }
}

/// The checklist form: `answer_<item>` is `yes` or `no` (absent: no), `note_<item>` its note.
pub async fn sign_off(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<HashMap<String, String>>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageRegister)?;
    let tr = o.ctx.tr();
    let field = |k: &str| f.get(k).map(String::as_str).unwrap_or("");
    let completed_on = match field("completed_on").trim() {
        "" => None,
        s => Some(parse_date(s).ok_or_else(|| {
            WebError::BadRequest(super::auth::labelled(
                tr,
                "completed_on",
                tr.t("reviews-error-date"),
            ))
        })?),
    };
    let checklist = ReviewItem::ALL
        .iter()
        .map(|i| ChecklistAnswer {
            item: *i,
            yes: field(&format!("answer_{}", i.as_str())) == "yes",
            note: field(&format!("note_{}", i.as_str())).to_owned(),
        })
        .collect();
    let input = ReviewInput {
        checklist,
        notes: field("notes").to_owned(),
        completed_on,
    };
    match web.app.sign_off_review(&o.actor, input).await {
        Ok(_) => Ok(see_other(&format!(
            "/o/{}/reviews?notice=review-signed",
            o.org_slug
        ))),
        Err(AppError::Invalid { field, .. }) if field == "completed_on" => {
            Err(WebError::BadRequest(super::auth::labelled(
                tr,
                field,
                tr.t("reviews-error-future"),
            )))
        }
        Err(AppError::Invalid { field, message }) => Err(WebError::BadRequest(
            super::auth::field_error(&o.ctx, field, &message),
        )),
        Err(e) => Err(e.into()),
    }
}
