//! OLE compound files: Outlook MSG messages (headers, recipients, body, attachments, embedded
//! messages), recognition of encrypted OOXML, and routing of legacy Word/PowerPoint to `legacy`.

use std::io::{Cursor, Read};

use cfb::CompoundFile;
use encoding_rs::{UTF_16LE, WINDOWS_1252};

use crate::mail::merge_attachment;
use crate::{Ctx, Extracted, Format, Location, Part, Res, Status, corrupt, detect, html};

pub(crate) type Cf<'a> = CompoundFile<Cursor<&'a [u8]>>;

pub(crate) fn ole(
    ctx: &mut Ctx<'_>,
    name: &str,
    bytes: &[u8],
    depth: u32,
    out: &mut Extracted,
) -> Res {
    let mut cf = CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| corrupt(format!("damaged OLE file: {e}")))?;
    if cf.is_stream("/EncryptionInfo") || cf.is_stream("/EncryptedPackage") {
        // Password-protected OOXML is an OLE wrapper around the encrypted ZIP.
        out.format = match detect::extension(name).as_str() {
            "docx" | "docm" => Format::Docx,
            "xlsx" | "xlsm" => Format::Xlsx,
            "pptx" | "pptm" => Format::Pptx,
            _ => Format::Ole,
        };
        return Err(Status::Encrypted);
    }
    let is_msg = cf.is_stream("/__properties_version1.0")
        || cf
            .read_root_storage()
            .any(|e| e.name().starts_with("__substg1.0_"));
    if is_msg {
        out.format = Format::Msg;
        return message(ctx, &mut cf, "/", depth, out);
    }
    if cf.is_stream("/WordDocument") {
        out.format = Format::Doc;
        return crate::legacy::doc(ctx, &mut cf, out);
    }
    if cf.is_stream("/PowerPoint Document") {
        out.format = Format::Ppt;
        return crate::legacy::ppt(ctx, &mut cf, out);
    }
    if cf.is_stream("/Workbook") || cf.is_stream("/Book") {
        out.format = Format::Xls;
        drop(cf);
        return crate::legacy::xls(ctx, bytes, out);
    }
    out.format = Format::Ole;
    Err(Status::Unsupported(
        "OLE compound file of an unknown kind".into(),
    ))
}

/// Reads a stream fully, charging it against the decompression budget (an OLE file can
/// declare streams far larger than itself; the actual read is bounded too).
pub(crate) fn read_stream(ctx: &mut Ctx<'_>, cf: &mut Cf<'_>, path: &str) -> Res<Option<Vec<u8>>> {
    if !cf.is_stream(path) {
        return Ok(None);
    }
    let left = ctx.decompressed_left();
    let s = cf
        .open_stream(path)
        .map_err(|e| corrupt(format!("damaged OLE stream: {e}")))?;
    if s.len() > left {
        return Err(ctx.decompressed_exceeded());
    }
    let mut buf = Vec::with_capacity((s.len() as usize).min(crate::zipc::PREALLOC_MAX));
    s.take(left + 1)
        .read_to_end(&mut buf)
        .map_err(|e| corrupt(format!("damaged OLE stream: {e}")))?;
    ctx.charge(buf.len() as u64)?;
    Ok(Some(buf))
}

/// A string property: Unicode (`001F`) or 8-bit (`001E`, read as Windows-1252).
fn prop(ctx: &mut Ctx<'_>, cf: &mut Cf<'_>, prefix: &str, tag: &str) -> Res<Option<String>> {
    if let Some(b) = read_stream(ctx, cf, &format!("{prefix}__substg1.0_{tag}001F"))? {
        let s = UTF_16LE.decode_without_bom_handling(&b).0;
        return Ok(Some(s.trim_end_matches('\0').to_owned()));
    }
    if let Some(b) = read_stream(ctx, cf, &format!("{prefix}__substg1.0_{tag}001E"))? {
        let s = WINDOWS_1252.decode_without_bom_handling(&b).0;
        return Ok(Some(s.trim_end_matches('\0').to_owned()));
    }
    Ok(None)
}

fn storages(cf: &Cf<'_>, prefix: &str, start: &str) -> Vec<String> {
    let mut v: Vec<String> = match cf.read_storage(prefix) {
        Ok(it) => it
            .filter(|e| e.is_storage() && e.name().starts_with(start))
            .map(|e| e.name().to_owned())
            .collect(),
        Err(_) => Vec::new(),
    };
    v.sort();
    v
}

fn person(name: Option<String>, addr: Option<String>) -> Option<String> {
    let name = name.filter(|s| !s.trim().is_empty());
    let addr = addr.filter(|s| !s.trim().is_empty());
    match (name, addr) {
        (Some(n), Some(a)) if n != a => Some(format!("{n} <{a}>")),
        (Some(n), _) => Some(n),
        (None, Some(a)) => Some(a),
        (None, None) => None,
    }
}

