//! HTML pages: routes, the error page and the entry redirect.

mod account;
mod audit_words;
mod auth;
pub(crate) mod breach_documents;
pub(crate) mod breaches;
pub(crate) mod compliance;
pub(crate) mod consent;
pub(crate) mod documents;
pub(crate) mod dpia;
mod invite;
pub(crate) mod links;
mod org;
mod portfolio;
mod profile;
pub(crate) mod recipients;
pub(crate) mod register;
pub(crate) mod relations;
pub(crate) mod relations_import;
pub(crate) mod requests;
pub(crate) mod retention;
pub(crate) mod rights;
pub(crate) mod statement;

pub(crate) use audit_words::actions_matching;
pub(crate) use org::{AuditQuery, absolute_link, audit_filter};
pub(crate) use profile::parse_date as profile_date;

use crate::backend::SessionInfo;
use crate::error::ErrorKind;
use crate::i18n::Tr;
use crate::nav::Chrome;
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/", auth::home)
        .get("/setup", auth::setup_form)
        .post("/setup", auth::setup_submit)
        .get("/login", auth::login_form)
        .post("/login", auth::login_submit)
        .post("/login/totp", auth::login_totp_submit)
        .post("/lang", auth::set_language)
        .post("/logout", auth::logout)
        .post("/switch", auth::switch_org)
        .get("/account", account::account_redirect)
        .get("/o/{org}", org::dashboard)
        .get("/o/{org}/users", org::users)
        .post("/o/{org}/users/invitations", org::invite)
        .post(
            "/o/{org}/users/invitations/{invitation}/revoke",
            org::revoke_invitation,
        )
        .get("/invite/{token}", invite::invite_form)
        .post("/invite/{token}", invite::invite_submit)
        .post("/o/{org}/users/{user}/role", org::change_role)
        .post("/o/{org}/users/{user}/remove", org::remove_member)
        .get("/o/{org}/audit", org::audit)
        .post("/o/{org}/audit/verify", org::verify_audit)
        .post("/o/{org}/audit/search", org::search_audit)
        .post("/o/{org}/audit/checkpoint", org::download_checkpoint)
        .post("/o/{org}/audit/checkpoint/verify", org::verify_checkpoint)
        .get("/o/{org}/account", account::account)
        .post("/o/{org}/account/password", account::change_password)
        .post("/o/{org}/account/locale", account::set_locale)
        .post("/o/{org}/account/totp", account::totp_begin)
        .post("/o/{org}/account/totp/confirm", account::totp_confirm)
        .post("/o/{org}/account/totp/disable", account::totp_disable)
        .post("/o/{org}/account/tokens", account::create_token)
        .post(
            "/o/{org}/account/tokens/{token}/revoke",
            account::revoke_token,
        )
        .get("/o/{org}/users/{user}/remove", org::remove_member_confirm)
        .post("/o/{org}/users/{user}/reset", org::reset_password_link)
        .get("/orgs/new", auth::new_org_form)
        .post("/orgs/new", auth::new_org_submit)
        .get("/password-reset/{token}", auth::reset_form)
        .post("/password-reset/{token}", auth::reset_submit)
        .get("/o/{org}/compliance", compliance::compliance)
        .get("/o/{org}/inventory", compliance::inventory)
        .merge(documents::routes())
        .merge(statement::routes())
        .merge(portfolio::routes())
        .merge(profile::routes())
        .merge(recipients::routes())
        .merge(register::routes())
        .merge(relations::routes())
        .merge(relations_import::routes())
        .merge(links::routes())
        .merge(requests::routes())
        .merge(breach_documents::routes())
        .merge(dpia::routes())
        .merge(consent::routes())
        .merge(retention::routes())
        .merge(rights::routes())
        .merge(breaches::routes())
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    text: String,
    detail: Option<String>,
    back_href: &'static str,
    back_label: String,
}

/// The translated page for an error, with only the public header.
pub(crate) fn error_page(tr: Tr, kind: ErrorKind, detail: Option<String>) -> Response {
    error_page_for(tr, kind, detail, "", None, None)
}

/// The translated page for an error. For a logged-in user (`session`) it keeps the header and navigation of
/// the organisation in the path (`org_slug`) or the one they work in, so a 403 or 404 is no dead end; `csrf`
/// goes into the header's forms.
pub(crate) fn error_page_for(
    tr: Tr,
    kind: ErrorKind,
    detail: Option<String>,
    csrf: &str,
    session: Option<&SessionInfo>,
    org_slug: Option<&str>,
) -> Response {
    let key = kind.key();
    let text = match kind {
        ErrorKind::Throttled(secs) => tr.t_n("error-429-text", "seconds", secs),
        _ => tr.t(&format!("{key}-text")).to_owned(),
    };
    let title_key = format!("{key}-title");
    let c = match session {
        Some(s) => Chrome::session(tr, csrf, s, org_slug, &title_key),
        None => Chrome::public(tr, csrf, &title_key),
    };
    let page = ErrorPage {
        c,
        text,
        detail,
        back_href: "/",
        back_label: tr.t("error-back").to_owned(),
    };
    let mut res = (kind.status(), page).into_response();
    if let ErrorKind::Throttled(secs) = kind
        && let Ok(v) = secs.to_string().parse()
    {
        res.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
    }
    res
}

/// Refuses a page request whose role lacks `p` (the application decides again inside every use case; this lets a
/// page stop before it reads anything).
pub(crate) fn require(
    o: &crate::context::OrgCtx,
    p: kluis_domain::Permission,
) -> Result<(), crate::error::WebError> {
    if o.actor.role.allows(p) {
        Ok(())
    } else {
        Err(crate::error::WebError::Forbidden)
    }
}

/// Redirect after a successful form post (POST/redirect/GET), with an optional notice key.
/// Never panics: a path that is not a valid header value falls back to `/`.
pub(crate) fn see_other(path: &str) -> Response {
    let location = HeaderValue::from_str(path).unwrap_or(HeaderValue::from_static("/"));
    (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response()
}

#[allow(dead_code)]
fn _assert_state(_: Web) {}
