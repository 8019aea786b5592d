//! The `kluis scan` command through `run()` and the built binary: formats, masking, filters, exit codes.

use crate::*;
use kluis_scan::{EXIT_FAILED_FILES, EXIT_OK, EXIT_USAGE, ScanArgs, run};
use std::process::{Command, ExitCode};

fn args(extra: &[&str]) -> ScanArgs {
    let mut v = vec!["kluis-scan".to_owned()];
    v.extend(extra.iter().map(|s| s.to_string()));
    let mut a = ScanArgs::try_parse_from(v).expect("valid arguments");
    a.worker = Some(worker(&[]));
    a
}

fn out_file(dir: &tempfile::TempDir, name: &str) -> String {
    dir.path().join(name).display().to_string()
}

fn jsonl_values(path: &str) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("read output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("jsonl line"))
        .collect()
}

#[test]
fn jsonl_of_the_dev_corpus_follows_the_contract() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = out_file(&dir, "scan.jsonl");
    let corpus = corpus().display().to_string();
    let code = run(args(&[
        &corpus,
        "--format",
        "jsonl",
        "--no-cache",
        "-o",
        &out,
    ]));
    assert_eq!(code, ExitCode::from(EXIT_OK));
    let docs = jsonl_values(&out);
    assert_eq!(docs.len(), 300);
    for d in &docs {
        for key in [
            "path",
            "class",
            "personal_data",
            "special_categories",
            "findings",
            "status",
            "sha256",
        ] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
        for f in d["findings"].as_array().expect("findings") {
            for key in ["type", "value", "start", "end", "score"] {
                assert!(f.get(key).is_some(), "{key} missing in {f}");
            }
        }
    }
}

/// `needle` occurs in `hay` as a whole (not inside a longer word: a masked address keeps its street name, and a
/// street may contain a first name).
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, m)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + m.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn html_report_masks_values_unless_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus().display().to_string();
    let jsonl = out_file(&dir, "scan.jsonl");
    assert_eq!(
        run(args(&[
            &corpus,
            "--format",
            "jsonl",
            "--no-cache",
            "-o",
            &jsonl
        ])),
        ExitCode::from(EXIT_OK)
    );
    let values: Vec<String> = jsonl_values(&jsonl)
        .iter()
        .flat_map(|d| d["findings"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["value"].as_str().map(str::to_owned))
        .filter(|v| v.chars().count() >= 6)
        .collect();
    assert!(values.len() > 100, "the corpus has personal data");

    let html_path = out_file(&dir, "report.html");
    assert_eq!(
        run(args(&[
            &corpus,
            "--format",
            "html",
            "--no-cache",
            "-o",
            &html_path
        ])),
        ExitCode::from(EXIT_OK)
    );
    let html = std::fs::read_to_string(&html_path).expect("read html");
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("<svg"));
    assert!(
        !html.contains("<script") && !html.contains("http://")
            || html.contains("http://www.w3.org/2000/svg")
    );
    let leaked: Vec<&String> = values.iter().filter(|v| contains_word(&html, v)).collect();
    assert!(
        leaked.is_empty(),
        "unmasked values in the html report: {}",
        leaked.len()
    );

    let shown = out_file(&dir, "shown.html");
    run(args(&[
        &corpus,
        "--format",
        "html",
        "--no-cache",
        "--show-values",
        "-o",
        &shown,
    ]));
    let html = std::fs::read_to_string(&shown).expect("read html");
    assert!(
        values.iter().any(|v| contains_word(&html, v)),
        "--show-values shows values"
    );
}

