//! One document per format: text, locations, boundaries, encodings, detection.

use kluis_extract::{Format, Location, Status};

use crate::{ex, make};

#[test]
fn docx_body_header_footer_comments_footnotes_keep_word_boundaries() {
    let e = ex("brief.docx", &make::docx());
    assert_eq!(e.format, Format::Docx);
    assert_eq!(e.status, Status::Ok);
    let body = &e.segments[0];
    assert_eq!(body.location, None);
    assert!(
        body.text.contains("Geachte heer Jan de Vries,"),
        "{}",
        body.text
    );
    assert!(body.text.contains("IBAN\tNL91 ABNA 0417 1643 00"));
    assert!(body.text.contains("Regel een\nregel twee & drie"));
    assert!(
        body.text
            .contains("Naam\tPiet Jansen\nAdres\tDorpsstraat 1\n1234 AB Ergens"),
        "{:?}",
        body.text
    );
    assert!(!body.text.contains("HYPERLINK"), "field codes are not text");
    assert!(
        !body.text.starts_with('\t'),
        "tab stops in paragraph properties are not text"
    );
    let part = |p: &str| {
        e.segments
            .iter()
            .find(|s| s.location.as_ref().is_some_and(|l| l.to_string() == p))
            .map(|s| s.text.clone())
            .unwrap_or_default()
    };
    assert_eq!(part("header"), "Kopregel Bakkerij Smit");
    assert_eq!(part("footer"), "KvK 12345678");
    assert_eq!(part("comments"), "Karin Bos: Klopt dit BSN?");
    assert_eq!(part("footnotes"), "Zie dossier 42.");
    insta::assert_snapshot!("docx_body", body.text);
}

#[test]
fn xlsx_streams_cells_without_building_the_declared_range() {
    let t0 = std::time::Instant::now();
    let e = ex("klanten.xlsx", &make::xlsx());
    assert!(
        t0.elapsed().as_millis() < 1000,
        "a far-off cell must cost nothing"
    );
    assert_eq!(e.format, Format::Xlsx);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(
        e.segments[0].location,
        Some(Location::Sheet("Klanten".into()))
    );
    assert_eq!(
        e.segments[0].text,
        "Naam\tIBAN\nNoëlle Goedhart\tNL69SNSB8851195857\t42.5\nverre cel"
    );
    assert_eq!(e.segments.len(), 1, "the empty sheet gives no segment");
}

#[test]
fn ods_ignores_repeat_counts_and_names_sheets() {
    let t0 = std::time::Instant::now();
    let e = ex("personeel.ods", &make::ods());
    assert!(t0.elapsed().as_millis() < 1000);
    assert_eq!(e.format, Format::Ods);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(
        e.segments[0].location,
        Some(Location::Sheet("Personeel".into()))
    );
    assert_eq!(e.segments[0].text, "Naam\tBSN\nEva Smit\t111222333");
    assert_eq!(
        e.segments[1].location,
        Some(Location::Sheet("Tweede".into()))
    );
    assert_eq!(e.segments[1].text, "Blad twee");
    assert!(
        e.segments
            .iter()
            .any(|s| s.text.contains("Voettekst Bakkerij Smit"))
    );
}

#[test]
fn odt_paragraphs_spaces_tabs_and_styles_footer() {
    let e = ex("brief.odt", &make::odt());
    assert_eq!(e.format, Format::Odt);
    assert_eq!(e.status, Status::Ok);
    let t = e.text();
    assert!(
        t.starts_with("Brief\nBeste Jan de Vries,\nRekening\tNL91 ABNA 0417 1643 00\nNaam\tPiet"),
        "{t:?}"
    );
    assert!(!t.contains("niet dit"), "styles are not text");
    assert!(t.contains("Voettekst Bakkerij Smit"));
}

