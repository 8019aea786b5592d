//! The consent API: a relation's consents (reading the proofs is audited), recording a consent or withdrawal,
//! an objection to direct marketing, sending the preferences link, the marketing selection filter every
//! marketing export must use, and the mail log.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::pages::consent::{base_url, consent_input};
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{ConsentOverview, MailOutcome};
use kluis_domain::Permission;
use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::relations::consent::{AgeCheck, ConsentChannel, ConsentState};
use serde::{Deserialize, Serialize};
use utoipa::{OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/relations/{relation}/consents", get)
        .post("/api/v1/orgs/{org}/relations/{relation}/consents", record)
        .post(
            "/api/v1/orgs/{org}/relations/{relation}/consents/objection",
            objection,
        )
        .post(
            "/api/v1/orgs/{org}/relations/{relation}/consents/preferences-link",
            preferences_link,
        )
        .post("/api/v1/orgs/{org}/marketing/selection", selection)
        .get("/api/v1/orgs/{org}/mail", mail_log)
}

#[derive(OpenApi)]
#[openapi(
    paths(get, record, objection, preferences_link, selection, mail_log),
    components(schemas(
        ConsentsOut,
        ConsentStateOut,
        ConsentRecordOut,
        ConsentIn,
        ObjectionIn,
        MailOut,
        SelectionIn,
        SelectionOut,
        ExcludedOut,
        MailLogEntryOut
    ))
)]
pub(crate) struct ConsentDoc;

/// Where consent for one purpose stands.
#[derive(Serialize, ToSchema)]
pub struct ConsentStateOut {
    /// A purpose key of the register's vocabulary, e.g. `marketing.communications.email`.
    pub purpose: String,
    /// `none`, `pending` (double opt-in waiting for confirmation), `given` or `withdrawn`.
    pub state: String,
    /// RFC 3339: since when.
    pub since: Option<String>,
    /// Whether processing on consent may go on.
    pub counts: bool,
}

/// One consent record (records are never changed; a withdrawal is a new record).
#[derive(Serialize, ToSchema)]
pub struct ConsentRecordOut {
    pub id: String,
    pub purpose: String,
    /// `given`, `confirmed` or `withdrawn`.
    pub action: String,
    /// RFC 3339.
    pub at: String,
    pub channel: String,
    pub statement_version: String,
    /// A user id, `data_subject` or `import`.
    pub recorded_by: String,
    pub proof: String,
    pub parental: bool,
    pub double_opt_in: bool,
    /// For `confirmed`: the record it confirms.
    pub confirms: Option<String>,
}

/// A relation's consents. Reading the proofs is audited (`consent.read`).
#[derive(Serialize, ToSchema)]
pub struct ConsentsOut {
    pub relation_id: String,
    pub states: Vec<ConsentStateOut>,
    pub records: Vec<ConsentRecordOut>,
    /// RFC 3339: when the person objected to direct marketing (permanent suppression).
    pub suppressed_since: Option<String>,
    /// `old_enough`, `below_age_of_consent` (only a parental record counts) or `unknown`.
    pub age: String,
    /// The age of consent in the organisation's jurisdiction (NL 16, BE 13).
    pub age_of_consent: u8,
}

/// A consent to record.
#[derive(Deserialize, ToSchema)]
pub struct ConsentIn {
    /// A purpose key, e.g. `marketing.communications.email`.
    #[serde(default)]
    pub purpose: String,
    /// `given` or `withdrawn`.
    #[serde(default)]
    pub action: String,
    /// `web_form` (always double opt-in), `email`, `paper`, `phone`, `in_person`, `import` or `api` (default).
    pub channel: Option<String>,
    /// The privacy statement version shown; the newest published one when absent.
    pub statement_version: Option<String>,
    /// Where the proof is, in words.
    pub proof: Option<String>,
    #[serde(default)]
    pub parental: bool,
    /// Send a confirmation letter first; only following its link makes the consent count.
    #[serde(default)]
    pub double_opt_in: bool,
    /// `nl` (default) or `en`: the language of a confirmation letter.
    pub lang: Option<String>,
}

/// An objection to direct marketing.
#[derive(Deserialize, ToSchema, Default)]
pub struct ObjectionIn {
    /// How it came in: `api` when absent.
    pub channel: Option<String>,
}

