//! The key file, field encryption, rotation and blind indexes.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;

use kluis_crypto::{Error, KeyRing};

fn aad() -> Vec<u8> {
    KeyRing::aad("org-1", "persons", "bsn")
}

#[test]
fn create_writes_0600_and_refuses_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub/keys");
    let ring = KeyRing::create(&path).unwrap();
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let before = fs::read(&path).unwrap();
    assert!(matches!(
        KeyRing::create(&path),
        Err(Error::KeyFileExists { .. })
    ));
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "existing key file must be untouched"
    );

    let reopened = KeyRing::open(&path).unwrap();
    assert_eq!(reopened.fingerprint(), ring.fingerprint());
    assert_eq!(reopened.versions(), vec![1]);
    let ct = ring.encrypt(b"123456782", &aad());
    assert_eq!(reopened.decrypt(&ct, &aad()).unwrap(), b"123456782");
    // Debug output never contains key material.
    let text = String::from_utf8(before).unwrap();
    let key_hex = text.lines().find_map(|l| l.strip_prefix("key 1 ")).unwrap();
    assert!(!format!("{ring:?}").contains(key_hex));
    assert!(!ring.fingerprint().is_empty() && !key_hex.contains(&ring.fingerprint()));
}

#[test]
fn open_reports_missing_file_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys");
    let err = KeyRing::open(&path).unwrap_err();
    assert!(matches!(err, Error::KeyFileMissing { .. }));
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("cannot be read without it"), "{msg}");
}

#[test]
fn open_refuses_readable_by_others() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys");
    KeyRing::create(&path).unwrap();
    for mode in [0o644, 0o640, 0o604, 0o660] {
        fs::set_permissions(&path, fs::Permissions::from_mode(mode)).unwrap();
        let err = KeyRing::open(&path).unwrap_err();
        assert!(
            matches!(err, Error::KeyFilePermissions { .. }),
            "{mode:o}: {err}"
        );
        assert!(err.to_string().contains("chmod 600"), "{err}");
    }
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    KeyRing::open(&path).unwrap();
}

fn malformed(content: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys");
    fs::write(&path, content).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    match KeyRing::open(&path) {
        Err(e @ Error::KeyFileMalformed { .. }) => e.to_string(),
        other => panic!("expected malformed, got {other:?}"),
    }
}

#[test]
fn open_names_the_problem_in_malformed_files() {
    let k = "ab".repeat(32);
    assert!(malformed(b"").contains("empty"));
    assert!(malformed(b"hello\n").contains("line 1: expected the header"));
    assert!(malformed(&[0xff, 0xfe, 0x00]).contains("not a text file"));
    assert!(malformed(format!("kluis-keyfile 1\nkey 1 {k}\n").as_bytes()).contains("no index-key"));
    assert!(
        malformed(format!("kluis-keyfile 1\nindex-key {k}\n").as_bytes()).contains("no key line")
    );
    let short = malformed(format!("kluis-keyfile 1\nindex-key {k}\nkey 1 abcd\n").as_bytes());
    assert!(
        short.contains("line 3: key 1 must be 64 hexadecimal characters"),
        "{short}"
    );
    let dup =
        malformed(format!("kluis-keyfile 1\nindex-key {k}\nkey 1 {k}\nkey 1 {k}\n").as_bytes());
    assert!(dup.contains("line 4: key version 1 appears twice"), "{dup}");
    let zero = malformed(format!("kluis-keyfile 1\nindex-key {k}\nkey 0 {k}\n").as_bytes());
    assert!(zero.contains("line 3: key version"), "{zero}");
    let junk = malformed(format!("kluis-keyfile 1\nindex-key {k}\nsecret {k}\n").as_bytes());
    assert!(
        !junk.contains(&k),
        "error must not echo key material: {junk}"
    );
    // Comments and blank lines are fine.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys");
    fs::write(
        &path,
        format!("# hi\n\nkluis-keyfile 1\n# c\nindex-key {k}\nkey 7 {k}\n"),
    )
    .unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    assert_eq!(KeyRing::open(&path).unwrap().current_version(), 7);
}

