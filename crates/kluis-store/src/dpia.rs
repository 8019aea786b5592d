//! DPIA screenings and assessments: tenant tables reachable only through an [`OrgScope`].
//!
//! [`Store::dpias`] reads, [`WriteTx::dpias`] writes. A screening is appended, never changed (the history of the
//! decision); a DPIA is saved as a whole, each save a new version kept in `dpia_versions`.

use kluis_domain::dpia::assessment::Dpia;
use kluis_domain::dpia::screening::{ScreeningOutcome, ScreeningRecord};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::dump::{Kind::Int, Kind::Text, TableDef};
use crate::{OrgScope, Result, Store, StoreError, WriteTx};

/// The DPIA module's tables, in load order.
pub static DPIA_TABLES: &[TableDef] = &[
    TableDef::new(
        "dpia_screenings",
        &[
            ("id", Text),
            ("org_id", Text),
            ("activity_id", Text),
            ("record", Text),
            ("outcome", Text),
            ("required", Int),
            ("criteria", Int),
            ("screened_on", Text),
            ("actor", Text),
            ("at", Int),
        ],
    ),
    TableDef::new(
        "dpias",
        &[
            ("id", Text),
            ("org_id", Text),
            ("activity_id", Text),
            ("title", Text),
            ("status", Text),
            ("body", Text),
            ("version", Int),
            ("review_on", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("created_by", Text),
            ("updated_by", Text),
        ],
    ),
    TableDef::new(
        "dpia_versions",
        &[
            ("org_id", Text),
            ("dpia_id", Text),
            ("version", Int),
            ("body", Text),
            ("note", Text),
            ("actor", Text),
            ("at", Int),
        ],
    ),
];

/// One screening of an activity as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreeningRow {
    pub id: String,
    pub activity_id: String,
    pub record: ScreeningRecord,
    /// A user id, or `cli`.
    pub actor: String,
    pub at: i64,
}

/// A DPIA at its current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpiaRow {
    pub id: String,
    /// The linked activity; authoritative over the body's own `activity` (a deleted draft unlinks it).
    pub activity_id: Option<String>,
    pub dpia: Dpia,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub created_by: String,
    pub updated_by: String,
}

/// One saved version of a DPIA.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DpiaVersionRow {
    pub version: i64,
    pub dpia: Dpia,
    pub note: String,
    pub actor: String,
    pub at: i64,
}

fn outcome_key(o: &ScreeningOutcome) -> &'static str {
    match o {
        ScreeningOutcome::Required { .. } => "required",
        ScreeningOutcome::NotRequiredJustified { .. } => "not_required_justified",
        ScreeningOutcome::NotRequired { .. } => "not_required",
    }
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn body<T: serde::de::DeserializeOwned>(table: &str, id: &str, text: &str) -> Result<T> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Corrupt(format!("{table} {id}: body does not read: {e}")))
}

fn screening_row(r: &AnyRow) -> Result<ScreeningRow> {
    let id: String = r.try_get("id")?;
    let record: String = r.try_get("record")?;
    Ok(ScreeningRow {
        record: body("dpia_screenings", &id, &record)?,
        id,
        activity_id: r.try_get("activity_id")?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
    })
}

fn dpia_row(r: &AnyRow) -> Result<DpiaRow> {
    let id: String = r.try_get("id")?;
    let text: String = r.try_get("body")?;
    let mut dpia: Dpia = body("dpias", &id, &text)?;
    let activity_id: Option<String> = r.try_get("activity_id")?;
    dpia.activity = activity_id.as_deref().and_then(|a| a.parse().ok());
    Ok(DpiaRow {
        id,
        activity_id,
        dpia,
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        created_by: r.try_get("created_by")?,
        updated_by: r.try_get("updated_by")?,
    })
}

fn version_row(r: &AnyRow) -> Result<DpiaVersionRow> {
    let id: String = r.try_get("dpia_id")?;
    let text: String = r.try_get("body")?;
    Ok(DpiaVersionRow {
        dpia: body("dpia_versions", &id, &text)?,
        version: r.try_get("version")?,
        note: r.try_get("note")?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
    })
}

const SCREENING_COLUMNS: &str = "id, activity_id, record, actor, at";
const DPIA_COLUMNS: &str =
    "id, activity_id, body, version, created_at, updated_at, created_by, updated_by";

/// Reads of one organisation's screenings and DPIAs.
pub struct DpiaStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The DPIA screenings and assessments of the organisation `scope` stands for.
    pub fn dpias<'s>(&'s self, scope: &'s OrgScope) -> DpiaStore<'s> {
        DpiaStore { store: self, scope }
    }
}

