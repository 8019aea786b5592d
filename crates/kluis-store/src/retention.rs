//! The retention engine's tables: relations' start events, legal holds with their history, the organisation's
//! retention settings, and deletion runs with their items (the certificate). Tenant tables, reachable only
//! through an [`OrgScope`]; every query binds `org_id = $1`.
//!
//! The sweep is set-based: [`RetentionStore::relation_candidates`] selects, in batches by id, the relations whose
//! start-event columns (ISO dates, indexed) fall before the cutoffs the register's rules give, so a million
//! relations are one pass of SQL and only the few candidates are looked at in the application.

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::dump::Kind::{Bytes, Int, Text};
use crate::dump::TableDef;
use crate::{OrgScope, Result, Store, WriteTx};

/// The retention module's tables, in load order (after the relations module's).
pub static RETENTION_TABLES: &[TableDef] = &[
    TableDef::new(
        "relation_events",
        &[
            ("relation_id", Text),
            ("org_id", Text),
            ("ended_on", Text),
            ("employment_ended_on", Text),
            ("last_activity_on", Text),
            ("fiscal_year_end_on", Text),
            ("withdrawn_on", Text),
            ("restricted_at", Int),
            ("anonymised_at", Int),
            ("updated_at", Int),
        ],
    ),
    TableDef::new(
        "retention_holds",
        &[
            ("id", Text),
            ("org_id", Text),
            ("target_type", Text),
            ("target_id", Text),
            ("placed_at", Int),
            ("placed_by", Text),
            ("reason_enc", Bytes),
            ("lifted_at", Int),
            ("lifted_by", Text),
            ("lift_reason_enc", Bytes),
        ],
    ),
    TableDef::new(
        "retention_settings",
        &[
            ("org_id", Text),
            ("four_eyes", Int),
            ("updated_at", Int),
            ("updated_by", Text),
        ],
    ),
    TableDef::new(
        "retention_runs",
        &[
            ("id", Text),
            ("org_id", Text),
            ("status", Text),
            ("created_on", Text),
            ("job_key", Text),
            ("proposed_by", Text),
            ("proposed_at", Int),
            ("approved_by", Text),
            ("approved_at", Int),
            ("carried_out_by", Text),
            ("carried_out_at", Int),
            ("item_count", Int),
        ],
    ),
    TableDef::new(
        "retention_run_items",
        &[
            ("org_id", Text),
            ("run_id", Text),
            ("seq", Int),
            ("target_type", Text),
            ("target_id", Text),
            ("record_kind", Text),
            ("action", Text),
            ("activity_id", Text),
            ("activity_name", Text),
            ("legal_reference", Text),
            ("period_amount", Int),
            ("period_unit", Text),
            ("starts", Text),
            ("due_on", Text),
            ("outcome", Text),
            ("done_at", Int),
        ],
    ),
];

/// The stored start events of one relation (ISO dates), as the application reads and writes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RelationEventsRow {
    pub ended_on: Option<String>,
    pub employment_ended_on: Option<String>,
    pub last_activity_on: Option<String>,
    pub fiscal_year_end_on: Option<String>,
    pub withdrawn_on: Option<String>,
    pub restricted_at: Option<i64>,
    pub anonymised_at: Option<i64>,
}

/// A relation the sweep must look at: its kind, whether it is a business contact, its derived dates (ms) and
/// its stored events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationCandidate {
    pub id: String,
    pub kind: String,
    pub business_contact: bool,
    pub created_at: i64,
    pub updated_at: i64,
    pub events: RelationEventsRow,
}

/// The latest start-event dates (ISO, or ms for the derived ones) that can still make a relation due within the
/// review window, one per start event; `None` for an event no rule counts from. Generous on purpose: the
/// application decides exactly for each candidate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cutoffs {
    pub ended_on: Option<String>,
    pub employment_ended_on: Option<String>,
    pub fiscal_year_end_on: Option<String>,
    pub withdrawn_on: Option<String>,
    pub last_activity_on: Option<String>,
    /// For relations without a stored last activity: their `updated_at`.
    pub updated_at_ms: Option<i64>,
    /// The date of capture: `created_at`.
    pub created_at_ms: Option<i64>,
}

