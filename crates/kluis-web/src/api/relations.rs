//! The relations part of the REST API: persons and companies, the search through the blind index (POST, so the
//! term is never in a URL or an access log) and the audited reveal of one field.

use super::{ApiJson, ApiOrgActor, Problem, require};
use crate::backend::AppError;
use crate::{Routes, Web};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use kluis_app::{RelationInput, RelationListFilter, RelationView};
use kluis_domain::Permission;
use kluis_domain::relations::{Party, RelationField, RelationKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::{IntoParams, OpenApi, ToSchema};

pub(crate) fn routes() -> Routes {
    Routes::new()
        .get("/api/v1/orgs/{org}/relations", list_relations)
        .post("/api/v1/orgs/{org}/relations", create_relation)
        .post("/api/v1/orgs/{org}/relations/search", search_relations)
        .get("/api/v1/orgs/{org}/relations/tags", list_tags)
        .get("/api/v1/orgs/{org}/relations/{relation}", get_relation)
        .add(
            Method::PUT,
            "/api/v1/orgs/{org}/relations/{relation}",
            update_relation,
        )
        .add(
            Method::DELETE,
            "/api/v1/orgs/{org}/relations/{relation}",
            delete_relation,
        )
        .post(
            "/api/v1/orgs/{org}/relations/{relation}/reveal/{field}",
            reveal_field,
        )
        .get("/api/v1/orgs/{org}/relations/{relation}/notes", list_notes)
        .post("/api/v1/orgs/{org}/relations/{relation}/notes", add_note)
}

#[derive(OpenApi)]
#[openapi(
    paths(
        list_relations,
        create_relation,
        search_relations,
        list_tags,
        get_relation,
        update_relation,
        delete_relation,
        reveal_field,
        list_notes,
        add_note
    ),
    components(schemas(
        RelationIn,
        RelationOut,
        RelationPageOut,
        RelationSearchIn,
        RelationValueOut,
        RelationNoteIn,
        RelationNoteOut,
        RelationTagOut
    ))
)]
pub(crate) struct RelationsDoc;

