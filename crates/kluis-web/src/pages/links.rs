//! The links module's pages: a relation's documents (confirm, remove), the register as it applies to a relation,
//! its timeline, and a document's people (with adding by hand through the relation search, by POST so no term
//! reaches a URL). Every decision is the application's; the pages only leave out forms a role cannot use.

use super::documents::{class_label, entity_label};
use super::{require, see_other};
use crate::backend::AppError;
use crate::context::OrgCtx;
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
use kluis_app::{LinkedDocument, RelationView};
use kluis_domain::Permission;
use kluis_domain::relations::links::{LinkOrigin, LinkState, RecordRetention};
use kluis_domain::relations::retention::{EventDate, RetentionState};
use std::collections::BTreeMap;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get(
            "/o/{org}/relations/{relation}/documents",
            relation_documents,
        )
        .post(
            "/o/{org}/relations/{relation}/documents/{document}/confirm",
            confirm,
        )
        .post(
            "/o/{org}/relations/{relation}/documents/{document}/remove",
            remove,
        )
        .get("/o/{org}/relations/{relation}/processing", processing)
        .get("/o/{org}/relations/{relation}/timeline", timeline)
        .get("/o/{org}/documents/{document}/people", people)
        .post("/o/{org}/documents/{document}/people/search", people_search)
}

fn state_label(tr: Tr, s: LinkState) -> String {
    tr.t(&format!("links-state-{}", s.as_str())).to_owned()
}

fn origin_label(tr: Tr, o: LinkOrigin) -> String {
    tr.t(&format!("links-origin-{}", o.as_str())).to_owned()
}

fn date_of(tr: Tr, ms: i64) -> String {
    kluis_domain::calendar::utc_date_of_ms(ms)
        .map(|d| tr.date(d))
        .unwrap_or_default()
}

/// A linked document as the relation's documents page shows it.
pub struct DocRow {
    pub id: String,
    pub name: String,
    pub class: String,
    pub matched: String,
    pub state: String,
    pub origin: String,
    pub removed: bool,
    pub suggested: bool,
    pub linked: String,
}

fn doc_row(tr: Tr, d: &LinkedDocument) -> DocRow {
    DocRow {
        id: d.document_id.clone(),
        name: d.name.clone(),
        class: class_label(tr, d.class),
        matched: d
            .entity_types
            .iter()
            .map(|e| entity_label(tr, *e))
            .collect::<Vec<_>>()
            .join(", "),
        state: state_label(tr, d.state),
        origin: origin_label(tr, d.origin),
        removed: d.state == LinkState::Removed,
        suggested: d.state == LinkState::Suggested,
        linked: date_of(tr, d.linked_at_ms),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "links/documents.html")]
pub(crate) struct DocumentsPage {
    c: Chrome,
    org: String,
    rid: String,
    rows: Vec<DocRow>,
    can_write: bool,
}

async fn relation_chrome(
    web: &Web,
    o: &OrgCtx,
    id: &str,
    title_key: &str,
    flash: &Flash,
) -> Result<(Chrome, RelationView), WebError> {
    let v = web.app.relation(&o.actor, id).await?;
    let mut c = Chrome::org(o, title_key, "relations", flash);
    if !v.name.is_empty() {
        c.title = format!("{} · {}", v.name, c.title);
    }
    Ok((c, v))
}

pub async fn relation_documents(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let (c, v) = relation_chrome(&web, &o, &id, "links-documents-title", &flash).await?;
    let docs = web.app.relation_document_links(&o.actor, &v.id).await?;
    let page = DocumentsPage {
        c,
        org: o.org_slug.clone(),
        rid: v.id,
        rows: docs.iter().map(|d| doc_row(tr, d)).collect(),
        can_write: o.actor.role.allows(Permission::Write),
    };
    Ok(page.into_response())
}

