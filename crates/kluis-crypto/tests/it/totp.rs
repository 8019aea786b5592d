//! TOTP against the RFC 6238 test vectors (SHA-1 seed; the 6-digit code is the last 6 of the RFC's 8 digits).

use kluis_crypto::{totp_code, totp_secret, totp_uri, totp_verify, totp_verify_step};

/// Base32 of the RFC 6238 SHA-1 seed "12345678901234567890".
const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

const VECTORS: &[(u64, &str)] = &[
    (59, "287082"),
    (1_111_111_109, "081804"),
    (1_111_111_111, "050471"),
    (1_234_567_890, "005924"),
    (2_000_000_000, "279037"),
    (20_000_000_000, "353130"),
];

#[test]
fn rfc6238_vectors() {
    for (t, code) in VECTORS {
        assert_eq!(totp_code(RFC_SECRET, *t).unwrap(), *code, "t={t}");
        assert!(totp_verify(RFC_SECRET, code, *t), "t={t}");
        // Lower case and spaces as users type them.
        assert!(totp_verify(
            &RFC_SECRET.to_lowercase(),
            &format!("{} {}", &code[..3], &code[3..]),
            *t
        ));
    }
}

#[test]
fn window_is_one_step_each_way() {
    let t = 1_234_567_890;
    let code = totp_code(RFC_SECRET, t).unwrap();
    assert_eq!(totp_verify_step(RFC_SECRET, &code, t), Some(t / 30));
    assert!(totp_verify(RFC_SECRET, &code, t + 30));
    assert!(totp_verify(RFC_SECRET, &code, t - 30));
    assert!(!totp_verify(RFC_SECRET, &code, t + 60));
    assert!(!totp_verify(RFC_SECRET, &code, t - 60));
    // Near time zero there is no previous step; must not underflow.
    assert!(totp_verify(RFC_SECRET, "287082", 10));
}

#[test]
fn rejects_bad_input() {
    assert!(!totp_verify(RFC_SECRET, "28708", 59));
    assert!(!totp_verify(RFC_SECRET, "2870822", 59));
    assert!(!totp_verify(RFC_SECRET, "28708a", 59));
    assert!(!totp_verify(RFC_SECRET, "", 59));
    assert!(!totp_verify("not base32!", "287082", 59));
    assert!(totp_code("1", 59).is_err());
}

#[test]
fn new_secret_and_uri() {
    let s = totp_secret();
    assert_eq!(s.len(), 32);
    assert_ne!(s, totp_secret());
    let code = totp_code(&s, 1_000_000).unwrap();
    assert!(totp_verify(&s, &code, 1_000_000));
    assert_eq!(
        totp_uri("JBSWY3DPEHPK3PXP", "Kluis Bakkerij", "an@example.nl"),
        "otpauth://totp/Kluis%20Bakkerij:an%40example.nl?secret=JBSWY3DPEHPK3PXP&issuer=Kluis%20Bakkerij\
         &algorithm=SHA1&digits=6&period=30"
    );
}
