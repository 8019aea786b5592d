use kluis_app::testing::{fresh_database_url, origin, setup_input};
use kluis_app::{App, AppConfig, AppError, Role};

use crate::{PASSWORD, login};

/// Backup from a SQLite installation, restore into a fresh data dir on the test backend (SQLite, or PostgreSQL
/// when KLUIS_TEST_DATABASE_URL is set, which makes this a SQLite → PostgreSQL migration).
#[tokio::test]
async fn backup_restores_into_a_fresh_installation() {
    let scratch = tempfile::tempdir().unwrap();
    let source_cfg = AppConfig::new(scratch.path().join("source"));
    let app = App::open(source_cfg.clone()).await.unwrap();
    let owner = app.setup(setup_input(), &origin()).await.unwrap();
    app.cli_add_user("acme", "sam@example.com", "Sam", Role::Staff, PASSWORD)
        .await
        .unwrap();
    app.create_api_token(&owner, "sync").await.unwrap();
    app.blobs()
        .put(
            &format!("{}/doc-1", owner.org.id),
            b"%PDF-1.7 bytes".to_vec(),
        )
        .await
        .unwrap();
    let file = scratch.path().join("kluis.backup");
    let report = app.backup(&file).await.unwrap();
    assert!(report.rows > 5 && report.bytes > 0);
    assert_eq!(report.blobs, 1);
    assert!(
        matches!(app.backup(&file).await, Err(AppError::Conflict(_))),
        "never overwrites a backup"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        !text.contains("sam@example.com"),
        "e-mail addresses stay encrypted in the backup"
    );
    assert!(
        !text.contains("Olga Owner"),
        "display names stay encrypted in the backup"
    );

    let target_db = fresh_database_url().await;
    let mut target_cfg = AppConfig::new(target_db.subdir("restored"));
    target_cfg.database_url = Some(target_db.url().to_owned());

    // Without the key file: refused with a clear message.
    assert!(matches!(
        App::restore(target_cfg.clone(), &file).await,
        Err(AppError::Setup(_))
    ));
    // With a different key: refused.
    kluis_crypto::KeyRing::create(&target_cfg.effective_key_file()).unwrap();
    assert!(matches!(
        App::restore(target_cfg.clone(), &file).await,
        Err(AppError::Setup(_))
    ));
    std::fs::copy(
        source_cfg.effective_key_file(),
        target_cfg.effective_key_file(),
    )
    .unwrap();

    let restored = App::restore(target_cfg.clone(), &file).await.unwrap();
    assert_eq!((restored.rows, restored.blobs), (report.rows, 1));
    // Not twice: the target is no longer empty.
    assert!(App::restore(target_cfg.clone(), &file).await.is_err());

    let app2 = App::open(target_cfg).await.unwrap();
    let (_, uid) = login(&app2, "sam@example.com").await;
    let owner2 = app2.actor(&owner.user_id, "acme", &origin()).await.unwrap();
    let names: Vec<String> = app2
        .members(&owner2)
        .await
        .unwrap()
        .into_iter()
        .map(|m| m.user.display_name)
        .collect();
    assert_eq!(names, ["Olga Owner", "Sam"], "names readable after restore");
    assert_eq!(app2.api_tokens(&owner2).await.unwrap().len(), 1);
    assert!(app2.verify_audit(&owner2).await.unwrap().is_ok());
    assert!(app2.actor(&uid, "acme", &origin()).await.is_ok());
    let doc = app2
        .blobs()
        .get(&format!("{}/doc-1", owner.org.id))
        .await
        .unwrap();
    assert_eq!(doc.as_deref(), Some(&b"%PDF-1.7 bytes"[..]));
}

#[tokio::test]
async fn restore_refuses_damaged_files_and_non_empty_directories() {
    let scratch = tempfile::tempdir().unwrap();
    let cfg = AppConfig::new(scratch.path().join("d"));
    let bogus = scratch.path().join("bogus");
    std::fs::write(&bogus, "hello\n").unwrap();
    assert!(matches!(
        App::restore(cfg.clone(), &bogus).await,
        Err(AppError::Invalid { .. })
    ));

    let app = App::open(cfg.clone()).await.unwrap();
    app.setup(setup_input(), &origin()).await.unwrap();
    let file = scratch.path().join("b");
    app.backup(&file).await.unwrap();
    // Truncated: no end marker.
    let text = std::fs::read_to_string(&file).unwrap();
    let cut: String = text.lines().take(4).map(|l| format!("{l}\n")).collect();
    let truncated = scratch.path().join("t");
    std::fs::write(&truncated, cut).unwrap();
    let mut fresh = AppConfig::new(scratch.path().join("fresh"));
    fresh.key_file = Some(cfg.effective_key_file());
    assert!(matches!(
        App::restore(fresh.clone(), &truncated).await,
        Err(AppError::Invalid { .. })
    ));
    // Into the live installation's directory: refused.
    assert!(matches!(
        App::restore(cfg, &file).await,
        Err(AppError::Conflict(_))
    ));
}
