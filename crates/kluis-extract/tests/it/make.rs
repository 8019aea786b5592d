//! Builders for test documents, generated in code so each test shows what it feeds in.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;

pub fn zip_with(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

pub fn zip_stored(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

pub fn docx() -> Vec<u8> {
    let doc = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>Geachte heer</w:t></w:r><w:r><w:t xml:space="preserve"> Jan de </w:t></w:r><w:r><w:t>Vries,</w:t></w:r></w:p>
<w:p><w:r><w:t>IBAN</w:t></w:r><w:r><w:tab/><w:t>NL91 ABNA 0417 1643 00</w:t></w:r></w:p>
<w:p><w:r><w:t>Regel een</w:t><w:br/><w:t>regel twee &amp; drie</w:t></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Naam</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Piet Jansen</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>Adres</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Dorpsstraat 1</w:t></w:r></w:p><w:p><w:r><w:t>1234 AB Ergens</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
<w:p><w:r><w:instrText>HYPERLINK "x"</w:instrText><w:t>Einde</w:t></w:r></w:p>
</w:body></w:document>"#
    );
    let header =
        format!(r#"<w:hdr {W}><w:p><w:r><w:t>Kopregel Bakkerij Smit</w:t></w:r></w:p></w:hdr>"#);
    let footer = format!(r#"<w:ftr {W}><w:p><w:r><w:t>KvK 12345678</w:t></w:r></w:p></w:ftr>"#);
    let comments = format!(
        r#"<w:comments {W}><w:comment w:id="0" w:author="Karin Bos"><w:p><w:r><w:t>Klopt dit BSN?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let notes = format!(
        r#"<w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>Zie dossier 42.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", doc.as_bytes()),
        ("word/header1.xml", header.as_bytes()),
        ("word/footer1.xml", footer.as_bytes()),
        ("word/comments.xml", comments.as_bytes()),
        ("word/footnotes.xml", notes.as_bytes()),
    ])
}

/// An XLSX whose declared dimension and one cell are at the far corner of the sheet: a dense
/// range would be 17 billion cells.
pub fn xlsx() -> Vec<u8> {
    let wb = r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Klanten" sheetId="1" r:id="rId1"/><sheet name="Leeg" sheetId="2" r:id="rId2"/></sheets></workbook>"#;
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>"#;
    let sst = r#"<sst><si><t>Naam</t></si><si><t>IBAN</t></si><si><r><t>Noëlle </t></r><r><t>Goedhart</t></r><rPh><t>ノエル</t></rPh></si></sst>"#;
    let sheet1 = r#"<worksheet><dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>NL69SNSB8851195857</t></is></c><c r="C2"><v>42.5</v></c></row><row r="1048576"><c r="XFD1048576" t="str"><v>verre cel</v></c></row></sheetData></worksheet>"#;
    let sheet2 = r#"<worksheet><dimension ref="A1"/><sheetData/></worksheet>"#;
    zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("xl/workbook.xml", wb.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/sharedStrings.xml", sst.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet1.as_bytes()),
        ("xl/worksheets/sheet2.xml", sheet2.as_bytes()),
    ])
}

pub fn pptx() -> Vec<u8> {
    let slide = |t: &str| {
        format!(
            r#"<p:sld xmlns:p="p" xmlns:a="a"><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>{t}</a:t></a:r></a:p><a:p><a:r><a:t>tweede regel</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld></p:sld>"#
        )
    };
    let s1 = slide("Welkom Sanne Visser");
    let s2 = slide("Contact via sanne@example.nl");
    let s10 = slide("Slide tien");
    zip_with(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("ppt/presentation.xml", b"<p:presentation xmlns:p=\"p\"/>"),
        ("ppt/slides/slide10.xml", s10.as_bytes()),
        ("ppt/slides/slide1.xml", s1.as_bytes()),
        ("ppt/slides/slide2.xml", s2.as_bytes()),
    ])
}

