//! The invitee's side of an invitation: the page behind the one-time link, to accept as a new account or as
//! the logged-in account with the invited address.

use super::auth::{field_error, labelled, password_error};
use super::see_other;
use crate::Web;
use crate::backend::{AppError, Invitee};
use crate::context::{Ctx, locale_from_lang};
use crate::error::{PageForm, WebError};
use crate::nav::Chrome;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kluis_domain::Role;
use kluis_domain::identity::Password;
use serde::Deserialize;

/// What the page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Offer {
    /// The link no longer works (unknown, used, revoked or expired), or another account is logged in: only
    /// the message.
    Nothing,
    /// Not logged in: set a name and password for a new account, or log in first.
    NewAccount,
    /// Logged in with the invited address: accept.
    Accept,
}

#[derive(Template, WebTemplate)]
#[template(path = "invite.html")]
struct InvitePage {
    c: Chrome,
    token: String,
    offer: Offer,
    /// "Join … as …", for the holder of a working link (never to another logged-in account).
    intro: String,
    form_name: String,
}

impl InvitePage {
    fn new_account(&self) -> bool {
        self.offer == Offer::NewAccount
    }

    fn accept(&self) -> bool {
        self.offer == Offer::Accept
    }
}

fn chrome(ctx: &Ctx) -> Chrome {
    match &ctx.session {
        Some(s) => Chrome::session(ctx.tr(), &ctx.csrf, s, None, "invite-title"),
        None => Chrome::with_ctx_public(ctx, "invite-title"),
    }
}

fn role_name(ctx: &Ctx, r: Role) -> String {
    ctx.tr()
        .t(&format!("role-{}", r.as_str().replace('_', "-")))
        .to_owned()
}

/// The page with only a message: the link no longer works (404) or is for another address (403).
fn refused(ctx: &Ctx, token: String, status: StatusCode, key: &str) -> Response {
    let mut c = chrome(ctx);
    c.error = Some(ctx.tr().t(key).to_owned());
    let page = InvitePage {
        c,
        token,
        offer: Offer::Nothing,
        intro: String::new(),
        form_name: String::new(),
    };
    (status, page).into_response()
}

/// Renders the page for a working link, with an error (and its status) when a submission was refused.
async fn show(
    web: &Web,
    ctx: &Ctx,
    token: String,
    error: Option<(String, StatusCode)>,
    form_name: &str,
) -> Result<Response, WebError> {
    let user = ctx.session.as_ref().map(|s| s.user.id.clone());
    let view = match web.app.invitation_view(&token, user.as_ref()).await {
        Ok(v) => v,
        Err(AppError::NotFound) => {
            return Ok(refused(ctx, token, StatusCode::NOT_FOUND, "invite-invalid"));
        }
        Err(e) => return Err(e.into()),
    };
    let offer = match view.invitee {
        Invitee::OtherAccount => {
            return Ok(refused(
                ctx,
                token,
                StatusCode::FORBIDDEN,
                "invite-other-account",
            ));
        }
        Invitee::ThisAccount => Offer::Accept,
        Invitee::Anonymous => Offer::NewAccount,
    };
    let tr = ctx.tr();
    let mut c = chrome(ctx);
    let status = match error {
        Some((msg, status)) => {
            c.error = Some(msg);
            status
        }
        None => StatusCode::OK,
    };
    let intro = tr.t_with(
        "invite-intro",
        &[
            ("org", &view.org.name),
            ("role", &role_name(ctx, view.role)),
            ("expires", &tr.date_time_ms(view.expires_at_ms)),
        ],
    );
    let page = InvitePage {
        c,
        token,
        offer,
        intro,
        form_name: form_name.to_owned(),
    };
    Ok((status, page).into_response())
}

/// `GET /invite/{token}`: the invitation, or why the link no longer works.
pub async fn invite_form(
    State(web): State<Web>,
    ctx: Ctx,
    Path(token): Path<String>,
) -> Result<Response, WebError> {
    show(&web, &ctx, token, None, "").await
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// `POST /invite/{token}`: accepts, as the logged-in account with the invited address, or by making a new
/// account with the invitee's own name and password (then the invitee logs in).
pub async fn invite_submit(
    State(web): State<Web>,
    ctx: Ctx,
    Path(token): Path<String>,
    PageForm(f): PageForm<InviteForm>,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    if let Some(s) = &ctx.session {
        return match web
            .app
            .accept_invitation(&token, &s.user.id, &ctx.origin)
            .await
        {
            Ok(org) => Ok(see_other(&format!("/o/{}?notice=invite-joined", org.slug))),
            Err(AppError::NotFound) => Ok(refused(
                &ctx,
                token,
                StatusCode::NOT_FOUND,
                "invite-invalid",
            )),
            Err(AppError::Forbidden) => Ok(refused(
                &ctx,
                token,
                StatusCode::FORBIDDEN,
                "invite-other-account",
            )),
            Err(AppError::Conflict(_)) => {
                let msg = tr.t("invite-already-member").to_owned();
                show(&web, &ctx, token, Some((msg, StatusCode::CONFLICT)), "").await
            }
            Err(e) => Err(e.into()),
        };
    }
    // Checked here too, so that a refusal is worded in the invitee's language.
    if let Err(e) = Password::parse(&f.password) {
        let msg = labelled(tr, "password", &password_error(tr, e));
        return show(
            &web,
            &ctx,
            token,
            Some((msg, StatusCode::BAD_REQUEST)),
            &f.name,
        )
        .await;
    }
    let locale = locale_from_lang(ctx.lang);
    match web
        .app
        .accept_invitation_new_account(&token, &f.name, &f.password, locale, &ctx.origin)
        .await
    {
        Ok(_) => Ok(see_other("/login?notice=invite-accepted")),
        Err(AppError::NotFound) => Ok(refused(
            &ctx,
            token,
            StatusCode::NOT_FOUND,
            "invite-invalid",
        )),
        Err(AppError::Conflict(_)) => {
            let msg = tr.t("invite-account-exists").to_owned();
            show(
                &web,
                &ctx,
                token,
                Some((msg, StatusCode::CONFLICT)),
                &f.name,
            )
            .await
        }
        Err(AppError::Invalid { field, message }) => {
            let msg = field_error(&ctx, field, &message);
            show(
                &web,
                &ctx,
                token,
                Some((msg, StatusCode::BAD_REQUEST)),
                &f.name,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
