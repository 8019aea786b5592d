//! The letter to the people affected by a breach (Art. 34(2)): what happened in plain words, which of their data,
//! what it may mean for them, what the organisation did, what they can do themselves, and whom to ask (the
//! contact point and the DPO). One text, written as plain text (e-mail), HTML (escaped) and Markdown (for the
//! PDF, through the privacy statement's letter layout).

use crate::breach_form::{BreachDocMeta, local_moment};
use crate::figure::xml_escape;
use crate::{ExportError, Lang, labels, render_letter_pdf};
use kluis_domain::breach::authority::{BreachReport, ap_data_kinds};
use kluis_domain::register::Jurisdiction;
use kluis_i18n::Tr;

/// The letter in its three forms. `markdown` and `lang` are what [`render_breach_letter_pdf`] prints from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BreachLetter {
    pub subject: String,
    /// Plain text, for an e-mail body: headings on lines of their own, list items as "- ".
    pub text: String,
    /// An HTML fragment (`<p>`, `<h2>`, `<ul>`), every value escaped.
    pub html: String,
    /// The same letter as the Markdown the letter PDF reads (register text backslash-escaped).
    pub markdown: String,
    pub lang: Lang,
}

enum Block {
    Para(String),
    Heading(String),
    List(Vec<String>),
}

/// Paragraphs of a text someone wrote: split on empty lines, each paragraph's lines joined.
fn paragraphs(s: &str) -> Vec<Block> {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(Block::Para)
        .collect()
}

