//! The compliance module's reads and writes: the grouped counts the inventory is computed from, and the
//! history of compliance scores (one row per organisation per day).
//!
//! The counts are one grouped query over the whole organisation, never a loop over documents in Rust: the
//! inventory of 50,000 documents is a few hundred rows.

use sqlx::Row as _;

use std::collections::BTreeMap;

use kluis_domain::register::inventory::DocumentCount;
use kluis_domain::{DocumentClass, EntityType, SpecialCategory};

use crate::dump::Kind::{Int, Text};
use crate::dump::TableDef;
use crate::model::stored_opt;
use crate::{OrgScope, Result, Store, StoreError, WriteTx};

/// The compliance module's tables, in load order.
pub static COMPLIANCE_TABLES: &[TableDef] = &[TableDef {
    name: "compliance_scores",
    columns: &[
        ("org_id", Text),
        ("day", Text),
        ("score", Int),
        ("low", Int),
        ("medium", Int),
        ("high", Int),
        ("critical", Int),
        ("computed_at", Int),
    ],
}];

/// The effective class and categories: the same correction-wins rule as the document lists
/// (`documents.rs` keeps its only other copy, for the columns it selects).
const EFF_CLASS: &str = "COALESCE(d.class_override, d.class)";
const EFF_CATEGORIES: &str = "COALESCE(d.categories_override, d.special_categories)";

/// One day's score of one organisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    /// ISO date, `YYYY-MM-DD`.
    pub day: String,
    pub score: i64,
    pub low: i64,
    pub medium: i64,
    pub high: i64,
    pub critical: i64,
    pub computed_at: i64,
}

/// The compliance module's reads of one organisation.
pub struct ComplianceStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The compliance reads of the organisation `scope` stands for.
    pub fn compliance<'s>(&'s self, scope: &'s OrgScope) -> ComplianceStore<'s> {
        ComplianceStore { store: self, scope }
    }
}

fn class_of(org: &str, v: Option<String>) -> Result<Option<DocumentClass>> {
    stored_opt(
        "documents",
        &format!("(organisation {org})"),
        "class",
        v.as_deref(),
    )
}

