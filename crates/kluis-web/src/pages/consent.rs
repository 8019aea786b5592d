//! The consent pages: a relation's consents with the forms to record, withdraw and object and to send the
//! preferences link, the mail log, the letter to send by hand, the request letters, and the public pages behind
//! signed links (double opt-in confirmation and preferences), which need no login.
//!
//! Public forms resist automated abuse without a third-party CAPTCHA: every change is a POST (mail scanners
//! that prefetch links change nothing), carries the pre-login CSRF token (a bot must first fetch the page and
//! keep its cookie), has a honeypot field a person leaves empty, and `/p/` is rate-limited per address.

use super::{require, see_other};
use crate::backend::AppError;
use crate::context::{Ctx, OrgCtx};
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{
    ConsentInput, LinkRefusal, MailDelivery, MailOutcome, MailTemplate, PreferenceChoice,
};
use kluis_domain::Permission;
use kluis_domain::register::Purpose;
use kluis_domain::relations::consent::{AgeCheck, ConsentAction, ConsentChannel, ConsentState};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/relations/{relation}/consents", consents)
        .post("/o/{org}/relations/{relation}/consents", record)
        .post(
            "/o/{org}/relations/{relation}/consents/objection",
            objection,
        )
        .post(
            "/o/{org}/relations/{relation}/consents/preferences-link",
            preferences_link,
        )
        .get("/o/{org}/mail", mail_log)
        .post("/o/{org}/requests/{request}/mail", request_letter)
        .get("/p/{slug}/consent/{token}", public_confirm_form)
        .post("/p/{slug}/consent/{token}", public_confirm)
        .get("/p/{slug}/preferences/{token}", public_preferences)
        .post("/p/{slug}/preferences/{token}", public_preference)
}

fn pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or(String::new(), |(_, v)| v.clone())
}

fn dashed(s: &str) -> String {
    s.replace('_', "-")
}

/// Where links in letters point: the configured public address, else the address this request came in on.
pub(crate) fn base_url(web: &Web, headers: &HeaderMap, secure: bool) -> String {
    match web.app.config().public_url.as_deref() {
        Some(u) if !u.trim().is_empty() => u.trim().trim_end_matches('/').to_owned(),
        _ => super::absolute_link(headers, secure, ""),
    }
}

fn purpose_label(tr: Tr, p: Purpose) -> String {
    tr.t(&p.label_key()).to_owned()
}

fn state_label(tr: Tr, s: &ConsentState) -> (&'static str, String) {
    let key = match s {
        ConsentState::None => "none",
        ConsentState::Pending { .. } => "pending",
        ConsentState::Given { .. } => "given",
        ConsentState::Withdrawn { .. } => "withdrawn",
    };
    (key, tr.t(&format!("consent-state-{key}")).to_owned())
}

fn since(tr: Tr, s: &ConsentState) -> String {
    match s {
        ConsentState::None => String::new(),
        ConsentState::Pending { since, .. }
        | ConsentState::Given { since, .. }
        | ConsentState::Withdrawn { since } => {
            tr.date_time_ms((since.unix_timestamp_nanos() / 1_000_000) as i64)
        }
    }
}

/// An option of a select.
pub struct Opt {
    pub value: String,
    pub label: String,
}

/// One purpose's state as the page shows it.
pub struct StateRow {
    pub purpose: String,
    pub purpose_key: String,
    pub state_key: &'static str,
    pub state: String,
    pub since: String,
    pub counts: bool,
}

/// One record of the history.
pub struct RecordRow {
    pub at: String,
    pub purpose: String,
    pub action: String,
    pub channel: String,
    /// The purpose, action and channel keys, for the row's `data-*` attributes.
    pub keys: (String, &'static str, &'static str),
    pub statement: String,
    pub by: String,
    pub proof: String,
    pub parental: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "consent/relation.html")]
pub(crate) struct ConsentsPage {
    c: Chrome,
    org: String,
    relation: String,
    states: Vec<StateRow>,
    records: Vec<RecordRow>,
    purposes: Vec<Opt>,
    channels: Vec<Opt>,
    statement_hint: String,
    age_note: Option<String>,
    suppressed: Option<String>,
    has_email: bool,
    can_write: bool,
    smtp: bool,
}

