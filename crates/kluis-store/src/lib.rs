//! The only crate that knows SQL: one code path over SQLite and PostgreSQL, organisation-scoped by construction.
//!
//! * [`Store`] owns the pool. Reads of global tables (users, sessions, settings, jobs) are methods on it; tenant
//!   data is reachable only through [`Store::tenant`] / [`WriteTx::tenant`], which take an [`OrgScope`].
//! * Every write goes through a [`WriteTx`] ([`Store::begin_write`]): on SQLite it is a `BEGIN IMMEDIATE`
//!   transaction taken under an in-process writer mutex, so concurrent writers queue instead of failing with
//!   "database is locked"; on PostgreSQL it is a plain READ COMMITTED transaction.
//! * All SQL is portable (`$n` placeholders, `ON CONFLICT`, no backend functions) and runs through sqlx's `Any`
//!   driver; only the DDL in `migrations/{sqlite,postgres}` differs. See `DESIGN.md`.

mod activities;
mod breaches;
mod compliance;
mod consent;
mod derived;
mod documents;
mod dpia;
mod dump;
mod global;
mod jobs;
mod links;
mod model;
mod profile;
mod recipients;
mod register_changed;
mod relation_imports;
mod relations;
mod requests;
mod retention;
mod statements;
mod tenant;
#[cfg(feature = "testing")]
pub mod testing;

use std::str::FromStr;
use std::sync::{Arc, Once};
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{Any, AnyConnection, AnyPool, Connection as _, Executor as _, Row as _, Transaction};
use tokio::sync::{Mutex, OwnedMutexGuard};

pub use activities::{ActivityRow, ActivityStore, ActivitySummary, ActivityTx, ActivityVersionRow};
pub use breaches::{
    AffectedDocumentRow, AffectedRelationRow, AffectedTotals, BREACH_TABLES, BreachEventRow,
    BreachNotificationRow, BreachRow, BreachStore, BreachTx,
};
pub use compliance::{COMPLIANCE_TABLES, ComplianceStore, ScoreRow};
pub use consent::{
    CONSENT_TABLES, ConsentRow, ConsentStore, ConsentTx, MailLogRow, SuppressionRow,
};
pub use documents::{
    DocumentOverride, DocumentQuery, DocumentRow, DocumentScan, DocumentStore, DocumentTx,
    FindingRow, NewDocument,
};
pub use dpia::{DPIA_TABLES, DpiaRow, DpiaStore, DpiaTx, DpiaVersionRow, ScreeningRow};
pub use dump::ACTIVITY_TABLES;
pub use dump::PROFILE_TABLES;
pub use dump::{
    CORE_TABLES, DOCUMENT_TABLES, DumpRow, DumpTx, INVITATION_TABLES, LoadTx, TableDef, TableList,
};
pub use jobs::{JobRow, JobStatus, NewJob};
pub use links::{LINK_TABLES, LinkRow, LinkStore, LinkTx, LinkedDocumentRow, MATCHER, TimelineRow};
pub use model::{
    ApiTokenRow, AuditEventRow, AuditQuery, AuditTextMatch, InvitationRow, MemberRow,
    NewAuditEvent, NewSession, NewUser, OrgRow, PendingLoginRow, SessionRow, SessionView, UserRow,
};
pub use profile::{ProfileStore, ProfileTx, ProfileVersionRow, ReviewRow, ReviewSignOff};
pub use recipients::{
    AgreementRow, ChangeBy, RECIPIENT_TABLES, RecipientRow, RecipientStore, RecipientTx,
    RecipientVersionRow, StaffMeasureRow, VersionEvent, VersionedItem,
};
pub use relation_imports::{
    ImportProgress, RELATION_IMPORT_TABLES, RelationImportRow, RelationImportStore,
    RelationImportTx,
};
pub use relations::{
    RELATION_TABLES, RelationFilter, RelationNoteRow, RelationRow, RelationStore, RelationTagRow,
    RelationTx, RelationValueRow, TagCount,
};
pub use requests::{REQUEST_TABLES, RequestRow, RequestStore, RequestTx, TransitionRow};
pub use retention::{
    Cutoffs, DocumentCandidate, HoldRow, RETENTION_TABLES, RelationCandidate, RelationEventsRow,
    RetentionStore, RetentionTx, RunItemRow, RunRow,
};
pub use statements::{
    NewStatement, STATEMENT_TABLES, StatementRow, StatementStore, StatementTx, StatementVersion,
};
pub use tenant::{OrgScope, TenantStore, TenantTx};

