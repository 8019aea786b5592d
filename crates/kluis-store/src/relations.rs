//! Relations (persons and companies) and their field values: tenant tables, reachable only through an
//! [`OrgScope`]. [`Store::relations`] reads, [`WriteTx::relations`] writes; every query binds `org_id = $1`.
//!
//! The store never sees a value in clear: the application encrypts each value (and computes the blind index of
//! the searchable and matchable ones) before it gets here, so a search is an exact match on `value_index`.

use std::collections::HashMap;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use kluis_domain::relations::{Party, RelationField, RelationKind};

use crate::dump::Kind::{Bytes, Int, Text};
use crate::dump::TableDef;
use crate::{OrgScope, Result, Store, StoreError, WriteTx, found};

const RELATIONS: &str = "relations";
const VALUES: &str = "relation_values";
const TAGS: &str = "relation_tags";
const NOTES: &str = "relation_notes";

/// The relations module's tables, in load order.
pub static RELATION_TABLES: &[TableDef] = &[
    TableDef {
        name: RELATIONS,
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("party", Text),
            ("kind", Text),
            ("company_id", Text),
            ("version", Int),
            ("created_by", Text),
            ("created_at", Int),
            ("updated_at", Int),
        ],
    },
    TableDef {
        name: VALUES,
        columns: &[
            ("org_id", Text),
            ("relation_id", Text),
            ("field", Text),
            ("value_enc", Bytes),
            ("value_index", Text),
        ],
    },
    TableDef {
        name: TAGS,
        columns: &[
            ("org_id", Text),
            ("relation_id", Text),
            ("tag_index", Text),
            ("tag_enc", Bytes),
        ],
    },
    TableDef {
        name: NOTES,
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("relation_id", Text),
            ("body_enc", Bytes),
            ("created_by", Text),
            ("created_at", Int),
        ],
    },
];

const RELATION_COLUMNS: &str =
    "id, party, kind, company_id, version, created_by, created_at, updated_at";

/// One stored value of a relation: encrypted (AAD: org id, `relation_values`, `value_enc/<relation id>/<field>`)
/// and, for fields with a scanner entity type, the blind index of the normalised value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationValueRow {
    pub field: RelationField,
    pub value_enc: Vec<u8>,
    pub value_index: Option<String>,
}

/// One tag of a relation: encrypted (AAD: org id, `relation_tags`, `tag_enc/<relation id>/<tag index>`), with
/// the blind index of the lower-cased tag, which also keeps a tag once per relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationTagRow {
    pub tag_index: String,
    pub tag_enc: Vec<u8>,
}

/// One note on a relation, encrypted (AAD: org id, `relation_notes`, `body_enc/<note id>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationNoteRow {
    pub id: String,
    pub relation_id: String,
    pub body_enc: Vec<u8>,
    /// A user id, or `cli`.
    pub created_by: String,
    pub created_at: i64,
}

/// A relation as stored, its values still encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationRow {
    pub id: String,
    pub party: Party,
    pub kind: RelationKind,
    pub company_id: Option<String>,
    pub version: i64,
    /// A user id, or `cli`.
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    /// In vocabulary order.
    pub values: Vec<RelationValueRow>,
    /// By tag index.
    pub tags: Vec<RelationTagRow>,
}

fn corrupt(id: &str, column: &str) -> StoreError {
    StoreError::Corrupt(format!(
        "{RELATIONS} row {id}: {column} is not a valid value"
    ))
}

fn relation_from_row(r: &AnyRow) -> Result<RelationRow> {
    let id: String = r.try_get("id")?;
    let party: String = r.try_get("party")?;
    let kind: String = r.try_get("kind")?;
    Ok(RelationRow {
        party: party.parse().map_err(|_| corrupt(&id, "party"))?,
        kind: kind.parse().map_err(|_| corrupt(&id, "kind"))?,
        company_id: r.try_get("company_id")?,
        version: r.try_get("version")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        values: Vec::new(),
        tags: Vec::new(),
        id,
    })
}