pub async fn consents(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, relation)): Path<(String, String)>,
    axum::extract::Query(flash): axum::extract::Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let v = web.app.consents(&o.actor, &relation).await?;
    let mut c = Chrome::org(&o, "consents-title", "relations", &flash);
    c.title = tr.t("consents-title").to_owned();
    let age_note = match v.age {
        AgeCheck::OldEnough => None,
        AgeCheck::BelowAgeOfConsent { age, threshold } => Some(tr.t_with(
            "consents-age-below",
            &[
                ("age", &age.to_string()),
                ("threshold", &threshold.to_string()),
            ],
        )),
        AgeCheck::Unknown => Some(tr.t_with(
            "consents-age-unknown",
            &[("threshold", &v.threshold.to_string())],
        )),
    };
    let page = ConsentsPage {
        c,
        org: o.org_slug.clone(),
        relation: v.relation_id.clone(),
        states: v
            .states
            .iter()
            .map(|(p, s)| {
                let (state_key, state) = state_label(tr, s);
                StateRow {
                    purpose: purpose_label(tr, *p),
                    purpose_key: p.to_string(),
                    state_key,
                    state,
                    since: since(tr, s),
                    counts: s.counts() || matches!(s, ConsentState::Pending { .. }),
                }
            })
            .collect(),
        records: v
            .records
            .iter()
            .map(|r| RecordRow {
                at: tr.date_time_ms(r.at_ms),
                purpose: purpose_label(tr, r.purpose),
                action: tr
                    .t(&format!("consent-action-{}", r.action.as_str()))
                    .to_owned(),
                channel: tr
                    .t(&format!("consent-channel-{}", dashed(r.channel.as_str())))
                    .to_owned(),
                keys: (r.purpose.to_string(), r.action.as_str(), r.channel.as_str()),
                statement: r.statement_version.clone(),
                by: if r.recorded_by == kluis_app::DATA_SUBJECT {
                    tr.t("consents-by-subject").to_owned()
                } else {
                    r.recorded_by.clone()
                },
                proof: r.proof.clone(),
                parental: r.parental,
            })
            .collect(),
        purposes: Purpose::all()
            .map(|p| Opt {
                value: p.to_string(),
                label: purpose_label(tr, p),
            })
            .collect(),
        channels: [
            ConsentChannel::Paper,
            ConsentChannel::Phone,
            ConsentChannel::InPerson,
            ConsentChannel::Email,
            ConsentChannel::WebForm,
        ]
        .iter()
        .map(|ch| Opt {
            value: ch.as_str().to_owned(),
            label: tr
                .t(&format!("consent-channel-{}", dashed(ch.as_str())))
                .to_owned(),
        })
        .collect(),
        statement_hint: tr.t_with(
            "consents-statement-hint",
            &[("version", v.statement_version.as_deref().unwrap_or("-"))],
        ),
        age_note,
        suppressed: v
            .suppressed_since_ms
            .map(|ms| tr.t_with("consents-suppressed", &[("date", &tr.date_time_ms(ms))])),
        has_email: v.has_email,
        can_write: o.actor.role.allows(Permission::Write),
        smtp: web.app.mail_sends(),
    };
    Ok(page.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "consent/letter.html")]
pub(crate) struct LetterPage {
    c: Chrome,
    back: String,
    failed: bool,
    to: String,
    subject: String,
    text: String,
}

/// After a letter: back with a notice when it went out, else the letter to send by hand.
fn after_letter(o: &OrgCtx, back: &str, notice: &str, mail: Option<MailOutcome>) -> Response {
    match mail {
        Some(m) if m.delivery != MailDelivery::Sent => {
            let c = Chrome::org(o, "letter-title", "relations", &Flash::default());
            LetterPage {
                c,
                back: back.to_owned(),
                failed: m.delivery == MailDelivery::Failed,
                to: m.to.unwrap_or_default(),
                subject: m.subject.unwrap_or_default(),
                text: m.text.unwrap_or_default(),
            }
            .into_response()
        }
        _ => see_other(&format!("{back}?notice={notice}")),
    }
}

/// The flash key of a refused consent form.
fn consent_error_key(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { field, .. } => match *field {
            "parental" => "consent-parental",
            "purpose" => "consent-suppressed",
            "double_opt_in" | "email" => "consent-no-email",
            _ => "consent-invalid",
        },
        AppError::Conflict(_) => "consent-objected",
        _ => "consent-invalid",
    }
}

