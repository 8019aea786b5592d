//! Outlook's compressed RTF (MS-OXRTFCP, "LZFu") and a small RTF-to-text reader for message
//! bodies that exist only as RTF.

const PREBUF: &[u8] = b"{\\rtf1\\ansi\\mac\\deff0\\deftab720{\\fonttbl;}{\\f0\\fnil \\froman \\fswiss \\fmodern \\fscript \\fdecor MS Sans SerifSymbolArialTimes New RomanCourier{\\colortbl\\red0\\green0\\blue0\r\n\\par \\pard\\plain\\f0\\fs20\\b\\i\\u\\tab\\tx";

/// Decompresses PR_RTF_COMPRESSED. Output is capped at `max` bytes; `None` when damaged.
pub(crate) fn decompress(b: &[u8], max: usize) -> Option<Vec<u8>> {
    if b.len() < 16 {
        return None;
    }
    let u32_at = |i: usize| u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    let raw_size = u32_at(4) as usize;
    let kind = &b[8..12];
    let data = &b[16..];
    if kind == b"MELA" {
        return Some(data[..data.len().min(raw_size).min(max)].to_vec());
    }
    if kind != b"LZFu" {
        return None;
    }
    let cap = raw_size.min(max);
    let mut dict = [0u8; 4096];
    dict[..PREBUF.len()].copy_from_slice(PREBUF);
    let mut wp = PREBUF.len();
    let mut out = Vec::with_capacity(cap.min(1 << 20));
    let mut i = 0;
    while i < data.len() && out.len() < cap {
        let control = data[i];
        i += 1;
        for bit in 0..8 {
            if i >= data.len() || out.len() >= cap {
                break;
            }
            if control & (1 << bit) == 0 {
                let c = data[i];
                i += 1;
                out.push(c);
                dict[wp] = c;
                wp = (wp + 1) % 4096;
            } else {
                if i + 1 >= data.len() {
                    return Some(out);
                }
                let token = u16::from_be_bytes([data[i], data[i + 1]]) as usize;
                i += 2;
                let offset = token >> 4;
                let len = (token & 0xF) + 2;
                if offset == wp {
                    return Some(out);
                }
                for k in 0..len {
                    let c = dict[(offset + k) % 4096];
                    out.push(c);
                    dict[wp] = c;
                    wp = (wp + 1) % 4096;
                }
            }
        }
    }
    out.truncate(cap);
    Some(out)
}

/// Visible text of an RTF document: destinations (`{\*...}`, font and colour tables, pictures)
/// and RTF-only parts of HTML-encapsulated mail (`\htmlrtf`) are skipped.
pub(crate) fn to_text(rtf: &[u8]) -> String {
    let mut out = String::new();
    // Per group: (skip this group, \htmlrtf active, \uc count).
    let mut stack: Vec<(bool, bool, usize)> = vec![(false, false, 1)];
    let mut pending_skip = 0usize;
    let mut bytes: Vec<u8> = Vec::new();
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        if !bytes.is_empty() {
            out.push_str(
                &encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0,
            );
            bytes.clear();
        }
    };
    let mut i = 0;
    while i < rtf.len() {
        let c = rtf[i];
        let (skip, htmlrtf, uc) = stack.last().copied().unwrap_or((false, false, 1));
        let hidden = skip || htmlrtf;
        match c {
            b'{' => {
                stack.push((skip, htmlrtf, uc));
                if stack.len() > 512 {
                    break;
                }
                i += 1;
                // A destination group: `{\*\name` or a known non-text destination.
                let rest = &rtf[i..];
                let dest = rest.starts_with(b"\\*")
                    || [
                        &b"\\fonttbl"[..],
                        b"\\colortbl",
                        b"\\stylesheet",
                        b"\\info",
                        b"\\pict",
                        b"\\object",
                        b"\\themedata",
                        b"\\listtable",
                    ]
                    .iter()
                    .any(|d| rest.starts_with(d));
                if dest && let Some(top) = stack.last_mut() {
                    top.0 = true;
                }
            }
            b'}' => {
                flush(&mut bytes, &mut out);
                if stack.len() > 1 {
                    stack.pop();
                }
                i += 1;
            }
            b'\\' => {
                i += 1;
                let Some(&n) = rtf.get(i) else { break };
                if n == b'\'' {
                    let hex = rtf
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok());
                    if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                        if pending_skip > 0 {
                            pending_skip -= 1;
                        } else if !hidden {
                            bytes.push(v);
                        }
                    }
                    i += 3;
                    continue;
                }
                if !n.is_ascii_alphabetic() {
                    // Control symbol: \\ \{ \} \~ etc.
                    if !hidden {
                        match n {
                            b'\\' | b'{' | b'}' => bytes.push(n),
                            b'~' => bytes.push(b' '),
                            b'\n' | b'\r' => {
                                flush(&mut bytes, &mut out);
                                out.push('\n');
                            }
                            _ => {}
                        }
                    }
                    i += 1;
                    continue;
                }
                let start = i;
                while i < rtf.len() && rtf[i].is_ascii_alphabetic() {
                    i += 1;
                }
                let word = &rtf[start..i];
                let num_start = i;
                if i < rtf.len() && rtf[i] == b'-' {
                    i += 1;
                }
                while i < rtf.len() && rtf[i].is_ascii_digit() {
                    i += 1;
                }
                let num: Option<i64> = std::str::from_utf8(&rtf[num_start..i])
                    .ok()
                    .and_then(|s| s.parse().ok());
                if i < rtf.len() && rtf[i] == b' ' {
                    i += 1;
                }
                match word {
                    b"par" | b"line" | b"row" | b"sect" | b"page" if !hidden => {
                        flush(&mut bytes, &mut out);
                        out.push('\n');
                    }
                    b"tab" | b"cell" if !hidden => {
                        flush(&mut bytes, &mut out);
                        out.push('\t');
                    }
                    b"htmlrtf" => {
                        if let Some(top) = stack.last_mut() {
                            top.1 = num != Some(0);
                        }
                    }
                    b"uc" => {
                        if let Some(top) = stack.last_mut() {
                            top.2 = num.unwrap_or(1).clamp(0, 8) as usize;
                        }
                    }
                    b"u" => {
                        if let Some(v) = num {
                            let v = if v < 0 { v + 65536 } else { v };
                            if !hidden {
                                flush(&mut bytes, &mut out);
                                out.push(char::from_u32(v as u32).unwrap_or('\u{fffd}'));
                            }
                            pending_skip = uc;
                        }
                    }
                    _ => {}
                }
            }
            b'\r' | b'\n' => i += 1,
            _ => {
                if pending_skip > 0 {
                    pending_skip -= 1;
                } else if !hidden {
                    bytes.push(c);
                }
                i += 1;
            }
        }
    }
    flush(&mut bytes, &mut out);
    out
}
