//! Reminders of data-subject requests: once a day, every member who may handle requests gets one letter listing
//! the organisation's open requests that are overdue or due within [`DUE_SOON_DAYS`] days (kind, reference, due
//! date; never who asked), so the one-month deadline of Art. 12(3) is not missed by someone who does not open the
//! dashboard. Each letter is in the mail log and audited like every other; without SMTP it waits there to be read.

use kluis_domain::relations::requests::{DUE_SOON_DAYS, DeadlineView};
use kluis_domain::{AuditAction, Permission, Role, SystemActor};
use kluis_i18n::{Lang, Tr};
use kluis_store::{NewJob, OrgScope, now_ms};

use crate::audit::JOBS_ACTOR;
use crate::mail::{MailTemplate, compose};
use crate::{Actor, App, AppError, Job, Locale, OrgSummary, Origin, UserId, retry};

/// Daily: enqueues one [`JOB_REQUEST_REMINDERS`] per organisation, once per organisation and day.
pub const JOB_REQUEST_REMINDER_SCHEDULE: &str = "requests.remind_schedule";
/// One organisation's reminders for today.
pub const JOB_REQUEST_REMINDERS: &str = "requests.remind";

impl App {
    pub(crate) fn register_request_reminder_jobs(&self) {
        self.register_job_handler(JOB_REQUEST_REMINDER_SCHEDULE, |app: App, _job| async move {
            app.schedule_request_reminders().await
        });
        self.register_job_handler(JOB_REQUEST_REMINDERS, |app: App, job: Job| async move {
            match job.org_id.as_deref() {
                Some(org) => app.send_request_reminders(org).await.map(|_| ()),
                None => Ok(()),
            }
        });
    }

    async fn schedule_request_reminders(&self) -> Result<(), AppError> {
        crate::system::require_system(SystemActor::Jobs, Permission::Write)?;
        let day = crate::requests::iso(time::OffsetDateTime::now_utc().date());
        for org in self.db().orgs().await? {
            let now = now_ms();
            self.db()
                .enqueue_job(&NewJob {
                    id: uuid::Uuid::now_v7().to_string(),
                    org_id: Some(org.id.clone()),
                    kind: JOB_REQUEST_REMINDERS.to_owned(),
                    payload: "{}".into(),
                    run_at: now,
                    max_attempts: 3,
                    unique_key: Some(format!("daily:{JOB_REQUEST_REMINDERS}:{}:{day}", org.id)),
                    now,
                })
                .await?;
        }
        Ok(())
    }

    /// Organisation `org_id`'s reminders (the jobs actor): one letter to each member whose role may handle
    /// requests, when requests are overdue or due soon; returns how many letters went out. Each letter is one
    /// transaction: its mail-log row and one `mail.send` event.
    pub async fn send_request_reminders(&self, org_id: &str) -> Result<usize, AppError> {
        crate::system::require_system(SystemActor::Jobs, Permission::Write)?;
        let Some(org) = self.db().orgs().await?.into_iter().find(|o| o.id == org_id) else {
            return Ok(0);
        };
        let scope = OrgScope::system(&org);
        let jobs = Actor::new(
            UserId(JOBS_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::Auditor,
            scope.clone(),
            Origin::jobs(),
        );
        let due = self.requests_needing_attention(&jobs).await?;
        if due.is_empty() {
            return Ok(0);
        }
        let handlers: Vec<_> = self
            .db()
            .tenant(&scope)
            .members()
            .await?
            .into_iter()
            .filter(|m| m.role.allows(Permission::HandleRequests))
            .collect();
        let base = self
            .config()
            .public_url
            .as_deref()
            .unwrap_or("")
            .trim_end_matches('/')
            .to_owned();
        let link = format!("{base}/o/{}/requests", jobs.org.slug);
        let mut sent = 0;
        for member in handlers {
            let user = self.user_summary(&member.user)?;
            let lang = match user.locale {
                Locale::Nl => Lang::Nl,
                Locale::En => Lang::En,
            };
            let tr = Tr::new(lang);
            let overdue = due
                .iter()
                .filter(|r| matches!(r.deadline, DeadlineView::Overdue { .. }))
                .count()
                .to_string();
            let list: Vec<String> = due
                .iter()
                .map(|r| {
                    let state = match r.deadline {
                        DeadlineView::Overdue { days, .. } => tr.t_with(
                            "mail-request-reminder-overdue",
                            &[("days", &days.to_string())],
                        ),
                        DeadlineView::DueSoon { days_left, .. }
                        | DeadlineView::Open { days_left, .. } => tr.t_with(
                            "mail-request-reminder-days-left",
                            &[("days", &days_left.to_string())],
                        ),
                        DeadlineView::Closed => String::new(),
                    };
                    format!(
                        "- {} ({}), {}: {}\n  {link}/{}",
                        tr.t(&r.kind.label_key()),
                        r.kind.article(),
                        tr.date(r.due_on),
                        state,
                        r.id
                    )
                })
                .collect();
            let count = due.len().to_string();
            let soon = DUE_SOON_DAYS.to_string();
            let letter = compose(
                lang,
                MailTemplate::RequestReminder,
                &user.email,
                Some(&user.display_name),
                &[
                    ("org", jobs.org.name.as_str()),
                    ("name", user.display_name.as_str()),
                    ("count", count.as_str()),
                    ("overdue", overdue.as_str()),
                    ("soon", soon.as_str()),
                    ("list", list.join("\n").as_str()),
                    ("link", link.as_str()),
                ],
            );
            let posted = self
                .post_letter(
                    org_id,
                    &letter,
                    MailTemplate::RequestReminder,
                    None,
                    None,
                    JOBS_ACTOR,
                )
                .await?;
            retry!({
                let mut tx = self.db().begin_write().await?;
                tx.consent(&scope).add_mail(&posted.row).await?;
                tx.tenant(&scope)
                    .append_audit(&jobs.event(
                        AuditAction::MailSend,
                        "mail",
                        &posted.row.id,
                        &["recipient", MailTemplate::RequestReminder.as_str()],
                    ))
                    .await?;
                tx.commit().await?;
                Ok(())
            })?;
            sent += 1;
        }
        tracing::info!(org = %org_id, letters = sent, requests = due.len(), "request reminders");
        Ok(sent)
    }
}