fn refused(back: &str, e: AppError) -> Result<Response, WebError> {
    match e {
        e @ (AppError::Invalid { .. } | AppError::Conflict(_)) => Ok(see_other(&format!(
            "{back}?error={}",
            consent_error_key(&e)
        ))),
        e => Err(e.into()),
    }
}

/// The consent a form or API body asks to record; `None` for an action other than give or withdraw.
pub(crate) fn consent_input(
    purpose: &str,
    action: &str,
    channel: &str,
    statement_version: &str,
    proof: &str,
    parental: bool,
    double_opt_in: bool,
) -> Result<ConsentInput, AppError> {
    let invalid = |field: &'static str, m: &str| AppError::Invalid {
        field,
        message: m.into(),
    };
    Ok(ConsentInput {
        purpose: purpose
            .trim()
            .parse()
            .map_err(|_| invalid("purpose_key", "not a purpose"))?,
        action: match action.trim() {
            "give" | "given" => ConsentAction::Given,
            "withdraw" | "withdrawn" => ConsentAction::Withdrawn,
            _ => return Err(invalid("action", "give or withdraw")),
        },
        channel: match channel.trim() {
            "" => ConsentChannel::Paper,
            c => c.parse().map_err(|_| invalid("channel", "not a channel"))?,
        },
        statement_version: Some(statement_version.trim().to_owned()).filter(|s| !s.is_empty()),
        proof: proof.to_owned(),
        parental,
        double_opt_in,
    })
}

pub async fn record(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    Path((_, relation)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let p = pairs(&body);
    // Another organisation's relation, or none: 404 before the form is judged.
    web.app.relation(&o.actor, &relation).await?;
    let back = format!("/o/{}/relations/{}/consents", o.org_slug, relation.trim());
    let input = consent_input(
        &first(&p, "purpose"),
        &first(&p, "action"),
        &first(&p, "channel"),
        &first(&p, "statement_version"),
        &first(&p, "proof"),
        !first(&p, "parental").is_empty(),
        !first(&p, "double_opt_in").is_empty(),
    );
    let input = match input {
        Ok(i) => i,
        Err(e) => return refused(&back, e),
    };
    let base = base_url(&web, &headers, o.ctx.secure_cookies);
    match web
        .app
        .record_consent(&o.actor, &relation, &input, o.ctx.lang, &base)
        .await
    {
        Ok(out) => {
            let notice = match (input.action, &out.mail) {
                (ConsentAction::Withdrawn, _) => "consent-withdrawn",
                (_, Some(_)) => "consent-pending",
                _ => "consent-recorded",
            };
            Ok(after_letter(&o, &back, notice, out.mail))
        }
        Err(e) => refused(&back, e),
    }
}

pub async fn objection(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, relation)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    web.app.relation(&o.actor, &relation).await?;
    let back = format!("/o/{}/relations/{}/consents", o.org_slug, relation.trim());
    match web
        .app
        .record_objection(&o.actor, &relation, ConsentChannel::InPerson)
        .await
    {
        Ok(()) => Ok(see_other(&format!("{back}?notice=consent-objection"))),
        Err(e) => refused(&back, e),
    }
}

pub async fn preferences_link(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    Path((_, relation)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    web.app.relation(&o.actor, &relation).await?;
    let back = format!("/o/{}/relations/{}/consents", o.org_slug, relation.trim());
    let base = base_url(&web, &headers, o.ctx.secure_cookies);
    match web
        .app
        .send_preferences_link(&o.actor, &relation, o.ctx.lang, &base)
        .await
    {
        Ok(m) => Ok(after_letter(&o, &back, "mail-sent", Some(m))),
        Err(e) => refused(&back, e),
    }
}

pub async fn request_letter(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, request)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    web.app.request_exists(&o.actor, &request).await?;
    let back = format!("/o/{}/requests/{}", o.org_slug, request.trim());
    let template = match first(&pairs(&body), "template").parse::<MailTemplate>() {
        Ok(
            t @ (MailTemplate::RequestAcknowledgement
            | MailTemplate::RequestExtension
            | MailTemplate::RequestAnswer),
        ) => t,
        _ => return Ok(see_other(&format!("{back}?error=request-invalid"))),
    };
    let m = web
        .app
        .send_request_letter(&o.actor, &request, template, o.ctx.lang)
        .await?;
    Ok(after_letter(&o, &back, "mail-sent", Some(m)))
}

