//! The interoperability validators the register-export tests run (pyshacl with rdflib for W3C DPV, fideslang for
//! fideslang manifests) and the SMTP server the mail tests send to (aiosmtpd), from PyPI into a virtualenv under
//! target/, made once and reused.

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::Command;

/// fideslang is pinned to the version ../shared/interop/README.md validates against.
const PACKAGES: &[&str] = &[
    "pyshacl==0.*",
    "rdflib==7.*",
    "fideslang==3.1.4",
    "aiosmtpd==1.*",
];

/// The virtualenv's path, created and filled if it is not there yet.
pub fn venv(root: &Path) -> Result<PathBuf> {
    let venv = root.join("target/validators-venv");
    let ready = venv.join("bin/pyshacl").is_file()
        && Command::new(venv.join("bin/python"))
            .args(["-c", "import fideslang, rdflib, aiosmtpd"])
            .status()
            .is_ok_and(|s| s.success());
    if ready {
        return Ok(venv);
    }
    eprintln!(
        "xtask: installing {} into {}",
        PACKAGES.join(", "),
        venv.display()
    );
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success());
    if !ok {
        bail!(
            "could not create a Python virtualenv (python3 -m venv) for the export validators; on Debian \
             install python3-venv"
        );
    }
    let status = Command::new(venv.join("bin/pip"))
        .args(["install", "--quiet", "--disable-pip-version-check"])
        .args(PACKAGES)
        .status()
        .context("pip install of the export validators")?;
    if !status.success() {
        bail!("pip install {} failed", PACKAGES.join(" "));
    }
    Ok(venv)
}
