//! The relations module's pages: the list with its search (by POST, so no search term lands in a URL), the new
//! form offering only the fields the register needs, the detail and edit form with sealed sensitive values and
//! their audited reveal, and deletion with confirmation.
//!
//! Every decision about who may do what is the application's; the pages only leave out forms a role cannot use.

use super::require;
use super::see_other;
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
use kluis_app::{RelationInput, RelationListFilter, RelationView, relation_reveal_permission};
use kluis_domain::Permission;
use kluis_domain::relations::{Party, RelationField, RelationKind};
use std::collections::BTreeMap;

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/o/{org}/relations", list)
        .post("/o/{org}/relations/search", search)
        .get("/o/{org}/relations/new", new_form)
        .post("/o/{org}/relations", create)
        .get("/o/{org}/relations/{relation}", detail)
        .post("/o/{org}/relations/{relation}", update)
        .post("/o/{org}/relations/{relation}/reveal/{field}", reveal)
        .post("/o/{org}/relations/{relation}/notes", add_note)
        .get("/o/{org}/relations/{relation}/delete", delete_confirm)
        .post("/o/{org}/relations/{relation}/delete", delete)
}

fn kind_label(tr: Tr, k: RelationKind) -> String {
    tr.t(&format!("relation-kind-{}", k.as_str().replace('_', "-")))
        .to_owned()
}

fn party_label(tr: Tr, p: Party) -> String {
    tr.t(&format!("relation-party-{}", p.as_str())).to_owned()
}

fn field_label(tr: Tr, f: RelationField) -> String {
    tr.t(&f.label_key()).to_owned()
}

/// The page wording of a refused input, in the reader's language, naming the field (never its value).
fn error_text(tr: Tr, e: &AppError) -> String {
    match e {
        AppError::Invalid { field, message } => {
            let named = field.parse::<RelationField>().ok();
            match (*field, named) {
                (_, Some(f)) if message.contains("not needed") => tr.t_with(
                    "relations-error-not-offered",
                    &[("field", &field_label(tr, f))],
                ),
                (_, Some(f)) if message.contains("does not apply") => tr.t_with(
                    "relations-error-not-for-party",
                    &[("field", &field_label(tr, f))],
                ),
                ("date_of_birth", _) => tr.t("relations-error-date-of-birth").to_owned(),
                (_, Some(f)) => tr.t_with(
                    "relations-error-too-long",
                    &[("field", &field_label(tr, f))],
                ),
                ("name", _) => tr.t("relations-error-name").to_owned(),
                ("company", _) => tr.t("relations-error-company").to_owned(),
                ("q", _) => tr.t("relations-error-search-empty").to_owned(),
                ("tags", _) => tr.t("relations-error-tags").to_owned(),
                ("note", _) => tr.t("relations-error-note").to_owned(),
                _ => tr.t("error-invalid-value").to_owned(),
            }
        }
        AppError::Conflict(_) => tr.t("relations-error-has-contacts").to_owned(),
        AppError::Forbidden => tr.t("error-403-text").to_owned(),
        AppError::NotFound => tr.t("error-404-text").to_owned(),
        _ => tr.t("error-500-text").to_owned(),
    }
}

fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn first<'a>(pairs: &'a [(String, String)], name: &str) -> &'a str {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map_or("", |(_, v)| v.as_str())
}

/// A relation from the form: every field input by its vocabulary name. A sensitive field left empty keeps its
/// stored value (the form never holds it in clear) unless its "clear" box is ticked.
/// An absent party or kind is `default` (a person and a customer on the new form, the stored ones on edit).
fn input_from_form(
    pairs: &[(String, String)],
    default: (Party, RelationKind),
) -> Result<RelationInput, AppError> {
    let party = match first(pairs, "party") {
        "" => default.0,
        p => p.parse::<Party>().map_err(|_| AppError::Invalid {
            field: "party",
            message: "unknown party".into(),
        })?,
    };
    let kind = match first(pairs, "kind") {
        "" => default.1,
        k => k.parse::<RelationKind>().map_err(|_| AppError::Invalid {
            field: "kind",
            message: "unknown kind".into(),
        })?,
    };
    let mut values = BTreeMap::new();
    for f in RelationField::ALL {
        let Some((_, v)) = pairs.iter().find(|(k, _)| k == f.as_str()) else {
            continue;
        };
        if f.is_sensitive() && v.trim().is_empty() {
            if pairs
                .iter()
                .any(|(k, _)| *k == format!("clear_{}", f.as_str()))
            {
                values.insert(*f, String::new());
            }
            continue;
        }
        values.insert(*f, v.clone());
    }
    let company = match first(pairs, "company").trim() {
        "" => None,
        c => Some(c.to_owned()),
    };
    let tags = first(pairs, "tags")
        .split(',')
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    Ok(RelationInput {
        party,
        kind,
        company,
        values,
        tags,
    })
}

