//! The content-hash cache that makes re-scans incremental: reports keyed by the file's SHA-256 and the scanner's
//! rules version, one small JSON file per document under the cache directory.
//!
//! The key also holds the file's name, since the name steers format detection and classification. Results that
//! may be transient (timeouts, crashes) are not cached. Reports are stored with paths relative to the document,
//! so a moved or copied file hits too.

use crate::report::DocumentReport;
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where the cache lives unless `--cache` says otherwise: `$XDG_CACHE_HOME/kluis/scan` or `~/.cache/kluis/scan`.
pub fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("kluis").join("scan"))
}

/// Identifies the scanner's rules: any change to the detector, the extractor or this crate must change it, so
/// stale results are never served. The running executable's hash covers all three (a rebuild invalidates the
/// cache, which is the safe side); the crate versions make the key readable.
pub fn rules_version() -> &'static str {
    static VERSION: OnceLock<String> = OnceLock::new();
    VERSION.get_or_init(|| {
        let exe = std::env::current_exe()
            .ok()
            .and_then(|p| hash_file(&p).ok())
            .unwrap_or_else(|| "unknown-exe".to_owned());
        format!("kluis-scan {} exe {exe}", env!("CARGO_PKG_VERSION"))
    })
}

fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut f = std::fs::File::open(path)?;
    let mut h = Sha256::new();
    std::io::copy(&mut f, &mut h)?;
    Ok(hex::encode(h.finalize()))
}

/// A cache directory. Safe to share between threads and between concurrent runs (writes are atomic renames).
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    version: String,
}

impl Cache {
    /// Opens (creating) the cache at `dir` for results of the scanner whose rules are `version`.
    pub fn open(dir: impl Into<PathBuf>, version: &str) -> std::io::Result<Cache> {
        let dir = dir.into();
        std::fs::create_dir_all(&dir)?;
        // The cached reports hold the values found (personal data): only the owner may read them.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700))?;
        }
        Ok(Cache {
            dir,
            version: version.to_owned(),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn entry(&self, name: &str, content_key: &str) -> PathBuf {
        let base = file_name(name);
        let mut h = Sha256::new();
        h.update(self.version.as_bytes());
        h.update([0]);
        h.update(base.as_bytes());
        h.update([0]);
        h.update(content_key.as_bytes());
        let key = hex::encode(h.finalize());
        self.dir.join(&key[..2]).join(format!("{}.json", &key[2..]))
    }

    /// The reports cached for a document named `name` whose content (SHA-256, plus any option that changes the
    /// result) is `content_key`, their paths rebased on `name`.
    pub fn get(&self, name: &str, content_key: &str) -> Option<Vec<DocumentReport>> {
        let data = std::fs::read(self.entry(name, content_key)).ok()?;
        let mut reports: Vec<DocumentReport> = serde_json::from_slice(&data).ok()?;
        for r in &mut reports {
            r.path = format!("{name}{}", r.path);
        }
        Some(reports)
    }

    /// Stores the reports of a document; a failure to write only costs a future cache miss.
    pub fn put(&self, name: &str, content_key: &str, reports: &[DocumentReport]) {
        // A time limit depends on the machine's load at the time: try again next run.
        let transient = |r: &DocumentReport| {
            !r.status.is_cacheable()
                || r.reason
                    .as_deref()
                    .is_some_and(|w| w.contains("time limit"))
        };
        if reports
            .iter()
            .any(|r| transient(r) || !r.path.starts_with(name))
        {
            return;
        }
        let relative: Vec<DocumentReport> = reports
            .iter()
            .map(|r| DocumentReport {
                path: r.path[name.len()..].to_owned(),
                ..r.clone()
            })
            .collect();
        let Ok(json) = serde_json::to_vec(&relative) else {
            return;
        };
        let path = self.entry(name, content_key);
        let Some(parent) = path.parent() else { return };
        if std::fs::create_dir_all(parent).is_err() {
            return;
        }
        let tmp = parent.join(format!(
            ".tmp-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let written = std::fs::File::create(&tmp).and_then(|mut f| f.write_all(&json));
        if written.is_err() || std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
