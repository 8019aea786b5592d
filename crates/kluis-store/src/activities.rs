//! The register's processing activities, versioned: tenant tables reachable only through an [`OrgScope`].
//!
//! [`Store::activities`] reads, [`WriteTx::activities`] writes. Every save appends the whole activity as a new
//! version (JSON body, names of the changed fields, actor, time), so history and past states are plain reads.

use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::register::{ActivityStatus, ProcessingActivity};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::model::{stored, stored_opt};
use crate::{OrgScope, Result, Store, StoreError, WriteTx, found};

/// An activity at its current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityRow {
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    /// The whole activity; its `id` is the row's id.
    pub activity: ProcessingActivity,
}

/// One stored version of an activity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityVersionRow {
    pub activity_id: String,
    pub version: i64,
    pub activity: ProcessingActivity,
    /// Names of the fields this version changed (all set fields for the first version).
    pub changed: Vec<String>,
    /// A user id or a system name (`cli`).
    pub actor: String,
    pub at: i64,
}

/// What the register's list shows of an activity, read from its row without its JSON version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivitySummary {
    pub id: String,
    pub name: String,
    pub status: ActivityStatus,
    pub lawful_basis: Option<LawfulBasis>,
    /// How many data categories the activity processes.
    pub categories: i64,
}

fn category_count(a: &ProcessingActivity) -> i64 {
    i64::try_from(a.categories.len()).unwrap_or(i64::MAX)
}

fn body_of(table: &str, id: &str, json: &str) -> Result<ProcessingActivity> {
    serde_json::from_str(json)
        .map_err(|e| StoreError::Corrupt(format!("{table} {id}: body does not read: {e}")))
}

fn current_from_row(r: &AnyRow) -> Result<ActivityRow> {
    let id: String = r.try_get("id")?;
    let body: String = r.try_get("body")?;
    let mut activity = body_of("register_activities", &id, &body)?;
    activity.id = id
        .parse()
        .map_err(|_| StoreError::Corrupt(format!("register_activities {id}: id is not a UUID")))?;
    Ok(ActivityRow {
        version: r.try_get("version")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        activity,
    })
}

fn version_from_row(r: &AnyRow) -> Result<ActivityVersionRow> {
    let id: String = r.try_get("activity_id")?;
    let body: String = r.try_get("body")?;
    let changed: String = r.try_get("changed")?;
    let mut activity = body_of("register_activity_versions", &id, &body)?;
    activity.id = id.parse().map_err(|_| {
        StoreError::Corrupt(format!("register_activity_versions {id}: id is not a UUID"))
    })?;
    Ok(ActivityVersionRow {
        version: r.try_get("version")?,
        changed: serde_json::from_str(&changed).map_err(|e| {
            StoreError::Corrupt(format!("register_activity_versions {id}: changed: {e}"))
        })?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
        activity,
        activity_id: id,
    })
}

const CURRENT: &str = "SELECT a.id, a.version, a.created_at, a.updated_at, v.body FROM register_activities a \
     JOIN register_activity_versions v ON v.activity_id = a.id AND v.version = a.version AND v.org_id = a.org_id \
     WHERE a.org_id = $1";

const VERSION_COLUMNS: &str = "activity_id, version, body, changed, actor, at";

/// Reads of one organisation's processing activities.
pub struct ActivityStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The processing activities of the organisation `scope` stands for.
    pub fn activities<'s>(&'s self, scope: &'s OrgScope) -> ActivityStore<'s> {
        ActivityStore { store: self, scope }
    }
}

impl WriteTx {
    /// Processing-activity writes for the organisation `scope` stands for, inside this transaction.
    pub fn activities<'t>(&'t mut self, scope: &'t OrgScope) -> ActivityTx<'t> {
        ActivityTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl ActivityStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// Every activity at its current version, by name.
    pub async fn list(&self) -> Result<Vec<ActivityRow>> {
        let mut c = self.conn().await?;
        let sql = format!("{CURRENT} ORDER BY LOWER(a.name), a.id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(current_from_row).collect()
    }

    /// Every activity's summary, by name: what the register's list shows, without reading the versions.
    pub async fn summaries(&self) -> Result<Vec<ActivitySummary>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, name, status, lawful_basis, category_count FROM register_activities \
             WHERE org_id = $1 ORDER BY LOWER(name), id",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                let id: String = r.try_get("id")?;
                let status: String = r.try_get("status")?;
                let basis: Option<String> = r.try_get("lawful_basis")?;
                let count: Option<i64> = r.try_get("category_count")?;
                Ok(ActivitySummary {
                    status: stored("register_activities", &id, "status", &status)?,
                    lawful_basis: stored_opt(
                        "register_activities",
                        &id,
                        "lawful_basis",
                        basis.as_deref(),
                    )?,
                    categories: count.unwrap_or(0),
                    name: r.try_get("name")?,
                    id,
                })
            })
            .collect()
    }

    /// One activity at its current version.
    pub async fn get(&self, id: &str) -> Result<Option<ActivityRow>> {
        let mut c = self.conn().await?;
        q_get(&mut c, self.scope.org_id(), id).await
    }

    /// Every version of one activity, oldest first (empty for an unknown id).
    pub async fn history(&self, id: &str) -> Result<Vec<ActivityVersionRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM register_activity_versions WHERE org_id = $1 AND activity_id = $2 \
             ORDER BY version"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(id)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(version_from_row).collect()
    }

    /// The activities as they stood at `at_ms`: for each activity, its latest version saved at or before that
    /// instant (activities created later are absent; deleted drafts are gone with their versions).
    pub async fn as_of(&self, at_ms: i64) -> Result<Vec<ActivityVersionRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM register_activity_versions v WHERE v.org_id = $1 AND v.at <= $2 \
             AND v.version = (SELECT MAX(w.version) FROM register_activity_versions w \
             WHERE w.org_id = $1 AND w.activity_id = v.activity_id AND w.at <= $2) ORDER BY v.activity_id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(at_ms)
            .fetch_all(&mut *c)
            .await?;
        let mut out: Vec<ActivityVersionRow> =
            rows.iter().map(version_from_row).collect::<Result<_>>()?;
        out.sort_by(|a, b| {
            a.activity
                .name
                .to_lowercase()
                .cmp(&b.activity.name.to_lowercase())
                .then_with(|| a.activity_id.cmp(&b.activity_id))
        });
        Ok(out)
    }
}

