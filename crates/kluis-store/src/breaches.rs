//! Personal-data breaches: one row per incident (the clock and the decision as columns, the rest one encrypted
//! value), its timeline, its notifications to the authority, and the people and documents it affects, counted
//! in SQL so a breach with thousands of linked relations opens without loading them.

use sqlx::{AnyConnection, Row as _};

use crate::dump::{Kind::Bytes, Kind::Int, Kind::Text, TableDef};
use crate::relations::placeholders;
use crate::{OrgScope, Result, Store, StoreError, WriteTx};

/// The breach module's tables, in load order.
pub static BREACH_TABLES: &[TableDef] = &[
    TableDef::new(
        "breaches",
        &[
            ("id", Text),
            ("org_id", Text),
            ("number", Int),
            ("origin", Text),
            ("recipient_id", Text),
            ("aware_at", Int),
            ("deadline_at", Int),
            ("risk", Text),
            ("decided_at", Int),
            ("notify_authority", Int),
            ("notify_people", Int),
            ("people_exception", Text),
            ("authority_notified_at", Int),
            ("people_told_at", Int),
            ("closed_at", Int),
            ("detail_enc", Bytes),
            ("created_by", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("version", Int),
        ],
    ),
    TableDef::new(
        "breach_events",
        &[
            ("org_id", Text),
            ("breach_id", Text),
            ("seq", Int),
            ("kind", Text),
            ("at", Int),
            ("actor", Text),
            ("note_enc", Bytes),
        ],
    ),
    TableDef::new(
        "breach_relations",
        &[
            ("org_id", Text),
            ("breach_id", Text),
            ("relation_id", Text),
            ("source", Text),
            ("excluded", Int),
            ("added_at", Int),
        ],
    ),
    TableDef::new(
        "breach_documents",
        &[
            ("org_id", Text),
            ("breach_id", Text),
            ("document_id", Text),
            ("source", Text),
            ("excluded", Int),
            ("added_at", Int),
        ],
    ),
    TableDef::new(
        "breach_notifications",
        &[
            ("org_id", Text),
            ("breach_id", Text),
            ("seq", Int),
            ("phase", Text),
            ("sent_at", Int),
            ("reference", Text),
            ("recorded_by", Text),
        ],
    ),
];

/// One breach as stored. Moments are Unix milliseconds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachRow {
    pub id: String,
    /// The organisation's running number, shown as the breach's reference.
    pub number: i64,
    /// `member` (registered by a member) or `processor` (reported through a processor's link).
    pub origin: String,
    /// The processor that reported it, when it came through a link.
    pub recipient_id: Option<String>,
    pub aware_at: i64,
    /// `aware_at` plus 72 hours (Art. 33(1)), so lists and checks filter in SQL.
    pub deadline_at: i64,
    pub risk: Option<String>,
    pub decided_at: Option<i64>,
    pub notify_authority: bool,
    pub notify_people: bool,
    pub people_exception: Option<String>,
    pub authority_notified_at: Option<i64>,
    pub people_told_at: Option<i64>,
    pub closed_at: Option<i64>,
    /// Everything written about the breach (JSON), encrypted.
    pub detail_enc: Vec<u8>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

/// One entry of a breach's timeline; the note is encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachEventRow {
    pub seq: i64,
    pub kind: String,
    pub at: i64,
    /// User id of the member, `None` for a processor or the system.
    pub actor: Option<String>,
    pub note_enc: Option<Vec<u8>>,
}

/// One notification to the authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachNotificationRow {
    pub seq: i64,
    pub phase: String,
    pub sent_at: i64,
    pub reference: Option<String>,
    pub recorded_by: String,
}

/// One person a breach affects, and how they came in (`source`: the selection's key, `document` when only
/// through an affected document, `hand` when added by hand).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedRelationRow {
    pub relation_id: String,
    pub source: String,
}

/// One document a breach affects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedDocumentRow {
    pub document_id: String,
    pub source: String,
    pub name: Option<String>,
    pub path: Option<String>,
}

