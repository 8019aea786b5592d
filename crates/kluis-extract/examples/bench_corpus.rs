//! Times `extract` over every file of a directory: `bench_corpus DIR [ROUNDS]`.
//! Files are read into memory first so only extraction is measured (single thread).

use std::time::Instant;

use kluis_extract::{Limits, extract};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: bench_corpus DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: u32 = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let mut files = Vec::new();
    for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
        if let Ok(b) = std::fs::read(e.path()) {
            files.push((e.file_name().to_string_lossy().into_owned(), b));
        }
    }
    files.sort();
    let limits = Limits {
        ocr: false,
        ..Limits::default()
    };
    let mut per_ext: std::collections::BTreeMap<String, (u128, usize)> = Default::default();
    let mut best = u128::MAX;
    for _ in 0..rounds {
        let t0 = Instant::now();
        for (name, bytes) in &files {
            let t = Instant::now();
            let e = extract(name, bytes, &limits);
            std::hint::black_box(&e);
            let ext = name.rsplit('.').next().unwrap_or("").to_owned();
            let s = per_ext.entry(ext).or_default();
            s.0 += t.elapsed().as_micros();
            s.1 += 1;
        }
        best = best.min(t0.elapsed().as_micros());
    }
    println!(
        "{} files, best of {rounds} rounds: {:.1} ms total",
        files.len(),
        best as f64 / 1000.0
    );
    for (ext, (us, n)) in per_ext {
        println!(
            "  {ext:5} {:8.1} us/doc (mean over rounds)",
            us as f64 / n as f64
        );
    }
}
