//! Benchmarks of the whole scan pipeline: throughput over the dev corpus and peak memory over a large tree.
//!
//! ```text
//! cargo bench -p kluis-scan --bench pipeline -- [--copies 10] [--runs 5] [--jobs 2] [--tree-mb 5000]
//!                                               [--skip-throughput] [--skip-memory]
//! ```
//! `--tree-mb` (or `KLUIS_BENCH_TREE_MB`) sizes the generated tree of the memory benchmark; CI can run e.g.
//! `--tree-mb 200`. Everything runs the built `kluis-scan` binary (the CLI with isolated workers) as a separate
//! process, exactly as a user would. Trees are generated in a temporary directory and deleted afterwards.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

struct Opts {
    copies: usize,
    runs: usize,
    jobs: usize,
    tree_mb: u64,
    throughput: bool,
    memory: bool,
}

fn parse_opts() -> Opts {
    let mut o = Opts {
        copies: 10,
        runs: 5,
        jobs: 2,
        tree_mb: std::env::var("KLUIS_BENCH_TREE_MB")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(5000),
        throughput: true,
        memory: true,
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize| args.get(i + 1).and_then(|v| v.parse::<u64>().ok());
    for (i, a) in args.iter().enumerate() {
        match a.as_str() {
            "--copies" => o.copies = num(i).map_or(o.copies, |n| n as usize),
            "--runs" => o.runs = num(i).map_or(o.runs, |n| n as usize),
            "--jobs" => o.jobs = num(i).map_or(o.jobs, |n| n as usize),
            "--tree-mb" => o.tree_mb = num(i).unwrap_or(o.tree_mb),
            "--skip-throughput" => o.throughput = false,
            "--skip-memory" => o.memory = false,
            _ => {}
        }
    }
    o
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev/docs")
}

fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kluis-scan"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn copy_corpus(dst: &Path, copies: usize) -> u64 {
    let files: Vec<PathBuf> = std::fs::read_dir(corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .collect();
    let mut n = 0;
    for c in 0..copies {
        let d = dst.join(format!("copy{c:05}"));
        std::fs::create_dir_all(&d).expect("mkdir");
        for f in &files {
            std::fs::copy(f, d.join(f.file_name().expect("name"))).expect("copy");
            n += 1;
        }
    }
    n
}

/// Runs the CLI once; returns wall time and the documents reported.
fn run_cli(args: &[&str]) -> (Duration, u64) {
    let started = Instant::now();
    let out = Command::new(bin())
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .expect("run kluis-scan");
    let t = started.elapsed();
    let docs = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .count() as u64;
    (t, docs)
}

fn throughput(o: &Opts) {
    let dir = tempfile::tempdir().expect("tempdir");
    let tree = dir.path().join("tree");
    let files = copy_corpus(&tree, o.copies);
    let tree_s = tree.display().to_string();
    let jobs = o.jobs.to_string();
    let cache = dir.path().join("cache").display().to_string();
    println!(
        "## throughput: dev corpus x{} = {files} documents, {} jobs",
        o.copies, o.jobs
    );

    let measure = |label: &str, extra: &[&str], warm: bool| {
        let mut args = vec![tree_s.as_str(), "--format", "jsonl", "-j", jobs.as_str()];
        args.extend_from_slice(extra);
        if warm {
            run_cli(&args);
        }
        let mut rates = Vec::new();
        for _ in 0..o.runs {
            let (t, docs) = run_cli(&args);
            assert_eq!(docs, files, "{label}: every document reported");
            rates.push(docs as f64 / t.as_secs_f64());
        }
        let m = median(rates.clone());
        let min = rates.iter().copied().fold(f64::MAX, f64::min);
        let max = rates.iter().copied().fold(0.0, f64::max);
        println!(
            "{label:<44} median {m:>8.0} docs/s  (min {min:.0}, max {max:.0}, {} runs)",
            o.runs
        );
        m
    };
    let isolated = measure("isolated workers, no cache", &["--no-cache"], true);
    let inproc = measure(
        "in-process parsing, no cache",
        &["--no-cache", "--in-process"],
        false,
    );
    let cached = measure(
        "isolated workers, cache warm (re-scan)",
        &["--cache", cache.as_str()],
        true,
    );
    println!(
        "ratios: isolated / in-process = {:.2}; cached re-scan / cold isolated scan = {:.1}",
        isolated / inproc,
        cached / isolated
    );
}

/// Sizes of one process from /proc: (VmRSS, VmHWM) in KiB.
fn mem_of(pid: u32) -> Option<(u64, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

fn children_of(pid: u32) -> Vec<u32> {
    let mut out = Vec::new();
    if let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) {
        for t in tasks.flatten() {
            if let Ok(c) = std::fs::read_to_string(t.path().join("children")) {
                out.extend(c.split_whitespace().filter_map(|p| p.parse::<u32>().ok()));
            }
        }
    }
    out
}

/// Writes `size` bytes of `unit` repeated to `path`.
fn write_repeated(path: &Path, unit: &[u8], size: u64) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut written = 0;
    while written < size {
        let n = unit.len().min((size - written) as usize);
        f.write_all(&unit[..n]).expect("write");
        written += n as u64;
    }
    f.flush().expect("flush");
}

