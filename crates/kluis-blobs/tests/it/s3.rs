//! The S3 store against a real S3-compatible server, named by `KLUIS_TEST_S3_ENDPOINT` (e.g. a local
//! `moto_server`). Skipped, saying so, when that variable is unset.

use kluis_blobs::BlobStore;

/// Opens a store under a fresh prefix of the test bucket, or `None` when no server is configured.
fn s3_store(test: &str) -> Option<BlobStore> {
    let Ok(endpoint) = std::env::var("KLUIS_TEST_S3_ENDPOINT") else {
        eprintln!(
            "skipped {test}: set KLUIS_TEST_S3_ENDPOINT (e.g. http://127.0.0.1:5000) to run it against S3"
        );
        return None;
    };
    let bucket = std::env::var("KLUIS_TEST_S3_BUCKET").unwrap_or_else(|_| "kluis-test".into());
    ensure_bucket(&endpoint, &bucket);
    let prefix = format!("run-{}", kluis_blobs_test_id());
    let mut settings = vec![
        ("AWS_ENDPOINT", endpoint.as_str()),
        ("AWS_ALLOW_HTTP", "true"),
    ];
    // A local test server takes any credentials; real ones come from the environment.
    if std::env::var("AWS_ACCESS_KEY_ID").is_err() {
        settings.extend([
            ("AWS_ACCESS_KEY_ID", "test"),
            ("AWS_SECRET_ACCESS_KEY", "test"),
            ("AWS_REGION", "us-east-1"),
        ]);
    }
    let url = format!("s3://{bucket}/{prefix}/{test}");
    Some(BlobStore::open_with(Some(&url), &std::env::temp_dir(), &settings).unwrap())
}

fn kluis_blobs_test_id() -> String {
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    format!("{}-{}", t.as_millis(), std::process::id())
}

/// Creates the bucket with an unsigned `PUT /bucket` when the server allows it (moto does). Servers that need
/// signed requests (MinIO, AWS) must already have the bucket; then this is a harmless no-op.
fn ensure_bucket(endpoint: &str, bucket: &str) {
    use std::io::{Read as _, Write as _};
    let Some(host) = endpoint
        .strip_prefix("http://")
        .map(|h| h.trim_end_matches('/'))
    else {
        return;
    };
    let Ok(mut conn) = std::net::TcpStream::connect(host) else {
        return;
    };
    let request = format!(
        "PUT /{bucket} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    let _ = conn.write_all(request.as_bytes());
    let _ = conn.read_to_end(&mut Vec::new());
}

#[tokio::test]
async fn s3_round_trip_list_and_delete() {
    let Some(store) = s3_store("round-trip") else {
        return;
    };
    assert!(
        store.describe().starts_with("S3 bucket "),
        "{}",
        store.describe()
    );
    assert_eq!(store.get("org-1/doc-1").await.unwrap(), None);
    assert!(store.list().await.unwrap().is_empty());

    store.put("org-1/doc-1", b"first".to_vec()).await.unwrap();
    store.put("org-1/doc-1", b"second".to_vec()).await.unwrap();
    store
        .put("org-2/sub/doc.pdf", vec![0u8; 100_000])
        .await
        .unwrap();
    store.put("empty", Vec::new()).await.unwrap();
    assert_eq!(
        store.get("org-1/doc-1").await.unwrap().as_deref(),
        Some(&b"second"[..])
    );
    assert_eq!(
        store
            .get("org-2/sub/doc.pdf")
            .await
            .unwrap()
            .map(|b| b.len()),
        Some(100_000)
    );
    assert_eq!(store.get("empty").await.unwrap(), Some(Vec::new()));
    assert_eq!(
        store.list().await.unwrap(),
        vec!["empty", "org-1/doc-1", "org-2/sub/doc.pdf"]
    );

    store.delete("org-1/doc-1").await.unwrap();
    store.delete("org-1/doc-1").await.unwrap();
    assert_eq!(store.get("org-1/doc-1").await.unwrap(), None);
    assert_eq!(
        store.list().await.unwrap(),
        vec!["empty", "org-2/sub/doc.pdf"]
    );
    assert!(store.put("../escape", b"x".to_vec()).await.is_err());
}

#[tokio::test]
async fn s3_prefixes_do_not_see_each_other() {
    let (Some(a), Some(b)) = (s3_store("prefix-a"), s3_store("prefix-b")) else {
        return;
    };
    a.put("doc", b"a".to_vec()).await.unwrap();
    assert_eq!(b.get("doc").await.unwrap(), None);
    assert!(b.list().await.unwrap().is_empty());
    assert_eq!(a.list().await.unwrap(), vec!["doc"]);
}
