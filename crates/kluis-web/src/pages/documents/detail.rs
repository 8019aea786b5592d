//! One document: its verdict, masked findings with audited reveal, members of a container, who corrected it.

use super::*;

pub struct FindingRowView {
    pub id: String,
    pub document_id: String,
    pub kind: String,
    pub masked: String,
    pub location: String,
    pub can_reveal: bool,
    pub reveal_label: String,
    pub revealed: Option<String>,
    pub error: Option<String>,
}

pub struct ChildRow {
    pub name: String,
    pub href: String,
    pub status: String,
    pub kind: String,
    pub findings: u64,
}

pub struct DetailView {
    pub id: String,
    pub name: String,
    pub pending: bool,
    pub status: String,
    pub class: String,
    pub kind: String,
    pub special: bool,
    /// Why the document is special, in words (empty when it is not).
    pub special_reasons: String,
    pub categories: String,
    pub scan: String,
    pub scan_detail: Option<String>,
    pub size: Option<String>,
    pub uploaded: String,
    pub parent_href: Option<String>,
    pub corrected: Option<String>,
    pub has_content: bool,
    pub findings: Vec<FindingRowView>,
    pub children: Vec<ChildRow>,
}

/// Whether the actor's role may see this finding in full: the domain's reveal rule, asked so that the button is
/// not offered in vain (the application enforces the same rule).
pub(super) fn may_reveal(o: &OrgCtx, doc: &DocumentSummary, f: &DocumentFinding) -> bool {
    o.actor
        .can(reveal_permission(&doc.classification(), f.entity))
}

pub(super) fn finding_view(
    o: &OrgCtx,
    doc: &DocumentSummary,
    f: &DocumentFinding,
) -> FindingRowView {
    let tr = o.ctx.tr();
    let kind = entity_label(tr, f.entity);
    FindingRowView {
        id: f.id.clone(),
        document_id: f.document_id.clone(),
        reveal_label: tr.t_with("documents-reveal-label", &[("type", &kind)]),
        kind,
        masked: f.masked.clone(),
        location: f
            .location
            .as_ref()
            .map(|l| location_text(tr, l))
            .unwrap_or_default(),
        can_reveal: may_reveal(o, doc, f),
        revealed: None,
        error: None,
    }
}

/// Who corrected the classification: their name for every member who sees the document (members of one
/// organisation may see each other's names), "a colleague" once they are no longer a member.
pub(super) async fn corrector_name(web: &Web, o: &OrgCtx, user_id: &str) -> String {
    if user_id == o.session.user.id.as_str() {
        return o.session.user.display_name.clone();
    }
    match web.app.member_display_name(&o.actor, user_id).await {
        Ok(Some(name)) => name,
        _ => o.ctx.tr().t("documents-a-colleague").to_owned(),
    }
}

