//! Scanning many files: a streaming walk feeding a fixed pool of scanning threads through bounded channels.
//!
//! Memory stays bounded whatever the tree: the walk is lazy, both channels are bounded, small files are read
//! whole (at most `SMALL_FILE` bytes per thread), larger ones are hashed and streamed to the worker from disk,
//! and reports are handed to the caller's sink one by one, never collected.

use crate::cache::Cache;
use crate::report::{DocumentReport, ScanStatus};
use crate::worker::{Source, Worker, WorkerFailure};
use crate::{Isolation, ScanOptions};
use crossbeam_channel::bounded;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Files up to this size are read into memory once; larger ones are streamed twice (hash, then worker).
const SMALL_FILE: u64 = 4 << 20;

/// Counters of one scan run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanStats {
    /// Regular files found by the walk.
    pub files: u64,
    /// Reports produced (documents, container members included).
    pub documents: u64,
    /// Files whose reports came from the cache.
    pub cache_hits: u64,
    /// Files sent to extraction (in a worker or in-process).
    pub extracted: u64,
    /// Worker processes started.
    pub workers_started: u64,
    /// Bytes of the files scanned.
    pub bytes: u64,
}

enum Item {
    File(PathBuf),
    /// A walk error (unreadable directory, vanished entry) for this path.
    Error(String, String),
}

/// Scans `paths` (files or directories, walked recursively without following symlinks) and hands each
/// document's report to `sink` as soon as it is ready, in completion order; `sink` may stop the scan early. A path that does not exist yields
/// one `unreadable` report. Never panics on file content; a crashed or hung worker costs one report.
pub fn scan_paths(
    paths: &[PathBuf],
    opts: &ScanOptions,
    cache: Option<&Cache>,
    mut sink: impl FnMut(DocumentReport) -> ControlFlow<()>,
) -> ScanStats {
    let jobs = opts.jobs.max(1);
    let (item_tx, item_rx) = bounded::<Item>(jobs * 8);
    let (report_tx, report_rx) = bounded::<(DocumentReport, ThreadStats)>(256);
    let mut stats = ScanStats::default();

    std::thread::scope(|s| {
        s.spawn(move || {
            let excluded: Vec<FileId> = opts.exclude.iter().filter_map(|p| file_id(p)).collect();
            for root in paths {
                for entry in walkdir::WalkDir::new(root)
                    .follow_links(false)
                    .sort_by_file_name()
                {
                    let item = match entry {
                        Ok(e) if e.file_type().is_file() => {
                            if !excluded.is_empty()
                                && file_id(e.path()).is_some_and(|id| excluded.contains(&id))
                            {
                                continue;
                            }
                            Item::File(e.into_path())
                        }
                        Ok(e) if e.depth() == 0 && e.path_is_symlink() => {
                            match std::fs::metadata(e.path()) {
                                Ok(m) if m.is_file() => Item::File(e.into_path()),
                                _ => continue,
                            }
                        }
                        Ok(_) => continue,
                        Err(err) => {
                            let path = err.path().unwrap_or(root).display().to_string();
                            let why = err
                                .io_error()
                                .map_or_else(|| err.to_string(), |io| io.to_string());
                            Item::Error(path, why)
                        }
                    };
                    if item_tx.send(item).is_err() {
                        return;
                    }
                }
            }
        });

        for _ in 0..jobs {
            let item_rx = item_rx.clone();
            let report_tx = report_tx.clone();
            s.spawn(move || {
                let mut worker: Option<Worker> = None;
                for item in item_rx.iter() {
                    let mut t = ThreadStats::default();
                    let reports = match item {
                        Item::Error(path, why) => {
                            vec![DocumentReport::failed(path, ScanStatus::Unreadable, why)]
                        }
                        Item::File(path) => scan_file(&path, opts, cache, &mut worker, &mut t),
                    };
                    let mut first = true;
                    for r in reports {
                        let ts = if first {
                            std::mem::take(&mut t)
                        } else {
                            ThreadStats::default()
                        };
                        first = false;
                        if report_tx.send((r, ts)).is_err() {
                            return;
                        }
                    }
                }
            });
        }
        drop(report_tx);
        drop(item_rx);

        for (report, t) in report_rx.iter() {
            stats.documents += 1;
            stats.files += t.files;
            stats.cache_hits += t.cache_hits;
            stats.extracted += t.extracted;
            stats.workers_started += t.workers_started;
            stats.bytes += t.bytes;
            if sink(report).is_break() {
                // Dropping the receiver makes the scanning threads and the walk stop at their next send.
                break;
            }
        }
        drop(report_rx);
    });
    stats
}

