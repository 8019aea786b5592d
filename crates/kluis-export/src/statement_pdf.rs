//! A published privacy statement as an A4 PDF, made from the Markdown stored with the version, so the PDF of an
//! old version shows exactly the words that were published then (not the register's words of today).
//!
//! Reads the Markdown the statement's renderer writes: a `# ` title, `##`/`###` headings, paragraphs and `- `
//! lists, with register text backslash-escaped. Links (`[text](url)`, `<url>`) and emphasis markers are
//! tolerated and printed as plain text. Anything else is printed as the paragraph it would be.

use crate::layout::{self, Layout, MARGIN_X, PAGE_W, Weight};
use crate::{Export, ExportError, Lang};
use krilla::metadata::Metadata;

/// Body text size: a statement is read by anyone, so a point larger than the register's.
const TEXT: f32 = 10.0;

/// What the PDF prints besides the published text: on the title page and in every page's footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementPdfMeta<'a> {
    /// The organisation (controller) the statement is of.
    pub organisation: &'a str,
    pub version: i64,
    /// The day the version was published.
    pub published: time::Date,
}

/// One block of the statement as the Markdown gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block {
    Title(String),
    Heading(String),
    Subheading(String),
    Para(String),
    Item(String),
}

fn malformed(why: impl Into<String>) -> ExportError {
    ExportError::MalformedStatement(why.into())
}

/// Splits the Markdown into blocks. The first block must be the `# ` title.
fn parse(markdown: &str) -> Result<Vec<Block>, ExportError> {
    let mut blocks: Vec<Block> = Vec::new();
    // Whether the last line was part of the last block (no blank line since), so a next line continues it.
    let mut open = false;
    for (n, raw) in markdown.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        if let Some((level, text)) = heading(line) {
            let text = inline(text);
            if text.is_empty() {
                return Err(malformed(format!("line {}: a heading without text", n + 1)));
            }
            blocks.push(match level {
                1 if blocks.is_empty() => Block::Title(text),
                1 | 2 => Block::Heading(text),
                _ => Block::Subheading(text),
            });
            // A heading is one line; what follows starts a new block.
            open = false;
            continue;
        }
        if let Some(item) = list_item(line) {
            blocks.push(Block::Item(inline(item)));
            open = true;
            continue;
        }
        let text = inline(line);
        match blocks.last_mut() {
            Some(Block::Para(p) | Block::Item(p)) if open => {
                if !text.is_empty() {
                    p.push(' ');
                    p.push_str(&text);
                }
            }
            _ => blocks.push(Block::Para(text)),
        }
        open = true;
    }
    match blocks.first() {
        None => Err(ExportError::EmptyStatement),
        Some(Block::Title(_)) => Ok(blocks),
        Some(_) => Err(malformed("it does not begin with a title line ('# ')")),
    }
}

/// `## Text` as (2, "Text"); `#` runs of up to six followed by a space or the end of the line, as in
/// CommonMark. `#hashtag` and `\#` are text.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.bytes().take_while(|b| *b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let rest = &line[level..];
    if !rest.is_empty() && !rest.starts_with([' ', '\t']) {
        return None;
    }
    // An optional closing sequence of `#`s is not part of the text.
    let text = rest.trim();
    let closed = text.trim_end_matches('#');
    let text = if closed.len() < text.len() && (closed.is_empty() || closed.ends_with([' ', '\t']))
    {
        closed.trim_end()
    } else {
        text
    };
    Some((level, text))
}

/// The text of a `- `, `* ` or `+ ` list item.
fn list_item(line: &str) -> Option<&str> {
    ["- ", "* ", "+ "]
        .iter()
        .find_map(|m| line.strip_prefix(m))
        .or_else(|| (line == "-" || line == "*" || line == "+").then_some(""))
}

