//! Per-request context of the HTML pages: session, language, CSRF check, and the extractors handlers use.
//!
//! `page_context` runs in front of every page route. It resolves the session cookie once, picks the language,
//! rejects any state-changing request whose CSRF token does not match, and turns error markers left by handlers
//! into translated error pages (handlers do not know the language when they fail).

use crate::backend::{Actor, Origin, SessionInfo};
use crate::cookies;
use crate::error::{ErrorKind, WebError};
use crate::i18n::{Lang, Tr};
use crate::{Web, backend};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, RawPathParams, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::net::SocketAddr;
use std::sync::Arc;
use subtle::ConstantTimeEq as _;

/// What every page handler knows about the request.
#[derive(Clone)]
pub struct Ctx {
    pub lang: Lang,
    pub session: Option<Arc<SessionInfo>>,
    pub session_token: Option<String>,
    /// The token every form on the page must send back (session token, or the pre-login cookie's).
    pub csrf: String,
    pub origin: Origin,
    pub secure_cookies: bool,
}

impl Ctx {
    pub fn tr(&self) -> Tr {
        Tr::new(self.lang)
    }
}

pub fn origin_of(headers: &HeaderMap, connect: Option<&ConnectInfo<SocketAddr>>) -> Origin {
    let ip = connect
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".to_owned());
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .map(|ua| ua.chars().take(200).collect::<String>());
    Origin::new(ip, user_agent)
}

pub fn lang_from_locale(l: backend::Locale) -> Lang {
    match l {
        backend::Locale::Nl => Lang::Nl,
        backend::Locale::En => Lang::En,
    }
}

pub fn locale_from_lang(l: Lang) -> backend::Locale {
    match l {
        Lang::Nl => backend::Locale::Nl,
        Lang::En => backend::Locale::En,
    }
}

