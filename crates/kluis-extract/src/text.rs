//! Plain-text decoding: UTF-8 (with or without BOM), UTF-16 LE/BE (BOM or NUL-byte heuristics),
//! else Windows-1252.

use std::borrow::Cow;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

/// Decodes text bytes, borrowing when they are valid UTF-8 already.
pub(crate) fn decode(b: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = b.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    if let Some(rest) = b.strip_prefix(b"\xFF\xFE") {
        return Cow::Owned(UTF_16LE.decode_without_bom_handling(rest).0.into_owned());
    }
    if let Some(rest) = b.strip_prefix(b"\xFE\xFF") {
        return Cow::Owned(UTF_16BE.decode_without_bom_handling(rest).0.into_owned());
    }
    if let Some(le) = utf16_without_bom(b) {
        let enc = if le { UTF_16LE } else { UTF_16BE };
        return Cow::Owned(enc.decode_without_bom_handling(b).0.into_owned());
    }
    match std::str::from_utf8(b) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => WINDOWS_1252.decode_without_bom_handling(b).0,
    }
}

/// Most text in our languages is Latin: in UTF-16 every other byte is NUL. Returns
/// `Some(true)` for little endian (NULs at odd offsets), `Some(false)` for big endian.
fn utf16_without_bom(b: &[u8]) -> Option<bool> {
    let sample = &b[..b.len().min(4096) & !1];
    if sample.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = sample.len() / 2;
    if odd * 10 >= pairs * 4 && even * 10 < pairs {
        Some(true)
    } else if even * 10 >= pairs * 4 && odd * 10 < pairs {
        Some(false)
    } else {
        None
    }
}

/// Locations in a delimited text file: one mark at its start, rows and columns counted from there with the
/// delimiter that occurs most often (outside quotes) in the first line.
pub(crate) fn csv_layout(t: &str) -> (Vec<crate::Mark>, crate::Columns) {
    let mut counts = [0usize; 4];
    let seps = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for b in t.bytes().take(64 << 10) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = seps.iter().position(|&s| s == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..seps.len() {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    let mark = crate::Mark {
        at: 0,
        pos: crate::Pos::Cell { row: 1, col: 1 },
    };
    (vec![mark], crate::Columns::Delimited(seps[best]))
}
