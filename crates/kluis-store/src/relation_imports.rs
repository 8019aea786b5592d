//! Imports of customer files into relations: the import's progress row, the mappings remembered per organisation,
//! and the batch writes of the import path (multi-row inserts of relations and their values in one transaction per
//! batch). Tenant tables, reachable only through an [`OrgScope`]; every query binds `org_id = $1`.

use std::collections::HashMap;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row as _};

use crate::dump::Kind::{Int, Text};
use crate::dump::TableDef;
use crate::relations::{RelationNoteRow, RelationRow};
use crate::{Backend, OrgScope, Result, Store, WriteTx, found, values_placeholders};

/// The import module's tables, in load order.
pub static RELATION_IMPORT_TABLES: &[TableDef] = &[
    TableDef {
        name: "relation_imports",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("file_name", Text),
            ("file_kind", Text),
            ("size", Int),
            ("blob_key", Text),
            ("status", Text),
            ("dry_run", Int),
            ("mapping", Text),
            ("bytes_read", Int),
            ("rows_read", Int),
            ("next_row", Int),
            ("imported", Int),
            ("skipped", Int),
            ("duplicates", Int),
            ("problems", Text),
            ("error", Text),
            ("created_by", Text),
            ("created_at", Int),
            ("updated_at", Int),
            ("finished_at", Int),
        ],
    },
    TableDef {
        name: "relation_import_presets",
        columns: &[
            ("org_id", Text),
            ("name", Text),
            ("mapping", Text),
            ("created_by", Text),
            ("updated_at", Int),
        ],
    },
];

/// One import as stored. `status` is the application's vocabulary (`uploaded`, `queued`, `running`, `done`,
/// `failed`); `mapping` and `problems` are JSON the application reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationImportRow {
    pub id: String,
    pub file_name: String,
    pub file_kind: String,
    pub size: i64,
    pub blob_key: Option<String>,
    pub status: String,
    pub dry_run: bool,
    pub mapping: Option<String>,
    pub bytes_read: i64,
    pub rows_read: i64,
    /// Every row before this one is committed or refused: where an interrupted import continues.
    pub next_row: i64,
    pub imported: i64,
    pub skipped: i64,
    pub duplicates: i64,
    pub problems: String,
    pub error: Option<String>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

/// The progress of an import after one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProgress {
    pub status: String,
    pub bytes_read: i64,
    pub rows_read: i64,
    pub next_row: i64,
    pub imported: i64,
    pub skipped: i64,
    pub duplicates: i64,
    pub problems: String,
    pub error: Option<String>,
    pub updated_at: i64,
    pub finished_at: Option<i64>,
}

const IMPORT_COLUMNS: &str = "id, file_name, file_kind, size, blob_key, status, dry_run, mapping, bytes_read, \
     rows_read, next_row, imported, skipped, duplicates, problems, error, created_by, created_at, updated_at, \
     finished_at";

fn import_from_row(r: &AnyRow) -> Result<RelationImportRow> {
    let dry: i64 = r.try_get("dry_run")?;
    Ok(RelationImportRow {
        id: r.try_get("id")?,
        file_name: r.try_get("file_name")?,
        file_kind: r.try_get("file_kind")?,
        size: r.try_get("size")?,
        blob_key: r.try_get("blob_key")?,
        status: r.try_get("status")?,
        dry_run: dry != 0,
        mapping: r.try_get("mapping")?,
        bytes_read: r.try_get("bytes_read")?,
        rows_read: r.try_get("rows_read")?,
        next_row: r.try_get("next_row")?,
        imported: r.try_get("imported")?,
        skipped: r.try_get("skipped")?,
        duplicates: r.try_get("duplicates")?,
        problems: r.try_get("problems")?,
        error: r.try_get("error")?,
        created_by: r.try_get("created_by")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
        finished_at: r.try_get("finished_at")?,
    })
}

