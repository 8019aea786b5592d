//! Dev tool: analyses extracted corpus texts and writes the scanner's JSONL contract for score.py.
//!
//! usage: score_corpus TEXT_DIR > scan.jsonl — TEXT_DIR holds `<document file name>.txt` per corpus document.

use kluis_pii::Detector;
use std::io::Write;

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "/tmp/texts".to_owned());
    let det = Detector::shared();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)?.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    let mut out = std::io::stdout().lock();
    for p in entries {
        let Some(name) = p.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".txt")) else { continue };
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let a = det.analyze(&text, Some(name));
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
