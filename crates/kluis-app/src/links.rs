//! Documents linked to people, the register as it applies to one relation, and a relation's timeline.
//!
//! The matcher links a document to a relation when a finding's blind index equals one of the relation's (exact
//! lookups in the store, nothing decrypted). It runs inside the scan's transaction and inside every save of a
//! relation; a person's confirmation, hand-made link or removal always wins over it (the domain's rule).

use std::collections::{BTreeMap, BTreeSet};

use kluis_crypto::KeyRing;
use kluis_domain::calendar::utc_date_of_ms;
use kluis_domain::legal_basis::{LawfulBasis, SpecialCategoryGround};
use kluis_domain::register::{DataCategory, Purpose, Register};
use kluis_domain::relations::links::{
    LinkOrigin, LinkState, RecordRetention, applying_activities, confirmed, document_categories,
    document_events, field_categories, full_name, record_retention, relation_events, removed,
};
use kluis_domain::relations::{Party, RelationField, RelationKind};
use kluis_domain::{AuditAction, DocumentClass, EntityType, Permission, PersonalDataKind};
use kluis_store::{LinkedDocumentRow, OrgScope, WriteTx, now_ms};
use serde::Serialize;
use uuid::Uuid;

use crate::audit::require;
use crate::{Actor, App, AppError, retry};

/// The audit entity of a link event; its id is the link's id, which names the document and the relation.
pub const LINK_ENTITY: &str = "document_link";
/// The actor a matcher's suggestion is recorded as (on the link and in a relation's timeline).
pub const LINK_MATCHER_ACTOR: &str = kluis_store::MATCHER;
/// Timeline entries per page when the caller does not say.
const DEFAULT_PER_PAGE: u32 = 50;

/// A document linked to a relation, as [`App::linked_documents`] returns it: no personal values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedDocument {
    pub document_id: String,
    pub name: String,
    /// Effective class (a person's correction wins); `None` before the first scan.
    pub class: Option<DocumentClass>,
    pub personal_data: Option<PersonalDataKind>,
    /// `suggested` (the matcher's, unconfirmed), `confirmed`, or `removed` (only in
    /// [`App::relation_document_links`]).
    pub state: LinkState,
    pub origin: LinkOrigin,
    /// The kinds of identifier that matched (empty for a link made by hand).
    pub entity_types: Vec<EntityType>,
    pub linked_at_ms: i64,
    pub updated_at_ms: i64,
}

/// A relation linked to a document, as the document's "people" show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkedPerson {
    pub relation_id: String,
    /// Display name (given and family name, or a company's name).
    pub name: String,
    pub party: Party,
    pub kind: RelationKind,
    pub state: LinkState,
    pub origin: LinkOrigin,
    pub entity_types: Vec<EntityType>,
}

/// One processing activity of the register that applies to a relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApplyingActivity {
    pub id: Uuid,
    pub name: String,
    pub purposes: Vec<Purpose>,
    pub lawful_basis: Option<LawfulBasis>,
    pub special_ground: Option<SpecialCategoryGround>,
    /// The categories of the relation (its fields and documents) this activity processes.
    pub categories: Vec<DataCategory>,
}

/// A linked document's retention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRetention {
    pub document: LinkedDocument,
    pub retention: RecordRetention,
}

/// The register as it applies to one relation: the activities (by its kind and the categories its fields and
/// linked documents hold), and when its own record and each linked (not removed) document falls due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RelationProcessing {
    pub relation_id: String,
    pub kind: RelationKind,
    pub categories: Vec<DataCategory>,
    pub activities: Vec<ApplyingActivity>,
    /// The relation's own record (its fields).
    pub record: RecordRetention,
    pub documents: Vec<DocumentRetention>,
}

/// One entry of a relation's timeline. No personal values: actions, field names, ids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelineEntry {
    pub at_ms: i64,
    /// A user id, `cli`, `system:jobs` or `system:matcher`.
    pub actor: String,
    /// An audit action (`relation.update`, `relation.reveal`, `relation.link.remove`, …) or `link.suggest` for a
    /// link the matcher proposed.
    pub action: String,
    /// Field names an audit event records, or the matched kinds of a suggestion.
    pub fields: Vec<String>,
    /// The document a link entry concerns.
    pub document_id: Option<String>,
}

