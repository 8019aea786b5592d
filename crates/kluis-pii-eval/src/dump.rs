//! `dump FILE`: every finding and classification of a text file cut into 64 KB documents (as the bench cuts its
//! corpus), one line each, so two builds can be compared byte for byte.

use std::io::Write;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(crate::required(args, 0, "FILE")?)?;
    let det = kluis_pii::Detector::new();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (start, doc) in crate::stage::documents_of_64k(&text) {
        let a = det.analyze(doc, None);
        writeln!(out, "{start} {:?}", a.classification)?;
        for f in &a.findings {
            writeln!(out, "{f:?}")?;
        }
    }
    Ok(())
}