/// How many people and documents a breach affects, from its links.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AffectedTotals {
    /// Distinct relations: linked directly or through an affected document, less those removed by hand.
    pub people: i64,
    pub documents: i64,
    /// Relations and documents removed by hand.
    pub excluded: i64,
}

const COLUMNS: &str = "id, number, origin, recipient_id, aware_at, deadline_at, risk, decided_at, notify_authority, \
     notify_people, people_exception, authority_notified_at, people_told_at, closed_at, detail_enc, created_by, \
     created_at, updated_at, version";

fn row(r: &sqlx::any::AnyRow) -> Result<BreachRow> {
    Ok(BreachRow {
        id: r.try_get("id")?,
        number: r.try_get("number")?,
        origin: r.try_get("origin")?,
        recipient_id: r.try_get("recipient_id")?,
        aware_at: r.try_get("aware_at")?,
        deadline_at: r.try_get("deadline_at")?,
        risk: r.try_get("risk")?,
        decided_at: r.try_get("decided_at")?,
        notify_authority: r.try_get::<i64, _>("notify_authority")? != 0,
        notify_people: r.try_get::<i64, _>("notify_people")? != 0,
        people_exception: r.try_get("people_exception")?,
        authority_notified_at: r.try_get("authority_notified_at")?,
        people_told_at: r.try_get("people_told_at")?,
        closed_at: r.try_get("closed_at")?,
        detail_enc: r.try_get("detail_enc")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        version: r.try_get("version")?,
    })
}

/// The people a breach affects: its own rows not removed, and the relations linked to its documents, less every
/// relation removed by hand. Parameters: `$1` organisation, `$2` breach.
const AFFECTED_PEOPLE: &str = "SELECT p.relation_id, MIN(p.source) AS source FROM (\
     SELECT relation_id, source FROM breach_relations WHERE org_id = $1 AND breach_id = $2 AND excluded = 0 \
     UNION ALL \
     SELECT l.relation_id, 'document' AS source FROM breach_documents d CROSS JOIN document_links l \
     WHERE d.org_id = $1 AND d.breach_id = $2 AND d.excluded = 0 AND l.org_id = $1 \
     AND l.document_id = d.document_id AND l.state <> 'removed') p \
     WHERE NOT EXISTS (SELECT 1 FROM breach_relations x WHERE x.breach_id = $2 \
     AND x.relation_id = p.relation_id AND x.excluded = 1) GROUP BY p.relation_id";

async fn totals(c: &mut AnyConnection, org: &str, breach: &str) -> Result<AffectedTotals> {
    let people: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM ({AFFECTED_PEOPLE}) a"
    )))
    .bind(org)
    .bind(breach)
    .fetch_one(&mut *c)
    .await?;
    let documents: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM breach_documents WHERE org_id = $1 AND breach_id = $2 AND excluded = 0",
    )
    .bind(org)
    .bind(breach)
    .fetch_one(&mut *c)
    .await?;
    let excluded: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM breach_relations WHERE org_id = $1 AND breach_id = $2 AND excluded = 1) \
         + (SELECT COUNT(*) FROM breach_documents WHERE org_id = $1 AND breach_id = $2 AND excluded = 1)",
    )
    .bind(org)
    .bind(breach)
    .fetch_one(&mut *c)
    .await?;
    Ok(AffectedTotals {
        people,
        documents,
        excluded,
    })
}

/// Reads of one organisation's breaches.
pub struct BreachStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The breaches of the organisation `scope` stands for.
    pub fn breaches<'s>(&'s self, scope: &'s OrgScope) -> BreachStore<'s> {
        BreachStore { store: self, scope }
    }
}