fn memory(o: &Opts) {
    let dir = tempfile::tempdir().expect("tempdir");
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(&tree).expect("mkdir");
    let target = o.tree_mb << 20;
    // A fifth corpus copies (many small documents), four fifths large files: 24 MB text and CSV full of
    // personal data, and 12 MB ZIP archives of corpus documents.
    let corpus_bytes: u64 = std::fs::read_dir(corpus())
        .expect("corpus")
        .flatten()
        .map(|e| e.metadata().map_or(0, |m| m.len()))
        .sum();
    let copies = ((target / 5) / corpus_bytes).max(1) as usize;
    let started = Instant::now();
    let mut files = copy_corpus(&tree.join("small"), copies);
    let mut txt = Vec::new();
    let mut csv = Vec::new();
    let mut members = Vec::new();
    for e in std::fs::read_dir(corpus()).expect("corpus").flatten() {
        let p = e.path();
        let data = std::fs::read(&p).expect("read");
        match p.extension().and_then(|x| x.to_str()) {
            Some("txt") => {
                txt.extend_from_slice(&data);
                txt.push(b'\n');
            }
            Some("csv") => {
                let body = data.splitn(2, |b| *b == b'\n').nth(1).unwrap_or(&[]);
                csv.extend_from_slice(body);
            }
            _ => {}
        }
        members.push((
            p.file_name().expect("name").to_string_lossy().into_owned(),
            data,
        ));
    }
    let big = tree.join("large");
    std::fs::create_dir_all(&big).expect("mkdir");
    let mut written = copies as u64 * corpus_bytes;
    let mut i = 0;
    while written < target {
        match i % 3 {
            0 => write_repeated(&big.join(format!("notes{i:04}.txt")), &txt, 24 << 20),
            1 => write_repeated(&big.join(format!("klanten{i:04}.csv")), &csv, 24 << 20),
            _ => {
                let f = std::fs::File::create(big.join(format!("archive{i:04}.zip"))).expect("zip");
                let mut z = zip::ZipWriter::new(f);
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Stored);
                let mut size = 0u64;
                let mut k = 0;
                while size < 12 << 20 {
                    let (name, data) = &members[k % members.len()];
                    z.start_file(format!("{k:05}-{name}"), opts)
                        .expect("member");
                    z.write_all(data).expect("write");
                    size += data.len() as u64;
                    k += 1;
                }
                z.finish().expect("finish");
            }
        }
        written += if i % 3 == 2 { 12 << 20 } else { 24 << 20 };
        files += 1;
        i += 1;
    }
    println!(
        "## memory: tree of {:.2} GB ({files} files: {copies} corpus copies + {i} large files), generated in {:.0} s",
        written as f64 / 1e9,
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let mut child = Command::new(bin())
        .arg(&tree)
        .args(["--format", "jsonl", "--no-cache", "-j", &o.jobs.to_string()])
        .stdout(Stdio::piped())
        .spawn()
        .expect("run kluis-scan");
    let pid = child.id();
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = vec![0u8; 1 << 16];
        let mut lines = 0u64;
        loop {
            match std::io::Read::read(&mut stdout, &mut buf) {
                Ok(0) | Err(_) => return lines,
                Ok(n) => lines += buf[..n].iter().filter(|b| **b == b'\n').count() as u64,
            }
        }
    });
    let (mut parent_hwm, mut worker_hwm, mut total_rss) = (0u64, 0u64, 0u64);
    loop {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if let Some((rss, hwm)) = mem_of(pid) {
            parent_hwm = parent_hwm.max(hwm);
            let mut total = rss;
            for c in children_of(pid) {
                if let Some((crss, chwm)) = mem_of(c) {
                    worker_hwm = worker_hwm.max(chwm);
                    total += crss;
                }
            }
            total_rss = total_rss.max(total);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let docs = reader.join().expect("reader");
    let t = started.elapsed();
    println!(
        "scanned {docs} documents in {:.1} s ({:.0} docs/s, {:.0} MB/s)",
        t.as_secs_f64(),
        docs as f64 / t.as_secs_f64(),
        written as f64 / 1e6 / t.as_secs_f64()
    );
    println!(
        "peak memory: parent VmHWM {:.1} MB, largest worker VmHWM {:.1} MB, sampled total RSS (parent + {} workers) {:.1} MB",
        parent_hwm as f64 / 1024.0,
        worker_hwm as f64 / 1024.0,
        o.jobs,
        total_rss as f64 / 1024.0
    );
}

fn main() {
    let o = parse_opts();
    if !bin().exists() {
        eprintln!("build the binary first: cargo build --release -p kluis-scan");
        return;
    }
    if o.throughput {
        throughput(&o);
    }
    if o.memory {
        memory(&o);
    }
}
