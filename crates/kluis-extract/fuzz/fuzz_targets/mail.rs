//! Focused target: e-mail (EML; an MBOX when the input starts with "From ").
//! Inputs without other magic bytes reach that parser through the file name.
#![no_main]

use kluis_extract::{Limits, extract};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    common::init();
    let limits = Limits {
        ocr: false,
        max_decompressed_bytes: 64 << 20,
        ..Limits::default()
    };
    let _ = extract("f.eml", data, &limits);
});
