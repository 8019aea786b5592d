//! Dev tool: analyses every corpus document and writes the scanner's JSONL contract for score.py.
//!
//! usage: `score_corpus DOCS_DIR > scan.jsonl` — documents go through kluis-extract and are joined the way
//! kluis-scan joins them (segments separated by one newline). With `--texts DIR` it reads ready text dumps
//! (`<file>.txt`) instead.

use kluis_extract::{Limits, extract};
use kluis_pii::Detector;
use std::io::Write;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let texts = args.first().is_some_and(|a| a == "--texts");
    let dir = args
        .get(usize::from(texts))
        .cloned()
        .unwrap_or_else(|| "/work/shared/corpus/dev/docs".to_owned());
    let det = Detector::shared();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    let mut out = std::io::stdout().lock();
    let limits = Limits::default();
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
            let bytes = std::fs::read(&p)?;
            let e = extract(file, &bytes, &limits);
            let text = e
                .segments
                .iter()
                .map(|s| s.text.as_str())
                .collect::<Vec<_>>()
                .join("\n");
            (file.to_owned(), text)
        };
        let a = det.analyze(&text, Some(&name));
        let findings: Vec<_> = a
            .findings
            .iter()
            .map(|f| serde_json::json!({"type": f.entity.as_str(), "value": f.value, "start": f.start, "end": f.end, "score": f.score}))
            .collect();
        let rec = serde_json::json!({
            "path": name,
            "class": a.classification.class.as_str(),
            "personal_data": a.classification.personal_data.as_str(),
            "special_categories": a.classification.special_categories.iter().map(|c| c.as_str()).collect::<Vec<_>>(),
            "findings": findings,
        });
        writeln!(out, "{rec}")?;
    }
    Ok(())
}
