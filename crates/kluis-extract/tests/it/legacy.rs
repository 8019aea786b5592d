//! Legacy binary Office files (.doc, .xls, .ppt): LibreOffice-made fixtures, hand-made edge cases, and damaged,
//! cut-short and encrypted variants, each reported with a reason.

use kluis_extract::{Format, Location, Status, detect};

use crate::make::{self, Piece, legacy_fixture};
use crate::{all_text, ex};

const NAME: &str = "Jan de Vries";
const BSN: &str = "111222333";
const IBAN: &str = "NL91 ABNA 0417 1643 00";

fn segment<'a>(e: &'a kluis_extract::Extracted, loc: &Location) -> &'a str {
    e.segments
        .iter()
        .find(|s| s.location.as_ref() == Some(loc))
        .map(|s| s.text.as_str())
        .unwrap_or_else(|| panic!("no segment at {loc}: {:?}", e.segments))
}

fn assert_corrupt_or_limited(name: &str, e: &kluis_extract::Extracted) {
    match &e.status {
        Status::Corrupt(why) => {
            assert!(!why.is_empty());
            assert!(
                !why.contains("parser failed"),
                "{name}: the reader panicked: {why}"
            );
        }
        other => panic!("{name}: expected a damaged-file report, got {other:?}"),
    }
}

#[test]
fn doc_made_by_libreoffice_gives_its_text_tables_and_header() {
    let e = ex("dossier.doc", &legacy_fixture("dossier.doc"));
    assert_eq!((e.format, &e.status), (Format::Doc, &Status::Ok));
    // The main text has no location, like a .docx body.
    let body = &e.segments[0];
    assert_eq!(body.location, None);
    let body = body.text.clone();
    for want in [
        "Personeelsdossier van Jan de Vries",
        "BSN: 111222333",
        "IBAN: NL91 ABNA 0417 1643 00",
        "Coöperatieweg 12, 1234 AB Utrecht – café ‘De Zon’ € 12,50",
        "Ελληνικά: Σωκράτης",
        // Cells are tab-separated; the end of a row (a TTP paragraph in the properties) is a newline.
        "Naam\tPiet Jansen\nTelefoon\t06-12345678",
    ] {
        assert!(body.contains(want), "{want:?} not in {body:?}");
    }
    assert_eq!(
        segment(&e, &Location::Part(kluis_extract::Part::HeaderFooter)),
        "Vertrouwelijk: Bakkerij Smit"
    );
}

#[test]
fn doc_reads_8_bit_and_utf16_pieces_and_drops_field_instructions() {
    let bytes = make::word_doc(
        &[
            // Windows-1252: 0xE9 é, 0x80 €, 0x92 ’; 0x0D paragraph, 0x07 cell mark.
            Piece::Cp1252(b"Caf\xe9 \x80 5, Jan de Vries\x92s BSN 111222333\r"),
            Piece::Utf16("Σωκράτης\u{7}IBAN\u{7}NL91 ABNA 0417 1643 00\u{7}\r"),
            Piece::Cp1252(
                b"Mail: \x13 HYPERLINK \"mailto:geheim@example.nl\" \x14jan@example.nl\x15 einde\r",
            ),
        ],
        0,
    );
    // Detected by its streams, whatever the name says.
    assert_eq!(detect("upload.bin", &bytes), Format::Doc);
    assert_eq!(detect("verkeerd.xls", &bytes), Format::Doc);
    let e = ex("upload.bin", &bytes);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(
        e.text(),
        "Café € 5, Jan de Vries’s BSN 111222333\nΣωκράτης\tIBAN\tNL91 ABNA 0417 1643 00\nMail: jan@example.nl einde"
    );
}

#[test]
fn encrypted_doc_is_reported_as_encrypted() {
    let e = ex("encrypted.doc", &legacy_fixture("encrypted.doc"));
    assert_eq!((e.format, &e.status), (Format::Doc, &Status::Encrypted));
    assert!(e.segments.is_empty());
    // The same flag on a hand-made file (XOR obfuscation sets it too).
    let e = ex("x.doc", &make::word_doc(&[Piece::Cp1252(b"Jan\r")], 0x0100));
    assert_eq!(e.status, Status::Encrypted);
}

