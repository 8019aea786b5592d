//! Use cases of the register's processing activities: list, read, create (blank or from the starter library),
//! edit, activate and end, delete drafts, history, and the register as it stood on a past date.
//!
//! Reads need `Read`, changes `ManageRegister`. Every change saves a new version of the whole activity and
//! appends one audit event naming the changed fields (never their values), in one transaction.

use kluis_domain::register::rules::{ActivityField, changed_fields, missing_for_active};
use kluis_domain::register::starter::template;
use kluis_domain::register::{ActivityStatus, Jurisdiction, ProcessingActivity};
use kluis_domain::{AuditAction, Permission, SystemActor};
use kluis_store::{ActivityRow, OrgScope, now_ms};
use time::Date;
use uuid::Uuid;

use crate::audit::{CLI_ACTOR, event, require};
use crate::system::require_system;
use crate::{Actor, App, AppError, Origin, retry};

/// An activity at its current version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityView {
    pub activity: ProcessingActivity,
    pub version: i64,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
}

impl From<ActivityRow> for ActivityView {
    fn from(r: ActivityRow) -> Self {
        ActivityView {
            activity: r.activity,
            version: r.version,
            created_at_ms: r.created_at,
            updated_at_ms: r.updated_at,
        }
    }
}

/// One saved version of an activity: who, when, which fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityHistoryEntry {
    pub version: i64,
    pub at_ms: i64,
    /// A user id, or a system name (`cli`).
    pub actor: String,
    /// Names of the activity's fields this version changed.
    pub changed: Vec<String>,
    pub status: ActivityStatus,
}

/// A change of an activity's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: ActivityStatus,
    /// Required when ending.
    pub end_date: Option<Date>,
    /// The id of the activity that replaces an ended one, if any.
    pub successor: Option<String>,
}

const ENTITY: &str = "processing_activity";

fn parse_id(id: &str) -> Result<Uuid, AppError> {
    id.parse().map_err(|_| AppError::NotFound)
}

