use kluis_domain::AuditAction;
use kluis_domain::audit::{BreakReason, ChainVerifier};
use kluis_store::testing::{fresh_store, tamper_audit_event, test_audit_key};
use kluis_store::{OrgScope, Store};

use crate::{ev, org};

async fn verify(store: &Store, scope: &OrgScope) -> Result<u64, (i64, BreakReason)> {
    let mut v = ChainVerifier::new(test_audit_key());
    for e in store
        .tenant(scope)
        .audit_chain_batch(0, 100_000)
        .await
        .unwrap()
    {
        v.check(&e).map_err(|b| (b.seq, b.reason))?;
    }
    Ok(v.checked())
}

#[tokio::test]
async fn concurrent_appends_never_fork_the_chain() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "org-a").await;
    let b = org(&store, "org-b").await;
    let mut tasks = Vec::new();
    for i in 0..60 {
        let (store, scope) = (
            store.clone(),
            if i % 3 == 0 { b.clone() } else { a.clone() },
        );
        tasks.push(tokio::spawn(async move {
            let mut tx = store.begin_write().await?;
            let seq = tx
                .tenant(&scope)
                .append_audit(&ev(AuditAction::ALL[i as usize % AuditAction::ALL.len()]))
                .await?;
            tx.commit().await?;
            Ok::<_, kluis_store::StoreError>(seq)
        }));
    }
    let mut seqs = Vec::new();
    for t in tasks {
        seqs.push(t.await.unwrap().unwrap());
    }
    assert_eq!(verify(&store, &a).await, Ok(40));
    assert_eq!(verify(&store, &b).await, Ok(20));
    assert_eq!(store.tenant(&a).audit_head().await.unwrap().0, 40);
}

#[tokio::test]
async fn a_rolled_back_change_leaves_no_event_and_tampering_is_found() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "org-a").await;
    for i in 0..5 {
        let mut tx = store.begin_write().await.unwrap();
        tx.tenant(&a)
            .append_audit(&ev(AuditAction::ALL[i as usize % AuditAction::ALL.len()]))
            .await
            .unwrap();
        tx.commit().await.unwrap();
    }
    let mut tx = store.begin_write().await.unwrap();
    tx.tenant(&a)
        .append_audit(&ev(AuditAction::DocumentDelete))
        .await
        .unwrap();
    tx.rollback().await.unwrap();
    assert_eq!(verify(&store, &a).await, Ok(5));

    tamper_audit_event(&store, a.org_id(), 3).await;
    assert_eq!(
        verify(&store, &a).await,
        Err((3, BreakReason::ContentAltered))
    );
}
