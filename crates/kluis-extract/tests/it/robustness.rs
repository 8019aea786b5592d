//! Mutated inputs (truncated, bytes flipped, garbage) never panic. Stable-Rust stand-in for the
//! cargo-fuzz targets in fuzz/.

use kluis_extract::{Limits, extract};

use crate::{corpus, make};

fn limits() -> Limits {
    Limits {
        ocr: false,
        max_decompressed_bytes: 16 << 20,
        ..Limits::default()
    }
}

fn mutate(rng: &mut make::Rng, src: &[u8]) -> Vec<u8> {
    let mut b = src.to_vec();
    match rng.below(4) {
        0 => b.truncate(rng.below(b.len() + 1)),
        1 => {
            for _ in 0..=rng.below(16) {
                let i = rng.below(b.len());
                if let Some(x) = b.get_mut(i) {
                    *x ^= 1 << rng.below(8);
                }
            }
        }
        2 => {
            let i = rng.below(b.len());
            let n = rng.below(64);
            for k in i..(i + n).min(b.len()) {
                b[k] = rng.next() as u8;
            }
        }
        _ => {
            // Keep the header, replace the rest: parsers get far with a valid start.
            let keep = rng.below(b.len().min(512) + 1);
            b.truncate(keep);
            b.extend((0..rng.below(2048)).map(|_| rng.next() as u8));
        }
    }
    b
}

fn generated() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("a.docx", make::docx()),
        ("a.xlsx", make::xlsx()),
        ("a.pptx", make::pptx()),
        ("a.odt", make::odt()),
        ("a.ods", make::ods()),
        ("a.eml", make::eml_with_attachment("cv.docx", &make::docx())),
        ("a.msg", make::msg(b"bijlage")),
        (
            "a.pdf",
            make::pdf(&["Jan de Vries", "NL91 ABNA 0417 1643 00"]),
        ),
        (
            "a.zip",
            make::zip_with(&[("x.txt", b"hallo"), ("y.docx", &make::docx())]),
        ),
        (
            "a.html",
            b"<html><body><p>Jan &amp; Piet</p><td>x</td></body></html>".to_vec(),
        ),
    ]
}

#[test]
fn truncated_and_garbage_inputs_of_every_format_do_not_panic() {
    for (name, bytes) in generated() {
        for cut in [
            0,
            1,
            4,
            10,
            30,
            100,
            bytes.len() / 2,
            bytes.len().saturating_sub(1),
        ] {
            let _ = extract(name, &bytes[..cut.min(bytes.len())], &limits());
        }
        let mut rng = make::Rng(0x9E37_79B9_7F4A_7C15 ^ bytes.len() as u64);
        for _ in 0..40 {
            let m = mutate(&mut rng, &bytes);
            let _ = extract(name, &m, &limits());
        }
    }
}

#[test]
fn mutated_corpus_documents_do_not_panic() {
    let Some(dir) = corpus::corpus_dir() else {
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(dir.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut rng = make::Rng(0x2545_F491_4F6C_DD1D);
    let mut cases = 0;
    // Every file once, then more rounds over a spread of files: 600 cases in all.
    while cases < 600 {
        let path = &files[cases % files.len()];
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let m = mutate(&mut rng, &bytes);
        let _ = extract(&name, &m, &limits());
        cases += 1;
    }
}