impl BreachStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    /// Every breach: open ones first by deadline, then closed ones, newest first.
    pub async fn list(&self) -> Result<Vec<BreachRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM breaches WHERE org_id = $1 \
             ORDER BY CASE WHEN closed_at IS NULL THEN 0 ELSE 1 END, \
             CASE WHEN closed_at IS NULL THEN deadline_at ELSE 0 END, aware_at DESC, id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(row).collect()
    }

    /// Open breaches, earliest deadline first: what the dashboard and the compliance check read.
    pub async fn open(&self) -> Result<Vec<BreachRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM breaches WHERE org_id = $1 AND closed_at IS NULL ORDER BY deadline_at, id"
        )))
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter().map(row).collect()
    }

    /// Breach `id`, or by its number when `id` is all digits.
    pub async fn get(&self, id: &str) -> Result<Option<BreachRow>> {
        let mut c = self.conn().await?;
        get(&mut c, self.scope.org_id(), id).await
    }

    /// The timeline of breach `id`, oldest first.
    pub async fn events(&self, id: &str) -> Result<Vec<BreachEventRow>> {
        let mut c = self.conn().await?;
        events(&mut c, self.scope.org_id(), id).await
    }

    /// The notifications to the authority of breach `id`, oldest first.
    pub async fn notifications(&self, id: &str) -> Result<Vec<BreachNotificationRow>> {
        let mut c = self.conn().await?;
        notifications(&mut c, self.scope.org_id(), id).await
    }

    /// How many people and documents breach `id` affects.
    pub async fn totals(&self, id: &str) -> Result<AffectedTotals> {
        let mut c = self.conn().await?;
        totals(&mut c, self.scope.org_id(), id).await
    }

    /// A page of the people breach `id` affects, by relation id.
    pub async fn affected_relations(
        &self,
        id: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<AffectedRelationRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{AFFECTED_PEOPLE} ORDER BY p.relation_id LIMIT $3 OFFSET $4"
        )))
        .bind(self.scope.org_id())
        .bind(id)
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AffectedRelationRow {
                    relation_id: r.try_get("relation_id")?,
                    source: r.try_get("source")?,
                })
            })
            .collect()
    }

    /// The relations removed from breach `id` by hand.
    pub async fn excluded_relations(&self, id: &str) -> Result<Vec<String>> {
        let mut c = self.conn().await?;
        Ok(sqlx::query_scalar(
            "SELECT relation_id FROM breach_relations WHERE org_id = $1 AND breach_id = $2 AND excluded = 1 \
             ORDER BY relation_id",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_all(&mut *c)
        .await?)
    }

    /// The documents breach `id` affects (or, with `excluded`, those removed by hand), at most `limit`, with names.
    pub async fn affected_documents(
        &self,
        id: &str,
        excluded: bool,
        limit: i64,
    ) -> Result<Vec<AffectedDocumentRow>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT b.document_id, b.source, d.name, d.path FROM breach_documents b \
             LEFT JOIN documents d ON d.id = b.document_id AND d.org_id = b.org_id \
             WHERE b.org_id = $1 AND b.breach_id = $2 AND b.excluded = $3 ORDER BY d.path, b.document_id LIMIT $4",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(i64::from(excluded))
        .bind(limit)
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(AffectedDocumentRow {
                    document_id: r.try_get("document_id")?,
                    source: r.try_get("source")?,
                    name: r.try_get("name")?,
                    path: r.try_get("path")?,
                })
            })
            .collect()
    }
}

async fn get(c: &mut AnyConnection, org: &str, id: &str) -> Result<Option<BreachRow>> {
    let by_number = !id.is_empty() && id.len() < 12 && id.bytes().all(|b| b.is_ascii_digit());
    let r = if by_number {
        let number: i64 = id.parse().unwrap_or(0);
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM breaches WHERE org_id = $1 AND number = $2"
        )))
        .bind(org)
        .bind(number)
        .fetch_optional(&mut *c)
        .await?
    } else {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM breaches WHERE org_id = $1 AND id = $2"
        )))
        .bind(org)
        .bind(id)
        .fetch_optional(&mut *c)
        .await?
    };
    r.as_ref().map(row).transpose()
}

