//! `show FILE...`: prints the findings and classification of text files.

use std::io::Write;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    for p in args {
        let t = std::fs::read_to_string(p).unwrap_or_default();
        let a = kluis_pii::Detector::shared().analyze(&t, Some(p));
        writeln!(out, "== {p}: {:?}", a.classification)?;
        for f in a.findings {
            writeln!(out, "  {:<22} {:?}", f.entity.as_str(), f.value)?;
        }
    }
    Ok(())
}
