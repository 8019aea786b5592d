//! The retention engine: relations' start events, the review list (what is due for deletion, anonymisation or
//! restriction, and why), legal holds, deletion runs with optional four-eyes approval, their certificates, and
//! the daily job that proposes what is due and carries out what was approved.
//!
//! The decisions are the domain's (`kluis_domain::relations::retention`); the sweep is set-based: the store
//! selects candidates with SQL over indexed start-event columns in batches, and only those are decided here, so
//! no value is decrypted and a million relations are one pass.

use std::collections::{HashMap, HashSet};

use kluis_crypto::KeyRing;
use kluis_domain::calendar::{parse_iso_date, utc_date_of_ms};
use kluis_domain::register::{DataCategory, DataSubjectCategory, Register, RetentionStart};
use kluis_domain::relations::model::{concerns, covers};
use kluis_domain::relations::retention::{
    AppliedRule, RelationEvents, RetentionTarget, ReviewItem, ReviewStatus, applicable_rules,
    decide, document_class_categories, document_event_dates, latest_event_due_by, may_approve,
    relation_event_dates, review_item,
};
use kluis_domain::relations::{RelationField, RelationKind};
use kluis_domain::{AuditAction, DocumentClass, Permission, Role, SystemActor};
use kluis_store::{
    Cutoffs, HoldRow, OrgScope, RelationEventsRow, RunItemRow, RunRow, WriteTx, now_ms,
};
use serde::Serialize;
use time::{Date, Duration};

use crate::audit::{JOBS_ACTOR, event, require};
use crate::requests::iso;
use crate::{Actor, App, AppError, Job, OrgSummary, Origin, UserId, retry};

/// Daily, once for the installation: enqueues one retention sweep per organisation.
pub const JOB_RETENTION_SCHEDULE: &str = "retention.schedule";
/// One organisation's retention sweep: proposes what is due (once a day) and carries out approved runs.
pub const JOB_RETENTION_SWEEP: &str = "retention.sweep";

/// How far ahead the review list looks for what falls due soon.
pub const REVIEW_WINDOW_DAYS: i64 = 30;
/// Relations and documents decided per batch of the sweep.
const BATCH: i64 = 2000;
/// Ids per `IN (…)` list (well under every backend's limit on bound values).
const IN_LIST: usize = 100;
const HOLDS: &str = "retention_holds";
const MAX_REASON: usize = 2000;

/// A review list line with the record's kind (a relation's kind or a document's class).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewLine {
    #[serde(flatten)]
    pub item: ReviewItem,
    pub record_kind: String,
}

/// The review list on one day: what is due, held or falling due within [`REVIEW_WINDOW_DAYS`], and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewList {
    pub today: Date,
    pub window_days: i64,
    pub lines: Vec<ReviewLine>,
}

impl ReviewList {
    /// The lines that a run would carry out now.
    pub fn due(&self) -> impl Iterator<Item = &ReviewLine> {
        self.lines
            .iter()
            .filter(|l| l.item.status == ReviewStatus::Due)
    }
}

/// A legal hold as the pages show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldView {
    pub id: String,
    pub target: RetentionTarget,
    pub placed_at_ms: i64,
    pub placed_by: String,
    pub reason: String,
    pub lifted_at_ms: Option<i64>,
    pub lifted_by: Option<String>,
    pub lift_reason: Option<String>,
}

impl HoldView {
    pub fn is_active(&self) -> bool {
        self.lifted_at_ms.is_none()
    }
}

/// A deletion run with its items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunView {
    pub run: RunRow,
    pub items: Vec<RunItemRow>,
    /// Whether the organisation requires a second member's approval.
    pub four_eyes: bool,
}

/// The rule an item of a certificate was carried out under.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateRule {
    pub activity_id: String,
    pub activity_name: String,
    pub legal_reference: String,
    pub period: String,
    pub starts: String,
}

/// One record of a deletion certificate: no personal value, only the record's id, type and kind or class.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertificateItem {
    /// `relation` or `document`.
    pub record: String,
    pub id: String,
    /// The relation's kind or the document's class.
    pub kind: String,
    /// What the rule asked: `delete`, `anonymise` or `restrict`.
    pub action: String,
    /// What was done: `deleted`, `anonymised`, `restricted`, or why not (`held`, `gone`, `has_contacts`).
    pub outcome: String,
    pub due_on: String,
    pub rule: CertificateRule,
}

/// The deletion certificate of a carried-out run: what, when, under which rule, by whom.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub run_id: String,
    pub organisation: String,
    pub proposed_by: String,
    pub proposed_at: String,
    pub approved_by: Option<String>,
    pub carried_out_by: String,
    pub carried_out_at: String,
    pub items: Vec<CertificateItem>,
}

