//! The rights pages of a request: linking it to its relation, the access bundle and portability downloads, the
//! rectification and the erasure with its report, and the public request form of an organisation.
//!
//! Every decision is the application's; a refused action comes back to the request as a flash key. No personal
//! value travels in a URL: searches and corrections are posted.

use super::{require, see_other};
use crate::backend::AppError;
use crate::context::{Ctx, OrgCtx};
use crate::download::download_response;
use crate::error::WebError;
use crate::i18n::Tr;
use crate::nav::{Chrome, Flash};
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use kluis_app::{AccessOptions, PublicRequest, RelationView};
use kluis_domain::Permission;
use kluis_domain::relations::RelationField;
use kluis_domain::relations::requests::RequestKind;
use std::collections::BTreeMap;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .post("/o/{org}/requests/{request}/link", link)
        .get("/o/{org}/requests/{request}/access", access)
        .get("/o/{org}/requests/{request}/portability", portability)
        .post("/o/{org}/requests/{request}/rectify", rectify)
        .post("/o/{org}/requests/{request}/erase", erase)
        .get("/o/{org}/requests/{request}/report", report)
        .get("/p/{slug}/requests", public_form)
        .post("/p/{slug}/requests", public_submit)
}

fn pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or(String::new(), |(_, v)| v.trim().to_owned())
}

/// The flash key (`error-<key>`) of a refused rights action.
fn error_key(e: &AppError) -> &'static str {
    match e {
        AppError::Invalid { field, message } => match *field {
            "relation" if message.contains("several") => "rights-error-several",
            "relation" => "rights-error-no-relation",
            "kind" => "rights-error-kind",
            "values" if message.contains("nothing") => "rights-error-nothing-changed",
            "values" => "rights-error-values",
            _ => "rights-error-invalid",
        },
        AppError::Conflict(m) if m.contains("link") => "rights-error-not-linked",
        AppError::Conflict(m) if m.contains("verify") => "rights-error-not-verified",
        AppError::Conflict(m) if m.contains("no erasure") => "rights-error-no-erasure",
        AppError::Conflict(m) if m.contains("no longer exists") => "rights-error-relation-gone",
        _ => "rights-error-conflict",
    }
}

/// The result of an action that goes back to the request's page.
fn back(o: &OrgCtx, id: &str, r: Result<&'static str, AppError>) -> Result<Response, WebError> {
    let base = format!("/o/{}/requests/{}", o.org_slug, id.trim());
    match r {
        Ok(notice) => Ok(see_other(&format!("{base}?notice={notice}"))),
        Err(AppError::NotFound) => Err(AppError::NotFound.into()),
        Err(AppError::Forbidden) => Err(AppError::Forbidden.into()),
        Err(e @ (AppError::Invalid { .. } | AppError::Conflict(_))) => {
            Ok(see_other(&format!("{base}?error={}", error_key(&e))))
        }
        Err(e) => Err(e.into()),
    }
}

/// One relation a search found, to choose.
pub struct Choice {
    pub id: String,
    pub name: String,
    pub kind: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/link.html")]
pub(crate) struct LinkPage {
    c: Chrome,
    org: String,
    id: String,
    choices: Vec<Choice>,
}

fn choice(tr: Tr, r: &RelationView) -> Choice {
    Choice {
        id: r.id.clone(),
        name: r.name.clone(),
        kind: tr
            .t(&format!(
                "relation-kind-{}",
                r.kind.as_str().replace('_', "-")
            ))
            .to_owned(),
    }
}

/// Links the request: to `relation` when posted, to the one relation a posted search `q` finds (a choice when
/// it finds several), or to the relation with the requester's address.
pub async fn link(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    web.app.request_exists(&o.actor, &id).await?;
    let p = pairs(&body);
    let relation = first(&p, "relation");
    let q = first(&p, "q");
    if relation.is_empty() && !q.is_empty() {
        let found = match web.app.search_relations(&o.actor, &q).await {
            Ok(f) => f,
            Err(e @ AppError::Invalid { .. }) => return back(&o, &id, Err(e)),
            Err(e) => return Err(e.into()),
        };
        if found.len() != 1 {
            if found.is_empty() {
                return back(
                    &o,
                    &id,
                    Err(AppError::Invalid {
                        field: "relation",
                        message: "none".into(),
                    }),
                );
            }
            let tr = o.ctx.tr();
            let page = LinkPage {
                c: Chrome::org(&o, "rights-link-title", "requests", &Flash::default()),
                org: o.org_slug.clone(),
                id: id.trim().to_owned(),
                choices: found.iter().map(|r| choice(tr, r)).collect(),
            };
            return Ok(page.into_response());
        }
        let r = web
            .app
            .link_request(&o.actor, &id, Some(&found[0].id))
            .await
            .map(|_| "rights-linked");
        return back(&o, &id, r);
    }
    let chosen = (!relation.is_empty()).then_some(relation.as_str());
    let r = web
        .app
        .link_request(&o.actor, &id, chosen)
        .await
        .map(|_| "rights-linked");
    back(&o, &id, r)
}

#[derive(serde::Deserialize, Default)]
pub struct AccessQuery {
    /// `0` leaves the documents' bytes out.
    documents: Option<String>,
}

fn file_or_back(
    o: &OrgCtx,
    id: &str,
    r: Result<kluis_app::RequestFile, AppError>,
) -> Result<Response, WebError> {
    match r {
        Ok(f) => Ok(download_response(&f.file_name, f.content_type, f.bytes)),
        Err(e) => back(o, id, Err(e)),
    }
}

pub async fn access(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<AccessQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    let opts = AccessOptions {
        document_bytes: q.documents.as_deref() != Some("0"),
    };
    let r = web.app.request_access_bundle(&o.actor, &id, opts).await;
    file_or_back(&o, &id, r)
}

pub async fn portability(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    let r = web.app.request_portability(&o.actor, &id).await;
    file_or_back(&o, &id, r)
}

/// The posted corrections: `field` and `value` pairs, or `value_<field>` fields.
fn corrections(p: &[(String, String)]) -> Result<BTreeMap<RelationField, String>, AppError> {
    let mut out = BTreeMap::new();
    let field = first(p, "field");
    if !field.is_empty() {
        let f = field
            .parse::<RelationField>()
            .map_err(|_| AppError::Invalid {
                field: "values",
                message: "not a field".into(),
            })?;
        out.insert(f, first(p, "value"));
    }
    for (k, v) in p {
        if let Some(f) = k.strip_prefix("value_")
            && let Ok(f) = f.parse::<RelationField>()
        {
            out.insert(f, v.trim().to_owned());
        }
    }
    Ok(out)
}

pub async fn rectify(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    web.app.request_exists(&o.actor, &id).await?;
    let r = match corrections(&pairs(&body)) {
        Ok(c) => web
            .app
            .request_rectify(&o.actor, &id, &c)
            .await
            .map(|_| "rights-rectified"),
        Err(e) => Err(e),
    };
    back(&o, &id, r)
}

pub async fn erase(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    web.app.request_exists(&o.actor, &id).await?;
    let r = web
        .app
        .request_erase(&o.actor, &id)
        .await
        .map(|_| "rights-erased");
    back(&o, &id, r)
}

#[derive(serde::Deserialize, Default)]
pub struct ReportQuery {
    format: Option<String>,
}

pub async fn report(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<ReportQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::HandleRequests)?;
    let format = q.format.unwrap_or_else(|| "html".into());
    let r = web.app.request_erasure_report(&o.actor, &id, &format).await;
    file_or_back(&o, &id, r)
}