/// One page of a relation's timeline, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TimelinePage {
    pub entries: Vec<TimelineEntry>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

fn parse_id(id: &str) -> Result<String, AppError> {
    Uuid::parse_str(id)
        .map(|u| u.to_string())
        .map_err(|_| AppError::NotFound)
}

fn linked(row: &LinkedDocumentRow) -> LinkedDocument {
    LinkedDocument {
        document_id: row.link.document_id.clone(),
        name: row.name.clone(),
        class: row.class,
        personal_data: row.personal_data,
        state: row.link.state,
        origin: row.link.origin,
        entity_types: row.link.entity_types.clone(),
        linked_at_ms: row.link.created_at,
        updated_at_ms: row.link.updated_at,
    }
}

/// The extra match keys of a relation with these clear values: the blind index of a person's full name.
pub(crate) fn match_keys(
    app: &App,
    org_id: &str,
    values: &BTreeMap<RelationField, String>,
) -> Vec<(EntityType, String)> {
    name_match_key(
        &app.keys(),
        org_id,
        values.get(&RelationField::GivenName).map(String::as_str),
        values.get(&RelationField::FamilyName).map(String::as_str),
    )
    .into_iter()
    .map(|k| (EntityType::PersonName, k))
    .collect()
}

/// The blind index of a person's full name as the scanner finds it ("given family"), if both parts are there.
pub(crate) fn name_match_key(
    keys: &KeyRing,
    org_id: &str,
    given: Option<&str>,
    family: Option<&str>,
) -> Option<String> {
    let e = EntityType::PersonName;
    let normal = kluis_pii::normalize(e, &full_name(given, family)?);
    (!normal.is_empty()).then(|| keys.blind_index(org_id, e.as_str(), &normal))
}

/// The matcher's hook in every save of a relation, inside its transaction: new match keys, then a run.
pub(crate) async fn relink_relation(
    tx: &mut WriteTx,
    scope: &OrgScope,
    relation_id: &str,
    keys: &[(EntityType, String)],
) -> Result<(), AppError> {
    tx.links(scope).set_match_keys(relation_id, keys).await?;
    tx.links(scope)
        .rematch_relation(relation_id, now_ms())
        .await?;
    Ok(())
}

/// The matcher's hook at the end of a document's scan, inside its transaction.
pub(crate) async fn relink_document(
    tx: &mut WriteTx,
    scope: &OrgScope,
    document_id: &str,
) -> Result<(), AppError> {
    tx.links(scope)
        .rematch_document(document_id, now_ms())
        .await?;
    Ok(())
}

impl App {
    /// The documents linked to relation `relation_id` that are not removed: the matcher's suggestions and the
    /// confirmed and hand-made links, newest document first (Permission::Read). For other modules (access
    /// bundles, erasure, retention): ids, class and state, no personal values. Check `state` to tell a
    /// confirmed link from a suggestion. NotFound for another organisation's or an unknown relation.
    pub async fn linked_documents(
        &self,
        actor: &Actor,
        relation_id: &str,
    ) -> Result<Vec<LinkedDocument>, AppError> {
        Ok(self
            .relation_document_links(actor, relation_id)
            .await?
            .into_iter()
            .filter(|d| d.state != LinkState::Removed)
            .collect())
    }

    /// Every link of relation `relation_id`, removed ones too (Permission::Read): the relation's documents page.
    pub async fn relation_document_links(
        &self,
        actor: &Actor,
        relation_id: &str,
    ) -> Result<Vec<LinkedDocument>, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(relation_id)?;
        if self.db().relations(&actor.scope).get(&id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        Ok(self
            .db()
            .links(&actor.scope)
            .documents_of(&id)
            .await?
            .iter()
            .map(linked)
            .collect())
    }

    /// The top-level document `id` (a container's member stands for its container): links are kept on it.
    async fn link_document(&self, scope: &OrgScope, id: &str) -> Result<String, AppError> {
        let docs = self.db().documents(scope);
        let d = docs.get(id).await?.ok_or(AppError::NotFound)?;
        Ok(d.parent_id.unwrap_or(d.id))
    }

