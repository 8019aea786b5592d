//! The local-file store.

use std::fs;
use std::os::unix::fs::PermissionsExt as _;

use kluis_blobs::{BlobStore, Error, validate_key};

#[tokio::test]
async fn round_trip_overwrite_and_delete() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::open(None, dir.path()).unwrap();
    let root = dir.path().join("blobs");
    assert!(root.is_dir());
    assert_eq!(
        fs::metadata(&root).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert!(store.describe().contains(&root.display().to_string()));

    assert_eq!(store.get("org-1/doc-1").await.unwrap(), None);
    store.put("org-1/doc-1", b"first".to_vec()).await.unwrap();
    assert_eq!(
        store.get("org-1/doc-1").await.unwrap().as_deref(),
        Some(&b"first"[..])
    );
    let file = root.join("org-1").join("doc-1");
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o600
    );

    store
        .put("org-1/doc-1", b"second, longer".to_vec())
        .await
        .unwrap();
    assert_eq!(
        store.get("org-1/doc-1").await.unwrap().as_deref(),
        Some(&b"second, longer"[..])
    );
    store.put("empty", Vec::new()).await.unwrap();
    assert_eq!(store.get("empty").await.unwrap(), Some(Vec::new()));

    store.delete("org-1/doc-1").await.unwrap();
    assert_eq!(store.get("org-1/doc-1").await.unwrap(), None);
    store.delete("org-1/doc-1").await.unwrap();
    store.delete("never-was").await.unwrap();
    // No temp files are left behind by writes.
    let names: Vec<_> = fs::read_dir(root.join("org-1"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(names.is_empty(), "{names:?}");

    // Empty URL means local too; reopening sees the same bytes.
    let again = BlobStore::open(Some(""), dir.path()).unwrap();
    assert_eq!(again.get("empty").await.unwrap(), Some(Vec::new()));
}

#[tokio::test]
async fn list_returns_sorted_keys_and_skips_foreign_files() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::open(None, dir.path()).unwrap();
    assert!(store.list().await.unwrap().is_empty());
    for key in ["org-2/b", "org-1/a", "org-1/sub/c.pdf", "top"] {
        store.put(key, key.as_bytes().to_vec()).await.unwrap();
    }
    // An interrupted write's temp file and a name no key could have are not reported.
    let root = dir.path().join("blobs");
    fs::write(root.join("org-1").join(".tmp-0123"), b"partial").unwrap();
    fs::write(root.join("org-1").join("with space"), b"x").unwrap();
    assert_eq!(
        store.list().await.unwrap(),
        vec!["org-1/a", "org-1/sub/c.pdf", "org-2/b", "top"]
    );
}

#[tokio::test]
async fn bad_keys_are_rejected_before_any_access() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::open(None, dir.path()).unwrap();
    let long = "a".repeat(513);
    let bad = [
        "",
        "/etc/passwd",
        "../outside",
        "org/../../outside",
        "org/./x",
        "org//x",
        "org/",
        ".hidden",
        "org/.tmp-1",
        "back\\slash",
        "spa ce",
        "nul\0",
        "ünïcode",
        "%2e%2e",
        long.as_str(),
    ];
    for key in bad {
        assert!(
            matches!(validate_key(key), Err(Error::InvalidKey { .. })),
            "{key:?}"
        );
        assert!(
            matches!(
                store.put(key, b"x".to_vec()).await,
                Err(Error::InvalidKey { .. })
            ),
            "{key:?}"
        );
        assert!(
            matches!(store.get(key).await, Err(Error::InvalidKey { .. })),
            "{key:?}"
        );
        assert!(
            matches!(store.delete(key).await, Err(Error::InvalidKey { .. })),
            "{key:?}"
        );
    }
    assert!(!dir.path().join("outside").exists());
    assert!(store.list().await.unwrap().is_empty());
    for good in [
        "a",
        "org-1/0190c7e2-7b1c-7000-8000-000000000000",
        "a.b_c-d/e",
        &"a".repeat(512),
    ] {
        validate_key(good).unwrap();
    }
}

#[test]
fn unsupported_urls_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    for url in [
        "file:///tmp/x",
        "http://example.org/bucket",
        "s3://",
        "s3:///prefix",
        "s3://bucket/../x",
    ] {
        let err = BlobStore::open(Some(url), dir.path()).unwrap_err();
        assert!(matches!(err, Error::InvalidUrl { .. }), "{url}: {err}");
    }
    let err = BlobStore::open(Some("gs://secret:pw@bucket"), dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        !err.contains("pw"),
        "credentials must not reach messages: {err}"
    );
    let err = BlobStore::open_with(
        Some("s3://bucket"),
        dir.path(),
        &[("AWS_NO_SUCH_THING", "1")],
    )
    .unwrap_err();
    assert!(matches!(err, Error::InvalidSetting { .. }), "{err}");
}

#[test]
fn s3_description_has_no_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let store = BlobStore::open_with(
        Some("s3://kluis-docs/prod/"),
        dir.path(),
        &[
            ("AWS_ENDPOINT", "http://user:hunter2@minio.local:9000"),
            ("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE"),
            ("AWS_SECRET_ACCESS_KEY", "s3cr3t"),
            ("AWS_REGION", "eu-west-1"),
            ("AWS_ALLOW_HTTP", "true"),
        ],
    )
    .unwrap();
    let d = store.describe();
    assert_eq!(
        d,
        "S3 bucket kluis-docs prefix prod/ at http://minio.local:9000"
    );
    assert_eq!(format!("{store:?}"), d);
}
