//! Legacy Office readers (.doc piece table, .ppt records, .xls BIFF): the input becomes the streams of a valid OLE
//! file, so the fuzzer works on the formats themselves instead of on the compound-file wrapper.
#![no_main]

use std::io::{Cursor, Write};

use kluis_extract::{Limits, extract};
use libfuzzer_sys::fuzz_target;

mod common;

/// Byte 0 picks the kind, bytes 1-2 where the input splits into the first and second stream.
fn ole(data: &[u8]) -> Option<(&'static str, Vec<u8>)> {
    let (&kind, rest) = data.split_first()?;
    let (split, rest) = match rest {
        [a, b, rest @ ..] => (usize::from(u16::from_le_bytes([*a, *b])), rest),
        _ => (0, rest),
    };
    let (first, second) = rest.split_at(split.min(rest.len()));
    let (name, streams): (&str, [&str; 2]) = match kind % 4 {
        0 => ("f.doc", ["/WordDocument", "/1Table"]),
        1 => ("f.doc", ["/WordDocument", "/0Table"]),
        2 => ("f.ppt", ["/PowerPoint Document", "/Current User"]),
        _ => ("f.xls", ["/Workbook", "/SummaryInformation"]),
    };
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).ok()?;
    for (path, bytes) in streams.iter().zip([first, second]) {
        cf.create_stream(path).ok()?.write_all(bytes).ok()?;
    }
    cf.flush().ok()?;
    Some((name, cf.into_inner().into_inner()))
}

fuzz_target!(|data: &[u8]| {
    common::init();
    let Some((name, bytes)) = ole(data) else {
        return;
    };
    let limits = Limits {
        ocr: false,
        max_decompressed_bytes: 64 << 20,
        ..Limits::default()
    };
    let _ = extract(name, &bytes, &limits);
});