#[test]
fn csv_has_a_row_per_finding_and_masks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus().join("doc0001.xlsx").display().to_string();
    let out = out_file(&dir, "scan.csv");
    assert_eq!(
        run(args(&[
            &corpus,
            "--format",
            "csv",
            "--no-cache",
            "-o",
            &out
        ])),
        ExitCode::from(EXIT_OK)
    );
    let csv = std::fs::read_to_string(&out).expect("read csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "path,class,personal_data,special_categories,status,reason,type,value,start,end,score,location"
        )
    );
    let rows: Vec<&str> = lines.collect();
    let reports = kluis_scan::scan_document(
        &corpus,
        &std::fs::read(&corpus).expect("read"),
        &ScanOptions::in_process(),
    );
    assert_eq!(rows.len(), reports[0].findings.len().max(1));
    for f in &reports[0].findings {
        assert!(!csv.contains(&f.value), "csv masks values by default");
    }
}

#[test]
fn filters_by_kind_and_type() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = corpus().display().to_string();
    let out = out_file(&dir, "f.jsonl");
    run(args(&[
        &corpus,
        "--format",
        "jsonl",
        "--no-cache",
        "--min-kind",
        "generic",
        "--types",
        "email",
        "-o",
        &out,
    ]));
    let docs = jsonl_values(&out);
    assert!(!docs.is_empty() && docs.len() < 300);
    for d in &docs {
        assert_ne!(d["personal_data"], "none");
        assert!(
            d["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .all(|f| f["type"] == "email")
        );
    }
    assert!(ScanArgs::try_parse_from(["kluis-scan", ".", "--types", "emial"]).is_err());
    assert!(ScanArgs::try_parse_from(["kluis-scan", ".", "--min-kind", "bad"]).is_err());
    assert!(ScanArgs::try_parse_from(["kluis-scan"]).is_err());
}

#[test]
fn bad_paths_give_one_line_each_and_exit_2_while_good_ones_are_scanned() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = corpus().join("doc0000.txt");
    let out = Command::new(bin())
        .args(["/no/such/file.pdf", "/no/such/dir"])
        .arg(&good)
        .args(["--format", "jsonl", "--no-cache"])
        .env("XDG_CACHE_HOME", dir.path())
        .output()
        .expect("run binary");
    assert_eq!(out.status.code(), Some(EXIT_USAGE as i32));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(
        stderr.contains("/no/such/file.pdf: no such file or directory"),
        "{stderr}"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
}

#[test]
fn unreadable_files_exit_1_and_help_documents_exit_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_corpus_files(dir.path(), &["doc0000.txt"]);
    std::fs::write(dir.path().join("broken.docx"), b"PK\x03\x04 not a zip").expect("write");
    std::fs::write(dir.path().join("big.txt"), vec![b'a'; 5000]).expect("write");
    let out = Command::new(bin())
        .arg(dir.path())
        .args(["--max-file-size", "4K", "--cache", &out_file(&dir, "cache")])
        .output()
        .expect("run binary");
    assert_eq!(out.status.code(), Some(EXIT_FAILED_FILES as i32));
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("big.txt") && table.contains("limit_exceeded"),
        "{table}"
    );
    assert!(
        table.contains("broken.docx") && table.contains("corrupt"),
        "{table}"
    );
    assert!(table.contains("3 documents in 3 files"), "{table}");

    let help = Command::new(bin()).arg("--help").output().expect("help");
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        help.contains("Exit codes:") && help.contains("3  --fail-on"),
        "{help}"
    );
}

#[test]
fn fail_on_special_exits_3_only_when_a_document_is_special() {
    let special = corpus().join("doc0040.txt").display().to_string();
    let generic = corpus().join("doc0000.txt").display().to_string();
    let none = corpus().join("doc0034.txt").display().to_string();
    let dir = tempfile::tempdir().expect("tempdir");
    let out = out_file(&dir, "t.txt");
    let code = |paths: &[&str], kind: &str| {
        let mut a: Vec<&str> = paths.to_vec();
        a.extend(["--fail-on", kind, "--no-cache", "-o", &out]);
        run(args(&a))
    };
    assert_eq!(
        code(&[&generic, &special], "special"),
        ExitCode::from(kluis_scan::EXIT_FOUND)
    );
    assert_eq!(code(&[&generic, &none], "special"), ExitCode::from(EXIT_OK));
    assert_eq!(
        code(&[&generic, &none], "generic"),
        ExitCode::from(kluis_scan::EXIT_FOUND)
    );
    assert_eq!(code(&[&none], "generic"), ExitCode::from(EXIT_OK));
}

