//! Pending (half-open) TOTP logins: single use, failure count, expiry and purge.

use kluis_domain::Role;
use kluis_store::PendingLoginRow;
use kluis_store::testing::fresh_store;

use crate::{member, org};

fn pending(digest: &str, user: &str, expires_at: i64) -> PendingLoginRow {
    PendingLoginRow {
        id_digest: digest.into(),
        user_id: user.into(),
        created_at: 1_000,
        expires_at,
        failures: 0,
    }
}

#[tokio::test]
async fn pending_logins_count_failures_are_used_once_and_expire() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "org-a").await;
    let alice = member(&store, &a, "alice", Role::Owner).await;

    let mut tx = store.begin_write().await.unwrap();
    tx.insert_pending_login(&pending("live", &alice, 10_000))
        .await
        .unwrap();
    tx.insert_pending_login(&pending("old", &alice, 2_000))
        .await
        .unwrap();
    assert_eq!(tx.record_pending_login_failure("live").await.unwrap(), 1);
    assert_eq!(tx.record_pending_login_failure("live").await.unwrap(), 2);
    assert_eq!(
        tx.record_pending_login_failure("unknown").await.unwrap(),
        0,
        "a missing pending login counts nothing"
    );
    tx.commit().await.unwrap();
    let live = store.pending_login("live").await.unwrap().unwrap();
    assert_eq!((live.user_id.as_str(), live.failures), (alice.as_str(), 2));

    let mut tx = store.begin_write().await.unwrap();
    assert_eq!(tx.purge_expired_pending_logins(5_000).await.unwrap(), 1);
    assert!(tx.delete_pending_login("live").await.unwrap());
    assert!(
        !tx.delete_pending_login("live").await.unwrap(),
        "single use: the second delete finds nothing"
    );
    tx.commit().await.unwrap();
    assert!(store.pending_login("old").await.unwrap().is_none());
    assert!(store.pending_login("live").await.unwrap().is_none());
}