/// What became of a letter.
#[derive(Serialize, ToSchema)]
pub struct MailOut {
    pub id: String,
    pub template: String,
    /// `sent`, `manual` (no SMTP configured: send it by hand) or `failed` (send it by hand).
    pub delivery: String,
    /// For manual and failed letters: what to send by hand.
    pub to: Option<String>,
    pub subject: Option<String>,
    pub text: Option<String>,
}

/// A marketing selection to filter.
#[derive(Deserialize, ToSchema)]
pub struct SelectionIn {
    /// A purpose key, e.g. `marketing.communications.email`.
    #[serde(default)]
    pub purpose: String,
    /// `consent` (only counting consent is included) or another lawful basis such as `legitimate_interests`
    /// (the soft opt-in: those who withdrew are left out).
    #[serde(default)]
    pub basis: String,
    /// Relation ids.
    #[serde(default)]
    pub relation_ids: Vec<String>,
}

/// A candidate left out, and why.
#[derive(Serialize, ToSchema)]
pub struct ExcludedOut {
    pub relation_id: String,
    /// `objected`, `no_consent` or `withdrawn`.
    pub reason: String,
}

/// Who may be approached for the purpose, and who not.
#[derive(Serialize, ToSchema)]
pub struct SelectionOut {
    pub included: Vec<String>,
    pub excluded: Vec<ExcludedOut>,
}

/// One letter of the mail log. Reading it is audited (`mail.read`).
#[derive(Serialize, ToSchema)]
pub struct MailLogEntryOut {
    pub id: String,
    pub template: String,
    pub delivery: String,
    /// RFC 3339.
    pub at: String,
    pub recipient: String,
    pub relation_id: Option<String>,
    pub request_id: Option<String>,
    pub sent_by: String,
}

fn rfc3339(ms: i64) -> String {
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn state_out(purpose: String, s: &ConsentState) -> ConsentStateOut {
    let ms = |t: &time::OffsetDateTime| (t.unix_timestamp_nanos() / 1_000_000) as i64;
    let (state, since) = match s {
        ConsentState::None => ("none", None),
        ConsentState::Pending { since, .. } => ("pending", Some(ms(since))),
        ConsentState::Given { since, .. } => ("given", Some(ms(since))),
        ConsentState::Withdrawn { since } => ("withdrawn", Some(ms(since))),
    };
    ConsentStateOut {
        purpose,
        state: state.to_owned(),
        since: since.map(rfc3339),
        counts: s.counts(),
    }
}

fn consents_out(v: ConsentOverview) -> ConsentsOut {
    ConsentsOut {
        states: v
            .states
            .iter()
            .map(|(p, s)| state_out(p.to_string(), s))
            .collect(),
        records: v
            .records
            .into_iter()
            .map(|r| ConsentRecordOut {
                id: r.id,
                purpose: r.purpose.to_string(),
                action: r.action.as_str().to_owned(),
                at: rfc3339(r.at_ms),
                channel: r.channel.as_str().to_owned(),
                statement_version: r.statement_version,
                recorded_by: r.recorded_by,
                proof: r.proof,
                parental: r.parental,
                double_opt_in: r.double_opt_in,
                confirms: r.confirms,
            })
            .collect(),
        suppressed_since: v.suppressed_since_ms.map(rfc3339),
        age: match v.age {
            AgeCheck::OldEnough => "old_enough",
            AgeCheck::BelowAgeOfConsent { .. } => "below_age_of_consent",
            AgeCheck::Unknown => "unknown",
        }
        .to_owned(),
        age_of_consent: v.threshold,
        relation_id: v.relation_id,
    }
}

fn mail_out(m: MailOutcome) -> MailOut {
    MailOut {
        id: m.id,
        template: m.template.as_str().to_owned(),
        delivery: m.delivery.as_str().to_owned(),
        to: m.to,
        subject: m.subject,
        text: m.text,
    }
}

fn lang_of(code: Option<&str>) -> crate::i18n::Lang {
    code.and_then(crate::i18n::Lang::from_code)
        .unwrap_or(crate::i18n::Lang::Nl)
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/{relation}/consents", tag = "consent",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 200, body = ConsentsOut, description = "The state per purpose and every record; reading the proofs is audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, relation)): Path<(String, String)>,
) -> Result<Json<ConsentsOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(consents_out(web.app.consents(&a, &relation).await?)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/{relation}/consents", tag = "consent",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    request_body = ConsentIn,
    responses((status = 201, body = ConsentsOut, description = "Recorded; with a double opt-in the consent waits for its confirmation"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "A value is missing or invalid, a parent's consent is needed (age of consent), or the person objected to direct marketing")))]