#[test]
fn round_trip_and_nonce_randomness() {
    let ring = KeyRing::ephemeral();
    for plain in [&b""[..], b"x", b"Jan Jansen, Dorpsstraat 1", &[0u8; 10_000]] {
        let ct = ring.encrypt(plain, &aad());
        assert_eq!(ring.decrypt(&ct, &aad()).unwrap(), plain);
        assert!(!ring.needs_reencrypt(&ct));
    }
    let a = ring.encrypt(b"same", &aad());
    let b = ring.encrypt(b"same", &aad());
    assert_ne!(a, b, "random nonce per message");
    assert_eq!(a[0], 1, "format version byte");
    assert_eq!(&a[1..5], &1u32.to_be_bytes(), "key version");
}

#[test]
fn wrong_aad_wrong_key_and_tampering_fail() {
    let ring = KeyRing::ephemeral();
    let ct = ring.encrypt(b"123456782", &aad());
    // Moved to another tenant, table or column.
    for other in [
        KeyRing::aad("org-2", "persons", "bsn"),
        KeyRing::aad("org-1", "persons", "iban"),
        KeyRing::aad("org-1", "employees", "bsn"),
        Vec::new(),
    ] {
        assert!(matches!(
            ring.decrypt(&ct, &other),
            Err(Error::DecryptFailed)
        ));
    }
    // AAD encoding is unambiguous.
    assert_ne!(KeyRing::aad("ab", "c", "d"), KeyRing::aad("a", "bc", "d"));
    // Every single flipped bit is detected, including in the header.
    for i in 0..ct.len() {
        let mut bad = ct.clone();
        bad[i] ^= 0x01;
        assert!(ring.decrypt(&bad, &aad()).is_err(), "flip at byte {i}");
    }
    assert!(matches!(
        ring.decrypt(&ct[..ct.len() - 1], &aad()),
        Err(Error::DecryptFailed)
    ));
    assert!(matches!(
        ring.decrypt(&ct[..20], &aad()),
        Err(Error::MalformedCiphertext(_))
    ));
    assert!(matches!(
        ring.decrypt(&[], &aad()),
        Err(Error::MalformedCiphertext(_))
    ));
    assert!(matches!(
        ring.decrypt(&[9, 0, 0, 0, 1], &aad()),
        Err(Error::MalformedCiphertext(_))
    ));
    // Another installation's key.
    assert!(matches!(
        KeyRing::ephemeral().decrypt(&ct, &aad()),
        Err(Error::DecryptFailed)
    ));
}

