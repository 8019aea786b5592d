//! `explain FILE...`: why a document is (or is not) special: every special-category term, its category, whether
//! the rule counted it (said of someone), and the line it stands on.

use kluis_extract::{Limits, extract};
use std::io::Write;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let det = kluis_pii::Detector::shared();
    let mut out = std::io::stdout().lock();
    for p in args {
        let bytes = std::fs::read(p)?;
        let name = std::path::Path::new(p)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(p);
        let e = extract(name, &bytes, &Limits::default());
        let text = e
            .segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let c = det.analyze(&text, Some(name)).classification;
        writeln!(
            out,
            "== {p}: {} {} {:?}",
            c.class.as_str(),
            c.personal_data.as_str(),
            c.special_categories
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
        )?;
        for (pos, term, category, counted) in det.debug_special_verdicts(&text) {
            let start = text[..pos].rfind('\n').map_or(0, |k| k + 1);
            let end = text[pos..].find('\n').map_or(text.len(), |k| pos + k);
            let line: String = text[start..end].chars().take(140).collect();
            let verdict = if counted { "counted" } else { "-" };
            writeln!(
                out,
                "  {:<18} {verdict:<7} {term:?} | {line}",
                category.as_str()
            )?;
        }
    }
    Ok(())
}
