//! A throwaway S3-compatible server (moto, from PyPI, in a virtualenv under target/) for the object-storage
//! tests: started on a free loopback port, killed on drop.

use anyhow::{Context, Result, bail};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct MotoServer {
    child: Child,
    port: u16,
}

impl MotoServer {
    pub fn start(root: &Path) -> Result<MotoServer> {
        let venv = root.join("target/xtask-moto");
        let server = venv.join("bin/moto_server");
        if !server.is_file() {
            println!("xtask: installing moto[server] into {}", venv.display());
            let status = Command::new("python3")
                .args(["-m", "venv"])
                .arg(&venv)
                .status();
            if !status.map(|s| s.success()).unwrap_or(false) {
                bail!(
                    "could not create a Python virtualenv (python3 -m venv) for the S3 test server"
                );
            }
            let status = Command::new(venv.join("bin/pip"))
                .args([
                    "install",
                    "--quiet",
                    "--disable-pip-version-check",
                    "moto[server]==5.*",
                ])
                .status()
                .context("pip install moto[server]")?;
            if !status.success() {
                bail!("pip install moto[server] failed");
            }
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = std::fs::File::create(venv.join("moto.log"))?;
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::from(log.try_clone()?))
            .stderr(Stdio::from(log))
            .spawn()
            .context("starting moto_server")?;
        let server = MotoServer { child, port };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                bail!("moto_server did not answer on port {port} within 30 s");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        println!("xtask: S3-compatible test server at {}", server.endpoint());
        Ok(server)
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