/// A relation's fields as entered.
#[derive(Serialize, Deserialize, ToSchema)]
pub struct RelationIn {
    /// `person` or `company`; ignored on update (a relation keeps its party).
    #[serde(default)]
    pub party: String,
    /// `customer`, `prospect`, `employee`, `job_applicant`, `supplier_contact` or `other`.
    #[serde(default)]
    pub kind: String,
    /// For a person: the id of the company relation they are a contact of (a business contact).
    #[serde(default)]
    pub company: Option<String>,
    /// Values by field name (`given_name`, `family_name`, `company_name`, `email`, `phone`, `street`,
    /// `postcode`, `city`, `country`, `date_of_birth`, `gender`, `nationality`, `language`, `job_title`,
    /// `registration_number`, `vat_number`, `iban`, `bsn`, `be_national_number`, `sick_leave`, `health`).
    /// Only fields an active processing activity needs for this relation are accepted. On update a sensitive
    /// field left out keeps its value; given as "" it is cleared.
    #[serde(default)]
    pub values: BTreeMap<String, String>,
    /// Tags (at most 20 of at most 50 characters); the set replaces the relation's tags.
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A note to add to a relation.
#[derive(Deserialize, ToSchema)]
pub struct RelationNoteIn {
    #[serde(default)]
    pub note: String,
}

/// A note on a relation.
#[derive(Serialize, ToSchema)]
pub struct RelationNoteOut {
    pub id: String,
    pub note: String,
    pub created_by: String,
    pub created_at_ms: i64,
}

/// A relation: non-sensitive values in clear; special-category and national-ID fields only named.
#[derive(Serialize, ToSchema)]
pub struct RelationOut {
    pub id: String,
    pub party: String,
    pub kind: String,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub name: String,
    pub values: BTreeMap<String, String>,
    /// Sensitive fields held; reveal one with `POST …/reveal/{field}` (audited).
    pub sensitive: Vec<String>,
    pub tags: Vec<String>,
    pub version: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// One page of relations, newest first.
#[derive(Serialize, ToSchema)]
pub struct RelationPageOut {
    pub relations: Vec<RelationOut>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

/// A search term: a name, e-mail address, phone number or postcode, matched exactly through the blind index.
#[derive(Deserialize, ToSchema)]
pub struct RelationSearchIn {
    #[serde(default)]
    pub q: String,
}

/// A revealed value.
#[derive(Serialize, ToSchema)]
pub struct RelationValueOut {
    pub field: String,
    pub value: String,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RelationParams {
    /// Page number from 1.
    page: Option<u32>,
    /// Relations per page: 50 by default, at most 500.
    per_page: Option<u32>,
    /// Only relations of this kind (customer, prospect, employee, job_applicant, supplier_contact, other).
    kind: Option<String>,
    /// Only relations holding this tag: its token from `GET .../relations/tags`.
    tag: Option<String>,
}

/// A tag relations can be filtered by.
#[derive(Serialize, ToSchema)]
pub struct RelationTagOut {
    /// Opaque token to filter the list by (`?tag=`).
    token: String,
    label: String,
    relations: u64,
}

fn invalid(field: &'static str, message: &str) -> Problem {
    Problem::from(AppError::Invalid {
        field,
        message: message.to_owned(),
    })
}

fn relation_in(input: RelationIn) -> Result<RelationInput, Problem> {
    let party: Party = input
        .party
        .parse()
        .map_err(|_| invalid("party", "expected person or company"))?;
    let kind: RelationKind = input.kind.parse().map_err(|_| {
        invalid(
            "kind",
            "expected customer, prospect, employee, job_applicant, supplier_contact or other",
        )
    })?;
    let mut values = BTreeMap::new();
    for (k, v) in input.values {
        let f: RelationField = k
            .parse()
            .map_err(|_| invalid("values", "unknown field name"))?;
        values.insert(f, v);
    }
    Ok(RelationInput {
        party,
        kind,
        company: input.company,
        values,
        tags: input.tags.into_iter().collect(),
    })
}

fn relation_out(v: RelationView) -> RelationOut {
    RelationOut {
        id: v.id,
        party: v.party.as_str().to_owned(),
        kind: v.kind.as_str().to_owned(),
        company_id: v.company_id,
        company_name: v.company_name,
        name: v.name,
        values: v
            .values
            .into_iter()
            .map(|(f, v)| (f.as_str().to_owned(), v))
            .collect(),
        sensitive: v
            .sensitive
            .into_iter()
            .map(|f| f.as_str().to_owned())
            .collect(),
        tags: v.tags,
        version: v.version,
        created_at_ms: v.created_at_ms,
        updated_at_ms: v.updated_at_ms,
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), RelationParams),
    responses((status = 200, body = RelationPageOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem, description = "An unknown kind")))]
async fn list_relations(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Query(p): Query<RelationParams>,
) -> Result<Json<RelationPageOut>, Problem> {
    require(&a, Permission::Read)?;
    let kind = match p.kind.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => Some(
            k.parse::<RelationKind>()
                .map_err(|_| invalid("kind", "not a kind of relation"))?,
        ),
    };
    let filter = RelationListFilter { kind, tag: p.tag };
    let page = web
        .app
        .relations_filtered(&a, &filter, p.page.unwrap_or(1), p.per_page.unwrap_or(0))
        .await?;
    Ok(Json(RelationPageOut {
        page: page.page,
        per_page: page.per_page,
        total: page.total,
        relations: page.relations.into_iter().map(relation_out).collect(),
    }))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/tags", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug")),
    responses((status = 200, body = Vec<RelationTagOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_tags(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
) -> Result<Json<Vec<RelationTagOut>>, Problem> {
    require(&a, Permission::Read)?;
    let tags = web.app.relation_tag_choices(&a).await?;
    Ok(Json(
        tags.into_iter()
            .map(|t| RelationTagOut {
                token: t.token,
                label: t.label,
                relations: t.relations,
            })
            .collect(),
    ))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = RelationIn,
    responses((status = 201, body = RelationOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn create_relation(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<RelationIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let r = relation_in(input)?;
    let v = web.app.create_relation(&a, &r).await?;
    Ok((StatusCode::CREATED, Json(relation_out(v))).into_response())
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/search", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug")),
    request_body = RelationSearchIn,
    responses((status = 200, body = Vec<RelationOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn search_relations(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    ApiJson(input): ApiJson<RelationSearchIn>,
) -> Result<Json<Vec<RelationOut>>, Problem> {
    require(&a, Permission::Read)?;
    let found = web.app.search_relations(&a, &input.q).await?;
    Ok(Json(found.into_iter().map(relation_out).collect()))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/{relation}", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 200, body = RelationOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn get_relation(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<RelationOut>, Problem> {
    require(&a, Permission::Read)?;
    Ok(Json(relation_out(web.app.relation(&a, &id).await?)))
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/relations/{relation}", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    request_body = RelationIn,
    responses((status = 200, body = RelationOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn update_relation(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<RelationIn>,
) -> Result<Json<RelationOut>, Problem> {
    require(&a, Permission::Write)?;
    // Another organisation's id (or none) is not found before the body is judged.
    let old = web.app.relation(&a, &id).await?;
    let r = RelationInput {
        party: old.party,
        ..relation_in(RelationIn {
            party: old.party.as_str().to_owned(),
            ..input
        })?
    };
    Ok(Json(relation_out(
        web.app.update_relation(&a, &id, &r).await?,
    )))
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/relations/{relation}", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 204, description = "Deleted with every value"), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
async fn delete_relation(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<StatusCode, Problem> {
    require(&a, Permission::Write)?;
    web.app.delete_relation(&a, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/{relation}/reveal/{field}", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id"), ("field" = String, Path, description = "Field name, e.g. `bsn`")),
    responses((status = 200, body = RelationValueOut), (status = 401, body = Problem), (status = 403, body = Problem, description = "Special-category and national-ID fields need the reveal permission (owner, privacy officer)"), (status = 404, body = Problem)))]
async fn reveal_field(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id, field)): Path<(String, String, String)>,
) -> Result<Json<RelationValueOut>, Problem> {
    require(&a, Permission::Read)?;
    let field: RelationField = field.parse().map_err(|_| AppError::NotFound)?;
    let value = web.app.reveal_relation_field(&a, &id, field).await?;
    Ok(Json(RelationValueOut {
        field: field.as_str().to_owned(),
        value,
    }))
}

fn note_out(n: kluis_app::RelationNote) -> RelationNoteOut {
    RelationNoteOut {
        id: n.id,
        note: n.body,
        created_by: n.created_by,
        created_at_ms: n.created_at_ms,
    }
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/relations/{relation}/notes", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    responses((status = 200, body = Vec<RelationNoteOut>), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)))]
async fn list_notes(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
) -> Result<Json<Vec<RelationNoteOut>>, Problem> {
    require(&a, Permission::Read)?;
    let notes = web.app.relation_notes(&a, &id).await?;
    Ok(Json(notes.into_iter().map(note_out).collect()))
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/relations/{relation}/notes", tag = "relations",
    params(("org" = String, Path, description = "Organisation slug"), ("relation" = String, Path, description = "Relation id")),
    request_body = RelationNoteIn,
    responses((status = 201, body = RelationNoteOut), (status = 401, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
async fn add_note(
    State(web): State<Web>,
    ApiOrgActor(a): ApiOrgActor,
    Path((_, id)): Path<(String, String)>,
    ApiJson(input): ApiJson<RelationNoteIn>,
) -> Result<Response, Problem> {
    require(&a, Permission::Write)?;
    let n = web.app.add_relation_note(&a, &id, &input.note).await?;
    Ok((StatusCode::CREATED, Json(note_out(n))).into_response())
}