/// An UPDATE or DELETE of one addressed row: `NotFound` when it touched none (unknown id, or another
/// organisation's row, which the scope's `org_id = $1` filtered out).
pub(crate) fn found(done: sqlx::any::AnyQueryResult) -> Result<()> {
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// How long a SQLite connection waits for a lock held by another process before giving up. In-process writers
/// never get there: they queue on the writer mutex first.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 30_000;
/// Page cache per SQLite connection, in KiB.
const SQLITE_CACHE_KIB: u32 = 16 * 1024;
/// Page cache of a connection while it writes a bulk transaction ([`WriteTx::bulk`]), in KiB.
const SQLITE_BULK_CACHE_KIB: u32 = 32 * 1024;

/// The placeholders of a multi-row `VALUES` list: `rows` groups of `per_row` parameters, bound in order, each
/// group closed by `literal` (`", 1"` for a constant column, or empty). SQLite gets anonymous `?`: sqlx asks
/// SQLite for every parameter's name, SQLite finds a named one (`$7`) by a linear walk, so binding numbered
/// parameters costs the square of their count (a third of an import's time at 500 values per INSERT), while
/// anonymous ones have no name to look for. PostgreSQL gets `$1`, `$2`, … in the same order.
pub(crate) fn values_placeholders(
    backend: Backend,
    rows: usize,
    per_row: usize,
    literal: &str,
) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(rows * (per_row * 5 + literal.len() + 4));
    let mut n = 0;
    for r in 0..rows {
        out.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..per_row {
            if c > 0 {
                out.push_str(", ");
            }
            n += 1;
            match backend {
                Backend::Sqlite => out.push('?'),
                Backend::Postgres => {
                    let _ = write!(out, "${n}");
                }
            }
        }
        out.push_str(literal);
        out.push(')');
    }
    out
}

/// Current time as unix milliseconds, the only time representation in the database.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Which database a URL points at. Picked at runtime from the URL scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `sqlite:` → SQLite, `postgres:`/`postgresql:` → PostgreSQL.
    pub fn from_url(url: &str) -> Result<Backend, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Backend::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Backend::Postgres)
        } else {
            Err(StoreError::UnsupportedUrl)
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }

    fn migrator(self) -> &'static Migrator {
        match self {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }
}

/// The SQLite URL for a database file, created if missing.
pub fn sqlite_url(path: &std::path::Path) -> String {
    format!("sqlite://{}?mode=rwc", path.display())
}

/// SQLite creates its files with the process umask, usually 0644; the database holds password hashes and
/// document names, so it is created 0600 here (SQLite gives its -wal and -shm files the database file's mode)
/// and an older installation's files are tightened. Failures are left to the connection to report.
#[cfg(unix)]
fn restrict_sqlite_files(url: &str) {
    use std::os::unix::fs::{OpenOptionsExt as _, PermissionsExt as _};
    use std::str::FromStr as _;
    if url.contains(":memory:") || url.contains("mode=memory") {
        return;
    }
    let Ok(options) = sqlx::sqlite::SqliteConnectOptions::from_str(url) else {
        return;
    };
    let path = options.get_filename().to_path_buf();
    if url.contains("mode=rwc") && !path.exists() {
        let _ = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&path);
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut file = path.clone().into_os_string();
        file.push(suffix);
        let Ok(meta) = std::fs::metadata(&file) else {
            continue;
        };
        let mode = meta.permissions().mode();
        if meta.is_file() && mode & 0o077 != 0 {
            let _ = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode & 0o700));
        }
    }
}

#[cfg(not(unix))]
fn restrict_sqlite_files(_url: &str) {}

/// Errors of the storage layer. Messages never contain stored values.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A unique constraint or a concurrent change refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("unsupported database URL: it must start with sqlite: or postgres://")]
    UnsupportedUrl,
    #[error("cannot connect to the database: {0}")]
    Connect(String),
    #[error("database migration failed: {0}")]
    Migrate(String),
    /// A stored value does not have the shape the code expects (e.g. an unknown role name).
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// A dump line that does not fit the schema, or a restore into a non-empty database.
    #[error("{0}")]
    Load(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
}

