//! Portable dump and load of every table, for backup and restore across backends.
//!
//! A dump is read in one consistent read transaction (SQLite: one read transaction over a WAL snapshot;
//! PostgreSQL: REPEATABLE READ READ ONLY). Each row becomes a JSON object keyed by column name; integers are
//! numbers, text is a string, bytes are base64 strings, NULL is null. The column types come from the table
//! definitions, so a dump taken from SQLite loads into PostgreSQL and back. Each module's tables are defined
//! here (only the store knows SQL); which tables a backup holds, and in which order, is the module list's
//! (`kluis_app::modules`), passed in by the caller.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sqlx::{Any, Row as _, Transaction};
use tokio::sync::OwnedMutexGuard;

use crate::{Backend, Result, Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Text,
    Bytes,
}

use Kind::{Bytes, Int, Text};

/// A table and its columns with their portable type.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    pub(crate) columns: &'static [(&'static str, Kind)],
}

impl TableDef {
    /// A table of a module whose store file declares its own tables.
    pub(crate) const fn new(name: &'static str, columns: &'static [(&'static str, Kind)]) -> Self {
        TableDef { name, columns }
    }

    pub fn column_names(&self) -> impl Iterator<Item = &'static str> {
        self.columns.iter().map(|(n, _)| *n)
    }
}

/// The core tables (organisations, users, memberships, sessions, tokens, audit, jobs, settings), in an order
/// that satisfies foreign keys on load. Keep in step with the migrations: a test compares every module's
/// tables with the migrated schema.
pub static CORE_TABLES: &[TableDef] = &[
    TableDef {
        name: "orgs",
        columns: &[
            ("id", Text),
            ("slug", Text),
            ("name", Text),
            ("created_at", Int),
            ("audit_seq", Int),
            ("audit_head", Text),
        ],
    },
    TableDef {
        name: "users",
        columns: &[
            ("id", Text),
            ("email_enc", Bytes),
            ("email_index", Text),
            ("display_name", Text),
            ("display_name_enc", Bytes),
            ("password_hash", Text),
            ("locale", Text),
            ("totp_secret_enc", Bytes),
            ("totp_enabled", Int),
            ("totp_last_step", Int),
            ("created_at", Int),
            ("disabled", Int),
        ],
    },
    TableDef {
        name: "memberships",
        columns: &[
            ("user_id", Text),
            ("org_id", Text),
            ("role", Text),
            ("created_at", Int),
        ],
    },
    TableDef {
        name: "sessions",
        columns: &[
            ("id_digest", Text),
            ("user_id", Text),
            ("current_org_id", Text),
            ("csrf_token", Text),
            ("created_at", Int),
            ("last_seen_at", Int),
            ("expires_at", Int),
            ("ip", Text),
        ],
    },
    TableDef {
        name: "pending_logins",
        columns: &[
            ("id_digest", Text),
            ("user_id", Text),
            ("created_at", Int),
            ("expires_at", Int),
            ("failures", Int),
        ],
    },
    TableDef {
        name: "api_tokens",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("user_id", Text),
            ("name", Text),
            ("token_digest", Text),
            ("created_at", Int),
            ("last_used_at", Int),
            ("revoked", Int),
        ],
    },
    TableDef {
        name: "login_attempts",
        columns: &[("key", Text), ("at", Int)],
    },
    TableDef {
        name: "audit_events",
        columns: &[
            ("org_id", Text),
            ("seq", Int),
            ("at_ms", Int),
            ("actor", Text),
            ("action", Text),
            ("entity", Text),
            ("entity_id", Text),
            ("fields", Text),
            ("origin", Text),
            ("prev_hash", Text),
            ("hash", Text),
        ],
    },
    TableDef {
        name: "jobs",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("kind", Text),
            ("payload", Text),
            ("status", Text),
            ("run_at", Int),
            ("attempts", Int),
            ("max_attempts", Int),
            ("lease_owner", Text),
            ("lease_until", Int),
            ("last_error", Text),
            ("unique_key", Text),
            ("created_at", Int),
            ("finished_at", Int),
        ],
    },
    TableDef {
        name: "settings",
        columns: &[("key", Text), ("value", Text)],
    },
];

/// The documents module's tables, in load order.
pub static DOCUMENT_TABLES: &[TableDef] = &[
    TableDef {
        name: "documents",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("parent_id", Text),
            ("name", Text),
            ("path", Text),
            ("size", Int),
            ("sha256", Text),
            ("content_type", Text),
            ("format", Text),
            ("blob_key", Text),
            ("status", Text),
            ("scan_status", Text),
            ("scan_reason", Text),
            ("class", Text),
            ("personal_data", Text),
            ("special_categories", Text),
            ("findings_total", Int),
            ("class_override", Text),
            ("personal_data_override", Text),
            ("categories_override", Text),
            ("corrected_by", Text),
            ("corrected_at", Int),
            ("uploaded_by", Text),
            ("created_at", Int),
            ("scanned_at", Int),
            ("entity_types", Text),
        ],
    },
    TableDef {
        name: "document_findings",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("document_id", Text),
            ("entity_type", Text),
            ("value_enc", Bytes),
            ("value_masked", Text),
            ("value_index", Text),
            ("start_offset", Int),
            ("end_offset", Int),
            ("score_milli", Int),
            ("location", Text),
            ("created_at", Int),
        ],
    },
];

