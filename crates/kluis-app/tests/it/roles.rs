use kluis_app::testing::origin;
use kluis_app::{AppError, AuditFilter, NewInvitation, Role};

use crate::{add, world};

fn forbidden<T>(r: Result<T, AppError>) -> bool {
    matches!(r, Err(AppError::Forbidden))
}

fn new_member(email: &str) -> NewInvitation {
    NewInvitation {
        email: email.into(),
        display_name: "N".into(),
        role: Role::Staff,
    }
}

#[tokio::test]
async fn auditors_cannot_write_and_staff_cannot_manage_users() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let auditor = add(app, owner, "audrey@example.com", Role::Auditor).await;
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    let officer = add(app, owner, "pim@example.com", Role::PrivacyOfficer).await;

    for who in [&auditor, &staff, &officer] {
        assert!(forbidden(
            app.invite_member(who, new_member("x@example.com")).await
        ));
        assert!(forbidden(
            app.change_role(who, &owner.user_id, Role::Staff).await
        ));
        assert!(forbidden(app.remove_member(who, &owner.user_id).await));
    }
    // Reading the audit log: auditors and privacy officers yes, staff no.
    assert!(
        app.audit_events(&auditor, AuditFilter::default())
            .await
            .is_ok()
    );
    assert!(app.verify_audit(&officer).await.unwrap().is_ok());
    assert!(forbidden(
        app.audit_events(&staff, AuditFilter::default()).await
    ));
    assert!(forbidden(app.verify_audit(&staff).await));
    // Staff may not revoke someone else's token; the owner may.
    let (t, _) = app.create_api_token(&auditor, "mine").await.unwrap();
    assert!(forbidden(app.revoke_api_token(&staff, &t.id).await));
    assert!(
        app.api_tokens(&staff).await.unwrap().is_empty(),
        "staff see only their own tokens"
    );
    app.revoke_api_token(owner, &t.id).await.unwrap();

    // The owner manages users; role changes take effect on the next actor lookup.
    app.change_role(owner, &staff.user_id, Role::Auditor)
        .await
        .unwrap();
    let again = app.actor(&staff.user_id, "acme", &origin()).await.unwrap();
    assert_eq!(again.role, Role::Auditor);
    app.remove_member(owner, &staff.user_id).await.unwrap();
    assert!(matches!(
        app.actor(&staff.user_id, "acme", &origin()).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn an_organisation_never_loses_its_last_owner() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    assert!(matches!(
        app.change_role(owner, &owner.user_id, Role::Staff).await,
        Err(AppError::Conflict(_))
    ));
    assert!(matches!(
        app.remove_member(owner, &owner.user_id).await,
        Err(AppError::Conflict(_))
    ));
    let second = add(app, owner, "otto@example.com", Role::Owner).await;
    // Two owners demoting each other at the same time: exactly one succeeds.
    let (r1, r2) = tokio::join!(
        app.change_role(owner, &second.user_id, Role::Staff),
        app.change_role(&second, &owner.user_id, Role::Staff)
    );
    assert_eq!(
        u8::from(r1.is_ok()) + u8::from(r2.is_ok()),
        1,
        "{r1:?} {r2:?}"
    );
    let owners = app
        .members(owner)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.role == Role::Owner)
        .count();
    assert_eq!(owners, 1);
}
