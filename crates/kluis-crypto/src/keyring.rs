//! The key file (versioned master keys plus the blind-index key), field encryption and blind indexes.
//!
//! Key file format (text, mode 0600):
//!
//! ```text
//! # comments
//! kluis-keyfile 1
//! index-key <64 hex>
//! audit-key <64 hex>
//! key 1 <64 hex>
//! key 2 <64 hex>
//! ```
//!
//! The highest `key` version is the current one: new values are encrypted under it, older versions only decrypt.
//! The `index-key` is separate and never changes on rotation, so blind indexes stay valid across rotations and
//! need no recomputation. (Replacing a leaked index key would mean recomputing every index from decrypted values;
//! `rotate` does not do that.)
//!
//! The `audit-key` keys the audit chain (`kluis-audit-v2`) and signs its checkpoints, through two subkeys derived
//! with HKDF under their own labels. Like the index key it never changes on rotation: events are never re-hashed,
//! so a rotating chain key would need every old key kept for verification; one stable secret, apart from the
//! field keys, is simpler and keeps old checkpoints valid. Key files made before the audit chain was keyed have
//! no `audit-key`: [`KeyRing::add_audit_key`] adds one together with the line `audit-rekey pending`, which stays
//! until the old unkeyed chains were re-keyed ([`KeyRing::finish_audit_rekey`]). Keeping that marker in the key
//! file, not the database, matters: someone who can only write to the database cannot make Kluis re-key (and so
//! bless) a chain they rewrote.
//!
//! Encrypted value layout: `[format 0x01][key version u32 BE][24-byte nonce][ciphertext + 16-byte tag]`. The
//! 5-byte header is authenticated together with the caller's AAD.

use std::collections::BTreeMap;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::Write as _;
use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _, PermissionsExt as _};
use std::path::{Path, PathBuf};

use chacha20poly1305::aead::{Aead as _, KeyInit as _, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use hmac::{Hmac, Mac};
use rand::RngCore as _;
use sha2::{Digest as _, Sha256};
use zeroize::Zeroizing;

use crate::{Error, Result};

const FILE_HEADER: &str = "kluis-keyfile 1";
const CT_FORMAT: u8 = 1;
const HEADER_LEN: usize = 5;
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const FIELD_INFO: &[u8] = b"kluis field encryption v1";
const INDEX_INFO: &[u8] = b"kluis blind index v1";
const AUDIT_CHAIN_INFO: &[u8] = b"kluis audit chain v2";
const AUDIT_CHECKPOINT_INFO: &[u8] = b"kluis audit checkpoint v1";
const AUDIT_REKEY_PENDING: &str = "audit-rekey pending";
/// Bytes of the HMAC kept in a blind index: 128 bits, 32 hex characters.
const INDEX_BYTES: usize = 16;

pub(crate) type Key = Zeroizing<[u8; 32]>;

/// The installation's keys, loaded from the key file. Cheap to clone; `Debug` never shows key material.
#[derive(Clone)]
pub struct KeyRing {
    /// Master keys by version, as stored in the file.
    masters: BTreeMap<u32, Key>,
    /// Field-encryption subkeys derived from each master key.
    field_keys: BTreeMap<u32, Key>,
    index_master: Key,
    index_key: Key,
    /// Secret of the audit chain; `None` only in key files from before the chain was keyed.
    audit_master: Option<Key>,
    /// True from [`KeyRing::add_audit_key`] until [`KeyRing::finish_audit_rekey`].
    audit_rekey_pending: bool,
    current: u32,
}

impl fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KeyRing")
            .field("versions", &self.versions())
            .field("current", &self.current)
            .field("fingerprint", &self.fingerprint())
            .finish()
    }
}

fn random_key() -> Key {
    let mut k = Zeroizing::new([0u8; 32]);
    rand::rngs::OsRng.fill_bytes(k.as_mut());
    k
}

fn derive(master: &[u8; 32], info: &[u8]) -> Key {
    let mut out = Zeroizing::new([0u8; 32]);
    // 32 bytes is far below HKDF-SHA256's 8160-byte limit, so expand cannot fail.
    let _ = Hkdf::<Sha256>::new(Some(b"kluis"), master).expand(info, out.as_mut());
    out
}

