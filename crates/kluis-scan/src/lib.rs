//! The document scanning pipeline: walk paths, extract in isolated workers, detect, cache, and report.
//!
//! Entry points:
//! - [`scan_document`]: one document's bytes to reports, in this process (what a worker runs);
//! - [`scan_paths`]: files and directories, streamed through a pool of isolated workers, with a cache;
//! - [`WorkerScanner`]: documents in memory (uploads) through one isolated worker, for the server;
//! - [`ScanArgs`] + [`run`]: the `kluis scan` command; [`worker_main`]: the hidden `kluis extract-worker`.
//!
//! The binary must route `extract-worker` to [`worker_main`] before anything (logging, config) writes to stdout:
//! stdout is the worker's answer channel.
//!
//! # Reports
//! One [`DocumentReport`] per document (and per container member, `archive.zip!/member.docx`); `--format jsonl`
//! writes them one JSON object a line. Its `status` is one of [`ScanStatus::as_str`]. A document of which some
//! content was not read is never `ok`: `partial` when it read fine itself but a member, attachment or part was
//! not (a ZIP nested past the depth limit, a damaged member), `limit_exceeded` when a limit stopped its own
//! reading; both list why in `partial` (`["depth_limit"]`, see [`PartialReason`]). A container read in full with
//! no text of its own has no report; one read in part has one, so the document itself is marked.
//!
//! Each finding's `location` is a [`Location`], serialised as documented in `kluis_extract` (stable):
//! `{"page":3}`, `{"paragraph":12}`, `{"table_cell":{"paragraph":14,"table":1,"row":2,"col":3}}`,
//! `{"cell":{"sheet":"Klanten","row":7,"col":2}}` (a CSV field: no `sheet`), `{"part":"comments"}`,
//! `{"attachment":{"name":"cv.pdf","within":{"page":1}}}`. The table, CSV and HTML outputs show it in English
//! words (`sheet Klanten, cell B7`).

mod cache;
mod cli;
mod document;
mod output;
mod pipeline;
mod report;
mod worker;

pub use cache::{Cache, default_cache_dir, rules_version};
pub use cli::{
    EXIT_FAILED_FILES, EXIT_FOUND, EXIT_OK, EXIT_USAGE, FailOn, OutputFormat, ScanArgs, run,
};
pub use document::scan_document;
pub use pipeline::{ScanStats, WorkerScanner, scan_paths};
pub use report::{
    DocumentReport, Location, Part, PartialReason, ReportFinding, ScanStatus, column_letters,
};
pub use worker::{ENV_CRASH_ON, ENV_HANG_ON, ENV_NOISE_ON, WorkerConfig, worker_main};

use std::time::{Duration, Instant};

/// Where parsers run.
#[derive(Debug, Clone)]
pub enum Isolation {
    /// In this process, panics caught with `catch_unwind`. Aborts (stack overflow, allocation failure) take the
    /// process down: for trusted input, library use and tests.
    InProcess,
    /// In child processes with memory and CPU limits and a wall-clock timeout: for untrusted files.
    Workers(WorkerConfig),
}

/// How to scan.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub isolation: Isolation,
    /// Files scanned at the same time (one worker process each).
    pub jobs: usize,
    /// Files larger than this are reported as `limit_exceeded` without being read.
    pub max_file_size: u64,
    /// Wall-clock time allowed per file. Workers are killed past it; in-process the extractor stops at its
    /// deadline (a parser stuck in a loop cannot be stopped in-process).
    pub timeout: Duration,
    /// Allow OCR (`tesseract`, when installed) for images and PDFs without text.
    pub ocr: bool,
    /// Findings kept per document (the first ones in text order; `findings_total` then says how many there
    /// were); 0 keeps all. Bounds memory on huge generated lists.
    pub max_findings: usize,
    /// Files never scanned, e.g. the report being written into the scanned tree (compared by file identity).
    pub exclude: Vec<std::path::PathBuf>,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            isolation: Isolation::Workers(WorkerConfig::default()),
            jobs: default_jobs(),
            max_file_size: 64 << 20,
            timeout: Duration::from_secs(30),
            ocr: true,
            max_findings: 10_000,
            exclude: Vec::new(),
        }
    }
}

impl ScanOptions {
    /// Defaults, but parsing in this process.
    pub fn in_process() -> Self {
        ScanOptions {
            isolation: Isolation::InProcess,
            ..ScanOptions::default()
        }
    }

    /// The extractor's limits for one document started now.
    pub(crate) fn extract_limits(&self) -> kluis_extract::Limits {
        kluis_extract::Limits {
            max_input_bytes: self.max_file_size,
            // Stop a little before the parent's hard timeout, so a slow document ends as `limit_exceeded` with
            // the text found so far rather than as a killed worker.
            deadline: Some(Instant::now() + self.timeout.mul_f32(0.8)),
            ocr: self.ocr,
            ..kluis_extract::Limits::default()
        }
    }
}

/// Number of CPUs available to this process.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