/// `$from, $from+1, …` for `n` bound values.
pub(crate) fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Fills in the values of `rows` (one query, whatever the number of rows).
async fn with_values(
    c: &mut AnyConnection,
    org: &str,
    mut rows: Vec<RelationRow>,
) -> Result<Vec<RelationRow>> {
    if rows.is_empty() {
        return Ok(rows);
    }
    let sql = format!(
        "SELECT relation_id, field, value_enc, value_index FROM {VALUES} \
         WHERE org_id = $1 AND relation_id IN ({})",
        placeholders(2, rows.len())
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org);
    for r in &rows {
        q = q.bind(r.id.clone());
    }
    let mut by_id: HashMap<String, Vec<RelationValueRow>> = HashMap::new();
    for v in q.fetch_all(&mut *c).await? {
        let relation_id: String = v.try_get("relation_id")?;
        let field: String = v.try_get("field")?;
        let field = field.parse().map_err(|_| {
            StoreError::Corrupt(format!(
                "{VALUES} row of {relation_id}: field is not a valid value"
            ))
        })?;
        by_id
            .entry(relation_id)
            .or_default()
            .push(RelationValueRow {
                field,
                value_enc: v.try_get("value_enc")?,
                value_index: v.try_get("value_index")?,
            });
    }
    let sql = format!(
        "SELECT relation_id, tag_index, tag_enc FROM {TAGS} \
         WHERE org_id = $1 AND relation_id IN ({}) ORDER BY tag_index",
        placeholders(2, rows.len())
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(org);
    for r in &rows {
        q = q.bind(r.id.clone());
    }
    let mut tags: HashMap<String, Vec<RelationTagRow>> = HashMap::new();
    for t in q.fetch_all(&mut *c).await? {
        let relation_id: String = t.try_get("relation_id")?;
        tags.entry(relation_id).or_default().push(RelationTagRow {
            tag_index: t.try_get("tag_index")?,
            tag_enc: t.try_get("tag_enc")?,
        });
    }
    for r in &mut rows {
        let mut values = by_id.remove(&r.id).unwrap_or_default();
        values.sort_by_key(|v| v.field);
        r.values = values;
        r.tags = tags.remove(&r.id).unwrap_or_default();
    }
    Ok(rows)
}

async fn q_relation(c: &mut AnyConnection, org: &str, id: &str) -> Result<Option<RelationRow>> {
    let sql = format!("SELECT {RELATION_COLUMNS} FROM {RELATIONS} WHERE org_id = $1 AND id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let rows = with_values(c, org, vec![relation_from_row(&row)?]).await?;
    Ok(rows.into_iter().next())
}

/// What a list of relations is narrowed to; empty lets every relation through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationFilter {
    pub kind: Option<RelationKind>,
    /// The blind index of a tag (purpose `relation_tag`): only relations holding it.
    pub tag_index: Option<String>,
}

impl RelationFilter {
    /// The conditions on `relations r` after the organisation's, with their parameters numbered from `from`.
    fn sql(&self, from: usize) -> (String, Vec<String>) {
        let mut cond = String::new();
        let mut binds = Vec::new();
        if let Some(kind) = self.kind {
            cond.push_str(&format!(" AND r.kind = ${}", from + binds.len()));
            binds.push(kind.as_str().to_owned());
        }
        if let Some(tag) = &self.tag_index {
            cond.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM {TAGS} t WHERE t.relation_id = r.id AND t.tag_index = ${})",
                from + binds.len()
            ));
            binds.push(tag.clone());
        }
        (cond, binds)
    }
}

/// A tag as the list's filter offers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag_index: String,
    pub relations: i64,
    /// The relation whose sealed copy `tag_enc` is (its id is part of the copy's AAD).
    pub relation_id: String,
    pub tag_enc: Vec<u8>,
}

/// Reads of one organisation's relations.
pub struct RelationStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The relations of the organisation `scope` stands for.
    pub fn relations<'s>(&'s self, scope: &'s OrgScope) -> RelationStore<'s> {
        RelationStore { store: self, scope }
    }
}

