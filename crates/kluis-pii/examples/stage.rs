//! Dev tool: time of the keyword pass alone on a text file.
fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let t = std::fs::read_to_string(p).unwrap_or_default();
    let d = kluis_pii::Detector::new();
    for _ in 0..3 {
        let t0 = std::time::Instant::now();
        let r = d.debug_keyword_pass(&t);
        let s = t0.elapsed().as_secs_f64();
        println!("{:?} {:.0} MB/s (two passes)", r, t.len() as f64 / 1e6 / s * 2.0);
        let t0 = std::time::Instant::now();
        let n = d.detect(&t).len();
        println!("detect {} {:.0} MB/s", n, t.len() as f64 / 1e6 / t0.elapsed().as_secs_f64());
    }
}