/// A file's identity: device and inode, so any path to it matches.
#[derive(PartialEq, Eq)]
struct FileId(u64, u64);

#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    let m = std::fs::metadata(path).ok()?;
    Some(FileId(m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    let _ = path;
    None
}

#[derive(Default)]
struct ThreadStats {
    files: u64,
    cache_hits: u64,
    extracted: u64,
    workers_started: u64,
    bytes: u64,
}

/// Scans one file from disk: size check, hash, cache, then extraction (in a worker or in-process).
fn scan_file(
    path: &Path,
    opts: &ScanOptions,
    cache: Option<&Cache>,
    worker: &mut Option<Worker>,
    t: &mut ThreadStats,
) -> Vec<DocumentReport> {
    t.files = 1;
    let name = path.display().to_string();
    let unreadable = |e: std::io::Error| {
        vec![DocumentReport::failed(
            &name,
            ScanStatus::Unreadable,
            e.to_string(),
        )]
    };
    let len = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => return unreadable(e),
    };
    t.bytes = len;
    if len > opts.max_file_size {
        let mut r = DocumentReport::failed(
            &name,
            ScanStatus::LimitExceeded,
            format!(
                "file larger than {} bytes (--max-file-size)",
                opts.max_file_size
            ),
        );
        r.partial = vec![crate::PartialReason::SizeLimit];
        r.bytes = Some(len);
        return vec![r];
    }

    // Hash, keeping the content when it is small.
    let (sha, content) = match hash_file(path, len) {
        Ok(x) => x,
        Err(e) => return unreadable(e),
    };
    let len = content.as_ref().map_or(len, |c| c.len() as u64);
    // Options that change the reports are part of the key.
    let content_key = format!(
        "{sha} max_file_size={} max_findings={} ocr={}",
        opts.max_file_size, opts.max_findings, opts.ocr
    );
    if let Some(hit) = cache.and_then(|c| c.get(&name, &content_key)) {
        t.cache_hits = 1;
        return hit;
    }

    t.extracted = 1;
    let mut reports = match &opts.isolation {
        Isolation::InProcess => {
            let bytes = match content {
                Some(c) => c,
                None => match std::fs::read(path) {
                    Ok(b) => b,
                    Err(e) => return unreadable(e),
                },
            };
            crate::document::scan_document(&name, &bytes, opts)
        }
        Isolation::Workers(cfg) => {
            if worker
                .as_ref()
                .is_some_and(|w| w.served() >= cfg.recycle_after)
            {
                *worker = None;
            }
            if worker.is_none() {
                match Worker::spawn(cfg, opts) {
                    Ok(w) => {
                        t.workers_started += 1;
                        *worker = Some(w);
                    }
                    Err(e) => {
                        return vec![DocumentReport::failed(
                            &name,
                            ScanStatus::Crashed,
                            format!("could not start the extraction worker: {e}"),
                        )];
                    }
                }
            }
            let Some(w) = worker.as_mut() else {
                return vec![];
            };
            let source = match &content {
                Some(c) => Source::Bytes(c),
                None => Source::File(path, len),
            };
            match w.scan(&name, source, opts.timeout) {
                Ok(r) => r,
                Err(failure) => {
                    *worker = None;
                    vec![failure_report(&name, failure, opts.timeout)]
                }
            }
        }
    };
    for r in &mut reports {
        if r.path == name {
            r.sha256 = Some(sha.clone());
            r.bytes = Some(len);
        }
    }
    if let Some(c) = cache {
        c.put(&name, &content_key, &reports);
    }
    reports
}

