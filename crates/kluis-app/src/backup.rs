//! Online backup to one file and restore into an empty installation.
//!
//! The file is JSON lines: a manifest (format version, schema version, key fingerprint, never the key), every
//! table row from one consistent database snapshot, then an end marker with counts so that a truncated file
//! is refused. Backends may differ between backup and restore (SQLite → PostgreSQL works).

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use kluis_blobs::BlobStore;
use kluis_crypto::KeyRing;
use kluis_store::{DumpRow, Store, StoreError, now_ms};
use serde::{Deserialize, Serialize};

use crate::{
    App, AppConfig, AppError, BackupReport, KEY_FINGERPRINT_SETTING, RestoreReport, connect,
    open_blobs, path_display,
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
        let out = File::create(&tmp).map_err(|e| io_error("create", &tmp, e))?;
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
            return Err(AppError::invalid("file", "this is not a Kluis backup file"));
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
        let store = connect(&cfg).await?;
        let blobs = open_blobs(&cfg)?;
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
            &key_fingerprint,
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

async fn load(
    store: &Store,
    blobs: &BlobStore,
    written: &mut Vec<String>,
    lines: &mut std::io::Lines<BufReader<File>>,
    file: &Path,
    schema_version: i64,
    key_fingerprint: &str,
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
    let Some((rows, _expected_blobs)) = end else {
        return Err(AppError::invalid(
            "file",
            "the backup file is incomplete (no end marker)",
        ));
    };
    let loaded = load.commit().await?;
    if loaded != rows {
        return Err(AppError::invalid(
            "file",
            "the backup file is damaged (row count mismatch)",
        ));
    }
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
