//! Relations in the store: values kept as given (the application seals them), exact lookups on the blind index,
//! the per-category count of the inventory, and one organisation's rows never reachable through another's scope.

use kluis_domain::relations::{Party, RelationField, RelationKind};
use kluis_store::testing::fresh_store;
use kluis_store::{
    RelationNoteRow, RelationRow, RelationTagRow, RelationValueRow, Store, StoreError,
};

use crate::org;

fn value(field: RelationField, enc: &str, index: Option<&str>) -> RelationValueRow {
    RelationValueRow {
        field,
        value_enc: enc.as_bytes().to_vec(),
        value_index: index.map(str::to_owned),
    }
}

fn relation(party: Party, at: i64, values: Vec<RelationValueRow>) -> RelationRow {
    RelationRow {
        id: uuid::Uuid::now_v7().to_string(),
        party,
        kind: RelationKind::Customer,
        company_id: None,
        version: 1,
        created_by: "u1".into(),
        created_at: at,
        updated_at: at,
        values,
        tags: Vec::new(),
    }
}

async fn insert(store: &Store, scope: &kluis_store::OrgScope, r: &RelationRow) {
    let mut tx = store.begin_write().await.unwrap();
    tx.relations(scope).insert(r).await.unwrap();
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn relations_are_found_by_index_counted_per_category_and_kept_per_organisation() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "rel-a").await;
    let b = org(&store, "rel-b").await;
    let company = relation(
        Party::Company,
        1_000,
        vec![value(
            RelationField::CompanyName,
            "sealed-name",
            Some("ix-company"),
        )],
    );
    let mut person = relation(
        Party::Person,
        2_000,
        vec![
            value(RelationField::GivenName, "sealed-given", Some("ix-eva")),
            value(
                RelationField::FamilyName,
                "sealed-family",
                Some("ix-jansen"),
            ),
            value(RelationField::Email, "sealed-mail", Some("ix-mail")),
            value(RelationField::City, "sealed-city", None),
        ],
    );
    person.company_id = Some(company.id.clone());
    person.tags = vec![RelationTagRow {
        tag_index: "ix-vip".into(),
        tag_enc: b"sealed-vip".to_vec(),
    }];
    insert(&store, &a, &company).await;
    insert(&store, &a, &person).await;
    let note = RelationNoteRow {
        id: uuid::Uuid::now_v7().to_string(),
        relation_id: person.id.clone(),
        body_enc: b"sealed-note".to_vec(),
        created_by: "u1".into(),
        created_at: 2_500,
    };
    let mut tx = store.begin_write().await.unwrap();
    tx.relations(&a).insert_note(&note).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        store.relations(&a).notes(&person.id).await.unwrap(),
        vec![note]
    );
    assert!(
        store
            .relations(&b)
            .notes(&person.id)
            .await
            .unwrap()
            .is_empty()
    );
    // B holds a relation with the same index value: B's, never A's.
    let other = relation(
        Party::Person,
        3_000,
        vec![value(RelationField::Email, "b-sealed", Some("ix-mail"))],
    );
    insert(&store, &b, &other).await;

    let got = store.relations(&a).get(&person.id).await.unwrap().unwrap();
    assert_eq!(got.values.len(), 4);
    assert_eq!(got.tags, person.tags);
    assert_eq!(
        got.values[0].field,
        RelationField::GivenName,
        "vocabulary order"
    );
    assert_eq!(got.company_id.as_deref(), Some(company.id.as_str()));

    let ids = |rows: Vec<RelationRow>| rows.into_iter().map(|r| r.id).collect::<Vec<_>>();
    let found = store
        .relations(&a)
        .by_index(&["ix-mail".into()], 10)
        .await
        .unwrap();
    assert_eq!(ids(found), vec![person.id.clone()]);
    let found = store
        .relations(&a)
        .by_index(&["ix-jansen".into(), "ix-company".into()], 10)
        .await
        .unwrap();
    assert_eq!(
        ids(found),
        vec![person.id.clone(), company.id.clone()],
        "newest first"
    );
    let found = store
        .relations(&b)
        .by_index(&["ix-mail".into()], 10)
        .await
        .unwrap();
    assert_eq!(ids(found), vec![other.id.clone()]);
    assert!(store.relations(&b).get(&person.id).await.unwrap().is_none());
    assert_eq!(store.relations(&a).count().await.unwrap(), 2);
    assert_eq!(
        ids(store.relations(&a).list(1, 1).await.unwrap()),
        vec![company.id.clone()]
    );
    assert_eq!(
        ids(store.relations(&a).contacts_of(&company.id).await.unwrap()),
        vec![person.id.clone()]
    );

    // A person with a given and a family name is one name holder; the company is the other.
    let names: Vec<_> = RelationField::of_category(RelationField::GivenName.category()).collect();
    assert_eq!(store.relations(&a).count_holding(&names).await.unwrap(), 2);
    assert_eq!(
        store
            .relations(&a)
            .count_holding(&[RelationField::Email])
            .await
            .unwrap(),
        1
    );

    // B cannot change or delete A's relation; an update replaces the values and counts the version up.
    let mut tx = store.begin_write().await.unwrap();
    assert!(matches!(
        tx.relations(&b).delete(&person.id).await,
        Err(StoreError::NotFound)
    ));
    assert!(matches!(
        tx.relations(&b).update(&person).await,
        Err(StoreError::NotFound)
    ));
    person.values = vec![value(
        RelationField::FamilyName,
        "sealed-2",
        Some("ix-bakker"),
    )];
    person.updated_at = 4_000;
    tx.relations(&a).update(&person).await.unwrap();
    tx.commit().await.unwrap();
    let got = store.relations(&a).get(&person.id).await.unwrap().unwrap();
    assert_eq!(got.version, 2);
    assert_eq!(got.values.len(), 1);
    // A save made on the version before (someone else saved meanwhile) is refused, and changes nothing.
    let mut stale = person.clone();
    stale.values = Vec::new();
    let mut tx = store.begin_write().await.unwrap();
    assert!(matches!(
        tx.relations(&a).update(&stale).await,
        Err(StoreError::Conflict(_))
    ));
    tx.rollback().await.unwrap();
    assert_eq!(
        store
            .relations(&a)
            .get(&person.id)
            .await
            .unwrap()
            .unwrap()
            .values
            .len(),
        1
    );
    assert!(
        store
            .relations(&a)
            .by_index(&["ix-mail".into()], 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        store
            .relations(&b)
            .get(&other.id)
            .await
            .unwrap()
            .unwrap()
            .values
            .len(),
        1
    );

    let mut tx = store.begin_write().await.unwrap();
    assert_eq!(
        tx.relations(&a).contact_count(&company.id).await.unwrap(),
        1
    );
    tx.relations(&a).delete(&person.id).await.unwrap();
    tx.commit().await.unwrap();
    assert!(store.relations(&a).get(&person.id).await.unwrap().is_none());
    assert!(
        store
            .relations(&a)
            .notes(&person.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.relations(&a).all_tags().await.unwrap().is_empty());
    assert!(
        store
            .relations(&a)
            .all_values()
            .await
            .unwrap()
            .iter()
            .all(|(id, _, _)| *id == company.id)
    );
}