fn odf(mimetype: &str, body: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="o" xmlns:text="t" xmlns:table="ta"><office:automatic-styles><style>niet dit</style></office:automatic-styles><office:body>{body}</office:body></office:document-content>"#
    );
    let styles = r#"<office:document-styles xmlns:office="o" xmlns:style="s" xmlns:text="t"><office:master-styles><style:master-page><style:footer><text:p>Voettekst Bakkerij Smit</text:p></style:footer></style:master-page></office:master-styles></office:document-styles>"#;
    zip_stored(&[
        ("mimetype", mimetype.as_bytes()),
        ("content.xml", content.as_bytes()),
        ("styles.xml", styles.as_bytes()),
    ])
}

pub fn odt() -> Vec<u8> {
    odf(
        "application/vnd.oasis.opendocument.text",
        r#"<office:text><text:h>Brief</text:h><text:p>Beste <text:span>Jan</text:span> de<text:s/>Vries,</text:p><text:p>Rekening<text:tab/>NL91 ABNA 0417 1643 00</text:p><table:table><table:table-row><table:table-cell><text:p>Naam</text:p></table:table-cell><table:table-cell><text:p>Piet</text:p></table:table-cell></table:table-row></table:table></office:text>"#,
    )
}

/// An ODS with huge repeat counts: expanding them would mean a billion empty cells.
pub fn ods() -> Vec<u8> {
    odf(
        "application/vnd.oasis.opendocument.spreadsheet",
        r#"<office:spreadsheet><table:table table:name="Personeel"><table:table-row><table:table-cell><text:p>Naam</text:p></table:table-cell><table:table-cell table:number-columns-repeated="16000"/><table:table-cell><text:p>BSN</text:p></table:table-cell></table:table-row><table:table-row><table:table-cell><text:p>Eva Smit</text:p></table:table-cell><table:table-cell><text:p>111222333</text:p></table:table-cell></table:table-row><table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table><table:table table:name="Tweede"><table:table-row><table:table-cell><text:p>Blad twee</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"#,
    )
}

pub fn eml_with_attachment(attachment_name: &str, attachment: &[u8]) -> Vec<u8> {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(attachment);
    let mut wrapped = String::new();
    for chunk in b64.as_bytes().chunks(76) {
        wrapped.push_str(std::str::from_utf8(chunk).unwrap());
        wrapped.push_str("\r\n");
    }
    format!(
        "From: \"Jan de Vries\" <jan.devries@example.nl>\r\n\
To: Karin Bos <karin@example.be>, piet@example.nl\r\n\
Cc: =?UTF-8?Q?No=C3=ABlle_Goedhart?= <noelle@example.nl>\r\n\
Subject: Sollicitatie van Jan\r\n\
Date: Mon, 3 Nov 2025 10:00:00 +0100\r\n\
Message-ID: <1@example.nl>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"XYZ\"\r\n\
\r\n\
--XYZ\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<html><body><p>Beste Karin,</p><p>Mijn BSN is 111222333&nbsp;en mijn IBAN staat in het cv.</p><script>var x='geheim';</script></body></html>\r\n\
--XYZ\r\n\
Content-Type: application/octet-stream; name=\"{attachment_name}\"\r\n\
Content-Disposition: attachment; filename=\"{attachment_name}\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
{wrapped}\
--XYZ--\r\n"
    )
    .into_bytes()
}

