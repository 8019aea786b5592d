//! Dev tool: CPU-time throughput of the keyword pass and of `detect` on a text file.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let t = std::fs::read_to_string(p).unwrap_or_default();
    let d = kluis_pii::Detector::new();
    for _ in 0..3 {
        let c0 = cpu_ns();
        let r = d.debug_keyword_pass(&t);
        let c1 = cpu_ns();
        let n = d.detect(&t).len();
        let c2 = cpu_ns();
        let mb = t.len() as f64 / 1e6;
        println!(
            "keyword pass {:?}: {:.0} MB/s cpu; detect {n}: {:.0} MB/s cpu",
            r,
            mb / ((c1 - c0) as f64 / 1e9),
            mb / ((c2 - c1) as f64 / 1e9)
        );
    }
}
