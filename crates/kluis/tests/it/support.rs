//! Test harness: a throwaway installation (data dir + database), the real binary, and an HTTP client.

use kluis_store::testing::TestDatabase;
use kluis_store::{Backend, Store};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_kluis");

/// Settings a test must not inherit from the developer's shell.
const OWN_ENV: &[&str] = &[
    "KLUIS_DATA_DIR",
    "KLUIS_DATABASE_URL",
    "KLUIS_BLOBS",
    "KLUIS_KEY_FILE",
    "KLUIS_CONFIG",
    "KLUIS_BIND",
    "KLUIS_SECURE_COOKIES",
    "KLUIS_SESSION_TTL_MINUTES",
    "KLUIS_HEADER_TIMEOUT_SECS",
    "KLUIS_BODY_TIMEOUT_SECS",
    "KLUIS_MAX_CONNECTIONS",
];

/// One installation: a temp dir holding the data dir, plus a fresh database on PostgreSQL when
/// KLUIS_TEST_DATABASE_URL is set (SQLite inside the data dir otherwise).
pub struct Install {
    /// Owns the scratch directory and, on PostgreSQL, drops the test database when the test ends.
    pub db: TestDatabase,
    pub data_dir: PathBuf,
    /// `None` on SQLite: the binary then uses its own database file in the data dir, as a user's would.
    pub database_url: Option<String>,
}

impl Install {
    pub fn new() -> Install {
        let db = block_on(kluis_store::testing::fresh_database_url());
        Install::with_database(db)
    }

    fn with_database(db: TestDatabase) -> Install {
        let data_dir = db.dir().join("kluis-data");
        let database_url = (db.backend() == Backend::Postgres).then(|| db.url().to_owned());
        Install {
            db,
            data_dir,
            database_url,
        }
    }

    /// A second, empty installation on the same kind of database (e.g. a restore target).
    pub fn another(&self) -> Install {
        Install::with_database(block_on(self.db.another()))
    }

    pub fn root(&self) -> &Path {
        self.db.dir()
    }

    /// A `kluis` command pointed at this installation.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.cmd_without_database();
        if let Some(url) = &self.database_url {
            cmd.arg("--database-url").arg(url);
        }
        cmd
    }

    /// A `kluis` command with this data dir but no database URL, for tests that pass their own.
    pub fn cmd_without_database(&self) -> Command {
        let mut cmd = Command::new(BIN);
        for var in OWN_ENV {
            cmd.env_remove(var);
        }
        cmd.env("KLUIS_LOG", "warn");
        cmd.arg("--data-dir").arg(&self.data_dir);
        cmd.current_dir(self.db.dir());
        cmd
    }

    /// The database this installation uses, whichever backend, for the store's test helpers.
    pub fn store(&self) -> Db {
        let url = match &self.database_url {
            Some(url) => url.clone(),
            None => kluis_store::sqlite_url(&self.sqlite_file()),
        };
        // One runtime for the store's whole life: pooled PostgreSQL connections belong to the runtime that made them.
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        let store = rt
            .block_on(Store::connect(&url))
            .expect("connect to the installation's database");
        Db { rt, store }
    }

    /// The SQLite file `kluis` created in the data dir.
    pub fn sqlite_file(&self) -> PathBuf {
        std::fs::read_dir(&self.data_dir)
            .expect("data dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "db" || e == "sqlite"))
            .expect("a SQLite database file in the data dir")
    }

    /// Runs a subcommand to completion, feeding `stdin`.
    pub fn run(&self, args: &[&str], stdin: &str) -> Output {
        run_with_stdin(self.cmd().args(args), stdin)
    }

    /// Runs a subcommand that must succeed; returns its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str], stdin: &str) -> String {
        let out = self.run(args, stdin);
        assert!(
            out.status.success(),
            "kluis {args:?} failed: {}",
            describe(&out)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn serve(&self) -> Server {
        Server::start(self.cmd().args(["serve", "--bind", "127.0.0.1:0"]))
    }
}

/// Runs a future to completion from a synchronous test.
pub fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

pub fn run_with_stdin(cmd: &mut Command, stdin: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn kluis");
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.as_bytes());
    }
    wait_output(child, Duration::from_secs(120))
}

