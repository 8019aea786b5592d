//! Isolated extraction: the `extract-worker` child process, its wire protocol, and the parent's handle on it.
//!
//! Parsers of hostile files can overflow their stack or abort on a huge allocation (lopdf, calamine), which no
//! `catch_unwind` survives. So each scanning thread of the parent drives one worker process: it sends a request,
//! waits at most the wall-clock timeout for the answer, and kills and respawns the worker when it hangs or dies;
//! that one file is reported as `timeout` or `crashed` and the run goes on.
//!
//! Protocol (all integers little-endian), one request and one response at a time:
//! - request: `u32` name length, name (UTF-8), `u64` content length, content bytes;
//! - response: the 8-byte marker `FRAME_MARK`, `u32` length, JSON array of [`DocumentReport`].
//!
//! The marker lets the parent skip anything a third-party parser prints on stdout (lopdf has `println!`s) instead
//! of reading it as a length; the length is capped, so a garbled stream cannot make the parent allocate gigabytes.
//!
//! Each worker leads its own process group, and it is stopped by killing that group: a `tesseract` or `pdftoppm` it
//! started for OCR dies with it instead of running on, orphaned, after a timeout or a crash.
//!
//! The worker limits itself at start: address space (`KLUIS_WORKER_MEMORY_LIMIT`, bytes, default 1 GiB) and CPU
//! time per request (`KLUIS_WORKER_CPU_LIMIT`, seconds, default 60), enforced with `setrlimit`.
//!
//! Debug hooks, for tests of the isolation (documented, harmless in production since they need the environment):
//! `KLUIS_WORKER_CRASH_ON=TEXT` makes the worker abort on any document whose name contains TEXT;
//! `KLUIS_WORKER_HANG_ON=TEXT` makes it hang; `KLUIS_WORKER_NOISE_ON=TEXT` makes it print junk on stdout first, as a
//! chatty parser would.

use crate::ScanOptions;
use crate::report::DocumentReport;
use crossbeam_channel::{Receiver, RecvTimeoutError, bounded};
use std::ffi::OsString;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const ENV_MEMORY_LIMIT: &str = "KLUIS_WORKER_MEMORY_LIMIT";
pub const ENV_CPU_LIMIT: &str = "KLUIS_WORKER_CPU_LIMIT";
pub const ENV_CRASH_ON: &str = "KLUIS_WORKER_CRASH_ON";
pub const ENV_HANG_ON: &str = "KLUIS_WORKER_HANG_ON";
pub const ENV_NOISE_ON: &str = "KLUIS_WORKER_NOISE_ON";
const ENV_MAX_FILE_SIZE: &str = "KLUIS_WORKER_MAX_FILE_SIZE";
const ENV_TIMEOUT_MS: &str = "KLUIS_WORKER_TIMEOUT_MS";
const ENV_OCR: &str = "KLUIS_WORKER_OCR";
const ENV_MAX_FINDINGS: &str = "KLUIS_WORKER_MAX_FINDINGS";

/// Largest name accepted on the wire; a longer one means the stream is out of step.
const MAX_NAME: u32 = 64 * 1024;
/// Starts every response.
const FRAME_MARK: &[u8; 8] = b"\0KLUIS1\n";
/// Largest response accepted (findings are capped per document, so this is far beyond any honest answer).
const MAX_FRAME: usize = 512 << 20;
/// Stray output tolerated before a response's marker.
const MAX_JUNK: usize = 1 << 20;

/// How to start an extraction worker and how to confine it.
#[derive(Debug, Clone)]
pub struct WorkerConfig {
    /// The program to run; by default this executable, which must route `args` to [`worker_main`].
    pub program: PathBuf,
    /// Arguments; by default `["extract-worker"]`.
    pub args: Vec<OsString>,
    /// Address-space limit for the worker, bytes.
    pub memory_limit: u64,
    /// CPU-time limit per document.
    pub cpu_limit: Duration,
    /// Start a fresh worker after this many documents, so leaks and fragmentation cannot build up.
    pub recycle_after: usize,
    /// Extra environment for the worker (tests use it for the debug hooks).
    pub env: Vec<(OsString, OsString)>,
}

