//! Format detection: magic bytes (and an OLE file's streams) first, the file name's extension second.

use crate::Format;

const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Recognises the format of `bytes`. ZIP-based Office/ODF files are refined later by their
/// member names (see `zipc`), so this returns [`Format::Zip`] for all of them unless the
/// extension already says which.
pub fn detect(name: &str, bytes: &[u8]) -> Format {
    let ext = extension(name);
    let head = &bytes[..bytes.len().min(1024)];
    if memchr::memmem::find(head, b"%PDF-").is_some() {
        return Format::Pdf;
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return match ext.as_str() {
            "docx" | "docm" | "dotx" => Format::Docx,
            "xlsx" | "xlsm" => Format::Xlsx,
            "pptx" | "pptm" => Format::Pptx,
            "odt" => Format::Odt,
            "ods" => Format::Ods,
            "odp" => Format::Odp,
            _ => Format::Zip,
        };
    }
    if bytes.starts_with(OLE_MAGIC) {
        return ole_kind(bytes).unwrap_or(match ext.as_str() {
            // A damaged OLE file: its name is the best guess, and that reader says what is wrong.
            "msg" => Format::Msg,
            "doc" | "dot" => Format::Doc,
            "xls" | "xlt" => Format::Xls,
            "ppt" | "pps" | "pot" => Format::Ppt,
            _ => Format::Ole,
        });
    }
    if is_image(bytes) {
        return Format::Image;
    }
    if bytes.starts_with(b"From ")
        && looks_like_mail(
            bytes
                .get(memchr::memchr(b'\n', head).map_or(0, |i| i + 1)..)
                .unwrap_or(&[]),
        )
    {
        return Format::Mbox;
    }
    let text_start = strip_bom_ws(head);
    if starts_with_ci(text_start, b"<!doctype html")
        || starts_with_ci(text_start, b"<html")
        || starts_with_ci(text_start, b"<head")
        || starts_with_ci(text_start, b"<body")
    {
        return Format::Html;
    }
    if ext != "csv" && looks_like_mail(bytes) {
        return Format::Eml;
    }
    match ext.as_str() {
        "eml" => return Format::Eml,
        "mbox" | "mbx" => return Format::Mbox,
        "html" | "htm" | "xhtml" => return Format::Html,
        "csv" | "tsv" => return Format::Csv,
        "txt" | "text" | "log" | "md" => return Format::Txt,
        _ => {}
    }
    if looks_like_text(head) {
        Format::Txt
    } else {
        Format::Unknown
    }
}

/// An OLE compound file's kind, from the streams in its root storage (whatever the name says); `None` when its
/// directory cannot be read.
fn ole_kind(bytes: &[u8]) -> Option<Format> {
    // detect() runs outside the parser's panic guard, so this one has its own.
    let names: Vec<String> = std::panic::catch_unwind(|| {
        let cf = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
        Some(
            cf.read_root_storage()
                .map(|e| e.name().to_owned())
                .collect(),
        )
    })
    .ok()??;
    let has = |n: &str| names.iter().any(|e| e == n);
    Some(
        if has("__properties_version1.0") || names.iter().any(|e| e.starts_with("__substg1.0_")) {
            Format::Msg
        } else if has("EncryptionInfo") || has("EncryptedPackage") {
            // Password-protected OOXML: `msg` names it from the extension.
            Format::Ole
        } else if has("WordDocument") {
            Format::Doc
        } else if has("PowerPoint Document") {
            Format::Ppt
        } else if has("Workbook") || has("Book") {
            Format::Xls
        } else {
            Format::Ole
        },
    )
}

pub(crate) fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((_, e)) if e.len() <= 5 => e.to_ascii_lowercase(),
        _ => String::new(),
    }
}

fn is_image(b: &[u8]) -> bool {
    b.starts_with(b"\x89PNG\r\n\x1a\n")
        || b.starts_with(&[0xFF, 0xD8, 0xFF])
        || b.starts_with(b"GIF87a")
        || b.starts_with(b"GIF89a")
        || b.starts_with(b"II*\0")
        || b.starts_with(b"MM\0*")
        || (b.len() > 26
            && b.starts_with(b"BM")
            && b[14..18].iter().any(|&x| x != 0)
            && b[6..10] == [0, 0, 0, 0])
        || (b.len() > 12 && b.starts_with(b"RIFF") && &b[8..12] == b"WEBP")
}

fn strip_bom_ws(b: &[u8]) -> &[u8] {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn starts_with_ci(b: &[u8], p: &[u8]) -> bool {
    b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p)
}

/// RFC 5322 message: the first line is a header field and a well-known header appears near
/// the top.
fn looks_like_mail(b: &[u8]) -> bool {
    let head = &b[..b.len().min(4096)];
    let first_line = head.split(|&c| c == b'\n').next().unwrap_or(&[]);
    let Some(colon) = memchr::memchr(b':', first_line) else {
        return false;
    };
    if colon == 0
        || !first_line[..colon]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    {
        return false;
    }
    let mut known = 0;
    for line in head.split(|&c| c == b'\n') {
        if line.is_empty() || line == b"\r" {
            break;
        }
        for h in [
            &b"from:"[..],
            b"to:",
            b"subject:",
            b"date:",
            b"message-id:",
            b"mime-version:",
            b"received:",
            b"return-path:",
        ] {
            if starts_with_ci(line, h) {
                known += 1;
            }
        }
    }
    known >= 2
}

fn looks_like_text(b: &[u8]) -> bool {
    if b.is_empty() {
        return true;
    }
    if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
        return true;
    }
    let ctrl = b
        .iter()
        .filter(|&&c| c < 0x09 || (c > 0x0D && c < 0x20 && c != 0x1B))
        .count();
    let nul = b.iter().filter(|&&c| c == 0).count();
    // UTF-16 without BOM: about half the bytes are NUL, nearly no other control bytes.
    if nul * 3 >= b.len() && ctrl - nul <= b.len() / 100 {
        return true;
    }
    ctrl * 100 <= b.len()
}
