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
    /// for the inventory: one grouped count over the documents. Each document carries its distinct entity types
    /// (written with its scan), so the rows partition the documents, no document counts twice and the findings
    /// are not read. Documents holding nothing are left out.
    pub async fn document_counts(&self, id_class: DocumentClass) -> Result<Vec<DocumentCount>> {
        // Grouped by the stored columns in the order of the index `documents_inventory`, so the database walks
        // that index alone without sorting; the correction-wins rule is applied to the few groups below (rows
        // that become equal add up in `DocumentHoldings::build`).
        let sql = "SELECT d.entity_types, d.special_categories, d.categories_override, d.class, d.class_override, \
             d.parent_id, COUNT(*) AS n FROM documents d WHERE d.org_id = $1 \
             GROUP BY d.entity_types, d.special_categories, d.categories_override, d.class, d.class_override, \
             d.parent_id";
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sql).bind(self.org()).fetch_all(&mut *c).await?;
        let mut out = Vec::new();
        let mut parents: Vec<String> = Vec::new();
        for r in &rows {
            let types: Option<String> = r.try_get("entity_types")?;
            let entity_types = self.entity_types(types.as_deref().unwrap_or_default())?;
            // The user's correction wins over the scanner's verdict, as in the document lists (documents.rs).
            let cats_override: Option<String> = r.try_get("categories_override")?;
            let cats = match cats_override {
                Some(c) => c,
                None => r.try_get("special_categories")?,
            };
            let special = self.special_categories(&cats)?;
            let class_override: Option<String> = r.try_get("class_override")?;
            let class = match class_override {
                Some(c) => Some(c),
                None => r.try_get("class")?,
            };
            let class = class_of(self.org(), class)?;
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

    fn entity_types(&self, list: &str) -> Result<Vec<EntityType>> {
        list.split(',')
            .filter(|t| !t.is_empty())
            .map(|t| {
                t.parse::<EntityType>().map_err(|_| {
                    StoreError::Corrupt(format!(
                        "documents of organisation {}: unknown entity type {t}",
                        self.org()
                    ))
                })
            })
            .collect()
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
