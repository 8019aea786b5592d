//! `kluis register export`: refuses what it cannot export with a clear message and writes nothing then.

use crate::support::{Install, describe};

#[test]
fn register_export_refuses_an_empty_register_bad_formats_and_unknown_organisations() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");
    let out_file = install.root().join("register.pdf");
    let out = install.run(
        &[
            "register",
            "export",
            "--org",
            "acme",
            "--format",
            "pdf",
            "--output",
            out_file.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert!(!out.status.success(), "{}", describe(&out));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("no active or ended processing activities"),
        "{stderr}"
    );
    assert!(!out_file.exists(), "nothing written for an empty register");

    let bad = install.run(
        &[
            "register", "export", "--org", "acme", "--format", "docx", "--output", "x.docx",
        ],
        "",
    );
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("unknown format 'docx'"),
        "{}",
        describe(&bad)
    );
    let nobody = install.run(
        &[
            "register", "export", "--org", "nobody", "--format", "csv", "--output", "x.csv",
        ],
        "",
    );
    assert!(
        String::from_utf8_lossy(&nobody.stderr).contains("no organisation with the slug 'nobody'"),
        "{}",
        describe(&nobody)
    );
    let help = install.ok(&["register", "export", "--help"], "");
    assert!(
        help.contains("dpv-jsonld") && help.contains("fideslang"),
        "{help}"
    );
}

#[test]
fn demo_fills_an_empty_organisation_once_and_its_register_exports() {
    let install = Install::new();
    install.ok(
        &["org", "add", "bakkerij", "--name", "Bakkerij", "--init"],
        "",
    );
    let out = install.ok(&["demo", "--org", "bakkerij"], "");
    assert!(out.contains("8 activities"), "{out}");
    assert!(out.contains("3 processors"), "{out}");
    assert!(out.contains("250 relations"), "{out}");
    // Newsletter sign-ups of one customer in five, a quarter of them withdrawn later.
    assert!(out.contains("62 consent records"), "{out}");
    // The matcher links the order and the payslip to the customer and the employee they name.
    let links: usize = out
        .split(" links to their documents")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(links >= 2, "{out}");
    assert!(out.contains("1 open access request"), "{out}");
    // A lost laptop with every customer linked: its notification to the AP from the command line.
    let people: usize = out
        .split(" people,")
        .next()
        .and_then(|s| s.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(out.contains("1 breach affecting") && people >= 100, "{out}");
    assert!(
        out.contains("1 activity screened for a DPIA and 1 DPIA started"),
        "{out}"
    );
    let pdf = install.root().join("melding.pdf");
    install.ok(
        &[
            "breach",
            "export",
            "--org",
            "bakkerij",
            "--id",
            "1",
            "--format",
            "pdf",
            "--output",
            pdf.to_str().unwrap(),
        ],
        "",
    );
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let json = install.root().join("melding.json");
    install.ok(
        &[
            "breach",
            "export",
            "--org",
            "bakkerij",
            "--id",
            "1",
            "--format",
            "json",
            "--lang",
            "en",
            "--output",
            json.to_str().unwrap(),
        ],
        "",
    );
    let form: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&json).expect("json")).expect("json");
    assert_eq!(form["authority"], "nl");
    assert!(
        form.to_string().contains(&people.to_string()),
        "the linked people are counted in the form"
    );
    let missing = install.run(
        &[
            "breach",
            "export",
            "--org",
            "bakkerij",
            "--id",
            "99",
            "--format",
            "pdf",
            "--output",
            "/tmp/none.pdf",
        ],
        "",
    );
    assert!(!missing.status.success());
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("no breach '99'"),
        "{}",
        describe(&missing)
    );
    let again = install.run(&["demo", "--org", "bakkerij"], "");
    assert!(!again.status.success(), "{}", describe(&again));
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("already has a register"),
        "{}",
        describe(&again)
    );
    for format in [
        "pdf",
        "xlsx",
        "csv",
        "json",
        "dpv-ttl",
        "dpv-jsonld",
        "fideslang",
    ] {
        let file = install.root().join(format!("register.{format}"));
        let done = install.ok(
            &[
                "register",
                "export",
                "--org",
                "bakkerij",
                "--format",
                format,
                "--output",
                file.to_str().unwrap_or_default(),
            ],
            "",
        );
        assert!(done.contains("written"), "{done}");
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(bytes.len() > 100, "{format}: {} bytes", bytes.len());
    }
    let pdf = std::fs::read(install.root().join("register.pdf")).unwrap_or_default();
    assert!(pdf.starts_with(b"%PDF"));
    // The check sees the demo's gaps (no statement yet) and its documents (a BSN in a payslip).
    let check = install.run(&["check", "--org", "bakkerij", "--format", "json"], "");
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("statement.missing"), "{report}");
}