/// A relation's row in the list.
pub struct Row {
    pub id: String,
    pub name: String,
    pub party: String,
    pub kind: String,
    pub email: String,
    pub phone: String,
    pub postcode: String,
    pub company: String,
}

fn row(tr: Tr, v: &RelationView, companies: &[(String, String)]) -> Row {
    let get = |f| v.values.get(&f).cloned().unwrap_or_default();
    Row {
        id: v.id.clone(),
        name: v.name.clone(),
        party: party_label(tr, v.party),
        kind: kind_label(tr, v.kind),
        email: get(RelationField::Email),
        phone: get(RelationField::Phone),
        postcode: get(RelationField::Postcode),
        company: v
            .company_id
            .as_ref()
            .and_then(|c| companies.iter().find(|(id, _)| id == c))
            .map(|(_, n)| n.clone())
            .unwrap_or_default(),
    }
}

/// One `<option>`.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "relations/list.html")]
pub(crate) struct ListPage {
    c: Chrome,
    org: String,
    rows: Vec<Row>,
    searched: bool,
    query: String,
    total: u64,
    prev_page: Option<u32>,
    next_page: Option<u32>,
    can_write: bool,
    /// The filter's choices: kinds and the organisation's tags.
    kinds: Vec<Opt>,
    tags: Vec<Opt>,
    filtered: bool,
    /// The filter as the pager's links carry it (`&kind=…&tag=…`: a kind and a tag's opaque token).
    filter_query: String,
}

/// The filter's choices with `kind` and `tag` selected; the first option of each is "all".
async fn filter_choices(
    web: &Web,
    o: &OrgCtx,
    kind: Option<RelationKind>,
    tag: Option<&str>,
) -> Result<(Vec<Opt>, Vec<Opt>), WebError> {
    let tr = o.ctx.tr();
    let all = |label: &str, selected: bool| Opt {
        value: String::new(),
        label: tr.t(label).to_owned(),
        selected,
    };
    let mut kinds = vec![all("relations-filter-all-kinds", kind.is_none())];
    kinds.extend(RelationKind::ALL.iter().map(|k| Opt {
        value: k.as_str().to_owned(),
        label: kind_label(tr, *k),
        selected: Some(*k) == kind,
    }));
    let mut tags = vec![all("relations-filter-all-tags", tag.is_none())];
    tags.extend(
        web.app
            .relation_tag_choices(&o.actor)
            .await?
            .into_iter()
            .map(|t| Opt {
                selected: Some(t.token.as_str()) == tag,
                label: format!("{} ({})", t.label, t.relations),
                value: t.token,
            }),
    );
    Ok((kinds, tags))
}

/// The company relations of the organisation as (id, name), for the company choice and the list.
async fn companies(web: &Web, o: &OrgCtx) -> Result<Vec<(String, String)>, WebError> {
    Ok(web.app.relation_companies(&o.actor).await?)
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    pub page: Option<u32>,
    /// A kind of relation; anything else lists every kind.
    pub kind: Option<String>,
    /// A tag's token (see `App::relation_tag_choices`).
    pub tag: Option<String>,
    pub notice: Option<String>,
    pub error: Option<String>,
}

