//! Dev tool: prints findings and classification of text files (`show FILE...`).
fn main() {
    for p in std::env::args().skip(1) {
        let t = std::fs::read_to_string(&p).unwrap_or_default();
        let a = kluis_pii::Detector::shared().analyze(&t, Some(&p));
        println!("== {p}: {:?}", a.classification);
        for f in a.findings {
            println!("  {:<22} {:?}", f.entity.as_str(), f.value);
        }
    }
}
