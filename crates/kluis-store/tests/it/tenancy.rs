use kluis_domain::AuditAction;
use kluis_domain::Role;
use kluis_store::testing::fresh_store;

use crate::{ev, member, org};

#[tokio::test]
async fn a_scope_sees_only_its_own_organisation() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "org-a").await;
    let b = org(&store, "org-b").await;
    let alice = member(&store, &a, "alice", Role::Owner).await;
    let bob = member(&store, &b, "bob", Role::Owner).await;

    // Membership check: a non-member gets no scope, exactly as for an org that does not exist.
    assert!(
        store
            .member_scope(&alice, b.org_id())
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .member_scope_by_slug(&alice, "org-b")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .member_scope_by_slug(&alice, "no-such-org")
            .await
            .unwrap()
            .is_none()
    );
    let (scope, org_row, role) = store
        .member_scope_by_slug(&alice, "org-a")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (scope.org_id(), org_row.slug.as_str(), role),
        (a.org_id(), "org-a", Role::Owner)
    );

    let mut tx = store.begin_write().await.unwrap();
    tx.tenant(&b)
        .append_audit(&ev(AuditAction::MemberAdd))
        .await
        .unwrap();
    tx.tenant(&b)
        .insert_api_token("tok-b", &bob, "b token", "digest-b", 1)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let ta = store.tenant(&a);
    let members = ta.members().await.unwrap();
    assert_eq!(
        members
            .iter()
            .map(|m| m.user.id.as_str())
            .collect::<Vec<_>>(),
        [alice.as_str()]
    );
    assert!(ta.member(&bob).await.unwrap().is_none());
    assert!(ta.api_tokens().await.unwrap().is_empty());
    let (events, total) = ta
        .audit_events(&kluis_store::AuditQuery {
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(events.is_empty() && total == 0);

    // Writes through A's scope cannot reach B's rows.
    let mut tx = store.begin_write().await.unwrap();
    assert!(matches!(
        tx.tenant(&a).revoke_api_token("tok-b").await,
        Err(kluis_store::StoreError::NotFound)
    ));
    assert!(matches!(
        tx.tenant(&a).set_role(&bob, Role::Auditor).await,
        Err(kluis_store::StoreError::NotFound)
    ));
    assert!(matches!(
        tx.tenant(&a).delete_membership(&bob).await,
        Err(kluis_store::StoreError::NotFound)
    ));
    assert!(tx.tenant(&a).api_token("tok-b").await.unwrap().is_none());
    tx.commit().await.unwrap();
    assert!(!store.tenant(&b).api_tokens().await.unwrap()[0].revoked);
}

#[tokio::test]
async fn portable_types_round_trip() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "org-a").await;
    let id = member(&store, &a, "alice", Role::Staff).await;
    let u = store.user(&id).await.unwrap().unwrap();
    assert_eq!(u.email_enc, vec![0, 1, 2, 255]);
    assert!(!u.totp_enabled && !u.disabled && u.totp_secret_enc.is_none());
    let mut tx = store.begin_write().await.unwrap();
    tx.set_totp(&id, Some(vec![9; 40]), true).await.unwrap();
    assert!(tx.advance_totp_step(&id, 10).await.unwrap());
    assert!(
        !tx.advance_totp_step(&id, 10).await.unwrap(),
        "a TOTP step is accepted once"
    );
    assert!(tx.claim_setting("once", "1").await.unwrap());
    assert!(!tx.claim_setting("once", "2").await.unwrap());
    tx.commit().await.unwrap();
    let u = store.user(&id).await.unwrap().unwrap();
    assert_eq!(
        (u.totp_secret_enc, u.totp_enabled, u.totp_last_step),
        (Some(vec![9; 40]), true, Some(10))
    );
    assert_eq!(store.setting("once").await.unwrap().as_deref(), Some("1"));
    assert_eq!(
        store.schema_version().await.unwrap(),
        store.latest_schema_version()
    );
    // Migrating again is a no-op.
    assert!(store.migrate().await.unwrap().applied.is_empty());
}