/// The refusal of an activity that lacks fields: field `missing`, the message the missing keys, comma separated
/// (the web layer lists them in words).
fn incomplete(missing: &[ActivityField]) -> AppError {
    AppError::invalid(
        "missing",
        missing
            .iter()
            .map(|f| f.key())
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// Trims the texts of an activity and drops empty lines and duplicates, so an edit that only adds blanks is
/// not a change.
fn tidy(a: &mut ProcessingActivity) {
    a.name = a.name.trim().to_owned();
    a.other_recipients = a
        .other_recipients
        .iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    a.purposes.dedup();
    a.subjects.dedup();
    a.categories.dedup();
    a.measures.dedup();
    a.recipients.dedup();
}

/// A bound on names: what the register's pages and exports can show on one line.
fn check_name(a: &ProcessingActivity) -> Result<(), AppError> {
    if a.name.chars().count() > 200 {
        return Err(AppError::invalid("name", "enter at most 200 characters"));
    }
    Ok(())
}

impl App {
    /// The jurisdiction whose rules apply to the actor's organisation: the profile's, once it names one
    /// (without one, no jurisdiction-specific rule such as the UAVG article applies, and templates are built
    /// for NL).
    async fn register_jurisdiction(&self, actor: &Actor) -> Result<Option<Jurisdiction>, AppError> {
        Ok(self.profile(actor).await?.profile.jurisdiction)
    }

    /// What `a` lacks before it can be active, under the organisation's jurisdiction (Permission::Read): the
    /// one rule activation applies, for pages and the API to show on drafts.
    pub async fn register_missing_for_active(
        &self,
        actor: &Actor,
        a: &ProcessingActivity,
    ) -> Result<Vec<ActivityField>, AppError> {
        require(actor, Permission::Read)?;
        let mut check = a.clone();
        if check.status == ActivityStatus::Draft {
            check.status = ActivityStatus::Active;
        }
        Ok(missing_for_active(
            &check,
            self.register_jurisdiction(actor).await?,
        ))
    }

    /// Every processing activity of the actor's organisation at its current version, by name
    /// (Permission::Read).
    pub async fn register_activities(&self, actor: &Actor) -> Result<Vec<ActivityView>, AppError> {
        require(actor, Permission::Read)?;
        let rows = self.db().activities(&actor.scope).list().await?;
        Ok(rows.into_iter().map(ActivityView::from).collect())
    }

    /// Every activity's summary (name, status, lawful basis, number of categories), by name: the register's
    /// list without reading each activity's whole version (Permission::Read).
    /// Kept until the organisation's data changes (`revision_cache.rs`): the register page shows it on every view.
    pub async fn register_summaries(
        &self,
        actor: &Actor,
    ) -> Result<std::sync::Arc<Vec<kluis_store::ActivitySummary>>, AppError> {
        require(actor, Permission::Read)?;
        let revision = self.revision(actor).await?;
        let (org, day) = (actor.scope.org_id(), crate::profile::today());
        let cache = &self.caches().register_summaries;
        if let Some(summaries) = cache.get(org, revision, day) {
            return Ok(summaries);
        }
        let summaries = std::sync::Arc::new(self.db().activities(&actor.scope).summaries().await?);
        cache.put(org, revision, day, summaries.clone());
        Ok(summaries)
    }

    /// The activities as the register held them at the end of `date` (UTC), each at its latest version saved
    /// by then; `None` for now (Permission::Read). What a [`kluis_domain::register::Register`] snapshot reads.
    pub async fn register_activities_as_of(
        &self,
        actor: &Actor,
        date: Option<Date>,
    ) -> Result<Vec<ProcessingActivity>, AppError> {
        require(actor, Permission::Read)?;
        let Some(date) = date else {
            let rows = self.db().activities(&actor.scope).list().await?;
            return Ok(rows.into_iter().map(|r| r.activity).collect());
        };
        let rows = self
            .db()
            .activities(&actor.scope)
            .as_of(end_of_day_ms(date))
            .await?;
        Ok(rows.into_iter().map(|r| r.activity).collect())
    }

    /// One activity at its current version (Permission::Read).
    pub async fn register_activity(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<ActivityView, AppError> {
        require(actor, Permission::Read)?;
        parse_id(id)?;
        let row = self
            .db()
            .activities(&actor.scope)
            .get(id)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(row.into())
    }

    /// Every version of one activity, oldest first: who, when, which fields (Permission::Read).
    pub async fn register_activity_history(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Vec<ActivityHistoryEntry>, AppError> {
        require(actor, Permission::Read)?;
        parse_id(id)?;
        let rows = self.db().activities(&actor.scope).history(id).await?;
        if rows.is_empty() {
            return Err(AppError::NotFound);
        }
        Ok(rows
            .into_iter()
            .map(|r| ActivityHistoryEntry {
                version: r.version,
                at_ms: r.at,
                actor: r.actor,
                changed: r.changed,
                status: r.activity.status,
            })
            .collect())
    }

    /// Adds a draft activity (Permission::ManageRegister): blank, or pre-filled from the starter template
    /// `template` for the organisation's jurisdiction. `name` and `purpose` are the template's texts in the
    /// actor's language (the caller reads them from the catalogue); a blank draft takes `name` too.
    pub async fn create_register_activity(
        &self,
        actor: &Actor,
        template_key: Option<&str>,
        name: &str,
        purpose: &str,
    ) -> Result<ActivityView, AppError> {
        require(actor, Permission::ManageRegister)?;
        let mut a = match template_key.filter(|k| !k.is_empty()) {
            Some(key) => {
                let t = template(key).ok_or_else(|| {
                    AppError::invalid("template", "there is no such starter template")
                })?;
                let j = self
                    .register_jurisdiction(actor)
                    .await?
                    .unwrap_or(Jurisdiction::Nl);
                let mut a = (t.build)(j);
                if a.purpose_description.trim().is_empty() {
                    a.purpose_description = purpose.trim().to_owned();
                }
                a
            }
            None => ProcessingActivity::default(),
        };
        a.id = Uuid::new_v4();
        a.status = ActivityStatus::Draft;
        a.name = name.trim().to_owned();
        tidy(&mut a);
        check_name(&a)?;
        let set = changed_fields(&ProcessingActivity::default(), &a);
        let id = a.id.to_string();
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let now = now_ms();
            tx.activities(&actor.scope)
                .insert(&a, &set, actor.user_id.as_str(), now)
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(AuditAction::RegisterActivityCreate, ENTITY, &id, &set))
                .await?;
            let row = tx.activities(&actor.scope).get(&id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(row.into())
    }

    /// Replaces the fields of an activity with those of `new` (Permission::ManageRegister). Status, end date,
    /// successor and template are kept (they change through [`App::set_register_activity_status`]). An active
    /// activity must stay complete: refused with the missing fields otherwise. Saving without a change saves
    /// nothing.
    pub async fn update_register_activity(
        &self,
        actor: &Actor,
        id: &str,
        new: ProcessingActivity,
    ) -> Result<ActivityView, AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id(id)?;
        let jurisdiction = self.register_jurisdiction(actor).await?;
        // Linked recipients must be the organisation's own.
        if !new.recipients.is_empty() {
            let known = self.recipients_snapshot(actor).await?;
            if new
                .recipients
                .iter()
                .any(|r| !known.iter().any(|k| k.id == *r))
            {
                return Err(AppError::invalid(
                    "recipients",
                    "there is no such recipient in the register",
                ));
            }
        }
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let cur = tx
                .activities(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            let old = &cur.activity;
            let mut a = new.clone();
            a.id = old.id;
            a.status = old.status;
            a.end_date = old.end_date;
            a.successor = old.successor;
            a.template = old.template.clone();
            tidy(&mut a);
            check_name(&a)?;
            if a.status == ActivityStatus::Active {
                let missing = missing_for_active(&a, jurisdiction);
                if !missing.is_empty() {
                    return Err(incomplete(&missing));
                }
            }
            let changed = changed_fields(old, &a);
            if changed.is_empty() {
                return Ok(cur);
            }
            tx.activities(&actor.scope)
                .save(&a, cur.version, &changed, actor.user_id.as_str(), now_ms())
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterActivityUpdate,
                    ENTITY,
                    id,
                    &changed,
                ))
                .await?;
            let row = tx.activities(&actor.scope).get(id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(row.into())
    }

    /// Activates a draft or ends an active activity (Permission::ManageRegister). Activating is refused with
    /// the list of missing fields (AppError::Invalid, field `missing`); ending needs an end date and takes an
    /// optional successor, another activity of the organisation.
    pub async fn set_register_activity_status(
        &self,
        actor: &Actor,
        id: &str,
        change: StatusChange,
    ) -> Result<ActivityView, AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id(id)?;
        let jurisdiction = self.register_jurisdiction(actor).await?;
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            let cur = tx
                .activities(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut a = cur.activity.clone();
            match (a.status, change.status) {
                (ActivityStatus::Draft, ActivityStatus::Active) => {
                    a.status = ActivityStatus::Active;
                }
                (ActivityStatus::Active, ActivityStatus::Ended) => {
                    a.status = ActivityStatus::Ended;
                    a.end_date = change.end_date;
                    let successor = match change.successor.as_deref().map(str::trim) {
                        None | Some("") => None,
                        Some(s) => Some(s.parse::<Uuid>().map_err(|_| {
                            AppError::invalid("successor", "there is no such activity")
                        })?),
                    };
                    if let Some(s) = successor {
                        if s == a.id {
                            return Err(AppError::invalid(
                                "successor",
                                "an activity cannot succeed itself",
                            ));
                        }
                        if tx
                            .activities(&actor.scope)
                            .get(&s.to_string())
                            .await?
                            .is_none()
                        {
                            return Err(AppError::invalid(
                                "successor",
                                "there is no such activity",
                            ));
                        }
                    }
                    a.successor = successor;
                }
                _ => {
                    return Err(AppError::invalid(
                        "status",
                        "a draft can be activated and an active activity ended; nothing else",
                    ));
                }
            }
            let missing = missing_for_active(&a, jurisdiction);
            if !missing.is_empty() {
                return Err(incomplete(&missing));
            }
            let changed = changed_fields(&cur.activity, &a);
            tx.activities(&actor.scope)
                .save(&a, cur.version, &changed, actor.user_id.as_str(), now_ms())
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterActivityStatus,
                    ENTITY,
                    id,
                    &changed,
                ))
                .await?;
            let row = tx.activities(&actor.scope).get(id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(row.into())
    }

    /// Deletes a draft activity with its versions (Permission::ManageRegister). Active and ended activities
    /// stay in the register (Conflict): they are ended, not deleted.
    pub async fn delete_register_activity(&self, actor: &Actor, id: &str) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        parse_id(id)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            let cur = tx
                .activities(&actor.scope)
                .get(id)
                .await?
                .ok_or(AppError::NotFound)?;
            if cur.activity.status != ActivityStatus::Draft {
                return Err(AppError::Conflict(
                    "only a draft can be deleted; end an active activity instead".into(),
                ));
            }
            tx.activities(&actor.scope).delete(id).await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RegisterActivityDelete,
                    ENTITY,
                    id,
                    &["activity"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }
}

impl App {
    /// The activities of the organisation `slug` as of the end of `date` (UTC), or now: for the command line
    /// (exports, checks), which reads as `SystemActor::Cli`.
    pub async fn cli_register_activities_as_of(
        &self,
        slug: &str,
        date: Option<Date>,
    ) -> Result<Vec<ProcessingActivity>, AppError> {
        require_system(SystemActor::Cli, Permission::Read)?;
        let org = self
            .db()
            .org_by_slug(slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        let store = self.db().activities(&scope);
        let rows = match date {
            None => store
                .list()
                .await?
                .into_iter()
                .map(|r| r.activity)
                .collect(),
            Some(d) => store
                .as_of(end_of_day_ms(d))
                .await?
                .into_iter()
                .map(|r| r.activity)
                .collect(),
        };
        Ok(rows)
    }

    /// Adds a whole activity to the organisation `slug` from the command line (`kluis demo`, imports), audited
    /// as `cli`. It gets a new id; a draft may be incomplete, an active one must be complete (Invalid, field
    /// `missing`, otherwise); `jurisdiction` is the organisation's, for the rules that depend on it.
    pub async fn cli_add_register_activity(
        &self,
        slug: &str,
        mut activity: ProcessingActivity,
        jurisdiction: Option<Jurisdiction>,
    ) -> Result<ActivityView, AppError> {
        require_system(SystemActor::Cli, Permission::ManageRegister)?;
        let org = self
            .db()
            .org_by_slug(slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let scope = OrgScope::system(&org);
        activity.id = Uuid::new_v4();
        tidy(&mut activity);
        check_name(&activity)?;
        if activity.status != ActivityStatus::Draft {
            let missing = missing_for_active(&activity, jurisdiction);
            if !missing.is_empty() {
                return Err(incomplete(&missing));
            }
        }
        let set = changed_fields(&ProcessingActivity::default(), &activity);
        let id = activity.id.to_string();
        let origin = Origin::cli();
        let row = retry!({
            let mut tx = self.db().begin_write().await?;
            tx.activities(&scope)
                .insert(&activity, &set, CLI_ACTOR, now_ms())
                .await?;
            tx.tenant(&scope)
                .append_audit(&event(
                    CLI_ACTOR,
                    AuditAction::RegisterActivityCreate,
                    ENTITY,
                    &id,
                    &set,
                    &origin,
                ))
                .await?;
            let row = tx.activities(&scope).get(&id).await?;
            tx.commit().await?;
            row.ok_or(AppError::NotFound)
        })?;
        Ok(row.into())
    }
}

/// The last millisecond of `date` (UTC): "the register as it stood on that date" includes the whole day.
pub(crate) fn end_of_day_ms(date: Date) -> i64 {
    date.next_day()
        .map(|d| d.midnight().assume_utc().unix_timestamp() * 1000 - 1)
        .unwrap_or(i64::MAX)
}

/// Compile-time check that the use-case futures are `Send`, as axum handlers require.
#[allow(dead_code)]
fn register_futures_are_send(app: &App, a: &Actor) {
    fn send<T: Send>(_: T) {}
    send(app.register_activities(a));
    send(app.register_activities_as_of(a, None));
    send(app.register_activity(a, ""));
    send(app.register_activity_history(a, ""));
    send(app.create_register_activity(a, None, "", ""));
    send(app.update_register_activity(a, "", ProcessingActivity::default()));
    send(app.set_register_activity_status(
        a,
        "",
        StatusChange {
            status: ActivityStatus::Active,
            end_date: None,
            successor: None,
        },
    ));
    send(app.delete_register_activity(a, ""));
    send(app.cli_register_activities_as_of("", None));
    send(app.cli_add_register_activity("", ProcessingActivity::default(), None));
}