/// The start events a member records for a relation (ISO dates; empty means not happened or not known).
#[derive(Debug, Clone, Default)]
pub struct RelationEventsInput {
    pub ended_on: Option<Date>,
    pub employment_ended_on: Option<Date>,
    pub last_activity_on: Option<Date>,
    pub fiscal_year_end_on: Option<Date>,
    pub withdrawn_on: Option<Date>,
}

fn hold_aad(org_id: &str, column: &str, id: &str) -> Vec<u8> {
    KeyRing::aad(org_id, HOLDS, &format!("{column}/{id}"))
}

fn target_type(t: RetentionTarget) -> &'static str {
    match t {
        RetentionTarget::Relation { .. } => "relation",
        RetentionTarget::Document { .. } => "document",
    }
}

fn target_id(t: RetentionTarget) -> String {
    match t {
        RetentionTarget::Relation { id } | RetentionTarget::Document { id } => id.to_string(),
    }
}

fn parse_target(kind: &str, id: &str) -> Option<RetentionTarget> {
    let id = uuid::Uuid::parse_str(id.trim()).ok()?;
    match kind {
        "relation" => Some(RetentionTarget::Relation { id }),
        "document" => Some(RetentionTarget::Document { id }),
        _ => None,
    }
}

/// A target as the pages and the API name it (`relation` or `document` and an id); NotFound for anything else.
pub fn retention_target(kind: &str, id: &str) -> Result<RetentionTarget, AppError> {
    parse_target(kind.trim(), id).ok_or(AppError::NotFound)
}

fn rfc3339(ms: i64) -> String {
    kluis_domain::calendar::moment_of_ms(ms)
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default()
}

fn reason_text(field: &'static str, text: &str) -> Result<String, AppError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(AppError::invalid(field, "give the reason in a few words"));
    }
    if t.chars().count() > MAX_REASON {
        return Err(AppError::invalid(
            field,
            format!("at most {MAX_REASON} characters"),
        ));
    }
    Ok(t.to_owned())
}

fn today() -> Date {
    time::OffsetDateTime::now_utc().date()
}

/// The first millisecond after the UTC day `d`, less nothing: a `created_at` before it is on or before `d`.
fn end_of_day_ms(d: Date) -> i64 {
    let next = d.next_day().unwrap_or(d);
    next.midnight().assume_utc().unix_timestamp() * 1000 - 1
}

fn date_or(s: &Option<String>) -> Option<Date> {
    s.as_deref().and_then(parse_iso_date)
}

/// The generous cutoffs of every retention rule of the register (activities that are not drafts), so the
/// store's one query selects a superset of what may be due by `by`.
fn cutoffs(register: &Register, by: Date) -> (Cutoffs, Option<i64>) {
    use kluis_domain::register::ActivityStatus;
    let mut latest: HashMap<RetentionStart, Date> = HashMap::new();
    for a in register
        .activities
        .iter()
        .filter(|a| a.status != ActivityStatus::Draft)
    {
        for r in &a.retention {
            if let Some(d) = latest_event_due_by(r.period, by) {
                let e = latest.entry(r.starts).or_insert(d);
                if d > *e {
                    *e = d;
                }
            }
        }
    }
    let text = |s: RetentionStart| latest.get(&s).map(|d| iso(*d));
    // A day of slack on the derived times: `created_at` is a moment, the rule counts local days.
    let ms = |s: RetentionStart| {
        latest
            .get(&s)
            .map(|d| end_of_day_ms(d.next_day().unwrap_or(*d)))
    };
    let max_text = |a: Option<String>, b: Option<String>| match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
    let cut = Cutoffs {
        ended_on: max_text(
            text(RetentionStart::EndOfContract),
            text(RetentionStart::EndOfProcedure),
        ),
        employment_ended_on: text(RetentionStart::EndOfEmployment),
        fiscal_year_end_on: text(RetentionStart::EndOfFinancialYear),
        withdrawn_on: text(RetentionStart::Withdrawal),
        last_activity_on: text(RetentionStart::LastContact),
        updated_at_ms: ms(RetentionStart::LastContact),
        created_at_ms: ms(RetentionStart::Collection),
    };
    // Documents count from their capture (or the end of its financial year, which is never before it).
    let documents = [
        RetentionStart::Collection,
        RetentionStart::LastContact,
        RetentionStart::EndOfFinancialYear,
    ]
    .into_iter()
    .filter_map(ms)
    .max();
    (cut, documents)
}

fn all_subjects() -> Vec<DataSubjectCategory> {
    DataSubjectCategory::all().collect()
}

impl App {
    /// The review list (Permission::Read): every relation and document that is due, held or falls due within
    /// [`REVIEW_WINDOW_DAYS`], with the governing rule. This is the dry run: nothing is changed.
    pub async fn retention_review(&self, actor: &Actor) -> Result<ReviewList, AppError> {
        require(actor, Permission::Read)?;
        let register = self.register_snapshot(actor, None).await?;
        self.sweep(&actor.scope, &register, today(), true, true)
            .await
    }

