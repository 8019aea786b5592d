//! Data-subject requests: one row per request (its deadline as columns, so lists sort and the compliance check
//! filters in SQL) and the steps taken on it. Values stay as the application gives them: encrypted columns are
//! opaque bytes here, vocabulary values text the application parses.

use sqlx::{AnyConnection, Row as _};

use crate::dump::{Kind::Bytes, Kind::Int, Kind::Text, TableDef};
use crate::{OrgScope, Result, Store, StoreError, WriteTx};

/// The requests module's tables, in load order.
pub static REQUEST_TABLES: &[TableDef] = &[
    TableDef::new(
        "requests",
        &[
            ("id", Text),
            ("org_id", Text),
            ("kind", Text),
            ("channel", Text),
            ("status", Text),
            ("received_at", Int),
            ("received_on", Text),
            ("due_on", Text),
            ("extended", Int),
            ("closed_at", Int),
            ("relation_id", Text),
            ("requester_name_enc", Bytes),
            ("requester_contact_enc", Bytes),
            ("detail_enc", Bytes),
            ("created_by", Text),
            ("version", Int),
        ],
    ),
    TableDef::new(
        "request_transitions",
        &[
            ("org_id", Text),
            ("request_id", Text),
            ("seq", Int),
            ("from_status", Text),
            ("to_status", Text),
            ("reason_key", Text),
            ("actor", Text),
            ("at", Int),
        ],
    ),
];

/// One request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRow {
    pub id: String,
    pub kind: String,
    pub channel: String,
    pub status: String,
    pub received_at: i64,
    /// ISO date (`2026-01-31`), the organisation's calendar day at receipt.
    pub received_on: String,
    /// ISO date of the deadline in force.
    pub due_on: String,
    pub extended: bool,
    pub closed_at: Option<i64>,
    pub relation_id: Option<String>,
    pub requester_name_enc: Vec<u8>,
    pub requester_contact_enc: Vec<u8>,
    /// The verification, extension and refusal records (JSON), encrypted: notes and reasons are free text.
    pub detail_enc: Vec<u8>,
    pub created_by: String,
    pub version: i64,
}

/// One step in a request's history: keys only, never personal values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionRow {
    pub seq: i64,
    pub from_status: Option<String>,
    pub to_status: String,
    /// The refusal ground, verification method or other key that says why; no free text.
    pub reason_key: Option<String>,
    /// User id of the member, `None` for the data subject or the system.
    pub actor: Option<String>,
    pub at: i64,
}

const COLUMNS: &str = "id, kind, channel, status, received_at, received_on, due_on, extended, closed_at, \
     relation_id, requester_name_enc, requester_contact_enc, detail_enc, created_by, version";

fn row(r: &sqlx::any::AnyRow) -> Result<RequestRow> {
    Ok(RequestRow {
        id: r.try_get("id")?,
        kind: r.try_get("kind")?,
        channel: r.try_get("channel")?,
        status: r.try_get("status")?,
        received_at: r.try_get("received_at")?,
        received_on: r.try_get("received_on")?,
        due_on: r.try_get("due_on")?,
        extended: r.try_get::<i64, _>("extended")? != 0,
        closed_at: r.try_get("closed_at")?,
        relation_id: r.try_get("relation_id")?,
        requester_name_enc: r.try_get("requester_name_enc")?,
        requester_contact_enc: r.try_get("requester_contact_enc")?,
        detail_enc: r.try_get("detail_enc")?,
        created_by: r.try_get("created_by")?,
        version: r.try_get("version")?,
    })
}

fn transition(r: &sqlx::any::AnyRow) -> Result<TransitionRow> {
    Ok(TransitionRow {
        seq: r.try_get("seq")?,
        from_status: r.try_get("from_status")?,
        to_status: r.try_get("to_status")?,
        reason_key: r.try_get("reason_key")?,
        actor: r.try_get("actor")?,
        at: r.try_get("at")?,
    })
}

/// Reads of one organisation's requests.
pub struct RequestStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The data-subject requests of the organisation `scope` stands for.
    pub fn requests<'s>(&'s self, scope: &'s OrgScope) -> RequestStore<'s> {
        RequestStore { store: self, scope }
    }
}