impl Default for WorkerConfig {
    fn default() -> Self {
        WorkerConfig {
            program: std::env::current_exe().unwrap_or_else(|_| PathBuf::from("kluis")),
            args: vec![OsString::from("extract-worker")],
            memory_limit: 1 << 30,
            cpu_limit: Duration::from_secs(60),
            recycle_after: 2000,
            env: Vec::new(),
        }
    }
}

/// The body of `kluis extract-worker`: limit this process, then answer requests on stdin until it closes.
pub fn worker_main() -> ExitCode {
    // Panic messages may quote document content; the report says "crashed", stderr stays quiet.
    std::panic::set_hook(Box::new(|_| {}));
    let memory = env_u64(ENV_MEMORY_LIMIT).unwrap_or(1 << 30);
    let cpu = env_u64(ENV_CPU_LIMIT).unwrap_or(60);
    if memory > 0 {
        let _ = rlimit::setrlimit(rlimit::Resource::AS, memory, memory);
    }
    let crash_on = std::env::var(ENV_CRASH_ON).ok().filter(|s| !s.is_empty());
    let hang_on = std::env::var(ENV_HANG_ON).ok().filter(|s| !s.is_empty());
    let noise_on = std::env::var(ENV_NOISE_ON).ok().filter(|s| !s.is_empty());
    let mut opts = ScanOptions::in_process();
    if let Some(n) = env_u64(ENV_MAX_FILE_SIZE) {
        opts.max_file_size = n;
    }
    if let Some(ms) = env_u64(ENV_TIMEOUT_MS) {
        opts.timeout = Duration::from_millis(ms);
    }
    if let Some(n) = env_u64(ENV_MAX_FINDINGS) {
        opts.max_findings = usize::try_from(n).unwrap_or(usize::MAX);
    }
    opts.ocr = std::env::var(ENV_OCR).map_or(true, |v| v != "0");

    let mut input = BufReader::with_capacity(64 * 1024, io::stdin().lock());
    let mut output = BufWriter::new(io::stdout().lock());
    loop {
        let (name, bytes) = match read_request(&mut input) {
            Ok(Some(r)) => r,
            Ok(None) => return ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("kluis extract-worker: bad request: {e}");
                return ExitCode::from(2);
            }
        };
        if crash_on.as_deref().is_some_and(|c| name.contains(c)) {
            std::process::abort();
        }
        if hang_on.as_deref().is_some_and(|h| name.contains(h)) {
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
        if noise_on.as_deref().is_some_and(|n| name.contains(n)) {
            let _ = output
                .write_all(b"Image: \"x.png\", width: 10\nKLUIS\0\0\0\xff\xff\xff\x7f garbage\n");
        }
        if cpu > 0 {
            limit_cpu_from_now(cpu);
        }
        let reports = match bytes {
            Some(bytes) => crate::document::scan_document_owned(&name, bytes, &opts),
            None => {
                let mut r = DocumentReport::failed(
                    &name,
                    crate::ScanStatus::LimitExceeded,
                    "the file does not fit in the extraction worker's memory limit",
                );
                r.partial = vec![crate::PartialReason::SizeLimit];
                vec![r]
            }
        };
        let json = match serde_json::to_vec(&reports) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("kluis extract-worker: cannot encode the response: {e}");
                return ExitCode::from(3);
            }
        };
        let ok = u32::try_from(json.len())
            .ok()
            .and_then(|n| output.write_all(FRAME_MARK).ok().map(|_| n))
            .and_then(|n| output.write_all(&n.to_le_bytes()).ok())
            .and_then(|_| output.write_all(&json).ok())
            .and_then(|_| output.flush().ok());
        if ok.is_none() {
            // The parent went away.
            return ExitCode::SUCCESS;
        }
    }
}

fn env_u64(key: &str) -> Option<u64> {
    std::env::var(key).ok()?.trim().parse().ok()
}

