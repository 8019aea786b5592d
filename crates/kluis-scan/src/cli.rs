//! The `kluis scan` command: arguments, filters, output, progress and exit codes.

use crate::cache::{Cache, default_cache_dir, rules_version};
use crate::output::{Csv, Formatter, Html, Jsonl, RunInfo, Summary, Table};
use crate::report::DocumentReport;
use crate::{Isolation, ScanOptions, WorkerConfig, scan_paths};
use clap::{Parser, ValueEnum};
use kluis_domain::{EntityType, PersonalDataKind};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Every file was read and analysed (or is of a kind a text scanner cannot read: unsupported, image).
pub const EXIT_OK: u8 = 0;
/// The scan completed, but some files could not be read: corrupt, encrypted, too large, timed out, crashed.
pub const EXIT_FAILED_FILES: u8 = 1;
/// Usage error, or a PATH that does not exist or cannot be read, or the output cannot be written.
pub const EXIT_USAGE: u8 = 2;
/// `--fail-on` was given and a document reached that kind of personal data.
pub const EXIT_FOUND: u8 = 3;

const AFTER_HELP: &str = "\
Output formats:
  table  one line per document and a summary (default)
  jsonl  one JSON object per document: path, class, personal_data, special_categories, findings
         [{type, value, start, end, score, location}], status, reason, format, sha256, bytes.
         Values are printed as they stand in the document (the format is for machines), whatever
         --show-values says: treat the file as personal data.
  csv    one row per finding (a document without findings gets one row with empty finding columns):
         path,class,personal_data,special_categories,status,reason,type,value,start,end,score,location
  html   a self-contained report for a privacy officer: overview by kind, class and entity type with a
         chart, the worst documents first, and the documents that could not be read.
Values are masked in table, csv and html unless --show-values.
--min-kind applies to documents that were read; documents that could not be read are always listed.

Exit codes:
  0  completed; every file was read
  1  completed, but some files could not be read (corrupt, encrypted, too large, timeout, crashed)
  2  usage error, a PATH that does not exist or cannot be read, or the output cannot be written
  3  --fail-on given and a document holds that kind of personal data (takes precedence over 1)";

