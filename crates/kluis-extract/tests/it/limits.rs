//! Limits: zip bombs, nesting, entry counts, text size, input size, deadline.

use std::time::{Duration, Instant};

use kluis_extract::{Extracted, Limits, PartialReason, Status, extract};

use crate::{make, no_ocr};

fn limited() -> Limits {
    Limits {
        max_decompressed_bytes: 1 << 20,
        ..no_ocr()
    }
}

fn is_limit(s: &Status) -> bool {
    matches!(s, Status::LimitExceeded(..))
}

#[test]
fn zip_bomb_stops_at_the_decompression_budget() {
    let zeros = vec![0u8; 20 << 20];
    let bomb = make::zip_with(&[("nullen.txt", &zeros)]);
    assert!(bomb.len() < 100 << 10);
    let t0 = Instant::now();
    let e = extract("bom.zip", &bomb, &limited());
    assert!(t0.elapsed() < Duration::from_secs(2));
    assert!(is_limit(&e.status), "{:?}", e.status);
    assert!(is_limit(&e.children[0].extracted.status));
}

#[test]
fn zip_bomb_budget_counts_across_members_and_nesting() {
    let half = vec![b'a'; 600 << 10];
    let inner = make::zip_with(&[("a.txt", &half)]);
    let outer = make::zip_with(&[("1.zip", &inner), ("2.zip", &inner)]);
    let e = extract("bom.zip", &outer, &limited());
    // The first member fits the budget; the second crosses it, and says so at its own node.
    assert_eq!(e.children[0].extracted.status, Status::Ok);
    let second = &e.children[1].extracted;
    assert!(is_limit(&second.status), "{:?}", second.status);
    assert!(is_limit(&second.children[0].extracted.status));
}

/// A member that declares a small size but inflates to much more is cut off while reading.
#[test]
fn zip_member_lying_about_its_size_is_bounded() {
    let zeros = vec![0u8; 8 << 20];
    let mut z = make::zip_with(&[("klein.txt", &zeros)]);
    let small = 100u32.to_le_bytes();
    for i in 0..z.len().saturating_sub(30) {
        if z[i..].starts_with(b"PK\x03\x04") {
            z[i + 22..i + 26].copy_from_slice(&small);
        } else if z[i..].starts_with(b"PK\x01\x02") {
            z[i + 24..i + 28].copy_from_slice(&small);
        }
    }
    let e = extract("leugen.zip", &z, &limited());
    let s = &e.children[0].extracted.status;
    assert!(is_limit(s) || matches!(s, Status::Corrupt(_)), "{s:?}");
    assert!(e.children[0].extracted.text().len() <= 1 << 20);
}

fn deepest(e: &Extracted) -> (&Extracted, usize) {
    match e.children.first() {
        Some(c) => {
            let (d, n) = deepest(&c.extracted);
            (d, n + 1)
        }
        None => (e, 0),
    }
}

#[test]
fn nesting_beyond_max_depth_is_reported() {
    let mut z = b"bodem: Eva Smit".to_vec();
    let mut name = "bodem.txt".to_string();
    for i in 0..8 {
        z = make::zip_with(&[(&name, &z)]);
        name = format!("laag{i}.zip");
    }
    let e = extract("diep.zip", &z, &no_ocr());
    let (d, depth) = deepest(&e);
    assert_eq!(depth, 6, "members down to depth 6 are listed");
    assert!(is_limit(&d.status), "{:?}", d.status);
    assert!(!crate::all_text(&e).contains("Eva Smit"));
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..50).map(|i| format!("f{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let z = make::zip_with(&entries);
    let e = extract(
        "veel.zip",
        &z,
        &Limits {
            max_entries: 10,
            ..no_ocr()
        },
    );
    assert!(is_limit(&e.status));
    assert_eq!(e.children.len(), 10);
}

#[test]
fn text_budget_cuts_off_and_says_so() {
    let big = "Jan de Vries ".repeat(1000);
    let e = extract(
        "lang.txt",
        big.as_bytes(),
        &Limits {
            max_text_bytes: 100,
            ..no_ocr()
        },
    );
    assert!(is_limit(&e.status));
    assert_eq!(e.text().len(), 100);
}

#[test]
fn input_too_large() {
    let e = extract(
        "groot.txt",
        &[b'a'; 2000],
        &Limits {
            max_input_bytes: 1000,
            ..no_ocr()
        },
    );
    assert!(is_limit(&e.status));
    assert!(e.segments.is_empty());
}

#[test]
fn deadline_passed() {
    let past = Instant::now()
        .checked_sub(Duration::from_millis(1))
        .unwrap_or_else(Instant::now);
    let e = extract(
        "a.docx",
        &make::docx(),
        &Limits {
            deadline: Some(past),
            ..no_ocr()
        },
    );
    assert!(is_limit(&e.status), "{:?}", e.status);
}

#[test]
fn zip_nested_50_deep_is_partial_with_depth_limit_at_every_level() {
    let z = make::zip_nested("bodem.txt", b"BSN 111222333 van Eva Smit", 50);
    let e = extract("diep.zip", &z, &no_ocr());
    assert!(
        !crate::all_text(&e).contains("111222333"),
        "the BSN is never read"
    );
    // The top reads fine by itself, but says that not all of it was read, and why.
    assert_eq!(e.status, Status::Ok);
    assert!(e.is_partial());
    assert_eq!(e.partial, vec![PartialReason::DepthLimit]);
    let mut node = &e;
    let mut depth = 0;
    while let Some(c) = node.children.first() {
        node = &c.extracted;
        depth += 1;
        assert_eq!(
            node.partial,
            vec![PartialReason::DepthLimit],
            "depth {depth}"
        );
    }
    assert_eq!(depth, 6);
    assert!(matches!(
        node.status,
        Status::LimitExceeded(PartialReason::DepthLimit, _)
    ));
}

#[test]
fn a_zip_within_the_depth_limit_is_read_in_full() {
    let z = make::zip_nested("bodem.txt", b"BSN 111222333", 4);
    let e = extract("ondiep.zip", &z, &no_ocr());
    assert!(crate::all_text(&e).contains("111222333"));
    assert!(!e.is_partial(), "{:?}", e.partial);
}

#[test]
fn zip_bomb_over_the_budget_is_partial_with_decompression_budget() {
    let zeros = vec![0u8; 20 << 20];
    let bomb = make::zip_with(&[("a.txt", b"Jan de Vries"), ("nullen.txt", &zeros)]);
    let e = extract("bom.zip", &bomb, &limited());
    assert!(
        matches!(
            e.status,
            Status::LimitExceeded(PartialReason::DecompressionBudget, _)
        ),
        "{:?}",
        e.status
    );
    assert_eq!(e.partial, vec![PartialReason::DecompressionBudget]);
    assert_eq!(e.children[0].extracted.text(), "Jan de Vries");
    assert!(!e.children[0].extracted.is_partial());
    assert_eq!(
        e.children[1].extracted.partial,
        vec![PartialReason::DecompressionBudget]
    );
}

#[test]
fn an_encrypted_member_makes_the_archive_partial() {
    let inner = make::mark_encrypted(make::zip_with(&[("geheim.txt", b"BSN 111222333")]));
    let z = make::zip_with(&[("open.txt", b"Jan"), ("geheim.zip", &inner)]);
    let e = extract("map.zip", &z, &no_ocr());
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.partial, vec![PartialReason::UnreadablePart]);
}

