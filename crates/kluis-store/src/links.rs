//! Links between documents and relations, and a relation's timeline: tenant tables reachable only through an
//! [`OrgScope`]. [`Store::links`] reads, [`WriteTx::links`] writes; every query binds `org_id = $1`.
//!
//! Matching compares blind indexes only: a document's findings (`document_findings.value_index`) with a
//! relation's stored values (`relation_values.value_index`) and its extra match keys (`relation_match_keys`, the
//! full name). Nothing is decrypted. What a run of the matcher does to an existing link is the domain's rule
//! (`kluis_domain::relations::links::rematch`): a person's correction always wins.

use std::collections::{BTreeMap, BTreeSet};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use kluis_domain::relations::RelationField;
use kluis_domain::relations::links::{
    LINK_ENTITY_TYPES, LINK_FIELDS, LinkOrigin, LinkState, Rematch, rematch,
};
use kluis_domain::{DocumentClass, EntityType, PersonalDataKind, SpecialCategory};

use crate::documents::{EFF_CATEGORIES, EFF_CLASS, EFF_KIND};
use crate::dump::Kind::{Int, Text};
use crate::dump::TableDef;
use crate::model::{stored, stored_opt};
use crate::{Backend, OrgScope, Result, Store, StoreError, WriteTx, values_placeholders};

const LINKS: &str = "document_links";
const KEYS: &str = "relation_match_keys";

/// The links module's tables, in load order.
pub static LINK_TABLES: &[TableDef] = &[
    TableDef {
        name: LINKS,
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("document_id", Text),
            ("relation_id", Text),
            ("origin", Text),
            ("state", Text),
            ("entity_types", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("updated_by", Text),
        ],
    },
    TableDef {
        name: KEYS,
        columns: &[
            ("org_id", Text),
            ("relation_id", Text),
            ("entity_type", Text),
            ("value_index", Text),
        ],
    },
];

/// Who the matcher's writes are recorded as.
pub const MATCHER: &str = "system:matcher";

/// One link as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub id: String,
    pub document_id: String,
    pub relation_id: String,
    pub origin: LinkOrigin,
    pub state: LinkState,
    /// The kinds of identifier the matcher found, sorted (empty for a link made by hand).
    pub entity_types: Vec<EntityType>,
    pub created_at: i64,
    pub updated_at: i64,
    /// A user id, or [`MATCHER`].
    pub updated_by: String,
}

/// A link of a relation with what its list shows of the document (no personal values: name, class, kinds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedDocumentRow {
    pub link: LinkRow,
    pub name: String,
    /// Effective (a person's correction wins), `None` before the first scan.
    pub class: Option<DocumentClass>,
    pub personal_data: Option<PersonalDataKind>,
    pub special_categories: Vec<SpecialCategory>,
    /// Every kind of identifier found in the document (its derived column).
    pub document_entity_types: Vec<EntityType>,
    pub document_created_at: i64,
}

/// One entry of a relation's timeline: an audit event about the relation or one of its links, or a suggestion
/// the matcher made (which is recorded with the link, not as an event of its own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    /// The audit event's position in the chain; `None` for a matcher's suggestion.
    pub seq: Option<i64>,
    pub at_ms: i64,
    pub actor: String,
    /// An audit action, or `link.suggest`.
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    /// Names of fields (an audit event's), or the matched kinds (a suggestion's).
    pub fields: Vec<String>,
    /// The document a link event or suggestion concerns.
    pub document_id: Option<String>,
}

fn types_list(types: &BTreeSet<EntityType>) -> String {
    types
        .iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

fn parse_types(id: &str, list: &str) -> Result<Vec<EntityType>> {
    list.split(',')
        .filter(|s| !s.is_empty())
        .map(|s| stored(LINKS, id, "entity_types", s))
        .collect()
}

fn link_from_row(r: &AnyRow) -> Result<LinkRow> {
    let id: String = r.try_get("id")?;
    let origin: String = r.try_get("origin")?;
    let state: String = r.try_get("state")?;
    let types: String = r.try_get("entity_types")?;
    Ok(LinkRow {
        origin: stored(LINKS, &id, "origin", &origin)?,
        state: stored(LINKS, &id, "state", &state)?,
        entity_types: parse_types(&id, &types)?,
        document_id: r.try_get("document_id")?,
        relation_id: r.try_get("relation_id")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        updated_by: r.try_get("updated_by")?,
        id,
    })
}

const LINK_COLUMNS: &str = "l.id, l.document_id, l.relation_id, l.origin, l.state, l.entity_types, l.created_at, \
     l.updated_at, l.updated_by";

/// `$from, $from+1, …` for `n` bound values.
fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn link_types() -> Vec<&'static str> {
    LINK_ENTITY_TYPES.iter().map(|t| t.as_str()).collect()
}