    /// The relations linked to document `document_id` (removed ones too, marked), with their display names
    /// (Permission::Read).
    pub async fn document_people(
        &self,
        actor: &Actor,
        document_id: &str,
    ) -> Result<Vec<LinkedPerson>, AppError> {
        require(actor, Permission::Read)?;
        let doc = self.link_document(&actor.scope, document_id).await?;
        let links = self.db().links(&actor.scope).relations_of(&doc).await?;
        let mut out = Vec::with_capacity(links.len());
        for l in links {
            let Ok(v) = self.relation(actor, &l.relation_id).await else {
                continue;
            };
            out.push(LinkedPerson {
                relation_id: v.id,
                name: v.name,
                party: v.party,
                kind: v.kind,
                state: l.state,
                origin: l.origin,
                entity_types: l.entity_types,
            });
        }
        Ok(out)
    }

    /// Checks the pair and returns (top-level document id, relation id).
    async fn link_pair(
        &self,
        actor: &Actor,
        relation_id: &str,
        document_id: &str,
    ) -> Result<(String, String), AppError> {
        let rel = parse_id(relation_id)?;
        if self.db().relations(&actor.scope).get(&rel).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let doc = self.link_document(&actor.scope, document_id).await?;
        Ok((doc, rel))
    }

    /// Confirms that document `document_id` concerns relation `relation_id` (Permission::Write): a suggestion
    /// becomes confirmed, a removed link comes back, and where there was none the link is made by hand. Audited
    /// as `relation.link.confirm` (or `relation.link.add` for a new one) on the link; the matcher never undoes it.
    pub async fn confirm_document_link(
        &self,
        actor: &Actor,
        relation_id: &str,
        document_id: &str,
    ) -> Result<LinkedDocument, AppError> {
        require(actor, Permission::Write)?;
        let (doc, rel) = self.link_pair(actor, relation_id, document_id).await?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let existing = tx.links(&actor.scope).get(&doc, &rel).await?;
            let action = if existing.is_some() {
                AuditAction::RelationLinkConfirm
            } else {
                AuditAction::RelationLinkAdd
            };
            let (origin, state) = confirmed(existing.map(|l| (l.origin, l.state)));
            let id = tx
                .links(&actor.scope)
                .set(
                    &doc,
                    &rel,
                    origin,
                    state,
                    &actor.user_id.to_string(),
                    now_ms(),
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(action, LINK_ENTITY, &id, &["state"]))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.relation_link(actor, &rel, &doc).await
    }