fn count(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl ComplianceStore<'_> {
    fn org(&self) -> &str {
        self.scope.org_id()
    }

    /// Documents per (entity types found in them, effective special categories, effective class, container),
    /// for the inventory: one grouped query. Each document's entity types are a bit set: the sum of the bits of
    /// its distinct entity types (a bitwise OR in portable SQL), so the rows partition the documents and no
    /// document counts twice. Documents holding nothing are left out.
    pub async fn document_counts(&self, id_class: DocumentClass) -> Result<Vec<DocumentCount>> {
        let types = EntityType::ALL;
        let cases: Vec<String> = (0..types.len())
            .map(|i| format!("WHEN ${} THEN {}", i + 2, 1i64 << i))
            .collect();
        // The (document, entity type) pairs come off the findings index in order; their bits add up to the
        // document's set. A hash join on PostgreSQL, an index-backed join on SQLite; no per-document subquery.
        let sql = format!(
            "SELECT COALESCE(x.mask, 0) AS mask, {EFF_CATEGORIES} AS cats, {EFF_CLASS} AS class, \
             d.parent_id AS parent_id, COUNT(*) AS n \
             FROM documents d LEFT JOIN (SELECT t.document_id, SUM(CASE t.entity_type {} ELSE 0 END) AS mask \
             FROM (SELECT DISTINCT document_id, entity_type FROM document_findings WHERE org_id = $1) t \
             GROUP BY t.document_id) x ON x.document_id = d.id \
             WHERE d.org_id = $1 \
             GROUP BY COALESCE(x.mask, 0), {EFF_CATEGORIES}, {EFF_CLASS}, d.parent_id",
            cases.join(" ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.org());
        for t in types {
            q = q.bind(t.as_str());
        }
        let mut c = self.store.pool().acquire().await?;
        let rows = q.fetch_all(&mut *c).await?;
        let mut out = Vec::new();
        let mut parents: Vec<String> = Vec::new();
        for r in &rows {
            let mask: Option<i64> = r.try_get("mask")?;
            let mask = mask.unwrap_or(0);
            let entity_types: Vec<EntityType> = types
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1i64 << i) != 0)
                .map(|(_, t)| *t)
                .collect();
            let cats: String = r.try_get("cats")?;
            let special = self.special_categories(&cats)?;
            let class = class_of(self.org(), r.try_get("class")?)?;
            if entity_types.is_empty() && special.is_empty() && class != Some(id_class) {
                continue;
            }
            let parent: Option<String> = r.try_get("parent_id")?;
            if let Some(p) = &parent {
                parents.push(p.clone());
            }
            out.push((
                parent,
                DocumentCount {
                    entity_types,
                    special,
                    class,
                    folder: None,
                    documents: count(r.try_get("n")?),
                },
            ));
        }
        // The containers' names: one small query over the containers actually named.
        parents.sort();
        parents.dedup();
        let names = self.names_of(&parents, &mut c).await?;
        Ok(out
            .into_iter()
            .map(|(parent, mut row)| {
                row.folder = parent.and_then(|p| names.get(&p).cloned());
                row
            })
            .collect())
    }

    fn special_categories(&self, json: &str) -> Result<Vec<SpecialCategory>> {
        let names: Vec<String> = serde_json::from_str(json).map_err(|_| {
            StoreError::Corrupt(format!(
                "documents of organisation {}: special categories are not a JSON list",
                self.org()
            ))
        })?;
        names
            .iter()
            .map(|n| {
                n.parse::<SpecialCategory>().map_err(|_| {
                    StoreError::Corrupt(format!(
                        "documents of organisation {}: unknown special category {n}",
                        self.org()
                    ))
                })
            })
            .collect()
    }

    /// Names of the documents `ids` (containers), in chunks to keep the parameter list short.
    async fn names_of(
        &self,
        ids: &[String],
        c: &mut sqlx::pool::PoolConnection<sqlx::Any>,
    ) -> Result<BTreeMap<String, String>> {
        let mut out = BTreeMap::new();
        for chunk in ids.chunks(500) {
            let ph: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
            let sql = format!(
                "SELECT id, name FROM documents WHERE org_id = $1 AND id IN ({})",
                ph.join(", ")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.org());
            for id in chunk {
                q = q.bind(id);
            }
            for r in q.fetch_all(&mut **c).await? {
                out.insert(r.try_get("id")?, r.try_get("name")?);
            }
        }
        Ok(out)
    }

    /// The scores since `from_day` (ISO date, inclusive), oldest first.
    pub async fn scores_since(&self, from_day: &str) -> Result<Vec<ScoreRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(
            "SELECT day, score, low, medium, high, critical, computed_at FROM compliance_scores \
             WHERE org_id = $1 AND day >= $2 ORDER BY day",
        )
        .bind(self.org())
        .bind(from_day)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ScoreRow {
                    day: r.try_get("day")?,
                    score: r.try_get("score")?,
                    low: r.try_get("low")?,
                    medium: r.try_get("medium")?,
                    high: r.try_get("high")?,
                    critical: r.try_get("critical")?,
                    computed_at: r.try_get("computed_at")?,
                })
            })
            .collect()
    }
}

impl WriteTx {
    /// Records the organisation's score for `row.day`, replacing an earlier one of the same day.
    pub async fn upsert_compliance_score(
        &mut self,
        scope: &OrgScope,
        row: &ScoreRow,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO compliance_scores (org_id, day, score, low, medium, high, critical, computed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (org_id, day) DO UPDATE SET \
             score = excluded.score, low = excluded.low, medium = excluded.medium, high = excluded.high, \
             critical = excluded.critical, computed_at = excluded.computed_at",
        )
        .bind(scope.org_id())
        .bind(&row.day)
        .bind(row.score)
        .bind(row.low)
        .bind(row.medium)
        .bind(row.high)
        .bind(row.critical)
        .bind(row.computed_at)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
