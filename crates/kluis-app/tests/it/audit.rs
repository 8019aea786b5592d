use kluis_app::testing::tamper_audit_event;
use kluis_app::{AuditFilter, AuditVerification, Locale, Role};
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
