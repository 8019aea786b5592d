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