// Statements bind their parameters anonymously on SQLite (see `values_placeholders`), so their size is bounded
// only by SQLite's limit of 32,766 parameters; about a thousand keeps each statement's text and argument list
// small. The statement text repeats, so it stays prepared.
/// Relations per multi-row INSERT (8 bound values each).
const RELATIONS_PER_INSERT: usize = 125;
/// Values per multi-row INSERT (5 bound values each).
const VALUES_PER_INSERT: usize = 200;
/// Blind indexes per `IN (…)` lookup.
const INDEXES_PER_LOOKUP: usize = 128;

/// Reads of one organisation's imports and presets.
pub struct RelationImportStore<'s> {
    store: &'s Store,
    scope: &'s OrgScope,
}

impl Store {
    /// The relation imports of the organisation `scope` stands for.
    pub fn relation_imports<'s>(&'s self, scope: &'s OrgScope) -> RelationImportStore<'s> {
        RelationImportStore { store: self, scope }
    }
}

impl WriteTx {
    /// Import writes for the organisation `scope` stands for, inside this transaction.
    pub fn relation_imports<'t>(&'t mut self, scope: &'t OrgScope) -> RelationImportTx<'t> {
        RelationImportTx {
            backend: self.backend(),
            conn: self.conn(),
            scope,
        }
    }
}

