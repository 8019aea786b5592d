use std::collections::HashSet;

use kluis_store::testing::fresh_store;
use kluis_store::{JobStatus, NewJob, Store, now_ms};

fn job(i: usize, unique: Option<&str>) -> NewJob {
    NewJob {
        id: format!("job-{i:03}"),
        org_id: None,
        kind: "test".into(),
        payload: "{}".into(),
        run_at: now_ms() - 1,
        max_attempts: 3,
        unique_key: unique.map(str::to_owned),
        now: now_ms(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_job_is_claimed_by_exactly_one_instance() {
    let (store, db) = fresh_store().await;
    for i in 0..40 {
        assert!(store.enqueue_job(&job(i, None)).await.unwrap());
    }
    let mut workers = Vec::new();
    for w in 0..4 {
        let s = if w % 2 == 0 {
            store.clone()
        } else {
            Store::connect(db.url()).await.unwrap()
        };
        workers.push(tokio::spawn(async move {
            let owner = format!("instance-{w}");
            let mut mine = Vec::new();
            while let Some(j) = s
                .claim_job(&owner, &["test"], now_ms(), 60_000)
                .await
                .unwrap()
            {
                assert!(s.complete_job(&j.id, &owner, now_ms()).await.unwrap());
                mine.push(j.id);
            }
            mine
        }));
    }
    let mut all = Vec::new();
    for w in workers {
        all.extend(w.await.unwrap());
    }
    let unique: HashSet<_> = all.iter().collect();
    assert_eq!(
        (all.len(), unique.len()),
        (40, 40),
        "every job ran exactly once"
    );
    assert!(
        store
            .jobs_of_kind("test")
            .await
            .unwrap()
            .iter()
            .all(|j| j.status == JobStatus::Done)
    );
}

#[tokio::test]
async fn unique_keys_leases_and_retries() {
    let (store, _db) = fresh_store().await;
    assert!(
        store
            .enqueue_job(&job(1, Some("daily:test:2026-11-23")))
            .await
            .unwrap()
    );
    assert!(
        !store
            .enqueue_job(&job(2, Some("daily:test:2026-11-23")))
            .await
            .unwrap(),
        "one job per unique key"
    );

    let now = now_ms();
    let j = store
        .claim_job("a", &["test"], now, 1_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(j.attempts, 1);
    assert!(
        store
            .claim_job("b", &["test"], now, 1_000)
            .await
            .unwrap()
            .is_none(),
        "leased"
    );
    assert!(
        store
            .claim_job("b", &["other"], now + 5_000, 1_000)
            .await
            .unwrap()
            .is_none(),
        "kind filter"
    );
    // The lease expired (instance a died): b takes over, a can no longer complete.
    let j2 = store
        .claim_job("b", &["test"], now + 5_000, 1_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((j2.id.as_str(), j2.attempts), (j.id.as_str(), 2));
    assert!(!store.complete_job(&j.id, "a", now).await.unwrap());
    assert!(!store.heartbeat_job(&j.id, "a", now + 10_000).await.unwrap());
    // Failure with attempts left → queued again at the retry time.
    assert!(
        store
            .fail_job(&j.id, "b", "boom", now, now + 60_000)
            .await
            .unwrap()
    );
    let row = store.job(&j.id).await.unwrap().unwrap();
    assert_eq!(
        (row.status, row.run_at, row.last_error.as_deref()),
        (JobStatus::Queued, now + 60_000, Some("boom"))
    );
    assert!(
        store
            .claim_job("b", &["test"], now + 1, 1_000)
            .await
            .unwrap()
            .is_none(),
        "not due yet"
    );
    // Third attempt fails → failed for good.
    let j3 = store
        .claim_job("c", &["test"], now + 60_000, 1_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(j3.attempts, 3);
    assert!(
        store
            .fail_job(&j.id, "c", "boom", now + 60_000, now + 120_000)
            .await
            .unwrap()
    );
    assert_eq!(
        store.job(&j.id).await.unwrap().unwrap().status,
        JobStatus::Failed
    );
    assert!(
        store
            .claim_job("d", &["test"], now + 999_999, 1_000)
            .await
            .unwrap()
            .is_none()
    );
}

fn org_job(org: &str, i: usize, at: i64) -> NewJob {
    NewJob {
        id: format!("{org}-{i:03}"),
        org_id: Some(org.to_owned()),
        kind: "test".into(),
        payload: "{}".into(),
        run_at: at,
        max_attempts: 3,
        unique_key: None,
        now: at,
    }
}

/// One organisation's long queue does not hold up another's single job: claims go round-robin between
/// organisations, whether or not the claimed jobs are finished in between.
#[tokio::test]
async fn claims_are_fair_between_organisations() {
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let b = crate::org(&store, "org-b").await;
    let t0 = now_ms() - 10_000;
    for i in 0..50 {
        store
            .enqueue_job(&org_job(a.org_id(), i, t0 + i as i64))
            .await
            .unwrap();
    }
    store
        .enqueue_job(&org_job(b.org_id(), 0, t0 + 100))
        .await
        .unwrap();
    // Claimed without finishing (several workers).
    let first = store
        .claim_job("w1", &["test"], now_ms(), 60_000)
        .await
        .unwrap()
        .unwrap();
    let second = store
        .claim_job("w2", &["test"], now_ms(), 60_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(first.org_id.as_deref(), Some(a.org_id()), "oldest first");
    assert_eq!(
        second.org_id.as_deref(),
        Some(b.org_id()),
        "the other organisation's job is next, not org A's 49 others"
    );

    // One worker finishing each job before the next claim: the same round-robin.
    let (store, _db) = fresh_store().await;
    let a = crate::org(&store, "org-a").await;
    let b = crate::org(&store, "org-b").await;
    for i in 0..50 {
        store
            .enqueue_job(&org_job(a.org_id(), i, t0 + i as i64))
            .await
            .unwrap();
    }
    let mut order = Vec::new();
    for n in 0..4 {
        if n == 1 {
            // B's job arrives after A's first was claimed and done.
            store
                .enqueue_job(&org_job(b.org_id(), 0, t0 + 100))
                .await
                .unwrap();
        }
        let j = store
            .claim_job("w", &["test"], now_ms(), 60_000)
            .await
            .unwrap()
            .unwrap();
        assert!(store.complete_job(&j.id, "w", now_ms()).await.unwrap());
        order.push(j.org_id.unwrap());
    }
    assert_eq!(
        order,
        [a.org_id(), b.org_id(), a.org_id(), a.org_id()].map(str::to_owned)
    );
}
