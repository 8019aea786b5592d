//! Benchmarks of the real kluis binary: start-up to ready, idle memory, page latency, concurrent writes.
//!
//! Run: `cargo bench -p kluis --bench server` (release build; loopback only; needs `wrk` for the latency part).
//! Prints a Markdown report; crates/kluis/BENCH.md keeps the latest results.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};
use ureq::ResponseExt;

const BIN: &str = env!("CARGO_BIN_EXE_kluis");
const RUNS: usize = 20;
const PASSWORD: &str = "correct horse battery staple";

fn main() {
    // `cargo bench` passes `--bench`; nothing else is accepted.
    let scratch = tempfile::tempdir().expect("scratch dir");
    println!("# kluis server benchmark\n");
    println!("binary: {BIN}\n");

    // (a) + (b) on fresh data dirs.
    let mut fresh = Vec::new();
    let mut fresh_rss = Vec::new();
    for i in 0..RUNS {
        let dir = scratch.path().join(format!("fresh-{i}"));
        let (ready, server) = start(&dir);
        fresh.push(ready);
        if i == 0 {
            std::thread::sleep(Duration::from_millis(500));
            fresh_rss.push(rss_kib(server.child.id()));
        }
        drop(server);
    }

    // A populated installation: setup through the web, then 50 users by CLI.
    let populated = scratch.path().join("populated");
    let (_, server) = start(&populated);
    let session = setup(&server.base, "Bakkerij Jansen", "jan@bakkerij.test");
    drop(server);
    for n in 0..50 {
        let out = run_stdin(
            Command::new(BIN).arg("--data-dir").arg(&populated).args([
                "user",
                "add",
                "--org",
                &session.org,
                "--email",
                &format!("user{n}@bakkerij.test"),
                "--name",
                &format!("Medewerker {n}"),
                "--role",
                "staff",
                "--password-stdin",
            ]),
            &format!("{PASSWORD}\n"),
        );
        assert!(out, "user add failed");
    }
    let mut warm = Vec::new();
    let mut warm_rss = 0;
    for i in 0..RUNS {
        let (ready, server) = start(&populated);
        warm.push(ready);
        if i == RUNS - 1 {
            std::thread::sleep(Duration::from_millis(500));
            warm_rss = rss_kib(server.child.id());
        }
        drop(server);
    }

    println!("## (a) start to ready (spawn → first 200 from /readyz), SQLite, {RUNS} runs\n");
    println!("| data dir | median | min | max |\n|---|---|---|---|");
    println!(
        "| fresh (first start: creates dir, key, schema) | {} | {} | {} |",
        ms(median(&mut fresh)),
        ms(fresh[0]),
        ms(fresh[RUNS - 1])
    );
    println!(
        "| populated (1 org, 51 users) | {} | {} | {} |\n",
        ms(median(&mut warm)),
        ms(warm[0]),
        ms(warm[RUNS - 1])
    );

    println!("## (b) idle RSS after start (VmRSS)\n");
    println!("| data dir | VmRSS |\n|---|---|");
    println!(
        "| fresh | {:.1} MiB |",
        fresh_rss.first().copied().unwrap_or(0) as f64 / 1024.0
    );
    println!("| populated | {:.1} MiB |\n", warm_rss as f64 / 1024.0);

    // (c) + (d) against one running server on the populated dir.
    let (_, server) = start(&populated);
    let session = login(&server.base, "jan@bakkerij.test", &session.org);
    let dashboard = format!("{}o/{}", server.base, session.org);
    println!("## (c) authenticated dashboard, 50 concurrent connections, 10 s (wrk)\n");
    match latency_with_wrk(&dashboard, &session.cookie, scratch.path()) {
        Some(report) => println!("{report}\n"),
        None => println!("wrk not found: skipped (apt-get install wrk)\n"),
    }
    println!(
        "## (d) 100 concurrent writers (POST account locale, 5 each = 500 write transactions)\n"
    );
    let (ok, failed, elapsed) = concurrent_writes(&server.base, &session, 100, 5);
    let locked = server.stderr().matches("database is locked").count()
        + server.stderr().matches("SQLITE_BUSY").count();
    println!("| writes ok | failed | 'database is locked' in log | wall time |\n|---|---|---|---|");
    println!("| {ok} | {failed} | {locked} | {} |", ms(elapsed));
    drop(server);

    // (e) + (f) on SQLite, in the populated data dir.
    register_pages(
        scratch.path(),
        &populated,
        None,
        &session.org,
        "jan@bakkerij.test",
        "",
    );
    // (e) + (f) again on PostgreSQL when KLUIS_TEST_DATABASE_URL names a server (a throwaway database on it).
    if std::env::var("KLUIS_TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let db = rt.block_on(kluis_store::testing::fresh_database_url());
        let dir = scratch.path().join("postgres");
        let (_, server) = start_on(&dir, Some(db.url()));
        let owner = setup(
            &server.base,
            "Installatiebedrijf Jansen",
            "jan@installateur.test",
        );
        drop(server);
        register_pages(
            scratch.path(),
            &dir,
            Some(db.url()),
            &owner.org,
            "jan@installateur.test",
            " on PostgreSQL",
        );
        rt.block_on(async move { drop(db) });
    }
}