/// Where to go after a confirmation or removal: back to the document's people when it was made there.
fn back(o: &OrgCtx, body: &[u8], rel: &str, doc: &str, notice: &str) -> Response {
    let from_document = form_urlencoded::parse(body).any(|(k, v)| k == "back" && v == "document");
    if from_document {
        see_other(&format!(
            "/o/{}/documents/{doc}/people?notice={notice}",
            o.org_slug
        ))
    } else {
        see_other(&format!(
            "/o/{}/relations/{rel}/documents?notice={notice}",
            o.org_slug
        ))
    }
}

pub async fn confirm(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, rel, doc)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let d = web.app.confirm_document_link(&o.actor, &rel, &doc).await?;
    Ok(back(&o, &body, &rel, &d.document_id, "link-confirmed"))
}

pub async fn remove(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, rel, doc)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let d = web.app.remove_document_link(&o.actor, &rel, &doc).await?;
    Ok(back(&o, &body, &rel, &d.document_id, "link-removed"))
}

/// An activity as the processing page shows it.
pub struct ActivityRow {
    pub name: String,
    pub purposes: String,
    pub basis: String,
    pub ground: String,
    pub categories: String,
}

/// One retention rule of a record, in words.
pub struct RuleRow {
    pub activity: String,
    pub period: String,
    pub starts: String,
    pub action: String,
    pub reference: String,
    pub statutory: bool,
    pub due: String,
}

/// A record (the relation itself or a document) with its retention in words.
pub struct RecordRow {
    pub name: String,
    pub href: Option<String>,
    pub verdict: String,
    pub rules: Vec<RuleRow>,
}

fn verdict(tr: Tr, r: &RetentionState) -> String {
    let action = |a: kluis_domain::register::RetentionAction| {
        tr.t(&format!(
            "activity-retention-action-{}",
            a.as_str().replace('_', "-")
        ))
        .to_owned()
    };
    match r {
        RetentionState::NoRule => tr.t("links-retention-no-rule").to_owned(),
        RetentionState::CannotTell { .. } => tr.t("links-retention-cannot-tell").to_owned(),
        RetentionState::Running { rule } => tr.t_with(
            "links-retention-running",
            &[("start", &start_label(tr, rule.rule.starts))],
        ),
        RetentionState::NotYet { due, action: a, .. } => tr.t_with(
            "links-retention-not-yet",
            &[("date", &tr.date(*due)), ("action", &action(*a))],
        ),
        RetentionState::Due { due, action: a, .. } => tr.t_with(
            "links-retention-due",
            &[("date", &tr.date(*due)), ("action", &action(*a))],
        ),
        RetentionState::Held { due, .. } => {
            tr.t_with("links-retention-held", &[("date", &tr.date(*due))])
        }
    }
}

fn start_label(tr: Tr, s: kluis_domain::register::RetentionStart) -> String {
    tr.t(&format!(
        "activity-retention-start-{}",
        s.as_str().replace('_', "-")
    ))
    .to_owned()
}

