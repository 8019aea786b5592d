//! Integration tests of kluis-crypto's public API.

mod keyring;
mod password;
mod token;
mod totp;
