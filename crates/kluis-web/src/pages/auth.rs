//! First-start setup, login (with the TOTP step), logout, language cookie and organisation switching.

use super::see_other;
use crate::Web;
use crate::backend::{AppError, LoginOutcome, SetupInput};
use crate::context::{Ctx, UserCtx, locale_from_lang};
use crate::cookies;
use crate::error::PageForm;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::nav::Chrome;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use kluis_domain::identity::{
    EmailAddress, EmailError, OrgSlug, Password, PasswordError, SlugError,
};
use serde::Deserialize;

/// `/`: wherever the visitor should be now.
pub async fn home(State(web): State<Web>, ctx: Ctx) -> Result<Response, WebError> {
    if web.app.needs_setup().await? {
        return Ok(see_other("/setup"));
    }
    let Some(session) = &ctx.session else {
        return Ok(see_other("/login"));
    };
    let org = session
        .current_org
        .as_ref()
        .or_else(|| session.memberships.first().map(|(o, _)| o))
        .map(|o| o.slug.clone());
    match org {
        Some(slug) => Ok(see_other(&format!("/o/{slug}"))),
        // A user without any membership has nothing to see; say so instead of failing.
        None => Ok(crate::pages::error_page(
            ctx.tr(),
            crate::error::ErrorKind::NotFound,
            Some(ctx.tr().t("no-memberships").to_owned()),
        )),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "setup.html")]
struct SetupPage {
    c: Chrome,
    org_name: String,
    slug: String,
    name: String,
    email: String,
}

