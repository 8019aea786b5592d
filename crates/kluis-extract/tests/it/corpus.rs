//! The shared dev corpus: every document extracts with status Ok, and the labelled personal
//! data (names, IBANs, e-mail addresses, ...) appears in the text.

use std::path::PathBuf;

use kluis_extract::Status;

use crate::{all_text, ex};

pub fn corpus_dir() -> Option<PathBuf> {
    let d = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev");
    if d.join("docs").is_dir() {
        Some(d)
    } else if std::env::var_os("KLUIS_REQUIRE_CORPUS").is_some() {
        // `cargo xtask test` sets it: a missing corpus must fail the suite, not pass it silently.
        panic!(
            "{} is absent, and KLUIS_REQUIRE_CORPUS is set: lay ../shared beside the checkout",
            d.display()
        );
    } else {
        println!("note: {} is absent; corpus tests skipped", d.display());
        None
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_corpus_document_extracts_ok_with_its_labelled_values() {
    let Some(dir) = corpus_dir() else { return };
    let labels = std::fs::read_to_string(dir.join("labels.jsonl")).unwrap();
    let mut docs = 0;
    let mut problems = Vec::new();
    let mut checked = 0;
    for line in labels.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let file = v["file"].as_str().unwrap();
        let bytes = std::fs::read(dir.join("docs").join(file)).unwrap();
        let e = ex(file, &bytes);
        docs += 1;
        if e.status != Status::Ok {
            problems.push(format!("{file}: status {}", e.status));
            continue;
        }
        let text = squash(&all_text(&e));
        if text.is_empty() {
            problems.push(format!("{file}: no text"));
        }
        for ent in v["entities"].as_array().into_iter().flatten() {
            let value = squash(ent["value"].as_str().unwrap_or_default());
            checked += 1;
            if !text.contains(&value) {
                problems.push(format!("{file}: {} {:?} not in text", ent["type"], value));
            }
        }
    }
    assert_eq!(
        docs,
        std::fs::read_dir(dir.join("docs")).unwrap().count(),
        "every file has a label line"
    );
    assert!(checked > 1000);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A few real corpus texts pinned as snapshots, one per format family.
#[test]
fn corpus_snapshots() {
    let Some(dir) = corpus_dir() else { return };
    let docs = dir.join("docs");
    let mut names: Vec<String> = std::fs::read_dir(&docs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for ext in ["pdf", "docx", "xlsx", "odt", "eml"] {
        let Some(name) = names.iter().find(|n| n.ends_with(&format!(".{ext}"))) else {
            continue;
        };
        let e = ex(name, &std::fs::read(docs.join(name)).unwrap());
        let mut out = format!("{} {}\n", e.format, e.status);
        for s in &e.segments {
            out.push_str(&format!(
                "--- {}\n{}\n",
                s.location
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
                s.text
            ));
        }
        insta::assert_snapshot!(format!("corpus_{ext}"), out);
    }
}
