//! The documents of a breach as downloads from its page: the notification to the authority (PDF, JSON, W3C DPV)
//! and the letter to the people affected (HTML, PDF), in the page's language or `?lang=`.

use super::require;
use crate::context::OrgCtx;
use crate::download::download_response;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::{Routes, Web};
use axum::extract::{Path, Query, State};
use axum::response::Response;
use kluis_app::{AppError, BreachDocument};
use kluis_domain::Permission;
use serde::Deserialize;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get(
            "/o/{org}/breaches/{breach}/notification/{format}",
            notification,
        )
        .get("/o/{org}/breaches/{breach}/letter/{format}", letter)
}

#[derive(Deserialize)]
pub struct LangQuery {
    lang: Option<String>,
}

async fn document(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    format: &str,
    letter: bool,
    q: &LangQuery,
) -> Result<Response, WebError> {
    require(o, Permission::HandleBreaches)?;
    let doc = BreachDocument::parse(format, letter).ok_or(AppError::NotFound)?;
    let lang = q
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(o.ctx.lang);
    let file = web.app.breach_document(&o.actor, id, doc, lang).await?;
    Ok(download_response(
        &file.file_name,
        file.content_type,
        file.bytes,
    ))
}

async fn notification(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id, format)): Path<(String, String, String)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    document(&web, &o, &id, &format, false, &q).await
}

async fn letter(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id, format)): Path<(String, String, String)>,
    Query(q): Query<LangQuery>,
) -> Result<Response, WebError> {
    document(&web, &o, &id, &format, true, &q).await
}