impl WriteTx {
    /// Relation writes for the organisation `scope` stands for, inside this transaction.
    pub fn relations<'t>(&'t mut self, scope: &'t OrgScope) -> RelationTx<'t> {
        RelationTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl RelationStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    pub async fn get(&self, id: &str) -> Result<Option<RelationRow>> {
        let mut c = self.conn().await?;
        q_relation(&mut c, self.scope.org_id(), id).await
    }

    /// How many relations the organisation holds.
    pub async fn count(&self) -> Result<i64> {
        self.count_where(&RelationFilter::default()).await
    }

    /// How many relations `filter` lets through.
    pub async fn count_where(&self, filter: &RelationFilter) -> Result<i64> {
        let mut c = self.conn().await?;
        let (cond, binds) = filter.sql(2);
        let sql = format!("SELECT COUNT(*) AS n FROM {RELATIONS} r WHERE r.org_id = $1{cond}");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
        for b in binds {
            q = q.bind(b);
        }
        Ok(q.fetch_one(&mut *c).await?.try_get("n")?)
    }

    /// One page of relations, newest first, with their values.
    pub async fn list(&self, limit: i64, offset: i64) -> Result<Vec<RelationRow>> {
        self.list_where(&RelationFilter::default(), limit, offset)
            .await
    }

    /// One page of the relations `filter` lets through, newest first, with their values.
    pub async fn list_where(
        &self,
        filter: &RelationFilter,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<RelationRow>> {
        let mut c = self.conn().await?;
        let (cond, binds) = filter.sql(2);
        let next = 2 + binds.len();
        let sql = format!(
            "SELECT {RELATION_COLUMNS} FROM {RELATIONS} r WHERE r.org_id = $1{cond} \
             ORDER BY r.created_at DESC, r.id DESC LIMIT ${next} OFFSET ${}",
            next + 1
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
        for b in binds {
            q = q.bind(b);
        }
        let rows = q
            .bind(limit)
            .bind(offset)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(relation_from_row)
            .collect::<Result<Vec<_>>>()?;
        with_values(&mut c, self.scope.org_id(), rows).await
    }

    /// The organisation's tags, most used first, at most `limit`: each tag's blind index, how many relations
    /// hold it and one sealed copy (from the relation with the smallest id) to show it by.
    pub async fn tag_counts(&self, limit: i64) -> Result<Vec<TagCount>> {
        let mut c = self.conn().await?;
        let groups = sqlx::query(
            "SELECT tag_index, COUNT(*) AS n, MIN(relation_id) AS relation_id FROM relation_tags \
             WHERE org_id = $1 GROUP BY tag_index ORDER BY n DESC, tag_index LIMIT $2",
        )
        .bind(self.scope.org_id())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        let mut out = Vec::with_capacity(groups.len());
        for g in groups {
            let tag_index: String = g.try_get("tag_index")?;
            let relation_id: String = g.try_get("relation_id")?;
            let tag_enc: Vec<u8> = sqlx::query(
                "SELECT tag_enc FROM relation_tags WHERE org_id = $1 AND relation_id = $2 AND tag_index = $3",
            )
            .bind(self.scope.org_id())
            .bind(&relation_id)
            .bind(&tag_index)
            .fetch_one(&mut *c)
            .await?
            .try_get("tag_enc")?;
            out.push(TagCount {
                relations: g.try_get("n")?,
                tag_index,
                relation_id,
                tag_enc,
            });
        }
        Ok(out)
    }

    /// The relations holding a value whose blind index is one of `indexes` (exact match, no decryption),
    /// newest first, at most `limit`.
    pub async fn by_index(&self, indexes: &[String], limit: i64) -> Result<Vec<RelationRow>> {
        if indexes.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        let n = indexes.len();
        // Driven from the values (CROSS JOIN keeps SQLite's join order): with `id IN (subquery)` SQLite without
        // statistics walked every relation of the organisation in date order to probe the list.
        let sql = format!(
            "SELECT {RELATION_COLUMNS} FROM (SELECT relation_id FROM {VALUES} WHERE org_id = $1 \
             AND value_index IN ({})) m CROSS JOIN {RELATIONS} WHERE {RELATIONS}.id = m.relation_id \
             AND {RELATIONS}.org_id = $1 GROUP BY id ORDER BY created_at DESC, id DESC LIMIT ${}",
            placeholders(2, n),
            n + 2
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
        for i in indexes {
            q = q.bind(i.clone());
        }
        let rows = q
            .bind(limit)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(relation_from_row)
            .collect::<Result<Vec<_>>>()?;
        with_values(&mut c, self.scope.org_id(), rows).await
    }

    /// The relations of one party (the companies, for a person's company choice), oldest first, at most `limit`.
    pub async fn of_party(&self, party: Party, limit: i64) -> Result<Vec<RelationRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {RELATION_COLUMNS} FROM {RELATIONS} WHERE org_id = $1 AND party = $2 \
             ORDER BY created_at, id LIMIT $3"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(party.as_str())
            .bind(limit)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(relation_from_row)
            .collect::<Result<Vec<_>>>()?;
        with_values(&mut c, self.scope.org_id(), rows).await
    }

    /// The persons linked to company `company_id` (its business contacts), newest first.
    pub async fn contacts_of(&self, company_id: &str) -> Result<Vec<RelationRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {RELATION_COLUMNS} FROM {RELATIONS} WHERE org_id = $1 AND company_id = $2 \
             ORDER BY created_at DESC, id DESC"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(company_id)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(relation_from_row)
            .collect::<Result<Vec<_>>>()?;
        with_values(&mut c, self.scope.org_id(), rows).await
    }

    /// How many relations hold a value in any of `fields` (each relation once).
    pub async fn count_holding(&self, fields: &[RelationField]) -> Result<i64> {
        if fields.is_empty() {
            return Ok(0);
        }
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT COUNT(DISTINCT relation_id) AS n FROM {VALUES} WHERE org_id = $1 AND field IN ({})",
            placeholders(2, fields.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
        for f in fields {
            q = q.bind(f.as_str());
        }
        Ok(q.fetch_one(&mut *c).await?.try_get("n")?)
    }

    /// How many relations of `kind` and `party` hold each of `fields` (fields none holds are left out): from
    /// the relations of that kind (index `relations_org_kind`) to their values by primary key.
    pub async fn count_holding_of_kind(
        &self,
        kind: RelationKind,
        party: Party,
        fields: &[RelationField],
    ) -> Result<Vec<(RelationField, i64)>> {
        if fields.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT v.field AS field, COUNT(*) AS n FROM {RELATIONS} r \
             JOIN {VALUES} v ON v.relation_id = r.id AND v.org_id = r.org_id \
             WHERE r.org_id = $1 AND r.kind = $2 AND r.party = $3 AND v.field IN ({}) \
             GROUP BY v.field ORDER BY v.field",
            placeholders(4, fields.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(kind.as_str())
            .bind(party.as_str());
        for f in fields {
            q = q.bind(f.as_str());
        }
        let mut out = Vec::new();
        for row in q.fetch_all(&mut *c).await? {
            let field: String = row.try_get("field")?;
            // A field string this build does not know cannot be one of `fields`.
            if let Ok(f) = field.parse::<RelationField>() {
                out.push((f, row.try_get("n")?));
            }
        }
        Ok(out)
    }

    /// The notes on relation `relation_id`, oldest first.
    pub async fn notes(&self, relation_id: &str) -> Result<Vec<RelationNoteRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, relation_id, body_enc, created_by, created_at FROM relation_notes \
             WHERE org_id = $1 AND relation_id = $2 ORDER BY created_at, id",
        )
        .bind(self.scope.org_id())
        .bind(relation_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(note_from_row).collect()
    }

    /// Every note of the organisation: for key rotation.
    pub async fn all_notes(&self) -> Result<Vec<RelationNoteRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, relation_id, body_enc, created_by, created_at FROM relation_notes \
             WHERE org_id = $1 ORDER BY id",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(note_from_row).collect()
    }

    /// Every tag's relation id, index and ciphertext: for key rotation.
    pub async fn all_tags(&self) -> Result<Vec<(String, RelationTagRow)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT relation_id, tag_index, tag_enc FROM relation_tags WHERE org_id = $1 \
             ORDER BY relation_id, tag_index",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get("relation_id")?,
                    RelationTagRow {
                        tag_index: r.try_get("tag_index")?,
                        tag_enc: r.try_get("tag_enc")?,
                    },
                ))
            })
            .collect()
    }

    /// Every stored value's relation id, field and ciphertext: for key rotation.
    pub async fn all_values(&self) -> Result<Vec<(String, RelationField, Vec<u8>)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT relation_id, field, value_enc FROM relation_values WHERE org_id = $1 \
             ORDER BY relation_id, field",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("relation_id")?;
                let field: String = r.try_get("field")?;
                let field = field.parse().map_err(|_| corrupt(&id, "field"))?;
                Ok((id, field, r.try_get("value_enc")?))
            })
            .collect()
    }
}

