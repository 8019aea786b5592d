//! Identifier search: where an e-mail address, BSN, IBAN, … occurs, posted so the value never enters a URL.

use super::*;

/// The identifier search, posted in the request body so that a BSN or IBAN never lands in a URL (browser
/// history, proxy and server logs).
#[derive(Deserialize, Default)]
pub struct SearchForm {
    #[serde(default)]
    pub value: String,
    /// Page of hits, from 1; text, so that a mistyped number shows page 1 instead of an error.
    #[serde(default)]
    pub page: String,
}

pub struct HitRow {
    pub document: String,
    pub href: String,
    pub kind: String,
    pub masked: String,
    pub location: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/search.html")]
pub(super) struct SearchPage {
    c: Chrome,
    org: String,
    search_value: String,
    searched: bool,
    hits: Vec<HitRow>,
    hits_text: String,
    /// The next page of hits, when there are more (posted like the search itself).
    next_page: Option<u32>,
}

/// The empty search form. A value in the query string is ignored: searches are posted.
pub async fn identifiers_form(o: OrgCtx) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let page = SearchPage {
        c: Chrome::org(&o, "documents-search-title", "documents", &Flash::default()),
        org: o.org_slug.clone(),
        search_value: String::new(),
        searched: false,
        hits: Vec::new(),
        hits_text: String::new(),
        next_page: None,
    };
    Ok(page.into_response())
}

pub async fn identifiers(
    State(web): State<Web>,
    o: OrgCtx,
    axum::Form(q): axum::Form<SearchForm>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let value = q.value.trim().to_owned();
    let page_no = q.page.trim().parse::<u32>().unwrap_or(1).max(1);
    let mut c = Chrome::org(&o, "documents-search-title", "documents", &Flash::default());
    let mut status = StatusCode::OK;
    let hits = if value.is_empty() {
        None
    } else {
        match web
            .app
            .search_identifier_page(&o.actor, &value, page_no)
            .await
        {
            Ok(h) => Some(h),
            Err(AppError::Invalid { field, message }) => {
                c.error = Some(crate::pages::auth::field_error(&o.ctx, field, &message));
                status = StatusCode::BAD_REQUEST;
                None
            }
            Err(AppError::Forbidden) => {
                c.error = Some(tr.t("documents-search-forbidden").to_owned());
                status = StatusCode::FORBIDDEN;
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    let searched = hits.is_some();
    let next_page = hits.as_ref().and_then(|h| h.next_page);
    let first = hits.as_ref().map_or(0, |h| {
        (h.page as usize - 1) * kluis_app::SEARCH_PAGE_SIZE as usize
    });
    let hits: Vec<HitRow> = hits
        .map(|h| h.hits)
        .unwrap_or_default()
        .into_iter()
        .map(|h| HitRow {
            href: doc_href(&o.org_slug, &h.document_id),
            document: h.document_path,
            kind: entity_label(tr, h.entity),
            masked: h.masked,
            location: h
                .location
                .as_ref()
                .map(|l| location_text(tr, l))
                .unwrap_or_default(),
        })
        .collect();
    let page = SearchPage {
        c,
        org: o.org_slug.clone(),
        search_value: value,
        searched,
        hits_text: if next_page.is_some() || first > 0 {
            tr.t_with(
                "documents-search-range",
                &[
                    ("from", &(first + 1).to_string()),
                    ("to", &(first + hits.len()).to_string()),
                ],
            )
        } else {
            tr.t_n("documents-search-count", "count", hits.len())
        },
        hits,
        next_page,
    };
    let mut res = (status, page).into_response();
    // The answer echoes the searched value: keep it out of caches.
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
