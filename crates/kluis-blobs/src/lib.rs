//! Document bytes in local files or S3-compatible object storage.
//!
//! Keys are short relative paths made of ASCII letters, digits, `.`, `_`, `-` and `/` (for example
//! `<org-id>/<document-id>`). They are checked before any access so that no key can leave the store, and they
//! appear in error messages: never put personal data in a key.

use std::fmt;
use std::fs;
use std::io::{ErrorKind, Write as _};
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt as _;
use object_store::aws::{AmazonS3Builder, AmazonS3ConfigKey};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt as _, PutPayload, RetryConfig};
use rand::RngCore as _;

/// Longest accepted key, in bytes.
pub const MAX_KEY_LEN: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid blob key {key:?}: {reason}")]
    InvalidKey { key: String, reason: &'static str },
    #[error("invalid blob store URL {url:?}: {reason}")]
    InvalidUrl { url: String, reason: String },
    #[error("invalid blob store setting {name}: {reason}")]
    InvalidSetting { name: String, reason: &'static str },
    #[error("{store}: cannot {action} {}: {source}", path.display())]
    Io {
        store: String,
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{store}: cannot {action} {key:?}: {source}")]
    Remote {
        store: String,
        action: &'static str,
        key: String,
        #[source]
        source: Box<object_store::Error>,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Where document bytes live. Cheap to clone; share one per installation.
#[derive(Clone)]
pub struct BlobStore {
    backend: Backend,
    description: Arc<str>,
}

#[derive(Clone)]
enum Backend {
    Local {
        root: PathBuf,
    },
    S3 {
        store: Arc<dyn ObjectStore>,
        prefix: String,
    },
}

impl fmt::Debug for BlobStore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.description)
    }
}

impl BlobStore {
    /// Opens the store named by `url`: `None` (or an empty string) means local files under `<data_dir>/blobs/`,
    /// created with mode 0700 if missing; `s3://bucket` or `s3://bucket/prefix` means S3-compatible object
    /// storage configured by the standard `AWS_*` variables (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`,
    /// `AWS_REGION`/`AWS_DEFAULT_REGION`, `AWS_ENDPOINT` for non-AWS servers, `AWS_ALLOW_HTTP=true` for plain HTTP).
    pub fn open(url: Option<&str>, data_dir: &Path) -> Result<BlobStore> {
        Self::open_with(url, data_dir, &[])
    }

    /// Like [`BlobStore::open`], with S3 settings given explicitly (e.g. from the configuration file) on top of the
    /// environment. Names are those of the `AWS_*` variables, e.g. `("AWS_ENDPOINT", "http://minio:9000")`,
    /// `("AWS_ALLOW_HTTP", "true")`, `("AWS_REGION", "eu-central-1")`. Ignored for local storage.
    pub fn open_with(
        url: Option<&str>,
        data_dir: &Path,
        s3_settings: &[(&str, &str)],
    ) -> Result<BlobStore> {
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Self::open_local(data_dir.join("blobs")),
            Some(url) => Self::open_s3(url, s3_settings),
        }
    }

    fn open_local(root: PathBuf) -> Result<BlobStore> {
        let description: Arc<str> = format!("local blob store {}", root.display()).into();
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&root)
            .map_err(|source| Error::Io {
                store: description.to_string(),
                action: "create directory",
                path: root.clone(),
                source,
            })?;
        Ok(BlobStore {
            backend: Backend::Local { root },
            description,
        })
    }

    fn open_s3(url: &str, settings: &[(&str, &str)]) -> Result<BlobStore> {
        let invalid = |reason: &str| Error::InvalidUrl {
            url: redact_url(url),
            reason: reason.to_string(),
        };
        let rest = url.strip_prefix("s3://").ok_or_else(|| {
            invalid("use s3://bucket or s3://bucket/prefix, or leave it unset to store documents in the data directory")
        })?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() || bucket.contains(['@', ':', '?', '#']) {
            return Err(invalid(
                "the bucket name is missing or contains characters a bucket cannot have",
            ));
        }
        let prefix = prefix.trim_end_matches('/');
        if !prefix.is_empty() {
            validate_key(prefix).map_err(|e| match e {
                Error::InvalidKey { reason, .. } => invalid(&format!("prefix: {reason}")),
                other => other,
            })?;
        }
        // reqwest is built with rustls but no bundled crypto provider; ring is the one we ship. Failing here only
        // means the process already installed a provider, which rustls then uses.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut builder = AmazonS3Builder::from_env();
        for (name, value) in settings {
            let key: AmazonS3ConfigKey =
                name.to_ascii_lowercase()
                    .parse()
                    .map_err(|_| Error::InvalidSetting {
                        name: name.to_string(),
                        reason: "not a known S3 setting (use the AWS_* variable names)",
                    })?;
            builder = builder.with_config(key, *value);
        }
        let builder = builder.with_bucket_name(bucket).with_retry(RetryConfig {
            // The default retries for up to three minutes; a page load should fail sooner than that.
            max_retries: 3,
            retry_timeout: Duration::from_secs(30),
            ..RetryConfig::default()
        });
        let endpoint = builder
            .get_config_value(&AmazonS3ConfigKey::S3Endpoint)
            .or_else(|| builder.get_config_value(&AmazonS3ConfigKey::Endpoint))
            .filter(|e| !e.is_empty());
        let mut description = format!("S3 bucket {bucket}");
        if !prefix.is_empty() {
            description.push_str(&format!(" prefix {prefix}/"));
        }
        if let Some(endpoint) = endpoint {
            description.push_str(&format!(" at {}", redact_url(&endpoint)));
        }
        let store = builder.build().map_err(|e| invalid(&e.to_string()))?;
        Ok(BlobStore {
            backend: Backend::S3 {
                store: Arc::new(store),
                prefix: prefix.to_string(),
            },
            description: description.into(),
        })
    }

    /// Where the bytes live, for logs and status pages. Never contains credentials.
    pub fn describe(&self) -> String {
        self.description.to_string()
    }

    /// Stores `bytes` under `key`, replacing what was there. Readers see the old or the new bytes, never a mix:
    /// locally via a synced temp file renamed into place, on S3 because a PUT is atomic.
    pub async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<()> {
        validate_key(key)?;
        match &self.backend {
            Backend::Local { root } => {
                let (path, store) = (local_path(root, key), self.description.to_string());
                blocking(move || put_local(&store, &path, &bytes)).await
            }
            Backend::S3 { store, prefix } => store
                .put(&object_path(prefix, key), PutPayload::from(bytes))
                .await
                .map(|_| ())
                .map_err(|e| self.remote("store", key, e)),
        }
    }

    /// The bytes under `key`, or `None` when there are none.
    pub async fn get(&self, key: &str) -> Result<Option<Vec<u8>>> {
        validate_key(key)?;
        match &self.backend {
            Backend::Local { root } => {
                let (path, store) = (local_path(root, key), self.description.to_string());
                blocking(move || match fs::read(&path) {
                    Ok(bytes) => Ok(Some(bytes)),
                    Err(e) if is_absent(&e) => Ok(None),
                    Err(source) => Err(Error::Io {
                        store,
                        action: "read",
                        path,
                        source,
                    }),
                })
                .await
            }
            Backend::S3 { store, prefix } => match store.get(&object_path(prefix, key)).await {
                Ok(found) => match found.bytes().await {
                    Ok(bytes) => Ok(Some(bytes.to_vec())),
                    Err(e) => Err(self.remote("read", key, e)),
                },
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(self.remote("read", key, e)),
            },
        }
    }

    /// Removes `key`. Removing a key that does not exist is not an error, so retries are safe.
    pub async fn delete(&self, key: &str) -> Result<()> {
        validate_key(key)?;
        match &self.backend {
            Backend::Local { root } => {
                let (path, store) = (local_path(root, key), self.description.to_string());
                blocking(move || match fs::remove_file(&path) {
                    Err(e) if !is_absent(&e) => Err(Error::Io {
                        store,
                        action: "delete",
                        path,
                        source: e,
                    }),
                    _ => Ok(()),
                })
                .await
            }
            Backend::S3 { store, prefix } => match store.delete(&object_path(prefix, key)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(self.remote("delete", key, e)),
            },
        }
    }

    /// Removes `key` so its bytes do not stay on the disk: locally the file is first overwritten with zeros in
    /// place and synced, then removed (a file system that copies on write or a disk that remaps blocks may still
    /// keep old blocks; the bytes are ciphertext under the installation's key either way). On S3 a plain delete:
    /// the provider's storage is not this process's to overwrite. Idempotent like [`BlobStore::delete`].
    pub async fn shred(&self, key: &str) -> Result<()> {
        validate_key(key)?;
        match &self.backend {
            Backend::Local { root } => {
                let (path, store) = (local_path(root, key), self.description.to_string());
                blocking(move || {
                    let io = |action: &'static str, source: std::io::Error| Error::Io {
                        store: store.clone(),
                        action,
                        path: path.clone(),
                        source,
                    };
                    match fs::OpenOptions::new().write(true).open(&path) {
                        Ok(mut file) => {
                            use std::io::Write as _;
                            let len = file.metadata().map_err(|e| io("overwrite", e))?.len();
                            let zeros = vec![0u8; 64 * 1024];
                            let mut left = len;
                            while left > 0 {
                                let n = left.min(zeros.len() as u64) as usize;
                                file.write_all(&zeros[..n])
                                    .map_err(|e| io("overwrite", e))?;
                                left -= n as u64;
                            }
                            file.sync_all().map_err(|e| io("overwrite", e))?;
                        }
                        Err(e) if is_absent(&e) => return Ok(()),
                        Err(e) => return Err(io("overwrite", e)),
                    }
                    match fs::remove_file(&path) {
                        Err(e) if !is_absent(&e) => Err(io("delete", e)),
                        _ => Ok(()),
                    }
                })
                .await
            }
            Backend::S3 { .. } => self.delete(key).await,
        }
    }

    /// Every key in the store, sorted. Used by backup and by consistency checks.
    pub async fn list(&self) -> Result<Vec<String>> {
        let mut keys = match &self.backend {
            Backend::Local { root } => {
                let (root, store) = (root.clone(), self.description.to_string());
                blocking(move || {
                    let mut keys = Vec::new();
                    list_local(&store, &root, "", &mut keys)?;
                    Ok(keys)
                })
                .await?
            }
            Backend::S3 { store, prefix } => {
                let base = (!prefix.is_empty()).then(|| ObjectPath::from(prefix.as_str()));
                let mut stream = store.list(base.as_ref());
                let mut keys = Vec::new();
                while let Some(meta) = stream.next().await {
                    let meta = meta.map_err(|e| self.remote("list", prefix, e))?;
                    let full = meta.location.as_ref();
                    let key = if prefix.is_empty() {
                        Some(full)
                    } else {
                        full.strip_prefix(prefix.as_str())
                            .and_then(|k| k.strip_prefix('/'))
                    };
                    // Objects someone else put there with names we would never make are not ours to report.
                    if let Some(key) = key.filter(|k| validate_key(k).is_ok()) {
                        keys.push(key.to_string());
                    }
                }
                keys
            }
        };
        keys.sort();
        Ok(keys)
    }

    fn remote(&self, action: &'static str, key: &str, source: object_store::Error) -> Error {
        Error::Remote {
            store: self.description.to_string(),
            action,
            key: key.to_string(),
            source: Box::new(source),
        }
    }
}

