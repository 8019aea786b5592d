//! Dev tool: extracted text of every document in a directory, as `== name` headers followed by the text, to grep
//! the corpus wording when checking a rule for false positives.
use kluis_extract::{Limits, extract};
fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_default();
    let mut names: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    names.sort();
    let limits = Limits::default();
    for p in names {
        let bytes = std::fs::read(&p)?;
        let file = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
        println!("== {file}");
        let e = extract(file, &bytes, &limits);
        for s in &e.segments {
            println!("{}", s.text);
        }
    }
    Ok(())
}