/// A top-level document the sweep must look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentCandidate {
    pub id: String,
    /// The effective class (a correction wins); `None` while not scanned.
    pub class: Option<String>,
    pub created_at: i64,
}

/// One hold as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoldRow {
    pub id: String,
    pub target_type: String,
    pub target_id: String,
    pub placed_at: i64,
    pub placed_by: String,
    pub reason_enc: Vec<u8>,
    pub lifted_at: Option<i64>,
    pub lifted_by: Option<String>,
    pub lift_reason_enc: Option<Vec<u8>>,
}

/// A deletion run as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunRow {
    pub id: String,
    pub status: String,
    pub created_on: String,
    pub job_key: Option<String>,
    pub proposed_by: String,
    pub proposed_at: i64,
    pub approved_by: Option<String>,
    pub approved_at: Option<i64>,
    pub carried_out_by: Option<String>,
    pub carried_out_at: Option<i64>,
    pub item_count: i64,
}

/// One item of a run: what, which rule, when; no personal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunItemRow {
    pub seq: i64,
    pub target_type: String,
    pub target_id: String,
    /// The relation's kind or the document's class.
    pub record_kind: String,
    pub action: String,
    pub activity_id: String,
    pub activity_name: String,
    pub legal_reference: String,
    pub period_amount: i64,
    pub period_unit: String,
    pub starts: String,
    pub due_on: String,
    pub outcome: Option<String>,
    pub done_at: Option<i64>,
}

const HOLD_COLUMNS: &str = "id, target_type, target_id, placed_at, placed_by, reason_enc, lifted_at, lifted_by, \
     lift_reason_enc";
const RUN_COLUMNS: &str = "id, status, created_on, job_key, proposed_by, proposed_at, approved_by, approved_at, \
     carried_out_by, carried_out_at, item_count";
const ITEM_COLUMNS: &str = "seq, target_type, target_id, record_kind, action, activity_id, activity_name, \
     legal_reference, period_amount, period_unit, starts, due_on, outcome, done_at";
const EVENT_COLUMNS: &str = "ended_on, employment_ended_on, last_activity_on, fiscal_year_end_on, withdrawn_on, \
     restricted_at, anonymised_at";

fn hold(r: &AnyRow) -> Result<HoldRow> {
    Ok(HoldRow {
        id: r.try_get("id")?,
        target_type: r.try_get("target_type")?,
        target_id: r.try_get("target_id")?,
        placed_at: r.try_get("placed_at")?,
        placed_by: r.try_get("placed_by")?,
        reason_enc: r.try_get("reason_enc")?,
        lifted_at: r.try_get("lifted_at")?,
        lifted_by: r.try_get("lifted_by")?,
        lift_reason_enc: r.try_get("lift_reason_enc")?,
    })
}

fn run(r: &AnyRow) -> Result<RunRow> {
    Ok(RunRow {
        id: r.try_get("id")?,
        status: r.try_get("status")?,
        created_on: r.try_get("created_on")?,
        job_key: r.try_get("job_key")?,
        proposed_by: r.try_get("proposed_by")?,
        proposed_at: r.try_get("proposed_at")?,
        approved_by: r.try_get("approved_by")?,
        approved_at: r.try_get("approved_at")?,
        carried_out_by: r.try_get("carried_out_by")?,
        carried_out_at: r.try_get("carried_out_at")?,
        item_count: r.try_get("item_count")?,
    })
}

fn item(r: &AnyRow) -> Result<RunItemRow> {
    Ok(RunItemRow {
        seq: r.try_get("seq")?,
        target_type: r.try_get("target_type")?,
        target_id: r.try_get("target_id")?,
        record_kind: r.try_get("record_kind")?,
        action: r.try_get("action")?,
        activity_id: r.try_get("activity_id")?,
        activity_name: r.try_get("activity_name")?,
        legal_reference: r.try_get("legal_reference")?,
        period_amount: r.try_get("period_amount")?,
        period_unit: r.try_get("period_unit")?,
        starts: r.try_get("starts")?,
        due_on: r.try_get("due_on")?,
        outcome: r.try_get("outcome")?,
        done_at: r.try_get("done_at")?,
    })
}