/// (e) The register page of a full register: the demo business (profile, eight active activities, processors
/// with agreements, documents), then starter activities through the web form up to 200, each one activated
/// where its template is complete enough. (f) The dashboard again, now that it has a register to check.
fn register_pages(
    scratch: &Path,
    dir: &Path,
    db: Option<&str>,
    org: &str,
    email: &str,
    label: &str,
) {
    let mut demo = Command::new(BIN);
    if let Some(url) = db {
        demo.env("KLUIS_DATABASE_URL", url);
    }
    assert!(
        run_stdin(
            demo.arg("--data-dir").arg(dir).args(["demo", "--org", org]),
            ""
        ),
        "kluis demo failed"
    );
    let (_, server) = start_on(dir, db);
    let session = login(&server.base, email, org);
    let (activities, active) = fill_register(&server.base, &session, 200);
    let register = format!("{}o/{}/register", server.base, session.org);
    println!(
        "## (e) register page{label}, {activities} activities ({active} active), 50 concurrent connections, 10 s (wrk)\n"
    );
    match latency_with_wrk(&register, &session.cookie, scratch) {
        Some(report) => println!("{report}\n"),
        None => println!("wrk not found: skipped (apt-get install wrk)\n"),
    }
    let dashboard = format!("{}o/{}", server.base, session.org);
    println!(
        "## (f) dashboard{label} with that register (compliance score and first steps), 50 concurrent connections, 10 s (wrk)\n"
    );
    match latency_with_wrk(&dashboard, &session.cookie, scratch) {
        Some(report) => println!("{report}\n"),
        None => println!("wrk not found: skipped (apt-get install wrk)\n"),
    }
    drop(server);
}

