//! First-start setup, login (with the TOTP step), logout, language cookie and organisation switching.

use super::see_other;
use crate::Web;
use crate::backend::{AppError, LoginOutcome, SetupInput};
use crate::context::{Ctx, UserCtx, locale_from_lang};
use crate::cookies;
use crate::error::PageForm;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::nav::Chrome;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Query;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
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

/// A readable message for a rejected field: the field's translated name and the application's explanation.
pub(crate) fn field_error(ctx: &Ctx, field: &str, message: &str) -> String {
    let tr = ctx.tr();
    let key = format!("field-{}", field.replace('_', "-"));
    let label = crate::i18n::catalogue(tr.lang)
        .get(&key)
        .cloned()
        .unwrap_or_else(|| field.to_owned());
    format!("{label}: {message}")
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

fn login_throttled(ctx: &Ctx, email: &str, retry_after_secs: u64) -> Response {
    let mut c = Chrome::with_ctx_public(ctx, "login-title");
    c.error = Some(ctx.tr().t_n("error-429-text", "seconds", retry_after_secs));
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
        Err(AppError::Unauthenticated | AppError::Invalid { .. } | AppError::NotFound) => Ok(
            login_failed(&ctx, "login-failed", &f.email, StatusCode::UNAUTHORIZED),
        ),
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

/// Language for visitors who are not logged in (login page); stored in a cookie for a year.
pub async fn set_language(ctx: Ctx, PageForm(f): PageForm<LangForm>) -> Response {
    let lang = Lang::from_code(&f.lang).unwrap_or_default();
    let mut res = see_other(if ctx.session.is_some() { "/" } else { "/login" });
    if let Ok(v) = HeaderValue::from_str(&cookies::set(
        cookies::LANG,
        lang.code(),
        ctx.secure_cookies,
        Some(31_536_000),
    )) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
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
