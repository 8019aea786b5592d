//! The documents list with its filters and paging.

use super::*;

#[derive(Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub class: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub q: String,
    /// Text, so that a mistyped page number shows page 1 instead of an error.
    #[serde(default)]
    pub page: Option<String>,
}

pub struct DocRow {
    pub name: String,
    pub href: String,
    pub status: String,
    pub class: String,
    pub kind: String,
    pub special: bool,
    pub findings: u64,
    pub uploaded: String,
}

pub(super) fn doc_row(tr: Tr, org: &str, d: &DocumentSummary) -> DocRow {
    DocRow {
        name: d.path.clone(),
        href: doc_href(org, &d.id),
        status: status_label(tr, d.status),
        class: if is_pending(d) {
            String::new()
        } else {
            class_label(tr, d.class)
        },
        kind: if is_pending(d) {
            String::new()
        } else {
            kind_label(tr, d.personal_data)
        },
        special: is_special(d),
        findings: d.findings_total,
        uploaded: crate::pages::org::format_ms(d.created_at_ms),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/list.html")]
pub(super) struct ListPage {
    c: Chrome,
    org: String,
    can_write: bool,
    q: String,
    kinds: Vec<Choice>,
    classes: Vec<Choice>,
    statuses: Vec<Choice>,
    total_text: String,
    docs: Vec<DocRow>,
    page: u32,
    prev_href: Option<String>,
    next_href: Option<String>,
}

pub(super) fn list_href(org: &str, q: &ListQuery, page: u32) -> String {
    let qs: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("kind", &q.kind)
        .append_pair("class", &q.class)
        .append_pair("status", &q.status)
        .append_pair("q", &q.q)
        .append_pair("page", &page.to_string())
        .finish();
    format!("/o/{org}/documents/list?{qs}")
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ListQuery>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    // Unknown filter values are ignored rather than refused: the page shows what the filter could read.
    let kind: Option<PersonalDataKind> = q.kind.parse().ok();
    let class: Option<DocumentClass> = q.class.parse().ok();
    let status: Option<DocumentStatus> = q.status.parse().ok();
    let page = q
        .page
        .as_deref()
        .and_then(|p| p.trim().parse::<u32>().ok())
        .unwrap_or(1)
        .max(1);
    let filter = DocumentFilter {
        kind,
        class,
        status,
        q: Some(q.q.trim().to_owned()).filter(|s| !s.is_empty()),
        page,
        per_page: PER_PAGE,
        include_members: false,
    };
    let res = web.app.documents(&o.actor, filter).await?;
    let all = tr.t("documents-filter-all").to_owned();
    let has_next = u64::from(page) * u64::from(PER_PAGE) < res.total;
    let list_page = ListPage {
        c: Chrome::org(&o, "documents-list-title", "documents", &flash),
        can_write: o.actor.role.allows(Permission::Write),
        kinds: choices(
            PersonalDataKind::ALL,
            Some(("", all.clone())),
            kind,
            |k| k.as_str(),
            |k| kind_label(tr, Some(k)),
        ),
        classes: choices(
            DocumentClass::ALL,
            Some(("", all.clone())),
            class,
            |c| c.as_str(),
            |c| class_label(tr, Some(c)),
        ),
        statuses: choices(
            DocumentStatus::ALL,
            Some(("", all)),
            status,
            |s| s.as_str(),
            |s| status_label(tr, s),
        ),
        total_text: tr.t_n("documents-list-total", "count", res.total),
        docs: res
            .documents
            .iter()
            .map(|d| doc_row(tr, &o.org_slug, d))
            .collect(),
        page,
        prev_href: (page > 1).then(|| list_href(&o.org_slug, &q, page - 1)),
        next_href: has_next.then(|| list_href(&o.org_slug, &q, page + 1)),
        org: o.org_slug.clone(),
        q: q.q.clone(),
    };
    Ok(list_page.into_response())
}