/// One message stored below `prefix` ("/" for the file, an attachment's storage when embedded).
fn message(
    ctx: &mut Ctx<'_>,
    cf: &mut Cf<'_>,
    prefix: &str,
    depth: u32,
    out: &mut Extracted,
) -> Res {
    let mut head = String::new();
    let sender_addr = match prop(ctx, cf, prefix, "5D01")? {
        Some(a) => Some(a),
        None => prop(ctx, cf, prefix, "0C1F")?,
    };
    if let Some(p) = person(prop(ctx, cf, prefix, "0C1A")?, sender_addr) {
        head.push_str(&format!("From: {p}\n"));
    }
    if let Some(p) = person(
        prop(ctx, cf, prefix, "0042")?,
        prop(ctx, cf, prefix, "0065")?,
    ) {
        head.push_str(&format!("On behalf of: {p}\n"));
    }
    for (label, tag) in [("To", "0E04"), ("Cc", "0E03"), ("Bcc", "0E02")] {
        if let Some(v) = prop(ctx, cf, prefix, tag)?.filter(|v| !v.trim().is_empty()) {
            head.push_str(&format!("{label}: {v}\n"));
        }
    }
    for r in storages(cf, prefix, "__recip_version1.0_") {
        let p = format!("{prefix}{r}/");
        let addr = match prop(ctx, cf, &p, "39FE")? {
            Some(a) => Some(a),
            None => prop(ctx, cf, &p, "3003")?,
        };
        if let Some(who) = person(prop(ctx, cf, &p, "3001")?, addr) {
            head.push_str(&format!("Recipient: {who}\n"));
        }
    }
    head.truncate(head.trim_end().len());
    ctx.push(out, head, Some(Location::Part(Part::MailHeader)))?;
    if let Some(s) = prop(ctx, cf, prefix, "0037")? {
        ctx.push(out, s, Some(Location::Part(Part::Subject)))?;
    }
    let body = Some(Location::Part(Part::Body));
    if let Some(t) = prop(ctx, cf, prefix, "1000")? {
        ctx.push(out, t, body)?;
    } else if let Some(h) = read_stream(ctx, cf, &format!("{prefix}__substg1.0_10130102"))? {
        let h = crate::text::decode(&h);
        ctx.push(out, html::to_text(&h), body)?;
    } else if let Some(h) = prop(ctx, cf, prefix, "1013")? {
        ctx.push(out, html::to_text(&h), body)?;
    } else if let Some(c) = read_stream(ctx, cf, &format!("{prefix}__substg1.0_10090102"))? {
        // Only a compressed-RTF body.
        let max = usize::try_from(ctx.decompressed_left()).unwrap_or(usize::MAX);
        match crate::rtf::decompress(&c, max) {
            Some(rtf) => {
                ctx.charge(rtf.len() as u64)?;
                ctx.push(out, crate::rtf::to_text(&rtf), body)?;
            }
            None => out.children.push(crate::Child {
                name: "body (RTF)".into(),
                extracted: crate::zipc::failed(
                    Format::Unknown,
                    corrupt("damaged compressed RTF body"),
                ),
            }),
        }
    }
    for (n, a) in storages(cf, prefix, "__attach_version1.0_")
        .into_iter()
        .enumerate()
    {
        ctx.check_deadline()?;
        ctx.entry()?;
        let p = format!("{prefix}{a}/");
        let mut name = None;
        for tag in ["3707", "3704", "3001"] {
            if let Some(v) = prop(ctx, cf, &p, tag)?.filter(|v| !v.trim().is_empty()) {
                name = Some(v);
                break;
            }
        }
        let name = name.unwrap_or_else(|| format!("attachment {}", n + 1));
        let embedded = format!("{p}__substg1.0_3701000D");
        let child = if let Some(data) = read_stream(ctx, cf, &format!("{p}__substg1.0_37010102"))? {
            ctx.node(&name, &data, depth + 1)
        } else if cf.is_storage(&embedded) {
            let mut child = Extracted::new(Format::Msg);
            if depth + 1 > ctx.limits.max_depth {
                child.status = ctx.too_deep();
            } else if let Err(s) = message(ctx, cf, &format!("{embedded}/"), depth + 1, &mut child)
            {
                child.status = s;
            }
            child.settle();
            child
        } else {
            crate::zipc::failed(
                Format::Unknown,
                Status::Unsupported("attachment without data (a link or OLE object)".into()),
            )
        };
        merge_attachment(out, &name, child);
    }
    Ok(())
}