/// A minimal Outlook MSG (OLE compound file) with a recipient and an attachment.
pub fn msg(attachment: &[u8]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    let utf16 = |s: &str| {
        s.encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect::<Vec<u8>>()
    };
    let put = |cf: &mut cfb::CompoundFile<Cursor<Vec<u8>>>, path: &str, data: &[u8]| {
        let mut s = cf.create_stream(path).unwrap();
        s.write_all(data).unwrap();
    };
    put(&mut cf, "/__properties_version1.0", &[0u8; 32]);
    put(&mut cf, "/__substg1.0_0037001F", &utf16("Loonstrook maart"));
    put(&mut cf, "/__substg1.0_0C1A001F", &utf16("Fatima el Amrani"));
    put(
        &mut cf,
        "/__substg1.0_5D01001F",
        &utf16("fatima@example.nl"),
    );
    put(&mut cf, "/__substg1.0_0E04001F", &utf16("Tom Peeters"));
    put(
        &mut cf,
        "/__substg1.0_1000001F",
        &utf16("Hierbij de loonstrook van Tom.\r\nGroet, Fatima"),
    );
    cf.create_storage("/__recip_version1.0_#00000000").unwrap();
    put(
        &mut cf,
        "/__recip_version1.0_#00000000/__substg1.0_3001001F",
        &utf16("Tom Peeters"),
    );
    put(
        &mut cf,
        "/__recip_version1.0_#00000000/__substg1.0_39FE001F",
        &utf16("tom.peeters@example.be"),
    );
    cf.create_storage("/__attach_version1.0_#00000000").unwrap();
    put(
        &mut cf,
        "/__attach_version1.0_#00000000/__substg1.0_3707001F",
        &utf16("loonstrook.txt"),
    );
    put(
        &mut cf,
        "/__attach_version1.0_#00000000/__substg1.0_37010102",
        attachment,
    );
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// Marks every entry of a (stored) zip as encrypted, as a password-protected archive does.
pub fn mark_encrypted(mut z: Vec<u8>) -> Vec<u8> {
    let mut i = 0;
    while i + 10 < z.len() {
        if z[i..].starts_with(b"PK\x03\x04") {
            z[i + 6] |= 1;
        } else if z[i..].starts_with(b"PK\x01\x02") {
            z[i + 8] |= 1;
        }
        i += 1;
    }
    z
}

/// A tiny one-page PDF whose text is drawn as separate words by moving the text cursor, the
/// way many generators do: spacing must come from positions.
pub fn pdf(lines: &[&str]) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td\n");
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            content.push_str("0 -16 Td\n");
        }
        // Words as separate strings with explicit kerning gaps in a TJ array.
        let words: Vec<String> = l.split(' ').map(|w| format!("({w})")).collect();
        content.push_str(&format!("[{}] TJ\n", words.join(" -280 ")));
    }
    content.push_str("ET\n");
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{}endstream", content.len(), content),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{}\nendobj\n", i + 1, o).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Deterministic pseudo-random numbers (xorshift) for mutation tests.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// A one-page PDF that is only an 8-bit grey image (a "scan"), without a text layer.
pub fn pdf_scan(grey: &[u8], w: usize, h: usize) -> Vec<u8> {
    let content = format!("q {w} 0 0 {h} 0 0 cm /Im1 Do Q\n");
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    let mut obj = |out: &mut Vec<u8>, n: usize, head: String, stream: Option<&[u8]>| {
        offsets.push(out.len());
        out.extend_from_slice(format!("{n} 0 obj\n{head}\n").as_bytes());
        if let Some(s) = stream {
            out.extend_from_slice(b"stream\n");
            out.extend_from_slice(s);
            out.extend_from_slice(b"\nendstream\n");
        }
        out.extend_from_slice(b"endobj\n");
    };
    obj(
        &mut out,
        1,
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        None,
    );
    obj(
        &mut out,
        2,
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        None,
    );
    obj(
        &mut out,
        3,
        format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w} {h}] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>"
        ),
        None,
    );
    obj(
        &mut out,
        4,
        format!("<< /Length {} >>", content.len()),
        Some(content.as_bytes()),
    );
    obj(
        &mut out,
        5,
        format!(
            "<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Length {} >>",
            grey.len()
        ),
        Some(grey),
    );
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").as_bytes(),
    );
    out
}

/// A legacy Office fixture made by LibreOffice (see tests/fixtures/legacy/README.md); `.ppt` comes zipped.
pub fn legacy_fixture(name: &str) -> Vec<u8> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/legacy");
    if let Ok(b) = std::fs::read(dir.join(name)) {
        return b;
    }
    let zipped = std::fs::read(dir.join(format!("{name}.zip"))).unwrap();
    let mut ar = zip::ZipArchive::new(Cursor::new(zipped)).unwrap();
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut ar.by_name(name).unwrap(), &mut out).unwrap();
    out
}