#[test]
fn the_report_written_into_the_scanned_tree_is_not_scanned() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_corpus_files(dir.path(), &["doc0000.txt", "doc0001.xlsx"]);
    let out = out_file(&dir, "report.jsonl");
    let tree = dir.path().display().to_string();
    assert_eq!(
        run(args(&[
            &tree,
            "--format",
            "jsonl",
            "--no-cache",
            "-j",
            "1",
            "-o",
            &out
        ])),
        ExitCode::from(EXIT_OK)
    );
    let docs = jsonl_values(&out);
    assert_eq!(docs.len(), 2, "{docs:?}");
    assert!(docs.iter().all(|d| {
        !d["path"]
            .as_str()
            .unwrap_or_default()
            .ends_with("report.jsonl")
    }));
}

#[test]
fn legacy_office_files_are_read_and_their_findings_reported() {
    // The LibreOffice-made fixtures of kluis-extract; the .ppt is kept zipped there.
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../kluis-extract/tests/fixtures/legacy");
    let dir = tempfile::tempdir().expect("tempdir");
    for f in [
        "dossier.doc",
        "dossier.xls",
        "encrypted.doc",
        "encrypted.xls",
        "far.xls",
    ] {
        std::fs::copy(fixtures.join(f), dir.path().join(f)).expect("copy fixture");
    }
    let zipped = std::fs::File::open(fixtures.join("dossier.ppt.zip")).expect("open");
    let mut ar = zip::ZipArchive::new(zipped).expect("zip");
    let mut ppt = ar.by_name("dossier.ppt").expect("member");
    // Named without extension: the format comes from the content.
    let mut out = std::fs::File::create(dir.path().join("presentatie")).expect("create");
    std::io::copy(&mut ppt, &mut out).expect("unzip");
    drop(out);

    let report = out_file(&dir, "scan.jsonl");
    let scanned = dir.path().display().to_string();
    let code = run(args(&[
        &scanned,
        "--format",
        "jsonl",
        "--no-cache",
        "-o",
        &report,
    ]));
    // The encrypted files could not be read: a failure, exit code 1.
    assert_eq!(code, ExitCode::from(EXIT_FAILED_FILES));
    let docs = jsonl_values(&report);
    let doc = |name: &str| {
        docs.iter()
            .find(|d| d["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("no report for {name}"))
    };
    for (name, format) in [
        ("dossier.doc", "doc"),
        ("dossier.xls", "xls"),
        ("presentatie", "ppt"),
    ] {
        let d = doc(name);
        assert_eq!(d["status"], "ok", "{name}: {d}");
        assert_eq!(d["format"], format, "{name}");
        let types: Vec<&str> = d["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter_map(|f| f["type"].as_str())
            .collect();
        for want in ["bsn", "iban"] {
            assert!(types.contains(&want), "{name}: no {want} in {types:?}");
        }
    }
    for name in ["encrypted.doc", "encrypted.xls"] {
        let d = doc(name);
        assert_eq!(d["status"], "encrypted", "{name}: {d}");
        assert!(d["findings"].as_array().is_none_or(|f| f.is_empty()));
    }
    // 5 KB that a dense sheet reader would expand to 16.7 million cells: refused with its reason, not a crash.
    let far = doc("far.xls");
    assert_eq!(far["status"], "limit_exceeded", "{far}");
    assert!(
        far["reason"]
            .as_str()
            .is_some_and(|r| r.contains("worksheet")),
        "{far}"
    );
}
