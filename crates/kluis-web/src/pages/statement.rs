//! The privacy-statement pages: the organisation's view (what is missing, a preview, publishing, the versions,
//! the code to embed it) and the public page per organisation, which needs no login.

use crate::context::{Ctx, OrgCtx};
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::nav::{Chrome, Flash};
use crate::statement_text;
use crate::{Routes, Web};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use kluis_app::{Actor, AppError, RenderedStatement};
use kluis_domain::Permission;
use kluis_domain::calendar::utc_date_of_ms;
use kluis_domain::register::statement::{MissingItem, StatementContent, statement};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use super::see_other;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/statement", overview)
        .post("/o/{org}/statement/publish", publish)
        .get("/o/{org}/statement/versions/{version}", version_page)
        .get("/p/{slug}/privacy", public_latest)
        .get("/p/{slug}/privacy/{version}", public_version)
}

/// The statement the register yields now, or what it lacks.
pub(crate) async fn current(
    web: &Web,
    actor: &Actor,
) -> Result<Result<StatementContent, Vec<MissingItem>>, AppError> {
    let register = web.app.register_snapshot(actor, None).await?;
    Ok(statement(&register))
}

/// The date a publication time shows in `tr`'s language.
fn published_date(tr: Tr, at_ms: i64) -> String {
    utc_date_of_ms(at_ms)
        .map(|d| tr.date(d))
        .unwrap_or_default()
}

/// Every language's rendering of `content` for version `version` published at `at_ms`.
pub(crate) fn render_all(
    content: &StatementContent,
    version: i64,
    at_ms: i64,
) -> Vec<RenderedStatement> {
    Lang::ALL
        .iter()
        .map(|lang| {
            let tr = Tr::new(*lang);
            let date = published_date(tr, at_ms);
            RenderedStatement {
                lang: lang.code().to_owned(),
                html: statement_text::html(tr, content, version, &date),
                markdown: statement_text::markdown(tr, content, version, &date),
            }
        })
        .collect()
}

/// What is missing, one line per item, in `tr`'s language.
pub(crate) fn missing_lines(tr: Tr, missing: &[MissingItem]) -> Vec<String> {
    missing
        .iter()
        .map(|m| {
            let key = format!("statement-item-{}", m.item.as_str().replace('_', "-"));
            let item = tr.t(&key);
            match &m.activity {
                Some(a) => tr.t_with(
                    "statement-missing-line-activity",
                    &[
                        ("item", item),
                        ("article", m.item.article()),
                        ("activity", a),
                    ],
                ),
                None => tr.t_with(
                    "statement-missing-line",
                    &[("item", item), ("article", m.item.article())],
                ),
            }
        })
        .collect()
}

pub struct VersionRow {
    pub version: i64,
    pub date: String,
    pub by: String,
    pub langs: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "statement/overview.html")]
struct OverviewPage {
    c: Chrome,
    org: String,
    can_publish: bool,
    missing: Vec<String>,
    preview_html: String,
    versions: Vec<VersionRow>,
    embed_code: String,
    public_href: String,
}

