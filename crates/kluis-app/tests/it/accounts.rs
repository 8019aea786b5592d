use std::time::Duration;

use kluis_app::testing::{origin, test_config};
use kluis_app::{App, AppError, Locale, LoginOutcome, Origin, Role};

use crate::{PASSWORD, login, world};

#[tokio::test]
async fn setup_once_then_login_sessions_and_logout() {
    let w = world().await;
    let app = &w.app;
    assert!(!app.needs_setup().await.unwrap());
    assert!(matches!(
        app.setup(kluis_app::testing::setup_input(), &origin())
            .await,
        Err(AppError::Conflict(_))
    ));

    // E-mail matching ignores case and surrounding spaces.
    let (token, user_id) = login(app, "  Owner@Example.COM ").await;
    let info = app.session(&token).await.unwrap().unwrap();
    assert_eq!(
        (info.user.id.clone(), info.user.email.as_str()),
        (user_id.clone(), "owner@example.com")
    );
    assert_eq!(
        info.current_org.as_ref().map(|o| o.slug.as_str()),
        Some("acme")
    );
    assert_eq!(info.current_role, Some(Role::Owner));
    assert!(!info.csrf_token.is_empty() && info.csrf_token != token);
    assert!(matches!(
        app.login("owner@example.com", "wrong password!", &origin())
            .await,
        Err(AppError::Unauthenticated)
    ));
    assert!(matches!(
        app.login("nobody@example.com", PASSWORD, &origin()).await,
        Err(AppError::Unauthenticated)
    ));

    app.set_locale(&user_id, Locale::En).await.unwrap();
    assert_eq!(
        app.session(&token).await.unwrap().unwrap().locale,
        Locale::En
    );

    // Password change: too short refused, wrong current refused; other sessions end, this one stays.
    let (other, _) = login(app, "owner@example.com").await;
    assert!(matches!(
        app.change_password_in_session(&token, PASSWORD, "short", &origin())
            .await,
        Err(AppError::Invalid { .. })
    ));
    assert!(matches!(
        app.change_password_in_session(
            &token,
            "not it at all",
            "a much longer password",
            &origin()
        )
        .await,
        Err(AppError::Invalid { .. })
    ));
    app.change_password_in_session(&token, PASSWORD, "a much longer password", &origin())
        .await
        .unwrap();
    assert!(app.session(&token).await.unwrap().is_some());
    assert!(app.session(&other).await.unwrap().is_none());
    assert!(
        app.login("owner@example.com", "a much longer password", &origin())
            .await
            .is_ok()
    );

    app.logout(&token).await.unwrap();
    assert!(app.session(&token).await.unwrap().is_none());
    app.logout(&token).await.unwrap();
    assert!(app.session("not a token").await.unwrap().is_none());
}

#[tokio::test]
async fn totp_is_required_once_enabled_and_codes_cannot_be_replayed() {
    let w = world().await;
    let app = &w.app;
    let (_, user_id) = login(app, "owner@example.com").await;
    let enrol = app.totp_begin(&user_id).await.unwrap();
    assert!(enrol.uri.starts_with("otpauth://totp/"));
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    assert!(matches!(
        app.totp_confirm(&user_id, &enrol.secret, "000000x").await,
        Err(AppError::Invalid { .. })
    ));
    let code = kluis_crypto::totp_code(&enrol.secret, now()).unwrap();
    app.totp_confirm(&user_id, &enrol.secret, &code)
        .await
        .unwrap();

    let o = origin();
    let pending = |outcome: LoginOutcome| match outcome {
        LoginOutcome::TotpRequired {
            pending_token,
            expires_at_ms,
        } => {
            assert!(expires_at_ms > 0);
            pending_token
        }
        LoginOutcome::NewSession { .. } => panic!("the password alone must not open a session"),
    };
    let p1 = pending(app.login("owner@example.com", PASSWORD, &o).await.unwrap());
    // A wrong code keeps the pending login; the right one opens the session and uses it up.
    assert!(matches!(
        app.login_totp(&p1, "000000x", &o).await,
        Err(AppError::Invalid { field: "totp", .. })
    ));
    let code = kluis_crypto::totp_code(&enrol.secret, now()).unwrap();
    assert!(matches!(
        app.login_totp(&p1, &code, &o).await.unwrap(),
        LoginOutcome::NewSession { .. }
    ));
    let again = kluis_crypto::totp_code(&enrol.secret, now() + 30).unwrap();
    assert!(
        matches!(
            app.login_totp(&p1, &again, &o).await,
            Err(AppError::Unauthenticated)
        ),
        "a pending login is single-use"
    );
    // A replayed code is wrong, even with a fresh pending login.
    let p2 = pending(app.login("owner@example.com", PASSWORD, &o).await.unwrap());
    assert!(
        matches!(
            app.login_totp(&p2, &code, &o).await,
            Err(AppError::Invalid { .. })
        ),
        "replay"
    );
    assert!(matches!(
        app.login_totp("no such pending login", &again, &o).await,
        Err(AppError::Unauthenticated)
    ));
    // Too many wrong codes give the pending login up (the replay above counts too).
    for _ in 0..3 {
        assert!(matches!(
            app.login_totp(&p2, "123456x", &o).await,
            Err(AppError::Invalid { .. })
        ));
    }
    assert!(matches!(
        app.login_totp(&p2, "123456x", &o).await,
        Err(AppError::Unauthenticated)
    ));
    assert!(matches!(
        app.login_totp(&p2, &again, &o).await,
        Err(AppError::Unauthenticated)
    ));
    // Wrong codes count like wrong passwords: five of them throttle the account.
    assert!(matches!(
        app.login("owner@example.com", PASSWORD, &o).await,
        Err(AppError::Throttled { .. })
    ));
    assert!(matches!(
        app.totp_disable(&user_id, "wrong password!").await,
        Err(AppError::Invalid { .. })
    ));
    app.totp_disable(&user_id, PASSWORD).await.unwrap();
    // Another address is not throttled, and without TOTP the password alone signs in.
    let other = Origin::new("198.51.100.7", None);
    app.cli_add_user("acme", "sam@example.com", "Sam", Role::Staff, PASSWORD)
        .await
        .unwrap();
    assert!(matches!(
        app.login("sam@example.com", PASSWORD, &other)
            .await
            .unwrap(),
        LoginOutcome::NewSession { .. }
    ));
}