/// Checks that `key` is a relative path of safe segments, so that it can never name anything outside the store.
pub fn validate_key(key: &str) -> Result<()> {
    let invalid = |reason| {
        Err(Error::InvalidKey {
            key: key.chars().take(80).collect(),
            reason,
        })
    };
    if key.is_empty() {
        return invalid("it is empty");
    }
    if key.len() > MAX_KEY_LEN {
        return invalid("it is longer than 512 bytes");
    }
    if !key
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-' | b'/'))
    {
        return invalid("only ASCII letters, digits, '.', '_', '-' and '/' are allowed");
    }
    if key.starts_with('/') {
        return invalid("it must not be an absolute path");
    }
    for segment in key.split('/') {
        if segment.is_empty() {
            return invalid("it has an empty path segment");
        }
        if segment == "." || segment == ".." {
            return invalid("'.' and '..' segments are not allowed");
        }
        // Dot-names are reserved for the store's own temp files.
        if segment.starts_with('.') {
            return invalid("a path segment must not start with '.'");
        }
    }
    Ok(())
}

/// Errors that mean "no blob under this key": a directory of other keys at its place, or a blob where one of its
/// parent directories would be, counts as absent, as it would on S3.
fn is_absent(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::NotFound | ErrorKind::IsADirectory | ErrorKind::NotADirectory
    )
}