/// One letter of the mail log.
pub struct MailRow {
    pub at: String,
    pub to: String,
    pub template: String,
    pub delivery: String,
    pub by_hand: bool,
    pub about: String,
    pub about_href: String,
    pub letter: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "consent/mail.html")]
pub(crate) struct MailPage {
    c: Chrome,
    rows: Vec<MailRow>,
    smtp: bool,
}

pub async fn mail_log(
    State(web): State<Web>,
    o: OrgCtx,
    axum::extract::Query(flash): axum::extract::Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let rows = web.app.mail_log(&o.actor, None).await?;
    let org = &o.org_slug;
    let page = MailPage {
        c: Chrome::org(&o, "mail-title", "consent", &flash),
        smtp: web.app.mail_sends(),
        rows: rows
            .into_iter()
            .map(|m| {
                let (about, about_href) = match (&m.relation_id, &m.request_id) {
                    (_, Some(r)) => (
                        tr.t("mail-about-request").to_owned(),
                        format!("/o/{org}/requests/{r}"),
                    ),
                    (Some(r), None) => (
                        tr.t("mail-about-relation").to_owned(),
                        format!("/o/{org}/relations/{r}/consents"),
                    ),
                    (None, None) => (String::new(), String::new()),
                };
                MailRow {
                    at: tr.date_time_ms(m.at_ms),
                    to: m.recipient,
                    template: tr
                        .t(&format!("mail-template-{}", dashed(m.template.as_str())))
                        .to_owned(),
                    delivery: tr
                        .t(&format!("mail-delivery-{}", m.delivery.as_str()))
                        .to_owned(),
                    by_hand: m.delivery != MailDelivery::Sent,
                    about,
                    about_href,
                    letter: m.letter.unwrap_or_default(),
                }
            })
            .collect(),
    };
    Ok(page.into_response())
}

// ---- Public pages ----

#[derive(Template, WebTemplate)]
#[template(path = "consent/public.html")]
pub(crate) struct PublicPage {
    c: Chrome,
    /// The form's action, when there is something to do.
    action: String,
    intro: String,
    message: Option<String>,
    confirm: bool,
    purposes: Vec<PublicPurpose>,
    suppressed: bool,
    statement_label: String,
    statement_href: String,
    objectable: bool,
}

/// One purpose on the preferences page.
pub struct PublicPurpose {
    pub key: String,
    pub label: String,
    pub state: String,
    pub given: bool,
}

fn refusal_page(ctx: &Ctx, r: LinkRefusal) -> Response {
    let tr = ctx.tr();
    let (status, key) = match r {
        LinkRefusal::Forged => (StatusCode::NOT_FOUND, "public-link-forged"),
        LinkRefusal::Expired => (StatusCode::GONE, "public-link-expired"),
    };
    let page = PublicPage {
        c: Chrome::with_ctx_public(ctx, "public-link-title"),
        action: String::new(),
        intro: tr.t(key).to_owned(),
        message: None,
        confirm: false,
        purposes: Vec::new(),
        suppressed: false,
        statement_label: String::new(),
        statement_href: String::new(),
        objectable: false,
    };
    (status, page).into_response()
}

/// Whether a public form was filled by a person: the honeypot field is empty.
fn is_person(p: &[(String, String)]) -> bool {
    first(p, "website").trim().is_empty()
}

async fn confirm_page(
    web: &Web,
    ctx: &Ctx,
    slug: &str,
    token: &str,
    message: Option<String>,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let v = match web
        .app
        .public_confirm_view(slug, token, &ctx.origin)
        .await?
    {
        Ok(v) => v,
        Err(r) => return Ok(refusal_page(ctx, r)),
    };
    let purpose = purpose_label(tr, v.purpose);
    let (intro, confirm) = if v.done {
        (
            message
                .clone()
                .unwrap_or_else(|| tr.t("public-consent-not-waiting").to_owned()),
            false,
        )
    } else {
        (
            tr.t_with(
                "public-consent-text",
                &[("org", &v.org_name), ("purpose", &purpose)],
            ),
            true,
        )
    };
    let page = PublicPage {
        c: Chrome::with_ctx_public(ctx, "public-consent-title"),
        action: format!("/p/{slug}/consent/{token}"),
        intro,
        message: if v.done { None } else { message },
        confirm,
        purposes: Vec::new(),
        suppressed: false,
        statement_label: String::new(),
        statement_href: String::new(),
        objectable: false,
    };
    Ok(page.into_response())
}