impl StoreError {
    /// Whether retrying the whole transaction may succeed: PostgreSQL serialization failures and deadlocks, and
    /// SQLite busy errors from another process.
    pub fn is_retryable(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => {
                matches!(db.code().as_deref(), Some("40001" | "40P01" | "5" | "517"))
                    || db.message().contains("database is locked")
            }
            _ => false,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(ref db) if db.is_unique_violation() => {
                StoreError::Conflict("an entry with this key already exists".into())
            }
            other => StoreError::Database(other),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Result of running migrations.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationStatus {
    pub backend: Backend,
    /// Versions applied by this call, ascending.
    pub applied: Vec<i64>,
    /// Highest applied version after this call.
    pub schema_version: i64,
}

/// Handle on the database. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
}

struct Inner {
    pool: AnyPool,
    backend: Backend,
    /// SQLite allows one writer at a time; queueing writers here (instead of in SQLite's busy handler) keeps
    /// them fair and makes "database is locked" impossible between tasks of this process.
    writer: Arc<Mutex<()>>,
    /// Key of the audit chain's HMAC, set by the application from the key file ([`Store::set_audit_key`]).
    /// Without it no event can be appended: an unkeyed event could never verify.
    audit_key: std::sync::RwLock<Option<kluis_domain::audit::AuditKey>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.inner.backend)
            .finish_non_exhaustive()
    }
}

fn install_drivers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(sqlx::any::install_default_drivers);
}

