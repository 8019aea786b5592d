//! Background jobs: handlers by kind, the runner loop (lease, heartbeat, retry with backoff) and the daily jobs.
//!
//! Several `kluis serve` instances may run against one database: daily jobs are enqueued under a unique key
//! `daily:<kind>:<YYYY-MM-DD>` (only the first insert wins) and each job is claimed by exactly one instance
//! through a lease (see `kluis_store::Store::claim_job`).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use kluis_store::{NewJob, now_ms};
use tokio_util::sync::CancellationToken;

use crate::audit::JOBS_ACTOR;
use crate::{App, AppError, Job, Origin};

/// Daily: verify every organisation's audit chain and record the result in the chain.
pub const JOB_AUDIT_VERIFY: &str = "audit.verify";
/// Daily: delete expired sessions, old login attempts and old finished jobs.
pub const JOB_PURGE: &str = "purge";

/// Daily: delete stored document bytes that no document refers to (left behind by a crash between writing the
/// bytes and committing the document), once they are older than an hour so that uploads in flight are not touched.
pub const JOB_ORPHAN_BLOBS: &str = "documents.orphan_blobs";

const DAILY: &[&str] = &[
    JOB_AUDIT_VERIFY,
    JOB_PURGE,
    JOB_ORPHAN_BLOBS,
    crate::retention::JOB_RETENTION_SCHEDULE,
    crate::request_reminders::JOB_REQUEST_REMINDER_SCHEDULE,
];
const DAY_MS: i64 = 86_400_000;

/// A job handler: gets the app and the claimed job. An error makes the job retry with backoff until its
/// `max_attempts`; the error text is stored, so it must not contain personal values.
pub type JobHandler = Arc<
    dyn Fn(App, Job) -> Pin<Box<dyn Future<Output = Result<(), AppError>> + Send>> + Send + Sync,
>;

