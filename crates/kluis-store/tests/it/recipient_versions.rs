//! Versions of recipients and agreements: history, the recipients as they stood at a moment (deletions
//! included), and the register's latest change as one query.

use kluis_domain::register::{ProcessingAgreement, Recipient};
use kluis_store::testing::fresh_store;
use kluis_store::{ChangeBy, Store, VersionEvent, VersionedItem};

use crate::org;

fn by(at: i64) -> ChangeBy<'static> {
    ChangeBy { actor: "u1", at }
}

async fn write<F>(store: &Store, f: F)
where
    F: AsyncFnOnce(&mut kluis_store::WriteTx),
{
    let mut tx = store.begin_write().await.unwrap();
    f(&mut tx).await;
    tx.commit().await.unwrap();
}

#[tokio::test]
async fn the_past_shows_recipients_and_agreements_as_they_were_even_after_deletion() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "rv-a").await;
    let b = org(&store, "rv-b").await;
    let mut r = Recipient {
        id: uuid::Uuid::now_v7(),
        name: "Hoster".into(),
        country: "NL".into(),
        ..Default::default()
    };
    let mut agreement = ProcessingAgreement {
        id: uuid::Uuid::now_v7(),
        notes: "v1".into(),
        ..Default::default()
    };
    let rid = r.id.to_string();
    let aid = agreement.id.to_string();
    write(&store, async |tx| {
        tx.recipients(&a)
            .insert(&r, &["name", "country"], by(1_000))
            .await
            .unwrap();
        tx.recipients(&a)
            .insert_agreement(&rid, &agreement, &["notes"], by(1_100))
            .await
            .unwrap();
    })
    .await;
    r.country = "US".into();
    agreement.notes = "v2".into();
    write(&store, async |tx| {
        tx.recipients(&a)
            .update(&r, &["country"], by(2_000))
            .await
            .unwrap();
        tx.recipients(&a)
            .update_agreement(&agreement, &["notes"], by(2_100))
            .await
            .unwrap();
    })
    .await;
    // An agreement change is not a change of the register's content.
    assert_eq!(store.register_changed_at(&a).await.unwrap(), Some(2_000));
    assert_eq!(store.register_changed_at(&b).await.unwrap(), None);

    write(&store, async |tx| {
        tx.recipients(&a).delete(&rid, by(3_000)).await.unwrap();
    })
    .await;
    let reads = store.recipients(&a);
    assert!(reads.list().await.unwrap().is_empty());
    assert!(reads.agreements().await.unwrap().is_empty());
    assert!(reads.as_of(999).await.unwrap().is_empty(), "not there yet");

    let then = reads.as_of(1_500).await.unwrap();
    assert_eq!(then.len(), 1);
    assert_eq!(then[0].country, "NL");
    assert_eq!(then[0].agreements.len(), 1);
    assert_eq!(then[0].agreements[0].notes, "v1");

    let before_deletion = reads.as_of(2_999).await.unwrap();
    assert_eq!(before_deletion.len(), 1, "a deleted recipient shows before");
    assert_eq!(before_deletion[0].country, "US");
    assert_eq!(before_deletion[0].agreements[0].notes, "v2");
    assert!(
        reads.as_of(3_000).await.unwrap().is_empty(),
        "and not after"
    );
    // The deletion is a change of the register.
    assert_eq!(store.register_changed_at(&a).await.unwrap(), Some(3_000));

    let history = reads.history(&rid).await.unwrap();
    let seen: Vec<(&str, i64, VersionEvent, Vec<String>, i64)> = history
        .iter()
        .map(|v| {
            let kind = match v.item {
                VersionedItem::Recipient(_) => "recipient",
                VersionedItem::Agreement(_) => "agreement",
            };
            (kind, v.version, v.event, v.changed.clone(), v.at)
        })
        .collect();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(
        seen,
        vec![
            (
                "recipient",
                1,
                VersionEvent::Create,
                s(&["name", "country"]),
                1_000
            ),
            ("agreement", 1, VersionEvent::Create, s(&["notes"]), 1_100),
            ("recipient", 2, VersionEvent::Update, s(&["country"]), 2_000),
            ("agreement", 2, VersionEvent::Update, s(&["notes"]), 2_100),
            ("recipient", 3, VersionEvent::Delete, vec![], 3_000),
            ("agreement", 3, VersionEvent::Delete, vec![], 3_000),
        ]
    );
    assert!(history.iter().all(|v| v.actor == "u1"));
    assert!(history.iter().any(|v| v.item_id == aid));
    match &history[4].item {
        VersionedItem::Recipient(x) => assert_eq!(x.country, "US", "a deletion keeps the record"),
        other => panic!("{other:?}"),
    }

    // Another organisation sees none of it.
    assert!(store.recipients(&b).history(&rid).await.unwrap().is_empty());
    assert!(store.recipients(&b).as_of(2_999).await.unwrap().is_empty());
}

#[tokio::test]
async fn removing_one_agreement_keeps_it_in_the_past_only() {
    let (store, _db) = fresh_store().await;
    let a = org(&store, "rv-c").await;
    let r = Recipient {
        id: uuid::Uuid::now_v7(),
        name: "Payroll".into(),
        ..Default::default()
    };
    let agreement = ProcessingAgreement {
        id: uuid::Uuid::now_v7(),
        ..Default::default()
    };
    let rid = r.id.to_string();
    let aid = agreement.id.to_string();
    write(&store, async |tx| {
        tx.recipients(&a)
            .insert(&r, &["name"], by(10))
            .await
            .unwrap();
        tx.recipients(&a)
            .insert_agreement(&rid, &agreement, &[], by(10))
            .await
            .unwrap();
    })
    .await;
    write(&store, async |tx| {
        tx.recipients(&a)
            .delete_agreement(&aid, by(20))
            .await
            .unwrap();
    })
    .await;
    let reads = store.recipients(&a);
    assert_eq!(reads.as_of(19).await.unwrap()[0].agreements.len(), 1);
    assert!(reads.as_of(20).await.unwrap()[0].agreements.is_empty());
    // Removing an agreement is no change of the register's content; the recipient's creation is.
    assert_eq!(store.register_changed_at(&a).await.unwrap(), Some(10));
}
