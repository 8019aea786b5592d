//! The register list's summaries of processing activities: written with every save, and filled in on the
//! restore of a backup made before activities carried them.

use kluis_domain::legal_basis::LawfulBasis;
use kluis_domain::register::{ActivityStatus, DataCategory, ProcessingActivity};
use kluis_store::testing::{fresh_database_url, fresh_store};
use kluis_store::{ACTIVITY_TABLES, ActivitySummary, CORE_TABLES, Store, TableList, now_ms};

fn summary(a: &ProcessingActivity) -> ActivitySummary {
    ActivitySummary {
        id: a.id.to_string(),
        name: a.name.clone(),
        status: a.status,
        lawful_basis: a.lawful_basis,
        categories: i64::try_from(a.categories.len()).unwrap(),
    }
}

#[tokio::test]
async fn summaries_follow_every_save_and_are_filled_in_on_restoring_an_older_backup() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let b = crate::org(&store, "org-b").await;
    let cats: Vec<DataCategory> = DataCategory::all().take(3).collect();
    let mut payroll = ProcessingActivity {
        id: uuid::Uuid::now_v7(),
        name: "Salarisadministratie".into(),
        lawful_basis: Some(LawfulBasis::LegalObligation),
        categories: cats.clone(),
        ..ProcessingActivity::default()
    };
    let blank = ProcessingActivity {
        id: uuid::Uuid::now_v7(),
        name: "Aanmeldingen".into(),
        ..ProcessingActivity::default()
    };
    let elsewhere = ProcessingActivity {
        id: uuid::Uuid::now_v7(),
        name: "Elders".into(),
        ..ProcessingActivity::default()
    };
    let mut tx = store.begin_write().await.unwrap();
    tx.activities(&a)
        .insert(&payroll, &["name"], "u", now_ms())
        .await
        .unwrap();
    tx.activities(&a)
        .insert(&blank, &["name"], "u", now_ms())
        .await
        .unwrap();
    tx.activities(&b)
        .insert(&elsewhere, &["name"], "u", now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store.activities(&a).summaries().await.unwrap(),
        vec![summary(&blank), summary(&payroll)]
    );

    payroll.lawful_basis = Some(LawfulBasis::Contract);
    payroll.categories.truncate(1);
    payroll.status = ActivityStatus::Active;
    let mut tx = store.begin_write().await.unwrap();
    tx.activities(&a)
        .save(
            &payroll,
            1,
            &["lawful_basis", "categories", "status"],
            "u",
            now_ms(),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let now = vec![summary(&blank), summary(&payroll)];
    assert_eq!(store.activities(&a).summaries().await.unwrap(), now);
    assert_eq!(now[1].categories, 1);

    // A backup as an older version wrote it: activities without their summary columns.
    let tables: TableList = CORE_TABLES.iter().chain(ACTIVITY_TABLES).collect();
    let mut rows = Vec::new();
    let mut d = store.begin_dump(tables.clone()).await.unwrap();
    d.dump_all(&mut |r| {
        rows.push(r);
        Ok(())
    })
    .await
    .unwrap();
    d.finish().await.unwrap();
    for r in rows.iter_mut().filter(|r| r.table == "register_activities") {
        assert!(r.row.remove("lawful_basis").is_some());
        assert!(r.row.remove("category_count").is_some());
    }
    let target_db = fresh_database_url().await;
    let target = Store::connect(target_db.url()).await.unwrap();
    target.migrate().await.unwrap();
    let mut load = target.begin_load(tables).await.unwrap();
    for r in &rows {
        load.insert(r).await.unwrap();
    }
    load.commit().await.unwrap();
    assert_eq!(target.activities(&a).summaries().await.unwrap(), now);
}
