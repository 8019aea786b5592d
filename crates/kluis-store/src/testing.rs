//! Test support for this and other crates: a fresh database per test, and ways to damage stored data on purpose.
//!
//! `KLUIS_TEST_DATABASE_URL` unset → a fresh SQLite file in a temp dir. Set to `postgres://USER@HOST:PORT/DB` →
//! a fresh `kluis_test_<uuid>` database on that server, dropped when the [`TestDatabase`] drops.

use std::path::{Path, PathBuf};

use sqlx::Any;
use sqlx::migrate::MigrateDatabase as _;

use crate::{Backend, Store, sqlite_url};

/// A fresh, empty (unmigrated) database for one test. Keep it alive for the whole test.
pub struct TestDatabase {
    url: String,
    backend: Backend,
    /// Holds the SQLite file, and is a scratch directory on both backends (e.g. for a data dir).
    dir: tempfile::TempDir,
    /// PostgreSQL: the server URL without database, and the database name, to drop it afterwards.
    pg_drop: Option<String>,
}

impl TestDatabase {
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// A scratch directory that lives as long as the database.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A new empty subdirectory of [`TestDatabase::dir`], e.g. for an application data dir.
    pub fn subdir(&self, name: &str) -> PathBuf {
        let p = self.dir.path().join(name);
        let _ = std::fs::create_dir_all(&p);
        p
    }

    /// A second fresh database of the same backend (e.g. a restore target), dropped with the returned guard.
    pub async fn another(&self) -> TestDatabase {
        fresh_database_url().await
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(url) = self.pg_drop.take() else {
            return;
        };
        // Drop may run inside a runtime; use a separate thread with its own runtime to issue DROP DATABASE.
        let handle = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async move {
                if let Err(e) = Any::force_drop_database(&url).await {
                    eprintln!("could not drop test database: {e}");
                }
            });
        });
        let _ = handle.join();
    }
}

/// A fresh database URL for one test, honouring `KLUIS_TEST_DATABASE_URL`.
pub async fn fresh_database_url() -> TestDatabase {
    crate::install_drivers();
    let dir = tempfile::tempdir().expect("temp dir for a test database");
    match std::env::var("KLUIS_TEST_DATABASE_URL") {
        Ok(server) if !server.trim().is_empty() => {
            let server = server.trim().to_owned();
            let name = format!("kluis_test_{}", uuid::Uuid::new_v4().simple());
            let url = replace_database(&server, &name);
            Any::create_database(&url)
                .await
                .expect("create test database on KLUIS_TEST_DATABASE_URL");
            TestDatabase {
                url: url.clone(),
                backend: Backend::Postgres,
                dir,
                pg_drop: Some(url),
            }
        }
        _ => {
            let url = sqlite_url(&dir.path().join("kluis.db"));
            TestDatabase {
                url,
                backend: Backend::Sqlite,
                dir,
                pg_drop: None,
            }
        }
    }
}

