//! Rich text (the HTML a DPIA answer from the CNIL PIA tool's editor holds) as plain text for a PDF: tags
//! stripped, entities decoded, paragraphs, line breaks and list items kept as lines.
//!
//! Hand-written rather than an HTML parser crate: the editor writes a handful of tags (`p`, `div`, `br`, `ul`,
//! `ol`, `li`, `strong`, `em`, `span`), the output is text for a PDF and never HTML again, and html5ever or
//! scraper would bring a parser tree of a dozen crates for it.

/// The text of `html`: block ends (`p`, `div`, headings, rows) and `<br>` become line breaks, list items lines of
/// their own ("• item", "1. item", nested items indented), `script` and `style` contents dropped, named and
/// numeric entities decoded, runs of spaces and more than one empty line collapsed. Text that holds no tag is
/// plain text already: its own line breaks stay and only its entities are decoded.
pub fn html_to_text(html: &str) -> String {
    if !looks_like_html(html) {
        return tidy(&decode_entities(html), true);
    }
    let mut out = String::with_capacity(html.len());
    // For each open list: ordered, and the number of the next item.
    let mut lists: Vec<(bool, u32)> = Vec::new();
    let mut skip_until: Option<&'static str> = None;
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                push_text(&mut out, rest);
            }
            break;
        };
        if skip_until.is_none() {
            push_text(&mut out, &rest[..lt]);
        }
        let tag_src = &rest[lt..];
        // A comment runs to `-->`; anything else to the next `>`.
        let end = if tag_src.starts_with("<!--") {
            tag_src.find("-->").map(|e| e + 3)
        } else {
            tag_src.find('>').map(|e| e + 1)
        };
        let Some(end) = end else {
            // An unclosed `<` is text.
            if skip_until.is_none() {
                push_text(&mut out, tag_src);
            }
            break;
        };
        let tag = Tag::parse(&tag_src[..end]);
        rest = &tag_src[end..];
        let Some(tag) = tag else {
            if skip_until.is_none() && !tag_src.starts_with("<!") && !tag_src.starts_with("<?") {
                // `a < b` is not a tag: keep the `<` and read on after it.
                push_text(&mut out, "<");
                rest = &tag_src[1..];
            }
            continue;
        };
        if let Some(until) = skip_until {
            if tag.closing && tag.name == until {
                skip_until = None;
            }
            continue;
        }
        match (tag.name.as_str(), tag.closing) {
            ("script" | "style" | "head" | "title", false) if !tag.self_closing => {
                skip_until = Some(match tag.name.as_str() {
                    "script" => "script",
                    "style" => "style",
                    "head" => "head",
                    _ => "title",
                });
            }
            ("br", _) => out.push('\n'),
            ("ul", false) => {
                line_break(&mut out);
                lists.push((false, 1));
            }
            ("ol", false) => {
                line_break(&mut out);
                lists.push((true, 1));
            }
            ("ul" | "ol", true) => {
                lists.pop();
                line_break(&mut out);
            }
            ("li", false) => {
                line_break(&mut out);
                let depth = lists.len().saturating_sub(1);
                out.push_str(&"  ".repeat(depth));
                match lists.last_mut() {
                    Some((true, n)) => {
                        out.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => out.push_str("• "),
                }
            }
            ("li", true) => line_break(&mut out),
            (
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote" | "pre"
                | "table" | "section" | "article" | "header" | "footer",
                _,
            ) => {
                paragraph_break(&mut out);
            }
            ("tr", _) => line_break(&mut out),
            ("td" | "th", true) => out.push(' '),
            _ => {}
        }
    }
    tidy(&out, false)
}

/// Whether `s` holds anything that reads as a tag (`<p`, `</div`, `<br/>`, `<!--`).
fn looks_like_html(s: &str) -> bool {
    s.match_indices('<').any(|(i, _)| {
        let rest = &s[i..];
        rest.starts_with("<!--")
            || rest
                .find('>')
                .is_some_and(|e| Tag::parse(&rest[..=e]).is_some())
    })
}

struct Tag {
    name: String,
    closing: bool,
    self_closing: bool,
}

impl Tag {
    /// `<li class="x">` → li; `</ul>` → closing ul; `<br />` → self-closing br; `<!-- … -->`, `<!DOCTYPE>` and
    /// anything not starting with a letter are no tag we act on.
    fn parse(src: &str) -> Option<Tag> {
        let inner = src.strip_prefix('<')?.strip_suffix('>')?;
        let (closing, inner) = match inner.strip_prefix('/') {
            Some(rest) => (true, rest),
            None => (false, inner),
        };
        if !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
            return None;
        }
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let after = &inner[name.len()..];
        // A name must end at whitespace, `/` or the end: `<3` or `<a.b>` are text.
        if !(after.is_empty() || after.starts_with([' ', '\t', '\n', '\r', '/'])) {
            return None;
        }
        Some(Tag {
            name,
            closing,
            self_closing: inner.trim_end().ends_with('/'),
        })
    }
}

/// Text between tags: entities decoded, every run of whitespace (newlines included, as in HTML) one space.
fn push_text(out: &mut String, raw: &str) {
    let text = decode_entities(raw);
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !out.ends_with([' ', '\n']) && !out.is_empty() {
                out.push(' ');
            }
        } else if c == '\u{a0}' {
            out.push(' ');
        } else if !c.is_control() {
            out.push(c);
        }
    }
}

fn line_break(out: &mut String) {
    trim_trailing_spaces(out);
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
}

fn paragraph_break(out: &mut String) {
    line_break(out);
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with(' ') {
        out.pop();
    }
}

/// Lines trimmed of trailing spaces (and of leading ones unless `keep_indent`), at most one empty line in a row,
/// none at the start or end.
fn tidy(s: &str, keep_indent: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in s.lines() {
        let line = line.trim_end();
        let line = if keep_indent {
            line
        } else {
            // Keep a nested list item's indent, lose a stray space.
            let spaces = line.len() - line.trim_start_matches(' ').len();
            let body = line.trim_start();
            if body.starts_with("• ") || body.chars().next().is_some_and(|c| c.is_ascii_digit()) {
                &line[spaces % 2..]
            } else {
                body
            }
        };
        if line.trim().is_empty() {
            if lines.last().is_some_and(|l| !l.is_empty()) {
                lines.push(String::new());
            }
        } else {
            lines.push(line.to_owned());
        }
    }
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines.join("\n")
}

/// `&amp;`, `&eacute;`, `&#233;`, `&#xE9;` decoded; an unknown or unterminated `&…` stays as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let semi = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        let decoded = semi.and_then(|i| entity(&after[..i]).map(|c| (c, i)));
        match decoded {
            Some((c, i)) => {
                out.push(c);
                rest = &after[i + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "ndash" => '–',
        "mdash" => '—',
        "bull" => '•',
        "middot" => '·',
        "euro" => '€',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "times" => '×',
        "sect" => '§',
        "agrave" => 'à',
        "aacute" => 'á',
        "acirc" => 'â',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "egrave" => 'è',
        "eacute" => 'é',
        "ecirc" => 'ê',
        "euml" => 'ë',
        "icirc" => 'î',
        "iuml" => 'ï',
        "ocirc" => 'ô',
        "ouml" => 'ö',
        "ugrave" => 'ù',
        "ucirc" => 'û',
        "uuml" => 'ü',
        "oelig" => 'œ',
        "Agrave" => 'À',
        "Eacute" => 'É',
        "Egrave" => 'È',
        "Ecirc" => 'Ê',
        "Ccedil" => 'Ç',
        "OElig" => 'Œ',
        _ => return None,
    })
}