#[derive(Deserialize, Default)]
pub struct SetupForm {
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    slug: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn setup_form(State(web): State<Web>, ctx: Ctx) -> Result<Response, WebError> {
    if !web.app.needs_setup().await? {
        return Ok(see_other("/"));
    }
    let page = SetupPage {
        c: Chrome::with_ctx_public(&ctx, "setup-title"),
        org_name: String::new(),
        slug: String::new(),
        name: String::new(),
        email: String::new(),
    };
    Ok(page.into_response())
}

pub async fn setup_submit(
    State(web): State<Web>,
    ctx: Ctx,
    PageForm(f): PageForm<SetupForm>,
) -> Result<Response, WebError> {
    if !web.app.needs_setup().await? {
        // Setup is gone once there is a user: never let a second owner in through this door.
        return Ok(see_other("/"));
    }
    let slug = if f.slug.trim().is_empty() {
        slugify(&f.org_name)
    } else {
        f.slug.trim().to_owned()
    };
    // Parsed here with the domain's types so that a refusal is explained in the visitor's language.
    let tr = ctx.tr();
    let refused = OrgSlug::parse(&slug)
        .err()
        .map(|e| labelled(tr, "slug", &slug_error(tr, e)))
        .or_else(|| {
            EmailAddress::parse(&f.email)
                .err()
                .map(|e| labelled(tr, "email", &email_error(tr, e)))
        })
        .or_else(|| {
            Password::parse(&f.password)
                .err()
                .map(|e| labelled(tr, "password", &password_error(tr, e)))
        });
    if let Some(msg) = refused {
        let mut c = Chrome::with_ctx_public(&ctx, "setup-title");
        c.error = Some(msg);
        let page = SetupPage {
            c,
            org_name: f.org_name,
            slug: f.slug,
            name: f.name,
            email: f.email,
        };
        return Ok((StatusCode::BAD_REQUEST, page).into_response());
    }
    let input = SetupInput {
        org_slug: slug,
        org_name: f.org_name.trim().to_owned(),
        email: f.email.trim().to_owned(),
        display_name: f.name.trim().to_owned(),
        password: f.password.clone(),
        locale: locale_from_lang(ctx.lang),
    };
    match web.app.setup(input, &ctx.origin).await {
        Ok(_) => {}
        Err(AppError::Invalid { field, message }) => {
            let mut c = Chrome::with_ctx_public(&ctx, "setup-title");
            c.error = Some(field_error(&ctx, field, &message));
            let page = SetupPage {
                c,
                org_name: f.org_name,
                slug: f.slug,
                name: f.name,
                email: f.email,
            };
            return Ok((StatusCode::BAD_REQUEST, page).into_response());
        }
        Err(e) => return Err(e.into()),
    }
    // Log the new owner straight in.
    match web
        .app
        .login(f.email.trim(), &f.password, &ctx.origin)
        .await?
    {
        LoginOutcome::NewSession { token, .. } => Ok(start_session(&ctx, &token, "/")),
        LoginOutcome::TotpRequired { .. } => Ok(see_other("/login")),
    }
}

/// A web-address name for an organisation: lowercase ASCII letters, digits and dashes.
pub(crate) fn slugify(name: &str) -> String {
    let mut s = String::new();
    for c in name.trim().to_lowercase().chars() {
        let c = match c {
            'a'..='z' | '0'..='9' => c,
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            _ => '-',
        };
        if !(c == '-' && (s.is_empty() || s.ends_with('-'))) {
            s.push(c);
        }
    }
    let s: String = s.trim_end_matches('-').chars().take(50).collect();
    let s = s.trim_end_matches('-').to_owned();
    if s.len() < 2 { "org".to_owned() } else { s }
}

/// A readable message for a field the application refused: the field's translated name and, in the user's
/// language, what the rule for that field is. The application's English wording is for the CLI and logs.
pub(crate) fn field_error(ctx: &Ctx, field: &str, _message: &str) -> String {
    let tr = ctx.tr();
    let text = match field {
        "password" | "new_password" => password_error(
            tr,
            PasswordError::TooShort {
                min: kluis_domain::identity::MIN_PASSWORD_CHARS,
            },
        ),
        "current_password" => tr.t("error-wrong-password").to_owned(),
        "email" => tr.t("error-email-malformed").to_owned(),
        "slug" => tr.t("error-slug-characters").to_owned(),
        "name" | "display_name" | "org_name" => tr.t("error-name-length").to_owned(),
        "code" | "totp" => tr.t("error-totp-code").to_owned(),
        _ => tr.t("error-invalid-value").to_owned(),
    };
    labelled(tr, field, &text)
}

/// `Label: text`, with the field's label from the catalogue where it has one.
pub(crate) fn labelled(tr: Tr, field: &str, text: &str) -> String {
    let key = format!("field-{}", field.replace('_', "-"));
    let label = crate::i18n::catalogue(tr.lang)
        .get(&key)
        .cloned()
        .unwrap_or_else(|| field.to_owned());
    format!("{label}: {text}")
}

/// Why an e-mail address was refused, in the user's language.
pub(crate) fn email_error(tr: Tr, e: EmailError) -> String {
    tr.t(match e {
        EmailError::Empty => "error-email-empty",
        EmailError::TooLong => "error-email-too-long",
        EmailError::Malformed => "error-email-malformed",
    })
    .to_owned()
}

/// Why an organisation slug was refused, in the user's language.
pub(crate) fn slug_error(tr: Tr, e: SlugError) -> String {
    tr.t(match e {
        SlugError::Length => "error-slug-length",
        SlugError::Characters => "error-slug-characters",
        SlugError::EdgeDash => "error-slug-edge-dash",
    })
    .to_owned()
}

/// Why a password was refused, in the user's language.
pub(crate) fn password_error(tr: Tr, e: PasswordError) -> String {
    match e {
        PasswordError::TooShort { min } => tr.t_n("error-password-too-short", "min", min),
        PasswordError::TooLong { max_bytes } => tr.t_n("error-password-too-long", "max", max_bytes),
    }
}

fn start_session(ctx: &Ctx, token: &str, to: &str) -> Response {
    let mut res = see_other(to);
    for c in [
        cookies::set(cookies::SESSION, token, ctx.secure_cookies, None),
        cookies::clear(cookies::PRE_CSRF, ctx.secure_cookies),
        cookies::clear(cookies::PENDING_LOGIN, ctx.secure_cookies),
    ] {
        if let Ok(v) = HeaderValue::from_str(&c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
struct LoginPage {
    c: Chrome,
    totp_step: bool,
    email: String,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

#[derive(Deserialize)]
pub struct TotpForm {
    #[serde(default)]
    totp: String,
}

pub async fn login_form(
    State(web): State<Web>,
    ctx: Ctx,
    Query(flash): Query<crate::nav::Flash>,
) -> Result<Response, WebError> {
    if ctx.session.is_some() {
        return Ok(see_other("/"));
    }
    if web.app.needs_setup().await? {
        return Ok(see_other("/setup"));
    }
    let mut c = Chrome::with_ctx_public(&ctx, "login-title");
    c.notice = flash.notice.and_then(|k| {
        crate::i18n::catalogue(ctx.lang)
            .get(&format!("notice-{k}"))
            .cloned()
    });
    Ok(LoginPage {
        c,
        totp_step: false,
        email: String::new(),
    }
    .into_response())
}

/// The password form (step one) again, with an error and the given status.
fn login_failed(ctx: &Ctx, key: &str, email: &str, status: StatusCode) -> Response {
    let mut c = Chrome::with_ctx_public(ctx, "login-title");
    c.error = Some(ctx.tr().t(key).to_owned());
    (
        status,
        LoginPage {
            c,
            totp_step: false,
            email: email.to_owned(),
        },
    )
        .into_response()
}

/// The password form with an error and an extra warning line.
fn login_page_with(
    ctx: &Ctx,
    error: Option<String>,
    warning: Option<String>,
    email: &str,
    status: StatusCode,
) -> Response {
    let mut c = Chrome::with_ctx_public(ctx, "login-title");
    c.error = match (error, warning) {
        (Some(e), Some(w)) => Some(format!("{e} {w}")),
        (e, w) => e.or(w),
    };
    (
        status,
        LoginPage {
            c,
            totp_step: false,
            email: email.to_owned(),
        },
    )
        .into_response()
}

/// "You can try again from 14:05 UTC (in 12 minutes)": when the lock ends, as a time and a duration.
pub(crate) fn lock_ends_text(tr: Tr, retry_after_secs: u64) -> String {
    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
    let secs = i64::try_from(retry_after_secs).unwrap_or(i64::MAX / 2000);
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(
        i128::from(now_ms.saturating_add(secs.saturating_mul(1000))) * 1_000_000,
    )
    .map_or_else(
        |_| String::new(),
        |t| format!("{:02}:{:02} UTC", t.hour(), t.minute()),
    );
    let minutes = retry_after_secs.div_ceil(60).max(1);
    tr.t_with(
        "login-locked",
        &[("time", &at), ("minutes", &minutes.to_string())],
    )
}

fn login_throttled(ctx: &Ctx, email: &str, retry_after_secs: u64) -> Response {
    let mut c = Chrome::with_ctx_public(ctx, "login-title");
    c.error = Some(lock_ends_text(ctx.tr(), retry_after_secs));
    let mut res = (
        StatusCode::TOO_MANY_REQUESTS,
        LoginPage {
            c,
            totp_step: false,
            email: email.to_owned(),
        },
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

/// The TOTP form (step two): it posts only the code; the pending login travels in its HttpOnly cookie.
fn totp_page(ctx: &Ctx, error: Option<&str>, status: StatusCode) -> Response {
    let mut c = Chrome::with_ctx_public(ctx, "login-totp-title");
    c.error = error.map(|k| ctx.tr().t(k).to_owned());
    (
        status,
        LoginPage {
            c,
            totp_step: true,
            email: String::new(),
        },
    )
        .into_response()
}

pub async fn login_submit(
    State(web): State<Web>,
    ctx: Ctx,
    PageForm(f): PageForm<LoginForm>,
) -> Result<Response, WebError> {
    match web
        .app
        .login(f.email.trim(), &f.password, &ctx.origin)
        .await
    {
        Ok(LoginOutcome::NewSession { token, .. }) => Ok(start_session(&ctx, &token, "/")),
        Ok(LoginOutcome::TotpRequired {
            pending_token,
            expires_at_ms,
        }) => {
            let now_ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX));
            let max_age = u64::try_from((expires_at_ms - now_ms) / 1000).unwrap_or(0);
            let mut res = totp_page(&ctx, None, StatusCode::OK);
            if let Ok(v) = HeaderValue::from_str(&cookies::set(
                cookies::PENDING_LOGIN,
                &pending_token,
                ctx.secure_cookies,
                Some(max_age.max(1)),
            )) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(AppError::Unauthenticated | AppError::Invalid { .. } | AppError::NotFound) => {
            let mut res = login_failed(&ctx, "login-failed", &f.email, StatusCode::UNAUTHORIZED);
            // Warn while there is still a try or two left, rather than only once the door has shut.
            let left = web
                .app
                .login_attempts_left(f.email.trim(), &ctx.origin)
                .await?;
            if left <= 2 {
                let warning = if left == 0 {
                    None
                } else {
                    Some(ctx.tr().t_n("login-attempts-left", "count", left))
                };
                res = login_page_with(
                    &ctx,
                    Some(ctx.tr().t("login-failed").to_owned()),
                    warning,
                    &f.email,
                    StatusCode::UNAUTHORIZED,
                );
            }
            Ok(res)
        }
        Err(AppError::Throttled { retry_after_secs }) => {
            Ok(login_throttled(&ctx, &f.email, retry_after_secs))
        }
        Err(e) => Err(e.into()),
    }
}

/// Step two of a login with TOTP: the code only, for the pending login in the cookie.
pub async fn login_totp_submit(
    State(web): State<Web>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    PageForm(f): PageForm<TotpForm>,
) -> Result<Response, WebError> {
    let pending = cookies::get(&headers, cookies::PENDING_LOGIN).unwrap_or_default();
    let result = if pending.is_empty() {
        Err(AppError::Unauthenticated)
    } else {
        web.app.login_totp(&pending, &f.totp, &ctx.origin).await
    };
    match result {
        Ok(LoginOutcome::NewSession { token, .. }) => Ok(start_session(&ctx, &token, "/")),
        Err(AppError::Invalid { .. }) => Ok(totp_page(
            &ctx,
            Some("login-totp-wrong"),
            StatusCode::UNAUTHORIZED,
        )),
        Ok(LoginOutcome::TotpRequired { .. }) | Err(AppError::Unauthenticated) => {
            // Expired, used up or given up: back to the password, and the stale cookie goes.
            let mut res = login_failed(&ctx, "login-totp-expired", "", StatusCode::UNAUTHORIZED);
            if let Ok(v) =
                HeaderValue::from_str(&cookies::clear(cookies::PENDING_LOGIN, ctx.secure_cookies))
            {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            Ok(res)
        }
        Err(AppError::Throttled { retry_after_secs }) => {
            Ok(login_throttled(&ctx, "", retry_after_secs))
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct LangForm {
    #[serde(default)]
    lang: String,
}

/// The header's language switch: stored in a cookie for a year, and for a logged-in user also as their
/// account's language (which pages follow). Goes back to the page the switch was used on.
pub async fn set_language(
    State(web): State<Web>,
    ctx: Ctx,
    headers: axum::http::HeaderMap,
    PageForm(f): PageForm<LangForm>,
) -> Result<Response, WebError> {
    let lang = Lang::from_code(&f.lang).unwrap_or_default();
    if let Some(s) = &ctx.session {
        web.app
            .set_locale(&s.user.id, locale_from_lang(lang))
            .await?;
    }
    let fallback = if ctx.session.is_some() { "/" } else { "/login" };
    let mut res = see_other(&back_path(&headers).unwrap_or_else(|| fallback.to_owned()));
    if let Ok(v) = HeaderValue::from_str(&cookies::set(
        cookies::LANG,
        lang.code(),
        ctx.secure_cookies,
        Some(31_536_000),
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

/// The path (and query) of the `Referer`, when it is a page of this site: where the language switch was used.
/// Only a local path is returned, so the redirect cannot lead elsewhere.
fn back_path(headers: &axum::http::HeaderMap) -> Option<String> {
    let referer = headers.get(header::REFERER)?.to_str().ok()?;
    let host = headers.get(header::HOST)?.to_str().ok()?;
    let rest = referer
        .strip_prefix("http://")
        .or_else(|| referer.strip_prefix("https://"))?;
    let path = rest.strip_prefix(host)?;
    (path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/\\"))
        .then(|| path.to_owned())
}

pub async fn logout(State(web): State<Web>, user: UserCtx) -> Result<Response, WebError> {
    web.app.logout(&user.token).await?;
    let mut res = see_other("/login?notice=logged-out");
    if let Ok(v) = HeaderValue::from_str(&cookies::clear(cookies::SESSION, user.ctx.secure_cookies))
    {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    Ok(res)
}

#[derive(Deserialize)]
pub struct SwitchForm {
    #[serde(default)]
    org: String,
}

pub async fn switch_org(
    State(web): State<Web>,
    user: UserCtx,
    PageForm(f): PageForm<SwitchForm>,
) -> Result<Response, WebError> {
    web.app.switch_org(&user.token, &f.org).await?;
    Ok(see_other(&format!("/o/{}", f.org)))
}

#[derive(Template, WebTemplate)]
#[template(path = "password_reset.html")]
struct ResetPage {
    c: Chrome,
    token: String,
    valid: bool,
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    new: String,
}

/// `/password-reset/{token}`: the form behind an owner's one-time link, or why the link no longer works.
pub async fn reset_form(
    State(web): State<Web>,
    ctx: Ctx,
    axum::extract::Path(token): axum::extract::Path<String>,
) -> Result<Response, WebError> {
    let valid = web.app.password_reset_valid(&token).await?;
    let mut c = Chrome::with_ctx_public(&ctx, "reset-title");
    if !valid {
        c.error = Some(ctx.tr().t("reset-invalid").to_owned());
    }
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    Ok((status, ResetPage { c, token, valid }).into_response())
}

pub async fn reset_submit(
    State(web): State<Web>,
    ctx: Ctx,
    axum::extract::Path(token): axum::extract::Path<String>,
    PageForm(f): PageForm<ResetForm>,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let refused = match Password::parse(&f.new) {
        Err(e) => Some((labelled(tr, "new_password", &password_error(tr, e)), true)),
        Ok(_) => match web.app.reset_password(&token, &f.new, &ctx.origin).await {
            Ok(()) => None,
            Err(AppError::Unauthenticated | AppError::NotFound) => {
                Some((tr.t("reset-invalid").to_owned(), false))
            }
            Err(AppError::Invalid { field, message }) => {
                Some((field_error(&ctx, field, &message), true))
            }
            Err(e) => return Err(e.into()),
        },
    };
    match refused {
        None => Ok(see_other("/login?notice=password-reset")),
        Some((msg, valid)) => {
            let mut c = Chrome::with_ctx_public(&ctx, "reset-title");
            c.error = Some(msg);
            let status = if valid {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::NOT_FOUND
            };
            Ok((status, ResetPage { c, token, valid }).into_response())
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "org_new.html")]
struct NewOrgPage {
    c: Chrome,
    org_name: String,
    slug: String,
}

#[derive(Deserialize)]
pub struct NewOrgForm {
    #[serde(default)]
    org_name: String,
    #[serde(default)]
    slug: String,
}

fn new_org_page(user: &UserCtx, f: &NewOrgForm, error: Option<String>) -> Response {
    let mut c = Chrome::session(
        user.ctx.tr(),
        &user.ctx.csrf,
        &user.session,
        None,
        "org-new-title",
    );
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    c.error = error;
    (
        status,
        NewOrgPage {
            c,
            org_name: f.org_name.clone(),
            slug: f.slug.clone(),
        },
    )
        .into_response()
}

fn owns_an_org(user: &UserCtx) -> bool {
    user.session
        .memberships
        .iter()
        .any(|(_, r)| *r == kluis_domain::Role::Owner)
}

/// `/orgs/new`: an owner (a consultant, say) creates another organisation and becomes its owner.
pub async fn new_org_form(user: UserCtx) -> Result<Response, WebError> {
    if !owns_an_org(&user) {
        return Err(WebError::Forbidden);
    }
    Ok(new_org_page(
        &user,
        &NewOrgForm {
            org_name: String::new(),
            slug: String::new(),
        },
        None,
    ))
}

pub async fn new_org_submit(
    State(web): State<Web>,
    user: UserCtx,
    PageForm(f): PageForm<NewOrgForm>,
) -> Result<Response, WebError> {
    if !owns_an_org(&user) {
        return Err(WebError::Forbidden);
    }
    let tr = user.ctx.tr();
    let slug = if f.slug.trim().is_empty() {
        slugify(&f.org_name)
    } else {
        f.slug.trim().to_owned()
    };
    if let Err(e) = OrgSlug::parse(&slug) {
        let msg = labelled(tr, "slug", &slug_error(tr, e));
        return Ok(new_org_page(&user, &f, Some(msg)));
    }
    match web
        .app
        .create_org(&user.session.user.id, &slug, &f.org_name, &user.ctx.origin)
        .await
    {
        Ok(org) => {
            // Work in the new organisation straight away.
            web.app.switch_org(&user.token, &org.slug).await?;
            Ok(see_other(&format!("/o/{}?notice=org-created", org.slug)))
        }
        Err(AppError::Invalid { field, message }) => {
            let msg = field_error(&user.ctx, field, &message);
            Ok(new_org_page(&user, &f, Some(msg)))
        }
        Err(AppError::Conflict(_)) => {
            let msg = labelled(tr, "slug", tr.t("error-slug-taken"));
            Ok(new_org_page(&user, &f, Some(msg)))
        }
        Err(e) => Err(e.into()),
    }
}
