//! Password hashing with Argon2id (OWASP parameters), stored as PHC strings.

use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore as _;

use crate::{Error, Result};

/// OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane.
const M_COST_KIB: u32 = 19_456;
const T_COST: u32 = 2;
const P_COST: u32 = 1;

/// A hash of a random password nobody knows, with the same parameters, so [`dummy_verify`] costs what a real
/// verification costs.
const DUMMY_PHC: &str = "$argon2id$v=19$m=19456,t=2,p=1$S2x1aXMgZHVtbXkgc2FsdA$tW3H2lQvcO9RLi1Vv9mYH3bNq6OemrBRGQsn1t5xK0k";

fn argon2() -> Result<Argon2<'static>> {
    let params = Params::new(M_COST_KIB, T_COST, P_COST, None)
        .map_err(|e| Error::PasswordHash(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes `password` with Argon2id and a random 16-byte salt; returns the PHC string to store.
pub fn hash_password(password: &str) -> Result<String> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::PasswordHash(e.to_string()))?;
    let hash = argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map_err(|e| Error::PasswordHash(e.to_string()))?;
    Ok(hash.to_string())
}

/// True when `password` matches the PHC string `phc` (with the parameters recorded in it). The comparison is
/// constant-time inside the argon2 crate. A malformed `phc` never matches.
pub fn verify_password(password: &str, phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return false;
    };
    Argon2::default()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// Spends the time of one password verification and returns nothing. Call it when a login names an unknown user,
/// so response times do not reveal which accounts exist.
pub fn dummy_verify() {
    let _ = verify_password("kluis: no such user", DUMMY_PHC);
}

/// True when `phc` was made with other parameters than the current ones (or cannot be read), so the caller should
/// store a fresh [`hash_password`] after the next successful login.
pub fn password_needs_rehash(phc: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(phc) else {
        return true;
    };
    let Ok(params) = Params::try_from(&parsed) else {
        return true;
    };
    parsed.algorithm.as_str() != "argon2id"
        || parsed.version != Some(Version::V0x13 as u32)
        || params.m_cost() != M_COST_KIB
        || params.t_cost() != T_COST
        || params.p_cost() != P_COST
}

#[cfg(test)]
mod tests {
    /// `dummy_verify` only costs a real verification if its hash parses and carries the current parameters.
    #[test]
    fn dummy_hash_has_current_parameters() {
        assert!(argon2::password_hash::PasswordHash::new(super::DUMMY_PHC).is_ok());
        assert!(!super::password_needs_rehash(super::DUMMY_PHC));
    }
}