fn link_fields() -> Vec<&'static str> {
    LINK_FIELDS.iter().map(|f| f.as_str()).collect()
}

/// (pair key, matched type) rows into matched types per key.
fn group(rows: Vec<AnyRow>, key: &str) -> Result<BTreeMap<String, BTreeSet<EntityType>>> {
    let mut out: BTreeMap<String, BTreeSet<EntityType>> = BTreeMap::new();
    for r in rows {
        let k: String = r.try_get(key)?;
        let e: String = r.try_get("entity_type")?;
        let e = stored("document_findings", &k, "entity_type", &e)?;
        out.entry(k).or_default().insert(e);
    }
    Ok(out)
}

async fn q_link(
    c: &mut AnyConnection,
    org: &str,
    document_id: &str,
    relation_id: &str,
) -> Result<Option<LinkRow>> {
    let sql = format!(
        "SELECT {LINK_COLUMNS} FROM {LINKS} l WHERE l.org_id = $1 AND l.document_id = $2 AND l.relation_id = $3"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .bind(document_id)
        .bind(relation_id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(link_from_row).transpose()
}

/// Reads of one organisation's links.
pub struct LinkStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The document links of the organisation `scope` stands for.
    pub fn links<'s>(&'s self, scope: &'s OrgScope) -> LinkStore<'s> {
        LinkStore { store: self, scope }
    }
}

impl WriteTx {
    /// Link writes for the organisation `scope` stands for, inside this transaction.
    pub fn links<'t>(&'t mut self, scope: &'t OrgScope) -> LinkTx<'t> {
        LinkTx {
            backend: self.backend(),
            conn: self.conn(),
            scope,
        }
    }
}

impl LinkStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    pub async fn get(&self, document_id: &str, relation_id: &str) -> Result<Option<LinkRow>> {
        let mut c = self.conn().await?;
        q_link(&mut c, self.scope.org_id(), document_id, relation_id).await
    }

    /// The documents linked to relation `relation_id` (removed links too: the page shows them apart), newest
    /// document first, with what a list shows of each.
    pub async fn documents_of(&self, relation_id: &str) -> Result<Vec<LinkedDocumentRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {LINK_COLUMNS}, d.name, {EFF_CLASS} AS eff_class, {EFF_KIND} AS eff_kind, \
             {EFF_CATEGORIES} AS eff_categories, d.entity_types AS doc_types, d.created_at AS doc_created \
             FROM {LINKS} l JOIN documents d ON d.org_id = l.org_id AND d.id = l.document_id \
             WHERE l.org_id = $1 AND l.relation_id = $2 ORDER BY d.created_at DESC, d.id DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(relation_id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter()
            .map(|r| {
                let link = link_from_row(r)?;
                let id = link.document_id.clone();
                let cls: Option<String> = r.try_get("eff_class")?;
                let kind: Option<String> = r.try_get("eff_kind")?;
                let cats: Option<String> = r.try_get("eff_categories")?;
                let types: Option<String> = r.try_get("doc_types")?;
                let names: Vec<String> = match cats.as_deref() {
                    None => Vec::new(),
                    Some(json) => serde_json::from_str(json).map_err(|_| {
                        StoreError::Corrupt(format!(
                            "documents row {id}: special categories are not a JSON list"
                        ))
                    })?,
                };
                Ok(LinkedDocumentRow {
                    name: r.try_get("name")?,
                    class: stored_opt("documents", &id, "class", cls.as_deref())?,
                    personal_data: stored_opt("documents", &id, "personal_data", kind.as_deref())?,
                    special_categories: names
                        .iter()
                        .map(|n| stored("documents", &id, "special_categories", n))
                        .collect::<Result<_>>()?,
                    document_entity_types: types
                        .as_deref()
                        .unwrap_or("")
                        .split(',')
                        .filter(|s| !s.is_empty())
                        .map(|s| stored("documents", &id, "entity_types", s))
                        .collect::<Result<_>>()?,
                    document_created_at: r.try_get("doc_created")?,
                    link,
                })
            })
            .collect()
    }

    /// The links of document `document_id` to relations that still exist (removed ones too), oldest first.
    pub async fn relations_of(&self, document_id: &str) -> Result<Vec<LinkRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {LINK_COLUMNS} FROM {LINKS} l JOIN relations r ON r.org_id = l.org_id AND r.id = l.relation_id \
             WHERE l.org_id = $1 AND l.document_id = $2 ORDER BY l.created_at, l.id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(document_id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(link_from_row).collect()
    }

    /// One page of relation `relation_id`'s timeline, newest first, and the number of entries: the audit events
    /// whose target is the relation or one of its links, and the matcher's suggestions.
    pub async fn timeline(
        &self,
        relation_id: &str,
        limit: i64,
        offset: i64,
    ) -> Result<(Vec<TimelineRow>, i64)> {
        let mut c = self.conn().await?;
        let events = format!(
            "SELECT seq, at_ms, actor, action, entity, entity_id, fields, \
             (SELECT dl.document_id FROM {LINKS} dl WHERE dl.org_id = $1 AND dl.id = a.entity_id) AS document_id, \
             'audit' AS source FROM audit_events a WHERE a.org_id = $1 AND (a.entity_id = $2 OR a.entity_id IN \
             (SELECT id FROM {LINKS} WHERE org_id = $1 AND relation_id = $2))"
        );
        let suggestions = format!(
            "SELECT 0 AS seq, created_at AS at_ms, '{MATCHER}' AS actor, 'link.suggest' AS action, \
             'document' AS entity, document_id AS entity_id, entity_types AS fields, document_id, \
             'matcher' AS source FROM {LINKS} WHERE org_id = $1 AND relation_id = $2 AND origin = 'matcher'"
        );
        let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
            "SELECT COUNT(*) FROM ({events} UNION ALL {suggestions}) t"
        )))
        .bind(self.scope.org_id())
        .bind(relation_id)
        .fetch_one(&mut *c)
        .await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT * FROM ({events} UNION ALL {suggestions}) t ORDER BY at_ms DESC, seq DESC LIMIT $3 OFFSET $4"
        )))
        .bind(self.scope.org_id())
        .bind(relation_id)
        .bind(limit.max(0))
        .bind(offset.max(0))
        .fetch_all(&mut *c)
        .await?;
        let out = rows
            .iter()
            .map(|r| {
                let source: String = r.try_get("source")?;
                let fields: String = r.try_get("fields")?;
                let audit = source == "audit";
                Ok(TimelineRow {
                    seq: if audit { Some(r.try_get("seq")?) } else { None },
                    at_ms: r.try_get("at_ms")?,
                    actor: r.try_get("actor")?,
                    action: r.try_get("action")?,
                    entity: r.try_get("entity")?,
                    entity_id: r.try_get("entity_id")?,
                    fields: if audit {
                        serde_json::from_str(&fields).unwrap_or_default()
                    } else {
                        fields
                            .split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    },
                    document_id: r.try_get("document_id")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((out, total))
    }
}

/// Link writes inside one transaction.
pub struct LinkTx<'t> {
    backend: Backend,
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl LinkTx<'_> {
    fn org(&self) -> String {
        self.scope.org_id().to_owned()
    }

    pub async fn get(&mut self, document_id: &str, relation_id: &str) -> Result<Option<LinkRow>> {
        let org = self.org();
        q_link(self.conn, &org, document_id, relation_id).await
    }

    /// Replaces relation `relation_id`'s extra match keys (entity type, blind index).
    pub async fn set_match_keys(
        &mut self,
        relation_id: &str,
        keys: &[(EntityType, String)],
    ) -> Result<()> {
        let org = self.org();
        sqlx::query("DELETE FROM relation_match_keys WHERE org_id = $1 AND relation_id = $2")
            .bind(&org)
            .bind(relation_id)
            .execute(&mut *self.conn)
            .await?;
        let keys: BTreeSet<&(EntityType, String)> = keys.iter().collect();
        for (e, index) in keys {
            sqlx::query(
                "INSERT INTO relation_match_keys (org_id, relation_id, entity_type, value_index) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(&org)
            .bind(relation_id)
            .bind(e.as_str())
            .bind(index)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// The matcher for relations just made in bulk (an import), which have no links yet: their extra match keys
    /// (relation id, entity type, blind index) are stored, then every finding carrying one of their identifiers
    /// (`values`: relation id, field, blind index; only the identifying fields count) or match keys becomes a
    /// suggestion. The findings are looked up by the batch's own indexes, so the cost does not grow with the
    /// organisation. Returns how many links were suggested.
    pub async fn link_new_relations(
        &mut self,
        values: &[(String, RelationField, String)],
        keys: &[(String, EntityType, String)],
        now: i64,
    ) -> Result<u64> {
        // Lookups bind numbered parameters, whose cost grows with the square of their count on SQLite: kept
        // small (see `values_placeholders`). The inserts bind anonymously.
        const KEYS_PER_INSERT: usize = 250;
        const INDEXES_PER_LOOKUP: usize = 128;
        let org = self.org();
        for chunk in keys.chunks(KEYS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO relation_match_keys (org_id, relation_id, entity_type, value_index) VALUES {} \
                 ON CONFLICT DO NOTHING",
                values_placeholders(self.backend, chunk.len(), 4, "")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (relation, e, index) in chunk {
                q = q.bind(&org).bind(relation).bind(e.as_str()).bind(index);
            }
            q.execute(&mut *self.conn).await?;
        }
        // index → relations holding it as an identifying value; (type, index) → relations with that match key.
        let mut by_value: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (relation, field, index) in values {
            if LINK_FIELDS.contains(field) {
                by_value.entry(index).or_default().push(relation);
            }
        }
        let mut by_key: BTreeMap<(&str, &str), Vec<&str>> = BTreeMap::new();
        for (relation, e, index) in keys {
            by_key
                .entry((e.as_str(), index))
                .or_default()
                .push(relation);
        }
        let indexes: BTreeSet<&str> = by_value
            .keys()
            .copied()
            .chain(by_key.keys().map(|(_, i)| *i))
            .collect();
        let indexes: Vec<&str> = indexes.into_iter().collect();
        let types = link_types();
        let mut found: BTreeMap<(String, String), BTreeSet<EntityType>> = BTreeMap::new();
        for chunk in indexes.chunks(INDEXES_PER_LOOKUP) {
            let sql = format!(
                "SELECT COALESCE(d.parent_id, d.id) AS document_id, f.entity_type AS entity_type, \
                 f.value_index AS value_index FROM document_findings f \
                 JOIN documents d ON d.org_id = f.org_id AND d.id = f.document_id \
                 WHERE f.org_id = $1 AND f.value_index IN ({}) AND f.entity_type IN ({})",
                placeholders(2, chunk.len()),
                placeholders(2 + chunk.len(), types.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&org);
            for i in chunk {
                q = q.bind(*i);
            }
            for t in &types {
                q = q.bind(*t);
            }
            for r in q.fetch_all(&mut *self.conn).await? {
                let document: String = r.try_get("document_id")?;
                let e: String = r.try_get("entity_type")?;
                let index: String = r.try_get("value_index")?;
                let kind = stored("document_findings", &document, "entity_type", &e)?;
                let holders = by_value.get(index.as_str()).into_iter().flatten().chain(
                    by_key
                        .get(&(e.as_str(), index.as_str()))
                        .into_iter()
                        .flatten(),
                );
                for relation in holders {
                    found
                        .entry((document.clone(), (*relation).to_owned()))
                        .or_default()
                        .insert(kind);
                }
            }
        }
        let mut suggested = 0;
        for ((document, relation), types) in found {
            let id = uuid::Uuid::now_v7().to_string();
            self.insert(
                &id,
                &document,
                &relation,
                LinkOrigin::Matcher,
                LinkState::Suggested,
                &types_list(&types),
                MATCHER,
                now,
            )
            .await?;
            suggested += 1;
        }
        Ok(suggested)
    }

    /// Sets the link between a document and a relation to `origin` and `state`, making it if there is none;
    /// returns its id. Both must be this organisation's (checked by the caller).
    pub async fn set(
        &mut self,
        document_id: &str,
        relation_id: &str,
        origin: LinkOrigin,
        state: LinkState,
        by: &str,
        now: i64,
    ) -> Result<String> {
        let org = self.org();
        if let Some(l) = q_link(self.conn, &org, document_id, relation_id).await? {
            sqlx::query(
                "UPDATE document_links SET origin = $3, state = $4, updated_at = $5, updated_by = $6 \
                 WHERE org_id = $1 AND id = $2",
            )
            .bind(&org)
            .bind(&l.id)
            .bind(origin.as_str())
            .bind(state.as_str())
            .bind(now)
            .bind(by)
            .execute(&mut *self.conn)
            .await?;
            return Ok(l.id);
        }
        let id = uuid::Uuid::now_v7().to_string();
        self.insert(&id, document_id, relation_id, origin, state, "", by, now)
            .await?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn insert(
        &mut self,
        id: &str,
        document_id: &str,
        relation_id: &str,
        origin: LinkOrigin,
        state: LinkState,
        types: &str,
        by: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO document_links (id, org_id, document_id, relation_id, origin, state, entity_types, \
             created_at, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        )
        .bind(id)
        .bind(self.scope.org_id())
        .bind(document_id)
        .bind(relation_id)
        .bind(origin.as_str())
        .bind(state.as_str())
        .bind(types)
        .bind(now)
        .bind(by)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Applies one run of the matcher to existing links (`existing`, of one document or one relation, keyed by
    /// the other side) against what it found now (`found`, same keys): the domain's correction-wins rule.
    /// `pair` turns a key into (document id, relation id). Returns how many links were suggested and dropped.
    async fn apply(
        &mut self,
        existing: Vec<LinkRow>,
        found: BTreeMap<String, BTreeSet<EntityType>>,
        key_of: impl Fn(&LinkRow) -> String,
        pair: impl Fn(&str) -> (String, String),
        now: i64,
    ) -> Result<(u64, u64)> {
        let org = self.org();
        let mut by_key: BTreeMap<String, LinkRow> =
            existing.into_iter().map(|l| (key_of(&l), l)).collect();
        let (mut added, mut dropped) = (0, 0);
        for (key, types) in &found {
            let current = by_key.remove(key);
            match rematch(current.as_ref().map(|l| (l.origin, l.state)), true) {
                Rematch::Suggest => {
                    let (document_id, relation_id) = pair(key);
                    let id = uuid::Uuid::now_v7().to_string();
                    self.insert(
                        &id,
                        &document_id,
                        &relation_id,
                        LinkOrigin::Matcher,
                        LinkState::Suggested,
                        &types_list(types),
                        MATCHER,
                        now,
                    )
                    .await?;
                    added += 1;
                }
                Rematch::Keep | Rematch::Drop => {
                    // Still found: only what it was found by is refreshed; state and origin stay as a person left them.
                    if let Some(l) = current {
                        sqlx::query(
                            "UPDATE document_links SET entity_types = $3 WHERE org_id = $1 AND id = $2",
                        )
                        .bind(&org)
                        .bind(&l.id)
                        .bind(types_list(types))
                        .execute(&mut *self.conn)
                        .await?;
                    }
                }
            }
        }
        for l in by_key.into_values() {
            if rematch(Some((l.origin, l.state)), false) == Rematch::Drop {
                sqlx::query("DELETE FROM document_links WHERE org_id = $1 AND id = $2")
                    .bind(&org)
                    .bind(&l.id)
                    .execute(&mut *self.conn)
                    .await?;
                dropped += 1;
            }
        }
        Ok((added, dropped))
    }

    /// Runs the matcher for top-level document `document_id` (its members' findings count for it): links it to
    /// every relation holding one of its identifiers. Returns (suggested, dropped).
    pub async fn rematch_document(&mut self, document_id: &str, now: i64) -> Result<(u64, u64)> {
        let org = self.org();
        let types = link_types();
        let fields = link_fields();
        let docs = "SELECT id FROM documents WHERE org_id = $1 AND (id = $2 OR parent_id = $2)";
        let t = placeholders(3, types.len());
        let f = placeholders(3 + types.len(), fields.len());
        let sql = format!(
            "SELECT v.relation_id AS relation_id, f.entity_type AS entity_type FROM document_findings f \
             JOIN relation_values v ON v.org_id = f.org_id AND v.value_index = f.value_index \
             WHERE f.org_id = $1 AND f.document_id IN ({docs}) AND f.entity_type IN ({t}) AND v.field IN ({f}) \
             UNION SELECT k.relation_id AS relation_id, f.entity_type AS entity_type FROM document_findings f \
             JOIN relation_match_keys k ON k.org_id = f.org_id AND k.value_index = f.value_index \
             AND k.entity_type = f.entity_type \
             WHERE f.org_id = $1 AND f.document_id IN ({docs}) AND f.entity_type IN ({t})"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&org)
            .bind(document_id);
        for x in types.iter().chain(fields.iter()) {
            q = q.bind(*x);
        }
        let found = group(q.fetch_all(&mut *self.conn).await?, "relation_id")?;
        let existing = {
            let sql = format!(
                "SELECT {LINK_COLUMNS} FROM {LINKS} l WHERE l.org_id = $1 AND l.document_id = $2"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&org)
                .bind(document_id)
                .fetch_all(&mut *self.conn)
                .await?
                .iter()
                .map(link_from_row)
                .collect::<Result<Vec<_>>>()?
        };
        let doc = document_id.to_owned();
        self.apply(
            existing,
            found,
            |l| l.relation_id.clone(),
            |k| (doc.clone(), k.to_owned()),
            now,
        )
        .await
    }

    /// Runs the matcher for relation `relation_id`: links it to every document holding one of its identifiers
    /// (its stored values' blind indexes and its match keys). Returns (suggested, dropped).
    pub async fn rematch_relation(&mut self, relation_id: &str, now: i64) -> Result<(u64, u64)> {
        let org = self.org();
        let types = link_types();
        let fields = link_fields();
        let t = placeholders(3, types.len());
        let f = placeholders(3 + types.len(), fields.len());
        let sql = format!(
            "SELECT COALESCE(d.parent_id, d.id) AS document_id, f.entity_type AS entity_type \
             FROM document_findings f JOIN documents d ON d.org_id = f.org_id AND d.id = f.document_id \
             WHERE f.org_id = $1 AND f.entity_type IN ({t}) AND f.value_index IN \
             (SELECT value_index FROM relation_values WHERE org_id = $1 AND relation_id = $2 \
             AND value_index IS NOT NULL AND field IN ({f}) \
             UNION SELECT value_index FROM relation_match_keys WHERE org_id = $1 AND relation_id = $2)"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(&org)
            .bind(relation_id);
        for x in types.iter().chain(fields.iter()) {
            q = q.bind(*x);
        }
        let found = group(q.fetch_all(&mut *self.conn).await?, "document_id")?;
        let existing = {
            let sql = format!(
                "SELECT {LINK_COLUMNS} FROM {LINKS} l WHERE l.org_id = $1 AND l.relation_id = $2"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&org)
                .bind(relation_id)
                .fetch_all(&mut *self.conn)
                .await?
                .iter()
                .map(link_from_row)
                .collect::<Result<Vec<_>>>()?
        };
        let rel = relation_id.to_owned();
        self.apply(
            existing,
            found,
            |l| l.document_id.clone(),
            |k| (k.to_owned(), rel.clone()),
            now,
        )
        .await
    }

    /// Deletes a relation's links and match keys (with the relation).
    pub async fn forget_relation(&mut self, relation_id: &str) -> Result<()> {
        let org = self.org();
        for sql in [
            "DELETE FROM document_links WHERE org_id = $1 AND relation_id = $2",
            "DELETE FROM relation_match_keys WHERE org_id = $1 AND relation_id = $2",
        ] {
            sqlx::query(sql)
                .bind(&org)
                .bind(relation_id)
                .execute(&mut *self.conn)
                .await?;
        }
        Ok(())
    }

    /// Deletes a document's links (with the document).
    pub async fn forget_document(&mut self, document_id: &str) -> Result<()> {
        sqlx::query("DELETE FROM document_links WHERE org_id = $1 AND document_id = $2")
            .bind(self.scope.org_id())
            .bind(document_id)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }
}
