//! `kluis relations import|export`: a customer file into an organisation's relations (bad rows named by row on
//! stderr, duplicates left out, a dry run that writes nothing, a mapping file), the exit statuses, and the export.

use crate::support::{Install, describe};

/// An organisation whose register needs customers' names and contact details (the demo bakery's).
fn install_with_register() -> Install {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");
    install.ok(&["demo", "--org", "acme", "--lang", "nl"], "");
    install
}

#[test]
fn import_names_bad_rows_skips_duplicates_and_exports_what_it_imported() {
    let install = install_with_register();
    let file = install.root().join("klanten.csv");
    std::fs::write(
        &file,
        "Voornaam;Achternaam;E-mail\n\
         Anna;Jansen;anna@example.nl\n\
         Bert;Bakker;geen-adres\n\
         Carla;Smit;carla@example.nl\n\
         Dirk;Dekker;anna@example.nl\n",
    )
    .unwrap();
    // A dry run first: the same report, nothing stored.
    let dry = install.run(
        &[
            "relations",
            "import",
            file.to_str().unwrap(),
            "--org",
            "acme",
            "--dry-run",
        ],
        "",
    );
    assert!(dry.status.success(), "{}", describe(&dry));
    assert!(
        String::from_utf8_lossy(&dry.stdout)
            .contains("dry run: 2 imported, 1 skipped, 1 duplicates"),
        "{}",
        describe(&dry)
    );
    let out = install.run(
        &[
            "relations",
            "import",
            file.to_str().unwrap(),
            "--org",
            "acme",
        ],
        "",
    );
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("2 imported, 1 skipped, 1 duplicates"),
        "{stdout}"
    );
    assert!(
        stderr.contains("row 3, column C (E-mail): import-invalid-email"),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 5, column C (E-mail): import-duplicate-email (row 2)"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("geen-adres"),
        "no cell values on stderr: {stderr}"
    );

    // The same file again: every row is now a relation already held, so nothing is imported (exit 1).
    let again = install.run(
        &[
            "relations",
            "import",
            file.to_str().unwrap(),
            "--org",
            "acme",
        ],
        "",
    );
    assert_eq!(again.status.code(), Some(1), "{}", describe(&again));
    assert!(String::from_utf8_lossy(&again.stderr).contains("import-existing-email"));

    let csv = install.root().join("relaties.csv");
    install.ok(
        &[
            "relations",
            "export",
            "--org",
            "acme",
            "--format",
            "csv",
            "--output",
            csv.to_str().unwrap(),
        ],
        "",
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("anna@example.nl") && text.contains("carla@example.nl"),
        "{text}"
    );
    assert!(!text.contains("geen-adres"), "{text}");
    let xlsx = install.root().join("relaties.xlsx");
    install.ok(
        &[
            "relations",
            "export",
            "--org",
            "acme",
            "--format",
            "xlsx",
            "--output",
            xlsx.to_str().unwrap(),
        ],
        "",
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    // An existing output file is never overwritten.
    let twice = install.run(
        &[
            "relations",
            "export",
            "--org",
            "acme",
            "--format",
            "csv",
            "--output",
            csv.to_str().unwrap(),
        ],
        "",
    );
    assert!(!twice.status.success(), "{}", describe(&twice));
}

#[test]
fn a_mapping_file_maps_the_columns_and_errors_have_their_exit_status() {
    let install = install_with_register();
    let file = install.root().join("export.csv");
    std::fs::write(&file, "Klant;Mail\nPiet Pieters;piet@example.nl\n").unwrap();
    let mapping = install.root().join("mapping.json");
    std::fs::write(
        &mapping,
        r#"{"has_header": true, "default_kind": "customer", "columns": [
            {"header": "Klant", "target": {"target": "name"}},
            {"header": "Mail", "target": {"target": "field", "field": "email"}}]}"#,
    )
    .unwrap();
    let out = install.run(
        &[
            "relations",
            "import",
            file.to_str().unwrap(),
            "--org",
            "acme",
            "--mapping",
            mapping.to_str().unwrap(),
        ],
        "",
    );
    assert!(out.status.success(), "{}", describe(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 imported"));

    // Every row bad: exit 1.
    let bad = install.root().join("bad.csv");
    std::fs::write(&bad, "Voornaam;E-mail\nAnna;kapot\n").unwrap();
    let none = install.run(
        &[
            "relations",
            "import",
            bad.to_str().unwrap(),
            "--org",
            "acme",
        ],
        "",
    );
    assert_eq!(none.status.code(), Some(1), "{}", describe(&none));
    assert!(String::from_utf8_lossy(&none.stderr).contains("row 2"));

    // A file that cannot be read, an unknown organisation: exit 2, saying why.
    let xls = install.root().join("oud.xls");
    std::fs::write(&xls, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 rest").unwrap();
    let unreadable = install.run(
        &[
            "relations",
            "import",
            xls.to_str().unwrap(),
            "--org",
            "acme",
        ],
        "",
    );
    assert_eq!(
        unreadable.status.code(),
        Some(2),
        "{}",
        describe(&unreadable)
    );
    assert!(String::from_utf8_lossy(&unreadable.stderr).contains("XLSX or CSV"));
    let unknown = install.run(
        &[
            "relations",
            "import",
            file.to_str().unwrap(),
            "--org",
            "nope",
        ],
        "",
    );
    assert_eq!(unknown.status.code(), Some(2), "{}", describe(&unknown));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no organisation"));
}
