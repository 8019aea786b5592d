//! `kluis import-docs`: files and folders go into an organisation's documents, scanned by isolated workers.

use crate::support::{Install, describe};

#[test]
fn import_docs_scans_files_reports_failures_and_refuses_unknown_orgs() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");
    let src = install.root().join("to-import");
    std::fs::create_dir_all(src.join("sub")).unwrap();
    std::fs::write(
        src.join("dossier.txt"),
        "Personeelsdossier\nNaam: Jan Jansen\nBSN: 111222333\nE-mail: jan.jansen@example.nl\n",
    )
    .unwrap();
    std::fs::write(
        src.join("sub").join("notes.txt"),
        "Boodschappen: melk, brood.\n",
    )
    .unwrap();
    let missing = install.root().join("missing.txt");

    let out = install.run(
        &[
            "import-docs",
            src.to_str().unwrap(),
            missing.to_str().unwrap(),
            "--org",
            "acme",
        ],
        "",
    );
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("dossier.txt\tscanned\tspecial"), "{stdout}");
    assert!(stdout.contains("notes.txt\tscanned"), "{stdout}");
    assert!(stdout.contains("missing.txt\tnot imported"), "{stdout}");
    assert!(
        stdout.contains("Imported 2 file(s), 1 not imported"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("111222333"),
        "no identifier values in the output"
    );

    // The same folder again: nothing new, and it says so.
    let again = install.run(&["import-docs", src.to_str().unwrap(), "--org", "acme"], "");
    assert!(again.status.success(), "{}", describe(&again));
    let stdout = String::from_utf8_lossy(&again.stdout);
    assert!(stdout.contains("dossier.txt\tskipped"), "{stdout}");
    assert!(
        stdout.contains("Imported 0 file(s), 0 not imported, 2 skipped"),
        "{stdout}"
    );

    // Nothing importable: exit 1. Unknown organisation: an error, not an empty import.
    let none = install.run(
        &["import-docs", missing.to_str().unwrap(), "--org", "acme"],
        "",
    );
    assert_eq!(none.status.code(), Some(1), "{}", describe(&none));
    let unknown = install.run(&["import-docs", src.to_str().unwrap(), "--org", "nope"], "");
    assert!(!unknown.status.success());
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("no organisation"),
        "{}",
        describe(&unknown)
    );
}

/// A worker that dies on a file marks that document failed with the reason, and the scan job stays queued for a
/// retry; the document is not lost.
#[test]
fn a_crashing_worker_marks_the_document_failed_and_keeps_it() {
    let install = Install::new();
    install.ok(&["org", "add", "acme", "--name", "Acme BV", "--init"], "");
    let src = install.root().join("boom.txt");
    std::fs::write(&src, "Naam: Jan Jansen\n").unwrap();
    let out = crate::support::run_with_stdin(
        install.cmd().env("KLUIS_WORKER_CRASH_ON", "boom").args([
            "import-docs",
            src.to_str().unwrap(),
            "--org",
            "acme",
        ]),
        "",
    );
    assert!(out.status.success(), "{}", describe(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("boom.txt\tfailed"), "{stdout}");
    assert!(stdout.contains("crashed"), "{stdout}");
    assert!(stdout.contains("Status: failed 1"), "{stdout}");
}
