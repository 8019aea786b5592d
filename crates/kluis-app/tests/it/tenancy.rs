use kluis_app::testing::origin;
use kluis_app::{AppError, AuditFilter, Role};

use crate::{PASSWORD, add, login, world};

/// A member of acme gets NotFound (never a hint) for everything of beta, through every method.
#[tokio::test]
async fn nothing_of_another_organisation_is_reachable() {
    let w = world().await;
    let (app, a, b) = (&w.app, &w.acme_owner, &w.beta_owner);
    let beta_staff = add(app, b, "bea@example.com", Role::Staff).await;
    let (b_token_summary, b_token) = app.create_api_token(b, "beta sync").await.unwrap();

    let nf = |r: Result<_, AppError>| matches!(r, Err(AppError::NotFound));
    assert!(nf(app
        .actor(&a.user_id, "beta", &origin())
        .await
        .map(|_| ())));
    assert!(nf(app
        .actor(&a.user_id, "does-not-exist", &origin())
        .await
        .map(|_| ())));
    assert!(nf(app
        .change_role(a, &beta_staff.user_id, Role::Owner)
        .await));
    assert!(nf(app.remove_member(a, &beta_staff.user_id).await));
    assert!(nf(app.change_role(a, &b.user_id, Role::Staff).await));
    assert!(nf(app.revoke_api_token(a, &b_token_summary.id).await));
    let (a_session, _) = login(app, "owner@example.com").await;
    assert!(nf(app.switch_org(&a_session, "beta").await));

    let members = app.members(a).await.unwrap();
    assert!(
        members
            .iter()
            .all(|m| m.user.id != b.user_id && m.user.id != beta_staff.user_id)
    );
    assert!(
        app.api_tokens(a)
            .await
            .unwrap()
            .iter()
            .all(|t| t.id != b_token_summary.id)
    );
    let events = app
        .audit_events(
            a,
            AuditFilter {
                per_page: 500,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(
        events
            .events
            .iter()
            .all(|e| e.actor != b.user_id.as_str() && e.entity_id != beta_staff.user_id.as_str())
    );
    // A beta token only ever acts in beta.
    let via_token = app.actor_from_api_token(&b_token, &origin()).await.unwrap();
    assert_eq!(via_token.org.slug, "beta");
    // Beta's data is intact.
    assert_eq!(app.members(b).await.unwrap().len(), 2);
    assert!(!app.api_tokens(b).await.unwrap()[0].revoked);
    // The session only lists the user's own organisations.
    let info = app.session(&a_session).await.unwrap().unwrap();
    assert_eq!(
        info.memberships
            .iter()
            .map(|(o, _)| o.slug.as_str())
            .collect::<Vec<_>>(),
        ["acme"]
    );
    let _ = PASSWORD;
}
