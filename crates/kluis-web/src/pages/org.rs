//! Pages of one organisation: dashboard, users and roles, audit log.

use super::require;
use super::see_other;
use crate::Web;
use crate::backend::{AppError, AuditFilter, AuditVerification, Member, NewInvitation, UserId};
use crate::context::OrgCtx;
use crate::error::PageForm;
use crate::error::WebError;
use crate::nav::{Chrome, Flash};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_domain::identity::EmailAddress;
use kluis_domain::{Permission, PersonalDataKind, Role};
use serde::Deserialize;

/// Roles offered in forms, with their translated names.
pub struct RoleOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

fn role_options(o: &OrgCtx, selected: Option<Role>) -> Vec<RoleOption> {
    let tr = o.ctx.tr();
    Role::ALL
        .iter()
        .map(|r| RoleOption {
            value: r.as_str(),
            label: tr
                .t(&format!("role-{}", r.as_str().replace('_', "-")))
                .to_owned(),
            selected: Some(*r) == selected,
        })
        .collect()
}

pub fn role_label(o: &OrgCtx, r: Role) -> String {
    o.ctx
        .tr()
        .t(&format!("role-{}", r.as_str().replace('_', "-")))
        .to_owned()
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    c: Chrome,
    org: String,
    role: String,
    can_manage_users: bool,
    can_read_audit: bool,
    alone: bool,
    totp_enabled: bool,
    can_write: bool,
    docs_total: u64,
    /// "n documents, of which s with special categories…", empty when there are none.
    docs_summary: String,
    /// The compliance score, its trend and the three things to do first.
    card: super::compliance::ScoreCard,
    /// Data-subject requests overdue or due within a week (the report's findings of the requests module), so
    /// they show whatever the step plan puts first.
    requests_due: Vec<super::compliance::FindingView>,
    /// Open breaches with their 72-hour countdowns, earliest deadline first.
    breaches: Vec<super::breaches::DashboardBreach>,
}

pub async fn dashboard(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let can_manage_users = o.actor.role.allows(Permission::ManageUsers);
    let alone = if can_manage_users {
        web.app.member_count(&o.actor).await? <= 1
    } else {
        false
    };
    let by_kind = web.app.document_counts_by_kind(&o.actor).await?;
    let count_of = |k: Option<PersonalDataKind>| {
        by_kind
            .iter()
            .filter(|(kind, _)| *kind == k)
            .map(|(_, n)| *n)
            .sum::<u64>()
    };
    let docs_total: u64 = by_kind.iter().map(|(_, n)| *n).sum();
    let docs_summary = o.ctx.tr().t_with(
        "dashboard-docs-summary",
        &[
            ("total", &docs_total.to_string()),
            (
                "special",
                &count_of(Some(PersonalDataKind::Special)).to_string(),
            ),
            (
                "generic",
                &count_of(Some(PersonalDataKind::Generic)).to_string(),
            ),
        ],
    );
    let report = super::compliance::report(&web, &o).await?;
    let card = super::compliance::score_card(&o.ctx.tr(), &o.org_slug, &report);
    let requests_due = report
        .findings
        .iter()
        .filter(|f| f.id.starts_with("requests."))
        .map(|f| super::compliance::finding_view(&o.ctx.tr(), &o.org_slug, f))
        .collect();
    let page = DashboardPage {
        c: Chrome::org(&o, "dashboard-title", "dashboard", &flash),
        org: o.org_slug.clone(),
        role: role_label(&o, o.actor.role),
        can_manage_users,
        can_read_audit: o.actor.role.allows(Permission::ReadAudit),
        alone,
        totp_enabled: o.session.user.totp_enabled,
        can_write: o.actor.role.allows(Permission::Write),
        docs_total,
        docs_summary,
        card,
        requests_due,
        breaches: super::breaches::dashboard_breaches(&web, &o).await?,
    };
    Ok(page.into_response())
}

pub struct MemberRow {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub roles: Vec<RoleOption>,
    pub is_self: bool,
}

/// A pending invitation as the members page lists it: what the owner typed, never an account's own data.
pub struct InvitationLine {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: String,
    pub expires: String,
    pub expired: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "users.html")]
struct UsersPage {
    c: Chrome,
    org: String,
    members: Vec<MemberRow>,
    invitations: Vec<InvitationLine>,
    roles: Vec<RoleOption>,
    form_email: String,
    form_name: String,
    /// A password-reset link just made for a colleague: shown on this response only.
    reset_link: Option<String>,
    /// An invitation link just made: shown on this response only.
    invite_link: Option<String>,
}

