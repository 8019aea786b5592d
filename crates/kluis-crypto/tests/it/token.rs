//! Tokens are random, URL-safe and stored by digest.

use kluis_crypto::{random_token, token_digest};

#[test]
fn tokens_are_random_urlsafe_and_digested() {
    let a = random_token();
    let b = random_token();
    assert_ne!(a, b);
    assert_eq!(a.len(), 43);
    assert!(
        a.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    );
    assert_eq!(
        token_digest("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_ne!(token_digest(&a), token_digest(&b));
}