/// RLIMIT_CPU counts the whole life of the process; to give each document its own budget, move the soft limit to
/// "CPU used so far + budget" before each one. The kernel sends SIGXCPU when it is crossed.
fn limit_cpu_from_now(budget_secs: u64) {
    let used = cpu_seconds_used().unwrap_or(0);
    let Ok((_, hard)) = rlimit::getrlimit(rlimit::Resource::CPU) else {
        return;
    };
    let soft = used.saturating_add(budget_secs).min(hard);
    let _ = rlimit::setrlimit(rlimit::Resource::CPU, soft, hard);
}

/// User + system CPU seconds of this process, rounded up, from `/proc/self/stat` (Linux; USER_HZ is 100).
fn cpu_seconds_used() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    // Fields after the command: state is index 0, utime 11, stime 12.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime).div_ceil(100) + 1)
}

/// A request: the document's name and its content, or `None` when the content did not fit in memory.
type Request = (String, Option<Vec<u8>>);

fn read_request(input: &mut impl Read) -> io::Result<Option<Request>> {
    let mut len4 = [0u8; 4];
    match input.read_exact(&mut len4) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
        Err(e) => return Err(e),
    }
    let name_len = u32::from_le_bytes(len4);
    if name_len > MAX_NAME {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "name too long"));
    }
    let mut name = vec![0u8; name_len as usize];
    input.read_exact(&mut name)?;
    let name = String::from_utf8_lossy(&name).into_owned();
    let mut len8 = [0u8; 8];
    input.read_exact(&mut len8)?;
    let len = u64::from_le_bytes(len8);
    let mut bytes = Vec::new();
    if usize::try_from(len)
        .ok()
        .is_none_or(|n| bytes.try_reserve_exact(n).is_err())
    {
        // Does not fit under the memory limit: skip the content to stay in step, and say so.
        let skipped = io::copy(&mut input.take(len), &mut io::sink())?;
        if skipped != len {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "content cut short",
            ));
        }
        return Ok(Some((name, None)));
    }
    let got = input.take(len).read_to_end(&mut bytes)?;
    if got as u64 != len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "content cut short",
        ));
    }
    Ok(Some((name, Some(bytes))))
}

/// Why a worker gave no answer for a document.
#[derive(Debug)]
pub(crate) enum WorkerFailure {
    /// No answer within the wall-clock timeout; the worker was killed.
    Timeout,
    /// The worker died or broke the protocol; the reason is for people.
    Crashed(String),
    /// The document's content could not be read from disk while sending it.
    Source(io::Error),
}