#[test]
fn rotation_reencryption_and_retirement() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys");
    let v1 = KeyRing::create(&path).unwrap();
    let old_ct = v1.encrypt(b"old secret", &aad());
    let index_before = v1.blind_index("org-1", "bsn", "123456782");

    let v2 = KeyRing::rotate(&path).unwrap();
    assert_eq!(v2.versions(), vec![1, 2]);
    assert_eq!(v2.current_version(), 2);
    assert_ne!(v2.fingerprint(), v1.fingerprint());
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers, vec!["keys"], "no temp files left behind");

    let reopened = KeyRing::open(&path).unwrap();
    assert_eq!(reopened.fingerprint(), v2.fingerprint());
    // Old ciphertext still decrypts but is flagged; new ones use version 2.
    assert_eq!(reopened.decrypt(&old_ct, &aad()).unwrap(), b"old secret");
    assert!(reopened.needs_reencrypt(&old_ct));
    let new_ct = reopened.reencrypt(&old_ct, &aad()).unwrap();
    assert!(!reopened.needs_reencrypt(&new_ct));
    assert_eq!(&new_ct[1..5], &2u32.to_be_bytes());
    assert!(
        reopened
            .reencrypt(&old_ct, &KeyRing::aad("org-2", "persons", "bsn"))
            .is_err()
    );
    // Blind indexes do not change on rotation.
    assert_eq!(
        reopened.blind_index("org-1", "bsn", "123456782"),
        index_before
    );

    let v3 = KeyRing::rotate(&path).unwrap();
    assert_eq!(v3.versions(), vec![1, 2, 3]);
    let retired = KeyRing::retire_old(&path).unwrap();
    assert_eq!(retired.versions(), vec![3]);
    let reopened = KeyRing::open(&path).unwrap();
    assert_eq!(reopened.versions(), vec![3]);
    assert_eq!(reopened.fingerprint(), v3.fingerprint());
    assert!(matches!(
        reopened.decrypt(&old_ct, &aad()),
        Err(Error::UnknownKeyVersion(1))
    ));
    assert!(matches!(
        reopened.decrypt(&new_ct, &aad()),
        Err(Error::UnknownKeyVersion(2))
    ));
    assert_eq!(
        reopened.blind_index("org-1", "bsn", "123456782"),
        index_before
    );
    // Rotating or retiring a missing file says so.
    assert!(matches!(
        KeyRing::rotate(&dir.path().join("nope")),
        Err(Error::KeyFileMissing { .. })
    ));
}

#[test]
fn blind_index_is_deterministic_and_separated() {
    let ring = KeyRing::ephemeral();
    let a = ring.blind_index("org-1", "bsn", "123456782");
    assert_eq!(a, ring.blind_index("org-1", "bsn", "123456782"));
    assert_eq!(a.len(), 32);
    assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(
        a,
        ring.blind_index("org-2", "bsn", "123456782"),
        "per organisation"
    );
    assert_ne!(
        a,
        ring.blind_index("org-1", "iban", "123456782"),
        "per purpose"
    );
    assert_ne!(a, ring.blind_index("org-1", "bsn", "123456783"));
    assert_ne!(
        ring.blind_index("org-1", "bsn1", "23"),
        ring.blind_index("org-1", "bsn", "123")
    );
    assert_ne!(
        a,
        KeyRing::ephemeral().blind_index("org-1", "bsn", "123456782"),
        "keyed"
    );
}

/// The audit key is stable: rotation and retiring old keys keep it, so old events and checkpoints still verify.
/// A key file from before the audit chain was keyed gets one, marked pending until the chains are re-keyed.
#[test]
fn the_audit_key_survives_rotation_and_is_added_to_old_key_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("keys");
    let ring = KeyRing::create(&path).unwrap();
    let chain = ring
        .audit_chain_key()
        .expect("new key files have an audit key");
    assert_ne!(
        Some(chain.clone()),
        ring.audit_checkpoint_key(),
        "separate subkeys"
    );
    assert!(!ring.audit_rekey_pending());
    KeyRing::rotate(&path).unwrap();
    let retired = KeyRing::retire_old(&path).unwrap();
    assert_eq!(retired.audit_chain_key(), Some(chain));

    let old: String = fs::read_to_string(&path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("audit-key"))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&path, old).unwrap();
    let legacy = KeyRing::open(&path).unwrap();
    assert!(legacy.audit_chain_key().is_none());
    let added = KeyRing::add_audit_key(&path).unwrap();
    assert!(added.audit_rekey_pending());
    let reopened = KeyRing::open(&path).unwrap();
    assert!(reopened.audit_rekey_pending());
    assert_eq!(reopened.audit_chain_key(), added.audit_chain_key());
    assert_eq!(
        KeyRing::add_audit_key(&path).unwrap().audit_chain_key(),
        added.audit_chain_key()
    );
    let done = KeyRing::finish_audit_rekey(&path).unwrap();
    assert!(!done.audit_rekey_pending() && !KeyRing::open(&path).unwrap().audit_rekey_pending());
    assert_eq!(done.audit_chain_key(), added.audit_chain_key());
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}
