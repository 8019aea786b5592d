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
        ("a.doc", make::legacy_fixture("dossier.doc")),
        ("a.xls", make::legacy_fixture("dossier.xls")),
        ("a.ppt", make::legacy_fixture("dossier.ppt")),
    ]
}

/// The streams of the legacy readers written here, mutated inside a valid OLE file (mutating the whole file
/// mostly breaks the OLE wrapper instead). Panics would be caught, so the test looks for the report of one.
#[test]
fn mutated_word_and_powerpoint_streams_never_make_their_reader_panic() {
    let doc = make::legacy_fixture("dossier.doc");
    let ppt = make::legacy_fixture("dossier.ppt");
    let hand_doc = make::word_doc(
        &[
            make::Piece::Cp1252(b"Jan \x13 HYPERLINK x \x14de\x15 Vries\r"),
            make::Piece::Utf16("Σωκράτης\u{7}\r"),
        ],
        0,
    );
    let mut rng = make::Rng(0x51_7CC1_B727_220A);
    let cases: [(&str, &[u8], &[&str]); 3] = [
        ("a.doc", &doc, &["/WordDocument", "/1Table"]),
        ("b.doc", &hand_doc, &["/WordDocument", "/1Table"]),
        ("a.ppt", &ppt, &["/PowerPoint Document", "/Current User"]),
    ];
    for (name, bytes, streams) in cases {
        for round in 0..150 {
            let stream = streams[round % streams.len()];
            let m = make::with_stream(bytes, stream, |s| mutate(&mut rng, &s));
            let e = extract(name, &m, &limits());
            assert!(
                !matches!(&e.status, kluis_extract::Status::Corrupt(why) if why.contains("parser failed")),
                "{name}, {stream} mutated (round {round}): {:?}",
                e.status
            );
        }
    }
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
