//! Focused target: inputs are steered to one parser family (f.docx) by prefixing its magic bytes
//! when missing.
#![no_main]

use kluis_extract::{Limits, extract};
use libfuzzer_sys::fuzz_target;

mod common;

const MAGIC: &[u8] = b"PK\x03\x04";

fuzz_target!(|data: &[u8]| {
    common::init();
    let limits = Limits {
        ocr: false,
        max_decompressed_bytes: 64 << 20,
        ..Limits::default()
    };
    if data.starts_with(MAGIC) {
        let _ = extract("f.docx", data, &limits);
    } else {
        let mut v = Vec::with_capacity(MAGIC.len() + data.len());
        v.extend_from_slice(MAGIC);
        v.extend_from_slice(data);
        let _ = extract("f.docx", &v, &limits);
    }
});