impl Store {
    /// Connects to `url` (`sqlite://path?mode=rwc` or `postgres://…`). Does not migrate.
    pub async fn connect(url: &str) -> Result<Store> {
        install_drivers();
        let backend = Backend::from_url(url)?;
        if backend == Backend::Sqlite {
            restrict_sqlite_files(url);
        }
        let options =
            AnyConnectOptions::from_str(url).map_err(|e| StoreError::Connect(e.to_string()))?;
        let pool_options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(60));
        let pool_options = match backend {
            Backend::Sqlite => pool_options
                .max_connections(8)
                .after_connect(|conn, _meta| {
                    Box::pin(async move {
                        // WAL: readers never block the writer and vice versa. NORMAL is durable across application
                        // crashes in WAL mode and much faster than FULL.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        // Deleted rows are overwritten with zeros, not left in free pages: an erased person's
                        // ciphertexts and blind indexes must not survive in the file (see `compact_after_erasure`).
                        conn.execute("PRAGMA secure_delete = ON").await?;
                        // Statement journals and sorts stay in memory: no temporary files holding copies of
                        // pages, and a multi-row INSERT does not write its sub-journal to disk (an import spent
                        // an eighth of its time there).
                        conn.execute("PRAGMA temp_store = MEMORY").await?;
                        // 16 MiB of page cache per connection (the default is 2 MiB): large imports and sweeps
                        // touch index pages all over the file; the cache only grows when used.
                        conn.execute(sqlx::AssertSqlSafe(format!(
                            "PRAGMA cache_size = -{SQLITE_CACHE_KIB}"
                        )))
                        .await?;
                        conn.execute(sqlx::AssertSqlSafe(format!(
                            "PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}"
                        )))
                        .await?;
                        Ok(())
                    })
                }),
            Backend::Postgres => pool_options.max_connections(10),
        };
        let pool = pool_options
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Connect(connect_message(&e)))?;
        Ok(Store {
            inner: Arc::new(Inner {
                pool,
                backend,
                writer: Arc::new(Mutex::new(())),
                audit_key: std::sync::RwLock::new(None),
            }),
        })
    }

    /// Sets the key that every audit event appended from now on is hashed with (`kluis-audit-v2`).
    pub fn set_audit_key(&self, key: kluis_domain::audit::AuditKey) {
        match self.inner.audit_key.write() {
            Ok(mut k) => *k = Some(key),
            Err(poisoned) => *poisoned.into_inner() = Some(key),
        }
    }

    fn audit_key(&self) -> Option<kluis_domain::audit::AuditKey> {
        match self.inner.audit_key.read() {
            Ok(k) => k.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn backend(&self) -> Backend {
        self.inner.backend
    }

    /// Applies pending migrations of this backend's folder.
    pub async fn migrate(&self) -> Result<MigrationStatus> {
        let before = self.applied_versions().await?;
        let migrator = self.inner.backend.migrator();
        migrator
            .run(&self.inner.pool)
            .await
            .map_err(|e| StoreError::Migrate(e.to_string()))?;
        let after = self.applied_versions().await?;
        // At start only on SQLite, which keeps no statistics of its own; PostgreSQL's autovacuum does.
        if self.inner.backend == Backend::Sqlite {
            self.optimize().await?;
        }
        Ok(MigrationStatus {
            backend: self.inner.backend,
            applied: after
                .iter()
                .copied()
                .filter(|v| !before.contains(v))
                .collect(),
            schema_version: after.iter().copied().max().unwrap_or(0),
        })
    }

    /// Refreshes the query planner's statistics (SQLite's `ANALYZE`, sampling at most 1,000 rows per index).
    /// Without statistics SQLite prefers a covering `(org_id, …)` index over the selective one, so a query by a
    /// list of relation ids walked every value of the organisation (a retention sweep over 50,000 relations took
    /// 9–26 s). Run at start (SQLite), as an import grows the tables tenfold, and daily.
    pub async fn optimize(&self) -> Result<()> {
        if self.inner.backend != Backend::Sqlite {
            // Autovacuum analyzes a table about a minute after it changed; a query planned in between (right after
            // an import of a million relations) nested-looped over tables it still thought empty for minutes.
            let mut conn = self.inner.pool.acquire().await?;
            sqlx::query("ANALYZE").execute(&mut *conn).await?;
            return Ok(());
        }
        // ANALYZE writes `sqlite_stat1`: it takes its turn with the other writers.
        let _writer = self.inner.writer.clone().lock_owned().await;
        let mut conn = self.inner.pool.acquire().await?;
        sqlx::query("PRAGMA analysis_limit = 1000")
            .execute(&mut *conn)
            .await?;
        // Plain ANALYZE rather than `PRAGMA optimize`: optimize skips tables it has no history for, which is
        // every table of a database that grew from empty; sampled, it reads about 1,000 rows per index.
        sqlx::query("ANALYZE").execute(&mut *conn).await?;
        Ok(())
    }

    /// Highest migration version this build knows; a database at this version has the current schema.
    pub fn latest_schema_version(&self) -> i64 {
        self.inner
            .backend
            .migrator()
            .iter()
            .map(|m| m.version)
            .max()
            .unwrap_or(0)
    }

    /// The migrated schema: every table but sqlx's own, with its column names, sorted by table name, columns in
    /// their declared order. For the test that holds the backup's table list to the migrations.
    pub async fn schema_tables(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut conn = self.inner.pool.acquire().await?;
        let rows: Vec<(String, String)> = match self.inner.backend {
            Backend::Sqlite => {
                sqlx::query_as(
                    "SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p \
                     WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> '_sqlx_migrations' \
                     ORDER BY m.name, p.cid",
                )
                .fetch_all(&mut *conn)
                .await?
            }
            Backend::Postgres => {
                sqlx::query_as(
                    "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations' \
                     ORDER BY table_name, ordinal_position",
                )
                .fetch_all(&mut *conn)
                .await?
            }
        };
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (table, column) in rows {
            match out.last_mut() {
                Some((t, cols)) if *t == table => cols.push(column),
                _ => out.push((table, vec![column])),
            }
        }
        Ok(out)
    }

    /// Highest applied migration version, 0 for a database that was never migrated.
    pub async fn schema_version(&self) -> Result<i64> {
        Ok(self
            .applied_versions()
            .await?
            .into_iter()
            .max()
            .unwrap_or(0))
    }

    async fn applied_versions(&self) -> Result<Vec<i64>> {
        let mut conn = self.inner.pool.acquire().await?;
        // The table does not exist before the first migration; that is "nothing applied", not an error.
        let exists: i64 = match self.inner.backend {
            Backend::Sqlite => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
                )
                .fetch_one(&mut *conn)
                .await?
            }
            Backend::Postgres => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() \
                     AND table_name = '_sqlx_migrations'",
                )
                .fetch_one(&mut *conn)
                .await?
            }
        };
        if exists == 0 {
            return Ok(Vec::new());
        }
        let rows = sqlx::query(
            "SELECT version FROM _sqlx_migrations WHERE success = TRUE ORDER BY version",
        )
        .fetch_all(&mut *conn)
        .await
        .or_else(|_| Ok::<_, sqlx::Error>(Vec::new()))?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            out.push(row.try_get::<i64, _>(0)?);
        }
        Ok(out)
    }

    /// After an erasure: on SQLite, copies the write-ahead log into the database file and truncates the log to
    /// zero bytes, so the frames that still held the erased rows' old pages leave the log (with `secure_delete`
    /// the database file itself holds zeros where they were). Retried briefly while a reader holds an old
    /// snapshot; returns whether the log was emptied. PostgreSQL has no such file to clear: `true`.
    pub async fn compact_after_erasure(&self) -> Result<bool> {
        if self.inner.backend != Backend::Sqlite {
            return Ok(true);
        }
        for _ in 0..20 {
            let _writer = self.inner.writer.clone().lock_owned().await;
            let mut conn = self.inner.pool.acquire().await?;
            let row = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .fetch_one(&mut *conn)
                .await?;
            let busy: i64 = row.try_get(0)?;
            if busy == 0 {
                return Ok(true);
            }
            drop(conn);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(false)
    }

    /// Checks that the database answers.
    pub async fn ping(&self) -> Result<()> {
        let mut conn = self.inner.pool.acquire().await?;
        conn.ping().await?;
        Ok(())
    }

    /// Closes the pool; later calls fail.
    pub async fn close(&self) {
        self.inner.pool.close().await;
    }

    /// Starts a write transaction. On SQLite this waits for the in-process writer lock and then runs
    /// `BEGIN IMMEDIATE`, so the transaction holds SQLite's write lock from its first statement and can never be
    /// refused half-way. Never call this while holding another `WriteTx` of the same store (it would wait for
    /// itself).
    pub async fn begin_write(&self) -> Result<WriteTx> {
        match self.inner.backend {
            Backend::Sqlite => {
                let guard = self.inner.writer.clone().lock_owned().await;
                let tx = self.inner.pool.begin_with("BEGIN IMMEDIATE").await?;
                Ok(WriteTx {
                    tx,
                    _guard: Some(guard),
                    backend: Backend::Sqlite,
                    audit_key: self.audit_key(),
                    bulk: false,
                })
            }
            Backend::Postgres => {
                let tx = self.inner.pool.begin().await?;
                Ok(WriteTx {
                    tx,
                    _guard: None,
                    backend: Backend::Postgres,
                    audit_key: self.audit_key(),
                    bulk: false,
                })
            }
        }
    }

    /// The audit key set with [`Store::set_audit_key`], for code that checks chains with the same key.
    pub fn chain_key(&self) -> Option<kluis_domain::audit::AuditKey> {
        self.audit_key()
    }

    /// Tenant data of the organisation `scope` stands for, read outside any write transaction.
    pub fn tenant<'s>(&'s self, scope: &'s OrgScope) -> TenantStore<'s> {
        TenantStore::new(self, scope)
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.inner.pool
    }
}

