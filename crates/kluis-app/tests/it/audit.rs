use kluis_app::testing::tamper_audit_event;
use kluis_app::{AppError, AuditFilter, AuditVerification, Locale, Role};
use kluis_domain::audit::BreakReason;

use crate::{add, world};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_chain_survives_concurrent_use_cases_and_tampering_is_located() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    let mut tasks = Vec::new();
    for i in 0..40 {
        let (app, owner, staff) = (app.clone(), owner.clone(), staff.clone());
        tasks.push(tokio::spawn(async move {
            match i % 3 {
                0 => app
                    .create_api_token(&owner, &format!("t{i}"))
                    .await
                    .map(|_| ()),
                1 => {
                    app.set_locale(
                        &staff.user_id,
                        if i % 2 == 0 { Locale::En } else { Locale::Nl },
                    )
                    .await
                }
                _ => app.verify_audit(&owner).await.map(|_| ()),
            }
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let Ok(AuditVerification::Ok { events }) = app.verify_audit(owner).await else {
        panic!("chain broken")
    };
    assert!(events > 40);

    // Events name fields, never values.
    let page = app
        .audit_events(
            owner,
            AuditFilter {
                action: Some("org.create".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert!(page.total >= 1);
    for e in &page.events {
        assert!(e.fields.iter().all(|f| !f.contains('@')), "{:?}", e.fields);
    }
    let all = app
        .audit_events(
            owner,
            AuditFilter {
                per_page: 500,
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let text = serde_json::to_string(&all.events).unwrap();
    assert!(!text.contains("sam@example.com") && !text.contains("owner@example.com"));

    tamper_audit_event(app.store(), &owner.org.id, 5).await;
    assert_eq!(
        app.verify_audit(owner).await.unwrap(),
        AuditVerification::Broken {
            seq: 5,
            reason: BreakReason::ContentAltered
        }
    );
    let all = app.verify_all_audit().await.unwrap();
    let acme = all.iter().find(|(o, _)| o.slug == "acme").unwrap();
    assert!(matches!(acme.1, AuditVerification::Broken { seq: 5, .. }));
    assert!(
        all.iter()
            .find(|(o, _)| o.slug == "beta")
            .unwrap()
            .1
            .is_ok()
    );
}

#[tokio::test]
async fn removing_the_newest_events_is_detected() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let head = app
        .audit_events(owner, AuditFilter::default())
        .await
        .unwrap()
        .events[0]
        .seq;
    kluis_store::testing::delete_audit_event(app.store(), &owner.org.id, head).await;
    assert_eq!(
        app.verify_audit(owner).await.unwrap(),
        AuditVerification::Broken {
            seq: head,
            reason: BreakReason::SequenceGap
        }
    );
}

/// 100 concurrent use cases that write (each with its audit event): none fails, the chain stays whole.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hundred_concurrent_writers_through_the_app() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let mut tasks = Vec::new();
    for i in 0..100 {
        let (app, owner) = (app.clone(), owner.clone());
        tasks.push(tokio::spawn(async move {
            if i % 2 == 0 {
                app.create_api_token(&owner, &format!("token {i}"))
                    .await
                    .map(|_| ())
            } else {
                let locale = if i % 4 == 1 { Locale::En } else { Locale::Nl };
                app.set_locale(&owner.user_id, locale).await
            }
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
        "{} of 100 writers failed, e.g. {:?}",
        errors.len(),
        errors.first()
    );
    assert_eq!(app.api_tokens(owner).await.unwrap().len(), 50);
    let Ok(AuditVerification::Ok { events }) = app.verify_audit(owner).await else {
        panic!("chain broken")
    };
    assert!(events >= 100);
}

/// Someone with write access to the database edits an event and re-hashes the chain from there with SHA-256,
/// moving the head along: without the key file the hashes cannot be made to verify.
#[tokio::test]
async fn an_event_rehashed_without_the_key_does_not_verify() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    add(app, owner, "sam@example.com", Role::Staff).await;
    tamper_audit_event(app.store(), &owner.org.id, 2).await;
    kluis_store::testing::rehash_audit_chain_unkeyed(app.store(), &owner.org.id, 2).await;
    assert_eq!(
        app.verify_audit(owner).await.unwrap(),
        AuditVerification::Broken {
            seq: 2,
            reason: BreakReason::ContentAltered
        }
    );
    // Re-hashing the whole chain from the first event is no better.
    let beta = &w.beta_owner;
    kluis_store::testing::rehash_audit_chain_unkeyed(app.store(), &beta.org.id, 1).await;
    assert_eq!(
        app.verify_audit(beta).await.unwrap(),
        AuditVerification::Broken {
            seq: 1,
            reason: BreakReason::ContentAltered
        }
    );
}

/// Cutting events off the end and moving the head back leaves a chain that is consistent in itself; the signed
/// checkpoint taken before notices.
#[tokio::test]
async fn cutting_the_tail_and_moving_the_head_back_is_caught_by_a_checkpoint() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    add(app, owner, "sam@example.com", Role::Staff).await;
    add(app, owner, "tim@example.com", Role::Staff).await;
    let cp = app.audit_checkpoint(owner).await.unwrap();
    assert!(cp.seq >= 3);
    assert!(
        app.verify_audit_checkpoint(owner, &cp)
            .await
            .unwrap()
            .is_ok()
    );
    kluis_store::testing::truncate_audit_chain(app.store(), &owner.org.id, cp.seq - 2).await;
    assert!(
        app.verify_audit(owner).await.unwrap().is_ok(),
        "the shortened chain is consistent in itself"
    );
    assert_eq!(
        app.verify_audit_checkpoint(owner, &cp).await.unwrap(),
        AuditVerification::Broken {
            seq: cp.seq,
            reason: BreakReason::CheckpointMismatch
        }
    );
}

/// Wiping every event and resetting the head gives an empty, "intact" chain; the checkpoint notices.
#[tokio::test]
async fn wiping_the_chain_and_its_head_is_caught_by_a_checkpoint() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let file = w.env.db.dir().join("acme.checkpoint");
    let cp = app.cli_audit_checkpoint("acme").await.unwrap();
    std::fs::write(&file, kluis_app::checkpoint_to_json(&cp)).unwrap();
    kluis_store::testing::truncate_audit_chain(app.store(), &owner.org.id, 0).await;
    assert!(app.verify_audit(owner).await.unwrap().is_ok());
    let read = kluis_app::checkpoint_from_json(&std::fs::read(&file).unwrap()).unwrap();
    let (org, result) = app.cli_verify_checkpoint(&read).await.unwrap();
    assert_eq!(org.slug, "acme");
    assert_eq!(
        result,
        AuditVerification::Broken {
            seq: cp.seq,
            reason: BreakReason::CheckpointMismatch
        }
    );
}

/// A checkpoint is only believed with this installation's signature, and only for its own organisation.
#[tokio::test]
async fn an_altered_or_foreign_checkpoint_is_refused() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let cp = app.audit_checkpoint(owner).await.unwrap();
    let moved = kluis_app::Checkpoint {
        seq: cp.seq - 1,
        ..cp.clone()
    };
    assert!(matches!(
        app.verify_audit_checkpoint(owner, &moved).await,
        Err(AppError::Invalid { .. })
    ));
    assert!(matches!(
        app.verify_audit_checkpoint(&w.beta_owner, &cp).await,
        Err(AppError::Invalid { .. })
    ));
    // Another installation's key signs checkpoints nobody here believes.
    let (other, _env) = kluis_app::testing::test_app().await;
    let other_owner = other
        .setup(
            kluis_app::testing::setup_input(),
            &kluis_app::testing::origin(),
        )
        .await
        .unwrap();
    let foreign = kluis_app::Checkpoint {
        org_id: owner.org.id.clone(),
        ..other.audit_checkpoint(&other_owner).await.unwrap()
    };
    assert!(matches!(
        app.verify_audit_checkpoint(owner, &foreign).await,
        Err(AppError::Invalid { .. })
    ));
    assert!(matches!(
        kluis_app::checkpoint_from_json(b"{\"format\":\"something else\"}"),
        Err(AppError::Invalid { .. })
    ));
    // A staff member cannot read the audit log, so cannot take checkpoints either.
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    assert!(matches!(
        app.audit_checkpoint(&staff).await,
        Err(AppError::Forbidden)
    ));
}

/// An installation from before the chain was keyed: its key file has no audit-key and its chains are v1. The
/// next start adds the key (marked pending), re-keys the intact chains once and clears the mark; after that a
/// chain rewritten as v1 is never blessed again.
#[tokio::test]
async fn an_unkeyed_chain_is_rekeyed_once_at_the_upgrade() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let org_id = owner.org.id.clone();
    add(app, owner, "sam@example.com", Role::Staff).await;
    add(app, owner, "tim@example.com", Role::Staff).await;
    // Make it look like the old version wrote it: v1 hashes, and a key file without the audit-key.
    kluis_store::testing::rehash_audit_chain_unkeyed(app.store(), &org_id, 1).await;
    let beta_id = w.beta_owner.org.id.clone();
    kluis_store::testing::rehash_audit_chain_unkeyed(app.store(), &beta_id, 1).await;
    // Beta's old chain was already damaged: it must not be blessed by the re-keying.
    tamper_audit_event(app.store(), &beta_id, 1).await;
    app.close().await;
    let key_file = w.env.config.effective_key_file();
    let old: String = std::fs::read_to_string(&key_file)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("audit-key"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&key_file, old).unwrap();

    let app = kluis_app::App::open(w.env.config.clone()).await.unwrap();
    let text = std::fs::read_to_string(&key_file).unwrap();
    assert!(text.contains("audit-key "), "audit key added");
    assert!(!text.contains("audit-rekey pending"), "re-keying finished");
    let owner = app
        .actor(&owner.user_id, "acme", &kluis_app::testing::origin())
        .await
        .unwrap();
    let Ok(AuditVerification::Ok { events }) = app.verify_audit(&owner).await else {
        panic!("re-keyed chain does not verify")
    };
    assert!(events >= 3);
    let rekey = app
        .audit_events(
            &owner,
            AuditFilter {
                action: Some("audit.rekey".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(rekey.total, 1, "the re-keying is on record");
    let all = app.verify_all_audit().await.unwrap();
    let beta = all.iter().find(|(o, _)| o.slug == "beta").unwrap();
    assert!(!beta.1.is_ok(), "a broken old chain stays broken");

    // Later, an attacker rewrites the chain as v1 and the server restarts: nothing re-keys it any more.
    kluis_store::testing::rehash_audit_chain_unkeyed(app.store(), &org_id, 1).await;
    app.close().await;
    let app = kluis_app::App::open(w.env.config.clone()).await.unwrap();
    assert!(!app.verify_audit(&owner).await.unwrap().is_ok());
}