fn record_row(tr: Tr, name: String, href: Option<String>, r: &RecordRetention) -> RecordRow {
    RecordRow {
        name,
        href,
        verdict: verdict(tr, &r.state),
        rules: r
            .rules
            .iter()
            .map(|d| RuleRow {
                activity: d.rule.activity_name.clone(),
                period: format!(
                    "{} {}",
                    d.rule.rule.period.amount,
                    tr.t(&format!(
                        "activity-period-unit-{}",
                        d.rule.rule.period.unit.as_str()
                    ))
                ),
                starts: start_label(tr, d.rule.rule.starts),
                action: tr
                    .t(&format!(
                        "activity-retention-action-{}",
                        d.rule.rule.action.as_str().replace('_', "-")
                    ))
                    .to_owned(),
                reference: d.rule.rule.legal_reference.clone(),
                statutory: d.rule.statutory(),
                due: match (d.due, d.event) {
                    (Some(due), _) => tr.date(due),
                    (None, EventDate::Pending) => tr.t("links-due-pending").to_owned(),
                    (None, EventDate::NotApplicable) => tr.t("links-due-not-applicable").to_owned(),
                    (None, _) => tr.t("links-due-unknown").to_owned(),
                },
            })
            .collect(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "links/processing.html")]
pub(crate) struct ProcessingPage {
    c: Chrome,
    org: String,
    rid: String,
    categories: String,
    activities: Vec<ActivityRow>,
    records: Vec<RecordRow>,
}

pub async fn processing(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let (c, v) =
        relation_chrome(&web, &o, &id, "links-processing-title", &Flash::default()).await?;
    let p = web.app.relation_processing(&o.actor, &v.id).await?;
    let cat = |c: &kluis_domain::register::DataCategory| tr.t(&c.def().label_key()).to_owned();
    let activities = p
        .activities
        .iter()
        .map(|a| ActivityRow {
            name: a.name.clone(),
            purposes: a
                .purposes
                .iter()
                .map(|x| tr.t(&x.def().label_key()).to_owned())
                .collect::<Vec<_>>()
                .join(", "),
            basis: a
                .lawful_basis
                .map(|b| format!("{} ({})", tr.t(&b.label_key()), b.article()))
                .unwrap_or_else(|| tr.t("links-basis-missing").to_owned()),
            ground: a
                .special_ground
                .map(|g| format!("{} ({})", tr.t(&g.label_key()), g.article()))
                .unwrap_or_default(),
            categories: a.categories.iter().map(cat).collect::<Vec<_>>().join(", "),
        })
        .collect();
    let mut records = vec![record_row(
        tr,
        tr.t("links-record-own").to_owned(),
        None,
        &p.record,
    )];
    for d in &p.documents {
        records.push(record_row(
            tr,
            d.document.name.clone(),
            Some(format!(
                "/o/{}/documents/{}",
                o.org_slug, d.document.document_id
            )),
            &d.retention,
        ));
    }
    let page = ProcessingPage {
        c,
        org: o.org_slug.clone(),
        rid: v.id,
        categories: p.categories.iter().map(cat).collect::<Vec<_>>().join(", "),
        activities,
        records,
    };
    Ok(page.into_response())
}

/// One timeline entry in words.
pub struct EntryRow {
    pub at: String,
    pub who: String,
    pub what: String,
    pub fields: String,
    pub document: Option<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "links/timeline.html")]
pub(crate) struct TimelinePage {
    c: Chrome,
    org: String,
    rid: String,
    entries: Vec<EntryRow>,
    prev_page: Option<u32>,
    next_page: Option<u32>,
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct PageQuery {
    pub page: Option<u32>,
}

fn who(tr: Tr, actor: &str) -> String {
    match actor {
        kluis_app::LINK_MATCHER_ACTOR => tr.t("links-actor-matcher").to_owned(),
        "system:jobs" => tr.t("links-actor-jobs").to_owned(),
        "cli" => tr.t("links-actor-cli").to_owned(),
        _ => tr.t("links-actor-member").to_owned(),
    }
}

pub async fn timeline(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let (c, v) = relation_chrome(&web, &o, &id, "links-timeline-title", &Flash::default()).await?;
    let t = web
        .app
        .relation_timeline(&o.actor, &v.id, q.page.unwrap_or(1), 50)
        .await?;
    let names: BTreeMap<String, String> = web
        .app
        .relation_document_links(&o.actor, &v.id)
        .await?
        .into_iter()
        .map(|d| (d.document_id, d.name))
        .collect();
    let entries = t
        .entries
        .iter()
        .map(|e| EntryRow {
            at: tr.date_time_ms(e.at_ms),
            who: who(tr, &e.actor),
            what: if e.action == "link.suggest" {
                tr.t("links-suggested").to_owned()
            } else {
                super::audit_words::action_key(&e.action)
                    .map(|k| tr.t(k).to_owned())
                    .unwrap_or_else(|| e.action.clone())
            },
            fields: if e.action == "link.suggest" {
                e.fields
                    .iter()
                    .filter_map(|f| f.parse().ok())
                    .map(|x| entity_label(tr, x))
                    .collect::<Vec<_>>()
                    .join(", ")
            } else {
                e.fields.join(", ")
            },
            document: e.document_id.as_ref().map(|d| {
                (
                    format!("/o/{}/documents/{d}", o.org_slug),
                    names
                        .get(d)
                        .cloned()
                        .unwrap_or_else(|| tr.t("links-document-gone").to_owned()),
                )
            }),
        })
        .collect();
    let shown = u64::from(t.page) * u64::from(t.per_page);
    let page = TimelinePage {
        c,
        org: o.org_slug.clone(),
        rid: v.id,
        entries,
        prev_page: (t.page > 1).then(|| t.page - 1),
        next_page: (shown < t.total).then_some(t.page + 1),
    };
    Ok(page.into_response())
}

/// A relation linked to the document, or a search hit to link.
pub struct PersonRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub matched: String,
    pub state: String,
    pub origin: String,
    pub removed: bool,
    pub suggested: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "links/people.html")]