impl RequestStore<'_> {
    /// Requests with `status` (all when `None`): open ones first by due date, then closed ones, newest first.
    pub async fn list(&self, status: Option<&str>) -> Result<Vec<RequestRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE org_id = $1 AND ($2 IS NULL OR status = $2) \
             ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, \
             CASE WHEN closed_at IS NULL THEN due_on ELSE '' END, closed_at DESC, received_at, id"
        )))
        .bind(self.scope.org_id())
        .bind(status)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(row).collect()
    }

    /// Open requests due on or before `until` (ISO date), earliest first: what the compliance check reports.
    pub async fn open_due_by(&self, until: &str) -> Result<Vec<RequestRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE org_id = $1 AND closed_at IS NULL AND due_on <= $2 \
             ORDER BY due_on, id"
        )))
        .bind(self.scope.org_id())
        .bind(until)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(row).collect()
    }

    pub async fn get(&self, id: &str) -> Result<Option<RequestRow>> {
        let mut c = self.store.pool().acquire().await?;
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *c)
        .await?;
        r.as_ref().map(row).transpose()
    }

    /// The steps taken on request `id`, oldest first.
    pub async fn history(&self, id: &str) -> Result<Vec<TransitionRow>> {
        let mut c = self.store.pool().acquire().await?;
        let rows = sqlx::query(
            "SELECT seq, from_status, to_status, reason_key, actor, at FROM request_transitions \
             WHERE org_id = $1 AND request_id = $2 ORDER BY seq",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(transition).collect()
    }

    /// Every request of the organisation, for key rotation.
    pub async fn all(&self) -> Result<Vec<RequestRow>> {
        self.list(None).await
    }
}

/// Request writes inside a transaction.
pub struct RequestTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl WriteTx {
    /// Request writes for the organisation `scope` stands for, inside this transaction.
    pub fn requests<'t>(&'t mut self, scope: &'t OrgScope) -> RequestTx<'t> {
        RequestTx {
            conn: self.conn(),
            scope,
        }
    }
}

impl RequestTx<'_> {
    pub async fn get(&mut self, id: &str) -> Result<Option<RequestRow>> {
        let r = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE org_id = $1 AND id = $2"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_optional(&mut *self.conn)
        .await?;
        r.as_ref().map(row).transpose()
    }

    /// Inserts a new request (its `version` as given, normally 1).
    pub async fn insert(&mut self, r: &RequestRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO requests (id, org_id, kind, channel, status, received_at, received_on, due_on, extended, \
             closed_at, relation_id, requester_name_enc, requester_contact_enc, detail_enc, created_by, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
        )
        .bind(&r.id)
        .bind(self.scope.org_id())
        .bind(&r.kind)
        .bind(&r.channel)
        .bind(&r.status)
        .bind(r.received_at)
        .bind(&r.received_on)
        .bind(&r.due_on)
        .bind(i64::from(r.extended))
        .bind(r.closed_at)
        .bind(&r.relation_id)
        .bind(&r.requester_name_enc)
        .bind(&r.requester_contact_enc)
        .bind(&r.detail_enc)
        .bind(&r.created_by)
        .bind(r.version)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Writes a step's outcome if the row is still at `r.version - 1`; a `Conflict` when someone else changed
    /// it in between.
    pub async fn update(&mut self, r: &RequestRow) -> Result<()> {
        let done = sqlx::query(
            "UPDATE requests SET status = $3, due_on = $4, extended = $5, closed_at = $6, detail_enc = $7, \
             version = $8 WHERE org_id = $1 AND id = $2 AND version = $9",
        )
        .bind(self.scope.org_id())
        .bind(&r.id)
        .bind(&r.status)
        .bind(&r.due_on)
        .bind(i64::from(r.extended))
        .bind(r.closed_at)
        .bind(&r.detail_enc)
        .bind(r.version)
        .bind(r.version - 1)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "the request was changed meanwhile; reload and try again".into(),
            ));
        }
        Ok(())
    }

    /// Links request `id` to relation `relation_id` (or unlinks it with `None`). NotFound if there is no request.
    pub async fn set_relation(&mut self, id: &str, relation_id: Option<&str>) -> Result<()> {
        crate::found(
            sqlx::query("UPDATE requests SET relation_id = $3 WHERE org_id = $1 AND id = $2")
                .bind(self.scope.org_id())
                .bind(id)
                .bind(relation_id)
                .execute(&mut *self.conn)
                .await?,
        )
    }

    /// Rewrites the encrypted columns (key rotation).
    pub async fn set_encrypted(
        &mut self,
        id: &str,
        name: &[u8],
        contact: &[u8],
        detail: &[u8],
    ) -> Result<()> {
        sqlx::query(
            "UPDATE requests SET requester_name_enc = $3, requester_contact_enc = $4, detail_enc = $5 \
             WHERE org_id = $1 AND id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(name)
        .bind(contact)
        .bind(detail)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Every request of the organisation, inside the transaction (key rotation).
    pub async fn all(&mut self) -> Result<Vec<RequestRow>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM requests WHERE org_id = $1 ORDER BY id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *self.conn)
        .await?;
        rows.iter().map(row).collect()
    }

    /// Appends a step to request `request_id`'s history, numbered after the last.
    pub async fn add_transition(&mut self, request_id: &str, t: &TransitionRow) -> Result<()> {
        let max: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(seq) FROM request_transitions WHERE org_id = $1 AND request_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(request_id)
        .fetch_one(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO request_transitions (org_id, request_id, seq, from_status, to_status, reason_key, \
             actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(self.scope.org_id())
        .bind(request_id)
        .bind(max.unwrap_or(0) + 1)
        .bind(&t.from_status)
        .bind(&t.to_status)
        .bind(&t.reason_key)
        .bind(&t.actor)
        .bind(t.at)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }
}