async fn overview(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    if !o.actor.role.allows(Permission::Read) {
        return Err(WebError::Forbidden);
    }
    let tr = o.ctx.tr();
    let versions = web.app.statement_versions(&o.actor).await?;
    let (missing, preview_html) = match current(&web, &o.actor).await? {
        Ok(content) => {
            let next = versions.first().map_or(1, |v| v.version + 1);
            let today = published_date(tr, kluis_store_now());
            (Vec::new(), statement_text::html(tr, &content, next, &today))
        }
        Err(m) => (missing_lines(tr, &m), String::new()),
    };
    let org = o.org_slug.clone();
    let mut rows = Vec::new();
    // Usually one or two people publish: each name is read (and audited) once per page.
    let mut names: std::collections::HashMap<String, String> = Default::default();
    for v in &versions {
        if !names.contains_key(&v.published_by) {
            let name = web
                .app
                .member_display_name(&o.actor, &v.published_by)
                .await?
                .unwrap_or_else(|| tr.t("statement-former-member").to_owned());
            names.insert(v.published_by.clone(), name);
        }
        rows.push(VersionRow {
            version: v.version,
            date: tr.date_time_ms(v.published_at),
            by: names.get(&v.published_by).cloned().unwrap_or_default(),
            langs: v.langs.join(", "),
            href: format!("/o/{org}/statement/versions/{}", v.version),
        });
    }
    let public_href = format!("/p/{org}/privacy");
    let embed_code = format!(
        "<iframe src=\"{}?lang={}&amp;embed=1\" title=\"{}\" style=\"width:100%;min-height:40em;border:0\"></iframe>",
        super::absolute_link(&headers, o.ctx.secure_cookies, &public_href),
        tr.code(),
        tr.t("statement-page-title"),
    );
    let page = OverviewPage {
        c: Chrome::org(&o, "statement-page-title", "statement", &flash),
        can_publish: o.actor.role.allows(Permission::ManageRegister),
        missing,
        preview_html,
        versions: rows,
        embed_code,
        public_href,
        org,
    };
    Ok(page.into_response())
}

fn kluis_store_now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp() * 1000
}

async fn publish(State(web): State<Web>, o: OrgCtx) -> Result<Response, WebError> {
    if !o.actor.role.allows(Permission::ManageRegister) {
        return Err(WebError::Forbidden);
    }
    let org = o.org_slug.clone();
    match current(&web, &o.actor).await? {
        Ok(content) => {
            web.app
                .publish_statement(&o.actor, &content, &|version, at| {
                    render_all(&content, version, at)
                })
                .await?;
            Ok(see_other(&format!(
                "/o/{org}/statement?notice=statement-published"
            )))
        }
        Err(_) => Ok(see_other(&format!(
            "/o/{org}/statement?error=statement-incomplete"
        ))),
    }
}

#[derive(Deserialize)]
pub(crate) struct VersionQuery {
    lang: Option<String>,
    format: Option<String>,
    embed: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "statement/version.html")]
struct VersionPage {
    c: Chrome,
    org: String,
    markdown_href: String,
    pdf_href: String,
    html: String,
    langs: Vec<(String, String)>,
}

fn markdown_response(markdown: String, file: &str) -> Response {
    let mut res = markdown.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/markdown; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Rendered statement PDFs by everything they are made from. A published version never changes, so an entry
/// never goes stale; the public pages need no login, so without it anyone could make the server lay out the same
/// statement again and again.
static STATEMENT_PDFS: LazyLock<Mutex<HashMap<PdfKey, Arc<kluis_export::Export>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// Everything a statement PDF is made from, compared whole (not a hash of it: another organisation's
/// statement must never be served for a colliding one).
#[derive(PartialEq, Eq, Hash)]
struct PdfKey {
    org_name: String,
    content_json: String,
    markdown: String,
    version: i64,
    published_at: i64,
    lang: &'static str,
}
/// Rendered PDFs kept (a few hundred KiB each); beyond it the cache starts again.
const STATEMENT_PDFS_KEPT: usize = 64;

/// A published version as PDF ([`kluis_app::statement_pdf`]), rendered once per content. Off the async
/// threads: laying out a long statement is CPU work.
pub(crate) async fn statement_pdf(
    row: kluis_app::StatementRow,
    org_name: &str,
    lang: Lang,
) -> Result<Arc<kluis_export::Export>, AppError> {
    let key = PdfKey {
        org_name: org_name.to_owned(),
        content_json: row.content_json.clone(),
        markdown: row.markdown.clone(),
        version: row.version,
        published_at: row.published_at,
        lang: lang.code(),
    };
    let cached = STATEMENT_PDFS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .get(&key)
        .cloned();
    if let Some(pdf) = cached {
        return Ok(pdf);
    }
    let org_name = org_name.to_owned();
    let pdf = tokio::task::spawn_blocking(move || kluis_app::statement_pdf(&row, &org_name, lang))
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("statement PDF: {e}")))??;
    let pdf = Arc::new(pdf);
    let mut kept = STATEMENT_PDFS.lock().unwrap_or_else(|p| p.into_inner());
    if kept.len() >= STATEMENT_PDFS_KEPT {
        kept.clear();
    }
    kept.insert(key, pdf.clone());
    Ok(pdf)
}

