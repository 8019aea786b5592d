//! Argon2id password hashes.

use kluis_crypto::{dummy_verify, hash_password, password_needs_rehash, verify_password};

#[test]
fn hash_and_verify() {
    let phc = hash_password("correct horse battery staple").unwrap();
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    assert!(verify_password("correct horse battery staple", &phc));
    assert!(!verify_password("correct horse battery stapl", &phc));
    assert!(!verify_password("", &phc));
    assert!(!password_needs_rehash(&phc));
    // Same password, different salt.
    assert_ne!(phc, hash_password("correct horse battery staple").unwrap());
}

#[test]
fn malformed_or_weaker_hashes() {
    assert!(!verify_password("x", "not a phc string"));
    assert!(!verify_password("x", ""));
    assert!(password_needs_rehash("not a phc string"));
    // A valid hash made with weaker parameters still verifies (parameters come from the PHC string) but asks
    // for a rehash.
    use argon2::password_hash::{PasswordHasher as _, SaltString};
    let params = argon2::Params::new(4096, 1, 1, None).unwrap();
    let weak = argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
        .hash_password(b"x", &SaltString::encode_b64(b"somesaltsomesalt").unwrap())
        .unwrap()
        .to_string();
    assert!(verify_password("x", &weak));
    assert!(password_needs_rehash(&weak));
    dummy_verify();
}
