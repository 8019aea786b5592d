//! Project automation: `cargo xtask test` runs the whole suite on SQLite and then on a throwaway PostgreSQL
//! cluster; `cargo xtask bench` runs the benchmarks that BENCHMARKS.md reports; `cargo xtask fuzz` runs the
//! parser fuzz targets for a bounded time; `cargo xtask eval` runs the scanner's evaluation tools.

mod postgres;
mod s3;
mod schemathesis;
mod validators;

use anyhow::{Context, Result, bail};
use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const USAGE: &str = "\
usage: cargo xtask <task> [options]

tasks:
  test [--sqlite-only] [--no-browser] [--no-s3] [--no-schemathesis] [--no-fuzz]
        Format and lint checks, then every test on SQLite, then again on a throwaway PostgreSQL cluster
        that this task starts and removes, then the fuzz targets for a bounded time. Object-storage tests
        run against a throwaway S3-compatible server (moto, installed from PyPI into target/). After the
        SQLite tests, schemathesis (from PyPI, into target/) checks a running server against its OpenAPI
        document for a few minutes. The register-export tests run pyshacl and fideslang (from PyPI, into
        target/validators-venv) and fail without them.
        The browser test is required (needs Debian's chromium and chromium-driver) unless --no-browser.
  schemathesis
        Only the schemathesis step of `test`: a running server against its OpenAPI document.
  validators
        Make (once) the virtualenv with the export validators and print its path, for
        KLUIS_VALIDATORS_VENV=$(cargo xtask validators) cargo test -p kluis-export
  bench [NAME...]
        Release-build benchmarks (detect, pipeline, server, register); results go to stdout, see BENCHMARKS.md.
  fuzz [--seconds N]
        Run each fuzz target of kluis-extract for N seconds (default 20).
  eval <command> [args...]
        The scanner's evaluation tools (release build of kluis-pii-eval): heldout, scan, score, report, ...;
        `cargo xtask eval help` lists them.
";

fn main() {
    if let Err(err) = run() {
        eprintln!("xtask: {err:#}");
        std::process::exit(1);
    }
}

fn run() -> Result<()> {
    let args: Vec<String> = env::args().skip(1).collect();
    let Some((task, rest)) = args.split_first() else {
        print!("{USAGE}");
        return Ok(());
    };
    let has = |flag: &str| rest.iter().any(|a| a == flag);
    match task.as_str() {
        "test" => test(TestOptions {
            sqlite_only: has("--sqlite-only"),
            browser: !has("--no-browser"),
            s3: !has("--no-s3"),
            schemathesis: !has("--no-schemathesis"),
            fuzz: !has("--no-fuzz"),
        }),
        "schemathesis" => schemathesis_step(&project_root()),
        "validators" => {
            let venv = validators::venv(&project_root())?;
            println!("{}", venv.display());
            Ok(())
        }
        "bench" => bench(rest),
        "fuzz" => fuzz(seconds_flag(rest)?.unwrap_or(20)),
        "eval" => eval(rest),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown task '{other}'\n\n{USAGE}"),
    }
}

fn seconds_flag(rest: &[String]) -> Result<Option<u64>> {
    match rest.iter().position(|a| a == "--seconds") {
        None => Ok(None),
        Some(i) => {
            let v = rest.get(i + 1).context("--seconds needs a number")?;
            Ok(Some(v.parse().with_context(|| {
                format!("--seconds: '{v}' is not a number")
            })?))
        }
    }
}

struct TestOptions {
    sqlite_only: bool,
    browser: bool,
    s3: bool,
    schemathesis: bool,
    fuzz: bool,
}

/// The suites of every crate, run once per database; the evaluation tools are no suite (clippy checks them).
const WORKSPACE_TESTS: &[&str] = &[
    "test",
    "--workspace",
    "--exclude",
    "kluis-pii-eval",
    "--no-fail-fast",
];

fn test(opts: TestOptions) -> Result<()> {
    let root = project_root();
    step(
        "format check",
        cargo(&root, &["fmt", "--all", "--", "--check"]),
    )?;
    step(
        "clippy",
        cargo(
            &root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--quiet",
                "--",
                "-D",
                "warnings",
            ],
        ),
    )?;

    // Tests that read ../shared/corpus fail instead of skipping when it is missing.
    let mut envs: Vec<(&str, String)> = vec![("KLUIS_REQUIRE_CORPUS", "1".into())];
    if opts.browser {
        envs.push(("KLUIS_REQUIRE_BROWSER", "1".into()));
    }
    let s3 = if opts.s3 {
        Some(s3::MotoServer::start(&root).context("starting the S3 test server")?)
    } else {
        None
    };
    if let Some(server) = &s3 {
        envs.push(("KLUIS_TEST_S3_ENDPOINT", server.endpoint()));
    }
    // The register exports are checked by their formats' own validators; the tests fail without them here.
    let validators = validators::venv(&root).context("installing the export validators")?;
    envs.push(("KLUIS_VALIDATORS_VENV", validators.display().to_string()));
    envs.push(("KLUIS_REQUIRE_VALIDATORS", "1".into()));
    // python-stdnum's published IBAN and Belgian national-number test values, read from its sdist on PyPI into the
    // target dir (LGPL: read at test time, never committed), for kluis-pii's stdnum test.
    let stdnum_values = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"))
        .join("stdnum/values.json");
    let mut stdnum = Command::new(validators.join("bin/python"));
    stdnum
        .arg(root.join("crates/kluis-pii/tests/stdnum/values.py"))
        .arg(&stdnum_values);
    step("python-stdnum test values", stdnum)?;
    envs.push(("KLUIS_STDNUM_VALUES", stdnum_values.display().to_string()));

    let mut sqlite = cargo(&root, WORKSPACE_TESTS);
    sqlite.env_remove("KLUIS_TEST_DATABASE_URL");
    sqlite.envs(envs.iter().map(|(k, v)| (*k, v.as_str())));
    step("tests on SQLite", sqlite)?;

    if opts.schemathesis {
        step(
            "build kluis",
            cargo(&root, &["build", "--quiet", "--package", "kluis"]),
        )?;
        let target = env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join("target"));
        println!("\n==> schemathesis against the OpenAPI document");
        schemathesis::run(&root, &target.join("debug/kluis")).context("schemathesis")?;
    }

    if !opts.sqlite_only {
        let cluster =
            postgres::Cluster::start().context("starting a throwaway PostgreSQL cluster")?;
        let mut pg = cargo(&root, WORKSPACE_TESTS);
        pg.env("KLUIS_TEST_DATABASE_URL", cluster.url());
        pg.envs(envs.iter().map(|(k, v)| (*k, v.as_str())));
        let result = step("tests on PostgreSQL", pg);
        drop(cluster);
        result?;
    }
    drop(s3);

    if opts.fuzz {
        fuzz(15)?;
    }
    println!("\nxtask: every check passed");
    Ok(())
}