fn local_path(root: &Path, key: &str) -> PathBuf {
    key.split('/')
        .fold(root.to_path_buf(), |p, segment| p.join(segment))
}

fn object_path(prefix: &str, key: &str) -> ObjectPath {
    if prefix.is_empty() {
        ObjectPath::from(key)
    } else {
        ObjectPath::from(format!("{prefix}/{key}"))
    }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    match tokio::task::spawn_blocking(f).await {
        Ok(result) => result,
        // Only reachable if the closure panicked or the runtime is shutting down.
        Err(e) => Err(Error::Io {
            store: "local blob store".into(),
            action: "finish",
            path: PathBuf::new(),
            source: std::io::Error::other(e.to_string()),
        }),
    }
}

fn put_local(store: &str, path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |action, path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io {
            store: store.to_string(),
            action,
            path,
            source,
        }
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
        .map_err(io("create directory", dir))?;
    let mut suffix = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut suffix);
    let tmp = dir.join(format!(".tmp-{}", hex::encode(suffix)));
    let written = (|| {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(io("write", path)(e));
    }
    // Make the rename itself durable; some filesystems refuse to sync a directory, which is not worth failing.
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn list_local(store: &str, dir: &Path, prefix: &str, keys: &mut Vec<String>) -> Result<()> {
    let io = |source| Error::Io {
        store: store.to_string(),
        action: "list",
        path: dir.to_path_buf(),
        source,
    };
    for entry in fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let Some(name) = entry.file_name().to_str().map(str::to_string) else {
            continue;
        };
        let key = if prefix.is_empty() {
            name
        } else {
            format!("{prefix}/{name}")
        };
        // Skips temp files of unfinished writes and anything else no valid key could have made.
        if validate_key(&key).is_err() {
            continue;
        }
        let kind = entry.file_type().map_err(io)?;
        if kind.is_dir() {
            list_local(store, &entry.path(), &key, keys)?;
        } else if kind.is_file() {
            keys.push(key);
        }
    }
    Ok(())
}

/// `url` without any `user:password@` part, for messages and logs.
fn redact_url(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = rest.find('/').map_or((rest, ""), |i| rest.split_at(i));
            let host = authority
                .rsplit_once('@')
                .map_or(authority, |(_, host)| host);
            let path = path.split(['?', '#']).next().unwrap_or("");
            format!("{scheme}://{host}{path}")
        }
        None => url.split(['?', '#', '@']).next().unwrap_or("").to_string(),
    }
}
