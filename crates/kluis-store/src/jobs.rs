//! The job queue: enqueue, lease-based claiming that is safe across instances, heartbeat, completion, retry.
//!
//! Claiming is portable: pick candidates, then `UPDATE … WHERE id = $ AND (claimable)` and check the number of
//! affected rows. On PostgreSQL a concurrent claimer blocks on the row lock and re-evaluates the condition, on
//! SQLite writers are serialised, so exactly one instance wins each job.

use sqlx::Row as _;
use sqlx::any::AnyRow;

pub use kluis_domain::JobStatus;

use crate::model::stored;
use crate::{Result, Store, WriteTx};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRow {
    pub id: String,
    pub org_id: Option<String>,
    pub kind: String,
    /// JSON.
    pub payload: String,
    pub status: JobStatus,
    pub run_at: i64,
    /// Claims so far, including the current one.
    pub attempts: i64,
    pub max_attempts: i64,
    pub lease_owner: Option<String>,
    pub lease_until: Option<i64>,
    pub last_error: Option<String>,
    pub unique_key: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
}

const JOB_COLUMNS: &str = "id, org_id, kind, payload, status, run_at, attempts, max_attempts, lease_owner, \
                           lease_until, last_error, unique_key, created_at, finished_at";

impl JobRow {
    fn from_row(row: &AnyRow) -> Result<JobRow> {
        let id: String = row.try_get("id")?;
        let status: String = row.try_get("status")?;
        Ok(JobRow {
            status: stored("jobs", &id, "status", &status)?,
            id,
            org_id: row.try_get("org_id")?,
            kind: row.try_get("kind")?,
            payload: row.try_get("payload")?,
            run_at: row.try_get("run_at")?,
            attempts: row.try_get("attempts")?,
            max_attempts: row.try_get("max_attempts")?,
            lease_owner: row.try_get("lease_owner")?,
            lease_until: row.try_get("lease_until")?,
            last_error: row.try_get("last_error")?,
            unique_key: row.try_get("unique_key")?,
            created_at: row.try_get("created_at")?,
            finished_at: row.try_get("finished_at")?,
        })
    }
}

/// A job to enqueue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewJob {
    pub id: String,
    pub org_id: Option<String>,
    pub kind: String,
    pub payload: String,
    pub run_at: i64,
    pub max_attempts: i64,
    /// At most one job ever exists per unique key (e.g. `daily:<kind>:<YYYY-MM-DD>`).
    pub unique_key: Option<String>,
    pub now: i64,
}

impl WriteTx {
    /// Enqueues `job`; false if a job with the same unique key already exists (then nothing changes).
    pub async fn enqueue_job(&mut self, job: &NewJob) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO jobs (id, org_id, kind, payload, status, run_at, attempts, max_attempts, lease_owner, \
             lease_until, last_error, unique_key, created_at, finished_at) \
             VALUES ($1, $2, $3, $4, 'queued', $5, 0, $6, NULL, NULL, NULL, $7, $8, NULL) \
             ON CONFLICT (unique_key) DO NOTHING",
        )
        .bind(&job.id)
        .bind(&job.org_id)
        .bind(&job.kind)
        .bind(&job.payload)
        .bind(job.run_at)
        .bind(job.max_attempts)
        .bind(&job.unique_key)
        .bind(job.now)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}

