use kluis_app::testing::{origin, setup_input, test_config};
use kluis_app::{App, AppError, Role};

use crate::{PASSWORD, login};

#[tokio::test]
async fn a_missing_or_foreign_key_file_is_a_clear_error_never_a_new_key() {
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.unwrap();
    app.setup(setup_input(), &origin()).await.unwrap();
    app.close().await;
    let key = env.config.effective_key_file();
    let saved = std::fs::read(&key).unwrap();

    std::fs::remove_file(&key).unwrap();
    match App::open(env.config.clone()).await {
        Err(AppError::Setup(msg)) => assert!(
            msg.contains("key file") && msg.contains("not found"),
            "{msg}"
        ),
        other => panic!("expected a setup error, got {:?}", other.map(|_| ())),
    }
    assert!(!key.exists(), "no new key was created");

    // Another installation's key file.
    let foreign = env.db.subdir("foreign").join("kluis.key");
    kluis_crypto::KeyRing::create(&foreign).unwrap();
    std::fs::copy(&foreign, &key).unwrap();
    match App::open(env.config.clone()).await {
        Err(AppError::Setup(msg)) => assert!(msg.contains("not the key"), "{msg}"),
        other => panic!("expected a setup error, got {:?}", other.map(|_| ())),
    }
    std::fs::write(&key, saved).unwrap();
    let app = App::open(env.config.clone()).await.unwrap();
    login(&app, "owner@example.com").await;
}

#[tokio::test]
async fn rotating_keys_keeps_everything_readable() {
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    app.cli_add_user("acme", "sam@example.com", "Sam", Role::Staff, PASSWORD)
        .await
        .unwrap();
    let (_, uid) = login(&app, "owner@example.com").await;
    let enrol = app.totp_begin(&uid).await.unwrap();
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs()
    };
    app.totp_confirm(
        &uid,
        &enrol.secret,
        &kluis_crypto::totp_code(&enrol.secret, now()).unwrap(),
    )
    .await
    .unwrap();

    let report = app.rotate_keys().await.unwrap();
    assert_eq!(
        (report.retired_versions.clone(), report.new_version),
        (vec![1], 2)
    );
    assert_eq!(
        report.reencrypted, 5,
        "two e-mails, two display names and one TOTP secret"
    );
    let members = app.members(&owner).await.unwrap();
    assert!(members.iter().any(|m| m.user.email == "sam@example.com"));
    let names: Vec<&str> = members
        .iter()
        .map(|m| m.user.display_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Olga Owner", "Sam"],
        "names readable after rotation"
    );
    login(&app, "sam@example.com").await;

    // A fresh process with the rotated key file reads everything, including the TOTP secret.
    app.close().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let code = kluis_crypto::totp_code(&enrol.secret, now() + 30).unwrap();
    let kluis_app::LoginOutcome::TotpRequired { pending_token, .. } = app
        .login("owner@example.com", PASSWORD, &origin())
        .await
        .unwrap()
    else {
        panic!("TOTP step expected")
    };
    assert!(matches!(
        app.login_totp(&pending_token, &code, &origin())
            .await
            .unwrap(),
        kluis_app::LoginOutcome::NewSession { .. }
    ));
    assert!(
        app.verify_all_audit()
            .await
            .unwrap()
            .iter()
            .all(|(_, v)| v.is_ok())
    );
}

#[tokio::test]
async fn an_interrupted_rotation_opens_and_can_be_finished() {
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.unwrap();
    app.setup(setup_input(), &origin()).await.unwrap();
    app.close().await;
    // The key file got its new version, but the re-encryption never ran.
    kluis_crypto::KeyRing::rotate(&env.config.effective_key_file()).unwrap();
    let app = App::open(env.config.clone()).await.unwrap();
    login(&app, "owner@example.com").await;
    let report = app.rotate_keys().await.unwrap();
    assert_eq!(report.retired_versions, vec![1, 2]);
    app.close().await;
    let app = App::open(env.config.clone()).await.unwrap();
    login(&app, "owner@example.com").await;
}

