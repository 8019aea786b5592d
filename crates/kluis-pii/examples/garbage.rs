//! Dev tool: runs analyze on arbitrary files read as lossy UTF-8 (no-panic smoke test).
fn main() {
    let det = kluis_pii::Detector::shared();
    let mut n = 0;
    let mut bytes = 0;
    for p in std::env::args().skip(1) {
        let Ok(raw) = std::fs::read(&p) else { continue };
        let t = String::from_utf8_lossy(&raw);
        bytes += t.len();
        let a = det.analyze(&t, Some(&p));
        for f in &a.findings {
            assert!(
                t.is_char_boundary(f.start)
                    && t.is_char_boundary(f.end)
                    && t[f.start..f.end] == f.value
            );
        }
        n += a.findings.len();
    }
    println!("{n} findings in {bytes} bytes");
}