/// Scan files and directories for personal data.
#[derive(clap::Args, Debug, Clone)]
#[command(after_long_help = AFTER_HELP, after_help = AFTER_HELP)]
pub struct ScanArgs {
    /// Files and directories to scan (directories recursively; symbolic links inside them are not followed).
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Files scanned in parallel [default: number of CPUs].
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// List only documents holding at least this kind of personal data: none, generic or special.
    #[arg(long, value_name = "KIND", default_value = "none", value_parser = parse_kind)]
    pub min_kind: PersonalDataKind,
    /// Report only these entity types, comma separated (e.g. email,bsn,iban).
    #[arg(long, value_name = "TYPES", value_delimiter = ',', value_parser = parse_entity)]
    pub types: Vec<EntityType>,
    /// Show found values in full in table, csv and html output (they are masked by default).
    #[arg(long)]
    pub show_values: bool,
    /// Cache directory for incremental re-scans [default: $XDG_CACHE_HOME/kluis/scan or ~/.cache/kluis/scan].
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Do not read or write the cache.
    #[arg(long, conflicts_with = "cache")]
    pub no_cache: bool,
    /// Skip files larger than this (reported as limit_exceeded); accepts K, M, G suffixes.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,
    /// Seconds allowed per file before its worker is stopped (reported as timeout).
    #[arg(long, value_name = "SECONDS", default_value = "30", value_parser = parse_seconds)]
    pub timeout: Duration,
    /// Findings kept per document, the first ones in the text (jsonl then gives `findings_total`); 0 keeps all.
    #[arg(long, value_name = "N", default_value_t = 10_000)]
    pub max_findings: usize,
    /// Exit with code 3 when a document holds this kind of personal data (or more): generic or special.
    #[arg(long, value_enum, value_name = "KIND")]
    pub fail_on: Option<FailOn>,
    /// Never run OCR (tesseract) on images and PDFs without text.
    #[arg(long)]
    pub no_ocr: bool,
    /// No progress bar (shown on standard error when it is a terminal and the report goes elsewhere).
    #[arg(long)]
    pub no_progress: bool,
    /// Parse in this process instead of isolated workers: faster to start, but a hostile file can crash the
    /// whole scan. For trusted files and debugging.
    #[arg(long, hide = true)]
    pub in_process: bool,
    /// How to start extraction workers; by default this executable with `extract-worker`. Set by tests and by
    /// embedders whose binary routes the worker differently.
    #[arg(skip)]
    pub worker: Option<WorkerConfig>,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputFormat {
    Table,
    Jsonl,
    Csv,
    Html,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailOn {
    Generic,
    Special,
}

impl FailOn {
    fn kind(self) -> PersonalDataKind {
        match self {
            FailOn::Generic => PersonalDataKind::Generic,
            FailOn::Special => PersonalDataKind::Special,
        }
    }
}

#[derive(Parser)]
#[command(name = "kluis scan")]
struct Standalone {
    #[command(flatten)]
    args: ScanArgs,
}

impl ScanArgs {
    /// Parses `kluis scan` arguments (the first item is the program name), for embedders without their own clap
    /// tree, examples and tests.
    pub fn try_parse_from<I, T>(iter: I) -> Result<ScanArgs, clap::Error>
    where
        I: IntoIterator<Item = T>,
        T: Into<std::ffi::OsString> + Clone,
    {
        Standalone::try_parse_from(iter).map(|s| s.args)
    }

    /// Parses the process arguments, exiting with a message (code 2) on a usage error.
    pub fn parse() -> ScanArgs {
        Standalone::parse().args
    }
}

fn parse_kind(s: &str) -> Result<PersonalDataKind, String> {
    s.parse()
        .map_err(|_| format!("'{s}' is not a kind: use none, generic or special"))
}

fn parse_entity(s: &str) -> Result<EntityType, String> {
    s.trim().parse().map_err(|_| {
        let all: Vec<&str> = EntityType::ALL.iter().map(|e| e.as_str()).collect();
        format!(
            "'{s}' is not an entity type; known types: {}",
            all.join(", ")
        )
    })
}

fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let (num, mult) = match t.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        None => (t, 1u64),
        Some((i, _)) => {
            let unit = t[i..].trim().to_ascii_lowercase();
            let unit = unit.trim_end_matches('b').trim_end_matches('i');
            let m = match unit {
                "" => 1,
                "k" => 1 << 10,
                "m" => 1 << 20,
                "g" => 1 << 30,
                _ => return Err(format!("'{s}' is not a size: use e.g. 500K, 64M, 1G")),
            };
            (&t[..i], m)
        }
    };
    num.parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("'{s}' is not a size: use e.g. 500K, 64M, 1G"))
}

fn parse_seconds(s: &str) -> Result<Duration, String> {
    match s.trim().trim_end_matches('s').parse::<f64>() {
        Ok(x) if x > 0.0 && x < 1e7 => Ok(Duration::from_secs_f64(x)),
        _ => Err(format!("'{s}' is not a number of seconds")),
    }
}