pub async fn list(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<ListQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let flash = Flash {
        notice: q.notice,
        error: q.error,
    };
    let kind = q
        .kind
        .as_deref()
        .and_then(|k| k.parse::<RelationKind>().ok());
    // A token is a blind index in hex: anything else is no tag of this organisation.
    let tag = q.tag.filter(|t| {
        !t.is_empty() && t.len() <= 128 && t.bytes().all(|b| b.is_ascii_alphanumeric())
    });
    let filter = RelationListFilter {
        kind,
        tag: tag.clone(),
    };
    let page = web
        .app
        .relations_filtered(&o.actor, &filter, q.page.unwrap_or(1), 50)
        .await?;
    let companies = companies(&web, &o).await?;
    let (kinds, tags) = filter_choices(&web, &o, kind, tag.as_deref()).await?;
    let mut filter_query = String::new();
    if let Some(k) = kind {
        filter_query.push_str("&kind=");
        filter_query.push_str(k.as_str());
    }
    if let Some(t) = &tag {
        filter_query.push_str("&tag=");
        filter_query.push_str(t);
    }
    let shown = u64::from(page.page) * u64::from(page.per_page);
    let list = ListPage {
        c: Chrome::org(&o, "relations-title", "relations", &flash),
        org: o.org_slug.clone(),
        rows: page
            .relations
            .iter()
            .map(|v| row(tr, v, &companies))
            .collect(),
        searched: false,
        query: String::new(),
        total: page.total,
        prev_page: (page.page > 1).then(|| page.page - 1),
        next_page: (shown < page.total).then_some(page.page + 1),
        can_write: o.actor.role.allows(Permission::Write),
        kinds,
        tags,
        filtered: kind.is_some() || tag.is_some(),
        filter_query,
    };
    Ok(list.into_response())
}

/// The search: the term travels in the POST body only, and the answer is the page itself (no redirect that
/// would put it in a URL).
pub async fn search(State(web): State<Web>, o: OrgCtx, body: Bytes) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let query = first(&pairs, "q").to_owned();
    let mut c = Chrome::org(&o, "relations-title", "relations", &Flash::default());
    let (rows, status) = match web.app.search_relations(&o.actor, &query).await {
        Ok(found) => {
            let companies = companies(&web, &o).await?;
            (
                found.iter().map(|v| row(tr, v, &companies)).collect(),
                StatusCode::OK,
            )
        }
        Err(e @ AppError::Invalid { .. }) => {
            c.error = Some(error_text(tr, &e));
            (Vec::new(), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => return Err(e.into()),
    };
    let total = rows.len() as u64;
    let list = ListPage {
        c,
        org: o.org_slug.clone(),
        rows,
        searched: true,
        query,
        total,
        prev_page: None,
        next_page: None,
        can_write: o.actor.role.allows(Permission::Write),
        kinds: Vec::new(),
        tags: Vec::new(),
        filtered: false,
        filter_query: String::new(),
    };
    Ok((status, list).into_response())
}

/// One field on the form: an input, or for a sensitive field a sealed value with its reveal button.
pub struct FieldRow {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    pub input_type: &'static str,
    pub sensitive: bool,
    /// A sensitive value is held (shown sealed).
    pub held: bool,
    /// The revealed value of a sensitive field, after an audited reveal.
    pub revealed: Option<String>,
    pub can_reveal: bool,
    /// Held, but no active activity needs it any more: it must be cleared before the next save.
    pub unneeded: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "relations/form.html")]
pub(crate) struct FormPage {
    c: Chrome,
    org: String,
    /// `None` for a new relation.
    id: Option<String>,
    party: String,
    party_value: &'static str,
    kinds: Vec<Opt>,
    companies: Vec<Opt>,
    fields: Vec<FieldRow>,
    can_write: bool,
    company_name: Option<String>,
    contacts: Vec<(String, String)>,
    tags: String,
    notes: Vec<NoteRow>,
}

/// A note as the relation page shows it.
pub struct NoteRow {
    pub body: String,
    pub at: String,
}

