//! The DPV exports conform to DPCat's mandatory SHACL shapes (pyshacl, the vocabulary inside the data graph, as
//! ../shared/interop/README.md prescribes), the JSON-LD export is the same graph as the Turtle one (rdflib), and
//! the fideslang manifest passes fideslang's own validation (`validate.py`).
//!
//! The validators come from PyPI in a virtualenv that `cargo xtask test` creates and names in
//! `KLUIS_VALIDATORS_VENV`; without it these tests say so and pass, unless `KLUIS_REQUIRE_VALIDATORS` is set.

use crate::sample;
use kluis_domain::register::{Jurisdiction, Register};
use kluis_export::{ExportOptions, Lang, RegisterFormat, render_register};
use std::path::{Path, PathBuf};
use std::process::Command;

fn interop() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/interop")
}

/// The virtualenv's `bin` directory, or `None` (with a message) when the validators are not installed.
fn venv_bin(test: &str) -> Option<PathBuf> {
    let required = std::env::var_os("KLUIS_REQUIRE_VALIDATORS").is_some_and(|v| v == "1");
    let venv = std::env::var_os("KLUIS_VALIDATORS_VENV").map(PathBuf::from);
    let bin = venv.map(|v| v.join("bin"));
    let ok = bin.as_ref().is_some_and(|b| b.join("pyshacl").is_file()) && interop().is_dir();
    if ok {
        return bin;
    }
    assert!(
        !required,
        "{test}: KLUIS_REQUIRE_VALIDATORS=1 but the validators are missing (KLUIS_VALIDATORS_VENV with pyshacl \
         and fideslang, and {} beside the checkout)",
        interop().display()
    );
    eprintln!(
        "{test}: skipped: set KLUIS_VALIDATORS_VENV to a virtualenv with pyshacl, rdflib and fideslang==3.1.4 \
         (cargo xtask test makes one)"
    );
    None
}

fn run(cmd: &mut Command) -> (bool, String) {
    match cmd.output() {
        Ok(o) => (
            o.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            ),
        ),
        Err(e) => (false, format!("could not run {cmd:?}: {e}")),
    }
}

fn export(reg: &Register, f: RegisterFormat, lang: Lang) -> Vec<u8> {
    let opts = ExportOptions {
        dataset_fields: sample::dataset_fields(),
        generated_at: Some(time::macros::datetime!(2026-12-07 10:00 UTC)),
        ..Default::default()
    };
    match render_register(reg, f, lang, &opts) {
        Ok(e) => {
            if let Some(dir) = std::env::var_os("KLUIS_EXPORT_DUMP") {
                let name = format!("{}-{}-{}", reg.organisation, lang.code(), e.file_name);
                let _ = std::fs::write(Path::new(&dir).join(name), &e.bytes);
            }
            e.bytes
        }
        Err(e) => panic!("{f}: {e}"),
    }
}

/// Runs the README's check: the export and DPV's own files concatenated into one data graph, the DPCat
/// mandatory shapes as the shapes graph.
fn shacl(bin: &Path, dir: &Path, ttl: &[u8]) -> (bool, String) {
    let dpv = interop().join("dpv");
    let mut all = ttl.to_vec();
    for f in ["dpv.ttl", "eu-gdpr.ttl", "pd.ttl"] {
        all.push(b'\n');
        all.extend(std::fs::read(dpv.join(f)).unwrap_or_default());
    }
    let path = dir.join("all.ttl");
    if let Err(e) = std::fs::write(&path, all) {
        panic!("{e}");
    }
    run(Command::new(bin.join("pyshacl"))
        .arg("-s")
        .arg(dpv.join("dpcat_mandatory_dpv2.ttl"))
        .arg(&path))
}