#[test]
fn limits_say_which_limit() {
    let e = extract(
        "groot.txt",
        &[b'a'; 2000],
        &Limits {
            max_input_bytes: 1000,
            ..no_ocr()
        },
    );
    assert_eq!(e.partial, vec![PartialReason::SizeLimit]);
    let names: Vec<String> = (0..20).map(|i| format!("f{i}.txt")).collect();
    let entries: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b"x"[..])).collect();
    let e = extract(
        "veel.zip",
        &make::zip_with(&entries),
        &Limits {
            max_entries: 10,
            ..no_ocr()
        },
    );
    assert_eq!(e.partial, vec![PartialReason::EntryLimit]);
    let e = extract(
        "lang.txt",
        "Jan de Vries ".repeat(100).as_bytes(),
        &Limits {
            max_text_bytes: 100,
            ..no_ocr()
        },
    );
    assert_eq!(e.partial, vec![PartialReason::TextLimit]);
    let past = Instant::now()
        .checked_sub(Duration::from_millis(1))
        .unwrap_or_else(Instant::now);
    let e = extract(
        "a.docx",
        &make::docx(),
        &Limits {
            deadline: Some(past),
            ..no_ocr()
        },
    );
    assert_eq!(e.partial, vec![PartialReason::Timeout]);
}

/// PDF streams are charged against the same budget as archives: a content stream that inflates past it is not
/// inflated by the PDF reader.
#[test]
fn pdf_stream_inflating_past_the_budget_is_refused() {
    let pdf = make::pdf_flate(&["BSN 111222333"], 2 << 20);
    assert!(pdf.len() < 64 << 10);
    let e = extract("bom.pdf", &pdf, &limited());
    assert!(
        matches!(
            e.status,
            Status::LimitExceeded(PartialReason::DecompressionBudget, _)
        ),
        "{:?}",
        e.status
    );
    assert_eq!(e.partial, vec![PartialReason::DecompressionBudget]);
    // Within the budget the same kind of file reads normally.
    let small = make::pdf_flate(&["BSN 111222333"], 100 << 10);
    let e = extract("klein.pdf", &small, &limited());
    assert_eq!(e.status, Status::Ok);
    assert!(e.text().contains("111222333"), "{:?}", e.text());
    assert!(!e.is_partial());
}

#[test]
fn pdf_lzw_stream_inflating_past_the_budget_is_refused() {
    let pdf = make::pdf_lzw(&["BSN 111222333"], 4 << 20);
    assert!(pdf.len() < 1 << 20, "{}", pdf.len());
    let e = extract("bom.pdf", &pdf, &limited());
    assert!(
        matches!(
            e.status,
            Status::LimitExceeded(PartialReason::DecompressionBudget, _)
        ),
        "{:?}",
        e.status
    );
    let small = make::pdf_lzw(&["BSN 111222333"], 10 << 10);
    let e = extract("klein.pdf", &small, &limited());
    assert_eq!(e.status, Status::Ok);
    assert!(e.text().contains("111222333"), "{:?}", e.text());
}

/// One budget for the whole tree: PDFs inside a ZIP share it with the other members.
#[test]
fn pdf_streams_share_the_budget_with_the_archive() {
    let half = vec![b'a'; 600 << 10];
    let pdf = make::pdf_flate(&["Jan de Vries"], 600 << 10);
    let z = make::zip_with(&[("a.txt", &half), ("b.pdf", &pdf)]);
    let e = extract("map.zip", &z, &limited());
    assert_eq!(e.children[0].extracted.status, Status::Ok);
    assert!(matches!(
        e.children[1].extracted.status,
        Status::LimitExceeded(PartialReason::DecompressionBudget, _)
    ));
    assert_eq!(e.partial, vec![PartialReason::DecompressionBudget]);
}