async fn q_get(c: &mut AnyConnection, org: &str, id: &str) -> Result<Option<ActivityRow>> {
    let sql = format!("{CURRENT} AND a.id = $2");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(org)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
    row.as_ref().map(current_from_row).transpose()
}

/// Writes to one organisation's processing activities inside a [`WriteTx`].
pub struct ActivityTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl ActivityTx<'_> {
    /// One activity at its current version, read in this transaction.
    pub async fn get(&mut self, id: &str) -> Result<Option<ActivityRow>> {
        let org = self.scope.org_id().to_owned();
        q_get(self.conn, &org, id).await
    }

    async fn append_version(
        &mut self,
        a: &ProcessingActivity,
        version: i64,
        changed: &[&str],
        actor: &str,
        now: i64,
    ) -> Result<()> {
        let body = serde_json::to_string(a).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let changed =
            serde_json::to_string(changed).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        sqlx::query(
            "INSERT INTO register_activity_versions (org_id, activity_id, version, body, changed, actor, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.scope.org_id())
        .bind(a.id.to_string())
        .bind(version)
        .bind(body)
        .bind(changed)
        .bind(actor)
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Adds a new activity as version 1; `changed` names the fields it sets.
    pub async fn insert(
        &mut self,
        a: &ProcessingActivity,
        changed: &[&str],
        actor: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO register_activities (id, org_id, name, status, version, created_at, updated_at, \
             lawful_basis, category_count) VALUES ($2, $1, $3, $4, 1, $5, $5, $6, $7)",
        )
        .bind(self.scope.org_id())
        .bind(a.id.to_string())
        .bind(&a.name)
        .bind(a.status.as_str())
        .bind(now)
        .bind(a.lawful_basis.map(|b| b.as_str()))
        .bind(category_count(a))
        .execute(&mut *self.conn)
        .await?;
        self.append_version(a, 1, changed, actor, now).await
    }

    /// Saves `a` as the next version after `expected` (the version the change was made on); `Conflict` when
    /// another save came first, `NotFound` for an unknown id. Returns the new version.
    pub async fn save(
        &mut self,
        a: &ProcessingActivity,
        expected: i64,
        changed: &[&str],
        actor: &str,
        now: i64,
    ) -> Result<i64> {
        let next = expected + 1;
        let done = sqlx::query(
            "UPDATE register_activities SET name = $3, status = $4, version = $5, updated_at = $6, \
             lawful_basis = $8, category_count = $9 WHERE org_id = $1 AND id = $2 AND version = $7",
        )
        .bind(self.scope.org_id())
        .bind(a.id.to_string())
        .bind(&a.name)
        .bind(a.status.as_str())
        .bind(next)
        .bind(now)
        .bind(expected)
        .bind(a.lawful_basis.map(|b| b.as_str()))
        .bind(category_count(a))
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() == 0 {
            let id = a.id.to_string();
            return match self.get(&id).await? {
                Some(_) => Err(StoreError::Conflict(
                    "the activity was changed by someone else meanwhile".into(),
                )),
                None => Err(StoreError::NotFound),
            };
        }
        self.append_version(a, next, changed, actor, now).await?;
        Ok(next)
    }

    /// Deletes an activity with its versions. NotFound if there is none.
    pub async fn delete(&mut self, id: &str) -> Result<()> {
        sqlx::query(
            "DELETE FROM register_activity_versions WHERE org_id = $1 AND activity_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .execute(&mut *self.conn)
        .await?;
        found(
            sqlx::query("DELETE FROM register_activities WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// How many activities of this organisation have `status`.
    pub async fn count_with_status(&mut self, status: ActivityStatus) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM register_activities WHERE org_id = $1 AND status = $2",
        )
        .bind(self.scope.org_id())
        .bind(status.as_str())
        .fetch_one(&mut *self.conn)
        .await?)
    }
}
