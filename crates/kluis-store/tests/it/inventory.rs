//! The inventory's grouped count of documents: by the entity types each scan stored, with the user's correction
//! winning, and the same counts after a restore of a backup made before documents carried their entity types.

use kluis_domain::register::inventory::DocumentCount;
use kluis_domain::{
    Classification, DocumentClass, DocumentStatus, EntityType, PersonalDataKind, SpecialCategory,
};
use kluis_store::testing::{fresh_database_url, fresh_store};
use kluis_store::{
    CORE_TABLES, DOCUMENT_TABLES, DocumentOverride, DocumentScan, FindingRow, NewDocument,
    OrgScope, Store, TableList, now_ms,
};
use std::collections::BTreeMap;

fn doc(id: &str, parent: Option<&str>) -> NewDocument {
    NewDocument {
        id: id.to_owned(),
        parent_id: parent.map(str::to_owned),
        name: format!("{id}.txt"),
        path: format!("{id}.txt"),
        size: Some(3),
        sha256: None,
        content_type: "text/plain".into(),
        format: None,
        blob_key: None,
        status: DocumentStatus::Queued,
        uploaded_by: "u".into(),
        created_at: now_ms(),
    }
}

fn scan(class: DocumentClass, types: &[EntityType]) -> DocumentScan {
    DocumentScan {
        status: DocumentStatus::Scanned,
        scan_status: Some(kluis_domain::ScanStatus::Ok),
        scan_reason: None,
        verdict: Classification {
            class: Some(class),
            personal_data: Some(PersonalDataKind::Generic),
            special_categories: vec![],
        },
        findings_total: i64::try_from(types.len()).unwrap(),
        entity_types: types.to_vec(),
        format: None,
        sha256: None,
        size: None,
        scanned_at: Some(now_ms()),
    }
}

fn finding(scope: &OrgScope, document: &str, t: EntityType) -> FindingRow {
    FindingRow {
        id: uuid::Uuid::now_v7().to_string(),
        org_id: scope.org_id().to_owned(),
        document_id: document.to_owned(),
        entity_type: t,
        value_enc: vec![0; 32],
        value_masked: "***".into(),
        value_index: uuid::Uuid::now_v7().simple().to_string(),
        start: 0,
        end: 3,
        score_milli: 900,
        location: None,
        created_at: now_ms(),
    }
}

/// Scans `id` as `class` with one finding per type (stored as the scan job stores them).
async fn scanned(
    store: &Store,
    scope: &OrgScope,
    id: &str,
    class: DocumentClass,
    types: &[EntityType],
) {
    let mut tx = store.begin_write().await.unwrap();
    tx.documents(scope).clear_scan_results(id).await.unwrap();
    tx.documents(scope)
        .set_scan(id, &scan(class, types))
        .await
        .unwrap();
    for t in types {
        tx.documents(scope)
            .insert_finding(&finding(scope, id, *t))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

/// Documents per entity type, per special category and per class, summed over the counted rows.
fn totals(rows: &[DocumentCount]) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    for r in rows {
        for t in &r.entity_types {
            *out.entry(format!("type:{t}")).or_default() += r.documents;
        }
        for c in &r.special {
            *out.entry(format!("special:{c}")).or_default() += r.documents;
        }
        if let Some(c) = r.class {
            *out.entry(format!("class:{c}")).or_default() += r.documents;
        }
        if let Some(f) = &r.folder {
            *out.entry(format!("folder:{f}")).or_default() += r.documents;
        }
    }
    out
}

fn expect(pairs: &[(&str, u64)]) -> BTreeMap<String, u64> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect()
}

