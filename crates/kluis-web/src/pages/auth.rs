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
        .login(f.email.trim(), &f.password, None, &ctx.origin)
        .await?
    {
        LoginOutcome::NewSession { token, .. } => Ok(start_session(&ctx, &token, "/")),
        LoginOutcome::TotpRequired => Ok(see_other("/login")),
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
    password: String,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    totp: Option<String>,
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
        password: String::new(),
    }
    .into_response())
}

pub async fn login_submit(
    State(web): State<Web>,
    ctx: Ctx,
    PageForm(f): PageForm<LoginForm>,
) -> Result<Response, WebError> {
    let totp = f.totp.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let failed = |key: &str, status: StatusCode| {
        let mut c = Chrome::with_ctx_public(&ctx, "login-title");
        c.error = Some(ctx.tr().t(key).to_owned());
        (
            status,
            LoginPage {
                c,
                totp_step: false,
                email: f.email.clone(),
                password: String::new(),
            },
        )
            .into_response()
    };
    match web
        .app
        .login(f.email.trim(), &f.password, totp, &ctx.origin)
        .await
    {
        Ok(LoginOutcome::NewSession { token, .. }) => Ok(start_session(&ctx, &token, "/")),
        Ok(LoginOutcome::TotpRequired) => {
            let mut c = Chrome::with_ctx_public(&ctx, "login-totp-title");
            if totp.is_some() {
                c.error = Some(ctx.tr().t("login-totp-wrong").to_owned());
            }
            // The second step re-sends the credentials with the code: the application keeps no half-open login.
            Ok(LoginPage {
                c,
                totp_step: true,
                email: f.email.clone(),
                password: f.password.clone(),
            }
            .into_response())
        }
        Err(AppError::Unauthenticated | AppError::Invalid { .. } | AppError::NotFound) => {
            Ok(failed("login-failed", StatusCode::UNAUTHORIZED))
        }
        Err(AppError::Throttled { retry_after_secs }) => {
            let mut c = Chrome::with_ctx_public(&ctx, "login-title");
            c.error = Some(ctx.tr().t_n("error-429-text", "seconds", retry_after_secs));
            let mut res = (
                StatusCode::TOO_MANY_REQUESTS,
                LoginPage {
                    c,
                    totp_step: false,
                    email: f.email.clone(),
                    password: String::new(),
                },
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
            Ok(res)
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
