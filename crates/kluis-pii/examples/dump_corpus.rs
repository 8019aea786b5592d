//! Dev tool: every finding and classification of a text file cut into 64 KB documents (as the bench cuts its
//! corpus), one line each, so two builds can be compared byte for byte.
use std::io::Write;
fn main() -> std::io::Result<()> {
    let p = std::env::args().nth(1).unwrap_or_default();
    let text = std::fs::read_to_string(p)?;
    let det = kluis_pii::Detector::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + 65_536).min(text.len());
        while end < text.len() && text.as_bytes()[end - 1] != b'\n' {
            end += 1;
        }
        let a = det.analyze(&text[start..end], None);
        writeln!(out, "{start} {:?}", a.classification)?;
        for f in &a.findings {
            writeln!(out, "{f:?}")?;
        }
        start = end;
    }
    Ok(())
}
