//! Writes seeds/legacy/* from tests/fixtures/legacy in the `legacy` target's input layout: kind byte, u16 length of
//! the first stream, the first stream, the second stream. Not built here: copy into a scratch crate with
//! `cfb = "0.16"` and `zip = "2"`, then `cargo run -- ../../tests/fixtures/legacy seeds/legacy`.

use std::io::Read;
fn stream(b: &[u8], p: &str) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::open(std::io::Cursor::new(b)).unwrap();
    let mut v = Vec::new();
    if let Ok(mut s) = cf.open_stream(p) { s.read_to_end(&mut v).unwrap(); }
    v
}
fn seed(out: &str, kind: u8, a: &[u8], b: &[u8]) {
    let mut v = vec![kind];
    v.extend((a.len() as u16).to_le_bytes());
    v.extend(a); v.extend(b);
    std::fs::write(out, v).unwrap();
}
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let out = std::env::args().nth(2).unwrap();
    let doc = std::fs::read(format!("{dir}/dossier.doc")).unwrap();
    seed(&format!("{out}/seed-doc"), 0, &stream(&doc, "/WordDocument"), &stream(&doc, "/1Table"));
    let xls = std::fs::read(format!("{dir}/dossier.xls")).unwrap();
    seed(&format!("{out}/seed-xls"), 3, &stream(&xls, "/Workbook"), &[]);
    let far = std::fs::read(format!("{dir}/far.xls")).unwrap();
    seed(&format!("{out}/seed-far"), 3, &stream(&far, "/Workbook"), &[]);
    let z = std::fs::File::open(format!("{dir}/dossier.ppt.zip")).unwrap();
    let mut ar = zip::ZipArchive::new(z).unwrap();
    let mut ppt = Vec::new();
    ar.by_name("dossier.ppt").unwrap().read_to_end(&mut ppt).unwrap();
    let pd = stream(&ppt, "/PowerPoint Document");
    println!("doc wd {} ppt {}", stream(&doc, "/WordDocument").len(), pd.len());
    seed(&format!("{out}/seed-ppt"), 2, &pd, &stream(&ppt, "/Current User"));
}