#[test]
fn doc_cut_short_or_damaged_is_reported_with_a_reason() {
    let full = legacy_fixture("dossier.doc");
    for cut in [600, full.len() / 2, full.len() - 512] {
        let e = ex("dossier.doc", &full[..cut]);
        assert_eq!(e.format, Format::Doc, "cut at {cut}");
        assert_corrupt_or_limited(&format!("cut at {cut}"), &e);
    }
    // A piece that points past the end of the stream: the earlier pieces are kept.
    let bytes = make::word_doc(&[Piece::Cp1252(b"Jan de Vries\r"), Piece::Utf16("x")], 0);
    let bytes = make::with_stream(&bytes, "/WordDocument", |mut wd| {
        wd.truncate(wd.len() - 1);
        wd
    });
    let e = ex("x.doc", &bytes);
    assert_eq!(e.text(), "Jan de Vries");
    assert!(
        matches!(&e.status, Status::Corrupt(why) if why.contains("cut short")),
        "{:?}",
        e.status
    );
    // No piece table where the FIB says.
    let bytes = make::with_stream(&bytes, "/1Table", |t| t[..10].to_vec());
    assert_corrupt_or_limited("no piece table", &ex("x.doc", &bytes));
    // Not a Word signature.
    let bytes = make::with_stream(&bytes, "/WordDocument", |mut wd| {
        wd[0] = 0;
        wd
    });
    assert_corrupt_or_limited("bad signature", &ex("x.doc", &bytes));
    // An empty WordDocument stream.
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/WordDocument").unwrap();
    let e = ex("oud.doc", &cf.into_inner().into_inner());
    assert!(
        matches!(&e.status, Status::Corrupt(why) if why.contains("cut short")),
        "{:?}",
        e.status
    );
}

#[test]
fn xls_made_by_libreoffice_gives_every_sheet_with_text_and_numbers() {
    let e = ex("dossier.xls", &legacy_fixture("dossier.xls"));
    assert_eq!((e.format, &e.status), (Format::Xls, &Status::Ok));
    let first = segment(&e, &Location::Sheet("Personeel".into()));
    assert!(first.contains(&format!("{NAME}\t{BSN}\t{IBAN}")), "{first}");
    assert!(first.contains("Coöperatie ‘De Zon’\t\t€ 12,50"), "{first}");
    // The BSN typed as a number comes out as digits, not as 1.11222333e8.
    assert!(first.contains("Piet Jansen\t111222333"), "{first}");
    assert_eq!(
        segment(&e, &Location::Sheet("Salaris".into())),
        "Salaris Piet Jansen\t3125.5"
    );
    assert_eq!(
        detect("upload", &legacy_fixture("dossier.xls")),
        Format::Xls
    );
}

#[test]
fn encrypted_and_damaged_xls_are_reported() {
    let e = ex("encrypted.xls", &legacy_fixture("encrypted.xls"));
    assert_eq!((e.format, &e.status), (Format::Xls, &Status::Encrypted));
    let full = legacy_fixture("dossier.xls");
    for cut in [700, full.len() / 2, full.len() - 1024] {
        let e = ex("dossier.xls", &full[..cut]);
        assert_eq!(e.format, Format::Xls, "cut at {cut}");
        assert!(
            matches!(&e.status, Status::Corrupt(why) if !why.is_empty()),
            "cut at {cut}: {:?}",
            e.status
        );
    }
}

#[test]
fn ppt_made_by_libreoffice_gives_text_per_slide() {
    let bytes = legacy_fixture("dossier.ppt");
    assert_eq!(detect("presentatie", &bytes), Format::Ppt);
    let e = ex("dossier.ppt", &bytes);
    assert_eq!((e.format, &e.status), (Format::Ppt, &Status::Ok));
    assert_eq!(
        segment(&e, &Location::Slide(1)),
        "Dossier Jan de Vries\nBSN: 111222333"
    );
    assert_eq!(
        segment(&e, &Location::Slide(2)),
        "Betaling\nIBAN: NL91 ABNA 0417 1643 00\nCoöperatie ‘De Zon’ € 12,50 Σωκράτης"
    );
}