/// The content of a document to send: in memory, or a file streamed from disk (large files, to keep the
/// parent's memory flat).
pub(crate) enum Source<'a> {
    Bytes(&'a [u8]),
    File(&'a std::path::Path, u64),
}

/// One live worker process, driven by one scanning thread.
pub(crate) struct Worker {
    child: Child,
    stdin: BufWriter<ChildStdin>,
    responses: Receiver<io::Result<Vec<u8>>>,
    stderr_tail: Arc<Mutex<String>>,
    served: usize,
}

impl Worker {
    pub(crate) fn spawn(cfg: &WorkerConfig, opts: &ScanOptions) -> io::Result<Worker> {
        let mut cmd = Command::new(&cfg.program);
        cmd.args(&cfg.args)
            .env(ENV_MAX_FILE_SIZE, opts.max_file_size.to_string())
            .env(ENV_TIMEOUT_MS, opts.timeout.as_millis().to_string())
            .env(ENV_OCR, if opts.ocr { "1" } else { "0" })
            .env(ENV_MAX_FINDINGS, opts.max_findings.to_string())
            .env(ENV_MEMORY_LIMIT, cfg.memory_limit.to_string())
            .env(ENV_CPU_LIMIT, cfg.cpu_limit.as_secs().max(1).to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in &cfg.env {
            cmd.env(k, v);
        }
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            // Its own group, so killing the group reaches the worker's children and nothing else.
            cmd.process_group(0);
        }
        let mut child = cmd.spawn()?;
        let (stdin, stdout, stderr) =
            match (child.stdin.take(), child.stdout.take(), child.stderr.take()) {
                (Some(i), Some(o), Some(e)) => (i, o, e),
                _ => {
                    kill_tree(&mut child);
                    return Err(io::Error::other("worker pipes missing"));
                }
            };
        let (tx, responses) = bounded(1);
        std::thread::Builder::new()
            .name("kluis-worker-reader".into())
            .spawn(move || {
                let mut out = BufReader::new(stdout);
                loop {
                    let frame = read_frame(&mut out);
                    let end = frame.is_err();
                    if tx.send(frame).is_err() || end {
                        return;
                    }
                }
            })?;
        let stderr_tail = Arc::new(Mutex::new(String::new()));
        let tail = Arc::clone(&stderr_tail);
        std::thread::Builder::new()
            .name("kluis-worker-stderr".into())
            .spawn(move || drain_stderr(stderr, &tail))?;
        Ok(Worker {
            child,
            stdin: BufWriter::with_capacity(64 * 1024, stdin),
            responses,
            stderr_tail,
            served: 0,
        })
    }

    pub(crate) fn served(&self) -> usize {
        self.served
    }

    /// Sends one document and waits for its reports, at most `timeout`. After an `Err` the worker is dead
    /// (killed if need be) and must be dropped.
    pub(crate) fn scan(
        &mut self,
        name: &str,
        source: Source<'_>,
        timeout: Duration,
    ) -> Result<Vec<DocumentReport>, WorkerFailure> {
        let started = Instant::now();
        match self.send(name, source) {
            Ok(()) => {}
            Err(SendError::Source(e)) => return Err(self.fail(WorkerFailure::Source(e))),
            Err(SendError::Pipe) => return Err(self.crashed()),
        }
        let left = timeout.saturating_sub(started.elapsed());
        match self.responses.recv_timeout(left) {
            Ok(Ok(frame)) => match serde_json::from_slice::<Vec<DocumentReport>>(&frame) {
                Ok(reports) => {
                    self.served += 1;
                    Ok(reports)
                }
                Err(_) => Err(self.fail(WorkerFailure::Crashed(
                    "the extraction worker sent an unreadable answer".into(),
                ))),
            },
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Err(self.crashed()),
            Err(RecvTimeoutError::Timeout) => Err(self.fail(WorkerFailure::Timeout)),
        }
    }

    fn send(&mut self, name: &str, source: Source<'_>) -> Result<(), SendError> {
        let name_len = u32::try_from(name.len()).map_err(|_| SendError::Pipe)?;
        let pipe = |r: io::Result<()>| r.map_err(|_| SendError::Pipe);
        pipe(self.stdin.write_all(&name_len.to_le_bytes()))?;
        pipe(self.stdin.write_all(name.as_bytes()))?;
        match source {
            Source::Bytes(b) => {
                pipe(self.stdin.write_all(&(b.len() as u64).to_le_bytes()))?;
                pipe(self.stdin.write_all(b))?;
            }
            Source::File(path, len) => {
                pipe(self.stdin.write_all(&len.to_le_bytes()))?;
                let file = std::fs::File::open(path).map_err(SendError::Source)?;
                let mut file = file.take(len);
                let mut buf = vec![0u8; 64 * 1024];
                let mut sent = 0u64;
                loop {
                    let n = match file.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(SendError::Source(e)),
                    };
                    pipe(self.stdin.write_all(&buf[..n]))?;
                    sent += n as u64;
                }
                if sent != len {
                    // The file shrank since it was measured; the worker waits for bytes that never come.
                    return Err(SendError::Source(io::Error::other(
                        "the file changed while it was being scanned",
                    )));
                }
            }
        }
        pipe(self.stdin.flush())
    }

    /// The worker died: find out how, for the report.
    fn crashed(&mut self) -> WorkerFailure {
        let deadline = Instant::now() + Duration::from_millis(500);
        let status = loop {
            match self.child.try_wait() {
                Ok(Some(s)) => break Some(s),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => break None,
            }
        };
        kill_tree(&mut self.child);
        // Let the stderr drain catch up with the last words of the worker.
        std::thread::sleep(Duration::from_millis(20));
        let tail = self
            .stderr_tail
            .lock()
            .map(|t| t.clone())
            .unwrap_or_default();
        WorkerFailure::Crashed(describe_exit(status, &tail))
    }

    fn fail(&mut self, failure: WorkerFailure) -> WorkerFailure {
        kill_tree(&mut self.child);
        failure
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        // Closing stdin ends a healthy worker; kill covers one that is stuck.
        let _ = self.stdin.flush();
        match self.child.try_wait() {
            Ok(Some(_)) => {}
            _ => kill_tree(&mut self.child),
        }
    }
}