#[test]
fn pptx_slides_in_numeric_order() {
    let e = ex("deck.pptx", &make::pptx());
    assert_eq!(e.format, Format::Pptx);
    let slides: Vec<_> = e.segments.iter().map(|s| s.location.clone()).collect();
    assert_eq!(
        slides,
        vec![
            Some(Location::Slide(1)),
            Some(Location::Slide(2)),
            Some(Location::Slide(10))
        ]
    );
    assert_eq!(e.segments[0].text, "Welkom Sanne Visser\ntweede regel");
}

#[test]
fn html_visible_text_only() {
    let html = "<!DOCTYPE html><html><head><title>Klacht</title><style>p{color:red}</style>\
        <script>var naam = 'verborgen';</script></head><body><h1>Klacht&nbsp;over levering</h1>\
        <p>Naam: <b>Ren&eacute;e</b> van&#32;Dijk &amp; Zn.</p><!-- <p>commentaar</p> -->\
        <table><tr><td>IBAN</td><td>NL91&#x20;ABNA 0417 1643 00</td></tr></table>\
        <div>Regel<br>volgende</div></body></html>";
    let e = ex("klacht.html", html.as_bytes());
    assert_eq!(e.format, Format::Html);
    let t = e.text();
    assert!(
        !t.contains("verborgen") && !t.contains("color") && !t.contains("commentaar"),
        "{t}"
    );
    assert!(t.contains("Naam: Renée van Dijk & Zn."), "{t}");
    assert!(t.contains("IBAN\tNL91 ABNA 0417 1643 00"), "{t:?}");
    assert!(t.contains("Regel\nvolgende"));
    insta::assert_snapshot!("html_text", t);
}

#[test]
fn text_encodings_are_detected() {
    let s = "Noëlle Goedhart, Mühlenweg 3, € 5";
    let mut le_bom = vec![0xFF, 0xFE];
    le_bom.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
    let mut be_bom = vec![0xFE, 0xFF];
    be_bom.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
    let le: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend_from_slice(s.as_bytes());
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(s);
    for (what, bytes) in [
        ("utf-8", s.as_bytes().to_vec()),
        ("utf-8 bom", utf8_bom),
        ("utf-16le bom", le_bom),
        ("utf-16be bom", be_bom),
        ("utf-16le", le),
        ("utf-16be", be),
        ("windows-1252", cp1252.into_owned()),
    ] {
        let e = ex("x.txt", &bytes);
        assert_eq!(e.format, Format::Txt, "{what}");
        assert_eq!(e.text(), s, "{what}");
        let e = ex("x.csv", &bytes);
        assert_eq!(e.format, Format::Csv, "{what}");
        assert_eq!(e.text(), s, "{what}");
    }
}

#[test]
fn magic_bytes_win_over_extension() {
    let e = ex("notities.txt", &make::pdf(&["Jan de Vries"]));
    assert_eq!(e.format, Format::Pdf);
    let e = ex("rapport.pdf", &make::docx());
    assert_eq!(e.format, Format::Docx);
    let e = ex("mail.txt", &make::eml_with_attachment("a.txt", b"hallo"));
    assert_eq!(e.format, Format::Eml);
    let e = ex("geen-extensie", b"<html><body>Hoi</body></html>");
    assert_eq!(e.format, Format::Html);
}

#[test]
fn pdf_words_positioned_apart_get_spaces_and_pages() {
    let e = ex(
        "brief.pdf",
        &make::pdf(&["Beste Jan de Vries,", "IBAN NL91 ABNA 0417 1643 00"]),
    );
    assert_eq!(e.format, Format::Pdf);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.segments[0].location, Some(Location::Page(1)));
    assert_eq!(
        e.segments[0].text,
        "Beste Jan de Vries,\nIBAN NL91 ABNA 0417 1643 00"
    );
}

#[test]
fn pdf_without_text_layer_is_image_without_text() {
    let e = ex("scan.pdf", &make::pdf(&[]));
    assert_eq!(e.status, Status::ImageWithoutText);
}

