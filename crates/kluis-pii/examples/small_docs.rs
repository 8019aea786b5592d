//! Dev tool: per-document overhead on many small texts (`small_docs DIR [ROUNDS]`).
fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/texts".to_owned());
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let texts: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
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
}
