//! Two `kluis serve` instances on one database share the job queue: every job runs exactly once.
//!
//! The jobs are the built-in `audit.verify` kind: each run appends one `audit.verify.ok` event to every
//! organisation's chain, so the chain length counts executions and `attempts` shows how often each was claimed.

use crate::support::Install;
use kluis_store::{JobStatus, NewJob, now_ms};
use std::time::{Duration, Instant};

const JOBS: usize = 30;

/// Events in the chain of `org`, from `kluis audit verify` (which itself then appends one more).
fn chain_length(install: &Install, org: &str) -> u64 {
    let out = install.ok(&["audit", "verify"], "");
    let line = out
        .lines()
        .find(|l| l.starts_with(&format!("{org}: ")))
        .unwrap_or_else(|| panic!("no line for {org}: {out}"));
    let start = line.find('(').expect("event count") + 1;
    line[start..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("count in {line}"))
}

#[test]
fn two_instances_run_each_job_exactly_once() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme B.V.", "--init"], "");
    let before = chain_length(&install, "acme") + 1; // the verification just recorded itself

    let first = install.serve();
    let second = install.serve();
    assert_ne!(first.url, second.url);

    let store = install.store();
    let ids: Vec<String> = (0..JOBS)
        .map(|i| {
            let id = format!("test-job-{i:03}-{}", now_ms());
            let now = now_ms();
            let job = NewJob {
                id: id.clone(),
                org_id: None,
                kind: "audit.verify".into(),
                payload: "{}".into(),
                run_at: now,
                max_attempts: 1,
                unique_key: None,
                now,
            };
            assert!(store.run(|s| s.enqueue_job(&job)).expect("enqueue"));
            id
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let jobs = store.run(|s| s.jobs_of_kind("audit.verify")).expect("jobs");
        let pending = jobs
            .iter()
            .filter(|j| matches!(j.status, JobStatus::Queued | JobStatus::Running))
            .count();
        if pending == 0 && ids.iter().all(|id| jobs.iter().any(|j| &j.id == id)) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{pending} job(s) still pending after 90 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    drop(first);
    drop(second);

    let jobs = store.run(|s| s.jobs_of_kind("audit.verify")).expect("jobs");
    drop(store);
    for job in jobs.iter().filter(|j| ids.contains(&j.id)) {
        assert_eq!(
            job.status,
            JobStatus::Done,
            "job {} ended {:?}: {:?}",
            job.id,
            job.status,
            job.last_error
        );
        assert_eq!(
            job.attempts, 1,
            "job {} was claimed {} times",
            job.id, job.attempts
        );
    }
    // Every finished audit.verify job (ours plus the daily one the instances schedule) appended exactly one event.
    let done = jobs.iter().filter(|j| j.status == JobStatus::Done).count() as u64;
    let after = chain_length(&install, "acme");
    assert_eq!(
        after - before,
        done,
        "{done} jobs finished but {} executions were recorded",
        after - before
    );
}
