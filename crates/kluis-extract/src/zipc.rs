//! ZIP archives: bounded member reading (shared with the Office/ODF readers) and the ZIP container.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use crate::{Child, Ctx, Extracted, Format, Res, Status, corrupt, office};

pub(crate) type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// Largest buffer reserved up front from a size a file declares about itself.
pub(crate) const PREALLOC_MAX: usize = 4 << 20;

pub(crate) fn open(bytes: &[u8]) -> Res<Archive<'_>> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|e| zip_err(&e))
}

fn zip_err(e: &ZipError) -> Status {
    match e {
        ZipError::UnsupportedArchive(m) if m.contains("assword") => Status::Encrypted,
        ZipError::UnsupportedArchive(m) => {
            Status::Unsupported(format!("ZIP feature not supported: {m}"))
        }
        ZipError::InvalidArchive(m) => corrupt(format!("damaged ZIP archive: {m}")),
        ZipError::Io(e) => corrupt(format!("damaged ZIP archive: {e}")),
        ZipError::FileNotFound => corrupt("ZIP member missing"),
        other => corrupt(format!("damaged ZIP archive: {other}")),
    }
}

/// Reads member `index` fully, charging its size against the tree's decompression budget.
/// The declared size is checked first and the actual size is bounded while reading.
pub(crate) fn read_index(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, index: usize) -> Res<Vec<u8>> {
    {
        let raw = ar.by_index_raw(index).map_err(|e| zip_err(&e))?;
        if raw.encrypted() {
            return Err(Status::Encrypted);
        }
    }
    let f = ar.by_index(index).map_err(|e| zip_err(&e))?;
    if f.size() > ctx.limits.max_input_bytes {
        return Err(Status::LimitExceeded(
            crate::PartialReason::SizeLimit,
            format!("member larger than {} bytes", ctx.limits.max_input_bytes),
        ));
    }
    let left = ctx.decompressed_left().min(ctx.limits.max_input_bytes);
    if f.size() > left {
        return Err(ctx.decompressed_exceeded());
    }
    // The declared size is only a hint: never reserve much on its word alone.
    let mut buf = Vec::with_capacity((f.size() as usize).min(PREALLOC_MAX));
    f.take(left + 1)
        .read_to_end(&mut buf)
        .map_err(|e| corrupt(format!("damaged ZIP member: {e}")))?;
    if buf.len() as u64 > left {
        return Err(ctx.decompressed_exceeded());
    }
    ctx.charge(buf.len() as u64)?;
    Ok(buf)
}

/// Reads a member by name; `Ok(None)` when it does not exist.
pub(crate) fn read_name(
    ctx: &mut Ctx<'_>,
    ar: &mut Archive<'_>,
    name: &str,
) -> Res<Option<Vec<u8>>> {
    match ar.index_for_name(name) {
        Some(i) => read_index(ctx, ar, i).map(Some),
        None => Ok(None),
    }
}

/// Opens a ZIP-family file, decides from its members whether it is an Office/ODF document or a
/// plain archive, and extracts accordingly.
pub(crate) fn extract_zip_family(
    ctx: &mut Ctx<'_>,
    bytes: &[u8],
    depth: u32,
    out: &mut Extracted,
) -> Res {
    let mut ar = open(bytes)?;
    let format = classify(ctx, &mut ar)?;
    out.format = format;
    match format {
        Format::Docx => office::docx(ctx, &mut ar, out),
        Format::Xlsx => office::xlsx(ctx, &mut ar, out),
        Format::Pptx => office::pptx(ctx, &mut ar, out),
        Format::Odt | Format::Ods | Format::Odp => office::odf(ctx, &mut ar, out),
        _ => container(ctx, &mut ar, depth, out),
    }
}

fn classify(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>) -> Res<Format> {
    if ar.index_for_name("word/document.xml").is_some() {
        return Ok(Format::Docx);
    }
    if ar.index_for_name("xl/workbook.xml").is_some() {
        return Ok(Format::Xlsx);
    }
    if ar.index_for_name("ppt/presentation.xml").is_some() {
        return Ok(Format::Pptx);
    }
    if let Some(i) = ar.index_for_name("mimetype") {
        let small = ar
            .by_index_raw(i)
            .map(|f| f.size() < 256 && !f.encrypted())
            .unwrap_or(false);
        if small && ar.index_for_name("content.xml").is_some() {
            let m = read_index(ctx, ar, i)?;
            let m = m.trim_ascii();
            if m == b"application/vnd.oasis.opendocument.text" {
                return Ok(Format::Odt);
            }
            if m == b"application/vnd.oasis.opendocument.spreadsheet" {
                return Ok(Format::Ods);
            }
            if m == b"application/vnd.oasis.opendocument.presentation" {
                return Ok(Format::Odp);
            }
        }
    }
    Ok(Format::Zip)
}

/// A plain ZIP: every file member becomes a child document.
fn container(ctx: &mut Ctx<'_>, ar: &mut Archive<'_>, depth: u32, out: &mut Extracted) -> Res {
    for i in 0..ar.len() {
        ctx.check_deadline()?;
        let (name, is_dir) = match ar.by_index_raw(i) {
            Ok(f) => (f.name().to_owned(), f.is_dir()),
            Err(e) => {
                out.children.push(Child {
                    name: format!("entry {}", i + 1),
                    extracted: failed(Format::Unknown, zip_err(&e)),
                });
                continue;
            }
        };
        if is_dir {
            continue;
        }
        ctx.entry()?;
        let child = match read_index(ctx, ar, i) {
            Ok(data) => ctx.node(&name, &data, depth + 1),
            Err(s) => {
                let stop = matches!(s, Status::LimitExceeded(..));
                let fmt = crate::detect::detect(&name, &[]);
                out.children.push(Child {
                    name,
                    extracted: failed(fmt, s.clone()),
                });
                if stop {
                    // The tree's budget is spent: the archive itself is incomplete.
                    return Err(s);
                }
                continue;
            }
        };
        out.children.push(Child {
            name,
            extracted: child,
        });
        if ctx.text_full() {
            return Err(ctx.text_exceeded());
        }
    }
    Ok(())
}

pub(crate) fn failed(format: Format, status: Status) -> Extracted {
    let mut e = Extracted::new(format);
    e.status = status;
    e.settle();
    e
}