/// One run of text in a hand-made Word file: stored as 8-bit Windows-1252 ("compressed") or as UTF-16.
pub enum Piece<'a> {
    Cp1252(&'a [u8]),
    Utf16(&'a str),
}

/// A minimal Word 97 binary file ([MS-DOC]): a FIB, the pieces' bytes in the WordDocument stream, and a piece
/// table (Clx with one Prc and a PlcPcd) in the 1Table stream. `flags` goes into FibBase (0x0100 = encrypted).
pub fn word_doc(pieces: &[Piece<'_>], flags: u16) -> Vec<u8> {
    const TEXT_AT: usize = 1024;
    let mut wd = vec![0u8; TEXT_AT];
    let mut cps = vec![0u32];
    let mut fcs = Vec::new();
    for p in pieces {
        let at = wd.len() as u32;
        let chars = match p {
            Piece::Cp1252(b) => {
                wd.extend_from_slice(b);
                fcs.push((at * 2) | 0x4000_0000);
                b.len() as u32
            }
            Piece::Utf16(s) => {
                let units: Vec<u16> = s.encode_utf16().collect();
                wd.extend(units.iter().flat_map(|u| u.to_le_bytes()));
                fcs.push(at);
                units.len() as u32
            }
        };
        cps.push(cps.last().unwrap() + chars);
    }
    let put16 =
        |b: &mut Vec<u8>, at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 =
        |b: &mut Vec<u8>, at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut wd, 0, 0xA5EC);
    put16(&mut wd, 2, 0x00C1);
    put16(&mut wd, 0x0A, 0x0200 | flags);
    put16(&mut wd, 32, 14); // csw
    put16(&mut wd, 62, 22); // cslw
    put32(&mut wd, 64 + 3 * 4, *cps.last().unwrap()); // ccpText
    put16(&mut wd, 152, 93); // cbRgFcLcb
    let mut plc = Vec::new();
    for cp in &cps {
        plc.extend(cp.to_le_bytes());
    }
    for fc in &fcs {
        plc.extend([0u8, 0]);
        plc.extend(fc.to_le_bytes());
        plc.extend([0u8, 0]);
    }
    let mut table = vec![0u8; 16];
    let clx_at = table.len() as u32;
    table.extend([0x01, 0x02, 0x00, 0xAA, 0xBB]); // a Prc with 2 bytes of properties, skipped
    table.push(0x02);
    table.extend((plc.len() as u32).to_le_bytes());
    table.extend(&plc);
    put32(&mut wd, 154 + 33 * 8, clx_at);
    put32(&mut wd, 154 + 33 * 8 + 4, table.len() as u32 - clx_at);

    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/WordDocument")
        .unwrap()
        .write_all(&wd)
        .unwrap();
    cf.create_stream("/1Table")
        .unwrap()
        .write_all(&table)
        .unwrap();
    cf.into_inner().into_inner()
}

/// A minimal PowerPoint 97 file ([MS-PPT]): one slide container holding `atoms` (record type, bytes), and a
/// Current User stream with `token` as its header token (0xE391C05F plain, 0xF3D1C4DF encrypted).
pub fn ppt(atoms: &[(u16, &[u8])], token: u32) -> Vec<u8> {
    let mut body = Vec::new();
    for (typ, data) in atoms {
        body.extend(0u16.to_le_bytes());
        body.extend(typ.to_le_bytes());
        body.extend((data.len() as u32).to_le_bytes());
        body.extend(*data);
    }
    let mut doc = Vec::new();
    doc.extend(0x000Fu16.to_le_bytes());
    doc.extend(0x03EEu16.to_le_bytes()); // RT_Slide
    doc.extend((body.len() as u32).to_le_bytes());
    doc.extend(body);
    let mut cu = vec![0u8; 8];
    cu.extend(20u32.to_le_bytes());
    cu.extend(token.to_le_bytes());
    cu.extend([0u8; 12]);
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    cf.create_stream("/PowerPoint Document")
        .unwrap()
        .write_all(&doc)
        .unwrap();
    cf.create_stream("/Current User")
        .unwrap()
        .write_all(&cu)
        .unwrap();
    cf.into_inner().into_inner()
}

/// `bytes` with the OLE stream `path` replaced by `f(old content)`.
pub fn with_stream(bytes: &[u8], path: &str, f: impl FnOnce(Vec<u8>) -> Vec<u8>) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::open(Cursor::new(bytes.to_vec())).unwrap();
    let mut old = Vec::new();
    std::io::Read::read_to_end(&mut cf.open_stream(path).unwrap(), &mut old).unwrap();
    let new = f(old);
    let mut s = cf.create_stream(path).unwrap();
    s.write_all(&new).unwrap();
    drop(s);
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}