/// Runs `kluis scan`. Writes the report, prints one line per bad path on stderr, and returns the exit code
/// documented in `--help`.
pub fn run(args: ScanArgs) -> ExitCode {
    let started = Instant::now();
    let mut usage_error = false;
    let mut paths = Vec::with_capacity(args.paths.len());
    for p in &args.paths {
        match std::fs::metadata(p) {
            Ok(m) if m.is_file() || m.is_dir() => paths.push(p.clone()),
            Ok(_) => {
                eprintln!(
                    "kluis scan: {}: not a regular file or directory, skipped",
                    p.display()
                );
                usage_error = true;
            }
            Err(e) => {
                eprintln!("kluis scan: {}: {}", p.display(), io_reason(&e));
                usage_error = true;
            }
        }
    }
    if paths.is_empty() {
        return ExitCode::from(EXIT_USAGE);
    }

    let mut opts = ScanOptions {
        isolation: if args.in_process {
            Isolation::InProcess
        } else {
            Isolation::Workers(args.worker.clone().unwrap_or_default())
        },
        jobs: args.jobs.unwrap_or_else(crate::default_jobs).max(1),
        max_file_size: args.max_file_size,
        timeout: args.timeout,
        ocr: !args.no_ocr,
        max_findings: args.max_findings,
        exclude: Vec::new(),
    };
    if let Isolation::Workers(w) = &mut opts.isolation {
        // The CPU budget per document follows the wall-clock budget.
        w.cpu_limit = w.cpu_limit.min(args.timeout.max(Duration::from_secs(1)));
    }

    let cache = if args.no_cache {
        None
    } else {
        match args.cache.clone().or_else(default_cache_dir) {
            None => None,
            Some(dir) => match Cache::open(&dir, rules_version()) {
                Ok(c) => Some(c),
                Err(e) => {
                    eprintln!(
                        "kluis scan: cache {} unusable ({}); scanning without it",
                        dir.display(),
                        io_reason(&e)
                    );
                    None
                }
            },
        }
    };

    let out: Box<dyn Write> = match &args.output {
        None => Box::new(io::BufWriter::with_capacity(64 * 1024, io::stdout().lock())),
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => {
                // The report may be written inside the scanned tree: never scan it.
                opts.exclude.push(path.clone());
                Box::new(io::BufWriter::with_capacity(64 * 1024, f))
            }
            Err(e) => {
                eprintln!(
                    "kluis scan: cannot write {}: {}",
                    path.display(),
                    io_reason(&e)
                );
                return ExitCode::from(EXIT_USAGE);
            }
        },
    };
    let mut fmt: Box<dyn Formatter> = match args.format {
        OutputFormat::Jsonl => Box::new(Jsonl(out)),
        OutputFormat::Table => Box::new(Table {
            out,
            show_values: args.show_values,
            header_done: false,
        }),
        OutputFormat::Csv => Box::new(Csv {
            out,
            show_values: args.show_values,
            header_done: false,
        }),
        OutputFormat::Html => Box::new(Html::new(out, args.show_values)),
    };

    // On a terminal that also shows the report, the report's own lines are the progress.
    let report_on_screen = args.output.is_none() && io::stdout().is_terminal();
    let progress =
        (!args.no_progress && io::stderr().is_terminal() && !report_on_screen).then(|| {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} documents  {per_sec}  {elapsed}  {msg}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            pb.enable_steady_tick(Duration::from_millis(120));
            pb
        });

    let mut summary = Summary::default();
    let mut write_error: Option<io::Error> = None;
    let mut found_fail_kind = false;
    let fail_kind = args.fail_on.map(FailOn::kind);
    let stats = scan_paths(
        &paths,
        &opts,
        cache.as_ref(),
        |mut report: DocumentReport| {
            if let Some(pb) = &progress {
                pb.inc(1);
                if report.status.is_failure() {
                    pb.set_message(format!("{} not readable", summary.failed + 1));
                }
            }
            if fail_kind.is_some_and(|k| report.personal_data >= k) {
                found_fail_kind = true;
            }
            if !args.types.is_empty() {
                report.findings.retain(|f| args.types.contains(&f.entity));
            }
            summary.add(&report);
            let listed = report.personal_data >= args.min_kind || report.status.is_failure();
            if listed {
                summary.shown += 1;
                if let Err(e) = fmt.document(&report) {
                    write_error = Some(e);
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        },
    );
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    let info = RunInfo {
        files: stats.files,
        bytes: stats.bytes,
        cache_hits: stats.cache_hits,
        elapsed: started.elapsed(),
        show_values: args.show_values,
    };
    if write_error.is_none()
        && let Err(e) = fmt.finish(&summary, &info)
    {
        write_error = Some(e);
    }
    drop(fmt);
    if let Some(e) = write_error {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader (e.g. `head`) has had enough: not an error of the scan.
            return ExitCode::from(EXIT_OK);
        }
        eprintln!("kluis scan: cannot write the report: {}", io_reason(&e));
        return ExitCode::from(EXIT_USAGE);
    }
    if summary.failed > 0 && !matches!(args.format, OutputFormat::Table) {
        eprintln!(
            "kluis scan: {} of {} documents could not be read",
            summary.failed, summary.documents
        );
    }
    let code = if usage_error {
        EXIT_USAGE
    } else if found_fail_kind {
        EXIT_FOUND
    } else if summary.failed > 0 {
        EXIT_FAILED_FILES
    } else {
        EXIT_OK
    };
    ExitCode::from(code)
}

/// An IO error in words, without Rust's "(os error 2)" noise.
fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}
