//! `small-docs DIR [ROUNDS]`: per-document overhead of `detect` on many small texts.

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let dir = crate::required(args, 0, "DIR")?;
    let rounds: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(50);
    let texts: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .collect();
    if texts.is_empty() || rounds == 0 {
        anyhow::bail!("no text files in {dir} (or ROUNDS is 0)");
    }
    let det = kluis_pii::Detector::shared();
    let t0 = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for t in &texts {
            n += det.detect(t).len();
        }
    }
    let per = t0.elapsed().as_secs_f64() / (rounds * texts.len()) as f64;
    println!("{n} findings, {:.1} µs per document", per * 1e6);
    Ok(())
}