#[test]
fn ppt_reads_8_bit_and_utf16_text_atoms_once_each() {
    let utf16: Vec<u8> = "Σωκράτης\rtel. 06-12345678"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let bytes = make::ppt(
        &[
            (0x0FA8, b"Jan de Vries, caf\xe9\x0bBSN 111222333"),
            (0x0FA0, &utf16),
            (0x0FA8, b"Jan de Vries, caf\xe9\x0bBSN 111222333"),
            (0x0FBA, b"n\0o\0t\0 \0t\0e\0x\0t\0"),
        ],
        0xE391_C05F,
    );
    let e = ex("x.ppt", &bytes);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(
        segment(&e, &Location::Slide(1)),
        "Jan de Vries, café\nBSN 111222333\nΣωκράτης\ntel. 06-12345678"
    );
}

#[test]
fn encrypted_and_damaged_ppt_are_reported() {
    // LibreOffice writes no encrypted .ppt: mark the real one encrypted the way PowerPoint does, in its
    // Current User stream's header token.
    let real = legacy_fixture("dossier.ppt");
    let encrypted = make::with_stream(&real, "/Current User", |mut cu| {
        cu[12..16].copy_from_slice(&0xF3D1_C4DFu32.to_le_bytes());
        cu
    });
    let e = ex("dossier.ppt", &encrypted);
    assert_eq!((e.format, &e.status), (Format::Ppt, &Status::Encrypted));

    // An atom longer than the stream: text before it is kept.
    let mut bytes = make::ppt(&[(0x0FA8, b"Jan de Vries")], 0xE391_C05F);
    bytes = make::with_stream(&bytes, "/PowerPoint Document", |mut s| {
        s.extend([0, 0, 0xA8, 0x0F, 0xFF, 0xFF, 0xFF, 0x7F, b'x']);
        s
    });
    let e = ex("x.ppt", &bytes);
    assert_eq!(all_text(&e).trim(), "Jan de Vries");
    assert!(
        matches!(&e.status, Status::Corrupt(why) if why.contains("cut short")),
        "{:?}",
        e.status
    );
    for cut in [1024, real.len() / 2] {
        let e = ex("dossier.ppt", &real[..cut]);
        assert_eq!(e.format, Format::Ppt, "cut at {cut}");
        assert_corrupt_or_limited(&format!("cut at {cut}"), &e);
    }
}

#[test]
fn legacy_text_respects_the_text_limit() {
    let long = "Jan de Vries 111222333\r".repeat(2000);
    let bytes = make::word_doc(&[Piece::Cp1252(long.as_bytes())], 0);
    let limits = kluis_extract::Limits {
        max_text_bytes: 1000,
        ..crate::no_ocr()
    };
    let e = kluis_extract::extract("x.doc", &bytes, &limits);
    assert!(
        matches!(e.status, Status::LimitExceeded(..)),
        "{:?}",
        e.status
    );
    assert!(e.text().len() <= 1000);
    assert!(e.text().starts_with("Jan de Vries 111222333\n"));
}

