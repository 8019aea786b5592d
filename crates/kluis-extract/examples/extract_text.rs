//! Prints the text kluis-extract finds in each file: `extract_text FILE...`.
//! Each document starts with `=== <path> <status>`; members of containers follow as
//! `=== <path>!/<member> <status>`, and each located segment with `--- <location>`.

use kluis_extract::{Extracted, Limits, extract};

fn print(path: &str, e: &Extracted) {
    println!("=== {path} {}", e.status);
    for s in &e.segments {
        if let Some(l) = &s.location {
            println!("--- {l}");
        }
        println!("{}", s.text);
    }
    for c in &e.children {
        print(&format!("{path}!/{}", c.name), &c.extracted);
    }
}

fn main() {
    let limits = Limits::default();
    for path in std::env::args().skip(1) {
        match std::fs::read(&path) {
            Ok(bytes) => print(&path, &extract(&path, &bytes, &limits)),
            Err(e) => println!("=== {path} unreadable: {e}"),
        }
    }
}