#[allow(clippy::too_many_arguments)]
async fn form_page(
    web: &Web,
    o: &OrgCtx,
    flash: &Flash,
    status: StatusCode,
    error: Option<String>,
    existing: Option<&RelationView>,
    input: &RelationInput,
    revealed: Option<(RelationField, String)>,
) -> Result<Response, WebError> {
    let tr = o.ctx.tr();
    let title = if existing.is_some() {
        "relations-edit-title"
    } else {
        "relations-new-title"
    };
    let mut c = Chrome::org(o, title, "relations", flash);
    if let Some(title) = existing.map(|v| v.name.clone()).filter(|n| !n.is_empty()) {
        c.title = title;
    }
    if error.is_some() {
        c.error = error;
    }
    let business = input.party == Party::Person && input.company.is_some();
    let offered = web
        .app
        .relation_offered_fields(&o.actor, input.kind, input.party, business)
        .await?;
    let held_sensitive: Vec<RelationField> =
        existing.map(|v| v.sensitive.clone()).unwrap_or_default();
    let fields = RelationField::ALL
        .iter()
        .copied()
        .filter(|f| f.applies_to(input.party))
        .filter(|f| {
            offered.contains(f)
                || held_sensitive.contains(f)
                || input.values.get(f).is_some_and(|v| !v.trim().is_empty())
        })
        .map(|f| FieldRow {
            name: f.as_str(),
            label: field_label(tr, f),
            value: if f.is_sensitive() {
                String::new()
            } else {
                input.values.get(&f).cloned().unwrap_or_default()
            },
            input_type: match f {
                RelationField::Email => "email",
                RelationField::Phone => "tel",
                RelationField::DateOfBirth => "date",
                _ => "text",
            },
            sensitive: f.is_sensitive(),
            held: held_sensitive.contains(&f),
            revealed: revealed
                .as_ref()
                .filter(|(rf, _)| *rf == f)
                .map(|(_, v)| v.clone()),
            can_reveal: o.actor.role.allows(relation_reveal_permission(f)),
            unneeded: !offered.contains(&f),
        })
        .collect();
    let kinds = RelationKind::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().to_owned(),
            label: kind_label(tr, *k),
            selected: *k == input.kind,
        })
        .collect();
    let own_id = existing.map(|v| v.id.clone());
    let companies = if input.party == Party::Person {
        companies(web, o)
            .await?
            .into_iter()
            .filter(|(id, _)| Some(id) != own_id.as_ref())
            .map(|(id, name)| Opt {
                selected: input.company.as_deref() == Some(id.as_str()),
                value: id,
                label: name,
            })
            .collect()
    } else {
        Vec::new()
    };
    let contacts = match existing {
        Some(v) if v.party == Party::Company => web
            .app
            .relation_contacts(&o.actor, &v.id)
            .await?
            .into_iter()
            .map(|c| (c.id, c.name))
            .collect(),
        _ => Vec::new(),
    };
    let notes = match existing {
        Some(v) => web
            .app
            .relation_notes(&o.actor, &v.id)
            .await?
            .into_iter()
            .map(|n| NoteRow {
                body: n.body,
                at: kluis_domain::calendar::utc_date_of_ms(n.created_at_ms)
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            })
            .collect(),
        None => Vec::new(),
    };
    let page = FormPage {
        c,
        tags: input.tags.iter().cloned().collect::<Vec<_>>().join(", "),
        notes,
        org: o.org_slug.clone(),
        id: own_id,
        party: party_label(tr, input.party),
        party_value: input.party.as_str(),
        kinds,
        companies,
        fields,
        can_write: o.actor.role.allows(Permission::Write),
        company_name: existing.and_then(|v| v.company_name.clone()),
        contacts,
    };
    Ok((status, page).into_response())
}

/// What the new form is for: party, kind and company choose the fields offered (none of them personal data).
#[derive(Debug, Default, serde::Deserialize)]
pub struct NewQuery {
    pub party: Option<String>,
    pub kind: Option<String>,
    pub company: Option<String>,
}

pub async fn new_form(
    State(web): State<Web>,
    o: OrgCtx,
    Query(q): Query<NewQuery>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let input = RelationInput {
        party: q
            .party
            .as_deref()
            .and_then(|p| p.parse().ok())
            .unwrap_or(Party::Person),
        kind: q
            .kind
            .as_deref()
            .and_then(|k| k.parse().ok())
            .unwrap_or(RelationKind::Customer),
        company: q.company.filter(|c| !c.trim().is_empty()),
        values: BTreeMap::new(),
        tags: Default::default(),
    };
    form_page(
        &web,
        &o,
        &Flash::default(),
        StatusCode::OK,
        None,
        None,
        &input,
        None,
    )
    .await
}

