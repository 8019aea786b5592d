//! The library pipeline: corpus, bad files among good ones, containers, cache, the in-process document API.

use crate::*;
use kluis_scan::{Cache, ScanStatus, scan_document};
use std::io::Write;

#[test]
fn dev_corpus_gives_300_reports_in_workers() {
    let (reports, stats) = scan_all(&[corpus()], &isolated(&[]), None);
    assert_eq!(reports.len(), 300);
    assert_eq!(stats.files, 300);
    assert_eq!(stats.documents, 300);
    assert!(
        stats.workers_started >= 1 && stats.workers_started <= 2,
        "{stats:?}"
    );
    for r in &reports {
        assert!(
            r.sha256.as_ref().is_some_and(|s| s.len() == 64),
            "{}",
            r.path
        );
        assert!(r.bytes.is_some_and(|b| b > 0), "{}", r.path);
        assert!(
            !matches!(
                r.status,
                ScanStatus::Crashed | ScanStatus::Timeout | ScanStatus::Unreadable
            ),
            "{}: {:?} {:?}",
            r.path,
            r.status,
            r.reason
        );
    }
    // Isolated and in-process scans agree.
    let (inproc, _) = scan_all(
        &[corpus()],
        &ScanOptions {
            jobs: 2,
            ..ScanOptions::in_process()
        },
        None,
    );
    assert_eq!(inproc, reports);
}

fn zip_bomb(path: &std::path::Path) {
    let f = std::fs::File::create(path).expect("create bomb");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    z.start_file("zeros.txt", opts).expect("member");
    let chunk = vec![b'0'; 1 << 20];
    for _ in 0..300 {
        z.write_all(&chunk).expect("write");
    }
    z.finish().expect("finish");
}

#[test]
fn corrupt_files_and_a_zip_bomb_are_reported_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_corpus_files(
        dir.path(),
        &["doc0000.txt", "doc0001.xlsx", "doc0004.docx", "doc0007.eml"],
    );
    std::fs::write(
        dir.path().join("broken.docx"),
        b"PK\x03\x04 this is not really a zip",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("broken.pdf"),
        b"%PDF-1.7\n1 0 obj << /Pages 2 0 R >>\ntrailer",
    )
    .expect("write");
    let mut garbage = vec![0u8; 4096];
    for (i, b) in garbage.iter_mut().enumerate() {
        *b = (i * 7919 % 251) as u8;
    }
    std::fs::write(dir.path().join("noise.xlsx"), &garbage).expect("write");
    zip_bomb(&dir.path().join("bomb.zip"));
    assert!(
        std::fs::metadata(dir.path().join("bomb.zip"))
            .expect("bomb")
            .len()
            < 2 << 20
    );

    let (reports, stats) = scan_all(&[dir.path().to_path_buf()], &isolated(&[]), None);
    assert_eq!(stats.files, 8);
    for good in ["doc0000.txt", "doc0001.xlsx", "doc0004.docx", "doc0007.eml"] {
        let r = by_name(&reports, good);
        assert_eq!(r.status, ScanStatus::Ok, "{good}: {:?}", r.reason);
    }
    for bad in ["broken.docx", "broken.pdf", "noise.xlsx"] {
        let r = by_name(&reports, bad);
        assert!(
            matches!(r.status, ScanStatus::Corrupt | ScanStatus::Unsupported),
            "{bad}: {:?} {:?}",
            r.status,
            r.reason
        );
        assert!(r.reason.is_some());
    }
    let bomb: Vec<_> = reports
        .iter()
        .filter(|r| r.path.contains("bomb.zip"))
        .collect();
    assert!(
        bomb.iter().any(|r| r.status == ScanStatus::LimitExceeded),
        "{:?}",
        bomb.iter()
            .map(|r| (&r.path, r.status, &r.reason))
            .collect::<Vec<_>>()
    );
}

#[test]
fn container_members_are_separate_documents_with_bang_paths() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("archive.zip");
    let f = std::fs::File::create(&path).expect("create");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default();
    for name in ["doc0000.txt", "doc0004.docx"] {
        z.start_file(format!("sub/{name}"), opts).expect("member");
        z.write_all(&std::fs::read(corpus().join(name)).expect("read"))
            .expect("write");
    }
    z.finish().expect("finish");

    let (reports, stats) = scan_all(std::slice::from_ref(&path), &isolated(&[]), None);
    assert_eq!(stats.files, 1);
    let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
    let base = path.display().to_string();
    assert_eq!(
        paths,
        vec![
            format!("{base}!/sub/doc0000.txt"),
            format!("{base}!/sub/doc0004.docx")
        ]
    );
    // The members' findings are the same as for the loose files.
    let loose = scan_document(
        "doc0000.txt",
        &std::fs::read(corpus().join("doc0000.txt")).expect("read"),
        &ScanOptions::in_process(),
    );
    assert_eq!(reports[0].findings, loose[0].findings);
    assert_eq!(reports[0].class, loose[0].class);
}