/// 32 random bytes as hex: pre-login CSRF tokens.
pub fn random_hex() -> String {
    let bytes: [u8; 32] = rand::random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn is_safe(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn tokens_match(expected: &str, provided: &str) -> bool {
    !expected.is_empty()
        && expected.len() == provided.len()
        && bool::from(expected.as_bytes().ct_eq(provided.as_bytes()))
}

pub async fn page_context(State(web): State<Web>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let secure = web.opts.secure_cookies;
    let origin = origin_of(
        &parts.headers,
        parts.extensions.get::<ConnectInfo<SocketAddr>>(),
    );
    let mut set_cookies: Vec<String> = Vec::new();

    let fallback_lang = cookies::get(&parts.headers, cookies::LANG)
        .and_then(|c| Lang::from_code(&c))
        .unwrap_or_else(|| {
            Lang::from_accept_language(
                parts
                    .headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        });

    let session_token = cookies::get(&parts.headers, cookies::SESSION);
    let session = match &session_token {
        Some(token) => match web.app.session(token).await {
            Ok(Some(s)) => Some(Arc::new(s)),
            Ok(None) => {
                // Expired or revoked: forget the cookie so the browser stops sending it.
                set_cookies.push(cookies::clear(cookies::SESSION, secure));
                None
            }
            Err(e) => return render_error(fallback_lang, WebError::from(e).kind(), None),
        },
        None => None,
    };
    let session_token = session.as_ref().and(session_token);
    let lang = session
        .as_ref()
        .map(|s| lang_from_locale(s.locale))
        .unwrap_or(fallback_lang);

    let csrf = match &session {
        Some(s) => s.csrf_token.clone(),
        None => match cookies::get(&parts.headers, cookies::PRE_CSRF) {
            Some(c) => c,
            None => {
                let fresh = random_hex();
                set_cookies.push(cookies::set(cookies::PRE_CSRF, &fresh, secure, None));
                fresh
            }
        },
    };

    let body = if is_safe(&parts.method) {
        body
    } else {
        // Buffer the body (already size-limited) to read the form field, then hand it on unchanged.
        // The router's body-limit layers hold ordinary routes to `max_body_bytes`; only uploads get this far.
        let limit = web.opts.max_body_bytes.max(web.opts.max_upload_bytes);
        let bytes = match axum::body::to_bytes(body, limit).await {
            Ok(b) => b,
            Err(_) => {
                let detail = crate::pages::documents::too_large_detail(lang, &parts, &web.opts);
                return render_error(lang, ErrorKind::TooLarge, detail);
            }
        };
        let provided = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
            .or_else(|| {
                let ct = parts
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok());
                crate::multipart::text_field(&bytes, ct.unwrap_or(""), "csrf")
            })
            .or_else(|| {
                form_urlencoded::parse(&bytes)
                    .find(|(k, _)| k == "csrf")
                    .map(|(_, v)| v.into_owned())
            })
            .unwrap_or_default();
        if !tokens_match(&csrf, &provided) {
            return with_cookies(render_error(lang, ErrorKind::Csrf, None), &set_cookies);
        }
        Body::from(bytes)
    };

    let is_htmx = parts.headers.contains_key("hx-request");
    // Error pages keep the logged-in header and navigation; these outlive the context handed to the handler.
    let error_session = session.clone();
    let error_csrf = csrf.clone();
    let path = parts.uri.path().to_owned();
    parts.extensions.insert(Ctx {
        lang,
        session,
        session_token,
        csrf,
        origin,
        secure_cookies: secure,
    });
    let res = next.run(Request::from_parts(parts, body)).await;

    let res = match res.extensions().get::<ErrorKind>().cloned() {
        Some(ErrorKind::LoginRequired) => login_redirect(is_htmx),
        Some(kind) => {
            let detail = res
                .extensions()
                .get::<crate::error::Detail>()
                .map(|d| d.0.clone());
            render_error_for(
                lang,
                kind,
                detail,
                &error_csrf,
                error_session.as_deref(),
                &path,
            )
        }
        None => res,
    };
    with_cookies(res, &set_cookies)
}

fn with_cookies(mut res: Response, cookies: &[String]) -> Response {
    for c in cookies {
        if let Ok(v) = HeaderValue::from_str(c) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

fn login_redirect(is_htmx: bool) -> Response {
    if is_htmx {
        // htmx would swap a redirected login page into a fragment; ask it to navigate instead.
        ([("hx-redirect", "/login")], "").into_response()
    } else {
        axum::response::Redirect::to("/login").into_response()
    }
}

pub fn render_error(lang: Lang, kind: ErrorKind, detail: Option<String>) -> Response {
    crate::pages::error_page(Tr::new(lang), kind, detail)
}

/// An error page for the request to `path`: with the navigation of the organisation in the path (`/o/{org}`)
/// when `session` is a member there.
pub fn render_error_for(
    lang: Lang,
    kind: ErrorKind,
    detail: Option<String>,
    csrf: &str,
    session: Option<&SessionInfo>,
    path: &str,
) -> Response {
    let org = path
        .strip_prefix("/o/")
        .and_then(|rest| rest.split('/').next());
    crate::pages::error_page_for(Tr::new(lang), kind, detail, csrf, session, org)
}

/// The language, session and CSRF token of a request that did not pass `page_context` (unknown paths): the
/// same choices it would have made, without setting cookies.
pub async fn light_context(web: &Web, headers: &HeaderMap) -> (Lang, Option<SessionInfo>, String) {
    let session = match cookies::get(headers, cookies::SESSION) {
        Some(token) => web.app.session(&token).await.ok().flatten(),
        None => None,
    };
    let lang = match &session {
        Some(s) => lang_from_locale(s.locale),
        None => cookies::get(headers, cookies::LANG)
            .and_then(|c| Lang::from_code(&c))
            .unwrap_or_else(|| {
                Lang::from_accept_language(
                    headers
                        .get(header::ACCEPT_LANGUAGE)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or(""),
                )
            }),
    };
    let csrf = match &session {
        Some(s) => s.csrf_token.clone(),
        None => cookies::get(headers, cookies::PRE_CSRF).unwrap_or_default(),
    };
    (lang, session, csrf)
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<Ctx>()
            .cloned()
            .ok_or_else(|| WebError::Internal(anyhow::anyhow!("page context missing")))
    }
}

/// A logged-in user (any organisation).
pub struct UserCtx {
    pub ctx: Ctx,
    pub session: Arc<SessionInfo>,
    pub token: String,
}

impl<S: Send + Sync> FromRequestParts<S> for UserCtx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, Self::Rejection> {
        let ctx = Ctx::from_request_parts(parts, s).await?;
        match (ctx.session.clone(), ctx.session_token.clone()) {
            (Some(session), Some(token)) => Ok(UserCtx {
                ctx,
                session,
                token,
            }),
            _ => Err(WebError::LoginRequired),
        }
    }
}

/// A logged-in member of the organisation in the path (`/o/{org}/…`), as checked by the application.
pub struct OrgCtx {
    pub ctx: Ctx,
    pub session: Arc<SessionInfo>,
    pub token: String,
    pub actor: Actor,
    pub org_slug: String,
}

impl FromRequestParts<Web> for OrgCtx {
    type Rejection = WebError;
    async fn from_request_parts(parts: &mut Parts, web: &Web) -> Result<Self, Self::Rejection> {
        let user = UserCtx::from_request_parts(parts, web).await?;
        let params = RawPathParams::from_request_parts(parts, web)
            .await
            .map_err(|_| WebError::NotFound)?;
        let org = params
            .iter()
            .find(|(k, _)| *k == "org")
            .map(|(_, v)| v.to_owned())
            .ok_or(WebError::NotFound)?;
        let actor = web
            .app
            .session_actor(&user.session, &org, &user.ctx.origin)?;
        Ok(OrgCtx {
            ctx: user.ctx,
            session: user.session,
            token: user.token,
            actor,
            org_slug: org,
        })
    }
}