#[test]
fn images_without_ocr_are_reported() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0";
    let e = ex("foto.png", png);
    assert_eq!(e.format, Format::Image);
    assert_eq!(e.status, Status::ImageWithoutText);
    let e = ex("foto.jpg", b"\xFF\xD8\xFF\xE0\0\x10JFIF");
    assert_eq!(
        (e.format, e.status),
        (Format::Image, Status::ImageWithoutText)
    );
}

#[test]
fn eml_is_one_document_with_headers_body_and_attachment_text() {
    let e = ex(
        "sollicitatie.eml",
        &make::eml_with_attachment("cv.docx", &make::docx()),
    );
    assert_eq!(e.format, Format::Eml);
    assert_eq!(e.status, Status::Ok);
    assert!(e.children.is_empty(), "an e-mail is one document");
    let loc = |s: &kluis_extract::Segment| {
        s.location
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let header = e.segments.iter().find(|s| loc(s) == "header").unwrap();
    assert!(
        header
            .text
            .contains("From: Jan de Vries <jan.devries@example.nl>"),
        "{}",
        header.text
    );
    assert!(
        header
            .text
            .contains("To: Karin Bos <karin@example.be>, piet@example.nl")
    );
    assert!(
        header
            .text
            .contains("Cc: Noëlle Goedhart <noelle@example.nl>")
    );
    let subject = e.segments.iter().find(|s| loc(s) == "subject").unwrap();
    assert_eq!(subject.text, "Sollicitatie van Jan");
    let body = e.segments.iter().find(|s| loc(s) == "body").unwrap();
    assert!(
        body.text.contains("Mijn BSN is 111222333 en mijn IBAN"),
        "{}",
        body.text
    );
    assert!(!body.text.contains("geheim"));
    let att = e
        .segments
        .iter()
        .find(|s| loc(s) == "attachment: cv.docx")
        .unwrap();
    assert!(att.text.contains("Jan de Vries"));
    assert!(
        e.segments
            .iter()
            .any(|s| loc(s) == "attachment: cv.docx, header")
    );
}

#[test]
fn attachment_problems_stay_visible() {
    let e = ex(
        "m.eml",
        &make::eml_with_attachment("kapot.pdf", b"%PDF-1.4 garbage"),
    );
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.children.len(), 1);
    assert_eq!(e.children[0].name, "attachment: kapot.pdf");
    assert!(matches!(e.children[0].extracted.status, Status::Corrupt(_)));
}

#[test]
fn msg_subject_sender_recipients_body_attachment() {
    let e = ex("loon.msg", &make::msg("BSN 111222333 van Tom".as_bytes()));
    assert_eq!(e.format, Format::Msg);
    assert_eq!(e.status, Status::Ok);
    let t = e.text();
    assert!(
        t.contains("From: Fatima el Amrani <fatima@example.nl>"),
        "{t}"
    );
    assert!(t.contains("Recipient: Tom Peeters <tom.peeters@example.be>"));
    assert!(t.contains("Loonstrook maart"));
    assert!(t.contains("Hierbij de loonstrook van Tom."));
    let att = e.segments.iter().find(|s| {
        s.location
            == Some(Location::Attachment {
                name: "loonstrook.txt".into(),
                within: None,
            })
    });
    assert_eq!(att.unwrap().text, "BSN 111222333 van Tom");
}

#[test]
fn encrypted_ooxml() {
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/EncryptionInfo").unwrap();
    cf.create_stream("/EncryptedPackage").unwrap();
    let bytes = cf.into_inner().into_inner();
    let e = ex("geheim.docx", &bytes);
    assert_eq!((e.format, e.status), (Format::Docx, Status::Encrypted));
}

#[test]
fn empty_input_is_ok_and_empty() {
    let e = ex("leeg.txt", b"");
    assert_eq!(e.status, Status::Ok);
    assert!(e.segments.is_empty());
}

