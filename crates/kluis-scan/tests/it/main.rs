//! Integration tests of kluis-scan through its public API, `run()` and the built `kluis-scan` binary.

mod cli;
mod isolation;
mod partial;
mod pipeline;

use kluis_scan::{DocumentReport, Isolation, ScanOptions, ScanStats, WorkerConfig, scan_paths};
use std::ffi::OsString;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The labelled development corpus: 300 documents.
pub fn corpus() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/dev/docs");
    assert!(
        dir.is_dir(),
        "{} is absent: these tests need ../shared beside the checkout",
        dir.display()
    );
    dir
}

/// The built binary: `kluis-scan extract-worker` is the worker.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_kluis-scan"))
}

pub fn worker(env: &[(&str, &str)]) -> WorkerConfig {
    WorkerConfig {
        program: bin(),
        args: vec![OsString::from("extract-worker")],
        env: env
            .iter()
            .map(|(k, v)| (OsString::from(k), OsString::from(v)))
            .collect(),
        ..WorkerConfig::default()
    }
}

pub fn isolated(env: &[(&str, &str)]) -> ScanOptions {
    ScanOptions {
        isolation: Isolation::Workers(worker(env)),
        jobs: 2,
        ..ScanOptions::default()
    }
}

/// Scans and collects (fine for the small trees of the tests).
pub fn scan_all(
    paths: &[PathBuf],
    opts: &ScanOptions,
    cache: Option<&kluis_scan::Cache>,
) -> (Vec<DocumentReport>, ScanStats) {
    let mut out = Vec::new();
    let stats = scan_paths(paths, opts, cache, |r| {
        out.push(r);
        ControlFlow::Continue(())
    });
    out.sort_by(|a, b| a.path.cmp(&b.path));
    (out, stats)
}

pub fn copy_corpus_files(dir: &Path, names: &[&str]) {
    for n in names {
        std::fs::copy(corpus().join(n), dir.join(n)).expect("copy corpus file");
    }
}

pub fn by_name<'a>(reports: &'a [DocumentReport], name: &str) -> &'a DocumentReport {
    reports
        .iter()
        .find(|r| r.path.ends_with(name))
        .unwrap_or_else(|| {
            panic!(
                "no report for {name}: {:?}",
                reports.iter().map(|r| &r.path).collect::<Vec<_>>()
            )
        })
}

pub const SHORT: Duration = Duration::from_secs(2);