impl RelationImportStore<'_> {
    async fn conn(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.store.pool().acquire().await?)
    }

    pub async fn get(&self, id: &str) -> Result<Option<RelationImportRow>> {
        let mut c = self.conn().await?;
        let sql =
            format!("SELECT {IMPORT_COLUMNS} FROM relation_imports WHERE org_id = $1 AND id = $2");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(id)
            .fetch_optional(&mut *c)
            .await?
            .as_ref()
            .map(import_from_row)
            .transpose()
    }

    /// The latest imports, newest first.
    pub async fn list(&self, limit: i64) -> Result<Vec<RelationImportRow>> {
        let mut c = self.conn().await?;
        let sql = format!(
            "SELECT {IMPORT_COLUMNS} FROM relation_imports WHERE org_id = $1 \
             ORDER BY created_at DESC, id DESC LIMIT $2"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(limit)
            .fetch_all(&mut *c)
            .await?
            .iter()
            .map(import_from_row)
            .collect()
    }

    /// The remembered mappings as (name, JSON), by name.
    pub async fn presets(&self) -> Result<Vec<(String, String)>> {
        let mut c = self.conn().await?;
        let rows = sqlx::query(
            "SELECT name, mapping FROM relation_import_presets WHERE org_id = $1 ORDER BY name",
        )
        .bind(self.scope.org_id())
        .fetch_all(&mut *c)
        .await?;
        rows.iter()
            .map(|r| Ok((r.try_get("name")?, r.try_get("mapping")?)))
            .collect()
    }

    /// Of the blind indexes `indexes` of `field`, those some relation of the organisation already holds.
    pub async fn held_indexes(&self, field: &str, indexes: &[String]) -> Result<Vec<String>> {
        if indexes.is_empty() {
            return Ok(Vec::new());
        }
        let mut c = self.conn().await?;
        let mut out = Vec::new();
        for chunk in indexes.chunks(INDEXES_PER_LOOKUP) {
            let sql = format!(
                "SELECT DISTINCT value_index FROM relation_values WHERE org_id = $1 AND value_index IN ({}) \
                 AND field = ${}",
                (2..chunk.len() + 2)
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                chunk.len() + 2
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
            for i in chunk {
                q = q.bind(i.clone());
            }
            for r in q.bind(field).fetch_all(&mut *c).await? {
                out.push(r.try_get("value_index")?);
            }
        }
        Ok(out)
    }

    /// The companies whose name has one of the blind indexes `indexes`: index → the oldest such company's id.
    pub async fn companies_by_name_index(
        &self,
        indexes: &[String],
    ) -> Result<HashMap<String, String>> {
        let mut out = HashMap::new();
        if indexes.is_empty() {
            return Ok(out);
        }
        let mut c = self.conn().await?;
        for chunk in indexes.chunks(INDEXES_PER_LOOKUP) {
            let sql = format!(
                "SELECT v.value_index, r.id FROM relation_values v JOIN relations r \
                 ON r.id = v.relation_id AND r.org_id = v.org_id \
                 WHERE v.org_id = $1 AND v.field = 'company_name' AND r.party = 'company' \
                 AND v.value_index IN ({}) ORDER BY r.created_at, r.id",
                (2..chunk.len() + 2)
                    .map(|i| format!("${i}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(self.scope.org_id());
            for i in chunk {
                q = q.bind(i.clone());
            }
            for r in q.fetch_all(&mut *c).await? {
                let index: String = r.try_get("value_index")?;
                let id: String = r.try_get("id")?;
                out.entry(index).or_insert(id);
            }
        }
        Ok(out)
    }
}

/// Import writes inside one transaction.
pub struct RelationImportTx<'t> {
    backend: Backend,
    conn: &'t mut AnyConnection,
    scope: &'t OrgScope,
}

impl RelationImportTx<'_> {
    pub async fn insert(&mut self, r: &RelationImportRow) -> Result<()> {
        let sql = format!(
            "INSERT INTO relation_imports (org_id, {IMPORT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
             $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21)"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(self.scope.org_id())
            .bind(&r.id)
            .bind(&r.file_name)
            .bind(&r.file_kind)
            .bind(r.size)
            .bind(r.blob_key.clone())
            .bind(&r.status)
            .bind(i64::from(r.dry_run))
            .bind(r.mapping.clone())
            .bind(r.bytes_read)
            .bind(r.rows_read)
            .bind(r.next_row)
            .bind(r.imported)
            .bind(r.skipped)
            .bind(r.duplicates)
            .bind(&r.problems)
            .bind(r.error.clone())
            .bind(&r.created_by)
            .bind(r.created_at)
            .bind(r.updated_at)
            .bind(r.finished_at)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Queues an uploaded import with its mapping (only from `uploaded`, or again after it failed). NotFound
    /// otherwise, so an import cannot be started twice.
    pub async fn queue(&mut self, id: &str, mapping: &str, dry_run: bool, now: i64) -> Result<()> {
        found(
            sqlx::query(
                "UPDATE relation_imports SET status = 'queued', mapping = $3, dry_run = $4, updated_at = $5, \
                 error = NULL WHERE org_id = $1 AND id = $2 AND status IN ('uploaded', 'failed')",
            )
            .bind(self.scope.org_id())
            .bind(id)
            .bind(mapping)
            .bind(i64::from(dry_run))
            .bind(now)
            .execute(&mut *self.conn)
            .await?,
        )
    }

    /// Records the progress after a batch.
    pub async fn progress(&mut self, id: &str, p: &ImportProgress) -> Result<()> {
        found(
            sqlx::query(
                "UPDATE relation_imports SET status = $3, bytes_read = $4, rows_read = $5, next_row = $6, \
                 imported = $7, skipped = $8, duplicates = $9, problems = $10, error = $11, updated_at = $12, \
                 finished_at = $13 WHERE org_id = $1 AND id = $2",
            )
            .bind(self.scope.org_id())
            .bind(id)
            .bind(&p.status)
            .bind(p.bytes_read)
            .bind(p.rows_read)
            .bind(p.next_row)
            .bind(p.imported)
            .bind(p.skipped)
            .bind(p.duplicates)
            .bind(&p.problems)
            .bind(p.error.clone())
            .bind(p.updated_at)
            .bind(p.finished_at)
            .execute(&mut *self.conn)
            .await?,
        )
    }

    /// Forgets the stored upload (its bytes are deleted by the caller).
    pub async fn clear_blob(&mut self, id: &str) -> Result<()> {
        sqlx::query("UPDATE relation_imports SET blob_key = NULL WHERE org_id = $1 AND id = $2")
            .bind(self.scope.org_id())
            .bind(id)
            .execute(&mut *self.conn)
            .await?;
        Ok(())
    }

    /// Remembers a mapping under `name`, replacing one of that name.
    pub async fn upsert_preset(
        &mut self,
        name: &str,
        mapping: &str,
        by: &str,
        now: i64,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO relation_import_presets (org_id, name, mapping, created_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (org_id, name) DO UPDATE SET mapping = $3, \
             created_by = $4, updated_at = $5",
        )
        .bind(self.scope.org_id())
        .bind(name)
        .bind(mapping)
        .bind(by)
        .bind(now)
        .execute(&mut *self.conn)
        .await?;
        Ok(())
    }

    /// Inserts new relations (version 1) with their values, tags and notes, in multi-row statements: the import's
    /// batch write. The rows must be this organisation's (sealed for it by the caller).
    pub async fn insert_relations(
        &mut self,
        rows: &[RelationRow],
        notes: &[RelationNoteRow],
    ) -> Result<()> {
        for chunk in rows.chunks(RELATIONS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO relations (org_id, id, party, kind, company_id, created_by, created_at, \
                 updated_at, version) VALUES {}",
                values_placeholders(self.backend, chunk.len(), 8, ", 1")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for r in chunk {
                q = q
                    .bind(self.scope.org_id())
                    .bind(&r.id)
                    .bind(r.party.as_str())
                    .bind(r.kind.as_str())
                    .bind(r.company_id.clone())
                    .bind(&r.created_by)
                    .bind(r.created_at)
                    .bind(r.updated_at);
            }
            q.execute(&mut *self.conn).await?;
        }
        let values: Vec<(&str, &crate::RelationValueRow)> = rows
            .iter()
            .flat_map(|r| r.values.iter().map(move |v| (r.id.as_str(), v)))
            .collect();
        for chunk in values.chunks(VALUES_PER_INSERT) {
            let sql = format!(
                "INSERT INTO relation_values (org_id, relation_id, field, value_enc, value_index) VALUES {}",
                values_placeholders(self.backend, chunk.len(), 5, "")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, v) in chunk {
                q = q
                    .bind(self.scope.org_id())
                    .bind(*id)
                    .bind(v.field.as_str())
                    .bind(&v.value_enc)
                    .bind(v.value_index.clone());
            }
            q.execute(&mut *self.conn).await?;
        }
        let tags: Vec<(&str, &crate::RelationTagRow)> = rows
            .iter()
            .flat_map(|r| r.tags.iter().map(move |t| (r.id.as_str(), t)))
            .collect();
        for chunk in tags.chunks(VALUES_PER_INSERT) {
            let sql = format!(
                "INSERT INTO relation_tags (org_id, relation_id, tag_index, tag_enc) VALUES {}",
                values_placeholders(self.backend, chunk.len(), 4, "")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (id, t) in chunk {
                q = q
                    .bind(self.scope.org_id())
                    .bind(*id)
                    .bind(&t.tag_index)
                    .bind(&t.tag_enc);
            }
            q.execute(&mut *self.conn).await?;
        }
        for chunk in notes.chunks(VALUES_PER_INSERT) {
            let sql = format!(
                "INSERT INTO relation_notes (org_id, id, relation_id, body_enc, created_by, created_at) VALUES {}",
                values_placeholders(self.backend, chunk.len(), 6, "")
            );
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for n in chunk {
                q = q
                    .bind(self.scope.org_id())
                    .bind(&n.id)
                    .bind(&n.relation_id)
                    .bind(&n.body_enc)
                    .bind(&n.created_by)
                    .bind(n.created_at);
            }
            q.execute(&mut *self.conn).await?;
        }
        Ok(())
    }
}
