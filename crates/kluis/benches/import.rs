//! Import of a generated customer file through the real binary (`kluis relations import`): wall time and the
//! process's peak RSS (`VmHWM`), on SQLite and, when `KLUIS_TEST_DATABASE_URL` names a server, on PostgreSQL in a
//! throwaway database. Target (issue 15): 1,000,000 relations from CSV in < 60 s with < 200 MB.
//!
//! ```text
//! cargo bench -p kluis --bench import
//! KLUIS_TEST_DATABASE_URL=postgres://postgres@127.0.0.1:55432/postgres cargo bench -p kluis --bench import
//! KLUIS_BENCH_IMPORT_ROWS=100000 cargo bench -p kluis --bench import   # a smaller file
//! ```

use std::io::{BufWriter, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_kluis");

fn main() {
    let rows: usize = std::env::var("KLUIS_BENCH_IMPORT_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let scratch = tempfile::tempdir().expect("scratch dir");
    println!("# kluis import benchmark\n\nbinary: {BIN}\n");
    let csv = scratch.path().join("klanten.csv");
    let t = Instant::now();
    generate(&csv, rows);
    let size = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    println!(
        "generated {rows} rows, {:.1} MiB, in {:.1} s\n",
        size as f64 / 1_048_576.0,
        t.elapsed().as_secs_f64()
    );
    println!("| database | rows imported | wall time | peak RSS (VmHWM) |\n|---|---|---|---|");
    run(scratch.path(), "sqlite", None, &csv);
    if std::env::var("KLUIS_TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let db = rt.block_on(kluis_store::testing::fresh_database_url());
        run(scratch.path(), "postgres", Some(db.url()), &csv);
        rt.block_on(async move { drop(db) });
    }
}

/// A Dutch customer file: names, e-mail, phone, postcode and city, every e-mail distinct.
fn generate(path: &Path, rows: usize) {
    let given = [
        "Anna", "Bram", "Carla", "Daan", "Eva", "Finn", "Greet", "Hugo", "Iris", "Joost",
    ];
    let family = [
        "Jansen", "de Vries", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder",
    ];
    let cities = [
        "Amsterdam",
        "Utrecht",
        "Zwolle",
        "Groningen",
        "Breda",
        "Delft",
    ];
    let mut w = BufWriter::new(std::fs::File::create(path).expect("csv"));
    writeln!(w, "Voornaam;Achternaam;E-mail;Telefoon;Postcode;Plaats").expect("write");
    for i in 0..rows {
        writeln!(
            w,
            "{};{};klant{i}@voorbeeld.nl;06{:08};{:04} {}{};{}",
            given[i % given.len()],
            family[(i / 7) % family.len()],
            i % 100_000_000,
            1000 + i % 9000,
            (b'A' + (i % 26) as u8) as char,
            (b'A' + ((i / 26) % 26) as u8) as char,
            cities[i % cities.len()],
        )
        .expect("write");
    }
    w.flush().expect("flush");
}

fn kluis(dir: &Path, db: Option<&str>) -> Command {
    let mut c = Command::new(BIN);
    if let Some(url) = db {
        c.env("KLUIS_DATABASE_URL", url);
    }
    c.env("KLUIS_LOG", "warn").arg("--data-dir").arg(dir);
    c
}

fn ok(cmd: &mut Command, what: &str) {
    let out = cmd.output().expect("spawn kluis");
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// An organisation with the demo bakery's register (which needs customers' names and contact details), then the
/// import, timed, with the peak RSS polled from `/proc/<pid>/status` (a high-water mark, so polling misses
/// nothing that lasts).
fn run(scratch: &Path, label: &str, db: Option<&str>, csv: &Path) {
    let dir = scratch.join(label);
    ok(
        kluis(&dir, db).args(["org", "add", "bench", "--name", "Bench BV", "--init"]),
        "org add",
    );
    ok(kluis(&dir, db).args(["demo", "--org", "bench"]), "demo");
    let t0 = Instant::now();
    let mut child = kluis(&dir, db)
        .args(["relations", "import"])
        .arg(csv)
        .args(["--org", "bench"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn import");
    let pid = child.id();
    // Drained while the import runs: it names every refused row on stderr, more than a pipe holds.
    let drain = |r: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut r) = r {
                let _ = r.read_to_string(&mut s);
            }
            s
        })
    };
    let out = drain(child.stdout.take().map(|r| Box::new(r) as _));
    let err = drain(child.stderr.take().map(|r| Box::new(r) as _));
    let mut peak = 0u64;
    let status = loop {
        peak = peak.max(hwm_kib(pid));
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => panic!("waiting for the import: {e}"),
        }
    };
    let elapsed = t0.elapsed();
    let stdout = out.join().expect("stdout");
    let stderr = err.join().expect("stderr");
    assert!(
        status.success(),
        "import failed: {stdout} {}",
        stderr.lines().take(5).collect::<Vec<_>>().join("\n")
    );
    println!(
        "| {label} | {} | {:.1} s | {:.1} MiB |",
        stdout.trim(),
        elapsed.as_secs_f64(),
        peak as f64 / 1024.0
    );
}

fn hwm_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