pub async fn public_confirm_form(
    State(web): State<Web>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, WebError> {
    confirm_page(&web, &ctx, &slug, &token, None).await
}

pub async fn public_confirm(
    State(web): State<Web>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    if !is_person(&pairs(&body)) {
        return confirm_page(&web, &ctx, &slug, &token, None).await;
    }
    match web.app.public_confirm(&slug, &token, &ctx.origin).await {
        Ok(Ok(v)) => {
            let done = tr.t_with(
                "public-consent-done",
                &[("purpose", &purpose_label(tr, v.purpose))],
            );
            confirm_page(&web, &ctx, &slug, &token, Some(done)).await
        }
        Ok(Err(r)) => Ok(refusal_page(&ctx, r)),
        Err(AppError::Conflict(_)) => confirm_page(&web, &ctx, &slug, &token, None).await,
        Err(e) => Err(e.into()),
    }
}

async fn preferences_page(
    web: &Web,
    ctx: &Ctx,
    slug: &str,
    token: &str,
    message: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let v = match web.app.public_preferences(slug, token, &ctx.origin).await? {
        Ok(v) => v,
        Err(r) => return Ok(refusal_page(ctx, r)),
    };
    let page = PublicPage {
        c: Chrome::with_ctx_public(ctx, "public-preferences-title"),
        action: format!("/p/{slug}/preferences/{token}"),
        intro: tr.t_with("public-preferences-intro", &[("org", &v.org_name)]),
        message,
        confirm: false,
        objectable: !v.suppressed && v.purposes.iter().any(|(p, _)| p.direct_marketing),
        purposes: v
            .purposes
            .iter()
            .map(|(p, s)| PublicPurpose {
                key: p.to_string(),
                label: purpose_label(tr, *p),
                state: state_label(tr, s).1,
                given: s.counts() || matches!(s, ConsentState::Pending { .. }),
            })
            .collect(),
        suppressed: v.suppressed,
        statement_label: v
            .statement_version
            .as_ref()
            .map(|ver| tr.t_with("public-preferences-statement", &[("version", ver)]))
            .unwrap_or_default(),
        statement_href: v
            .statement_version
            .as_ref()
            .map(|ver| format!("/p/{slug}/privacy/{ver}"))
            .unwrap_or_default(),
    };
    Ok((status, page).into_response())
}

pub async fn public_preferences(
    State(web): State<Web>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
) -> Result<Response, WebError> {
    preferences_page(&web, &ctx, &slug, &token, None, StatusCode::OK).await
}

pub async fn public_preference(
    State(web): State<Web>,
    ctx: Ctx,
    Path((slug, token)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let p = pairs(&body);
    if !is_person(&p) {
        return preferences_page(&web, &ctx, &slug, &token, None, StatusCode::OK).await;
    }
    let choice = match first(&p, "choice").as_str() {
        "give" => PreferenceChoice::Give,
        "withdraw" => PreferenceChoice::Withdraw,
        "object" => PreferenceChoice::Object,
        _ => {
            let refused = tr.t("public-preferences-refused").to_owned();
            return preferences_page(
                &web,
                &ctx,
                &slug,
                &token,
                Some(refused),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };
    let purpose = first(&p, "purpose").trim().parse::<Purpose>().ok();
    match web
        .app
        .public_preference(&slug, &token, purpose, choice, &ctx.origin)
        .await
    {
        Ok(Ok(())) => {
            let saved = tr.t("public-preferences-saved").to_owned();
            preferences_page(&web, &ctx, &slug, &token, Some(saved), StatusCode::OK).await
        }
        Ok(Err(r)) => Ok(refusal_page(&ctx, r)),
        Err(AppError::Invalid { .. } | AppError::Conflict(_)) => {
            let refused = tr.t("public-preferences-refused").to_owned();
            preferences_page(
                &web,
                &ctx,
                &slug,
                &token,
                Some(refused),
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