#[test]
fn pieces_that_all_point_at_the_same_bytes_are_stopped() {
    // 100 000 pieces over the same 4 KB of paragraph marks: 400 MB of decoding that adds no text, so the text
    // budget never stops it. Honest pieces do not overlap; these are reported as damaged.
    let bytes = make::word_doc_repeating(&[b'\r'; 4096], 100_000);
    let started = std::time::Instant::now();
    let e = ex("x.doc", &bytes);
    assert!(
        matches!(&e.status, Status::Corrupt(why) if why.contains("piece table")),
        "{:?}",
        e.status
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn ole_files_are_routed_by_their_streams_not_their_name() {
    let doc = legacy_fixture("dossier.doc");
    let xls = legacy_fixture("dossier.xls");
    let ppt = legacy_fixture("dossier.ppt");
    let msg = make::msg(b"bijlage");
    for name in ["x.doc", "x.xls", "x.ppt", "x.msg", "x"] {
        assert_eq!(detect(name, &doc), Format::Doc, "{name}");
        assert_eq!(detect(name, &xls), Format::Xls, "{name}");
        assert_eq!(detect(name, &ppt), Format::Ppt, "{name}");
        assert_eq!(detect(name, &msg), Format::Msg, "{name}");
    }
    // A wrong name changes nothing about the text either.
    let e = ex("bericht.msg", &xls);
    assert_eq!((e.format, &e.status), (Format::Xls, &Status::Ok));
    assert!(e.text().contains(IBAN));
    // An OLE file whose directory cannot be read falls back to its name, and that reader says what is wrong.
    let broken = &doc[..600];
    assert_eq!(detect("x.doc", broken), Format::Doc);
    assert_eq!(detect("x.ppt", broken), Format::Ppt);
    assert_eq!(detect("x", broken), Format::Ole);
    let e = ex("x.ppt", broken);
    assert!(
        matches!(&e.status, Status::Corrupt(why) if why.contains("OLE")),
        "{:?}",
        e.status
    );
}

/// Offset of the first BIFF record of type `typ` in a workbook stream.
fn biff_record(wb: &[u8], typ: u16) -> usize {
    let mut at = 0;
    while at + 4 <= wb.len() {
        let t = u16::from_le_bytes([wb[at], wb[at + 1]]);
        if t == typ {
            return at;
        }
        at += 4 + usize::from(u16::from_le_bytes([wb[at + 2], wb[at + 3]]));
    }
    panic!("no record {typ:#06x}");
}

#[test]
fn xls_sheets_that_would_expand_to_millions_of_cells_are_refused_before_allocating() {
    // 5 KB on disk; read densely it took a gigabyte, and in a worker under its memory limit it aborted.
    let started = std::time::Instant::now();
    let e = ex("far.xls", &legacy_fixture("far.xls"));
    assert_eq!(e.format, Format::Xls);
    assert!(
        matches!(&e.status, Status::LimitExceeded(_, why) if why.contains("65536 rows × 256 columns")),
        "{:?}",
        e.status
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(2));

    // A DIMENSIONS record that claims 4 billion rows (calamine reserves that up front).
    let forged = make::with_stream(&legacy_fixture("dossier.xls"), "/Workbook", |mut wb| {
        let at = biff_record(&wb, 0x0200) + 4;
        wb[at..at + 4].copy_from_slice(&0u32.to_le_bytes());
        wb[at + 4..at + 8].copy_from_slice(&u32::MAX.to_le_bytes());
        wb
    });
    let e = ex("x.xls", &forged);
    assert!(
        matches!(&e.status, Status::LimitExceeded(_, why) if why.contains("4294967295 rows")),
        "{:?}",
        e.status
    );
    // One whose first row lies past its last.
    let forged = make::with_stream(&legacy_fixture("dossier.xls"), "/Workbook", |mut wb| {
        let at = biff_record(&wb, 0x0200) + 4;
        wb[at..at + 4].copy_from_slice(&1000u32.to_le_bytes());
        wb[at + 4..at + 8].copy_from_slice(&10u32.to_le_bytes());
        wb
    });
    let e = ex("x.xls", &forged);
    assert!(
        matches!(&e.status, Status::Corrupt(why) if why.contains("dimensions")),
        "{:?}",
        e.status
    );
}

#[test]
fn older_word_versions_are_named_not_misread() {
    let doc = make::word_doc(&[Piece::Cp1252(b"Jan de Vries\r")], 0);
    for (at, value, want) in [(2, 0x0065u16, "Word 6.0/95"), (0, 0xA5DB, "Word 1.x/2.0")] {
        let old = make::with_stream(&doc, "/WordDocument", |mut wd| {
            wd[at..at + 2].copy_from_slice(&value.to_le_bytes());
            wd
        });
        let e = ex("oud.doc", &old);
        assert!(
            matches!(&e.status, Status::Unsupported(why) if why.contains(want)),
            "{:?}",
            e.status
        );
    }
}