/// The register profile module's tables (organisation profile versions, reviews), in load order.
pub static PROFILE_TABLES: &[TableDef] = &[
    TableDef {
        name: "register_profile_versions",
        columns: &[
            ("org_id", Text),
            ("version", Int),
            ("body", Text),
            ("changed", Text),
            ("actor", Text),
            ("at_ms", Int),
        ],
    },
    TableDef {
        name: "register_reviews",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("scheduled_for", Text),
            ("completed_on", Text),
            ("signed_off_by", Text),
            ("signed_at_ms", Int),
            ("checklist", Text),
            ("notes", Text),
            ("created_at", Int),
        ],
    },
    TableDef {
        name: "register_review_settings",
        columns: &[("org_id", Text), ("interval_months", Int)],
    },
];
/// The members module's tables (pending invitations), in load order.
pub static INVITATION_TABLES: &[TableDef] = &[TableDef {
    name: "invitations",
    columns: &[
        ("id", Text),
        ("org_id", Text),
        ("token_digest", Text),
        ("email_index", Text),
        ("email_enc", Bytes),
        ("display_name_enc", Bytes),
        ("role", Text),
        ("invited_by", Text),
        ("created_at", Int),
        ("expires_at", Int),
    ],
}];

/// The register's processing activities and their versions, in load order.
pub static ACTIVITY_TABLES: &[TableDef] = &[
    TableDef {
        name: "register_activities",
        columns: &[
            ("id", Text),
            ("org_id", Text),
            ("name", Text),
            ("status", Text),
            ("version", Int),
            ("created_at", Int),
            ("updated_at", Int),
            ("lawful_basis", Text),
            ("category_count", Int),
        ],
    },
    TableDef {
        name: "register_activity_versions",
        columns: &[
            ("org_id", Text),
            ("activity_id", Text),
            ("version", Int),
            ("body", Text),
            ("changed", Text),
            ("actor", Text),
            ("at", Int),
        ],
    },
];

/// The tables a dump or load covers, in load order.
pub type TableList = Vec<&'static TableDef>;

/// One row of one table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DumpRow {
    pub table: String,
    pub row: Map<String, Value>,
}

/// A consistent read snapshot of the whole database.
pub struct DumpTx {
    tx: Transaction<'static, Any>,
    tables: TableList,
}

impl Store {
    /// Opens a consistent read snapshot for dumping `tables`.
    pub async fn begin_dump(&self, tables: TableList) -> Result<DumpTx> {
        let mut tx = match self.backend() {
            Backend::Sqlite => self.pool().begin().await?,
            Backend::Postgres => {
                self.pool()
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?
            }
        };
        // SQLite takes its snapshot at the first read: do one now so every table is read from the same point.
        let _: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM settings")
            .fetch_one(&mut *tx)
            .await?;
        Ok(DumpTx { tx, tables })
    }

    /// Opens a load transaction of `tables` into this database, which must be migrated and empty (no rows in
    /// any of them).
    pub async fn begin_load(&self, tables: TableList) -> Result<LoadTx> {
        let write = self.begin_write().await?;
        let backend = write.backend();
        let crate::WriteTx { tx, _guard, .. } = write;
        let mut load = LoadTx {
            tx,
            _guard,
            backend,
            rows: 0,
            tables,
        };
        for t in load.tables.clone() {
            let sql = format!("SELECT COUNT(*) FROM {}", t.name);
            let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut *load.tx)
                .await?;
            if n != 0 {
                return Err(StoreError::Load(format!(
                    "the target database is not empty (table {} has rows); restore only into an empty database",
                    t.name
                )));
            }
        }
        Ok(load)
    }
}

impl DumpTx {
    /// Streams every row of every table, in the order given to [`Store::begin_dump`], to `sink`.
    pub async fn dump_all(
        &mut self,
        sink: &mut (dyn FnMut(DumpRow) -> Result<()> + Send),
    ) -> Result<u64> {
        let mut n = 0;
        for t in self.tables.clone() {
            n += self.dump_table(t, sink).await?;
        }
        Ok(n)
    }

