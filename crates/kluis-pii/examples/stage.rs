//! Dev tool: CPU-time throughput of the keyword pass and of `detect` on a text file cut into 64 KB documents (as
//! the bench cuts its corpus): `stage FILE [ROUNDS]`, prints every round and the medians.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
fn main() {
    let p = std::env::args().nth(1).unwrap_or_default();
    let rounds: usize = std::env::args()
        .nth(2)
        .and_then(|v| v.parse().ok())
        .unwrap_or(5);
    let t = std::fs::read_to_string(p).unwrap_or_default();
    let mut docs = Vec::new();
    let mut start = 0;
    while start < t.len() {
        let mut end = (start + 65_536).min(t.len());
        while end < t.len() && t.as_bytes()[end - 1] != b'\n' {
            end += 1;
        }
        docs.push(&t[start..end]);
        start = end;
    }
    let d = kluis_pii::Detector::new();
    let mb = t.len() as f64 / 1e6;
    let (mut kw, mut all) = (Vec::new(), Vec::new());
    for _ in 0..rounds.max(1) {
        let c0 = cpu_ns();
        let r: usize = docs.iter().map(|x| d.debug_keyword_pass(x)).sum();
        let c1 = cpu_ns();
        let n: usize = docs.iter().map(|x| d.detect(x).len()).sum();
        let c2 = cpu_ns();
        let (a, b) = (mb / ((c1 - c0) as f64 / 1e9), mb / ((c2 - c1) as f64 / 1e9));
        println!("keyword pass {r}: {a:.0} MB/s cpu; detect {n}: {b:.0} MB/s cpu");
        kw.push(a);
        all.push(b);
    }
    kw.sort_by(f64::total_cmp);
    all.sort_by(f64::total_cmp);
    println!(
        "median: keyword pass {:.0} MB/s, detect {:.0} MB/s",
        kw[kw.len() / 2],
        all[all.len() / 2]
    );
}