#[test]
fn unknown_binary_is_unsupported() {
    let e = ex(
        "data.bin",
        &[0u8, 1, 2, 3, 0xFE, 0x80, 0x81, 0x00, 0x07, 0x08, 0x01, 0x02],
    );
    assert!(matches!(e.status, Status::Unsupported(_)), "{:?}", e.status);
}

fn encrypted_pdf(user_password: &str) -> Vec<u8> {
    use pdf_extract::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let mut doc =
        pdf_extract::Document::load_mem(&make::pdf(&["Vertrouwelijk: Jan de Vries"])).unwrap();
    let id = pdf_extract::Object::string_literal(b"0123456789abcdef".to_vec());
    doc.trailer
        .set("ID", pdf_extract::Object::Array(vec![id.clone(), id]));
    let version = EncryptionVersion::V2 {
        document: &doc,
        owner_password: "eigenaar",
        user_password,
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    doc.encrypt(&state).unwrap();
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn password_protected_pdf_is_encrypted() {
    let e = ex("geheim.pdf", &encrypted_pdf("open-sesam"));
    assert_eq!((e.format, e.status), (Format::Pdf, Status::Encrypted));
}

#[test]
fn pdf_with_only_an_owner_password_is_read() {
    let e = ex("beperkt.pdf", &encrypted_pdf(""));
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.text(), "Vertrouwelijk: Jan de Vries");
}

fn on_path(prog: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(prog).is_file()))
}

/// OCR is optional: this runs only where tesseract and pdftoppm are installed. It renders a
/// text PDF to a grey image with pdftoppm, wraps that image in a PDF without text layer, and
/// expects the OCR'd text back on page 1.
#[test]
fn scanned_pdf_is_read_by_ocr_when_installed() {
    if !(on_path("tesseract") && on_path("pdftoppm")) {
        println!("note: tesseract/pdftoppm not installed; OCR test skipped");
        return;
    }
    use std::io::Write;
    use std::process::{Command, Stdio};
    let src = make::pdf(&["Beste Jan de Vries,", "uw klantnummer is 4711."]);
    let mut child = Command::new("pdftoppm")
        .args(["-r", "150", "-gray", "-singlefile", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&src).unwrap();
    let pgm = child.wait_with_output().unwrap().stdout;
    // Binary PGM: "P5\n<w> <h>\n255\n" then one byte per pixel.
    let mut fields = Vec::new();
    let mut pos = 0;
    while fields.len() < 4 {
        let end = pos
            + pgm[pos..]
                .iter()
                .position(|c| c.is_ascii_whitespace())
                .unwrap();
        fields.push(String::from_utf8_lossy(&pgm[pos..end]).into_owned());
        pos = end + 1;
    }
    assert_eq!(fields[0], "P5");
    let (w, h): (usize, usize) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let scan = make::pdf_scan(&pgm[pos..pos + w * h], w, h);
    assert_eq!(
        ex("scan.pdf", &scan).status,
        Status::ImageWithoutText,
        "without OCR allowed"
    );
    let e = kluis_extract::extract("scan.pdf", &scan, &kluis_extract::Limits::default());
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.segments[0].location, Some(Location::Page(1)));
    assert!(e.text().contains("Jan de Vries"), "{}", e.text());
}

/// The compressed-RTF example of MS-OXRTFCP section 4.1: "{\rtf1\ansi\ansicpg1252\pard hello world}".
#[test]
fn msg_with_only_a_compressed_rtf_body() {
    let lzfu: [u8; 49] = [
        0x2d, 0x00, 0x00, 0x00, 0x2b, 0x00, 0x00, 0x00, 0x4c, 0x5a, 0x46, 0x75, 0xf1, 0xc5, 0xc7,
        0xa7, 0x03, 0x00, 0x0a, 0x00, 0x72, 0x63, 0x70, 0x67, 0x31, 0x32, 0x35, 0x42, 0x32, 0x0a,
        0xf3, 0x20, 0x68, 0x65, 0x6c, 0x09, 0x00, 0x20, 0x62, 0x77, 0x05, 0xb0, 0x6c, 0x64, 0x7d,
        0x0a, 0x80, 0x0f, 0xa0,
    ];
    let mut cf = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    std::io::Write::write_all(
        &mut cf.create_stream("/__properties_version1.0").unwrap(),
        &[0u8; 32],
    )
    .unwrap();
    std::io::Write::write_all(
        &mut cf.create_stream("/__substg1.0_10090102").unwrap(),
        &lzfu,
    )
    .unwrap();
    let e = ex("rtf.msg", &cf.into_inner().into_inner());
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.text().trim(), "hello world");
}