/// Waits for a child with a deadline, so a hung binary fails the test instead of hanging CI.
pub fn wait_output(mut child: Child, limit: Duration) -> Output {
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("kluis did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap_or_default(),
        stderr: err_reader.join().unwrap_or_default(),
    }
}

pub fn describe(out: &Output) -> String {
    format!(
        "{}\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A running `kluis serve`; stopped with SIGTERM when dropped.
pub struct Server {
    child: Child,
    pub url: String,
    stderr_path: PathBuf,
    _stderr_dir: tempfile::TempDir,
}

impl Server {
    pub fn start(cmd: &mut Command) -> Server {
        let stderr_dir = tempfile::tempdir().expect("temp dir");
        let stderr_path = stderr_dir.path().join("stderr.log");
        let stderr_file = std::fs::File::create(&stderr_path).expect("stderr log");
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(stderr_file)
            .spawn()
            .expect("spawn kluis serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("Kluis is running at ") {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                let log = std::fs::read_to_string(&stderr_path).unwrap_or_default();
                panic!("kluis serve did not report its URL; stderr:\n{log}");
            }
        };
        Server {
            child,
            url,
            stderr_path,
            _stderr_dir: stderr_dir,
        }
    }

    /// `path` starts with `/`.
    pub fn at(&self, path: &str) -> String {
        format!("{}{}", self.url.trim_end_matches('/'), path)
    }

    pub fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }

    /// Sends SIGTERM and waits for a clean exit.
    pub fn stop(mut self) -> std::process::ExitStatus {
        terminate(&mut self.child)
    }
}

fn terminate(child: &mut Child) -> std::process::ExitStatus {
    let _ = Command::new("kill")
        .arg("-TERM")
        .arg(child.id().to_string())
        .status();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            return child.wait().expect("wait after kill");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            terminate(&mut self.child);
        }
    }
}

/// A browser-like HTTP client: keeps cookies, does not treat 4xx/5xx as errors.
pub struct Browser {
    agent: ureq::Agent,
}

pub struct Page {
    pub status: u16,
    pub body: String,
}

impl Browser {
    pub fn new() -> Browser {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(30)))
            .build();
        Browser {
            agent: config.into(),
        }
    }

    pub fn get(&self, url: &str) -> Page {
        let mut resp = self.agent.get(url).call().expect("GET");
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        Page { status, body }
    }

    pub fn post_form(&self, url: &str, form: &[(&str, &str)]) -> Page {
        let mut resp = self
            .agent
            .post(url)
            .send_form(form.iter().copied())
            .expect("POST");
        let status = resp.status().as_u16();
        let body = resp.body_mut().read_to_string().unwrap_or_default();
        Page { status, body }
    }
}

/// The value of `<input name="NAME" value="...">` in `html`.
pub fn input_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\"");
    let pos = html.find(&marker)?;
    let tag_start = html[..pos].rfind('<')?;
    let tag_end = pos + html[pos..].find('>')?;
    let tag = &html[tag_start..tag_end];
    let v = tag.find("value=\"")? + "value=\"".len();
    let end = tag[v..].find('"')?;
    Some(
        tag[v..v + end]
            .replace("&#x2B;", "+")
            .replace("&#x2F;", "/")
            .replace("&amp;", "&"),
    )
}

/// A store connection for test set-up and inspection, with the runtime its connections live on.
pub struct Db {
    rt: tokio::runtime::Runtime,
    store: Store,
}

impl Db {
    pub fn run<'a, F: std::future::Future>(&'a self, f: impl FnOnce(&'a Store) -> F) -> F::Output {
        self.rt.block_on(f(&self.store))
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        self.rt.block_on(self.store.close());
    }
}