impl DpiaStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// Every DPIA at its current version, most recently changed first.
    pub async fn list(&self) -> Result<Vec<DpiaRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DPIA_COLUMNS} FROM dpias WHERE org_id = $1 ORDER BY updated_at DESC, id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(dpia_row).collect()
    }

    pub async fn get(&self, id: &str) -> Result<Option<DpiaRow>> {
        let mut c = self.conn().await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DPIA_COLUMNS} FROM dpias WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
        r.as_ref().map(dpia_row).transpose()
    }

    /// Every saved version of DPIA `id`, oldest first.
    pub async fn versions(&self, id: &str) -> Result<Vec<DpiaVersionRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT dpia_id, version, body, note, actor, at FROM dpia_versions \
             WHERE org_id = $1 AND dpia_id = $2 ORDER BY version",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(version_row).collect()
    }

    /// Version `version` of DPIA `id`.
    pub async fn version(&self, id: &str, version: i64) -> Result<Option<DpiaVersionRow>> {
        let mut c = self.conn().await?;
        let r = sqlx::query(
            "SELECT dpia_id, version, body, note, actor, at FROM dpia_versions \
             WHERE org_id = $1 AND dpia_id = $2 AND version = $3",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(version)
        .fetch_optional(&mut *c)
        .await?;
        r.as_ref().map(version_row).transpose()
    }

    /// Every screening of activity `activity_id`, newest first.
    pub async fn screenings(&self, activity_id: &str) -> Result<Vec<ScreeningRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SCREENING_COLUMNS} FROM dpia_screenings WHERE org_id = $1 AND activity_id = $2 \
             ORDER BY at DESC, id DESC"
        )))
        .bind(self.scope.org_id())
        .bind(activity_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(screening_row).collect()
    }

    /// The latest screening of each activity screened at least once.
    pub async fn latest_screenings(&self) -> Result<Vec<ScreeningRow>> {
        let mut c = self.conn().await?;
        // Ids are v7 UUIDs: within one activity the greatest id is the latest screening.
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {SCREENING_COLUMNS} FROM dpia_screenings s WHERE s.org_id = $1 AND s.id = \
             (SELECT MAX(l.id) FROM dpia_screenings l WHERE l.org_id = s.org_id AND l.activity_id = s.activity_id) \
             ORDER BY s.activity_id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(screening_row).collect()
    }
}

/// Writes to one organisation's screenings and DPIAs inside a [`WriteTx`].
pub struct DpiaTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl WriteTx {
    /// DPIA writes for the organisation `scope` stands for, inside this transaction.
    pub fn dpias<'t>(&'t mut self, scope: &'t OrgScope) -> DpiaTx<'t> {
        DpiaTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl DpiaTx<'_> {
    /// Appends a screening (its id a v7 UUID, so the latest has the greatest id).
    pub async fn insert_screening(&mut self, s: &ScreeningRow) -> Result<()> {
        let outcome = outcome_key(&s.record.outcome);
        let criteria = s.record.screening.wp248.len();
        sqlx::query(
            "INSERT INTO dpia_screenings (id, org_id, activity_id, record, outcome, required, criteria, \
             screened_on, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(&s.id)
        .bind(self.scope.org_id())
        .bind(&s.activity_id)
        .bind(json(&s.record)?)
        .bind(outcome)
        .bind(i64::from(s.record.outcome.required()))
        .bind(i64::try_from(criteria).unwrap_or(i64::MAX))
        .bind(s.record.screened_on.to_string())
        .bind(&s.actor)
        .bind(s.at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn get(&mut self, id: &str) -> Result<Option<DpiaRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DPIA_COLUMNS} FROM dpias WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *self.conn)
        .await?;
        r.as_ref().map(dpia_row).transpose()
    }

    /// The DPIAs linked to activity `activity_id`.
    pub async fn for_activity(&mut self, activity_id: &str) -> Result<Vec<DpiaRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {DPIA_COLUMNS} FROM dpias WHERE org_id = $1 AND activity_id = $2 ORDER BY id"
        )))
        .bind(self.scope.org_id())
        .bind(activity_id)
        .fetch_all(&mut *self.conn)
        .await?;
        rows.iter().map(dpia_row).collect()
    }

    async fn append_version(
        &mut self,
        id: &str,
        d: &Dpia,
        version: i64,
        note: &str,
        actor: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO dpia_versions (org_id, dpia_id, version, body, note, actor, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(version)
        .bind(json(d)?)
        .bind(note)
        .bind(actor)
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Adds DPIA `id` as version 1.
    pub async fn insert(
        &mut self,
        id: &str,
        d: &Dpia,
        note: &str,
        actor: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO dpias (id, org_id, activity_id, title, status, body, version, review_on, created_at, \
             updated_at, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $8, $8, $9, $9)",
        )
        .bind(id)
        .bind(self.scope.org_id())
        .bind(d.activity.map(|a| a.to_string()))
        .bind(&d.title)
        .bind(d.validation.status.as_str())
        .bind(json(d)?)
        .bind(d.review_on.map(|r| r.to_string()))
        .bind(now)
        .bind(actor)
        .execute(&mut *self.conn)
        .await?;
        self.append_version(id, d, 1, note, actor, now).await
    }

    /// Saves `d` as the next version after `expected`; `Conflict` when another save came first, `NotFound` for
    /// an unknown id. Returns the new version.
    pub async fn save(
        &mut self,
        id: &str,
        d: &Dpia,
        expected: i64,
        note: &str,
        actor: &str,
        now: i64,
    ) -> Result<i64> {
        let next = expected + 1;
        let done = sqlx::query(
            "UPDATE dpias SET activity_id = $3, title = $4, status = $5, body = $6, version = $7, review_on = $8, \
             updated_at = $9, updated_by = $10 WHERE org_id = $1 AND id = $2 AND version = $11",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(d.activity.map(|a| a.to_string()))
        .bind(&d.title)
        .bind(d.validation.status.as_str())
        .bind(json(d)?)
        .bind(next)
        .bind(d.review_on.map(|r| r.to_string()))
        .bind(now)
        .bind(actor)
        .bind(expected)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() == 0 {
            return match self.get(id).await? {
                Some(_) => Err(StoreError::Conflict(
                    "the DPIA was changed by someone else meanwhile".into(),
                )),
                None => Err(StoreError::NotFound),
            };
        }
        self.append_version(id, d, next, note, actor, now).await?;
        Ok(next)
    }
}