/// Inline Markdown to plain text: escapes resolved, emphasis and code markers dropped, `[text](url)` printed as
/// "text (url)", `<url>` as the address. Control characters (which have no glyph) become spaces.
fn inline(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => match chars.get(i + 1) {
                Some(&next) if next.is_ascii_punctuation() => {
                    out.push(next);
                    i += 2;
                    continue;
                }
                _ => out.push('\\'),
            },
            '*' | '`' => {}
            '_' => {
                // Intraword underscores (snake_case) are text; at a word's edge they are emphasis.
                let before = i.checked_sub(1).and_then(|j| chars.get(j));
                let after = chars.get(i + 1);
                let word = |c: Option<&char>| c.is_some_and(|c| c.is_alphanumeric());
                if word(before) && word(after) {
                    out.push('_');
                }
            }
            '[' => {
                if let Some((text, url, end)) = link(&chars, i) {
                    out.push_str(&inline(&text));
                    if !url.is_empty() && url != text {
                        out.push_str(&format!(" ({url})"));
                    }
                    i = end;
                    continue;
                }
                out.push('[');
            }
            '<' => {
                let close = chars[i..].iter().position(|&c| c == '>').map(|p| i + p);
                let inner: Option<String> = close.map(|e| chars[i + 1..e].iter().collect());
                match (close, inner) {
                    (Some(e), Some(addr))
                        if ["http://", "https://", "mailto:"]
                            .iter()
                            .any(|p| addr.starts_with(p))
                            && !addr.contains(char::is_whitespace) =>
                    {
                        out.push_str(addr.strip_prefix("mailto:").unwrap_or(&addr));
                        i = e + 1;
                        continue;
                    }
                    _ => out.push('<'),
                }
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
        i += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `[text](url)` starting at `start`: the text, the address and the index after the closing parenthesis.
fn link(chars: &[char], start: usize) -> Option<(String, String, usize)> {
    let mut i = start + 1;
    let mut text = String::new();
    while i < chars.len() && chars[i] != ']' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            text.push('\\');
            i += 1;
        }
        text.push(chars[i]);
        i += 1;
    }
    if chars.get(i) != Some(&']') || chars.get(i + 1) != Some(&'(') {
        return None;
    }
    let close = chars[i + 2..].iter().position(|&c| c == ')')? + i + 2;
    let url: String = chars[i + 2..close].iter().collect();
    Some((text, url.trim().to_owned(), close + 1))
}

/// The statement's Markdown (`markdown`, as published) as an A4 PDF with texts in `lang`.
pub fn render_statement_pdf(
    markdown: &str,
    meta: &StatementPdfMeta<'_>,
    lang: Lang,
) -> Result<Export, ExportError> {
    let blocks = parse(markdown)?;
    let fonts = layout::fonts()?;
    let tr = kluis_i18n::Tr::new(lang);
    let date = tr.date(meta.published);
    let version = meta.version.to_string();
    let meta_line = tr.t_with(
        "statement-pdf-meta",
        &[
            ("organisation", meta.organisation.trim()),
            ("version", &version),
            ("date", &date),
        ],
    );
    let bytes = render_blocks(&blocks, fonts, tr, &meta_line)?;
    Ok(Export {
        bytes,
        content_type: "application/pdf",
        // The version and the language only: a name that says nothing about the organisation or anyone in it.
        file_name: format!("privacy-statement-v{}-{}.pdf", meta.version, lang.code()),
    })
}

/// A letter written in the same Markdown (a `# ` title, headings, paragraphs, `- ` lists) as an A4 PDF with
/// `footer` on every page and under the title: the answers to data-subject requests, which must read like the
/// statement they refer to. `file_name` is the caller's (it must name no one).
pub fn render_letter_pdf(
    markdown: &str,
    footer: &str,
    file_name: &str,
    lang: Lang,
) -> Result<Export, ExportError> {
    let blocks = parse(markdown)?;
    let fonts = layout::fonts()?;
    let tr = kluis_i18n::Tr::new(lang);
    let bytes = render_blocks(&blocks, fonts, tr, footer)?;
    Ok(Export {
        bytes,
        content_type: "application/pdf",
        file_name: file_name.to_owned(),
    })
}