/// Kills the worker and every process in its group (OCR children), then reaps the worker. The group is signalled
/// before the wait: until it is reaped, even a dead worker keeps the group's id from being reused.
fn kill_tree(child: &mut Child) {
    #[cfg(unix)]
    {
        let group = rustix::process::Pid::from_child(child);
        let _ = rustix::process::kill_process_group(group, rustix::process::Signal::KILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

enum SendError {
    Pipe,
    Source(io::Error),
}

fn read_frame(r: &mut impl Read) -> io::Result<Vec<u8>> {
    // Find the marker, skipping stray output.
    let mut window = [0u8; 8];
    r.read_exact(&mut window)?;
    let mut skipped = 0;
    while &window != FRAME_MARK {
        if skipped >= MAX_JUNK {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "no response marker",
            ));
        }
        let mut b = [0u8; 1];
        r.read_exact(&mut b)?;
        window.copy_within(1.., 0);
        window[7] = b[0];
        skipped += 1;
    }
    let mut len4 = [0u8; 4];
    r.read_exact(&mut len4)?;
    let len = u32::from_le_bytes(len4) as usize;
    if len > MAX_FRAME {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "response too large",
        ));
    }
    let mut buf = vec![0u8; len];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

/// Keeps the last line the worker wrote to stderr (Rust's abort messages: stack overflow, allocation failure).
fn drain_stderr(stderr: impl Read, tail: &Mutex<String>) {
    let mut r = BufReader::new(stderr);
    let mut buf = [0u8; 4096];
    loop {
        match r.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                let text = String::from_utf8_lossy(&buf[..n]);
                if let Some(line) = text.lines().rev().find(|l| !l.trim().is_empty())
                    && let Ok(mut t) = tail.lock()
                {
                    *t = line.chars().take(200).collect();
                }
            }
        }
    }
}

fn describe_exit(status: Option<std::process::ExitStatus>, stderr_tail: &str) -> String {
    let mut why = match status {
        None => "the extraction worker stopped answering".to_owned(),
        Some(s) => {
            #[cfg(unix)]
            {
                use std::os::unix::process::ExitStatusExt;
                match s.signal() {
                    Some(6) => {
                        "the extraction worker aborted (SIGABRT: stack overflow or out of memory)"
                            .to_owned()
                    }
                    Some(9) => "the extraction worker was killed (SIGKILL)".to_owned(),
                    Some(11) => {
                        "the extraction worker crashed (SIGSEGV: stack overflow)".to_owned()
                    }
                    Some(24) => {
                        "the extraction worker used more CPU time than allowed (SIGXCPU)".to_owned()
                    }
                    Some(sig) => format!("the extraction worker was killed by signal {sig}"),
                    None => format!("the extraction worker exited unexpectedly ({s})"),
                }
            }
            #[cfg(not(unix))]
            {
                format!("the extraction worker exited unexpectedly ({s})")
            }
        }
    };
    let tail = stderr_tail.trim();
    if tail.contains("overflowed its stack") {
        why.push_str(": stack overflow");
    } else if tail.contains("memory allocation") {
        why.push_str(": memory limit reached");
    }
    why
}