pub async fn create(State(web): State<Web>, o: OrgCtx, body: Bytes) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let input =
        input_from_form(&pairs, (Party::Person, RelationKind::Customer)).map_err(WebError::from)?;
    match web.app.create_relation(&o.actor, &input).await {
        Ok(v) => Ok(see_other(&format!(
            "/o/{}/relations/{}?notice=relation-saved",
            o.org_slug, v.id
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            form_page(
                &web,
                &o,
                &Flash::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(error_text(tr, &e)),
                None,
                &input,
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

fn input_of(v: &RelationView) -> RelationInput {
    RelationInput {
        party: v.party,
        kind: v.kind,
        company: v.company_id.clone(),
        values: v.values.clone(),
        tags: v.tags.iter().cloned().collect(),
    }
}

pub async fn detail(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    Query(flash): Query<Flash>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let v = web.app.relation(&o.actor, &id).await?;
    form_page(
        &web,
        &o,
        &flash,
        StatusCode::OK,
        None,
        Some(&v),
        &input_of(&v),
        None,
    )
    .await
}

pub async fn update(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    let v = web.app.relation(&o.actor, &id).await?;
    let input = RelationInput {
        party: v.party,
        ..input_from_form(&pairs, (v.party, v.kind)).map_err(WebError::from)?
    };
    match web.app.update_relation(&o.actor, &id, &input).await {
        Ok(v) => Ok(see_other(&format!(
            "/o/{}/relations/{}?notice=relation-saved",
            o.org_slug, v.id
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            form_page(
                &web,
                &o,
                &Flash::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(error_text(tr, &e)),
                Some(&v),
                &input,
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Shows one field's value in clear on the relation's page: audited by the application, refused for a
/// special-category or national-ID field to a role without the reveal permission.
pub async fn reveal(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id, field)): Path<(String, String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Read)?;
    let field: RelationField = field
        .parse()
        .map_err(|_| WebError::from(AppError::NotFound))?;
    let value = web.app.reveal_relation_field(&o.actor, &id, field).await?;
    let v = web.app.relation(&o.actor, &id).await?;
    form_page(
        &web,
        &o,
        &Flash::default(),
        StatusCode::OK,
        None,
        Some(&v),
        &input_of(&v),
        Some((field, value)),
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "relations/delete.html")]
pub(crate) struct DeletePage {
    c: Chrome,
    org: String,
    id: String,
    name: String,
}

pub async fn delete_confirm(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let v = web.app.relation(&o.actor, &id).await?;
    let page = DeletePage {
        c: Chrome::org(&o, "relations-delete-title", "relations", &Flash::default()),
        org: o.org_slug.clone(),
        id: v.id,
        name: v.name,
    };
    Ok(page.into_response())
}

pub async fn delete(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    match web.app.delete_relation(&o.actor, &id).await {
        Ok(()) => Ok(see_other(&format!(
            "/o/{}/relations?notice=relation-deleted",
            o.org_slug
        ))),
        Err(AppError::Conflict(_)) => Ok(see_other(&format!(
            "/o/{}/relations/{}?error=relations-has-contacts",
            o.org_slug, id
        ))),
        Err(e) => Err(e.into()),
    }
}

/// Adds a note to the relation and shows its page again; the text travels in the body only.
pub async fn add_note(
    State(web): State<Web>,
    o: OrgCtx,
    Path((_, id)): Path<(String, String)>,
    body: Bytes,
) -> Result<Response, WebError> {
    require(&o, Permission::Write)?;
    let tr = o.ctx.tr();
    let pairs = form_pairs(&body);
    match web
        .app
        .add_relation_note(&o.actor, &id, first(&pairs, "note"))
        .await
    {
        Ok(_) => Ok(see_other(&format!(
            "/o/{}/relations/{}?notice=relation-note-added",
            o.org_slug,
            web.app.relation(&o.actor, &id).await?.id
        ))),
        Err(e @ AppError::Invalid { .. }) => {
            let v = web.app.relation(&o.actor, &id).await?;
            form_page(
                &web,
                &o,
                &Flash::default(),
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(error_text(tr, &e)),
                Some(&v),
                &input_of(&v),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