fn events(r: &AnyRow) -> Result<RelationEventsRow> {
    Ok(RelationEventsRow {
        ended_on: r.try_get("ended_on")?,
        employment_ended_on: r.try_get("employment_ended_on")?,
        last_activity_on: r.try_get("last_activity_on")?,
        fiscal_year_end_on: r.try_get("fiscal_year_end_on")?,
        withdrawn_on: r.try_get("withdrawn_on")?,
        restricted_at: r.try_get("restricted_at")?,
        anonymised_at: r.try_get("anonymised_at")?,
    })
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn q_held(c: &mut AnyConnection, org: &str, target_id: &str) -> Result<bool> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM retention_holds WHERE org_id = $1 AND target_id = $2 AND lifted_at IS NULL",
    )
    .bind(org)
    .bind(target_id)
    .fetch_one(&mut *c)
    .await?;
    Ok(n > 0)
}

async fn q_events(
    c: &mut AnyConnection,
    org: &str,
    relation_id: &str,
) -> Result<Option<RelationEventsRow>> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {EVENT_COLUMNS} FROM relation_events WHERE org_id = $1 AND relation_id = $2"
    )))
    .bind(org)
    .bind(relation_id)
    .fetch_optional(&mut *c)
    .await?;
    r.as_ref().map(events).transpose()
}

async fn q_run(c: &mut AnyConnection, org: &str, id: &str) -> Result<Option<RunRow>> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {RUN_COLUMNS} FROM retention_runs WHERE org_id = $1 AND id = $2"
    )))
    .bind(org)
    .bind(id)
    .fetch_optional(&mut *c)
    .await?;
    r.as_ref().map(run).transpose()
}

async fn q_items(c: &mut AnyConnection, org: &str, run_id: &str) -> Result<Vec<RunItemRow>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {ITEM_COLUMNS} FROM retention_run_items WHERE org_id = $1 AND run_id = $2 ORDER BY seq"
    )))
    .bind(org)
    .bind(run_id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(item).collect()
}

/// Reads of one organisation's retention data.
pub struct RetentionStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The retention data of the organisation `scope` stands for.
    pub fn retention<'s>(&'s self, scope: &'s OrgScope) -> RetentionStore<'s> {
        RetentionStore { store: self, scope }
    }
}

