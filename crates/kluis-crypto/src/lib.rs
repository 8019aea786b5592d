//! Key file, field encryption (XChaCha20-Poly1305), blind indexes (HMAC), signed expiring links (HMAC), password
//! hashing (Argon2id) and TOTP.

mod keyring;
mod password;
mod signed_link;
mod token;
mod totp;

use std::path::PathBuf;

pub use keyring::KeyRing;
pub use password::{dummy_verify, hash_password, password_needs_rehash, verify_password};
pub use signed_link::{LinkError, MAX_LINK_PAYLOAD};
pub use token::{random_token, token_digest};
pub use totp::{totp_code, totp_secret, totp_uri, totp_verify, totp_verify_step};

/// Everything that can go wrong in this crate, worded for the person who has to fix it. Never carries key
/// material, plaintext or passwords.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(
        "key file {} not found. The encrypted data of this installation cannot be read without it: restore the \
         key file from your key backup to that place, or point the configuration at where it is",
        path.display()
    )]
    KeyFileMissing { path: PathBuf },
    #[error(
        "key file {} already exists; refusing to overwrite it, because everything encrypted under it would become \
         unreadable",
        path.display()
    )]
    KeyFileExists { path: PathBuf },
    #[error(
        "key file {} is accessible to other users (mode {mode:03o}); restrict it with `chmod 600 {}`",
        path.display(),
        path.display()
    )]
    KeyFilePermissions { path: PathBuf, mode: u32 },
    #[error("key file {} is malformed: {problem}", path.display())]
    KeyFileMalformed { path: PathBuf, problem: String },
    #[error("cannot {action} key file {}: {source}", path.display())]
    KeyFileIo {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: std::io::Error,
    },
    #[error("encrypted value is malformed: {0}")]
    MalformedCiphertext(&'static str),
    #[error(
        "encrypted value uses key version {0}, which is not in the key file (was the old key retired before \
         re-encryption finished?)"
    )]
    UnknownKeyVersion(u32),
    #[error(
        "encrypted value cannot be decrypted: wrong key, damaged data, or a value moved to another organisation or \
         field"
    )]
    DecryptFailed,
    #[error("password hashing failed: {0}")]
    PasswordHash(String),
    #[error("TOTP secret is not valid base32")]
    InvalidTotpSecret,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