fn note_from_row(r: &AnyRow) -> Result<RelationNoteRow> {
    Ok(RelationNoteRow {
        id: r.try_get("id")?,
        relation_id: r.try_get("relation_id")?,
        body_enc: r.try_get("body_enc")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Relation writes inside one transaction.
pub struct RelationTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl RelationTx<'_> {
    pub async fn get(&mut self, id: &str) -> Result<Option<RelationRow>> {
        let org = self.scope.org_id().to_owned();
        q_relation(self.conn, &org, id).await
    }

    /// How many persons are linked to company `company_id`.
    pub async fn contact_count(&mut self, company_id: &str) -> Result<i64> {
        let n: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM relations WHERE org_id = $1 AND company_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(company_id)
        .fetch_one(&mut *self.conn)
        .await?
        .try_get("n")?;
        Ok(n)
    }

    async fn put_tags(&mut self, id: &str, tags: &[RelationTagRow]) -> Result<()> {
        sqlx::query("DELETE FROM relation_tags WHERE org_id = $1 AND relation_id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        for t in tags {
            sqlx::query(
                "INSERT INTO relation_tags (org_id, relation_id, tag_index, tag_enc) VALUES ($1, $2, $3, $4)",
            )
            .bind(self.scope.org_id())
            .bind(id)
            .bind(&t.tag_index)
            .bind(&t.tag_enc)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// Appends a note to a relation, which must be this organisation's (checked by the caller).
    pub async fn insert_note(&mut self, n: &RelationNoteRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO relation_notes (id, org_id, relation_id, body_enc, created_by, created_at) \
             VALUES ($2, $1, $3, $4, $5, $6)",
        )
        .bind(self.scope.org_id())
        .bind(&n.id)
        .bind(&n.relation_id)
        .bind(&n.body_enc)
        .bind(&n.created_by)
        .bind(n.created_at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Replaces one note's ciphertext (key rotation).
    pub async fn set_note_enc(&mut self, id: &str, body_enc: &[u8]) -> Result<()> {
        found(
            sqlx::query("UPDATE relation_notes SET body_enc = $3 WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .bind(body_enc)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Replaces one tag's ciphertext (key rotation).
    pub async fn set_tag_enc(
        &mut self,
        relation_id: &str,
        tag_index: &str,
        tag_enc: &[u8],
    ) -> Result<()> {
        found(
            sqlx::query(
                "UPDATE relation_tags SET tag_enc = $4 WHERE org_id = $1 AND relation_id = $2 \
                 AND tag_index = $3",
            )
            .bind(self.scope.org_id())
            .bind(relation_id)
            .bind(tag_index)
            .bind(tag_enc)
            .execute(&mut *self.conn)
            .await?,
        )
    }

    async fn put_values(&mut self, id: &str, values: &[RelationValueRow]) -> Result<()> {
        sqlx::query("DELETE FROM relation_values WHERE org_id = $1 AND relation_id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        for v in values {
            sqlx::query(
                "INSERT INTO relation_values (org_id, relation_id, field, value_enc, value_index) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(self.scope.org_id())
            .bind(id)
            .bind(v.field.as_str())
            .bind(&v.value_enc)
            .bind(v.value_index.clone())
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    /// Inserts `r` (version 1) with its values.
    pub async fn insert(&mut self, r: &RelationRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO relations (id, org_id, party, kind, company_id, version, created_by, created_at, \
             updated_at) VALUES ($2, $1, $3, $4, $5, 1, $6, $7, $7)",
        )
        .bind(self.scope.org_id())
        .bind(&r.id)
        .bind(r.party.as_str())
        .bind(r.kind.as_str())
        .bind(r.company_id.clone())
        .bind(&r.created_by)
        .bind(r.created_at)
        .execute(&mut *self.conn)
        .await?;
        self.put_values(&r.id, &r.values).await?;
        self.put_tags(&r.id, &r.tags).await
    }

    /// Replaces kind, company link and values of relation `r.id` (its party stays) if it is still at
    /// `r.version`, counting the version up. Conflict when someone saved it meanwhile, NotFound if there is none.
    pub async fn update(&mut self, r: &RelationRow) -> Result<()> {
        // Only over the version the change was made on: two people editing at once must not silently lose one
        // edit (the values replaced below were read with that version).
        let done = sqlx::query(
            "UPDATE relations SET kind = $3, company_id = $4, version = version + 1, updated_at = $5 \
             WHERE org_id = $1 AND id = $2 AND version = $6",
        )
        .bind(self.scope.org_id())
        .bind(&r.id)
        .bind(r.kind.as_str())
        .bind(r.company_id.clone())
        .bind(r.updated_at)
        .bind(r.version)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() == 0 {
            return match self.get(&r.id).await? {
                Some(_) => Err(StoreError::Conflict(
                    "the relation was changed by someone else meanwhile".into(),
                )),
                None => Err(StoreError::NotFound),
            };
        }
        self.put_values(&r.id, &r.values).await?;
        self.put_tags(&r.id, &r.tags).await
    }

    /// Deletes a relation with its values, tags and notes. NotFound if there is none.
    pub async fn delete(&mut self, id: &str) -> Result<()> {
        for table in [VALUES, TAGS, NOTES] {
            let sql = format!("DELETE FROM {table} WHERE org_id = $1 AND relation_id = $2");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?;
        }
        found(
            sqlx::query("DELETE FROM relations WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Deletes the values of `fields` of relation `relation_id` (with their blind indexes), and its tags and
    /// notes: what an erasure removes while a statute keeps the relation's other fields. Returns how many values.
    pub async fn erase_values(
        &mut self,
        relation_id: &str,
        fields: &[RelationField],
    ) -> Result<u64> {
        let mut n = 0;
        for f in fields {
            n += sqlx::query(
                "DELETE FROM relation_values WHERE org_id = $1 AND relation_id = $2 AND field = $3",
            )
            .bind(self.scope.org_id())
            .bind(relation_id)
            .bind(f.as_str())
            .execute(&mut *self.conn)
            .await?
            .rows_affected();
        }
        for table in [TAGS, NOTES] {
            let sql = format!("DELETE FROM {table} WHERE org_id = $1 AND relation_id = $2");
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.scope.org_id())
                .bind(relation_id)
                .execute(&mut *self.conn)
                .await?;
        }
        Ok(n)
    }

    /// Replaces one value's ciphertext (key rotation).
    pub async fn set_value_enc(
        &mut self,
        relation_id: &str,
        field: RelationField,
        value_enc: &[u8],
    ) -> Result<()> {
        found(
            sqlx::query(
                "UPDATE relation_values SET value_enc = $4 WHERE org_id = $1 AND relation_id = $2 \
                 AND field = $3",
            )
            .bind(self.scope.org_id())
            .bind(relation_id)
            .bind(field.as_str())
            .bind(value_enc)
            .execute(&mut *self.conn)
            .await?,
        )
    }
}
