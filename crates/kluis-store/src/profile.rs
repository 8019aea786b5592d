//! The register's organisation profile (versioned JSON bodies) and its reviews: tenant tables, reachable only
//! through an [`OrgScope`]; every query binds `org_id = $1` from the scope.
//!
//! Bodies and checklists stay JSON text here; the application parses them into the domain's shapes.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::{OrgScope, Result, Store, WriteTx, found};

const VERSION_COLUMNS: &str = "org_id, version, body, changed, actor, at_ms";
const REVIEW_COLUMNS: &str = "id, org_id, scheduled_for, completed_on, signed_off_by, signed_at_ms, checklist, \
     notes, created_at";

/// One saved version of the organisation profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileVersionRow {
    pub version: i64,
    /// JSON of the domain's `OrgProfile`.
    pub body: String,
    /// JSON array of the names of the fields this version changed.
    pub changed: String,
    /// User id (or system actor name) that saved it.
    pub actor: String,
    pub at_ms: i64,
}

impl ProfileVersionRow {
    fn from_row(r: &AnyRow) -> Result<ProfileVersionRow> {
        Ok(ProfileVersionRow {
            version: r.try_get("version")?,
            body: r.try_get("body")?,
            changed: r.try_get("changed")?,
            actor: r.try_get("actor")?,
            at_ms: r.try_get("at_ms")?,
        })
    }
}

/// A review of the register: open (scheduled, not completed) or signed off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewRow {
    pub id: String,
    /// ISO date the review is planned for.
    pub scheduled_for: Option<String>,
    /// ISO date it was completed; `None` while open.
    pub completed_on: Option<String>,
    /// User id of the member who signed it off.
    pub signed_off_by: Option<String>,
    pub signed_at_ms: Option<i64>,
    /// JSON of the checklist's answers.
    pub checklist: Option<String>,
    pub notes: String,
    pub created_at: i64,
}

impl ReviewRow {
    fn from_row(r: &AnyRow) -> Result<ReviewRow> {
        Ok(ReviewRow {
            id: r.try_get("id")?,
            scheduled_for: r.try_get("scheduled_for")?,
            completed_on: r.try_get("completed_on")?,
            signed_off_by: r.try_get("signed_off_by")?,
            signed_at_ms: r.try_get("signed_at_ms")?,
            checklist: r.try_get("checklist")?,
            notes: r.try_get("notes")?,
            created_at: r.try_get("created_at")?,
        })
    }
}

/// Reads of one organisation's profile and reviews.
pub struct ProfileStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The register profile and reviews of the organisation `scope` stands for.
    pub fn profile<'s>(&'s self, scope: &'s OrgScope) -> ProfileStore<'s> {
        ProfileStore { store: self, scope }
    }
}

impl WriteTx {
    /// Profile and review writes for the organisation `scope` stands for, inside this transaction.
    pub fn profile<'t>(&'t mut self, scope: &'t OrgScope) -> ProfileTx<'t> {
        ProfileTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl ProfileStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// The current profile: the highest version, if any was saved.
    pub async fn current(&self) -> Result<Option<ProfileVersionRow>> {
        let mut c = self.conn().await?;
        q_latest(&mut c, self.scope.org_id()).await
    }

    /// The profile as it stood at `at_ms`: the highest version saved at or before then.
    pub async fn as_of(&self, at_ms: i64) -> Result<Option<ProfileVersionRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM register_profile_versions WHERE org_id = $1 AND at_ms <= $2 \
             ORDER BY version DESC LIMIT 1"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(at_ms)
            .fetch_optional(&mut *c)
            .await?;
        row.as_ref().map(ProfileVersionRow::from_row).transpose()
    }

    /// Every version, newest first (the profile's history: who changed which fields when).
    pub async fn history(&self, limit: i64) -> Result<Vec<ProfileVersionRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM register_profile_versions WHERE org_id = $1 \
             ORDER BY version DESC LIMIT $2"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(limit)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(ProfileVersionRow::from_row).collect()
    }

    /// Every review, open ones first, then the signed-off ones newest first.
    pub async fn reviews(&self) -> Result<Vec<ReviewRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {REVIEW_COLUMNS} FROM register_reviews WHERE org_id = $1 \
             ORDER BY CASE WHEN completed_on IS NULL THEN 0 ELSE 1 END, completed_on DESC, created_at DESC, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(ReviewRow::from_row).collect()
    }

    /// The date of the last signed-off review (ISO), if any.
    pub async fn last_review_date(&self) -> Result<Option<String>> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar(
            "SELECT MAX(completed_on) FROM register_reviews WHERE org_id = $1 AND completed_on IS NOT NULL",
        )
        .bind(self.scope.org_id())
        .fetch_one(&mut *c)
        .await?)
    }

    /// The date of the last review signed off for a date on or before `date` (ISO), if any: the register's
    /// last review as it stood then.
    pub async fn last_review_date_until(&self, date: &str) -> Result<Option<String>> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar(
            "SELECT MAX(completed_on) FROM register_reviews WHERE org_id = $1 AND completed_on IS NOT NULL \
             AND completed_on <= $2",
        )
        .bind(self.scope.org_id())
        .bind(date)
        .fetch_one(&mut *c)
        .await?)
    }

    /// The review interval the organisation chose, in months.
    pub async fn review_interval(&self) -> Result<Option<i64>> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar(
            "SELECT interval_months FROM register_review_settings WHERE org_id = $1",
        )
        .bind(self.scope.org_id())
        .fetch_optional(&mut *c)
        .await?)
    }
}

