//! Relations: persons and companies with their kind, every value encrypted at rest, the searchable ones behind a
//! blind index, fields offered only when an active processing activity needs them, sensitive reads audited.

use std::collections::{BTreeMap, BTreeSet};

use kluis_crypto::KeyRing;
use kluis_domain::register::inventory::RelationHoldings;
use kluis_domain::register::{DataCategory, Register};
use kluis_domain::relations::model::{RelationProblem, offered_fields, unneeded_for_kind};
use kluis_domain::relations::{Party, Relation, RelationField, RelationKind};
use kluis_domain::{AuditAction, EntityType, Permission};
use kluis_store::{
    RelationFilter, RelationNoteRow, RelationRow, RelationTagRow, RelationValueRow, now_ms,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::audit::require;
use crate::{Actor, App, AppError, retry};

const VALUES_TABLE: &str = "relation_values";
/// Relations per page when the caller does not say.
const DEFAULT_PER_PAGE: u32 = 50;
/// Hits a search returns at most: an exact match on a name, e-mail, phone or postcode finds few.
pub const RELATION_SEARCH_LIMIT: i64 = 200;

/// What [`App::relation_update_row`] gives: the row to write, the fields it changes, the link keys.
pub(crate) type UpdateRow = (RelationRow, Vec<&'static str>, Vec<(EntityType, String)>);

/// What the caller entered for a relation. On update the party stays what it was; a sensitive field absent from
/// `values` keeps its stored value (forms never hold it in clear), a field given empty is cleared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationInput {
    pub party: Party,
    pub kind: RelationKind,
    /// For a person: the id of the company relation they are a contact of.
    pub company: Option<String>,
    pub values: BTreeMap<RelationField, String>,
    /// Labels such as "vip" or "newsletter"; each at most 50 characters, at most 20, kept once whatever the case.
    #[serde(default)]
    pub tags: BTreeSet<String>,
}

/// A note on a relation, as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationNote {
    pub id: String,
    pub body: String,
    /// A user id, or `cli`.
    pub created_by: String,
    pub created_at_ms: i64,
}

/// A relation as shown: non-sensitive values in clear, special-category and national-ID fields only named
/// (reveal them with [`App::reveal_relation_field`], which is audited).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationView {
    pub id: String,
    pub party: Party,
    pub kind: RelationKind,
    pub company_id: Option<String>,
    /// The linked company's name, when it has one.
    pub company_name: Option<String>,
    /// Given and family name of a person, or a company's name.
    pub name: String,
    /// Non-sensitive values held, in clear.
    pub values: BTreeMap<RelationField, String>,
    /// Sensitive fields held (values not shown).
    pub sensitive: Vec<RelationField>,
    /// Tags, sorted.
    pub tags: Vec<String>,
    pub version: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

/// What the list of relations is narrowed to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationListFilter {
    pub kind: Option<RelationKind>,
    /// A tag's token from [`App::relation_tag_choices`].
    pub tag: Option<String>,
}

/// A tag the list can be filtered by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TagChoice {
    /// Opaque: the tag's blind index.
    pub token: String,
    pub label: String,
    pub relations: u64,
}

/// Tags the list's filter offers at most.
const TAG_CHOICES: i64 = 100;

/// One page of relations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationPage {
    pub relations: Vec<RelationView>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

const TAGS_TABLE: &str = "relation_tags";
const NOTES_TABLE: &str = "relation_notes";
/// Blind-index purpose of tags.
const TAG_PURPOSE: &str = "relation_tag";

pub(crate) fn tag_aad(org_id: &str, relation_id: &str, tag_index: &str) -> Vec<u8> {
    KeyRing::aad(
        org_id,
        TAGS_TABLE,
        &format!("tag_enc/{relation_id}/{tag_index}"),
    )
}

pub(crate) fn note_aad(org_id: &str, note_id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, NOTES_TABLE, &format!("body_enc/{note_id}"))
}

/// Tags as entered: trimmed, empty ones dropped, at most 20 of at most 50 characters.
pub(crate) fn clean_tags(tags: &BTreeSet<String>) -> Result<BTreeSet<String>, AppError> {
    let tags: BTreeSet<String> = tags
        .iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect();
    if tags.len() > 20 || tags.iter().any(|t| t.chars().count() > 50) {
        return Err(AppError::invalid(
            "tags",
            "at most 20 tags of at most 50 characters",
        ));
    }
    Ok(tags)
}

