//! The documents overview: counts by kind, class and status, ID copies, health documents, documents not read in
//! full, the newest findings.

use super::*;

pub struct CountRow {
    pub label: String,
    pub text: String,
    pub count: u64,
    pub href: String,
}

pub struct DocLink {
    pub name: String,
    pub href: String,
}

pub struct UnscannedRow {
    pub name: String,
    pub href: String,
    pub reason: String,
}

pub struct NewestRow {
    pub kind: String,
    pub masked: String,
    pub document: String,
    pub href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/overview.html")]
pub(super) struct OverviewPage {
    c: Chrome,
    org: String,
    can_write: bool,
    search_value: String,
    total: u64,
    by_kind: Vec<CountRow>,
    by_class: Vec<CountRow>,
    id_copies: Vec<DocLink>,
    health: Vec<DocLink>,
    unscanned: Vec<UnscannedRow>,
    newest: Vec<NewestRow>,
}

pub async fn overview(
    State(web): State<Web>,
    o: OrgCtx,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let ov = web.app.document_overview(&o.actor).await?;
    let org = o.org_slug.clone();
    let list_href = |key: &str, value: &str| format!("/o/{org}/documents/list?{key}={value}");
    // Every kind is shown, also with 0, so that "no special categories" is visible as good news.
    let mut by_kind: Vec<CountRow> = PersonalDataKind::ALL
        .iter()
        .map(|k| CountRow {
            label: kind_label(tr, Some(*k)),
            text: tr
                .t(&vocab_key("doc-kind-", &format!("{}-text", k.as_str())))
                .to_owned(),
            count: ov
                .by_kind
                .iter()
                .filter(|(x, _)| *x == Some(*k))
                .map(|(_, n)| n)
                .sum(),
            href: list_href("kind", k.as_str()),
        })
        .rev()
        .collect();
    let unknown: u64 = ov
        .by_kind
        .iter()
        .filter(|(x, _)| x.is_none())
        .map(|(_, n)| n)
        .sum();
    if unknown > 0 {
        by_kind.push(CountRow {
            label: tr.t("doc-kind-unknown").to_owned(),
            text: tr.t("documents-findings-pending").to_owned(),
            count: unknown,
            href: format!("/o/{org}/documents/list?status=queued"),
        });
    }
    let mut by_class: Vec<CountRow> = ov
        .by_class
        .iter()
        .filter_map(|(c, n)| {
            c.map(|c| CountRow {
                label: class_label(tr, Some(c)),
                text: String::new(),
                count: *n,
                href: list_href("class", c.as_str()),
            })
        })
        .filter(|r| r.count > 0)
        .collect();
    by_class.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
    let link = |d: &DocumentSummary| DocLink {
        name: d.path.clone(),
        href: doc_href(&org, &d.id),
    };
    let page = OverviewPage {
        c: Chrome::org(&o, "documents-title", "documents", &flash),
        can_write: o.actor.role.allows(Permission::Write),
        search_value: String::new(),
        total: ov.total,
        by_kind,
        by_class,
        id_copies: ov.id_documents.iter().map(link).collect(),
        health: ov.health_documents.iter().map(link).collect(),
        unscanned: ov
            .not_scanned
            .iter()
            .map(|d| UnscannedRow {
                name: d.path.clone(),
                href: doc_href(&org, &d.id),
                reason: scan_label(tr, d),
            })
            .collect(),
        newest: ov
            .newest_findings
            .iter()
            .map(|f| NewestRow {
                kind: entity_label(tr, f.finding.entity),
                masked: f.finding.masked.clone(),
                document: f.document_path.clone(),
                href: doc_href(&org, &f.document_id),
            })
            .collect(),
        org,
    };
    Ok(page.into_response())
}