/// A one-time link the owner passes on, shown once on the members page.
enum OneTimeLink {
    Reset(String),
    Invite(String),
}

async fn users_page(
    web: &Web,
    o: &OrgCtx,
    flash: &Flash,
    error: Option<String>,
    form: Option<&InviteForm>,
) -> Result<Response, WebError> {
    users_page_with(web, o, flash, error, form, None).await
}

async fn users_page_with(
    web: &Web,
    o: &OrgCtx,
    flash: &Flash,
    error: Option<String>,
    form: Option<&InviteForm>,
    link: Option<OneTimeLink>,
) -> Result<Response, WebError> {
    require(o, Permission::ManageUsers)?;
    let members: Vec<Member> = web.app.members(&o.actor).await?;
    let rows = members
        .into_iter()
        .map(|m| MemberRow {
            is_self: m.user.id == o.session.user.id,
            roles: role_options(o, Some(m.role)),
            role: role_label(o, m.role),
            user_id: m.user.id.0,
            name: m.user.display_name,
            email: m.user.email,
        })
        .collect();
    let tr = o.ctx.tr();
    let invitations = web
        .app
        .invitations(&o.actor)
        .await?
        .into_iter()
        .map(|i| InvitationLine {
            role: role_label(o, i.role),
            expires: tr.date_time_ms(i.expires_at_ms),
            expired: i.expired,
            id: i.id,
            name: i.display_name,
            email: i.email,
        })
        .collect();
    let mut c = Chrome::org(o, "users-title", "users", flash);
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    if error.is_some() {
        c.error = error;
    }
    let (reset_link, invite_link) = match link {
        Some(OneTimeLink::Reset(l)) => (Some(l), None),
        Some(OneTimeLink::Invite(l)) => (None, Some(l)),
        None => (None, None),
    };
    let page = UsersPage {
        c,
        org: o.org_slug.clone(),
        members: rows,
        invitations,
        roles: role_options(
            o,
            form.and_then(|f| f.role.parse().ok()).or(Some(Role::Staff)),
        ),
        form_email: form.map(|f| f.email.clone()).unwrap_or_default(),
        form_name: form.map(|f| f.name.clone()).unwrap_or_default(),
        reset_link,
        invite_link,
    };
    Ok((status, page).into_response())
}

pub async fn users(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    users_page(&web, &o, &flash, None, None).await
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
}

/// The absolute address of a one-time link (`path` on this server), for the owner to pass on.
pub(crate) fn absolute_link(headers: &HeaderMap, secure: bool, path: &str) -> String {
    // Only a plain host[:port]: a forged Host header must not turn a link shown to a person into markup or
    // into an address with a path or user part of someone else's choosing.
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if secure { "https" } else { "http" };
    format!("{scheme}://{host}{path}")
}