pub(crate) fn value_aad(org_id: &str, relation_id: &str, field: RelationField) -> Vec<u8> {
    KeyRing::aad(
        org_id,
        VALUES_TABLE,
        &format!("value_enc/{relation_id}/{}", field.as_str()),
    )
}

/// The permission needed to read `field` in clear: the documents module's reveal rule (national IDs and
/// special categories need [`Permission::RevealSensitive`]), applied to the field's register category.
pub fn reveal_permission(field: RelationField) -> Permission {
    if field.is_sensitive() {
        Permission::RevealSensitive
    } else {
        Permission::Read
    }
}

/// The words for a problem, naming the field (never its value).
fn problem_error(p: &RelationProblem) -> AppError {
    match p {
        RelationProblem::NoName => AppError::invalid(
            "name",
            "a person needs a given or family name, a company its name",
        ),
        RelationProblem::CompanyLinkedToCompany => {
            AppError::invalid("company", "only a person can be a company's contact")
        }
        RelationProblem::FieldNotForParty(f) => AppError::invalid(
            f.as_str(),
            format!("the field {f} does not apply to this kind of relation (person or company)"),
        ),
        RelationProblem::FieldNotOffered(f) => AppError::invalid(
            f.as_str(),
            format!(
                "the field {f} is not needed by any active processing activity for this relation \
                 (privacy by default): record it in the register first"
            ),
        ),
        RelationProblem::ImpossibleDateOfBirth => AppError::invalid(
            "date_of_birth",
            "the date of birth must be a real date (YYYY-MM-DD), not in the future",
        ),
    }
}

pub(crate) fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

/// The display name of a relation with these values.
fn display_name(party: Party, values: &BTreeMap<RelationField, String>) -> String {
    let get = |f| values.get(&f).map(String::as_str).unwrap_or("");
    match party {
        Party::Company => get(RelationField::CompanyName).to_owned(),
        Party::Person => [
            get(RelationField::GivenName),
            get(RelationField::FamilyName),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" "),
    }
}

