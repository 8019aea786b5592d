//! `dev-text DIR [--out OUT_DIR]`: extracted text of every document in a directory, as `== name` headers followed
//! by the text (to grep the corpus wording when checking a rule for false positives), or with `--out` as one
//! `<file>.txt` per document, the text dumps that `scan --texts` and the Presidio peer script read.

use kluis_extract::{Limits, extract};
use std::io::Write;

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let out = args
        .iter()
        .position(|a| a == "--out")
        .map(|k| crate::required(args, k + 1, "OUT_DIR after --out"))
        .transpose()?;
    let dir = args
        .iter()
        .enumerate()
        .find(|&(i, a)| a != "--out" && (i == 0 || args[i - 1] != "--out"))
        .map(|(_, a)| a.as_str());
    let Some(dir) = dir else {
        anyhow::bail!("missing DIR\n\n{}", crate::USAGE);
    };
    let mut names: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    if let Some(out) = out {
        std::fs::create_dir_all(out)?;
        for p in names.iter().filter(|p| p.is_file()) {
            let file = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
            let text = crate::scan::extracted_text(p)?;
            std::fs::write(std::path::Path::new(out).join(format!("{file}.txt")), text)?;
        }
        return Ok(());
    }
    let limits = Limits::default();
    let mut stdout = std::io::stdout().lock();
    for p in names {
        let bytes = std::fs::read(&p)?;
        let file = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
        writeln!(stdout, "== {file}")?;
        let e = extract(file, &bytes, &limits);
        for s in &e.segments {
            writeln!(stdout, "{}", s.text)?;
        }
    }
    Ok(())
}
