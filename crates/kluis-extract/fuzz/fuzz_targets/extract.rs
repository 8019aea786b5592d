//! Every format through the public entry point; the first byte picks the file name's extension
//! (magic bytes still decide first, as in production).
#![no_main]

use kluis_extract::{Limits, extract};
use libfuzzer_sys::fuzz_target;

mod common;

const NAMES: [&str; 18] = [
    "f.pdf", "f.docx", "f.xlsx", "f.pptx", "f.odt", "f.ods", "f.eml", "f.mbox", "f.msg", "f.zip",
    "f.html", "f.txt", "f.csv", "f.png", "f", "f.doc", "f.xls", "f.ppt",
];

fuzz_target!(|data: &[u8]| {
    common::init();
    let name = NAMES[usize::from(data.first().copied().unwrap_or(0)) % NAMES.len()];
    let limits = Limits {
        ocr: false,
        max_decompressed_bytes: 64 << 20,
        ..Limits::default()
    };
    let _ = extract(name, data, &limits);
});
