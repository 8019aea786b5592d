//! Key file, field encryption (XChaCha20-Poly1305), blind indexes (HMAC), password hashing (Argon2id) and TOTP.
