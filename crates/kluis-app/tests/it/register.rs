use kluis_app::{AppError, AuditFilter, Role, StatusChange};
use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::register::{
    ActivityStatus, Period, PeriodUnit, ProcessingActivity, RetentionAction, RetentionRule,
    RetentionStart,
};

use crate::{add, world};

fn complete(name: &str) -> ProcessingActivity {
    ProcessingActivity {
        name: name.into(),
        status: ActivityStatus::Active,
        purposes: vec!["essential.service".parse().unwrap()],
        subjects: vec!["customer".parse().unwrap()],
        categories: vec!["user.name".parse().unwrap()],
        lawful_basis: Some(LawfulBasis::Contract),
        retention: vec![RetentionRule {
            category: None,
            period: Period {
                amount: 7,
                unit: PeriodUnit::Years,
            },
            starts: RetentionStart::EndOfFinancialYear,
            action: RetentionAction::Delete,
            legal_reference: "art. 52 AWR".into(),
        }],
        ..Default::default()
    }
}

#[tokio::test]
async fn the_command_line_adds_activities_audited_as_cli_and_reads_them_back() {
    let w = world().await;
    let app = &w.app;
    let mut incomplete = complete("Facturatie");
    incomplete.categories.clear();
    match app
        .cli_add_register_activity("acme", incomplete.clone(), None)
        .await
    {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!(field, "missing");
            assert_eq!(message, "categories");
        }
        other => panic!("an incomplete active activity was accepted: {other:?}"),
    }
    incomplete.status = ActivityStatus::Draft;
    let draft = app
        .cli_add_register_activity("acme", incomplete, None)
        .await
        .expect("a draft may be incomplete");
    let active = app
        .cli_add_register_activity("acme", complete("Facturatie"), None)
        .await
        .expect("complete");
    assert_eq!(active.activity.status, ActivityStatus::Active);
    assert_ne!(active.activity.id, draft.activity.id);

    let now = app
        .cli_register_activities_as_of("acme", None)
        .await
        .expect("list");
    assert_eq!(now.len(), 2);
    let history = app
        .register_activity_history(&w.acme_owner, &active.activity.id.to_string())
        .await
        .expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].actor, "cli");
    let events = app
        .audit_events(&w.acme_owner, AuditFilter::default())
        .await
        .expect("audit");
    assert_eq!(
        events
            .events
            .iter()
            .filter(|e| e.action == "register.activity.create" && e.actor == "cli")
            .count(),
        2
    );
    // Another organisation sees none of it.
    assert!(
        app.register_activities(&w.beta_owner)
            .await
            .expect("beta")
            .is_empty()
    );
    assert!(matches!(
        app.register_activity(&w.beta_owner, &active.activity.id.to_string())
            .await,
        Err(AppError::NotFound)
    ));
    assert!(matches!(
        app.cli_register_activities_as_of("nope", None).await,
        Err(AppError::NotFound)
    ));
}

#[tokio::test]
async fn privacy_officers_change_the_register_staff_and_auditors_only_read_it() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let officer = add(app, owner, "pim@example.com", Role::PrivacyOfficer).await;
    let staff = add(app, owner, "sam@example.com", Role::Staff).await;
    let auditor = add(app, owner, "audrey@example.com", Role::Auditor).await;
    let v = app
        .create_register_activity(&officer, None, "Personeelsdossier", "")
        .await
        .expect("officer creates");
    let id = v.activity.id.to_string();
    for who in [&staff, &auditor] {
        assert!(app.register_activities(who).await.is_ok());
        assert!(app.register_activity(who, &id).await.is_ok());
        assert!(matches!(
            app.create_register_activity(who, None, "x", "").await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.update_register_activity(who, &id, complete("x")).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.set_register_activity_status(
                who,
                &id,
                StatusChange {
                    status: ActivityStatus::Active,
                    end_date: None,
                    successor: None
                }
            )
            .await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            app.delete_register_activity(who, &id).await,
            Err(AppError::Forbidden)
        ));
    }
    // Saving the same content again is no change: no version, no event.
    let updated = app
        .update_register_activity(&officer, &id, complete("Personeelsdossier"))
        .await
        .expect("update");
    assert_eq!(updated.version, 2);
    assert_eq!(
        updated.activity.status,
        ActivityStatus::Draft,
        "the status changes only through the status use case"
    );
    let same = app
        .update_register_activity(&officer, &id, complete("Personeelsdossier"))
        .await
        .expect("same");
    assert_eq!(same.version, 2);
    assert!(app.delete_register_activity(&officer, &id).await.is_ok());
}

#[tokio::test]
async fn in_the_netherlands_special_data_needs_the_uavg_article_before_activation() {
    let w = world().await;
    let (app, owner) = (&w.app, &w.acme_owner);
    let profile = kluis_domain::register::OrgProfile {
        legal_name: "Acme BV".into(),
        jurisdiction: Some(kluis_domain::register::Jurisdiction::Nl),
        ..Default::default()
    };
    app.update_profile(owner, profile).await.expect("profile");
    let v = app
        .create_register_activity(owner, None, "Verzuim", "")
        .await
        .expect("draft");
    let id = v.activity.id.to_string();
    let mut a = complete("Verzuim");
    a.categories
        .push("user.health_and_medical".parse().unwrap());
    a.special_ground = Some(kluis_domain::legal_basis::SpecialCategoryGround::Employment);
    app.update_register_activity(owner, &id, a.clone())
        .await
        .expect("save");
    let activate = StatusChange {
        status: ActivityStatus::Active,
        end_date: None,
        successor: None,
    };
    match app
        .set_register_activity_status(owner, &id, activate.clone())
        .await
    {
        Err(AppError::Invalid { field, message }) => {
            assert_eq!((field, message.as_str()), ("missing", "uavg_article"))
        }
        other => panic!("activated without the UAVG article: {other:?}"),
    }
    a.uavg_article = "UAVG art. 30 lid 1".into();
    app.update_register_activity(owner, &id, a)
        .await
        .expect("save");
    let v = app
        .set_register_activity_status(owner, &id, activate)
        .await
        .expect("activate");
    assert_eq!(v.activity.status, ActivityStatus::Active);
}