impl RetentionStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// Whether a hold is in force on the record `target_id`.
    pub async fn is_held(&self, target_id: &str) -> Result<bool> {
        let mut c = self.conn().await?;
        q_held(&mut c, self.scope.org_id(), target_id).await
    }

    /// The ids of every record under a hold in force.
    pub async fn held_ids(&self) -> Result<Vec<String>> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar(
            "SELECT DISTINCT target_id FROM retention_holds WHERE org_id = $1 AND lifted_at IS NULL",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?)
    }

    /// Every hold (in force and lifted), newest first; of one record when `target_id` is given.
    pub async fn holds(&self, target_id: Option<&str>) -> Result<Vec<HoldRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {HOLD_COLUMNS} FROM retention_holds WHERE org_id = $1 AND ($2 IS NULL OR target_id = $2) \
             ORDER BY placed_at DESC, id"
        )))
        .bind(self.scope.org_id())
        .bind(target_id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(hold).collect()
    }

    pub async fn hold(&self, id: &str) -> Result<Option<HoldRow>> {
        let mut c = self.conn().await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {HOLD_COLUMNS} FROM retention_holds WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
        r.as_ref().map(hold).transpose()
    }

    /// Whether four-eyes approval is on (off when never set).
    pub async fn four_eyes(&self) -> Result<bool> {
        let mut c = self.conn().await?;
        let v: Option<i64> =
            sqlx::query_scalar("SELECT four_eyes FROM retention_settings WHERE org_id = $1")
                .bind(self.scope.org_id())
                .fetch_optional(&mut *c)
                .await?;
        Ok(v.unwrap_or(0) != 0)
    }

    /// The stored events of a relation, if any were stored.
    pub async fn events(&self, relation_id: &str) -> Result<Option<RelationEventsRow>> {
        let mut c = self.conn().await?;
        q_events(&mut c, self.scope.org_id(), relation_id).await
    }

    /// Up to `limit` relations after `after` (by id) that may be due by `cut`: one indexed pass of SQL.
    /// Anonymised relations are done and left out.
    pub async fn relation_candidates(
        &self,
        kind: &str,
        cut: &Cutoffs,
        after: &str,
        limit: i64,
    ) -> Result<Vec<RelationCandidate>> {
        let mut c = self.conn().await?;
        // An unused cutoff is bound as a value no date reaches ('' sorts before every ISO date, -1 before every
        // time), so the statement is the same for every register.
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let ms = |v: Option<i64>| v.unwrap_or(-1);
        let rows = sqlx::query(
            "SELECT r.id, r.kind, r.company_id, r.created_at, r.updated_at, e.ended_on, e.employment_ended_on, \
             e.last_activity_on, e.fiscal_year_end_on, e.withdrawn_on, e.restricted_at, e.anonymised_at \
             FROM relations r LEFT JOIN relation_events e ON e.relation_id = r.id \
             WHERE r.org_id = $1 AND r.kind = $11 AND r.id > $2 AND e.anonymised_at IS NULL AND ( \
               e.ended_on <= $3 \
               OR COALESCE(e.employment_ended_on, e.ended_on) <= $4 \
               OR COALESCE(e.fiscal_year_end_on, e.ended_on) <= $5 \
               OR e.withdrawn_on <= $6 \
               OR e.last_activity_on <= $7 \
               OR (e.last_activity_on IS NULL AND r.updated_at <= $8) \
               OR r.created_at <= $9) \
             ORDER BY r.id LIMIT $10",
        )
        .bind(self.scope.org_id())
        .bind(after)
        .bind(text(&cut.ended_on))
        .bind(text(&cut.employment_ended_on))
        .bind(text(&cut.fiscal_year_end_on))
        .bind(text(&cut.withdrawn_on))
        .bind(text(&cut.last_activity_on))
        .bind(ms(cut.updated_at_ms))
        .bind(ms(cut.created_at_ms))
        .bind(limit)
        .bind(kind)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                let company: Option<String> = r.try_get("company_id")?;
                Ok(RelationCandidate {
                    id: r.try_get("id")?,
                    kind: r.try_get("kind")?,
                    business_contact: company.is_some(),
                    created_at: r.try_get("created_at")?,
                    updated_at: r.try_get("updated_at")?,
                    events: events(r)?,
                })
            })
            .collect()
    }

    /// The fields (vocabulary keys) each of `relation_ids` holds: one query.
    pub async fn fields_of(&self, relation_ids: &[String]) -> Result<Vec<(String, String)>> {
        if relation_ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        // Through the relations: `relation_values WHERE org_id = $1 AND relation_id IN (…)` let SQLite walk the
        // covering (org_id, field, relation_id) index over every value of the organisation for each list (a sweep
        // over 20,000 relations took 5 s); from the relations it seeks each id, then its values by primary key.
        let sql = format!(
            "SELECT v.relation_id AS relation_id, v.field AS field FROM relations r \
             JOIN relation_values v ON v.relation_id = r.id WHERE r.org_id = $1 AND r.id IN ({})",
            placeholders(2, relation_ids.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
        for id in relation_ids {
            q = q.bind(id.clone());
        }
        q.fetch_all(&mut *c)
            .await?
            .iter()
            .map(|r| Ok((r.try_get("relation_id")?, r.try_get("field")?)))
            .collect()
    }

    /// Up to `limit` top-level documents after `after` (by id) captured at or before `created_before` (ms).
    pub async fn document_candidates(
        &self,
        created_before: i64,
        after: &str,
        limit: i64,
    ) -> Result<Vec<DocumentCandidate>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT id, COALESCE(class_override, class) AS eff_class, created_at FROM documents \
             WHERE org_id = $1 AND parent_id IS NULL AND id > $2 AND created_at <= $3 ORDER BY id LIMIT $4",
        )
        .bind(self.scope.org_id())
        .bind(after)
        .bind(created_before)
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DocumentCandidate {
                    id: r.try_get("id")?,
                    class: r.try_get("eff_class")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Runs, newest first.
    pub async fn runs(&self, limit: i64) -> Result<Vec<RunRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RUN_COLUMNS} FROM retention_runs WHERE org_id = $1 ORDER BY proposed_at DESC, id DESC \
             LIMIT $2"
        )))
        .bind(self.scope.org_id())
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(run).collect()
    }

    pub async fn run(&self, id: &str) -> Result<Option<RunRow>> {
        let mut c = self.conn().await?;
        q_run(&mut c, self.scope.org_id(), id).await
    }

    pub async fn items(&self, run_id: &str) -> Result<Vec<RunItemRow>> {
        let mut c = self.conn().await?;
        q_items(&mut c, self.scope.org_id(), run_id).await
    }

    /// Runs in `status`, oldest first.
    pub async fn runs_in(&self, status: &str) -> Result<Vec<RunRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {RUN_COLUMNS} FROM retention_runs WHERE org_id = $1 AND status = $2 ORDER BY proposed_at, id"
        )))
        .bind(self.scope.org_id())
        .bind(status)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(run).collect()
    }
}