/// `YYYY-MM-DD` (UTC) of a unix-ms time. Civil-from-days, Howard Hinnant's algorithm.
fn utc_date(ms: i64) -> String {
    let days = ms.div_euclid(DAY_MS);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

impl App {
    /// Registers (or replaces) the handler for jobs of `kind`. Register before [`App::spawn_job_runner`];
    /// a runner only claims kinds it has a handler for.
    pub fn register_job_handler<F, Fut>(&self, kind: &str, handler: F)
    where
        F: Fn(App, Job) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), AppError>> + Send + 'static,
    {
        let h: JobHandler = Arc::new(move |app, job| Box::pin(handler(app, job)));
        match self.inner.handlers.write() {
            Ok(mut m) => m.insert(kind.to_owned(), h),
            Err(p) => p.into_inner().insert(kind.to_owned(), h),
        };
    }

    pub(crate) fn register_builtin_jobs(&self) {
        self.register_job_handler(JOB_AUDIT_VERIFY, |app: App, _job| async move {
            app.verify_all_as(JOBS_ACTOR, &Origin::jobs())
                .await
                .map(|_| ())
        });
        self.register_job_handler(JOB_PURGE, |app: App, _job| async move { app.purge().await });
        self.register_job_handler(JOB_ORPHAN_BLOBS, |app: App, _job| async move {
            app.delete_orphan_blobs(now_ms()).await.map(|_| ())
        });
        self.register_job_handler(crate::JOB_DOCUMENT_SCAN, |app: App, job| async move {
            app.run_document_scan(job).await
        });
        self.register_job_handler(crate::JOB_RELATION_IMPORT, |app: App, job| async move {
            app.run_relation_import_job(job).await
        });
        self.register_retention_jobs();
        self.register_request_reminder_jobs();
    }

    async fn purge(&self) -> Result<(), AppError> {
        crate::system::require_system(
            kluis_domain::SystemActor::Jobs,
            kluis_domain::Permission::Write,
        )?;
        let now = now_ms();
        let mut tx = self.db().begin_write().await?;
        let sessions =
            tx.purge_expired_sessions(now).await? + tx.purge_expired_pending_logins(now).await?;
        let window = i64::try_from(self.config().login_window.as_millis()).unwrap_or(i64::MAX);
        let attempts = tx.purge_login_attempts(now - window.max(DAY_MS)).await?;
        tx.commit().await?;
        let jobs = self.db().purge_finished_jobs(now - 30 * DAY_MS).await?;
        self.db().optimize().await?;
        tracing::info!(sessions, attempts, jobs, "purged expired data");
        Ok(())
    }

    /// Enqueues a job of `kind` (optionally for one organisation) to run now. Returns its id.
    pub async fn enqueue_job(
        &self,
        kind: &str,
        org_id: Option<&str>,
        payload: serde_json::Value,
    ) -> Result<String, AppError> {
        let id = uuid::Uuid::now_v7().to_string();
        let now = now_ms();
        self.db()
            .enqueue_job(&NewJob {
                id: id.clone(),
                org_id: org_id.map(str::to_owned),
                kind: kind.to_owned(),
                payload: payload.to_string(),
                run_at: now,
                max_attempts: 5,
                unique_key: None,
                now,
            })
            .await?;
        Ok(id)
    }

    /// Enqueues today's daily jobs unless some instance already did. Returns how many this call added.
    pub async fn schedule_daily_jobs(&self) -> Result<usize, AppError> {
        let now = now_ms();
        let date = utc_date(now);
        let mut added = 0;
        for kind in DAILY {
            let job = NewJob {
                id: uuid::Uuid::now_v7().to_string(),
                org_id: None,
                kind: (*kind).to_owned(),
                payload: "{}".into(),
                // Due at the start of the UTC day, so an instance started later that day runs it at once.
                run_at: now - now.rem_euclid(DAY_MS),
                max_attempts: 3,
                unique_key: Some(format!("daily:{kind}:{date}")),
                now,
            };
            if self.db().enqueue_job(&job).await? {
                added += 1;
            }
        }
        Ok(added)
    }

    /// Status of a job by id (`queued`, `running`, `done`, `failed`), for tests and admin views.
    pub async fn job_status(&self, id: &str) -> Result<Option<String>, AppError> {
        Ok(self
            .db()
            .job(id)
            .await?
            .map(|j| j.status.as_str().to_owned()))
    }

    /// Runs jobs until `shutdown` is cancelled: schedules the daily jobs, claims due jobs of registered kinds
    /// under `instance_id`, keeps their lease alive while they run, and records completion or failure (retry
    /// with exponential backoff up to the job's `max_attempts`). A job in progress at shutdown is finished.
    pub fn spawn_job_runner(
        &self,
        instance_id: String,
        shutdown: CancellationToken,
    ) -> tokio::task::JoinHandle<()> {
        let app = self.clone();
        tokio::spawn(async move {
            let mut last_schedule = 0i64;
            loop {
                if shutdown.is_cancelled() {
                    break;
                }
                let now = now_ms();
                if now - last_schedule > 60_000 {
                    match app.schedule_daily_jobs().await {
                        Ok(_) => last_schedule = now,
                        Err(e) => tracing::warn!(error = %e, "could not schedule daily jobs"),
                    }
                }
                let ran = match app.run_one_job(&instance_id).await {
                    Ok(ran) => ran,
                    Err(e) => {
                        tracing::warn!(error = %e, "job runner error");
                        false
                    }
                };
                if !ran {
                    tokio::select! {
                        _ = shutdown.cancelled() => break,
                        _ = tokio::time::sleep(app.config().job_poll_interval) => {}
                    }
                }
            }
            tracing::debug!(instance = %instance_id, "job runner stopped");
        })
    }

    /// Claims and runs one due job; false if there was none.
    pub async fn run_one_job(&self, instance_id: &str) -> Result<bool, AppError> {
        let handlers: Vec<(String, crate::JobHandler)> = match self.inner.handlers.read() {
            Ok(m) => m.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            Err(p) => p
                .into_inner()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        };
        let kinds: Vec<&str> = handlers.iter().map(|(k, _)| k.as_str()).collect();
        let lease = i64::try_from(self.config().job_lease.as_millis())
            .unwrap_or(60_000)
            .max(1000);
        let Some(row) = self
            .db()
            .claim_job(instance_id, &kinds, now_ms(), lease)
            .await?
        else {
            return Ok(false);
        };
        let Some((_, handler)) = handlers.iter().find(|(k, _)| *k == row.kind) else {
            return Ok(true);
        };
        let job = Job {
            id: row.id.clone(),
            kind: row.kind.clone(),
            org_id: row.org_id.clone(),
            payload: serde_json::from_str(&row.payload).unwrap_or(serde_json::Value::Null),
            attempt: row.attempts,
        };
        // Heartbeat at a third of the lease so that a slow job is not taken over by another instance.
        let beat = {
            let store = self.db().clone();
            let (id, owner) = (row.id.clone(), instance_id.to_owned());
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(
                        u64::try_from(lease / 3).unwrap_or(1000),
                    ))
                    .await;
                    match store.heartbeat_job(&id, &owner, now_ms() + lease).await {
                        Ok(true) => {}
                        _ => break,
                    }
                }
            })
        };
        let result = handler(self.clone(), job).await;
        beat.abort();
        let now = now_ms();
        match result {
            Ok(()) => {
                self.db().complete_job(&row.id, instance_id, now).await?;
            }
            Err(e) => {
                let backoff = 30_000i64
                    .saturating_mul(1 << row.attempts.clamp(0, 7))
                    .min(3_600_000);
                // Only the error kind goes into the table; Display of AppError carries no personal values.
                self.db()
                    .fail_job(&row.id, instance_id, &e.to_string(), now, now + backoff)
                    .await?;
                tracing::warn!(kind = %row.kind, attempt = row.attempts, error = %e, "job failed");
            }
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn utc_dates() {
        assert_eq!(super::utc_date(0), "1970-01-01");
        assert_eq!(super::utc_date(1_763_856_000_000), "2025-11-23");
        assert_eq!(super::utc_date(951_782_400_000), "2000-02-29");
    }
}