#[test]
fn rescan_is_served_from_the_cache_without_extraction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cache = Cache::open(dir.path().join("cache"), "test-rules-1").expect("cache");
    let (first, s1) = scan_all(&[corpus()], &isolated(&[]), Some(&cache));
    assert_eq!(s1.cache_hits, 0);
    assert_eq!(s1.extracted, 300);

    // A worker that cannot even start: any extraction would fail, so equal results prove none happened.
    let mut opts = isolated(&[]);
    opts.isolation = kluis_scan::Isolation::Workers(WorkerConfig {
        program: "/nonexistent/kluis-worker".into(),
        ..worker(&[])
    });
    let (second, s2) = scan_all(&[corpus()], &opts, Some(&cache));
    assert_eq!(s2.cache_hits, 300);
    assert_eq!(s2.extracted, 0);
    assert_eq!(s2.workers_started, 0);
    assert_eq!(first, second);

    // Other rules: nothing is reused.
    let other = Cache::open(dir.path().join("cache"), "test-rules-2").expect("cache");
    let (_, s3) = scan_all(&[corpus()], &isolated(&[]), Some(&other));
    assert_eq!(s3.cache_hits, 0);
}

#[test]
fn scan_document_joins_segments_and_keeps_locations() {
    let name = "doc0001.xlsx";
    let bytes = std::fs::read(corpus().join(name)).expect("read");
    let reports = scan_document(name, &bytes, &ScanOptions::in_process());
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert_eq!(r.path, name);
    assert_eq!(r.bytes, Some(bytes.len() as u64));
    assert!(!r.findings.is_empty());
    assert!(r.findings.iter().all(|f| {
        matches!(
            &f.location,
            Some(kluis_scan::Location::Cell { sheet: Some(_), row, col }) if *row > 0 && *col > 0
        )
    }));
    assert!(r.findings.iter().all(|f| f.start < f.end));
}

#[test]
fn jsonl_snapshot_of_two_documents() {
    let mut lines = String::new();
    for name in ["doc0000.txt", "doc0007.eml"] {
        let bytes = std::fs::read(corpus().join(name)).expect("read");
        for r in scan_document(name, &bytes, &ScanOptions::in_process()) {
            lines.push_str(&serde_json::to_string(&r).expect("json"));
            lines.push('\n');
        }
    }
    insta::assert_snapshot!(lines);
}

#[test]
fn garbage_never_panics_in_process() {
    let opts = ScanOptions::in_process();
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    for (i, ext) in [
        "pdf", "docx", "xlsx", "odt", "eml", "html", "zip", "txt", "mbox", "msg",
    ]
    .iter()
    .enumerate()
    {
        for len in [0usize, 1, 7, 100, 5000] {
            let mut bytes = Vec::with_capacity(len);
            for _ in 0..len {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                bytes.push(seed as u8);
            }
            if i % 2 == 0 && len > 4 {
                bytes[..2].copy_from_slice(b"PK");
            }
            let r = scan_document(&format!("f{len}.{ext}"), &bytes, &opts);
            assert!(!r.is_empty());
        }
    }
}

#[test]
fn huge_texts_are_analysed_in_pieces_with_true_offsets_and_a_findings_cap() {
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 6 << 20 {
        text.push_str(&format!(
            "Klant {i}: stuur de factuur naar klant{i}@voorbeeld.nl en bel niet.\n"
        ));
        i += 1;
    }
    let mut opts = ScanOptions::in_process();
    opts.max_findings = 0;
    let all = scan_document("lijst.txt", text.as_bytes(), &opts);
    let emails: Vec<_> = all[0]
        .findings
        .iter()
        .filter(|f| f.entity == kluis_domain::EntityType::Email)
        .collect();
    assert_eq!(
        emails.len(),
        i,
        "every address found, across piece boundaries"
    );
    for f in all[0].findings.iter().step_by(997) {
        assert_eq!(&text[f.start..f.end], f.value);
    }
    assert_eq!(all[0].findings_total, None);

    opts.max_findings = 100;
    let capped = scan_document("lijst.txt", text.as_bytes(), &opts);
    assert_eq!(capped[0].findings.len(), 100);
    assert_eq!(capped[0].findings_total, Some(all[0].findings.len() as u64));
    assert_eq!(capped[0].findings[..], all[0].findings[..100]);
}
