use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use kluis_app::testing::{origin, setup_input, test_config};
use kluis_app::{App, AuditFilter};
use tokio_util::sync::CancellationToken;

/// Two instances with job runners on one database: every job runs exactly once, and the daily jobs are
/// scheduled once although both instances schedule them.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_run_each_job_exactly_once() {
    let env = test_config().await;
    let a = App::open(env.config.clone()).await.unwrap();
    let owner = a.setup(setup_input(), &origin()).await.unwrap();
    let b = App::open(env.config.clone()).await.unwrap();
    let runs: Arc<Mutex<HashMap<String, Vec<&'static str>>>> = Arc::default();
    for (app, name) in [(&a, "a"), (&b, "b")] {
        let runs = runs.clone();
        app.register_job_handler("test.count", move |_app, job| {
            let runs = runs.clone();
            async move {
                tokio::time::sleep(Duration::from_millis(5)).await;
                runs.lock().unwrap().entry(job.id).or_default().push(name);
                Ok(())
            }
        });
    }
    let mut ids = Vec::new();
    for i in 0..30 {
        ids.push(
            a.enqueue_job("test.count", None, serde_json::json!({ "n": i }))
                .await
                .unwrap(),
        );
    }
    let stop = CancellationToken::new();
    let ha = a.spawn_job_runner("instance-a".into(), stop.clone());
    let hb = b.spawn_job_runner("instance-b".into(), stop.clone());

    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    loop {
        let mut done = 0;
        for id in &ids {
            if a.job_status(id).await.unwrap().as_deref() == Some("done") {
                done += 1;
            }
        }
        let verified = a
            .audit_events(
                &owner,
                AuditFilter {
                    actor: Some("system:jobs".into()),
                    ..Default::default()
                },
            )
            .await
            .unwrap()
            .total;
        if done == ids.len() && verified >= 1 {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "jobs did not finish: {done} done, {verified} verified"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Give a duplicate run (if there were one) time to show up, then stop both runners.
    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.cancel();
    ha.await.unwrap();
    hb.await.unwrap();

    let runs = runs.lock().unwrap().clone();
    assert_eq!(runs.len(), 30);
    assert!(
        runs.values().all(|r| r.len() == 1),
        "a job ran twice: {runs:?}"
    );
    let by_a = runs.values().filter(|r| r[0] == "a").count();
    eprintln!("instance a ran {by_a} of 30 jobs");
    let verified = a
        .audit_events(
            &owner,
            AuditFilter {
                actor: Some("system:jobs".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        verified.total, 1,
        "the daily verification ran once: {:?}",
        verified.events
    );
    assert_eq!(verified.events[0].action, "audit.verify.ok");
    assert_eq!(
        a.schedule_daily_jobs().await.unwrap(),
        0,
        "already scheduled today"
    );
}

#[tokio::test]
async fn a_failing_job_is_retried_later() {
    let (app, _env) = kluis_app::testing::test_app().await;
    app.register_job_handler("test.fail", |_app, _job| async {
        Err(kluis_app::AppError::Conflict("nope".into()))
    });
    let id = app
        .enqueue_job("test.fail", None, serde_json::Value::Null)
        .await
        .unwrap();
    // Only our kind is due (daily jobs are not scheduled without a runner).
    assert!(app.run_one_job("me").await.unwrap());
    assert_eq!(
        app.job_status(&id).await.unwrap().as_deref(),
        Some("queued")
    );
    assert!(
        !app.run_one_job("me").await.unwrap(),
        "backoff: not due again yet"
    );
}
