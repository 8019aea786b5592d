//! A throwaway PostgreSQL cluster for the test suite: initdb into a temp dir, start on a free loopback port,
//! stop and delete on drop.

use anyhow::{Context, Result, bail};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

pub struct Cluster {
    dir: PathBuf,
    port: u16,
    pg_ctl: PathBuf,
    as_postgres: bool,
}

impl Cluster {
    pub fn start() -> Result<Cluster> {
        let initdb = find_binary("initdb")?;
        let pg_ctl = find_binary("pg_ctl")?;
        let as_postgres = is_root();

        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("kluis-pg-{}-{stamp}", std::process::id()));
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        if as_postgres {
            // initdb refuses to run as root; the cluster belongs to the postgres user.
            run(
                Command::new("chown")
                    .args(["-R", "postgres:postgres"])
                    .arg(&dir),
                "chown",
            )?;
        }
        let data = dir.join("data");
        let port = free_port()?;

        let mut cmd = user_command(as_postgres, &initdb);
        cmd.arg("-D")
            .arg(&data)
            .args(["-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
        run(&mut cmd, "initdb")?;

        let options = format!(
            "-p {port} -k {} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
             -c max_connections=400",
            dir.display()
        );
        let mut cmd = user_command(as_postgres, &pg_ctl);
        cmd.arg("-D")
            .arg(&data)
            .args(["-w", "-t", "60", "-o", &options, "-l"])
            .arg(dir.join("server.log"))
            .arg("start");
        let cluster = Cluster {
            dir,
            port,
            pg_ctl,
            as_postgres,
        };
        run(&mut cmd, "pg_ctl start")?;
        println!("xtask: PostgreSQL running at {}", cluster.url());
        Ok(cluster)
    }

    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let mut cmd = user_command(self.as_postgres, &self.pg_ctl);
        cmd.arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"]);
        if let Err(err) = run(&mut cmd, "pg_ctl stop") {
            eprintln!("xtask: {err:#}");
        }
        if let Err(err) = std::fs::remove_dir_all(&self.dir) {
            eprintln!("xtask: could not remove {}: {err}", self.dir.display());
        }
    }
}

fn user_command(as_postgres: bool, program: &Path) -> Command {
    if as_postgres {
        let mut cmd = Command::new("runuser");
        cmd.args(["-u", "postgres", "--"]).arg(program);
        cmd
    } else {
        Command::new(program)
    }
}

fn run(cmd: &mut Command, what: &str) -> Result<()> {
    let out = cmd
        .output()
        .with_context(|| format!("could not start {what}"))?;
    if !out.status.success() {
        bail!(
            "{what} failed ({}):\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// PostgreSQL's server binaries: on PATH, or in Debian's versioned directory.
fn find_binary(name: &str) -> Result<PathBuf> {
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin").join(name))
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    versions.into_iter().rev().find(|p| p.is_file()).with_context(|| {
        format!("PostgreSQL's {name} was not found: install Debian's postgresql package (apt-get install postgresql)")
    })
}
