//! The API against its own OpenAPI document: `kluis serve` on a fresh data dir with an owner and an API token,
//! and schemathesis (from PyPI, in a virtualenv under target/) sending it generated requests, bounded in time.
//! Any 5xx answer, an answer its schema does not describe or a wrong content type fails the step.

use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Test cases per API operation and phase: enough to meet every parameter, small enough that every module's
/// operations fit the time limit on a busy 2-core machine (the operations grow with each module).
const MAX_EXAMPLES: &str = "50";
/// The whole schemathesis run is stopped (and the step fails) after this long.
const TIME_LIMIT: Duration = Duration::from_secs(480);
const ORG: &str = "schema";
const EMAIL: &str = "owner@schema.example";
const PASSWORD: &str = "correct horse battery staple";

pub fn run(root: &Path, kluis: &Path) -> Result<()> {
    let venv = root.join("target/xtask-schemathesis");
    let schemathesis = venv.join("bin/schemathesis");
    if !schemathesis.is_file() {
        println!("xtask: installing schemathesis into {}", venv.display());
        let ok = Command::new("python3")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            bail!("could not create a Python virtualenv (python3 -m venv) for schemathesis");
        }
        let status = Command::new(venv.join("bin/pip"))
            .args([
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "schemathesis==4.*",
            ])
            .status()
            .context("pip install schemathesis")?;
        if !status.success() {
            bail!("pip install schemathesis failed");
        }
    }

    let work = venv.join(format!("run-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work)?;
    let data_dir = work.join("data");
    let kluis_cmd = || {
        let mut cmd = Command::new(kluis);
        for (var, _) in std::env::vars() {
            if var.starts_with("KLUIS_") {
                cmd.env_remove(var);
            }
        }
        cmd.env("KLUIS_LOG", "warn")
            .arg("--data-dir")
            .arg(&data_dir);
        cmd
    };
    checked(
        kluis_cmd().args(["org", "add", ORG, "--name", "Schema", "--init"]),
        "",
    )?;
    checked(
        kluis_cmd().args([
            "user",
            "add",
            "--org",
            ORG,
            "--email",
            EMAIL,
            "--name",
            "Owner",
            "--role",
            "owner",
            "--password-stdin",
        ]),
        PASSWORD,
    )?;

    let server = Server::start(
        kluis_cmd().args([
            "serve",
            "--bind",
            "127.0.0.1:0",
            "--api-rate-limit-per-minute",
            "0",
        ]),
        &work.join("serve.log"),
    )?;
    let token_script = work.join("api_token.py");
    std::fs::write(&token_script, include_str!("api_token.py"))?;
    let out = Command::new(venv.join("bin/python"))
        .arg(&token_script)
        .args([server.url.as_str(), ORG, EMAIL, PASSWORD])
        .output()
        .context("running api_token.py")?;
    if !out.status.success() {
        bail!(
            "could not create an API token: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let token = String::from_utf8_lossy(&out.stdout).trim().to_owned();

    // Every `{org}` is the organisation the token belongs to: another one only answers 404.
    let config = work.join("schemathesis.toml");
    std::fs::write(&config, format!("[parameters]\n\"path.org\" = \"{ORG}\"\n"))?;
    let mut child = Command::new(&schemathesis)
        .arg("--config-file")
        .arg(&config)
        .args([
            "run",
            &format!("{}/api/v1/openapi.json", server.url),
            "--header",
            &format!("Authorization: Bearer {token}"),
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--max-examples",
            MAX_EXAMPLES,
            // One worker: Python 3.11 can fail with "AST constructor recursion depth mismatch" when two
            // threads compile code at once.
            "--workers",
            "1",
            "--seed",
            "1",
            "--generation-database",
            "none",
            "--request-timeout",
            "30",
            "--no-color",
            "--report-dir",
        ])
        .arg(work.join("report"))
        .current_dir(&work)
        .spawn()
        .context("starting schemathesis")?;
    let deadline = Instant::now() + TIME_LIMIT;
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            bail!("schemathesis did not finish within {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    drop(server);
    if !status.success() {
        bail!(
            "schemathesis found answers that break the OpenAPI document ({status}); server log: {}",
            work.join("serve.log").display()
        );
    }
    let _ = std::fs::remove_dir_all(&work);
    Ok(())
}

/// Runs a kluis subcommand that must succeed, feeding `stdin`.
fn checked(cmd: &mut Command, stdin: &str) -> Result<()> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting kluis")?;
    if let Some(mut pipe) = child.stdin.take() {
        let _ = writeln!(pipe, "{stdin}");
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "kluis failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

/// A running `kluis serve`, killed on drop.
struct Server {
    child: Child,
    url: String,
}

impl Server {
    fn start(cmd: &mut Command, log: &PathBuf) -> Result<Server> {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(std::fs::File::create(log)?))
            .spawn()
            .context("starting kluis serve")?;
        let stdout = child.stdout.take().context("kluis serve stdout")?;
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Some(url) = line.strip_prefix("Kluis is running at ") {
                    let _ = tx.send(url.trim().trim_end_matches('/').to_owned());
                }
            }
        });
        match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => Ok(Server { child, url }),
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                bail!("kluis serve did not start; see {}", log.display())
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