async fn q_latest(c: &mut AnyConnection, org: &str) -> Result<Option<ProfileVersionRow>> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM register_profile_versions WHERE org_id = $1 ORDER BY version DESC LIMIT 1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(ProfileVersionRow::from_row).transpose()
}

async fn q_open_review(c: &mut AnyConnection, org: &str) -> Result<Option<ReviewRow>> {
    let sql = format!(
        "SELECT {REVIEW_COLUMNS} FROM register_reviews WHERE org_id = $1 AND completed_on IS NULL \
         ORDER BY created_at, id LIMIT 1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(ReviewRow::from_row).transpose()
}

/// A review being signed off.
#[derive(Debug, Clone)]
pub struct ReviewSignOff<'a> {
    pub completed_on: &'a str,
    pub signed_off_by: &'a str,
    pub signed_at_ms: i64,
    pub checklist: &'a str,
    pub notes: &'a str,
}

/// Writes to one organisation's profile and reviews inside a [`WriteTx`].
pub struct ProfileTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl ProfileTx<'_> {
    /// The current profile, read inside the transaction (the base a new version is compared with).
    pub async fn current(&mut self) -> Result<Option<ProfileVersionRow>> {
        let org = self.scope.org_id().to_owned();
        q_latest(self.conn, &org).await
    }

    /// Saves a new version after the current one and returns its number. Two concurrent saves compete for the
    /// same version number; the loser fails on the primary key and is retried by the caller.
    pub async fn insert_version(
        &mut self,
        body: &str,
        changed: &str,
        actor: &str,
        at_ms: i64,
    ) -> Result<i64> {
        let next: i64 = sqlx::query_scalar(
            "SELECT COALESCE(MAX(version), 0) + 1 FROM register_profile_versions WHERE org_id = $1",
        )
        .bind(self.scope.org_id())
        .fetch_one(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO register_profile_versions (org_id, version, body, changed, actor, at_ms) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(self.scope.org_id())
        .bind(next)
        .bind(body)
        .bind(changed)
        .bind(actor)
        .bind(at_ms)
        .execute(&mut *self.conn)
        .await?;
        Ok(next)
    }

    /// The open (scheduled, not yet signed-off) review, if any.
    pub async fn open_review(&mut self) -> Result<Option<ReviewRow>> {
        let org = self.scope.org_id().to_owned();
        q_open_review(self.conn, &org).await
    }

    /// Schedules the next review: moves the open review to `date`, or opens one with id `new_id`.
    /// Returns the id of the open review.
    pub async fn schedule_review(
        &mut self,
        new_id: &str,
        date: &str,
        now_ms: i64,
    ) -> Result<String> {
        if let Some(open) = self.open_review().await? {
            found(
                sqlx::query(
                    "UPDATE register_reviews SET scheduled_for = $3 WHERE org_id = $1 AND id = $2",
                )
                .bind(self.scope.org_id())
                .bind(&open.id)
                .bind(date)
                .execute(&mut *self.conn)
                .await?,
            )?;
            return Ok(open.id);
        }
        sqlx::query(
            "INSERT INTO register_reviews (id, org_id, scheduled_for, notes, created_at) VALUES ($2, $1, $3, '', $4)",
        )
        .bind(self.scope.org_id())
        .bind(new_id)
        .bind(date)
        .bind(now_ms)
        .execute(&mut *self.conn)
        .await?;
        Ok(new_id.to_owned())
    }

    /// Signs off the open review, or records a review done without one scheduled (id `new_id`). Returns the id
    /// of the signed-off review.
    pub async fn sign_off_review(
        &mut self,
        new_id: &str,
        s: &ReviewSignOff<'_>,
        now_ms: i64,
    ) -> Result<String> {
        let id = match self.open_review().await? {
            Some(open) => open.id,
            None => {
                sqlx::query(
                    "INSERT INTO register_reviews (id, org_id, notes, created_at) VALUES ($2, $1, '', $3)",
                )
                .bind(self.scope.org_id())
                .bind(new_id)
                .bind(now_ms)
                .execute(&mut *self.conn)
                .await?;
                new_id.to_owned()
            }
        };
        found(
            sqlx::query(
                "UPDATE register_reviews SET completed_on = $3, signed_off_by = $4, signed_at_ms = $5, \
                 checklist = $6, notes = $7 WHERE org_id = $1 AND id = $2",
            )
            .bind(self.scope.org_id())
            .bind(&id)
            .bind(s.completed_on)
            .bind(s.signed_off_by)
            .bind(s.signed_at_ms)
            .bind(s.checklist)
            .bind(s.notes)
            .execute(&mut *self.conn)
            .await?,
        )?;
        Ok(id)
    }

    /// The review interval the organisation chose, in months, read inside the transaction.
    pub async fn review_interval(&mut self) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT interval_months FROM register_review_settings WHERE org_id = $1",
        )
        .bind(self.scope.org_id())
        .fetch_optional(&mut *self.conn)
        .await?)
    }

    /// Sets how often the register is reviewed, in months.
    pub async fn set_review_interval(&mut self, months: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO register_review_settings (org_id, interval_months) VALUES ($1, $2) \
             ON CONFLICT (org_id) DO UPDATE SET interval_months = excluded.interval_months",
        )
        .bind(self.scope.org_id())
        .bind(months)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
