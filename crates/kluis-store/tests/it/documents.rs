use kluis_domain::{
    Classification, DocumentClass, DocumentStatus, PersonalDataKind, SpecialCategory,
};
use kluis_store::testing::{execute_raw, fresh_store};
use kluis_store::{DocumentOverride, DocumentScan, NewDocument, StoreError, now_ms};

fn new_doc(id: &str) -> NewDocument {
    NewDocument {
        id: id.to_owned(),
        parent_id: None,
        name: "a.txt".into(),
        path: "a.txt".into(),
        size: Some(3),
        sha256: Some("abc".into()),
        content_type: "text/plain".into(),
        format: None,
        blob_key: None,
        status: DocumentStatus::Queued,
        uploaded_by: "u".into(),
        created_at: now_ms(),
    }
}

/// A status outside the vocabulary (written behind the application's back) stops every read of that row with
/// an error naming the table, the row and the value: never read as some default status.
#[tokio::test]
async fn a_corrupt_stored_status_fails_loudly_naming_the_row() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let mut tx = store.begin_write().await.unwrap();
    tx.documents(&a).insert(&new_doc("doc-1")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store
            .documents(&a)
            .get("doc-1")
            .await
            .unwrap()
            .unwrap()
            .status,
        DocumentStatus::Queued
    );

    execute_raw(
        &store,
        "UPDATE documents SET status = 'half-done' WHERE id = 'doc-1'",
    )
    .await;
    let err = store.documents(&a).get("doc-1").await.unwrap_err();
    let StoreError::Corrupt(msg) = &err else {
        panic!("expected Corrupt, got {err:?}");
    };
    assert!(msg.contains("documents"), "{msg}");
    assert!(msg.contains("doc-1"), "{msg}");
    assert!(msg.contains("half-done"), "{msg}");
    assert!(store.documents(&a).count_by_status().await.is_err());

    execute_raw(
        &store,
        "UPDATE documents SET status = 'scanned', personal_data = 'some' WHERE id = 'doc-1'",
    )
    .await;
    let msg = store
        .documents(&a)
        .get("doc-1")
        .await
        .unwrap_err()
        .to_string();
    assert!(msg.contains("doc-1") && msg.contains("'some'"), "{msg}");

    execute_raw(&store, "UPDATE documents SET personal_data = NULL, categories_override = '[\"gossip\"]' WHERE id = 'doc-1'").await;
    let msg = store
        .documents(&a)
        .get("doc-1")
        .await
        .unwrap_err()
        .to_string();
    assert!(msg.contains("doc-1") && msg.contains("gossip"), "{msg}");
}

/// The correction wins over the scanner's verdict and over a later scan; the row carries both.
#[tokio::test]
async fn the_effective_classification_is_the_correction_where_there_is_one() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let scan = |class, kind| DocumentScan {
        status: DocumentStatus::Scanned,
        scan_status: Some(kluis_domain::ScanStatus::Ok),
        scan_reason: None,
        verdict: Classification {
            class: Some(class),
            personal_data: Some(kind),
            special_categories: vec![],
        },
        findings_total: 0,
        entity_types: vec![],
        format: None,
        sha256: None,
        size: None,
        scanned_at: Some(now_ms()),
    };
    let mut tx = store.begin_write().await.unwrap();
    tx.documents(&a).insert(&new_doc("doc-1")).await.unwrap();
    tx.documents(&a)
        .set_scan(
            "doc-1",
            &scan(DocumentClass::Invoice, PersonalDataKind::Generic),
        )
        .await
        .unwrap();
    tx.documents(&a)
        .set_override(
            "doc-1",
            &DocumentOverride {
                class_override: None,
                personal_data_override: Some(PersonalDataKind::Special),
                categories_override: Some(vec![SpecialCategory::Health]),
                corrected_by: "u".into(),
                corrected_at: now_ms(),
            },
        )
        .await
        .unwrap();
    tx.documents(&a)
        .set_scan(
            "doc-1",
            &scan(DocumentClass::Payslip, PersonalDataKind::None),
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let d = store.documents(&a).get("doc-1").await.unwrap().unwrap();
    assert_eq!(d.detected.class, Some(DocumentClass::Payslip));
    assert_eq!(d.detected.personal_data, Some(PersonalDataKind::None));
    assert!(d.is_corrected());
    assert_eq!(
        d.effective,
        Classification {
            class: Some(DocumentClass::Payslip),
            personal_data: Some(PersonalDataKind::Special),
            special_categories: vec![SpecialCategory::Health],
        }
    );
    assert_eq!(
        store.documents(&a).count_by_kind().await.unwrap(),
        vec![(Some(PersonalDataKind::Special), 1)]
    );
    assert_eq!(
        store
            .documents(&a)
            .by_sha256("abc")
            .await
            .unwrap()
            .map(|d| d.id),
        Some("doc-1".to_owned())
    );
    assert!(
        store
            .documents(&a)
            .by_sha256("abd")
            .await
            .unwrap()
            .is_none()
    );
}

/// The dashboard's count of unreadable documents is the length of the list, counted in the database and not
/// capped: failed ones and those scanned only in part, never those read in full, nor another organisation's.
#[tokio::test]
async fn not_scanned_count_counts_what_not_scanned_lists() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let b = crate::org(&store, "org-b").await;
    let mut tx = store.begin_write().await.unwrap();
    for i in 0..5 {
        tx.documents(&a)
            .insert(&new_doc(&format!("doc-{i}")))
            .await
            .unwrap();
    }
    tx.documents(&b).insert(&new_doc("b-doc")).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(store.documents(&a).not_scanned_count().await.unwrap(), 0);
    execute_raw(
        &store,
        "UPDATE documents SET status = 'failed' WHERE id IN ('doc-0', 'b-doc')",
    )
    .await;
    execute_raw(
        &store,
        "UPDATE documents SET status = 'scanned', scan_status = 'partial' WHERE id = 'doc-1'",
    )
    .await;
    execute_raw(
        &store,
        "UPDATE documents SET status = 'scanned', scan_status = 'ok' WHERE id = 'doc-2'",
    )
    .await;
    let listed = store.documents(&a).not_scanned(100).await.unwrap().len();
    assert_eq!(listed, 2);
    assert_eq!(
        store.documents(&a).not_scanned_count().await.unwrap(),
        listed as i64
    );
}