fn render_blocks(
    blocks: &[Block],
    fonts: &layout::Fonts,
    tr: kluis_i18n::Tr,
    meta_line: &str,
) -> Result<Vec<u8>, ExportError> {
    let mut l = Layout::new(fonts);
    let mut title = String::new();
    let mut previous_item = false;
    for b in blocks {
        if previous_item && !matches!(b, Block::Item(_)) {
            l.space(4.0);
        }
        previous_item = matches!(b, Block::Item(_));
        match b {
            Block::Title(t) => {
                title = t.clone();
                l.space(10.0);
                l.paragraph(t, Weight::Bold, 20.0, false);
                l.space(4.0);
                l.paragraph(meta_line, Weight::Regular, TEXT, true);
                l.space(14.0);
            }
            Block::Heading(t) => l.heading(t, 14.0),
            Block::Subheading(t) => {
                // Keep a subheading with the first lines of what follows.
                l.ensure(11.0 * layout::LEADING + 4.0 * TEXT * layout::LEADING);
                l.space(6.0);
                l.paragraph(t, Weight::Bold, 11.0, false);
                l.space(2.0);
            }
            Block::Para(t) => {
                l.paragraph_in(
                    MARGIN_X,
                    PAGE_W - 2.0 * MARGIN_X,
                    t,
                    Weight::Regular,
                    TEXT,
                    false,
                );
                l.space(5.0);
            }
            Block::Item(t) => {
                l.list_item(t, TEXT);
                l.space(1.5);
            }
        }
    }
    let metadata = Metadata::new()
        .title(title)
        .language(tr.code().to_owned())
        .creator("Kluis".to_owned());
    l.finish(metadata, meta_line, |page, total| {
        tr.t_with(
            "export-pdf-page",
            &[("page", &page.to_string()), ("total", &total.to_string())],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> StatementPdfMeta<'static> {
        StatementPdfMeta {
            organisation: "Bakkerij De Korenschoof B.V.",
            version: 3,
            published: time::macros::date!(2026 - 12 - 07),
        }
    }

    /// The PDF's text layer as the document scanner reads it, on single spaces.
    fn text_of(bytes: &[u8]) -> String {
        let out = kluis_extract::extract("s.pdf", bytes, &kluis_extract::Limits::default());
        out.segments
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Markdown as the statement's renderer writes it (escapes included).
    const SAMPLE: &str = "# Privacyverklaring van Bakkerij De Korenschoof B.V.\n\n\
        Bakkerij De Korenschoof B.V. is verwerkingsverantwoordelijke.\n\n\
        Versie 3, gepubliceerd op 7 december 2026.\n\n\
        ## Contactgegevens\n\n\
        - Naam: Bakkerij De Korenschoof B.V.\n\
        - E-mail: privacy@korenschoof.example\n\n\
        ## Welke persoonsgegevens wij verwerken en waarom\n\n\
        ### Klantadministratie \\#1 \\*nieuw\\* snake\\_case\n\n\
        - Doel: bestellingen leveren aan café\\-klanten (naïef, één)\n\
        - Bewaartermijn: 7 jaar (art. 52 AWR)\n\n\
        ## Uw rechten\n\n\
        Zie [onze site](https://korenschoof.example) of <https://ap.example/klacht>.\n";

    #[test]
    fn every_heading_item_and_the_meta_are_in_the_text() {
        let pdf = match render_statement_pdf(SAMPLE, &meta(), Lang::Nl) {
            Ok(p) => p,
            Err(e) => panic!("render: {e}"),
        };
        assert!(pdf.bytes.starts_with(b"%PDF-"));
        assert_eq!(pdf.content_type, "application/pdf");
        assert_eq!(pdf.file_name, "privacy-statement-v3-nl.pdf");
        let text = text_of(&pdf.bytes);
        for want in [
            "Privacyverklaring van Bakkerij De Korenschoof B.V.",
            "Contactgegevens",
            "Welke persoonsgegevens wij verwerken en waarom",
            "Klantadministratie #1 *nieuw* snake_case",
            "Naam: Bakkerij De Korenschoof B.V.",
            "Doel: bestellingen leveren aan café-klanten (naïef, één)",
            "Uw rechten",
            "Zie onze site (https://korenschoof.example) of https://ap.example/klacht.",
            // The title page and each footer name the organisation, the version and its date.
            "Bakkerij De Korenschoof B.V. · versie 3 · 7 december 2026",
            "Pagina 1 van 1",
        ] {
            // A wrapped line may come back without the space it was broken at.
            let squeeze = |s: &str| s.split_whitespace().collect::<String>();
            assert!(
                squeeze(&text).contains(&squeeze(want)),
                "missing {want:?} in {text}"
            );
        }
        assert!(!text.contains('\\'), "escapes left in: {text}");
        let en = render_statement_pdf(SAMPLE, &meta(), Lang::En).map(|p| text_of(&p.bytes));
        assert!(
            en.as_deref().is_ok_and(
                |t| t.contains("version 3 · 7 December 2026") && t.contains("Page 1 of 1")
            ),
            "{en:?}"
        );
    }

    #[test]
    fn empty_or_malformed_markdown_is_refused_with_a_reason() {
        for empty in ["", "  \n\n \t\n"] {
            assert!(
                matches!(
                    render_statement_pdf(empty, &meta(), Lang::Nl),
                    Err(ExportError::EmptyStatement)
                ),
                "{empty:?}"
            );
        }
        for (bad, why) in [
            ("Just a paragraph.\n\n## Heading\n", "title"),
            ("- an item first\n", "title"),
            ("# Title\n\n##\n\ntext", "line 3"),
            ("#    \n", "line 1"),
        ] {
            match render_statement_pdf(bad, &meta(), Lang::Nl) {
                Err(e @ ExportError::MalformedStatement(_)) => {
                    assert!(e.to_string().contains(why), "{bad:?}: {e}")
                }
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        // Fragments that trip naive parsers, combined in many orders after a title.
        let parts = [
            "\\",
            "[",
            "](",
            ")",
            "<",
            ">",
            "<http://",
            "*",
            "_",
            "`",
            "#",
            "##",
            "- ",
            "-",
            "\r\n",
            "\n",
            "\n\n",
            "\u{0}",
            "\u{7}",
            "é",
            "\u{1F600}",
            "\u{200B}",
            " ",
            "\t",
            "[a](b",
            "x",
            "###### ",
            "####### x",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut md = String::from("# T\n");
            for _ in 0..12 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                md.push_str(parts[(seed % parts.len() as u64) as usize]);
            }
            // Either a PDF or an error; a panic fails the test.
            if let Ok(p) = render_statement_pdf(&md, &meta(), Lang::En) {
                assert!(p.bytes.starts_with(b"%PDF-"), "{md:?}");
            }
        }
    }

    #[test]
    fn long_words_break_and_long_statements_get_numbered_pages() {
        let word = "x".repeat(3000);
        let mut md = format!("# Title\n\n- {word}\n\n{word}\n\n");
        for i in 0..120 {
            md.push_str(&format!(
                "## Section {i}\n\nA paragraph long enough to wrap over more than one line of the page, so that the \
                 layout has to break lines on the advance widths of the embedded font.\n\n- item {i}\n\n"
            ));
        }
        let pdf = match render_statement_pdf(&md, &meta(), Lang::En) {
            Ok(p) => p,
            Err(e) => panic!("render: {e}"),
        };
        let text = text_of(&pdf.bytes);
        let joined: String = text.split_whitespace().collect();
        assert!(joined.contains(&word), "the long word lost characters");
        assert!(text.contains("Section 119"), "last heading missing");
        let total = text
            .split("Page 1 of ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .and_then(|n| n.parse::<usize>().ok());
        let Some(total) = total else {
            panic!("no page numbers: {text}")
        };
        assert!(total > 5, "{total} pages");
        assert!(text.contains(&format!("Page {total} of {total}")));
    }

    #[test]
    fn markdown_blocks_and_inline_text() {
        let md = "# T #\n\npara\ncontinued\n\n- item\n  more\n- two\n\n#tag \\# 1\n\n#### deep\n";
        let Ok(blocks) = parse(md) else {
            panic!("parse")
        };
        assert_eq!(
            blocks,
            vec![
                Block::Title("T".into()),
                Block::Para("para continued".into()),
                Block::Item("item more".into()),
                Block::Item("two".into()),
                Block::Para("#tag # 1".into()),
                Block::Subheading("deep".into()),
            ]
        );
        assert_eq!(inline("a \\[b\\] \\\\ c\\"), "a [b] \\ c\\");
        assert_eq!(inline("**bold** and _em_ x_y"), "bold and em x_y");
        assert_eq!(inline("[x](mailto:a@b.example)"), "x (mailto:a@b.example)");
        assert_eq!(inline("a < b > c"), "a < b > c");
    }
}