/// Adds starter activities through the web form (the library's templates in turn) until the register holds
/// `total`, and activates each where activation accepts it; returns (activities, active ones).
fn fill_register(base: &str, s: &Session, total: usize) -> (usize, usize) {
    let a = agent(0);
    let get = |path: &str| {
        body(
            &mut a
                .get(&format!("{base}o/{}/{path}", s.org))
                .header("Cookie", &s.cookie)
                .call()
                .expect("GET"),
        )
    };
    let count = |html: &str| html.matches("/register/activities/").count();
    let library = get("register/library");
    let templates: Vec<String> = library
        .split("name=\"template\" value=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .map(str::to_owned)
        .collect();
    assert!(
        !templates.is_empty(),
        "no starter templates on the library page"
    );
    let existing = get("register");
    let mut have = count(&existing);
    let mut active = 0;
    let mut i = 0;
    while have < total {
        let template = &templates[i % templates.len()];
        i += 1;
        let resp = a
            .post(&format!("{base}o/{}/register/activities", s.org))
            .header("Cookie", &s.cookie)
            .send_form([("csrf", s.csrf.as_str()), ("template", template.as_str())])
            .expect("create activity");
        let Some(location) = resp
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .map(|l| l.split('?').next().unwrap_or(l).to_owned())
        else {
            panic!("creating an activity did not redirect: {}", resp.status());
        };
        have += 1;
        let status = a
            .post(&format!(
                "{}{}/status",
                base.trim_end_matches('/'),
                location
            ))
            .header("Cookie", &s.cookie)
            .send_form([("csrf", s.csrf.as_str()), ("status", "active")])
            .map(|r| r.status().as_u16())
            .unwrap_or(0);
        let page = get(location.trim_start_matches(&format!("/o/{}/", s.org)));
        // An active activity's page offers to end it.
        if status == 303 && page.contains("name=\"status\" value=\"ended\"") {
            active += 1;
        }
    }
    (have, active)
}

struct Server {
    child: Child,
    base: String,
    stderr_path: PathBuf,
}

impl Server {
    fn stderr(&self) -> String {
        std::fs::read_to_string(&self.stderr_path).unwrap_or_default()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Spawns `kluis serve` on `data_dir` and returns the time until /readyz answers 200.
fn start(data_dir: &Path) -> (Duration, Server) {
    start_on(data_dir, None)
}

/// [`start`] with the database at `db` (PostgreSQL) instead of the data dir's SQLite.
fn start_on(data_dir: &Path, db: Option<&str>) -> (Duration, Server) {
    let stderr_path = data_dir.with_extension("stderr.log");
    let stderr = std::fs::File::create(&stderr_path).expect("stderr log");
    let t0 = Instant::now();
    let mut cmd = Command::new(BIN);
    if let Some(url) = db {
        cmd.env("KLUIS_DATABASE_URL", url);
    }
    let mut child = cmd
        .env("KLUIS_LOG", "warn")
        .arg("--data-dir")
        .arg(data_dir)
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("spawn kluis");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        match lines.next() {
            Some(Ok(line)) => {
                if let Some(url) = line.strip_prefix("Kluis is running at ") {
                    break url.trim().to_owned();
                }
            }
            _ => panic!(
                "kluis serve exited before announcing its URL: {}",
                std::fs::read_to_string(&stderr_path).unwrap_or_default()
            ),
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let addr = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if http_status(&addr, "/readyz") == Some(200) {
            break;
        }
        assert!(Instant::now() < deadline, "not ready within 30 s");
        std::thread::sleep(Duration::from_millis(2));
    }
    (
        t0.elapsed(),
        Server {
            child,
            base,
            stderr_path,
        },
    )
}

fn http_status(addr: &str, path: &str) -> Option<u16> {
    let mut s = TcpStream::connect(addr).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut buf = [0u8; 32];
    let n = s.read(&mut buf).ok()?;
    let head = std::str::from_utf8(&buf[..n]).ok()?;
    head.split(' ').nth(1)?.parse().ok()
}

fn rss_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

struct Session {
    org: String,
    cookie: String,
    csrf: String,
}

fn agent(redirects: u32) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(redirects)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into()
}

fn body(resp: &mut ureq::http::Response<ureq::Body>) -> String {
    resp.body_mut().read_to_string().unwrap_or_default()
}

fn csrf_of(html: &str) -> String {
    let at =
        html.find("name=\"csrf\" value=\"").expect("csrf field") + "name=\"csrf\" value=\"".len();
    html[at..].split('"').next().unwrap_or_default().to_owned()
}

fn setup(base: &str, org: &str, email: &str) -> Session {
    let a = agent(10);
    let page = body(&mut a.get(&format!("{base}setup")).call().expect("GET /setup"));
    let csrf = csrf_of(&page);
    let mut resp = a
        .post(&format!("{base}setup"))
        .send_form([
            ("csrf", csrf.as_str()),
            ("org_name", org),
            ("name", "Jan Jansen"),
            ("email", email),
            ("password", PASSWORD),
        ])
        .expect("POST /setup");
    let uri = resp.get_uri().path().to_owned();
    let _ = body(&mut resp);
    let slug = uri
        .trim_start_matches("/o/")
        .trim_end_matches('/')
        .to_owned();
    Session {
        org: slug,
        cookie: String::new(),
        csrf: String::new(),
    }
}

fn login(base: &str, email: &str, org: &str) -> Session {
    let a = agent(0);
    let mut page = a.get(&format!("{base}login")).call().expect("GET /login");
    let pre = cookie_header(&page);
    let csrf = csrf_of(&body(&mut page));
    let resp = a
        .post(&format!("{base}login"))
        .header("Cookie", &pre)
        .send_form([
            ("csrf", csrf.as_str()),
            ("email", email),
            ("password", PASSWORD),
        ])
        .expect("POST /login");
    let cookie = cookie_header(&resp);
    assert!(
        cookie.contains("kluis_session="),
        "login gave no session cookie"
    );
    let mut dash = a
        .get(&format!("{base}o/{org}"))
        .header("Cookie", &cookie)
        .call()
        .expect("dashboard");
    let html = body(&mut dash);
    Session {
        org: org.to_owned(),
        cookie,
        csrf: csrf_of(&html),
    }
}

fn cookie_header<B>(resp: &ureq::http::Response<B>) -> String {
    resp.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .filter(|kv| !kv.ends_with('='))
        .collect::<Vec<_>>()
        .join("; ")
}

fn latency_with_wrk(url: &str, cookie: &str, scratch: &Path) -> Option<String> {
    let script = scratch.join("p95.lua");
    std::fs::write(
        &script,
        "done = function(s, l, r)\n  io.write(string.format(\"KLUIS p50=%.2f p95=%.2f p99=%.2f max=%.2f req=%d non2xx=%d errors=%d\\n\", \
         l:percentile(50)/1000, l:percentile(95)/1000, l:percentile(99)/1000, l.max/1000, s.requests, s.errors.status, \
         s.errors.connect + s.errors.read + s.errors.write + s.errors.timeout))\nend\n",
    )
    .ok()?;
    let out = Command::new("wrk")
        .args(["-t2", "-c50", "-d10s", "--latency", "-H"])
        .arg(format!("Cookie: {cookie}"))
        .arg("-s")
        .arg(&script)
        .arg(url)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.starts_with("KLUIS "))?.to_owned();
    let rps = text
        .lines()
        .find(|l| l.starts_with("Requests/sec"))
        .unwrap_or("")
        .to_owned();
    Some(format!(
        "`wrk -t2 -c50 -d10s --latency -H 'Cookie: kluis_session=…' {url}`\n\n{line} (latencies in ms)\n{rps}"
    ))
}

fn concurrent_writes(
    base: &str,
    s: &Session,
    writers: usize,
    each: usize,
) -> (usize, usize, Duration) {
    let barrier = Arc::new(Barrier::new(writers));
    let url = format!("{base}o/{}/account/locale", s.org);
    let t0 = Instant::now();
    let handles: Vec<_> = (0..writers)
        .map(|i| {
            let (barrier, url, cookie, csrf) = (
                barrier.clone(),
                url.clone(),
                s.cookie.clone(),
                s.csrf.clone(),
            );
            std::thread::spawn(move || {
                let a = agent(0);
                barrier.wait();
                let mut ok = 0;
                for j in 0..each {
                    let lang = if (i + j) % 2 == 0 { "nl" } else { "en" };
                    let status = a
                        .post(&url)
                        .header("Cookie", &cookie)
                        .header("X-CSRF-Token", &csrf)
                        .send_form([("csrf", csrf.as_str()), ("lang", lang)])
                        .map(|r| r.status().as_u16())
                        .unwrap_or(0);
                    if (200..400).contains(&status) {
                        ok += 1;
                    }
                }
                ok
            })
        })
        .collect();
    let ok: usize = handles.into_iter().map(|h| h.join().unwrap_or(0)).sum();
    (ok, writers * each - ok, t0.elapsed())
}

fn run_stdin(cmd: &mut Command, stdin: &str) -> bool {
    let Ok(mut child) = cmd
        .env("KLUIS_LOG", "warn")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
    else {
        return false;
    };
    if let Some(mut pipe) = child.stdin.take() {
        let _ = pipe.write_all(stdin.as_bytes());
    }
    child.wait().is_ok_and(|s| s.success())
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