fn schemathesis_step(root: &Path) -> Result<()> {
    step(
        "build kluis",
        cargo(root, &["build", "--quiet", "--package", "kluis"]),
    )?;
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    println!("\n==> schemathesis against the OpenAPI document");
    schemathesis::run(root, &target.join("debug/kluis")).context("schemathesis")
}

fn bench(names: &[String]) -> Result<()> {
    let root = project_root();
    let all: &[(&str, &str)] = &[
        ("detect", "kluis-pii"),
        ("pipeline", "kluis-scan"),
        ("server", "kluis"),
        ("register", "kluis-export"),
    ];
    for (name, package) in all {
        if !names.is_empty() && !names.iter().any(|n| n == name) {
            continue;
        }
        step(
            &format!("benchmark {name}"),
            cargo(&root, &["bench", "--package", package, "--bench", name]),
        )?;
    }
    Ok(())
}

/// `cargo run --release -p kluis-pii-eval -- ARGS` in the caller's directory, so relative paths mean what the
/// caller meant.
fn eval(args: &[String]) -> Result<()> {
    let mut cmd = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.arg("run")
        .arg("--manifest-path")
        .arg(project_root().join("Cargo.toml"))
        .args(["--release", "-p", "kluis-pii-eval", "--"])
        .args(args);
    let status = cmd.status().context("could not run kluis-pii-eval")?;
    if !status.success() {
        bail!("kluis-pii-eval failed ({status})");
    }
    Ok(())
}

fn fuzz(seconds: u64) -> Result<()> {
    let root = project_root();
    let fuzz_dir = root.join("crates/kluis-extract/fuzz");
    if !fuzz_dir.join("Cargo.toml").exists() {
        bail!("no fuzz project at {}", fuzz_dir.display());
    }
    if Command::new("cargo")
        .args(["fuzz", "--version"])
        .output()
        .map(|o| !o.status.success())
        .unwrap_or(true)
    {
        step(
            "install cargo-fuzz",
            cargo(&root, &["install", "--locked", "cargo-fuzz"]),
        )?;
    }
    let list = Command::new("cargo")
        .args(["fuzz", "list"])
        .current_dir(&fuzz_dir)
        .output()
        .context("cargo fuzz list")?;
    if !list.status.success() {
        bail!(
            "cargo fuzz list failed: {}",
            String::from_utf8_lossy(&list.stderr)
        );
    }
    let targets = String::from_utf8_lossy(&list.stdout).to_string();
    // Seeds: the development corpus when it is beside the checkout, so the fuzzer starts from real documents,
    // plus the target's own committed seeds (`fuzz/seeds/<target>/`, e.g. the legacy target's input layout).
    let shared_seeds = root.join("../shared/corpus/dev/docs");
    for target in targets.lines().map(str::trim).filter(|t| !t.is_empty()) {
        let corpus = root.join("target/fuzz-corpus").join(target);
        std::fs::create_dir_all(&corpus)?;
        for seeds in [shared_seeds.clone(), fuzz_dir.join("seeds").join(target)] {
            if let Ok(entries) = std::fs::read_dir(&seeds) {
                for entry in entries.flatten() {
                    let _ = std::fs::copy(entry.path(), corpus.join(entry.file_name()));
                }
            }
        }
        let mut cmd = Command::new("cargo");
        cmd.current_dir(&fuzz_dir)
            // The fuzz instrumentation needs unstable flags; the only toolchain here is stable.
            .env("RUSTC_BOOTSTRAP", "1")
            .args(["fuzz", "run", target])
            .arg(&corpus)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-rss_limit_mb=2048",
                "-timeout=10",
            ]);
        step(&format!("fuzz {target} for {seconds}s"), cmd)?;
    }
    Ok(())
}

fn cargo(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root).args(args);
    cmd
}

fn step(name: &str, mut cmd: Command) -> Result<()> {
    println!("\n==> {name}");
    let status = cmd
        .status()
        .with_context(|| format!("could not run {name}"))?;
    if !status.success() {
        bail!("{name} failed ({status})");
    }
    Ok(())
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| ".".into())
}
