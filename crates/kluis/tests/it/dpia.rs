//! `kluis dpia import|export`: a CNIL PIA file comes in as a DPIA and goes out in the same shape; a foreign or
//! damaged file is refused naming the field and stores nothing. The tool's files are read from ../shared (GPL:
//! read in tests, never copied).

use crate::support::{Install, block_on, describe};
use kluis_app::{App, AppConfig};

fn cnil_file(name: &str) -> std::path::PathBuf {
    std::env::var_os("KLUIS_CNIL_PIA_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/interop/cnil-pia")
        })
        .join(name)
}

/// The DPIAs of `acme`, read through the use cases as the command line reads.
fn dpia_titles(install: &Install) -> Vec<(String, String)> {
    let mut config = AppConfig::new(&install.data_dir);
    config.database_url = install.database_url.clone();
    block_on(async {
        let app = App::open(config).await.expect("open");
        let actor = app.cli_reader("acme").await.expect("reader");
        app.dpias(&actor)
            .await
            .expect("dpias")
            .into_iter()
            .map(|d| (d.id, d.title))
            .collect()
    })
}

#[test]
fn dpia_import_then_export_writes_the_tools_file_and_a_foreign_file_stores_nothing() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");
    let file = cnil_file("pia-example-2018.json");
    assert!(
        file.exists(),
        "{}: lay ../shared beside the checkout",
        file.display()
    );
    let out = install.ok(
        &[
            "dpia",
            "import",
            file.to_str().unwrap_or_default(),
            "--org",
            "acme",
        ],
        "",
    );
    assert!(out.contains("Imported DPIA"), "{out}");
    let dpias = dpia_titles(&install);
    assert_eq!(dpias.len(), 1);
    let raw: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).expect("file")).expect("json");
    assert_eq!(dpias[0].1, raw["pia"]["name"].as_str().unwrap_or_default());

    let output = install.root().join("dpia.json");
    let out = install.ok(
        &[
            "dpia",
            "export",
            "--org",
            "acme",
            "--id",
            &dpias[0].0,
            "--format",
            "cnil-pia",
            "--output",
            output.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert!(out.contains("DPIA written"), "{out}");
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&output).expect("export")).expect("json");
    for list in ["answers", "measures", "evaluations", "comments"] {
        assert_eq!(
            exported[list].as_array().map(Vec::len),
            raw[list].as_array().map(Vec::len),
            "{list}"
        );
    }
    // The DPIA as a PDF, in English.
    let pdf = install.root().join("dpia.pdf");
    let out = install.ok(
        &[
            "dpia",
            "export",
            "--org",
            "acme",
            "--id",
            &dpias[0].0,
            "--format",
            "pdf",
            "--lang",
            "en",
            "--output",
            pdf.to_str().unwrap_or_default(),
        ],
        "",
    );
    assert!(out.contains("DPIA written"), "{out}");
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    let out = install.run(
        &[
            "dpia",
            "export",
            "--org",
            "acme",
            "--id",
            &dpias[0].0,
            "--format",
            "docx",
            "--output",
            "x.docx",
        ],
        "",
    );
    assert!(!out.status.success(), "{}", describe(&out));

    // A gauge outside 1-4: refused naming the field, nothing stored.
    let mut bad = raw.clone();
    let answers = bad["answers"].as_array_mut().expect("answers");
    let gauge = answers
        .iter_mut()
        .find(|a| a["data"]["gauge"].is_number())
        .expect("an answer with a gauge");
    gauge["data"]["gauge"] = serde_json::json!(5);
    let bad_file = install.root().join("bad.json");
    std::fs::write(&bad_file, bad.to_string()).expect("write");
    let out = install.run(
        &[
            "dpia",
            "import",
            bad_file.to_str().unwrap_or_default(),
            "--org",
            "acme",
        ],
        "",
    );
    assert!(!out.status.success(), "{}", describe(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(".data.gauge") && err.contains("gauge 5"),
        "{err}"
    );
    // Not a PIA at all.
    std::fs::write(&bad_file, br#"{"activities": []}"#).expect("write");
    let out = install.run(
        &[
            "dpia",
            "import",
            bad_file.to_str().unwrap_or_default(),
            "--org",
            "acme",
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("pia"),
        "{}",
        describe(&out)
    );
    assert_eq!(
        dpia_titles(&install).len(),
        1,
        "nothing of the bad files was stored"
    );
}