/// The public form's values, kept when one is refused.
#[derive(Default)]
pub struct PublicForm {
    pub name: String,
    pub email: String,
    pub kind: String,
    pub message: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "requests/public.html")]
pub(crate) struct PublicPage {
    lang: &'static str,
    tr: Tr,
    org_name: String,
    slug: String,
    csrf: String,
    token: String,
    kinds: Vec<(String, String, bool)>,
    form: PublicForm,
    error: Option<String>,
    done: bool,
}

async fn public_page(
    web: &Web,
    ctx: &Ctx,
    slug: &str,
    form: PublicForm,
    error: Option<String>,
    done: bool,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let Some((org_name, token)) = web.app.public_request_form(slug).await? else {
        return Err(WebError::NotFound);
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    let kinds = RequestKind::ALL
        .iter()
        .map(|k| {
            (
                k.as_str().to_owned(),
                format!("{} ({})", tr.t(&k.label_key()), k.article()),
                form.kind == k.as_str(),
            )
        })
        .collect();
    let page = PublicPage {
        lang: ctx.lang.code(),
        tr,
        org_name,
        slug: slug.to_owned(),
        csrf: ctx.csrf.clone(),
        token,
        kinds,
        form,
        error,
        done,
    };
    Ok((status, page).into_response())
}

pub async fn public_form(
    State(web): State<Web>,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, WebError> {
    public_page(&web, &ctx, &slug, PublicForm::default(), None, false).await
}

pub async fn public_submit(
    State(web): State<Web>,
    ctx: Ctx,
    Path(slug): Path<String>,
    body: Bytes,
) -> Result<Response, WebError> {
    let tr = ctx.tr();
    let p = pairs(&body);
    let form = PublicForm {
        name: first(&p, "name"),
        email: first(&p, "email"),
        kind: first(&p, "kind"),
        message: first(&p, "message"),
    };
    // The honeypot: a field people never see and robots fill in. Told the same as a person, stored nowhere.
    if !first(&p, "website").is_empty() {
        return public_page(&web, &ctx, &slug, PublicForm::default(), None, true).await;
    }
    let Ok(kind) = form.kind.parse::<RequestKind>() else {
        let e = tr.t("rights-public-error-kind").to_owned();
        return public_page(&web, &ctx, &slug, form, Some(e), false).await;
    };
    let input = PublicRequest {
        kind,
        name: form.name.clone(),
        email: form.email.clone(),
        message: form.message.clone(),
        lang: ctx.lang,
    };
    match web
        .app
        .create_public_request(&slug, &first(&p, "token"), &input, ctx.origin.clone())
        .await
    {
        Ok(_) => public_page(&web, &ctx, &slug, PublicForm::default(), None, true).await,
        Err(AppError::Invalid { field, .. }) => {
            let key = match field {
                "token" => "rights-public-error-token",
                "requester_name" => "rights-public-error-name",
                "requester_email" => "rights-public-error-email",
                "message" => "rights-public-error-message",
                _ => "error-invalid-value",
            };
            let e = tr.t(key).to_owned();
            public_page(&web, &ctx, &slug, form, Some(e), false).await
        }
        Err(e) => Err(e.into()),
    }
}