fn notification(r: &sqlx::any::AnyRow) -> Result<BreachNotificationRow> {
    Ok(BreachNotificationRow {
        seq: r.try_get("seq")?,
        phase: r.try_get("phase")?,
        sent_at: r.try_get("sent_at")?,
        reference: r.try_get("reference")?,
        recorded_by: r.try_get("recorded_by")?,
    })
}

async fn notifications(
    c: &mut AnyConnection,
    org: &str,
    id: &str,
) -> Result<Vec<BreachNotificationRow>> {
    let rows = sqlx::query(
        "SELECT seq, phase, sent_at, reference, recorded_by FROM breach_notifications \
         WHERE org_id = $1 AND breach_id = $2 ORDER BY seq",
    )
    .bind(org)
    .bind(id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter().map(notification).collect()
}

async fn events(c: &mut AnyConnection, org: &str, id: &str) -> Result<Vec<BreachEventRow>> {
    let rows = sqlx::query(
        "SELECT seq, kind, at, actor, note_enc FROM breach_events WHERE org_id = $1 AND breach_id = $2 ORDER BY seq",
    )
    .bind(org)
    .bind(id)
    .fetch_all(&mut *c)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(BreachEventRow {
                seq: r.try_get("seq")?,
                kind: r.try_get("kind")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                note_enc: r.try_get("note_enc")?,
            })
        })
        .collect()
}

/// Breach writes inside a transaction.
pub struct BreachTx<'t> {
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl WriteTx {
    /// Breach writes for the organisation `scope` stands for, inside this transaction.
    pub fn breaches<'t>(&'t mut self, scope: &'t OrgScope) -> BreachTx<'t> {
        BreachTx {
            conn: self.conn(),
            scope,
        }
    }
}

/// At most this many ids per statement (SQLite binds cost the square of their number).
const IDS_PER_STATEMENT: usize = 200;