/// The blind indexes a search term has as each searchable field's entity type (name, e-mail, phone, postcode).
fn search_indexes(keys: &KeyRing, org_id: &str, query: &str) -> Vec<String> {
    let mut types: Vec<EntityType> = RelationField::ALL
        .iter()
        .filter(|f| f.searchable())
        .filter_map(|f| f.entity_type())
        .collect();
    types.sort_unstable();
    types.dedup();
    let mut out: Vec<String> = types
        .into_iter()
        .filter_map(|e| {
            let n = kluis_pii::normalize(e, query);
            (!n.is_empty()).then(|| keys.blind_index(org_id, e.as_str(), &n))
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Encrypts the tags of relation `id`, each once whatever its case (also the import's batch path).
pub(crate) fn seal_tags_with(
    keys: &KeyRing,
    org_id: &str,
    id: &str,
    tags: &BTreeSet<String>,
) -> Vec<RelationTagRow> {
    let mut out: Vec<RelationTagRow> = Vec::new();

    for t in tags {
        let tag_index = keys.blind_index(org_id, TAG_PURPOSE, &t.to_lowercase());
        if out.iter().any(|o| o.tag_index == tag_index) {
            continue;
        }
        out.push(RelationTagRow {
            tag_enc: keys.encrypt(t.as_bytes(), &tag_aad(org_id, id, &tag_index)),
            tag_index,
        });
    }
    out
}

impl App {
    /// The fields privacy by default offers for a relation of `kind` and `party` (Permission::Read): those an
    /// active processing activity of the register needs.
    pub async fn relation_offered_fields(
        &self,
        actor: &Actor,
        kind: RelationKind,
        party: Party,
        business_contact: bool,
    ) -> Result<Vec<RelationField>, AppError> {
        require(actor, Permission::Read)?;
        let register = Register {
            activities: self.register_activities_as_of(actor, None).await?,
            ..Default::default()
        };
        Ok(offered_fields(&register, kind, party, business_contact))
    }

    /// Decrypts a stored relation for showing: sensitive values stay sealed.
    pub(crate) fn relation_view(
        &self,
        org_id: &str,
        row: &RelationRow,
        company_name: Option<String>,
    ) -> Result<RelationView, AppError> {
        let keys = self.keys();
        let mut values = BTreeMap::new();
        let mut sensitive = Vec::new();
        for v in &row.values {
            if v.field.is_sensitive() {
                sensitive.push(v.field);
                continue;
            }
            let plain = keys.decrypt(&v.value_enc, &value_aad(org_id, &row.id, v.field))?;
            values.insert(
                v.field,
                String::from_utf8(plain).map_err(AppError::internal)?,
            );
        }
        let mut tags = Vec::new();
        for t in &row.tags {
            let plain = keys.decrypt(&t.tag_enc, &tag_aad(org_id, &row.id, &t.tag_index))?;
            tags.push(String::from_utf8(plain).map_err(AppError::internal)?);
        }
        tags.sort();
        Ok(RelationView {
            tags,
            id: row.id.clone(),
            party: row.party,
            kind: row.kind,
            company_id: row.company_id.clone(),
            company_name,
            name: display_name(row.party, &values),
            values,
            sensitive,
            version: row.version,
            created_at_ms: row.created_at,
            updated_at_ms: row.updated_at,
        })
    }

    /// Encrypts the values of relation `id`, with the blind index of every field that has an entity type.
    fn seal_values(
        &self,
        org_id: &str,
        id: &str,
        values: &BTreeMap<RelationField, String>,
    ) -> Vec<RelationValueRow> {
        let keys = self.keys();
        values
            .iter()
            .map(|(f, v)| RelationValueRow {
                field: *f,
                value_enc: keys.encrypt(v.as_bytes(), &value_aad(org_id, id, *f)),
                value_index: f.entity_type().and_then(|e| {
                    let n = kluis_pii::normalize(e, v);
                    (!n.is_empty()).then(|| keys.blind_index(org_id, e.as_str(), &n))
                }),
            })
            .collect()
    }

    /// Encrypts the tags of relation `id`, each once whatever its case.
    fn seal_tags(&self, org_id: &str, id: &str, tags: &BTreeSet<String>) -> Vec<RelationTagRow> {
        seal_tags_with(&self.keys(), org_id, id, tags)
    }

    /// Checks a relation as entered against the register (privacy by default) and the company link; returns the
    /// clean values (trimmed, empty ones dropped).
    async fn checked_relation(
        &self,
        actor: &Actor,
        id: Uuid,
        input: &RelationInput,
        kept_sensitive: &[RelationField],
    ) -> Result<BTreeMap<RelationField, String>, AppError> {
        let values: BTreeMap<RelationField, String> = input
            .values
            .iter()
            .map(|(f, v)| (*f, v.trim().to_owned()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        if let Some((f, _)) = values.iter().find(|(_, v)| v.len() > 1000) {
            return Err(AppError::invalid(f.as_str(), "at most 1000 characters"));
        }
        let company = match input.company.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) => {
                let cid = Uuid::parse_str(c)
                    .map_err(|_| AppError::invalid("company", "no such company relation"))?;
                let row = self
                    .db()
                    .relations(&actor.scope)
                    .get(&cid.to_string())
                    .await?;
                if row.is_none_or(|r| r.party != Party::Company) || cid == id {
                    return Err(AppError::invalid("company", "no such company relation"));
                }
                Some(cid)
            }
        };
        let mut check = Relation {
            id,
            party: input.party,
            kind: input.kind,
            company,
            values: values.clone(),
            tags: BTreeSet::new(),
        };
        // Kept sensitive values are checked too (a field no activity needs any more must go), by presence only.
        for f in kept_sensitive {
            check.values.entry(*f).or_insert_with(|| "kept".to_owned());
        }
        let offered = self
            .relation_offered_fields(actor, input.kind, input.party, check.is_business_contact())
            .await?;
        if let Some(p) = check.problems(&offered, crate::profile::today()).first() {
            return Err(problem_error(p));
        }
        Ok(values)
    }

    /// Records a relation (Permission::Write); audited as `relation.create` naming the fields it holds.
    pub async fn create_relation(
        &self,
        actor: &Actor,
        input: &RelationInput,
    ) -> Result<RelationView, AppError> {
        require(actor, Permission::Write)?;
        let id = Uuid::now_v7();
        let values = self.checked_relation(actor, id, input, &[]).await?;
        let tags = clean_tags(&input.tags)?;
        let id = id.to_string();
        let org_id = actor.scope.org_id().to_owned();
        let now = now_ms();
        let row = RelationRow {
            id: id.clone(),
            party: input.party,
            kind: input.kind,
            company_id: input
                .company
                .as_deref()
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            version: 1,
            created_by: actor.user_id.to_string(),
            created_at: now,
            updated_at: now,
            values: self.seal_values(&org_id, &id, &values),
            tags: self.seal_tags(&org_id, &id, &tags),
        };
        let mut fields = vec!["party", "kind"];
        if row.company_id.is_some() {
            fields.push("company");
        }
        if !row.tags.is_empty() {
            fields.push("tags");
        }
        fields.extend(values.keys().map(|f| f.as_str()));
        let link_keys = crate::links::match_keys(self, &org_id, &values);
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.relations(&actor.scope).insert(&row).await?;
            crate::links::relink_relation(&mut tx, &actor.scope, &id, &link_keys).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::RelationCreate, "relation", &id, &fields))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.relation(actor, &id).await
    }

    /// Replaces a relation's kind, company link and values (Permission::Write); its party stays. Sensitive
    /// fields absent from the input keep their value. Audited as `relation.update` naming the fields that
    /// changed (by comparing ciphertexts is impossible, so by comparing the clear values inside the use case).
    pub async fn update_relation(
        &self,
        actor: &Actor,
        id: &str,
        input: &RelationInput,
    ) -> Result<RelationView, AppError> {
        let (row, changed, link_keys) = self.relation_update_row(actor, id, input).await?;
        let id = row.id.clone();
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.relations(&actor.scope).update(&row).await?;
            crate::links::relink_relation(&mut tx, &actor.scope, &id, &link_keys).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::RelationUpdate, "relation", &id, &changed))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.relation(actor, &id).await
    }

    /// The row an update of relation `id` with `input` writes, the names of the fields it changes and the keys
    /// its document links are matched by (Permission::Write): the checks and sealing of [`App::update_relation`], shared with the rectification of a
    /// data-subject request, which writes it in its own transaction under its own event.
    pub(crate) async fn relation_update_row(
        &self,
        actor: &Actor,
        id: &str,
        input: &RelationInput,
    ) -> Result<UpdateRow, AppError> {
        require(actor, Permission::Write)?;
        let uuid = parse_id(id)?;
        let id = uuid.to_string();
        let org_id = actor.scope.org_id().to_owned();
        let old = self
            .db()
            .relations(&actor.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)?;
        let input = RelationInput {
            party: old.party,
            ..input.clone()
        };
        let kept: Vec<RelationField> = old
            .values
            .iter()
            .map(|v| v.field)
            .filter(|f| f.is_sensitive() && !input.values.contains_key(f))
            .collect();
        let values = self.checked_relation(actor, uuid, &input, &kept).await?;
        let tags = clean_tags(&input.tags)?;
        let keys = self.keys();
        let mut old_clear = BTreeMap::new();
        for v in &old.values {
            let plain = keys.decrypt(&v.value_enc, &value_aad(&org_id, &id, v.field))?;
            old_clear.insert(v.field, plain);
        }
        let mut sealed = self.seal_values(&org_id, &id, &values);
        sealed.extend(
            old.values
                .iter()
                .filter(|v| kept.contains(&v.field))
                .cloned(),
        );
        sealed.sort_by_key(|v| v.field);
        let mut changed: Vec<&'static str> = RelationField::ALL
            .iter()
            .filter(|f| !kept.contains(f))
            .filter(|f| old_clear.get(f).map(Vec::as_slice) != values.get(f).map(String::as_bytes))
            .map(|f| f.as_str())
            .collect();
        if old.kind != input.kind {
            changed.insert(0, "kind");
        }
        let company_id = input
            .company
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_owned);
        if old.company_id != company_id {
            changed.insert(0, "company");
        }
        let new_tags = self.seal_tags(&org_id, &id, &tags);
        let old_indexes: Vec<&str> = old.tags.iter().map(|t| t.tag_index.as_str()).collect();
        let mut new_indexes: Vec<&str> = new_tags.iter().map(|t| t.tag_index.as_str()).collect();
        new_indexes.sort_unstable();
        if old_indexes != new_indexes {
            changed.push("tags");
        }
        let link_keys = crate::links::match_keys(self, &org_id, &values);
        let row = RelationRow {
            kind: input.kind,
            company_id,
            updated_at: now_ms(),
            values: sealed,
            tags: new_tags,
            ..old
        };
        Ok((row, changed, link_keys))
    }

    /// Deletes a relation with its values (Permission::Write); a company that still has contacts is refused.
    /// Audited as `relation.delete`.
    pub async fn delete_relation(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::Write)?;
        let id = parse_id(id)?.to_string();
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.relations(&actor.scope).get(&id).await?.is_none() {
                return Err(AppError::NotFound);
            }
            if tx.retention(&actor.scope).is_held(&id).await? {
                return Err(AppError::Conflict(
                    "a legal hold is on this relation: it cannot be deleted until the hold is lifted".into(),
                ));
            }
            if tx.relations(&actor.scope).contact_count(&id).await? > 0 {
                return Err(AppError::Conflict(
                    "this company still has contacts: unlink or delete them first".into(),
                ));
            }
            tx.relations(&actor.scope).delete(&id).await?;
            tx.links(&actor.scope).forget_relation(&id).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RelationDelete,
                    "relation",
                    &id,
                    &["relation"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// One relation (Permission::Read), sensitive values sealed.
    pub async fn relation(&self, actor: &Actor, id: &str) -> Result<RelationView, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(id)?.to_string();
        let store = self.db().relations(&actor.scope);
        let row = store.get(&id).await?.ok_or(AppError::NotFound)?;
        let company_name = match &row.company_id {
            Some(c) => match store.get(c).await? {
                Some(company) => Some(
                    self.relation_view(actor.scope.org_id(), &company, None)?
                        .name,
                ),
                None => None,
            },
            None => None,
        };
        self.relation_view(actor.scope.org_id(), &row, company_name)
    }

    /// Appends a note to a relation (Permission::Write): encrypted, at most 5,000 characters. Audited as
    /// `relation.note.add`, without the text.
    pub async fn add_relation_note(
        &self,
        actor: &Actor,
        id: &str,
        body: &str,
    ) -> Result<RelationNote, AppError> {
        require(actor, Permission::Write)?;
        let id = parse_id(id)?.to_string();
        // Another organisation's relation is not found before the text is judged.
        if self.db().relations(&actor.scope).get(&id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let body = body.trim();
        if body.is_empty() {
            return Err(AppError::invalid("note", "the note is empty"));
        }
        if body.chars().count() > 5_000 {
            return Err(AppError::invalid("note", "at most 5000 characters"));
        }
        let note_id = Uuid::now_v7().to_string();
        let row = RelationNoteRow {
            body_enc: self
                .keys()
                .encrypt(body.as_bytes(), &note_aad(actor.scope.org_id(), &note_id)),
            id: note_id.clone(),
            relation_id: id.clone(),
            created_by: actor.user_id.to_string(),
            created_at: now_ms(),
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.relations(&actor.scope).get(&id).await?.is_none() {
                return Err(AppError::NotFound);
            }
            tx.relations(&actor.scope).insert_note(&row).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RelationNoteAdd,
                    "relation",
                    &id,
                    &["note"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        Ok(RelationNote {
            id: note_id,
            body: body.to_owned(),
            created_by: row.created_by,
            created_at_ms: row.created_at,
        })
    }

    /// The notes on a relation, oldest first (Permission::Read).
    pub async fn relation_notes(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<RelationNote>, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(id)?.to_string();
        let store = self.db().relations(&actor.scope);
        if store.get(&id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let keys = self.keys();
        store
            .notes(&id)
            .await?
            .into_iter()
            .map(|n| {
                let plain = keys.decrypt(&n.body_enc, &note_aad(actor.scope.org_id(), &n.id))?;
                Ok(RelationNote {
                    id: n.id,
                    body: String::from_utf8(plain).map_err(AppError::internal)?,
                    created_by: n.created_by,
                    created_at_ms: n.created_at,
                })
            })
            .collect()
    }

    /// The persons linked to company `id` (Permission::Read).
    pub async fn relation_contacts(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<RelationView>, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(id)?.to_string();
        let rows = self.db().relations(&actor.scope).contacts_of(&id).await?;
        rows.iter()
            .map(|r| self.relation_view(actor.scope.org_id(), r, None))
            .collect()
    }

    /// The organisation's companies as (id, name), oldest first, at most 2,000 (Permission::Read): the choice of
    /// a business contact's company.
    pub async fn relation_companies(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(String, String)>, AppError> {
        require(actor, Permission::Read)?;
        let rows = self
            .db()
            .relations(&actor.scope)
            .of_party(Party::Company, 2_000)
            .await?;
        rows.iter()
            .map(|r| {
                self.relation_view(actor.scope.org_id(), r, None)
                    .map(|v| (v.id, v.name))
            })
            .collect()
    }

    /// One page of relations, newest first (Permission::Read). `page` starts at 1; `per_page` defaults to 50,
    /// at most 500.
    pub async fn relations(
        &self,
        actor: &Actor,
        page: u32,
        per_page: u32,
    ) -> Result<RelationPage, AppError> {
        self.relations_filtered(actor, &RelationListFilter::default(), page, per_page)
            .await
    }

    /// One page of the relations of a kind and/or holding a tag (Permission::Read), newest first. The tag is
    /// named by its token from [`App::relation_tag_choices`] (the tag's blind index), so no tag text reaches a
    /// URL; an unknown token finds nothing.
    pub async fn relations_filtered(
        &self,
        actor: &Actor,
        filter: &RelationListFilter,
        page: u32,
        per_page: u32,
    ) -> Result<RelationPage, AppError> {
        require(actor, Permission::Read)?;
        let per_page = match per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(500),
        };
        let page = page.max(1);
        let store = self.db().relations(&actor.scope);
        let filter = RelationFilter {
            kind: filter.kind,
            tag_index: filter.tag.clone().filter(|t| !t.is_empty()),
        };
        let rows = store
            .list_where(
                &filter,
                i64::from(per_page),
                i64::from(page - 1) * i64::from(per_page),
            )
            .await?;
        let total = u64::try_from(store.count_where(&filter).await?).unwrap_or(0);
        let relations = rows
            .iter()
            .map(|r| self.relation_view(actor.scope.org_id(), r, None))
            .collect::<Result<_, _>>()?;
        Ok(RelationPage {
            relations,
            page,
            per_page,
            total,
        })
    }

    /// The organisation's tags to filter by, most used first (Permission::Read): each with its token, its text
    /// as first written and how many relations hold it.
    pub async fn relation_tag_choices(&self, actor: &Actor) -> Result<Vec<TagChoice>, AppError> {
        require(actor, Permission::Read)?;
        let org_id = actor.scope.org_id();
        let keys = self.keys();
        self.db()
            .relations(&actor.scope)
            .tag_counts(TAG_CHOICES)
            .await?
            .into_iter()
            .map(|t| {
                let plain =
                    keys.decrypt(&t.tag_enc, &tag_aad(org_id, &t.relation_id, &t.tag_index))?;
                Ok(TagChoice {
                    label: String::from_utf8(plain).map_err(AppError::internal)?,
                    token: t.tag_index,
                    relations: u64::try_from(t.relations).unwrap_or(0),
                })
            })
            .collect()
    }

    /// Relations whose name, e-mail address, phone number or postcode is exactly `query` (as normalised for
    /// that kind of value), through the blind index: nothing is decrypted to search (Permission::Read). Audited
    /// as `relation.search`, without the query.
    pub async fn search_relations(
        &self,
        actor: &Actor,
        query: &str,
    ) -> Result<Vec<RelationView>, AppError> {
        require(actor, Permission::Read)?;
        let query = query.trim();
        if query.is_empty() {
            return Err(AppError::invalid(
                "q",
                "enter a name, e-mail, phone or postcode",
            ));
        }
        let indexes = search_indexes(&self.keys(), actor.scope.org_id(), query);
        let rows = self
            .db()
            .relations(&actor.scope)
            .by_index(&indexes, RELATION_SEARCH_LIMIT)
            .await?;
        let views = rows
            .iter()
            .map(|r| self.relation_view(actor.scope.org_id(), r, None))
            .collect::<Result<Vec<_>, _>>()?;
        self.audit_access(
            actor,
            &actor.event(AuditAction::RelationSearch, "relation", "", &[]),
        )
        .await?;
        Ok(views)
    }

    /// The clear value of one field of a relation. Special-category and national-ID fields need
    /// Permission::RevealSensitive ([`reveal_permission`]); every reveal is audited as `relation.reveal`
    /// naming the field, never the value.
    pub async fn reveal_relation_field(
        &self,
        actor: &Actor,
        id: &str,
        field: RelationField,
    ) -> Result<String, AppError> {
        require(actor, Permission::Read)?;
        require(actor, reveal_permission(field))?;
        let id = parse_id(id)?.to_string();
        let row = self
            .db()
            .relations(&actor.scope)
            .get(&id)
            .await?
            .ok_or(AppError::NotFound)?;
        let v = row
            .values
            .iter()
            .find(|v| v.field == field)
            .ok_or(AppError::NotFound)?;
        let plain = self
            .keys()
            .decrypt(&v.value_enc, &value_aad(actor.scope.org_id(), &id, field))?;
        let value = String::from_utf8(plain).map_err(AppError::internal)?;
        self.audit_access(
            actor,
            &actor.event(
                AuditAction::RelationReveal,
                "relation",
                &id,
                &[field.as_str()],
            ),
        )
        .await?;
        Ok(value)
    }
}

impl App {
    /// Per kind of relation, the fields its relations hold that no active activity needs any more (an activity
    /// ended, a kind changed): `(kind, party, field, how many relations)`, for the compliance check
    /// (Art. 5(1)(c) and (e)). Set-based: counts per kind, never reads a value.
    pub async fn relations_holding_unneeded(
        &self,
        actor: &Actor,
    ) -> Result<Vec<(RelationKind, Party, RelationField, u64)>, AppError> {
        require(actor, Permission::Read)?;
        let register = Register {
            activities: self.register_activities_as_of(actor, None).await?,
            ..Default::default()
        };
        let store = self.db().relations(&actor.scope);
        let mut out = Vec::new();
        for kind in RelationKind::ALL {
            for party in Party::ALL {
                let fields = unneeded_for_kind(&register, *kind, *party);
                for (field, n) in store.count_holding_of_kind(*kind, *party, &fields).await? {
                    out.push((*kind, *party, field, u64::try_from(n).unwrap_or(0)));
                }
            }
        }
        Ok(out)
    }

    /// How many relations hold each category (Permission::Read): every field's own category and every
    /// category the register names that a field falls under (a relation with a postcode holds the address the
    /// register names), each relation counted once per category. One indexed count per category.
    pub async fn relation_holdings(
        &self,
        actor: &Actor,
        register: &Register,
    ) -> Result<RelationHoldings, AppError> {
        require(actor, Permission::Read)?;
        let mut wanted: BTreeSet<DataCategory> =
            RelationField::ALL.iter().map(|f| f.category()).collect();
        for a in &register.activities {
            wanted.extend(a.categories.iter().copied());
        }
        let store = self.db().relations(&actor.scope);
        let mut out = RelationHoldings::default();
        for c in wanted {
            let fields: Vec<RelationField> = RelationField::of_category(c).collect();
            if fields.is_empty() {
                continue;
            }
            let n = store.count_holding(&fields).await?;
            if n > 0 {
                out.categories.insert(c, u64::try_from(n).unwrap_or(0));
            }
        }
        Ok(out)
    }
}

/// Re-encrypts every relation value still under a retired key, for key rotation (`keys.rs`).
pub(crate) async fn reencrypt_relations(
    app: &App,
    ring: &KeyRing,
    tx: &mut kluis_store::WriteTx,
    scope: &kluis_store::OrgScope,
) -> Result<u64, AppError> {
    let mut n = 0;
    for (id, field, enc) in app.db().relations(scope).all_values().await? {
        if ring.needs_reencrypt(&enc) {
            let fresh = ring.reencrypt(&enc, &value_aad(scope.org_id(), &id, field))?;
            tx.relations(scope)
                .set_value_enc(&id, field, &fresh)
                .await?;
            n += 1;
        }
    }
    for (id, t) in app.db().relations(scope).all_tags().await? {
        if ring.needs_reencrypt(&t.tag_enc) {
            let fresh = ring.reencrypt(&t.tag_enc, &tag_aad(scope.org_id(), &id, &t.tag_index))?;
            tx.relations(scope)
                .set_tag_enc(&id, &t.tag_index, &fresh)
                .await?;
            n += 1;
        }
    }
    for note in app.db().relations(scope).all_notes().await? {
        if ring.needs_reencrypt(&note.body_enc) {
            let fresh = ring.reencrypt(&note.body_enc, &note_aad(scope.org_id(), &note.id))?;
            tx.relations(scope).set_note_enc(&note.id, &fresh).await?;
            n += 1;
        }
    }
    Ok(n)
}
