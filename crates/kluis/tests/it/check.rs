//! `kluis check`: the compliance report as a table or JSON, with the documented exit codes (0 nothing at or
//! above --fail-on, 1 something is, 2 usage or runtime error).

use crate::support::{Install, describe};

#[test]
fn check_reports_findings_as_table_and_json_with_exit_codes() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");

    // An empty organisation still has findings (no privacy statement: high; no review: medium), so the
    // default level (high) fails and critical passes.
    let out = install.run(&["check", "--org", "acme"], "");
    assert_eq!(out.status.code(), Some(1), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Compliance score: "), "{stdout}");
    assert!(
        stdout.contains("SEVERITY") && stdout.contains("ARTICLE"),
        "{stdout}"
    );
    assert!(
        stdout.contains("No privacy statement has been published."),
        "{stdout}"
    );
    assert!(stdout.contains("/o/acme/statement"), "fix path: {stdout}");
    let ok = install.run(&["check", "--org", "acme", "--fail-on", "critical"], "");
    assert_eq!(ok.status.code(), Some(0), "{}", describe(&ok));

    // A document with a BSN: held, covered by no activity.
    let src = install.root().join("dossier.txt");
    std::fs::write(
        &src,
        "Personeelsdossier\nNaam: Jan Jansen\nBSN: 111222333\n",
    )
    .unwrap();
    install.ok(&["import-docs", src.to_str().unwrap(), "--org", "acme"], "");
    let json = install.run(
        &[
            "check",
            "--org",
            "acme",
            "--format",
            "json",
            "--fail-on",
            "low",
            "--lang",
            "nl",
        ],
        "",
    );
    assert_eq!(json.status.code(), Some(1), "{}", describe(&json));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout)
        .unwrap_or_else(|e| panic!("JSON: {e}: {}", describe(&json)));
    assert_eq!(doc["organisation"], "acme");
    let score = doc["score"].as_u64().expect("score");
    assert!(score < 100);
    let findings = doc["findings"].as_array().cloned().unwrap_or_default();
    let nc = findings
        .iter()
        .find(|f| f["rule"] == "inventory.not_covered")
        .unwrap_or_else(|| panic!("not-covered finding in {findings:?}"));
    assert_eq!(nc["severity"], "high");
    assert_eq!(nc["fix_path"], "/o/acme/inventory");
    assert!(
        nc["message"]
            .as_str()
            .unwrap_or_default()
            .contains("is gevonden in één document"),
        "Dutch message: {nc}"
    );
    assert_eq!(doc["counts"]["high"].as_u64().map(|n| n >= 2), Some(true));
    assert!(
        !String::from_utf8_lossy(&json.stdout).contains("111222333"),
        "no values in the report"
    );

    // Errors exit 2: an unknown organisation, a bad option.
    let unknown = install.run(&["check", "--org", "nope"], "");
    assert_eq!(unknown.status.code(), Some(2), "{}", describe(&unknown));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no organisation"));
    let usage = install.run(&["check", "--org", "acme", "--fail-on", "sometimes"], "");
    assert_eq!(usage.status.code(), Some(2), "{}", describe(&usage));
}

#[test]
fn check_help_documents_the_exit_codes() {
    let install = Install::new();
    let out = install.run(&["check", "--help"], "");
    assert!(out.status.success(), "{}", describe(&out));
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(
        help.contains("Exit status: 0 when no finding is at or above --fail-on"),
        "{help}"
    );
    assert!(
        help.contains("2 on") && help.contains("usage or runtime error"),
        "{help}"
    );
}