pub(crate) struct PeoplePage {
    c: Chrome,
    org: String,
    doc_id: String,
    rows: Vec<PersonRow>,
    can_write: bool,
    searched: bool,
    query: String,
    hits: Vec<PersonRow>,
}

fn kind_label(tr: Tr, k: kluis_domain::relations::RelationKind) -> String {
    tr.t(&format!("relation-kind-{}", k.as_str().replace('_', "-")))
        .to_owned()
}

async fn people_page(
    web: &Web,
    o: &OrgCtx,
    doc: &str,
    flash: &Flash,
    search: Option<(String, Result<Vec<RelationView>, String>)>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let d = web.app.document(&o.actor, doc).await?;
    let people = web.app.document_people(&o.actor, &d.summary.id).await?;
    let mut c = Chrome::org(o, "links-people-title", "documents", flash);
    c.title = format!("{} · {}", d.summary.name, c.title);
    let rows = people
        .iter()
        .map(|p| PersonRow {
            id: p.relation_id.clone(),
            name: p.name.clone(),
            kind: kind_label(tr, p.kind),
            matched: p
                .entity_types
                .iter()
                .map(|e| entity_label(tr, *e))
                .collect::<Vec<_>>()
                .join(", "),
            state: state_label(tr, p.state),
            origin: origin_label(tr, p.origin),
            removed: p.state == LinkState::Removed,
            suggested: p.state == LinkState::Suggested,
        })
        .collect();
    let (searched, query, hits, status) = match search {
        None => (false, String::new(), Vec::new(), StatusCode::OK),
        Some((q, Ok(found))) => (
            true,
            q,
            found
                .iter()
                .map(|v| PersonRow {
                    id: v.id.clone(),
                    name: v.name.clone(),
                    kind: kind_label(tr, v.kind),
                    matched: String::new(),
                    state: String::new(),
                    origin: String::new(),
                    removed: false,
                    suggested: false,
                })
                .collect(),
            StatusCode::OK,
        ),
        Some((q, Err(msg))) => {
            c.error = Some(msg);
            (true, q, Vec::new(), StatusCode::UNPROCESSABLE_ENTITY)
        }
    };
    let page = PeoplePage {
        c,
        org: o.org_slug.clone(),
        doc_id: d.summary.id.clone(),
        rows,
        can_write: o.actor.role.allows(Permission::Write),
        searched,
        query,
        hits,
    };
    Ok((status, page).into_response())
}

pub async fn people(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, doc)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    people_page(&web, &o, &doc, &flash, None).await
}

/// The relation search to pick someone to link by hand: the term travels in the POST body only.
pub async fn people_search(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, doc)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    // Another organisation's document is not found before anything is searched.
    web.app.document(&o.actor, &doc).await?;
    let q: String = form_urlencoded::parse(&body)
        .find(|(k, _)| k == "q")
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let found = match web.app.search_relations(&o.actor, &q).await {
        Ok(v) => Ok(v),
        Err(AppError::Invalid { .. }) => Err(tr.t("relations-error-search-empty").to_owned()),
        Err(e) => return Err(e.into()),
    };
    people_page(&web, &o, &doc, &Flash::default(), Some((q, found))).await
}