#[test]
fn dpv_turtle_and_json_ld_conform_to_the_dpcat_mandatory_shapes() {
    let Some(bin) = venv_bin("dpv") else { return };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (j, lang) in [(Jurisdiction::Nl, Lang::Nl), (Jurisdiction::Be, Lang::En)] {
        let reg = sample::realistic(j);
        let ttl = export(&reg, RegisterFormat::DpvTurtle, lang);
        let jsonld = export(&reg, RegisterFormat::DpvJsonLd, lang);
        let ttl_path = dir.path().join("register.ttl");
        let jsonld_path = dir.path().join("register.jsonld");
        let (Ok(()), Ok(())) = (
            std::fs::write(&ttl_path, &ttl),
            std::fs::write(&jsonld_path, &jsonld),
        ) else {
            panic!("could not write the exports")
        };

        let (ok, report) = shacl(&bin, dir.path(), &ttl);
        assert!(
            ok && report.contains("Conforms: True"),
            "{j:?} Turtle does not conform:\n{report}"
        );
        assert!(
            String::from_utf8_lossy(&ttl)
                .matches("dpcat:ROPARecord")
                .count()
                == reg.activities.len(),
            "one ROPA record per activity"
        );

        // JSON-LD: rdflib reads it, it is the same graph as the Turtle, and as Turtle it conforms too.
        let script = "import sys, rdflib\nfrom rdflib.compare import isomorphic\n\
            a = rdflib.Graph().parse(sys.argv[1], format='turtle')\n\
            b = rdflib.Graph().parse(sys.argv[2], format='json-ld')\n\
            assert len(a) > 50 and isomorphic(a, b), (len(a), len(b))\n\
            sys.stdout.write(b.serialize(format='turtle'))\n";
        let out = Command::new(bin.join("python"))
            .arg("-c")
            .arg(script)
            .arg(&ttl_path)
            .arg(&jsonld_path)
            .output();
        let Ok(out) = out else {
            panic!("could not run python")
        };
        assert!(
            out.status.success(),
            "{j:?} JSON-LD is not the Turtle's graph: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let (ok, report) = shacl(&bin, dir.path(), &out.stdout);
        assert!(
            ok && report.contains("Conforms: True"),
            "{j:?} JSON-LD does not conform:\n{report}"
        );
    }
}

#[test]
fn a_transfer_without_safeguard_does_not_conform() {
    // The export says what the register says: a transfer to a third country without a safeguard is a gap, and
    // DPCat's transfer shape finds it.
    let Some(bin) = venv_bin("dpv-transfer") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut reg = sample::realistic(Jurisdiction::Nl);
    for a in &mut reg.activities {
        for t in &mut a.transfers {
            t.safeguard = None;
        }
    }
    let ttl = export(&reg, RegisterFormat::DpvTurtle, Lang::En);
    let (ok, report) = shacl(&bin, dir.path(), &ttl);
    assert!(
        !ok && report.contains("Conforms: False"),
        "expected a violation:\n{report}"
    );
}

#[test]
fn fideslang_manifest_passes_validate_py() {
    let Some(bin) = venv_bin("fideslang") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    for (j, lang) in [(Jurisdiction::Nl, Lang::Nl), (Jurisdiction::Be, Lang::En)] {
        let reg = sample::realistic(j);
        let yml = export(&reg, RegisterFormat::Fideslang, lang);
        let path = dir.path().join("register.yml");
        if let Err(e) = std::fs::write(&path, &yml) {
            panic!("{e}");
        }
        let (ok, report) = run(Command::new(bin.join("python"))
            .arg(interop().join("fideslang/validate.py"))
            .arg(&path));
        assert!(
            ok && report.contains("missing keys: none"),
            "{j:?} manifest rejected:\n{report}\n{}",
            String::from_utf8_lossy(&yml)
        );
        // Every activity is declared, with its data use.
        let text = String::from_utf8_lossy(&yml);
        assert!(text.contains("dataset:") && text.contains("findings.bsn"));
        for a in &reg.activities {
            assert!(
                text.contains(&format!("name: \"{}", a.name)),
                "{} not declared",
                a.name
            );
        }
    }
    // A key outside fideslang's taxonomy is caught by the same check (so the test above can fail).
    let bad = "system:\n  - fides_key: x\n    system_type: Application\n    privacy_declarations:\n      - data_categories: [\"user.nope\"]\n        data_use: \"essential.service\"\n";
    let path = dir.path().join("bad.yml");
    if let Err(e) = std::fs::write(&path, bad) {
        panic!("{e}");
    }
    let (ok, _) = run(Command::new(bin.join("python"))
        .arg(interop().join("fideslang/validate.py"))
        .arg(&path));
    assert!(!ok, "validate.py accepted an unknown data category");
}