impl Store {
    /// Enqueues `job` in its own transaction; false if its unique key already exists.
    pub async fn enqueue_job(&self, job: &NewJob) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let added = tx.enqueue_job(job).await?;
        tx.commit().await?;
        Ok(added)
    }

    /// Claims one due job for `owner` until `now + lease_ms`: a queued job whose `run_at` has come, or a running
    /// job whose lease expired (its instance died). Only kinds in `kinds` are considered.
    ///
    /// Fair between organisations: the queue is not one FIFO but round-robin by organisation. Candidates are
    /// ordered first by when their organisation was last served (the latest lease or finish among its jobs;
    /// never served first, jobs without organisation count as never served), then by `run_at`. So one
    /// organisation's thousand queued scans do not hold up another's single one: after each claim, the
    /// organisation just served goes to the back.
    pub async fn claim_job(
        &self,
        owner: &str,
        kinds: &[&str],
        now: i64,
        lease_ms: i64,
    ) -> Result<Option<JobRow>> {
        let candidates: Vec<(String, String)> = {
            let mut c = self.pool().acquire().await?;
            let rows = sqlx::query(
                "SELECT j.id, j.kind FROM jobs j LEFT JOIN (SELECT org_id, \
                 MAX(COALESCE(lease_until, finished_at)) AS served FROM jobs \
                 WHERE org_id IS NOT NULL AND (lease_until IS NOT NULL OR finished_at IS NOT NULL) GROUP BY org_id) s \
                 ON s.org_id = j.org_id \
                 WHERE (j.status = 'queued' AND j.run_at <= $1) OR (j.status = 'running' AND j.lease_until < $1) \
                 ORDER BY COALESCE(s.served, 0), j.run_at, j.id LIMIT 20",
            )
            .bind(now)
            .fetch_all(&mut *c)
            .await?;
            rows.iter()
                .map(|r| Ok((r.try_get::<String, _>(0)?, r.try_get::<String, _>(1)?)))
                .collect::<Result<_>>()?
        };
        for (id, kind) in candidates {
            if !kinds.contains(&kind.as_str()) {
                continue;
            }
            let mut tx = self.begin_write().await?;
            let done = sqlx::query(
                "UPDATE jobs SET status = 'running', lease_owner = $2, lease_until = $3, attempts = attempts + 1 \
                 WHERE id = $1 AND ((status = 'queued' AND run_at <= $4) OR (status = 'running' AND lease_until < $4))",
            )
            .bind(&id)
            .bind(owner)
            .bind(now + lease_ms)
            .bind(now)
            .execute(tx.conn())
            .await?;
            if done.rows_affected() != 1 {
                tx.rollback().await?;
                continue;
            }
            let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1");
            let row = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(&id)
                .fetch_one(tx.conn())
                .await?;
            let job = JobRow::from_row(&row)?;
            tx.commit().await?;
            return Ok(Some(job));
        }
        Ok(None)
    }

    /// Extends the lease; false if `owner` no longer holds the job (it expired and was taken over).
    pub async fn heartbeat_job(&self, id: &str, owner: &str, lease_until: i64) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE jobs SET lease_until = $3 WHERE id = $1 AND lease_owner = $2 AND status = 'running'",
        )
        .bind(id)
        .bind(owner)
        .bind(lease_until)
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks the job done; false if `owner` no longer holds it.
    pub async fn complete_job(&self, id: &str, owner: &str, now: i64) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let ok = tx.complete_job(id, owner, now).await?;
        tx.commit().await?;
        Ok(ok)
    }

    /// Records a failure: back to `queued` at `retry_at` while attempts remain, else `failed` for good. `error`
    /// must not contain personal values. False if `owner` no longer holds the job.
    pub async fn fail_job(
        &self,
        id: &str,
        owner: &str,
        error: &str,
        now: i64,
        retry_at: i64,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE jobs SET status = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END, \
             finished_at = CASE WHEN attempts >= max_attempts THEN $4 ELSE NULL END, \
             run_at = $5, last_error = $3, lease_owner = NULL, lease_until = NULL \
             WHERE id = $1 AND lease_owner = $2 AND status = 'running'",
        )
        .bind(id)
        .bind(owner)
        .bind(error)
        .bind(now)
        .bind(retry_at)
        .execute(tx.conn())
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn job(&self, id: &str) -> Result<Option<JobRow>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&mut *c)
            .await?;
        row.as_ref().map(JobRow::from_row).transpose()
    }

    /// Jobs of a kind, oldest first (admin views, tests).
    pub async fn jobs_of_kind(&self, kind: &str) -> Result<Vec<JobRow>> {
        let mut c = self.pool().acquire().await?;
        let sql = format!("SELECT {JOB_COLUMNS} FROM jobs WHERE kind = $1 ORDER BY created_at, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(kind)
            .fetch_all(&mut *c)
            .await?;
        rows.iter().map(JobRow::from_row).collect()
    }

    /// Deletes finished jobs that ended before `before_ms`.
    pub async fn purge_finished_jobs(&self, before_ms: i64) -> Result<u64> {
        let mut tx = self.begin_write().await?;
        let done =
            sqlx::query("DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < $1")
                .bind(before_ms)
                .execute(tx.conn())
                .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}

impl WriteTx {
    /// Marks the job done inside a larger transaction (so a job's effect and its completion commit together).
    pub async fn complete_job(&mut self, id: &str, owner: &str, now: i64) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET status = 'done', finished_at = $3, lease_owner = NULL, lease_until = NULL \
             WHERE id = $1 AND lease_owner = $2 AND status = 'running'",
        )
        .bind(id)
        .bind(owner)
        .bind(now)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
