use kluis_domain::AuditAction;
use kluis_domain::Role;
use kluis_store::testing::{fresh_database_url, fresh_store};
use kluis_store::{CORE_TABLES, DOCUMENT_TABLES, DumpRow, Store, StoreError, TableList};

use crate::{ev, member, org};

fn all() -> TableList {
    CORE_TABLES.iter().chain(DOCUMENT_TABLES).collect()
}

async fn dump(store: &Store) -> Vec<DumpRow> {
    let mut rows = Vec::new();
    let mut d = store.begin_dump(all()).await.unwrap();
    d.dump_all(&mut |r| {
        rows.push(r);
        Ok(())
    })
    .await
    .unwrap();
    d.finish().await.unwrap();
    rows
}

#[tokio::test]
async fn dump_loads_into_an_empty_database_and_round_trips() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "org-a").await;
    let alice = member(&store, &a, "alice", Role::Owner).await;
    let mut tx = store.begin_write().await.unwrap();
    tx.tenant(&a)
        .append_audit(&ev(AuditAction::OrgCreate))
        .await
        .unwrap();
    tx.tenant(&a)
        .insert_api_token("t1", &alice, "token", "digest", 5)
        .await
        .unwrap();
    tx.set_totp(&alice, Some(vec![1, 2, 3]), true)
        .await
        .unwrap();
    tx.record_login_failure("k", 7).await.unwrap();
    tx.set_setting("key_fingerprint", "abc").await.unwrap();
    tx.commit().await.unwrap();
    let rows = dump(&store).await;
    assert!(rows.len() >= 7);

    // Into a fresh database of the same backend (and, on PostgreSQL runs, a SQLite → PostgreSQL restore is
    // covered by the kluis-app backup test).
    let target_db = fresh_database_url().await;
    let target = Store::connect(target_db.url()).await.unwrap();
    target.migrate().await.unwrap();
    let mut load = target.begin_load(all()).await.unwrap();
    for r in &rows {
        load.insert(r).await.unwrap();
    }
    assert_eq!(load.commit().await.unwrap(), rows.len() as u64);
    assert_eq!(dump(&target).await, rows);
    assert_eq!(
        target.user(&alice).await.unwrap().unwrap().totp_secret_enc,
        Some(vec![1, 2, 3])
    );

    // A non-empty database is refused.
    assert!(matches!(
        target.begin_load(all()).await,
        Err(StoreError::Load(_))
    ));
}
