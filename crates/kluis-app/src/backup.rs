//! Online backup to one file and restore into an empty installation.
//!
//! The file is JSON lines: a manifest (format version, schema version, key fingerprint, never the key), every
//! table row from one consistent database snapshot, then an end marker with counts so that a truncated file
//! is refused. Backends may differ between backup and restore (SQLite → PostgreSQL works).
//!
//! Backups hold password hashes and document names, so the file is created 0600, and so is a restored SQLite
//! database. A restore is all or nothing: every organisation's audit chain is verified before the load commits,
//! and a failed restore removes whatever it created (database file, document folder), so it can simply be run
//! again.

use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use kluis_blobs::BlobStore;
use kluis_crypto::KeyRing;
use kluis_domain::audit::ChainVerifier;
use kluis_store::{DumpRow, LoadTx, Store, StoreError, now_ms};
use serde::{Deserialize, Serialize};

use crate::audit::ChainWalk;
use crate::{
    App, AppConfig, AppError, AuditVerification, BackupReport, KEY_FINGERPRINT_SETTING,
    RestoreReport, connect, open_blobs, path_display,
};

const FORMAT: &str = "kluis-backup";
const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Line {
    Manifest {
        format: String,
        format_version: u32,
        schema_version: i64,
        key_fingerprint: String,
        created_at_ms: i64,
        backend: String,
    },
    Row(DumpRow),
    Blob {
        key: String,
        data_b64: String,
    },
    End {
        rows: u64,
        blobs: u64,
    },
}

fn io_error(action: &str, path: &Path, e: std::io::Error) -> AppError {
    AppError::Setup(format!("cannot {action} {}: {e}", path_display(path)))
}