/// `POST /o/{org}/users/invitations`: invites an address with a role and a name, and shows the link once. The
/// page is the same whether or not the address has an account anywhere.
pub async fn invite(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    PageForm(f): PageForm<InviteForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageUsers)?;
    let Ok(role) = f.role.parse::<Role>() else {
        let msg = o.ctx.tr().t("error-invalid-role").to_owned();
        return users_page(&web, &o, &Flash::default(), Some(msg), Some(&f)).await;
    };
    let tr = o.ctx.tr();
    // Parsed here too, so that a refusal is worded in the owner's language.
    if let Err(e) = EmailAddress::parse(&f.email) {
        let msg = super::auth::labelled(tr, "email", &super::auth::email_error(tr, e));
        return users_page(&web, &o, &Flash::default(), Some(msg), Some(&f)).await;
    }
    let input = NewInvitation {
        email: f.email.trim().to_owned(),
        display_name: f.name.trim().to_owned(),
        role,
    };
    match web.app.invite_member(&o.actor, input).await {
        Ok((_, token)) => {
            let link = absolute_link(&headers, o.ctx.secure_cookies, &format!("/invite/{token}"));
            let flash = Flash {
                notice: Some("invitation-made".into()),
                error: None,
            };
            users_page_with(
                &web,
                &o,
                &flash,
                None,
                None,
                Some(OneTimeLink::Invite(link)),
            )
            .await
        }
        Err(AppError::Invalid { field, message }) => {
            let msg = super::auth::field_error(&o.ctx, field, &message);
            users_page(&web, &o, &Flash::default(), Some(msg), Some(&f)).await
        }
        Err(AppError::Conflict(_)) => {
            let msg = o.ctx.tr().t("error-invitation-exists").to_owned();
            users_page(&web, &o, &Flash::default(), Some(msg), Some(&f)).await
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /o/{org}/users/invitations/{invitation}/revoke`: withdraws a pending invitation; its link stops working.
pub async fn revoke_invitation(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, invitation)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageUsers)?;
    web.app.revoke_invitation(&o.actor, &invitation).await?;
    Ok(see_other(&format!(
        "/o/{}/users?notice=invitation-revoked",
        o.org_slug
    )))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

pub async fn change_role(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, user)): Path<(String, String)>,
    PageForm(f): PageForm<RoleForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageUsers)?;
    let role: Role = f
        .role
        .parse()
        .map_err(|_| WebError::BadRequest(o.ctx.tr().t("error-invalid-role").to_owned()))?;
    match web.app.change_role(&o.actor, &UserId(user), role).await {
        Ok(_) => Ok(see_other(&format!(
            "/o/{}/users?notice=role-changed",
            o.org_slug
        ))),
        Err(AppError::Conflict(_)) => Ok(see_other(&format!(
            "/o/{}/users?error=last-owner",
            o.org_slug
        ))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "users_remove.html")]
struct RemovePage {
    c: Chrome,
    org: String,
    user_id: String,
    question: String,
}

/// `GET /o/{org}/users/{user}/remove`: asks before a member is removed.
pub async fn remove_member_confirm(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, user)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageUsers)?;
    let name = web
        .app
        .member_display_name(&o.actor, &user)
        .await?
        .ok_or(WebError::NotFound)?;
    let page = RemovePage {
        c: Chrome::org(&o, "users-remove-title", "users", &Flash::default()),
        org: o.org_slug.clone(),
        question: o
            .ctx
            .tr()
            .t_with("users-remove-confirm", &[("name", &name)]),
        user_id: user,
    };
    Ok(page.into_response())
}

/// `POST /o/{org}/users/{user}/reset`: a one-time link for a colleague to set a new password, shown once.
pub async fn reset_password_link(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    Path((_, user)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageUsers)?;
    match web.app.create_password_reset(&o.actor, &UserId(user)).await {
        Ok(token) => {
            let path = format!("/password-reset/{token}");
            let link = absolute_link(&headers, o.ctx.secure_cookies, &path);
            let link = Some(OneTimeLink::Reset(link));
            users_page_with(&web, &o, &Flash::default(), None, None, link).await
        }
        Err(AppError::Forbidden) => Ok(see_other(&format!(
            "/o/{}/users?error=reset-elsewhere",
            o.org_slug
        ))),
        Err(e) => Err(e.into()),
    }
}

pub async fn remove_member(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, user)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ManageUsers)?;
    match web.app.remove_member(&o.actor, &UserId(user)).await {
        Ok(_) => Ok(see_other(&format!(
            "/o/{}/users?notice=member-removed",
            o.org_slug
        ))),
        Err(AppError::Conflict(_)) => Ok(see_other(&format!(
            "/o/{}/users?error=last-owner",
            o.org_slug
        ))),
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub entity: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// Kept as text so that a mistyped page number shows page 1 instead of an error.
    #[serde(default)]
    pub page: Option<String>,
}

pub const AUDIT_PER_PAGE: u32 = 50;

fn parse_day(s: &str, end_of_day: bool) -> Result<Option<i64>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    let fmt = time::macros::format_description!("[year]-[month]-[day]");
    let date = time::Date::parse(s, &fmt).map_err(|_| ())?;
    // The application's upper bound is exclusive: "up to and including" a day ends at the next midnight.
    let date = if end_of_day {
        date.next_day().ok_or(())?
    } else {
        date
    };
    let t = date.with_hms(0, 0, 0).map_err(|_| ())?;
    let ms = t.assume_utc().unix_timestamp_nanos() / 1_000_000;
    i64::try_from(ms).map(Some).map_err(|_| ())
}

/// The application's filter for a query, or the name of the date field that could not be read.
pub fn audit_filter(q: &AuditQuery, per_page: u32) -> Result<AuditFilter, &'static str> {
    let opt = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(AuditFilter {
        actor: opt(&q.actor),
        action: opt(&q.action),
        entity: opt(&q.entity),
        from_ms: parse_day(&q.from, false).map_err(|_| "from")?,
        to_ms: parse_day(&q.to, true).map_err(|_| "to")?,
        page: q
            .page
            .as_deref()
            .and_then(|p| p.trim().parse::<u32>().ok())
            .unwrap_or(1)
            .max(1),
        per_page,
        ..AuditFilter::default()
    })
}

pub struct EventRow {
    pub seq: i64,
    pub at: String,
    /// The stored actor (user id, `cli`, `system:jobs`), kept as a tooltip for auditors who need the id.
    pub actor: String,
    /// Who, in words: a person's display name, or what the system actor is.
    pub actor_name: String,
    /// The stored action code, kept as a tooltip.
    pub action: String,
    /// The action in words, in the reader's language.
    pub action_words: String,
    /// What the event is about, in words: kind and name (or id, when it has no name).
    pub subject: String,
    pub entity_id: String,
    pub fields: String,
}

/// The free-text search of the audit page. Sent as a POST form, so that names typed into it never end up in a
/// URL (browser history, proxy logs).
#[derive(Deserialize, Default, Clone)]
pub struct AuditSearchForm {
    #[serde(default)]
    pub q: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: Option<String>,
}

pub fn format_ms(ms: i64) -> String {
    let fmt =
        time::macros::format_description!("[year]-[month]-[day] [hour]:[minute]:[second] UTC");
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| t.format(&fmt).ok())
        .unwrap_or_else(|| ms.to_string())
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditPageT {
    c: Chrome,
    org: String,
    q: AuditQuery,
    /// The free text searched for (only ever shown back in the POSTed form, never in a link).
    text: String,
    events: Vec<EventRow>,
    page: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
    /// Pages to go back or forward to when a free-text search is shown: pager buttons post the search again.
    prev_page: Option<u32>,
    next_page: Option<u32>,
    verify: Option<String>,
    verify_ok: bool,
}

fn audit_href(org: &str, q: &AuditQuery, page: u32) -> String {
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("actor", &q.actor)
        .append_pair("action", &q.action)
        .append_pair("entity", &q.entity)
        .append_pair("from", &q.from)
        .append_pair("to", &q.to)
        .append_pair("page", &page.to_string())
        .finish();
    format!("/o/{org}/audit?{qs}")
}

async fn audit_page(
    web: &Web,
    o: OrgCtx,
    q: AuditQuery,
    text: String,
    verify: Option<(bool, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::ReadAudit)?;
    let mut c = Chrome::org(&o, "audit-title", "audit", &Flash::default());
    let tr = o.ctx.tr();
    let (events, total, page) = match audit_filter(&q, AUDIT_PER_PAGE) {
        Ok(mut filter) => {
            let page = filter.page;
            filter.with_names = true;
            if !text.trim().is_empty() {
                filter.text_actions = super::audit_words::actions_matching(&tr, &text);
                filter.text = Some(text.clone());
            }
            let p = web.app.audit_events(&o.actor, filter).await?;
            (p.events, p.total, page)
        }
        Err(field) => {
            c.error = Some(
                o.ctx
                    .tr()
                    .t(if field == "from" {
                        "error-invalid-from"
                    } else {
                        "error-invalid-to"
                    })
                    .to_owned(),
            );
            (Vec::new(), 0, 1)
        }
    };
    let rows = events.into_iter().map(|e| event_row(&tr, e)).collect();
    let has_next = u64::from(page) * u64::from(AUDIT_PER_PAGE) < total;
    let (verify_ok, verify) = match verify {
        Some((ok, text)) => (ok, Some(text)),
        None => (false, None),
    };
    let searching = !text.trim().is_empty();
    let page_t = AuditPageT {
        prev_href: (page > 1 && !searching).then(|| audit_href(&o.org_slug, &q, page - 1)),
        next_href: (has_next && !searching).then(|| audit_href(&o.org_slug, &q, page + 1)),
        prev_page: (page > 1 && searching).then(|| page - 1),
        next_page: (has_next && searching).then(|| page + 1),
        c,
        org: o.org_slug.clone(),
        q,
        text,
        events: rows,
        page,
        verify,
        verify_ok,
    };
    Ok(page_t.into_response())
}

/// One event in words: who by name, the action as text, the subject by its name.
fn event_row(tr: &crate::i18n::Tr, e: crate::backend::AuditEntry) -> EventRow {
    use super::audit_words::{action_key, entity_key};
    let actor_name = match (e.actor.as_str(), e.actor_name) {
        (_, Some(name)) => name,
        ("cli", None) => tr.t("audit-actor-cli").to_owned(),
        ("system:jobs", None) => tr.t("audit-actor-jobs").to_owned(),
        (_, None) => tr.t("audit-actor-unknown").to_owned(),
    };
    let action_words =
        action_key(&e.action).map_or_else(|| e.action.clone(), |k| tr.t(k).to_owned());
    let kind = entity_key(&e.entity).map_or_else(|| e.entity.clone(), |k| tr.t(k).to_owned());
    let subject = match e.subject_name {
        Some(name) => format!("{kind}: {name}"),
        None if e.entity_id.is_empty() => kind,
        None => format!("{kind} {}", e.entity_id),
    };
    EventRow {
        seq: e.seq,
        at: format_ms(e.at_ms),
        actor: e.actor,
        actor_name,
        action: e.action,
        action_words,
        subject,
        entity_id: e.entity_id,
        fields: e.fields.join(", "),
    }
}

pub async fn audit(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<AuditQuery>,
) -> Result<Response, WebError> {
    audit_page(&web, o, q, String::new(), None).await
}

/// The free-text search (POST, so that names stay out of URLs), with the date range and page.
pub async fn search_audit(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<AuditSearchForm>,
) -> Result<Response, WebError> {
    let q = AuditQuery {
        from: f.from,
        to: f.to,
        page: f.page,
        ..AuditQuery::default()
    };
    audit_page(&web, o, q, f.q, None).await
}

/// Downloads a signed checkpoint of the chain head (POST: making one is audited).
pub async fn download_checkpoint(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::ReadAudit)?;
    match web.app.audit_checkpoint(&o.actor).await {
        Ok(cp) => {
            let name = format!("kluis-audit-checkpoint-{}-{}.json", o.org_slug, cp.seq);
            let mut res = crate::backend::checkpoint_to_json(&cp).into_response();
            let h = res.headers_mut();
            h.insert(
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/json"),
            );
            h.insert(
                axum::http::header::CONTENT_DISPOSITION,
                crate::download::content_disposition(&name),
            );
            Ok(res)
        }
        Err(AppError::Conflict(_)) => {
            let text = o.ctx.tr().t("audit-checkpoint-broken").to_owned();
            audit_page(
                &web,
                o,
                AuditQuery::default(),
                String::new(),
                Some((false, text)),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Verifies the chain against an uploaded checkpoint file (multipart field `checkpoint`).
pub async fn verify_checkpoint(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::ReadAudit)?;
    let tr = o.ctx.tr();
    let ct = headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let file = crate::multipart::boundary(ct)
        .and_then(|b| crate::multipart::parse(&body, &b).ok())
        .and_then(|parts| parts.into_iter().find(|p| p.name == "checkpoint"))
        .map(|p| p.data);
    let checkpoint = file
        .as_deref()
        .and_then(|bytes| crate::backend::checkpoint_from_json(bytes).ok());
    let invalid = || (false, tr.t("audit-checkpoint-invalid").to_owned());
    let (result, refused) = match checkpoint {
        None => (invalid(), true),
        Some(cp) => match web.app.verify_audit_checkpoint(&o.actor, &cp).await {
            Ok(v) => (verification_text(&tr, v), false),
            Err(AppError::Invalid { .. }) => (invalid(), true),
            Err(e) => return Err(e.into()),
        },
    };
    let mut page = audit_page(&web, o, AuditQuery::default(), String::new(), Some(result)).await?;
    if refused {
        // A file that is no checkpoint of this organisation is refused input, not a verification.
        *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(page)
}

/// The outcome of a verification in words: (intact?, text).
fn verification_text(tr: &crate::i18n::Tr, v: AuditVerification) -> (bool, String) {
    match v {
        AuditVerification::Ok { events } => (true, tr.t_n("audit-verify-ok", "count", events)),
        AuditVerification::Broken { seq, reason } => (
            false,
            tr.t_with(
                "audit-verify-broken",
                &[
                    ("seq", &seq.to_string()),
                    ("reason", tr.t(break_reason_key(reason))),
                ],
            ),
        ),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "audit_verify.html")]
struct VerifyFragment {
    verify: Option<String>,
    verify_ok: bool,
}

pub fn break_reason_key(r: kluis_domain::audit::BreakReason) -> &'static str {
    use kluis_domain::audit::BreakReason;
    match r {
        BreakReason::ContentAltered => "audit-break-content-altered",
        BreakReason::LinkBroken => "audit-break-link-broken",
        BreakReason::SequenceGap => "audit-break-sequence-gap",
        BreakReason::CheckpointMismatch => "audit-break-checkpoint-mismatch",
    }
}

pub async fn verify_audit(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    require(&o, Permission::ReadAudit)?;
    let tr = o.ctx.tr();
    let (ok, text) = verification_text(&tr, web.app.verify_audit(&o.actor).await?);
    if headers.contains_key("hx-request") {
        return Ok(VerifyFragment {
            verify: Some(text),
            verify_ok: ok,
        }
        .into_response());
    }
    audit_page(
        &web,
        o,
        AuditQuery::default(),
        String::new(),
        Some((ok, text)),
    )
    .await
}