/// `postgres://u@h:p/db?x` → `postgres://u@h:p/<name>?x`.
fn replace_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let base = match base[scheme_end..].find('/') {
        Some(i) => &base[..scheme_end + i],
        None => base,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

/// A connected and migrated store on a fresh database.
pub async fn fresh_store() -> (Store, TestDatabase) {
    let db = fresh_database_url().await;
    let store = Store::connect(db.url())
        .await
        .expect("connect to test database");
    store.migrate().await.expect("migrate test database");
    store.set_audit_key(test_audit_key());
    (store, db)
}

/// The audit chain key [`fresh_store`] sets, for tests that verify chains themselves.
pub fn test_audit_key() -> kluis_domain::audit::AuditKey {
    kluis_domain::audit::AuditKey::from_bytes([0x5a; 32])
}

/// Alters the stored audit event `(org_id, seq)` behind the application's back (changes its action), as an
/// attacker with database access would. For tamper-detection tests.
pub async fn tamper_audit_event(store: &Store, org_id: &str, seq: i64) {
    let mut tx = store.begin_write().await.expect("begin");
    let done = sqlx::query(
        "UPDATE audit_events SET action = action || '-tampered' WHERE org_id = $1 AND seq = $2",
    )
    .bind(org_id)
    .bind(seq)
    .execute(tx.conn())
    .await
    .expect("tamper");
    assert_eq!(
        done.rows_affected(),
        1,
        "no audit event ({org_id}, {seq}) to tamper with"
    );
    tx.commit().await.expect("commit");
}

/// Deletes the stored audit event `(org_id, seq)`, for tamper-detection tests.
pub async fn delete_audit_event(store: &Store, org_id: &str, seq: i64) {
    let mut tx = store.begin_write().await.expect("begin");
    sqlx::query("DELETE FROM audit_events WHERE org_id = $1 AND seq = $2")
        .bind(org_id)
        .bind(seq)
        .execute(tx.conn())
        .await
        .expect("delete");
    tx.commit().await.expect("commit");
}

/// Runs a raw statement against the store (test set-up that has no API, e.g. ageing a session).
pub async fn execute_raw(store: &Store, sql: &str) {
    let mut tx = store.begin_write().await.expect("begin");
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(tx.conn())
        .await
        .expect("raw statement");
    tx.commit().await.expect("commit");
}

/// Puts a clear display name back into a user row and drops the encrypted one, as rows were stored before names
/// were encrypted. For tests of the upgrade path.
pub async fn make_display_name_legacy(store: &Store, user_id: &str, name: &str) {
    let mut tx = store.begin_write().await.expect("begin");
    let done =
        sqlx::query("UPDATE users SET display_name = $2, display_name_enc = NULL WHERE id = $1")
            .bind(user_id)
            .bind(name)
            .execute(tx.conn())
            .await
            .expect("legacy name");
    assert_eq!(done.rows_affected(), 1, "no user {user_id}");
    tx.commit().await.expect("commit");
}

/// Re-hashes `org_id`'s chain from event `from_seq` on with the unkeyed v1 hash (plain SHA-256) and moves the
/// head along, as an attacker with database access but without the key file would after editing an event. Pass
/// `from_seq = 1` to rewrite the whole chain.
pub async fn rehash_audit_chain_unkeyed(store: &Store, org_id: &str, from_seq: i64) {
    let scope = system_scope(store, org_id).await;
    let events = store
        .tenant(&scope)
        .audit_chain_batch(0, i64::MAX)
        .await
        .expect("read chain");
    let mut tx = store.begin_write().await.expect("begin");
    let mut prev = kluis_domain::audit::GENESIS_HASH.to_owned();
    let mut last = 0;
    for e in &events {
        if e.seq >= from_seq {
            let hash = kluis_domain::audit::legacy_chain_hash(&prev, &e.record());
            tx.tenant(&scope)
                .rewrite_audit_hash(e.seq, &prev, &hash)
                .await
                .expect("rewrite");
            prev = hash;
        } else {
            prev.clone_from(&e.hash);
        }
        last = e.seq;
    }
    tx.tenant(&scope)
        .set_audit_head(last, &prev)
        .await
        .expect("head");
    tx.commit().await.expect("commit");
}

/// Deletes `org_id`'s audit events after `keep_seq` and moves the recorded head back to event `keep_seq` (the
/// genesis for 0), so that the shorter chain is consistent in itself: cutting the tail, or with 0 wiping the
/// chain, as an attacker with database access would.
pub async fn truncate_audit_chain(store: &Store, org_id: &str, keep_seq: i64) {
    let scope = system_scope(store, org_id).await;
    let head_hash = if keep_seq == 0 {
        kluis_domain::audit::GENESIS_HASH.to_owned()
    } else {
        store
            .tenant(&scope)
            .audit_chain_batch(keep_seq - 1, 1)
            .await
            .expect("read")
            .first()
            .expect("event to keep")
            .hash
            .clone()
    };
    let mut tx = store.begin_write().await.expect("begin");
    sqlx::query("DELETE FROM audit_events WHERE org_id = $1 AND seq > $2")
        .bind(org_id)
        .bind(keep_seq)
        .execute(tx.conn())
        .await
        .expect("delete");
    tx.tenant(&scope)
        .set_audit_head(keep_seq, &head_hash)
        .await
        .expect("head");
    tx.commit().await.expect("commit");
}

/// The system scope of an existing organisation, for the tampering helpers above.
async fn system_scope(store: &Store, org_id: &str) -> crate::OrgScope {
    let org = store
        .org_by_id(org_id)
        .await
        .expect("read organisation")
        .expect("organisation exists");
    crate::OrgScope::system(&org)
}

#[cfg(test)]
mod tests {
    #[test]
    fn replaces_the_database_name() {
        assert_eq!(
            super::replace_database("postgres://postgres@127.0.0.1:55432/postgres", "x"),
            "postgres://postgres@127.0.0.1:55432/x"
        );
        assert_eq!(
            super::replace_database("postgres://h:1", "x"),
            "postgres://h:1/x"
        );
        assert_eq!(
            super::replace_database("postgres://h/db?sslmode=disable", "x"),
            "postgres://h/x?sslmode=disable"
        );
    }
}

/// How [`fill_people_bench`] grows an organisation's relations into a benchmark organisation.
#[derive(Debug, Clone, Copy)]
pub struct PeopleBenchFill {
    /// Consent records per relation (alternately given and withdrawn, e-mail marketing).
    pub consents_per_relation: usize,
    /// Documents (invoices, no bytes) each linked to one relation by the matcher.
    pub linked_documents: usize,
    /// Relations whose relationship ended on `ended_on` (a retention start event).
    pub ended_relations: usize,
    /// The end date given to those relations (ISO).
    pub ended_on: &'static str,
    /// Timestamp (ms) of the filled rows.
    pub now_ms: i64,
}

/// Bulk rows for the relations benchmark, set-based over the relations already in `org_id` (which the benchmark
/// imports through the application): consent records, linked invoice documents and ended relationships. The
/// consent proofs are placeholder bytes: the benchmark reads proofs only of the people it created through the
/// application. Returns (consents, documents, links, ended) rows written.
pub async fn fill_people_bench(
    store: &Store,
    org_id: &str,
    fill: PeopleBenchFill,
) -> (u64, u64, u64, u64) {
    let mut tx = store.begin_write().await.expect("begin");
    let mut consents = 0;
    for seq in 1..=fill.consents_per_relation {
        let action = if seq % 2 == 1 { "given" } else { "withdrawn" };
        let done = sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO consent_records (id, org_id, relation_id, seq, purpose, action, at, channel, \
             statement_version, recorded_by, parental, double_opt_in, confirms, proof_enc) \
             SELECT r.id || '-c{seq}', $1, r.id, {seq}, 'marketing.communications.email', '{action}', $2, \
             'import', '1', 'import', 0, 0, NULL, $3 FROM relations r WHERE r.org_id = $1"
        )))
        .bind(org_id)
        .bind(fill.now_ms - (fill.consents_per_relation - seq) as i64 * 86_400_000)
        .bind(vec![0u8; 44])
        .execute(tx.conn())
        .await
        .expect("consent records");
        consents += done.rows_affected();
    }
    let documents = sqlx::query(
        "INSERT INTO documents (id, org_id, parent_id, name, path, size, sha256, content_type, format, blob_key, \
         status, scan_status, class, personal_data, findings_total, uploaded_by, created_at, scanned_at) \
         SELECT 'doc-' || r.id, $1, NULL, 'factuur.pdf', 'facturen/factuur.pdf', 20000, NULL, \
         'application/pdf', 'pdf', NULL, 'scanned', 'ok', 'invoice', 'generic', 0, 'bench', $2, $2 \
         FROM relations r WHERE r.org_id = $1 ORDER BY r.id LIMIT $3",
    )
    .bind(org_id)
    .bind(fill.now_ms)
    .bind(fill.linked_documents as i64)
    .execute(tx.conn())
    .await
    .expect("documents")
    .rows_affected();
    let links = sqlx::query(
        "INSERT INTO document_links (id, org_id, document_id, relation_id, origin, state, entity_types, \
         created_at, updated_at, updated_by) \
         SELECT 'link-' || r.id, $1, 'doc-' || r.id, r.id, 'matcher', 'suggested', 'email', $2, $2, 'matcher' \
         FROM relations r WHERE r.org_id = $1 ORDER BY r.id LIMIT $3",
    )
    .bind(org_id)
    .bind(fill.now_ms)
    .bind(fill.linked_documents as i64)
    .execute(tx.conn())
    .await
    .expect("document links")
    .rows_affected();
    let ended = sqlx::query(
        "INSERT INTO relation_events (relation_id, org_id, ended_on, updated_at) \
         SELECT r.id, $1, $2, $3 FROM relations r WHERE r.org_id = $1 ORDER BY r.id DESC LIMIT $4",
    )
    .bind(org_id)
    .bind(fill.ended_on)
    .bind(fill.now_ms)
    .bind(fill.ended_relations as i64)
    .execute(tx.conn())
    .await
    .expect("relation events")
    .rows_affected();
    tx.commit().await.expect("commit");
    (consents, documents, links, ended)
}