impl App {
    /// Writes a consistent online backup of the database to `file` (created anew; written to a temporary file
    /// first and renamed, so a failed backup leaves no half file). The key is not in the backup: keep the key
    /// file backed up separately; the manifest names its fingerprint.
    pub async fn backup(&self, file: &Path) -> Result<BackupReport, AppError> {
        if file.exists() {
            return Err(AppError::Conflict(format!(
                "{} already exists; choose a new file name",
                path_display(file)
            )));
        }
        let tmp = file.with_extension("partial");
        // 0600 from the first byte: the backup holds password hashes and document names.
        let out = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(|e| io_error("create", &tmp, e))?;
        let result = self.write_backup(out).await;
        match result {
            Ok((rows, blobs, schema_version, key_fingerprint)) => {
                std::fs::rename(&tmp, file)
                    .map_err(|e| io_error("rename the backup to", file, e))?;
                let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
                tracing::info!(rows, blobs, bytes, "backup written");
                Ok(BackupReport {
                    file: file.to_path_buf(),
                    rows,
                    blobs,
                    bytes,
                    schema_version,
                    key_fingerprint,
                })
            }
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                Err(e)
            }
        }
    }

    async fn write_backup(&self, out: File) -> Result<(u64, u64, i64, String), AppError> {
        let mut w = BufWriter::new(out);
        let schema_version = self.db().schema_version().await?;
        let key_fingerprint = self.keys().fingerprint();
        let manifest = Line::Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            schema_version,
            key_fingerprint: key_fingerprint.clone(),
            created_at_ms: now_ms(),
            backend: self.db().backend().as_str().into(),
        };
        write_line(&mut w, &manifest)?;
        let mut dump = self.db().begin_dump(crate::modules::tables()).await?;
        let mut write_err: Option<std::io::Error> = None;
        let rows = dump
            .dump_all(&mut |row| {
                let line = serde_json::to_string(&Line::Row(row))
                    .map_err(|e| StoreError::Load(e.to_string()))?;
                if let Err(e) = writeln!(w, "{line}") {
                    write_err = Some(e);
                    return Err(StoreError::Load("write failed".into()));
                }
                Ok(())
            })
            .await;
        dump.finish().await?;
        if let Some(e) = write_err {
            return Err(AppError::Setup(format!("cannot write the backup: {e}")));
        }
        let rows = rows?;
        // Documents are listed after the database snapshot: a document deleted meanwhile may be missing, one
        // added meanwhile is an unreferenced extra; both are harmless for the restored database.
        let mut blobs = 0u64;
        let store = self.blobs();
        for key in store
            .list()
            .await
            .map_err(|e| AppError::Setup(format!("cannot list documents: {e}")))?
        {
            let Some(bytes) = store
                .get(&key)
                .await
                .map_err(|e| AppError::Setup(format!("cannot read a document: {e}")))?
            else {
                continue;
            };
            write_line(
                &mut w,
                &Line::Blob {
                    key,
                    data_b64: B64.encode(bytes),
                },
            )?;
            blobs += 1;
        }
        write_line(&mut w, &Line::End { rows, blobs })?;
        w.flush()
            .map_err(|e| AppError::Setup(format!("cannot write the backup: {e}")))?;
        w.get_ref()
            .sync_all()
            .map_err(|e| AppError::Setup(format!("cannot write the backup: {e}")))?;
        Ok((rows, blobs, schema_version, key_fingerprint))
    }

    /// Restores `file` into the installation `cfg` describes, which must be empty: the data directory may hold
    /// nothing but the key file, and the database must have no data. The key file must exist and be the key
    /// the backup was made with (same fingerprint). Everything is loaded in one transaction.
    pub async fn restore(cfg: AppConfig, file: &Path) -> Result<RestoreReport, AppError> {
        let key_path = cfg.effective_key_file();
        let input = File::open(file).map_err(|e| io_error("open", file, e))?;
        let mut lines = BufReader::new(input).lines();
        let first = lines
            .next()
            .transpose()
            .map_err(|e| io_error("read", file, e))?;
        let manifest = first
            .as_deref()
            .and_then(|l| serde_json::from_str::<Line>(l).ok());
        let Some(Line::Manifest {
            format,
            format_version,
            schema_version,
            key_fingerprint,
            ..
        }) = manifest
        else {
            return Err(AppError::invalid(
                "file",
                "this is not a Kluis backup file, or it is damaged (no readable manifest)",
            ));
        };
        if format != FORMAT || format_version != FORMAT_VERSION {
            return Err(AppError::invalid(
                "file",
                format!("unsupported backup format version {format_version}"),
            ));
        }
        // The data directory may contain the key file (that is where it is usually restored first), nothing else.
        if let Ok(entries) = std::fs::read_dir(&cfg.data_dir) {
            for entry in entries.flatten() {
                if entry.path() != key_path {
                    return Err(AppError::Conflict(format!(
                        "the data directory {} is not empty; restore only into an empty installation",
                        path_display(&cfg.data_dir)
                    )));
                }
            }
        }
        if !key_path.exists() {
            return Err(AppError::Setup(format!(
                "key file {} not found: put the key file of the backed-up installation (key {key_fingerprint}) \
                 there before restoring",
                path_display(&key_path)
            )));
        }
        let ring = KeyRing::open(&key_path)?;
        if ring.fingerprint() != key_fingerprint {
            return Err(AppError::Setup(format!(
                "key file {} holds key {}, but the backup was made with key {key_fingerprint}",
                path_display(&key_path),
                ring.fingerprint()
            )));
        }
        let created = Created::before(&cfg);
        let result =
            Self::restore_into(&cfg, &ring, lines, file, schema_version, &key_fingerprint).await;
        if result.is_err() {
            created.remove();
        }
        result
    }

    async fn restore_into(
        cfg: &AppConfig,
        ring: &KeyRing,
        mut lines: std::io::Lines<BufReader<File>>,
        file: &Path,
        schema_version: i64,
        key_fingerprint: &str,
    ) -> Result<RestoreReport, AppError> {
        if cfg.database_url.is_none() {
            // Create the SQLite file ourselves so that it is 0600 from the start (SQLite gives its WAL and
            // shared-memory files the same mode).
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(&cfg.data_dir)
                .map_err(|e| io_error("create", &cfg.data_dir, e))?;
            let db = cfg.data_dir.join("kluis.db");
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&db)
                .map_err(|e| io_error("create", &db, e))?;
        }
        let store = connect(cfg).await?;
        let blobs = open_blobs(cfg)?;
        let existing = blobs
            .list()
            .await
            .map_err(|e| AppError::Setup(format!("cannot list documents: {e}")))?;
        if !existing.is_empty() {
            store.close().await;
            return Err(AppError::Conflict(
                "the document store already holds documents; restore only into an empty installation".into(),
            ));
        }
        let mut written = Vec::new();
        let result = load(
            &store,
            &blobs,
            &mut written,
            &mut lines,
            file,
            schema_version,
            key_fingerprint,
            ring,
        )
        .await;
        store.close().await;
        if result.is_err() {
            // The database load rolled back; take the documents written so far with it, so a retry finds an
            // empty installation again.
            for key in &written {
                let _ = blobs.delete(key).await;
            }
        }
        result
    }
}

/// What a restore found in the target before it started, so that a failed restore removes exactly what it
/// created: new entries of the data directory (database file, its WAL, the document folder), or the data
/// directory itself if it did not exist.
struct Created {
    data_dir: PathBuf,
    existed: bool,
    entries: Vec<PathBuf>,
}

impl Created {
    fn before(cfg: &AppConfig) -> Created {
        let entries = std::fs::read_dir(&cfg.data_dir)
            .map(|rd| rd.flatten().map(|e| e.path()).collect())
            .ok();
        Created {
            data_dir: cfg.data_dir.clone(),
            existed: entries.is_some(),
            entries: entries.unwrap_or_default(),
        }
    }

