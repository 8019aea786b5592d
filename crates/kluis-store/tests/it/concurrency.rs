use kluis_domain::AuditAction;
use kluis_store::testing::{fresh_store, test_audit_key};
use kluis_store::{Store, now_ms};

use crate::{ev, org};

/// 100 concurrent read-then-write transactions, from two independent pools (as two processes would be),
/// with concurrent readers: none may fail, in particular never with "database is locked".
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_writers_never_fail() {
    let (store, db) = fresh_store().await;
    let second = Store::connect(db.url()).await.unwrap();
    second.set_audit_key(test_audit_key());
    let a = org(&store, "org-a").await;
    let mut tasks = Vec::new();
    for i in 0..100 {
        let s = if i % 2 == 0 {
            store.clone()
        } else {
            second.clone()
        };
        let scope = a.clone();
        tasks.push(tokio::spawn(async move {
            let mut tx = s.begin_write().await?;
            // Read first, then write: the pattern that fails with a deferred BEGIN on SQLite.
            let n = tx.user_count().await?;
            tx.record_login_failure(&format!("key-{i}"), now_ms() + n)
                .await?;
            tx.set_setting(&format!("k{}", i % 7), "v").await?;
            tx.tenant(&scope)
                .append_audit(&ev(AuditAction::DocumentUpload))
                .await?;
            tx.commit().await?;
            Ok::<_, kluis_store::StoreError>(())
        }));
        let r = store.clone();
        tasks.push(tokio::spawn(async move {
            r.login_failures_since("key-1", 0).await?;
            Ok(())
        }));
    }
    let mut errors = Vec::new();
    for t in tasks {
        if let Err(e) = t.await.unwrap() {
            errors.push(e.to_string());
        }
    }
    assert!(
        errors.is_empty(),
        "{} writers failed, e.g. {:?}",
        errors.len(),
        errors.first()
    );
    assert_eq!(store.tenant(&a).audit_head().await.unwrap().0, 100);
}
