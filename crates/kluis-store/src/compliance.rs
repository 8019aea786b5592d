//! The compliance module's reads and writes: the grouped counts the inventory is computed from, and the
//! history of compliance scores (one row per organisation per day).
//!
//! The counts are two grouped queries over the whole organisation, never a loop over documents: the inventory
//! of 50,000 documents is a few hundred rows.

use sqlx::Row as _;

use kluis_domain::register::DataCategory;
use kluis_domain::register::inventory::{HoldingCount, SpecialCount};
use kluis_domain::{DocumentClass, SpecialCategory};

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

    /// Documents per (category, effective class, folder), from the entity types of their findings. The
    /// vocabulary's entity-type → category pairs travel as a `VALUES` list, so a document with two entity types
    /// of one category counts once (`COUNT(DISTINCT …)`). The folder is the container a member was found in.
    pub async fn holdings_from_findings(&self) -> Result<Vec<HoldingCount>> {
        let pairs: Vec<(&'static str, DataCategory)> = DataCategory::all()
            .flat_map(|c| c.entity_types.iter().map(move |e| (e.as_str(), c)))
            .collect();
        if pairs.is_empty() {
            return Ok(Vec::new());
        }
        let values: Vec<String> = (0..pairs.len())
            .map(|i| format!("(${}, ${})", 2 * i + 2, 2 * i + 3))
            .collect();
        // `column1`/`column2` are what both SQLite and PostgreSQL call the columns of a VALUES list.
        let sql = format!(
            "SELECT m.column2 AS category, {EFF_CLASS} AS class, p.name AS folder, \
             COUNT(DISTINCT f.document_id) AS n \
             FROM document_findings f \
             JOIN (VALUES {}) AS m ON m.column1 = f.entity_type \
             JOIN documents d ON d.id = f.document_id AND d.org_id = $1 \
             LEFT JOIN documents p ON p.id = d.parent_id AND p.org_id = $1 \
             WHERE f.org_id = $1 \
             GROUP BY m.column2, {EFF_CLASS}, p.name",
            values.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.org());
        for (entity, category) in &pairs {
            q = q.bind(*entity).bind(category.key());
        }
        let mut c = self.store.pool().acquire().await?;
        let rows = q.fetch_all(&mut *c).await?;
        rows.iter()
            .map(|r| {
                let key: String = r.try_get("category")?;
                let category = key.parse::<DataCategory>().map_err(|_| {
                    StoreError::Corrupt(format!(
                        "inventory category {key} is not in the vocabulary"
                    ))
                })?;
                Ok(HoldingCount {
                    category,
                    class: class_of(self.org(), r.try_get("class")?)?,
                    folder: r.try_get("folder")?,
                    documents: count(r.try_get("n")?),
                })
            })
            .collect()
    }

    /// Documents per (combination of effective special categories, effective class, folder), for documents
    /// with special categories or of class `id_class` (an ID copy is a category of its own).
    pub async fn holdings_from_documents(
        &self,
        id_class: DocumentClass,
    ) -> Result<Vec<SpecialCount>> {
        let sql = format!(
            "SELECT {EFF_CATEGORIES} AS cats, {EFF_CLASS} AS class, p.name AS folder, COUNT(*) AS n \
             FROM documents d \
             LEFT JOIN documents p ON p.id = d.parent_id AND p.org_id = $1 \
             WHERE d.org_id = $1 AND ({EFF_CATEGORIES} <> '[]' OR {EFF_CLASS} = $2) \
             GROUP BY {EFF_CATEGORIES}, {EFF_CLASS}, p.name"
        );
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.org())
            .bind(id_class.as_str())
            .fetch_all(&mut *c)
            .await?;
        rows.iter()
            .map(|r| {
                let cats: String = r.try_get("cats")?;
                let names: Vec<String> = serde_json::from_str(&cats).map_err(|_| {
                    StoreError::Corrupt(format!(
                        "documents of organisation {}: special categories are not a JSON list",
                        self.org()
                    ))
                })?;
                let categories = names
                    .iter()
                    .map(|n| {
                        n.parse::<SpecialCategory>().map_err(|_| {
                            StoreError::Corrupt(format!(
                                "documents of organisation {}: unknown special category {n}",
                                self.org()
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(SpecialCount {
                    categories,
                    class: class_of(self.org(), r.try_get("class")?)?,
                    folder: r.try_get("folder")?,
                    documents: count(r.try_get("n")?),
                })
            })
            .collect()
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
