//! Worker isolation: a crashing, hanging or missing worker costs one report, never the run.

use crate::*;
use kluis_scan::{ENV_CRASH_ON, ENV_HANG_ON, ScanStatus};

fn three_files() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("a.txt"), "Mail naar jan@example.nl graag.").expect("write");
    std::fs::write(dir.path().join("boom-hang.txt"), "Niets bijzonders.").expect("write");
    std::fs::write(dir.path().join("c.txt"), "Contact: piet@example.org").expect("write");
    dir
}

#[test]
fn a_crashing_worker_costs_one_report_and_is_replaced() {
    let dir = three_files();
    let mut opts = isolated(&[(ENV_CRASH_ON, "boom")]);
    opts.jobs = 1;
    let (reports, stats) = scan_all(&[dir.path().to_path_buf()], &opts, None);
    assert_eq!(reports.len(), 3);
    let boom = by_name(&reports, "boom-hang.txt");
    assert_eq!(boom.status, ScanStatus::Crashed);
    let why = boom.reason.as_deref().unwrap_or_default();
    assert!(why.contains("abort"), "{why}");
    assert_eq!(by_name(&reports, "a.txt").status, ScanStatus::Ok);
    assert_eq!(by_name(&reports, "c.txt").status, ScanStatus::Ok);
    // One worker for a.txt and the crash, a fresh one for c.txt.
    assert_eq!(stats.workers_started, 2);
}

#[test]
fn a_hanging_worker_is_killed_at_the_timeout() {
    let dir = three_files();
    let mut opts = isolated(&[(ENV_HANG_ON, "hang")]);
    opts.jobs = 1;
    opts.timeout = SHORT;
    let started = std::time::Instant::now();
    let (reports, _) = scan_all(&[dir.path().to_path_buf()], &opts, None);
    assert!(
        started.elapsed() < SHORT * 5,
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(
        by_name(&reports, "boom-hang.txt").status,
        ScanStatus::Timeout
    );
    assert_eq!(by_name(&reports, "a.txt").status, ScanStatus::Ok);
    assert_eq!(by_name(&reports, "c.txt").status, ScanStatus::Ok);
}

#[test]
fn a_worker_that_cannot_start_or_dies_at_once_fails_each_file_but_not_the_run() {
    let dir = three_files();
    for program in ["/nonexistent/worker", "/bin/false"] {
        let mut opts = isolated(&[]);
        opts.isolation = kluis_scan::Isolation::Workers(kluis_scan::WorkerConfig {
            program: program.into(),
            args: vec![],
            ..worker(&[])
        });
        let (reports, stats) = scan_all(&[dir.path().to_path_buf()], &opts, None);
        assert_eq!(stats.files, 3, "{program}");
        assert!(
            reports.iter().all(|r| r.status == ScanStatus::Crashed),
            "{program}: {reports:?}"
        );
        assert!(reports.iter().all(|r| r.reason.is_some()));
    }
}

#[test]
fn the_worker_runs_under_a_memory_limit() {
    // 40 MB of text in a worker limited to 32 MB of address space: the file cannot be loaded and is reported,
    // the run goes on. Without the limit it is just read.
    let dir = three_files();
    std::fs::write(dir.path().join("big.txt"), vec![b'x'; 40 << 20]).expect("write");
    let mut cfg = worker(&[]);
    cfg.memory_limit = 32 << 20;
    let mut opts = isolated(&[]);
    opts.jobs = 1;
    opts.isolation = kluis_scan::Isolation::Workers(cfg);
    let (reports, stats) = scan_all(&[dir.path().to_path_buf()], &opts, None);
    assert_eq!(stats.files, 4);
    let big = by_name(&reports, "big.txt");
    assert_eq!(big.status, ScanStatus::LimitExceeded, "{:?}", big.reason);
    assert!(
        big.reason.as_deref().is_some_and(|r| r.contains("memory")),
        "{:?}",
        big.reason
    );
    assert_eq!(by_name(&reports, "c.txt").status, ScanStatus::Ok);

    let (reports, _) = scan_all(&[dir.path().join("big.txt")], &isolated(&[]), None);
    assert!(
        !reports[0]
            .reason
            .as_deref()
            .is_some_and(|r| r.contains("memory")),
        "{:?}",
        reports[0].reason
    );
}

#[test]
fn worker_scanner_scans_uploads_and_survives_a_crash() {
    let mut scanner = kluis_scan::WorkerScanner::new(isolated(&[(ENV_CRASH_ON, "boom")]));
    let bytes = std::fs::read(corpus().join("doc0004.docx")).expect("read");
    let first = scanner.scan("upload.docx", &bytes);
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].status, ScanStatus::Ok);
    assert_eq!(first[0].path, "upload.docx");
    let expected = kluis_scan::scan_document(
        "upload.docx",
        &bytes,
        &kluis_scan::ScanOptions::in_process(),
    );
    assert_eq!(first, expected);
    assert_eq!(
        scanner.scan("boom.txt", b"x")[0].status,
        ScanStatus::Crashed
    );
    assert_eq!(scanner.scan("again.docx", &bytes)[0].status, ScanStatus::Ok);
}

#[test]
fn stray_output_of_a_parser_on_stdout_does_not_break_the_protocol() {
    let dir = three_files();
    let mut opts = isolated(&[(kluis_scan::ENV_NOISE_ON, "txt")]);
    opts.jobs = 1;
    let (reports, stats) = scan_all(&[dir.path().to_path_buf()], &opts, None);
    assert_eq!(reports.len(), 3);
    assert!(
        reports.iter().all(|r| r.status == ScanStatus::Ok),
        "{reports:?}"
    );
    assert_eq!(by_name(&reports, "a.txt").findings.len(), 1);
    assert_eq!(stats.workers_started, 1);
}