/// A Word file whose `n` pieces all point at the same `bytes` (a piece table no honest writer makes).
pub fn word_doc_repeating(bytes: &[u8], n: usize) -> Vec<u8> {
    let one = word_doc(&[Piece::Cp1252(bytes)], 0);
    let mut clx_len = 0;
    let doc = with_stream(&one, "/1Table", |t| {
        // Clx at 16: a Prc of 5 bytes, then 0x02, lcb, PlcPcd (2 CPs, 1 Pcd).
        let plc = &t[16 + 5 + 5..];
        let fc = u32::from_le_bytes(plc[8 + 2..8 + 6].try_into().unwrap());
        let len = bytes.len() as u32;
        let mut new = Vec::new();
        for i in 0..=n as u32 {
            new.extend((i * len).to_le_bytes());
        }
        for _ in 0..n {
            new.extend([0u8, 0]);
            new.extend(fc.to_le_bytes());
            new.extend([0u8, 0]);
        }
        let mut t = t[..16 + 5].to_vec();
        t.push(0x02);
        t.extend((new.len() as u32).to_le_bytes());
        t.extend(new);
        clx_len = t.len() as u32 - 16;
        t
    });
    with_stream(&doc, "/WordDocument", |mut wd| {
        wd[154 + 33 * 8 + 4..154 + 33 * 8 + 8].copy_from_slice(&clx_len.to_le_bytes());
        wd
    })
}

/// Like [`pdf`], but the page's content stream is Flate-compressed and followed by `padding` spaces (valid
/// content), so it inflates to far more than it takes in the file.
pub fn pdf_flate(lines: &[&str], padding: usize) -> Vec<u8> {
    pdf_packed(lines, padding, false)
}

/// [`pdf_flate`] with the content stream LZW-compressed instead.
pub fn pdf_lzw(lines: &[&str], padding: usize) -> Vec<u8> {
    pdf_packed(lines, padding, true)
}

fn pdf_packed(lines: &[&str], padding: usize, lzw: bool) -> Vec<u8> {
    let mut content = String::from("BT /F1 12 Tf 72 720 Td\n");
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            content.push_str("0 -16 Td\n");
        }
        content.push_str(&format!("({l}) Tj\n"));
    }
    content.push_str("ET\n");
    let mut raw = content.into_bytes();
    raw.resize(raw.len() + padding, b' ');
    let (packed, filter) = if lzw {
        let mut e = weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
        (e.encode(&raw).unwrap(), "LZWDecode")
    } else {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(&raw).unwrap();
        (z.finish().unwrap(), "FlateDecode")
    };
    let mut stream =
        format!("<< /Length {} /Filter /{filter} >>\nstream\n", packed.len()).into_bytes();
    stream.extend_from_slice(&packed);
    stream.extend_from_slice(b"\nendstream");
    let objs: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_vec(),
        stream,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_vec(),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objs.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objs.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A ZIP holding `inner` (named `name`) nested `levels` deep: `laag1.zip!/laag2.zip!/…!/name`.
pub fn zip_nested(name: &str, inner: &[u8], levels: usize) -> Vec<u8> {
    let mut z = inner.to_vec();
    let mut n = name.to_owned();
    for i in (1..=levels).rev() {
        z = zip_with(&[(&n, &z)]);
        n = format!("laag{i}.zip");
    }
    z
}