fn io_err<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(std::io::Error) -> Error + 'a {
    move |source| Error::KeyFileIo {
        path: path.to_path_buf(),
        action,
        source,
    }
}

impl KeyRing {
    fn from_parts(
        masters: BTreeMap<u32, Key>,
        index_master: Key,
        audit_master: Option<Key>,
        audit_rekey_pending: bool,
    ) -> KeyRing {
        let field_keys = masters
            .iter()
            .map(|(v, k)| (*v, derive(k, FIELD_INFO)))
            .collect();
        let index_key = derive(&index_master, INDEX_INFO);
        let current = masters.keys().next_back().copied().unwrap_or(1);
        KeyRing {
            masters,
            field_keys,
            index_master,
            index_key,
            audit_master,
            audit_rekey_pending,
            current,
        }
    }

    /// A fresh key ring that lives only in memory, for tests and throwaway installations. Never use it for data
    /// that must survive the process.
    pub fn ephemeral() -> KeyRing {
        KeyRing::from_parts(
            BTreeMap::from([(1, random_key())]),
            random_key(),
            Some(random_key()),
            false,
        )
    }

    /// Writes a new key file with one random master key and a random index key. The file is created with mode
    /// 0600; an existing file is never overwritten. Missing parent directories are created 0700.
    pub fn create(path: &Path) -> Result<KeyRing> {
        let ring = KeyRing::ephemeral();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)
                .map_err(io_err(parent, "create the directory of"))?;
        }
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(path)
            .map_err(|e| {
                if e.kind() == std::io::ErrorKind::AlreadyExists {
                    Error::KeyFileExists {
                        path: path.to_path_buf(),
                    }
                } else {
                    io_err(path, "create")(e)
                }
            })?;
        let written = file
            .write_all(ring.serialize().as_bytes())
            .and_then(|()| file.sync_all());
        if let Err(e) = written {
            // A half-written key file would only confuse the next start; nothing is encrypted under it yet.
            let _ = fs::remove_file(path);
            return Err(io_err(path, "write")(e));
        }
        sync_parent(path);
        Ok(ring)
    }

    /// Loads the key file at `path`. Refuses files that group or others can access.
    pub fn open(path: &Path) -> Result<KeyRing> {
        let meta = fs::metadata(path).map_err(|e| {
            if e.kind() == std::io::ErrorKind::NotFound {
                Error::KeyFileMissing {
                    path: path.to_path_buf(),
                }
            } else {
                io_err(path, "inspect")(e)
            }
        })?;
        let malformed = |problem: String| Error::KeyFileMalformed {
            path: path.to_path_buf(),
            problem,
        };
        if !meta.is_file() {
            return Err(malformed("it is not a regular file".into()));
        }
        let mode = meta.permissions().mode() & 0o777;
        if mode & 0o077 != 0 {
            return Err(Error::KeyFilePermissions {
                path: path.to_path_buf(),
                mode,
            });
        }
        let bytes = Zeroizing::new(fs::read(path).map_err(io_err(path, "read"))?);
        let text =
            std::str::from_utf8(&bytes).map_err(|_| malformed("it is not a text file".into()))?;
        Self::parse(text).map_err(malformed)
    }

    fn parse(text: &str) -> Result<KeyRing, String> {
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        match lines.next() {
            Some((_, FILE_HEADER)) => {}
            Some((n, _)) => return Err(format!("line {n}: expected the header `{FILE_HEADER}`")),
            None => return Err("the file is empty".into()),
        }
        let mut masters = BTreeMap::new();
        let mut index = None;
        let mut audit = None;
        let mut pending = false;
        for (n, line) in lines {
            if line == AUDIT_REKEY_PENDING {
                pending = true;
                continue;
            }
            let parts: Vec<&str> = line.split_whitespace().collect();
            match parts.as_slice() {
                ["index-key", hex] => {
                    if index
                        .replace(parse_key(hex).map_err(|p| format!("line {n}: index-key {p}"))?)
                        .is_some()
                    {
                        return Err(format!("line {n}: a second index-key"));
                    }
                }
                ["audit-key", hex] => {
                    if audit
                        .replace(parse_key(hex).map_err(|p| format!("line {n}: audit-key {p}"))?)
                        .is_some()
                    {
                        return Err(format!("line {n}: a second audit-key"));
                    }
                }
                ["key", version, hex] => {
                    let version: u32 =
                        version.parse().ok().filter(|v| *v >= 1).ok_or_else(|| {
                            format!("line {n}: key version must be a whole number from 1")
                        })?;
                    let key = parse_key(hex).map_err(|p| format!("line {n}: key {version} {p}"))?;
                    if masters.insert(version, key).is_some() {
                        return Err(format!("line {n}: key version {version} appears twice"));
                    }
                }
                // Never echo the line: it may hold key material.
                _ => {
                    return Err(format!(
                        "line {n}: expected `index-key <hex>`, `audit-key <hex>` or `key <version> <hex>`"
                    ));
                }
            }
        }
        let index = index.ok_or("no index-key line")?;
        if masters.is_empty() {
            return Err("no key line".into());
        }
        if pending && audit.is_none() {
            return Err(format!("`{AUDIT_REKEY_PENDING}` without an audit-key line"));
        }
        Ok(KeyRing::from_parts(masters, index, audit, pending))
    }

    fn serialize(&self) -> Zeroizing<String> {
        let mut s = Zeroizing::new(String::new());
        s.push_str(
            "# Kluis key file. Without it the encrypted data of this installation cannot be read.\n\
             # Keep a copy somewhere safe and apart from the backups; never share it.\n",
        );
        s.push_str(FILE_HEADER);
        s.push('\n');
        s.push_str(&format!("index-key {}\n", hex::encode(*self.index_master)));
        if let Some(audit) = &self.audit_master {
            s.push_str(&format!("audit-key {}\n", hex::encode(**audit)));
        }
        if self.audit_rekey_pending {
            s.push_str(AUDIT_REKEY_PENDING);
            s.push('\n');
        }
        for (v, k) in &self.masters {
            s.push_str(&format!("key {v} {}\n", hex::encode(**k)));
        }
        s
    }

    fn write_atomic(&self, path: &Path) -> Result<()> {
        let mut suffix = [0u8; 6];
        rand::rngs::OsRng.fill_bytes(&mut suffix);
        let mut tmp_name = path.file_name().unwrap_or_default().to_os_string();
        tmp_name.push(format!(".tmp-{}", hex::encode(suffix)));
        let tmp = path.with_file_name(tmp_name);
        let result = (|| {
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&tmp)
                .map_err(io_err(&tmp, "create"))?;
            file.write_all(self.serialize().as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(io_err(&tmp, "write"))?;
            fs::rename(&tmp, path).map_err(io_err(path, "replace"))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        sync_parent(path);
        Ok(())
    }

    /// Adds a new random master key as the current version and rewrites the file atomically (temp file + rename).
    /// Old versions stay for decryption until [`KeyRing::retire_old`]. The index key is kept.
    pub fn rotate(path: &Path) -> Result<KeyRing> {
        let mut ring = KeyRing::open(path)?;
        let next = ring
            .current
            .checked_add(1)
            .ok_or_else(|| Error::KeyFileMalformed {
                path: path.to_path_buf(),
                problem: "key versions are exhausted".into(),
            })?;
        let mut masters = std::mem::take(&mut ring.masters);
        masters.insert(next, random_key());
        let ring = KeyRing::from_parts(
            masters,
            ring.index_master,
            ring.audit_master,
            ring.audit_rekey_pending,
        );
        ring.write_atomic(path)?;
        Ok(ring)
    }

    /// Drops every master key except the current one and rewrites the file atomically. Only call this after all
    /// stored values were re-encrypted (no [`KeyRing::needs_reencrypt`] left): older values become unreadable.
    pub fn retire_old(path: &Path) -> Result<KeyRing> {
        let ring = KeyRing::open(path)?;
        let current = ring.current;
        let masters = ring
            .masters
            .into_iter()
            .filter(|(v, _)| *v == current)
            .collect();
        let ring = KeyRing::from_parts(
            masters,
            ring.index_master,
            ring.audit_master,
            ring.audit_rekey_pending,
        );
        ring.write_atomic(path)?;
        Ok(ring)
    }

    /// Gives a key file from before the audit chain was keyed its `audit-key`, marked `audit-rekey pending`, and
    /// rewrites it atomically. A file that has one already is returned unchanged.
    pub fn add_audit_key(path: &Path) -> Result<KeyRing> {
        let ring = KeyRing::open(path)?;
        if ring.audit_master.is_some() {
            return Ok(ring);
        }
        let ring = KeyRing::from_parts(ring.masters, ring.index_master, Some(random_key()), true);
        ring.write_atomic(path)?;
        Ok(ring)
    }

    /// Drops the `audit-rekey pending` mark once every old chain was re-keyed, and rewrites the file atomically.
    pub fn finish_audit_rekey(path: &Path) -> Result<KeyRing> {
        let ring = KeyRing::open(path)?;
        if !ring.audit_rekey_pending {
            return Ok(ring);
        }
        let ring = KeyRing::from_parts(ring.masters, ring.index_master, ring.audit_master, false);
        ring.write_atomic(path)?;
        Ok(ring)
    }

    /// Whether unkeyed (v1) audit chains still wait to be re-keyed ([`KeyRing::add_audit_key`]).
    pub fn audit_rekey_pending(&self) -> bool {
        self.audit_rekey_pending
    }

    /// The key of the audit chain's HMAC (`kluis-audit-v2`); `None` for a key file without `audit-key`.
    pub fn audit_chain_key(&self) -> Option<kluis_domain::audit::AuditKey> {
        self.audit_master
            .as_ref()
            .map(|m| kluis_domain::audit::AuditKey::from_bytes(*derive(m, AUDIT_CHAIN_INFO)))
    }

    /// The key that signs audit checkpoints, apart from the chain key; `None` without `audit-key`.
    pub fn audit_checkpoint_key(&self) -> Option<kluis_domain::audit::AuditKey> {
        self.audit_master
            .as_ref()
            .map(|m| kluis_domain::audit::AuditKey::from_bytes(*derive(m, AUDIT_CHECKPOINT_INFO)))
    }

    /// The version new values are encrypted under.
    pub fn current_version(&self) -> u32 {
        self.current
    }

    /// All key versions in the ring, ascending.
    pub fn versions(&self) -> Vec<u32> {
        self.masters.keys().copied().collect()
    }

    /// Short identifier of the current master key (16 hex chars of a domain-separated SHA-256). Safe to put in
    /// backups and logs to tell which key a backup needs; reveals nothing about the key.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"kluis key fingerprint v1");
        if let Some(k) = self.masters.get(&self.current) {
            h.update(**k);
        }
        hex::encode(&h.finalize()[..8])
    }

    /// Encrypts `plaintext` under the current key with a random nonce. `aad` must name where the value lives
    /// (org id + table + column, e.g. via [`KeyRing::aad`]) so it cannot be moved to another tenant or field.
    pub fn encrypt(&self, plaintext: &[u8], aad: &[u8]) -> Vec<u8> {
        let mut header = [0u8; HEADER_LEN];
        header[0] = CT_FORMAT;
        header[1..].copy_from_slice(&self.current.to_be_bytes());
        let mut nonce = [0u8; NONCE_LEN];
        rand::rngs::OsRng.fill_bytes(&mut nonce);
        let full_aad = [&header[..], aad].concat();
        let key = self
            .field_keys
            .get(&self.current)
            .map(|k| **k)
            .unwrap_or_default();
        let sealed = XChaCha20Poly1305::new(&key.into())
            .encrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: plaintext,
                    aad: &full_aad,
                },
            )
            // XChaCha20-Poly1305 only fails for messages over 256 GiB, which no field value can reach.
            .expect("field value within XChaCha20-Poly1305 limits");
        let mut out = Vec::with_capacity(HEADER_LEN + NONCE_LEN + sealed.len());
        out.extend_from_slice(&header);
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        out
    }

    /// Decrypts a value made by [`KeyRing::encrypt`] with the key version named in its header. Fails on the wrong
    /// `aad`, any changed byte, or a retired key version.
    pub fn decrypt(&self, ciphertext: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
        let version = header_version(ciphertext)?;
        if ciphertext.len() < HEADER_LEN + NONCE_LEN + TAG_LEN {
            return Err(Error::MalformedCiphertext("too short"));
        }
        let key = self
            .field_keys
            .get(&version)
            .ok_or(Error::UnknownKeyVersion(version))?;
        let (header, rest) = ciphertext.split_at(HEADER_LEN);
        let (nonce, sealed) = rest.split_at(NONCE_LEN);
        let full_aad = [header, aad].concat();
        XChaCha20Poly1305::new(&(**key).into())
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: sealed,
                    aad: &full_aad,
                },
            )
            .map_err(|_| Error::DecryptFailed)
    }

    /// True when `ciphertext` is not under the current key version (or is not a value this crate made), i.e. a
    /// re-encryption pass should rewrite it with [`KeyRing::reencrypt`].
    pub fn needs_reencrypt(&self, ciphertext: &[u8]) -> bool {
        header_version(ciphertext).map_or(true, |v| v != self.current)
    }

    /// Decrypts under whichever version made `ciphertext` and encrypts again under the current key.
    pub fn reencrypt(&self, ciphertext: &[u8], aad: &[u8]) -> Result<Vec<u8>> {
        let plain = Zeroizing::new(self.decrypt(ciphertext, aad)?);
        Ok(self.encrypt(&plain, aad))
    }

    /// The key for `info` derived from master key `version`, if the ring holds that version (for the signed links
    /// of `signed_link.rs`, which rotate with the master keys).
    pub(crate) fn derived_key(&self, version: u32, info: &[u8]) -> Option<Key> {
        self.masters.get(&version).map(|m| derive(m, info))
    }

    /// The canonical AAD for a value of `org_id` stored in `table`.`column`: length-prefixed so that no two
    /// different locations share an encoding.
    pub fn aad(org_id: &str, table: &str, column: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(12 + org_id.len() + table.len() + column.len());
        for part in [org_id, table, column] {
            out.extend_from_slice(&(part.len() as u32).to_be_bytes());
            out.extend_from_slice(part.as_bytes());
        }
        out
    }

    /// Deterministic, keyed index of `normalized_value` for equality search without decrypting: HMAC-SHA256 under
    /// the (rotation-independent) index key over length-prefixed org id, purpose and value, truncated to 128 bits,
    /// as 32 lowercase hex characters. The same value in two organisations or two purposes gives unrelated
    /// indexes. Normalise the value first (the caller's job), or equal values will not match.
    pub fn blind_index(&self, org_id: &str, purpose: &str, normalized_value: &str) -> String {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&*self.index_key)
            .expect("HMAC takes any key length");
        for part in [org_id, purpose, normalized_value] {
            mac.update(&(part.len() as u64).to_be_bytes());
            mac.update(part.as_bytes());
        }
        hex::encode(&mac.finalize().into_bytes()[..INDEX_BYTES])
    }
}

fn header_version(ciphertext: &[u8]) -> Result<u32> {
    match ciphertext {
        [CT_FORMAT, a, b, c, d, ..] => Ok(u32::from_be_bytes([*a, *b, *c, *d])),
        [] | [CT_FORMAT, ..] => Err(Error::MalformedCiphertext("too short")),
        _ => Err(Error::MalformedCiphertext("unknown format version")),
    }
}

fn parse_key(hex_str: &str) -> Result<Key, &'static str> {
    let mut key = Zeroizing::new([0u8; 32]);
    hex::decode_to_slice(hex_str, key.as_mut()).map_err(|_| "must be 64 hexadecimal characters")?;
    Ok(key)
}

/// Makes a rename or creation durable by syncing the directory entry. Best effort: some filesystems refuse it.
fn sync_parent(path: &Path) {
    let parent: PathBuf = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Ok(dir) = File::open(parent) {
        let _ = dir.sync_all();
    }
}
