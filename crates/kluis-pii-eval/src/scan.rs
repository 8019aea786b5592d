//! `scan [--texts] DIR`: analyses every document of a directory and prints the scanner's JSONL contract (one
//! record per document, as ../shared/corpus/README.md describes it) for `score` or score.py.
//!
//! Documents go through kluis-extract and are joined the way kluis-scan joins them (segments separated by one
//! newline). With `--texts` the directory holds ready text dumps (`<file>.txt`) instead.

use kluis_extract::{Limits, extract};
use kluis_pii::{Analysis, Detector};
use std::io::Write;
use std::path::Path;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let texts = args.first().is_some_and(|a| a == "--texts");
    let dir = crate::required(args, usize::from(texts), "DIR")?;
    let det = Detector::shared();
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut out = std::io::stdout().lock();
    for p in entries {
        let Some(file) = p.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let (name, text) = if texts {
            let Some(name) = file.strip_suffix(".txt") else {
                continue;
            };
            (
                name.to_owned(),
                std::fs::read_to_string(&p).unwrap_or_default(),
            )
        } else {
            (file.to_owned(), extracted_text(&p)?)
        };
        let a = det.analyze(&text, Some(&name));
        writeln!(out, "{}", record(&name, &a))?;
    }
    Ok(())
}

/// A document's text as kluis-scan hands it to the detector: its extracted segments joined by newlines.
pub fn extracted_text(path: &Path) -> std::io::Result<String> {
    let bytes = std::fs::read(path)?;
    let file = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let e = extract(file, &bytes, &Limits::default());
    Ok(e.segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join("\n"))
}

/// One document's line of the scanner's JSONL contract.
pub fn record(name: &str, a: &Analysis) -> serde_json::Value {
    let findings: Vec<_> = a
        .findings
        .iter()
        .map(|f| serde_json::json!({"type": f.entity.as_str(), "value": f.value, "start": f.start, "end": f.end, "score": f.score}))
        .collect();
    serde_json::json!({
        "path": name,
        "class": a.classification.class.as_str(),
        "personal_data": a.classification.personal_data.as_str(),
        "special_categories": a.classification.special_categories.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
        "findings": findings,
    })
}