/// Dates are stored as day numbers; shown as dates they reach the detector as dates of birth.
#[test]
fn xlsx_date_cells_become_dates() {
    let wb = r#"<workbook><workbookPr/><sheets><sheet name="Geboorte" sheetId="1" r:id="rId1" xmlns:r="r"/></sheets></workbook>"#;
    let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let styles = r#"<styleSheet><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\ hh:mm"/><numFmt numFmtId="165" formatCode="&quot;nr &quot;0"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#;
    let sheet = r#"<worksheet><sheetData><row r="1"><c r="A1" s="1"><v>18264</v></c><c r="B1" s="2"><v>36526.5</v></c><c r="C1" s="3"><v>42</v></c><c r="D1"><v>18264</v></c><c r="E1" s="1" t="s"><v>0</v></c></row></sheetData></worksheet>"#;
    let x = make::zip_with(&[
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
        ("xl/sharedStrings.xml", b"<sst><si><t>tekst</t></si></sst>"),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
    ]);
    let e = ex("geboorte.xlsx", &x);
    assert_eq!(e.status, Status::Ok);
    assert_eq!(e.text(), "01-01-1950\t01-01-2000 12:00\t42\t18264\ttekst");
}

#[test]
fn odp_slides_are_located() {
    let content = r#"<office:document-content xmlns:office="o" xmlns:text="t" xmlns:draw="d"><office:body><office:presentation><draw:page draw:name="p1"><draw:frame><draw:text-box><text:p>Welkom Sanne Visser</text:p></draw:text-box></draw:frame></draw:page><draw:page draw:name="p2"><draw:frame><draw:text-box><text:p>Vragen?</text:p></draw:text-box></draw:frame></draw:page></office:presentation></office:body></office:document-content>"#;
    let z = make::zip_stored(&[
        (
            "mimetype",
            b"application/vnd.oasis.opendocument.presentation",
        ),
        ("content.xml", content.as_bytes()),
    ]);
    let e = ex("deck.odp", &z);
    assert_eq!((e.format, &e.status), (Format::Odp, &Status::Ok));
    assert_eq!(e.segments[0].location, Some(Location::Slide(1)));
    assert_eq!(e.segments[0].text, "Welkom Sanne Visser");
    assert_eq!(e.segments[1].location, Some(Location::Slide(2)));
}

#[test]
fn password_protected_odt_is_encrypted() {
    let manifest = r#"<manifest:manifest xmlns:manifest="m"><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>"#;
    let z = make::zip_stored(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("META-INF/manifest.xml", manifest.as_bytes()),
        ("content.xml", b"\x8a\x01\xff binary ciphertext"),
    ]);
    let e = ex("geheim.odt", &z);
    assert_eq!((e.format, e.status), (Format::Odt, Status::Encrypted));
}

/// pdf-extract panics (by design) on a font reference to a missing object; that panic must end
/// as a Corrupt status, not escape.
#[test]
fn parser_panic_becomes_corrupt() {
    let pdf = String::from_utf8(make::pdf(&["Jan de Vries"]))
        .unwrap()
        .replace("/F1 5 0 R", "/F1 9 0 R");
    let e = ex("kapot.pdf", pdf.as_bytes());
    assert!(
        matches!(&e.status, Status::Corrupt(m) if m.starts_with("parser failed:")),
        "{:?}",
        e.status
    );
}