    /// The documents past their retention (Permission::Read): for the compliance check.
    pub async fn retention_documents_due(
        &self,
        actor: &Actor,
    ) -> Result<Vec<ReviewLine>, AppError> {
        require(actor, Permission::Read)?;
        let register = self.register_snapshot(actor, None).await?;
        let list = self
            .sweep(&actor.scope, &register, today(), false, true)
            .await?;
        Ok(list
            .lines
            .into_iter()
            .filter(|l| l.item.status == ReviewStatus::Due)
            .collect())
    }

    async fn sweep(
        &self,
        scope: &OrgScope,
        register: &Register,
        today: Date,
        relations: bool,
        documents: bool,
    ) -> Result<ReviewList, AppError> {
        let window = REVIEW_WINDOW_DAYS;
        let by = today.checked_add(Duration::days(window)).unwrap_or(today);
        let (_, documents_cut) = cutoffs(register, by);
        let store = self.db().retention(scope);
        let held: HashSet<String> = store.held_ids().await?.into_iter().collect();
        let mut lines = Vec::new();
        if relations {
            let mut rules_cache: HashMap<String, Vec<AppliedRule>> = HashMap::new();
            // One pass per kind, each with the cut-off dates of the activities that concern that kind…
            for relation_kind in RelationKind::ALL {
                let mut subjects = relation_kind.subjects(false);
                subjects.extend(relation_kind.subjects(true));
                let concerning = Register {
                    activities: register
                        .activities
                        .iter()
                        .filter(|a| {
                            // …and that can hold a relation's data at all (camera images are no field of a
                            // relation, so their four weeks from capture do not make every customer a candidate).
                            concerns(a, &subjects)
                                && RelationField::ALL.iter().any(|f| {
                                    a.categories.iter().any(|held| covers(*held, f.category()))
                                })
                        })
                        .cloned()
                        .collect(),
                    ..Register::default()
                };
                let (cut, _) = cutoffs(&concerning, by);
                let mut after = String::new();
                loop {
                    let batch = store
                        .relation_candidates(relation_kind.as_str(), &cut, &after, BATCH)
                        .await?;
                    let Some(last) = batch.last() else { break };
                    after = last.id.clone();
                    let ids: Vec<String> = batch.iter().map(|c| c.id.clone()).collect();
                    let mut fields: HashMap<String, Vec<RelationField>> = HashMap::new();
                    for chunk in ids.chunks(IN_LIST) {
                        for (rid, f) in store.fields_of(chunk).await? {
                            if let Ok(f) = f.parse::<RelationField>() {
                                fields.entry(rid).or_default().push(f);
                            }
                        }
                    }
                    for c in &batch {
                        let Ok(kind) = c.kind.parse::<RelationKind>() else {
                            continue;
                        };
                        let mut fs = fields.remove(&c.id).unwrap_or_default();
                        fs.sort();
                        fs.dedup();
                        let key = format!(
                            "{}|{}|{}",
                            kind.as_str(),
                            c.business_contact,
                            fs.iter().map(|f| f.as_str()).collect::<Vec<_>>().join(",")
                        );
                        let rules = rules_cache.entry(key).or_insert_with(|| {
                            let cats: Vec<DataCategory> = fs.iter().map(|f| f.category()).collect();
                            applicable_rules(register, &kind.subjects(c.business_contact), &cats)
                        });
                        let (Some(captured), Some(changed)) =
                            (utc_date_of_ms(c.created_at), utc_date_of_ms(c.updated_at))
                        else {
                            continue;
                        };
                        let e = &c.events;
                        let events = relation_event_dates(&RelationEvents {
                            ended: date_or(&e.ended_on),
                            employment_ended: date_or(&e.employment_ended_on),
                            last_activity: date_or(&e.last_activity_on),
                            fiscal_year_end: date_or(&e.fiscal_year_end_on),
                            withdrawn: date_or(&e.withdrawn_on),
                            captured,
                            last_change: changed,
                        });
                        let Ok(id) = uuid::Uuid::parse_str(&c.id) else {
                            continue;
                        };
                        let state = decide(rules, &events, held.contains(&c.id), today);
                        if let Some(item) =
                            review_item(RetentionTarget::Relation { id }, &state, today, window)
                        {
                            lines.push(ReviewLine {
                                item,
                                record_kind: kind.as_str().to_owned(),
                            });
                        }
                    }
                    if (batch.len() as i64) < BATCH {
                        break;
                    }
                }
            }
        }
        if let (true, Some(doc_cut)) = (documents, documents_cut) {
            let subjects = all_subjects();
            let mut rules_cache: HashMap<DocumentClass, Vec<AppliedRule>> = HashMap::new();
            let mut after = String::new();
            loop {
                let batch = store.document_candidates(doc_cut, &after, BATCH).await?;
                let Some(last) = batch.last() else { break };
                after = last.id.clone();
                for d in &batch {
                    let Some(class) = d
                        .class
                        .as_deref()
                        .and_then(|c| c.parse::<DocumentClass>().ok())
                    else {
                        continue;
                    };
                    let rules = rules_cache.entry(class).or_insert_with(|| {
                        applicable_rules(register, &subjects, &document_class_categories(class))
                    });
                    let (Some(captured), Ok(id)) =
                        (utc_date_of_ms(d.created_at), uuid::Uuid::parse_str(&d.id))
                    else {
                        continue;
                    };
                    let state = decide(
                        rules,
                        &document_event_dates(captured),
                        held.contains(&d.id),
                        today,
                    );
                    if let Some(item) =
                        review_item(RetentionTarget::Document { id }, &state, today, window)
                    {
                        lines.push(ReviewLine {
                            item,
                            record_kind: class.as_str().to_owned(),
                        });
                    }
                }
                if (batch.len() as i64) < BATCH {
                    break;
                }
            }
        }
        lines.sort_by(|a, b| {
            (a.item.status, a.item.due, a.item.target).cmp(&(
                b.item.status,
                b.item.due,
                b.item.target,
            ))
        });
        Ok(ReviewList {
            today,
            window_days: window,
            lines,
        })
    }

