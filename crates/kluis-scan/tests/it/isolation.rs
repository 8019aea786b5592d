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

/// A real crash, no hook: a PDF whose only page draws a form XObject that draws itself. pdf-extract follows `Do`
/// into the form without a depth limit, so it recurses until the worker's stack overflows and Rust aborts.
fn self_drawing_pdf() -> Vec<u8> {
    fn stream(dict: &str, data: &str) -> String {
        format!(
            "<< {dict} /Length {} >>\nstream\n{data}\nendstream",
            data.len()
        )
    }
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << /X 5 0 R >> >> \
         /Contents 4 0 R >>"
            .to_owned(),
        stream("", "/X Do"),
        stream(
            "/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Resources << /XObject << /X 5 0 R >> >>",
            "/X Do",
        ),
    ];
    let mut pdf = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
    }
    let xref = pdf.len();
    pdf.push_str(&format!(
        "xref\n0 {}\n0000000000 65535 f \n",
        objects.len() + 1
    ));
    for o in offsets {
        pdf.push_str(&format!("{o:010} 00000 n \n"));
    }
    pdf.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    pdf.into_bytes()
}

#[test]
fn a_pdf_that_overflows_the_parsers_stack_costs_one_report_and_the_run_goes_on() {
    let dir = three_files();
    std::fs::write(dir.path().join("b-recursive.pdf"), self_drawing_pdf()).expect("write");
    let mut opts = isolated(&[]);
    opts.jobs = 1;
    let (reports, stats) = scan_all(&[dir.path().to_path_buf()], &opts, None);
    assert_eq!(reports.len(), 4);
    let pdf = by_name(&reports, "b-recursive.pdf");
    assert_eq!(pdf.status, ScanStatus::Crashed, "{:?}", pdf.reason);
    let why = pdf.reason.as_deref().unwrap_or_default();
    assert!(why.contains("stack overflow"), "{why}");
    for good in ["a.txt", "boom-hang.txt", "c.txt"] {
        assert_eq!(by_name(&reports, good).status, ScanStatus::Ok, "{good}");
    }
    assert_eq!(by_name(&reports, "c.txt").findings.len(), 1);
    // The worker that crashed was replaced for the files after it.
    assert_eq!(stats.workers_started, 2);

    // The server's entry point survives it the same way.
    let mut scanner = kluis_scan::WorkerScanner::new(isolated(&[]));
    let r = scanner.scan("upload.pdf", &self_drawing_pdf());
    assert_eq!(r[0].status, ScanStatus::Crashed);
    let r = scanner.scan("next.txt", b"Mail naar jan@example.nl graag.");
    assert_eq!(r[0].status, ScanStatus::Ok);
    assert_eq!(r[0].findings.len(), 1);
}

/// Whether a process is still running (a zombie waiting for a reaper counts as gone).
#[cfg(target_os = "linux")]
fn running(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| !rest.starts_with('Z')),
        Err(_) => false,
    }
}

#[test]
#[cfg(target_os = "linux")]
fn a_timed_out_worker_takes_its_ocr_child_with_it() {
    use std::os::unix::fs::PermissionsExt;
    // A stand-in `tesseract` that starts a long-running child of its own and waits for it. At the extractor's
    // deadline the worker kills the script, but the grandchild keeps the output pipe open, so the worker hangs
    // until the parent's timeout. Killing only the worker would leave `sleep` running for minutes.
    let bin = tempfile::tempdir().expect("tempdir");
    let pids = bin.path().join("pids");
    let fake = bin.path().join("tesseract");
    std::fs::write(
        &fake,
        "#!/bin/sh\necho $$ >> \"$KLUIS_TEST_PIDS\"\nsleep 300 &\necho $! >> \"$KLUIS_TEST_PIDS\"\nwait\n",
    )
    .expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let path = format!("{}:/usr/bin:/bin", bin.path().display());
    let pids_env = pids.display().to_string();

    let dir = three_files();
    std::fs::write(
        dir.path().join("b-scan.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR not really an image",
    )
    .expect("write");
    let mut opts = isolated(&[
        ("PATH", path.as_str()),
        ("KLUIS_TEST_PIDS", pids_env.as_str()),
    ]);
    opts.jobs = 1;
    opts.ocr = true;
    opts.timeout = SHORT;
    let (reports, _) = scan_all(&[dir.path().to_path_buf()], &opts, None);
    let png = by_name(&reports, "b-scan.png");
    assert_eq!(png.status, ScanStatus::Timeout, "{:?}", png.reason);
    assert_eq!(by_name(&reports, "c.txt").status, ScanStatus::Ok);

    let started: Vec<u32> = std::fs::read_to_string(&pids)
        .expect("the stand-in tesseract ran")
        .lines()
        .filter_map(|l| l.trim().parse().ok())
        .collect();
    assert_eq!(started.len(), 2, "{started:?}");
    // SIGKILL is delivered at once, but give the kernel a moment to tear the processes down.
    let deadline = std::time::Instant::now() + Duration::from_secs(5);
    while started.iter().any(|&p| running(p)) && std::time::Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    let alive: Vec<u32> = started.into_iter().filter(|&p| running(p)).collect();
    assert!(
        alive.is_empty(),
        "OCR processes outlived their worker: {alive:?}"
    );
}