    fn remove(self) {
        if !self.existed {
            let _ = std::fs::remove_dir_all(&self.data_dir);
            return;
        }
        let Ok(now) = std::fs::read_dir(&self.data_dir) else {
            return;
        };
        for entry in now.flatten() {
            let path = entry.path();
            if self.entries.contains(&path) {
                continue;
            }
            let removed = if entry.file_type().is_ok_and(|t| t.is_dir()) {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            if let Err(e) = removed {
                tracing::warn!(path = %path.display(), error = %e, "cannot remove what a failed restore left");
            }
        }
    }
}

/// Verifies every loaded organisation's audit chain inside the load, before it commits. A key file from before
/// the chain was keyed (no audit key yet, or its re-keying pending) may restore chains written as v1: those are
/// checked as v1 and re-keyed at the next start.
async fn verify_loaded_chains(load: &mut LoadTx, ring: &KeyRing) -> Result<(), AppError> {
    let legacy_allowed = ring.audit_chain_key().is_none() || ring.audit_rekey_pending();
    for (org_id, slug, head_seq, head_hash) in load.org_audit_heads().await? {
        let mut events = Vec::new();
        let mut after = 0;
        loop {
            let batch = load.audit_chain_batch(&org_id, after, 1000).await?;
            let Some(last) = batch.last() else { break };
            after = last.seq;
            events.extend(batch);
        }
        let keyed = ring.audit_chain_key().map(|key| {
            let mut walk = ChainWalk::new(ChainVerifier::new(key));
            walk.feed(&events, head_seq);
            walk.finish(head_seq, &head_hash)
        });
        let result = match keyed {
            Some(r) if r.is_ok() || !legacy_allowed => r,
            _ => {
                let mut walk = ChainWalk::new(ChainVerifier::legacy());
                walk.feed(&events, head_seq);
                walk.finish(head_seq, &head_hash)
            }
        };
        if let AuditVerification::Broken { .. } = result {
            return Err(AppError::invalid(
                "file",
                format!(
                    "the audit chain of organisation {slug} in the backup is {result}; the backup was altered \
                     or made with another key file, so it is not restored"
                ),
            ));
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn load(
    store: &Store,
    blobs: &BlobStore,
    written: &mut Vec<String>,
    lines: &mut std::io::Lines<BufReader<File>>,
    file: &Path,
    schema_version: i64,
    key_fingerprint: &str,
    ring: &KeyRing,
) -> Result<RestoreReport, AppError> {
    store.migrate().await?;
    let current = store.schema_version().await?;
    if current != schema_version {
        return Err(AppError::Setup(format!(
            "the backup has schema version {schema_version}, this Kluis has {current}; restore with the Kluis \
             version that made the backup, then upgrade"
        )));
    }
    let mut load = store
        .begin_load(crate::modules::tables())
        .await
        .map_err(|e| match e {
            StoreError::Load(m) => AppError::Conflict(m),
            other => other.into(),
        })?;
    let mut end = None;
    let mut blob_count = 0u64;
    for line in lines {
        let line = line.map_err(|e| io_error("read", file, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = serde_json::from_str(&line).map_err(|_| {
            AppError::invalid("file", "the backup file is damaged (unreadable line)")
        })?;
        match parsed {
            Line::Row(row) => load.insert(&row).await.map_err(|e| match e {
                StoreError::Load(m) => AppError::invalid("file", m),
                other => other.into(),
            })?,
            Line::Blob { key, data_b64 } => {
                let bytes = B64.decode(data_b64).map_err(|_| {
                    AppError::invalid("file", "the backup file is damaged (bad document data)")
                })?;
                blobs
                    .put(&key, bytes)
                    .await
                    .map_err(|e| AppError::Setup(format!("cannot write a document: {e}")))?;
                written.push(key);
                blob_count += 1;
            }
            Line::End { rows, blobs } => end = Some((rows, blobs)),
            Line::Manifest { .. } => {
                return Err(AppError::invalid("file", "the backup file is damaged"));
            }
        }
    }
    let Some((rows, expected_blobs)) = end else {
        return Err(AppError::invalid(
            "file",
            "the backup file is incomplete (it ends early: no end marker)",
        ));
    };
    // Checked before the commit, so that a damaged file leaves nothing loaded.
    if load.rows() != rows || blob_count != expected_blobs {
        return Err(AppError::invalid(
            "file",
            "the backup file is damaged (it holds fewer or more entries than its end marker counts)",
        ));
    }
    verify_loaded_chains(&mut load, ring).await?;
    let loaded = load.commit().await?;
    if store.setting(KEY_FINGERPRINT_SETTING).await?.as_deref() != Some(key_fingerprint) {
        let mut tx = store.begin_write().await?;
        tx.set_setting(KEY_FINGERPRINT_SETTING, key_fingerprint)
            .await?;
        tx.commit().await?;
    }
    Ok(RestoreReport {
        rows: loaded,
        blobs: blob_count,
        schema_version,
        key_fingerprint: key_fingerprint.to_owned(),
    })
}

fn write_line(w: &mut impl Write, line: &Line) -> Result<(), AppError> {
    let s = serde_json::to_string(line).map_err(AppError::internal)?;
    writeln!(w, "{s}").map_err(|e| AppError::Setup(format!("cannot write the backup: {e}")))
}