impl BreachTx<'_> {
    fn org(&self) -> String {
        self.scope.org_id().to_owned()
    }

    pub async fn get(&mut self, id: &str) -> Result<Option<BreachRow>> {
        let org = self.org();
        get(self.conn, &org, id).await
    }

    /// The number the next breach gets.
    pub async fn next_number(&mut self) -> Result<i64> {
        let max: Option<i64> =
            sqlx::query_scalar("SELECT MAX(number) FROM breaches WHERE org_id = $1")
                .bind(self.scope.org_id())
                .fetch_one(&mut *self.conn)
                .await?;
        Ok(max.unwrap_or(0) + 1)
    }

    pub async fn insert(&mut self, b: &BreachRow) -> Result<()> {
        sqlx::query(
            "INSERT INTO breaches (id, org_id, number, origin, recipient_id, aware_at, deadline_at, risk, decided_at, \
             notify_authority, notify_people, people_exception, authority_notified_at, people_told_at, closed_at, \
             detail_enc, created_by, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
        )
        .bind(&b.id)
        .bind(self.scope.org_id())
        .bind(b.number)
        .bind(&b.origin)
        .bind(&b.recipient_id)
        .bind(b.aware_at)
        .bind(b.deadline_at)
        .bind(&b.risk)
        .bind(b.decided_at)
        .bind(i64::from(b.notify_authority))
        .bind(i64::from(b.notify_people))
        .bind(&b.people_exception)
        .bind(b.authority_notified_at)
        .bind(b.people_told_at)
        .bind(b.closed_at)
        .bind(&b.detail_enc)
        .bind(&b.created_by)
        .bind(b.created_at)
        .bind(b.updated_at)
        .bind(b.version)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Writes `b` if the row is still at `b.version - 1`; a `Conflict` when someone changed it in between.
    pub async fn update(&mut self, b: &BreachRow) -> Result<()> {
        let done = sqlx::query(
            "UPDATE breaches SET aware_at = $3, deadline_at = $4, risk = $5, decided_at = $6, notify_authority = $7, \
             notify_people = $8, people_exception = $9, authority_notified_at = $10, people_told_at = $11, \
             closed_at = $12, detail_enc = $13, updated_at = $14, version = $15 \
             WHERE org_id = $1 AND id = $2 AND version = $16",
        )
        .bind(self.scope.org_id())
        .bind(&b.id)
        .bind(b.aware_at)
        .bind(b.deadline_at)
        .bind(&b.risk)
        .bind(b.decided_at)
        .bind(i64::from(b.notify_authority))
        .bind(i64::from(b.notify_people))
        .bind(&b.people_exception)
        .bind(b.authority_notified_at)
        .bind(b.people_told_at)
        .bind(b.closed_at)
        .bind(&b.detail_enc)
        .bind(b.updated_at)
        .bind(b.version)
        .bind(b.version - 1)
        .execute(&mut *self.conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Conflict(
                "the breach was changed meanwhile; reload and try again".into(),
            ));
        }
        Ok(())
    }

    /// Appends an entry to breach `id`'s timeline, numbered after the last.
    pub async fn add_event(&mut self, id: &str, e: &BreachEventRow) -> Result<()> {
        let max: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(seq) FROM breach_events WHERE org_id = $1 AND breach_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_one(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO breach_events (org_id, breach_id, seq, kind, at, actor, note_enc) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(max.unwrap_or(0) + 1)
        .bind(&e.kind)
        .bind(e.at)
        .bind(&e.actor)
        .bind(&e.note_enc)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// The notifications sent so far, oldest first (to check the next phase inside the transaction).
    pub async fn notifications(&mut self, id: &str) -> Result<Vec<BreachNotificationRow>> {
        let org = self.org();
        notifications(self.conn, &org, id).await
    }

    /// Records a notification to the authority, numbered after the last.
    pub async fn add_notification(&mut self, id: &str, n: &BreachNotificationRow) -> Result<()> {
        let max: Option<i64> = sqlx::query_scalar(
            "SELECT MAX(seq) FROM breach_notifications WHERE org_id = $1 AND breach_id = $2",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .fetch_one(&mut *self.conn)
        .await?;
        sqlx::query(
            "INSERT INTO breach_notifications (org_id, breach_id, seq, phase, sent_at, reference, recorded_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(max.unwrap_or(0) + 1)
        .bind(&n.phase)
        .bind(n.sent_at)
        .bind(&n.reference)
        .bind(&n.recorded_by)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Links the organisation's relations among `ids` to breach `id` (ids of other organisations or unknown ids
    /// link nothing). A relation already linked keeps its row: one removed by hand stays removed.
    pub async fn add_relations(
        &mut self,
        id: &str,
        ids: &[String],
        source: &str,
        now: i64,
    ) -> Result<u64> {
        let mut added = 0;
        for chunk in ids.chunks(IDS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO breach_relations (org_id, breach_id, relation_id, source, excluded, added_at) \
                 SELECT $1, $2, r.id, $3, 0, $4 FROM relations r WHERE r.org_id = $1 AND r.id IN ({}) \
                 ON CONFLICT (breach_id, relation_id) DO NOTHING",
                placeholders(5, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.scope.org_id())
                .bind(id)
                .bind(source)
                .bind(now);
            for i in chunk {
                q = q.bind(i.clone());
            }
            added += q.execute(&mut *self.conn).await?.rows_affected();
        }
        Ok(added)
    }

    /// Links every relation of the given kinds (`relations.kind`) to breach `id`.
    pub async fn add_relations_of_kinds(
        &mut self,
        id: &str,
        kinds: &[&str],
        source: &str,
        now: i64,
    ) -> Result<u64> {
        if kinds.is_empty() {
            return Ok(0);
        }
        let sql = format!(
            "INSERT INTO breach_relations (org_id, breach_id, relation_id, source, excluded, added_at) \
             SELECT $1, $2, r.id, $3, 0, $4 FROM relations r WHERE r.org_id = $1 AND r.kind IN ({}) \
             ON CONFLICT (breach_id, relation_id) DO NOTHING",
            placeholders(5, kinds.len())
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(id)
            .bind(source)
            .bind(now);
        for k in kinds {
            q = q.bind(*k);
        }
        Ok(q.execute(&mut *self.conn).await?.rows_affected())
    }

    /// Links every relation holding the tag with blind index `tag_index`.
    pub async fn add_relations_with_tag(
        &mut self,
        id: &str,
        tag_index: &str,
        source: &str,
        now: i64,
    ) -> Result<u64> {
        Ok(sqlx::query(
            "INSERT INTO breach_relations (org_id, breach_id, relation_id, source, excluded, added_at) \
             SELECT $1, $2, t.relation_id, $3, 0, $4 FROM relation_tags t WHERE t.org_id = $1 AND t.tag_index = $5 \
             ON CONFLICT (breach_id, relation_id) DO NOTHING",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(source)
        .bind(now)
        .bind(tag_index)
        .execute(&mut *self.conn)
        .await?
        .rows_affected())
    }

    /// Links the relations holding a value or match key whose blind index is one of `indexes` (an uploaded list
    /// of identifiers), and the documents with a finding of one of them. Returns (relations, documents) added.
    pub async fn add_by_indexes(
        &mut self,
        id: &str,
        indexes: &[String],
        source: &str,
        now: i64,
    ) -> Result<(u64, u64)> {
        let (mut relations, mut documents) = (0, 0);
        for chunk in indexes.chunks(IDS_PER_STATEMENT) {
            let list = placeholders(5, chunk.len());
            for sql in [
                format!(
                    "INSERT INTO breach_relations (org_id, breach_id, relation_id, source, excluded, added_at) \
                     SELECT DISTINCT $1, $2, v.relation_id, $3, 0, $4 FROM relation_values v \
                     WHERE v.org_id = $1 AND v.value_index IN ({list}) \
                     ON CONFLICT (breach_id, relation_id) DO NOTHING"
                ),
                format!(
                    "INSERT INTO breach_relations (org_id, breach_id, relation_id, source, excluded, added_at) \
                     SELECT DISTINCT $1, $2, k.relation_id, $3, 0, $4 FROM relation_match_keys k \
                     WHERE k.org_id = $1 AND k.value_index IN ({list}) \
                     ON CONFLICT (breach_id, relation_id) DO NOTHING"
                ),
                // A finding inside a container member names the top-level document.
                format!(
                    "INSERT INTO breach_documents (org_id, breach_id, document_id, source, excluded, added_at) \
                     SELECT DISTINCT $1, $2, COALESCE(d.parent_id, d.id), $3, 0, $4 \
                     FROM document_findings f CROSS JOIN documents d \
                     WHERE f.org_id = $1 AND f.value_index IN ({list}) AND d.id = f.document_id AND d.org_id = $1 \
                     ON CONFLICT (breach_id, document_id) DO NOTHING"
                ),
            ] {
                let is_documents = sql.contains("breach_documents");
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(self.scope.org_id())
                    .bind(id)
                    .bind(source)
                    .bind(now);
                for i in chunk {
                    q = q.bind(i.clone());
                }
                let n = q.execute(&mut *self.conn).await?.rows_affected();
                if is_documents {
                    documents += n;
                } else {
                    relations += n;
                }
            }
        }
        Ok((relations, documents))
    }

    /// Links the organisation's top-level documents among `ids`.
    pub async fn add_documents(
        &mut self,
        id: &str,
        ids: &[String],
        source: &str,
        now: i64,
    ) -> Result<u64> {
        let mut added = 0;
        for chunk in ids.chunks(IDS_PER_STATEMENT) {
            let sql = format!(
                "INSERT INTO breach_documents (org_id, breach_id, document_id, source, excluded, added_at) \
                 SELECT $1, $2, d.id, $3, 0, $4 FROM documents d WHERE d.org_id = $1 AND d.parent_id IS NULL \
                 AND d.id IN ({}) ON CONFLICT (breach_id, document_id) DO NOTHING",
                placeholders(5, chunk.len())
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(self.scope.org_id())
                .bind(id)
                .bind(source)
                .bind(now);
            for i in chunk {
                q = q.bind(i.clone());
            }
            added += q.execute(&mut *self.conn).await?.rows_affected();
        }
        Ok(added)
    }

    /// Links every top-level document whose path starts with `folder` (a folder of an upload or import).
    pub async fn add_documents_in_folder(
        &mut self,
        id: &str,
        folder: &str,
        source: &str,
        now: i64,
    ) -> Result<u64> {
        // substr/length rather than LIKE: the same on both backends, and no wildcard in a folder name matters.
        Ok(sqlx::query(
            "INSERT INTO breach_documents (org_id, breach_id, document_id, source, excluded, added_at) \
             SELECT $1, $2, d.id, $3, 0, $4 FROM documents d WHERE d.org_id = $1 AND d.parent_id IS NULL \
             AND substr(d.path, 1, length($5)) = $5 ON CONFLICT (breach_id, document_id) DO NOTHING",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(source)
        .bind(now)
        .bind(folder)
        .execute(&mut *self.conn)
        .await?
        .rows_affected())
    }

    /// A hand correction: relation `relation_id` is (`excluded = false`) or is not affected. Wins over every
    /// selection, before and after. NotFound when the organisation has no such relation.
    pub async fn set_relation(
        &mut self,
        id: &str,
        relation_id: &str,
        excluded: bool,
        now: i64,
    ) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO breach_relations (org_id, breach_id, relation_id, source, excluded, added_at) \
             SELECT $1, $2, r.id, 'hand', $4, $5 FROM relations r WHERE r.org_id = $1 AND r.id = $3 \
             ON CONFLICT (breach_id, relation_id) DO UPDATE SET excluded = $4, source = 'hand'",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(relation_id)
        .bind(i64::from(excluded))
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        crate::found(done)
    }

    /// A hand correction for document `document_id`, like [`BreachTx::set_relation`].
    pub async fn set_document(
        &mut self,
        id: &str,
        document_id: &str,
        excluded: bool,
        now: i64,
    ) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO breach_documents (org_id, breach_id, document_id, source, excluded, added_at) \
             SELECT $1, $2, d.id, 'hand', $4, $5 FROM documents d WHERE d.org_id = $1 AND d.id = $3 \
             AND d.parent_id IS NULL \
             ON CONFLICT (breach_id, document_id) DO UPDATE SET excluded = $4, source = 'hand'",
        )
        .bind(self.scope.org_id())
        .bind(id)
        .bind(document_id)
        .bind(i64::from(excluded))
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        crate::found(done)
    }

    /// How many people and documents breach `id` affects, inside the transaction.
    pub async fn totals(&mut self, id: &str) -> Result<AffectedTotals> {
        let org = self.org();
        totals(self.conn, &org, id).await
    }

    /// Every breach with its timeline notes, for key rotation.
    pub async fn all(&mut self) -> Result<Vec<(BreachRow, Vec<BreachEventRow>)>> {
        let org = self.org();
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} FROM breaches WHERE org_id = $1 ORDER BY id"
        )))
        .bind(&org)
        .fetch_all(&mut *self.conn)
        .await?
        .iter()
        .map(row)
        .collect::<Result<Vec<_>>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for b in rows {
            let ev = events(self.conn, &org, &b.id).await?;
            out.push((b, ev));
        }
        Ok(out)
    }

    /// Rewrites the encrypted columns of breach `id` (key rotation).
    pub async fn set_encrypted(
        &mut self,
        id: &str,
        detail: &[u8],
        notes: &[(i64, Vec<u8>)],
    ) -> Result<()> {
        sqlx::query("UPDATE breaches SET detail_enc = $3 WHERE org_id = $1 AND id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .bind(detail)
            .execute(&mut *self.conn)
            .await?;
        for (seq, note) in notes {
            sqlx::query(
                "UPDATE breach_events SET note_enc = $4 WHERE org_id = $1 AND breach_id = $2 AND seq = $3",
            )
            .bind(self.scope.org_id())
            .bind(id)
            .bind(seq)
            .bind(note)
            .execute(&mut *self.conn)
            .await?;
        }
        Ok(())
    }
}
