//! Integration tests of kluis-extract through its public `extract` function.

mod containers;
mod corpus;
mod formats;
mod legacy;
mod limits;
mod locations;
mod make;
mod robustness;

use kluis_extract::{Extracted, Limits, extract};

/// Extracts with default limits but no OCR, so results do not depend on installed programs.
pub fn ex(name: &str, bytes: &[u8]) -> Extracted {
    extract(name, bytes, &no_ocr())
}

pub fn no_ocr() -> Limits {
    Limits {
        ocr: false,
        ..Limits::default()
    }
}

/// Text of a node and, recursively, of all its children.
pub fn all_text(e: &Extracted) -> String {
    let mut s = e.text();
    for c in &e.children {
        s.push('\n');
        s.push_str(&all_text(&c.extracted));
    }
    s
}