fn connect_message(e: &sqlx::Error) -> String {
    // The URL may carry a password; sqlx errors do not echo it, but keep to the kind of failure.
    match e {
        sqlx::Error::Io(io) => format!("network error ({io})"),
        sqlx::Error::Database(db) => db.message().to_owned(),
        other => other.to_string(),
    }
}

/// One write transaction. Commit with [`WriteTx::commit`]; dropping it rolls back.
pub struct WriteTx {
    // Field order matters: the transaction is dropped (rolled back) before the writer lock is released.
    tx: Transaction<'static, Any>,
    _guard: Option<OwnedMutexGuard<()>>,
    backend: Backend,
    audit_key: Option<kluis_domain::audit::AuditKey>,
    /// The connection's page cache was enlarged by [`WriteTx::bulk`] and is set back before the transaction ends.
    bulk: bool,
}

impl WriteTx {
    /// Marks this as a bulk write (an import's batch): on SQLite the connection's page cache is enlarged for this
    /// transaction, so the index pages a batch of thousands of rows touches all over the file are read and
    /// written once per batch instead of being evicted and spilled half-way. Set back on commit or rollback
    /// (a transaction dropped on an error keeps the larger cache on its pooled connection until it is closed).
    pub async fn bulk(&mut self) -> Result<()> {
        if self.backend == Backend::Sqlite && !self.bulk {
            self.set_cache(SQLITE_BULK_CACHE_KIB).await?;
            self.bulk = true;
        }
        Ok(())
    }

    async fn set_cache(&mut self, kib: u32) -> Result<()> {
        sqlx::query(sqlx::AssertSqlSafe(format!("PRAGMA cache_size = -{kib}")))
            .execute(&mut *self.tx)
            .await?;
        Ok(())
    }

    /// Undoes [`WriteTx::bulk`]. Inside the transaction: lowering the limit frees no dirty page, and the pages
    /// the commit cleans are freed down to the normal size as they are released.
    async fn end_bulk(&mut self) -> Result<()> {
        if self.bulk {
            self.set_cache(SQLITE_CACHE_KIB).await?;
            self.bulk = false;
        }
        Ok(())
    }

    pub async fn commit(mut self) -> Result<()> {
        self.end_bulk().await?;
        let WriteTx { tx, _guard, .. } = self;
        tx.commit().await?;
        drop(_guard);
        Ok(())
    }

    pub async fn rollback(mut self) -> Result<()> {
        self.end_bulk().await?;
        let WriteTx { tx, _guard, .. } = self;
        tx.rollback().await?;
        drop(_guard);
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Tenant writes for the organisation `scope` stands for, inside this transaction.
    pub fn tenant<'t>(&'t mut self, scope: &'t OrgScope) -> TenantTx<'t> {
        TenantTx::new(&mut self.tx, scope, self.audit_key.as_ref())
    }

    pub(crate) fn conn(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}
