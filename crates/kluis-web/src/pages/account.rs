//! The account page: password, language, two-step login (TOTP) and API tokens.

use super::see_other;
use crate::Web;
use crate::backend::AppError;
use crate::context::{OrgCtx, UserCtx, locale_from_lang};
use crate::error::PageForm;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::nav::{Chrome, Flash};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// `/account`: the account page of the organisation the user is working in.
pub async fn account_redirect(user: UserCtx) -> Response {
    let org = user
        .session
        .current_org
        .as_ref()
        .or_else(|| user.session.memberships.first().map(|(o, _)| o))
        .map(|o| o.slug.clone());
    match org {
        Some(slug) => see_other(&format!("/o/{slug}/account")),
        None => see_other("/"),
    }
}

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
struct AccountPage {
    c: Chrome,
    org: String,
    email: String,
    totp_enabled: bool,
    totp_uri: Option<String>,
    totp_secret: Option<String>,
    /// The `otpauth://` URI as a QR code, inline SVG drawn here (no image leaves the server).
    totp_qr: Option<String>,
    new_token: Option<String>,
    tokens: Vec<TokenRow>,
}

#[derive(Default)]
struct Extra {
    totp: Option<(String, String)>,
    new_token: Option<String>,
    error: Option<String>,
}

async fn render(web: &Web, o: &OrgCtx, flash: &Flash, extra: Extra) -> Result<Response, WebError> {
    let tokens = web
        .app
        .api_tokens(&o.actor)
        .await?
        .into_iter()
        // The account page lists the user's own live keys (owners see every key of the organisation via the app).
        .filter(|t| !t.revoked && t.user_id == o.session.user.id)
        .map(|t| TokenRow {
            id: t.id,
            name: t.name,
            created: o.ctx.tr().date_time_ms(t.created_at_ms),
        })
        .collect();
    let mut c = Chrome::org(o, "account-title", "account", flash);
    let status = if extra.error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    if extra.error.is_some() {
        c.error = extra.error;
    }
    let (totp_uri, totp_secret) = match extra.totp {
        Some((u, s)) => (Some(u), Some(s)),
        None => (None, None),
    };
    let page = AccountPage {
        c,
        org: o.org_slug.clone(),
        email: o.session.user.email.clone(),
        totp_enabled: o.session.user.totp_enabled,
        totp_qr: totp_uri.as_deref().and_then(qr_svg),
        totp_uri,
        totp_secret,
        new_token: extra.new_token,
        tokens,
    };
    Ok((status, page).into_response())
}

/// A QR code of `text` as an inline `<svg>` element, or `None` if it does not fit in one.
pub(crate) fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::new(text.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    // Inline in HTML: drop the XML declaration the renderer starts with.
    let start = svg.find("<svg")?;
    Some(svg[start..].to_owned())
}

fn back(o: &OrgCtx, notice: &str) -> Response {
    see_other(&format!("/o/{}/account?notice={notice}", o.org_slug))
}

/// Field errors go back to the form as a readable message; anything else is an error page.
async fn form_error(web: &Web, o: &OrgCtx, e: AppError) -> Result<Response, WebError> {
    match e {
        AppError::Invalid { field, message } => {
            let msg = super::auth::field_error(&o.ctx, field, &message);
            render(
                web,
                o,
                &Flash::default(),
                Extra {
                    error: Some(msg),
                    ..Extra::default()
                },
            )
            .await
        }
        AppError::Unauthenticated => {
            let msg = o.ctx.tr().t("error-wrong-password").to_owned();
            render(
                web,
                o,
                &Flash::default(),
                Extra {
                    error: Some(msg),
                    ..Extra::default()
                },
            )
            .await
        }
        e => Err(e.into()),
    }
}

pub async fn account(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    render(&web, &o, &flash, Extra::default()).await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

pub async fn change_password(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<PasswordForm>,
) -> Result<Response, WebError> {
    if let Err(e) = kluis_domain::identity::Password::parse(&f.new) {
        let tr = o.ctx.tr();
        let msg = super::auth::labelled(tr, "new_password", &super::auth::password_error(tr, e));
        return render(
            &web,
            &o,
            &Flash::default(),
            Extra {
                error: Some(msg),
                ..Extra::default()
            },
        )
        .await;
    }
    match web
        .app
        .change_password_in_session(&o.token, &f.current, &f.new, &o.ctx.origin)
        .await
    {
        Ok(_) => Ok(back(&o, "password-changed")),
        Err(e) => form_error(&web, &o, e).await,
    }
}

#[derive(Deserialize)]
pub struct LocaleForm {
    #[serde(default)]
    lang: String,
}

pub async fn set_locale(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<LocaleForm>,
) -> Result<Response, WebError> {
    let lang = Lang::from_code(&f.lang)
        .ok_or_else(|| WebError::BadRequest(o.ctx.tr().t("error-invalid-language").to_owned()))?;
    web.app
        .set_locale(&o.session.user.id, locale_from_lang(lang))
        .await?;
    Ok(back(&o, "language-changed"))
}

pub async fn totp_begin(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    let enrol = web.app.totp_begin(&o.session.user.id).await?;
    render(
        &web,
        &o,
        &Flash::default(),
        Extra {
            totp: Some((enrol.uri, enrol.secret)),
            ..Extra::default()
        },
    )
    .await
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    /// The secret shown at enrolment travels back with the code; nothing is stored until the code matches.
    #[serde(default)]
    secret: String,
    #[serde(default)]
    uri: String,
}

pub async fn totp_confirm(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<CodeForm>,
) -> Result<Response, WebError> {
    match web
        .app
        .totp_confirm(&o.session.user.id, &f.secret, f.code.trim())
        .await
    {
        Ok(_) => Ok(back(&o, "totp-enabled")),
        Err(AppError::Invalid { .. } | AppError::Unauthenticated) => {
            let msg = o.ctx.tr().t("error-totp-code").to_owned();
            let totp = (!f.secret.is_empty()).then(|| (f.uri.clone(), f.secret.clone()));
            render(
                &web,
                &o,
                &Flash::default(),
                Extra {
                    error: Some(msg),
                    totp,
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    password: String,
}

pub async fn totp_disable(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<DisableForm>,
) -> Result<Response, WebError> {
    match web.app.totp_disable(&o.session.user.id, &f.password).await {
        Ok(_) => Ok(back(&o, "totp-disabled")),
        // The only field here is the password, and the only refusal that it is wrong.
        Err(AppError::Invalid { .. }) => form_error(&web, &o, AppError::Unauthenticated).await,
        Err(e) => form_error(&web, &o, e).await,
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(web): State<Web>,
    o: OrgCtx,
    PageForm(f): PageForm<TokenForm>,
) -> Result<Response, WebError> {
    match web.app.create_api_token(&o.actor, f.name.trim()).await {
        // Shown once, on this response only: it is not stored in clear anywhere.
        Ok((_, token)) => {
            render(
                &web,
                &o,
                &Flash::default(),
                Extra {
                    new_token: Some(token),
                    ..Extra::default()
                },
            )
            .await
        }
        Err(e) => form_error(&web, &o, e).await,
    }
}

pub async fn revoke_token(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, token)): Path<(String, String)>,
) -> Result<Response, WebError> {
    web.app.revoke_api_token(&o.actor, &token).await?;
    Ok(back(&o, "token-revoked"))
}
