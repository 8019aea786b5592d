//! Optional OCR through the `tesseract` command (and `pdftoppm` to render PDF pages), used only
//! when those programs are on PATH; otherwise images are reported as `ImageWithoutText`.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{Ctx, Extracted, Location, Res, Status};

/// Longest one OCR subprocess may run when the caller gave no deadline.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

fn which(prog: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(prog))
        .find(|p| p.is_file())
}

/// Runs `cmd` with `input` on stdin; returns stdout if it exits successfully before `deadline`.
fn run(mut cmd: Command, input: &[u8], deadline: Option<Instant>) -> Option<Vec<u8>> {
    let deadline = deadline.unwrap_or_else(|| Instant::now() + DEFAULT_TIMEOUT);
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take()?;
    let mut stdout = child.stdout.take()?;
    std::thread::scope(|s| {
        s.spawn(move || {
            // A broken pipe only means the program stopped reading; its exit status tells.
            let _ = stdin.write_all(input);
        });
        let reader = s.spawn(move || {
            let mut buf = Vec::new();
            let _ = stdout.read_to_end(&mut buf);
            buf
        });
        let ok = loop {
            match child.try_wait() {
                Ok(Some(st)) => break st.success(),
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(5))
                }
                _ => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break false;
                }
            }
        };
        let out = reader.join().ok()?;
        ok.then_some(out)
    })
}

fn tesseract(exe: &PathBuf, image: &[u8], deadline: Option<Instant>) -> Option<String> {
    for langs in [Some("nld+eng"), None] {
        let mut cmd = Command::new(exe);
        cmd.args(["stdin", "stdout"]);
        if let Some(l) = langs {
            cmd.args(["-l", l]);
        }
        if let Some(out) = run(cmd, image, deadline) {
            return Some(String::from_utf8_lossy(&out).into_owned());
        }
    }
    None
}

/// An image file: OCR when available.
pub(crate) fn image(ctx: &mut Ctx<'_>, bytes: &[u8], out: &mut Extracted) -> Res {
    let exe = which("tesseract")
        .filter(|_| ctx.limits.ocr)
        .ok_or(Status::ImageWithoutText)?;
    let text = tesseract(&exe, bytes, ctx.limits.deadline).ok_or(Status::ImageWithoutText)?;
    if text.trim().is_empty() {
        return Err(Status::ImageWithoutText);
    }
    ctx.push(out, text, Some(Location::Part(crate::Part::Ocr)))
}

/// A PDF without a text layer (a scan): render each page with pdftoppm, then OCR it.
pub(crate) fn pdf(ctx: &mut Ctx<'_>, bytes: &[u8], pages: u32, out: &mut Extracted) -> Res {
    if !ctx.limits.ocr {
        return Err(Status::ImageWithoutText);
    }
    let (Some(tess), Some(ppm)) = (which("tesseract"), which("pdftoppm")) else {
        return Err(Status::ImageWithoutText);
    };
    let mut any = false;
    for n in 1..=pages {
        ctx.check_deadline()?;
        let page = n.to_string();
        let mut cmd = Command::new(&ppm);
        cmd.args([
            "-f",
            &page,
            "-l",
            &page,
            "-r",
            "200",
            "-gray",
            "-png",
            "-singlefile",
            "-",
        ]);
        let Some(png) = run(cmd, bytes, ctx.limits.deadline) else {
            continue;
        };
        if let Some(t) = tesseract(&tess, &png, ctx.limits.deadline)
            && !t.trim().is_empty()
        {
            any = true;
            ctx.push(out, t, Some(Location::Page(n)))?;
        }
    }
    if any {
        Ok(())
    } else {
        Err(Status::ImageWithoutText)
    }
}
