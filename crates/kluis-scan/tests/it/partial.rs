//! Documents read only in part (nesting, budgets) are never reported `ok`; findings carry structured locations.

use crate::*;
use kluis_scan::{Location, PartialReason, ScanArgs, ScanStatus, run, scan_document};
use std::io::Write;
use std::process::Command;

fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("member");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// A BSN at the bottom of a ZIP nested 50 deep.
fn deep_zip() -> Vec<u8> {
    let mut z = b"BSN van Eva Smit: 111222333".to_vec();
    let mut name = "bodem.txt".to_owned();
    for i in (1..=50).rev() {
        z = zip_with(&[(&name, &z)]);
        name = format!("laag{i}.zip");
    }
    z
}

#[test]
fn zip_nested_50_deep_is_partial_not_ok() {
    let reports = scan_document("diep.zip", &deep_zip(), &ScanOptions::in_process());
    let root = reports
        .iter()
        .find(|r| r.path == "diep.zip")
        .expect("the archive has a report of its own");
    assert_eq!(root.status, ScanStatus::Partial, "{:?}", root.reason);
    assert_eq!(root.partial, vec![PartialReason::DepthLimit]);
    assert!(root.reason.as_deref().is_some_and(|r| r.contains("nested")));
    assert!(root.sha256.is_some());
    assert!(
        reports.iter().all(|r| r.status != ScanStatus::Ok),
        "{reports:?}"
    );
    assert!(reports.iter().all(|r| r.findings.is_empty()));
    let deepest = reports.last().expect("reports");
    assert_eq!(deepest.status, ScanStatus::LimitExceeded);
    assert_eq!(deepest.partial, vec![PartialReason::DepthLimit]);
}

#[test]
fn zip_bomb_over_the_budget_is_partial_with_decompression_budget() {
    // Each member fits the size limit (64 MB); together they inflate past the 256 MB budget. Control bytes: not
    // text, so the text limit does not stop it first.
    let inner = zip_with(&[("enen.bin", &vec![1u8; 40 << 20])]);
    let names: Vec<String> = (1..=7).map(|i| format!("nullen{i}.zip")).collect();
    let mut entries: Vec<(&str, &[u8])> = vec![("a.txt", b"Jan de Vries")];
    entries.extend(names.iter().map(|n| (n.as_str(), inner.as_slice())));
    let bomb = zip_with(&entries);
    let reports = scan_document("bom.zip", &bomb, &ScanOptions::in_process());
    let root = reports.iter().find(|r| r.path == "bom.zip").expect("root");
    assert_ne!(root.status, ScanStatus::Ok);
    assert_eq!(root.partial, vec![PartialReason::DecompressionBudget]);
    let member = reports
        .iter()
        .find(|r| r.path == "bom.zip!/a.txt")
        .expect("the member read before the budget ran out");
    assert_eq!(member.status, ScanStatus::Ok);
    assert!(member.partial.is_empty());
}

#[test]
fn an_archive_read_in_full_needs_no_report_of_its_own() {
    let z = zip_with(&[("a.txt", b"Jan de Vries")]);
    let reports = scan_document("map.zip", &z, &ScanOptions::in_process());
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].path, "map.zip!/a.txt");
    assert_eq!(reports[0].status, ScanStatus::Ok);
}

#[test]
fn findings_in_a_csv_have_row_and_column() {
    let csv = b"naam,bsn\nEva Smit,111222333\n";
    let reports = scan_document("klanten.csv", csv, &ScanOptions::in_process());
    let bsn = reports[0]
        .findings
        .iter()
        .find(|f| f.value == "111222333")
        .expect("bsn found");
    assert_eq!(
        bsn.location,
        Some(Location::Cell {
            sheet: None,
            row: 2,
            col: 2
        })
    );
    let json = serde_json::to_value(bsn).expect("json");
    assert_eq!(
        json["location"],
        serde_json::json!({"cell": {"row": 2, "col": 2}})
    );
}

/// The command's outputs all say `partial`, and a partial scan is a failed file (exit 1).
#[test]
fn scan_outputs_show_partial() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    std::fs::create_dir(&docs).expect("mkdir");
    std::fs::write(docs.join("diep.zip"), deep_zip()).expect("write");
    let table = Command::new(bin())
        .arg(&docs)
        .arg("--no-cache")
        .output()
        .expect("run binary");
    assert_eq!(
        table.status.code(),
        Some(kluis_scan::EXIT_FAILED_FILES as i32)
    );
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table
            .lines()
            .any(|l| l.contains("diep.zip ") && l.contains("[partial")),
        "{table}"
    );
    for (format, file) in [
        ("jsonl", "out.jsonl"),
        ("csv", "out.csv"),
        ("html", "out.html"),
    ] {
        let out = dir.path().join(file).display().to_string();
        let mut v = vec!["kluis-scan".to_owned(), docs.display().to_string()];
        v.extend(["--format", format, "--no-cache", "-o", &out].map(str::to_owned));
        let mut a = ScanArgs::try_parse_from(v).expect("valid arguments");
        a.worker = Some(worker(&[]));
        let _ = run(a);
        let text = std::fs::read_to_string(&out).expect("output");
        assert!(text.contains("partial"), "{format}: {text}");
        if format == "jsonl" {
            let root = text
                .lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("json"))
                .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with("diep.zip")))
                .expect("root line");
            assert_eq!(root["status"], "partial", "{root}");
            assert_eq!(
                root["partial"],
                serde_json::json!(["depth_limit"]),
                "{root}"
            );
        }
    }
}