/// Retention writes inside a transaction.
pub struct RetentionTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl WriteTx {
    /// Retention writes for the organisation `scope` stands for, inside this transaction.
    pub fn retention<'t>(&'t mut self, scope: &'t OrgScope) -> RetentionTx<'t> {
        RetentionTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl RetentionTx<'_> {
    /// Whether a hold is in force on `target_id`, inside the transaction (the check every deletion makes).
    pub async fn is_held(&mut self, target_id: &str) -> Result<bool> {
        q_held(self.conn, self.scope.org_id(), target_id).await
    }

    pub async fn insert_hold(&mut self, h: &HoldRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO retention_holds (id, org_id, target_type, target_id, placed_at, placed_by, reason_enc) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&h.id)
        .bind(self.scope.org_id())
        .bind(&h.target_type)
        .bind(&h.target_id)
        .bind(h.placed_at)
        .bind(&h.placed_by)
        .bind(&h.reason_enc)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn hold(&mut self, id: &str) -> Result<Option<HoldRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {HOLD_COLUMNS} FROM retention_holds WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *self.conn)
        .await?;
        r.as_ref().map(hold).transpose()
    }

    /// Lifts hold `id` if it is still in force; false if it was lifted meanwhile.
    pub async fn lift_hold(
        &mut self,
        id: &str,
        at: i64,
        by: &str,
        reason_enc: &[u8],
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE retention_holds SET lifted_at = $3, lifted_by = $4, lift_reason_enc = $5 \
             WHERE org_id = $1 AND id = $2 AND lifted_at IS NULL",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(at)
        .bind(by)
        .bind(reason_enc)
        .execute(&mut *self.conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Rewrites a hold's encrypted reasons (key rotation).
    pub async fn set_hold_enc(
        &mut self,
        id: &str,
        reason: &[u8],
        lift: Option<&[u8]>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE retention_holds SET reason_enc = $3, lift_reason_enc = $4 WHERE org_id = $1 AND id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(reason)
        .bind(lift)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn set_four_eyes(&mut self, on: bool, at: i64, by: &str) -> Result<()> {
        sqlx::query(
            "INSERT INTO retention_settings (org_id, four_eyes, updated_at, updated_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (org_id) DO UPDATE SET four_eyes = $2, updated_at = $3, updated_by = $4",
        )
        .bind(self.scope.org_id())
        .bind(i64::from(on))
        .bind(at)
        .bind(by)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn four_eyes(&mut self) -> Result<bool> {
        let v: Option<i64> =
            sqlx::query_scalar("SELECT four_eyes FROM retention_settings WHERE org_id = $1")
                .bind(self.scope.org_id())
                .fetch_optional(&mut *self.conn)
                .await?;
        Ok(v.unwrap_or(0) != 0)
    }

    /// Stores a relation's events (all columns as given), keeping its restriction and anonymisation marks.
    pub async fn upsert_events(
        &mut self,
        relation_id: &str,
        e: &RelationEventsRow,
        at: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO relation_events (relation_id, org_id, ended_on, employment_ended_on, last_activity_on, \
             fiscal_year_end_on, withdrawn_on, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (relation_id) DO UPDATE SET ended_on = $3, employment_ended_on = $4, \
             last_activity_on = $5, fiscal_year_end_on = $6, withdrawn_on = $7, updated_at = $8",
        )
        .bind(relation_id)
        .bind(self.scope.org_id())
        .bind(&e.ended_on)
        .bind(&e.employment_ended_on)
        .bind(&e.last_activity_on)
        .bind(&e.fiscal_year_end_on)
        .bind(&e.withdrawn_on)
        .bind(at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn events(&mut self, relation_id: &str) -> Result<Option<RelationEventsRow>> {
        q_events(self.conn, self.scope.org_id(), relation_id).await
    }

    /// Marks a relation restricted or anonymised at `at` (creating its events row if it had none).
    pub async fn mark(&mut self, relation_id: &str, anonymised: bool, at: i64) -> Result<()> {
        let column = if anonymised {
            "anonymised_at"
        } else {
            "restricted_at"
        };
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO relation_events (relation_id, org_id, {column}, updated_at) VALUES ($1, $2, $3, $3) \
             ON CONFLICT (relation_id) DO UPDATE SET {column} = $3, updated_at = $3"
        )))
        .bind(relation_id)
        .bind(self.scope.org_id())
        .bind(at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Anonymises a relation: removes every value, tag and note it holds (the row with its kind stays, so
    /// counts still add up).
    pub async fn strip_relation(&mut self, relation_id: &str) -> Result<()> {
        for table in ["relation_values", "relation_tags", "relation_notes"] {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DELETE FROM {table} WHERE org_id = $1 AND relation_id = $2"
            )))
            .bind(self.scope.org_id())
            .bind(relation_id)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }

    pub async fn insert_run(&mut self, r: &RunRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO retention_runs (id, org_id, status, created_on, job_key, proposed_by, proposed_at, \
             item_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&r.id)
        .bind(self.scope.org_id())
        .bind(&r.status)
        .bind(&r.created_on)
        .bind(&r.job_key)
        .bind(&r.proposed_by)
        .bind(r.proposed_at)
        .bind(r.item_count)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Whether a run with `job_key` exists (the daily job's proposal of a day).
    pub async fn has_job_run(&mut self, job_key: &str) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM retention_runs WHERE org_id = $1 AND job_key = $2",
        )
        .bind(self.scope.org_id())
        .bind(job_key)
        .fetch_one(&mut *self.conn)
        .await?;
        Ok(n > 0)
    }

    pub async fn insert_item(&mut self, run_id: &str, i: &RunItemRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO retention_run_items (org_id, run_id, seq, target_type, target_id, record_kind, action, \
             activity_id, activity_name, legal_reference, period_amount, period_unit, starts, due_on) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        )
        .bind(self.scope.org_id())
        .bind(run_id)
        .bind(i.seq)
        .bind(&i.target_type)
        .bind(&i.target_id)
        .bind(&i.record_kind)
        .bind(&i.action)
        .bind(&i.activity_id)
        .bind(&i.activity_name)
        .bind(&i.legal_reference)
        .bind(i.period_amount)
        .bind(&i.period_unit)
        .bind(&i.starts)
        .bind(&i.due_on)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    pub async fn run(&mut self, id: &str) -> Result<Option<RunRow>> {
        q_run(self.conn, self.scope.org_id(), id).await
    }

    pub async fn items(&mut self, run_id: &str) -> Result<Vec<RunItemRow>> {
        q_items(self.conn, self.scope.org_id(), run_id).await
    }

    /// Moves run `id` from `from` to `to`, recording who and when in the columns of `to`; false if the run was
    /// no longer in `from` (someone else moved it first).
    pub async fn advance_run(
        &mut self,
        id: &str,
        from: &str,
        to: &str,
        by: &str,
        at: i64,
    ) -> Result<bool> {
        let (by_col, at_col) = match to {
            "approved" => ("approved_by", "approved_at"),
            _ => ("carried_out_by", "carried_out_at"),
        };
        let done = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE retention_runs SET status = $3, {by_col} = $4, {at_col} = $5 \
             WHERE org_id = $1 AND id = $2 AND status = $6"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .bind(to)
        .bind(by)
        .bind(at)
        .bind(from)
        .execute(&mut *self.conn)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    pub async fn set_outcome(
        &mut self,
        run_id: &str,
        seq: i64,
        outcome: &str,
        at: i64,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE retention_run_items SET outcome = $4, done_at = $5 WHERE org_id = $1 AND run_id = $2 AND seq = $3",
        )
        .bind(self.scope.org_id())
        .bind(run_id)
        .bind(seq)
        .bind(outcome)
        .bind(at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