/// Advice that fits the kinds of data concerned (the AP's kinds), general advice last.
fn advice(tr: Tr, report: &BreachReport) -> Vec<String> {
    let mut keys: Vec<&str> = Vec::new();
    for kind in ap_data_kinds(&report.categories) {
        let key = match kind {
            "financial" => "breach-letter-advice-financial",
            "login" => "breach-letter-advice-login",
            "bsn" => "breach-letter-advice-national-id",
            "id_copy" => "breach-letter-advice-id-copy",
            "email" | "phone" => "breach-letter-advice-contact",
            "special" | "criminal" => "breach-letter-advice-special",
            _ => continue,
        };
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.push("breach-letter-advice-general");
    keys.into_iter().map(|k| tr.t(k).to_owned()).collect()
}

fn blocks(
    tr: Tr,
    report: &BreachReport,
    recipient: Option<&str>,
    meta: &BreachDocMeta<'_>,
    organisation: &str,
) -> Vec<Block> {
    // NL and BE share Central European Time: either jurisdiction gives the organisation's clock.
    let j = Jurisdiction::Nl;
    let mut out = Vec::new();
    out.push(Block::Para(match recipient.map(str::trim) {
        Some(name) if !name.is_empty() => {
            tr.t_with("breach-letter-greeting-named", &[("name", name)])
        }
        _ => tr.t("breach-letter-greeting").to_owned(),
    }));
    out.push(Block::Para(tr.t_with(
        "breach-letter-opening",
        &[("organisation", organisation)],
    )));

    out.push(Block::Heading(
        tr.t("breach-letter-what-happened").to_owned(),
    ));
    out.extend(paragraphs(&report.summary));
    let t = &report.timeline;
    let started = t.started_at.unwrap_or(t.discovered_at);
    let local = |at| {
        let offset = kluis_domain::calendar::local_offset(at, j);
        tr.date(time::OffsetDateTime::to_offset(at, offset).date())
    };
    out.push(Block::Para(tr.t_with(
        "breach-letter-when",
        &[
            ("date", &local(started)),
            ("aware", &local_moment(tr, t.aware_at, j)),
        ],
    )));

    out.push(Block::Heading(tr.t("breach-letter-which-data").to_owned()));
    let categories: Vec<String> = report
        .categories
        .iter()
        .map(|c| labels::category(tr, *c))
        .collect();
    if categories.is_empty() {
        out.push(Block::Para(tr.t("breach-doc-unknown").to_owned()));
    } else {
        out.push(Block::List(categories));
    }

    out.push(Block::Heading(
        tr.t("breach-letter-consequences").to_owned(),
    ));
    let consequences = paragraphs(&report.consequences);
    if consequences.is_empty() {
        // The natures of the breach at least say what kind of harm is possible.
        out.push(Block::List(
            report
                .nature
                .iter()
                .map(|n| tr.t(&format!("breach-nature-{}", n.as_str())).to_owned())
                .collect(),
        ));
    } else {
        out.extend(consequences);
    }

    let measures = paragraphs(&report.measures_after);
    if !measures.is_empty() {
        out.push(Block::Heading(
            tr.t("breach-letter-measures-taken").to_owned(),
        ));
        out.extend(measures);
    }

    out.push(Block::Heading(
        tr.t("breach-letter-what-you-can-do").to_owned(),
    ));
    out.push(Block::List(advice(tr, report)));

    out.push(Block::Heading(tr.t("breach-letter-contact").to_owned()));
    let r = &report.reporter;
    let contact = [r.email.trim(), r.phone.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let name = if r.name.trim().is_empty() {
        organisation
    } else {
        r.name.trim()
    };
    out.push(Block::Para(tr.t_with(
        "breach-letter-contact-text",
        &[("name", name), ("contact", &contact)],
    )));
    if let Some(dpo) = r.dpo.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        out.push(Block::Para(
            tr.t_with("breach-letter-contact-dpo", &[("dpo", dpo)]),
        ));
    }
    out.push(Block::Para(format!(
        "{}\n{organisation}",
        tr.t("breach-letter-closing")
    )));
    out.push(Block::Para(tr.t_with(
        "breach-letter-reference",
        &[("reference", meta.reference.trim())],
    )));
    out
}

/// Backslash-escapes what the letter layout's Markdown reads as markup.
fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '-' | '+' | '!' | '(' | ')'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The letter to one person (`recipient_name`, or a greeting to no one in particular) in `lang`.
pub fn render_breach_letter(
    report: &BreachReport,
    recipient_name: Option<&str>,
    meta: &BreachDocMeta<'_>,
    lang: Lang,
) -> BreachLetter {
    let tr = Tr::new(lang);
    let organisation = if report.reporter.organisation.trim().is_empty() {
        meta.organisation.trim()
    } else {
        report.reporter.organisation.trim()
    };
    let subject = tr.t_with("breach-letter-subject", &[("organisation", organisation)]);
    let blocks = blocks(tr, report, recipient_name, meta, organisation);

    let mut text = String::new();
    let mut html = String::new();
    let mut markdown = format!("# {}\n", md_escape(&subject));
    for b in &blocks {
        if !text.is_empty() {
            text.push('\n');
        }
        match b {
            Block::Para(p) => {
                text.push_str(p);
                text.push('\n');
                html.push_str("<p>");
                html.push_str(&xml_escape_lines(p));
                html.push_str("</p>\n");
                markdown.push('\n');
                // A hard line break inside a paragraph (the closing) becomes its own paragraph in Markdown.
                markdown.push_str(&p.lines().map(md_escape).collect::<Vec<_>>().join("\n\n"));
                markdown.push('\n');
            }
            Block::Heading(h) => {
                text.push_str(h);
                text.push('\n');
                html.push_str("<h2>");
                html.push_str(&xml_escape(h));
                html.push_str("</h2>\n");
                markdown.push_str(&format!("\n## {}\n", md_escape(h)));
            }
            Block::List(items) => {
                html.push_str("<ul>");
                markdown.push('\n');
                for item in items {
                    text.push_str(&format!("- {item}\n"));
                    html.push_str(&format!("<li>{}</li>", xml_escape(item)));
                    markdown.push_str(&format!("- {}\n", md_escape(item)));
                }
                html.push_str("</ul>\n");
            }
        }
    }
    BreachLetter {
        subject,
        text,
        html,
        markdown,
        lang,
    }
}

/// Escapes `s` for HTML and keeps its line breaks as `<br>`.
fn xml_escape_lines(s: &str) -> String {
    s.lines().map(xml_escape).collect::<Vec<_>>().join("<br>")
}

/// The letter as an A4 PDF in the privacy statement's letter layout, with the breach number in the footer.
pub fn render_breach_letter_pdf(
    letter: &BreachLetter,
    meta: &BreachDocMeta<'_>,
) -> Result<Vec<u8>, ExportError> {
    let tr = Tr::new(letter.lang);
    let footer = tr.t_with(
        "breach-doc-footer",
        &[
            ("reference", meta.reference.trim()),
            ("organisation", meta.organisation.trim()),
        ],
    );
    render_letter_pdf(&letter.markdown, &footer, "letter.pdf", letter.lang).map(|e| e.bytes)
}