/// SHA-256 of a file, and its content when it is small enough to keep.
fn hash_file(path: &Path, len: u64) -> std::io::Result<(String, Option<Vec<u8>>)> {
    let mut file = std::fs::File::open(path)?;
    if len <= SMALL_FILE {
        let mut buf = Vec::with_capacity(len as usize);
        file.take(SMALL_FILE + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 <= SMALL_FILE {
            let sha = hex::encode(Sha256::digest(&buf));
            return Ok((sha, Some(buf)));
        }
        // It grew since it was measured: fall through to streaming.
        file = std::fs::File::open(path)?;
    }
    let mut h = Sha256::new();
    std::io::copy(&mut file, &mut h)?;
    Ok((hex::encode(h.finalize()), None))
}

/// Scans documents held in memory (uploads) in an isolated worker process, one at a time: the server's entry
/// point. Keeps its worker between calls and replaces it after a crash, a timeout or `recycle_after` documents.
/// Not `Sync`: give each thread its own, or keep a few behind a mutex.
pub struct WorkerScanner {
    opts: ScanOptions,
    worker: Option<Worker>,
}

impl WorkerScanner {
    /// `opts.isolation` must be `Workers`; with `InProcess` documents are scanned in this process.
    pub fn new(opts: ScanOptions) -> WorkerScanner {
        WorkerScanner { opts, worker: None }
    }

    /// The reports for one document (several for a container), never an error: failures are reports.
    pub fn scan(&mut self, name: &str, bytes: &[u8]) -> Vec<DocumentReport> {
        let cfg = match &self.opts.isolation {
            Isolation::InProcess => return crate::document::scan_document(name, bytes, &self.opts),
            Isolation::Workers(cfg) => cfg,
        };
        if bytes.len() as u64 > self.opts.max_file_size {
            let mut r = DocumentReport::failed(
                name,
                ScanStatus::LimitExceeded,
                format!("file larger than {} bytes", self.opts.max_file_size),
            );
            r.partial = vec![crate::PartialReason::SizeLimit];
            r.bytes = Some(bytes.len() as u64);
            return vec![r];
        }
        if self
            .worker
            .as_ref()
            .is_some_and(|w| w.served() >= cfg.recycle_after)
        {
            self.worker = None;
        }
        if self.worker.is_none() {
            match Worker::spawn(cfg, &self.opts) {
                Ok(w) => self.worker = Some(w),
                Err(e) => {
                    return vec![DocumentReport::failed(
                        name,
                        ScanStatus::Crashed,
                        format!("could not start the extraction worker: {e}"),
                    )];
                }
            }
        }
        let Some(w) = self.worker.as_mut() else {
            return vec![];
        };
        match w.scan(name, Source::Bytes(bytes), self.opts.timeout) {
            Ok(reports) => reports,
            Err(failure) => {
                self.worker = None;
                vec![failure_report(name, failure, self.opts.timeout)]
            }
        }
    }
}

fn failure_report(
    name: &str,
    failure: WorkerFailure,
    timeout: std::time::Duration,
) -> DocumentReport {
    let (status, why) = match failure {
        WorkerFailure::Timeout => (
            ScanStatus::Timeout,
            format!(
                "no result within {} s (--timeout); the worker was stopped",
                timeout.as_secs_f32()
            ),
        ),
        WorkerFailure::Crashed(why) => (ScanStatus::Crashed, why),
        WorkerFailure::Source(e) => (ScanStatus::Unreadable, e.to_string()),
    };
    DocumentReport::failed(name, status, why)
}