#[tokio::test]
async fn documents_count_by_their_entity_types_with_the_correction_winning() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let b = crate::org(&store, "org-b").await;
    let mut tx = store.begin_write().await.unwrap();
    for (scope, id, parent) in [
        (&a, "zip", None),
        (&a, "two", None),
        (&a, "unscanned", None),
        (&b, "other", None),
    ] {
        tx.documents(scope).insert(&doc(id, parent)).await.unwrap();
    }
    tx.commit().await.unwrap();
    let (bsn, email) = (EntityType::Bsn, EntityType::Email);
    // A container's scan replaces its members, so the member comes after it, as in the scan job.
    scanned(&store, &a, "zip", DocumentClass::Other, &[]).await;
    let mut tx = store.begin_write().await.unwrap();
    tx.documents(&a)
        .insert(&doc("one", Some("zip")))
        .await
        .unwrap();
    tx.commit().await.unwrap();
    // Two findings of one type count the document once.
    scanned(
        &store,
        &a,
        "one",
        DocumentClass::Invoice,
        &[email, bsn, email],
    )
    .await;
    scanned(&store, &a, "two", DocumentClass::Invoice, &[email]).await;
    scanned(&store, &b, "other", DocumentClass::Invoice, &[bsn]).await;

    let counts = || async {
        totals(
            &store
                .compliance(&a)
                .document_counts(DocumentClass::IdCopy)
                .await
                .unwrap(),
        )
    };
    assert_eq!(
        counts().await,
        expect(&[
            ("type:bsn", 1),
            ("type:email", 2),
            ("class:invoice", 2),
            ("folder:zip.txt", 1)
        ])
    );

    // The user's correction of class and special categories wins.
    let mut tx = store.begin_write().await.unwrap();
    tx.documents(&a)
        .set_override(
            "two",
            &DocumentOverride {
                class_override: Some(DocumentClass::IdCopy),
                personal_data_override: None,
                categories_override: Some(vec![SpecialCategory::Health]),
                corrected_by: "u".into(),
                corrected_at: now_ms(),
            },
        )
        .await
        .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        counts().await,
        expect(&[
            ("type:bsn", 1),
            ("type:email", 2),
            ("class:invoice", 1),
            ("class:id_copy", 1),
            ("special:health", 1),
            ("folder:zip.txt", 1),
        ])
    );

    // A new scan replaces the document's entity types.
    scanned(&store, &a, "one", DocumentClass::Invoice, &[]).await;
    assert_eq!(
        counts().await,
        expect(&[
            ("type:email", 1),
            ("class:id_copy", 1),
            ("special:health", 1)
        ])
    );
}

#[tokio::test]
async fn a_backup_made_before_documents_carried_their_entity_types_restores_the_same_counts() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let mut tx = store.begin_write().await.unwrap();
    tx.documents(&a).insert(&doc("one", None)).await.unwrap();
    tx.documents(&a).insert(&doc("two", None)).await.unwrap();
    tx.commit().await.unwrap();
    scanned(
        &store,
        &a,
        "one",
        DocumentClass::Invoice,
        &[EntityType::Bsn, EntityType::Iban],
    )
    .await;
    scanned(
        &store,
        &a,
        "two",
        DocumentClass::Payslip,
        &[EntityType::Iban],
    )
    .await;
    let before = totals(
        &store
            .compliance(&a)
            .document_counts(DocumentClass::IdCopy)
            .await
            .unwrap(),
    );
    assert_eq!(
        before,
        expect(&[
            ("type:bsn", 1),
            ("type:iban", 2),
            ("class:invoice", 1),
            ("class:payslip", 1)
        ])
    );

    let tables: TableList = CORE_TABLES.iter().chain(DOCUMENT_TABLES).collect();
    let mut rows = Vec::new();
    let mut d = store.begin_dump(tables.clone()).await.unwrap();
    d.dump_all(&mut |r| {
        rows.push(r);
        Ok(())
    })
    .await
    .unwrap();
    d.finish().await.unwrap();
    // As an older version wrote them: no `entity_types` column.
    let mut stripped = 0;
    for r in rows.iter_mut().filter(|r| r.table == "documents") {
        stripped += usize::from(r.row.remove("entity_types").is_some());
    }
    assert_eq!(stripped, 2);

    let target_db = fresh_database_url().await;
    let target = Store::connect(target_db.url()).await.unwrap();
    target.migrate().await.unwrap();
    let mut load = target.begin_load(tables).await.unwrap();
    for r in &rows {
        load.insert(r).await.unwrap();
    }
    load.commit().await.unwrap();
    let restored = totals(
        &target
            .compliance(&a)
            .document_counts(DocumentClass::IdCopy)
            .await
            .unwrap(),
    );
    assert_eq!(restored, before);
}