/// The PDF shown in the browser (a download when saved), named by version and language only.
fn pdf_response(pdf: Arc<kluis_export::Export>) -> Response {
    let mut res = pdf.bytes.clone().into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"{}\"", pdf.file_name)) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

async fn version_page(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, version)): Path<(String, i64)>,
    Query(q): Query<VersionQuery>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    let lang = q
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(o.ctx.lang);
    let row = web
        .app
        .statement(&o.actor, Some(version), lang.code())
        .await?
        .ok_or(WebError::NotFound)?;
    if q.format.as_deref() == Some("markdown") {
        return Ok(markdown_response(
            row.markdown,
            &format!("privacy-statement-v{version}-{}.md", lang.code()),
        ));
    }
    if q.format.as_deref() == Some("pdf") {
        let pdf = statement_pdf(row, &o.actor.org.name, lang).await?;
        return Ok(pdf_response(pdf));
    }
    let org = o.org_slug.clone();
    let langs = Lang::ALL
        .iter()
        .map(|l| {
            (
                l.native_name().to_owned(),
                format!("/o/{org}/statement/versions/{version}?lang={}", l.code()),
            )
        })
        .collect();
    let mut c = Chrome::org(&o, "statement-page-title", "statement", &flash);
    c.title = o.ctx.tr().t_with(
        "statement-version-title",
        &[("version", &version.to_string())],
    );
    Ok(VersionPage {
        c,
        markdown_href: format!(
            "/o/{org}/statement/versions/{version}?lang={}&format=markdown",
            lang.code()
        ),
        pdf_href: format!(
            "/o/{org}/statement/versions/{version}?lang={}&format=pdf",
            lang.code()
        ),
        org,
        html: row.html,
        langs,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "statement/public.html")]
struct PublicPage {
    lang: &'static str,
    title: String,
    html: String,
    embed: bool,
    langs: Vec<(String, String)>,
}

async fn public(
    web: &Web,
    ctx: &Ctx,
    org: &str,
    version: Option<i64>,
    q: &VersionQuery,
) -> Result<Response, WebError> {
    let lang = q
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or(ctx.lang);
    let tr = Tr::new(lang);
    let Some((org_name, row)) = web.app.public_statement(org, version, lang.code()).await? else {
        return Err(WebError::NotFound);
    };
    if q.format.as_deref() == Some("markdown") {
        return Ok(markdown_response(
            row.markdown,
            &format!("privacy-statement-v{}-{}.md", row.version, lang.code()),
        ));
    }
    if q.format.as_deref() == Some("pdf") {
        let pdf = statement_pdf(row, &org_name, lang).await?;
        return Ok(pdf_response(pdf));
    }
    let base = match version {
        Some(v) => format!("/p/{org}/privacy/{v}"),
        None => format!("/p/{org}/privacy"),
    };
    let langs = Lang::ALL
        .iter()
        .map(|l| {
            (
                l.native_name().to_owned(),
                format!("{base}?lang={}", l.code()),
            )
        })
        .collect();
    Ok(PublicPage {
        lang: lang.code(),
        title: tr.t("statement-page-title").to_owned(),
        html: row.html,
        embed: q.embed.is_some(),
        langs,
    }
    .into_response())
}

async fn public_latest(
    State(web): State<Web>,
    ctx: Ctx,
    Path(org): Path<String>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, WebError> {
    public(&web, &ctx, &org, None, &q).await
}

async fn public_version(
    State(web): State<Web>,
    ctx: Ctx,
    Path((org, version)): Path<(String, i64)>,
    Query(q): Query<VersionQuery>,
) -> Result<Response, WebError> {
    public(&web, &ctx, &org, Some(version), &q).await
}