    /// Whether a legal hold is in force on `target` (Permission::Read). Every deletion asks this first: a
    /// relation's or document's delete, the retention run and the erasure of a data-subject request.
    pub async fn is_held(&self, actor: &Actor, target: RetentionTarget) -> Result<bool, AppError> {
        require(actor, Permission::Read)?;
        Ok(self
            .db()
            .retention(&actor.scope)
            .is_held(&target_id(target))
            .await?)
    }

    async fn target_exists(
        &self,
        tx: &mut WriteTx,
        scope: &OrgScope,
        target: RetentionTarget,
    ) -> Result<bool, AppError> {
        let id = target_id(target);
        Ok(match target {
            RetentionTarget::Relation { .. } => tx.relations(scope).get(&id).await?.is_some(),
            RetentionTarget::Document { .. } => tx.documents(scope).get(&id).await?.is_some(),
        })
    }

    /// Places a legal hold on a relation or document (Permission::Write): blocks every deletion, for owners
    /// too, until lifted with a reason. The reason is stored encrypted. Audited as `retention.hold.place`.
    pub async fn place_hold(
        &self,
        actor: &Actor,
        target: RetentionTarget,
        reason: &str,
    ) -> Result<String, AppError> {
        require(actor, Permission::Write)?;
        // Another organisation's record, or none: 404 before anything about the reason is said.
        let exists = match target {
            RetentionTarget::Relation { id } => self
                .db()
                .relations(&actor.scope)
                .get(&id.to_string())
                .await?
                .is_some(),
            RetentionTarget::Document { id } => self
                .db()
                .documents(&actor.scope)
                .get(&id.to_string())
                .await?
                .is_some(),
        };
        if !exists {
            return Err(AppError::NotFound);
        }
        let reason = reason_text("reason", reason)?;
        let org = actor.scope.org_id().to_owned();
        retry!({
            let mut tx = self.db().begin_write().await?;
            if !self.target_exists(&mut tx, &actor.scope, target).await? {
                return Err(AppError::NotFound);
            }
            let id = uuid::Uuid::now_v7().to_string();
            let reason_enc = self
                .keys()
                .encrypt(reason.as_bytes(), &hold_aad(&org, "reason_enc", &id));
            tx.retention(&actor.scope)
                .insert_hold(&HoldRow {
                    id: id.clone(),
                    target_type: target_type(target).to_owned(),
                    target_id: target_id(target),
                    placed_at: now_ms(),
                    placed_by: actor.user_id.as_str().to_owned(),
                    reason_enc,
                    lifted_at: None,
                    lifted_by: None,
                    lift_reason_enc: None,
                })
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RetentionHoldPlace,
                    target_type(target),
                    &target_id(target),
                    &["legal_hold"],
                ))
                .await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Lifts a legal hold with a reason (Permission::ManageRegister: the privacy lead decides). The hold stays
    /// in the history. Audited as `retention.hold.lift`.
    pub async fn lift_hold(
        &self,
        actor: &Actor,
        hold_id: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        let hold_id = uuid::Uuid::parse_str(hold_id.trim())
            .map_err(|_| AppError::NotFound)?
            .to_string();
        let reason = reason_text("reason", reason)?;
        let org = actor.scope.org_id().to_owned();
        retry!({
            let mut tx = self.db().begin_write().await?;
            let h = tx
                .retention(&actor.scope)
                .hold(&hold_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let enc = self.keys().encrypt(
                reason.as_bytes(),
                &hold_aad(&org, "lift_reason_enc", &hold_id),
            );
            if !tx
                .retention(&actor.scope)
                .lift_hold(&hold_id, now_ms(), actor.user_id.as_str(), &enc)
                .await?
            {
                return Err(AppError::Conflict("this hold was already lifted".into()));
            }
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RetentionHoldLift,
                    &h.target_type,
                    &h.target_id,
                    &["legal_hold"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    fn hold_view(&self, org: &str, h: &HoldRow) -> Result<Option<HoldView>, AppError> {
        let Some(target) = parse_target(&h.target_type, &h.target_id) else {
            return Ok(None);
        };
        let text = |enc: &[u8], column: &str| -> Result<String, AppError> {
            String::from_utf8(self.keys().decrypt(enc, &hold_aad(org, column, &h.id))?)
                .map_err(AppError::internal)
        };
        Ok(Some(HoldView {
            id: h.id.clone(),
            target,
            placed_at_ms: h.placed_at,
            placed_by: h.placed_by.clone(),
            reason: text(&h.reason_enc, "reason_enc")?,
            lifted_at_ms: h.lifted_at,
            lifted_by: h.lifted_by.clone(),
            lift_reason: h
                .lift_reason_enc
                .as_deref()
                .map(|e| text(e, "lift_reason_enc"))
                .transpose()?,
        }))
    }

    /// Legal holds with their history, newest first (Permission::Read); of one record when `target` is given.
    pub async fn holds(
        &self,
        actor: &Actor,
        target: Option<RetentionTarget>,
    ) -> Result<Vec<HoldView>, AppError> {
        require(actor, Permission::Read)?;
        let id = target.map(target_id);
        let rows = self
            .db()
            .retention(&actor.scope)
            .holds(id.as_deref())
            .await?;
        let mut out = Vec::new();
        for h in &rows {
            if let Some(v) = self.hold_view(actor.scope.org_id(), h)? {
                out.push(v);
            }
        }
        Ok(out)
    }

    /// A relation's stored start events (Permission::Read); empty when none were recorded.
    pub async fn relation_events(
        &self,
        actor: &Actor,
        relation_id: &str,
    ) -> Result<RelationEventsRow, AppError> {
        require(actor, Permission::Read)?;
        let id = uuid::Uuid::parse_str(relation_id.trim())
            .map_err(|_| AppError::NotFound)?
            .to_string();
        if self.db().relations(&actor.scope).get(&id).await?.is_none() {
            return Err(AppError::NotFound);
        }
        Ok(self
            .db()
            .retention(&actor.scope)
            .events(&id)
            .await?
            .unwrap_or_default())
    }

    /// Records a relation's start events (Permission::Write). A date in the future is refused: an event that
    /// has not happened is left empty. Audited as `retention.events.set` with the names of the events.
    pub async fn set_relation_events(
        &self,
        actor: &Actor,
        relation_id: &str,
        input: &RelationEventsInput,
    ) -> Result<RelationEventsRow, AppError> {
        require(actor, Permission::Write)?;
        let id = uuid::Uuid::parse_str(relation_id.trim())
            .map_err(|_| AppError::NotFound)?
            .to_string();
        let now = today();
        let check = |field: &'static str, d: Option<Date>| -> Result<Option<String>, AppError> {
            match d {
                Some(d) if d > now => Err(AppError::invalid(
                    field,
                    "this date is in the future: leave it empty until it happens",
                )),
                d => Ok(d.map(iso)),
            }
        };
        let row = RelationEventsRow {
            ended_on: check("ended_on", input.ended_on)?,
            employment_ended_on: check("employment_ended_on", input.employment_ended_on)?,
            last_activity_on: check("last_activity_on", input.last_activity_on)?,
            fiscal_year_end_on: input.fiscal_year_end_on.map(iso),
            withdrawn_on: check("withdrawn_on", input.withdrawn_on)?,
            restricted_at: None,
            anonymised_at: None,
        };
        retry!({
            let mut tx = self.db().begin_write().await?;
            if tx.relations(&actor.scope).get(&id).await?.is_none() {
                return Err(AppError::NotFound);
            }
            tx.retention(&actor.scope)
                .upsert_events(&id, &row, now_ms())
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RetentionEventsSet,
                    "relation",
                    &id,
                    &[
                        "ended_on",
                        "employment_ended_on",
                        "last_activity_on",
                        "fiscal_year_end_on",
                        "withdrawn_on",
                    ],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })?;
        self.relation_events(actor, &id).await
    }

    /// Whether deletion runs need a second member's approval (Permission::Read).
    pub async fn retention_four_eyes(&self, actor: &Actor) -> Result<bool, AppError> {
        require(actor, Permission::Read)?;
        Ok(self.db().retention(&actor.scope).four_eyes().await?)
    }

    /// Turns four-eyes approval of deletion runs on or off (Permission::ManageRegister). Audited.
    pub async fn set_retention_four_eyes(&self, actor: &Actor, on: bool) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        retry!({
            let mut tx = self.db().begin_write().await?;
            tx.retention(&actor.scope)
                .set_four_eyes(on, now_ms(), actor.user_id.as_str())
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RetentionSettings,
                    "org",
                    actor.scope.org_id(),
                    &["four_eyes"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Stores the due lines of `list` as a proposed run; `None` when nothing is due or the job already proposed
    /// today (`job_key`).
    async fn store_proposal(
        &self,
        scope: &OrgScope,
        list: &ReviewList,
        proposer: &str,
        origin: &Origin,
        job_key: Option<String>,
    ) -> Result<Option<String>, AppError> {
        let due: Vec<&ReviewLine> = list.due().collect();
        if due.is_empty() {
            return Ok(None);
        }
        retry!({
            let mut tx = self.db().begin_write().await?;
            if let Some(k) = &job_key
                && tx.retention(scope).has_job_run(k).await?
            {
                return Ok(None);
            }
            let id = uuid::Uuid::now_v7().to_string();
            tx.retention(scope)
                .insert_run(&RunRow {
                    id: id.clone(),
                    status: "proposed".into(),
                    created_on: iso(list.today),
                    job_key: job_key.clone(),
                    proposed_by: proposer.to_owned(),
                    proposed_at: now_ms(),
                    approved_by: None,
                    approved_at: None,
                    carried_out_by: None,
                    carried_out_at: None,
                    item_count: due.len() as i64,
                })
                .await?;
            for (seq, l) in due.iter().enumerate() {
                let r = &l.item.reason;
                tx.retention(scope)
                    .insert_item(
                        &id,
                        &RunItemRow {
                            seq: seq as i64 + 1,
                            target_type: target_type(l.item.target).to_owned(),
                            target_id: target_id(l.item.target),
                            record_kind: l.record_kind.clone(),
                            action: l.item.action.as_str().to_owned(),
                            activity_id: r.activity.to_string(),
                            activity_name: r.activity_name.clone(),
                            legal_reference: r.legal_reference.clone(),
                            period_amount: i64::from(r.period.amount),
                            period_unit: r.period.unit.as_str().to_owned(),
                            starts: r.starts.as_str().to_owned(),
                            due_on: l.item.due.map(iso).unwrap_or_default(),
                            outcome: None,
                            done_at: None,
                        },
                    )
                    .await?;
            }
            tx.tenant(scope)
                .append_audit(&event(
                    proposer,
                    AuditAction::RetentionPropose,
                    "retention_run",
                    &id,
                    &["items"],
                    origin,
                ))
                .await?;
            tx.commit().await?;
            Ok(Some(id))
        })
    }

    /// Proposes a deletion run of everything due today (Permission::ManageRegister). Conflict when nothing is
    /// due. Audited as `retention.propose`.
    pub async fn propose_retention_run(&self, actor: &Actor) -> Result<String, AppError> {
        require(actor, Permission::ManageRegister)?;
        let list = self.retention_review(actor).await?;
        self.store_proposal(
            &actor.scope,
            &list,
            actor.user_id.as_str(),
            &actor.origin,
            None,
        )
        .await?
        .ok_or_else(|| AppError::Conflict("nothing is due for deletion today".into()))
    }

    /// Approves a proposed run (Permission::ManageRegister). With four-eyes on, the approver must be another
    /// member than the proposer (`may_approve`). Audited as `retention.approve`.
    pub async fn approve_retention_run(&self, actor: &Actor, run_id: &str) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        let run_id = run_id.trim().to_owned();
        retry!({
            let mut tx = self.db().begin_write().await?;
            let run = tx
                .retention(&actor.scope)
                .run(&run_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if run.status != "proposed" {
                return Err(AppError::Conflict(
                    "this run is not waiting for approval".into(),
                ));
            }
            let four_eyes = tx.retention(&actor.scope).four_eyes().await?;
            if !approver_differs(four_eyes, &run.proposed_by, actor.user_id.as_str()) {
                return Err(AppError::Conflict(
                    "four eyes: another member than the one who proposed this run must approve it"
                        .into(),
                ));
            }
            tx.retention(&actor.scope)
                .advance_run(
                    &run_id,
                    "proposed",
                    "approved",
                    actor.user_id.as_str(),
                    now_ms(),
                )
                .await?;
            tx.tenant(&actor.scope)
                .append_audit(&actor.event(
                    AuditAction::RetentionApprove,
                    "retention_run",
                    &run_id,
                    &["status"],
                ))
                .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// Carries out a run (Permission::ManageRegister): an approved run, or a proposed one when four-eyes is off
    /// (carrying it out is then the approval). Each record is deleted, anonymised or restricted through the
    /// store's delete code unless a legal hold is on it or it is gone; its outcome is the certificate. One
    /// transaction and one audit event (`retention.carry_out`); a run is carried out once.
    pub async fn carry_out_retention_run(
        &self,
        actor: &Actor,
        run_id: &str,
    ) -> Result<(), AppError> {
        require(actor, Permission::ManageRegister)?;
        let four_eyes = self.db().retention(&actor.scope).four_eyes().await?;
        self.carry_out(
            &actor.scope,
            run_id.trim(),
            actor.user_id.as_str(),
            &actor.origin,
            !four_eyes,
        )
        .await
    }

    async fn carry_out(
        &self,
        scope: &OrgScope,
        run_id: &str,
        by: &str,
        origin: &Origin,
        may_skip_approval: bool,
    ) -> Result<(), AppError> {
        let blobs = retry!({
            let mut tx = self.db().begin_write().await?;
            let run = tx
                .retention(scope)
                .run(run_id)
                .await?
                .ok_or(AppError::NotFound)?;
            let now = now_ms();
            match run.status.as_str() {
                "approved" => {}
                "proposed" if may_skip_approval => {
                    tx.retention(scope)
                        .advance_run(run_id, "proposed", "approved", by, now)
                        .await?;
                }
                "proposed" => {
                    return Err(AppError::Conflict(
                        "four eyes: this run must be approved by another member first".into(),
                    ));
                }
                _ => {
                    return Err(AppError::Conflict(
                        "this run was already carried out".into(),
                    ));
                }
            }
            let mut blobs = Vec::new();
            for item in tx.retention(scope).items(run_id).await? {
                if item.outcome.is_some() {
                    continue;
                }
                let outcome = self
                    .carry_out_item(&mut tx, scope, &item, now, &mut blobs)
                    .await?;
                tx.retention(scope)
                    .set_outcome(run_id, item.seq, outcome, now)
                    .await?;
            }
            if !tx
                .retention(scope)
                .advance_run(run_id, "approved", "carried_out", by, now)
                .await?
            {
                return Err(AppError::Conflict(
                    "this run was already carried out".into(),
                ));
            }
            tx.tenant(scope)
                .append_audit(&event(
                    by,
                    AuditAction::RetentionCarryOut,
                    "retention_run",
                    run_id,
                    &["relations", "documents", "certificate"],
                    origin,
                ))
                .await?;
            tx.commit().await?;
            Ok(blobs)
        })?;
        // After the commit, as the document delete does: a failure leaves unreadable ciphertext, never a row
        // without its bytes. Logged by id only.
        for key in blobs {
            if let Err(e) = self.blobs().delete(&key).await {
                tracing::warn!(run = %run_id, error = %e, "could not delete the stored bytes of a document");
            }
        }
        Ok(())
    }

    async fn carry_out_item(
        &self,
        tx: &mut WriteTx,
        scope: &OrgScope,
        item: &RunItemRow,
        now: i64,
        blobs: &mut Vec<String>,
    ) -> Result<&'static str, AppError> {
        let id = item.target_id.as_str();
        if tx.retention(scope).is_held(id).await? {
            return Ok("held");
        }
        Ok(match item.target_type.as_str() {
            "relation" => {
                if tx.relations(scope).get(id).await?.is_none() {
                    return Ok("gone");
                }
                match item.action.as_str() {
                    "delete" => {
                        if tx.relations(scope).contact_count(id).await? > 0 {
                            return Ok("has_contacts");
                        }
                        tx.relations(scope).delete(id).await?;
                        "deleted"
                    }
                    "anonymise" => {
                        tx.retention(scope).strip_relation(id).await?;
                        tx.retention(scope).mark(id, true, now).await?;
                        "anonymised"
                    }
                    _ => {
                        tx.retention(scope).mark(id, false, now).await?;
                        "restricted"
                    }
                }
            }
            "document" => {
                let Some(d) = tx.documents(scope).get(id).await? else {
                    return Ok("gone");
                };
                match item.action.as_str() {
                    // A document's bytes cannot be anonymised in place: it is deleted.
                    "delete" | "anonymise" => {
                        tx.documents(scope).delete(id).await?;
                        blobs.extend(d.blob_key);
                        "deleted"
                    }
                    _ => "restricted",
                }
            }
            _ => "gone",
        })
    }

    /// Deletion runs, newest first (Permission::Read).
    pub async fn retention_runs(&self, actor: &Actor) -> Result<Vec<RunRow>, AppError> {
        require(actor, Permission::Read)?;
        Ok(self.db().retention(&actor.scope).runs(100).await?)
    }

    /// One run with its items (Permission::Read).
    pub async fn retention_run(&self, actor: &Actor, run_id: &str) -> Result<RunView, AppError> {
        require(actor, Permission::Read)?;
        let store = self.db().retention(&actor.scope);
        let run = store.run(run_id.trim()).await?.ok_or(AppError::NotFound)?;
        Ok(RunView {
            items: store.items(&run.id).await?,
            four_eyes: store.four_eyes().await?,
            run,
        })
    }

    /// The deletion certificate of a carried-out run (Permission::Read); Conflict while it is not carried out.
    pub async fn retention_certificate(
        &self,
        actor: &Actor,
        run_id: &str,
    ) -> Result<Certificate, AppError> {
        let v = self.retention_run(actor, run_id).await?;
        let (Some(by), Some(at)) = (v.run.carried_out_by.clone(), v.run.carried_out_at) else {
            return Err(AppError::Conflict(
                "this run has not been carried out yet".into(),
            ));
        };
        Ok(Certificate {
            run_id: v.run.id.clone(),
            organisation: actor.org.name.clone(),
            proposed_by: v.run.proposed_by.clone(),
            proposed_at: rfc3339(v.run.proposed_at),
            approved_by: v.run.approved_by.clone(),
            carried_out_by: by,
            carried_out_at: rfc3339(at),
            items: v
                .items
                .iter()
                .map(|i| CertificateItem {
                    record: i.target_type.clone(),
                    id: i.target_id.clone(),
                    kind: i.record_kind.clone(),
                    action: i.action.clone(),
                    outcome: i.outcome.clone().unwrap_or_default(),
                    due_on: i.due_on.clone(),
                    rule: CertificateRule {
                        activity_id: i.activity_id.clone(),
                        activity_name: i.activity_name.clone(),
                        legal_reference: i.legal_reference.clone(),
                        period: format!("{} {}", i.period_amount, i.period_unit),
                        starts: i.starts.clone(),
                    },
                })
                .collect(),
        })
    }
}

/// Four eyes: with the setting on, the approver is not the proposer (the domain's rule; proposers that are not
/// members, such as the daily job, never match a member's id).
fn approver_differs(four_eyes: bool, proposed_by: &str, approver: &str) -> bool {
    match (
        uuid::Uuid::parse_str(proposed_by),
        uuid::Uuid::parse_str(approver),
    ) {
        (Ok(p), Ok(a)) => may_approve(four_eyes, p, a),
        _ => !four_eyes || proposed_by != approver,
    }
}

impl App {
    pub(crate) fn register_retention_jobs(&self) {
        self.register_job_handler(JOB_RETENTION_SCHEDULE, |app: App, _job| async move {
            app.schedule_retention_sweeps().await
        });
        self.register_job_handler(JOB_RETENTION_SWEEP, |app: App, job: Job| async move {
            app.run_retention_sweep(job.org_id.as_deref()).await
        });
    }

    /// Enqueues today's sweep for every organisation, once per organisation and day (the unique key).
    async fn schedule_retention_sweeps(&self) -> Result<(), AppError> {
        crate::system::require_system(SystemActor::Jobs, Permission::Write)?;
        let day = iso(today());
        for org in self.db().orgs().await? {
            let now = now_ms();
            self.db()
                .enqueue_job(&kluis_store::NewJob {
                    id: uuid::Uuid::now_v7().to_string(),
                    org_id: Some(org.id.clone()),
                    kind: JOB_RETENTION_SWEEP.to_owned(),
                    payload: "{}".into(),
                    run_at: now,
                    max_attempts: 3,
                    unique_key: Some(format!("daily:{JOB_RETENTION_SWEEP}:{}:{day}", org.id)),
                    now,
                })
                .await?;
        }
        Ok(())
    }

    /// One organisation's daily sweep (the jobs actor): proposes today's due records once (a second run the
    /// same day finds today's proposal and adds none), then carries out the runs members approved. Idempotent:
    /// a run is carried out once, and a deleted record is no longer a candidate.
    pub async fn run_retention_sweep(&self, org_id: Option<&str>) -> Result<(), AppError> {
        crate::system::require_system(SystemActor::Jobs, Permission::Write)?;
        let Some(org_id) = org_id else {
            return Ok(());
        };
        let Some(org) = self.db().orgs().await?.into_iter().find(|o| o.id == org_id) else {
            return Ok(());
        };
        let scope = OrgScope::system(&org);
        let origin = Origin::jobs();
        // The job reads the register like a member who may read.
        let reader = Actor::new(
            UserId(JOBS_ACTOR.to_owned()),
            OrgSummary::from(org),
            Role::Auditor,
            scope.clone(),
            origin.clone(),
        );
        let list = self.retention_review(&reader).await?;
        let key = format!("daily:{}", iso(list.today));
        self.store_proposal(&scope, &list, JOBS_ACTOR, &origin, Some(key))
            .await?;
        for run in self.db().retention(&scope).runs_in("approved").await? {
            match self
                .carry_out(&scope, &run.id, JOBS_ACTOR, &origin, false)
                .await
            {
                Ok(()) | Err(AppError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}
