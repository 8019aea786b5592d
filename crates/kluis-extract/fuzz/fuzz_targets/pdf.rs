//! Focused target: inputs are steered to one parser family (f.pdf) by prefixing its magic bytes
//! when missing.
#![no_main]

use kluis_extract::{Limits, extract};
use libfuzzer_sys::fuzz_target;

mod common;

const MAGIC: &[u8] = b"%PDF-1.4\n";

fuzz_target!(|data: &[u8]| {
    common::init();
    let limits = Limits {
        ocr: false,
        max_decompressed_bytes: 64 << 20,
        ..Limits::default()
    };
    if data.starts_with(MAGIC) {
        let _ = extract("f.pdf", data, &limits);
    } else {
        let mut v = Vec::with_capacity(MAGIC.len() + data.len());
        v.extend_from_slice(MAGIC);
        v.extend_from_slice(data);
        let _ = extract("f.pdf", &v, &limits);
    }
});