pub(super) async fn detail_view(web: &Web, o: &OrgCtx, d: &DocumentDetail) -> DetailView {
    let tr = o.ctx.tr();
    let s = &d.summary;
    let corrected = match (s.corrected, s.corrected_by.as_deref(), s.corrected_at_ms) {
        (true, Some(by), Some(at)) => {
            let who = corrector_name(web, o, by).await;
            Some(tr.t_with(
                "documents-corrected",
                &[("who", &who), ("when", &crate::pages::org::format_ms(at))],
            ))
        }
        _ => None,
    };
    let mut categories: Vec<String> = s
        .special_categories
        .iter()
        .map(|c| category_label(tr, *c))
        .collect();
    categories.sort();
    DetailView {
        id: s.id.clone(),
        name: s.path.clone(),
        pending: is_pending(s),
        status: status_label(tr, s.status),
        class: class_label(tr, s.class),
        kind: kind_label(tr, s.personal_data),
        special: is_special(s),
        special_reasons: special_reasons_text(tr, &d.special_reasons),
        categories: categories.join(", "),
        scan: scan_label(tr, s),
        scan_detail: s
            .scan_reason
            .clone()
            .filter(|_| s.scan_status.is_some_and(|st| st != ScanStatus::Ok)),
        size: s.size.map(|b| human_size(b, tr.lang)),
        uploaded: crate::pages::org::format_ms(s.created_at_ms),
        parent_href: s.parent_id.as_deref().map(|p| doc_href(&o.org_slug, p)),
        corrected,
        has_content: s.parent_id.is_none() && o.actor.can(content_permission(&s.classification())),
        findings: d.findings.iter().map(|f| finding_view(o, s, f)).collect(),
        children: d
            .children
            .iter()
            .map(|c| ChildRow {
                name: c.path.clone(),
                href: doc_href(&o.org_slug, &c.id),
                status: status_label(tr, c.status),
                kind: kind_label(tr, c.personal_data),
                findings: c.findings_total,
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/detail.html")]
pub(super) struct DetailPage {
    c: Chrome,
    org: String,
    d: DetailView,
    can_write: bool,
    reveal_error: Option<String>,
    correct_classes: Vec<Choice>,
    correct_kinds: Vec<Choice>,
    correct_categories: Vec<Choice>,
}

pub(super) async fn detail_page(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    flash: &Flash,
    reveal: Option<(&str, Result<String, String>)>,
) -> Result<DetailPage, WebError> {
    let d = web.app.document(&o.actor, id).await?;
    let tr = o.ctx.tr();
    let mut view = detail_view(web, o, &d).await;
    let mut reveal_error = None;
    if let Some((finding, outcome)) = reveal
        && let Some(row) = view.findings.iter_mut().find(|f| f.id == finding)
    {
        match outcome {
            Ok(v) => row.revealed = Some(v),
            Err(msg) => {
                row.error = Some(msg.clone());
                reveal_error = Some(msg);
            }
        }
    }
    let s = &d.summary;
    let mut c = Chrome::org(o, "documents-title", "documents", flash);
    c.title = s.path.clone();
    Ok(DetailPage {
        c,
        org: o.org_slug.clone(),
        can_write: o.actor.role.allows(Permission::Write),
        reveal_error,
        correct_classes: choices(
            DocumentClass::ALL,
            s.class
                .is_none()
                .then(|| ("", tr.t("doc-class-unknown").to_owned())),
            s.class,
            |c| c.as_str(),
            |c| class_label(tr, Some(c)),
        ),
        correct_kinds: choices(
            PersonalDataKind::ALL,
            s.personal_data
                .is_none()
                .then(|| ("", tr.t("doc-kind-unknown").to_owned())),
            s.personal_data,
            |k| k.as_str(),
            |k| kind_label(tr, Some(k)),
        ),
        correct_categories: SpecialCategory::ALL
            .iter()
            .map(|c| Choice {
                value: c.as_str().to_owned(),
                label: category_label(tr, *c),
                selected: s.special_categories.contains(c),
            })
            .collect(),
        d: view,
    })
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    Ok(detail_page(&web, &o, &id, &flash, None)
        .await?
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "documents/finding_fragment.html")]
pub(super) struct FindingFragment {
    c: Chrome,
    org: String,
    f: FindingRowView,
    status: String,
}

pub async fn reveal(
    State(web): State<Web>,
    o: OrgCtx,
    headers: HeaderMap,
    Path((_, id, finding)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let outcome = match web.app.reveal_finding(&o.actor, &id, &finding).await {
        Ok(v) => Ok(v),
        Err(AppError::Forbidden) => Err(tr.t("documents-reveal-forbidden").to_owned()),
        Err(e) => return Err(e.into()),
    };
    let forbidden = outcome.is_err();
    if headers.contains_key("hx-request") {
        // htmx swaps only successful responses, so a refusal comes as 200 with the message in the cell; the
        // value itself is never in it.
        let d = web.app.document(&o.actor, &id).await?;
        let f = d
            .findings
            .iter()
            .find(|f| f.id == finding)
            .ok_or(WebError::NotFound)?;
        let mut row = finding_view(&o, &d.summary, f);
        let status = match outcome {
            Ok(v) => {
                row.revealed = Some(v);
                tr.t("documents-revealed-status").to_owned()
            }
            Err(msg) => {
                row.error = Some(msg.clone());
                msg
            }
        };
        let frag = FindingFragment {
            c: Chrome::org(&o, "documents-title", "documents", &Flash::default()),
            org: o.org_slug.clone(),
            f: row,
            status,
        };
        let mut res = frag.into_response();
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        return Ok(res);
    }
    // Without JavaScript: the document page again, showing that one value (or why not).
    let page = detail_page(&web, &o, &id, &Flash::default(), Some((&finding, outcome))).await?;
    let status = if forbidden {
        StatusCode::FORBIDDEN
    } else {
        StatusCode::OK
    };
    let mut res = (status, page).into_response();
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(res)
}