async fn record(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
    Path((_, relation)): Path<(String, String)>,
    ApiJson(input): ApiJson<ConsentIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    web.app.relation(&a, &relation).await?;
    let consent = consent_input(
        &input.purpose,
        &input.action,
        input.channel.as_deref().unwrap_or("api"),
        input.statement_version.as_deref().unwrap_or(""),
        input.proof.as_deref().unwrap_or(""),
        input.parental,
        input.double_opt_in,
    )?;
    let base = base_url(&web, &headers, web.opts.secure_cookies);
    web.app
        .record_consent(
            &a,
            &relation,
            &consent,
            lang_of(input.lang.as_deref()),
            &base,
        )
        .await?;
    let out = consents_out(web.app.consents(&a, &relation).await?);
    Ok((StatusCode::CREATED, Json(out)).into_response())
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/{relation}/consents/objection", tag = "consent",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    request_body = ObjectionIn,
    responses((status = 204, description = "The relation is on the permanent suppression list"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem, description = "Already objected")))]
async fn objection(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, relation)): Path<(String, String)>,
    body: axum::body::Bytes,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::Write)?;
    web.app.relation(&a, &relation).await?;
    let input: ObjectionIn = serde_json::from_slice(&body).unwrap_or_default();
    let channel = match input.channel.as_deref().map(str::trim) {
        None | Some("") => ConsentChannel::Api,
        Some(c) => c.parse().map_err(|_| AppError::Invalid {
            field: "channel",
            message: "not a channel".into(),
        })?,
    };
    web.app.record_objection(&a, &relation, channel).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/{relation}/consents/preferences-link", tag = "consent",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 200, body = MailOut, description = "The letter with the signed link (valid 30 days): sent, or to send by hand"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem, description = "The relation has no e-mail address")))]
async fn preferences_link(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    headers: HeaderMap,
    Path((_, relation)): Path<(String, String)>,
) -> Result<Json<MailOut>, Problem> {
    require(&a, Permission::Write)?;
    let base = base_url(&web, &headers, web.opts.secure_cookies);
    let m = web
        .app
        .send_preferences_link(&a, &relation, crate::i18n::Lang::Nl, &base)
        .await?;
    Ok(Json(mail_out(m)))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/marketing/selection", tag = "consent",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = SelectionIn,
    responses((status = 200, body = SelectionOut, description = "Who may be approached for the purpose: objections (permanent) and withdrawals respected"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn selection(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<SelectionIn>,
) -> Result<Json<SelectionOut>, Problem> {
    require(&a, Permission::Read)?;
    let invalid = |field: &'static str, m: &str| AppError::Invalid {
        field,
        message: m.into(),
    };
    let purpose = input
        .purpose
        .trim()
        .parse()
        .map_err(|_| invalid("purpose", "not a purpose"))?;
    let basis: LawfulBasis = input
        .basis
        .trim()
        .parse()
        .map_err(|_| invalid("basis", "not a lawful basis"))?;
    if input.relation_ids.len() > 100_000 {
        return Err(invalid("relation_ids", "at most 100000 at once").into());
    }
    let s = web
        .app
        .marketing_selection(&a, purpose, basis, &input.relation_ids)
        .await?;
    Ok(Json(SelectionOut {
        included: s.included,
        excluded: s
            .excluded
            .into_iter()
            .map(|(id, e)| ExcludedOut {
                relation_id: id,
                reason: serde_json::to_value(e)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
            })
            .collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/mail", tag = "consent",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = [MailLogEntryOut], description = "The newest letters first; reading the recipients is audited"),
        (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn mail_log(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<MailLogEntryOut>>, Problem> {
    require(&a, Permission::Read)?;
    let rows = web.app.mail_log(&a, None).await?;
    Ok(Json(
        rows.into_iter()
            .map(|m| MailLogEntryOut {
                id: m.id,
                template: m.template.as_str().to_owned(),
                delivery: m.delivery.as_str().to_owned(),
                at: rfc3339(m.at_ms),
                recipient: m.recipient,
                relation_id: m.relation_id,
                request_id: m.request_id,
                sent_by: m.sent_by,
            })
            .collect(),
    ))
}