    /// Says document `document_id` does not concern relation `relation_id` (Permission::Write): the link is
    /// removed and the matcher never proposes it again (also when there was no link yet). Audited as
    /// `relation.link.remove` on the link.
    pub async fn remove_document_link(
        &self,
        actor: &Actor,
        relation_id: &str,
        document_id: &str,
    ) -> Result<LinkedDocument, AppError> {
        require(actor, Permission::Write)?;
        let (doc, rel) = self.link_pair(actor, relation_id, document_id).await?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let existing = tx.links(&actor.scope).get(&doc, &rel).await?;
            let (origin, state) = removed(existing.map(|l| (l.origin, l.state)));
            let id = tx
                .links(&actor.scope)
                .set(
                    &doc,
                    &rel,
                    origin,
                    state,
                    &actor.user_id.to_string(),
                    now_ms(),
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RelationLinkRemove,
                    LINK_ENTITY,
                    &id,
                    &["state"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.relation_link(actor, &rel, &doc).await
    }

    async fn relation_link(
        &self,
        actor: &Actor,
        rel: &str,
        doc: &str,
    ) -> Result<LinkedDocument, AppError> {
        self.relation_document_links(actor, rel)
            .await?
            .into_iter()
            .find(|d| d.document_id == doc)
            .ok_or(AppError::NotFound)
    }

    /// The register as it applies to relation `relation_id` (Permission::Read): the activities that concern its
    /// kind and process a category its fields or linked documents hold, with their legal basis, and the
    /// retention of its own record and of each linked document (rules, each rule's end, and the decision). The
    /// relation's last contact is its last change or note; the end of the relationship is not recorded yet, so
    /// rules counting from it are still running.
    pub async fn relation_processing(
        &self,
        actor: &Actor,
        relation_id: &str,
    ) -> Result<RelationProcessing, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(relation_id)?;
        let store = self.db().relations(&actor.scope);
        let row = store.get(&id).await?.ok_or(AppError::NotFound)?;
        let business = row.party == Party::Person && row.company_id.is_some();
        let register = Register {
            activities: self.register_activities_as_of(actor, None).await?,
            ..Default::default()
        };
        let fields: Vec<RelationField> = row.values.iter().map(|v| v.field).collect();
        let own = field_categories(&fields);
        let docs: Vec<LinkedDocumentRow> = self
            .db()
            .links(&actor.scope)
            .documents_of(&id)
            .await?
            .into_iter()
            .filter(|d| d.link.state != LinkState::Removed)
            .collect();
        let mut all: BTreeSet<DataCategory> = own.clone();
        let doc_cats: Vec<BTreeSet<DataCategory>> = docs
            .iter()
            .map(|d| document_categories(d.class, &d.document_entity_types, &d.special_categories))
            .collect();
        for c in &doc_cats {
            all.extend(c.iter().copied());
        }
        let activities = applying_activities(&register, row.kind, business, &all)
            .into_iter()
            .map(|a| ApplyingActivity {
                id: a.id,
                name: a.name.clone(),
                purposes: a.purposes.clone(),
                lawful_basis: a.lawful_basis,
                special_ground: a.special_ground,
                categories: all
                    .iter()
                    .copied()
                    .filter(|c| {
                        a.categories
                            .iter()
                            .any(|h| kluis_domain::relations::model::covers(*h, *c))
                    })
                    .collect(),
            })
            .collect();
        let today = crate::profile::today();
        let date = |ms: i64| utc_date_of_ms(ms).unwrap_or(today);
        let last_note = store
            .notes(&id)
            .await?
            .last()
            .map_or(row.updated_at, |n| n.created_at);
        let last_contact = date(row.updated_at.max(last_note));
        let record = record_retention(
            &register,
            row.kind,
            business,
            &own,
            &relation_events(date(row.created_at), last_contact),
            false,
            today,
        );
        let documents = docs
            .iter()
            .zip(doc_cats.iter())
            .map(|(d, cats)| DocumentRetention {
                document: linked(d),
                retention: record_retention(
                    &register,
                    row.kind,
                    business,
                    cats,
                    &document_events(date(d.document_created_at), last_contact),
                    false,
                    today,
                ),
            })
            .collect();
        Ok(RelationProcessing {
            relation_id: id,
            kind: row.kind,
            categories: all.into_iter().collect(),
            activities,
            record,
            documents,
        })
    }

    /// One page of relation `relation_id`'s timeline, newest first (Permission::Read): every audit event about
    /// the relation (created, changed, notes, reveals of its encrypted fields, and anything else recorded with
    /// its id) or about one of its links (added, confirmed, removed), and the links the matcher suggested.
    /// `page` starts at 1; `per_page` defaults to 50, at most 200.
    pub async fn relation_timeline(
        &self,
        actor: &Actor,
        relation_id: &str,
        page: u32,
        per_page: u32,
    ) -> Result<TimelinePage, AppError> {
        require(actor, Permission::Read)?;
        let id = parse_id(relation_id)?;
        if self.db().relations(&actor.scope).get(&id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        let per_page = match per_page {
            0 => DEFAULT_PER_PAGE,
            n => n.min(200),
        };
        let page = page.max(1);
        let (rows, total) = self
            .db()
            .links(&actor.scope)
            .timeline(
                &id,
                i64::from(per_page),
                i64::from(page - 1) * i64::from(per_page),
            )
            .await?;
        Ok(TimelinePage {
            entries: rows
                .into_iter()
                .map(|r| TimelineEntry {
                    at_ms: r.at_ms,
                    actor: r.actor,
                    action: r.action,
                    fields: r.fields,
                    document_id: r.document_id,
                })
                .collect(),
            page,
            per_page,
            total: u64::try_from(total).unwrap_or(0),
        })
    }
}
