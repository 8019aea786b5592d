//! `stage FILE [ROUNDS] [findings|kw|detect|none]`: CPU-time throughput of the keyword pass, of the findings half
//! alone and of `detect` on a text file cut into 64 KB documents (as the bench cuts its corpus).
//!
//! Prints every round and the medians (CPU time, or wall time with `STAGE_WALL=1`); with `findings` it only repeats
//! the findings half (for a profiler); `kw`, `detect` and `none` run that stage once (none: only the setup), so
//! that callgrind can count each net of setup.

/// This thread's CPU time in nanoseconds, or the wall clock with `STAGE_WALL=1` (the scheduler's CPU time may
/// advance in ticks of several milliseconds; on an idle machine the wall clock resolves finer).
fn cpu_ns() -> u64 {
    static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    if std::env::var_os("STAGE_WALL").is_some() {
        return START
            .get_or_init(std::time::Instant::now)
            .elapsed()
            .as_nanos() as u64;
    }
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}
/// The text cut at the first line end after each 64 KB, with each piece's byte offset.
pub fn documents_of_64k(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = (start + 65_536).min(text.len());
        while end < text.len() && text.as_bytes()[end - 1] != b'\n' {
            end += 1;
        }
        let piece = (start, text.get(start..end)?);
        start = end;
        Some(piece)
    })
}

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let t = std::fs::read_to_string(crate::required(args, 0, "FILE")?)?;
    let rounds: usize = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(5);
    let mode = args.get(2).cloned().unwrap_or_default();
    let only_findings = mode == "findings";
    let docs: Vec<&str> = documents_of_64k(&t).map(|(_, doc)| doc).collect();
    let d = kluis_pii::Detector::new();
    let mb = t.len() as f64 / 1e6;
    if mode == "kw" || mode == "detect" || mode == "none" {
        let n: usize = match mode.as_str() {
            "kw" => docs.iter().map(|x| d.debug_keyword_pass(x)).sum(),
            "detect" => (0..rounds.max(1))
                .map(|_| docs.iter().map(|x| d.detect(x).len()).sum::<usize>())
                .sum(),
            _ => 0,
        };
        println!("{mode} {n}");
        return Ok(());
    }
    if only_findings {
        let scans: Vec<_> = docs.iter().map(|x| d.debug_scan(x)).collect();
        let c0 = cpu_ns();
        let n: usize = (0..rounds.max(1))
            .map(|_| scans.iter().map(|s| s.findings()).sum::<usize>())
            .sum();
        let secs = (cpu_ns() - c0) as f64 / 1e9;
        println!(
            "findings {n}: {:.0} MB/s cpu",
            mb * rounds.max(1) as f64 / secs
        );
        return Ok(());
    }
    let (mut kw, mut fi, mut all) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds.max(1) {
        let c0 = cpu_ns();
        let r: usize = docs.iter().map(|x| d.debug_keyword_pass(x)).sum();
        let c1 = cpu_ns();
        let n: usize = docs.iter().map(|x| d.detect(x).len()).sum();
        let c2 = cpu_ns();
        let scans: Vec<_> = docs.iter().map(|x| d.debug_scan(x)).collect();
        let c3 = cpu_ns();
        let f: usize = scans.iter().map(|s| s.findings()).sum();
        let c4 = cpu_ns();
        let rate = |ns: u64| mb / (ns as f64 / 1e9);
        let (a, b, c) = (rate(c1 - c0), rate(c4 - c3), rate(c2 - c1));
        println!(
            "keyword pass {r}: {a:.0} MB/s cpu; findings {f}: {b:.0} MB/s cpu ({:.2} ns/B); detect {n}: {c:.0} MB/s cpu",
            1e3 / b
        );
        kw.push(a);
        fi.push(b);
        all.push(c);
    }
    for v in [&mut kw, &mut fi, &mut all] {
        v.sort_by(f64::total_cmp);
    }
    let fm = fi[fi.len() / 2];
    println!(
        "median: keyword pass {:.0} MB/s, findings {fm:.0} MB/s ({:.2} ns/B), detect {:.0} MB/s",
        kw[kw.len() / 2],
        1e3 / fm,
        all[all.len() / 2]
    );
    Ok(())
}
