//! `garbage FILE...`: runs analyze on arbitrary files read as lossy UTF-8 (no-panic smoke test) and checks that
//! every finding's offsets are character boundaries that hold its value.

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let det = kluis_pii::Detector::shared();
    let mut n = 0;
    let mut bytes = 0;
    let mut wrong = 0;
    for p in args {
        let Ok(raw) = std::fs::read(p) else { continue };
        let t = String::from_utf8_lossy(&raw);
        bytes += t.len();
        let a = det.analyze(&t, Some(p));
        for f in &a.findings {
            if t.get(f.start..f.end) != Some(f.value.as_str()) {
                eprintln!(
                    "{p}: finding {}..{} does not hold {:?}",
                    f.start, f.end, f.value
                );
                wrong += 1;
            }
        }
        n += a.findings.len();
    }
    println!("{n} findings in {bytes} bytes");
    if wrong > 0 {
        anyhow::bail!("{wrong} findings whose offsets do not hold their value");
    }
    Ok(())
}