#[tokio::test]
async fn logins_are_throttled_per_address_and_per_ip_across_instances() {
    let mut env = test_config().await;
    env.config.login_max_failures = 3;
    env.config.login_max_failures_per_ip = 6;
    let app = App::open(env.config.clone()).await.unwrap();
    app.setup(kluis_app::testing::setup_input(), &origin())
        .await
        .unwrap();
    let other_instance = App::open(env.config.clone()).await.unwrap();

    let ip1 = Origin::new("198.51.100.1", None);
    for _ in 0..3 {
        assert!(matches!(
            app.login("owner@example.com", "wrong password!", &ip1)
                .await,
            Err(AppError::Unauthenticated)
        ));
    }
    // Now even the right password is refused, on the other instance and from another IP too.
    let ip2 = Origin::new("198.51.100.2", None);
    match other_instance
        .login("owner@example.com", PASSWORD, &ip2)
        .await
    {
        Err(AppError::Throttled { retry_after_secs }) => {
            assert!(retry_after_secs > 0 && retry_after_secs <= 15 * 60)
        }
        other => panic!("expected throttling, got {other:?}"),
    }
    // Unknown addresses count against the IP: three more failures from ip1 block it for every address.
    for i in 0..3 {
        let r = app
            .login(&format!("ghost{i}@example.com"), "whatever it is", &ip1)
            .await;
        assert!(matches!(r, Err(AppError::Unauthenticated)), "{r:?}");
    }
    assert!(matches!(
        app.login("ghost9@example.com", "whatever it is", &ip1)
            .await,
        Err(AppError::Throttled { .. })
    ));
    let _ = Duration::ZERO;
}

#[tokio::test]
async fn members_can_belong_to_several_organisations_and_switch() {
    let w = world().await;
    let app = &w.app;
    // An existing account joins by accepting the invitation while logged in as itself.
    let invite = |role| {
        app.invite_member(
            &w.beta_owner,
            kluis_app::NewInvitation {
                email: "owner@example.com".into(),
                display_name: "x".into(),
                role,
            },
        )
    };
    let (_, link) = invite(Role::Auditor).await.unwrap();
    assert!(matches!(
        app.accept_invitation_new_account(
            &link,
            "Other",
            PASSWORD,
            kluis_app::Locale::Nl,
            &origin()
        )
        .await,
        Err(AppError::Conflict(_))
    ));
    app.accept_invitation(&link, &w.acme_owner.user_id, &origin())
        .await
        .unwrap();
    let (token, _) = login(app, "owner@example.com").await;
    let info = app.session(&token).await.unwrap().unwrap();
    assert_eq!(info.memberships.len(), 2);
    app.switch_org(&token, "beta").await.unwrap();
    let info = app.session(&token).await.unwrap().unwrap();
    assert_eq!(
        (info.current_org.unwrap().slug.as_str(), info.current_role),
        ("beta", Some(Role::Auditor))
    );
    assert!(matches!(
        invite(Role::Staff).await,
        Err(AppError::Conflict(_))
    ));
}