#[tokio::test]
async fn display_names_are_encrypted_at_rest_and_clear_ones_are_encrypted_at_start() {
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    let sam = app
        .cli_add_user("acme", "sam@example.com", "Sam Smit", Role::Staff, PASSWORD)
        .await
        .unwrap();
    // The raw column holds no name; the encrypted one does not contain it either.
    let row = app.store().user(sam.id.as_str()).await.unwrap().unwrap();
    assert_eq!(row.display_name, "");
    let enc = row.display_name_enc.clone().expect("encrypted name");
    assert!(!enc.windows(8).any(|w| w == b"Sam Smit"));

    // A row as stored before names were encrypted is still read, and encrypted at the next start.
    kluis_store::testing::make_display_name_legacy(app.store(), sam.id.as_str(), "Sam Oud").await;
    let names = |ms: Vec<kluis_app::Member>| {
        ms.into_iter()
            .map(|m| m.user.display_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(app.members(&owner).await.unwrap()),
        ["Olga Owner", "Sam Oud"]
    );
    app.close().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let row = app.store().user(sam.id.as_str()).await.unwrap().unwrap();
    assert_eq!(row.display_name, "", "encrypted at start");
    assert!(row.display_name_enc.is_some());
    let owner = app.actor(&owner.user_id, "acme", &origin()).await.unwrap();
    assert_eq!(
        names(app.members(&owner).await.unwrap()),
        ["Olga Owner", "Sam Oud"]
    );
    assert!(app.verify_audit(&owner).await.unwrap().is_ok());
}

/// A pending invitation's address and typed name are encrypted too: rotation re-encrypts them, so after the
/// old key is retired the list still reads and the link still works.
#[tokio::test]
async fn rotating_keys_keeps_pending_invitations_readable_and_usable() {
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    let (_, token) = app
        .invite_member(
            &owner,
            kluis_app::NewInvitation {
                email: "ivy@example.com".into(),
                display_name: "Ivy Typed".into(),
                role: Role::Auditor,
            },
        )
        .await
        .unwrap();
    let report = app.rotate_keys().await.unwrap();
    assert_eq!(
        report.reencrypted, 4,
        "one e-mail and one display name of the owner, the invitation's address and name"
    );
    let pending = app.invitations(&owner).await.unwrap();
    assert_eq!(
        (pending[0].email.as_str(), pending[0].display_name.as_str()),
        ("ivy@example.com", "Ivy Typed")
    );
    let (_, ivy) = app
        .accept_invitation_new_account(&token, "Ivy", PASSWORD, kluis_app::Locale::En, &origin())
        .await
        .unwrap();
    let (_, logged_in) = login(&app, "ivy@example.com").await;
    assert_eq!(logged_in, ivy);
}

#[tokio::test]
async fn rotating_keys_keeps_relation_values_readable() {
    use kluis_domain::register::ActivityStatus;
    use kluis_domain::relations::{Party, RelationField, RelationKind};
    let env = test_config().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    let payroll = app
        .create_register_activity(&owner, Some("payroll"), "Salaris", "")
        .await
        .unwrap();
    app.set_register_activity_status(
        &owner,
        &payroll.activity.id.to_string(),
        kluis_app::StatusChange {
            status: ActivityStatus::Active,
            end_date: None,
            successor: None,
        },
    )
    .await
    .unwrap();
    let r = app
        .create_relation(
            &owner,
            &kluis_app::RelationInput {
                party: Party::Person,
                kind: RelationKind::Employee,
                company: None,
                values: [
                    (RelationField::FamilyName, "Post".to_owned()),
                    (RelationField::Bsn, "111222333".to_owned()),
                ]
                .into_iter()
                .collect(),
                tags: ["vip".to_owned()].into_iter().collect(),
            },
        )
        .await
        .unwrap();
    app.add_relation_note(&owner, &r.id, "Ziek gemeld via de leidinggevende")
        .await
        .unwrap();
    let report = app.rotate_keys().await.unwrap();
    assert_eq!(
        report.reencrypted, 6,
        "one e-mail, one display name, the relation's two values, its tag and its note"
    );
    app.close().await;
    let app = App::open(env.config.clone()).await.unwrap();
    let owner = app.actor(&owner.user_id, "acme", &origin()).await.unwrap();
    let view = app.relation(&owner, &r.id).await.unwrap();
    assert_eq!(
        (view.name.as_str(), view.tags.clone()),
        ("Post", vec!["vip".to_owned()])
    );
    assert_eq!(
        app.relation_notes(&owner, &r.id).await.unwrap()[0].body,
        "Ziek gemeld via de leidinggevende"
    );
    assert_eq!(
        app.reveal_relation_field(&owner, &r.id, RelationField::Bsn)
            .await
            .unwrap(),
        "111222333"
    );
}
