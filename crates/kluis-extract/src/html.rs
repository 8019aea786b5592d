//! HTML to visible text: no script/style, entities decoded, block elements give line breaks,
//! table cells give tabs.

/// Converts an HTML document (or fragment) to its visible text.
pub(crate) fn to_text(html: &str) -> String {
    let b = html.as_bytes();
    let mut out = String::with_capacity(html.len() / 2);
    let mut i = 0;
    let mut pre = 0u32;
    // Pending whitespace between words, collapsed to one space.
    let mut space = false;
    while i < b.len() {
        if b[i] == b'<' {
            if b[i..].starts_with(b"<!--") {
                i = find(b, i + 4, b"-->").map_or(b.len(), |j| j + 3);
                continue;
            }
            let Some(end) = tag_end(b, i + 1) else {
                // A lone '<' is text.
                push_text(&mut out, "<", &mut space, pre > 0);
                i += 1;
                continue;
            };
            let inner = &html[i + 1..end];
            i = end + 1;
            if inner.starts_with('!') || inner.starts_with('?') {
                continue;
            }
            let closing = inner.starts_with('/');
            let name_part = inner.trim_start_matches('/');
            let name_len = name_part
                .bytes()
                .position(|c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
                .unwrap_or(name_part.len());
            let name = name_part[..name_len].to_ascii_lowercase();
            match name.as_str() {
                "script" | "style" | "template" | "noscript" | "svg" | "object" | "iframe"
                    if !closing && !inner.ends_with('/') =>
                {
                    let close = format!("</{name}");
                    i = find_ci(b, i, close.as_bytes())
                        .map_or(b.len(), |j| tag_end(b, j + 1).map_or(b.len(), |e| e + 1));
                }
                "pre" | "textarea" => {
                    if closing {
                        pre = pre.saturating_sub(1);
                    } else {
                        pre += 1;
                    }
                    newline(&mut out, &mut space);
                }
                "td" | "th" if closing => {
                    out.push('\t');
                    space = false;
                }
                "br" | "p" | "div" | "li" | "tr" | "table" | "ul" | "ol" | "dl" | "dt" | "dd"
                | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "hr" | "title" | "section"
                | "article" | "header" | "footer" | "nav" | "aside" | "main" | "blockquote"
                | "address" | "form" | "fieldset" | "figure" | "figcaption" | "caption"
                | "thead" | "tbody" | "tfoot" | "body" | "head" | "html" | "option" | "center" => {
                    newline(&mut out, &mut space);
                }
                _ => {}
            }
            continue;
        }
        let next = memchr::memchr(b'<', &b[i..]).map_or(b.len(), |j| i + j);
        let raw = &html[i..next];
        if raw.contains('&') {
            let decoded = decode_entities(raw);
            push_text(&mut out, &decoded, &mut space, pre > 0);
        } else {
            push_text(&mut out, raw, &mut space, pre > 0);
        }
        i = next;
    }
    tidy(out)
}

fn push_text(out: &mut String, t: &str, space: &mut bool, pre: bool) {
    if pre {
        out.push_str(t);
        *space = false;
        return;
    }
    for (k, word) in t.split(|c: char| c.is_whitespace()).enumerate() {
        if k > 0 {
            *space = true;
        }
        if word.is_empty() {
            continue;
        }
        if *space && !out.is_empty() && !out.ends_with(['\n', '\t', ' ']) {
            out.push(' ');
        }
        *space = false;
        out.push_str(word);
    }
}

fn newline(out: &mut String, space: &mut bool) {
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    *space = false;
}

/// Trims each line and drops runs of blank lines.
fn tidy(s: String) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let l = line
            .trim_start_matches([' ', '\u{a0}'])
            .trim_end_matches([' ', '\u{a0}', '\t']);
        if l.trim().is_empty() {
            blank += 1;
            if blank > 1 {
                continue;
            }
            if out.is_empty() {
                continue;
            }
        } else {
            blank = 0;
        }
        out.push_str(l);
        out.push('\n');
    }
    while out.ends_with('\n') {
        out.pop();
    }
    out
}

/// End of a tag starting after '<' at `from`, honouring quoted attribute values.
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let first = *b.get(from)?;
    if !(first.is_ascii_alphabetic() || first == b'/' || first == b'!' || first == b'?') {
        return None;
    }
    let mut q = 0u8;
    for (k, &c) in b[from..].iter().enumerate() {
        if q != 0 {
            if c == q {
                q = 0;
            }
        } else if c == b'"' || c == b'\'' {
            q = c;
        } else if c == b'>' {
            return Some(from + k);
        }
    }
    None
}

fn find(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, pat).map(|j| from + j)
}

fn find_ci(b: &[u8], from: usize, pat: &[u8]) -> Option<usize> {
    let hay = b.get(from..)?;
    hay.windows(pat.len())
        .position(|w| w.eq_ignore_ascii_case(pat))
        .map(|j| from + j)
}

/// Decodes character references (`&amp;`, `&#233;`, `&#xE9;`, common named ones).
pub(crate) fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|j| j + 1);
        let (body, consumed) = match end {
            Some(e) if e > 1 => (
                &rest[1..e],
                if rest[e..].starts_with(';') { e + 1 } else { e },
            ),
            None if rest.len() > 1 => (&rest[1..], rest.len()),
            _ => ("", 0),
        };
        let ch = if let Some(num) = body.strip_prefix('#') {
            let v = if let Some(h) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(h, 16).ok()
            } else {
                num.parse::<u32>().ok()
            };
            v.and_then(|v| {
                if (0x80..0xA0).contains(&v) {
                    cp1252(v)
                } else {
                    char::from_u32(v)
                }
            })
            .map(|c| if c == '\0' { '\u{fffd}' } else { c })
        } else {
            named(body)
        };
        match ch {
            Some(c) if consumed > 0 => {
                out.push(c);
                rest = &rest[consumed..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn cp1252(v: u32) -> Option<char> {
    let b = [v as u8];
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(&b)
        .0
        .chars()
        .next()
}

fn named(n: &str) -> Option<char> {
    const LATIN1: [&str; 96] = [
        "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
        "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro",
        "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
        "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave",
        "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve",
        "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc",
        "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring",
        "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
        "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash",
        "ugrave", "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
    ];
    if let Some(k) = LATIN1.iter().position(|&x| x == n) {
        return char::from_u32(0xA0 + k as u32);
    }
    Some(match n {
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "euro" => '€',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "sbquo" => '‚',
        "bdquo" => '„',
        "bull" => '•',
        "trade" => '™',
        "ensp" | "emsp" | "thinsp" => ' ',
        "zwnj" | "zwj" | "shy" => return None,
        "OElig" => 'Œ',
        "oelig" => 'œ',
        "Scaron" => 'Š',
        "scaron" => 'š',
        "Yuml" => 'Ÿ',
        "ij" => 'ĳ',
        _ => return None,
    })
}