    async fn dump_table(
        &mut self,
        t: &'static TableDef,
        sink: &mut (dyn FnMut(DumpRow) -> Result<()> + Send),
    ) -> Result<u64> {
        let cols: Vec<&str> = t.column_names().collect();
        // Keyset pagination keeps memory bounded without a server-side cursor; every table is read in the same
        // snapshot, so pages are consistent with each other.
        const PAGE: i64 = 500;
        let mut offset = 0i64;
        let mut n = 0u64;
        loop {
            let sql = format!(
                "SELECT {} FROM {} ORDER BY {} LIMIT {PAGE} OFFSET {offset}",
                cols.join(", "),
                t.name,
                cols.join(", ")
            );
            let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                .fetch_all(&mut *self.tx)
                .await?;
            let got = rows.len();
            for r in rows {
                let mut row = Map::new();
                for (i, (name, kind)) in t.columns.iter().enumerate() {
                    let v = match kind {
                        Int => r
                            .try_get::<Option<i64>, _>(i)?
                            .map_or(Value::Null, Value::from),
                        Text => r
                            .try_get::<Option<String>, _>(i)?
                            .map_or(Value::Null, Value::from),
                        Bytes => r
                            .try_get::<Option<Vec<u8>>, _>(i)?
                            .map_or(Value::Null, |b| Value::from(B64.encode(b))),
                    };
                    row.insert((*name).to_owned(), v);
                }
                sink(DumpRow {
                    table: t.name.to_owned(),
                    row,
                })?;
                n += 1;
            }
            if (got as i64) < PAGE {
                break;
            }
            offset += PAGE;
        }
        Ok(n)
    }

    pub async fn finish(self) -> Result<()> {
        self.tx.rollback().await?;
        Ok(())
    }
}

/// A load into an empty database in one transaction. Commit with [`LoadTx::commit`].
pub struct LoadTx {
    tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
    backend: crate::Backend,
    rows: u64,
    tables: TableList,
}

impl LoadTx {
    /// Inserts one dumped row. Rows must come in load order (as [`DumpTx::dump_all`] writes them).
    pub async fn insert(&mut self, dump: &DumpRow) -> Result<()> {
        let t = self
            .tables
            .iter()
            .copied()
            .find(|t| t.name == dump.table)
            .ok_or_else(|| StoreError::Load(format!("unknown table '{}'", dump.table)))?;
        for key in dump.row.keys() {
            if !t.columns.iter().any(|(c, _)| c == key) {
                return Err(StoreError::Load(format!(
                    "unknown column '{key}' in table '{}'",
                    t.name
                )));
            }
        }
        let cols: Vec<&str> = t.column_names().collect();
        let params: Vec<String> = (1..=cols.len()).map(|i| format!("${i}")).collect();
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            t.name,
            cols.join(", "),
            params.join(", ")
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (name, kind) in t.columns {
            let v = dump.row.get(*name).unwrap_or(&Value::Null);
            let bad = || {
                StoreError::Load(format!(
                    "column '{name}' of table '{}' has the wrong type",
                    t.name
                ))
            };
            q = match (kind, v) {
                (Int, Value::Null) => q.bind(None::<i64>),
                (Text, Value::Null) => q.bind(None::<String>),
                (Bytes, Value::Null) => q.bind(None::<Vec<u8>>),
                (Int, Value::Number(n)) => q.bind(n.as_i64().ok_or_else(bad)?),
                (Text, Value::String(s)) => q.bind(s.clone()),
                (Bytes, Value::String(s)) => q.bind(B64.decode(s).map_err(|_| bad())?),
                _ => return Err(bad()),
            };
        }
        q.execute(&mut *self.tx).await?;
        self.rows += 1;
        Ok(())
    }

    /// Rows inserted so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Every loaded organisation's id, slug and recorded audit head `(seq, hash)`, read inside the load, so a
    /// restore can verify the chains before it commits.
    pub async fn org_audit_heads(&mut self) -> Result<Vec<(String, String, i64, String)>> {
        let rows = sqlx::query("SELECT id, slug, audit_seq, audit_head FROM orgs ORDER BY id")
            .fetch_all(&mut *self.tx)
            .await?;
        rows.iter()
            .map(|r| -> Result<(String, String, i64, String)> {
                Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?))
            })
            .collect()
    }

    /// Loaded audit events of `org_id` with `seq > after_seq` in chain order, at most `limit`.
    pub async fn audit_chain_batch(
        &mut self,
        org_id: &str,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<crate::AuditEventRow>> {
        let sql = format!(
            "SELECT {} FROM audit_events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            crate::model::AUDIT_COLUMNS
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(org_id)
            .bind(after_seq)
            .bind(limit)
            .fetch_all(&mut *self.tx)
            .await?;
        rows.iter().map(crate::model::audit_from_row).collect()
    }

    /// Commits; returns the number of rows loaded. Rows dumped before a derived column existed get it filled in
    /// from the loaded rows first (`derived.rs`, the same statements as the migrations that added them).
    pub async fn commit(self) -> Result<u64> {
        let LoadTx {
            mut tx,
            _guard,
            backend,
            rows,
            ..
        } = self;
        for fill in crate::derived::fill_statements(backend) {
            sqlx::query(*fill).execute(&mut *tx).await?;
        }
        tx.commit().await?;
        drop(_guard);
        Ok(rows)
    }
}
